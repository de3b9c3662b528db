"""A plan in the formats a learner takes away: text, Markdown, JSON, iCalendar and `.eml` drafts.

Pure functions from a `Plan` to text or bytes; writing them to disk is the caller's job. Each
format escapes the learner's text in its own way, so no company name, however odd, can add a
header to an email, a property to a calendar event or markup to a page.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from typing import Any

import icalendar

from workbook.model import Answer, Channel, Draft, Kind, Plan, Step
from workbook.rules.dates import full_date, long_date
from workbook.rules.edits import step_key
from workbook.rules.pages import render_page
from workbook.rules.text import clean_block, one_line

__all__ = [
    "eml_files",
    "step_title",
    "to_eml",
    "to_html",
    "to_ics",
    "to_json",
    "to_markdown",
    "to_text",
]

_UID_NAMESPACE = uuid.UUID("6f1d0a52-5a4e-4d33-9a43-3f0b7c2b9e11")
_REMINDER_AT = dt.timedelta(hours=9)
"""Calendar reminders ring at 09:00 on the day of an all-day step."""
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")

_ANSWER_TITLES = {
    Answer.NEXT_ROUND: "If they invite you to another round",
    Answer.OFFER: "If they make you an offer",
    Answer.REJECTION: "If they say no",
}


_KIND_TITLES = {
    Kind.THANK_YOU: "Thank-you",
    Kind.FOLLOW_UP: "Follow-up",
    Kind.SECOND_FOLLOW_UP: "Second follow-up",
}
_MEDIUM = {Channel.EMAIL: "email", Channel.LETTER: "letter", Channel.PHONE: "call"}


def step_title(step: Step) -> str:
    """`Thank-you email to Dana Reyes`: what a step is, in a few words."""
    medium = _MEDIUM.get(step.channel, step.channel.value)
    return one_line(f"{_KIND_TITLES[step.kind]} {medium} to {step.draft.to.name}")


def _heading(plan: Plan) -> str:
    return one_line(f"Follow-up plan: {plan.interview.role} at {plan.interview.company}")


def _on(plan: Plan, day: dt.date) -> str:
    """`Monday 30 November`, in the order of the learner's country."""
    return long_date(day, plan.interview.country)


def _condition(step: Step) -> str:
    return "Only if no answer has come by then." if step.conditional else ""


# -- text and Markdown -------------------------------------------------------------------------


def to_text(plan: Plan) -> str:
    """The plan as plain text for a terminal."""
    interview = plan.interview
    lines = [_heading(plan), f"Interview: {full_date(interview.date, interview.country)}", ""]
    for number, step in enumerate(plan.steps, 1):
        lines += [
            f"{number}. {_on(plan, step.date)}: {step_title(step)}",
            f"   Why: {step.why} (guidance: {step.section.value})",
        ]
        lines += [f"   {line}" for line in (_condition(step), step.note) if line]
        if step.draft.subject:
            lines.append(f"   Subject: {one_line(step.draft.subject)}")
        lines += ["", *(f"   | {line}" for line in clean_block(step.draft.body).splitlines()), ""]
    for title, items in (
        (
            "Cancelled",
            [f"{_on(plan, s.date)}: {step_title(s)}" for s in plan.cancelled],
        ),
        ("Prepare", plan.prepare),
        ("Good to know", plan.warning_texts),
        ("Note", plan.notes),
    ):
        if items:
            lines += [f"{title}:", *(f"- {item}" for item in items), ""]
    lines += [f"Your channel: {plan.channel_costs}", "", f"When to stop: {plan.stop}"]
    if plan.answer is not None:
        reply = plan.replies[plan.answer]
        lines += ["", f"Your reply: {one_line(reply.subject)}", ""]
        lines += [f"   | {line}" for line in clean_block(reply.body).splitlines()]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Learner text made inert inside a Markdown line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))


def _md_block(text: str) -> str:
    """A fenced block longer than any run of backticks inside it, so it cannot be closed early."""
    body = clean_block(text).rstrip("\n")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{body}\n{fence}"


def _md_draft(draft: Draft) -> list[str]:
    lines = [f"**Subject:** {_md(draft.subject)}", ""] if draft.subject else []
    return [*lines, _md_block(draft.body), ""]


def to_markdown(plan: Plan) -> str:
    """The plan as a Markdown document: steps with their drafts, then what surrounds them."""
    interview = plan.interview
    lines = [
        f"# {_md(_heading(plan))}",
        "",
        f"Interview on {full_date(interview.date, interview.country)}; "
        f"next step: {interview.next_step.value}.",
        "",
    ]
    for title, items in (("Good to know", plan.warning_texts), ("A note", plan.notes)):
        if items:
            lines += [f"## {title}", "", *(f"- {_md(item)}" for item in items), ""]
    lines += ["## Steps", ""]
    for number, step in enumerate(plan.steps, 1):
        lines += [
            f"### {number}. {_on(plan, step.date)}: {_md(step_title(step))}",
            "",
        ]
        lines += [f"*Why:* {_md(step.why)} (guidance section `{step.section.value}`)", ""]
        lines += [f"{_md(extra)}\n" for extra in (_condition(step), step.note) if extra]
        lines += _md_draft(step.draft)
    if plan.cancelled:
        lines += ["## Cancelled", ""]
        lines += [f"- {_on(plan, s.date)}: {_md(step_title(s))}" for s in plan.cancelled] + [""]
    if plan.prepare:
        lines += ["## What to prepare", "", *(f"- {_md(item)}" for item in plan.prepare), ""]
    lines += ["## Your channel", "", _md(plan.channel_costs), ""]
    lines += ["## When to stop", "", _md(plan.stop), ""]
    answers = [plan.answer] if plan.answer is not None else list(plan.replies)
    lines += ["## Replies for when they answer", ""]
    for answer in answers:
        lines += [f"### {_ANSWER_TITLES[answer]}", "", *_md_draft(plan.replies[answer])]
    return "\n".join(lines).rstrip("\n") + "\n"


