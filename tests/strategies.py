"""Hypothesis strategies for interviews, hostile text, and a reference business-day calendar.

The reference calendar is written here from the rule text ("Monday to Friday, minus the holidays
the learner gives or the public holidays of the learner's country"), independently of
`workbook.rules.dates`, so the planner's dates are checked against something it did not compute.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Container
from functools import lru_cache

import holidays as holiday_data
from hypothesis import strategies as st

from workbook.model import PLAN_CHANNELS, TITLES, Channel, Interview, Interviewer, NextStep

__all__ = [
    "COUNTRIES",
    "HOSTILE_FRAGMENTS",
    "ReferenceCalendar",
    "hostile_text",
    "interviews",
    "phrases",
    "random_choice_interviews",
    "round_dates",
    "visible_hostile_text",
]

COUNTRIES = ("", "US", "DE-BY")
"""Countries the generated interviews use: none, a country, and a country with a subdivision."""

FIRST_DAY = dt.date(2024, 1, 1)
_EDGE_TIMES = (dt.time(0, 0), dt.time(13, 59, 59), dt.time(14, 0), dt.time(23, 59))
LAST_DAY = dt.date(2030, 12, 31)

# -- a reference calendar ---------------------------------------------------------------------


@lru_cache(maxsize=8)
def _public_holidays(country: str) -> Container[dt.date]:
    code, _, subdivision = country.upper().partition("-")
    return holiday_data.country_holidays(code, subdiv=subdivision or None)


class ReferenceCalendar:
    """Business days as the guidance defines them, for one interview's holidays and country."""

    def __init__(self, interview: Interview) -> None:
        self.holidays = interview.holidays
        self.public = _public_holidays(interview.country) if interview.country else None

    def is_business_day(self, day: dt.date) -> bool:
        if day.weekday() in (5, 6) or day in self.holidays:
            return False
        return self.public is None or day not in self.public

    def first_on_or_after(self, day: dt.date) -> dt.date:
        while not self.is_business_day(day):
            day += dt.timedelta(days=1)
        return day

    def first_after(self, day: dt.date) -> dt.date:
        return self.first_on_or_after(day + dt.timedelta(days=1))

    def nth_after(self, day: dt.date, n: int) -> dt.date:
        """The n-th business day after `day`, counting from 1."""
        for _ in range(n):
            day = self.first_after(day)
        return day

    def count_between(self, start: dt.date, end: dt.date) -> int:
        """Business days after `start`, up to and including `end`."""
        return sum(
            self.is_business_day(start + dt.timedelta(days=offset))
            for offset in range(1, (end - start).days + 1)
        )


# -- ordinary text ----------------------------------------------------------------------------

# fmt: off
_VOCABULARY = (
    "led", "grew", "sold", "trained", "built", "shipped", "cut", "launched", "won", "ran",
    "mentored", "Python", "SQL", "Excel", "sales", "team", "clients", "budget", "costs",
    "pipeline", "accounts", "launch", "project", "onboarding", "region", "Denver", "Lagos",
    "Osaka", "new", "twelve", "30%", "2x", "15", "certified", "relocation", "start",
    "immediately", "Acme", "Globex", "Initech", "Umbrella", "Analytics", "Manager", "Nurse",
    "Teacher", "Engineer", "Counsellor",
)
_GIVEN_NAMES = ("Dana", "Sam", "Priya", "Luis", "Mei", "Ahmed", "Zoe", "Olu", "Anna", "Kofi")
_FAMILY_NAMES = (
    "Reyes", "Lee", "Natarajan", "Garcia", "Chen", "Khan", "Novak", "Adeyemi", "Berg", "Mensah",
)
# fmt: on

phrases = st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=6).map(" ".join)
"""A short phrase of plain words (no sentence punctuation), as a learner would type a highlight."""

_names = st.tuples(st.sampled_from(_GIVEN_NAMES), st.sampled_from(_FAMILY_NAMES)).map(" ".join)
_emails = st.tuples(
    st.sampled_from(_GIVEN_NAMES),
    st.sampled_from(["acme.example", "globex.org", "mail.example.com"]),
).map(lambda parts: f"{parts[0].lower()}@{parts[1]}")


@st.composite
def _interviewers(
    draw: st.DrawFn, names: st.SearchStrategy[str], moments: st.SearchStrategy[str]
) -> Interviewer:
    email = draw(st.one_of(st.just(""), _emails))
    title = draw(st.sampled_from(("", *TITLES)))
    return Interviewer(draw(names), email, title, draw(st.one_of(st.just(""), moments)))


