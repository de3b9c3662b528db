"""Checking a spreadsheet before importing it, and matching its columns to the tracker's."""

from __future__ import annotations

from pathlib import Path

from workbook.data.import_check import LEFT_OUT, check_import, guess_columns
from workbook.data.store import Tracker


def test_columns_are_matched_by_name_whatever_the_case_spaces_or_hyphens() -> None:
    """`Contact Date` and `contact-date` name contact_date; unknown or repeated names match
    nothing."""
    header = ["Company", "Contact Date", "contact-date", "Salary", " ROLE "]
    assert guess_columns(header) == ("company", "contact_date", LEFT_OUT, LEFT_OUT, "role")


def test_a_column_chosen_twice_is_a_problem_and_nothing_is_read(tmp_path: Path) -> None:
    """Choosing one tracker column for two of the file's is refused, naming both."""
    source = tmp_path / "a.csv"
    source.write_text("Firm,Company\nA,B\n", encoding="utf-8")
    check = check_import(source, tmp_path / "t.db", ["company", "company"])
    assert check.report is None
    assert check.problems == (
        "a.csv: the tracker's column 'company' is chosen for 2 columns of the file ('Firm', "
        "'Company'); choose it for one of them only",
    )


def test_a_matched_copy_keeps_line_numbers_and_leaves_no_file(
    tmp_path: Path, isolated_home: Path
) -> None:
    """Problems in a file read through matched columns name the file's own lines, and the
    copy made for reading is deleted."""
    source = tmp_path / "b.csv"
    source.write_text(
        "Firm,Interview,Sent,Channel\n\nAcme,2026-11-02,2026-11-03,email\n"
        'Acme,2026-11-02,"2026-11-04",pigeon\n',
        encoding="utf-8",
    )
    columns = ["company", "interview_date", "contact_date", "channel"]
    check = check_import(source, tmp_path / "t.db", columns, name="mine.csv")
    assert check.problems[0].startswith("mine.csv:4: column 'channel': value 'pigeon'")
    assert not list(isolated_home.glob("import-*"))
    assert not (tmp_path / "t.db").exists()


def test_an_import_after_the_check_writes_what_the_check_said(tmp_path: Path) -> None:
    """The dry run's counts are the import's."""
    source = tmp_path / "c.csv"
    source.write_text("company,role\nAcme,Clerk\nBeta,\n", encoding="utf-8")
    dry = check_import(source, tmp_path / "t.db")
    done = check_import(source, tmp_path / "t.db", dry_run=False)
    assert dry.report is not None and done.report is not None
    assert (dry.report.added, done.report.added, done.report.dry_run) == (2, 2, False)
    with Tracker(tmp_path / "t.db", create=False) as tracker:
        assert list(tracker.applications()["company"]) == ["Acme", "Beta"]
