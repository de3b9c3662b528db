"""The random choice of follow-up channels: only channels the rules allow, balanced, said in
the plan, and the same for the same seed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    """ "Never by letter" leaves only email when no call was agreed, so no step is marked drawn."""
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
    from workbook.tables.canonical_csv import export_csv
    from workbook.tracker.planlink import log_sent
    from workbook.tracker.store import Tracker

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


# -- the estimators, against independent computations -----------------------------------------


def test_newcombes_interval_matches_his_published_example():
    """56/70 against 48/80 gives Newcombe's own published 0.0524 to 0.3339 (method 10)."""
    from workbook.analysis.estimates import newcombe_interval

    low, high = newcombe_interval(56, 70, 48, 80)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)


@settings(max_examples=200)
@given(
    a=st.integers(1, 300).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    b=st.integers(1, 300).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
)
def test_newcombes_interval_equals_one_built_from_scipys_wilson_intervals(a, b):
    """The hybrid interval equals the one assembled from scipy's Wilson intervals, and holds
    the observed difference."""
    from scipy import stats

    from workbook.analysis.estimates import newcombe_interval

    (x1, n1), (x2, n2) = a, b
    w1 = stats.binomtest(x1, n1).proportion_ci(method="wilson")
    w2 = stats.binomtest(x2, n2).proportion_ci(method="wilson")
    p1, p2 = x1 / n1, x2 / n2
    low = p1 - p2 - ((p1 - w1.low) ** 2 + (w2.high - p2) ** 2) ** 0.5
    high = p1 - p2 + ((w1.high - p1) ** 2 + (p2 - w2.low) ** 2) ** 0.5
    got = newcombe_interval(x1, n1, x2, n2)
    assert got == pytest.approx((max(low, -1), min(high, 1)), abs=1e-9)
    assert got[0] <= p1 - p2 <= got[1]


def test_newcombes_interval_covers_the_true_difference_about_95_times_in_100():
    """Simulated with a fixed seed, 4000 pairs of 40 and 60 contacts: coverage 93-97%."""
    import numpy as np

    from workbook.analysis.estimates import newcombe_interval

    rng = np.random.default_rng(20261203)
    for true_a, true_b in ((0.3, 0.5), (0.1, 0.15)):
        xa, xb = rng.binomial(40, true_a, 4000), rng.binomial(60, true_b, 4000)
        intervals = [newcombe_interval(int(x), 40, int(y), 60) for x, y in zip(xa, xb, strict=True)]
        covered = [low <= true_a - true_b <= high for low, high in intervals]
        assert 0.93 <= sum(covered) / len(covered) <= 0.97


@pytest.mark.parametrize(("a", "b"), [(0.3, 0.4), (0.3, 0.5), (0.5, 0.8), (0.05, 0.15)])
def test_the_sample_size_equals_the_textbook_formula_with_scipys_quantiles(a, b):
    """The contacts per channel equal the two-proportion formula worked with scipy.stats.norm,
    and a simulation at that size detects the difference about 80 times in 100."""
    import math

    import numpy as np
    from scipy import stats

    from workbook.analysis.estimates import sample_size

    za, zb = stats.norm.ppf(0.975), stats.norm.ppf(0.8)
    mean = (a + b) / 2
    n = (za * math.sqrt(2 * mean * (1 - mean)) + zb * math.sqrt(a * (1 - a) + b * (1 - b))) ** 2
    expected = math.ceil(n / (a - b) ** 2)
    assert sample_size(a, b) == expected
    rng = np.random.default_rng(7)
    xa, xb = rng.binomial(expected, a, 3000), rng.binomial(expected, b, 3000)
    pooled = (xa + xb) / (2 * expected)
    z = (xb - xa) / expected / np.sqrt(2 * pooled * (1 - pooled) / expected)
    assert 0.74 <= float(np.mean(np.abs(z) > za)) <= 0.86


def test_a_sample_size_for_equal_or_impossible_rates_is_refused():
    """Two equal rates, or a rate outside 0..1, have no sample size: a clear error."""
    from workbook.analysis.estimates import sample_size

    with pytest.raises(ValueError, match="equal"):
        sample_size(0.3, 0.3)
    with pytest.raises(ValueError, match="between 0 and 1"):
        sample_size(0.3, 1.2)


# -- the experiment in the report ---------------------------------------------------------------


