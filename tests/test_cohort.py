"""A group's pooled report: counts checked against a plain count of the trackers shared, one
share per participant, small groups hidden, intervals over participants, bad files skipped,
the room's consent, the sample cohort, and `workbook cohort`."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jsonschema
import numpy as np
import pandas as pd
import pytest

from tests import make_v0_tracker
from workbook.analysis.cohort import (
    MIN_GROUP,
    Cohort,
    CohortFolderError,
    cohort_report,
    pool,
    read_cohort,
    room_cohort,
    sample_cohort,
)
from workbook.analysis.frames import GROUPINGS, WINDOW_DAYS, report, wilson_interval
from workbook.analysis.sample import generate_contacts
from workbook.analysis.share import (
    COLUMNS,
    Shared,
    read_shared,
    set_sharing_with_room,
    share_tracker,
)
from workbook.cli import main
from workbook.home.room import participants_folder
from workbook.reports.page import html_report
from workbook.reports.text import text_report
from workbook.tracker.store import Tracker

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((REPO / "data" / "report.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
POOLED_ON = dt.date(2027, 2, 1)
COUNTS = ("contacts", "answered", "positive", "pending")

# Trackers of synthetic contacts: (contacts, seed, the day they end, the day they are shared).
# The third is shared before its last contacts and answers, the second long after its end.
PARTICIPANTS = (
    (150, 11, dt.date(2026, 11, 20), dt.date(2026, 11, 20)),
    (60, 12, dt.date(2026, 9, 30), dt.date(2026, 12, 15)),
    (220, 13, dt.date(2026, 11, 20), dt.date(2026, 11, 6)),
    (35, 14, dt.date(2026, 10, 31), dt.date(2026, 11, 2)),
)


def validate(pooled: dict[str, Any]) -> None:
    """Raise unless the report, after a JSON round trip, matches data/report.schema.json."""
    VALIDATOR.validate(json.loads(json.dumps(pooled, allow_nan=False)))


def tracker_of(path: Path, contacts: pd.DataFrame) -> Path:
    with Tracker(path) as tracker:
        tracker.merge(contacts)
    return path


def share_file(folder: Path, name: str, db: Path, today: dt.date) -> Shared:
    """Share the tracker as on `today` and write the file as `name` in `folder`."""
    with Tracker(db) as tracker:
        shared = share_tracker(tracker, today=today)
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(shared.encode())
    return shared


@pytest.fixture
def shared_folder(tmp_path: Path) -> tuple[Path, list[tuple[pd.DataFrame, dt.date]]]:
    """A folder of the PARTICIPANTS' shares, with each one's contacts and day of sharing."""
    folder = tmp_path / "shares"
    made = []
    for n, (size, seed, ends, shared_on) in enumerate(PARTICIPANTS):
        contacts = generate_contacts(size, seed, as_of=ends)
        db = tracker_of(tmp_path / f"tracker-{n}.db", contacts)
        share_file(folder, f"share-{n}.csv", db, shared_on)
        made.append((contacts, shared_on))
    return folder, made


def plain_count(contacts: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """Each contact's grouping keys and what it counts as on `day`, written out with pandas
    dates as design.md defines them (independently of the analysis module)."""
    rows = contacts[contacts["contact_date"].notna()]
    today = pd.Timestamp(day)
    delay = (rows["response_date"] - rows["contact_date"]).dt.days
    known = rows["response_date"].notna() & (rows["response_date"] <= today)
    answered = known & (delay <= WINDOW_DAYS)
    after = (rows["contact_date"] - rows["interview_date"]).dt.days
    return pd.DataFrame(
        {
            "channel": rows["channel"].astype(str),
            "kind": rows["kind"].astype(str),
            "people_facing": rows["people_facing"].astype(bool),
            "new_info": rows["new_info"].astype(bool),
            "days_to_follow_up": pd.cut(
                after, [-1, 2, 6, 13, 10**6], labels=["0-2", "3-6", "7-13", "14+"]
            ).astype(str),
            "contacts": 1,
            "answered": answered,
            "positive": answered & (rows["response"] == "positive"),
            "pending": ~answered & ((today - rows["contact_date"]).dt.days <= WINDOW_DAYS),
        }
    )


def by_key(groups: Sequence[dict[str, Any]], by: str) -> dict[Any, dict[str, Any]]:
    return {group[by]: group for group in groups}


def test_pooled_counts_equal_a_plain_count_of_every_tracker(
    shared_folder: tuple[Path, list[tuple[pd.DataFrame, dt.date]]],
) -> None:
    """Every group's contacts, answered, positive, pending and participants equal a plain
    count over the trackers, each as on the day it was shared, whatever day the pool is made."""
    folder, made = shared_folder
    pooled = cohort_report(read_cohort(folder), min_group=1, as_of=POOLED_ON)
    counted = [plain_count(contacts, day).assign(who=n) for n, (contacts, day) in enumerate(made)]
    every = pd.concat(counted, ignore_index=True)
    assert every["pending"].any() and (~every["pending"] & ~every["answered"]).any()
    for by in GROUPINGS:
        expected = every.groupby(by)[list(COUNTS)].sum().astype(int)
        people = every.groupby(by)["who"].nunique()
        groups = by_key(pooled[f"by_{by}"], by)
        assert set(groups) == set(expected.index), by
        for key, group in groups.items():
            assert not group["suppressed"]
            assert {c: group[c] for c in COUNTS} == expected.loc[key].to_dict(), (by, key)
            assert group["participants"] == people.loc[key], (by, key)
    overall = pooled["overall"]
    assert {c: overall[c] for c in COUNTS} == every[list(COUNTS)].sum().astype(int).to_dict()
    assert overall["participants"] == len(made)


def test_pooled_counts_are_the_sum_of_each_learners_own_report(
    shared_folder: tuple[Path, list[tuple[pd.DataFrame, dt.date]]],
) -> None:
    """Pooled, each group's counts and the ghosting counts are the sums of what each learner's
    own report said on the day they shared."""
    folder, made = shared_folder
    pooled = cohort_report(read_cohort(folder), min_group=1, as_of=POOLED_ON)
    own = [report(contacts, as_of=day) for contacts, day in made]
    for field in ("applications", "decided", "ghosted"):
        assert pooled["ghosted"][field] == sum(r["ghosted"][field] for r in own)
    for by in GROUPINGS:
        for key, group in by_key(pooled[f"by_{by}"], by).items():
            theirs = [by_key(r[f"by_{by}"], by).get(key) for r in own]
            for count in COUNTS:
                assert group[count] == sum(g[count] for g in theirs if g), (by, key, count)
            assert group["participants"] == sum(g is not None for g in theirs)


def test_a_reshare_replaces_the_earlier_one_whatever_the_file_names(tmp_path: Path) -> None:
    """A participant who shares again is counted once, by their newest share, and the earlier
    file is listed as replaced, whichever file name sorts first."""
    for newer_name, older_name in (("a-again.csv", "z-first.csv"), ("z-again.csv", "a-first.csv")):
        folder = tmp_path / newer_name
        db = tracker_of(tmp_path / f"{newer_name}.db", generate_contacts(80, 21))
        other = tracker_of(tmp_path / f"other-{newer_name}.db", generate_contacts(50, 22))
        first = share_file(folder, older_name, db, dt.date(2026, 11, 20))
        with Tracker(db) as tracker:  # more contacts, then shared again
            tracker.merge(generate_contacts(30, 23, as_of=dt.date(2026, 12, 1)))
        second = share_file(folder, newer_name, db, dt.date(2026, 12, 1))
        share_file(folder, "other.csv", other, dt.date(2026, 11, 20))
        cohort = read_cohort(folder)
        assert sorted(s.source for s in cohort.shares) == sorted([newer_name, "other.csv"])
        assert [(old.source, new.source) for old, new in cohort.replaced] == [
            (older_name, newer_name)
        ]
        assert second.contacts > first.contacts
        pooled = cohort_report(cohort, min_group=1, as_of=POOLED_ON)
        assert pooled["cohort"]["files"] == 2 and pooled["cohort"]["replaced"] == 1
        assert pooled["overall"]["participants"] == 2
        assert pooled["overall"]["contacts"] == second.contacts + 50


def test_version_0_files_are_each_a_participant(tmp_path: Path) -> None:
    """Version-0 files have no participant id: two copies count as two participants."""
    data = (Path(__file__).parent / "data" / "share" / "version-0.csv").read_bytes()
    shares = [read_shared(io.BytesIO(data), name) for name in ("one", "two")]
    cohort = pool(shares)
    assert len(cohort.shares) == 2 and cohort.replaced == ()
    pooled = cohort_report(cohort, min_group=1, as_of=POOLED_ON)
    assert pooled["overall"]["participants"] == 2 and pooled["overall"]["contacts"] == 8


# -- hiding small groups ---------------------------------------------------------------------------

PARTICIPANT_IDS = [f"{n:016x}" for n in range(1, 7)]


def hand_share(n: int) -> bytes:
    """Participant n of six: four email thank-yous (answered for even n); a linkedin follow-up
    for n < 4, a phone follow-up for n < 2; participant 0 also 37 letters, 29 answered."""
    rows = [f"{n:012x},false,thank-you,email,false,0,40,{'2,positive' if n % 2 == 0 else ','}"] * 4
    if n < 4:
        rows.append(f"{n:012x},false,follow-up,linkedin,false,8,30,,")
    if n < 2:
        rows.append(f"{n:012x},false,follow-up,phone,false,8,30,1,neutral")
    if n == 0:
        rows += [f"{n:012x},false,follow-up,letter,false,8,30,3,negative"] * 29
        rows += [f"{n:012x},false,follow-up,letter,false,8,30,,"] * 8
    head = f"followup-workbook-share,1\nparticipant,{PARTICIPANT_IDS[n]}\nshare,1\n"
    return (head + ",".join(COLUMNS) + "\n" + "\n".join(rows) + "\n").encode()


def hand_cohort(count: int = 6) -> Cohort:
    return pool(read_shared(io.BytesIO(hand_share(n)), f"p{n}") for n in range(count))


def test_groups_of_too_few_participants_are_hidden_and_left_out_of_every_figure() -> None:
    """With min_group 3, letter (1 participant) and phone (2) keep only their key, and their
    contacts count nowhere: email and LinkedIn add up to the overall figures."""
    pooled = cohort_report(hand_cohort(), min_group=3, as_of=POOLED_ON)
    channels = by_key(pooled["by_channel"], "channel")
    for hidden in ("letter", "phone"):
        assert channels[hidden] == {"channel": hidden, "suppressed": True}
    assert channels["email"]["participants"] == 6 and channels["email"]["contacts"] == 24
    assert channels["linkedin"]["participants"] == 4 and channels["linkedin"]["contacts"] == 4
    assert pooled["overall"]["contacts"] == 24 + 4
    kinds = by_key(pooled["by_kind"], "kind")
    assert not kinds["follow-up"]["suppressed"] and kinds["follow-up"]["contacts"] == 4


def decided_members(shares: list[bytes]) -> dict[tuple[str, object], set[int]]:
    """Which participants have a decided contact in each group, counted from the raw rows (the
    hand-made shares have one in every group)."""
    members: dict[tuple[str, object], set[int]] = {}
    for n, data in enumerate(shares):
        rows = read_shared(io.BytesIO(data), f"p{n}").rows
        answered = rows["answered_after"].fillna(10**6) <= WINDOW_DAYS
        decided = rows[answered | (rows["age"] > WINDOW_DAYS)]
        after = pd.cut(
            decided["sent_after"], [-1, 2, 6, 13, 10**6], labels=["0-2", "3-6", "7-13", "14+"]
        )
        for by, keys in (
            ("channel", decided["channel"].astype(str)),
            ("kind", decided["kind"].astype(str)),
            ("people_facing", decided["people_facing"]),
            ("new_info", decided["new_info"]),
            ("days_to_follow_up", after.astype(str)),
        ):
            for key in set(keys):
                members.setdefault((by, key), set()).add(n)
    return members


def test_a_rate_resting_on_one_person_is_hidden_however_many_wait() -> None:
    """Five participants called, but only one call has had time for its answer: the phone
    rate would be that one person's, so phone is hidden; a group with nothing decided yet
    rests on everyone in it and shows its counts."""

    def share(n: int) -> Shared:
        phone = "8,30,1,positive" if n == 0 else "8,3,,"
        rows = [
            f"{n:012x},false,thank-you,email,false,0,40,2,positive",
            f"{n:012x},false,follow-up,phone,false,{phone}",
            f"{n:012x},false,second-follow-up,email,false,20,2,,",
        ]
        head = f"followup-workbook-share,1\nparticipant,{PARTICIPANT_IDS[n]}\nshare,1\n"
        data = head + ",".join(COLUMNS) + "\n" + "\n".join(rows) + "\n"
        return read_shared(io.BytesIO(data.encode()), f"p{n}")

    pooled = cohort_report(pool(share(n) for n in range(5)), min_group=5, as_of=POOLED_ON)
    channels = by_key(pooled["by_channel"], "channel")
    assert channels["phone"] == {"channel": "phone", "suppressed": True}
    kinds = by_key(pooled["by_kind"], "kind")
    assert kinds["second-follow-up"]["participants"] == 5
    assert kinds["second-follow-up"]["pending"] == 5 and kinds["second-follow-up"]["rate"] is None
    assert pooled["overall"]["contacts"] == 10 and pooled["overall"]["answered"] == 5


@pytest.mark.parametrize("min_group", [1, 2, 3, 4, 5, 6, 7])
def test_nothing_hidden_can_be_worked_out_from_what_is_shown(min_group: int) -> None:
    """Every shown group rests on at least min_group participants with a decided contact, a
    hidden one keeps only its key, and in every grouping the shown groups add up to the overall
    figures, so no subtraction, within a grouping or across them, uncovers a hidden one."""
    shares = [hand_share(n) for n in range(6)]
    members = decided_members(shares)
    pooled = cohort_report(hand_cohort(), min_group=min_group, as_of=POOLED_ON)
    validate(pooled)
    overall = pooled["overall"]
    for by in GROUPINGS:
        shown = [group for group in pooled[f"by_{by}"] if not group["suppressed"]]
        for group in pooled[f"by_{by}"]:
            if group["suppressed"]:
                assert set(group) == {by, "suppressed"}
            else:
                assert group["participants"] == len(members[(by, group[by])]) >= min_group
        if overall.get("suppressed"):
            assert not shown
            continue
        for count in ("contacts", "answered", "positive", "pending"):
            assert sum(group[count] for group in shown) == overall[count], (by, count)
    assert overall.get("suppressed") == (min_group > 6)


def test_under_min_group_participants_nothing_is_shown() -> None:
    """A cohort of fewer participants than min_group hides the overall figures, the ghosting
    and every group."""
    pooled = cohort_report(hand_cohort(2), min_group=3, as_of=POOLED_ON)
    assert pooled["overall"] == {"suppressed": True}
    assert pooled["ghosted"] == {"suppressed": True}
    for by in GROUPINGS:
        assert all(group == {by: group[by], "suppressed": True} for group in pooled[f"by_{by}"])
    validate(pooled)
    text = text_report(pooled)
    assert "No pooled figures are shown: fewer than 3 participants" in text


def test_the_text_and_html_reports_show_no_figure_of_a_hidden_group() -> None:
    """The hidden groups' rows say hidden and nothing else, and their rates appear in no
    table, chart summary or sentence."""
    pooled = cohort_report(hand_cohort(), min_group=3, as_of=POOLED_ON)
    text = text_report(pooled)
    page = re.sub(r"base64,[^\"]*", "", html_report(pooled, title="Pooled"))
    assert "Email got an answer 50% of the time" in page
    assert "; phone and letter are hidden (too few participants)." in page
    channel_rows = text.split("By channel\n")[1].split("\n\n")[0].splitlines()[1:]
    shown = {row.split()[0]: row for row in channel_rows}
    for hidden in ("letter", "phone"):
        assert shown[hidden].split() == [hidden, "hidden"]
        row = re.search(rf'<th scope="row">{hidden}</th>(.*?)</tr>', page)
        assert row is not None
        assert row[1] == '<td colspan="8">hidden: fewer than 3 participants</td>'
    assert re.search(r"\d", shown["email"])
    for document in (text, page):  # the letters: 37 contacts, 29 answered
        assert not re.search(r"\b(37|29)\b", document)


# -- intervals -------------------------------------------------------------------------------------


def clustered(participants: int = 10, contacts: int = 30, more: int = 0) -> Cohort:
    """Half the participants had every contact answered, half none; participant n made
    `contacts + n * more` contacts."""
    shares = []
    for n in range(participants):
        answer = "1,positive" if n % 2 else ","
        rows = [f"{n:012x},true,follow-up,email,false,7,60,{answer}\n"] * (contacts + n * more)
        head = f"followup-workbook-share,1\nparticipant,{n:016x}\nshare,1\n{','.join(COLUMNS)}\n"
        shares.append(read_shared(io.BytesIO((head + "".join(rows)).encode()), f"p{n}"))
    return pool(shares)


def test_clustered_contacts_get_a_wider_interval_than_wilson() -> None:
    """When each participant's contacts all fare alike, the interval over participants is
    wider than the Wilson interval of independent contacts, and contains it."""
    pooled = cohort_report(clustered(), min_group=1, as_of=POOLED_ON)
    overall = pooled["overall"]
    assert overall["rate"] == 0.5
    low, high = wilson_interval(150, 300)
    assert overall["ci_low"] <= low and overall["ci_high"] >= high
    assert overall["ci_high"] - overall["ci_low"] > 2 * (high - low)
    assert "bootstrap over participants" in pooled["note"]
    assert "2,000 times" in pooled["note"] and str(pooled["cohort"]["seed"]) in pooled["note"]


def test_intervals_are_reproducible_with_the_seed() -> None:
    """The same shares and seed give the same report; another seed, other intervals."""
    cohort = clustered(participants=12, contacts=5, more=3)
    first = cohort_report(cohort, min_group=1, as_of=POOLED_ON, seed=7)
    assert cohort_report(cohort, min_group=1, as_of=POOLED_ON, seed=7) == first
    other = cohort_report(cohort, min_group=1, as_of=POOLED_ON, seed=8)
    assert (other["overall"]["ci_low"], other["overall"]["ci_high"]) != (
        first["overall"]["ci_low"],
        first["overall"]["ci_high"],
    )
    assert other["overall"]["contacts"] == first["overall"]["contacts"]


def test_independent_contacts_keep_at_least_the_wilson_interval() -> None:
    """Where participants fare alike the interval is never narrower than Wilson's."""
    pooled = cohort_report(hand_cohort(), min_group=1, as_of=POOLED_ON)
    for by in GROUPINGS:
        for group in pooled[f"by_{by}"]:
            decided = group["contacts"] - group["pending"]
            if not decided:
                assert group["ci_low"] is None and group["rate"] is None
                continue
            low, high = wilson_interval(group["answered"], decided)
            assert group["ci_low"] <= low + 1e-12 and group["ci_high"] >= high - 1e-12


