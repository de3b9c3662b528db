"""Reading the applications in the sheets people keep (issue 14): one job applied for twice,
status logs with a row per change, history lists in one cell, and columns read by what they
hold (a yes/no column, how the person applied, an answer with no contact, a follow-up with no
method). Every file is made up."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.tables import snapshot
from workbook.cli import main
from workbook.tables.canonical_csv import CsvError
from workbook.tables.import_check import LEFT_OUT, check_import
from workbook.tables.spreadsheet import open_sheet
from workbook.tracker.store import Tracker

DATA = Path(__file__).resolve().parent / "data" / "import"
STATUS_LOG = DATA / "status-log.csv"
NOTION = DATA / "notion-job-tracker.csv"
APPLIED_TWICE = DATA / "applied-twice.csv"
SCRIPT = DATA / "script-history.csv"
D = dt.date


def write(folder: Path, text: str, name: str = "in.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def day(value: Any) -> D | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def applications(table: pd.DataFrame) -> dict[str, dict[str, object]]:
    """Each application of a table once: its outcome, dates, source and stage history."""
    first = table.drop_duplicates("application_id").set_index("application_id")
    return {
        str(app): {
            "outcome": row["outcome"],
            "applied": day(row["applied_date"]),
            "answered": day(row["answer_date"]),
            "source": row["source"],
            "history": row["stage_history"],
        }
        for app, row in first.iterrows()
    }


def refusal(path: Path, **options: object) -> list[tuple[int, str, str | None, str]]:
    with pytest.raises(CsvError) as raised:
        open_sheet(path, **options).table()  # type: ignore[arg-type]
    return [(p.line, p.column, p.value, p.message) for p in raised.value.problems]


# -- status logs, jobs applied for twice, history lists -----------------------------------------


def test_a_status_log_is_one_application_per_job_with_its_stages_oldest_first():
    """Rows of one job with a status and a date each are one application: its stages by
    date (whatever order the rows stand in), its outcome that of the last status, and its
    applied and answer dates taken from the log; applied again on a later day, a second
    application."""
    found = applications(open_sheet(STATUS_LOG).table())
    assert found == {
        "fernhill-bakery-synthetic--shift-lead": {
            "outcome": "no-response", "applied": D(2024, 11, 23), "answered": D(2024, 12, 2),
            "source": "", "history": "applied 2024-11-23; screen 2024-12-02; interview"
            " 2024-12-10; no-answer 2025-01-15"},
        "gannet-freight-synthetic--dispatcher": {
            "outcome": "rejected", "applied": D(2024, 11, 25), "answered": D(2024, 12, 20),
            "source": "", "history": "applied 2024-11-25; rejected 2024-12-20"},
        "heron-books-synthetic--bookseller": {
            "outcome": "pending", "applied": D(2025, 1, 6), "answered": None, "source": "",
            "history": "applied 2025-01-06"},
        "gannet-freight-synthetic--dispatcher--2025-03-03": {
            "outcome": "pending", "applied": D(2025, 3, 3), "answered": D(2025, 3, 19),
            "source": "", "history": "applied 2025-03-03; interview 2025-03-19"},
    }  # fmt: skip


def test_the_same_job_on_two_applied_dates_is_two_applications():
    """Two rows of one company and role with different applied dates are two applications,
    each with its own status, source and answer; the later is told apart by its date."""
    found = applications(open_sheet(APPLIED_TWICE).table())
    assert found["juno-dental-synthetic--receptionist"] == {
        "outcome": "rejected", "applied": D(2024, 1, 10), "answered": D(2024, 1, 24),
        "source": "job-board", "history": "applied 2024-01-10; rejected"}  # fmt: skip
    assert found["juno-dental-synthetic--receptionist--2025-02-03"] == {
        "outcome": "pending", "applied": D(2025, 2, 3), "answered": D(2025, 2, 12),
        "source": "referral", "history": "applied 2025-02-03; interview"}  # fmt: skip
    assert len(found) == 5


def test_a_row_without_an_applied_date_joins_the_application_its_own_date_falls_in(tmp_path):
    """Of a job applied for twice, a round row without an applied date belongs to the latest
    application made on or before its interview, and shares that application's facts."""
    path = write(tmp_path, "Company,Role,Date applied,Interview date,Status,Job ID\n"
                 "Acme (synthetic),Clerk,2024-01-10,,Rejected,A-1\n"
                 "Acme (synthetic),Clerk,2025-02-03,,Applied,A-7\n"
                 "Acme (synthetic),Clerk,,2025-02-20,Interviewing,\n")  # fmt: skip
    table = open_sheet(path).table()
    assert list(table["application_id"]) == ["acme-synthetic--clerk",
                                             "acme-synthetic--clerk--2025-02-03",
                                             "acme-synthetic--clerk--2025-02-03"]  # fmt: skip
    assert list(table["job_ref"]) == ["A-1", "A-7", "A-7"]
    assert list(table["stage_history"])[1:] == ["applied 2025-02-03; interview"] * 2


