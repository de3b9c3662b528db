"""Message drafts, rendered from the package's templates (`rules/templates/<message>/<n>.j2`).

Every message has `WORDINGS` wordings, one template each; `Interview.wording` picks one, and
each member of a panel gets the next, so notes compared side by side differ. A template's
first line may be `Subject: ...`; the rest is the body. The planner decides what goes in a
draft (its day, its highlight, its news); this module turns those facts into the words a
template needs (how to greet, how to say a date, a highlight as a clause or a thing), so
wording changes never touch a rule.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

import jinja2

from workbook.model import Answer, Channel, Draft, Interview, Interviewer, Kind, NextStep
from workbook.rules.dates import MONTH_FIRST, letter_date, long_date, spoken_day
from workbook.rules.names import addressed
from workbook.rules.phrasing import Phrased, phrased, sentence

__all__ = [
    "WORDINGS",
    "call_script",
    "long_date",
    "reply",
    "thank_you",
    "wording_for",
    "written_follow_up",
]

WORDINGS = 3
"""How many wordings each message has; `Interview.wording` runs from 1 to this."""

_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t]+\n")
_DOUBLED_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")
"""`Initech Inc..`: a typed name that ends a sentence already has its full stop."""
_SPEAKERS = re.compile(r"^(?:we|you|they|he|she|i|when|how|what|where|why)\b", re.IGNORECASE)
"""A moment typed as a clause (`we talked about night shifts`), not as a thing."""


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("workbook.rules", "templates"),
        autoescape=False,  # plain text; each export escapes for its own format
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["sentence"] = sentence
    environment.filters["inside"] = _inside
    return environment


def _inside(clause: str) -> str:
    """A clause placed after `that`: `I reduced...` stays, `My licence...` becomes `my licence`."""
    first = clause.split(" ", 1)[0]
    if first in ("I", "I'm", "I’m", "I've", "I’ve", "I'd", "I’d") or first[1:2].isupper():
        return clause
    return clause[:1].lower() + clause[1:]


def wording_for(interview: Interview, position: int = 0) -> int:
    """The wording (1 to `WORDINGS`) of the message to the panel member at `position`."""
    return (interview.wording - 1 + position) % WORDINGS + 1


_MET_YOU = ("It was a pleasure to meet you.", "I enjoyed meeting you.", "It was good to meet you.")
"""A last line for the fourth member of a panel and on, whose wording repeats a colleague's."""


def _moment(text: str) -> str:
    """The moment as a thing one can enjoy or remember: `the moment when we talked about...`."""
    if _SPEAKERS.match(text):
        return (
            f"the moment {text}" if text.lower().startswith("when ") else f"the moment when {text}"
        )
    return text


def _day_name(day: dt.date, near: dt.date, country: str) -> str:
    """`Wednesday` for a day within a week of `near`, else `Wednesday 2 December`."""
    return f"{day:%A}" if abs((day - near).days) < 7 else long_date(day, country)


def _lines(block: str) -> list[str]:
    return [line.strip() for line in block.splitlines() if line.strip()]


def _sign_off(interview: Interview, letter: bool) -> str:
    """`Kind regards,` for an email; `Yours sincerely,` for a letter, `Sincerely,` in the US."""
    us = interview.country.upper().partition("-")[0].strip() in MONTH_FIRST
    if letter:
        return "Sincerely," if us else "Yours sincerely,"
    return "Best regards," if us else "Kind regards,"


