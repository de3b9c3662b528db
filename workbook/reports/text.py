"""The response-rate report in words: text tables for a terminal, the sentences and notes the
pages show, and a grouping's HTML table. Nothing here draws (the HTML page with its charts is
`workbook.reports.page`), so `workbook report` prints without loading matplotlib.

All take the dict of `analysis.report`, or of `cohort.cohort_report` (a group's pooled report:
its `participants` column, its hidden groups and its `note` are shown too), and return strings:
writing a file is the caller's job. Every string that came from a learner is escaped in HTML,
so a company called `<script>` stays text. A learner's report also shows its applications: the
funnel and the answer rate by how the person applied (a pooled report has neither).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any, Final

from workbook.reports.words import (
    experiment_summary,
    funnel_summary,
    interval_text,
    lateness_summary,
    percent,
    points,
    sample_sizes_summary,
    within_days,
)
from workbook.rules.counting import GROUPINGS, SMALL_UNDER

__all__ = [
    "APPLICATIONS_NOTE",
    "EXPERIMENT_NOTE",
    "EXPERIMENT_TITLE",
    "LATENESS_NOTE",
    "LATENESS_TITLE",
    "NOTES",
    "SOURCE_TITLE",
    "TITLES",
    "experiment_html",
    "experiment_lines",
    "files_text",
    "ghosting_text",
    "group_table_html",
    "hidden_text",
    "is_pooled",
    "lateness_text",
    "notes",
    "overall_text",
    "text_report",
]

TITLES: Final = {
    "channel": "By channel",
    "kind": "By kind of contact",
    "people_facing": "By people-facing role or not",
    "new_info": "By whether the contact brought new information",
    "days_to_follow_up": "By days from the interview to the contact",
}
"""The heading of each grouping's table."""
SOURCE_TITLE: Final = "Answers by how you applied"
"""The heading of the answer rate by how the person applied."""
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

EXPERIMENT_TITLE: Final = "A fair test of your channels"
"""The heading of the comparison of channels chosen at random."""
EXPERIMENT_NOTE: Final = (
    "Only follow-ups whose channel the workbook chose at random are compared here. When you "
    "choose, you may call after an interview that felt good and write when in doubt, so the "
    "channels you chose carry your hunch as well as the channel's effect; a coin toss carries "
    "neither."
)
"""Why the fair test compares only random follow-ups."""
_EXPERIMENT_HEADERS: Final = ("contacts", "answered", "pending", "rate", "95% interval")
LATENESS_TITLE: Final = "How late employers answered"
"""The heading of the lateness section."""
LATENESS_NOTE: Final = (
    "Lateness counts business days (Monday to Friday) after the date an employer gave for "
    "their answer, up to the day it came; an answer on or before that date is on time. A round "
    "still waiting after the date counts as waiting, not as a no (a Kaplan-Meier estimate), and "
    "the median is the number of business days by which half of the rounds had their answer."
)
"""How to read the lateness figures, when the report has them."""


def notes(report: Mapping[str, Any]) -> list[str]:
    """The notes, with this report's window filled in; a pooled report's own note first, and
    a learner's note on applications last."""
    own = [report["note"]] if "note" in report else []
    extra = [APPLICATIONS_NOTE] if "funnel" in report else []
    extra += [EXPERIMENT_NOTE] if "experiment" in report else []
    extra += [LATENESS_NOTE] if "lateness" in report else []
    return own + [note.format(window=report["window"], small=SMALL_UNDER)
                  for note in (*NOTES, *extra)]  # fmt: skip


def is_pooled(report: Mapping[str, Any]) -> bool:
    """Whether the report is a group's pooled one (`cohort.cohort_report`)."""
    return "cohort" in report


def _headers(report: Mapping[str, Any]) -> tuple[str, ...]:
    return ("participants", *_HEADERS) if is_pooled(report) else _HEADERS


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
        dash if rate is None else percent(rate),
        dash if rate is None else interval_text(group["ci_low"], group["ci_high"]),
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
        dash if rate is None else percent(rate),
        dash if rate is None else interval_text(group["ci_low"], group["ci_high"]),
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
        half = f"half had an answer {within_days(median)}"
    return (
        f"{counts}. {percent(every['rate'])} of decided contacts were answered "
        f"(95% interval {interval_text(every['ci_low'], every['ci_high'])}); {half}."
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
        f"contact ({percent(ghosted['share'])}) never got any answer."
    )


def lateness_text(report: Mapping[str, Any]) -> str:
    """The lateness figures in sentences: a learner's tracker, or a group's."""
    late = report["lateness"]
    if not is_pooled(report):
        return lateness_summary(late)
    if late.get("suppressed"):
        return (
            f"Hidden: fewer than {report['cohort']['min_group']} participants shared rounds "
            "with a date the employer gave."
        )
    people = late["participants"]
    return (
        f"From the rounds of {people} participant{'s' if people != 1 else ''}: "
        + lateness_summary(late, "the group's trackers")
    )


