"""Response rates, counted by the rules below, from a DataFrame of canonical contacts.

- A contact is a row with a `contact_date`; other rows record an application or a round that has
  no contact yet and are not counted.
- Answered: a response known on `as_of` (dated on or before it) and at most `window` days after
  the contact. An answer dated after `as_of` is not known yet.
- Pending: not answered and at most `window` days old on `as_of`. Pending contacts are left out
  of the denominator: rate = answered / (contacts - pending), with a Wilson 95% interval; a group
  with fewer than 10 decided contacts is `small`. `positive` counts answered contacts whose
  response was positive, so "they replied" and "they replied yes" stay apart.
- Time to response is a Kaplan-Meier curve: every known answer is an event at its delay (a late
  answer too, since the curve shows the whole wait), and a contact with no known answer is
  censored at its age on `as_of`, not counted as a zero. A contact dated after `as_of` has no
  time observed yet and stays out of the curve; an answer dated before its contact (a slip
  of the pen) counts as a same-day answer. The median is the first day on which at most
  half of the contacts are still waiting; null when the curve never gets there.
- Days to follow-up are calendar days from the interview to the contact, in bins 0-2, 3-6, 7-13
  and 14+. A contact without an interview date, or dated before it, is left out of that grouping
  only.
- Ghosted: an application with at least one decided contact and no known answer to any of its
  contacts (a late answer is still an answer).

Applications are counted once each, however many rows of the table they have
(`application_status`), as they stood on `as_of`: one applied for later is left out, and an
answer, a round or a stage dated later is not known yet, nor is the outcome (undated) of an
application whose history goes on after `as_of`.
- The funnel counts the applications that reached each step or went beyond it: applied (all),
  any answer (an answer_date, a round, a response to a contact, a history past `applied` other
  than withdrawn or no answer, or a rejection or an offer), interview (a round, or a history
  or an outcome that reached an interview or an offer), offer. Each step holds the next.
- The answer rate by source counts applications as the rates count contacts: an application
  still open without an answer, applied for at most `window` days before `as_of`, is pending
  and left out;
  rate = answered / (applications - pending), with the Wilson interval; an application with no
  recorded source is in the group `unknown`.
- Time in each stage comes from the dated entries of stage histories: a stay in a stage runs
  from its entry's date to the next entry's; one still open on `as_of` (the last entry, of an
  application still pending) is censored there, and the median is a Kaplan-Meier one as for
  answers. A stay whose end is not dated is left out, and the stages that end an application
  have no stay.

- The experiment compares channels only among the contacts whose channel the workbook chose at
  random (a `random_seed`): per channel, the rate counted as above; then each other channel
  against email, the difference of the rates with Newcombe's 95% interval, and a verdict:
  `too-few` while either channel has fewer than 10 decided random contacts, else `differs`
  when the interval leaves out 0, else `chance`. Only a random choice makes the comparison
  fair: a learner who chooses calls when an interview went well and writes when in doubt, so
  the chosen channels' rates carry the learner's hunch. `sample_sizes` says how many random
  contacts per channel would detect a difference of 10, 20 or 30 points (two-sided 5%, power
  80%) at the random contacts' own rate once at least 10 are decided, else at 30%.

How late employers are (`round_lateness`, the report's `lateness`) is counted per interview
round of `Tracker.rounds()`, by the rules of `workbook.analysis.estimates`: a round counts from its
interview day (on or before `as_of`) when it has a promised date; an answer dated after `as_of`
is not known yet. Business days are numpy's (`busday_count`, weekends and the given holidays
off), the curve is `km_curve`: a computation of its own, which the tests hold equal to the
SQLite report's.

`report` returns the JSON shape of `data/report.schema.json`. Each group's figures come from a
tuple of `Measure`s, so a cohort can add per-group fields (participants) without rewriting
the grouping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from workbook.analysis.estimates import lateness_of, newcombe_interval, sample_size, wilson_interval
from workbook.model import Channel, Kind, Outcome, Response, Source, Stage, StageEntry
from workbook.rules.counting import BIN_STARTS, DAY_BINS, GROUPINGS, SMALL_UNDER, WINDOW_DAYS
from workbook.rules.stages import ENDS, parse_history

__all__ = [
    "APPLICATION_COLUMNS",
    "DAY_BINS",
    "DEFAULT_BASE_RATE",
    "DIFFERENCES",
    "FUNNEL_STEPS",
    "GROUPINGS",
    "MEASURES",
    "NEEDED_COLUMNS",
    "OUTCOME_REACHES",
    "SMALL_UNDER",
    "STAGE_REACHES",
    "UNKNOWN_SOURCE",
    "WINDOW_DAYS",
    "Group",
    "Measure",
    "application_status",
    "applications_report",
    "by_source",
    "by_source_of",
    "contact_status",
    "curve_median",
    "experiment",
    "experiment_of",
    "figures",
    "funnel",
    "funnel_of",
    "ghosting",
    "group_keys",
    "grouped",
    "km_curve",
    "median_days",
    "rate_of",
    "report",
    "report_of",
    "round_lateness",
    "stage_times",
    "timing",
    "wilson_interval",
]


_DATES = ("interview_date", "contact_date", "response_date")
_FLAGS = ("people_facing", "new_info")
_TEXTS = ("application_id", "company", "role", "channel", "kind", "response")
_REQUIRED: Final = (*_DATES, *_FLAGS, *_TEXTS)
NEEDED_COLUMNS: Final = (*_REQUIRED, "random_seed")
"""The canonical columns a report reads; a tracker can fetch just these (`contact_rows`).
Without `random_seed`, no contact counts as chosen at random."""

APPLICATION_COLUMNS: Final = (
    "application_id", "company", "role", "interview_date", "response_date", "outcome",
    "applied_date", "source", "answer_date", "stage_history",
)  # fmt: skip
"""The canonical columns the funnel and the rates by source read (`Tracker.application_rows`
gives them, a row per application)."""
FUNNEL_STEPS: Final = ("applied", "answered", "interview", "offer")
"""The funnel's steps, each holding the next: every application, those with any answer from
the employer, those that reached an interview, those that brought an offer."""
UNKNOWN_SOURCE: Final = "unknown"
"""The source group of applications whose source was not recorded."""
_SOURCES: Final = (*(s.value for s in Source), UNKNOWN_SOURCE)
STAGE_REACHES: Final = {Stage.SCREEN: 1, Stage.REJECTED: 1, Stage.INTERVIEW: 2, Stage.OFFER: 3}
"""How far a stage of a history shows an application went, in FUNNEL_STEPS' places."""
OUTCOME_REACHES: Final = {Outcome.REJECTED.value: 1, Outcome.OFFER.value: 3}
"""How far an application's outcome shows it went, in FUNNEL_STEPS' places."""
_APPLICATION_FACTS: Final[dict[str, Any]] = {
    "outcome": Outcome.PENDING.value,
    "applied_date": pd.NaT,
    "source": "",
    "answer_date": pd.NaT,
    "stage_history": "",
}
"""The application's columns a table of contacts alone may lack, and what they are then."""

