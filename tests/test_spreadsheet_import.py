"""Importing the spreadsheets people have: each quirk of design.md, the trackers' exports, a file
mixing many quirks, problems named by the file's own line, column and cell, --map, --sheet,
.xlsx workbooks and what `workbook import` prints."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.tables import snapshot
from workbook.cli import main
from workbook.tables.canonical_csv import CsvError, merge_table
from workbook.tables.spreadsheet import OptionError, open_sheet, outcome_of_status
from workbook.tracker.store import Tracker

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "import"
FIXTURES = ("mixed-quirks.csv", "per-application.csv", "tabs.tsv", "teal.csv", "huntr.csv",
            "simplify.csv")  # fmt: skip
D = dt.date


def read(path: Path, **options: object) -> pd.DataFrame:
    return open_sheet(path, **options).table()  # type: ignore[arg-type]


def problems(path: Path, **options: object) -> list[tuple[int, str, str | None, str]]:
    with pytest.raises(CsvError) as raised:
        read(path, **options)
    return [(p.line, p.column, p.value, p.message) for p in raised.value.problems]


def write(folder: Path, text: str, name: str = "in.csv", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def dates(column: pd.Series) -> list[D | None]:
    return [None if pd.isna(value) else value.date() for value in column]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- realistic files ---------------------------------------------------------------------------


def test_a_file_mixing_many_quirks_reads_as_the_canonical_table():
    """A BOM, `;`, CRLF, headers in other words, cases and spacing, blank and separator-only
    lines, trailing spaces, a two-line cell, day-first and dotted dates with times, Excel serial
    days, channel words, statuses, a thank-you beside a follow-up on one row, two contact
    columns joined and an escaped phone number: every row read as meant."""
    table = read(DATA / "mixed-quirks.csv")
    assert list(table["company"]) == [
        "Brücke Logistik GmbH (synthetic)", "Brücke Logistik GmbH (synthetic)",
        "Kestrel Care (synthetic)", "Lumen Print (synthetic)", "Orchard Foods (synthetic)",
        "Pine & Co (synthetic)", "Pine & Co (synthetic)",
    ]  # fmt: skip
    assert list(table["role"]) == ["Lagerleiter", "Lagerleiter", "Care Coordinator",
                                   "Print Operator", "Shift Lead", "Office Manager",
                                   "Office Manager"]  # fmt: skip
    assert list(table["kind"]) == ["thank-you", "follow-up", "follow-up", "thank-you", "",
                                   "thank-you", "follow-up"]  # fmt: skip
    assert list(table["channel"]) == ["email", "phone", "email", "linkedin", "", "letter", "phone"]
    assert dates(table["contact_date"]) == [
        D(2026, 11, 16), D(2026, 11, 23), D(2026, 11, 24), D(2026, 11, 18), None,
        D(2026, 11, 20), D(2026, 11, 27),
    ]  # fmt: skip
    assert dates(table["interview_date"]) == [
        D(2026, 11, 16), D(2026, 11, 16), D(2026, 11, 17), D(2026, 11, 18), None,
        D(2026, 11, 20), D(2026, 11, 20),
    ]  # fmt: skip
    assert dates(table["response_date"])[:2] == [None, D(2026, 11, 25)]
    assert dates(table["applied_date"]) == [
        D(2026, 11, 2), D(2026, 11, 2), D(2026, 11, 3), D(2026, 11, 5), D(2026, 11, 9),
        D(2026, 10, 28), D(2026, 10, 28),
    ]  # fmt: skip
    assert list(table["outcome"]) == ["pending", "pending", "offer", "rejected", "pending",
                                      "withdrawn", "withdrawn"]  # fmt: skip
    assert list(table["contact_name"])[:3] == ["Jana Weber", "Jana Weber", "Mo Haddad"]
    assert table["contact_detail"].iloc[0] == "+49 30 5550100; jana.weber@bruecke.example"


def test_the_mixed_quirk_file_says_what_it_mapped_ignored_and_how_it_read_dates():
    """The mapping names the file's encoding and separator, each column and what it became,
    the columns ignored, and the date reading with the cell that proves it."""
    lines = open_sheet(DATA / "mixed-quirks.csv").mapping.lines()
    assert lines[0] == (
        f"Reading {DATA / 'mixed-quirks.csv'} (CSV, UTF-8 with a BOM, separated by ';') as a"
        " sheet of your own."
    )
    assert "  'Interview date (dd/mm/yyyy)' -> interview_date" in lines
    assert "  'Thank you sent' -> contact_date of a thank-you" in lines
    assert "  'HOW' -> channel" in lines
    assert "  'Phone' -> contact_detail (joined with '; ')" in lines
    assert "  ignored: 'Salary', 'Notes'" in lines
    assert lines[-1] == (
        "  dates: read day first (23/11/2026): '16/11/2026 10:00' in column 'Interview date"
        " (dd/mm/yyyy)' on line 3 can only be day first; 'Date applied' holds Excel serial"
        " days (only numbers)"
    )


def test_a_one_row_per_application_sheet_gives_applications_rounds_and_follow_ups():
    """One row per application: its follow-up date and method make a contact after its
    interview, with the answer, next step, outcome, contact and job reference; a row without
    a follow-up is a round, a row without an interview an application."""
    table = read(DATA / "per-application.csv")
    assert list(table["application_id"]) == [
        "acme-logistics-synthetic--warehouse-supervisor",
        "bluebird-clinics-synthetic--front-desk-associate",
        "cedar-schools-synthetic--teaching-assistant",
        "delta-outfitters-synthetic--sales-associate",
        "evergreen-bank-synthetic--teller",
    ]
    assert list(table["channel"]) == ["email", "phone", "letter", "", ""]
    assert list(table["kind"]) == ["follow-up"] * 3 + ["", ""]
    assert dates(table["contact_date"]) == [D(2026, 11, 21), D(2026, 11, 25), D(2026, 11, 23),
                                            None, None]  # fmt: skip
    assert list(table["next_step"]) == ["vague", "decision-date", "unknown", "vague", ""]
    assert list(table["response"]) == ["positive", "", "negative", "", ""]
    assert list(table["outcome"]) == ["pending", "no-response", "rejected", "pending", "pending"]
    assert list(table["job_ref"]) == ["WH-2231", "FD-17", "", "SA-4", ""]
    assert list(table["contact_detail"])[:2] == ["dana.reyes@acme.example.com", "+1 555 0142"]
    assert "  dates: read month first (11/23/2026); no date in the file is day first" in (
        open_sheet(DATA / "per-application.csv").mapping.lines()
    )


def test_a_tab_separated_file_with_dotted_dates_reads_day_first():
    """Tabs separate the cells; `02.11.2026` is the 2nd of November; `PENDING` and `E-Mail`
    read as their canonical words."""
    table = read(DATA / "tabs.tsv")
    assert dates(table["interview_date"]) == [D(2026, 11, 2), D(2026, 11, 3)]
    assert list(table["channel"]) == ["email", "text"]
    assert list(table["outcome"]) == ["pending", "pending"]


TRACKERS = {
    "teal.csv": (
        "a Teal export",
        ["pending", "rejected", "offer", "pending", "withdrawn"],
        [D(2026, 10, 2), D(2026, 10, 5), D(2026, 10, 11), None, D(2026, 10, 14)],
        "'follow_up_at' (Teal's planned follow-up reminder, not a contact you made)",
        ["applied 2026-10-02; interview", "applied 2026-10-05; rejected",
         "applied 2026-10-11; offer", "", "applied 2026-10-14; withdrawn"],
    ),
    "huntr.csv": (
        "a Huntr export",
        ["pending", "pending", "offer", "rejected", "pending"],
        [None] * 5,
        "'createdAt' (when the job was added to the board, not when you applied)",
        ["applied", "interview", "offer", "rejected", ""],
    ),
    "simplify.csv": (
        "a Simplify export",
        ["pending", "rejected", "offer", "withdrawn", "offer", "pending"],
        [D(2026, 10, 21), D(2026, 10, 22), D(2026, 10, 23), D(2026, 10, 27), D(2026, 10, 28),
         D(2026, 10, 30)],
        "'Salary'",
        ["applied 2026-10-21; interview 2026-10-30", "applied 2026-10-22; rejected 2026-11-04",
         "applied 2026-10-23; offer 2026-11-06", "applied 2026-10-27; withdrawn 2026-10-29",
         "applied 2026-10-28; offer 2026-11-09", "applied 2026-10-30"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", TRACKERS)
def test_a_trackers_export_imports_as_applications_with_outcomes(name):
    """Teal, Huntr and Simplify exports are recognised by their columns and give one
    application per row, its status mapped to an outcome and a stage history (Simplify's
    status dated by its Status Date), and no contact: a planned reminder or a board's own
    dates are ignored, with the reason said."""
    form, outcomes, applied, ignored, histories = TRACKERS[name]
    sheet = open_sheet(DATA / name)
    table = sheet.table()
    assert sheet.mapping.format == form
    assert list(table["outcome"]) == outcomes
    assert list(table["stage_history"]) == histories
    assert dates(table["applied_date"]) == applied
    assert table["contact_date"].isna().all() and table["interview_date"].isna().all()
    assert any(line.startswith("  ignored: ") and ignored in line for line in sheet.mapping.lines())
    assert sheet.present == {"company", "role", "outcome", "stage_history"} | (
        {"applied_date"} if name != "huntr.csv" else set()
    ) | ({"answer_date"} if name == "simplify.csv" else set())


@pytest.mark.parametrize(
    ("status", "outcome"),
    [("Offer", "offer"), ("Accepted", "offer"), ("Offer accepted", "offer"),
     ("REJECTED", "rejected"), ("Declined", "rejected"), ("Withdrawn", "withdrawn"),
     ("I Withdrew", "withdrawn"), ("No response", "no-response"), ("Interviewing", "pending"),
     ("Bookmarked", "pending"), ("Ghosted", "no-response"), ("Rejection :(", "rejected"),
     ("Accepted!", "offer"), ("ongoing", "pending"), ("In Progress 🤞", "pending"),
     ("Abgelehnt (declined)", "rejected"), ("reeejected", None), ("Carrier pigeon", None)],
)  # fmt: skip
def test_statuses_map_to_outcomes_by_the_one_word_table(status, outcome):
    """offer or accepted: offer; rejected, rejection or declined: rejected; withdrawn:
    withdrawn; ghosted or no response: no-response; ongoing, interviewing, bookmarked...:
    pending; case, punctuation and emoji aside; a word the table does not explain: None."""
    assert outcome_of_status(status) == outcome


# -- each quirk alone --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-11-23", D(2026, 11, 23)),
        ("2026-11-23 14:00", D(2026, 11, 23)),
        ("2026-11-23T14:00:00.000Z", D(2026, 11, 23)),
        ("11/23/2026", D(2026, 11, 23)),
        ("11/23/2026 2:00 PM", D(2026, 11, 23)),
        ("3/4/2026", D(2026, 3, 4)),
        ("23.11.2026", D(2026, 11, 23)),
        ("23.11.2026 14:00", D(2026, 11, 23)),
        ("46349", D(2026, 11, 23)),
        ("46349.5833", D(2026, 11, 23)),
    ],
)
def test_a_date_in_any_of_the_usual_forms(tmp_path, cell, expected):
    """ISO dates with or without a time, slash dates (month first), dotted dates (day first)
    and Excel serial days all read as the same calendar day."""
    path = write(tmp_path, f"Company,Interview date\nAcme,{cell}\n")
    assert dates(read(path)["interview_date"]) == [expected]


def test_one_day_first_date_sets_the_reading_of_every_date_column(tmp_path):
    """`03/04/2026` is the 4th of March in a file of month-first dates, and the 3rd of April
    once any date column of the file holds `23/04/2026`."""
    month_first = write(tmp_path, "Company,Applied,Interview date\nAcme,03/04/2026,\n")
    assert dates(read(month_first)["applied_date"]) == [D(2026, 3, 4)]
    day_first = write(tmp_path, "Company,Applied,Interview date\nAcme,03/04/2026,23/04/2026\n")
    table = read(day_first)
    assert dates(table["applied_date"]) == [D(2026, 4, 3)]
    assert dates(table["interview_date"]) == [D(2026, 4, 23)]


@pytest.mark.parametrize(
    ("word", "channel"),
    [("E-mail", "email"), ("EMAIL", "email"), ("by e-mail", "email"), ("Phone call", "phone"),
     ("Called", "phone"), ("phone ", "phone"), ("Letter", "letter"), ("Post", "letter"),
     ("LinkedIn message", "linkedin"), ("linkedin", "linkedin"), ("Text", "text"),
     ("SMS", "text"), ("In person", "in-person"), ("face to face", "in-person"),
     ("Other", "other")],
)  # fmt: skip
def test_channel_words_read_as_channels(tmp_path, word, channel):
    """The words people write for a channel, in any case and spacing, read as the channel."""
    text = f"Company,Interview,Follow-up date,Method\nAcme,2026-11-23,2026-11-25,{word}\n"
    path = write(tmp_path, text)
    assert list(read(path)["channel"]) == [channel]


def test_headers_in_other_words_cases_and_spacing(tmp_path):
    """`COMPANY NAME `, `job_title`, `jobTitle`-style camel case and a parenthesised note are
    read by what they say."""
    path = write(tmp_path, " COMPANY NAME ,job_title,interviewDate,Next Steps (what they said),"
                 "People-facing?\nAcme,Clerk,2026-11-23,Decision date,Yes\n")  # fmt: skip
    row = read(path).iloc[0]
    assert (row["company"], row["role"], row["next_step"]) == ("Acme", "Clerk", "decision-date")
    assert row["interview_date"] == pd.Timestamp("2026-11-23") and row["people_facing"]


@pytest.mark.parametrize(
    ("word", "value"),
    [("Yes", True), ("n", False), ("1", True), ("FALSE", False), (" y ", True), ("No", False)],
)
def test_booleans_read_as_design_md_says(tmp_path, word, value):
    """yes/no, y/n, 1/0 and true/false in any case and spacing are booleans."""
    path = write(tmp_path, f"Company,People facing\nAcme,{word}\n")
    assert list(read(path)["people_facing"]) == [value]


def test_blank_lines_spaces_short_rows_and_trailing_separators_are_fine(tmp_path):
    """Blank lines (and lines of separators only) are skipped, cells are trimmed, a row
    shorter than the header is padded and empty cells past its end are dropped; lines are still
    counted as a spreadsheet counts them."""
    text = "\n\nCompany , Role ,Outcome\n\n  Acme  ,  Clerk  \n,,\nZeta,Baker,Rejected,,,\n"
    table = read(write(tmp_path, text))
    assert list(table["company"]) == ["Acme", "Zeta"]
    assert list(table["role"]) == ["Clerk", "Baker"]
    assert list(table["outcome"]) == ["pending", "rejected"]
    bad = write(tmp_path, text + "Kite,,pigeon\n", "bad.csv")
    assert problems(bad)[0][:3] == (8, "Outcome", "pigeon")


def test_a_utf16_tab_separated_file_as_excel_saves_unicode_text(tmp_path):
    """Excel's "Unicode text": UTF-16 with a BOM, tab separated."""
    path = tmp_path / "unicode.txt"
    path.write_bytes("\ufeffCompany\tRole\nCafé Ünïcode\tBarista\n".encode("utf-16-le"))
    assert list(read(path)["company"]) == ["Café Ünïcode"]


