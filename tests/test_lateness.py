"""How late employers answer after the day they promised: business days, the Kaplan-Meier
curve and its median, checked against numpy and scipy, and the tracker's report of it."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import holidays as holiday_data
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure
from scipy import stats

from workbook import cli
from workbook.analysis.aggregates import tracker_report
from workbook.analysis.estimates import lateness, lateness_days
from workbook.analysis.frames import round_lateness
from workbook.reports.charts import plot_lateness
from workbook.reports.page import html_report
from workbook.reports.text import text_report
from workbook.reports.words import lateness_curve_words, lateness_summary
from workbook.rules.counting import OWN_LATENESS_FROM
from workbook.rules.dates import BusinessCalendar
from workbook.tracker.store import Tracker

D = dt.date
FRIDAY = D(2026, 11, 20)
MONDAY = D(2026, 11, 23)
THANKSGIVING = D(2026, 11, 26)
FIRST = D(2026, 1, 1)

days = st.integers(0, 900).map(lambda n: FIRST + dt.timedelta(days=n))


@given(start=days, length=st.integers(0, 60), own=st.lists(days, max_size=5))
def test_business_days_late_equal_numpys_count(start: dt.date, length: int, own: list[dt.date]):
    """The business days from a promised day to an answer equal numpy's busday_count of the
    days after the promise up to the answer, the learner's holidays left out."""
    end = start + dt.timedelta(days=length)
    one = dt.timedelta(days=1)
    expected = int(np.busday_count(start + one, end + one, holidays=own)) if length else 0
    assert lateness_days(start, end, BusinessCalendar(own)) == expected


@given(start=days, length=st.integers(0, 60))
def test_business_days_late_skip_a_countrys_public_holidays_as_numpy_does(
    start: dt.date, length: int
):
    """With a country, its public holidays are not counted, as numpy counts with that
    country's holidays given as a list."""
    end = start + dt.timedelta(days=length)
    public = list(holiday_data.country_holidays("US", years=range(2025, 2030)))
    one = dt.timedelta(days=1)
    expected = int(np.busday_count(start + one, end + one, holidays=public)) if length else 0
    assert lateness_days(start, end, BusinessCalendar(country="US")) == expected


def test_an_answer_before_or_on_the_promised_day_is_not_late():
    """An answer on or before the promised day is 0 business days late, never negative."""
    calendar = BusinessCalendar()
    assert lateness_days(MONDAY, MONDAY - dt.timedelta(days=3), calendar) == 0
    assert lateness_days(MONDAY, MONDAY, calendar) == 0


def test_a_weekend_and_a_holiday_are_not_counted_as_late():
    """An answer on the Saturday after a Friday promise is 0 business days late but did not come
    by the promised day; Thanksgiving does not count for a US learner."""
    weekend = lateness([(FRIDAY, FRIDAY + dt.timedelta(days=1), 1)], MONDAY + dt.timedelta(7))
    assert weekend["by_promised_day"] == 0 and weekend["curve"][0]["business_days"] == 0
    us = BusinessCalendar(country="US")
    one = dt.timedelta(days=1)
    assert lateness_days(THANKSGIVING - one, THANKSGIVING + one, us) == 1


waits = st.lists(st.tuples(st.integers(0, 30), st.booleans()), min_size=1, max_size=40)


@given(waits=waits)
def test_the_curve_equals_scipys_kaplan_meier(waits: list[tuple[int, bool]]):
    """On any business-day waits, answered or still open, the curve's share still waiting at
    each step equals scipy's survival function from CensoredData, and the median is its first
    day at or under one half."""
    as_of = D(2027, 6, 6)  # a Sunday: a round can wait 0 business days past its promise
    calendar = BusinessCalendar()
    rows: list[tuple[dt.date, dt.date | None, int]] = []
    late, answered = [], []
    for wait, came in waits:
        # a promise `wait` business days before the end: the answer's day, or as_of
        end = as_of if not came else as_of - dt.timedelta(days=7)
        promised = end if came else end - dt.timedelta(days=1)  # waiting: promise has passed
        while calendar.between(promised, end) < wait:
            promised -= dt.timedelta(days=1)
        rows.append((promised, end if came else None, 1))
        late.append(wait)
        answered.append(came)
    got = lateness(rows, as_of, calendar)
    if not any(answered):
        assert got["curve"] == [] and got["median_business_days"] is None
        return
    data = stats.CensoredData(
        uncensored=[w for w, a in zip(late, answered, strict=True) if a],
        right=[w for w, a in zip(late, answered, strict=True) if not a],
    )
    survival = stats.ecdf(data).sf
    for point in got["curve"]:
        assert math.isclose(point["waiting"], survival.evaluate(point["business_days"]),
                            abs_tol=1e-6)  # fmt: skip
    steps = [float(q) for q, p in zip(survival.quantiles, survival.probabilities, strict=True)
             if q in {w for w, a in zip(late, answered, strict=True) if a}]  # fmt: skip
    assert [p["business_days"] for p in got["curve"]] == steps
    reached = [q for q, p in zip(survival.quantiles, survival.probabilities, strict=True)
               if p <= 0.5 + 1e-9]  # fmt: skip
    assert got["median_business_days"] == (int(reached[0]) if reached else None)
    assert got["answered"] == sum(answered) and got["waiting"] == len(waits) - sum(answered)


