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
from functools import lru_cache

from workbook.model import Outcome, Stage, StageEntry, WorkbookError

__all__ = ["ENDS", "HistoryError", "format_history", "parse_history", "stage_of"]

SEPARATOR = "; "
"""Between two entries of a history cell."""

ENDS: frozenset[Stage] = frozenset({Stage.OFFER, Stage.REJECTED, Stage.WITHDRAWN, Stage.NO_ANSWER})
"""The stages that end an application: nothing is spent waiting in them."""

_STAGES = {stage.value: stage for stage in Stage}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_OUTCOME_STAGE = {
    Outcome.OFFER: Stage.OFFER,
    Outcome.REJECTED: Stage.REJECTED,
    Outcome.WITHDRAWN: Stage.WITHDRAWN,
    Outcome.NO_RESPONSE: Stage.NO_ANSWER,
}


class HistoryError(WorkbookError, ValueError):
    """A history cell that cannot be read; the message names the entry and what was expected."""


def parse_history(text: str) -> tuple[StageEntry, ...]:
    """The entries of a history cell, oldest first; empty text is no history. Raises
    `HistoryError` for an unknown stage word, a date that is no ISO date, or dates out of order."""
    entries: list[StageEntry] = []
    pieces = [piece.strip() for piece in text.split(";")]
    if not any(pieces):
        return ()
    latest: dt.date | None = None
    for number, piece in enumerate(pieces, start=1):
        words = piece.split()
        if not 1 <= len(words) <= 2:
            what = f"({piece!r}) is not" if piece else "is empty; expected"
            raise HistoryError(f"entry {number} {what} 'stage' or 'stage YYYY-MM-DD'")
        stage = _STAGES.get(words[0].lower())
        if stage is None:
            stages = ", ".join(Stage)
            raise HistoryError(f"entry {number}: {words[0]!r} is not a stage ({stages})")
        date = None
        if len(words) == 2:
            date = _date(words[1])
            if date is None:
                raise HistoryError(
                    f"entry {number}: {words[1]!r} is not a date (expected YYYY-MM-DD, e.g."
                    " 2024-12-01)"
                )
            if latest is not None and date < latest:
                raise HistoryError(
                    f"entry {number} ({piece!r}) is dated before the entry above it;"
                    " a history lists its stages oldest first"
                )
            latest = date
        entries.append(StageEntry(stage, date))
    return tuple(entries)


@lru_cache(maxsize=4096)
def _date(text: str) -> dt.date | None:
    """An ISO date, or None; read once per distinct text (a job search has few days)."""
    try:
        return dt.date.fromisoformat(text) if _ISO_DATE.fullmatch(text) else None
    except ValueError:
        return None


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
