"""The plan's link to the tracker: found by name, read back from the tracker alone."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from workbook.model import Answer, Channel, Interview, Interviewer, Kind, Outcome, Plan, Response
from workbook.rules.planner import make_plan, record_answer
from workbook.rules.practice import practice_interviews
from workbook.tracker.planlink import (
    add_plan,
    is_practice,
    log_answer,
    log_reply,
    log_sent,
    plan_round,
    track,
    track_file,
)
from workbook.tracker.store import InvalidChangeError, RoundKey, Tracker

MONDAY = dt.date(2026, 11, 23)
ACME = "acme-logistics--warehouse-supervisor"


@pytest.fixture
def plan() -> Plan:
    return make_plan(
        Interview(
            date=MONDAY,
            company="Acme Logistics",
            role="Warehouse Supervisor",
            interviewers=(Interviewer("Dana Reyes", "dana@acme.example"), Interviewer("Sam Ortiz")),
            new_info=("my forklift certificate came through",),
            further_news=("I passed the first-aid course",),
            candidate="Alex Kim",
        )
    )


@pytest.fixture
def tracker(tmp_path: Path) -> Iterator[Tracker]:
    with Tracker(tmp_path / "tracker.db") as opened:
        yield opened


def day(month: int, day_: int) -> dt.date:
    return dt.date(2026, month, day_)


def test_a_plan_belongs_to_the_application_of_its_company_and_role_and_its_date(
    plan: Plan,
) -> None:
    """The link is derived from the plan: the application slug and the interview's date."""
    assert plan_round(plan) == RoundKey(ACME, MONDAY)


def test_without_a_tracker_nothing_is_logged_and_the_plan_is_unchanged(
    plan: Plan, tmp_path: Path
) -> None:
    """Reading a tracker that does not exist changes nothing and creates no file."""
    tracked = track_file(plan, tmp_path / "none.db")
    assert tracked.plan == plan and tracked.sent == {} and tracked.answer is None
    assert not (tmp_path / "none.db").exists()


def test_adding_a_plan_twice_adds_it_once(plan: Plan, tracker: Tracker) -> None:
    """The application and the round are added the first time only."""
    assert add_plan(tracker, plan) is True
    assert add_plan(tracker, plan) is False
    (row,) = tracker.contacts().itertuples()
    assert (row.application_id, row.interview_date) == (ACME, pd.Timestamp(MONDAY))
    assert tracker.rounds().loc[0, "interviewers"] == "Dana Reyes <dana@acme.example>; Sam Ortiz"


def test_practice_plans_are_refused(tracker: Tracker) -> None:
    """A practice interview's plan cannot be added, sent or answered in the tracker."""
    practice = make_plan(practice_interviews(MONDAY)[0].interview)
    assert is_practice(practice)
    for attempt in (
        lambda: add_plan(tracker, practice),
        lambda: log_sent(tracker, practice, practice.steps[0], MONDAY),
        lambda: log_answer(tracker, practice, Answer.OFFER, MONDAY),
    ):
        with pytest.raises(InvalidChangeError, match="practice plan"):
            attempt()
    assert tracker.contacts().empty


def test_a_step_is_sent_when_its_round_has_a_contact_of_its_kind(
    plan: Plan, tracker: Tracker
) -> None:
    """Marking a kind twice keeps one contact; its earliest day counts for every step of it."""
    first = log_sent(tracker, plan, plan.steps[1], MONDAY)
    assert log_sent(tracker, plan, plan.steps[0], day(11, 24)) == first
    tracked = track(plan, tracker)
    assert tracked.sent == {"thank-you-1": MONDAY, "thank-you-2": MONDAY}
    assert tracked.in_tracker and tracked.answer is None


def test_the_answer_cancels_what_record_answer_cancels(plan: Plan, tracker: Tracker) -> None:
    """The plan after an answer is exactly the planner's `record_answer` on the answer's day."""
    log_sent(tracker, plan, plan.steps[0], MONDAY)
    log_answer(tracker, plan, Answer.REJECTION, day(12, 1))
    tracked = track(plan, tracker)
    assert tracked.plan == record_answer(plan, Answer.REJECTION, day(12, 1))
    assert tracked.answered_on == day(12, 1)
    assert [s.kind for s in tracked.plan.cancelled] == [Kind.SECOND_FOLLOW_UP]