def test_a_row_no_date_places_among_several_applications_is_named(tmp_path):
    """A row of a job applied for on two dates that has no date of its own cannot be placed,
    and is refused at its line, naming both dates."""
    path = write(tmp_path, "Company,Role,Date applied,Status\n"
                 "Acme (synthetic),Clerk,2024-01-10,Rejected\n"
                 "Acme (synthetic),Clerk,2025-02-03,Applied\n"
                 "Acme (synthetic),Clerk,,Interviewing\n")  # fmt: skip
    assert refusal(path) == [
        (4, "Date applied", "", "is empty, and 'Acme (synthetic)' / 'Clerk' was applied for on 2"
         " dates (2024-01-10, 2025-02-03): give this row's applied date, so it is clear which"
         " application it belongs to"),
    ]  # fmt: skip


def test_history_lists_in_one_cell_give_the_same_history():
    """Notion's multi-select (`Applied, Phone Screen, Rejected`) and a script's bracketed
    list (`['Applied', 'Interview']`) give the stages in order and the outcome of the last;
    the applied date dates the first stage; Notion's month-name dates are read."""
    notion = applications(open_sheet(NOTION).table())
    assert [(a["history"], a["outcome"], a["applied"], a["source"]) for a in notion.values()] == [
        ("applied 2024-11-23; screen; rejected", "rejected", D(2024, 11, 23), "company-site"),
        ("applied 2024-11-25", "pending", D(2024, 11, 25), "job-board"),
        ("applied 2025-01-06; interview; offer", "offer", D(2025, 1, 6), "referral"),
        ("", "pending", None, "linkedin"),
    ]
    script = applications(open_sheet(SCRIPT).table())
    assert [(a["history"], a["outcome"]) for a in script.values()] == [
        ("applied 2025-03-03; interview", "pending"),
        ("applied 2025-03-04; screen; rejected", "rejected"),
        ("applied 2025-03-06", "pending"),
    ]


def test_an_unknown_item_of_a_history_list_is_named_with_a_close_match(tmp_path):
    """An item of a list the word table does not hold is named, with the close known word
    proposed as --map-value, once for all its rows; `--map-value` then reads it."""
    text = ("Company,Role,Status\nAcme (synthetic),Clerk,\"Applied, Intervew\"\n"
            "Birch (synthetic),Baker,\"Applied, Intervew\"\n")  # fmt: skip
    path = write(tmp_path, text)
    assert refusal(path) == [
        (2, "Status", "Applied, Intervew", "is not a word the import knows for an outcome"
         " ('Intervew', an item of the list): 'Intervew' looks like 'interview': add"
         " --map-value 'Intervew=interview' (on 2 rows: lines 2, 3)"),
    ]  # fmt: skip
    table = open_sheet(path, words=["Intervew=interview"]).table()
    assert list(table["stage_history"]) == ["applied; interview"] * 2


