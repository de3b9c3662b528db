"""Business days: weekends, the learner's own holidays, and a country's public holidays."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.strategies import COUNTRIES
from workbook.rules.dates import BusinessCalendar, UnknownCountryError

D = dt.date

MONDAY = D(2026, 11, 23)
THANKSGIVING = D(2026, 11, 26)


# -- weekends and holidays --------------------------------------------------------------------


def test_weekdays_are_business_days_and_weekends_are_not():
    """Monday 2026-11-23 to Friday the 27th are business days; that Saturday and Sunday are not."""
    calendar = BusinessCalendar()
    week = [MONDAY + dt.timedelta(days=offset) for offset in range(7)]
    assert [calendar.is_business_day(day) for day in week] == [True] * 5 + [False] * 2
    assert [f"{day:%a}" for day in week] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def test_a_holiday_the_learner_gives_is_not_a_business_day():
    """A weekday the learner names as a holiday is skipped; the days around it are not."""
    calendar = BusinessCalendar({D(2026, 11, 25)})
    assert not calendar.is_business_day(D(2026, 11, 25))
    assert calendar.is_business_day(D(2026, 11, 24))
    assert calendar.is_business_day(D(2026, 11, 26))


def test_us_public_holidays_are_skipped():
    """With country US, Thanksgiving, Christmas and an observed Independence Day are days off."""
    calendar = BusinessCalendar(country="US")
    assert not calendar.is_business_day(THANKSGIVING)
    assert not calendar.is_business_day(D(2026, 12, 25))
    assert not calendar.is_business_day(D(2026, 7, 3))  # July 4 is a Saturday in 2026
    assert calendar.is_business_day(D(2026, 11, 27))  # the Friday after is a working day


def test_without_a_country_public_holidays_are_working_days():
    """Without a country, Thanksgiving 2026 is an ordinary Thursday."""
    assert BusinessCalendar().is_business_day(THANKSGIVING)


def test_a_subdivision_adds_its_own_holidays():
    """Epiphany (2026-01-06) is a day off in Bavaria (DE-BY) but not in Germany as a whole."""
    assert not BusinessCalendar(country="DE-BY").is_business_day(D(2026, 1, 6))
    assert BusinessCalendar(country="DE").is_business_day(D(2026, 1, 6))
    assert not BusinessCalendar(country="DE-BY").is_business_day(D(2026, 6, 4))  # Corpus Christi


def test_country_codes_are_read_in_any_case():
    """`us` and `de-by` work like `US` and `DE-BY`."""
    assert not BusinessCalendar(country="us").is_business_day(THANKSGIVING)
    assert not BusinessCalendar(country="de-by").is_business_day(D(2026, 1, 6))


def test_own_holidays_and_country_holidays_combine():
    """The learner's own day off and the country's holidays are both skipped."""
    calendar = BusinessCalendar({D(2026, 11, 27)}, country="US")
    assert calendar.add(D(2026, 11, 25), 1) == D(2026, 11, 30)


@pytest.mark.parametrize("country", ["XX", "Atlantis", "DE-XX", "US-Narnia", "MON", "PUBLIC"])
def test_an_unknown_country_is_refused_with_a_clear_error(country):
    """A code with no public-holiday calendar raises UnknownCountryError, which names the code."""
    with pytest.raises(UnknownCountryError, match="no public holidays"):
        BusinessCalendar(country=country)


# -- moving along the calendar ----------------------------------------------------------------


def test_on_or_after_keeps_a_business_day():
    """A business day is its own first business day."""
    assert BusinessCalendar().on_or_after(MONDAY) == MONDAY


def test_on_or_after_moves_a_weekend_to_monday():
    """Saturday 2026-11-28 and Sunday 2026-11-29 both move to Monday 2026-11-30."""
    calendar = BusinessCalendar()
    assert calendar.on_or_after(D(2026, 11, 28)) == D(2026, 11, 30)
    assert calendar.on_or_after(D(2026, 11, 29)) == D(2026, 11, 30)


def test_on_or_after_skips_a_holiday():
    """With US holidays, Thanksgiving moves to the Friday after it."""
    assert BusinessCalendar(country="US").on_or_after(THANKSGIVING) == D(2026, 11, 27)


def test_after_a_friday_comes_monday():
    """The first business day after Friday 2026-11-27 is Monday 2026-11-30."""
    assert BusinessCalendar().after(D(2026, 11, 27)) == D(2026, 11, 30)


def test_after_is_strictly_later():
    """The first business day after a Monday is the Tuesday, never the Monday itself."""
    assert BusinessCalendar().after(MONDAY) == D(2026, 11, 24)


def test_after_skips_christmas_and_the_weekend():
    """With US holidays, the first business day after Thursday 2026-12-24 is Monday 2026-12-28."""
    assert BusinessCalendar(country="US").after(D(2026, 12, 24)) == D(2026, 12, 28)


def test_add_counts_business_days():
    """Three business days after Monday 2026-11-23 is Thursday the 26th; five is Monday the 30th."""
    calendar = BusinessCalendar()
    assert calendar.add(MONDAY, 3) == D(2026, 11, 26)
    assert calendar.add(MONDAY, 5) == D(2026, 11, 30)


def test_add_skips_thanksgiving():
    """With US holidays, the 3rd business day after 2026-11-23 is Friday 27th; the 5th, Dec 1."""
    calendar = BusinessCalendar(country="US")
    assert calendar.add(MONDAY, 3) == D(2026, 11, 27)
    assert calendar.add(MONDAY, 5) == D(2026, 12, 1)


def test_add_crosses_the_new_year():
    """With US holidays, the business day after 2026-12-31 skips New Year's Day to 2027-01-04."""
    assert BusinessCalendar(country="US").add(D(2026, 12, 31), 1) == D(2027, 1, 4)