def _tracker_with_random_contacts(path, answered: dict[Channel, tuple[int, int]]):
    """A tracker with, per channel, (answered, total) random follow-ups, a month old, and one
    chosen follow-up by phone that answered (which the experiment must not count)."""
    from workbook.tracker.store import RoundKey, Tracker

    tracker = Tracker(path)
    number = 0
    for channel, (yes, total) in answered.items():
        for n in range(total):
            number += 1
            app = tracker.add_application(f"Company {number}", "Clerk")
            round_ = RoundKey(app, MONDAY - dt.timedelta(days=40))
            tracker.add_round(app, round_.interview_date)
            key = tracker.add_contact(
                round_, MONDAY - dt.timedelta(days=33), channel, random_seed=number
            )
            if n < yes:
                tracker.log_response(key, MONDAY - dt.timedelta(days=30))
    app = tracker.add_application("Chosen Co", "Clerk")
    round_ = RoundKey(app, MONDAY - dt.timedelta(days=40))
    tracker.add_round(app, round_.interview_date)
    chosen = tracker.add_contact(round_, MONDAY - dt.timedelta(days=33), Channel.PHONE)
    tracker.log_response(chosen, MONDAY - dt.timedelta(days=32))
    return tracker


def test_the_report_compares_only_random_contacts_and_says_how_sure_it_is(tmp_path):
    """The report's experiment counts only random contacts, gives phone minus email with its
    interval and verdict, in SQLite as in pandas, and validates against the schema."""
    from tests.test_analysis import validate
    from workbook.analysis.aggregates import tracker_report
    from workbook.analysis.estimates import newcombe_interval
    from workbook.analysis.frames import NEEDED_COLUMNS, report

    counts = {Channel.EMAIL: (6, 20), Channel.PHONE: (14, 20)}
    with _tracker_with_random_contacts(tmp_path / "t.db", counts) as tracker:
        got = tracker_report(tracker, as_of=MONDAY)
        pandas = report(tracker.contact_rows(NEEDED_COLUMNS), as_of=MONDAY,
                        applications=tracker.application_rows())  # fmt: skip
    assert got == pandas
    validate(got)
    experiment = got["experiment"]
    assert experiment["contacts"] == 40
    assert [arm["answered"] for arm in experiment["by_channel"]] == [6, 14]
    (comparison,) = experiment["comparisons"]
    assert (comparison["channel"], comparison["against"]) == ("phone", "email")
    assert comparison["difference"] == pytest.approx(0.4)
    assert (comparison["ci_low"], comparison["ci_high"]) == newcombe_interval(14, 20, 6, 20)
    assert comparison["verdict"] == "differs"
    assert experiment["base_rate"] == pytest.approx(0.5) and experiment["base_rate_observed"]


def test_with_few_random_contacts_the_verdict_is_too_few(tmp_path):
    """Under ten decided random contacts on a side, the verdict waits, and the sample sizes
    assume the default rate."""
    from workbook.analysis.aggregates import tracker_report

    counts = {Channel.EMAIL: (1, 4), Channel.LETTER: (2, 3)}
    with _tracker_with_random_contacts(tmp_path / "t.db", counts) as tracker:
        experiment = tracker_report(tracker, as_of=MONDAY)["experiment"]
    assert [c["verdict"] for c in experiment["comparisons"]] == ["too-few"]
    assert not experiment["base_rate_observed"] and experiment["base_rate"] == 0.3
    assert [row["per_channel"] for row in experiment["sample_sizes"]] == [356, 93, 42]


# -- the pooled report --------------------------------------------------------------------------


def _cohort(email_people: int, phone_people: int, *, clustered: bool):
    """A pooled cohort of participants with ten random follow-ups each: the first
    `email_people` by email, the next `phone_people` by phone. With `clustered`, a
    participant's contacts all fare alike (all answered or none), as one person's often do;
    phone answers a little more often."""
    from tests.frames import contacts
    from workbook.analysis.cohort import pool
    from workbook.analysis.share import anonymise

    shares = []
    for person in range(email_people + phone_people):
        channel = "email" if person < email_people else "phone"
        rows = []
        for n in range(10):
            yes = person % 2 == 0 if clustered else (n + person) % 2 == 0
            if channel == "phone":
                yes = yes or (person % 4 == 1 and clustered)
            sent = MONDAY - dt.timedelta(days=40 - n)
            rows.append({
                "application_id": f"a{person}-{n}", "channel": channel,
                "interview_date": sent - dt.timedelta(days=5), "contact_date": sent,
                "response_date": sent + dt.timedelta(days=2) if yes else None,
                "kind": "follow-up", "random_seed": str(person * 100 + n),
            })  # fmt: skip
        shares.append(anonymise(contacts(*rows), participant=f"{person:016x}", number=1,
                                today=MONDAY))  # fmt: skip
    return pool(shares)


