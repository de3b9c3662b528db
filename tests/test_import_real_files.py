"""Importing the files job seekers really have (issue 14): LinkedIn's own export and its saved
jobs, other encodings, two-digit years, free-text results and the word table, --map-value,
--skip-bad-rows and columns read by what they hold. Every file is made up."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd
import pytest

from tests.tables import snapshot
from workbook.cli import main
from workbook.tables.canonical_csv import CsvError
from workbook.tables.spreadsheet import open_sheet
from workbook.tracker.store import Tracker

DATA = Path(__file__).resolve().parent / "data" / "import"
LINKEDIN = DATA / "linkedin-job-applications.csv"
SAVED = DATA / "linkedin-saved-jobs.csv"
D = dt.date


def write(folder: Path, text: str, name: str = "in.csv", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def dates(column: pd.Series) -> list[D | None]:
    return [None if pd.isna(value) else value.date() for value in column]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refusal(path: Path, **options: object) -> list[tuple[int, str, str | None, str]]:
    with pytest.raises(CsvError) as raised:
        open_sheet(path, **options).table()  # type: ignore[arg-type]
    return [(p.line, p.column, p.value, p.message) for p in raised.value.problems]


# -- LinkedIn ----------------------------------------------------------------------------------


def test_linkedins_export_gives_one_application_per_row():
    """Each row of `Job Applications.csv` is an application made through LinkedIn: its date
    read in LinkedIn's M/D/YY form, the contact email and phone (leading space trimmed) as
    contact_detail, the job link as job_ref, and no interview or contact."""
    table = open_sheet(LINKEDIN).table()
    assert list(table["company"]) == ["Tidewater Books (synthetic)",
                                      "Quill & Ink Media (synthetic)",
                                      "Harrow Transit (synthetic)"]  # fmt: skip
    assert list(table["role"]) == ["Store Associate", "Content Coordinator",
                                   "Customer Service Agent"]  # fmt: skip
    assert dates(table["applied_date"]) == [D(2024, 11, 23), D(2024, 11, 2), D(2025, 1, 7)]
    assert list(table["contact_detail"]) == ["sam.okafor@example.com; 555-0134"] * 2 + [
        "sam.okafor@example.com"
    ]
    assert table["job_ref"].iloc[0] == "https://www.linkedin.com/jobs/view/1000000001"
    assert table["interview_date"].isna().all() and table["contact_date"].isna().all()
    assert set(table["outcome"]) == {"pending"}
    assert set(table["source"]) == {"linkedin"}


def test_the_dry_run_of_a_linkedin_export_says_what_it_read_and_ignored(tmp_path, capsys):
    """The dry run names LinkedIn's export, the résumé and answers ignored with why, and how
    a two-digit year was read; nothing is written and the file is unchanged."""
    db = tmp_path / "t.db"
    before = digest(LINKEDIN)
    assert main(["import", str(LINKEDIN), "--db", str(db), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"Reading {LINKEDIN} (CSV, UTF-8, separated by ',') as LinkedIn's export of your job"
        " applications."
    )
    assert "  'Job Url' -> job_ref" in out
    assert (
        "  source: linkedin on every row (the export lists the applications you made through"
        " LinkedIn)"
    ) in out
    assert (
        "  ignored: 'Resume Name' (the résumé you sent; the tracker does not keep it),"
        " 'Question And Answers' (your answers to the application's questions; the tracker"
        " does not keep them)"
    ) in out
    assert (
        "  dates: 'Application Date' in LinkedIn's M/D/YY, h:mm AM form: '11/23/24, 11:39 PM'"
        " read as 2024-11-23"
    ) in out
    assert out[-1].endswith("would give rows: 3 added, 0 updated, 0 unchanged.")
    assert not db.exists() and digest(LINKEDIN) == before


def test_a_linkedin_export_imports_once(tmp_path):
    """Importing the export twice adds its three applications once and changes nothing the
    second time."""
    db = tmp_path / "t.db"
    assert main(["import", str(LINKEDIN), "--db", str(db)]) == 0
    before = snapshot(db)
    assert main(["import", str(LINKEDIN), "--db", str(db)]) == 0
    assert snapshot(db) == before
    assert len(before["applications"]) == 3


def test_a_linkedin_date_not_in_its_form_is_named(tmp_path):
    """A cell of `Application Date` that is not LinkedIn's M/D/YY form is refused at its line."""
    text = LINKEDIN.read_text(encoding="utf-8").replace('"1/7/25, 12:14 PM"', "2025-01-07")
    assert refusal(write(tmp_path, text)) == [
        (4, "Application Date", "2025-01-07", "is not a date in LinkedIn's M/D/YY, h:mm AM form"
         " (for example '11/23/24, 11:39 PM')"),
    ]  # fmt: skip


