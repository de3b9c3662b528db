"""A group's pooled figure of how late employers answered: each share's rounds as promise
states and business days (no dates), pooled, and hidden while too few participants have any."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.analysis.cohort import cohort_report, pool, pooled_lateness, room_cohort
from workbook.analysis.estimates import lateness
from workbook.analysis.share import anonymise, read_shared, set_sharing_with_room, share_tracker
from workbook.home.room import participants_folder
from workbook.model import Channel, Kind
from workbook.reports.page import html_report
from workbook.reports.text import text_report
from workbook.reports.words import lateness_curve_words
from workbook.tracker.store import Tracker

D = dt.date
HELD = D(2026, 11, 2)
TODAY = D(2026, 11, 30)

Round = tuple[int, int | None]
"""A round's promised day and answer day, in days after HELD (None: no answer)."""


def fill(tracker: Tracker, rounds: list[Round], contact: bool = True) -> None:
    """Applications with one round each, promised and answered as drawn, each with a
    thank-you on its interview day (unless `contact` is false)."""
    for number, (promise, answer) in enumerate(rounds):
        company = tracker.add_application(f"Company {number}")
        key = tracker.add_round(
            company,
            HELD,
            promised_date=HELD + dt.timedelta(days=promise),
            answer_date=None if answer is None else HELD + dt.timedelta(days=answer),
        )
        if contact:
            tracker.add_contact(key, HELD, Channel.EMAIL, kind=Kind.THANK_YOU)


def test_a_share_keeps_each_rounds_state_and_business_days_and_no_date(tmp_path: Path):
    """A share's rounds hold only a promise state and business days late: an answer on the
    day, one a week late, one still waiting, one not due; a round without a contact, one
    without a promise and an answer dated after the day of sharing stay out or unknown."""
    with Tracker(tmp_path / "t.db") as tracker:
        fill(tracker, [(4, 4), (4, 11), (4, None), (40, None), (4, 40)])
        fill(tracker, [(4, 5)], contact=False)
        tracker.add_round(tracker.add_application("No promise"), HELD, answer_date=TODAY)
        shared = share_tracker(tracker, today=TODAY, rng=random.Random(1))
    rounds = shared.rounds
    assert rounds is not None and list(rounds.columns) == ["promise", "late_days"]
    got = sorted(zip(rounds["promise"].astype(str), rounds["late_days"].tolist(), strict=True))
    # promised Friday 6 November: answered that day; Friday 13th (5 business days); still
    # waiting on Monday 30th (16 business days), twice (one answer is dated later)
    assert got == [("by-day", 0), ("late", 5), ("not-due", 0), ("waiting", 16), ("waiting", 16)]


def test_a_shared_file_read_back_carries_no_rounds_and_the_report_has_no_lateness(
    tmp_path: Path,
):
    """The file format does not carry rounds yet: read back, a share has none, and a pooled
    report of such shares has no lateness at all (rather than a zero)."""
    with Tracker(tmp_path / "t.db") as tracker:
        fill(tracker, [(4, 4)])
        shared = share_tracker(tracker, today=TODAY, rng=random.Random(2))
    (tmp_path / "s.csv").write_bytes(shared.encode())
    read = read_shared(tmp_path / "s.csv")
    assert read.rounds is None
    assert "lateness" not in cohort_report(pool([read]), min_group=1, as_of=TODAY)


rounds_drawn = st.lists(
    st.tuples(st.integers(0, 30), st.one_of(st.none(), st.integers(0, 40))).map(
        lambda r: (r[0], r[1])
    ),
    max_size=6,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(participants=st.lists(rounds_drawn, min_size=1, max_size=7))
def test_the_pooled_figure_is_the_figure_of_every_participants_rounds_together(
    tmp_path: Path, participants: list[list[Round]]
):
    """Pooled, the rounds of every participant give what the learner's own count gives on all
    of them together; with fewer participants having a round than the smallest group, the
    figure is hidden."""
    shares, pairs = [], []
    for number, rounds in enumerate(participants):
        path = tmp_path / f"p{len(list(tmp_path.iterdir()))}-{number}.db"
        with Tracker(path) as tracker:
            fill(tracker, rounds)
            tracker.add_contact(
                tracker.add_round(tracker.add_application("Contact only"), HELD), HELD,
                Channel.EMAIL,
            )  # fmt: skip
            shares.append(share_tracker(tracker, today=TODAY, rng=random.Random(number)))
        for promise, answer in rounds:
            known = None if answer is None or HELD + dt.timedelta(answer) > TODAY else answer
            pairs.append((HELD + dt.timedelta(promise),
                          None if known is None else HELD + dt.timedelta(known), 1))  # fmt: skip
    people = sum(1 for rounds in participants if rounds)
    for min_group in (1, 5):
        got = pooled_lateness(pool(shares), min_group)
        if people < min_group:
            assert got == {"suppressed": True}
        else:
            assert got == {**lateness(pairs, TODAY), "participants": people, "suppressed": False}


def room_with_rounds(root: Path, people: int) -> None:
    """`people` room participants who said yes, each with three rounds: on time, 5 business
    days late, still waiting."""
    for number in range(people):
        folder = participants_folder(root) / f"code-{number}"
        folder.mkdir(parents=True)
        with Tracker(folder / "tracker.db") as tracker:
            fill(tracker, [(4, 4), (4, 11), (4, None)])
            set_sharing_with_room(tracker, True)


def test_a_room_of_five_shows_the_pooled_lateness_with_its_chart_in_words(tmp_path: Path):
    """Five participants' rounds are pooled: the report says how many answers came by the
    day and the median, and the page's chart has the curve in words."""
    root = tmp_path / "facilitator"
    room_with_rounds(root, 5)
    report = cohort_report(room_cohort(root, today=TODAY), as_of=TODAY)
    late = report["lateness"]
    assert (late["participants"], late["answered"], late["by_promised_day"]) == (5, 10, 5)
    assert late["median_business_days"] == 5  # 10/15 waiting after day 0, 5/15 after day 5
    text = " ".join(text_report(report).split())
    assert "From the rounds of 5 participants: 5 of 10 answers came by the promised day." in text
    assert "Employers in the group's trackers answered a median of 5 business days" in text
    assert f'alt="{lateness_curve_words(late)}"' in html_report(report)


def test_a_room_of_four_hides_the_pooled_lateness_and_says_so(tmp_path: Path):
    """Four participants with rounds are too few: the figure is hidden, calmly."""
    root = tmp_path / "facilitator"
    room_with_rounds(root, 4)
    report = cohort_report(room_cohort(root, today=TODAY), as_of=TODAY)
    assert report["lateness"] == {"suppressed": True}
    text = " ".join(text_report(report).split())
    assert "Hidden: fewer than 5 participants shared rounds with a date the employer gave." in text


def test_anonymise_without_rounds_carries_none():
    """Shares made without the tracker's rounds (a sample, an older caller) carry none."""
    from workbook.analysis.sample import generate_contacts

    shared = anonymise(generate_contacts(10, seed=3), participant="0" * 16, number=1, today=TODAY)
    assert shared.rounds is None
