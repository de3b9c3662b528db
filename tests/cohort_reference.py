"""The pooled report as the workbook counted it before DuckDB: every contact held in one
pandas DataFrame, `analysis.contact_status` and `analysis.report_of` with the cohort's own
measures, and the experiment's arms and bootstrap from the same contacts. Kept in the tests
only, as the reference `pooling`'s report must equal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from workbook.analysis.estimates import experiment_of, newcombe_interval
from workbook.analysis.frames import (
    GROUPINGS,
    MEASURES,
    WINDOW_DAYS,
    Group,
    Measure,
    arms,
    contact_status,
    group_keys,
    report_of,
    wilson_interval,
)
from workbook.analysis.pooling import (
    BOOTSTRAP_SEED,
    RESAMPLES,
    Cohort,
    bootstrap_interval,
    cohort_note,
    resample,
)
from workbook.analysis.share import ROW_TYPES
from workbook.rules.counting import MIN_GROUP

Floats = npt.NDArray[np.float64]


def cohort_contacts(cohort: Cohort, as_of: dt.date) -> pd.DataFrame:
    """The pooled shares as a canonical contact table (the columns the analysis reads), dated
    so that every share's day of sharing is `as_of`; `participant` numbers the shares."""
    shares = cohort.shares
    empty = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in ROW_TYPES.items()})
    rows = pd.concat([s.rows for s in shares], ignore_index=True) if shares else empty
    participant = np.repeat(np.arange(len(shares)), [s.contacts for s in shares])
    sent = np.datetime64(as_of, "D") - rows["age"].to_numpy().astype("timedelta64[D]")
    interview = sent - rows["sent_after"].to_numpy().astype("timedelta64[D]")
    after = rows["answered_after"]
    answer = sent + after.fillna(0).to_numpy(dtype=np.int64).astype("timedelta64[D]")
    answer[after.isna().to_numpy()] = np.datetime64("NaT")
    application = _applications(rows, participant)
    blank = pd.Categorical.from_codes(np.zeros(len(rows), dtype=np.int8), pd.Index([""]))
    return pd.DataFrame(
        {
            "application_id": pd.Categorical.from_codes(
                application, pd.Index(np.arange(application.max(initial=-1) + 1).astype(str))
            ),
            "company": blank,
            "role": blank,
            "people_facing": rows["people_facing"].to_numpy(),
            "new_info": rows["new_info"].to_numpy(),
            "interview_date": interview.astype("datetime64[s]"),
            "contact_date": sent.astype("datetime64[s]"),
            "response_date": answer.astype("datetime64[s]"),
            "kind": rows["kind"].array,
            "channel": rows["channel"].array,
            "response": rows["response"].array,
            "random_channel": rows["random_channel"].to_numpy(dtype=bool),
            "participant": participant,
        }
    )


def _applications(rows: pd.DataFrame, participant: npt.NDArray[np.int64]) -> npt.NDArray[np.intp]:
    """A number per application: two shares never share one, even by chance."""
    ids = pd.factorize(rows["application"])[0]  # quick on a categorical of shared categories
    return np.asarray(pd.factorize(participant * (ids.max(initial=-1) + 1) + ids)[0])


def participants(group: pd.DataFrame) -> Group:
    """How many participants a group rests on: those with a decided contact in it, or, while
    none of its contacts is decided, those with any (its figures are then only counts)."""
    decided = group.loc[~group["pending"], "participant"]
    return {"participants": int((decided if len(decided) else group["participant"]).nunique())}


def cluster_interval(draws: Floats) -> Measure:
    """A measure that puts the interval allowing for clustering by participant in place of
    `figures`' Wilson interval: the bootstrap over the `draws` of participants, or the Wilson
    interval where that is wider (see the module's docstring); null without a decided
    contact."""
    count = draws.shape[1]

    def interval(group: pd.DataFrame) -> Group:
        who = group["participant"].to_numpy()
        decided = np.bincount(who, weights=~group["pending"].to_numpy(), minlength=count)
        answered = np.bincount(who, weights=group["answered"].to_numpy(), minlength=count)
        total = int(decided.sum())
        boot = bootstrap_interval(answered, decided, draws) if total else None
        if boot is None:
            return {"ci_low": None, "ci_high": None}
        low, high = wilson_interval(int(answered.sum()), total)
        return {"ci_low": min(boot[0], low), "ci_high": max(boot[1], high)}

    return interval


def small_groups_left_out(status: pd.DataFrame, min_group: int) -> npt.NDArray[np.bool_]:
    """Which contacts every figure counts: none of a group (of any grouping) resting on fewer
    than `min_group` participants (as `participants` counts them), again and again until no
    such group is left (leaving one group's contacts out can shrink another)."""
    who = status["participant"].to_numpy()
    decided = ~status["pending"].to_numpy()
    groups = [pd.factorize(status[by])[0] for by in GROUPINGS]  # -1: in no group of it
    kept = np.ones(len(status), dtype=bool)

    def members(group: npt.NDArray[np.intp], rows: npt.NDArray[np.bool_]) -> npt.NDArray[np.intp]:
        """How many participants have a contact among `rows` in each group."""
        present = np.zeros((group.max(initial=-1) + 1, who.max(initial=-1) + 1), dtype=bool)
        present[group[rows], who[rows]] = True
        return np.asarray(present.sum(axis=1))

    while True:
        before = int(kept.sum())
        for group in groups:
            size = members(group, kept & decided & (group >= 0))
            undecided = size == 0
            if undecided.any():
                size[undecided] = members(group, kept & (group >= 0))[undecided]
            kept &= ~np.isin(group, np.flatnonzero(size < min_group))
        if int(kept.sum()) == before:
            return kept


