"""The analysis view, driven through its filters without a browser: set `.value`, then read the
model and the HTML, and compare with the data layer's own figures."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

import ipywidgets as w
import pytest

from tests.widget_tree import MONDAY, every, fill_basics, one
from workbook.analysis.explore import SAMPLE_AS_OF, Filters, filter_contacts, sample_contacts
from workbook.analysis.frames import application_status, report, stage_times
from workbook.analysis.sample import sample_csv
from workbook.model import Channel, Source
from workbook.reports.text import overall_text
from workbook.reports.words import funnel_summary, rates_summary, stage_times_summary
from workbook.tables.canonical_csv import import_csv
from workbook.tracker.store import Tracker
from workbook.widgets import AnalysisModel, PlanState, analysis, my_plan

FRIDAY = dt.date(2026, 11, 27)


@pytest.fixture
def db(isolated_home: Path) -> Path:
    return isolated_home / "tracker.db"


def shown(view: w.Widget) -> str:
    return "".join(widget.value for widget in every(view) if isinstance(widget, w.HTML))


def sample_view() -> tuple[AnalysisModel, w.VBox]:
    model = AnalysisModel(today=FRIDAY)
    view = analysis(model)
    one(view, "wb-use-sample").value = True
    return model, view


def test_a_small_tracker_offers_the_synthetic_sample(db: Path) -> None:
    """With fewer than 10 decided contacts the view says so and offers the sample."""
    view = analysis(AnalysisModel(today=FRIDAY))
    assert "Your tracker has 0 decided contacts so far" in one(view, "wb-analysis-source").value
    assert one(view, "wb-use-sample").layout.display is None
    assert "No contacts yet." in one(view, "wb-analysis-overall").value
    assert one(view, "wb-analysis-rates").value == ""
    assert not db.exists()


def test_a_tracker_with_enough_contacts_is_counted_without_the_offer(
    db: Path, tmp_path: Path
) -> None:
    """A tracker with many decided contacts is shown as it is, with no sample offered."""
    (tmp_path / "sample.csv").write_text(sample_csv(sample_contacts()), encoding="utf-8")
    import_csv(tmp_path / "sample.csv", db)
    view = analysis(AnalysisModel(today=SAMPLE_AS_OF))
    assert one(view, "wb-use-sample").layout.display == "none"
    assert one(view, "wb-analysis-source").value == ""
    expected = overall_text(report(sample_contacts(), as_of=SAMPLE_AS_OF))
    assert expected in one(view, "wb-analysis-overall").value
    assert "Synthetic sample" not in one(view, "wb-analysis-overall").value


def test_the_sample_is_labelled_as_synthetic_in_text_and_in_the_charts_alt_text(
    db: Path,
) -> None:
    """Switched on, the sample is named synthetic in a banner, the figures and every chart."""
    _, view = sample_view()
    assert "Synthetic sample." in one(view, "wb-analysis-source").value
    assert "made up" in one(view, "wb-analysis-overall").value
    for css in ("wb-analysis-rates", "wb-analysis-curves"):
        chart = one(view, css).value
        assert 'alt="Synthetic sample (made up, not real job searches). ' in chart
        assert "<figcaption>Synthetic sample" in chart
    expected = overall_text(report(sample_contacts(), as_of=SAMPLE_AS_OF))
    assert expected in one(view, "wb-analysis-overall").value
    one(view, "wb-use-sample").value = False
    assert "Synthetic" not in shown(view)


@pytest.mark.parametrize(
    ("css", "value", "filters"),
    [
        ("wb-filter-channel", Channel.PHONE.value, Filters(channels=("phone",))),
        ("wb-filter-kind", "second-follow-up", Filters(kinds=("second-follow-up",))),
        ("wb-filter-role", "people-facing", Filters(people_facing=True)),
        ("wb-filter-role", "other", Filters(people_facing=False)),
        ("wb-filter-start", dt.date(2026, 9, 1), Filters(start=dt.date(2026, 9, 1))),
        ("wb-filter-end", dt.date(2026, 3, 31), Filters(end=dt.date(2026, 3, 31))),
    ],
)
def test_each_filter_narrows_the_counted_contacts(
    db: Path, css: str, value: object, filters: Filters
) -> None:
    """Setting a filter gives the figures of the data layer's filter on the same contacts; the
    applications' figures stay those of every application."""
    model, view = sample_view()
    before = one(view, "wb-analysis-overall").value
    funnel = one(view, "wb-analysis-funnel").value
    one(view, css).value = value
    sample = sample_contacts()
    expected = report(filter_contacts(sample, filters), as_of=SAMPLE_AS_OF, applications=sample)
    assert model.counted is not None and model.counted.report == expected
    assert overall_text(expected) in one(view, "wb-analysis-overall").value
    assert one(view, "wb-analysis-overall").value != before
    assert one(view, "wb-analysis-funnel").value == funnel


def test_filters_combine(db: Path) -> None:
    """Several filters together keep only the contacts that pass them all."""
    model, view = sample_view()
    one(view, "wb-filter-channel").value = "email"
    one(view, "wb-filter-kind").value = "follow-up"
    one(view, "wb-filter-start").value = dt.date(2026, 6, 1)
    kept = filter_contacts(
        sample_contacts(),
        Filters(start=dt.date(2026, 6, 1), channels=("email",), kinds=("follow-up",)),
    )
    assert model.counted is not None
    assert model.counted.report["overall"]["contacts"] == len(kept) > 0


