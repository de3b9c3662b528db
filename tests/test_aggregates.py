"""The report counted in SQLite equals the pandas report, and its estimates equal scipy's."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

from tests.frames import AS_OF, contacts, day
from tests.strategies import round_dates
from workbook.analysis.aggregates import tracker_report
from workbook.analysis.estimates import km_median, wilson_interval
from workbook.analysis.frames import NEEDED_COLUMNS, km_curve, median_days, report
from workbook.analysis.sample import SAMPLE_AS_OF, generate_contacts
from workbook.model import Channel, Kind, Outcome, Source, Stage
from workbook.rules.counting import WINDOW_DAYS
from workbook.tracker.store import RoundKey, Tracker

drawn_contacts = st.fixed_dictionaries(
    {
        "application": st.integers(0, 4),
        "interview": st.integers(-40, 3),
        "after": st.integers(0, 20),  # days from the interview to the contact
        "delay": st.one_of(st.none(), st.integers(0, 30)),
        "channel": st.sampled_from([c.value for c in Channel]),
        "kind": st.sampled_from([k.value for k in Kind]),
        "new_info": st.booleans(),
        "response": st.sampled_from(["positive", "neutral", "negative"]),
        "seed": st.one_of(st.none(), st.integers(0, 2**63 - 1)),  # its channel drawn, or not
    }
)


def _history(entries: list[tuple[str, int | None]]) -> str:
    """A canonical stage history: dated entries keep their order in time (never going back)."""
    dates = iter(sorted(offset for _, offset in entries if offset is not None))
    return "; ".join(
        stage if offset is None else f"{stage} {day(next(dates)).isoformat()}"
        for stage, offset in entries
    )


drawn_applications = st.fixed_dictionaries(
    {
        "outcome": st.sampled_from([o.value for o in Outcome]),
        "applied": st.one_of(st.none(), st.integers(-60, 10)),
        "source": st.sampled_from(["", *(s.value for s in Source)]),
        "answer": st.one_of(st.none(), st.integers(-50, 20)),
        "history": st.lists(
            st.tuples(
                st.sampled_from([s.value for s in Stage]),
                st.one_of(st.none(), st.integers(-55, 20)),
            ),
            max_size=4,
        ),
    }
)


def tracker_of(
    path: Path,
    drawn: list[dict[str, Any]],
    facts: list[dict[str, Any]] | None = None,
    dates: list[dict[str, Any]] | None = None,
) -> Tracker:
    """A tracker holding the drawn contacts, one per application, date, kind and channel, and
    applications 0-5 with the drawn facts (application 5 and any without contacts: applied
    only); its rounds, in order, take the drawn promised and answer `dates`."""
    facts = facts or []
    rows, seen = [], set()
    for r in drawn:
        sent = r["interview"] + r["after"]
        key = (r["application"], sent, r["kind"], r["channel"])
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            {
                "application_id": f"app-{r['application']}",
                "people_facing": r["application"] % 2 == 1,
                "interview_date": day(r["interview"]),
                "contact_date": day(sent),
                "response_date": None if r["delay"] is None else day(sent + r["delay"]),
                "response": "" if r["delay"] is None else r["response"],
                "random_seed": "" if r["seed"] is None else str(r["seed"]),
                **{name: r[name] for name in ("channel", "kind", "new_info")},
            }
        )
    with_contacts = {row["application_id"] for row in rows}
    for number, fact in enumerate(facts):
        application = f"app-{number}"
        if application not in with_contacts:
            rows.append(
                {
                    "application_id": application,
                    "people_facing": number % 2 == 1,
                    "interview_date": None,
                    "contact_date": None,
                    "channel": "",
                }
            )
        own = {
            "outcome": fact["outcome"],
            "applied_date": None if fact["applied"] is None else day(fact["applied"]),
            "source": fact["source"],
            "answer_date": None if fact["answer"] is None else day(fact["answer"]),
            "stage_history": _history(fact["history"]),
        }
        for row in rows:
            if row["application_id"] == application:
                row.update(own)
    tracker = Tracker(path)
    tracker.merge(contacts(*rows))
    rounds = tracker.rounds()
    for (application, held), drawn_dates in zip(
        zip(rounds["application_id"], rounds["interview_date"], strict=True),
        dates or [],
        strict=False,
    ):
        held = held.date()
        tracker.edit_round(
            RoundKey(application, held),
            **{
                field: held + dt.timedelta(days=drawn_dates[key])
                for field, key in (("promised_date", "promise"), ("answer_date", "answer"))
                if drawn_dates[key] is not None
            },
        )
    return tracker


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    drawn=st.lists(drawn_contacts, max_size=40),
    facts=st.lists(drawn_applications, max_size=6),
    dates=st.lists(round_dates, max_size=40),
    as_of_offset=st.integers(-25, 25),
    window=st.sampled_from([0, 1, 7, WINDOW_DAYS, 30]),
)
def test_sqlite_report_equals_the_pandas_report(
    tmp_path: Path,
    drawn: list[dict[str, Any]],
    facts: list[dict[str, Any]],
    dates: list[dict[str, Any]],
    as_of_offset: int,
    window: int,
) -> None:
    """On any tracker, any day and any window (future contacts, answers on the window's last
    day or after it, answers not yet known on the day, empty trackers, channels drawn at random
    or not; promised days before, on and after the day, answers before the promised day, rounds
    still awaited), both reports are equal."""
    as_of = AS_OF + dt.timedelta(days=as_of_offset)
    path = tmp_path / f"t{len(list(tmp_path.iterdir()))}.sqlite"
    with tracker_of(path, drawn, facts, dates) as tracker:
        expected = report(
            tracker.contact_rows(NEEDED_COLUMNS),
            window=window,
            as_of=as_of,
            applications=tracker.application_rows(),
            rounds=tracker.rounds(),
        )
        assert tracker_report(tracker, window=window, as_of=as_of) == expected


@pytest.mark.parametrize("as_of", [SAMPLE_AS_OF, SAMPLE_AS_OF - dt.timedelta(days=90)])
def test_sqlite_report_equals_the_pandas_report_on_the_sample(
    tmp_path: Path, as_of: dt.date
) -> None:
    """On 3,000 sample contacts the two reports are equal, field for field and in key order."""
    with Tracker(tmp_path / "t.sqlite") as tracker:
        tracker.merge(generate_contacts(3000, seed=11))
        contacts, applications = tracker.contact_rows(NEEDED_COLUMNS), tracker.application_rows()
        expected = report(contacts, as_of=as_of, applications=applications)
        got = tracker_report(tracker, as_of=as_of)
    assert got == expected
    assert list(got) == list(expected)
    assert [list(g) for g in got["by_channel"]] == [list(g) for g in expected["by_channel"]]


@given(st.integers(0, 400).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(max(n, 1)))))
def test_wilson_interval_equals_scipys(counts: tuple[int, int]) -> None:
    """The Wilson interval computed by hand equals scipy's to within rounding."""
    answered, decided = counts
    answered = min(answered, decided)
    expected = stats.binomtest(answered, decided).proportion_ci(method="wilson")
    low, high = wilson_interval(answered, decided)
    assert math.isclose(low, expected.low, abs_tol=1e-12)
    assert math.isclose(high, expected.high, abs_tol=1e-12)


def test_wilson_interval_refuses_a_rate_without_decided_contacts() -> None:
    """With nothing decided there is no rate, and asking for its interval is an error."""
    with pytest.raises(ValueError, match="decided"):
        wilson_interval(0, 0)


@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.booleans()),
        max_size=60,
    )
)
def test_km_median_from_counts_equals_the_curve_of_the_contacts(
    waits: list[tuple[int, bool]],
) -> None:
    """The median from per-day counts equals the median of the curve drawn from every contact."""
    ends = [(float(wait), answered, 1) for wait, answered in waits]
    days = [wait for wait, _ in waits]
    assert km_median(ends) == median_days(days, [answered for _, answered in waits])
    assert km_curve(days, [a for _, a in waits])[0].size == len(set(days))
