"""Checking a spreadsheet before importing it, and correcting what its columns become."""

from __future__ import annotations

from pathlib import Path

from workbook.tables.import_check import LEFT_OUT, check_import
from workbook.tracker.store import Tracker


def test_the_check_reads_the_header_as_the_import_command_does(tmp_path: Path) -> None:
    """Headers in the learner's own words are matched, and unknown ones left out."""
    source = tmp_path / "mine.csv"
    source.write_text("Employer,Job Title,Salary\nAcme,Clerk,30k\n", encoding="utf-8")
    check = check_import(source, tmp_path / "t.db")
    assert check.header == ("Employer", "Job Title", "Salary")
    assert check.columns == ("company", "role", LEFT_OUT)
    assert check.left_out == ("Salary",)
    assert check.report is not None and check.report.added == 1


def test_a_column_chosen_twice_is_a_problem_and_nothing_is_read(tmp_path: Path) -> None:
    """Choosing one tracker column for two of the file's is refused, naming the file."""
    source = tmp_path / "a.csv"
    source.write_text("Firm,Company\nA,B\n", encoding="utf-8")
    check = check_import(source, tmp_path / "t.db", ["company", "company"])
    assert check.report is None
    assert check.problems and check.problems[0].startswith("a.csv:1:")
    assert "company" in check.problems[0]
    assert not (tmp_path / "t.db").exists()


def test_a_corrected_column_names_the_files_own_lines(tmp_path: Path) -> None:
    """Problems in a file read with corrected columns name its own lines and its name."""
    source = tmp_path / "b.csv"
    source.write_text(
        "Firm,Interview,Sent,Channel\n\nAcme,2026-11-02,2026-11-03,email\n"
        'Acme,2026-11-02,"2026-11-04",pigeon\n',
        encoding="utf-8",
    )
    columns = ["company", "interview_date", "contact_date", "channel"]
    check = check_import(source, tmp_path / "t.db", columns, name="mine.csv")
    assert check.columns == tuple(columns)
    assert check.problems[0].startswith("mine.csv:4:")
    assert "pigeon" in check.problems[0]
    assert not (tmp_path / "t.db").exists()


def test_leaving_a_column_out_keeps_it_out_of_the_tracker(tmp_path: Path) -> None:
    """A column the learner leaves out is not imported, even when its header is known."""
    source = tmp_path / "c.csv"
    source.write_text("company,role\nAcme,Clerk\n", encoding="utf-8")
    check = check_import(source, tmp_path / "t.db", ["company", LEFT_OUT], dry_run=False)
    assert check.report is not None and check.left_out == ("role",)
    with Tracker(tmp_path / "t.db", create=False) as tracker:
        assert list(tracker.applications()["role"]) == [""]


def test_an_import_after_the_check_writes_what_the_check_said(tmp_path: Path) -> None:
    """The dry run's counts are the import's."""
    source = tmp_path / "d.csv"
    source.write_text("company,role\nAcme,Clerk\nBeta,\n", encoding="utf-8")
    dry = check_import(source, tmp_path / "t.db")
    done = check_import(source, tmp_path / "t.db", dry_run=False)
    assert dry.report is not None and done.report is not None
    assert (dry.report.added, done.report.added, done.report.dry_run) == (2, 2, False)
    with Tracker(tmp_path / "t.db", create=False) as tracker:
        assert list(tracker.applications()["company"]) == ["Acme", "Beta"]


def test_a_file_that_is_no_spreadsheet_is_reported_not_raised(tmp_path: Path) -> None:
    """A file with no header row gives a problem line, never an exception."""
    source = tmp_path / "e.csv"
    source.write_text("", encoding="utf-8")
    check = check_import(source, tmp_path / "t.db")
    assert check.report is None and check.header == ()
    assert check.problems and check.problems[0].startswith("e.csv")
