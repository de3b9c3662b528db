"""The funnel of applications, the answer rate by source and the time spent in each stage,
checked against counts made by hand on a small made-up tracker, through the tracker, its
export and `workbook report --json`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from tests.test_analysis import SCHEMA, wilson_by_hand
from workbook.analysis.frames import application_status, report, stage_times
from workbook.cli import main
from workbook.model import Channel, Kind, Outcome, Response, Source, Stage, StageEntry
from workbook.reports.charts import plot_funnel, plot_stage_times
from workbook.reports.words import funnel_summary, rates_summary, stage_times_summary
from workbook.tables.canonical_csv import export_csv, read_canonical
from workbook.tracker.store import Tracker

D = dt.date
AS_OF = D(2026, 3, 10)


def history(text: str) -> list[StageEntry]:
    """`applied 2026-01-05; no-answer` as entries."""
    entries = []
    for piece in text.split("; "):
        word, _, day = piece.partition(" ")
        entries.append(StageEntry(Stage(word), D.fromisoformat(day) if day else None))
    return entries


def fill(tracker: Tracker) -> None:
    """Six applications of Harbour Freight and friends (made up), as the docstrings below
    count them on AS_OF."""
    # A: LinkedIn, never answered; its end is undated.
    tracker.add_application("Alder Books", "Clerk", source=Source.LINKEDIN,
                            applied_date=D(2026, 1, 5), outcome=Outcome.NO_RESPONSE,
                            history=history("applied 2026-01-05; no-answer"))  # fmt: skip
    # B: a referral, screened and rejected without an interview.
    tracker.add_application("Birch Care", "Aide", source=Source.REFERRAL,
                            applied_date=D(2026, 1, 10), answer_date=D(2026, 1, 15),
                            outcome=Outcome.REJECTED,
                            history=history("applied 2026-01-10; screen 2026-01-15;"
                                            " rejected 2026-01-20"))  # fmt: skip
    # C: a job board, two rounds, three contacts, an offer: three rows, one application.
    c = tracker.add_application("Cedar Freight", "Dispatcher", source=Source.JOB_BOARD,
                                applied_date=D(2026, 1, 2), outcome=Outcome.OFFER,
                                history=history("applied 2026-01-02; screen 2026-01-12;"
                                                " interview 2026-01-20; interview 2026-02-01;"
                                                " offer 2026-02-10"))  # fmt: skip
    first = tracker.add_round(c, D(2026, 1, 20))
    thanks = tracker.add_contact(first, D(2026, 1, 20), Channel.EMAIL, kind=Kind.THANK_YOU)
    tracker.log_response(thanks, D(2026, 1, 22), Response.POSITIVE)
    tracker.add_contact(first, D(2026, 1, 27), Channel.UNKNOWN)
    second = tracker.add_round(c, D(2026, 2, 1))
    tracker.add_contact(second, D(2026, 2, 1), Channel.LETTER, kind=Kind.THANK_YOU)
    # D: LinkedIn, applied 9 days before AS_OF, no answer yet: pending.
    tracker.add_application("Dogwood Dental", "Receptionist", source=Source.LINKEDIN,
                            applied_date=D(2026, 3, 1),
                            history=history("applied 2026-03-01"))  # fmt: skip
    # E: no source recorded, no history, one round and no contact yet.
    e = tracker.add_application("Elm Council", "Advisor")
    tracker.add_round(e, D(2026, 2, 1))
    # F: applied after AS_OF: not counted at all.
    tracker.add_application("Fir Studio", "Designer", source=Source.AGENCY,
                            applied_date=D(2026, 4, 1))  # fmt: skip


@pytest.fixture
def tracker(tmp_path: Path) -> Iterator[Tracker]:
    with Tracker(tmp_path / "tracker.db") as opened:
        fill(opened)
        yield opened


def test_the_funnel_counts_each_application_once_at_the_furthest_step_it_reached(tracker):
    """A-E count (F comes later); B, C and E had an answer; C and E reached an interview; C an
    offer: 5, 3, 2, 1, however many rows C has."""
    table = tracker.contacts()
    assert (table["application_id"] == "cedar-freight--dispatcher").sum() == 3
    counted = report(table, as_of=AS_OF)
    assert [(s["step"], s["applications"], s["share"]) for s in counted["funnel"]] == [
        ("applied", 5, 1.0), ("answered", 3, 3 / 5), ("interview", 2, 2 / 5), ("offer", 1, 1 / 5)
    ]  # fmt: skip
    jsonschema.validate(json.loads(json.dumps(counted)), SCHEMA)


def test_the_answer_rate_by_source_leaves_pending_applications_out(tracker):
    """LinkedIn: A unanswered and D pending, so 0 of 1; referral and job board 1 of 1; E has
    no source, so it is `unknown`, last; each with the Wilson interval of its counts."""
    groups = report(tracker.contacts(), as_of=AS_OF)["by_source"]
    by_hand = [("linkedin", 2, 0, 1), ("referral", 1, 1, 0), ("job-board", 1, 1, 0),
               ("unknown", 1, 1, 0)]  # fmt: skip
    assert [(g["source"], g["applications"], g["answered"], g["pending"]) for g in groups] == (
        by_hand
    )
    for group, (_, count, answered, pending) in zip(groups, by_hand, strict=True):
        assert group["rate"] == answered / (count - pending)
        assert (group["ci_low"], group["ci_high"]) == pytest.approx(
            wilson_by_hand(answered, count - pending)
        )
        assert group["small"]


def test_an_answer_or_a_stage_dated_after_as_of_is_not_known_yet(tracker):
    """On 2026-01-14 only A, B, C and E had been applied for (E has no date); C's screen
    (01-12) is its only answer known, B's answer (01-15) is not, no round had happened, and
    the outcomes of B and C (whose histories go on later) are not known yet."""
    counted = report(tracker.contacts(), as_of=D(2026, 1, 14))
    assert [s["applications"] for s in counted["funnel"]] == [4, 1, 0, 0]
    referral = next(g for g in counted["by_source"] if g["source"] == "referral")
    assert (referral["answered"], referral["pending"], referral["rate"]) == (0, 1, None)


def test_time_in_each_stage_is_a_median_with_open_stays_censored(tracker):
    """Applied: B 5 days, C 10, D 9 still open (censored), A's end undated (left out): the
    Kaplan-Meier median is 10. Screen: B 5, C 8: median 5. Interview: C 12 and 9: median 9."""
    apps = application_status(tracker.contacts(), as_of=AS_OF)
    assert stage_times(apps, AS_OF) == [
        {"stage": "applied", "stays": 3, "moved_on": 2, "median_days": 10},
        {"stage": "screen", "stays": 2, "moved_on": 2, "median_days": 5},
        {"stage": "interview", "stays": 2, "moved_on": 2, "median_days": 9},
    ]


def test_the_command_counts_the_tracker_and_its_export_alike(tracker, tmp_path, capsys):
    """`workbook report --json` gives the same funnel and rates by source from the tracker
    (read a row per application) as from its canonical export (read whole)."""
    exported = tmp_path / "export.csv"
    export_csv(tracker, exported)
    database = str(tracker.path)

    def counted(*source: str) -> dict[str, object]:
        assert main(["report", *source, "--as-of", AS_OF.isoformat(), "--json"]) == 0
        data: dict[str, object] = json.loads(capsys.readouterr().out)
        return {key: data[key] for key in ("funnel", "by_source")}

    from_tracker = counted("--db", database)
    assert from_tracker == counted("--csv", str(exported))
    assert from_tracker == {key: report(read_canonical(exported), as_of=AS_OF)[key]
                            for key in ("funnel", "by_source")}  # fmt: skip


def test_application_rows_give_one_row_per_application_with_its_first_round_and_answer(
    tracker,
):
    """The tracker's quick read for the funnel: a row per application, the first round's date
    and the first answer's, NaT when there is none."""
    rows = tracker.application_rows().set_index("application_id")
    assert len(rows) == 6
    cedar = rows.loc["cedar-freight--dispatcher"]
    assert (cedar["interview_date"], cedar["response_date"]) == (
        dt.datetime(2026, 1, 20), dt.datetime(2026, 1, 22))  # fmt: skip
    assert rows.loc["alder-books--clerk"][["interview_date", "response_date"]].isna().all()