def test_the_pooled_experiment_allows_for_clustering_by_participant():
    """When each person's contacts fare alike, the pooled interval of phone minus email is
    wider than Newcombe's for independent contacts, and the report validates."""
    from tests.test_analysis import validate
    from workbook.analysis.cohort import cohort_report
    from workbook.analysis.estimates import newcombe_interval

    pooled = cohort_report(_cohort(8, 8, clustered=True), as_of=MONDAY)
    validate(pooled)
    (comparison,) = pooled["experiment"]["comparisons"]
    arms = {arm["channel"]: arm for arm in pooled["experiment"]["by_channel"]}
    assert arms["phone"]["participants"] == arms["email"]["participants"] == 8
    email, phone = arms["email"], arms["phone"]
    decided = {name: arm["contacts"] - arm["pending"] for name, arm in arms.items()}
    independent = newcombe_interval(
        phone["answered"], decided["phone"], email["answered"], decided["email"]
    )
    assert comparison["ci_high"] - comparison["ci_low"] > independent[1] - independent[0] + 0.1
    assert comparison["ci_low"] <= comparison["difference"] <= comparison["ci_high"]


def test_a_pooled_channel_of_too_few_participants_is_hidden():
    """Random phone contacts of only two participants are hidden with the rest of their
    figures: no phone figure and no comparison with it is shown."""
    from workbook.analysis.cohort import cohort_report

    experiment = cohort_report(_cohort(8, 2, clustered=False), as_of=MONDAY)["experiment"]
    phone = [arm for arm in experiment["by_channel"] if arm["channel"] == "phone"]
    assert phone in ([], [{"channel": "phone", "suppressed": True}])
    assert experiment["comparisons"] == []
    assert experiment["contacts"] == sum(
        arm["contacts"] for arm in experiment["by_channel"] if not arm["suppressed"]
    )


def test_the_text_and_html_reports_say_what_the_fair_test_shows(tmp_path):
    """The text report and the page have the fair test's section: the honest sentence, the
    random follow-ups per channel, the sample sizes, and a chart whose alt text says it all."""
    import re
    from html import escape

    from workbook.analysis.aggregates import tracker_report
    from workbook.reports.page import html_report
    from workbook.reports.text import text_report
    from workbook.reports.words import experiment_summary

    counts = {Channel.EMAIL: (6, 12), Channel.PHONE: (8, 12)}
    with _tracker_with_random_contacts(tmp_path / "t.db", counts) as tracker:
        figures = tracker_report(tracker, as_of=MONDAY)
    said = experiment_summary(figures)
    assert "so far the difference could be chance" in said
    assert "Phone got an answer 17 points more often than email" in said
    text = text_report(figures)
    assert "A fair test of your channels" in text
    assert re.search(r"10 points\s+364", text)  # at their own rate, 58%
    page = html_report(figures)
    assert f'alt="{escape(said, quote=True)}"' in page
    assert "<caption>How many it would take</caption>" in page


def test_without_random_follow_ups_the_report_says_how_to_start():
    """A report with no random follow-up invites the learner to turn the option on, calmly."""
    from tests.frames import contacts
    from workbook.analysis.frames import report
    from workbook.reports.words import experiment_summary

    said = experiment_summary(report(contacts({}), as_of=MONDAY))
    assert "let the workbook choose my follow-up channel" in said


# -- the command ------------------------------------------------------------------------------

PLAN = ["plan", "--interview", "2026-11-23", "--company", "Acme Logistics", "--role",
        "Warehouse Supervisor", "--interviewer", "Dana Reyes <dana@acme.example>",
        "--further-news", "my forklift licence came through"]  # fmt: skip


