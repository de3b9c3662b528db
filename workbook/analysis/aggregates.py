"""The learner's report, counted where the data lives: SQLite aggregates, then plain Python.

`analysis.report` reads every contact into pandas and counts there; at a million contacts the
reading is most of the wait. Here SQLite works out each contact's status (the same rules as
`analysis.contact_status`: answered, pending, responded, its wait and its days-to-follow-up bin)
and returns only counts:
- per combination of the five grouping keys, the status flags and the wait in days, how many
  contacts share it (a few tens of thousands of rows at most, however many contacts);
- how many applications had a decided contact, and how many of those were never answered;
- per pair of a round's promised day and the day its answer came (if known on the day), how
  many rounds share it: business days are then counted once per distinct pair, in Python,
  with the learner's calendar (`estimates.lateness`).
The rates, the Wilson intervals and the Kaplan-Meier medians need nothing more (`estimates`),
so the report comes out equal to `analysis.report` without a DataFrame; the tests hold the two
to that on generated trackers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from workbook.analysis.estimates import km_median, lateness, wilson_interval
from workbook.analysis.frames import (
    FUNNEL_STEPS,
    OUTCOME_REACHES,
    STAGE_REACHES,
    UNKNOWN_SOURCE,
    by_source_of,
    experiment_of,
    funnel_of,
)
from workbook.model import Channel, Interview, Kind, Lateness, Source
from workbook.rules.counting import BIN_STARTS, DAY_BINS, GROUPINGS, SMALL_UNDER, WINDOW_DAYS
from workbook.rules.dates import BusinessCalendar
from workbook.tracker.store import Tracker, default_path

__all__ = [
    "own_lateness",
    "tracker_lateness",
    "tracker_report",
    "with_own_lateness",
]


def _case(column: str, values: Sequence[str]) -> str:
    """SQL numbering `column`'s values as `values` lists them."""
    return (
        f"CASE {column} " + " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(values)) + " END"
    )


_CHANNELS: Final = tuple(c.value for c in Channel)
_KINDS: Final = tuple(k.value for k in Kind)

_FACTS: Final = f"""
    SELECT {_case("c.channel", _CHANNELS)} AS channel, {_case("c.kind", _KINDS)} AS kind,
           a.people_facing, c.new_info, c.response = 'positive' AS positive,
           c.contact_date >= :window_opened AS young,
           c.contact_date > :today AS future,
           (:day_number - julianday(c.contact_date)) AS age,
           CASE WHEN c.response_date <= :today
                THEN julianday(c.response_date) - julianday(c.contact_date) END AS delay,
           julianday(c.contact_date) - julianday(c.interview_date) AS after,
           c.random_seed IS NOT NULL AS random
    FROM contacts AS c JOIN applications AS a ON a.id = c.application
    LIMIT -1
"""
"""Each contact's facts, worked out once per contact (the LIMIT keeps SQLite from copying these
expressions into every use below). Dates are ISO text, so comparing them as text compares days;
`:window_opened` is the first day of the window that ends on `:today`, and `:day_number` is
`julianday(:today)`, both given rather than worked out again on every row."""

_CODE: Final[Packing] = (
    ("channel", len(_CHANNELS), "channel"),
    ("kind", len(_KINDS), "kind"),
    ("people_facing", 2, "people_facing"),
    ("new_info", 2, "new_info"),
    ("days_to_follow_up", len(DAY_BINS), " + ".join(f"(after >= {start})" for start in BIN_STARTS)),
    ("answered", 2, "coalesce(delay <= :window, 0)"),
    ("positive", 2, "positive"),
    ("young", 2, "young"),
    ("responded", 2, "delay IS NOT NULL"),
    ("random", 2, "random"),
)
"""What a contact is counted by, packed into one number (mixed radix, in this order), so that
SQLite sorts one small integer per contact instead of ten columns: the sort is most of the
time. `answered`, `responded` and `random` follow `analysis.contact_status`."""


Packing = tuple[tuple[str, int, str], ...]
"""Facts packed into one number: each fact's name, how many values it takes, its SQL term."""


def _packed(packing: Packing) -> str:
    """SQL: the facts of `packing` as one number (mixed radix, in its order)."""
    code = "0"
    for _, radix, term in packing:
        code = f"({code}) * {radix} + ({term})"
    return code


_CUBE: Final = f"""
    SELECT {_packed(_CODE)} AS code,
           CASE WHEN future THEN NULL WHEN delay IS NOT NULL THEN max(delay, 0) ELSE age END,
           count(*)
    FROM ({_FACTS}) GROUP BY 1, 2
"""
"""How many contacts share each packing and wait (days to the answer, else days watched; NULL
for a contact dated after the day of counting)."""


def _reach(column: str, reaches: Mapping[str, int]) -> str:
    """SQL: how far `column`'s stage or outcome word shows an application went (0 if not)."""
    places = " ".join(f"WHEN '{word}' THEN {place}" for word, place in reaches.items())
    return f"CASE {column} {places} ELSE 0 END"