def test_without_promised_dates_there_is_nothing_to_count():
    """No round with a promised day: no answers, no curve, no median, and a small figure."""
    got = lateness([], MONDAY)
    assert got == {
        "rounds": 0, "answered": 0, "by_promised_day": 0, "waiting": 0, "not_due": 0,
        "median_business_days": None, "curve": [], "small": True,
    }  # fmt: skip


def test_when_every_round_is_still_waiting_the_median_is_not_reached():
    """Rounds all past their promised day with no answer are waiting; the median is not
    reached, and a round whose promised day is today or later is not due yet."""
    rows = [(MONDAY - dt.timedelta(days=n), None, 1) for n in range(1, 6)]
    got = lateness([*rows, (MONDAY, None, 2)], MONDAY)
    assert (got["waiting"], got["not_due"], got["answered"]) == (5, 2, 0)
    assert got["median_business_days"] is None and got["curve"] == []


def test_answers_before_the_promised_day_count_as_by_the_promised_day():
    """Early answers count as on time and at 0 business days late; the median is then 0."""
    rows = [(MONDAY, MONDAY - dt.timedelta(days=n), 1) for n in range(OWN_LATENESS_FROM)]
    got = lateness(rows, MONDAY + dt.timedelta(days=30))
    assert got["by_promised_day"] == got["answered"] == OWN_LATENESS_FROM
    assert got["median_business_days"] == 0 and not got["small"]
    assert got["curve"] == [{"business_days": 0, "waiting": 0.0}]


def _round(tracker: Tracker, app: str, held: D, promised: D | None, answer: D | None) -> None:
    company = tracker.add_application(app)
    tracker.add_round(company, held, promised_date=promised, answer_date=answer)


def test_the_tracker_report_counts_a_worked_example(tmp_path: Path):
    """Four rounds promised for Friday 20 November: one answered that day, one on Monday, one
    the Wednesday after, one still waiting on Thursday 26th, one whose answer is dated after
    that day; with a round not due yet and one without a promise, the report counts 3 answers
    (1 by the day), 2 waiting, a median of 3 business days, and a curve stepping on 0, 1, 3."""
    held = D(2026, 11, 16)
    as_of = D(2026, 11, 26)
    with Tracker(tmp_path / "t.db") as tracker:
        _round(tracker, "A", held, FRIDAY, FRIDAY)
        _round(tracker, "B", held, FRIDAY, MONDAY)
        _round(tracker, "C", held, FRIDAY, D(2026, 11, 25))
        _round(tracker, "D", held, FRIDAY, None)
        _round(tracker, "E", held, FRIDAY, D(2026, 11, 30))  # after as_of: not known yet
        _round(tracker, "F", held, as_of, None)  # promised for today: not due
        _round(tracker, "G", held, None, MONDAY)  # no promise: not counted
        got = tracker_report(tracker, as_of=as_of)["lateness"]
        reference = round_lateness(tracker.rounds(), as_of=as_of)
    assert got == reference
    assert (got["rounds"], got["answered"], got["by_promised_day"]) == (6, 3, 1)
    assert (got["waiting"], got["not_due"]) == (2, 1)
    # at risk 5 on day 0 (one answer): 4/5; day 1: 3/4 of that; day 3: 2/3 of that
    assert [p["business_days"] for p in got["curve"]] == [0, 1, 3]
    assert got["curve"][1]["waiting"] == pytest.approx(0.6)
    assert got["median_business_days"] == 3
    assert got["small"]


