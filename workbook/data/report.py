"""The response-rate report as text tables for a terminal and as one self-contained HTML page.

Both take the dict of `analysis.report`, or of `cohort.cohort_report` (a group's pooled report:
its `participants` column, its hidden groups and its `note` are shown too); the HTML page can
also take the contacts, for the time-to-answer chart and the timelines of chosen applications.
They return strings: writing a file is the caller's job. The page needs nothing from the
network: its style is inline and its charts are PNG images inside it, each with its one-sentence
summary as alt text and caption.
Every string that came from a learner is escaped, so a company called `<script>` stays text.
A learner's report also shows its applications: the funnel and the answer rate by how the
person applied (a pooled report has neither).
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import textwrap
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from html import escape
from typing import Any, Final

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from workbook.data import charts
from workbook.data.analysis import GROUPINGS, SMALL_UNDER

__all__ = [
    "APPLICATIONS_NOTE",
    "NOTES",
    "applications_html",
    "figure_html",
    "files_text",
    "funnel_figure_html",
    "ghosting_text",
    "group_table_html",
    "hidden_text",
    "html_report",
    "notes",
    "overall_text",
    "rates_figure_html",
    "text_report",
]

_TITLES: Final = {
    "channel": "By channel",
    "kind": "By kind of contact",
    "people_facing": "By people-facing role or not",
    "new_info": "By whether the contact brought new information",
    "days_to_follow_up": "By days from the interview to the contact",
}
_SOURCE_TITLE: Final = "Answers by how you applied"
_SOURCE_HEADERS: Final = ("applications", "answered", "pending", "rate", "95% interval")
_HEADERS: Final = (
    "contacts",
    "answered",
    "positive",
    "pending",
    "rate",
    "95% interval",
    "median days",
)

NOTES: Final = (
    "A contact counts as answered when the answer came within {window} days of it. A contact "
    "from the last {window} days without an answer is pending: it is left out of the rate, "
    "since it has not had its chance yet.",
    "The 95% interval is the range of rates these contacts are consistent with. Few contacts "
    "give a wide interval; many give a narrow one. If two groups' intervals overlap a lot, the "
    "data cannot tell them apart.",
    "Groups with fewer than {small} decided contacts are marked as few: one answer more or less "
    "moves their rate a lot, so read them with care.",
    "Days to an answer count contacts still waiting as waiting, not as unanswered (a "
    "Kaplan-Meier estimate). The median is the day by which half had an answer; there is none "
    "when fewer than half ever did.",
    "A higher rate for one channel does not prove the channel causes it: people choose a channel "
    "for reasons (a phone number offered in the interview, a people-facing role) that may bring "
    "answers on their own.",
)
"""Plain-language notes on how to read the figures; `{window}` and `{small}` are filled in."""

APPLICATIONS_NOTE: Final = (
    "The funnel counts each application once, at the furthest step it reached: any answer "
    "from the employer (a reply, a screen, an interview, even a no), an interview, an offer. "
    "By how you applied, an application still open and under {window} days old without an "
    "answer is pending and left out, as contacts are."
)
"""The note of a learner's report on its applications (a pooled report has none)."""


def notes(report: Mapping[str, Any]) -> list[str]:
    """The notes, with this report's window filled in; a pooled report's own note first, and
    a learner's note on applications last."""
    own = [report["note"]] if "note" in report else []
    extra = [APPLICATIONS_NOTE] if "funnel" in report else []
    return own + [note.format(window=report["window"], small=SMALL_UNDER)
                  for note in (*NOTES, *extra)]  # fmt: skip


def _pooled(report: Mapping[str, Any]) -> bool:
    """Whether the report is a group's pooled one (`cohort.cohort_report`)."""
    return "cohort" in report


def _headers(report: Mapping[str, Any]) -> tuple[str, ...]:
    return ("participants", *_HEADERS) if _pooled(report) else _HEADERS


def hidden_text(report: Mapping[str, Any]) -> str:
    """Why a pooled report's group is hidden, in a few words."""
    return f"hidden: fewer than {report['cohort']['min_group']} participants"


