"""The work-search log for a benefits office: its rows, the date range, the CSV and the printable
page (hostile text escaped in both), and `workbook export --work-search`."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest

from workbook.cli import main
from workbook.model import Channel, Kind, Outcome, Response
from workbook.tables.canonical_csv import merge_table
from workbook.tables.spreadsheet import open_sheet
from workbook.tables.work_search import LOG_COLUMNS, log_csv, log_files, log_html, work_search_log
from workbook.tracker.store import Tracker

D = dt.date
DATA = Path(__file__).resolve().parent / "data" / "import"
CONTACT_COLUMNS = ["application_id", "contact_date", "kind", "channel", "response_date", "response"]


def fill(tracker: Tracker, company: str = "Acme Logistics", role: str = "Clerk") -> None:
    """Two applications: one applied for, interviewed, thanked and followed up (answered);
    one applied for and rejected; and a third never applied for (no date)."""
    acme = tracker.add_application(
        company, role, applied_date=D(2026, 11, 2), job_ref="WH-1", contact_name="Dana Reyes",
        contact_detail="dana@acme.example",
    )  # fmt: skip
    round_ = tracker.add_round(acme, D(2026, 11, 16), interviewers="Dana Reyes, Sam Ortiz")
    tracker.add_contact(round_, D(2026, 11, 16), Channel.EMAIL, kind=Kind.THANK_YOU)
    follow_up = tracker.add_contact(round_, D(2026, 11, 23), Channel.PHONE)
    tracker.log_response(follow_up, D(2026, 11, 25), Response.POSITIVE)
    tracker.add_application("Zeta Foods", "Baker", applied_date=D(2026, 11, 5),
                            outcome=Outcome.REJECTED)  # fmt: skip
    tracker.add_application("Bookmarked Co", "Driver")


def log_of(tracker: Tracker, **period: dt.date) -> pd.DataFrame:
    return work_search_log(
        tracker.applications(), tracker.rounds(), tracker.contact_rows(CONTACT_COLUMNS), **period
    )


@pytest.fixture
def tracker(tmp_path):
    with Tracker(tmp_path / "t.db") as opened:
        fill(opened)
        yield opened


def test_the_log_has_a_row_per_application_interview_and_contact_by_date(tracker):
    """Applications on their applied dates, interviews with their interviewers, thank-yous and
    follow-ups with how they were made and what answer came, in date order."""
    rows = [
        (row["Date"].date(), *(row[name] for name in LOG_COLUMNS[1:]))
        for _, row in log_of(tracker).iterrows()
    ]
    acme = ("Acme Logistics", "Clerk (ref. WH-1)")
    assert rows == [
        (D(2026, 11, 2), *acme, "Applied", "", "Dana Reyes", "dana@acme.example",
         "Waiting to hear"),
        (D(2026, 11, 5), "Zeta Foods", "Baker", "Applied", "", "", "", "Rejected"),
        (D(2026, 11, 16), *acme, "Interview", "", "Dana Reyes, Sam Ortiz", "dana@acme.example",
         "Waiting to hear"),
        (D(2026, 11, 16), *acme, "Thank-you", "Email", "Dana Reyes", "dana@acme.example",
         "No answer recorded"),
        (D(2026, 11, 23), *acme, "Follow-up", "Phone", "Dana Reyes", "dana@acme.example",
         "Answer on 2026-11-25 (positive)"),
    ]  # fmt: skip
    assert tuple(log_of(tracker).columns) == LOG_COLUMNS


def test_the_date_range_includes_both_ends(tracker):
    """--from and --to keep the activities on those days and between them."""
    log = log_of(tracker, start=D(2026, 11, 5), end=D(2026, 11, 16))
    assert [d.date() for d in log["Date"]] == [D(2026, 11, 5), D(2026, 11, 16), D(2026, 11, 16)]
    assert len(log_of(tracker, start=D(2026, 11, 24))) == 0
    assert len(log_of(tracker, end=D(2026, 11, 1))) == 0


def test_the_csv_is_spreadsheet_safe_and_reads_back_as_the_log(tmp_path):
    """The CSV has the log's header, ISO dates and `\\n` endings; a text a spreadsheet would run
    as a formula gets a leading `'`; commas, quotes and line breaks are quoted."""
    with Tracker(tmp_path / "t.db") as tracker:
        fill(tracker, company='=HYPERLINK("http://evil.example","x")', role='Clerk, "B"\nshift')
        text = log_csv(log_of(tracker))
    lines = text.split("\n")
    assert lines[0] == "Date,Employer,Position,Activity,How,Contact person,Contact details,Result"
    assert lines[1] == '2026-11-02,"\'=HYPERLINK(""http://evil.example"",""x"")","Clerk, ""B""'
    assert lines[2] == 'shift (ref. WH-1)",Applied,,Dana Reyes,dana@acme.example,Waiting to hear'
    assert "\r" not in text and text.endswith("\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1][1:3] == [
        '\'=HYPERLINK("http://evil.example","x")',
        'Clerk, "B"\nshift (ref. WH-1)',
    ]


def test_the_page_is_printable_self_contained_and_escapes_every_text(tmp_path):
    """The HTML page escapes every text (a company called `<script>` stays text), loads nothing
    from elsewhere, says the period, has print rules and a line to sign."""
    hostile = "<script>alert('x')</script> & \"Co\""
    with Tracker(tmp_path / "t.db") as tracker:
        fill(tracker, company=hostile, role="<b>Clerk</b>")
        page = log_html(log_of(tracker), start=D(2026, 11, 1), end=D(2026, 11, 30))
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Co&quot;" in page
    assert "&lt;b&gt;Clerk&lt;/b&gt; (ref. WH-1)" in page
    assert "src=" not in page and "<link" not in page and "@import" not in page
    assert "From 2026-11-01 to 2026-11-30: 5 activities with 2 employers." in page
    assert "@media print" in page and "Signature:" in page
    assert page.count("<tr>") == 1 + 5


def test_an_empty_log_is_a_header_and_a_page_that_says_so():
    """No activity in the period: a CSV with its header only, a page saying there is none."""
    empty = work_search_log(
        pd.DataFrame(columns=["application_id", "company", "role", "outcome", "applied_date",
                              "job_ref", "contact_name", "contact_detail"]),
        pd.DataFrame(columns=["application_id", "interview_date", "interviewers"]),
        pd.DataFrame(columns=CONTACT_COLUMNS),
    )  # fmt: skip
    assert log_csv(empty) == ",".join(LOG_COLUMNS) + "\n"
    assert "No activity." in log_html(empty) and "All recorded activity: 0 activities" in (
        log_html(empty)
    )


@pytest.mark.parametrize(
    ("given", "expected"),
    [("log", ("log.csv", "log.html")), ("log.csv", ("log.csv", "log.html")),
     ("out/Log.HTML", ("out/Log.csv", "out/Log.html")), ("log.2026", ("log.2026.csv",
                                                                       "log.2026.html"))],
)  # fmt: skip
def test_the_log_is_written_as_file_csv_and_file_html_side_by_side(given, expected):
    """FILE names both files: a `.csv` or `.html` ending is replaced, anything else kept."""
    assert log_files(given) == (Path(expected[0]), Path(expected[1]))


def test_export_work_search_writes_both_files_for_the_period(tmp_path, capsys):
    """`workbook export --work-search FILE --from --to` writes FILE.csv and FILE.html from the
    tracker and says so; an imported spreadsheet's applications and contacts are in it."""
    db = tmp_path / "t.db"
    sheet = open_sheet(DATA / "per-application.csv")
    merge_table(sheet.table(), sheet.present, db)
    target = tmp_path / "log.csv"
    assert main(["export", "--db", str(db), "--work-search", str(target),
                 "--from", "2026-11-10", "--to", "2026-11-30"]) == 0  # fmt: skip
    csv_path, html_path = tmp_path / "log.csv", tmp_path / "log.html"
    assert capsys.readouterr().out == (
        f"Wrote the work-search log (8 entries) from {db} to {csv_path} and {html_path}.\n"
    )
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"), newline="")))
    assert [(row[0], row[3]) for row in rows[1:]] == [
        ("2026-11-12", "Applied"), ("2026-11-16", "Interview"), ("2026-11-17", "Interview"),
        ("2026-11-18", "Interview"), ("2026-11-20", "Interview"), ("2026-11-21", "Follow-up"),
        ("2026-11-23", "Follow-up"), ("2026-11-25", "Follow-up"),
    ]  # fmt: skip
    assert rows[6] == [
        "2026-11-21", "Acme Logistics (synthetic)", "Warehouse Supervisor (ref. WH-2231)",
        "Follow-up", "Email", "Dana Reyes", "dana.reyes@acme.example.com",
        "Answer on 2026-11-24 (positive)",
    ]  # fmt: skip
    assert rows[8][6] == "'+1 555 0142"  # escaped for spreadsheets, as the canonical export does
    assert "<h1>Work-search log</h1>" in html_path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [(["export"], "FILE: give the file to write (or --work-search FILE for the log)"),
     (["export", "a.csv", "--work-search", "log"], "a.csv: give either FILE or --work-search"),
     (["export", "a.csv", "--from", "2026-11-01"], "--from: only with --work-search"),
     (["export", "--work-search", "log", "--from", "2026-11-30", "--to", "2026-11-01"],
      "--to: 2026-11-01 is before --from (2026-11-30)"),
     (["export", "--work-search", "log", "--db", "missing.db"], "missing.db: no tracker there"),
     (["export", "--work-search", "no-such-folder/log"], "--work-search: cannot write")],
)  # fmt: skip
def test_export_mistakes_are_one_line_naming_the_option(tmp_path, monkeypatch, capsys, args,
                                                        message):  # fmt: skip
    """FILE and --work-search together or neither, --from without the log, a period that ends
    before it starts, no tracker or nowhere to write: one line, status 2."""
    monkeypatch.chdir(tmp_path)
    Tracker(tmp_path / "t.db").close()
    if "--db" not in args:
        args = [*args, "--db", "t.db"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbook export: error: ") and message in err, err
    assert not (tmp_path / "log.csv").exists()


def test_a_contact_whose_method_was_not_noted_is_logged_as_not_recorded(tracker):
    """A follow-up logged with a date but no method shows in the log, saying so plainly."""
    application = tracker.add_application("Birch Care", "Aide", applied_date=dt.date(2026, 3, 1))
    round_ = tracker.add_round(application, dt.date(2026, 3, 9))
    tracker.add_contact(round_, dt.date(2026, 3, 16), Channel.UNKNOWN)
    log = log_of(tracker)
    row = log[(log["Employer"] == "Birch Care") & (log["Date"] == "2026-03-16")]
    assert list(row["How"]) == ["Not recorded"]