# -- reading a folder ------------------------------------------------------------------------------


def mixed_folder(tmp_path: Path) -> Path:
    """Two valid shares, and every kind of file that is not one."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good-1.csv").write_bytes(hand_share(0))
    (folder / "good-2.csv").write_bytes(hand_share(1))
    (folder / "corrupt.csv").write_bytes(hand_share(2).replace(b"email", b"pigeon", 1))
    (folder / "tracker-export.csv").write_text(
        "application_id,company,role\nkestrel,Kestrel Works,Driver\n", encoding="utf-8"
    )
    (folder / "empty.csv").write_bytes(b"")
    (folder / "half-day.csv").write_bytes(hand_share(3).replace(b",40,", b",40.5,", 1))
    (folder / "future.csv").write_bytes(b"followup-workbook-share,2\nwhatever comes next\n")
    (folder / "photo.jpg").write_bytes(bytes(range(256)) * 4)
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / ".~lock.good-1.csv#").write_text("someone,host", encoding="utf-8")
    (folder / "old shares").mkdir()
    (folder / "old shares" / "good-3.csv").write_bytes(hand_share(4))
    return folder


def test_a_folder_pools_its_shared_files_and_names_every_other_file(tmp_path: Path) -> None:
    """Valid shares are pooled; each other file is skipped with a reason naming it; hidden files
    and subfolders are not read at all."""
    cohort = read_cohort(mixed_folder(tmp_path))
    assert sorted(s.source for s in cohort.shares) == ["good-1.csv", "good-2.csv"]
    reasons = {error.source: str(error) for error in cohort.skipped}
    assert set(reasons) == {
        "corrupt.csv",
        "empty.csv",
        "half-day.csv",
        "future.csv",
        "photo.jpg",
        "tracker-export.csv",
    }
    assert "corrupt.csv:5: column 'channel': value 'pigeon'" in reasons["corrupt.csv"]
    assert "is empty" in reasons["empty.csv"]
    assert (
        "half-day.csv:5: column 'age': value '40.5' is not a whole number"
        in reasons["half-day.csv"]
    )
    assert "newer than this workbook reads" in reasons["future.csv"]
    assert "is not a shared file" in reasons["tracker-export.csv"]
    assert "is not a shared file" in reasons["photo.jpg"]
    pooled = cohort_report(cohort, min_group=1, as_of=POOLED_ON)
    assert pooled["cohort"]["skipped"] == 6 and pooled["overall"]["participants"] == 2


# -- the room --------------------------------------------------------------------------------------

CODES = ("maple-otter-427", "birch-heron-118", "cedar-lynx-905", "aspen-wren-362", "rowan-vole-771")


def room_tracker(root: Path, code: str, seed: int) -> Path:
    folder = participants_folder(root) / code
    folder.mkdir(parents=True)
    return tracker_of(folder / "tracker.db", generate_contacts(40, seed))


def test_the_room_pools_only_those_who_said_yes_and_names_nobody(tmp_path: Path) -> None:
    """Trackers whose participant said yes are pooled; those who said no, never answered or
    whose tracker cannot be read are left out; no code appears in the cohort or its report."""
    root = tmp_path / "facilitator"
    yes_1, yes_2, no, silent, broken = CODES
    expected = 0
    for seed, code in enumerate((yes_1, yes_2, no, silent)):
        db = room_tracker(root, code, seed)
        with Tracker(db) as tracker:
            if code != silent:
                set_sharing_with_room(tracker, code != no)
            if code in (yes_1, yes_2):
                expected += len(tracker.contact_rows())
    garbage = participants_folder(root) / broken / "tracker.db"
    garbage.parent.mkdir()
    garbage.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    (participants_folder(root) / "no-tracker-yet").mkdir()
    cohort = room_cohort(root, today=dt.date(2026, 11, 20))
    assert len(cohort.shares) == 2 and cohort.skipped == () and cohort.replaced == ()
    assert sum(s.contacts for s in cohort.shares) == expected
    assert garbage.read_bytes().startswith(b"SQLite format 3\x00" + bytes(range(16)))
    pooled = cohort_report(cohort, min_group=1, as_of=dt.date(2026, 11, 20))
    assert pooled["overall"]["participants"] == 2 and pooled["cohort"]["files"] == 2
    everything = repr(cohort) + str(pooled) + text_report(pooled)
    assert "no-tracker-yet" not in everything
    for code in CODES:
        assert code not in everything
        assert all(word not in everything for word in code.split("-")[:2])


def test_reading_the_room_changes_no_tracker(tmp_path: Path) -> None:
    """Trackers that are empty files or of an older layout are left as they are, not opened
    (which would migrate them); a current tracker that said yes is read, unchanged."""
    root = tmp_path / "facilitator"
    empty = participants_folder(root) / "empty-one" / "tracker.db"
    empty.parent.mkdir(parents=True)
    empty.write_bytes(b"")
    old = participants_folder(root) / "old-one" / "tracker.db"
    old.parent.mkdir()
    shutil.copy(make_v0_tracker.PATH, old)
    yes = room_tracker(root, CODES[0], 1)
    with Tracker(yes) as tracker:
        set_sharing_with_room(tracker, True)
    before = {path: path.read_bytes() for path in (empty, old, yes)}
    cohort = room_cohort(root, today=dt.date(2026, 11, 20))
    assert len(cohort.shares) == 1
    assert {path: path.read_bytes() for path in before} == before
    assert sorted(p.name for p in old.parent.iterdir()) == ["tracker.db"]


def test_an_empty_room_pools_nothing(tmp_path: Path) -> None:
    """Before any participant has a folder, the room's cohort is empty."""
    cohort = room_cohort(tmp_path / "nobody")
    assert cohort.shares == ()
    assert cohort_report(cohort, as_of=POOLED_ON)["overall"] == {"suppressed": True}


