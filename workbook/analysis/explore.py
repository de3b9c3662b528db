"""The contacts an analysis looks at: the learner's tracker or the synthetic sample, filtered.

The analysis notebook narrows the contacts down (a date range, a type of role, a channel, a
kind of contact) with `filter_contacts`, then reports on what is left with
`workbook.analysis.frames.report`. Filtering is plain pandas on the canonical columns, so the
same call works in a notebook of one's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import pandas as pd

from workbook.analysis.frames import NEEDED_COLUMNS, WINDOW_DAYS, contact_status
from workbook.analysis.sample import (
    SAMPLE_APPLIED_ONLY,
    SAMPLE_AS_OF,
    SAMPLE_CONTACTS,
    SAMPLE_SEED,
    generate_contacts,
)
from workbook.tracker.store import Tracker, default_path

__all__ = [
    "SAMPLE_AS_OF",
    "Filters",
    "date_span",
    "decided_count",
    "filter_contacts",
    "own_applications",
    "own_contacts",
    "own_rounds",
    "sample_contacts",
]

_EMPTY: Final = Path(":memory:")


@dataclass(frozen=True)
class Filters:
    """Which contacts to keep. Each filter left at its default keeps everything.

    `start` and `end` bound the contact's date (both days included); `people_facing` keeps
    people-facing roles (True) or the others (False); `channels` and `kinds` keep the contacts
    made by one of those channels, or of one of those kinds (canonical values: `email`,
    `follow-up`...).
    """

    start: dt.date | None = None
    end: dt.date | None = None
    people_facing: bool | None = None
    channels: Collection[str] = ()
    kinds: Collection[str] = ()


def filter_contacts(contacts: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The contacts (rows with a contact_date) that pass every filter, in their order.

    Raises ValueError when the date range ends before it starts.
    """
    if filters.start and filters.end and filters.start > filters.end:
        raise ValueError(
            f"the first day ({filters.start.isoformat()}) is after the last day "
            f"({filters.end.isoformat()})"
        )
    day = contacts["contact_date"]
    keep = day.notna()
    if filters.start is not None:
        keep &= day >= pd.Timestamp(filters.start)
    if filters.end is not None:
        keep &= day <= pd.Timestamp(filters.end)
    if filters.people_facing is not None:
        keep &= contacts["people_facing"] == filters.people_facing
    if filters.channels:
        keep &= contacts["channel"].isin(list(filters.channels))
    if filters.kinds:
        keep &= contacts["kind"].isin(list(filters.kinds))
    return contacts[keep]


def own_contacts(path: Path | None = None) -> pd.DataFrame:
    """The tracker's contacts, with the columns a report reads; none when there is no tracker
    yet (and none is created)."""
    path = path or default_path()
    with Tracker(path if path.is_file() else _EMPTY) as tracker:  # in memory: leaves no file
        return tracker.contact_rows(NEEDED_COLUMNS)


def own_applications(path: Path | None = None) -> pd.DataFrame:
    """The tracker's applications, a row each with what the funnel reads
    (`Tracker.application_rows`); none when there is no tracker yet (and none is created)."""
    path = path or default_path()
    with Tracker(path if path.is_file() else _EMPTY) as tracker:
        return tracker.application_rows()


def own_rounds(path: Path | None = None) -> pd.DataFrame:
    """The tracker's interview rounds (`Tracker.rounds`), with their promised and answer days;
    none when there is no tracker yet (and none is created)."""
    path = path or default_path()
    with Tracker(path if path.is_file() else _EMPTY) as tracker:
        return tracker.rounds()


@cache
def _sample() -> pd.DataFrame:
    return generate_contacts(
        SAMPLE_CONTACTS, SAMPLE_SEED, as_of=SAMPLE_AS_OF, applied_only=SAMPLE_APPLIED_ONLY
    )


def sample_contacts() -> pd.DataFrame:
    """The synthetic sample (`data/sample_contacts.csv`, made up, not real): 100 contacts and
    40 applications that never reached an interview, to be counted as of `SAMPLE_AS_OF`."""
    return _sample().copy()


def decided_count(
    contacts: pd.DataFrame, *, window: int = WINDOW_DAYS, as_of: dt.date | None = None
) -> int:
    """How many contacts are decided (answered, or past the window without an answer): the
    denominator of a response rate."""
    status = contact_status(contacts, window=window, as_of=as_of)
    return int((~status["pending"]).sum())


def date_span(contacts: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """The first and the last contact's dates, or None without contacts."""
    days = contacts["contact_date"].dropna()
    if days.empty:
        return None
    return pd.Timestamp(days.min()).date(), pd.Timestamp(days.max()).date()
