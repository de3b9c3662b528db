"""The analysis notebook's view, `analysis()`: response rates from the tracker (or the
synthetic sample), narrowed by filters, as charts with their text summaries, a table, and notes
on reading them.

`AnalysisModel` is a traitlets model with no widgets in it: the filters as traits, and the
result of the last computation. It filters with `workbook.analysis.explore.filter_contacts` and
counts them with `workbook.analysis.frames.report_of`; the view links its controls to the
model's traits and draws what the model computed. The applications' part of the page (the
funnel, the answer rate by how the person applied, the time spent in each stage) counts every
application, whatever the filters, which choose contacts: it is counted once per reading of the
tracker (`applications_report`, `stage_times`), and so is how late employers answered the
learner's rounds (`round_lateness`; the sample has no rounds).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from html import escape
from pathlib import Path
from typing import Any, ClassVar, Final

import ipywidgets as w
import pandas as pd
from traitlets import Bool, HasTraits, Instance, Int, Unicode, link, observe

from workbook.analysis.explore import (
    SAMPLE_AS_OF,
    Filters,
    decided_count,
    filter_contacts,
    own_applications,
    own_contacts,
    own_rounds,
    sample_contacts,
)
from workbook.analysis.frames import (
    SMALL_UNDER,
    WINDOW_DAYS,
    Group,
    application_status,
    applications_report,
    contact_status,
    experiment,
    report_of,
    round_lateness,
    stage_times,
)
from workbook.reports.charts import (
    plot_funnel,
    plot_rates,
    plot_response_curves,
    plot_stage_times,
    response_curves_summary,
)
from workbook.reports.page import experiment_figure_html, figure_html, lateness_html
from workbook.reports.text import ghosting_text, group_table_html, notes, overall_text
from workbook.reports.words import funnel_summary, group_label, rates_summary, stage_times_summary
from workbook.rules.dates import full_date
from workbook.tracker.store import TrackerError, default_path
from workbook.widgets.controls import button
from workbook.widgets.labels import CHANNEL_LABELS, KIND_LABELS

__all__ = ["GROUPINGS", "ROLE_TYPES", "AnalysisModel", "Counted", "analysis"]

ROLE_TYPES: Final = {"all": None, "people-facing": True, "other": False}
"""The role filter's choices and the `people_facing` value each keeps (None: every role)."""
GROUPINGS: Final = (
    ("Channel", "channel"),
    ("Kind of contact", "kind"),
    ("People-facing role or not", "people_facing"),
    ("New information or not", "new_info"),
    ("Days from the interview to the contact", "days_to_follow_up"),
)
"""What the rates can be grouped by, as (label, grouping) pairs."""

_STYLE = {"description_width": "10rem"}
_WIDE = w.Layout(width="min(32rem, 100%)")
_SAMPLE_NOTE: Final = "Synthetic sample (made up, not real job searches)"
_NO_TRACKER: Final = Path(":memory:")


@dataclass(frozen=True)
class Counted:
    """What the model computed: the contacts left by the filters and their report (with the
    funnel and rates by source of every application), and the time spent in each stage."""

    contacts: pd.DataFrame
    report: dict[str, Any]
    as_of: dt.date
    sample: bool
    stages: tuple[Group, ...] = ()


