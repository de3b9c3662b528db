"""The charts draw on the ax they are given, draw what they should, and say it in a sentence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from tests.frames import AS_OF, contacts, day
from workbook.analysis.frames import report
from workbook.reports import charts, words


@pytest.fixture(autouse=True)
def no_show(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail if a chart calls plt.show(), and close every figure after the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a chart must never call plt.show()")

    monkeypatch.setattr(plt, "show", refuse)
    yield
    plt.close("all")


def new_ax() -> Axes:
    return Figure().add_subplot()


def contact(sent: int, replied: int | None = None, **fields: object) -> dict[str, object]:
    return {
        "contact_date": day(sent),
        "interview_date": day(sent - 1),
        "response_date": None if replied is None else day(replied),
        "response": "" if replied is None else "positive",
        **fields,
    }


def mixed() -> dict[str, Any]:
    """Email 12 decided (6 answered), phone 3 decided (2 answered), letter only pending."""
    rows = [contact(-40, -39 if i < 6 else None) for i in range(12)]
    rows += [contact(-40, -38, channel="phone"), contact(-40, -40, channel="phone")]
    rows += [contact(-40, None, channel="phone"), contact(-2, None, channel="letter")]
    return report(contacts(*rows), as_of=AS_OF)


def test_plot_rates_draws_one_bar_per_group_on_the_given_ax() -> None:
    """Three channels give three bars, labelled in plain words, small ones marked and hatched."""
    ax = new_ax()
    assert charts.plot_rates(mixed(), "channel", ax=ax) is ax
    bars = ax.containers[0]
    assert len(bars) == 3
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Email", "Phone (few)", "Letter (few)"]
    assert [bar.get_width() for bar in bars] == [pytest.approx(0.5), pytest.approx(2 / 3), 0.0]
    assert bars[0].get_hatch() is None and bars[1].get_hatch() == "///"
    texts = [t.get_text() for t in ax.texts]
    assert "50% of 12" in texts and "no decided contacts yet" in texts


def test_plot_rates_uses_colour_blind_safe_colours_and_a_high_contrast_style() -> None:
    """Bars take Okabe-Ito colours; top and right spines are gone; the title is bold."""
    ax = charts.plot_rates(mixed(), ax=new_ax())
    assert to_hex(ax.containers[0][0].get_facecolor()) in {c.lower() for c in charts.OKABE_ITO}
    assert not ax.spines["top"].get_visible()
    assert ax.title.get_fontweight() == "bold"


def test_plot_rates_makes_a_figure_only_when_no_ax_is_given() -> None:
    """Without an ax the chart makes its own figure and returns its ax."""
    before = len(plt.get_fignums())
    ax = charts.plot_rates(mixed(), "kind")
    assert len(plt.get_fignums()) == before + 1
    assert ax.figure is plt.gcf()


def test_plot_rates_refuses_an_unknown_grouping() -> None:
    """Asking for a grouping the report does not have is an error."""
    with pytest.raises(ValueError, match="colour"):
        charts.plot_rates(mixed(), "colour", ax=new_ax())


def test_rates_summary_states_rates_intervals_and_small_groups() -> None:
    """The sentence gives each rate, its interval and decided contacts, and names small groups."""
    summary = words.rates_summary(mixed())
    assert summary.startswith("Email got an answer 50% of the time (95% interval 25–75%, 12 ")
    assert "phone 67% (95% interval 21–94%, 3 decided contacts)" in summary
    assert "phone had too few decided contacts to say much" in summary
    assert "no decided contacts yet for letter (1 still waiting)" in summary
    assert summary.endswith(".")


def test_rates_summary_of_an_empty_report_says_so() -> None:
    """With no contacts the summary says there is nothing to count."""
    assert "no contacts" in words.rates_summary(report(contacts(), as_of=AS_OF))


def test_plot_rates_of_an_empty_report_draws_no_bars() -> None:
    """An empty report still gives a titled, empty chart."""
    ax = charts.plot_rates(report(contacts(), as_of=AS_OF), ax=new_ax())
    assert len(ax.containers[0]) == 0
    assert ax.get_title()


def curve_contacts() -> list[dict[str, object]]:
    email = [contact(-40, -40 + d) for d in (1, 2, 3)] + [contact(-40)]
    phone = [contact(-40, -40, channel="phone"), contact(-40, channel="phone")] * 2
    letter = [contact(-40, -30, channel="letter")] + [contact(-40, channel="letter")] * 3
    return email + phone + letter


def test_plot_response_curves_draws_one_labelled_step_line_per_channel() -> None:
    """Three channels give three curves, each legend naming the median or its absence."""
    ax = new_ax()
    frame = contacts(*curve_contacts())
    assert charts.plot_response_curves(frame, as_of=AS_OF, ax=ax) is ax
    labels = [str(line.get_label()) for line in ax.get_lines()]
    labels = [label for label in labels if not label.startswith("_")]
    assert labels == [
        "Email (half within 2 days)",
        "Phone (half the same day)",
        "Letter (half not reached)",
    ]
    assert len({str(line.get_linestyle()) for line in ax.get_lines()[:3]}) >= 2


def test_response_curves_summary_states_each_median() -> None:
    """The sentence gives each channel's median days and names those that never reach half."""
    summary = charts.response_curves_summary(contacts(*curve_contacts()), as_of=AS_OF)
    assert summary.startswith(
        "Half of the contacts had an answer within 2 days for email (4 contacts), the same day "
        "for phone (4 contacts); "
        "for letter (4 contacts) fewer than half ever did"
    )