DIFFERENCES: Final = (0.1, 0.2, 0.3)
"""The differences between two channels' rates the experiment's table of sample sizes lists."""
DEFAULT_BASE_RATE: Final = 0.3
"""The answer rate the sample sizes assume until enough random contacts are decided: an
assumption stated with the table, not a finding."""

Objects = npt.NDArray[np.object_]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

Group = dict[str, Any]
"""One object of a `by_...` list, or the overall figures: JSON-ready values only."""
Measure = Callable[[pd.DataFrame], Group]
"""Computes some fields of a group from its rows of `contact_status`."""


def km_curve(
    days: npt.ArrayLike, answered: npt.ArrayLike
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Kaplan-Meier: the days on which the curve can step, and the share still waiting after each.

    `days` is the delay of an answer where `answered`, else the days watched without one
    (censored); a NaN day (nothing observed yet) is left out.
    """
    waits = np.asarray(days, dtype=float)
    events = np.asarray(answered, dtype=bool)
    seen = ~np.isnan(waits)
    waits, events = waits[seen], events[seen]
    if waits.size == 0:
        return np.empty(0), np.empty(0)
    times, at = _distinct(waits)
    answers = np.bincount(at[events], minlength=times.size)  # on each day
    at_risk = np.cumsum(np.bincount(at, minlength=times.size)[::-1])[::-1]  # still watched
    return times, np.cumprod((at_risk - answers) / at_risk, dtype=np.float64)


def _distinct(waits: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], npt.NDArray[Any]]:
    """The distinct values, in order, and each value's index among them. Whole days, the
    usual case, are counted rather than sorted, so a million contacts take milliseconds."""
    whole = waits.astype(np.int64)
    if waits.min() >= 0 and waits.max() <= _MANY_DAYS and np.array_equal(whole, waits):
        present = np.bincount(whole) > 0
        return np.flatnonzero(present).astype(float), (np.cumsum(present) - 1)[whole]
    return np.unique(waits, return_inverse=True)


_MANY_DAYS = 1_000_000


def curve_median(times: npt.NDArray[np.float64], waiting: npt.NDArray[np.float64]) -> float | None:
    """The first time on a `km_curve` at which at most half are still waiting, or None."""
    reached = np.flatnonzero(waiting <= 0.5 + 1e-9)
    return float(times[reached[0]]) if reached.size else None


def median_days(days: npt.ArrayLike, answered: npt.ArrayLike) -> float | None:
    """The first day on which at most half are still waiting (Kaplan-Meier), or None if never."""
    return curve_median(*km_curve(days, answered))


def _day_numbers(frame: pd.DataFrame, column: str) -> npt.NDArray[np.datetime64]:
    series = frame[column]
    if not pd.api.types.is_datetime64_dtype(series.dtype):
        raise TypeError(f"column {column!r} must hold datetime64 values (NaT when empty)")
    return series.to_numpy().astype("datetime64[D]")


def _categories(values: pd.Series, column: str, allowed: Sequence[str]) -> pd.Categorical[str]:
    """The column as an ordered categorical; a value outside `allowed` is an error, not a guess."""
    codes = pd.Index(allowed).get_indexer(pd.Index(values))
    if (codes < 0).any():
        unknown = sorted(set(values[codes < 0].astype(str)))
        raise ValueError(f"contacts with an unknown {column}: {', '.join(map(repr, unknown))}")
    return pd.Categorical.from_codes(codes, categories=pd.Index(allowed), ordered=True)


def _applications(rows: pd.DataFrame) -> npt.NDArray[np.intp]:
    """A number per application: its id, or its company and role where the id is empty. (Ids
    given as a categorical, as a group's pooled contacts are, are numbered by their codes.)"""
    ids = rows["application_id"]
    missing = ids == ""
    if missing.any():
        derived = "company:" + rows["company"].astype(str) + "\x1f" + rows["role"].astype(str)
        ids = ids.astype(str).where(~missing, derived)
    return pd.factorize(ids, use_na_sentinel=False)[0]


def contact_status(
    contacts: pd.DataFrame, *, window: int = WINDOW_DAYS, as_of: dt.date | None = None
) -> pd.DataFrame:
    """One row per contact with what the analysis counts, ready to group.

    Columns: `application` (a number per application), the five grouping keys (`channel` and
    `kind` as ordered categoricals, `days_to_follow_up` one of `DAY_BINS` or NaN), `answered`,
    `positive`, `pending` and `responded` (an answer is known, however late), `wait`: days
    to the known answer, else days watched without one, NaN for a contact dated after `as_of`,
    and `random`: the workbook chose the contact's channel at random.
    """
    missing = [c for c in _REQUIRED if c not in contacts.columns]
    if missing:
        raise ValueError(f"not a canonical contact table; missing columns: {', '.join(missing)}")
    for flag in _FLAGS:
        if not pd.api.types.is_bool_dtype(contacts[flag].dtype):
            raise TypeError(f"column {flag!r} must hold booleans")
    today = np.datetime64(as_of or dt.date.today(), "D")
    is_contact = contacts["contact_date"].notna().to_numpy()
    rows = contacts[is_contact]

    sent = _day_numbers(rows, "contact_date")
    interview = _day_numbers(rows, "interview_date")
    replied = _day_numbers(rows, "response_date")
    known = ~np.isnat(replied) & (replied <= today)
    delay = np.where(known, (replied - sent).astype(np.int64), 0)
    age = (today - sent).astype(np.int64)
    answered = known & (delay <= window)
    pending = ~answered & (age <= window)
    wait = np.where(known, np.maximum(delay, 0), age).astype(float)
    wait[age < 0] = np.nan

    after = np.where(np.isnat(interview), -1, (sent - interview).astype(np.int64))
    bins = np.where(after < 0, -1, np.searchsorted(BIN_STARTS, after, side="right"))
    positive = answered & (rows["response"].to_numpy() == Response.POSITIVE.value)
    return pd.DataFrame(
        {
            "application": _applications(rows),
            "channel": _categories(rows["channel"], "channel", [c.value for c in Channel]),
            "kind": _categories(rows["kind"], "kind", [k.value for k in Kind]),
            "people_facing": rows["people_facing"].to_numpy(dtype=bool),
            "new_info": rows["new_info"].to_numpy(dtype=bool),
            "days_to_follow_up": pd.Categorical.from_codes(bins, pd.Index(DAY_BINS), ordered=True),
            "answered": answered,
            "positive": positive,
            "pending": pending,
            "responded": known,
            "wait": wait,
            "random": _drawn(rows),
        },
        index=rows.index,
    )


def _drawn(rows: pd.DataFrame) -> npt.NDArray[np.bool_]:
    """Which contacts had their channel chosen at random: a `random_seed` (canonical), or a
    `random_channel` flag (a shared file's); without either column, none."""
    if "random_channel" in rows.columns:
        return rows["random_channel"].to_numpy(dtype=bool)
    if "random_seed" in rows.columns:
        return (rows["random_seed"].fillna("").astype(str) != "").to_numpy()
    return np.zeros(len(rows), dtype=bool)


def rate_of(answered: int, decided: int) -> Group:
    """The rate with its Wilson interval (null without a denominator), and `small`."""
    low, high = wilson_interval(answered, decided) if decided else (None, None)
    return {
        "rate": answered / decided if decided else None,
        "ci_low": low,
        "ci_high": high,
        "small": decided < SMALL_UNDER,
    }


def figures(group: pd.DataFrame) -> Group:
    """Counts, the rate with its Wilson interval (null without a denominator), and `small`."""
    contacts = len(group)
    answered = int(group["answered"].sum())
    pending = int(group["pending"].sum())
    return {
        "contacts": contacts,
        "answered": answered,
        "positive": int(group["positive"].sum()),
        "pending": pending,
        **rate_of(answered, contacts - pending),
    }


def timing(group: pd.DataFrame) -> Group:
    """The Kaplan-Meier median of days to an answer, in whole days (null if never reached)."""
    median = median_days(group["wait"].to_numpy(), group["responded"].to_numpy())
    return {"median_days": None if median is None else round(median)}


MEASURES: Final[tuple[Measure, ...]] = (figures, timing)
"""The fields of every group of a report, in order."""


def _measure(group: pd.DataFrame, measures: Sequence[Measure]) -> Group:
    fields: Group = {}
    for measure in measures:
        fields.update(measure(group))
    return fields


def _json_key(key: object) -> str | bool:
    return bool(key) if isinstance(key, bool | np.bool_) else str(key)


def grouped(status: pd.DataFrame, by: str, measures: Sequence[Measure] = MEASURES) -> list[Group]:
    """The groups of `contact_status` by one key, in a stable order, each `{by: key, **fields}`.

    Only groups with at least one contact are listed: channels and kinds in the order of their
    enums, false before true, the day bins in order.
    """
    return [
        {by: _json_key(key), **_measure(group, measures)}
        for key, group in status.groupby(by, observed=True, sort=True)
    ]


def group_keys(status: pd.DataFrame, by: str) -> list[str | bool]:
    """The keys of `grouped(status, by)`, in its order, without counting anything."""
    return [_json_key(key) for key in status.groupby(by, observed=True, sort=True).size().index]


def ghosting(status: pd.DataFrame) -> Group:
    """How many applications with a decided contact never had an answer to any contact."""
    per_application = (
        status.assign(decided=~status["pending"])
        .groupby("application", sort=False)[["decided", "responded"]]
        .any()
    )
    decided = per_application["decided"]
    ghosted = int((decided & ~per_application["responded"]).sum())
    with_decided = int(decided.sum())
    return {
        "applications": len(per_application),
        "decided": with_decided,
        "ghosted": ghosted,
        "share": ghosted / with_decided if with_decided else None,
    }


def report(
    contacts: pd.DataFrame,
    *,
    window: int = WINDOW_DAYS,
    as_of: dt.date | None = None,
    applications: pd.DataFrame | None = None,
    rounds: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """The response-rate report, as JSON-ready data (see data/report.schema.json),
    with the funnel and the answer rate by source of `applications` (a canonical table with
    at least a row per application; default: `contacts`, when it is a whole canonical table)
    and how late employers answered the `rounds` (as `Tracker.rounds()` gives them; none when
    not given)."""
    as_of = as_of or dt.date.today()
    status = contact_status(contacts, window=window, as_of=as_of)
    counted = report_of(status, window, as_of)
    table = contacts if applications is None else applications
    return {
        **counted,
        **applications_report(table, window=window, as_of=as_of),
        "experiment": experiment(status),
        "lateness": round_lateness(rounds, as_of=as_of),
    }


def round_lateness(
    rounds: pd.DataFrame | None, *, as_of: dt.date, holidays: Sequence[dt.date] = ()
) -> dict[str, Any]:
    """The report's `lateness` of rounds with `interview_date`, `promised_date` and
    `answer_date` (datetime64, NaT when empty), counted with numpy's business days."""
    if rounds is None:
        rounds = pd.DataFrame(
            {name: pd.Series(dtype="datetime64[ns]")
             for name in ("interview_date", "promised_date", "answer_date")}
        )  # fmt: skip
    today = np.datetime64(as_of, "D")
    interview = _day_numbers(rounds, "interview_date")
    promised = _day_numbers(rounds, "promised_date")
    answer = _day_numbers(rounds, "answer_date")
    counted = ~np.isnat(promised) & (interview <= today)
    promised, answer = promised[counted], answer[counted]
    answered = ~np.isnat(answer) & (answer <= today)
    waiting = ~answered & (promised < today)
    observed = answered | waiting
    end = np.where(answered, answer, today)[observed]
    start = promised[observed]
    one = np.timedelta64(1, "D")
    late = np.where(
        end > start,
        np.busday_count(start + one, np.maximum(end, start) + one, holidays=list(holidays)),
        0,
    )
    events = answered[observed]
    times, still = km_curve(late, events)
    event_days = set(late[events].tolist())
    steps = [(float(t), float(w)) for t, w in zip(times, still, strict=True) if t in event_days]
    return lateness_of(
        rounds=int(counted.sum()),
        answered=int(answered.sum()),
        by_promised_day=int((answered & (answer <= promised)).sum()),
        waiting=int(waiting.sum()),
        not_due=int((~answered & ~waiting).sum()),
        steps=steps,
    )


def applications_report(
    table: pd.DataFrame, *, window: int = WINDOW_DAYS, as_of: dt.date | None = None
) -> dict[str, Any]:
    """The report's part on applications: `funnel` and `by_source` of a canonical table."""
    apps = application_status(table, window=window, as_of=as_of)
    return {"funnel": funnel(apps), "by_source": by_source(apps)}


def application_status(
    table: pd.DataFrame, *, window: int = WINDOW_DAYS, as_of: dt.date | None = None
) -> pd.DataFrame:
    """One row per application of a canonical table, however many rows it has there, as it
    stood on `as_of`: `source` (an ordered categorical, `unknown` where not recorded),
    `outcome` (pending while its history goes on after `as_of`), `reached` (its place in
    FUNNEL_STEPS), `answered` and `pending` (as the rates by source count them), `applied`
    (its date, NaT if not recorded) and `stage_history` (its cell, as the canonical table
    writes it: the tracker's and `read_canonical`'s tables are). A table of contacts without
    the application's own columns (outcome, applied_date, source, answer_date, stage_history)
    is read as if they were empty."""
    missing = [c for c in APPLICATION_COLUMNS if c not in table.columns]
    if set(missing) - set(_APPLICATION_FACTS):
        raise ValueError(f"not a canonical table; missing columns: {', '.join(missing)}")
    table = table.assign(**{name: _APPLICATION_FACTS[name] for name in missing})
    today = np.datetime64(as_of or dt.date.today(), "D")
    number = _applications(table)
    firsts = pd.Series(np.arange(len(number))).groupby(number, sort=True).first().to_numpy()
    known = {}
    for column in ("interview_date", "response_date", "answer_date"):
        days = pd.Series(_day_numbers(table, column))
        known[column] = days.where(days <= today).groupby(number, sort=True).min().notna()
    first = table.iloc[firsts]
    applied = _day_numbers(first, "applied_date")
    histories = first["stage_history"].astype(str).to_numpy()
    history_reach, later = _history_reach(histories, today)
    outcome = np.where(later, Outcome.PENDING.value, first["outcome"].astype(str).to_numpy())
    reached = np.maximum.reduce([
        history_reach,
        pd.Series(outcome).map(OUTCOME_REACHES).fillna(0).to_numpy(dtype=np.int64),
        np.where(known["interview_date"].to_numpy(), 2, 0),
        np.where((known["response_date"] | known["answer_date"]).to_numpy(), 1, 0),
    ])  # fmt: skip
    age = (today - applied).astype(np.int64)
    open_ = np.isin(outcome, ["", Outcome.PENDING.value])
    pending = (reached == 0) & open_ & ~np.isnat(applied) & (age <= window)
    source = first["source"].astype(str).replace("", UNKNOWN_SOURCE)
    status = pd.DataFrame(
        {
            "source": _categories(source, "source", _SOURCES),
            "outcome": outcome,
            "reached": reached,
            "answered": reached >= 1,
            "pending": pending,
            "applied": applied,
            "stage_history": histories,
        }
    )
    return status[np.isnat(applied) | (applied <= today)].reset_index(drop=True)


def _history_reach(histories: Objects, today: np.datetime64) -> tuple[Ints, Bools]:
    """Per history cell (canonical form), how far its entries known on `today` show the
    application went (a place in FUNNEL_STEPS), and whether an entry is dated later.

    Vectorised over the distinct cells, so a million rows take about a second: a history's
    dates never go back, so its last date tells whether anything in it came later; a cell
    with nothing later is searched for its stage words; the rare cell with something later
    (a report as on a past day) is read entry by entry."""
    codes, distinct = pd.factorize(histories)
    texts = pd.Series(distinct, dtype=object)
    last = texts.str.extract(_LAST_DATE, expand=False)
    later = (last.notna() & (last.astype(str) > str(today))).to_numpy(dtype=bool)
    furthest = np.zeros(len(distinct), dtype=np.int64)
    for place, pattern in _REACH_PATTERNS:
        found = texts.str.contains(pattern, regex=True).to_numpy(dtype=bool)
        furthest = np.where(found, np.maximum(furthest, place), furthest)
    day = today.astype(dt.date)
    for at in np.flatnonzero(later).tolist():
        entries = _known(parse_history(str(distinct[at])), day)
        furthest[at] = max((STAGE_REACHES.get(entry.stage, 0) for entry in entries), default=0)
    return furthest[codes], later[codes]


_LAST_DATE: Final = r"(\d{4}-\d{2}-\d{2})(?!.*\d{4}-\d{2}-\d{2})"


def _words_reaching(place: int) -> list[str]:
    """The stage words that take an application to `place` in FUNNEL_STEPS."""
    return [stage.value for stage, reach in STAGE_REACHES.items() if reach == place]


_REACH_PATTERNS: Final = tuple(
    (place, rf"(?:^|; )(?:{'|'.join(_words_reaching(place))})(?: |;|$)")
    for place in sorted(set(STAGE_REACHES.values()))
)
"""Per place in FUNNEL_STEPS, the stage words of a canonical history cell that reach it."""


def _known(entries: tuple[StageEntry, ...], today: dt.date) -> tuple[StageEntry, ...]:
    """The entries dated on or before `today`, and the undated ones."""
    return tuple(entry for entry in entries if entry.date is None or entry.date <= today)


def funnel(applications: pd.DataFrame) -> list[Group]:
    """Per step of FUNNEL_STEPS, the applications of `application_status` that reached it,
    and their share of all applications (null without any)."""
    places, counts = np.unique(applications["reached"].to_numpy(), return_counts=True)
    return funnel_of(dict(zip(places.tolist(), counts.tolist(), strict=True)))


def funnel_of(reached: Mapping[int, int]) -> list[Group]:
    """The funnel from how many applications got to each place of FUNNEL_STEPS and no further:
    each step counts those that reached it or went beyond it."""
    total = sum(reached.values())
    counts = [
        sum(int(count) for place, count in reached.items() if place >= step)
        for step in range(len(FUNNEL_STEPS))
    ]
    return [
        {"step": step, "applications": count, "share": count / total if total else None}
        for step, count in zip(FUNNEL_STEPS, counts, strict=True)
    ]


def by_source(applications: pd.DataFrame) -> list[Group]:
    """The answer rate of applications per source, in `Source` order and `unknown` last, as
    the rates of contacts are given (only sources with an application are listed)."""
    return by_source_of(
        {
            str(source): (len(group), int(group["answered"].sum()), int(group["pending"].sum()))
            for source, group in applications.groupby("source", observed=True)
        }
    )


def by_source_of(counts: Mapping[str, tuple[int, int, int]]) -> list[Group]:
    """The answer rate per source from its applications, answered and pending ones."""
    groups = []
    for source in _SOURCES:
        if source in counts:
            count, answered, pending = counts[source]
            groups.append({"source": source, "applications": count, "answered": answered,
                           "pending": pending, **rate_of(answered, count - pending)})  # fmt: skip
    return groups


def arms(status: pd.DataFrame) -> dict[str, tuple[int, int, int]]:
    """Per channel, the random contacts of `contact_status`: (contacts, answered, pending)."""
    drawn = status[status["random"]]
    return {
        str(channel): (len(group), int(group["answered"].sum()), int(group["pending"].sum()))
        for channel, group in drawn.groupby("channel", observed=True)
    }


def experiment(status: pd.DataFrame) -> Group:
    """The comparison of channels among the random contacts of `contact_status` (see the
    module's docstring)."""
    return experiment_of(arms(status))


def experiment_of(counts: Mapping[str, tuple[int, int, int]]) -> Group:
    """The experiment from each channel's random contacts, answered and pending ones."""
    channels = [c.value for c in Channel if c.value in counts]
    by_channel = []
    for channel in channels:
        contacts, answered, pending = counts[channel]
        by_channel.append({"channel": channel, "contacts": contacts, "answered": answered,
                           "pending": pending,
                           **rate_of(answered, contacts - pending)})  # fmt: skip
    comparisons = [
        compare(channel, Channel.EMAIL.value, counts[channel], counts[Channel.EMAIL.value])
        for channel in channels
        if channel != Channel.EMAIL.value and Channel.EMAIL.value in counts
    ]
    decided = sum(contacts - pending for contacts, _, pending in counts.values())
    answered = sum(answered for _, answered, _ in counts.values())
    observed = decided >= SMALL_UNDER
    base = answered / decided if observed else DEFAULT_BASE_RATE
    return {
        "contacts": sum(contacts for contacts, _, _ in counts.values()),
        "by_channel": by_channel,
        "comparisons": comparisons,
        "base_rate": base,
        "base_rate_observed": observed,
        "sample_sizes": sample_sizes(base),
    }


def compare(
    channel: str, against: str, counts: tuple[int, int, int], others: tuple[int, int, int]
) -> Group:
    """One channel's rate against another's among random contacts: the difference, its
    Newcombe interval (null while either has no decided contact) and the verdict."""
    decided, answered = counts[0] - counts[2], counts[1]
    decided_other, answered_other = others[0] - others[2], others[1]
    difference: float | None
    low: float | None
    high: float | None
    if decided and decided_other:
        difference = answered / decided - answered_other / decided_other
        low, high = newcombe_interval(answered, decided, answered_other, decided_other)
    else:
        difference = low = high = None
    if min(decided, decided_other) < SMALL_UNDER or low is None or high is None:
        verdict = "too-few"
    else:
        verdict = "differs" if low > 0 or high < 0 else "chance"
    return {"channel": channel, "against": against, "difference": difference,
            "ci_low": low, "ci_high": high, "verdict": verdict}  # fmt: skip


def sample_sizes(base: float) -> list[Group]:
    """For each of `DIFFERENCES`, the random contacts per channel it would take to detect it
    at the answer rate `base` (the other channel's rate `base` plus the difference, or minus
    it where that would pass 100%)."""
    rows = []
    for difference in DIFFERENCES:
        other = base + difference if base + difference <= 1 else base - difference
        rows.append({"difference": difference, "per_channel": sample_size(base, other)})
    return rows


def stage_times(applications: pd.DataFrame, as_of: dt.date | None = None) -> list[Group]:
    """Per stage that has a dated stay in some history (in `Stage` order): the stays counted,
    how many ended (`moved_on`) and the Kaplan-Meier median days of a stay (null when fewer
    than half ended), from the rows of `application_status`."""
    today = as_of or dt.date.today()
    stays: dict[Stage, list[tuple[float, bool]]] = {}
    cells = zip(applications["stage_history"], applications["outcome"], strict=True)
    for cell, outcome in cells:
        history = _known(parse_history(cell), today)
        for at, entry in enumerate(history):
            if entry.stage in ENDS or entry.date is None:
                continue
            if at + 1 < len(history):
                end = history[at + 1].date
                if end is not None:
                    stays.setdefault(entry.stage, []).append(((end - entry.date).days, True))
            elif outcome in ("", Outcome.PENDING.value):
                stays.setdefault(entry.stage, []).append(((today - entry.date).days, False))
    groups = []
    for stage in Stage:
        if stage not in stays:
            continue
        days, ended = (np.array(values) for values in zip(*stays[stage], strict=True))
        median = median_days(days, ended.astype(bool))
        groups.append({"stage": stage.value, "stays": len(days), "moved_on": int(ended.sum()),
                       "median_days": None if median is None else round(median)})  # fmt: skip
    return groups


def report_of(
    status: pd.DataFrame, window: int, as_of: dt.date, measures: Sequence[Measure] = MEASURES
) -> dict[str, Any]:
    """The report of a `contact_status` table counted with `window` on `as_of`, each group's
    fields (and the overall ones) given by `measures`: a cohort adds its own."""
    return {
        "as_of": as_of.isoformat(),
        "window": window,
        "overall": _measure(status, measures),
        "ghosted": ghosting(status),
        **{f"by_{by}": grouped(status, by, measures) for by in GROUPINGS},
    }