# -- the sample cohort -----------------------------------------------------------------------------


def test_the_sample_cohort_is_labelled_made_up_and_always_the_same() -> None:
    """`sample_cohort` says it is synthetic in the cohort, the report, its note and its text,
    and gives the same report every time."""
    cohort = sample_cohort()
    assert cohort.synthetic and len(cohort.shares) == 12
    assert all("synthetic" in s.source for s in cohort.shares)
    pooled = cohort_report(cohort, as_of=POOLED_ON)
    assert pooled["cohort"]["synthetic"] is True
    assert "made-up" in pooled["note"] and "synthetic" in pooled["note"]
    assert "(made-up sample data)" in text_report(pooled)
    assert cohort_report(sample_cohort(), as_of=POOLED_ON) == pooled
    assert cohort_report(sample_cohort(seed=1), as_of=POOLED_ON) != pooled
    assert not cohort_report(hand_cohort(), as_of=POOLED_ON)["cohort"]["synthetic"]
    assert "made-up" not in cohort_report(hand_cohort(), as_of=POOLED_ON)["note"]


# -- the schema ------------------------------------------------------------------------------------


@pytest.mark.parametrize("min_group", [1, 3, 7])
def test_pooled_reports_follow_the_schema(min_group: int) -> None:
    """Shown, partly hidden or all hidden, a pooled report validates against the schema."""
    for cohort in (hand_cohort(), sample_cohort(), clustered()):
        validate(cohort_report(cohort, min_group=min_group, as_of=POOLED_ON))