class AnalysisModel(HasTraits):
    """The filters of the analysis, and what they leave (or why nothing can be shown)."""

    use_sample = Bool(False, help="count the synthetic sample instead of the tracker")
    start = Instance(dt.date, allow_none=True, help="first day of the contacts kept")
    end = Instance(dt.date, allow_none=True, help="last day of the contacts kept")
    role_type = Unicode("all", help="a key of ROLE_TYPES")
    channel = Unicode("", help="a channel's value, or '' for every channel")
    kind = Unicode("", help="a kind's value, or '' for every kind")
    by = Unicode("channel", help="the grouping of the rates")

    own_decided = Int(0, read_only=True, help="decided contacts in the learner's tracker")
    counted = Instance(Counted, allow_none=True, read_only=True)
    problem = Unicode("", read_only=True)

    _shared: ClassVar[AnalysisModel | None] = None

    def __init__(self, path: Path | None = None, today: dt.date | None = None) -> None:
        super().__init__()
        self.path = path or default_path()
        self.today = today or dt.date.today()
        self._own = own_contacts(_NO_TRACKER)  # empty, until the tracker is read
        self._own_applications = own_applications(_NO_TRACKER)
        self._own_rounds = own_rounds(_NO_TRACKER)
        self._counted_applications: dict[bool, tuple[dict[str, Any], tuple[Group, ...]]] = {}
        self._unreadable = ""
        self.reload()

    @classmethod
    def shared(cls) -> AnalysisModel:
        """The one model of this kernel, with the tracker read again."""
        if cls._shared is None:
            cls._shared = cls()
        else:
            cls._shared.reload()
        return cls._shared

    @property
    def filtering(self) -> bool:
        """Whether any filter leaves contacts out."""
        return bool(self.start or self.end or self.role_type != "all" or self.channel or self.kind)

    @property
    def too_small(self) -> bool:
        """Whether the learner's own tracker has too few decided contacts to say much."""
        return self.own_decided < SMALL_UNDER

    def reload(self) -> None:
        """Read the learner's tracker again (another notebook may have logged contacts)."""
        try:
            self._own, self._unreadable = own_contacts(self.path), ""
            self._own_applications = own_applications(self.path)
            self._own_rounds = own_rounds(self.path)
        except TrackerError as error:
            self._own = own_contacts(_NO_TRACKER)
            self._own_applications = own_applications(_NO_TRACKER)
            self._own_rounds = own_rounds(_NO_TRACKER)
            self._unreadable = f"Your tracker cannot be read: {error}."
        self._counted_applications.clear()
        self.set_trait("own_decided", decided_count(self._own, as_of=self.today))
        self._count()

    @observe("use_sample", "start", "end", "role_type", "channel", "kind", "by")
    def _filters_changed(self, _: dict[str, Any]) -> None:
        self._count()

    def _count(self) -> None:
        if self._unreadable and not self.use_sample:
            self.set_trait("counted", None)
            self.set_trait("problem", self._unreadable)
            return
        contacts = sample_contacts() if self.use_sample else self._own
        as_of = SAMPLE_AS_OF if self.use_sample else self.today
        filters = Filters(
            start=self.start,
            end=self.end,
            people_facing=ROLE_TYPES.get(self.role_type),
            channels=(self.channel,) if self.channel else (),
            kinds=(self.kind,) if self.kind else (),
        )
        try:
            kept = filter_contacts(contacts, filters)
        except ValueError as error:
            self.set_trait("counted", None)
            self.set_trait("problem", f"Check the dates: {error}.")
            return
        figures, stages = self._applications(contacts, as_of)
        status = contact_status(kept, window=WINDOW_DAYS, as_of=as_of)
        figures = {**figures, "experiment": experiment(status)}
        counted = Counted(
            kept, {**report_of(status, WINDOW_DAYS, as_of), **figures}, as_of, self.use_sample,
            stages,
        )  # fmt: skip
        self.set_trait("problem", "")
        self.set_trait("counted", counted)

    def own_report(self) -> dict[str, Any]:
        """The fair test of the learner's own tracker, every contact counted (as `report`
        gives it, under `experiment`)."""
        status = contact_status(self._own, window=WINDOW_DAYS, as_of=self.today)
        return {"experiment": experiment(status)}

    def _applications(
        self, contacts: pd.DataFrame, as_of: dt.date
    ) -> tuple[dict[str, Any], tuple[Group, ...]]:
        """The funnel, the rates by source and the time in each stage of the tracker's (or the
        sample's) applications: counted once per reading, since no filter changes them."""
        if self.use_sample not in self._counted_applications:
            table = contacts if self.use_sample else self._own_applications
            figures = applications_report(table, as_of=as_of)
            rounds = None if self.use_sample else self._own_rounds
            figures["lateness"] = round_lateness(rounds, as_of=as_of)
            stages = tuple(stage_times(application_status(table, as_of=as_of), as_of))
            self._counted_applications[self.use_sample] = (figures, stages)
        return self._counted_applications[self.use_sample]


# -- the view ----------------------------------------------------------------------------------


def _source_note(model: AnalysisModel) -> str:
    decided = model.own_decided
    if model.use_sample:
        return (
            '<div class="wb-sample-banner" role="note"><strong>Synthetic sample.</strong> These '
            "100 contacts are made up by a program (the companies are called "
            '"Example ... (synthetic)"). Their patterns are assumptions chosen to look '
            "plausible, not facts about job searching: use them to learn to read the charts, "
            "not to decide how to follow up. Untick the box to go back to your own tracker.</div>"
        )
    if model.too_small:
        return (
            '<p class="wb-analysis-note" role="status">Your tracker has '
            f"{decided} decided contact{'s' if decided != 1 else ''} so far (answered, or "
            f"{WINDOW_DAYS} days old without an answer). With fewer than {SMALL_UNDER}, a "
            "rate says very little yet. To see how the charts read, tick "
            "<strong>Use the synthetic sample</strong>; your own figures are here whenever "
            "you untick it.</p>"
        )
    return ""