def test_a_canonical_file_keeps_its_text_exactly_and_accepts_excel_dates(tmp_path):
    """A file with the canonical header keeps spaces around text (its round trip stays exact),
    and reads the dates a spreadsheet may have rewritten."""
    path = write(tmp_path, "company,role,interview_date\n  Acme  ,Clerk,11/23/2026\n")
    table = read(path)
    assert list(table["company"]) == ["  Acme  "]
    assert dates(table["interview_date"]) == [D(2026, 11, 23)]
    assert (
        "as the canonical contact table: every column as named."
        in (open_sheet(path).mapping.lines()[0])
    )


def test_the_spreadsheet_escape_is_undone_once_even_in_joined_cells(tmp_path):
    """One leading `'` before a formula character is removed, from each cell joined too."""
    path = write(tmp_path, "Company,Phone,Email\n'=Acme,'+1 555 0100,''@x\n")
    row = read(path).iloc[0]
    assert (row["company"], row["contact_detail"]) == ("=Acme", "+1 555 0100; '@x")


def test_a_sheet_hands_its_cells_over_once(tmp_path):
    """`Sheet.table()` gives its cells up to be checked (so a large file's memory is freed);
    asking again is an error, not an empty table."""
    sheet = open_sheet(write(tmp_path, "Company\nAcme\n"))
    assert len(sheet.table()) == 1
    with pytest.raises(RuntimeError, match="read once"):
        sheet.table()