_OUTCOME_REACH: Final = _reach("a.outcome", OUTCOME_REACHES)
_STAGE_REACH: Final = _reach(
    "stage", {stage.value: place for stage, place in STAGE_REACHES.items()}
)

_SOURCES: Final = (*(source.value for source in Source), UNKNOWN_SOURCE)

_APPLICATION_CODE: Final[Packing] = (
    ("source", len(_SOURCES), _case("source", _SOURCES)),
    ("reached", len(FUNNEL_STEPS), "reached"),
    ("pending", 2, "coalesce(reached = 0 AND open AND applied >= :window_opened, 0)"),
    ("in_funnel", 2, "applied IS NULL OR applied <= :today"),
    ("contacted", 2, "first_sent IS NOT NULL"),
    ("decided", 2, "coalesce(first_sent < :window_opened OR answered, 0)"),
    ("ghosted", 2, "coalesce(first_sent < :window_opened AND NOT answered, 0)"),
)

_APPLICATIONS: Final = f"""
    SELECT {_packed(_APPLICATION_CODE)}, count(*)
    FROM (
        SELECT coalesce(nullif(a.source, ''), '{UNKNOWN_SOURCE}') AS source,
               a.applied_date AS applied,
               coalesce(s.later, 0) OR a.outcome IN ('', 'pending') AS open,
               c.first_sent, coalesce(c.first_answer <= :today, 0) AS answered,
               max(coalesce(s.reach, 0),
                   CASE WHEN coalesce(s.later, 0) THEN 0 ELSE {_OUTCOME_REACH} END,
                   2 * coalesce(i.first_round <= :today, 0),
                   coalesce(a.answer_date <= :today, 0) OR coalesce(c.first_answer <= :today, 0)
               ) AS reached
        FROM applications AS a
        LEFT JOIN (SELECT application,
                          max(CASE WHEN stage_date IS NULL OR stage_date <= :today
                                   THEN {_STAGE_REACH} ELSE 0 END) AS reach,
                          max(stage_date > :today) AS later
                   FROM stages GROUP BY application) AS s ON s.application = a.id
        LEFT JOIN (SELECT application, min(interview_date) AS first_round
                   FROM interviews GROUP BY application) AS i ON i.application = a.id
        LEFT JOIN (SELECT application, min(contact_date) AS first_sent,
                          min(response_date) AS first_answer
                   FROM contacts GROUP BY application) AS c ON c.application = a.id
    )
    GROUP BY 1
"""
"""How many applications share each combination of what the report counts of them, as
`analysis.application_status` and `analysis.ghosting` define it. For the funnel and the rates
by source (applications not applied for after `:today`): the source, how far it went (a stage,
a round, an answer or an outcome known on `:today`; while its history goes on after `:today`
its outcome is not known yet) and whether it is pending (open, under `:window` days old and
unanswered). For the ghosting (applications with contacts): whether one of its contacts is
decided, that is older than the window or else answered (a tracker never holds an answer
before its contact, so an answer to a contact inside the window came within it), and whether
it was decided and never answered."""


_ROUND_DATES: Final = """
    SELECT promised_date, CASE WHEN answer_date <= :today THEN answer_date END, count(*)
    FROM interviews
    WHERE promised_date IS NOT NULL AND interview_date <= :today
    GROUP BY 1, 2
"""
"""How many rounds (held by `:today`, with a promised day) share each promised day and day
their answer came (NULL while none is known on `:today`)."""


def julianday(day: dt.date) -> float:
    """SQLite's `julianday` of `day`, worked out once rather than on every row."""
    return day.toordinal() + 1_721_424.5


def _unpacked(code: int, packing: Packing) -> dict[str, int]:
    """The facts of a number made by `_packed(packing)`."""
    fields: dict[str, int] = {}
    for name, radix, _ in reversed(packing):
        code, fields[name] = divmod(code, radix)
    return fields


@dataclass
class _Tally:
    """One group's counts, and the ends of its contacts' waits for the Kaplan-Meier median."""

    contacts: int = 0
    answered: int = 0
    positive: int = 0
    pending: int = 0
    ends: list[tuple[float, bool, int]] = field(default_factory=list)

    def add(self, facts: dict[str, int], wait: float | None, count: int) -> None:
        answered = facts["answered"]
        self.contacts += count
        self.answered += count * answered
        self.positive += count * (answered and facts["positive"])
        self.pending += count * (not answered and facts["young"])
        if wait is not None:
            self.ends.append((wait, bool(facts["responded"]), count))

    def fields(self) -> dict[str, Any]:
        """The fields of `analysis.MEASURES`, in their order."""
        decided = self.contacts - self.pending
        low, high = wilson_interval(self.answered, decided) if decided else (None, None)
        median = km_median(self.ends)
        return {
            "contacts": self.contacts,
            "answered": self.answered,
            "positive": self.positive,
            "pending": self.pending,
            "rate": self.answered / decided if decided else None,
            "ci_low": low,
            "ci_high": high,
            "small": decided < SMALL_UNDER,
            "median_days": None if median is None else round(median),
        }


