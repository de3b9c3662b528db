"""Business days (Monday to Friday, minus the learner's own holidays and their country's), and
dates written the way people in the learner's country write them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable
from functools import lru_cache

import holidays as holiday_data

from workbook.model import WorkbookError

__all__ = [
    "MONTH_FIRST",
    "BusinessCalendar",
    "UnknownCountryError",
    "day_and_month",
    "full_date",
    "letter_date",
    "long_date",
    "spoken_day",
]

MONTH_FIRST = frozenset({"US", "PH", "PR", "GU", "AS", "VI", "MP", "UM", "FM", "MH", "PW"})
"""Countries that write the month before the day (`December 2`); elsewhere, and without a
country, the day comes first (`2 December`), which no reader takes for another date."""


def _month_first(country: str) -> bool:
    return country.upper().partition("-")[0].strip() in MONTH_FIRST


def day_and_month(day: dt.date, country: str = "") -> str:
    """`2 December`, or `December 2` in the US."""
    return f"{day:%B} {day.day}" if _month_first(country) else f"{day.day} {day:%B}"


def long_date(day: dt.date, country: str = "") -> str:
    """`Wednesday 2 December`, or `Wednesday, December 2` in the US: a date inside a message."""
    separator = ", " if _month_first(country) else " "
    return f"{day:%A}{separator}{day_and_month(day, country)}"


def full_date(day: dt.date, country: str = "") -> str:
    """`Wednesday 2 December 2026`, or `Wednesday, December 2, 2026` in the US."""
    if _month_first(country):
        return f"{long_date(day, country)}, {day.year}"
    return f"{long_date(day, country)} {day.year}"


def letter_date(day: dt.date, country: str = "") -> str:
    """`2 December 2026`, or `December 2, 2026` in the US: the date at the head of a letter."""
    if _month_first(country):
        return f"{day_and_month(day, country)}, {day.year}"
    return f"{day_and_month(day, country)} {day.year}"


def spoken_day(day: dt.date, said_on: dt.date, country: str = "") -> str:
    """How a message sent on `said_on` names `day`, a day in the past: `today`, `yesterday`,
    `on Monday` within the week, else `on Monday 23 November`."""
    days_ago = (said_on - day).days
    if days_ago == 0:
        return "today"
    if days_ago == 1:
        return "yesterday"
    if 1 < days_ago < 7:
        return f"on {day:%A}"
    return f"on {long_date(day, country)}"


class UnknownCountryError(WorkbookError, ValueError):
    """The country (or subdivision) has no public-holiday calendar."""


@lru_cache(maxsize=32)
def _country_holidays(country: str) -> Container[dt.date]:
    code, _, subdivision = country.upper().partition("-")
    supported = holiday_data.list_supported_countries()
    if code not in supported or (subdivision and subdivision not in supported[code]):
        raise UnknownCountryError(
            f"no public holidays are known for {country!r}; use a code such as US, GB or DE-BY"
        )
    return holiday_data.country_holidays(code, subdiv=subdivision or None)


class BusinessCalendar:
    """Counts business days; built once per plan, cheap to query."""

    def __init__(self, holidays: Iterable[dt.date] = (), country: str = "") -> None:
        self._holidays = frozenset(holidays)
        self._country = _country_holidays(country) if country else None

    def is_business_day(self, day: dt.date) -> bool:
        if day.weekday() >= 5 or day in self._holidays:
            return False
        return self._country is None or day not in self._country

    def on_or_after(self, day: dt.date) -> dt.date:
        """The day itself if it is a business day, else the next one."""
        while not self.is_business_day(day):
            day += dt.timedelta(days=1)
        return day

    def after(self, day: dt.date) -> dt.date:
        """The first business day strictly after `day`."""
        return self.on_or_after(day + dt.timedelta(days=1))

    def add(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th business day after `day` (`count` >= 1)."""
        for _ in range(count):
            day = self.after(day)
        return day

    def between(self, start: dt.date, end: dt.date) -> int:
        """How many business days fall after `start`, up to and including `end`."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_business_day(day)
        return count
