"""Message drafts, rendered from the package's templates (`rules/templates/*.j2`).

A template's first line may be `Subject: ...`; the rest is the body. The planner decides what
goes in a draft; this module only fills the templates, so wording changes never touch a rule.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import jinja2

from workbook.model import Answer, Channel, Draft, Interview, Interviewer, Kind

__all__ = ["call_script", "long_date", "reply", "thank_you", "written_follow_up"]

_BLANK_LINES = re.compile(r"\n{3,}")
_DOUBLED_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")
"""`Initech Inc..`: a typed name that ends a sentence already has its full stop."""


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("workbook.rules", "templates"),
        autoescape=False,  # plain text; each export escapes for its own format
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def long_date(day: dt.date) -> str:
    """`Monday, November 23`: the way a date reads inside a message."""
    return f"{day:%A}, {day:%B} {day.day}"


def _render(
    template: str, interview: Interview, to: Interviewer, day: dt.date | None, **extra: object
) -> tuple[str, str]:
    text = (
        _environment()
        .get_template(template)
        .render(
            company=interview.company,
            role=interview.role,
            candidate=interview.candidate,
            next_step=interview.next_step.value,
            interview_day=long_date(interview.date),
            step_day=long_date(day) if day else "",
            to=to,
            **extra,
        )
    )
    subject = ""
    if text.startswith("Subject:"):
        first_line, _, text = text.partition("\n")
        subject = first_line.removeprefix("Subject:").strip()
    text = _DOUBLED_STOP.sub(".", _BLANK_LINES.sub("\n\n", text))
    return subject, text.strip() + "\n"


def thank_you(interview: Interview, to: Interviewer, day: dt.date, highlight: str) -> Draft:
    """The thank-you email to one interviewer (rule 1), with the moment and a highlight."""
    subject, body = _render(
        "thank_you.j2", interview, to, day, moment=to.moment, highlight=highlight
    )
    return Draft(Channel.EMAIL, subject, body, to)


def written_follow_up(
    interview: Interview, kind: Kind, channel: Channel, day: dt.date, highlight: str
) -> Draft:
    """A follow-up email or letter (rule 3); the second one carries the new information (4)."""
    template = "second_follow_up.j2" if kind is Kind.SECOND_FOLLOW_UP else "follow_up.j2"
    subject, body = _render(
        template,
        interview,
        interview.main_contact,
        day,
        highlight=highlight,
        new_info=interview.new_info,
        letter=channel is Channel.LETTER,
    )
    return Draft(channel, subject, body, interview.main_contact)


def call_script(interview: Interview, kind: Kind, day: dt.date, highlight: str) -> Draft:
    """What to say on a follow-up call, including an unexpected question and a rejection."""
    permission = interview.call_ok_by
    _, body = _render(
        "call.j2",
        interview,
        interview.main_contact,
        day,
        highlight=highlight,
        new_info=interview.new_info if kind is Kind.SECOND_FOLLOW_UP else (),
        call_ok_by=long_date(permission) if permission else "",
    )
    return Draft(Channel.PHONE, "", body, interview.main_contact)


def reply(interview: Interview, answer: Answer) -> Draft:
    """The reply to an employer's answer (rule 12): confirm, take the offer in, or thank."""
    template = f"reply_{answer.value.replace('-', '_')}.j2"
    subject, body = _render(template, interview, interview.main_contact, None)
    return Draft(Channel.EMAIL, subject, body, interview.main_contact)