def test_a_contact_without_a_method_is_counted_under_unknown(tracker):
    """Cedar's follow-up of 01-27 was logged with a date but no method: the rates by channel
    list it honestly as `unknown`, last, and the chart's sentence names it."""
    counted = report(tracker.contacts(), as_of=AS_OF)
    unknown = counted["by_channel"][-1]
    assert (unknown["channel"], unknown["contacts"], unknown["answered"]) == ("unknown", 1, 0)
    assert "contacts whose channel was not recorded" in rates_summary(counted, "channel")


def test_the_plot_functions_draw_on_the_ax_given_and_return_it(tracker):
    """The funnel and the time in each stage draw on a given ax (one bar per step or stage,
    labelled with its count) and return it; their sentences carry the same figures."""
    counted = report(tracker.contacts(), as_of=AS_OF)
    times = stage_times(application_status(tracker.contacts(), as_of=AS_OF), AS_OF)
    figure = Figure()
    for draw, bars in ((partial(plot_funnel, counted), 4), (partial(plot_stage_times, times), 3)):
        ax = figure.add_subplot()
        assert draw(ax=ax) is ax
        assert len(ax.patches) == bars
        figure.delaxes(ax)
    assert funnel_summary(counted) == (
        "Of 5 applications, 3 (60%) had an answer from the employer, 2 (40%) reached an "
        "interview and 1 (20%) brought an offer."
    )
    assert stage_times_summary(times).startswith(
        "Median time in each stage: applied 10 days (3 stays); screen 5 days (2 stays); "
        "interview 9 days (2 stays)"
    )


