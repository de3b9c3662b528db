"""Made-up interviews to practise on, for learners with no interview pending.

Each is dated relative to `today`, so its plan lies in the near future like a real one. Every
name, company and address here is invented; the email addresses use `example.org`, a domain
reserved for examples, and the phone number is in a range the UK keeps for drama.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workbook.model import Channel, Interview, Interviewer, NextStep

__all__ = ["PracticeInterview", "practice_interviews"]


@dataclass(frozen=True)
class PracticeInterview:
    """A practice case: a short title for a menu, the situation in a sentence, the interview."""

    id: str
    title: str
    situation: str
    interview: Interview


def _last_weekday(today: dt.date, days_back: int) -> dt.date:
    day = today - dt.timedelta(days=days_back)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def practice_interviews(today: dt.date) -> tuple[PracticeInterview, ...]:
    """The practice cases, each interview held a day or two before `today`."""
    recent = _last_weekday(today, 1)
    earlier = _last_weekday(today, 2)
    return (
        PracticeInterview(
            id="warehouse",
            title="Practice: warehouse shift lead, 'we'll be in touch'",
            situation=(
                "A morning interview for a shift lead role; the manager said she would get back "
                "to you, and that you could call in a week if you had not heard by then."
            ),
            interview=Interview(
                date=recent,
                time=dt.time(10, 30),
                company="Northgate Storage (practice)",
                role="Shift Lead",
                interviewers=(
                    Interviewer(
                        "Maria Okafor",
                        "maria.okafor@example.org",
                        moment="the walk through the loading bays",
                    ),
                ),
                next_step=NextStep.VAGUE,
                call_ok_by=recent + dt.timedelta(days=7),
                preferred_channel=Channel.PHONE,
                highlights=("I ran the night shift of twelve people for two years",),
                candidate_phone="07700 900461",
            ),
        ),
        PracticeInterview(
            id="teaching",
            title="Practice: teaching assistant, decision by a date",
            situation=(
                "An afternoon panel interview at a primary school; they will decide within ten "
                "days, and you have just heard that your safeguarding course is complete."
            ),
            interview=Interview(
                date=earlier,
                time=dt.time(15, 0),
                company="Riverside Primary School (practice)",
                role="Teaching Assistant",
                interviewers=(
                    Interviewer(
                        "Tom Becker",
                        "t.becker@example.org",
                        title="Mr",
                        moment="the reading corner the children built",
                    ),
                    Interviewer("Aisha Rahman", moment="the question about phonics groups"),
                ),
                next_step=NextStep.DECISION_DATE,
                decision_date=earlier + dt.timedelta(days=10),
                preferred_channel=Channel.EMAIL,
                people_facing=True,
                highlights=(
                    "I supported a class of thirty with two pupils who needed extra help",
                    "I organised the after-school reading club",
                ),
                new_info=("my safeguarding course is now complete",),
            ),
        ),
        PracticeInterview(
            id="analyst",
            title="Practice: data analyst, a test to come",
            situation=(
                "A video interview for a junior analyst role; they will send a written test and "
                "said they would be in touch by the end of next week. You prefer letters."
            ),
            interview=Interview(
                date=recent,
                time=dt.time(11, 0),
                company="Brightline Insurance (practice)",
                role="Junior Data Analyst",
                interviewers=(Interviewer("Priya Natarajan", "priya.n@example.org"),),
                next_step=NextStep.ASSESSMENT,
                expected_by=recent + dt.timedelta(days=11),
                preferred_channel=Channel.LETTER,
                highlights=("I automated a weekly sales report and saved my team four hours",),
                candidate_address="Flat 3, 18 Example Lane\nMillbrook\nMB4 2XX",
                employer_address="Brightline Insurance (practice)\n1 Harbour Square\nMillbrook",
            ),
        ),
    )
