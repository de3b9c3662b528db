"""The analysis page shows how late employers answered the learner's rounds, the chart's
curve in words; the tracker's forms keep a round's promised and answer days."""

from __future__ import annotations

import dataclasses
import datetime as dt
from html import escape
from pathlib import Path

import pandas as pd
import pytest

import workbook.widgets.state as state_module
from tests.widget_tree import MONDAY, fill_basics, one
from workbook.analysis.aggregates import tracker_report
from workbook.home.answers import load_answers
from workbook.model import Lateness
from workbook.reports.words import lateness_curve_words, lateness_summary
from workbook.rules.counting import OWN_LATENESS_FROM
from workbook.rules.planner import make_plan
from workbook.tracker.store import Tracker
from workbook.widgets import (
    AnalysisModel,
    PlanState,
    TrackerModel,
    analysis,
    exercise,
    tracker_forms,
    tracker_table,
)
from workbook.widgets.state import OWN

FRIDAY = dt.date(2026, 11, 20)
AS_OF = dt.date(2026, 12, 4)


@pytest.fixture
def db(isolated_home: Path) -> Path:
    return isolated_home / "tracker.db"


def test_the_analysis_page_shows_lateness_with_the_chart_in_words(db: Path) -> None:
    """Rounds promised for a Friday and answered on it, the Monday and the Wednesday after,
    and one still waiting: the page gives the report's sentences and the chart, its curve in
    words as alt text and caption."""
    with Tracker(db) as tracker:
        for name, answer in (("A", FRIDAY), ("B", dt.date(2026, 11, 23)),
                             ("C", dt.date(2026, 11, 25)), ("D", None)):  # fmt: skip
            company = tracker.add_application(name)
            tracker.add_round(company, dt.date(2026, 11, 16), promised_date=FRIDAY,
                              answer_date=answer)  # fmt: skip
        expected = tracker_report(tracker, as_of=AS_OF)["lateness"]
    view = analysis(AnalysisModel(today=AS_OF))
    shown = one(view, "wb-analysis-lateness").value
    assert "<h4>How late employers answered</h4>" in shown
    assert escape(lateness_summary(expected)) in shown
    words = escape(lateness_curve_words(expected), quote=True)
    assert f'alt="{words}"' in shown and f"<figcaption>{words}</figcaption>" in shown
    assert "1 of 3 answers came by the promised day." in lateness_summary(expected)


def test_without_promised_dates_the_page_says_there_is_nothing_to_measure(db: Path) -> None:
    """A tracker whose rounds have no promised date: a calm sentence, and no chart."""
    with Tracker(db) as tracker:
        tracker.add_round(tracker.add_application("Acme"), FRIDAY)
    shown = one(analysis(AnalysisModel(today=AS_OF)), "wb-analysis-lateness").value
    assert "nothing to measure" in shown and "<img" not in shown


def test_the_sample_says_it_has_no_rounds_with_a_promised_date(db: Path) -> None:
    """On the synthetic sample, the lateness part says the sample has no such rounds."""
    model = AnalysisModel(today=AS_OF)
    view = analysis(model)
    one(view, "wb-use-sample").value = True
    assert "synthetic sample has no interview rounds" in one(view, "wb-analysis-lateness").value


# -- the tracker's forms ------------------------------------------------------------------------


def test_the_round_form_keeps_the_day_they_promised(db: Path) -> None:
    """An interview added with the date they will be in touch by keeps it as its promised day,
    and the form is emptied for the next one."""
    with Tracker(db) as tracker:
        tracker.add_application("Beta Books", "Bookseller")
    form = one(tracker_forms(TrackerModel()), "wb-add-round")
    one(form, "wb-round-date").value = dt.date(2026, 11, 16)
    one(form, "wb-round-promised").value = FRIDAY
    one(form, "wb-add-round-submit").click()
    with Tracker(db) as tracker:
        assert tracker.rounds().iloc[0]["promised_date"] == pd.Timestamp(FRIDAY)
    assert one(form, "wb-round-promised").value is None


def test_the_round_editor_shows_saves_and_empties_the_round_dates(db: Path) -> None:
    """The editor shows a round's promised and answer days, saves a new answer day, empties a
    date cleared in the form, and refuses an answer before the interview, saying why."""
    with Tracker(db) as tracker:
        tracker.add_round(tracker.add_application("Beta Books"), dt.date(2026, 11, 16),
                          promised_date=FRIDAY)  # fmt: skip
    view = tracker_table(TrackerModel())
    editor = one(view, "wb-edit-round-form")
    assert one(editor, "wb-edit-round-promised").value == FRIDAY
    assert one(editor, "wb-edit-round-answer").value is None
    one(editor, "wb-edit-round-answer").value = dt.date(2026, 11, 25)
    one(editor, "wb-edit-round-form-submit").click()
    with Tracker(db) as tracker:
        assert tracker.rounds().iloc[0]["answer_date"] == pd.Timestamp(2026, 11, 25)
    one(editor, "wb-edit-round-promised").value = None
    one(editor, "wb-edit-round-form-submit").click()
    with Tracker(db) as tracker:
        row = tracker.rounds().iloc[0]
    assert pd.isna(row["promised_date"]) and row["answer_date"] == pd.Timestamp(2026, 11, 25)
    one(editor, "wb-edit-round-answer").value = dt.date(2026, 11, 1)
    one(editor, "wb-edit-round-form-submit").click()
    assert "cannot come before its interview" in one(editor, "wb-form-message").value
    with Tracker(db) as tracker:
        assert tracker.rounds().iloc[0]["answer_date"] == pd.Timestamp(2026, 11, 25)


