"""The canonical CSV: its exact format, the round trip, re-imports, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tables import HEADER, contact, contacts, line, snapshot, write
from workbook.canonical import COLUMN_NAMES
from workbook.model import Channel, Kind, NextStep, Outcome, Response, Source, Stage, StageEntry
from workbook.tables.canonical_csv import (
    MAX_PROBLEMS,
    CsvError,
    Problem,
    export_csv,
    import_csv,
    printable,
    read_canonical,
    write_canonical,
)
from workbook.tracker.store import Tracker

D = dt.date
HOSTILE = (
    '=HYPERLINK("http://evil.example","click")',
    "+1 555 0100",
    "-5 days",
    "@SUM(A1)",
    "'s-Hertogenbosch",
    "''",
    'a "quoted", comma',
    "two\nlines",
    "windows\r\nline",
    "lone\rreturn",
    "  spaces around  ",
    "Ünïcödé 株式会社 ✓",
    "NA",
    "",
)


@pytest.fixture
def tracker(tmp_path: Path) -> Iterator[Tracker]:
    with Tracker(tmp_path / "tracker.db") as opened:
        yield opened


def fill(tracker: Tracker, texts: tuple[str, ...] = ("Dana Reyes",)) -> None:
    """Applications, rounds and contacts covering every column, with the given texts."""
    for n, text in enumerate(texts):
        application = tracker.add_application(
            f"Company {n} {text}",
            text,
            people_facing=n % 2 == 0,
            outcome=tuple(Outcome)[n % 5],
            applied_date=D(2026, 1, 1 + n % 28),
            job_ref=text,
            contact_name=text,
            contact_detail=text,
            source=tuple(Source)[n % 7] if n % 4 else None,
            answer_date=D(2026, 1, 10 + n % 18) if n % 2 else None,
            history=[StageEntry(Stage.APPLIED, D(2026, 1, 1 + n % 28)),
                     StageEntry(tuple(Stage)[n % 7])][: n % 3],
        )  # fmt: skip
        if n % 3 == 2:
            continue  # not interviewed yet
        round_ = tracker.add_round(application, D(2026, 2, 1 + n % 28), next_step=NextStep.VAGUE)
        if n % 3 == 1:
            continue  # no contact yet
        thanks = tracker.add_contact(round_, D(2026, 2, 2 + n % 27), Channel.EMAIL,
                                     kind=Kind.THANK_YOU, new_info=True)  # fmt: skip
        tracker.log_response(thanks, D(2026, 3, 1), Response.NEUTRAL)
        tracker.add_contact(round_, D(2026, 2, 28), Channel.PHONE)
        if n % 4 == 3:
            tracker.add_contact(round_, D(2026, 3, 2), Channel.UNKNOWN)  # its method not noted


def export(tracker: Tracker) -> str:
    out = io.StringIO()
    export_csv(tracker, out)
    return out.getvalue()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def problems(path: Path) -> list[Problem]:
    with pytest.raises(CsvError) as raised:
        read_canonical(path)
    return list(raised.value.problems)


# -- writing -----------------------------------------------------------------------------------


def test_an_export_is_utf8_with_newlines_iso_dates_true_false_and_sorted(tracker, tmp_path):
    """An export is UTF-8 without BOM, `\\n` line endings, ISO dates, true/false, the canonical
    columns in order and rows in SORT_ORDER, whatever order they were added in; an application
    with no round and no contact is one row carrying its source, answer date and history."""
    zeta = tracker.add_application("Zeta Foods", "Baker", outcome=Outcome.REJECTED)
    tracker.add_round(zeta, D(2026, 2, 3))
    acme = tracker.add_application("Acme", "Clerk", people_facing=True)
    round_ = tracker.add_round(acme, D(2026, 3, 2), next_step=NextStep.DECISION_DATE)
    tracker.add_contact(round_, D(2026, 3, 9), Channel.PHONE)
    thanks = tracker.add_contact(round_, D(2026, 3, 2), Channel.EMAIL, kind=Kind.THANK_YOU)
    tracker.log_response(thanks, D(2026, 3, 3), Response.POSITIVE)
    tracker.add_application(
        "Zoe Care",
        "Aide",
        applied_date=D(2024, 11, 23),
        source=Source.REFERRAL,
        answer_date=D(2024, 12, 1),
        history=[
            StageEntry(Stage.APPLIED, D(2024, 11, 23)),
            StageEntry(Stage.SCREEN, D(2024, 12, 1)),
            StageEntry(Stage.INTERVIEW),
            StageEntry(Stage.REJECTED),
        ],
    )  # applied only: no round, no contact
    path = tmp_path / "out.csv"
    assert export_csv(tracker, path) == 4
    assert (
        path.read_bytes()
        == (
            HEADER
            + "acme--clerk,Acme,Clerk,true,2026-03-02,decision-date,2026-03-02,thank-you,email,"
            "false,2026-03-03,positive,pending,,,,,,,\n"
            "acme--clerk,Acme,Clerk,true,2026-03-02,decision-date,2026-03-09,follow-up,phone,"
            "false,,,pending,,,,,,,\n"
            "zeta-foods--baker,Zeta Foods,Baker,false,2026-02-03,unknown,,,,false,,,rejected,,,,"
            ",,,\n"
            "zoe-care--aide,Zoe Care,Aide,false,,,,,,false,,,pending,2024-11-23,,,,referral,"
            "2024-12-01,applied 2024-11-23; screen 2024-12-01; interview; rejected\n"
        ).encode()
    )


def test_an_export_is_safe_to_open_in_a_spreadsheet(tracker, tmp_path):
    """Text cells that a spreadsheet would run as a formula get a leading `'`; dates and
    booleans never do."""
    tracker.add_application('=HYPERLINK("x")', "-Lead", contact_detail="+1 555 0100",
                            contact_name="@dana", job_ref="'quoted")  # fmt: skip
    text = export(tracker)
    row = text.splitlines()[1]
    assert row == (
        'hyperlink-x--lead,"\'=HYPERLINK(""x"")",\'-Lead,false,,,,,,false,,,pending,,'
        "''quoted,'@dana,'+1 555 0100,,,"
    )


def test_write_canonical_sorts_any_table(tracker, tmp_path):
    """Writing a table sorts its rows by SORT_ORDER, so shuffled rows give the same file."""
    fill(tracker, ("a", "b", "c", "d", "e", "f", "g"))
    table = tracker.contacts()
    ordered, shuffled = io.StringIO(), io.StringIO()
    write_canonical(table, ordered)
    write_canonical(table.sample(frac=1, random_state=3), shuffled)
    assert ordered.getvalue() == shuffled.getvalue()


# -- the round trip ----------------------------------------------------------------------------


def test_export_import_export_gives_the_same_bytes_with_hostile_text(tracker, tmp_path):
    """Export, import into an empty tracker, export again: the same bytes, even for formulas,
    quotes, commas, line breaks, leading `'`, `+`, `-`, `@` and any script."""
    fill(tracker, HOSTILE)
    first = write(tmp_path / "first.csv", export(tracker))
    with Tracker(tmp_path / "empty.db") as empty:
        report = import_csv(first, empty)
        assert report.added == len(tracker.contacts()) and report.updated == 0
        assert export(empty) == first.read_bytes().decode("utf-8")
        pd.testing.assert_frame_equal(empty.contacts(), tracker.contacts())


texts = st.text(st.characters(codec="utf-8"), max_size=12)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(texts.filter(str.strip), min_size=1, max_size=4, unique=True))
def test_the_round_trip_is_exact_for_any_text(tmp_path_factory, values):
    """Any text in any text column survives export and import unchanged, byte for byte."""
    folder = tmp_path_factory.mktemp("roundtrip")
    with Tracker(folder / "a.db") as tracker:
        fill(tracker, tuple(values))
        first = export(tracker)
    with Tracker(folder / "b.db") as again:
        import_csv(write(folder / "a.csv", first), again)
        assert export(again) == first


def test_one_leading_quote_is_removed_only_before_a_formula_character(tmp_path):
    """On import `'=x` reads `=x` and `''x` reads `'x`, but `'s-Hertogenbosch` keeps its `'`."""
    path = write(tmp_path / "in.csv", HEADER + line(company="'=1+1", role="'s-Hertogenbosch",
                 job_ref="''x", contact_name="'-", contact_detail="'+'"))  # fmt: skip
    row = read_canonical(path).iloc[0]
    assert (row["company"], row["role"], row["job_ref"]) == ("=1+1", "'s-Hertogenbosch", "'x")
    assert (row["contact_name"], row["contact_detail"]) == ("-", "+'")


# -- reading -----------------------------------------------------------------------------------


def test_reading_tolerates_a_bom_case_and_spaces_and_every_boolean_spelling(tmp_path):
    """A BOM is skipped; enums and booleans read without regard to case or spaces; yes/no,
    y/n, 1/0 and true/false are booleans; empty cells take their defaults."""
    rows = [
        contact(people_facing=" Yes ", kind=" Thank-You", channel="PHONE ", new_info="Y",
                next_step="Decision-Date", outcome=" OFFER", response_date=" 2026-03-05 ",
                response="Positive"),
        contact(people_facing="yes", contact_date="2026-03-04", kind="", channel="Email",
                new_info="0", next_step="decision-date", outcome="offer"),
        contact(people_facing="1", contact_date="2026-03-06", channel="letter", new_info="N",
                next_step=" decision-date", outcome="Offer", kind="second-follow-up"),
        line(company="Solo", people_facing="FALSE"),
    ]  # fmt: skip
    path = write(tmp_path / "in.csv", "\ufeff" + HEADER + "".join(rows))
    table = read_canonical(path)
    assert list(table["kind"]) == ["thank-you", "follow-up", "second-follow-up", ""]
    assert list(table["channel"]) == ["phone", "email", "letter", ""]
    assert list(table["new_info"]) == [True, False, False, False]
    assert list(table["people_facing"]) == [True, True, True, False]
    assert list(table["next_step"]) == ["decision-date"] * 3 + [""]
    assert list(table["outcome"]) == ["offer"] * 3 + ["pending"]
    assert table["response_date"].iloc[0] == pd.Timestamp("2026-03-05")


def test_windows_line_endings_read_the_same(tmp_path):
    """A file saved with CRLF line endings reads as the same table."""
    text = HEADER + contact() + contact("zeta", response_date="2026-03-04")
    unix = read_canonical(write(tmp_path / "unix.csv", text))
    windows = read_canonical(write(tmp_path / "windows.csv", text.replace("\n", "\r\n")))
    pd.testing.assert_frame_equal(unix, windows)


def test_optional_columns_may_be_absent_and_ids_are_derived(tmp_path):
    """A file with only some columns reads as the whole table: absent columns take their
    defaults, and application_id comes from company and role."""
    path = write(tmp_path / "in.csv", "company,role,interview_date,contact_date,channel\n"
                 "Acme Logistics,Warehouse Supervisor,2026-03-02,2026-03-03,email\n"
                 "Acme Logistics,Warehouse Supervisor,2026-03-02,,\n"
                 "Zeta,,,,\n")  # fmt: skip
    table = read_canonical(path)
    assert tuple(table.columns) == COLUMN_NAMES
    assert list(table["application_id"]) == ["acme-logistics--warehouse-supervisor"] * 2 + ["zeta"]
    assert list(table["kind"]) == ["follow-up", "", ""]
    assert list(table["next_step"]) == ["unknown", "unknown", ""]
    assert list(table["outcome"]) == ["pending"] * 3
    assert (
        str(table["applied_date"].dtype) == "datetime64[ns]" and table["applied_date"].isna().all()
    )


def test_a_header_only_file_is_an_empty_table(tmp_path):
    """A file with the header and no rows is a good, empty table."""
    assert len(read_canonical(write(tmp_path / "in.csv", HEADER))) == 0


# -- bad input ---------------------------------------------------------------------------------

ROW_PROBLEMS = {
    "a date that is not a date": (
        contact(interview_date="23/11/2026"),
        [(2, "interview_date", "23/11/2026", "is not a date (expected YYYY-MM-DD")],
    ),
    "a day that does not exist": (
        contact(contact_date="2026-02-30"),
        [(2, "contact_date", "2026-02-30", "is not a date")],
    ),
    "an implausible year": (
        contact(applied_date="0202-01-01"),
        [(2, "applied_date", "0202-01-01", "is not a plausible date")],
    ),
    "an unknown channel": (
        contact(channel="fax"),
        [(2, "channel", "fax", "is not a channel (expected one of: email, phone, letter,")],
    ),
    "an unknown kind, next step, response and outcome": (
        contact(
            kind="reminder",
            next_step="maybe",
            response="great",
            outcome="hired",
            response_date="2026-03-04",
        ),
        [
            (2, "next_step", "maybe", "is not a next step"),
            (2, "kind", "reminder", "is not a kind"),
            (2, "response", "great", "is not a response"),
            (2, "outcome", "hired", "is not an outcome"),
        ],
    ),
    "a boolean that is not one": (
        contact(new_info="maybe"),
        [
            (
                2,
                "new_info",
                "maybe",
                "is not true or false (expected true/false, yes/no, y/n or 1/0)",
            )
        ],
    ),
    "an empty company": (
        contact(company=" "),
        [(2, "company", " ", "is empty (every row needs the company)")],
    ),
    "a contact without its date, channel or interview": (
        contact(contact_date="", channel="", interview_date=""),
        [
            (2, "interview_date", "", "is empty (a row with a contact or a next_step needs"),
            (2, "contact_date", "", "is empty (a row with a contact needs it)"),
            (2, "channel", "", "is empty (a row with a contact needs it)"),
        ],
    ),
    "a next step without its interview": (
        line(company="Acme", next_step="vague"),
        [(2, "interview_date", "", "is empty (a row with a contact or a next_step needs")],
    ),
    "a contact before its interview": (
        contact(interview_date="2026-03-05", contact_date="2026-03-04"),
        [(2, "contact_date", "2026-03-04", "is before the interview (2026-03-05); a contact")],
    ),
    "a response before its contact": (
        contact(response_date="2026-03-01"),
        [(2, "response_date", "2026-03-01", "is before the contact (2026-03-03); an answer")],
    ),
    "a response without its date": (
        contact(response="positive"),
        [(2, "response", "positive", "has no response_date (expected the date the answer came")],
    ),
    "an unknown source": (
        line(company="Acme", source="carrier pigeon"),
        [(2, "source", "carrier pigeon", "is not a source (expected one of: linkedin, referral")],
    ),
    "an answer before the application": (
        line(company="Acme", applied_date="2026-03-02", answer_date="2026-03-01"),
        [(2, "answer_date", "2026-03-01", "is before the application (2026-03-02); an answer")],
    ),
    "an unknown stage in a history": (
        line(company="Acme", stage_history="applied 2024-11-23; screne 2024-12-01"),
        [
            (
                2,
                "stage_history",
                "applied 2024-11-23; screne 2024-12-01",
                "is not a stage history: entry 2: 'screne' is not a stage (applied, screen,",
            )
        ],
    ),
    "a bad date in a history": (
        line(company="Acme", stage_history="applied 23/11/2024"),
        [
            (
                2,
                "stage_history",
                "applied 23/11/2024",
                "is not a stage history: entry 1: '23/11/2024' is not a date (expected YYYY-MM-DD",
            )
        ],
    ),
    "an implausible year in a history": (
        line(company="Acme", stage_history="applied 0024-11-23"),
        [(2, "stage_history", "applied 0024-11-23", "is not a stage history: 0024-11-23 is not")],
    ),
    "a history out of order": (
        line(company="Acme", stage_history="applied 2024-12-01; screen 2024-11-23"),
        [
            (
                2,
                "stage_history",
                "applied 2024-12-01; screen 2024-11-23",
                "is not a stage history: entry 2 ('screen 2024-11-23') is dated before",
            )
        ],
    ),
    "an empty entry in a history": (
        line(company="Acme", stage_history="applied;; rejected"),
        [(2, "stage_history", "applied;; rejected", "is not a stage history: entry 2 is empty")],
    ),
}


@pytest.mark.parametrize("case", ROW_PROBLEMS)
def test_a_bad_row_is_named_by_line_column_and_value(tmp_path, case):
    """Each kind of bad cell is reported with its line, column and value, and what was
    expected."""
    row, expected = ROW_PROBLEMS[case]
    found = problems(write(tmp_path / "bad.csv", HEADER + row))
    assert [(p.line, p.column, p.value) for p in found] == [e[:3] for e in expected]
    for problem, (*_, message) in zip(found, expected, strict=True):
        assert problem.message.startswith(message), problem.message


def test_rows_of_one_application_that_disagree_name_both_lines(tmp_path):
    """Rows of one application must agree on its fields, and rows of one round on its next
    step; a disagreement names both lines and both values."""
    rows = [
        contact(),
        contact(contact_date="2026-03-09", kind="follow-up", company="ACME Ltd",
                people_facing="true", outcome="offer", next_step="vague"),
        line(application_id="zeta", company="Zeta"),
        line(application_id="zeta", company="Zeta", role="Baker"),
    ]  # fmt: skip
    found = problems(write(tmp_path / "bad.csv", HEADER + "".join(rows)))
    assert [(p.line, p.column, p.value) for p in found] == [
        (3, "company", "ACME Ltd"),
        (3, "people_facing", "true"),
        (3, "next_step", "vague"),
        (3, "outcome", "offer"),
        (5, "role", "Baker"),
    ]
    assert found[0].describe("bad.csv") == (
        "bad.csv:3: column 'company': value 'ACME Ltd' disagrees with line 2 ('Acme Ltd'); "
        "rows of one application must agree (application_id 'acme')"
    )
    assert "disagrees with line 2 ('')" in found[2].message and "one round" in found[2].message


def test_empty_cells_agree_with_the_default_they_stand_for(tmp_path):
    """An empty outcome or people_facing agrees with `pending` or `false` on another row."""
    rows = [contact(outcome="", people_facing=""),
            contact(contact_date="2026-03-04", outcome="Pending", people_facing="no")]  # fmt: skip
    assert len(read_canonical(write(tmp_path / "ok.csv", HEADER + "".join(rows)))) == 2


def test_a_contact_named_twice_is_an_error(tmp_path):
    """Two rows with the same application, contact date, kind and channel are one contact
    named twice."""
    rows = [contact(), contact(kind="Thank-You", new_info="true")]
    found = problems(write(tmp_path / "bad.csv", HEADER + "".join(rows)))
    assert [(p.line, p.column, p.message) for p in found] == [
        (3, "contact_date", "repeats the contact of line 2 (same application, contact_date, "
         "kind and channel)")]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "bad.csv: has no header row (expected a header row naming the columns: "),
        ("\n\n", "bad.csv: has no header row"),
        ("Acme,Clerk,2026-03-02\n", "bad.csv:1: is not a header row: it names no column"),
        ("role,channel\nClerk,email\n",
         "bad.csv:1: column 'company': is missing from the header (a required column)"),
        ("company,contact date\nAcme,2026-03-02\n",
         "bad.csv:1: column 'contact date': is not a column of the canonical table (expected: "),
        ("company,role,role\nAcme,a,b\n", "bad.csv:1: column 'role': is named twice"),
        ("company,role\nAcme,Clerk\nZeta,Baker,extra\n",
         "bad.csv:3: has 3 cells, but the header names 2 columns"),
        ("company,role\n\"Acme,Clerk\n", "bad.csv: cannot be read as CSV"),
    ],
)  # fmt: skip
def test_a_file_that_is_not_a_canonical_table_says_why(tmp_path, text, expected):
    """An empty file, a file without a header row, a missing, unknown or repeated column and a
    row with too many cells are each reported against the header or the row."""
    with pytest.raises(CsvError) as raised:
        read_canonical(write(tmp_path / "bad.csv", text))
    described = raised.value.problems[0].describe("bad.csv")
    assert described.startswith(expected), described


def test_a_file_that_is_not_utf8_text_names_the_line(tmp_path):
    """Bytes that are not UTF-8 are reported with the line they are on."""
    path = tmp_path / "bad.csv"
    path.write_bytes((HEADER + contact()).encode() + "Café,Clerk\n".encode("latin-1"))
    assert [p.describe("bad.csv") for p in problems(path)] == [
        "bad.csv:3: is not UTF-8 text (expected a CSV file saved as UTF-8)"]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("\x1b[2Jclear.csv", "\\x1b[2Jclear.csv"),
        ("bell\x07\x00\t\n.csv", "bell\\x07\\x00\\t\\n.csv"),
        ("del\x7f-csi\x9b-nel\x85.csv", "del\\x7f-csi\\x9b-nel\\x85.csv"),
        ("\udcffbad-bytes.csv", "\\udcffbad-bytes.csv"),
        ("Café résumé ÿ — 東京.csv", "Café résumé ÿ — 東京.csv"),
    ],
    ids=["escape", "C0", "DEL and C1", "undecodable byte", "letters"],
)
def test_a_file_name_is_shown_with_its_control_characters_escaped(name, shown):
    """Control characters (C0, DEL, C1) of a file name are shown as visible escapes wherever a
    problem names the file, so a name cannot drive a terminal; letters stay as they are."""
    assert printable(name) == shown
    problem = Problem(3, "channel", "pigeon", "is not a channel")
    assert problem.describe(name) == f"{shown}:3: column 'channel': value 'pigeon' is not a channel"
    assert CsvError(name, [problem]).first().startswith(f"{shown}:3: ")
    assert CsvError(name, []).first() == shown
    assert CsvError(name, [problem], total=2).lines()[-1].startswith(f"{shown}: ... and 1 more")
    assert CsvError(name, [problem]).source == name  # kept as it is, for the program


def test_a_missing_file_and_a_folder_are_reported(tmp_path):
    """A file that is not there, or a folder, is a one-line problem, not a crash."""
    assert problems(tmp_path / "nope.csv")[0].message == "no such file"
    assert problems(tmp_path)[0].message == "is a folder, not a file"


def test_line_numbers_count_rows_as_a_spreadsheet_does(tmp_path):
    """Lines count the header as 1 and every row (blank rows too) as one, even a row whose cell
    holds a line break."""
    text = HEADER + contact(role="two\nlines") + "\n" + ",,,\n" + contact("zeta", channel="pigeon")
    found = problems(write(tmp_path / "bad.csv", text))
    assert [(p.line, p.value) for p in found] == [(5, "pigeon")]


def test_every_problem_is_listed_up_to_a_cap_and_the_rest_counted(tmp_path):
    """All problems of a file are reported at once, the first MAX_PROBLEMS by line, and how many
    more there are."""
    rows = [contact(f"app{n}", channel="fax") for n in range(60)]
    rows += [contact(f"late{n}", contact_date="soon") for n in range(20)]
    with pytest.raises(CsvError) as raised:
        read_canonical(write(tmp_path / "bad.csv", HEADER + "".join(rows)))
    error = raised.value
    assert error.total == 80 and len(error.problems) == MAX_PROBLEMS
    assert [p.line for p in error.problems] == list(range(2, 2 + MAX_PROBLEMS))
    assert error.lines()[-1].endswith("bad.csv: ... and 30 more (the first 50 are shown)")


# -- importing into a tracker ------------------------------------------------------------------


def test_a_bad_file_writes_nothing_and_the_input_is_never_modified(tracker, tmp_path):
    """A file with one bad row among good ones changes nothing in the tracker, and neither a
    good import nor a bad one changes the file."""
    fill(tracker, ("a", "b", "c"))
    good = write(tmp_path / "good.csv", contacts(30))
    bad = write(tmp_path / "bad.csv", contacts(30) + contact(channel="fax"))
    hashes = digest(good), digest(bad)
    before = snapshot(tracker.path)
    with pytest.raises(CsvError):
        import_csv(bad, tracker)
    assert snapshot(tracker.path) == before
    import_csv(good, tracker)
    assert (digest(good), digest(bad)) == hashes


def test_importing_the_same_file_again_changes_nothing(tracker, tmp_path):
    """A second import of a file reports every row unchanged and leaves the tracker as it was."""
    path = write(tmp_path / "in.csv", contacts(60))
    first = import_csv(path, tracker)
    assert (first.added, first.updated, first.unchanged) == (60, 0, 0)
    before = snapshot(tracker.path)
    again = import_csv(path, tracker)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 60)
    assert snapshot(tracker.path) == before


def test_an_updated_copy_updates_what_changed_adds_what_is_new_and_deletes_nothing(
    tracker, tmp_path
):
    """Importing an edited export updates the rows that changed (a response logged since, an
    outcome), adds new rows, and keeps rows the copy no longer has."""  # fmt: skip
    fill(tracker, ("a", "b", "c", "d"))
    rows = export(tracker).splitlines(keepends=True)
    header, body = rows[0], rows[1:]
    assert (
        body[1].startswith("company-0-a--a,") and ",2026-02-28,follow-up,phone,false,,," in body[1]
    )
    body[1] = body[1].replace(
        ",2026-02-28,follow-up,phone,false,,,",
        ",2026-02-28,follow-up,phone,false,2026-03-02,positive,",
    )  # a response logged since
    body[2] = body[2].replace(",rejected,", ",offer,")  # company-1-b: an outcome
    removed = body.pop(3)  # company-2-c, not in this copy
    body.append(line(application_id="new", company="New Co", interview_date="2026-04-01",
                     contact_date="2026-04-02", channel="text"))  # fmt: skip
    path = write(tmp_path / "copy.csv", header + "".join(body))
    report = import_csv(path, tracker)
    assert (report.added, report.updated, report.unchanged) == (1, 2, len(body) - 3)
    table = tracker.contacts()
    answered = table[(table.channel == "phone") & (table.application_id == "company-0-a--a")]
    assert answered["response"].tolist() == ["positive"]
    assert "company-2-c--c" in set(table["application_id"]) and removed
    assert set(table[table.application_id == "company-1-b--b"]["outcome"]) == {"offer"}


def test_a_file_without_a_column_keeps_the_trackers_values_of_it(tracker, tmp_path):
    """An import changes only the columns the file has: no outcome column, no outcome reset."""
    fill(tracker, ("a",))
    tracker.set_outcome("company-0-a--a", Outcome.OFFER)
    path = write(tmp_path / "in.csv", "application_id,company,role\ncompany-0-a--a,Company 0 a,a\n")
    report = import_csv(path, tracker)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 1)
    assert set(tracker.contacts()["outcome"]) == {"offer"}


def test_a_dry_run_reports_the_same_and_writes_nothing(tracker, tmp_path):
    """A dry run gives the report a real import would, and changes nothing; against a
    tracker that does not exist, it creates none."""
    fill(tracker, ("a", "b"))
    text = export(tracker) + line(company="New Co")
    path = write(tmp_path / "in.csv", text.replace(",rejected,", ",offer,", 1))
    before = snapshot(tracker.path)
    dry = import_csv(path, tracker, dry_run=True)
    assert snapshot(tracker.path) == before
    real = import_csv(path, tracker)
    assert (dry.added, dry.updated, dry.unchanged) == (real.added, real.updated, real.unchanged)
    assert (dry.dry_run, real.dry_run) == (True, False) and dry.added == 1 and dry.updated >= 1
    missing = tmp_path / "none.db"
    assert import_csv(path, missing, dry_run=True).added == real.rows
    assert not missing.exists()


def test_importing_by_path_checks_the_file_before_creating_a_tracker(tmp_path):
    """Given a tracker's path, a bad file is refused before any tracker is created."""
    missing = tmp_path / "new.db"
    with pytest.raises(CsvError):
        import_csv(write(tmp_path / "bad.csv", HEADER + contact(channel="fax")), missing)
    assert not missing.exists()
    import_csv(write(tmp_path / "good.csv", contacts(3)), missing)
    with Tracker(missing, create=False) as tracker:
        assert len(tracker.contacts()) == 3
