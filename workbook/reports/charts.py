"""Charts of response rates, times to an answer, one application's contacts, and the funnel of
applications with the time they spent in each stage (matplotlib).

Each `plot_...` function draws on the `ax` it is given (a figure is made only when none is),
never calls `plt.show()`, and returns the ax. Each has a `..._summary` companion: one sentence
that states the figures, for a caption or alt text, so a reader who cannot see the chart misses
nothing. Colours are the Okabe-Ito palette (safe for colour-blind readers), every line and
marker also differs in shape, and text is black on white at a readable size.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, PercentFormatter

from workbook.analysis.frames import (
    SMALL_UNDER,
    WINDOW_DAYS,
    contact_status,
    curve_median,
    km_curve,
)
from workbook.model import Channel, Plan
from workbook.reports.words import (
    FUNNEL_NAMES,
    GROUPING_NAMES,
    STAGE_NAMES,
    decided,
    group_label,
    joined,
    percent,
    sentence_case,
    shown_groups,
    tick_label,
    unit,
    within_days,
)
from workbook.rules.drafts import long_date
from workbook.rules.exports import step_title

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

__all__ = [
    "OKABE_ITO",
    "STYLE",
    "plan_summary",
    "plot_experiment",
    "plot_funnel",
    "plot_lateness",
    "plot_plan",
    "plot_rates",
    "plot_response_curves",
    "plot_stage_times",
    "plot_timeline",
    "response_curves_summary",
    "styled",
    "timeline_summary",
]

OKABE_ITO: Final = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
"""Blue, vermillion, bluish green, reddish purple, orange, sky blue, black (no yellow: too pale
on white)."""
UNKNOWN_GREY: Final = "#767676"
"""For a channel that was not recorded: a neutral grey, still 4.5:1 against white."""
_COLOUR = dict(zip((c.value for c in Channel), (*OKABE_ITO, UNKNOWN_GREY), strict=True))
_MARKER = dict(zip((c.value for c in Channel), "osD^vPXh", strict=True))
_DASHES: Final = ("-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 1)), (0, (8, 2)))

STYLE: Final[dict[RcKeyType, Any]] = {
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": "black",
    "axes.labelcolor": "black",
    "axes.linewidth": 1.2,
    "text.color": "black",
    "xtick.color": "black",
    "ytick.color": "black",
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 12,
    "legend.fontsize": 11,
    "legend.frameon": False,
    "lines.linewidth": 2.5,
    "lines.markersize": 9,
    "date.converter": "concise",
}
"""High-contrast settings every chart uses instead of matplotlib's defaults."""

_KIND_NAMES: Final = {
    "thank-you": "Thank-you",
    "follow-up": "Follow-up",
    "second-follow-up": "Second follow-up",
}
_BY_CHANNEL: Final = {
    "email": "by email",
    "phone": "by phone",
    "letter": "by letter",
    "linkedin": "on LinkedIn",
    "text": "by text message",
    "in-person": "in person",
    "other": "by another channel",
    "unknown": "by a channel not recorded",
}


def _plain(text: str) -> str:
    """Learner text for a matplotlib label: a `$` must not start mathematics."""
    return text.replace("$", r"\$")


@contextmanager
def styled(ax: Axes | None, size: tuple[float, float]) -> Iterator[Axes]:
    """The given ax, or a new figure's, with the high-contrast style in force while drawing."""
    with mpl.rc_context(STYLE):
        if ax is None:
            _, ax = plt.subplots(figsize=size, layout="constrained")
        ax.set_facecolor("white")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(colors="black", labelsize=11)
        yield ax


