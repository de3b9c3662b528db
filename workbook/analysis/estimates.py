"""The estimates of a report, computed from counts alone, in plain Python.

A report needs, per group, only how many contacts were answered out of how many were decided
(the Wilson interval) and, for the time to an answer, how many contacts ended their wait on
each day and how many of those ends were answers (the Kaplan-Meier median). The comparison of
channels chosen at random needs the same counts for two channels: the difference of their
rates with Newcombe's hybrid score interval (built from the two Wilson intervals, so it stays
inside -1..1 and behaves with few contacts or rates of 0 and 1), and how many contacts per
channel a difference would take to be detected (the usual two-proportion sample size). All
work from those counts, so a report can be counted where the data lives (`aggregates`) and
these functions import nothing heavy.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from statistics import NormalDist
from typing import Final

__all__ = ["Z_95", "km_median", "newcombe_interval", "sample_size", "wilson_interval"]

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


def newcombe_interval(
    answered_a: int, decided_a: int, answered_b: int, decided_b: int
) -> tuple[float, float]:
    """The 95% interval of rate a minus rate b: Newcombe's hybrid score interval (his method
    10, 1998), from the Wilson interval of each rate (each `decided` at least 1)."""
    rate_a, rate_b = answered_a / decided_a, answered_b / decided_b
    low_a, high_a = wilson_interval(answered_a, decided_a)
    low_b, high_b = wilson_interval(answered_b, decided_b)
    difference = rate_a - rate_b
    low = difference - math.sqrt((rate_a - low_a) ** 2 + (high_b - rate_b) ** 2)
    high = difference + math.sqrt((high_a - rate_a) ** 2 + (rate_b - low_b) ** 2)
    return max(low, -1.0), min(high, 1.0)


def sample_size(rate_a: float, rate_b: float, *, alpha: float = 0.05, power: float = 0.8) -> int:
    """How many contacts each of two channels needs for a two-sided test at level `alpha` to
    find rates `rate_a` and `rate_b` different with probability `power` (the normal
    approximation for two proportions, with the pooled variance under no difference)."""
    if rate_a == rate_b:
        raise ValueError("two equal rates cannot be told apart by any number of contacts")
    for rate in (rate_a, rate_b):
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"a rate is between 0 and 1, not {rate}")
    normal = NormalDist()
    z_alpha, z_power = normal.inv_cdf(1 - alpha / 2), normal.inv_cdf(power)
    mean = (rate_a + rate_b) / 2
    pooled = math.sqrt(2 * mean * (1 - mean))
    apart = math.sqrt(rate_a * (1 - rate_a) + rate_b * (1 - rate_b))
    needed = (z_alpha * pooled + z_power * apart) ** 2 / (rate_a - rate_b) ** 2
    return math.ceil(needed - 1e-9)
