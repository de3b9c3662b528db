"""The estimates of a report, and the figures built on them, computed from counts alone, in
plain Python.

A report needs, per group, only how many contacts were answered out of how many were decided
(the Wilson interval) and, for the time to an answer, how many contacts ended their wait on
each day and how many of those ends were answers (the Kaplan-Meier median). Both work from
those counts, as do the funnel and the rates by source (how many applications reached each
step; per source, how many were answered and how many are pending), so a report can be
counted where the data lives (`aggregates`) and these functions import nothing heavy.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any, Final

from workbook.model import Source
from workbook.rules.counting import FUNNEL_STEPS, SMALL_UNDER, UNKNOWN_SOURCE

__all__ = ["Z_95", "by_source_of", "funnel_of", "km_median", "rate_fields", "wilson_interval"]

Z_95: Final = 1.959963984540054
"""The standard normal quantile at 0.975: a two-sided 95% interval."""


def wilson_interval(answered: int, decided: int) -> tuple[float, float]:
    """The Wilson 95% interval of answered / decided (decided must be at least 1)."""
    if decided < 1:
        raise ValueError("a rate needs at least one decided contact")
    z2 = Z_95 * Z_95
    share = answered / decided
    spread = 2 * (decided + z2)
    centre = (2 * decided * share + z2) / spread
    half = Z_95 / spread * math.sqrt(4 * decided * share * (1 - share) + z2)
    low = 0.0 if answered == 0 else centre - half
    high = 1.0 if answered == decided else centre + half
    return low, high


def km_median(ends: Iterable[tuple[float, bool, int]]) -> float | None:
    """The first day on which at most half of the contacts are still waiting (Kaplan-Meier), or
    None if that day never comes.

    `ends` holds `(day, answered, count)`: `count` contacts whose wait ended on `day`, with an
    answer or, when not `answered`, still waiting after being watched that many days (censored).
    """
    ended: dict[float, int] = {}
    answered_on: dict[float, int] = {}
    for day, answered, count in ends:
        ended[day] = ended.get(day, 0) + count
        answered_on[day] = answered_on.get(day, 0) + (count if answered else 0)
    at_risk = sum(ended.values())
    waiting = 1.0
    for day in sorted(ended):
        waiting *= (at_risk - answered_on[day]) / at_risk
        if waiting <= 0.5 + 1e-9:
            return day
        at_risk -= ended[day]
    return None


def rate_fields(answered: int, decided: int) -> dict[str, Any]:
    """The rate with its Wilson interval (null without a denominator), and `small`."""
    low, high = wilson_interval(answered, decided) if decided else (None, None)
    return {
        "rate": answered / decided if decided else None,
        "ci_low": low,
        "ci_high": high,
        "small": decided < SMALL_UNDER,
    }


def funnel_of(reached: Mapping[int, int]) -> list[dict[str, Any]]:
    """The funnel from how many applications got to each place of FUNNEL_STEPS and no further:
    each step counts those that reached it or went beyond it."""
    total = sum(reached.values())
    counts = [
        sum(int(count) for place, count in reached.items() if place >= step)
        for step in range(len(FUNNEL_STEPS))
    ]
    return [
        {"step": step, "applications": count, "share": count / total if total else None}
        for step, count in zip(FUNNEL_STEPS, counts, strict=True)
    ]


_SOURCES: Final = (*(s.value for s in Source), UNKNOWN_SOURCE)


def by_source_of(counts: Mapping[str, tuple[int, int, int]]) -> list[dict[str, Any]]:
    """The answer rate per source (in `Source` order, `unknown` last) from its applications,
    answered and pending ones; only sources with an application are listed."""
    groups = []
    for source in _SOURCES:
        if source in counts:
            count, answered, pending = counts[source]
            groups.append({"source": source, "applications": count, "answered": answered,
                           "pending": pending,
                           **rate_fields(answered, count - pending)})  # fmt: skip
    return groups