def test_with_no_application_the_sentences_still_give_their_figures():
    """An empty tracker's funnel and stage times are said in words that hold a 0."""
    with Tracker(":memory:") as empty:
        counted = report(empty.contacts(), as_of=AS_OF)
    assert [step["applications"] for step in counted["funnel"]] == [0, 0, 0, 0]
    assert counted["funnel"][0]["share"] is None and counted["by_source"] == []
    for sentence in (funnel_summary(counted), stage_times_summary([])):
        assert "0" in sentence


REACH = {"screen": 1, "rejected": 1, "interview": 2, "offer": 3}


@st.composite
def histories(draw: st.DrawFn) -> str:
    """A canonical history cell: stages in any order, dates rising where given."""
    day, entries = D(2026, 1, 1), []
    for stage in draw(st.lists(st.sampled_from([s.value for s in Stage]), max_size=6)):
        if draw(st.booleans()):
            day += dt.timedelta(days=draw(st.integers(0, 40)))
            entries.append(f"{stage} {day.isoformat()}")
        else:
            entries.append(stage)
    return "; ".join(entries)


@given(cells=st.lists(histories(), min_size=1, max_size=8), days=st.integers(0, 200))
@settings(max_examples=150, deadline=None)
def test_the_funnel_reads_any_history_as_its_entries_say(cells: list[str], days: int):
    """However the histories look, an application reaches the furthest step of its entries
    known on as_of (undated ones count), and an outcome is not known while an entry is later."""
    as_of = D(2026, 1, 1) + dt.timedelta(days=days)
    table = pd.DataFrame({
        "application_id": [f"a{n}" for n in range(len(cells))], "company": "Acme", "role": "",
        "interview_date": pd.NaT, "response_date": pd.NaT,
        "outcome": [("pending", "offer")[n % 2] for n in range(len(cells))],
        "applied_date": pd.NaT, "source": "", "answer_date": pd.NaT, "stage_history": cells,
    })  # fmt: skip
    for column in ("interview_date", "response_date", "applied_date", "answer_date"):
        table[column] = table[column].astype("datetime64[ns]")
    status = application_status(table, as_of=as_of)
    rows = zip(cells, table["outcome"], status["reached"], status["outcome"], strict=True)
    for cell, given_outcome, reached, outcome in rows:
        dates = [piece.split(" ")[1] for piece in cell.split("; ") if " " in piece]
        later = any(D.fromisoformat(day) > as_of for day in dates)
        known = [piece.split(" ")[0] for piece in cell.split("; ") if piece and (
            " " not in piece or D.fromisoformat(piece.split(" ")[1]) <= as_of)]  # fmt: skip
        expected = max([REACH.get(word, 0) for word in known], default=0)
        offer = given_outcome == "offer" and not later
        assert reached == (max(expected, 3) if offer else expected)
        assert outcome == ("pending" if later else given_outcome)
