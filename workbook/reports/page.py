"""The response-rate report as one self-contained HTML page, and the charts of the notebook
views, each drawn off-screen into an image with its one-sentence summary as alt text and caption.

The page takes the dict of `analysis.report`, or of `cohort.cohort_report`, and can also take
the contacts, for the time-to-answer chart and the timelines of chosen applications. It needs
nothing from the network: its style is inline and its charts are PNG images inside it. Every
string that came from a learner is escaped, so a company called `<script>` stays text. The
words and the tables come from `report`, which draws nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from html import escape
from typing import Any, Final

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from workbook.reports import charts
from workbook.reports.text import (
    LATENESS_TITLE,
    SOURCE_TITLE,
    TITLES,
    experiment_html,
    files_text,
    ghosting_text,
    group_table_html,
    hidden_text,
    is_pooled,
    lateness_text,
    notes,
    overall_text,
)
from workbook.reports.words import (
    experiment_summary,
    funnel_summary,
    lateness_curve_words,
    rates_summary,
)
from workbook.rules.counting import GROUPINGS

__all__ = [
    "applications_html",
    "experiment_figure_html",
    "figure_html",
    "funnel_figure_html",
    "html_report",
    "lateness_html",
    "rates_figure_html",
]

_CSS: Final = """
body { font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #111; background: #fff; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2 { line-height: 1.2; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #555; padding: 0.3rem 0.6rem; }
th { background: #eee; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.few { font-weight: bold; border: 1px solid #111; padding: 0 0.3rem; margin-left: 0.4rem; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #ccc; }
figcaption { font-size: 0.95rem; margin-top: 0.3rem; }
@media print { body { margin: 0; max-width: none; } }
"""


def figure_html(
    draw: Callable[..., Axes],
    summary: str,
    size: tuple[float, float],
    *,
    css: str = "",
    dpi: int = 100,
) -> str:
    """A chart drawn off-screen (no pyplot), as an image with its summary for alt and caption.

    `draw` is a plot function with everything but its `ax` already given. The report page and
    the notebook views show every chart through this one function; `css` adds a class to the
    figure (and lets the image shrink to the width it is shown in).
    """
    with mpl.rc_context(charts.STYLE):
        figure = Figure(figsize=size, dpi=dpi, layout="constrained")
        draw(ax=figure.add_subplot())
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    text = escape(summary, quote=True)
    css_class = f' class="{escape(css, quote=True)}"' if css else ""
    fit = ' style="max-width:100%"' if css else ""
    return (
        f'<figure{css_class}><img src="data:image/png;base64,{data}" alt="{text}"{fit}>'
        f"<figcaption>{text}</figcaption></figure>"
    )


def funnel_figure_html(report: Mapping[str, Any], *, css: str = "", dpi: int = 100) -> str:
    """The funnel chart with its summary for alt text and caption."""
    draw = partial(charts.plot_funnel, report)
    return figure_html(draw, funnel_summary(report), (8.0, 3.6), css=css, dpi=dpi)


def applications_html(report: Mapping[str, Any], *, css: str = "", dpi: int = 100) -> str:
    """A learner's applications: the funnel, then the answer rate by source as a chart and a
    table ("" for a pooled report, which has neither)."""
    if "funnel" not in report:
        return ""
    parts = ["<h2>Applications, each counted once</h2>", funnel_figure_html(report, css=css,
             dpi=dpi), f"<h2>{escape(SOURCE_TITLE)}</h2>"]  # fmt: skip
    if report["by_source"]:
        parts.append(rates_figure_html(report, "source", css=css, dpi=dpi))
        parts.append(group_table_html("source", report["by_source"]))
    else:
        parts.append("<p>No applications yet.</p>")
    return "\n".join(parts)


def experiment_figure_html(report: Mapping[str, Any], *, css: str = "", dpi: int = 100) -> str:
    """The fair test of channels: its words, with the chart of the differences from email when
    there is one to draw (the words serve as its alt text and caption)."""
    drawn = [c for c in report["experiment"]["comparisons"] if c["difference"] is not None]
    figure = ""
    if drawn:
        draw = partial(charts.plot_experiment, report)
        size = (8.0, 1.8 + 0.7 * len(drawn))
        figure = figure_html(draw, experiment_summary(report), size, css=css, dpi=dpi)
    return experiment_html(report, figure)


def lateness_html(report: Mapping[str, Any], *, css: str = "", dpi: int = 100) -> str:
    """How late employers answered: the sentences, and the step chart described in words
    ("" for a report without lateness figures)."""
    if "lateness" not in report:
        return ""
    lateness = report["lateness"]
    parts = [f"<h2>{escape(LATENESS_TITLE)}</h2>", f"<p>{escape(lateness_text(report))}</p>"]
    if not lateness.get("suppressed") and lateness["curve"]:
        draw = partial(charts.plot_lateness, lateness)
        parts.append(figure_html(draw, lateness_curve_words(lateness), (8.0, 4.0), css=css,
                                 dpi=dpi))  # fmt: skip
    return "\n".join(parts)


def rates_figure_html(
    report: Mapping[str, Any], by: str, *, css: str = "", dpi: int = 100, label: str = ""
) -> str:
    """A grouping's rates chart with its summary (`label` before it, such as a made-up
    sample's); with every group hidden, the summary alone."""
    shown = [g for g in report[f"by_{by}"] if not g.get("suppressed")]
    summary = label + rates_summary(report, by)
    if not shown:
        return f"<p>{escape(summary)}</p>"
    draw = partial(charts.plot_rates, report, by)
    return figure_html(draw, summary, (8.0, 1.8 + 0.6 * len(shown)), css=css, dpi=dpi)


def html_report(
    report: Mapping[str, Any],
    contacts: pd.DataFrame | None = None,
    *,
    title: str = "Follow-up response rates",
    applications: Sequence[str] = (),
) -> str:
    """One self-contained HTML page: the figures, a chart and a table per grouping, the notes.

    With `contacts`, the page adds the time-to-answer curves by channel and the timeline of
    each application named in `applications`.
    """
    window = report["window"]
    as_of = dt.date.fromisoformat(report["as_of"])
    parts = [
        f"<h1>{escape(title)}</h1>",
        f"<p>On {escape(report['as_of'])}; an answer counts within {window} days.</p>",
        *([f"<p>{escape(files_text(report))}</p>"] if is_pooled(report) else []),
        f"<p>{escape(overall_text(report))}</p>",
        f"<p>{escape(ghosting_text(report))}</p>",
    ]
    hidden = hidden_text(report) if is_pooled(report) else ""
    for by in GROUPINGS:
        groups = report[f"by_{by}"]
        parts.append(f"<h2>{escape(TITLES[by])}</h2>")
        if not groups:
            parts.append("<p>No contacts yet.</p>")
            continue
        parts.append(rates_figure_html(report, by))
        parts.append(group_table_html(by, groups, hidden))
    if "funnel" in report:
        parts.append(applications_html(report))
    if "experiment" in report:
        parts.append(experiment_figure_html(report))
    if "lateness" in report:
        parts.append(lateness_html(report))
    if contacts is not None:
        timing = {"window": window, "as_of": as_of}
        parts.append("<h2>How soon answers came</h2>")
        draw = partial(charts.plot_response_curves, contacts, **timing)
        summary = charts.response_curves_summary(contacts, **timing)
        parts.append(figure_html(draw, summary, (9.0, 5.0)))
        if applications:
            parts.append("<h2>Timelines</h2>")
        for application in applications:
            draw = partial(charts.plot_timeline, contacts, application, **timing)
            summary = charts.timeline_summary(contacts, application, **timing)
            rows = int((contacts["application_id"] == application).sum())
            parts.append(figure_html(draw, summary, (9.0, 2.2 + 0.55 * rows)))
    parts.append("<h2>How to read this</h2>")
    parts.append("<ul>" + "".join(f"<li>{escape(n)}</li>" for n in notes(report)) + "</ul>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body>\n</html>\n"
    )