def _few_html(counted: Counted, by: str) -> str:
    """Which groups are marked as few, and why that matters."""
    few = [g for g in counted.report[f"by_{by}"] if g["small"]]
    if not few:
        return ""
    names = ", ".join(
        f"{escape(group_label(by, g[by]))} ({g['contacts'] - g['pending']})" for g in few
    )
    return (
        f'<p class="wb-analysis-few">Marked <em>few</em>: {names}. The number in brackets '
        "counts the contacts whose result is known. With so few, one answer more or less "
        "would move the rate a lot, so its interval is wide: read it as a hint, not a "
        "finding.</p>"
    )


def _overall_html(counted: Counted) -> str:
    day = counted.as_of
    prefix = f"<strong>{_SAMPLE_NOTE}.</strong> " if counted.sample else ""
    return (
        f"<p>{prefix}Counted on {full_date(day)}; an answer counts when it came "
        f"within {counted.report['window']} days.</p>"
        f"<p>{escape(overall_text(counted.report))} {escape(ghosting_text(counted.report))}</p>"
    )


def _charts(counted: Counted, by: str) -> tuple[str, str]:
    """The rates chart and the time-to-answer chart, each with its summary as alt text."""
    prefix = f"{_SAMPLE_NOTE}. " if counted.sample else ""
    groups = counted.report[f"by_{by}"]
    rates = figure_html(
        partial(plot_rates, counted.report, by),
        prefix + rates_summary(counted.report, by),
        (8.0, 1.8 + 0.6 * max(len(groups), 1)),
        css="wb-chart",
        dpi=90,
    )
    timing = {"by": by, "window": counted.report["window"], "as_of": counted.as_of}
    curves = figure_html(
        partial(plot_response_curves, counted.contacts, **timing),
        prefix + response_curves_summary(counted.contacts, **timing),
        (9.0, 5.0),
        css="wb-chart",
        dpi=90,
    )
    return rates, curves


def _applications_html(counted: Counted) -> tuple[str, str, str]:
    """The funnel, the answer rate by source and the time in each stage, each chart with its
    summary as alt text and caption (a summary alone where there is nothing to draw)."""
    prefix = f"{_SAMPLE_NOTE}. " if counted.sample else ""
    figures = counted.report
    heading = (
        "<h4>Your applications, each counted once</h4><p>These count every application, "
        "whatever the filters above, which choose contacts.</p>"
    )
    if not figures["funnel"][0]["applications"]:
        return heading + f"<p>{escape(prefix + funnel_summary(figures))}</p>", "", ""
    funnel = heading + figure_html(
        partial(plot_funnel, figures), prefix + funnel_summary(figures), (8.0, 3.6),
        css="wb-chart", dpi=90,
    )  # fmt: skip
    sources = figures["by_source"]
    by_source = "<h4>Answers by how you applied</h4>" + figure_html(
        partial(plot_rates, figures, "source"), prefix + rates_summary(figures, "source"),
        (8.0, 1.8 + 0.6 * len(sources)), css="wb-chart", dpi=90,
    ) + group_table_html("source", sources)  # fmt: skip
    summary = prefix + stage_times_summary(counted.stages)
    size = (8.0, 1.8 + 0.6 * len(counted.stages))
    draw = partial(plot_stage_times, counted.stages)
    shown = figure_html(draw, summary, size, css="wb-chart", dpi=90) if counted.stages else ""
    stages = "<h4>Time spent in each stage</h4>" + (shown or f"<p>{escape(summary)}</p>")
    return funnel, by_source, stages


def _lateness_html(counted: Counted) -> str:
    """How late employers answered the learner's rounds: sentences and the step chart, its
    curve in words as alt text and caption."""
    if counted.sample:
        return (
            "<h4>How late employers answered</h4><p>The synthetic sample has no interview "
            "rounds with a promised date; your own tracker's show here.</p>"
        )
    return (
        lateness_html(counted.report, css="wb-chart", dpi=90)
        .replace("<h2>", "<h4>")
        .replace("</h2>", "</h4>")
    )


def _notes_html(counted: Counted) -> str:
    items = "".join(f"<li>{escape(note)}</li>" for note in notes(counted.report))
    return f"<h4>How to read this</h4><ul>{items}</ul>"