def _render(
    message: str,
    interview: Interview,
    to: Interviewer,
    day: dt.date | None,
    wording: int,
    *,
    letter: bool = False,
    **extra: Any,
) -> tuple[str, str]:
    """Fill the `wording`-th template of `message`; returns the subject and the body."""
    country = interview.country
    context: dict[str, Any] = {
        "company": interview.company,
        "role": interview.role,
        "candidate": interview.candidate,
        "next_step": interview.next_step.value,
        "dear": addressed(to),
        "to": to,
        "letter": letter,
        "sign_off": _sign_off(interview, letter),
        "met": spoken_day(interview.date, day or interview.date, country),
        "decision_day": long_date(interview.decision_date, country)
        if interview.decision_date
        else "",
        "expected_day": long_date(interview.expected_by, country) if interview.expected_by else "",
        "sender": [interview.candidate, *_lines(interview.candidate_address)]
        + ([interview.candidate_phone] if interview.candidate_phone else []),
        "recipient": [to.full_name, interview.company, *_lines(interview.employer_address)],
        "dated": letter_date(day, country) if day else "",
        "highlight": phrased(""),
        "news": [],
    }
    context.update(extra)
    text = _environment().get_template(f"{message}/{wording}.j2").render(context)
    subject = ""
    if text.startswith("Subject:"):
        first_line, _, text = text.partition("\n")
        subject = first_line.removeprefix("Subject:").strip()
    text = _DOUBLED_STOP.sub(".", _BLANK_LINES.sub("\n\n", _SPACES.sub("\n", text)))
    return subject, text.strip() + "\n"


def _phrased_all(items: Sequence[str]) -> list[Phrased]:
    return [phrased(item) for item in items]


def thank_you(
    interview: Interview, to: Interviewer, day: dt.date, highlight: str, position: int
) -> Draft:
    """The thank-you email to the panel member at `position` (rule 1), with their moment.

    After a hand-off (rule 6) only the main contact is asked who the next contact will be."""
    subject, body = _render(
        "thank_you",
        interview,
        to,
        day,
        wording_for(interview, position),
        moment=_moment(to.moment),
        highlight=phrased(highlight),
        ask_contact=interview.next_step is NextStep.HANDED_OFF and position == 0,
        met_you=_MET_YOU[(position // WORDINGS - 1) % len(_MET_YOU)]
        if position >= WORDINGS
        else "",
    )
    return Draft(Channel.EMAIL, subject, body, to)


def written_follow_up(
    interview: Interview,
    kind: Kind,
    channel: Channel,
    day: dt.date,
    highlight: str,
    news: Sequence[str],
) -> Draft:
    """A follow-up email or letter (rule 3), carrying `news` (rule 4) and what was said."""
    message = "second_follow_up" if kind is Kind.SECOND_FOLLOW_UP else "follow_up"
    to = interview.main_contact
    subject, body = _render(
        message,
        interview,
        to,
        day,
        wording_for(interview),
        letter=channel is Channel.LETTER,
        highlight=phrased(highlight),
        news=_phrased_all(news),
    )
    return Draft(channel, "" if channel is Channel.LETTER else subject, body, to)


def call_script(
    interview: Interview,
    day: dt.date,
    highlight: str,
    news: Sequence[str],
    retry: dt.date,
) -> Draft:
    """What to say on a follow-up call, and to voicemail: the call that was agreed (rule 7),
    saying truthfully which day was agreed, and when the learner will try once more."""
    agreed = interview.call_ok_by
    country = interview.country
    _, body = _render(
        "call",
        interview,
        interview.main_contact,
        day,
        wording_for(interview),
        highlight=phrased(highlight),
        news=_phrased_all(news),
        agreed_day=_day_name(agreed, day, country) if agreed else "",
        phone=interview.candidate_phone or "[your phone number]",
        retry_day=_day_name(retry, day, country),
    )
    return Draft(Channel.PHONE, "", body, interview.main_contact)


def reply(interview: Interview, answer: Answer) -> Draft:
    """The reply to an employer's answer (rule 12): confirm, take the offer in, or thank."""
    message = f"reply_{answer.value.replace('-', '_')}"
    subject, body = _render(
        message, interview, interview.main_contact, None, wording_for(interview)
    )
    return Draft(Channel.EMAIL, subject, body, interview.main_contact)