def test_linkedins_saved_jobs_are_not_applications(tmp_path, capsys):
    """`Saved Jobs.csv` is refused in plain words, naming the file to import instead, and
    nothing is written."""
    db = tmp_path / "t.db"
    assert main(["import", str(SAVED), "--db", str(db)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{SAVED}:1: is LinkedIn's list of jobs you saved, not of jobs you applied for, so it"
        " holds nothing to import (your applications are in Jobs/Job Applications.csv of the"
        " same archive)",
        "workbook import: error: nothing imported (1 problem)",
    ]
    assert not db.exists()


# -- two-digit years ---------------------------------------------------------------------------


def test_a_column_of_two_digit_years_is_read_and_the_dry_run_says_how(tmp_path):
    """A column whose every date is M/D/YY is read as 20YY, and the mapping shows its first
    date read."""
    path = write(tmp_path, "Company,Date applied\nAcme,11/23/24\nZeta,1/5/25\n")
    sheet = open_sheet(path)
    assert dates(sheet.table()["applied_date"]) == [D(2024, 11, 23), D(2025, 1, 5)]
    assert sheet.mapping.dates == (
        "read month first (11/23/2026); no date in the file is day first; 'Date applied' has"
        " two-digit years, read as 20YY: '11/23/24' read as 2024-11-23"
    )


def test_two_digit_years_follow_the_files_day_first_reading(tmp_path):
    """Two-digit years in a day-first file are read day first: `03/04/25` is the 3rd of April
    once a date proves the file day first."""
    path = write(tmp_path, "Company,Date applied,Interview date\nAcme,03/04/25,23/04/2025\n")
    table = open_sheet(path).table()
    assert dates(table["applied_date"]) == [D(2025, 4, 3)]


def test_a_column_mixing_two_and_four_digit_years_is_refused_at_the_short_one(tmp_path):
    """Where a column mixes `11/23/24` with `11/24/2024`, the two-digit year is not guessed."""
    path = write(tmp_path, "Company,Interview date\nA,11/23/24\nB,11/24/2024\n")
    ((line, column, value, message),) = refusal(path)
    assert (line, column, value) == (2, "Interview date", "11/23/24")
    assert message.startswith("is not a date (expected a four-digit year")
    assert "two-digit years are read only when every date of their column has one" in message


# -- encodings ---------------------------------------------------------------------------------

EXCEL_WINDOWS = (
    "Company;Role;Date applied;Notes\r\n"
    "Café Müller (synthetic);Kellner – Teilzeit;23.11.2026;“great” team, €14/hr\r\n"
    "Søren’s Bakery (synthetic);Bäcker;24.11.2026;\r\n"
)


@pytest.mark.parametrize(
    ("encoding", "text", "said", "companies"),
    [
        ("cp1252", EXCEL_WINDOWS, "Windows-1252",
         ["Café Müller (synthetic)", "Søren’s Bakery (synthetic)"]),
        ("latin-1", "Company,Role\nÅngström AB (synthetic),Ingenjör\n", "Windows-1252",
         ["Ångström AB (synthetic)"]),
        ("mac_roman", "Company,Role\nCafé Müller (synthetic),Kellner\n"
         "Crème Brûlée Co (synthetic),Pâtissier\n", "Mac Roman",
         ["Café Müller (synthetic)", "Crème Brûlée Co (synthetic)"]),
        ("utf-16", "Company\tRole\nCafé Müller (synthetic)\tKellner\n", "UTF-16",
         ["Café Müller (synthetic)"]),
        ("utf-16-le", "Company\tRole\nCafé Müller (synthetic)\tKellner\n", "UTF-16",
         ["Café Müller (synthetic)"]),
        ("utf-16-be", "Company\tRole\nCafé Müller (synthetic)\tKellner\n", "UTF-16",
         ["Café Müller (synthetic)"]),
        ("utf-8-sig", "Company,Role\nCafé Müller (synthetic),Kellner\n", "UTF-8 with a BOM",
         ["Café Müller (synthetic)"]),
        ("utf-8", "Company,Role\nCafé Müller (synthetic),Kellner\n", "UTF-8",
         ["Café Müller (synthetic)"]),
    ],
)  # fmt: skip
def test_a_file_in_another_encoding_is_read_and_the_encoding_named(
    tmp_path, encoding, text, said, companies
):
    """Excel on Windows (Windows-1252, CRLF, `;`, curly quotes and €), Latin-1, Mac Roman,
    UTF-16 with or without its BOM and UTF-8 with or without one are read letter for letter,
    and the mapping names the encoding."""
    sheet = open_sheet(write(tmp_path, text, encoding=encoding))
    assert sheet.mapping.lines()[0].startswith(f"Reading {tmp_path / 'in.csv'} (CSV, {said}, ")
    assert list(sheet.table()["company"]) == companies


def test_a_canonical_file_saved_in_windows_1252_is_read(tmp_path):
    """A canonical export a spreadsheet saved again as Windows-1252 is read, not refused as
    not UTF-8."""
    path = write(tmp_path, "company,role\nCafé Müller (synthetic),Kellner\n", encoding="cp1252")
    sheet = open_sheet(path)
    assert "Windows-1252" in sheet.mapping.lines()[0]
    assert list(sheet.table()["company"]) == ["Café Müller (synthetic)"]


def test_bytes_no_encoding_explains_are_refused_at_their_line(tmp_path, capsys):
    """A file whose encoding cannot be told is refused naming the first line that is not
    UTF-8 and the encodings expected; nothing is written and the file is unchanged."""
    path = tmp_path / "odd.csv"
    path.write_bytes(b"Company,Role\nAcme,Clerk\nCaf\xe9\x00\x81,Chef\n")
    before = digest(path)
    db = tmp_path / "t.db"
    assert main(["import", str(path), "--db", str(db)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{path}:3: is not UTF-8 text, and its encoding cannot be told (expected UTF-8, UTF-16,"
        " Windows-1252, Latin-1, Mac Roman); in Excel: Save As, CSV UTF-8",
        "workbook import: error: nothing imported (1 problem)",
    ]
    assert not db.exists() and digest(path) == before


# -- one word table for outcomes, statuses and responses ---------------------------------------

FREE_TEXT = (
    "Company,Role,Result\n"
    "Acme (synthetic),Clerk,Rejection :(\n"
    "Birch (synthetic),Baker,Accepted!\n"
    "Cove (synthetic),Cook,ongoing\n"
    "Dune (synthetic),Driver,reeejected\n"
    "Elm (synthetic),Editor,In progress 🤞\n"
    "Fern (synthetic),Florist,reeejected\n"
    "Gale (synthetic),Guard,Ghosted\n"
)


def test_free_text_results_read_through_the_word_table(tmp_path):
    """`Rejection :(`, `Accepted!`, `ongoing`, `In progress 🤞` and `Ghosted` in a column read
    as outcome read as the table says, as they would in a column read as status."""
    text = FREE_TEXT.replace("reeejected", "Declined")
    for header in ("Result", "Status"):
        table = open_sheet(write(tmp_path, text.replace("Result", header))).table()
        assert list(table["outcome"]) == ["rejected", "offer", "pending", "rejected", "pending",
                                          "rejected", "no-response"]  # fmt: skip


def test_an_unknown_word_is_named_once_with_its_rows_and_a_close_match_proposed(tmp_path, capsys):
    """A word the table does not hold is one problem for all its rows, with their count and
    lines, and the close known word proposed as a --map-value, not applied; nothing written."""
    path = write(tmp_path, FREE_TEXT)
    db = tmp_path / "t.db"
    assert main(["import", str(path), "--db", str(db)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{path}:5: column 'Result': value 'reeejected' is not a word the import knows for an"
        " outcome: 'reeejected' looks like 'rejected': add --map-value 'reeejected=rejected'"
        " (on 2 rows: lines 5, 7)",
        "workbook import: error: nothing imported (1 problem)",
    ]
    assert not db.exists()


def test_map_value_reads_a_word_as_the_learner_says(tmp_path, capsys):
    """`--map-value 'reeejected=rejected'` reads that word as rejected on every row, and
    `--map-value` takes an outcome, a response tone or a word of the table."""
    path = write(tmp_path, FREE_TEXT)
    db = tmp_path / "t.db"
    assert main(["import", str(path), "--db", str(db), "--map-value", "reeejected=rejected"]) == 0
    assert "Rows: 7 added" in capsys.readouterr().out
    with Tracker(db) as tracker:
        outcomes = tracker.applications().set_index("company")["outcome"]
    assert outcomes["Dune (synthetic)"] == outcomes["Fern (synthetic)"] == "rejected"
    replies = write(tmp_path, "Company,Interview,Follow-up date,Method,Heard back,Tone\n"
                    "Acme,2026-11-20,2026-11-23,Email,2026-11-24,Meh\n", "replies.csv")  # fmt: skip
    sheet = open_sheet(replies, words=["meh=neutral"])
    assert list(sheet.table()["response"]) == ["neutral"]


def test_an_unknown_response_word_is_refused_with_the_tones_expected(tmp_path):
    """A response cell the table does not explain names the tones and words expected."""
    path = write(tmp_path, "Company,Interview,Follow-up date,Method,Heard back,Tone\n"
                 "Acme,2026-11-20,2026-11-23,Email,2026-11-24,Meh\n")  # fmt: skip
    ((line, column, value, message),) = refusal(path)
    assert (line, column, value) == (2, "Tone", "Meh")
    assert message == (
        "is not a word the import knows for the tone of a response (such as positive, neutral,"
        " negative, good, acknowledged, rejected); say what it means with --map-value"
        " 'Meh=VALUE'"
    )


@pytest.mark.parametrize(
    ("option", "message"),
    [("rejected", "--map-value: 'rejected' is not WORD=VALUE (for example"
      " 'reeejected=rejected')"),
     ("reeejected=nope", "--map-value: 'nope' is not a value the import knows (expected an"
      " outcome: offer, rejected, withdrawn, no-response, pending; a response: positive,")],
)  # fmt: skip
def test_a_map_value_the_import_cannot_honour_names_the_option(tmp_path, capsys, option, message):
    """A --map-value that is not WORD=VALUE, or names a value the table does not hold, is one
    line naming the option, status 2, nothing written."""
    db = tmp_path / "t.db"
    assert main(["import", str(write(tmp_path, FREE_TEXT)), "--db", str(db),
                 "--map-value", option]) == 2  # fmt: skip
    assert capsys.readouterr().err.startswith(f"workbook import: error: {message}")
    assert not db.exists()


# -- --skip-bad-rows ---------------------------------------------------------------------------

WITH_BAD_ROWS = (
    "Company,Role,Date applied,Result\n"
    "Acme (synthetic),Clerk,01/20/2025,Rejected\n"
    "Birch (synthetic),Baker,Before 2025-01-24,ongoing\n"
    "Cove (synthetic),Cook,01/22/2025,reeejected\n"
    "Dune (synthetic),Driver,01/23/2025,Accepted!\n"
)


def left_out_files(home: Path) -> list[Path]:
    return sorted(home.glob("* left out *.csv"))


def test_skip_bad_rows_imports_the_good_rows_and_keeps_the_others_in_a_file(
    tmp_path, isolated_home, capsys
):
    """Each bad row is left out and listed (line, column, value, why), written with a reason
    column to a file in the learner's data folder that the output names; the good rows are
    imported and the file read is unchanged."""
    path = write(tmp_path, WITH_BAD_ROWS)
    before = digest(path)
    db = tmp_path / "t.db"
    assert main(["import", str(path), "--db", str(db), "--skip-bad-rows"]) == 0
    out = capsys.readouterr().out.splitlines()
    (kept,) = left_out_files(isolated_home)
    assert out[-5:] == [
        "Left out 2 rows with a problem:",
        f"  {path}:3: column 'Date applied': value 'Before 2025-01-24' is not a date (expected a"
        " date such as 2026-11-23, 11/23/2026 or 23.11.2026)",
        f"  {path}:4: column 'Result': value 'reeejected' is not a word the import knows for an"
        " outcome: 'reeejected' looks like 'rejected': add --map-value 'reeejected=rejected'",
        f"The rows left out, with the reason, are in {kept}.",
        f"Imported {path} into {db}. Rows: 2 added, 0 updated, 0 unchanged.",
    ]
    assert kept.read_text(encoding="utf-8-sig").splitlines() == [
        "Company,Role,Date applied,Result,reason",
        "Birch (synthetic),Baker,Before 2025-01-24,ongoing,\"line 3: column 'Date applied': value"
        " 'Before 2025-01-24' is not a date (expected a date such as 2026-11-23, 11/23/2026 or"
        ' 23.11.2026)"',
        "Cove (synthetic),Cook,01/22/2025,reeejected,line 4: column 'Result': value 'reeejected'"
        " is not a word the import knows for an outcome: 'reeejected' looks like 'rejected':"
        " add --map-value 'reeejected=rejected'",
    ]
    with Tracker(db) as tracker:
        assert sorted(tracker.applications()["company"]) == ["Acme (synthetic)",
                                                             "Dune (synthetic)"]  # fmt: skip
    assert digest(path) == before


def test_without_skip_bad_rows_the_same_file_is_refused_whole(tmp_path, isolated_home, capsys):
    """Without the flag, a file with bad rows imports nothing and writes no left-out file."""
    db = tmp_path / "t.db"
    assert main(["import", str(write(tmp_path, WITH_BAD_ROWS)), "--db", str(db)]) == 2
    assert capsys.readouterr().err.endswith("nothing imported (2 problems)\n")
    assert not db.exists() and not left_out_files(isolated_home)


def test_a_dry_run_says_which_rows_it_would_leave_out_and_writes_nothing(
    tmp_path, isolated_home, capsys
):
    """`--skip-bad-rows --dry-run` lists the rows it would leave out and what the good ones
    would give, and writes neither a tracker nor a left-out file."""
    db = tmp_path / "t.db"
    path = write(tmp_path, WITH_BAD_ROWS)
    assert main(["import", str(path), "--db", str(db), "--skip-bad-rows", "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Would leave out 2 rows with a problem:" in out
    assert out[-1].endswith("would give rows: 2 added, 0 updated, 0 unchanged.")
    assert not db.exists() and not left_out_files(isolated_home)


def test_skipping_again_changes_nothing_and_deletes_nothing(tmp_path, isolated_home):
    """Importing the same file with bad rows again leaves the tracker as it was, and an
    application the file does not hold stays."""
    db = tmp_path / "t.db"
    with Tracker(db) as tracker:
        tracker.add_application("Elsewhere (synthetic)", "Clerk")
    path = write(tmp_path, WITH_BAD_ROWS)
    assert main(["import", str(path), "--db", str(db), "--skip-bad-rows"]) == 0
    before = snapshot(db)
    assert main(["import", str(path), "--db", str(db), "--skip-bad-rows"]) == 0
    assert snapshot(db) == before
    assert len(before["applications"]) == 3
    assert len(left_out_files(isolated_home)) == 2  # one per import, the first kept


def test_a_row_of_several_contacts_is_left_out_whole_and_rows_that_disagree_too(tmp_path):
    """A one-row-per-application line with a bad follow-up leaves out its thank-you too; of
    two rows of one application that disagree, the later is left out and the earlier kept."""
    text = (
        "Company,Role,Interview date,Thank-you sent,Thank-you method,Follow-up date,"
        "Follow-up method,People facing\n"
        "Acme (synthetic),Clerk,2026-11-20,2026-11-20,Email,2026-11-27,Pigeon,no\n"
        "Birch (synthetic),Baker,2026-11-21,2026-11-21,Email,2026-11-28,Phone,yes\n"
        "Birch (synthetic),Baker,2026-11-21,,,,,no\n"
    )
    sheet = open_sheet(write(tmp_path, text), skip_bad_rows=True)
    table = sheet.table()
    assert list(table["company"]) == ["Birch (synthetic)"] * 2
    assert list(table["kind"]) == ["thank-you", "follow-up"]
    assert [(p.line, p.column, p.value) for p in sheet.left_out] == [
        (2, "Follow-up method", "Pigeon"),
        (4, "People facing", "no"),
    ]
    assert sheet.left_out[1].message.startswith("disagrees with line 3 ('yes')")


def test_a_canonical_file_skips_its_bad_rows_too(tmp_path, isolated_home):
    """A canonical file's bad row is left out and written as the file has it."""
    text = "company,role,outcome\nAcme (synthetic),Clerk,offer\nBirch (synthetic),Baker,maybe\n"
    sheet = open_sheet(write(tmp_path, text), skip_bad_rows=True)
    assert list(sheet.table()["company"]) == ["Acme (synthetic)"]
    written = sheet.write_left_out(isolated_home)
    assert written is not None
    with written.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["company", "role", "outcome", "reason"]
    assert rows[1][:3] == ["Birch (synthetic)", "Baker", "maybe"]
    assert rows[1][3].startswith("line 3: column 'outcome': value 'maybe' is not a word")