def _controls(model: AnalysisModel) -> list[w.Widget]:
    def control(widget: Any, trait: str, css: str) -> Any:
        link((model, trait), (widget, "value"))
        widget.add_class(css)
        return widget

    def dropdown(description: str, options: list[tuple[str, str]]) -> w.Dropdown:
        return w.Dropdown(description=description, options=options, style=_STYLE, layout=_WIDE)

    channels = [("Every channel", ""), *((label, c.value) for c, label in CHANNEL_LABELS.items())]
    kinds = [("Every kind", ""), *((label, k.value) for k, label in KIND_LABELS.items())]
    roles = [
        ("Every role", "all"),
        ("People-facing roles", "people-facing"),
        ("Other roles", "other"),
    ]
    return [
        control(w.DatePicker(description="From", style=_STYLE), "start", "wb-filter-start"),
        control(w.DatePicker(description="To", style=_STYLE), "end", "wb-filter-end"),
        control(dropdown("Roles", roles), "role_type", "wb-filter-role"),
        control(dropdown("Channel", channels), "channel", "wb-filter-channel"),
        control(dropdown("Kind of contact", kinds), "kind", "wb-filter-kind"),
        control(dropdown("Group the rates by", list(GROUPINGS)), "by", "wb-filter-by"),
    ]


def analysis(model: AnalysisModel | None = None) -> w.VBox:
    """Response rates with filters: charts and their summaries, a table, notes on reading them,
    and the synthetic sample offered while the learner's own tracker is too small."""
    model = model or AnalysisModel.shared()
    sample = w.Checkbox(description="Use the synthetic sample", indent=False)
    sample.add_class("wb-use-sample")
    link((model, "use_sample"), (sample, "value"))
    reload = button("Read my tracker again", "wb-analysis-reload", icon="refresh")
    reload.on_click(lambda _: model.reload())
    source, overall, rates, table, curves, reading = (w.HTML() for _ in range(6))
    funnel, sources, stages, fair, late = (w.HTML() for _ in range(5))
    for widget, css in (
        (source, "wb-analysis-source"), (overall, "wb-analysis-overall"),
        (rates, "wb-analysis-rates"), (table, "wb-analysis-table"),
        (curves, "wb-analysis-curves"), (reading, "wb-analysis-notes"),
        (funnel, "wb-analysis-funnel"), (sources, "wb-analysis-sources"),
        (stages, "wb-analysis-stages"), (fair, "wb-analysis-experiment"),
        (late, "wb-analysis-lateness"),
    ):  # fmt: skip
        widget.add_class(css)

    def render(_: object = None) -> None:
        sample.layout.display = None if model.too_small or model.use_sample else "none"
        source.value = _source_note(model)
        counted = model.counted
        if model.problem or counted is None:
            overall.value = f'<p role="alert">{escape(model.problem)}</p>'
            rates.value = table.value = curves.value = reading.value = ""
            funnel.value = sources.value = stages.value = fair.value = late.value = ""
            return
        overall.value = _overall_html(counted)
        reading.value = _notes_html(counted)
        funnel.value, sources.value, stages.value = _applications_html(counted)
        fair.value = experiment_figure_html(counted.report, css="wb-chart", dpi=120)
        late.value = _lateness_html(counted)
        if not counted.report["overall"]["contacts"]:
            rates.value = table.value = curves.value = ""
            if model.filtering:
                overall.value += "<p>No contacts match these filters: widen them to see more.</p>"
            return
        rates.value, curves.value = _charts(counted, model.by)
        groups = counted.report[f"by_{model.by}"]
        table.value = group_table_html(model.by, groups) + _few_html(counted, model.by)

    model.observe(render, names=["counted", "problem", "own_decided", "use_sample"])
    render()
    filters = w.VBox([w.HTML("<h4>Which contacts</h4>"), *_controls(model)])
    filters.add_class("wb-analysis-filters")
    parts = [w.HBox([sample, reload]), source, filters, overall, rates, table, curves,
             fair, funnel, sources, stages, late, reading]  # fmt: skip
    box = w.VBox(parts)
    box.add_class("wb-analysis")
    return box


def fair_test(model: AnalysisModel | None = None) -> w.HTML:
    """The fair test of the learner's own channels: the follow-ups whose channel the workbook
    chose at random, compared, with its chart described in words (every contact of the
    tracker, whatever the analysis page's filters; never the synthetic sample)."""
    model = model or AnalysisModel.shared()
    view = w.HTML()
    view.add_class("wb-fair-test")

    def render(_: object = None) -> None:
        if model.problem and not model.use_sample:
            view.value = f'<p role="alert">{escape(model.problem)}</p>'
            return
        view.value = experiment_figure_html(model.own_report(), css="wb-chart", dpi=120)

    model.observe(render, names=["own_decided", "problem"])
    render()
    return view