# -- the plan's stop day by the learner's own figure ------------------------------------------

PROMISED = dt.date(2026, 11, 6)  # a Friday; eight business days later is Wednesday 18 November
EIGHT_LATE = dt.date(2026, 11, 18)


def _answered_rounds(db: Path, count: int) -> None:
    """`count` rounds, each answered eight business days after the day the employer gave."""
    with Tracker(db) as tracker:
        for number in range(count):
            application = tracker.add_application(f"Employer {number}")
            tracker.add_round(application, dt.date(2026, 10, 30), promised_date=PROMISED,
                              answer_date=EIGHT_LATE)  # fmt: skip


def _stop_notes(state: PlanState) -> list[str]:
    assert state.plan is not None
    return [note for note in state.plan.notes if note.startswith("The stop day")]


def test_with_enough_rounds_the_ticked_option_sets_the_stop_day_from_the_tracker(
    db: Path,
) -> None:
    """Five rounds answered eight business days late and the box ticked: the plan is the
    planner's plan for that figure, its stop day later than the default, and the page says so."""
    _answered_rounds(db, OWN_LATENESS_FROM)
    state = PlanState(today=MONDAY)
    fill_basics(state)
    default = state.plan
    view = exercise("bothersome", state)
    one(view, "wb-input-own-lateness").value = True
    expected = make_plan(dataclasses.replace(state.interview(), lateness=Lateness(5, 8)))
    assert state.plan == expected
    assert default is not None and state.plan.stop != default.stop
    assert "Thursday 10 December" in state.plan.stop  # Monday 30 November + 8
    shown = one(view, "wb-plan").value
    assert escape(state.plan.stop) in shown
    assert "answered a median of 8 business days after the date they gave" in shown


def test_with_the_option_off_the_tracker_is_not_used(db: Path) -> None:
    """With the box left off, enough rounds in the tracker change nothing: the default stop
    day, and no note about a figure of the learner's own."""
    _answered_rounds(db, OWN_LATENESS_FROM)
    state = PlanState(today=MONDAY)
    fill_basics(state)
    assert one(exercise("bothersome", state), "wb-input-own-lateness").value is False
    assert state.plan == make_plan(state.interview())
    assert state.interview().lateness is None and _stop_notes(state) == []


def test_with_too_few_rounds_the_plan_keeps_the_default_and_says_why(db: Path) -> None:
    """Four answered rounds with the box ticked: the default stop day, and a note on why."""
    _answered_rounds(db, OWN_LATENESS_FROM - 1)
    state = PlanState(today=MONDAY)
    fill_basics(state)
    default = state.plan
    one(exercise("bothersome", state), "wb-input-own-lateness").value = True
    assert default is not None and state.plan is not None and state.plan.stop == default.stop
    (note,) = _stop_notes(state)
    assert f"only {OWN_LATENESS_FROM - 1} of your rounds have had an answer" in note


def test_without_a_tracker_or_with_a_broken_one_the_plan_says_it_used_the_default(
    db: Path,
) -> None:
    """No tracker yet: the default, saying no round has had an answer; a file that is not a
    tracker: the default, saying it could not be read, and the file left as it was."""
    state = PlanState(today=MONDAY)
    fill_basics(state)
    default = state.plan
    state.own_lateness = True
    assert default is not None and state.plan is not None and state.plan.stop == default.stop
    assert "none of your rounds has had an answer" in _stop_notes(state)[0]
    assert not db.exists()
    db.write_bytes(b"not a tracker at all")
    state.role = "Stock Controller"  # any redraw reads the changed file again
    assert state.plan is not None and state.plan.stop.startswith("If nothing has come by")
    assert "your tracker could not be read" in _stop_notes(state)[0]
    assert db.read_bytes() == b"not a tracker at all"


def test_the_figure_is_read_once_until_the_tracker_changes(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing other answers does not read the tracker again; a new round in it does."""
    _answered_rounds(db, OWN_LATENESS_FROM)
    reads: list[Path] = []
    real = state_module._read_lateness

    def counted(path: Path, today: dt.date) -> Lateness:
        reads.append(path)
        return real(path, today)

    monkeypatch.setattr(state_module, "_read_lateness", counted)
    state = PlanState(today=MONDAY)
    fill_basics(state)
    state.own_lateness = True
    for word in ("S", "St", "Sto", "Stock"):
        state.role = word
    assert reads == [db]
    _answered_rounds(db, 1)
    state.role = "Stock Controller"
    assert reads == [db, db]


def test_a_practice_case_never_uses_the_tracker(db: Path) -> None:
    """Practising with the box ticked in the learner's own answers: the practice plan has no
    figure of the learner's own, and its own box stays off."""
    _answered_rounds(db, OWN_LATENESS_FROM)
    state = PlanState(today=MONDAY)
    fill_basics(state)
    state.own_lateness = True
    case = state.practice_cases[0]
    state.slot = f"practice:{case.id}"
    assert state.own_lateness is False
    state.own_lateness = True
    assert state.interview().lateness is None
    assert state.plan == make_plan(state.interview())


def test_the_option_is_saved_with_the_answers(db: Path, isolated_home: Path) -> None:
    """The ticked box reaches answers.json, and a new kernel's state finds it ticked."""
    state = PlanState(today=MONDAY)
    fill_basics(state)
    state.own_lateness = True
    saved = load_answers(isolated_home / "answers.json")["slots"][OWN]
    assert saved["values"]["own_lateness"] is True and "own_lateness" in saved["touched"]
    assert PlanState(today=MONDAY).own_lateness is True
