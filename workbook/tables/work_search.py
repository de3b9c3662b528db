"""The work-search log a benefits office asks for, from the tracker: what was done, when, with
whom, how, and what came of it.

`work_search_log` is a pure function from the tracker's tables to the log's rows, one per
activity: an application sent (on its applied date), an interview (a round), a contact made
after one (a thank-you or a follow-up). `log_csv` writes the rows as CSV the way the canonical
export writes text (UTF-8, `\\n`, a cell that a spreadsheet would run as a formula escaped with
a leading `'`); `log_html` makes one self-contained page to print, every text escaped.
`export_work_search` writes both files beside each other, each replaced whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import io
from html import escape
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from workbook.home.files import text_replacing
from workbook.model import Channel, Kind, Outcome, Response
from workbook.tables.canonical_csv import text_field
from workbook.tracker.store import Tracker

__all__ = [
    "LOG_COLUMNS",
    "export_work_search",
    "log_csv",
    "log_files",
    "log_html",
    "work_search_log",
]

LOG_COLUMNS: Final = (
    "Date",
    "Employer",
    "Position",
    "Activity",
    "How",
    "Contact person",
    "Contact details",
    "Result",
)
"""The log's columns, in order; `Date` holds dates, the others text ("" when not recorded)."""

_ACTIVITIES: Final = {
    "applied": "Applied",
    "interview": "Interview",
    Kind.THANK_YOU.value: "Thank-you",
    Kind.FOLLOW_UP.value: "Follow-up",
    Kind.SECOND_FOLLOW_UP.value: "Second follow-up",
}
"""Each kind of activity as the log names it, in the order activities of one day are listed."""

_HOW: Final = {
    Channel.EMAIL.value: "Email",
    Channel.PHONE.value: "Phone",
    Channel.LETTER.value: "Letter",
    Channel.LINKEDIN.value: "LinkedIn message",
    Channel.TEXT.value: "Text message",
    Channel.IN_PERSON.value: "In person",
    Channel.OTHER.value: "Other",
    Channel.UNKNOWN.value: "Not recorded",
}

_OUTCOMES: Final = {
    Outcome.OFFER.value: "Offer",
    Outcome.REJECTED.value: "Rejected",
    Outcome.WITHDRAWN.value: "Withdrawn",
    Outcome.NO_RESPONSE.value: "No response",
    Outcome.PENDING.value: "Waiting to hear",
}

_TONES: Final = {
    Response.POSITIVE.value: "positive",
    Response.NEUTRAL.value: "neutral",
    Response.NEGATIVE.value: "negative",
}