def test_rows_of_one_round_per_row_share_the_applications_facts(tmp_path):
    """An applied date or a source written on one row of an application only is the whole
    application's; two statuses over its rounds are its history, not a disagreement."""
    path = write(tmp_path, "Company,Role,Date applied,Source,Interview date,Outcome\n"
                 "Acme (synthetic),Clerk,2026-11-02,Indeed,2026-11-16,Pending\n"
                 "Acme (synthetic),Clerk,,,2026-11-30,Rejected\n")  # fmt: skip
    table = open_sheet(path).table()
    assert [day(value) for value in table["applied_date"]] == [D(2026, 11, 2)] * 2
    assert list(table["source"]) == ["job-board"] * 2
    assert list(table["outcome"]) == ["rejected"] * 2
    assert list(table["stage_history"]) == ["applied 2026-11-02; rejected"] * 2


def test_a_status_date_that_is_no_date_is_named_and_can_be_left_out(tmp_path):
    """A status log's date that cannot be read is refused at its line and column; with
    --skip-bad-rows its row is left out and the history holds the other rows."""
    path = write(tmp_path, "Company,Role,Status,Status date\n"
                 "Acme (synthetic),Clerk,Applied,2026-11-02\n"
                 "Acme (synthetic),Clerk,Interview,soon\n"
                 "Acme (synthetic),Clerk,Rejected,2026-11-30\n")  # fmt: skip
    ((line, column, value, message),) = refusal(path)
    assert (line, column, value) == (3, "Status date", "soon")
    assert message.startswith("is not a date")
    sheet = open_sheet(path, skip_bad_rows=True)
    table = sheet.table()
    assert [problem.line for problem in sheet.left_out] == [3]
    assert set(table["stage_history"]) == {"applied 2026-11-02; rejected 2026-11-30"}


def test_a_status_log_imports_once_keeps_the_file_and_deletes_nothing(tmp_path):
    """Importing a status log twice gives its applications once and changes nothing the
    second time; an application the file does not hold stays; the file is unchanged."""
    db = tmp_path / "t.db"
    with Tracker(db) as tracker:
        tracker.add_application("Elsewhere (synthetic)", "Clerk")
    before_file = digest(STATUS_LOG)
    assert main(["import", str(STATUS_LOG), "--db", str(db)]) == 0
    first = snapshot(db)
    assert main(["import", str(STATUS_LOG), "--db", str(db)]) == 0
    assert snapshot(db) == first
    with Tracker(db) as tracker:
        stored = tracker.applications().set_index("application_id")
    assert len(stored) == 5
    assert stored.loc["fernhill-bakery-synthetic--shift-lead", "stage_history"] == (
        "applied 2024-11-23; screen 2024-12-02; interview 2024-12-10; no-answer 2025-01-15"
    )
    assert digest(STATUS_LOG) == before_file


# -- columns read by what they hold ------------------------------------------------------------


@pytest.mark.parametrize("header", ["Follow-up?", "Followed up"])
@pytest.mark.parametrize("cells", [("yes", "no"), ("Y", "n"), ("TRUE", "false"), ("✓", ""),
                                   ("✔", "✗")])  # fmt: skip
def test_a_yes_no_column_is_a_flag_never_a_date(tmp_path, header, cells):
    """A column of yes and no (in words, letters or ticks, some blank) under a follow-up
    header is ignored as a flag, with why, and never clashes with the real follow-up date."""
    path = write(tmp_path, f"Company,Interview date,{header},Follow-up date,Method\n"
                 f"Acme (synthetic),2026-11-20,{cells[0]},2026-11-25,Email\n"
                 f"Birch (synthetic),2026-11-21,{cells[1]},,\n")  # fmt: skip
    sheet = open_sheet(path)
    table = sheet.table()
    assert [day(value) for value in table["contact_date"]] == [D(2026, 11, 25), None]
    assert (
        f"  ignored: '{header}' (holds only yes/no: a flag, not a date; the tracker keeps a"
        " contact with the day it was made)" in sheet.mapping.lines()
    )


APPLIED_HEADERS = ("submitted", "Sent", "applied on", "Date Applied", "APP SUBMITTED DATE",
                   "Date CV sent", "Resume Sent Date")  # fmt: skip


@pytest.mark.parametrize("header", APPLIED_HEADERS)
def test_headers_that_say_applying_are_the_applied_date(tmp_path, header):
    """Headers in the words people use for sending an application are the applied date."""
    sheet = open_sheet(write(tmp_path, f"Company,{header}\nAcme (synthetic),2026-11-02\n"))
    assert f"  {header!r} -> applied_date" in sheet.mapping.lines()
    assert day(sheet.table()["applied_date"].iloc[0]) == D(2026, 11, 2)


