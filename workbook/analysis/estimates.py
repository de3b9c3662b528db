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

How late employers are (`lateness`) works from a count per pair of dates: the day a round's
employer promised to be in touch by and the day their answer came (or none yet).
- A round's lateness is the number of business days after the promised day up to and
  including the answer's day (`BusinessCalendar.between`); an answer on or before the
  promised day is 0 late, and counts as having come by the promised day. (An answer on a
  weekend right after the promised Friday is 0 business days late, yet not by the promised
  day: `by_promised_day` compares calendar days.)
- A round without an answer once its promised day has passed is still waiting: censored at
  the business days from its promised day to `as_of`. One whose promised day is `as_of` or
  later is not due yet and is left out of the curve.
- The curve is Kaplan-Meier: the share of rounds still waiting after each number of business
  days past the promised day on which an answer came; the median is the first such day on
  which at most half are still waiting (`km_median`), None while that day has not come.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from statistics import NormalDist
from typing import Any, Final

from workbook.rules.counting import OWN_LATENESS_FROM
from workbook.rules.dates import BusinessCalendar

__all__ = [
    "PROMISE_STATES",
    "Z_95",
    "km_median",
    "km_steps",
    "lateness",
    "lateness_days",
    "lateness_of",
    "lateness_of_states",
    "newcombe_interval",
    "promise_state",
    "sample_size",
    "wilson_interval",
]

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


def km_steps(ends: Iterable[tuple[float, bool, int]]) -> list[tuple[float, float]]:
    """The Kaplan-Meier curve: per day on which an answer came, in order, the share still
    waiting after it.

    `ends` holds `(day, answered, count)`: `count` contacts whose wait ended on `day`, with an
    answer or, when not `answered`, still waiting after being watched that many days (censored;
    still at risk on that day, as is usual).
    """
    ended: dict[float, int] = {}
    answered_on: dict[float, int] = {}
    for day, answered, count in ends:
        ended[day] = ended.get(day, 0) + count
        answered_on[day] = answered_on.get(day, 0) + (count if answered else 0)
    at_risk = sum(ended.values())
    waiting = 1.0
    steps = []
    for day in sorted(ended):
        if answered_on[day]:
            waiting *= (at_risk - answered_on[day]) / at_risk
            steps.append((day, waiting))
        at_risk -= ended[day]
    return steps


def km_median(ends: Iterable[tuple[float, bool, int]]) -> float | None:
    """The first day on which at most half of the contacts are still waiting (Kaplan-Meier), or
    None if that day never comes (`ends` as for `km_steps`)."""
    return next((day for day, waiting in km_steps(ends) if waiting <= 0.5 + 1e-9), None)


def lateness_days(promised: dt.date, end: dt.date, calendar: BusinessCalendar) -> int:
    """Business days after `promised` up to and including `end`; 0 when `end` is not later."""
    return calendar.between(promised, end) if end > promised else 0


PROMISE_STATES: Final = ("by-day", "late", "waiting", "not-due")
"""Where a round with a promised day stands on the day of counting: answered by that day,
answered after it, still waiting past it, or not due yet."""


def promise_state(
    promised: dt.date, answer: dt.date | None, as_of: dt.date, calendar: BusinessCalendar
) -> tuple[str, int]:
    """A round's state (one of `PROMISE_STATES`) and its business days late: to the answer
    when one came, to `as_of` while still waiting (0 when not due)."""
    if answer is not None:
        return ("by-day" if answer <= promised else "late"), lateness_days(
            promised, answer, calendar
        )
    if promised < as_of:
        return "waiting", lateness_days(promised, as_of, calendar)
    return "not-due", 0


def lateness(
    rounds: Iterable[tuple[dt.date, dt.date | None, int]],
    as_of: dt.date,
    calendar: BusinessCalendar | None = None,
) -> dict[str, Any]:
    """How late employers answered, as the module's docstring counts it, from `rounds`:
    `(promised day, day the answer came or None if none is known on as_of, count)`.

    Returns the report's `lateness` object (data/report.schema.json): rounds counted, answered,
    `by_promised_day`, `waiting` (past the promised day), `not_due`, the median business days
    late (None until reached), the curve's points and `small` (fewer answered rounds than
    `OWN_LATENESS_FROM`)."""
    calendar = calendar or BusinessCalendar()
    return lateness_of_states(
        (*promise_state(promised, answer, as_of, calendar), count)
        for promised, answer, count in rounds
    )


def lateness_of_states(states: Iterable[tuple[str, int, int]]) -> dict[str, Any]:
    """The report's `lateness` object from `(state, business days late, count)` per round
    (states of `PROMISE_STATES`): what a learner's rounds and a group's shared ones both give."""
    counts = dict.fromkeys(PROMISE_STATES, 0)
    ends: list[tuple[float, bool, int]] = []
    for state, days, count in states:
        counts[state] += count
        if state != "not-due":
            ends.append((days, state != "waiting", count))
    answered = counts["by-day"] + counts["late"]
    return lateness_of(
        sum(counts.values()), answered, counts["by-day"], counts["waiting"], counts["not-due"],
        km_steps(ends),
    )  # fmt: skip


def lateness_of(
    rounds: int,
    answered: int,
    by_promised_day: int,
    waiting: int,
    not_due: int,
    steps: list[tuple[float, float]],
) -> dict[str, Any]:
    """The report's `lateness` object from its counts and the Kaplan-Meier curve's steps (the
    one shape for every way of counting them)."""
    median = next((day for day, share in steps if share <= 0.5 + 1e-9), None)
    return {
        "rounds": rounds,
        "answered": answered,
        "by_promised_day": by_promised_day,
        "waiting": waiting,
        "not_due": not_due,
        "median_business_days": None if median is None else int(median),
        "curve": [{"business_days": int(day), "waiting": round(share, 6)} for day, share in steps],
        "small": answered < OWN_LATENESS_FROM,
    }


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
