"""Printable pages for the room: the questions to ask before leaving an interview, and the
deck of cards for rehearsing the follow-up call, with a dealer that never repeats a card
until the deck is used up. Pure: each page is one self-contained HTML string."""

from __future__ import annotations

import random
from dataclasses import dataclass
from html import escape

__all__ = ["DECK", "LEAVE_QUESTIONS", "Card", "Dealer", "deck_html", "leave_card_html"]

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

    def deal(self) -> Card:
        """The next card."""
        if not self._left:
            self._left = list(self._deck)
            self._random.shuffle(self._left)
        return self._left.pop()


_CSS = (
    "body{font-family:sans-serif;margin:1.5rem;color:#111}"
    ".wb-card{border:2px solid #333;border-radius:8px;padding:1rem;margin:0 0 1rem;"
    "break-inside:avoid;page-break-inside:avoid}"
    "@media print{body{margin:0}.wb-card{border-color:#000}}"
)


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f"</title><style>{_CSS}</style></head><body><h1>{escape(title)}</h1>{body}</body></html>"
    )


def leave_card_html(name: str = "") -> str:
    """A one-page card of the questions to ask before leaving the room; `name` (typed by the
    learner, escaped) heads it when given."""
    items = "".join(
        f"<li><strong>{escape(ask)}</strong><br>{escape(why)}</li>" for ask, why in LEAVE_QUESTIONS
    )
    who = f"<p>For {escape(name)}</p>" if name.strip() else ""
    return _page(
        "Before you leave the room",
        f'<div class="wb-card">{who}<ol>{items}</ol><p>Write their answers down as they '
        "speak.</p></div>",
    )


def deck_html(deck: tuple[Card, ...] = DECK) -> str:
    """The rehearsal deck as printable cards, one box per card, for rooms without computers."""
    cards = "".join(
        f'<div class="wb-card"><p><strong>The employer says:</strong> {escape(card.says)}</p>'
        f"<p><em>Coach's note:</em> {escape(card.note)}</p></div>"
        for card in deck
    )
    return _page("Practise the call: the employer's cards", cards)