# -- a printable page -------------------------------------------------------------------------


def to_html(plan: Plan) -> str:
    """The plan as one self-contained page to print or keep. Printed, the plan comes first and
    each letter follows on a page of its own, ready to sign."""
    answers = [plan.answer] if plan.answer is not None else list(plan.replies)
    return render_page(
        "plan.html.j2",
        title=one_line(_heading(plan)),
        interview_date=full_date(plan.interview.date, plan.interview.country),
        lists=[("Good to know", plan.warning_texts), ("A note", plan.notes)],
        steps=[
            {
                "when": _on(plan, step.date),
                "title": one_line(step_title(step)),
                "why": one_line(step.why),
                "section": step.section.value,
                "extras": [one_line(x) for x in (_condition(step), step.note) if x],
                "letter": step.channel is Channel.LETTER,
                "subject": one_line(step.draft.subject),
                "body": clean_block(step.draft.body),
            }
            for step in plan.steps
        ],
        prepare=[one_line(item) for item in plan.prepare],
        stop=one_line(plan.stop),
        replies=[
            {
                "title": _ANSWER_TITLES[answer],
                "subject": one_line(plan.replies[answer].subject),
                "body": clean_block(plan.replies[answer].body),
            }
            for answer in answers
        ],
        letters=[clean_block(s.draft.body) for s in plan.steps if s.channel is Channel.LETTER],
    )


# -- JSON --------------------------------------------------------------------------------------


def to_json(plan: Plan) -> dict[str, Any]:
    """The plan as the JSON object of `workbook plan --format json`."""
    result: dict[str, Any] = {
        "steps": [
            {
                "date": step.date.isoformat(),
                "kind": step.kind.value,
                "channel": step.channel.value,
                "section": step.section.value,
                "why": step.why,
                "subject": step.draft.subject,
                "body": step.draft.body,
                "to": str(step.draft.to),
                "conditional": step.conditional,
            }
            for step in plan.steps
        ],
        "prepare": list(plan.prepare),
        "stop": plan.stop,
        "warnings": list(plan.warning_texts),
    }
    if plan.channel_seed is not None:  # the learner let the workbook choose the channels
        result["channel_seed"] = plan.channel_seed
        for step, shown in zip(plan.steps, result["steps"], strict=True):
            shown["chosen_at_random"] = step.chosen_at_random
            shown["note"] = step.note
    if plan.answer is not None:
        reply = plan.replies[plan.answer]
        result["reply"] = {
            "answer": plan.answer.value,
            "subject": reply.subject,
            "body": reply.body,
            "to": str(reply.to),
        }
    return result


# -- iCalendar ---------------------------------------------------------------------------------


def _uid(plan: Plan, step: Step) -> str:
    """Stable across runs and across date changes, so a re-imported calendar updates in place."""
    interview = plan.interview
    key = "|".join(
        [interview.company, interview.role, interview.date.isoformat(), step_key(plan, step),
         step.draft.to.name]
    )  # fmt: skip
    return f"{uuid.uuid5(_UID_NAMESPACE, key)}@followup-workbook"


def to_ics(plan: Plan, stamp: dt.datetime) -> bytes:
    """One all-day event per step, each with a reminder at 09:00; `stamp` is when it was made."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Follow-up Workbook//EN")
    calendar.add("version", "2.0")
    for step in plan.steps:
        event = icalendar.Event()
        event.add("uid", _uid(plan, step))
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", step.date)
        event.add("dtend", step.date + dt.timedelta(days=1))
        event.add("summary", one_line(f"{step_title(step)} ({plan.interview.company})"))
        details = [
            step.why,
            _condition(step),
            step.note,
            one_line(step.draft.subject),
            clean_block(step.draft.body),
        ]
        event.add("description", "\n\n".join(part for part in details if part))
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", one_line(step_title(step)))
        alarm.add("trigger", _REMINDER_AT)
        event.add_component(alarm)
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


# -- email drafts ------------------------------------------------------------------------------


def to_eml(draft: Draft) -> bytes:
    """An unsent email message, addressed to the interviewer when their address is known."""
    message = EmailMessage(policy=SMTP)
    if draft.to.email:
        message["To"] = Address(one_line(draft.to.name), addr_spec=one_line(draft.to.email))
    message["Subject"] = one_line(draft.subject)
    message["X-Unsent"] = "1"  # mail programs open the file as a draft to send
    message.set_content(clean_block(draft.body))
    return bytes(message)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "contact"


def eml_files(plan: Plan) -> dict[str, bytes]:
    """Every email step of the plan as `NN-date-kind-name.eml` file names and contents."""
    return {
        f"{n:02d}-{s.date.isoformat()}-{s.kind.value}-{_slug(s.draft.to.name)}.eml": to_eml(s.draft)
        for n, s in enumerate(plan.steps, 1)
        if s.channel is Channel.EMAIL
    }