def _participants_of(rows: pd.DataFrame) -> int:
    """How many participants rows rest on, as `participants` counts them."""
    return int(participants(rows)["participants"]) if len(rows) else 0


def cohort_experiment(status: pd.DataFrame, draws: Floats, min_group: int) -> Group:
    """The experiment of the contacts of `status` (those every figure counts), with intervals
    clustered by participant and channels resting on too few participants hidden (see the
    module's docstring)."""
    shown: dict[str, tuple[int, int, int]] = {}
    hidden: set[str] = set()
    people: dict[str, int] = {}
    for channel, counts in arms(status).items():
        same = status["channel"] == channel
        drawn = _participants_of(status[same & status["random"]])
        others = _participants_of(status[same & ~status["random"]])
        if drawn < min_group or 0 < others < min_group:
            hidden.add(channel)
        else:
            shown[channel] = counts
            people[channel] = drawn
    figures = experiment_of(shown)
    by_channel = {arm["channel"]: arm for arm in figures["by_channel"]}
    order = [str(c) for c in status.loc[status["random"], "channel"].cat.categories]
    figures["by_channel"] = [
        {**by_channel[channel], "participants": people[channel], "suppressed": False}
        if channel in by_channel
        else {"channel": channel, "suppressed": True}
        for channel in order
        if channel in by_channel or channel in hidden
    ]
    figures["comparisons"] = [
        _clustered(comparison, status, draws) for comparison in figures["comparisons"]
    ]
    return figures


def _clustered(comparison: Group, status: pd.DataFrame, draws: Floats) -> Group:
    """A comparison with its interval drawn over the participants (the same draws as every
    other interval), or Newcombe's where that is wider, and its verdict again."""
    if comparison["difference"] is None:
        return comparison
    count = draws.shape[1]
    columns = []
    for channel in (comparison["channel"], comparison["against"]):
        rows = status[status["random"] & (status["channel"] == channel)]
        who = rows["participant"].to_numpy()
        columns.append(np.bincount(who, weights=rows["answered"].to_numpy(), minlength=count))
        columns.append(np.bincount(who, weights=~rows["pending"].to_numpy(), minlength=count))
    answered_a, decided_a, answered_b, decided_b = (draws @ np.column_stack(columns)).T
    seen = (decided_a > 0) & (decided_b > 0)
    low, high = newcombe_interval(
        int(columns[0].sum()), int(columns[1].sum()), int(columns[2].sum()), int(columns[3].sum())
    )
    if seen.any():
        differences = answered_a[seen] / decided_a[seen] - answered_b[seen] / decided_b[seen]
        boot_low, boot_high = np.percentile(differences, [2.5, 97.5])
        low, high = min(low, float(boot_low)), max(high, float(boot_high))
    verdict = comparison["verdict"]
    if verdict != "too-few":
        verdict = "differs" if low > 0 or high < 0 else "chance"
    return {**comparison, "ci_low": low, "ci_high": high, "verdict": verdict}


def _with_hidden(report: dict[str, Any], status: pd.DataFrame) -> dict[str, Any]:
    """The report of the contacts kept, with every group of `status` that has none of them
    listed as hidden (its key and `suppressed: true`), in the order `analysis.grouped` uses."""
    shown = dict(report)
    if report["overall"]["contacts"] == 0:
        shown["overall"] = shown["ghosted"] = {"suppressed": True}
    else:
        shown["overall"] = {**report["overall"], "suppressed": False}
    for by in GROUPINGS:
        figures = {group[by]: group for group in report[f"by_{by}"]}
        shown[f"by_{by}"] = [
            {**figures[key], "suppressed": False}
            if key in figures
            else {by: key, "suppressed": True}
            for key in group_keys(status, by)
        ]
    return shown


def reference_report(
    cohort: Cohort,
    *,
    window: int = WINDOW_DAYS,
    min_group: int = MIN_GROUP,
    as_of: dt.date | None = None,
    resamples: int = RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> dict[str, Any]:
    """The pooled report in the shape of `analysis.report` (data/report.schema.json), with
    `participants` and `suppressed` in every group, the `note` and the `cohort` it rests on.
    Raises `ValueError` for a `window` or `min_group` under 1."""
    for name, value in (("window", window), ("min_group", min_group)):
        if value < 1:
            raise ValueError(f"cohort_report: {name} must be 1 or more, not {value}")
    as_of = as_of or dt.date.today()
    contacts = cohort_contacts(cohort, as_of)
    status = contact_status(contacts, window=window, as_of=as_of)
    status["participant"] = contacts["participant"].to_numpy()[status.index]
    draws = resample(len(cohort.shares), resamples, seed)
    measures = (*MEASURES, participants, cluster_interval(draws))
    kept = small_groups_left_out(status, min_group)
    counted = status if kept.all() else status[kept]
    figures = _with_hidden(report_of(counted, window, as_of, measures), status)
    figures["experiment"] = cohort_experiment(counted, draws, min_group)
    files = len(cohort.shares)
    return {
        "as_of": figures.pop("as_of"),
        "window": figures.pop("window"),
        "cohort": {
            "files": files,
            "skipped": len(cohort.skipped),
            "replaced": len(cohort.replaced),
            "min_group": min_group,
            "resamples": resamples,
            "seed": seed,
            "synthetic": cohort.synthetic,
        },
        "note": cohort_note(
            files, min_group=min_group, resamples=resamples, seed=seed, synthetic=cohort.synthetic
        ),
        **figures,
    }
