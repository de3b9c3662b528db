"""Business days: Monday to Friday, minus the learner's own holidays and their country's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable
from functools import lru_cache

import holidays as holiday_data

__all__ = ["BusinessCalendar", "UnknownCountryError"]


class UnknownCountryError(ValueError):
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
