"""Printable pages for the room: the questions to ask before leaving an interview, and the
deck of cards for rehearsing the follow-up call, with a dealer that never repeats a card
until the deck is used up, and the call script a rehearsal reads from. Pure: each page is one
self-contained HTML string."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from workbook.model import Channel, Plan
from workbook.rules import drafts
from workbook.rules.dates import BusinessCalendar, long_date
from workbook.rules.pages import render_page
from workbook.rules.planner import RETRY_DAYS, make_plan
from workbook.rules.practice import practice_interviews

__all__ = [
    "DECK",
    "LEAVE_QUESTIONS",
    "Card",
    "Dealer",
    "Script",
    "deck_html",
    "leave_card_html",
    "rehearsal_script",
]

LEAVE_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("What happens next?", "So you know whether a test, a check or a decision comes first."),
    ("When do you expect to decide?", "A day gives your follow-up a date, not a guess."),
    (
        "If I have not heard by then, may I call you on that day?",
        "Ask for a day you can both write down; a yes lets you call without seeming pushy.",
    ),
    ("Who should I stay in touch with?", "Your message then goes to the right person."),
)
"""What to ask at the end of an interview, each with why it helps."""


@dataclass(frozen=True)
class Card:
    """One turn the employer can take on the practice call, and the coach's note on it."""

    id: str
    says: str
    note: str


DECK: tuple[Card, ...] = (
    Card(
        "question",
        "Before you go: why did you leave your last job?",
        "An unexpected question is normal on a call. Pause, give a short honest answer, and "
        "steer back to why you want this role.",
    ),
    Card(
        "no",
        "I'm sorry, we have decided not to go ahead with you.",
        "A no by voice stings. Breathe, thank them, and ask if you may apply again; "
        "you can think it over after the call.",
    ),
    Card(
        "voicemail",
        "(Voicemail) Please leave a message after the tone.",
        "Say your name, the role, one line of interest, your number slowly, and when you will "
        "try once more.",
    ),
    Card(
        "next-week",
        "Could you call me again next week?",
        "Agree a day, write it down, thank them, and keep the call short.",
    ),
    Card(
        "filled",
        "I'm afraid we have filled the position.",
        "Stay gracious: thank them, say you would welcome hearing of future openings.",
    ),
    Card(
        "tomorrow",
        "Can you come in tomorrow?",
        "Say yes only if you can; otherwise offer two times that work. Confirm the time and "
        "place before you hang up.",
    ),
    Card(
        "busy",
        "I've only got a minute, what is it?",
        "Give the one-line reason for calling and offer to send the rest by email.",
    ),
    Card(
        "salary",
        "What salary are you expecting?",
        "Give a range you have checked, or say you would like to learn more about the role "
        "first. Either answer is fine.",
    ),
)
"""The rehearsal deck: every card with its coaching note."""


class Dealer:
    """Deals the deck in a shuffled order fixed by `seed`, with no repeat until every card has
    been dealt; then it shuffles again."""

    def __init__(self, seed: int, deck: tuple[Card, ...] = DECK) -> None:
        self._random = random.Random(seed)
        self._deck = deck
        self._left: list[Card] = []

    @property
    def size(self) -> int:
        """How many cards the deck holds."""
        return len(self._deck)

    @property
    def left(self) -> int:
        """How many cards are still to come before the deck is shuffled again."""
        return len(self._left)

    def deal(self) -> Card:
        """The next card."""
        if not self._left:
            self._left = list(self._deck)
            self._random.shuffle(self._left)
        return self._left.pop()


@dataclass(frozen=True)
class Script:
    """The call script a rehearsal reads from, and where it comes from, in one sentence."""

    text: str
    source: str


def rehearsal_script(plan: Plan | None, today: dt.date) -> Script:
    """The script to rehearse the call with: the call in the learner's plan (with their edits,
    when `plan` carries them); without a call in the plan, the call they would make to the same
    interviewer if they rang today; without a plan, the call of a made-up interview."""
    if plan is None:
        example = practice_interviews(today)[0]
        script = rehearsal_script(make_plan(example.interview), today)
        return Script(
            script.text,
            f"You have no plan yet, so this is the script of a made-up interview at "
            f"{example.interview.company}. Once your answers give a plan, your own script "
            "appears here.",
        )
    interview = plan.interview
    call = next((step for step in plan.steps if step.draft.channel is Channel.PHONE), None)
    if call is not None:
        return Script(
            call.draft.body,
            f"Your own call script: the call your plan has on "
            f"{long_date(call.date, interview.country)}.",
        )
    calendar = BusinessCalendar(interview.holidays, interview.country)
    day = calendar.on_or_after(today)
    highlight = interview.highlights[0] if interview.highlights else ""
    draft = drafts.call_script(
        interview, day, highlight, interview.new_info, calendar.add(day, RETRY_DAYS)
    )
    return Script(
        draft.body,
        "Your plan follows up in writing, so it has no call; this is the call you would make "
        f"to {interview.main_contact.name} if you rang. Rehearsing it helps all the same: "
        "an employer may well ring you.",
    )


def leave_card_html(name: str = "") -> str:
    """A one-page card of the questions to ask before leaving the room; `name` (typed by the
    learner) heads it when given."""
    return render_page(
        "leave_card.html.j2",
        title="Before you leave the room",
        name=name.strip(),
        questions=LEAVE_QUESTIONS,
    )


def deck_html(deck: tuple[Card, ...] = DECK) -> str:
    """The rehearsal deck as printable cards, one box per card, for rooms without computers."""
    return render_page("deck.html.j2", title="Practise the call: the employer's cards", deck=deck)