@pytest.mark.parametrize(
    ("answer", "tone", "outcome"),
    [
        (Answer.NEXT_ROUND, Response.POSITIVE, Outcome.PENDING),
        (Answer.OFFER, Response.POSITIVE, Outcome.OFFER),
        (Answer.REJECTION, Response.NEGATIVE, Outcome.REJECTED),
    ],
)
def test_each_answer_is_written_and_read_back(
    plan: Plan, tracker: Tracker, answer: Answer, tone: Response, outcome: Outcome
) -> None:
    """An answer is stored as a response tone and an outcome, and read back as itself."""
    log_sent(tracker, plan, plan.steps[0], MONDAY)
    log_answer(tracker, plan, answer, day(11, 25))
    row = tracker.contacts().iloc[0]
    assert (row["response"], row["outcome"]) == (tone.value, outcome.value)
    assert track(plan, tracker).answer is answer


def test_a_reply_with_no_decision_is_no_answer_for_the_plan(plan: Plan, tracker: Tracker) -> None:
    """A neutral reply is logged (the analysis counts it) but the plan goes on."""
    log_sent(tracker, plan, plan.steps[0], MONDAY)
    log_answer(tracker, plan, None, day(11, 25))
    assert tracker.contacts().loc[0, "response"] == "neutral"
    assert track(plan, tracker).plan == plan


def test_an_answer_replies_to_the_latest_contact_sent_by_then(plan: Plan, tracker: Tracker) -> None:
    """The response goes on the last contact on or before the answer's day."""
    log_sent(tracker, plan, plan.steps[0], MONDAY)
    log_sent(tracker, plan, plan.steps[2], day(11, 30))
    contact = log_answer(tracker, plan, Answer.OFFER, day(12, 2))
    assert (contact.kind, contact.contact_date) == (Kind.FOLLOW_UP, day(11, 30))


def test_a_later_round_means_a_next_round_even_after_an_offer(plan: Plan, tracker: Tracker) -> None:
    """A round added after the plan's (by hand, or with the answer) reads as an invitation,
    dated no later than that round, whatever the application's outcome became."""
    log_sent(tracker, plan, plan.steps[0], MONDAY)
    log_answer(tracker, plan, Answer.NEXT_ROUND, day(11, 26), next_round=day(12, 3))
    next_plan = make_plan_on(plan, day(12, 3))
    log_reply(
        tracker,
        log_sent(tracker, next_plan, next_plan.steps[0], day(12, 3)),
        day(12, 10),
        Answer.OFFER,
    )
    tracked = track(plan, tracker)
    assert (tracked.answer, tracked.answered_on, tracked.next_round) == (
        Answer.NEXT_ROUND,
        day(11, 26),
        day(12, 3),
    )
    assert track(next_plan, tracker).answer is Answer.OFFER


def test_a_round_added_by_hand_ends_the_previous_plan(plan: Plan, tracker: Tracker) -> None:
    """Without any response logged, a later round is dated by its interview."""
    add_plan(tracker, plan)
    tracker.add_round(ACME, day(12, 3))
    tracked = track(plan, tracker)
    assert (tracked.answer, tracked.answered_on) == (Answer.NEXT_ROUND, day(12, 3))


def test_a_next_round_before_the_answer_is_refused(plan: Plan, tracker: Tracker) -> None:
    """The whole answer is refused, response included, when its next round comes first."""
    log_sent(tracker, plan, plan.steps[0], MONDAY)
    with pytest.raises(InvalidChangeError, match="next round cannot come before"):
        log_answer(tracker, plan, Answer.NEXT_ROUND, day(11, 26), next_round=day(11, 25))
    assert tracker.contacts()["response_date"].isna().all()


def test_contacts_of_one_application(plan: Plan, tracker: Tracker) -> None:
    """`Tracker.contacts(application_id)` gives that application's rows only."""
    log_sent(tracker, plan, plan.steps[0], MONDAY)
    other = tracker.add_application("Beta Books")
    tracker.add_contact(tracker.add_round(other, MONDAY), MONDAY, Channel.PHONE)
    assert set(tracker.contacts(application_id=ACME)["application_id"]) == {ACME}
    assert list(tracker.contacts(application_id=other)["channel"]) == ["phone"]
    assert tracker.contacts(application_id="nobody").empty
    assert len(tracker.contacts()) == 2


def make_plan_on(plan: Plan, date: dt.date) -> Plan:
    """The same interview's plan for a round on another day."""
    return make_plan(dataclasses.replace(plan.interview, date=date))


def test_forgetting_an_answer_brings_the_plan_back(plan: Plan, tracker: Tracker) -> None:
    """With the response cleared the plan is whole again: an outcome alone is no answer."""
    contact = log_sent(tracker, plan, plan.steps[0], MONDAY)
    log_answer(tracker, plan, Answer.REJECTION, day(11, 25))
    tracker.clear_response(contact)
    assert tracker.contacts().loc[0, "outcome"] == "rejected"
    assert track(plan, tracker).plan == plan