# -- what cannot be read -----------------------------------------------------------------------


def test_a_bad_cell_of_the_mixed_file_is_named_by_its_own_line_and_header(tmp_path):
    """Problems name the file's line (a two-line cell counted once, blank lines counted),
    its column header and its cell as written."""
    text = (DATA / "mixed-quirks.csv").read_bytes().decode("utf-8")
    text = text.replace(";Called;", ";Pigeon;").replace(";18/11/2026;Linked", ";31/11/2026;Linked")
    assert problems(write(tmp_path, text)) == [
        (6, "Thank you sent", "31/11/2026", "is not a date read day first (DD/MM/YYYY), as this "
         "file's dates are: '16/11/2026 10:00' in column 'Interview date (dd/mm/yyyy)' on line 3"
         " can only be day first"),
        (8, "HOW", "Pigeon", "is not a channel (expected one of: email, phone, letter, "
         "linkedin, text, in-person, other, unknown)"),
    ]  # fmt: skip


ROW_PROBLEMS = {
    "a month-first date in a day-first file": (
        "Company,Interview date\nA,23/11/2026\nB,11/23/2026\n",
        (3, "Interview date", "11/23/2026", "is not a date read day first (DD/MM/YYYY), as "
         "this file's dates are: '23/11/2026' in column 'Interview date' on line 2 can only be"
         " day first"),
    ),
    "a two-digit year among four-digit ones": (
        "Company,Interview date\nA,11/23/26\nB,11/24/2026\n",
        (2, "Interview date", "11/23/26", "is not a date (expected a four-digit year"),
    ),
    "a number among dates": (
        "Company,Interview date\nA,46349\nB,11/23/2026\n",
        (2, "Interview date", "46349", "is a number, not a date"),
    ),
    "a day that does not exist": (
        "Company,Interview date\nA,02/30/2026\n",
        (2, "Interview date", "02/30/2026", "is not a date read month first (MM/DD/YYYY)"),
    ),
    "an implausible serial": (
        "Company,Interview date\nA,12\n",
        (2, "Interview date", "12", "is not a plausible date"),
    ),
    "a follow-up before its interview": (
        "Company,Interview,Follow-up date,Method\nA,11/23/2026,11/20/2026,Email\n",
        (2, "Follow-up date", "11/20/2026", "is before the interview (11/23/2026)"),
    ),
    "rows of one application that disagree": (
        "Company,Role,People facing\nAcme,Clerk,yes\nAcme,Clerk,no\n",
        (3, "People facing", "no", "disagrees with line 2 ('yes'); rows of one application"),
    ),
    "an unknown outcome": (
        "Company,Outcome\nAcme,Carrier pigeon\n",
        (2, "Outcome", "Carrier pigeon", "is not a word the import knows for an outcome (such"
         " as offer, accepted, rejected,"),
    ),
    "a thank-you without its method": (
        "Company,Interview date,Thank-you sent,Thank-you method\nAcme,2026-11-23,2026-11-23,\n",
        (2, "Thank-you method", "", "is empty (a row with a contact needs it)"),
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", ROW_PROBLEMS)
def test_a_value_that_cannot_be_read_is_an_error_never_a_guess(tmp_path, case):
    """Each kind of unreadable or inconsistent cell is refused at its line, header and cell,
    saying what was expected."""
    text, (line, column, value, message) = ROW_PROBLEMS[case]
    found = problems(write(tmp_path, text))
    assert found[0][:3] == (line, column, value)
    assert found[0][3].startswith(message), found[0][3]


FILE_PROBLEMS = {
    "an empty file": ("", "in.csv: has no header row (expected a first row naming"),
    "blank lines only": ("\n , ,\n\n", "in.csv: has no header row"),
    "no known column": ("Date,Amount\n2026-11-23,4\n", "in.csv:1: is not a header row: it "
                        "names no column the import knows"),
    "no company": ("Role,Outcome\nClerk,offer\n", "in.csv:1: has no column for the company"),
    "two columns for one thing": (
        "Company,Status,Outcome\nA,Applied,pending\n",
        "in.csv:1: column 'Outcome': would be read as outcome, and so would column 'Status' "
        "(name the one to leave out with --map 'Outcome=ignore')"),
    "follow-ups without an interview date": (
        "Company,Follow-up date,Method\nA,2026-11-23,Email\n",
        "in.csv:1: column 'Follow-up date': holds contacts, but no column says which interview "
        "they follow (its date): add one such as 'Interview date', or name one with --map"),
    "a row too wide": ("Company,Role\nA,B\nC,D,E\n",
                       "in.csv:3: has 3 cells, but the header names 2 columns"),
    "a quote never closed": ('Company,Role\nA,"B\nC,D\n', "in.csv:2: has a quote that is "
                             "never closed (is the file cut off?)"),
}  # fmt: skip


@pytest.mark.parametrize("case", FILE_PROBLEMS)
def test_a_file_that_cannot_be_mapped_says_why(tmp_path, case):
    """An empty file, no header row, a header naming nothing known or no company, two columns
    for one thing, contacts without the columns they need, ragged and cut-off rows."""
    text, expected = FILE_PROBLEMS[case]
    path = write(tmp_path, text)
    with pytest.raises(CsvError) as raised:
        read(path)
    described = raised.value.problems[0].describe("in.csv")
    assert described.startswith(expected), described


def test_bytes_in_no_known_encoding_and_old_formats_are_refused(tmp_path):
    """A CSV file in no encoding the import can tell names its line and how to save it; .xls
    and .ods are refused with what to save them as; a missing file or a folder is one
    problem."""
    latin = tmp_path / "odd.csv"
    latin.write_bytes(b"Company,Role\nAcme,Clerk\nCaf\xe9\x00\x81,Chef\n")
    with pytest.raises(CsvError) as raised:
        open_sheet(latin)
    assert raised.value.problems[0].line == 3
    assert "CSV UTF-8" in raised.value.problems[0].message
    with pytest.raises(CsvError, match=r"is a \.xls file \(expected \.xlsx or CSV"):
        open_sheet(write(tmp_path, "x", "old.xls"))
    missing_files = [(tmp_path / "none.csv", "no such file"), (tmp_path, "is a folder"),
                     (tmp_path / "none.xlsx", "no such file")]  # fmt: skip
    for missing, message in missing_files:
        with pytest.raises(CsvError, match=message):
            open_sheet(missing)


# -- --map -------------------------------------------------------------------------------------


def test_map_reads_headers_the_import_does_not_know(tmp_path):
    """`--map 'Their header=column'` reads a column as the canonical column (or a thank-you's,
    or a status) it names, whatever its header says, case and spacing aside; the mapping says
    so."""
    path = write(tmp_path, "Arbeitgeber,Stelle,Gespräch,Dankeschön,Wie,Stand\n"
                 "Acme,Clerk,23.11.2026,23.11.2026,E-Mail,Abgelehnt (declined)\n")  # fmt: skip
    sheet = open_sheet(path, columns=["arbeitgeber=company", "Stelle = role",
                                      "Gespräch=interview_date", "Dankeschön=thank_you_date",
                                      "Wie=thank_you_channel", "Stand=status"])  # fmt: skip
    row = sheet.table().iloc[0]
    assert (row["company"], row["role"], row["kind"], row["channel"], row["outcome"]) == (
        "Acme", "Clerk", "thank-you", "email", "rejected")  # fmt: skip
    assert "  'Arbeitgeber' -> company (--map)" in sheet.mapping.lines()


def test_map_ignore_settles_two_columns_for_one_thing(tmp_path):
    """`--map 'Status=ignore'` leaves a column out, and the mapping lists it as ignored."""
    path = write(tmp_path, "Company,Status,Outcome,Salary\nA,Applied,offer,1\n")
    sheet = open_sheet(path, columns=["Status=ignore"])
    assert list(sheet.table()["outcome"]) == ["offer"]
    assert "  ignored: 'Status' (--map), 'Salary'" in sheet.mapping.lines()


@pytest.mark.parametrize(
    ("option", "message"),
    [("Company", "--map: 'Company' is not HEADER=COLUMN"),
     ("Company=firm", "--map: 'firm' is not a column the import knows (expected one of: "
      "application_id, company,"),
     ("Employer=company", "--map: ")],
)  # fmt: skip
def test_a_map_the_file_cannot_honour_is_an_option_error(tmp_path, option, message):
    """A --map that is not HEADER=COLUMN, names an unknown column or a header the file does not
    have is an error of the option, naming it."""
    path = write(tmp_path, "Company,Role\nA,B\n")
    with pytest.raises(OptionError) as raised:
        open_sheet(path, columns=[option])
    assert str(raised.value).startswith(message)
    if option.startswith("Employer"):
        assert "has no column 'Employer' (its columns: 'Company', 'Role')" in str(raised.value)


# -- .xlsx workbooks ---------------------------------------------------------------------------


def workbook_file(folder: Path) -> Path:
    """A workbook as a spreadsheet program saves one: a notes sheet first, then the jobs, with
    real date cells, a number, a boolean and a blank row above the header."""
    book = openpyxl.Workbook()
    notes = book.worksheets[0]
    notes.title = "Notes"
    notes.append(["Company", "Role"])
    notes.append(["Notes Co (synthetic)", "Reminder"])
    jobs = book.create_sheet("Jobs")
    jobs.append([])
    jobs.append(["Employer", "Job Title", "Interview", "Follow-up date", "Method",
                 "People facing", "Job ID", "Status"])  # fmt: skip
    jobs.append(["Acme (synthetic)", "Clerk", dt.datetime(2026, 11, 23, 14, 0),
                 dt.date(2026, 11, 27), "Phone call", True, 1234, "Interviewing"])  # fmt: skip
    jobs.append(["Zeta (synthetic)", "Baker", dt.datetime(2026, 11, 24), None, None, False,
                 None, "Rejected"])  # fmt: skip
    path = folder / "jobs.xlsx"
    book.save(path)
    return path


def test_an_xlsx_workbook_reads_its_first_sheet_or_the_one_named(tmp_path):
    """Without --sheet the first sheet is read; `--sheet Jobs` (any case) reads that one, with
    its date cells, numbers and booleans; line numbers are the sheet's row numbers."""
    path = workbook_file(tmp_path)
    assert list(read(path)["company"]) == ["Notes Co (synthetic)"]
    for name in ("Jobs", "jobs"):
        sheet = open_sheet(path, sheet=name)
        table = sheet.table()
        assert list(table["company"]) == ["Acme (synthetic)", "Zeta (synthetic)"]
        assert dates(table["interview_date"]) == [D(2026, 11, 23), D(2026, 11, 24)]
        assert dates(table["contact_date"]) == [D(2026, 11, 27), None]
        assert list(table["channel"]) == ["phone", ""]
        assert list(table["people_facing"]) == [True, False]
        assert list(table["job_ref"]) == ["1234", ""]
        assert list(table["outcome"]) == ["pending", "rejected"]
    assert sheet.mapping.lines()[0] == (
        f"Reading {path} (Excel workbook, sheet 'Jobs') as a sheet of your own."
    )
    book = openpyxl.load_workbook(path)
    book["Jobs"]["E3"] = "Pigeon"
    book.save(path)
    assert problems(path, sheet="Jobs") == [(3, "Method", "Pigeon", "is not a channel (expected "
                                             "one of: email, phone, letter, linkedin, text, "
                                             "in-person, other, unknown)")]  # fmt: skip


def test_a_missing_sheet_a_sheet_of_a_csv_and_a_damaged_workbook(tmp_path):
    """--sheet naming no sheet lists the sheets; --sheet with a CSV file is refused; a file
    that is not a workbook inside is a problem of the file, not a crash."""
    path = workbook_file(tmp_path)
    with pytest.raises(OptionError, match=r"--sheet: .* has no sheet 'Jbos' \(its sheets: "
                       r"'Notes', 'Jobs'\)"):  # fmt: skip
        open_sheet(path, sheet="Jbos")
    with pytest.raises(OptionError, match=r"--sheet: .* is not an \.xlsx workbook"):
        open_sheet(write(tmp_path, "Company\nA\n"), sheet="Jobs")
    damaged = write(tmp_path, "Company,Role\nA,B\n", "damaged.xlsx")
    with pytest.raises(CsvError, match="cannot be read as an Excel workbook"):
        open_sheet(damaged)


# -- into the tracker, and the command ---------------------------------------------------------


def test_every_fixture_imports_and_a_second_import_changes_nothing(tmp_path):
    """Each realistic file imports into one tracker; importing them all again adds and updates
    nothing, and no file is changed by being read."""
    db = tmp_path / "t.db"
    hashes = {name: digest(DATA / name) for name in FIXTURES}
    for name in FIXTURES:
        sheet = open_sheet(DATA / name)
        assert merge_table(sheet.table(), sheet.present, db).added > 0
    before = snapshot(db)
    for name in FIXTURES:
        sheet = open_sheet(DATA / name)
        report = merge_table(sheet.table(), sheet.present, db)
        assert (report.added, report.updated) == (0, 0), name
    assert snapshot(db) == before
    assert {name: digest(DATA / name) for name in FIXTURES} == hashes


def test_a_trackers_export_updates_only_what_it_holds_and_deletes_nothing(tmp_path):
    """A later export with a new status updates that application's outcome, keeps what the
    export does not hold (people-facing, contacts) and deletes no application."""
    db = tmp_path / "t.db"
    with Tracker(db) as tracker:
        tracker.add_application("Harbor Books (synthetic)", "Store Supervisor",
                                people_facing=True, contact_name="Kim Lee")  # fmt: skip
        tracker.add_application("Someone Else (synthetic)", "Clerk")
    teal = (DATA / "teal.csv").read_text(encoding="utf-8")
    report = merge_table(*_table(write(tmp_path, teal, "teal.csv")), db)
    assert (report.added, report.updated) == (4, 1)
    later = write(tmp_path, teal.replace("Rejected", "Offer"), "teal-later.csv")
    report = merge_table(*_table(later), db)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 4)
    with Tracker(db) as tracker:
        apps = tracker.applications().set_index("company")
    assert len(apps) == 6
    assert apps.loc["Bluebird Dental (synthetic)", "outcome"] == "offer"
    harbor = apps.loc["Harbor Books (synthetic)"]
    assert (harbor["outcome"], harbor["people_facing"], harbor["contact_name"]) == (
        "offer", True, "Kim Lee")  # fmt: skip


def _table(path: Path) -> tuple[pd.DataFrame, frozenset[str]]:
    sheet = open_sheet(path)
    return sheet.table(), sheet.present


def test_import_prints_the_mapping_then_what_it_did(tmp_path, capsys):
    """`workbook import` prints how it read the file, then the rows added; the file is only
    read."""
    db = tmp_path / "t.db"
    path = DATA / "mixed-quirks.csv"
    before = digest(path)
    assert main(["import", str(path), "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"Reading {path} (CSV, UTF-8 with a BOM, separated by ';')")
    assert "  ignored: 'Salary', 'Notes'" in out
    assert out[-1] == f"Imported {path} into {db}. Rows: 7 added, 0 updated, 0 unchanged."
    assert digest(path) == before


def test_a_dry_run_prints_the_mapping_and_writes_nothing(tmp_path, capsys):
    """`--dry-run` prints the mapping and what would change, and creates no tracker."""
    db = tmp_path / "t.db"
    path = DATA / "teal.csv"
    before = digest(path)
    assert main(["import", str(path), "--db", str(db), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Reading {path} (CSV, UTF-8, separated by ',') as a Teal export."
    assert out[-1] == (
        f"Dry run, nothing written. Importing {path} into {db} would give rows: 5 added, "
        "0 updated, 0 unchanged."
    )
    assert not db.exists() and digest(path) == before


def test_a_bad_file_prints_the_mapping_and_problems_and_writes_nothing(tmp_path, capsys):
    """A refused file: the mapping on stdout, each problem on stderr by the file's own line,
    header and cell, status 2, no tracker, the tracker of another import left as it was."""
    text = (DATA / "per-application.csv").read_text(encoding="utf-8")
    bad = write(tmp_path, text.replace("Phone call", "Carrier pigeon"), "bad.csv")
    db = tmp_path / "t.db"
    assert main(["import", str(bad), "--db", str(db)]) == 2
    captured = capsys.readouterr()
    assert captured.out.startswith(f"Reading {bad} (CSV, UTF-8, separated by ',')")
    assert captured.err.splitlines() == [
        f"{bad}:3: column 'Follow-up Method': value 'Carrier pigeon' is not a channel (expected"
        " one of: email, phone, letter, linkedin, text, in-person, other, unknown)",
        "workbook import: error: nothing imported (1 problem)",
    ]
    assert not db.exists()
    main(["import", str(DATA / "teal.csv"), "--db", str(db)])
    before = snapshot(db)
    assert main(["import", str(bad), "--db", str(db)]) == 2
    assert snapshot(db) == before


def test_import_options_go_through_the_command(tmp_path, capsys):
    """--map and --sheet reach the reader; a --map or --sheet it cannot honour is one line
    naming the option, status 2."""
    db = str(tmp_path / "t.db")
    path = workbook_file(tmp_path)
    assert main(["import", str(path), "--db", db, "--sheet", "Jobs",
                 "--map", "Job ID=ignore"]) == 0  # fmt: skip
    assert "Rows: 2 added" in capsys.readouterr().out
    assert main(["import", str(path), "--db", db, "--sheet", "Nope"]) == 2
    assert capsys.readouterr().err.startswith("workbook import: error: --sheet: ")
    assert main(["import", str(path), "--db", db, "--map", "Nope=company"]) == 2
    assert capsys.readouterr().err.startswith("workbook import: error: --map: ")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["mixed-quirks.csv", "damaged.xlsx", "latin.csv"])
def test_no_bad_spreadsheet_ends_in_a_traceback(tmp_path, name):
    """A learner running the command on a bad spreadsheet sees plain lines and status 2."""
    path = tmp_path / name
    if name == "damaged.xlsx":
        path.write_bytes(b"PK\x03\x04 not really a zip")
    elif name == "latin.csv":
        path.write_bytes("Firma;Stelle\nCafé;Koch\n".encode("latin-1"))
    else:
        text = (DATA / name).read_text(encoding="utf-8-sig").replace("23.11.2026", "31.02.2026")
        path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "workbook.cli", "import", str(path), "--db", str(tmp_path / "db")],
        capture_output=True,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert b"Traceback" not in result.stderr + result.stdout
    assert result.stderr.strip()