def test_sent_beside_a_contact_word_is_no_applied_date(tmp_path):
    """`Thank-you sent` and `Follow-up sent` stay contacts, not applied dates."""
    path = write(tmp_path, "Company,Interview,Thank-you sent,Thank-you method,Follow-up sent,"
                 "Method\nAcme (synthetic),2026-11-20,2026-11-20,Email,2026-11-25,"
                 "Phone\n")  # fmt: skip
    table = open_sheet(path).table()
    assert list(table["kind"]) == ["thank-you", "follow-up"]
    assert table["applied_date"].isna().all()


def test_a_follow_up_date_without_a_method_is_a_contact_whose_channel_is_unknown(tmp_path):
    """A follow-up (or thank-you) date with no column for how it was made is a contact with
    channel `unknown`, and the mapping says so; it imports, and again changes nothing."""
    path = write(tmp_path, "Company,Interview date,Thank-you sent,Followed up\n"
                 "Acme (synthetic),2026-11-20,2026-11-20,2026-11-25\n"
                 "Birch (synthetic),2026-11-21,,\n")  # fmt: skip
    table = open_sheet(path).table()
    assert list(table["kind"]) == ["thank-you", "follow-up", ""]
    assert list(table["channel"]) == ["unknown", "unknown", ""]
    db = tmp_path / "t.db"
    assert main(["import", str(path), "--db", str(db)]) == 0
    before = snapshot(db)
    assert main(["import", str(path), "--db", str(db)]) == 0
    assert snapshot(db) == before


@pytest.mark.parametrize(
    ("word", "source"),
    [("LinkedIn", "linkedin"), ("Easy Apply", "linkedin"), ("Referral", "referral"),
     ("referred by a friend", "referral"), ("Dice", "job-board"), ("Indeed", "job-board"),
     ("company site", "company-site"), ("Careers page", "company-site"),
     ("Recruiter", "agency"), ("E-mail", "email"), ("job fair", "other")],
)  # fmt: skip
def test_how_the_person_applied_reads_as_a_source(tmp_path, word, source):
    """A `Source`, `How applied` or `Applied via` column's words map to the source."""
    for header in ("Source", "How applied", "Applied via"):
        path = write(tmp_path, f"Company,{header}\nAcme (synthetic),{word}\n")
        assert list(open_sheet(path).table()["source"]) == [source]


def test_a_channel_column_of_ways_to_apply_is_the_source(tmp_path):
    """A `Channel` column whose words say how the person applied is the source (the mapping
    says why); one of contact channels beside follow-up dates stays the contact's channel."""
    sheet = open_sheet(APPLIED_TWICE)
    assert "  'Channel' -> source (its words say how you applied, such as 'Indeed')" in (
        sheet.mapping.lines()
    )
    path = write(tmp_path, "Company,Interview date,Follow-up date,Channel\n"
                 "Acme (synthetic),2026-11-20,2026-11-25,Email\n"
                 "Birch (synthetic),2026-11-21,2026-11-26,LinkedIn\n")  # fmt: skip
    table = open_sheet(path).table()
    assert list(table["channel"]) == ["email", "linkedin"]
    assert list(table["source"]) == ["", ""]


