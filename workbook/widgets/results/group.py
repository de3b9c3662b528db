"""The facilitator's view, `group_results()`: a group's pooled, anonymous response rates in
large type for a projector, as `workbook cohort` reports them, with a chart per grouping.

`GroupModel` is a traitlets model with no widgets in it: where the shares come from (this
computer's room trackers of the participants who said yes, a folder of shared files, or the
made-up sample group), the window and the smallest group shown (never under `MIN_GROUP`: the
page is projected), and what the last reading and counting gave; an unexpected error in either
becomes a short message on the page. It reads with `workbook.analysis.cohort` and counts with
`cohort_report`; the view links its controls to the model's traits and draws what the model
computed.

The page is the facilitator's alone: in a participant's kernel in a workshop room
(`workbook.home.roots.in_room()`) the model reads nothing and the view says whose page it is.
Nothing shown names a room participant, or tells who shared and who did not.
"""

from __future__ import annotations

import datetime as dt
import logging
from html import escape
from pathlib import Path
from typing import Any, Final

import ipywidgets as w
from traitlets import HasTraits, Instance, Int, TraitError, Unicode, link, observe, validate
from traitlets import Tuple as TraitTuple

from workbook.analysis.cohort import (
    MIN_GROUP,
    Cohort,
    CohortFolderError,
    cohort_report,
    read_cohort,
    room_cohort,
    sample_cohort,
)
from workbook.analysis.frames import WINDOW_DAYS
from workbook.analysis.sample import SAMPLE_AS_OF
from workbook.home.roots import in_room
from workbook.reports.page import experiment_figure_html, lateness_html, rates_figure_html
from workbook.reports.text import (
    files_text,
    ghosting_text,
    group_table_html,
    hidden_text,
    notes,
    overall_text,
)
from workbook.rules.dates import full_date
from workbook.tables.canonical_csv import CsvError
from workbook.widgets.controls import button
from workbook.widgets.results.analysis import GROUPINGS
from workbook.widgets.safety import reason

__all__ = ["FACILITATOR_ONLY", "SOURCES", "GroupModel", "group_results"]

SOURCES: Final = (
    ("This room's trackers (those who said yes)", "room"),
    ("A folder of shared files", "folder"),
    ("The made-up sample group", "sample"),
)
"""Where the shares come from, as (label, source) pairs for a choice."""
FACILITATOR_ONLY: Final = (
    "This page is for the workshop's facilitator. It shows the group's figures only on the "
    "facilitator's own computer, outside the room's app, so there is nothing to see here: "
    "carry on with your own pages."
)
"""What the view says in a participant's kernel in a room, in place of everything else."""
MAX_WINDOW: Final = 365
MAX_MIN_GROUP: Final = 100

_BIG: Final = 'style="font-size: 1.35em; line-height: 1.5"'
"""Large type for a projector (inline, so it holds in JupyterLab as in the app)."""
_TABLE: Final = 'style="font-size: 1.15em; overflow-x: auto; max-width: 100%"'
"""A table a little smaller, scrolling sideways rather than widening the page."""
_STYLE = {"description_width": "14rem"}
_WIDE = w.Layout(width="min(34rem, 100%)")
_MADE_UP: Final = "Made-up sample group (synthetic, not real participants)"
_LOG = logging.getLogger("workbook")