def test_response_curves_without_contacts_draw_nothing_and_say_so() -> None:
    """No contacts: no curves, and a summary that says there is nothing to time."""
    ax = charts.plot_response_curves(contacts(), as_of=AS_OF, ax=new_ax())
    assert ax.get_legend() is None
    assert "no contacts" in charts.response_curves_summary(contacts(), as_of=AS_OF)


def timeline_frame() -> pd.DataFrame:
    return contacts(
        contact(-30, -29, kind="thank-you", company="Acme $5 (synthetic)", role="Analyst"),
        contact(-20, None, kind="follow-up", channel="phone", company="Acme $5 (synthetic)"),
        contact(-5, None, kind="second-follow-up", company="Acme $5 (synthetic)"),
        contact(-5, None, application_id="other"),
    )


def test_plot_timeline_draws_each_contact_of_one_application() -> None:
    """Three contacts give three rows in date order, interviews marked, the company as title."""
    ax = new_ax()
    assert charts.plot_timeline(timeline_frame(), "A1", as_of=AS_OF, ax=ax) is ax
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Thank-you by email",
        "Follow-up by phone",
        "Second follow-up by email",
    ]
    notes = [t.get_text() for t in ax.texts]
    assert notes.count("interview") == 3
    assert {"positive", "no answer", "waiting"} <= set(notes)
    assert "Acme" in ax.get_title()
    ax.figure.canvas.draw()  # a `$` in a company name must not be read as mathematics


def test_timeline_summary_lists_dates_channels_and_answers() -> None:
    """The sentence names the application, each contact's date and channel, and its answer."""
    summary = charts.timeline_summary(timeline_frame(), "A1", as_of=AS_OF)
    assert summary.startswith("Acme $5 (synthetic), Analyst: interviews on ")
    assert "thank-you by email on 2026-10-21, answered on 2026-10-22 (positive)" in summary
    assert "follow-up by phone on 2026-10-31, no answer;" in summary
    assert "second follow-up by email on 2026-11-15, no answer yet (pending until 2026-11-29)" in (
        summary
    )


def test_timeline_of_an_unknown_application_is_an_error() -> None:
    """Asking for an application that is not there names it."""
    with pytest.raises(ValueError, match="'nope'"):
        charts.plot_timeline(timeline_frame(), "nope", as_of=AS_OF, ax=new_ax())


def test_timeline_of_an_application_without_contacts_says_so() -> None:
    """An application with only a round and no contact yet is drawn empty and summarised so."""
    frame = contacts({"contact_date": None, "company": "Solo (synthetic)", "role": ""})
    ax = charts.plot_timeline(frame, "A1", as_of=AS_OF, ax=new_ax())
    assert "No contacts yet" in [t.get_text() for t in ax.texts]
    summary = charts.timeline_summary(frame, "A1", as_of=AS_OF)
    assert summary == "Solo (synthetic): interview on 2026-11-20; no contacts yet."


def test_summaries_of_only_waiting_contacts_still_give_their_figures() -> None:
    """A tracker whose only contact still waits is described with its count, so a screen reader
    hears how much the chart rests on."""
    frame = contacts(contact(-2))
    assert words.rates_summary(report(frame, as_of=AS_OF)) == (
        "No decided contacts yet for email (1 still waiting)."
    )
    assert charts.response_curves_summary(frame, as_of=AS_OF).startswith(
        "For email (1 contact) fewer than half ever did"
    )