def test_an_unknown_source_word_is_named_once_and_map_value_reads_it(tmp_path, capsys):
    """A word for how the person applied that the table does not hold is one problem for all
    its rows with a close match proposed; `--map-value` reads it and any new word."""
    path = write(tmp_path, "Company,Source\nAcme (synthetic),Indeeed\nBirch (synthetic),Indeeed\n"
                 "Cove (synthetic),Hacker News\n")  # fmt: skip
    db = tmp_path / "t.db"
    assert main(["import", str(path), "--db", str(db)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        f"{path}:2: column 'Source': value 'Indeeed' is not a word the import knows for how you"
        " applied: 'Indeeed' looks like 'indeed': add --map-value 'Indeeed=indeed' (on 2 rows:"
        " lines 2, 3)"
    )
    assert err[1].startswith(f"{path}:4: column 'Source': value 'Hacker News' is not a word")
    assert not db.exists()
    assert main(["import", str(path), "--db", str(db), "--map-value", "Indeeed=indeed",
                 "--map-value", "Hacker News=job-board"]) == 0  # fmt: skip
    with Tracker(db) as tracker:
        assert set(tracker.applications()["source"]) == {"job-board"}


def test_an_answer_to_an_application_with_no_interview_is_its_answer_date(tmp_path):
    """A `Heard back` date in a sheet with no contacts is the application's answer date; in
    a sheet with contacts, it is so on a row with no interview and no contact, and stays the
    contact's answer on a row with one."""
    assert [day(v) for v in open_sheet(APPLIED_TWICE).table()["answer_date"]] == [
        D(2024, 1, 24), D(2025, 2, 12), None, None, D(2025, 2, 20)]  # fmt: skip
    path = write(tmp_path, "Company,Date applied,Interview date,Follow-up date,Method,Heard back\n"
                 "Acme (synthetic),2026-11-02,,,,2026-11-09\n"
                 "Birch (synthetic),2026-11-03,2026-11-16,2026-11-20,Email,"
                 "2026-11-24\n")  # fmt: skip
    table = open_sheet(path).table()
    assert [day(v) for v in table["answer_date"]] == [D(2026, 11, 9), None]
    assert [day(v) for v in table["response_date"]] == [None, D(2026, 11, 24)]


def test_an_answer_before_the_application_is_named(tmp_path):
    """An application's answer dated before it was made is refused at its line and column."""
    path = write(
        tmp_path, "Company,Date applied,Heard back\nAcme (synthetic),2026-11-09,2026-11-02\n"
    )
    ((line, column, value, message),) = refusal(path)
    assert (line, column, value) == (2, "Heard back", "2026-11-02")
    assert message.startswith("is before the application")


# -- what the dry run says ---------------------------------------------------------------------


def test_the_dry_run_says_how_many_applications_and_how_rows_were_read(tmp_path, capsys):
    """The dry run names each column read by content with why, then how many applications it
    found in how many rows, the rows read as status logs, the jobs applied for twice and the
    dates taken from the log; nothing is written and the file is unchanged."""
    db = tmp_path / "t.db"
    before = digest(STATUS_LOG)
    assert main(["import", str(STATUS_LOG), "--db", str(db), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "  'Date' -> the date of each row's status (the dates of a status log)" in out
    start = out.index("Found 4 applications in 9 rows.")
    assert out[start + 1 : start + 5] == [
        "  8 rows read as the status logs of 3 applications (stages oldest first, outcome of"
        " the last)",
        "  'Gannet Freight (synthetic)' / 'Dispatcher' applied for on 2 dates (2024-11-25,"
        " 2025-03-03): 2 applications",
        "  applied_date taken from the status log's dates (the first applied)",
        "  answer_date taken from the status log's dates (the first answer from the employer)",
    ]
    assert out[-1].endswith("would give rows: 9 added, 0 updated, 0 unchanged.")
    assert not db.exists() and digest(STATUS_LOG) == before
    assert main(["import", str(NOTION), "--db", str(db), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Found 4 applications in 4 rows." in out
    assert "  3 cells read as history lists (stages in one cell, outcome of the last)" in out


def test_a_date_column_beside_no_status_is_the_applied_date(tmp_path):
    """A bare `Date` column in a sheet without a status is the day the person applied."""
    sheet = open_sheet(write(tmp_path, "Company,Role,Date\nAcme (synthetic),Clerk,11/02/2026\n"))
    assert "  'Date' -> applied_date (a date beside no status: read as the day you applied)" in (
        sheet.mapping.lines()
    )
    assert day(sheet.table()["applied_date"].iloc[0]) == D(2026, 11, 2)


def test_the_two_step_check_shows_the_columns_as_the_import_reads_them(tmp_path):
    """The check a learner corrects before importing shows a yes/no column left out and a
    channel column of ways to apply as the source, as the import reads them."""
    check = check_import(APPLIED_TWICE, tmp_path / "t.db")
    assert check.problems == ()
    chosen = dict(zip(check.header, check.columns, strict=True))
    assert chosen["Followed Up"] == LEFT_OUT
    assert chosen["Channel"] == "source"
    assert chosen["Heard back"] == "answer_date"


def test_a_log_written_newest_first_reads_oldest_first(tmp_path):
    """A status log whose newest row stands on top gives the same history, oldest first, and
    the outcome of the latest status, not of the last row."""
    path = write(tmp_path, "Company,Role,Status,Updated\n"
                 "Acme (synthetic),Clerk,Rejected,2026-12-01\n"
                 "Acme (synthetic),Clerk,Interview,2026-11-20\n"
                 "Acme (synthetic),Clerk,Applied,2026-11-02\n")  # fmt: skip
    table = open_sheet(path).table()
    assert set(table["stage_history"]) == {
        "applied 2026-11-02; interview 2026-11-20; rejected 2026-12-01"
    }
    assert set(table["outcome"]) == {"rejected"}


def test_an_updated_log_updates_its_application_and_a_new_application_keeps_the_old_id(
    tmp_path, capsys
):
    """Importing a log again with a row added extends the application's history and
    outcome; a job applied for again later becomes a second application, and the first keeps
    its application_id and its rows, so nothing is lost."""
    db = tmp_path / "t.db"
    first = "Company,Role,Status,Date\nAcme (synthetic),Clerk,Applied,2025-01-10\n"
    path = write(tmp_path, first)
    assert main(["import", str(path), "--db", str(db)]) == 0
    write(tmp_path, first + "Acme (synthetic),Clerk,Rejected,2025-02-01\n"
          "Acme (synthetic),Clerk,Applied,2026-01-05\n")  # fmt: skip
    capsys.readouterr()
    assert main(["import", str(path), "--db", str(db)]) == 0
    assert (
        capsys.readouterr().out.splitlines()[-1].endswith("Rows: 1 added, 2 updated, 0 unchanged.")
    )
    with Tracker(db) as tracker:
        stored = tracker.applications().set_index("application_id")
    assert stored["stage_history"].to_dict() == {
        "acme-synthetic--clerk": "applied 2025-01-10; rejected 2025-02-01",
        "acme-synthetic--clerk--2026-01-05": "applied 2026-01-05",
    }
    assert stored["outcome"].to_dict() == {
        "acme-synthetic--clerk": "rejected",
        "acme-synthetic--clerk--2026-01-05": "pending",
    }


def test_map_names_a_status_logs_date_column(tmp_path):
    """`--map 'When=status_date'` dates each row's status from a column the import does not
    know by its header."""
    path = write(tmp_path, "Company,Role,Status,When\n"
                 "Acme (synthetic),Clerk,Applied,2026-11-02\n"
                 "Acme (synthetic),Clerk,Phone screen,2026-11-09\n")  # fmt: skip
    sheet = open_sheet(path, columns=["When=status_date"])
    assert "  'When' -> the date of each row's status (the dates of a status log) (--map)" in (
        sheet.mapping.lines()
    )
    assert set(sheet.table()["stage_history"]) == {"applied 2026-11-02; screen 2026-11-09"}


def test_a_status_history_column_is_read_through_the_word_table(tmp_path):
    """A `Status history` column of status words is the stage history; a word it does not
    know is named with its close match, and the same words in the canonical form are read as
    they are."""
    path = write(tmp_path, "Company,Status history\nAcme (synthetic),\"Applied, Phone Screen\"\n"
                 "Birch (synthetic),applied 2026-11-02; screen\n")  # fmt: skip
    table = open_sheet(path).table()
    assert list(table["stage_history"]) == ["applied; screen", "applied 2026-11-02; screen"]
    bad = write(tmp_path, 'Company,Status history\nAcme (synthetic),"Applied, Scren"\n', "bad.csv")
    ((line, column, value, message),) = refusal(bad)
    assert (line, column, value) == (2, "Status history", "Applied, Scren")
    assert message == (
        "is not a word the import knows for a stage of an application ('Scren', an item of the"
        " list): 'Scren' looks like 'screen': add --map-value 'Scren=screen'"
    )