class GroupModel(HasTraits):
    """Where the group's shares come from, how they are counted, and what that gave (or why
    nothing can be shown)."""

    source = Unicode("room", help="a value of SOURCES")
    folder = Unicode("", help="the folder of shared files, for the 'folder' source")
    window = Int(WINDOW_DAYS, help="an answer counts within this many days (1 or more)")
    min_group = Int(
        MIN_GROUP, help=f"groups resting on fewer participants are hidden ({MIN_GROUP} or more)"
    )

    report = Instance(dict, allow_none=True, read_only=True, help="cohort_report's dict")
    skipped = TraitTuple(read_only=True, help="the folder's files left out, as CsvError")
    problem = Unicode("", read_only=True, help="why nothing can be counted, or ''")
    counted = Int(0, read_only=True, help="how many times the model has counted: a view redraws")

    def __init__(
        self,
        *,
        source: str = "room",
        folder: str = "",
        root: Path | None = None,
        today: dt.date | None = None,
    ) -> None:
        self._ready = False
        super().__init__(source=source, folder=folder)
        self.root = root
        """The room's data folder (None: this computer's, `data_root()`)."""
        self.today = today
        """The day of counting (None: the day each refresh runs)."""
        self.facilitator_only = in_room()
        """Whether this kernel is a room participant's: then nothing of the group is read."""
        self._cohort: Cohort | None = None
        self._ready = True
        self.refresh()

    @validate("source")
    def _known_source(self, proposal: dict[str, Any]) -> str:
        value: str = proposal["value"]
        if value not in {source for _, source in SOURCES}:
            raise TraitError(f"{value!r} is not a source (expected room, folder or sample)")
        return value

    @validate("min_group")
    def _projectable(self, proposal: dict[str, Any]) -> int:
        """The page is projected: it never shows groups under `MIN_GROUP` participants."""
        value: int = proposal["value"]
        if value < MIN_GROUP:
            raise TraitError(
                f"min_group must be {MIN_GROUP} or more on the projected page, not {value}"
            )
        return value

    @property
    def sample(self) -> bool:
        """Whether what is shown is the made-up sample group."""
        return bool(self.report and self.report["cohort"]["synthetic"])

    @property
    def too_small(self) -> bool:
        """Whether the group is too small for any figure (no shares, or fewer participants
        than `min_group`, so even the overall figures are hidden)."""
        report = self.report
        if report is None:
            return False
        return not report["cohort"]["files"] or bool(report["overall"].get("suppressed"))

    def refresh(self) -> None:
        """Read the source again (the room's trackers change while the session runs), then
        count. An unexpected error becomes `problem`, so the page never goes stale in
        silence."""
        try:
            self._cohort, problem, skipped = self._read()
        except Exception as error:
            self._cohort, problem, skipped = None, _unexpected("read the shares", error), ()
        self.set_trait("skipped", skipped)
        self._count(problem)

    @observe("source", "folder")
    def _source_changed(self, _: dict[str, Any]) -> None:
        if self._ready:
            self.refresh()

    @observe("window", "min_group")
    def _counting_changed(self, _: dict[str, Any]) -> None:
        if self._ready:
            self._count("" if self._cohort is not None else self.problem)

    def _read(self) -> tuple[Cohort | None, str, tuple[CsvError, ...]]:
        """The cohort of the source, or why there is none, and the files left out."""
        if self.facilitator_only:
            return None, FACILITATOR_ONLY, ()
        if self.source == "sample":
            return sample_cohort(), "", ()
        if self.source == "room":
            return room_cohort(self.root, today=self._day()), "", ()
        typed = self.folder.strip()
        if not typed:
            return None, "Type the path of the folder that holds the shared files.", ()
        try:
            cohort = read_cohort(Path(typed).expanduser())
        except CohortFolderError as error:
            return None, f"Check the folder's path: {error}.", ()
        return cohort, "", cohort.skipped

    def _day(self) -> dt.date:
        return self.today or dt.date.today()

    def _count(self, problem: str) -> None:
        """Count the cohort read last, or keep `problem`; an unexpected error becomes it."""
        cohort, figures = self._cohort, None
        if cohort is not None:
            as_of = SAMPLE_AS_OF if cohort.synthetic else self._day()
            try:
                figures = cohort_report(
                    cohort, window=self.window, min_group=self.min_group, as_of=as_of
                )
            except Exception as error:
                problem = _unexpected("count the shares", error)
        self.set_trait("problem", "" if figures is not None else problem)
        self.set_trait("report", figures)
        self.set_trait("counted", self.counted + 1)


def _unexpected(doing: str, error: Exception) -> str:
    """Log `error` for whoever runs the page, and say calmly on the page what failed."""
    _LOG.exception("workbook: could not %s for the group page", doing)
    return f"Could not {doing} just now ({reason(error)}). Click Refresh to try again."


# -- the view ----------------------------------------------------------------------------------


def _sample_banner() -> str:
    return (
        f'<div class="wb-sample-banner wb-group-made-up" role="note" {_BIG}><strong>'
        f"{_MADE_UP}.</strong> A program invented these participants and their contacts. "
        "Use them to show how the charts read, not as facts about following up.</div>"
    )


def _too_small_html(model: GroupModel) -> str:
    fewer = model.min_group
    person = "participant has" if fewer == 1 else "participants have"
    later = (
        " As more people choose to share, click <strong>Refresh</strong>."
        if model.source == "room"
        else ""
    )
    offer = (
        " Meanwhile, the made-up sample group shows how the page reads." if not model.sample else ""
    )
    if model.sample:
        said = f"The sample group has fewer than {fewer} participants"
    else:
        said = f"Fewer than {fewer} {person} shared contacts that have had time for an answer"
    return (
        f'<p role="status" {_BIG}>{said}; no figure is shown so that nobody can be recognised.'
        f"{later}{offer}</p>"
    )


def _overall_html(report: dict[str, Any]) -> str:
    day = dt.date.fromisoformat(report["as_of"])
    return (
        f"<div {_BIG}><p>Counted on {full_date(day)}; an answer counts when it came "
        f"within {report['window']} days.</p><p>{escape(files_text(report))}</p>"
        f"<p><strong>{escape(overall_text(report))}</strong> "
        f"{escape(ghosting_text(report))}</p></div>"
    )