def test_plan_random_channel_draws_names_its_seed_and_makes_it_again(capsys):
    """`workbook plan --random-channel` draws the follow-ups' channels and gives the seed; the
    same seed again gives the same plan, and the text says it in words."""
    import json

    from workbook.cli import main

    assert main([*PLAN, "--random-channel", "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)
    seed = first["channel_seed"]
    assert isinstance(seed, int)
    drawn = [step for step in first["steps"] if step["chosen_at_random"]]
    assert [step["kind"] for step in drawn] == ["follow-up", "second-follow-up"]
    assert all(step["channel"] in ("email", "letter") for step in drawn)
    assert main([*PLAN, "--random-channel", "--seed", str(seed), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == first
    assert main([*PLAN, "--random-channel", "--seed", str(seed)]) == 0
    assert "at random, so you can later compare channels fairly" in capsys.readouterr().out


def test_plan_never_keeps_a_channel_out_of_every_draw(capsys):
    """`--never letter` leaves only email when no call was agreed: nothing is drawn."""
    import json

    from workbook.cli import main

    for seed in range(10):
        assert main([*PLAN, "--random-channel", "--seed", str(seed), "--never", "letter",
                     "--format", "json"]) == 0  # fmt: skip
        steps = json.loads(capsys.readouterr().out)["steps"]
        assert {step["channel"] for step in steps} == {"email"}
        assert not any(step["chosen_at_random"] for step in steps)


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--seed", "4"], "--seed: only applies with --random-channel"),
        (["--random-channel", "--seed", "-4"], "--seed: a seed is a whole number"),
        (["--channel", "phone", "--never", "phone"], "--never: you prefer phone"),
    ],
)
def test_plan_refuses_a_seed_or_limit_that_does_not_fit(args, option, capsys):
    """A seed without the option, a negative seed, or ruling out the preferred channel ends
    with one line naming the option."""
    from workbook.cli import main

    assert main([*PLAN, *args]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"workbook plan: error: {option}") and error.count("\n") == 1


# -- the plan's widgets -------------------------------------------------------------------------


def test_the_channel_exercise_offers_the_random_choice_and_keeps_it(isolated_home):
    """Ticking “let the workbook choose my follow-up channel” in the channel exercise gives the
    plan drawn follow-ups with a kept seed; reopened, the same plan; unticked, none is drawn."""
    from tests.widget_tree import MONDAY as DAY
    from tests.widget_tree import fill_basics, one
    from workbook.widgets.course.sections import exercise
    from workbook.widgets.state import PlanState

    state = PlanState(today=DAY)
    fill_basics(state)
    state.further_news = "my forklift licence came through"
    view = exercise("channel", state)
    box = one(view, "wb-input-channel-seed")
    assert "compare channels fairly" in box.description and box.value is False
    box.value = True
    assert state.plan is not None and state.plan.channel_seed is not None
    drawn = [step.channel for step in state.plan.steps if step.chosen_at_random]
    assert len(drawn) == 2
    again = PlanState(today=DAY)
    assert again.plan is not None and again.plan.channel_seed == state.plan.channel_seed
    assert [s.channel for s in again.plan.steps] == [s.channel for s in state.plan.steps]
    never = one(view, "wb-input-never-channels")
    never.value = (Channel.LETTER,)
    assert all(step.channel is Channel.EMAIL for step in state.plan.steps)
    box.value = False
    plan = state.plan
    assert plan.channel_seed is None
    assert not any(step.chosen_at_random for step in plan.steps)


def test_the_analysis_page_shows_the_fair_test_with_its_chart_in_words(tmp_path):
    """The analysis page has the fair test: the honest sentence, and a chart whose alt text is
    that sentence."""
    from html import escape

    from tests.widget_tree import one
    from workbook.reports.words import experiment_summary
    from workbook.widgets.results.analysis import AnalysisModel, analysis

    counts = {Channel.EMAIL: (3, 12), Channel.LETTER: (5, 12)}
    _tracker_with_random_contacts(tmp_path / "t.db", counts).close()
    model = AnalysisModel(tmp_path / "t.db", today=MONDAY)
    view = analysis(model)
    fair = one(view, "wb-analysis-experiment").value
    assert model.counted is not None
    said = experiment_summary(model.counted.report)
    assert "A fair test of your channels" in fair
    assert f'alt="{escape(said, quote=True)}"' in fair
    assert "Letter got an answer 17 points more often than email" in said


def test_the_group_page_shows_the_pooled_fair_test(tmp_path):
    """The group page pools the shared random follow-ups and shows the fair test in words."""
    from tests.widget_tree import one
    from workbook.widgets.results.group import GroupModel, group_results

    folder = tmp_path / "shares"
    folder.mkdir()
    for number, shared in enumerate(_cohort(8, 8, clustered=False).shares):
        (folder / f"p{number}.csv").write_bytes(shared.encode())
    model = GroupModel(source="folder", folder=str(folder), today=MONDAY)
    charts = one(group_results(model), "wb-group-charts").value
    assert "A fair test of your channels" in charts
    assert "so far the difference could be chance" in charts and "alt=" in charts


def test_the_notebooks_fair_test_shows_the_learners_own_random_follow_ups(tmp_path):
    """`fair_test()` shows the tracker's random follow-ups compared, every contact counted."""
    from workbook.widgets.results.analysis import AnalysisModel, fair_test

    counts = {Channel.EMAIL: (3, 12), Channel.LETTER: (5, 12)}
    _tracker_with_random_contacts(tmp_path / "t.db", counts).close()
    model = AnalysisModel(tmp_path / "t.db", today=MONDAY)
    model.channel = "email"  # a filter of the analysis page leaves the fair test whole
    shown = fair_test(model).value
    assert "24 follow-ups had the channel chosen at random" in shown


def test_a_layout_3_tracker_gains_empty_seeds_and_keeps_every_contact(tmp_path):
    """A tracker of layout 3 (no random_seed, no rounds' promised or answer days) opens in the
    current layout with every contact as it was, each chosen by the learner, and takes a seed
    from then on."""
    import sqlite3

    from tests.tables import snapshot
    from workbook.tracker.store import SCHEMA_VERSION, RoundKey, Tracker

    path = tmp_path / "v3.db"
    with Tracker(path) as tracker:
        app = tracker.add_application("Kestrel Works", "Driver")
        round_ = RoundKey(app, MONDAY)
        tracker.add_round(app, MONDAY)
        tracker.add_contact(round_, MONDAY, Channel.EMAIL, kind=Kind.THANK_YOU)
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE contacts DROP COLUMN random_seed")
    con.execute("ALTER TABLE interviews DROP COLUMN promised_date")
    con.execute("ALTER TABLE interviews DROP COLUMN answer_date")
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()
    before = snapshot(path)["contacts"]
    with Tracker(path) as tracker:
        assert tracker.version == SCHEMA_VERSION == 5
        assert tracker.contacts()["random_seed"].tolist() == [""]
        tracker.add_contact(round_, MONDAY + dt.timedelta(days=5), Channel.LETTER, random_seed=5)
    assert snapshot(path)["contacts"][:1] == [(*before[0], None)]


def test_the_tracker_refuses_a_negative_seed_and_keeps_nothing(tmp_path):
    """A seed below 0 breaks the layout's rule: the contact is refused and nothing is written."""
    from workbook.tracker.store import RoundKey, Tracker, TrackerError

    with Tracker(tmp_path / "t.db") as tracker:
        app = tracker.add_application("Kestrel Works", "Driver")
        tracker.add_round(app, MONDAY)
        with pytest.raises(TrackerError):
            tracker.add_contact(RoundKey(app, MONDAY), MONDAY, Channel.EMAIL, random_seed=-3)
        assert tracker.contacts()["contact_date"].isna().all()


def test_a_pooled_random_channel_resting_on_too_few_is_hidden_though_its_channel_is_shown():
    """Phone follow-ups of eight participants are shown in by_channel, but the random ones of
    only two are hidden in the experiment (so no comparison), and so the non-random phone
    figures cannot be worked out either."""
    import dataclasses

    from workbook.analysis.cohort import cohort_report, pool

    cohort = _cohort(8, 8, clustered=False)
    shares = []
    for number, shared in enumerate(cohort.shares):
        rows = shared.rows.copy()
        if number >= 10:  # of the eight phone participants, only two were drawn at random
            rows["random_channel"] = False
        shares.append(dataclasses.replace(shared, rows=rows))
    pooled = cohort_report(pool(shares), as_of=MONDAY)
    phone = [g for g in pooled["by_channel"] if g["channel"] == "phone"]
    assert phone and not phone[0]["suppressed"]
    arms = {arm["channel"]: arm for arm in pooled["experiment"]["by_channel"]}
    assert arms["phone"] == {"channel": "phone", "suppressed": True}
    assert pooled["experiment"]["comparisons"] == []