# -- in words, on the page and in a chart ------------------------------------------------------


def _worked_report(tmp_path: Path) -> dict[str, Any]:
    held, as_of = D(2026, 11, 16), D(2026, 11, 26)
    with Tracker(tmp_path / "w.db") as tracker:
        _round(tracker, "A", held, FRIDAY, FRIDAY)
        _round(tracker, "B", held, FRIDAY, MONDAY)
        _round(tracker, "C", held, FRIDAY, D(2026, 11, 25))
        _round(tracker, "D", held, FRIDAY, None)
        return tracker_report(tracker, as_of=as_of)


def test_the_text_report_says_how_late_answers_came_and_that_the_figure_is_small(
    tmp_path: Path,
):
    """The text report says how many answers came by the promised day, the median business
    days late, the rounds still waiting, and calmly that three answers are a first impression."""
    text = " ".join(text_report(_worked_report(tmp_path)).split())
    assert "How late employers answered" in text
    assert "1 of 3 answers came by the promised day." in text
    assert "answered a median of 1 business day after the date they gave" in text  # 3/4, 2/4
    assert "1 past the date and still waiting" in text
    assert "This rests on 3 answered rounds only" in text


def test_without_promised_dates_the_words_say_there_is_nothing_to_measure_yet():
    """No promised dates: the sentence says so, and invites noting the date next time."""
    text = lateness_summary(lateness([], MONDAY))
    assert text.startswith("No round in your tracker has a date the employer gave")


def test_when_every_round_is_waiting_the_words_say_a_late_answer_is_not_a_no():
    """Rounds all past their promised day without an answer: no median, and a calm word."""
    rows = [(MONDAY - dt.timedelta(days=n), None, 1) for n in range(1, 4)]
    text = lateness_summary(lateness(rows, MONDAY))
    assert text == (
        "None of the 3 rounds past the date the employer gave has an answer yet. A late answer "
        "is common and is not a no."
    )


def test_the_page_shows_the_lateness_chart_with_the_curve_in_words(tmp_path: Path):
    """The HTML page has the lateness section, its sentences, and the chart whose alt text
    states every step of the curve."""
    report = _worked_report(tmp_path)
    page = html_report(report)
    assert "<h2>How late employers answered</h2>" in page
    words = lateness_curve_words(report["lateness"])
    assert "75% still waiting after 0 business days" in words
    assert f'alt="{words}"' in page


def test_the_lateness_chart_draws_on_the_ax_it_is_given_and_steps_down():
    """plot_lateness draws on the given ax and returns it; its step line starts at 100% and
    ends at the last share still waiting."""
    report = lateness([(FRIDAY, FRIDAY, 1), (FRIDAY, MONDAY, 1)], MONDAY + dt.timedelta(9))
    figure = Figure()
    ax = figure.add_subplot()
    assert plot_lateness(report, ax=ax) is ax
    ys = ax.lines[0].get_ydata()
    assert ys[0] == 1.0 and ys[-1] == 0.0  # type: ignore[index]
    empty = plot_lateness(lateness([], MONDAY))
    assert "no answer after a promised date yet" in [t.get_text() for t in empty.texts]


# -- the command --------------------------------------------------------------------------------


def test_workbook_report_json_has_lateness_and_skips_a_countrys_holidays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """`workbook report --json` gives the lateness; an answer on the Friday after a promise for
    the Wednesday before Thanksgiving is 2 business days late, 1 with `--country US`."""
    db = tmp_path / "t.db"
    with Tracker(db) as tracker:
        _round(tracker, "A", D(2026, 11, 16), THANKSGIVING - dt.timedelta(1), D(2026, 11, 27))
    args = ["report", "--db", str(db), "--as-of", "2026-12-04", "--json"]
    assert cli.main(args) == 0
    plain = json.loads(capsys.readouterr().out)["lateness"]
    assert cli.main([*args, "--country", "US"]) == 0
    us = json.loads(capsys.readouterr().out)["lateness"]
    assert plain["curve"][0]["business_days"] == 2 and us["curve"][0]["business_days"] == 1
    assert plain["median_business_days"] == 2 and us["median_business_days"] == 1


def test_workbook_report_refuses_an_unknown_country_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """An unknown --country is a one-line error naming the option, and exit status 2."""
    db = tmp_path / "t.db"
    Tracker(db).close()
    assert cli.main(["report", "--db", str(db), "--country", "XX"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("workbook report: error: --country:") and "\n" not in error