def plot_experiment(report: Mapping[str, Any], ax: Axes | None = None) -> Axes:
    """The fair test of channels: each channel's difference from email among random
    follow-ups, a dot with its 95% interval as a line, against a dashed line at no difference;
    a comparison with too few follow-ups is drawn hollow. Its words are `experiment_summary`."""
    comparisons = [c for c in report["experiment"]["comparisons"] if c["difference"] is not None]
    with styled(ax, (8, 1.6 + 0.7 * max(len(comparisons), 1))) as ax:
        positions = np.arange(len(comparisons))[::-1]
        for comparison, y in zip(comparisons, positions, strict=True):
            colour = _COLOUR.get(str(comparison["channel"]), OKABE_ITO[0])
            difference = comparison["difference"]
            few = comparison["verdict"] == "too-few"
            ax.errorbar(
                difference,
                y,
                xerr=[[difference - comparison["ci_low"]], [comparison["ci_high"] - difference]],
                fmt=_MARKER.get(str(comparison["channel"]), "o"),
                color=colour,
                markerfacecolor="white" if few else colour,
                elinewidth=2,
                capsize=6,
            )
        names = [
            f"{tick_label('channel', c['channel'])} − email" + (" (few)" if c["verdict"] ==
            "too-few" else "")
            for c in comparisons
        ]  # fmt: skip
        ax.set_yticks(positions, [_plain(name) for name in names])
        ax.axvline(0, color="black", linestyle="--", linewidth=1.2)
        ax.set_xlim(-1, 1)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        ax.grid(axis="x", color="#999999", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.set_xlabel("Difference in answer rate (line: 95% interval; dashed: no difference)")
        ax.set_title("Channels chosen at random, compared with email")
        if not comparisons:
            ax.text(0, 0, "no comparison yet", ha="center", va="center")
    return ax


def plot_rates(report: Mapping[str, Any], by: str = "channel", ax: Axes | None = None) -> Axes:
    """Horizontal bars of each group's answer rate with its 95% interval; small groups hatched."""
    groups = shown_groups(report, by)
    with styled(ax, (8, 1.5 + 0.6 * max(len(groups), 1))) as ax:
        positions = np.arange(len(groups))[::-1]
        rates = [g["rate"] or 0.0 for g in groups]
        colours = [
            _COLOUR.get(str(g[by]), OKABE_ITO[0]) if by == "channel" else OKABE_ITO[0]
            for g in groups
        ]
        bars = ax.barh(positions, rates, color=colours, edgecolor=colours, linewidth=1.5)
        for bar, group, y in zip(bars, groups, positions, strict=True):
            if group["small"]:
                bar.set_hatch("///")
                bar.set_facecolor("white")
            if group["rate"] is None:
                ax.text(0.01, y, f"no decided {unit(groups)} yet", va="center")
                continue
            rate, low, high = group["rate"], group["ci_low"], group["ci_high"]
            ax.errorbar(
                rate,
                y,
                xerr=[[rate - low], [high - rate]],
                fmt="none",
                ecolor="black",
                elinewidth=1.5,
                capsize=5,
            )
            ax.text(1.03, y, f"{percent(rate)} of {decided(group)}", va="center")
        names = [tick_label(by, g[by]) + (" (few)" if g["small"] else "") for g in groups]
        ax.set_yticks(positions, [_plain(name) for name in names])
        ax.set_xlim(0, 1.25)
        ax.set_xticks(np.linspace(0, 1, 6))
        ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        ax.grid(axis="x", color="#999999", linewidth=0.8)
        ax.set_axisbelow(True)
        window = report.get("window", WINDOW_DAYS)
        answered = "Any answer" if by == "source" else f"Answered within {window} days"
        ax.set_xlabel(f"{answered} (line: 95% interval; right: rate of decided)")
        ax.set_title(f"Answer rate by {GROUPING_NAMES.get(by, by)}")
        if any(g["small"] for g in groups):
            few = Patch(
                facecolor="white",
                edgecolor="black",
                hatch="///",
                label=f"(few): fewer than {SMALL_UNDER} decided {unit(groups)}, read with care",
            )
            ax.legend(handles=[few], loc="upper center", bbox_to_anchor=(0.5, -0.16))
    return ax


def plot_funnel(report: Mapping[str, Any], ax: Axes | None = None) -> Axes:
    """Horizontal bars, widest first: how many applications reached each step of the funnel,
    each with its count and its share of all applications."""
    steps = list(report["funnel"])
    with styled(ax, (8, 3.6)) as ax:
        positions = np.arange(len(steps))[::-1]
        counts = [step["applications"] for step in steps]
        ax.barh(positions, counts, color=OKABE_ITO[0], edgecolor=OKABE_ITO[0])
        widest = max(max(counts, default=0), 1)
        for step, y in zip(steps, positions, strict=True):
            share = "" if step["share"] is None else f" ({percent(step['share'])})"
            ax.text(step["applications"] + widest * 0.02, y, f"{step['applications']}{share}",
                    va="center")  # fmt: skip
        ax.set_yticks(positions, [FUNNEL_NAMES[step["step"]] for step in steps])
        ax.set_xlim(0, widest * 1.3)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("Applications (each counted once)")
        ax.set_title("From application to offer")
    return ax


def plot_lateness(lateness: Mapping[str, Any], ax: Axes | None = None) -> Axes:
    """A Kaplan-Meier step chart of the report's `lateness`: the share of rounds still waiting
    for an answer by business days past the date the employer gave (rounds still waiting count
    as waiting), the median marked where it is reached."""
    curve = list(lateness["curve"])
    with styled(ax, (8, 4)) as ax:
        days = [0, *(point["business_days"] for point in curve)]
        waiting = [1.0, *(point["waiting"] for point in curve)]
        last = max(days[-1] + 2, 5)
        ax.step([*days, last], [*waiting, waiting[-1]], where="post", color=OKABE_ITO[0],
                linewidth=2, marker="o", markevery=list(range(1, len(days))))  # fmt: skip
        ax.axhline(0.5, color="#555555", linewidth=1, linestyle=":")
        median = lateness["median_business_days"]
        if median is not None:
            ax.axvline(median, color=OKABE_ITO[1], linewidth=1.5, linestyle="--")
            ax.text(median + 0.1, 0.95, f"median: {median}", color="black", va="top",
                    transform=ax.get_xaxis_transform())  # fmt: skip
        if not curve:
            ax.text(0.5, 0.5, "no answer after a promised date yet", ha="center",
                    transform=ax.transAxes)  # fmt: skip
        ax.set_xlim(0, last)
        ax.set_ylim(0, 1.02)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.grid(color="#bbbbbb", linewidth=0.8)
        ax.set_xlabel("Business days after the date the employer gave")
        ax.set_ylabel("Share still waiting")
        ax.set_title("How late answers came")
    return ax


def plot_stage_times(times: Sequence[Mapping[str, Any]], ax: Axes | None = None) -> Axes:
    """Horizontal bars of the median days spent in each stage (`analysis.stage_times`), each
    labelled with its stays; a stage where fewer than half moved on is drawn as a note."""
    with styled(ax, (8, 1.5 + 0.6 * max(len(times), 1))) as ax:
        positions = np.arange(len(times))[::-1]
        medians = [t["median_days"] or 0 for t in times]
        ax.barh(positions, medians, color=OKABE_ITO[2], edgecolor=OKABE_ITO[2])
        longest = max(max(medians, default=0), 1)
        for stay, y, median in zip(times, positions, medians, strict=True):
            days = stay["median_days"]
            label = "fewer than half moved on" if days is None else f"{days} days"
            ax.text(median + longest * 0.02, y, f"{label} ({stay['stays']} stays)", va="center")
        names = [STAGE_NAMES.get(stay["stage"], str(stay["stage"])) for stay in times]
        ax.set_yticks(positions, names)
        ax.set_xlim(0, longest * 1.6)
        ax.set_xlabel("Median days in the stage (stays still open count as still open)")
        ax.set_title("Time spent in each stage")
    return ax


def _curves(
    contacts: pd.DataFrame, by: str, window: int, as_of: dt.date | None
) -> list[tuple[Any, np.ndarray, np.ndarray, int]]:
    """Per group: its key, the Kaplan-Meier steps, and how many contacts it holds."""
    status = contact_status(contacts, window=window, as_of=as_of)
    curves = []
    for key, group in status.groupby(by, observed=True, sort=True):
        times, waiting = km_curve(group["wait"].to_numpy(), group["responded"].to_numpy())
        if times.size:
            curves.append((key, times, waiting, len(group)))
    return curves


def _median(times: np.ndarray, waiting: np.ndarray) -> int | None:
    median = curve_median(times, waiting)
    return None if median is None else round(median)


def plot_response_curves(
    contacts: pd.DataFrame,
    *,
    by: str = "channel",
    window: int = WINDOW_DAYS,
    as_of: dt.date | None = None,
    days: int = 30,
    ax: Axes | None = None,
) -> Axes:
    """Kaplan-Meier curves: the share of contacts answered by each day after them, per group.

    Contacts still waiting are censored, not counted as unanswered; the x axis shows `days`.
    """
    with styled(ax, (8, 5)) as ax:
        for index, (key, times, waiting, _) in enumerate(_curves(contacts, by, window, as_of)):
            median = _median(times, waiting)
            name = tick_label(by, key)
            half = "half not reached" if median is None else f"half {within_days(median)}"
            colour = _COLOUR.get(str(key), OKABE_ITO[index % len(OKABE_ITO)])
            dashes = _DASHES[index % len(_DASHES)]
            ax.step(
                np.r_[0.0, times],
                np.r_[0.0, 1.0 - waiting],
                where="post",
                color=colour,
                linestyle=dashes,
                label=_plain(f"{name} ({half})"),
            )
        ax.axhline(0.5, color="#555555", linewidth=1, linestyle=":")
        ax.axvline(window, color="#555555", linewidth=1, linestyle=":")
        ax.text(
            window + 0.3,
            0.98,
            f"{window}-day window",
            rotation=90,
            va="top",
            transform=ax.get_xaxis_transform(),
        )
        ax.set_xlim(0, days)
        ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.grid(color="#bbbbbb", linewidth=0.8)
        ax.set_xlabel("Days after the contact")
        ax.set_ylabel("Share answered")
        ax.set_title(f"How soon answers came, by {GROUPING_NAMES.get(by, by)}")
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def response_curves_summary(
    contacts: pd.DataFrame,
    *,
    by: str = "channel",
    window: int = WINDOW_DAYS,
    as_of: dt.date | None = None,
) -> str:
    """One sentence: in how many days half of each group's contacts had an answer."""
    curves = _curves(contacts, by, window, as_of)
    if not curves:
        return "There are no contacts to time yet."
    reached, never = [], []
    for key, times, waiting, count in curves:
        median = _median(times, waiting)
        name = f"{group_label(by, key)} ({count} contact{'' if count == 1 else 's'})"
        if median is None:
            never.append(name)
        else:
            reached.append(f"{within_days(median)} for {name}")
    clauses = []
    if reached:
        clauses.append(f"Half of the contacts had an answer {', '.join(reached)}")
    if never:
        clauses.append(f"for {joined(never)} fewer than half ever did")
    sentence = sentence_case("; ".join(clauses))
    return f"{sentence} (contacts still waiting count as waiting, not as unanswered)."


@dataclass(frozen=True)
class _Sent:
    """One contact of a timeline, with what became of it."""

    kind: str
    channel: str
    day: dt.date
    answer_day: dt.date | None
    response: str
    answered: bool
    pending: bool

    @property
    def name(self) -> str:
        """`Thank-you by email`, `Follow-up on LinkedIn`."""
        kind = _KIND_NAMES.get(self.kind, "Contact")
        return f"{kind} {_BY_CHANNEL.get(self.channel, self.channel)}"


@dataclass(frozen=True)
class _Timeline:
    heading: str
    interviews: list[dt.date]
    contacts: list[_Sent]


def _date(value: Any) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _timeline(
    contacts: pd.DataFrame, application_id: str, window: int, as_of: dt.date | None
) -> _Timeline:
    rows = contacts[contacts["application_id"] == application_id]
    if rows.empty:
        raise ValueError(f"no application {application_id!r} in the contacts")
    status = contact_status(rows, window=window, as_of=as_of)
    sent = [
        _Sent(
            kind=str(row["kind"]),
            channel=str(row["channel"]),
            day=_date(row["contact_date"]) or dt.date.min,
            answer_day=_date(row["response_date"]) if status.at[index, "responded"] else None,
            response=str(row["response"]),
            answered=bool(status.at[index, "answered"]),
            pending=bool(status.at[index, "pending"]),
        )
        for index, row in rows.loc[status.index].iterrows()
    ]
    first = rows.iloc[0]
    return _Timeline(
        heading=", ".join(str(part) for part in (first["company"], first["role"]) if part),
        interviews=sorted({d for d in map(_date, rows["interview_date"]) if d is not None}),
        contacts=sorted(sent, key=lambda c: (c.day, c.kind, c.channel)),
    )


_date_number: Callable[[dt.date], float] = mdates.date2num
"""Where a day sits on a date axis (matplotlib's own conversion, typed)."""


def _note(ax: Axes, text: str, day: dt.date, y: float) -> None:
    ax.annotate(
        text, (_date_number(day), y), xytext=(9, 0), textcoords="offset points", va="center"
    )


def plot_timeline(
    contacts: pd.DataFrame,
    application_id: str,
    *,
    window: int = WINDOW_DAYS,
    as_of: dt.date | None = None,
    ax: Axes | None = None,
) -> Axes:
    """One application's interviews (dotted lines) and contacts, each joined to its answer.

    A filled circle is an answer within the window, an open one a late answer; a dashed line
    runs to today for a contact still pending.
    """
    timeline = _timeline(contacts, application_id, window, as_of)
    today = as_of or dt.date.today()
    sent = timeline.contacts
    with styled(ax, (9, 1.8 + 0.55 * max(len(sent), 1))) as ax:
        positions = np.arange(len(sent))[::-1]
        for y, contact in zip(positions, sent, strict=True):
            colour = _COLOUR.get(contact.channel, "black")
            marker = _MARKER.get(contact.channel, "o")
            sent_at = _date_number(contact.day)
            ax.plot(
                [sent_at],
                [y],
                marker=marker,
                color=colour,
                linestyle="none",
                markersize=11,
                zorder=3,
            )
            if contact.answer_day is not None:
                ax.plot(
                    [sent_at, _date_number(contact.answer_day)],
                    [y, y],
                    color="black",
                    marker="o",
                    markevery=[1],
                    markersize=7,
                    markeredgecolor="black",
                    markerfacecolor="black" if contact.answered else "white",
                )
                _note(ax, contact.response or "answer", contact.answer_day, y)
            elif contact.pending:
                ax.plot([sent_at, _date_number(today)], [y, y], color=colour, linestyle="--")
                _note(ax, "waiting", today, y)
            else:
                _note(ax, "no answer", contact.day, y)
        for day in timeline.interviews:
            ax.axvline(_date_number(day), color="#555555", linestyle=":", linewidth=1.5)
            ax.annotate(
                "interview",
                (_date_number(day), 1.0),
                va="bottom",
                ha="center",
                xycoords=("data", "axes fraction"),
                fontsize=10,
            )
        if not sent:
            ax.text(0.5, 0.5, "No contacts yet", transform=ax.transAxes, ha="center")
        ax.set_yticks(positions, [contact.name for contact in sent])
        ax.set_ylim(-0.8, max(len(sent), 1) - 0.2)
        ax.xaxis_date()
        ax.margins(x=0.12)
        ax.set_title(_plain(timeline.heading), pad=20)
    return ax


def timeline_summary(
    contacts: pd.DataFrame,
    application_id: str,
    *,
    window: int = WINDOW_DAYS,
    as_of: dt.date | None = None,
) -> str:
    """One sentence listing the application's interviews and each contact with its answer."""
    timeline = _timeline(contacts, application_id, window, as_of)
    days = [day.isoformat() for day in timeline.interviews]
    parts = []
    if days:
        parts.append(f"interview{'s' if len(days) > 1 else ''} on {joined(days)}")
    if not timeline.contacts:
        parts.append("no contacts yet")
    for contact in timeline.contacts:
        sent = f"{contact.name[:1].lower()}{contact.name[1:]} on {contact.day.isoformat()}"
        if contact.answer_day is not None:
            late = "" if contact.answered else f", after the {window}-day window"
            tone = f" ({contact.response})" if contact.response else ""
            parts.append(f"{sent}, answered on {contact.answer_day.isoformat()}{tone}{late}")
        elif contact.pending:
            until = (contact.day + dt.timedelta(days=window)).isoformat()
            parts.append(f"{sent}, no answer yet (pending until {until})")
        else:
            parts.append(f"{sent}, no answer")
    return f"{timeline.heading}: {'; '.join(parts)}."


# -- a follow-up plan ------------------------------------------------------------------------


def plot_plan(plan: Plan, ax: Axes | None = None) -> Axes:
    """The plan's steps on a calendar line: the interview, each contact by channel, the stop.

    Follow-ups that happen only if no answer has come are drawn open, the thank-yous filled.
    """
    interview_day = plan.interview.date
    with styled(ax, (9, 1.6 + 0.5 * max(len(plan.steps), 1))) as ax:
        positions = np.arange(len(plan.steps))[::-1]
        for y, step in zip(positions, plan.steps, strict=True):
            colour = _COLOUR.get(step.channel.value, "black")
            ax.plot(
                [_date_number(step.date)], [y], linestyle="none", markersize=12,
                marker=_MARKER.get(step.channel.value, "o"), color=colour,
                markerfacecolor="white" if step.conditional else colour, markeredgewidth=2,
            )  # fmt: skip
            _note(ax, step.channel.value, step.date, y)
        ax.axvline(_date_number(interview_day), color="#555555", linestyle=":", linewidth=1.5)
        ax.annotate(
            "interview", (_date_number(interview_day), 1.0), va="bottom", ha="center",
            xycoords=("data", "axes fraction"), fontsize=10,
        )  # fmt: skip
        labels = [step_title(step) for step in plan.steps]
        ax.set_yticks(positions, labels)
        ax.set_ylim(-0.8, max(len(plan.steps), 1) - 0.2)
        ax.xaxis_date()
        ax.margins(x=0.15)
        heading = f"Your plan: {plan.interview.role} at {plan.interview.company}"
        ax.set_title(textwrap.fill(_plain(heading), 60), pad=20)
    return ax


def plan_summary(plan: Plan) -> str:
    """One sentence that says what `plot_plan` shows, step by step, with dates."""
    if not plan.steps:
        return "The plan has no steps left."
    steps = [
        f"{step_title(s)[0].lower()}{step_title(s)[1:]} on {long_date(s.date)}" for s in plan.steps
    ]
    conditional = sum(step.conditional for step in plan.steps)
    plural = "s" if conditional > 1 else ""
    tail = (
        f"; the {conditional} follow-up{plural} only if no answer has come by then"
        if conditional
        else ""
    )
    day = long_date(plan.interview.date)
    return sentence_case(f"after the interview on {day}: {joined(steps)}{tail}.")
