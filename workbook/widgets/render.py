"""HTML fragments the views show: the part of the plan a section produces, and progress.

Every string that can come from the learner is escaped here, with `html.escape`; nothing else in
the widgets builds HTML from typed text.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from html import escape

from workbook.model import PLAN_CHANNELS, Finding, Plan, PlanWarning, Section
from workbook.rules.course import RULES_PAGE, plain_rule, section
from workbook.rules.drafts import long_date
from workbook.rules.exports import step_title
from workbook.rules.planner import CHANNEL_COSTS

__all__ = [
    "copy_button_html",
    "download_link_html",
    "findings_html",
    "plan_part_html",
    "practice_banner_html",
    "rule_html",
    "save_problem_html",
]

_CHANNEL_NAMES = {"email": "Email", "phone": "Phone call", "letter": "Letter"}


def practice_banner_html() -> str:
    return (
        '<div class="wb-practice-banner" role="note"><strong>Practice plan.</strong> '
        "This interview is made up: use it to try things out. Nothing from it goes into your "
        "tracker.</div>"
    )


def download_link_html(name: str, data: bytes, mime: str = "text/csv") -> str:
    """A link, "Download NAME", that holds the file itself (a `data:` address), so it downloads
    to the computer showing the page, in a room too; text is declared UTF-8."""
    charset = ";charset=utf-8" if mime.startswith("text/") else ""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="wb-download" download="{escape(name)}" '
        f'href="data:{escape(mime)}{charset};base64,{encoded}">Download {escape(name)}</a>'
    )


def copy_button_html(text: str, label: str = "Copy the text", css: str = "wb-copy") -> str:
    """A button that copies `text` (held in the button itself) to the clipboard and then says
    so; it works in JupyterLab and in the app alike, without a widget round trip."""
    return (
        f'<button type="button" class="{escape(css, quote=True)}" '
        f'data-text="{escape(text, quote=True)}" '
        'onclick="navigator.clipboard.writeText(this.dataset.text)'
        f".then(() => {{ this.textContent = 'Copied'; }})\">{escape(label)}</button>"
    )


def rule_html(rule: int) -> str:
    """A pointer to one of the twelve rules, by its plain name, linked to the rules page (a
    link relative to the page showing it, so it works in JupyterLab and in the app)."""
    name = escape(plain_rule(rule).name)
    return f'<em>(see the rule <a class="wb-rule-link" href="{RULES_PAGE}">{name}</a>)</em>'


def _source_html(source: str) -> str:
    """Where a reviewer's finding comes from: `rule 3` as a linked rule, a section's id as its
    title."""
    number = source.removeprefix("rule ")
    if number.isdigit():
        return rule_html(int(number))
    return f"<em>(see “{escape(section(source).title)}”)</em>"


def findings_html(findings: Sequence[Finding]) -> str:
    """The reviewer's findings as a list, each with its mend and the rule behind it, or a
    line saying it has nothing to add."""
    if not findings:
        return '<p class="wb-findings wb-ok">The reviewer has nothing to add.</p>'
    items = "".join(
        f"<li><strong>{escape(f.message)}</strong> {escape(f.suggestion)} "
        f"{_source_html(f.rule)}</li>"
        for f in findings
    )
    return f'<div class="wb-findings"><p>The reviewer suggests:</p><ul>{items}</ul></div>'


def save_problem_html(problem: str) -> str:
    """Why the latest answers could not be saved, as a short alert; nothing when they were."""
    if not problem:
        return ""
    return f'<p class="wb-error" role="alert">{escape(problem)}</p>'


def _steps_table(plan: Plan, section: Section | None) -> str:
    rows = []
    for step in plan.steps:
        current = ' class="wb-current"' if step.section is section else ""
        rows.append(
            f"<tr{current}><td>{long_date(step.date)}</td><td>{escape(step_title(step))}</td>"
            f"<td>{escape(step.why)}</td></tr>"
        )
    return (
        '<table class="wb-steps"><caption>Your plan so far</caption>'
        '<thead><tr><th scope="col">When</th><th scope="col">What</th>'
        '<th scope="col">Why</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _draft_html(plan: Plan, wanted: Section | None = None) -> str:
    blocks = []
    for step in plan.steps:
        if wanted is not None and step.section is not wanted:
            continue
        subject = f"<p><strong>Subject:</strong> {escape(step.draft.subject)}</p>"
        blocks.append(
            f'<details class="wb-draft"><summary>{escape(step_title(step))}, '
            f"{long_date(step.date)}</summary>{subject if step.draft.subject else ''}"
            f"<pre>{escape(step.draft.body)}</pre></details>"
        )
    return "".join(blocks)


def _channel_costs_html(plan: Plan) -> str:
    chosen = plan.interview.preferred_channel
    items = []
    for channel in PLAN_CHANNELS:
        mine = channel is chosen
        items.append(
            f"<li{' class=wb-current' if mine else ''}><strong>{_CHANNEL_NAMES[channel.value]}"
            f"</strong>{' (your choice)' if mine else ''}: {escape(CHANNEL_COSTS[channel])}</li>"
        )
    return f'<ul class="wb-costs">{"".join(items)}</ul>'


def _list(title: str, items: tuple[str, ...], css: str) -> str:
    if not items:
        return ""
    lines = "".join(f"<li>{escape(item)}</li>" for item in items)
    return f'<div class="{css}"><strong>{title}</strong><ul>{lines}</ul></div>'


def _warnings_html(warnings: tuple[PlanWarning, ...]) -> str:
    """The plan's warnings in plain words, each pointing to the rule behind it, if any."""
    if not warnings:
        return ""
    lines = "".join(
        f"<li>{escape(w.text)}{f' {rule_html(w.rule)}' if w.rule else ''}</li>" for w in warnings
    )
    return f'<div class="wb-warnings"><strong>Good to know</strong><ul>{lines}</ul></div>'


def _notes_html(notes: tuple[str, ...]) -> str:
    """The plan's calm notes (why something is not planned, when nothing is wrong)."""
    if not notes:
        return ""
    paragraphs = "".join(f"<p>{escape(note)}</p>" for note in notes)
    return f'<div class="wb-notes" role="note">{paragraphs}</div>'


def plan_part_html(
    plan: Plan | None, problem: str, section: Section | None, practising: bool
) -> str:
    """What the answers so far produce, with the details that matter in `section`."""
    banner = practice_banner_html() if practising else ""
    if plan is None:
        return f'{banner}<p class="wb-problem" role="status">{escape(problem)}</p>'
    extra = ""
    if section is Section.RESOURCES:
        extra = _draft_html(plan)
    elif section is Section.CHANNEL:
        extra = _channel_costs_html(plan)
    elif section is Section.CLARIFY:
        extra = _list("What to prepare", plan.prepare, "wb-prepare")
    elif section in (Section.BOTHERSOME, Section.FOLLOW_UP):
        stop = f'<p class="wb-stop">{escape(plan.stop)}</p>'
        extra = _draft_html(plan, Section.BOTHERSOME) + stop
    elif section is Section.CALL_OR_EMAIL:
        extra = _draft_html(plan, Section.CALL_OR_EMAIL)
    return (
        f"{banner}{_steps_table(plan, section)}{extra}{_notes_html(plan.notes)}"
        f"{_warnings_html(plan.warnings)}"
    )