def _key(key: object) -> str:
    """A group's key in a table: `email`, `0-2`, or yes/no for a flag."""
    if isinstance(key, bool):
        return "yes" if key else "no"
    return str(key)


def _source_cells(group: Mapping[str, Any], dash: str = "-") -> list[str]:
    """A source's figures: applications, answered, pending, the rate and its interval."""
    rate = group["rate"]
    return [
        str(group["applications"]),
        str(group["answered"]),
        str(group["pending"]),
        dash if rate is None else charts.percent(rate),
        dash if rate is None else charts.interval_text(group["ci_low"], group["ci_high"]),
    ]


def _cells(group: Mapping[str, Any], dash: str = "-") -> list[str]:
    if "applications" in group:
        return _source_cells(group, dash)
    rate = group["rate"]
    median = group["median_days"]
    return [
        *([str(group["participants"])] if "participants" in group else []),
        str(group["contacts"]),
        str(group["answered"]),
        str(group["positive"]),
        str(group["pending"]),
        dash if rate is None else charts.percent(rate),
        dash if rate is None else charts.interval_text(group["ci_low"], group["ci_high"]),
        dash if median is None else str(median),
    ]


def overall_text(report: Mapping[str, Any]) -> str:
    """The overall figures in a sentence or two: contacts, answered, pending, the rate."""
    every = report["overall"]
    if every.get("suppressed"):
        fewer = (
            f"fewer than {report['cohort']['min_group']} participants shared contacts that have "
            "had time for an answer"
        )
        return f"No pooled figures are shown: {fewer}."
    if every["contacts"] == 0:
        return "No contacts yet."
    people = every.get("participants")
    who = f" from {people} participant{'s' if people != 1 else ''}" if people is not None else ""
    counts = (
        f"{every['contacts']} contacts{who}: {every['answered']} answered "
        f"({every['positive']} positive), {every['pending']} pending"
    )
    if every["rate"] is None:
        return f"{counts}; none decided yet, so no rate."
    median = every["median_days"]
    if median is None:
        half = "fewer than half ever had an answer"
    else:
        half = f"half had an answer {charts.within_days(median)}"
    return (
        f"{counts}. {charts.percent(every['rate'])} of decided contacts were answered "
        f"(95% interval {charts.interval_text(every['ci_low'], every['ci_high'])}); {half}."
    )


def files_text(report: Mapping[str, Any]) -> str:
    """For a pooled report: how many participants' shares it rests on, and which files were
    left out (none are, of a room's trackers)."""
    cohort = report["cohort"]
    people = f"{cohort['files']} participant{'s' if cohort['files'] != 1 else ''}"
    made_up = " (made-up sample data)" if cohort["synthetic"] else ""
    left_out = []
    if cohort["skipped"]:
        left_out.append(f"{cohort['skipped']} skipped (not a valid shared file)")
    if cohort["replaced"]:
        left_out.append(f"{cohort['replaced']} replaced by the same participant's newer share")
    rest = f"; of the other files, {' and '.join(left_out)}" if left_out else ""
    return f"From the shares of {people}{made_up}, the newest of each{rest}."


def ghosting_text(report: Mapping[str, Any]) -> str:
    """How many applications with a decided contact never got any answer, in a sentence."""
    ghosted = report["ghosted"]
    if ghosted.get("suppressed"):
        return "Applications that never got an answer: hidden, as above."
    if not ghosted["decided"]:
        return "No application has a decided contact yet, so none can be called ghosted."
    return (
        f"Ghosted: {ghosted['ghosted']} of {ghosted['decided']} applications with a decided "
        f"contact ({charts.percent(ghosted['share'])}) never got any answer."
    )


