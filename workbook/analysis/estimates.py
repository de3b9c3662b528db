"""The two estimates of a report, computed from counts alone, in plain Python.

A report needs, per group, only how many contacts were answered out of how many were decided
(the Wilson interval) and, for the time to an answer, how many contacts ended their wait on
each day and how many of those ends were answers (the Kaplan-Meier median). Both work from
those counts, so a report can be counted where the data lives (`aggregates`) and these
functions import nothing heavy.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Final

__all__ = ["Z_95", "km_median", "wilson_interval"]

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