def test_the_schema_refuses_a_hidden_group_with_figures() -> None:
    """A hidden group that leaks a count is not a valid pooled report."""
    pooled = cohort_report(hand_cohort(), min_group=3, as_of=POOLED_ON)
    leaked = json.loads(json.dumps(pooled))
    hidden = next(g for g in leaked["by_channel"] if g["suppressed"])
    hidden["contacts"] = 37
    with pytest.raises(jsonschema.ValidationError):
        validate(leaked)


# -- workbook cohort -------------------------------------------------------------------------------


def cohort_folder(tmp_path: Path, count: int = 6) -> Path:
    folder = tmp_path / "shares"
    folder.mkdir()
    for n in range(count):
        (folder / f"p{n}.csv").write_bytes(hand_share(n))
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        status = main(["cohort", *args])
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cohort_json_is_the_pooled_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbook cohort FOLDER --json` prints `cohort_report` of the folder, and says on stderr
    how many files it pooled."""
    folder = cohort_folder(tmp_path)
    status, out, err = run(capsys, str(folder), "--json", "--min-group", "3")
    assert status == 0
    printed = json.loads(out)
    validate(printed)
    expected = cohort_report(read_cohort(folder), min_group=3, as_of=dt.date.today())
    printed.pop("as_of"), expected.pop("as_of")
    assert printed == json.loads(json.dumps(expected))
    assert f"Pooled 6 shared files from {folder} (0 skipped, 0 replaced)." in err


def test_cohort_text_names_skipped_and_replaced_files_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad files are named on stderr, one line each, an earlier share as replaced; the report
    of the rest is printed and the status is 0."""
    folder = mixed_folder(tmp_path)
    (folder / "good-1-again.csv").write_bytes(hand_share(0).replace(b"\nshare,1\n", b"\nshare,2\n"))
    status, out, err = run(capsys, str(folder), "--min-group", "1")
    assert status == 0
    skipped = [line for line in err.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 6
    assert any(line.startswith("skipped corrupt.csv:5: column 'channel'") for line in skipped)
    assert "replaced good-1.csv: good-1-again.csv is a newer share" in err
    assert "(6 skipped, 1 replaced)" in err
    assert out.startswith("Pooled response rates of a group on ")
    assert (
        "From the shares of 2 participants, the newest of each; of the other files, 6 skipped"
        in out
    )


def test_cohort_shows_control_characters_of_file_names_as_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """File names a participant chose are printed with their control characters escaped in
    the skipped and replaced lines (an escape cannot clear the facilitator's screen), and
    with their letters as they are."""
    folder = tmp_path / "shares"
    folder.mkdir()
    (folder / "\x1b[2Jclear.csv").write_bytes(b"not a share\n")
    (folder / "old\x9b31m-é.csv").write_bytes(hand_share(0))
    (folder / "new\x07-é.csv").write_bytes(hand_share(0).replace(b"\nshare,1\n", b"\nshare,2\n"))
    status, _, err = run(capsys, str(folder), "--min-group", "1")
    assert status == 0
    assert not any(char in err for char in "\x1b\x9b\x07")
    assert "skipped \\x1b[2Jclear.csv:1: is not a shared file" in err
    assert "replaced old\\x9b31m-é.csv: new\\x07-é.csv is a newer share" in err


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--min-group", "0"], "--min-group"),
        (["--min-group", "x"], "--min-group"),
        (["--window", "0"], "--window"),
    ],
)
def test_bad_cohort_options_are_named(
    args: list[str], named: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad option ends with status 2 and one line naming it."""
    status, out, err = run(capsys, str(cohort_folder(tmp_path)), *args)
    assert status == 2 and out == ""
    assert named in err and err.count("\n") == 1 and "Traceback" not in err


def test_cohort_hides_groups_under_min_group_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --min-group, groups under MIN_GROUP participants are hidden, as --help says."""
    status, out, _ = run(capsys, str(cohort_folder(tmp_path)), "--json")
    assert status == 0 and json.loads(out)["cohort"]["min_group"] == MIN_GROUP
    with pytest.raises(SystemExit):
        main(["cohort", "--help"])
    assert f"(default {MIN_GROUP})" in " ".join(capsys.readouterr().out.split())


def test_a_folder_without_a_valid_file_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder with no valid shared file: its bad files named, then one error line, status 2."""
    folder = tmp_path / "nothing-good"
    folder.mkdir()
    (folder / "empty.csv").write_bytes(b"")
    status, out, err = run(capsys, str(folder))
    assert status == 2 and out == ""
    assert err.splitlines() == [
        "skipped empty.csv: is empty (not a shared file)",
        f"workbook cohort: error: FOLDER: no valid shared file in {folder} to pool",
    ]
    (folder / "empty.csv").unlink()
    status, out, err = run(capsys, str(folder))
    assert (status, out) == (2, "")
    assert err == f"workbook cohort: error: FOLDER: no valid shared file in {folder} to pool\n"


def unreadable(monkeypatch: pytest.MonkeyPatch, error: OSError) -> None:
    """Make every folder fail to list with `error` (the tests may run as root, whom
    permissions do not stop)."""

    def refuse(folder: Path) -> Any:
        raise error

    monkeypatch.setattr(Path, "iterdir", refuse)


def test_read_cohort_names_a_folder_it_cannot_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that is missing, a file, under a file, or unreadable: one `CohortFolderError`
    (a ValueError) line naming it and what is wrong."""
    (tmp_path / "one.csv").write_bytes(hand_share(0))
    for given, message in (
        (tmp_path / "nowhere", f"there is no folder at {tmp_path / 'nowhere'}"),
        (tmp_path / "one.csv", f"{tmp_path / 'one.csv'} is a file, not a folder"),
        (tmp_path / "one.csv" / "x", f"there is no folder at {tmp_path / 'one.csv' / 'x'}"),
    ):
        with pytest.raises(CohortFolderError, match=f"^{re.escape(message)}$"):
            read_cohort(str(given))
    assert issubclass(CohortFolderError, ValueError)
    unreadable(monkeypatch, PermissionError(13, "Permission denied"))
    with pytest.raises(CohortFolderError, match=r" cannot be read \(Permission denied\)$"):
        read_cohort(tmp_path)
    unreadable(monkeypatch, OSError("the disk went away"))
    with pytest.raises(CohortFolderError, match=r" cannot be read \(the disk went away\)$"):
        read_cohort(tmp_path)


@pytest.mark.parametrize(
    ("what", "wrong"),
    [
        ("missing", "there is no folder at {path}"),
        ("a file", "{path} is a file, not a folder"),
        ("unreadable", "{path} cannot be read (Permission denied)"),
    ],
)
def test_folder_must_be_a_folder(
    what: str,
    wrong: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A FOLDER that is missing, a file or unreadable: one line naming FOLDER and what is
    wrong, status 2."""
    path = tmp_path / what
    if what == "a file":
        path.write_bytes(hand_share(0))
    if what == "unreadable":
        path.mkdir()
        unreadable(monkeypatch, PermissionError(13, "Permission denied"))
    status, out, err = run(capsys, str(path))
    assert status == 2 and out == ""
    assert err == f"workbook cohort: error: FOLDER: {wrong.format(path=path)}\n"


@pytest.mark.parametrize(("option", "value"), [("window", 0), ("min_group", 0), ("window", -3)])
def test_cohort_report_refuses_a_window_or_min_group_under_one(option: str, value: int) -> None:
    """`cohort_report` raises a ValueError naming the argument for a window or min_group
    under 1."""
    expected = f"^cohort_report: {option} must be 1 or more, not {value}$"
    with pytest.raises(ValueError, match=expected):
        cohort_report(hand_cohort(), as_of=POOLED_ON, **{option: value})


def test_cohort_min_group_goes_down_to_one_and_its_help_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--min-group 1` shows every group (for the facilitator's own screen), and --help says
    the projected page never goes under MIN_GROUP."""
    status, out, _ = run(capsys, str(cohort_folder(tmp_path)), "--json", "--min-group", "1")
    assert status == 0
    pooled = json.loads(out)
    assert not any(group["suppressed"] for by in GROUPINGS for group in pooled[f"by_{by}"])
    with pytest.raises(SystemExit):
        main(["cohort", "--help"])
    assert f"the projected page never goes under {MIN_GROUP}" in " ".join(
        capsys.readouterr().out.split()
    )


def test_cohort_out_writes_a_page_without_hidden_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--out writes one self-contained page in which the hidden groups show no figure."""
    out = tmp_path / "cohort.html"
    status, printed, err = run(
        capsys, str(cohort_folder(tmp_path)), "--min-group", "3", "--out", str(out)
    )
    assert status == 0 and printed == "" and f"Wrote {out}" in err
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "data:image/png;base64," in page
    assert "http://" not in page and "https://" not in page
    assert "Pooled follow-up response rates of the group" in page
    page = re.sub(r"base64,[^\"]*", "", page)
    assert not re.search(r"\b(37|29)\b", page)  # the letters' contacts and answers
    assert re.search(r'<th scope="row">letter</th><td colspan="8">hidden', page)


@pytest.mark.parametrize("where", ["no-such-folder/cohort.html", "a-folder"])
def test_cohort_out_that_cannot_be_written_is_named(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--out in a missing folder or onto a folder: one line naming --out, status 2, and no
    partial file left behind."""
    folder = cohort_folder(tmp_path)
    (tmp_path / "a-folder").mkdir()
    before = sorted(tmp_path.rglob("*"))
    status, _, err = run(capsys, str(folder), "--out", str(tmp_path / where))
    assert status == 2
    assert err.splitlines()[-1].startswith("workbook cohort: error: --out: cannot write")
    assert "Traceback" not in err
    assert sorted(tmp_path.rglob("*")) == before


def test_cohort_out_names_a_reason_even_without_strerror(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An OSError with no system reason is named by its message, never as '(None)'."""
    from workbook.home import files

    def fail(path: Path, data: bytes) -> None:
        raise OSError("the disk went away")

    monkeypatch.setattr(files, "write_atomically", fail)
    out = tmp_path / "cohort.html"
    status, _, err = run(capsys, str(cohort_folder(tmp_path)), "--out", str(out))
    assert status == 2 and "(None)" not in err
    assert err.splitlines()[-1] == (
        f"workbook cohort: error: --out: cannot write {out} (the disk went away)"
    )


def test_bootstrap_draws_are_a_fixed_array_for_a_seed() -> None:
    """The resampling draws count each participant, `count` draws per resample."""
    from workbook.analysis.cohort import resample

    draws = resample(7, resamples=50, seed=3)
    assert draws.shape == (50, 7) and np.all(draws.sum(axis=1) == 7)
    assert np.array_equal(draws, resample(7, resamples=50, seed=3))