_KEYS: Final[dict[str, tuple[str | bool, ...]]] = {
    "channel": _CHANNELS,
    "kind": _KINDS,
    "people_facing": (False, True),
    "new_info": (False, True),
    "days_to_follow_up": DAY_BINS,
}
"""Each grouping's keys by their number in the packing, in the order a report lists them (that
of `analysis.grouped`)."""


def tracker_report(
    tracker: Tracker,
    *,
    window: int = WINDOW_DAYS,
    as_of: dt.date | None = None,
    calendar: BusinessCalendar | None = None,
) -> dict[str, Any]:
    """The report of `analysis.report` for `tracker`, counted in SQLite: one query over the
    contacts, one over the applications, one over the rounds (their lateness in business days
    of `calendar`, by default weekends off)."""
    as_of = as_of or dt.date.today()
    parameters = {
        "today": as_of.isoformat(),
        "window": window,
        "window_opened": (as_of - dt.timedelta(days=window)).isoformat(),
        "day_number": julianday(as_of),
    }
    with tracker.transaction(write=False):
        cube = tracker.select(_CUBE, parameters)
        applications = tracker.select(_APPLICATIONS, parameters)
        late = tracker_lateness(tracker, as_of=as_of, calendar=calendar)
    overall = _Tally()
    tallies: dict[str, dict[Any, _Tally]] = {by: {} for by in GROUPINGS}
    drawn: dict[int, _Tally] = {}
    for code, wait, count in cube:
        facts = _unpacked(code, _CODE)
        overall.add(facts, wait, count)
        for by in GROUPINGS:
            tallies[by].setdefault(facts[by], _Tally()).add(facts, wait, count)
        if facts["random"]:
            drawn.setdefault(facts["channel"], _Tally()).add(facts, wait, count)
    groups = {
        f"by_{by}": [
            {by: _KEYS[by][number], **tally.fields()}
            for number, tally in sorted(tallies[by].items())
        ]
        for by in GROUPINGS
    }
    return {
        "as_of": as_of.isoformat(),
        "window": window,
        "overall": overall.fields(),
        **_applications_report(applications, groups),
        "experiment": experiment_of(
            {
                _CHANNELS[number]: (tally.contacts, tally.answered, tally.pending)
                for number, tally in sorted(drawn.items())
            }
        ),
        "lateness": late,
    }


def tracker_lateness(
    tracker: Tracker, *, as_of: dt.date | None = None, calendar: BusinessCalendar | None = None
) -> dict[str, Any]:
    """The report's `lateness` of `tracker` on `as_of` (today by default): one query over its
    rounds, then business days counted once per distinct pair of dates."""
    as_of = as_of or dt.date.today()
    rows = tracker.select(_ROUND_DATES, {"today": as_of.isoformat()})
    return lateness(
        (
            (dt.date.fromisoformat(promised), _day(answer), count)
            for promised, answer, count in rows
        ),
        as_of,
        calendar,
    )


def _day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _applications_report(rows: Sequence[tuple[int, int]], groups: dict[str, Any]) -> dict[str, Any]:
    """The ghosting, the groupings of contacts (`groups`, in their place in the report), the
    funnel and the rates by source, from the counts of `_APPLICATIONS`."""
    reached: dict[int, int] = {}
    sources: dict[str, tuple[int, int, int]] = {}
    contacted = decided = ghosted = 0
    for code, count in rows:
        facts = _unpacked(code, _APPLICATION_CODE)
        if facts["contacted"]:
            contacted += count
            decided += count * facts["decided"]
            ghosted += count * facts["ghosted"]
        if not facts["in_funnel"]:
            continue
        place, source = facts["reached"], _SOURCES[facts["source"]]
        reached[place] = reached.get(place, 0) + count
        applications, answered, waiting = sources.get(source, (0, 0, 0))
        sources[source] = (
            applications + count,
            answered + (count if place >= 1 else 0),
            waiting + count * facts["pending"],
        )
    return {
        "ghosted": {
            "applications": contacted,
            "decided": decided,
            "ghosted": ghosted,
            "share": ghosted / decided if decided else None,
        },
        **groups,
        "funnel": funnel_of(reached),
        "by_source": by_source_of(sources),
    }


def own_lateness(tracker: Tracker, as_of: dt.date | None = None) -> Lateness:
    """How late employers answered the learner's rounds (`tracker_lateness`), in
    the shape the planner takes."""
    figures = tracker_lateness(tracker, as_of=as_of)
    return Lateness(figures["answered"], figures["median_business_days"])


def with_own_lateness(
    interview: Interview, path: Path | None = None, as_of: dt.date | None = None
) -> Interview:
    """The interview with the learner's own lateness figure from the tracker file (the
    learner's by default), which is only read; without a file, the interview as it is."""
    path = path or default_path()
    if not path.is_file():
        return interview
    with Tracker(path, create=False) as tracker:
        return dataclasses.replace(interview, lateness=own_lateness(tracker, as_of))