def text_report(report: Mapping[str, Any]) -> str:
    """Aligned plain-text tables, one per grouping, with the overall figures and the notes."""
    window = report["window"]
    pooled = "Pooled response rates of a group" if is_pooled(report) else "Response rates"
    lines = [
        f"{pooled} on {report['as_of']} (an answer counts within {window} days)",
        *([files_text(report)] if is_pooled(report) else []),
        "",
        overall_text(report),
        ghosting_text(report),
    ]
    for by in GROUPINGS:
        groups = report[f"by_{by}"]
        lines += ["", TITLES[by]]
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
        lines += ["", "Applications, each counted once", funnel_summary(report)]
        lines += ["", SOURCE_TITLE]
        sources = [[_key(g["source"]) + (" *" if g["small"] else ""), *_source_cells(g)]
                   for g in report["by_source"]]  # fmt: skip
        lines += (
            _aligned([["source", *_SOURCE_HEADERS], *sources])
            if sources
            else ["  (no applications)"]
        )
    if "experiment" in report:
        lines += ["", EXPERIMENT_TITLE, *experiment_lines(report)]
    if "lateness" in report:
        lines += ["", LATENESS_TITLE, *textwrap.wrap(lateness_text(report), 96)]
    decided = "decided contacts (or applications)" if "funnel" in report else "decided contacts"
    lines += ["", f"* fewer than {SMALL_UNDER} {decided}: read with care."]
    if is_pooled(report):
        lines.append(f"{hidden_text(report)} (see below).")
    lines.append("")
    lines += [
        textwrap.fill(note, 96, initial_indent="- ", subsequent_indent="  ")
        for note in notes(report)
    ]
    return "\n".join(lines) + "\n"


def _arm_cells(arm: Mapping[str, Any], dash: str = "-") -> list[str]:
    """One channel's random follow-ups: (participants,) contacts, answered, pending, rate."""
    rate = arm["rate"]
    return [
        *([str(arm["participants"])] if "participants" in arm else []),
        str(arm["contacts"]),
        str(arm["answered"]),
        str(arm["pending"]),
        dash if rate is None else percent(rate),
        dash if rate is None else interval_text(arm["ci_low"], arm["ci_high"]),
    ]


def _arm_headers(report: Mapping[str, Any]) -> tuple[str, ...]:
    return ("participants", *_EXPERIMENT_HEADERS) if is_pooled(report) else _EXPERIMENT_HEADERS


def experiment_lines(report: Mapping[str, Any]) -> list[str]:
    """The fair test in text: what it shows so far, the random follow-ups per channel, and
    how many it would take to detect a difference."""
    experiment = report["experiment"]
    lines = textwrap.wrap(experiment_summary(report), 96, initial_indent="  ",
                          subsequent_indent="  ")  # fmt: skip
    if experiment["by_channel"]:
        headers = _arm_headers(report)
        rows = [
            [arm["channel"], "hidden", *[""] * (len(headers) - 1)]
            if arm.get("suppressed")
            else [arm["channel"] + (" *" if arm["small"] else ""), *_arm_cells(arm)]
            for arm in experiment["by_channel"]
        ]
        lines += _aligned([["random, by", *headers], *rows])
    sizes = [["difference to detect", "random follow-ups per channel"]]
    sizes += [[points(row["difference"]), str(row["per_channel"])]
              for row in experiment["sample_sizes"]]  # fmt: skip
    lines += ["", *_aligned(sizes)]
    lines += textwrap.wrap(sample_sizes_summary(report), 96, initial_indent="  ",
                           subsequent_indent="  ")  # fmt: skip
    return lines


def experiment_html(report: Mapping[str, Any], figure: str = "") -> str:
    """The fair test as HTML: the heading, what it shows so far, `figure` (a chart, with its
    words as alt text), the random follow-ups per channel and the sample sizes, as tables."""
    experiment = report["experiment"]
    parts = [f"<h2>{escape(EXPERIMENT_TITLE)}</h2>",
             f"<p>{escape(experiment_summary(report))}</p>", figure]  # fmt: skip
    if experiment["by_channel"]:
        headers = _arm_headers(report)
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in ("channel", *headers))
        body = []
        for arm in experiment["by_channel"]:
            name = escape(arm["channel"])
            if arm.get("suppressed"):
                cell = f'<td colspan="{len(headers)}">{escape(hidden_text(report))}</td>'
                body.append(f'<tr><th scope="row">{name}</th>{cell}</tr>')
                continue
            few = '<span class="few">few</span>' if arm["small"] else ""
            cells = "".join(f'<td class="n">{escape(c)}</td>' for c in _arm_cells(arm, "–"))
            body.append(f'<tr><th scope="row">{name}{few}</th>{cells}</tr>')
        parts.append(
            f"<table><caption>Follow-ups whose channel was chosen at random</caption><thead>"
            f"<tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )
    rows = "".join(
        f'<tr><th scope="row">{escape(points(row["difference"]))}</th>'
        f'<td class="n">{row["per_channel"]}</td></tr>'
        for row in experiment["sample_sizes"]
    )
    parts.append(
        '<table><caption>How many it would take</caption><thead><tr><th scope="col">'
        'difference to detect</th><th scope="col">random follow-ups per channel</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )
    parts.append(f"<p>{escape(sample_sizes_summary(report))}</p>")
    return "\n".join(part for part in parts if part)


def _aligned(table: Sequence[Sequence[str]]) -> list[str]:
    """A table's rows as text lines: the first column to the left, the others to the right."""
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = []
    for row in table:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


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