def test_add_from_a_weekend():
    """Counting from Saturday 2026-11-28, the 1st business day is Monday and the 3rd Wednesday."""
    calendar = BusinessCalendar()
    assert calendar.add(D(2026, 11, 28), 1) == D(2026, 11, 30)
    assert calendar.add(D(2026, 11, 28), 3) == D(2026, 12, 2)


def test_between_counts_the_business_days_in_a_span():
    """From Monday to the next Monday there are five business days, four over Thanksgiving."""
    assert BusinessCalendar().between(MONDAY, D(2026, 11, 30)) == 5
    assert BusinessCalendar(country="US").between(MONDAY, D(2026, 11, 30)) == 4


def test_between_a_day_and_itself_is_zero():
    """No business days lie between a day and itself, nor across a bare weekend."""
    calendar = BusinessCalendar()
    assert calendar.between(MONDAY, MONDAY) == 0
    assert calendar.between(D(2026, 11, 27), D(2026, 11, 29)) == 0


# -- properties -------------------------------------------------------------------------------

_days = st.dates(D(2024, 1, 1), D(2030, 12, 31))
_calendars = st.builds(
    BusinessCalendar,
    st.frozensets(_days, max_size=30),
    st.sampled_from(COUNTRIES),
)


@settings(max_examples=200)
@given(calendar=_calendars, day=_days)
def test_on_or_after_finds_the_first_business_day(calendar, day):
    """on_or_after returns a business day, not earlier than the day, with none skipped before it."""
    found = calendar.on_or_after(day)
    assert found >= day
    assert calendar.is_business_day(found)
    skipped = [day + dt.timedelta(days=n) for n in range((found - day).days)]
    assert not any(calendar.is_business_day(other) for other in skipped)


@settings(max_examples=200)
@given(calendar=_calendars, day=_days, count=st.integers(1, 15))
def test_add_and_between_agree(calendar, day, count):
    """The n-th business day after a day is a business day, with n business days up to it."""
    later = calendar.add(day, count)
    assert later > day
    assert calendar.is_business_day(later)
    assert calendar.between(day, later) == count
    assert calendar.add(day, 1) == calendar.after(day)


@settings(max_examples=200)
@given(day=_days)
def test_without_holidays_business_days_are_monday_to_friday(day):
    """With no holidays and no country, a business day is exactly a Monday to Friday."""
    assert BusinessCalendar().is_business_day(day) == (day.weekday() < 5)