def text_report(report: Mapping[str, Any]) -> str:
    """Aligned plain-text tables, one per grouping, with the overall figures and the notes."""
    window = report["window"]
    pooled = "Pooled response rates of a group" if _pooled(report) else "Response rates"
    lines = [
        f"{pooled} on {report['as_of']} (an answer counts within {window} days)",
        *([files_text(report)] if _pooled(report) else []),
        "",
        overall_text(report),
        ghosting_text(report),
    ]
    for by in GROUPINGS:
        groups = report[f"by_{by}"]
        lines += ["", _TITLES[by]]
        if not groups:
            lines.append("  (no contacts)")
            continue
        headers = _headers(report)
        rows = [
            [_key(g[by]), "hidden", *[""] * (len(headers) - 1)]
            if g.get("suppressed")
            else [_key(g[by]) + (" *" if g["small"] else ""), *_cells(g)]
            for g in groups
        ]
        lines += _aligned([[by.replace("_", " "), *headers], *rows])
    if "funnel" in report:
        lines += ["", "Applications, each counted once", charts.funnel_summary(report)]
        lines += ["", _SOURCE_TITLE]
        sources = [[_key(g["source"]) + (" *" if g["small"] else ""), *_source_cells(g)]
                   for g in report["by_source"]]  # fmt: skip
        lines += (
            _aligned([["source", *_SOURCE_HEADERS], *sources])
            if sources
            else ["  (no applications)"]
        )
    decided = "decided contacts (or applications)" if "funnel" in report else "decided contacts"
    lines += ["", f"* fewer than {SMALL_UNDER} {decided}: read with care."]
    if _pooled(report):
        lines.append(f"{hidden_text(report)} (see below).")
    lines.append("")
    lines += [
        textwrap.fill(note, 96, initial_indent="- ", subsequent_indent="  ")
        for note in notes(report)
    ]
    return "\n".join(lines) + "\n"


def _aligned(table: Sequence[Sequence[str]]) -> list[str]:
    """A table's rows as text lines: the first column to the left, the others to the right."""
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = []
    for row in table:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


_CSS: Final = """
body { font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #111; background: #fff; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2 { line-height: 1.2; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #555; padding: 0.3rem 0.6rem; }
th { background: #eee; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.few { font-weight: bold; border: 1px solid #111; padding: 0 0.3rem; margin-left: 0.4rem; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #ccc; }
figcaption { font-size: 0.95rem; margin-top: 0.3rem; }
@media print { body { margin: 0; max-width: none; } }
"""


def figure_html(
    draw: Callable[..., Axes],
    summary: str,
    size: tuple[float, float],
    *,
    css: str = "",
    dpi: int = 100,
) -> str:
    """A chart drawn off-screen (no pyplot), as an image with its summary for alt and caption.

    `draw` is a plot function with everything but its `ax` already given. The report page and
    the notebook views show every chart through this one function; `css` adds a class to the
    figure (and lets the image shrink to the width it is shown in).
    """
    with mpl.rc_context(charts.STYLE):
        figure = Figure(figsize=size, dpi=dpi, layout="constrained")
        draw(ax=figure.add_subplot())
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    text = escape(summary, quote=True)
    css_class = f' class="{escape(css, quote=True)}"' if css else ""
    fit = ' style="max-width:100%"' if css else ""
    return (
        f'<figure{css_class}><img src="data:image/png;base64,{data}" alt="{text}"{fit}>'
        f"<figcaption>{text}</figcaption></figure>"
    )


def funnel_figure_html(report: Mapping[str, Any], *, css: str = "", dpi: int = 100) -> str:
    """The funnel chart with its summary for alt text and caption."""
    draw = partial(charts.plot_funnel, report)
    return figure_html(draw, charts.funnel_summary(report), (8.0, 3.6), css=css, dpi=dpi)


def applications_html(report: Mapping[str, Any], *, css: str = "", dpi: int = 100) -> str:
    """A learner's applications: the funnel, then the answer rate by source as a chart and a
    table ("" for a pooled report, which has neither)."""
    if "funnel" not in report:
        return ""
    parts = ["<h2>Applications, each counted once</h2>", funnel_figure_html(report, css=css,
             dpi=dpi), f"<h2>{escape(_SOURCE_TITLE)}</h2>"]  # fmt: skip
    if report["by_source"]:
        parts.append(rates_figure_html(report, "source", css=css, dpi=dpi))
        parts.append(group_table_html("source", report["by_source"]))
    else:
        parts.append("<p>No applications yet.</p>")
    return "\n".join(parts)