def test_a_date_range_that_ends_before_it_starts_is_explained(db: Path) -> None:
    """A reversed date range shows a plain message instead of figures, until it is mended."""
    _, view = sample_view()
    one(view, "wb-filter-start").value = dt.date(2026, 10, 1)
    one(view, "wb-filter-end").value = dt.date(2026, 9, 1)
    assert "Check the dates: the first day (2026-10-01) is after the last day (2026-09-01)" in (
        one(view, "wb-analysis-overall").value
    )
    assert one(view, "wb-analysis-rates").value == ""
    one(view, "wb-filter-end").value = None
    assert "contacts:" in one(view, "wb-analysis-overall").value


def test_filters_that_leave_nothing_say_so(db: Path) -> None:
    """When no contact passes the filters, the view says to widen them and draws no chart."""
    _, view = sample_view()
    one(view, "wb-filter-start").value = dt.date(2030, 1, 1)
    assert "No contacts match these filters" in one(view, "wb-analysis-overall").value
    assert one(view, "wb-analysis-curves").value == ""


def test_the_grouping_changes_the_chart_and_the_table(db: Path) -> None:
    """Grouping by kind draws the kinds' rates and tabulates them; few groups are explained."""
    _, view = sample_view()
    one(view, "wb-filter-by").value = "kind"
    assert (
        'alt="Synthetic sample (made up, not real job searches). Thank-you notes got'
        in one(view, "wb-analysis-rates").value
    )
    table = one(view, "wb-analysis-table").value
    assert '<th scope="row">second-follow-up' in table
    one(view, "wb-filter-by").value = "channel"
    table = one(view, "wb-analysis-table").value
    assert "Marked <em>few</em>:" in table and "one answer more or less" in table
    assert "LinkedIn (" in table


def test_the_notes_explain_the_interval_small_groups_and_causation(db: Path) -> None:
    """The view explains what the interval means, why groups are marked few, and why a
    better rate for a channel does not show that the channel causes it."""
    _, view = sample_view()
    notes = one(view, "wb-analysis-notes").value
    assert "The 95% interval is the range of rates" in notes
    assert "fewer than 10 decided contacts are marked as few" in notes
    assert "does not prove the channel causes it" in notes


def test_a_contact_marked_sent_in_the_plan_is_counted_in_the_analysis(db: Path) -> None:
    """From a plan to a logged first contact to the analysis, with clicks only."""
    state = PlanState(today=MONDAY)
    fill_basics(state)
    model = AnalysisModel(today=FRIDAY)
    view = analysis(model)
    assert "No contacts yet." in one(view, "wb-analysis-overall").value
    one(one(my_plan(state), "wb-step-thank-you-1"), "wb-mark-sent").click()
    one(view, "wb-analysis-reload").click()
    overall = one(view, "wb-analysis-overall").value
    assert "1 contacts: 0 answered (0 positive), 1 pending" in overall
    with Tracker(db, create=False) as tracker:
        assert len(tracker.contact_rows()) == 1


def test_the_page_shows_the_funnel_the_rates_by_source_and_the_time_in_each_stage(
    db: Path,
) -> None:
    """On the sample, each of the three charts has its sentence, with the data layer's figures,
    as alt text and caption, and the rates by source have their table."""
    _, view = sample_view()
    sample = sample_contacts()
    figures = report(sample, as_of=SAMPLE_AS_OF)
    stages = stage_times(application_status(sample, as_of=SAMPLE_AS_OF), SAMPLE_AS_OF)
    prefix = "Synthetic sample (made up, not real job searches). "
    for css, sentence in (
        ("wb-analysis-funnel", funnel_summary(figures)),
        ("wb-analysis-sources", rates_summary(figures, "source")),
        ("wb-analysis-stages", stage_times_summary(stages)),
    ):
        shown = one(view, css).value
        assert f'alt="{escape(prefix + sentence, quote=True)}"' in shown, css
        assert f"<figcaption>{escape(prefix + sentence, quote=True)}</figcaption>" in shown
        assert any(character.isdigit() for character in sentence)
    assert '<th scope="col">applications</th>' in one(view, "wb-analysis-sources").value


def test_a_tracker_of_applications_only_shows_its_funnel_without_contacts(db: Path) -> None:
    """Applications with no interview and no contact are counted in the funnel, while the
    contacts' charts stay empty; the learner's company names never reach the page unescaped."""
    with Tracker(db) as tracker:
        tracker.add_application("<b>Acme</b>", "Clerk", source=Source.REFERRAL,
                                applied_date=FRIDAY - dt.timedelta(days=40),
                                answer_date=FRIDAY - dt.timedelta(days=30))  # fmt: skip
        tracker.add_application("Zeta Foods", source=Source.LINKEDIN,
                                applied_date=FRIDAY - dt.timedelta(days=20))  # fmt: skip
    view = analysis(AnalysisModel(today=FRIDAY))
    funnel = one(view, "wb-analysis-funnel").value
    assert "Of 2 applications, 1 (50%) had an answer from the employer, 0 (0%) reached an" in (
        funnel
    )
    assert one(view, "wb-analysis-rates").value == ""
    assert "<b>" not in shown(view)