def _charts_html(report: dict[str, Any]) -> str:
    """A big chart per grouping with its summary as alt text, and its table."""
    label = f"{_MADE_UP}. " if report["cohort"]["synthetic"] else ""
    parts = []
    for title, by in GROUPINGS:
        groups = report[f"by_{by}"]
        parts.append(f"<h3 {_BIG}>{escape(title)}</h3>")
        if not groups:
            parts.append(f"<p {_BIG}>No contacts to count here yet.</p>")
            continue
        css = "wb-chart wb-group-chart"
        parts.append(rates_figure_html(report, by, css=css, dpi=120, label=label))
        table = group_table_html(by, groups, hidden_text(report))
        parts.append(f'<div class="wb-group-table" {_TABLE}>{table}</div>')
    if "experiment" in report:  # the fair test: its words are the chart's alt text
        fair = experiment_figure_html(report, css="wb-chart wb-group-chart", dpi=120)
        parts.append(f'<div class="wb-group-experiment" {_BIG}>{fair}</div>')
    if "lateness" in report:  # the rounds' promised days, when the shares carry them
        late = lateness_html(report, css="wb-chart wb-group-chart wb-group-lateness", dpi=120)
        parts.append(late.replace("<h2>", f"<h3 {_BIG}>").replace("</h2>", "</h3>"))
    return "".join(parts)


def _skipped_html(skipped: tuple[CsvError, ...]) -> str:
    if not skipped:
        return ""
    items = "".join(f"<li>{escape(error.first())}</li>" for error in skipped)
    files = "file was" if len(skipped) == 1 else "files were"
    return (
        f"<div {_BIG}><h3>Files left out</h3><p>{len(skipped)} {files} not a valid shared "
        f"file, so the rest were pooled without {'it' if len(skipped) == 1 else 'them'}:</p>"
        f"<ul>{items}</ul></div>"
    )


def _notes_html(report: dict[str, Any]) -> str:
    items = "".join(f"<li>{escape(note)}</li>" for note in notes(report))
    return f"<div {_BIG}><h3>How to read this</h3><ul>{items}</ul></div>"


def _controls(model: GroupModel) -> tuple[w.Widget, w.Text]:
    def control(widget: Any, trait: str, css: str) -> Any:
        link((model, trait), (widget, "value"))
        widget.add_class(css)
        return widget

    source = w.Dropdown(
        description="Whose shares", options=list(SOURCES), style=_STYLE, layout=_WIDE
    )
    folder = w.Text(
        description="Folder of shared files",
        placeholder="the folder's path, then Enter",
        continuous_update=False,
        style=_STYLE,
        layout=_WIDE,
    )
    min_group = w.BoundedIntText(
        description="Hide groups under", min=MIN_GROUP, max=MAX_MIN_GROUP, style=_STYLE
    )
    window = w.BoundedIntText(
        description="Answer counts within (days)", min=1, max=MAX_WINDOW, style=_STYLE
    )
    refresh = button("Refresh", "wb-group-refresh", icon="refresh")
    refresh.on_click(lambda _: model.refresh())
    box = w.VBox(
        [
            control(source, "source", "wb-group-source"),
            control(folder, "folder", "wb-group-folder"),
            control(min_group, "min_group", "wb-group-min"),
            control(window, "window", "wb-group-window"),
            refresh,
        ]
    )
    box.add_class("wb-group-controls")
    return box, folder


def group_results(model: GroupModel | None = None) -> w.VBox:
    """The group's pooled response rates for a projector: the overall figures, a chart and a
    table per grouping, and notes; the made-up sample group offered while the group is too
    small. In a participant's kernel in a room, only a word on whose page this is."""
    model = model or GroupModel()
    if model.facilitator_only:
        notice = w.HTML(f'<p role="status" {_BIG}>{escape(FACILITATOR_ONLY)}</p>')
        notice.add_class("wb-group-facilitator-only")
        box = w.VBox([notice])
        box.add_class("wb-group")
        return box
    controls, folder = _controls(model)
    banner, overall, small, charts, skipped, reading = (w.HTML() for _ in range(6))
    for widget, css in (
        (banner, "wb-group-banner"), (overall, "wb-group-overall"), (small, "wb-group-small"),
        (charts, "wb-group-charts"), (skipped, "wb-group-skipped"), (reading, "wb-group-notes"),
    ):  # fmt: skip
        widget.add_class(css)
    show_sample = button("Show the sample group instead", "wb-group-show-sample", icon="eye")
    show_sample.on_click(lambda _: setattr(model, "source", "sample"))

    def render(_: object = None) -> None:
        folder.layout.display = None if model.source == "folder" else "none"
        report = model.report
        skipped.value = _skipped_html(model.skipped)
        banner.value = _sample_banner() if model.sample else ""
        show_sample.layout.display = "none"
        if model.problem or report is None:
            overall.value = f'<p role="alert" {_BIG}>{escape(model.problem)}</p>'
            small.value = charts.value = reading.value = ""
            return
        if model.too_small:  # the notes would count who shared: the message says enough
            overall.value = charts.value = reading.value = ""
            small.value = _too_small_html(model)
            show_sample.layout.display = None if not model.sample else "none"
            return
        small.value = ""
        overall.value = _overall_html(report)
        charts.value = _charts_html(report)
        reading.value = _notes_html(report)

    model.observe(render, names="counted")
    render()
    box = w.VBox([controls, banner, overall, small, show_sample, skipped, charts, reading])
    box.add_class("wb-group")
    return box