def rates_figure_html(
    report: Mapping[str, Any], by: str, *, css: str = "", dpi: int = 100, label: str = ""
) -> str:
    """A grouping's rates chart with its summary (`label` before it, such as a made-up
    sample's); with every group hidden, the summary alone."""
    shown = [g for g in report[f"by_{by}"] if not g.get("suppressed")]
    summary = label + charts.rates_summary(report, by)
    if not shown:
        return f"<p>{escape(summary)}</p>"
    draw = partial(charts.plot_rates, report, by)
    return figure_html(draw, summary, (8.0, 1.8 + 0.6 * len(shown)), css=css, dpi=dpi)


def group_table_html(by: str, groups: Sequence[Mapping[str, Any]], hidden: str = "hidden") -> str:
    """A grouping's figures as an HTML table, a row per group; few-contact groups marked, and a
    pooled report's hidden groups said to be `hidden`."""
    pooled = any("participants" in g or "suppressed" in g for g in groups)
    headers: tuple[str, ...] = ("participants", *_HEADERS) if pooled else _HEADERS
    if by == "source":
        headers = _SOURCE_HEADERS
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in (by.replace("_", " "), *headers))
    body = []
    for group in groups:
        if group.get("suppressed"):
            name = f'<th scope="row">{escape(_key(group[by]))}</th>'
            body.append(f'<tr>{name}<td colspan="{len(headers)}">{escape(hidden)}</td></tr>')
            continue
        few = '<span class="few">few</span>' if group["small"] else ""
        name = f'<th scope="row">{escape(_key(group[by]))}{few}</th>'
        cells = "".join(f'<td class="n">{escape(cell)}</td>' for cell in _cells(group, "–"))
        body.append(f"<tr>{name}{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def html_report(
    report: Mapping[str, Any],
    contacts: pd.DataFrame | None = None,
    *,
    title: str = "Follow-up response rates",
    applications: Sequence[str] = (),
) -> str:
    """One self-contained HTML page: the figures, a chart and a table per grouping, the notes.

    With `contacts`, the page adds the time-to-answer curves by channel and the timeline of
    each application named in `applications`.
    """
    window = report["window"]
    as_of = dt.date.fromisoformat(report["as_of"])
    parts = [
        f"<h1>{escape(title)}</h1>",
        f"<p>On {escape(report['as_of'])}; an answer counts within {window} days.</p>",
        *([f"<p>{escape(files_text(report))}</p>"] if _pooled(report) else []),
        f"<p>{escape(overall_text(report))}</p>",
        f"<p>{escape(ghosting_text(report))}</p>",
    ]
    hidden = hidden_text(report) if _pooled(report) else ""
    for by in GROUPINGS:
        groups = report[f"by_{by}"]
        parts.append(f"<h2>{escape(_TITLES[by])}</h2>")
        if not groups:
            parts.append("<p>No contacts yet.</p>")
            continue
        parts.append(rates_figure_html(report, by))
        parts.append(group_table_html(by, groups, hidden))
    if "funnel" in report:
        parts.append(applications_html(report))
    if contacts is not None:
        timing = {"window": window, "as_of": as_of}
        parts.append("<h2>How soon answers came</h2>")
        draw = partial(charts.plot_response_curves, contacts, **timing)
        summary = charts.response_curves_summary(contacts, **timing)
        parts.append(figure_html(draw, summary, (9.0, 5.0)))
        if applications:
            parts.append("<h2>Timelines</h2>")
        for application in applications:
            draw = partial(charts.plot_timeline, contacts, application, **timing)
            summary = charts.timeline_summary(contacts, application, **timing)
            rows = int((contacts["application_id"] == application).sum())
            parts.append(figure_html(draw, summary, (9.0, 2.2 + 0.55 * rows)))
    parts.append("<h2>How to read this</h2>")
    parts.append("<ul>" + "".join(f"<li>{escape(n)}</li>" for n in notes(report)) + "</ul>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body>\n</html>\n"
    )
