"""An application's stage history, as the canonical table writes it, and the stage it is at.

The history is one text cell: entries `stage` or `stage YYYY-MM-DD`, oldest first, separated by
`; ` (`applied 2024-11-23; screen 2024-12-01; interview 2024-12-10; rejected`). Stage words are
read without regard to case; dates are ISO and never go back in time from one dated entry to a
later one. An application's current stage is the last entry of its history; without one, what
its rounds, answers and outcome say (`stage_of`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from workbook.model import Outcome, Stage, StageEntry

__all__ = ["ENDS", "HistoryError", "format_history", "parse_history", "stage_of"]

SEPARATOR = "; "
"""Between two entries of a history cell."""

ENDS: frozenset[Stage] = frozenset({Stage.OFFER, Stage.REJECTED, Stage.WITHDRAWN, Stage.NO_ANSWER})
"""The stages that end an application: nothing is spent waiting in them."""

_WORDS = frozenset(stage.value for stage in Stage)
_ENTRY = re.compile(r"(?P<stage>\S+)(?:\s+(?P<date>\S+))?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_OUTCOME_STAGE = {
    Outcome.OFFER: Stage.OFFER,
    Outcome.REJECTED: Stage.REJECTED,
    Outcome.WITHDRAWN: Stage.WITHDRAWN,
    Outcome.NO_RESPONSE: Stage.NO_ANSWER,
}


class HistoryError(ValueError):
    """A history cell that cannot be read; the message names the entry and what was expected."""


def parse_history(text: str) -> tuple[StageEntry, ...]:
    """The entries of a history cell, oldest first; empty text is no history. Raises
    `HistoryError` for an unknown stage word, a date that is no ISO date, or dates out of order."""
    entries: list[StageEntry] = []
    pieces = [piece.strip() for piece in text.split(";")]
    if not any(pieces):
        return ()
    for number, piece in enumerate(pieces, start=1):
        found = _ENTRY.fullmatch(piece)
        if found is None:
            what = f"({piece!r}) is not" if piece else "is empty; expected"
            raise HistoryError(f"entry {number} {what} 'stage' or 'stage YYYY-MM-DD'")
        word, day = found["stage"].lower(), found["date"]
        if word not in _WORDS:
            stages = ", ".join(Stage)
            raise HistoryError(f"entry {number}: {found['stage']!r} is not a stage ({stages})")
        date = _date(day, number) if day else None
        earlier = [entry.date for entry in entries if entry.date is not None]
        if date is not None and earlier and date < earlier[-1]:
            raise HistoryError(
                f"entry {number} ({piece!r}) is dated before the entry above it;"
                " a history lists its stages oldest first"
            )
        entries.append(StageEntry(Stage(word), date))
    return tuple(entries)


def _date(text: str, number: int) -> dt.date:
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise HistoryError(
            f"entry {number}: {text!r} is not a date (expected YYYY-MM-DD, e.g. 2024-12-01)"
        ) from None


def format_history(entries: Sequence[StageEntry]) -> str:
    """A history as the canonical cell holds it: `applied 2024-11-23; screen; rejected`."""
    return SEPARATOR.join(str(entry) for entry in entries)


def stage_of(
    history: Sequence[StageEntry], outcome: Outcome, *, interviewed: bool, answered: bool
) -> Stage:
    """Where an application stands: its history's last stage; without a history, its outcome's
    end, else interview once it had a round, screen once the employer answered, else applied."""
    if history:
        return history[-1].stage
    if outcome in _OUTCOME_STAGE:
        return _OUTCOME_STAGE[outcome]
    if interviewed:
        return Stage.INTERVIEW
    return Stage.SCREEN if answered else Stage.APPLIED
