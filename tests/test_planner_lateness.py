"""The plan's stop day, by the learner's own figure of how late employers answer, or by the
default with a calm word on why; and the tracker that records and gives that figure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import ReferenceCalendar
from tests.test_planner import MONDAY, plan_for
from tests.test_planner import interview as an_interview
from workbook import cli
from workbook.analysis.aggregates import own_lateness, with_own_lateness
from workbook.model import Answer, Lateness, NextStep
from workbook.rules.counting import OWN_LATENESS_FROM
from workbook.rules.dates import long_date
from workbook.rules.planner import DEFAULT_WAIT_DAYS, FLOOR_DAYS, MAX_STOP_WAIT_DAYS, make_plan
from workbook.tracker.planlink import (
    add_plan,
    log_answer,
    log_sent,
    promised_day,
)
from workbook.tracker.store import Tracker

D = dt.date
ENOUGH = OWN_LATENESS_FROM


def stop_notes(lateness: Lateness | None) -> list[str]:
    return [note for note in plan_for(lateness=lateness).notes if note.startswith("The stop day")]


def test_without_a_figure_the_stop_day_is_the_default_and_nothing_is_said():
    """With no lateness counted, the stop day is five business days after the last follow-up
    (Monday 30 November to Monday 7 December), and no note is added."""
    plan = plan_for()
    assert "Monday 7 December" in plan.stop
    assert stop_notes(None) == []


def test_with_too_few_answered_rounds_the_plan_keeps_the_default_and_says_why():
    """Four answered rounds are too few: the stop day stays the default, and a note says how
    many answered rounds there are and from how many the workbook uses its own figure."""
    plan = plan_for(lateness=Lateness(answered=ENOUGH - 1, median_business_days=8))
    assert "Monday 7 December" in plan.stop
    assert stop_notes(Lateness(ENOUGH - 1, 8)) == [
        f"The stop day allows the usual {DEFAULT_WAIT_DAYS} business days after your last "
        f"follow-up: only {ENOUGH - 1} of your rounds have had an answer after a date the "
        f"employer gave, and the workbook goes by your own figure from {ENOUGH}."
    ]


def test_with_no_answered_round_the_note_says_none_has_had_one():
    """No answered round at all: the default, and the note says none has had an answer."""
    (note,) = stop_notes(Lateness(0, None))
    assert "none of your rounds has had an answer" in note


def test_with_enough_answered_rounds_the_stop_day_goes_by_the_own_median():
    """Six answered rounds and a median of 8 business days late: the stop day is eight business
    days after Monday 30 November, Thursday 10 December, and the note names the figure."""
    plan = plan_for(lateness=Lateness(ENOUGH + 1, 8))
    assert "Thursday 10 December" in plan.stop
    (note,) = stop_notes(Lateness(ENOUGH + 1, 8))
    assert "employers answered a median of 8 business days after the date they gave" in note


def test_a_median_not_reached_keeps_the_default_and_says_why():
    """Enough answered rounds but fewer than half of all answered: no figure to go by yet."""
    assert "Monday 7 December" in plan_for(lateness=Lateness(ENOUGH, None)).stop
    (note,) = stop_notes(Lateness(ENOUGH, None))
    assert "no figure of your own to go by" in note


@pytest.mark.parametrize(
    ("median", "day", "kept"),
    [(0, "Thursday 3 December", FLOOR_DAYS), (40, "Monday 21 December", MAX_STOP_WAIT_DAYS)],
)
def test_a_very_small_or_very_large_own_figure_is_kept_within_bounds(
    median: int, day: str, kept: int
):
    """Employers who answer on the day still leave the floor of three business days; very late
    ones keep the plan open for three working weeks at most; the note says it was kept."""
    assert day in plan_for(lateness=Lateness(ENOUGH, median)).stop
    (note,) = stop_notes(Lateness(ENOUGH, median))
    assert f"allows {kept} business days" in note and "kept within" in note


@given(
    answered=st.integers(0, 40),
    median=st.one_of(st.none(), st.integers(0, 60)),
    country=st.sampled_from(["", "US"]),
)
def test_the_stop_day_is_always_within_its_bounds_after_the_last_follow_up(
    answered: int, median: int | None, country: str
):
    """Whatever the figure, the stop day is between FLOOR_DAYS and MAX_STOP_WAIT_DAYS business
    days (by a reference calendar) after the last follow-up, and exactly the default when the
    figure cannot be used."""
    plan = make_plan(an_interview(lateness=Lateness(answered, median), country=country))
    last = plan.steps[-1].date
    reference = ReferenceCalendar(plan.interview)
    usable = answered >= ENOUGH and median is not None
    wait = min(max(median or 0, FLOOR_DAYS), MAX_STOP_WAIT_DAYS) if usable else DEFAULT_WAIT_DAYS
    day = last
    for _ in range(wait):
        day = reference.first_on_or_after(day + dt.timedelta(days=1))
    assert f"by {long_date(day, country)}," in plan.stop


# -- the tracker records and gives the figure ---------------------------------------------------


def test_a_plan_put_in_the_tracker_keeps_the_day_they_promised(tmp_path: Path):
    """A decision-date plan's round keeps its decision date as the promised day; an expected-by
    date counts when there is no decision date."""
    decided = make_plan(
        an_interview(next_step=NextStep.DECISION_DATE, decision_date=D(2026, 12, 4))
    )
    assert promised_day(an_interview(expected_by=D(2026, 12, 2))) == D(2026, 12, 2)
    with Tracker(tmp_path / "t.db") as tracker:
        add_plan(tracker, decided)
        assert tracker.rounds().iloc[0]["promised_date"].date() == D(2026, 12, 4)


def test_a_decision_logged_is_the_day_the_round_had_its_answer(tmp_path: Path):
    """A rejection logged on a follow-up is the round's answer day; a reply with no decision
    yet is not."""
    plan = make_plan(an_interview(expected_by=D(2026, 11, 27)))
    with Tracker(tmp_path / "t.db") as tracker:
        log_sent(tracker, plan, plan.steps[0], MONDAY)
        log_answer(tracker, plan, None, D(2026, 11, 25))
        assert tracker.rounds()["answer_date"].isna().all()
        log_answer(tracker, plan, Answer.REJECTION, D(2026, 12, 2))
        row = tracker.rounds().iloc[0]
        assert row["answer_date"].date() == D(2026, 12, 2)
        late = own_lateness(tracker, as_of=D(2026, 12, 10))
    assert late == Lateness(answered=1, median_business_days=3)  # Mon 30, Tue 1, Wed 2


def test_without_a_tracker_file_the_interview_has_no_figure_and_no_file_is_made(tmp_path: Path):
    """Asking for the own figure without a tracker leaves the interview as it is."""
    base = an_interview()
    assert with_own_lateness(base, tmp_path / "none.db") == base
    assert not (tmp_path / "none.db").exists()


def _tracker_with_lateness(path: Path, rounds: int, late_by: int) -> None:
    """`rounds` rounds promised for Friday 20 November, each answered `late_by` calendar days
    after it."""
    with Tracker(path) as tracker:
        for number in range(rounds):
            company = tracker.add_application(f"Company {number}")
            tracker.add_round(company, D(2026, 11, 16), promised_date=D(2026, 11, 20),
                              answer_date=D(2026, 11, 20) + dt.timedelta(days=late_by))  # fmt: skip


def test_workbook_plan_own_lateness_goes_by_the_tracker(tmp_path: Path, capsys):
    """`workbook plan --own-lateness --db` uses the tracker's figure: five rounds answered on
    the Wednesday after a Friday promise (3 business days late) bring the floor of 3."""
    db = tmp_path / "t.db"
    _tracker_with_lateness(db, ENOUGH, 5)
    args = ["plan", "--interview", str(MONDAY), "--company", "Acme", "--role", "Clerk",
            "--interviewer", "Dana Reyes <dana@acme.example>"]  # fmt: skip
    assert cli.main([*args, "--own-lateness", "--db", str(db)]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "employers answered a median of 3 business days after the date they gave" in text
    assert cli.main(args) == 0
    assert "stop day allows" not in capsys.readouterr().out


def test_workbook_plan_own_lateness_with_a_missing_tracker_says_nothing_new(tmp_path: Path, capsys):
    """Without a tracker file the plan is the usual one, and no tracker is created."""
    args = ["plan", "--interview", str(MONDAY), "--company", "Acme", "--role", "Clerk",
            "--interviewer", "Dana Reyes",
            "--own-lateness", "--db", str(tmp_path / "none.db")]  # fmt: skip
    assert cli.main(args) == 0
    assert "stop day allows" not in capsys.readouterr().out
    assert not (tmp_path / "none.db").exists()


def test_a_tracker_that_could_not_be_read_keeps_the_default_and_says_so():
    """A figure marked unreadable, whatever its counts: the default stop day, and a note that
    the tracker could not be read."""
    plan = plan_for(lateness=Lateness(ENOUGH + 1, 8, readable=False))
    assert "Monday 7 December" in plan.stop
    (note,) = stop_notes(Lateness(ENOUGH + 1, 8, readable=False))
    assert "your tracker could not be read just now" in note