def work_search_log(
    applications: pd.DataFrame,
    rounds: pd.DataFrame,
    contacts: pd.DataFrame,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """The log's rows, one per activity dated from `start` to `end` (both included), by date.

    Takes `Tracker.applications()`, `Tracker.rounds()` and `Tracker.contact_rows()` (or the
    same columns from elsewhere). An application gives an `Applied` row on its applied date
    (none without one), a round an `Interview` row naming its interviewers, a contact a
    `Thank-you`, `Follow-up` or `Second follow-up` row saying how it was made and what answer
    came. The contact person and details are the application's; an application or an
    interview's result is the application's outcome.
    """
    app = applications.set_index("application_id")
    outcome = app["outcome"].map(_OUTCOMES)
    applied = applications[applications["applied_date"].notna()]
    ids = applied["application_id"].to_numpy()
    parts = [
        _entries(app, ids, applied["applied_date"], ["applied"] * len(ids), [""] * len(ids),
                 result=outcome.reindex(ids).fillna("").tolist()),
        _entries(app, rounds["application_id"].to_numpy(), rounds["interview_date"],
                 ["interview"] * len(rounds), [""] * len(rounds),
                 result=outcome.reindex(rounds["application_id"]).fillna("").tolist(),
                 people=rounds["interviewers"].tolist()),
        _entries(app, contacts["application_id"].to_numpy(), contacts["contact_date"],
                 contacts["kind"].tolist(), contacts["channel"].map(_HOW).fillna("").tolist(),
                 result=_answers(contacts)),
    ]  # fmt: skip
    log = pd.concat(parts, ignore_index=True)
    when = log["Date"].dt.date
    keep = np.ones(len(log), dtype=bool)
    if start is not None:
        keep &= (when >= start).to_numpy()
    if end is not None:
        keep &= (when <= end).to_numpy()
    order = log["Activity"].map({name: n for n, name in enumerate(_ACTIVITIES.values())})
    log = log.assign(_order=order)[keep]
    log = log.sort_values(["Date", "Employer", "Position", "_order"], kind="stable")
    return log.drop(columns="_order").reset_index(drop=True)


def _entries(
    app: pd.DataFrame,
    ids: npt.NDArray[Any],
    dates: pd.Series[Any],
    activities: list[str],
    how: list[str],
    *,
    result: list[str],
    people: list[str] | None = None,
) -> pd.DataFrame:
    """Log rows for activities of the applications `ids` on `dates`: the employer, position
    and contact person and details from `app` (people, where given and not empty, instead)."""
    fields = app.reindex(ids)
    named = fields["contact_name"].fillna("").tolist()
    if people is not None:
        named = [person or name for person, name in zip(people, named, strict=True)]
    return pd.DataFrame(
        {
            "Date": pd.to_datetime(dates.to_numpy()),
            "Employer": fields["company"].fillna("").tolist(),
            "Position": _positions(fields),
            "Activity": [_ACTIVITIES[activity] for activity in activities],
            "How": how,
            "Contact person": named,
            "Contact details": fields["contact_detail"].fillna("").tolist(),
            "Result": result,
        },
        columns=list(LOG_COLUMNS),
    )


def _positions(fields: pd.DataFrame) -> list[str]:
    """The role, with the job's reference after it when there is one."""
    roles = fields["role"].fillna("").tolist()
    refs = fields["job_ref"].fillna("").tolist()
    return [
        f"{role} (ref. {ref})" if role and ref else role or (f"ref. {ref}" if ref else "")
        for role, ref in zip(roles, refs, strict=True)
    ]


def _answers(contacts: pd.DataFrame) -> list[str]:
    """What came of each contact: the answer's date and tone, or that none is recorded."""
    answers = []
    for date, tone in zip(contacts["response_date"], contacts["response"], strict=True):
        if pd.isna(date):
            answers.append("No answer recorded")
        else:
            said = f" ({_TONES[tone]})" if tone in _TONES else ""
            answers.append(f"Answer on {pd.Timestamp(date):%Y-%m-%d}{said}")
    return answers


def log_csv(log: pd.DataFrame) -> str:
    """The log as CSV text: a header, ISO dates, text escaped for spreadsheets and quoted as
    CSV needs, `\\n` line endings."""
    out = io.StringIO()
    out.write(",".join(LOG_COLUMNS) + "\n")
    for row in log.itertuples(index=False):
        date, *texts = row
        cells = [f"{date:%Y-%m-%d}", *(text_field(str(text)) for text in texts)]
        out.write(",".join(cells) + "\n")
    return out.getvalue()


_CSS: Final = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; color: #111;
       line-height: 1.4; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #555; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #eee; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
.fill { margin-top: 2rem; }
@page { size: landscape; margin: 1.2cm; }
@media print { body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
               thead { display: table-header-group; } tr { break-inside: avoid; } }
"""


def log_html(log: pd.DataFrame, *, start: dt.date | None = None, end: dt.date | None = None) -> str:
    """The log as one self-contained page to print: a heading, the period, a table of every
    activity, and a line to sign; every text escaped."""
    period = _period(start, end)
    employers = log["Employer"].nunique()
    count = f"{len(log)} activit{'ies' if len(log) != 1 else 'y'} with {employers} employer"
    count += "s" if employers != 1 else ""
    head = "".join(f'<th scope="col">{escape(name)}</th>' for name in LOG_COLUMNS)
    rows = []
    for row in log.itertuples(index=False):
        date, *texts = row
        cells = "".join(f"<td>{escape(str(text))}</td>" for text in texts)
        rows.append(f'<tr><td class="date">{date:%Y-%m-%d}</td>{cells}</tr>')
    body = "\n".join(rows) or f'<tr><td colspan="{len(LOG_COLUMNS)}">No activity.</td></tr>'
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Work-search log, {escape(period)}</title>\n<style>{_CSS}</style>\n</head>\n"
        "<body>\n<h1>Work-search log</h1>\n"
        f"<p>{escape(period[0].upper() + period[1:])}: {escape(count)}.</p>\n"
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"
        '<p class="fill">Name: ______________________ &nbsp; Signature: '
        "______________________ &nbsp; Date: ____________</p>\n"
        "</body>\n</html>\n"
    )


def _period(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return f"from {start.isoformat()} to {end.isoformat()}"
    if start:
        return f"from {start.isoformat()}"
    if end:
        return f"up to {end.isoformat()}"
    return "all recorded activity"


def log_files(target: Path | str) -> tuple[Path, Path]:
    """The two files of a log: FILE.csv and FILE.html side by side (a `.csv`, `.html` or
    `.htm` ending of `target` is replaced, any other kept)."""
    path = Path(target)
    if path.suffix.lower() in (".csv", ".html", ".htm"):
        path = path.with_suffix("")
    return path.with_name(f"{path.name}.csv"), path.with_name(f"{path.name}.html")


def export_work_search(
    tracker: Tracker,
    target: Path | str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> tuple[int, Path, Path]:
    """Write the tracker's work-search log as CSV and as a printable page (see `log_files`),
    each replaced whole or not at all; returns the rows written and the two paths."""
    columns = ["application_id", "contact_date", "kind", "channel", "response_date", "response"]
    log = work_search_log(
        tracker.applications(), tracker.rounds(), tracker.contact_rows(columns),
        start=start, end=end,
    )  # fmt: skip
    csv_path, html_path = log_files(target)
    with text_replacing(csv_path) as file:
        file.write(log_csv(log))
    with text_replacing(html_path) as file:
        file.write(log_html(log, start=start, end=end))
    return len(log), csv_path, html_path