def _on_or_after(day: dt.date, days: int = 40) -> st.SearchStrategy[dt.date]:
    return st.integers(0, days).map(lambda offset: day + dt.timedelta(days=offset))


@st.composite
def interviews(
    draw: st.DrawFn,
    text: st.SearchStrategy[str] | None = None,
    next_steps: st.SearchStrategy[NextStep] | None = None,
    countries: st.SearchStrategy[str] | None = None,
) -> Interview:
    """A valid interview: every next step, a plannable channel, and dates on or after the day.

    `text` draws every free-text field (company, role, names, moment, highlights, news).
    """
    words = phrases if text is None else text
    names = _names if text is None else text
    day = draw(st.dates(FIRST_DAY, LAST_DAY))
    next_step = draw(st.sampled_from(NextStep) if next_steps is None else next_steps)
    optional_day = st.one_of(st.none(), _on_or_after(day))
    decision_date = draw(optional_day)
    if next_step is NextStep.DECISION_DATE and decision_date is None:
        decision_date = draw(_on_or_after(day))
    holidays = draw(
        st.frozensets(
            st.integers(-3, 70).map(lambda offset: day + dt.timedelta(days=offset)), max_size=8
        )
    )
    return Interview(
        date=day,
        company=draw(words),
        role=draw(words),
        interviewers=tuple(draw(st.lists(_interviewers(names, words), min_size=1, max_size=3))),
        time=draw(st.one_of(st.none(), st.sampled_from(_EDGE_TIMES), st.times())),
        next_step=next_step,
        decision_date=decision_date,
        expected_by=draw(optional_day),
        call_ok_by=draw(optional_day),
        preferred_channel=draw(st.sampled_from(PLAN_CHANNELS)),
        people_facing=draw(st.booleans()),
        highlights=tuple(draw(st.lists(words, max_size=3))),
        new_info=tuple(draw(st.lists(words, max_size=2))),
        holidays=holidays,
        country=draw(st.sampled_from(COUNTRIES) if countries is None else countries),
        candidate=draw(st.one_of(st.just(""), words)),
    )


# -- hostile text -----------------------------------------------------------------------------

HOSTILE_FRAGMENTS = (
    "\n",
    "\r\n",
    "\r",
    "\x00",
    "\x0b\x0c",
    "\x1b[31m",
    "\x85",
    "\u2028",
    "\u2029",
    "\t",
    ":",
    ";",
    "Subject: injected",
    "\nBcc: evil@attacker.example",
    "<script>alert('x')</script>",
    "{{ role }}",
    "{% if true %}",
    '=HYPERLINK("http://evil.example")',
    '"quoted", <angle>',
    "\\",
    "🚀🎉👩‍💻",
    "שלום עולם",
    "مرحبا بالعالم",
    "\u202eevil\u202c",
    "x" * 5000,
    "Ω≈ç√∫ ñ ß",
    "...",
)


hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_FRAGMENTS), st.text(max_size=12)), max_size=5
).map("".join)
"""Any text at all, biased towards line breaks, control characters, markup and long runs."""

visible_hostile_text = st.tuples(
    hostile_text, st.sampled_from(["Acme", "Dana", "שלום", "🚀", "Zoë"]), hostile_text
).map("".join)
"""Hostile text that still holds a visible word, so a required field is never empty."""


@st.composite
def random_choice_interviews(draw: st.DrawFn) -> Interview:
    """A valid interview whose learner let the workbook choose the follow-up channel: a seed,
    perhaps further news (so a second follow-up is drawn too) and perhaps limits of their own
    ("never by phone", "never by letter") that leave their preferred channel open."""
    interview = draw(interviews())
    limits = [c for c in (Channel.PHONE, Channel.LETTER) if c is not interview.preferred_channel]
    return dataclasses.replace(
        interview,
        channel_seed=draw(st.integers(0, 2**63 - 1)),
        never_channels=draw(st.frozensets(st.sampled_from(limits))),
        further_news=tuple(draw(st.lists(phrases, max_size=2))),
    )


round_dates = st.fixed_dictionaries(
    {
        "promise": st.one_of(st.none(), st.integers(0, 15)),
        "answer": st.one_of(st.none(), st.integers(0, 25)),
    }
)
"""A round's promised day and answer day, in days after its interview (None: not known):
answers before, on and after the promised day, promises with no answer, answers with no
promise."""
