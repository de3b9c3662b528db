"""The analysis page shows how late employers answered the learner's rounds, the chart's
curve in words; the tracker's forms keep a round's promised and answer days."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

import pandas as pd
import pytest

from tests.widget_tree import one
from workbook.analysis.aggregates import tracker_report
from workbook.reports.words import lateness_curve_words, lateness_summary
from workbook.tracker.store import Tracker
from workbook.widgets import AnalysisModel, TrackerModel, analysis, tracker_forms, tracker_table

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
