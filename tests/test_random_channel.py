"""The random choice of follow-up channels: only channels the rules allow, balanced, said in
the plan, and the same for the same seed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

import pytest
from hypothesis import given, settings

from tests.strategies import interviews, random_choice_interviews
from workbook.model import Channel, Interview, Interviewer, Kind, NextStep, Step
from workbook.rules.planner import PlanInputError, make_plan

MONDAY = dt.date(2026, 11, 23)


def _interview(**changes: object) -> Interview:
    base = Interview(
        date=MONDAY,
        company="Acme Analytics",
        role="Account Manager",
        interviewers=(Interviewer("Dana Reyes", "dana@acme.example"),),
        highlights=("grew regional sales by 30% in one year",),
        further_news=("my forklift licence came through",),
        channel_seed=7,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _follow_ups(steps: tuple[Step, ...]) -> list[Step]:
    return [step for step in steps if step.kind is not Kind.THANK_YOU]


@settings(max_examples=300)
@given(random_choice_interviews())
def test_a_random_choice_never_draws_a_channel_the_rules_forbid(interview):
    """Whatever the interview, a drawn plan keeps rules 1, 5, 6 and 7 and the learner's limits."""
    plan = make_plan(interview)
    for step in plan.steps:
        assert step.channel not in interview.never_channels
        if step.kind is Kind.THANK_YOU:
            assert step.channel is Channel.EMAIL and not step.chosen_at_random
    follow = _follow_ups(plan.steps)
    if interview.next_step in (NextStep.DO_NOT_CONTACT, NextStep.HANDED_OFF):
        assert follow == []
    agreed = interview.next_step in (NextStep.VAGUE, NextStep.UNKNOWN) and (
        interview.call_ok_by is not None
    )
    for step in follow:
        if step.channel is Channel.PHONE:
            assert agreed and step.kind is Kind.FOLLOW_UP
        if step.chosen_at_random:
            assert "at random" in step.note


@settings(max_examples=100)
@given(interviews())
def test_without_the_option_nothing_is_drawn(interview):
    """A learner who did not turn the option on gets no step marked as drawn and no note of it."""
    plan = make_plan(interview)
    assert not any(step.chosen_at_random for step in plan.steps)
    assert plan.channel_seed is None


@pytest.mark.parametrize(
    ("changes", "pair"),
    [
        ({}, {Channel.EMAIL, Channel.LETTER}),
        ({"next_step": NextStep.VAGUE, "call_ok_by": MONDAY + dt.timedelta(days=3)},
         {Channel.EMAIL, Channel.PHONE}),
    ],
)  # fmt: skip
def test_over_many_seeds_each_channel_is_drawn_about_half_the_time(changes, pair):
    """Over 2000 seeds, each of the two channels open to the first follow-up comes 40-60%."""
    drawn = Counter(
        _follow_ups(make_plan(_interview(channel_seed=seed, **changes)).steps)[0].channel
        for seed in range(2000)
    )
    assert set(drawn) == pair
    for channel in pair:
        assert 800 <= drawn[channel] <= 1200


def test_the_same_seed_gives_the_same_choices_and_another_seed_may_not():
    """A plan made again from its seed draws the same channels; seeds differ in what they draw."""
    interview = _interview(channel_seed=12345)
    first, again = make_plan(interview), make_plan(interview)
    assert [s.channel for s in first.steps] == [s.channel for s in again.steps]
    assert first.channel_seed == 12345
    patterns = {
        tuple(s.channel for s in make_plan(_interview(channel_seed=seed)).steps)
        for seed in range(20)
    }
    assert len(patterns) > 1


def test_the_plan_says_in_plain_words_that_the_channel_was_drawn():
    """A drawn follow-up says which channel the workbook chose and why; the plan names the seed."""
    plan = make_plan(_interview(channel_seed=3))
    drawn = [step for step in plan.steps if step.chosen_at_random]
    assert drawn
    for step in drawn:
        assert "at random, so you can later compare channels fairly" in step.note
    assert any("seed 3" in note for note in plan.notes)


def test_never_by_phone_holds_even_for_an_agreed_call():
    """With a call agreed but "never by phone", the first follow-up is written, drawn or not."""
    agreed = {"next_step": NextStep.VAGUE, "call_ok_by": MONDAY + dt.timedelta(days=3)}
    never = frozenset({Channel.PHONE})
    for seed in (None, *range(50)):
        plan = make_plan(_interview(channel_seed=seed, never_channels=never, **agreed))
        assert all(step.channel is not Channel.PHONE for step in plan.steps)
    told = make_plan(_interview(channel_seed=None, never_channels=never, **agreed))
    assert any("never by phone" in text for text in told.warning_texts)


def test_with_only_one_channel_open_nothing_is_drawn():
    """"Never by letter" leaves only email when no call was agreed, so no step is marked drawn."""
    plan = make_plan(_interview(never_channels=frozenset({Channel.LETTER})))
    assert all(step.channel is Channel.EMAIL for step in plan.steps)
    assert not any(step.chosen_at_random for step in plan.steps)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"never_channels": frozenset({Channel.EMAIL})}, "never_channels", "email cannot"),
        ({"preferred_channel": Channel.PHONE, "never_channels": frozenset({Channel.PHONE})},
         "never_channels", "choose one"),
        ({"never_channels": frozenset({Channel.TEXT})}, "never_channels", "never planned"),
        ({"channel_seed": -1}, "channel_seed", "whole number"),
    ],
)  # fmt: skip
def test_limits_and_seeds_the_planner_cannot_use_are_refused(changes, field, words):
    """Ruling out email, ruling out the preferred channel, or a negative seed is refused."""
    with pytest.raises(PlanInputError, match=words) as caught:
        make_plan(_interview(**changes))
    assert caught.value.field == field


def test_a_drawn_follow_up_is_recorded_in_the_tracker_with_its_seed(tmp_path):
    """Logging a plan's steps as sent records the seed on the drawn follow-ups only, and an
    export carries it."""
    from workbook.data.canonical_csv import export_csv
    from workbook.data.planlink import log_sent
    from workbook.data.store import Tracker

    plan = make_plan(_interview(channel_seed=2024))
    with Tracker(tmp_path / "tracker.db") as tracker:
        for step in plan.steps:
            log_sent(tracker, plan, step, step.date)
        rows = tracker.contacts().set_index("kind")
        export_csv(tracker, tmp_path / "out.csv")
    drawn = {step.kind.value for step in plan.steps if step.chosen_at_random}
    assert drawn == {"follow-up", "second-follow-up"}
    for kind, row in rows.iterrows():
        assert row["random_seed"] == ("2024" if kind in drawn else "")
        assert row["channel"] == next(s.channel for s in plan.steps if s.kind.value == kind)
    assert (tmp_path / "out.csv").read_text().count(",2024\n") == 2
