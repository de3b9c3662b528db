"""The shared file: what `workbook share` keeps and removes, its format, the participant id kept
in the tracker, reading good and bad files, and a room participant's consent."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests import make_v0_tracker
from workbook.analysis.cohort import cohort_report, pool
from workbook.analysis.sample import generate_contacts
from workbook.analysis.share import (
    COLUMNS,
    KEPT,
    PARTICIPANT_SETTING,
    REMOVED,
    SHARES_SETTING,
    NothingToShareError,
    read_shared,
    read_shares,
    room_share,
    set_sharing_with_room,
    share_tracker,
    sharing_with_room,
)
from workbook.cli import main
from workbook.model import Channel, Kind, NextStep, Outcome, Response
from workbook.tables.canonical_csv import MAX_PROBLEMS, CsvError
from workbook.tracker.store import SCHEMA_VERSION, Tracker

DATA = Path(__file__).parent / "data" / "share"
TODAY = dt.date(2026, 11, 20)
HEADER = ",".join(COLUMNS)
HEAD = f"followup-workbook-share,1\nparticipant,0123456789abcdef\nshare,3\n{HEADER}\n"
ROW = "0123456789ab,true,thank-you,email,false,0,41,1,positive\n"

# Personal data of the kind a learner keeps, in every text column of the tracker. None of it
# can occur by chance in a shared file: each word of it has a letter that is not a hex digit.
PERSONAL = {
    "application_id": "kestrelworks-qx-bristol",
    "company": "Kestrel Works Ltd",
    "role": "Senior Quayside Logistician",
    "job_ref": "REF-QX-88213",
    "contact_name": "Zoë Quigley-Ramírez",
    "contact_detail": "zquigley@kestrelworks.example",
    "interviewers": "Wojciech Szymański; Ngozi Okonkwo-Blythe",
    "notes": "Ring +44 7700 900123 before Thursday; parking round the Harrowgate yard",
}
SECOND = {
    "application_id": "brightwater-nursery-yorkshire",
    "company": "Brightwater Nursery Growers",
    "role": "Glasshouse Horticulturist",
    "job_ref": "BWN/2026/JOBS-4471",
    "contact_name": "Mr Haruki Yoshimura",
    "contact_detail": "+44 (0)113 496 0732",
    "interviewers": "Priyanka Venkataraman",
    "notes": "Salary £27,400; mentioned my gap year in Tromsø",
}


def personal_tracker(path: Path) -> Path:
    """A tracker with personal data in every text column, two applications, rounds (one
    without a contact) and answered and unanswered contacts."""
    with Tracker(path) as tracker:
        for fields, people_facing in ((PERSONAL, True), (SECOND, False)):
            application = tracker.add_application(
                fields["company"],
                fields["role"],
                people_facing=people_facing,
                outcome=Outcome.REJECTED,
                applied_date=dt.date(2026, 9, 14),
                job_ref=fields["job_ref"],
                contact_name=fields["contact_name"],
                contact_detail=fields["contact_detail"],
                application_id=fields["application_id"],
            )
            first = tracker.add_round(
                application,
                dt.date(2026, 10, 1),
                next_step=NextStep.DECISION_DATE,
                interviewers=fields["interviewers"],
                notes=fields["notes"],
            )
            tracker.add_round(
                application,
                dt.date(2026, 11, 3),
                interviewers=fields["interviewers"],
                notes=fields["notes"],
            )
            thanks = tracker.add_contact(
                first, dt.date(2026, 10, 1), Channel.EMAIL, kind=Kind.THANK_YOU
            )
            tracker.log_response(thanks, dt.date(2026, 10, 2), Response.POSITIVE)
            tracker.add_contact(first, dt.date(2026, 10, 9), Channel.PHONE, new_info=True)
    return path


def words(text: str) -> set[str]:
    """The case-folded words of `text` longer than 3 characters that hex ids cannot hold."""
    found = re.findall(r"\w+", text.casefold())
    return {word for word in found if len(word) > 3 and re.search(r"[^0-9a-f]", word)}


def assert_anonymous(data: bytes) -> None:
    """No personal string, no word of one, no date in the file's bytes."""
    text = data.decode("utf-8")
    folded = text.casefold()
    for fields in (PERSONAL, SECOND):
        for value in fields.values():
            assert value.casefold() not in folded
            for word in words(value):
                assert word not in folded, word
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{2,4}", text)


def lines(data: bytes) -> list[str]:
    return data.decode("utf-8").split("\n")


# -- what a share keeps --------------------------------------------------------------------------


def test_a_share_holds_no_name_address_number_note_or_date(tmp_path: Path) -> None:
    """Sharing a tracker full of personal data leaves none of it, nor any date, in the file."""
    db = personal_tracker(tmp_path / "tracker.db")
    with Tracker(db) as tracker:
        shared = share_tracker(tracker, today=TODAY)
    assert shared.contacts == 4 and shared.applications == 2
    assert_anonymous(shared.encode())


def test_workbook_share_writes_an_anonymous_file_and_says_what_it_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbook share` writes an anonymous file and prints what it kept and what it removed."""
    db = personal_tracker(tmp_path / "tracker.db")
    out = tmp_path / "my-share.csv"
    assert main(["share", "--db", str(db), "--out", str(out)]) == 0
    assert_anonymous(out.read_bytes())
    printed = capsys.readouterr().out
    assert f"Wrote {out}" in printed
    assert "4 contacts of 2 applications, as share 1" in printed
    for item in (*KEPT, *REMOVED):
        assert item in printed
    assert "Kept, for each contact:" in printed and "Removed:" in printed
    assert read_shared(out).contacts == 4


def test_every_cell_is_a_number_a_flag_a_word_or_a_hex_id(tmp_path: Path) -> None:
    """No cell of a shared file can hold text a spreadsheet would run as a formula."""
    db = personal_tracker(tmp_path / "tracker.db")
    with Tracker(db) as tracker:
        tracker.merge(generate_contacts(300, seed=5))  # with contacts dated after `today`
        data = share_tracker(tracker, today=dt.date(2026, 6, 1)).encode()
    words = "thank-you|follow-up|second-follow-up|email|phone|letter|linkedin|text|in-person"
    cell = re.compile(
        rf"|-?\d+|true|false|{words}|other|positive|neutral|negative|[0-9a-f]{{12}}|[0-9a-f]{{16}}"
        r"|followup-workbook-share|participant|share|" + "|".join(COLUMNS)
    )
    cells = [c for line in lines(data) for c in line.split(",")]
    assert all(cell.fullmatch(c) for c in cells), [c for c in cells if not cell.fullmatch(c)]
    formula_like = [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert formula_like and all(re.fullmatch(r"-\d+", c) for c in formula_like)
    rows = read_shared(io.BytesIO(data), "share").rows
    assert (rows["age"] < 0).any() and (rows["sent_after"] >= 0).all()


# -- the format ----------------------------------------------------------------------------------


def hand_made(path: Path) -> Path:
    """One application, interviewed on 1 November: a thank-you the next day answered three days
    later, an unanswered follow-up on the 15th, and a follow-up dated after the day of sharing."""
    with Tracker(path) as tracker:
        application = tracker.add_application("Kestrel Works Ltd", people_facing=True)
        interview = tracker.add_round(application, dt.date(2026, 11, 1))
        thanks = tracker.add_contact(
            interview, dt.date(2026, 11, 2), Channel.EMAIL, kind=Kind.THANK_YOU
        )
        tracker.log_response(thanks, dt.date(2026, 11, 5), Response.NEUTRAL)
        tracker.add_contact(interview, dt.date(2026, 11, 15), Channel.PHONE, new_info=True)
        tracker.add_contact(
            interview, dt.date(2026, 11, 25), Channel.LETTER, kind=Kind.SECOND_FOLLOW_UP
        )
    return path


def test_the_file_starts_with_format_participant_and_share_lines(tmp_path: Path) -> None:
    """The first lines name the format and version, a 16-hex participant and the share number,
    then the header; the file ends with one newline."""
    with Tracker(hand_made(tmp_path / "t.db")) as tracker:
        data = share_tracker(tracker, today=TODAY).encode()
    first, participant, share, header, *rows, last = lines(data)
    assert first == "followup-workbook-share,1"
    assert re.fullmatch(r"participant,[0-9a-f]{16}", participant)
    assert share == "share,1"
    assert header == HEADER
    assert len(rows) == 3 and last == ""
    assert b"\r" not in data


def test_day_counts_replace_the_dates(tmp_path: Path) -> None:
    """`sent_after`, `age` and `answered_after` are the days between the tracker's dates, with
    the day of sharing as `age`'s anchor (negative for a contact dated later)."""
    with Tracker(hand_made(tmp_path / "t.db")) as tracker:
        shared = share_tracker(tracker, today=TODAY)
    rows = shared.rows.sort_values("age", ascending=False)
    days = rows[["kind", "channel", "sent_after", "age", "answered_after", "response"]]
    assert days.astype(object).where(days.notna(), None).values.tolist() == [
        ["thank-you", "email", 1, 18, 3, "neutral"],
        ["follow-up", "phone", 14, 5, None, ""],
        ["second-follow-up", "letter", 24, -5, None, ""],
    ]
    assert rows["people_facing"].all() and rows["new_info"].tolist() == [False, True, False]
    assert rows["application"].nunique() == 1


def test_a_contact_pending_on_the_day_of_sharing_stays_pending_when_pooled(
    tmp_path: Path,
) -> None:
    """Pooled on any later day, the share counts as the learner's tracker did on the day it was
    shared: the answered thank-you answered, the recent follow-ups pending."""
    with Tracker(hand_made(tmp_path / "t.db")) as tracker:
        shared = share_tracker(tracker, today=TODAY)
    later = cohort_report(pool([shared]), min_group=1, as_of=dt.date(2027, 3, 1))
    overall = later["overall"]
    assert (overall["contacts"], overall["answered"], overall["pending"]) == (3, 1, 2)
    assert overall["rate"] == 1.0


def test_a_share_round_trips_through_its_file(tmp_path: Path) -> None:
    """Written and read back, a share has the same participant, number and rows."""
    with Tracker(tmp_path / "t.db") as tracker:
        tracker.merge(generate_contacts(200, seed=3))
        shared = share_tracker(tracker, today=TODAY)
    path = tmp_path / "share.csv"
    path.write_bytes(shared.encode())
    back = read_shared(path)
    assert (back.participant, back.number, back.version) == (shared.participant, 1, 1)
    assert back.source == str(path)
    pd.testing.assert_frame_equal(back.rows, shared.rows, check_categorical=False)
    assert back.encode() == shared.encode()


def test_the_participant_id_is_made_once_and_shares_are_numbered(tmp_path: Path) -> None:
    """Two shares of one tracker have one participant id, numbers 1 and 2, and new random
    application ids each time."""
    with Tracker(tmp_path / "t.db") as tracker:
        tracker.merge(generate_contacts(60, seed=4))
        first = share_tracker(tracker, today=TODAY)
        second = share_tracker(tracker, today=TODAY)
        assert tracker.setting(PARTICIPANT_SETTING) == first.participant
        assert tracker.setting(SHARES_SETTING) == "2"
    with Tracker(tmp_path / "t.db") as reopened:
        assert share_tracker(reopened, today=TODAY).number == 3
    assert first.participant == second.participant
    assert (first.number, second.number) == (1, 2)
    assert not set(first.rows["application"]) & set(second.rows["application"])
    assert len(first.rows) == len(second.rows)


def test_two_trackers_get_different_participant_ids(tmp_path: Path) -> None:
    """Each tracker's participant id is its own."""
    ids = set()
    for n in range(2):
        with Tracker(hand_made(tmp_path / f"{n}.db")) as tracker:
            ids.add(share_tracker(tracker, today=TODAY).participant)
    assert len(ids) == 2


# -- workbook share's errors ---------------------------------------------------------------------


@pytest.mark.parametrize("where", ["missing-folder/share.csv", "a-folder"])
def test_a_failed_write_records_nothing_and_leaves_no_file(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """When the file cannot be written, the tracker keeps no participant id or share count, no
    partial file is left, and one line naming --out ends with status 2."""
    db = hand_made(tmp_path / "t.db")
    (tmp_path / "a-folder").mkdir()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert main(["share", "--db", str(db), "--out", str(tmp_path / where)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("workbook share: error: --out: cannot write")
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    with Tracker(db) as tracker:
        assert tracker.setting(SHARES_SETTING) is None
        assert tracker.setting(PARTICIPANT_SETTING) is None
    after = sorted(p.name for p in tmp_path.rglob("*") if not p.name.startswith("t.db"))
    assert after == [name for name in before if not name.startswith("t.db")]
    assert main(["share", "--db", str(db), "--out", str(tmp_path / "ok.csv")]) == 0
    assert read_shared(tmp_path / "ok.csv").number == 1  # the failed one was not counted


@pytest.mark.parametrize("content", [None, b"not a database, just some words\n" * 20])
def test_share_without_a_tracker_says_so_in_one_line(
    content: bytes | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A --db that is missing or not a tracker: one line naming it, status 2, nothing written."""
    db = tmp_path / "tracker.db"
    if content is not None:
        db.write_bytes(content)
    out = tmp_path / "share.csv"
    assert main(["share", "--db", str(db), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbook share: error: ") and str(db) in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()
    assert content is not None or not db.exists()  # a missing tracker is not created


def test_share_needs_out(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --out, `workbook share` says --out is required."""
    with pytest.raises(SystemExit) as exit_:
        main(["share"])
    assert exit_.value.code == 2
    assert "--out" in capsys.readouterr().err


def interviews_only(path: Path) -> Path:
    """A tracker with an application and an interview, but no contact yet."""
    with Tracker(path) as tracker:
        application = tracker.add_application("Kestrel Works Ltd", people_facing=True)
        tracker.add_round(application, dt.date(2026, 11, 1))
    return path


def test_a_tracker_without_contacts_is_refused_and_nothing_is_recorded(tmp_path: Path) -> None:
    """Sharing a tracker with no contact raises NothingToShareError (a ValueError), and no
    participant id or share number is used up."""
    with Tracker(interviews_only(tmp_path / "t.db")) as tracker:
        with pytest.raises(NothingToShareError, match="no contacts"):
            share_tracker(tracker, today=TODAY)
        assert issubclass(NothingToShareError, ValueError)
        assert tracker.setting(PARTICIPANT_SETTING) is None
        assert tracker.setting(SHARES_SETTING) is None


def test_workbook_share_of_a_tracker_without_contacts_is_one_line_and_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbook share` of a tracker with no contact says so in one line naming it, ends with
    status 2, writes no file and records no share."""
    db = interviews_only(tmp_path / "t.db")
    out = tmp_path / "share.csv"
    assert main(["share", "--db", str(db), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"workbook share: error: no contacts in {db} yet: log a thank-you or a follow-up first\n"
    )
    assert not out.exists()
    with Tracker(db) as tracker:
        assert tracker.setting(SHARES_SETTING) is None
        assert tracker.setting(PARTICIPANT_SETTING) is None


# -- reading -------------------------------------------------------------------------------------


def test_a_version_0_file_is_read_without_a_participant() -> None:
    """The first format (no participant or share line) is still read, as nobody's in particular."""
    shared = read_shared(DATA / "version-0.csv")
    assert shared.version == 0 and shared.participant is None and shared.number == 0
    assert shared.contacts == 4 and shared.applications == 2
    assert shared.rows["answered_after"].isna().sum() == 2
    assert shared.rows["age"].tolist() == [30, 25, 12, 3]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


BAD = {
    "empty": (b"", "empty.csv: is empty"),
    "a tracker export": (
        b"application_id,company,role,people_facing\nkestrel,Kestrel Works,Driver,false\n",
        "a tracker export.csv:1: is not a shared file",
    ),
    "binary": (bytes(range(256)) * 8, "binary.csv:1: is not a shared file"),
    "utf-16": ((HEAD + ROW).encode("utf-16"), "utf-16.csv:1: is not a shared file"),
    "version 2": (
        b"followup-workbook-share,2\nparticipant,0123456789abcdef\nsomething,new\n",
        "version 2.csv:1: is a shared file of version 2, newer than this workbook reads",
    ),
    "no participant": (
        HEAD.replace("participant,0123456789abcdef", "participant,Zoe").encode(),
        "no participant.csv:2: value 'participant,Zoe' is not the participant line",
    ),
    "no share line": (
        HEAD.replace("share,3", "share,third").encode(),
        "no share line.csv:3: value 'share,third' is not the share line",
    ),
    "wrong header": (
        (HEAD.replace(",response\n", ",tone\n") + ROW).encode(),
        "wrong header.csv:4: value 'application,",
    ),
    "pigeon": (
        (HEAD + ROW + ROW.replace("email", "pigeon")).encode(),
        "pigeon.csv:6: column 'channel': value 'pigeon' is not a channel",
    ),
    "negative": (
        (HEAD + ROW.replace(",0,41,", ",-2,41,")).encode(),
        "negative.csv:5: column 'sent_after': value '-2' is below 0",
    ),
    "half a day": (
        (HEAD + ROW.replace(",0,41,", ",0,41.5,")).encode(),
        "half a day.csv:5: column 'age': value '41.5' is not a whole number of days",
    ),
    "no age": (
        (HEAD + ROW.replace(",0,41,", ",0,,")).encode(),
        "no age.csv:5: column 'age': value '' is empty",
    ),
    "not hex": (
        (HEAD + ROW + ROW.replace("0123456789ab", "Zoe-Quigley1")).encode(),
        "not hex.csv:6: column 'application': value 'Zoe-Quigley1' is not an application id",
    ),
    "tone without day": (
        (HEAD + ROW.replace(",1,positive", ",,positive")).encode(),
        "tone without day.csv:5: column 'response': value 'positive' has no answered_after",
    ),
    "maybe": (
        (HEAD + ROW.replace("true", "maybe")).encode(),
        "maybe.csv:5: column 'people_facing': value 'maybe' is not true or false",
    ),
    "extra cell": (
        (HEAD + ROW.replace("positive", "positive,Zoe")).encode(),
        "extra cell.csv:5: has 10 cells, but the header names 9 columns",
    ),
    "extra cells later": (
        (HEAD + ROW + ROW.replace("positive", "positive,Zoe,Quigley")).encode(),
        "extra cells later.csv:6: has 11 cells, but the header names 9 columns",
    ),
    "short row": (
        (HEAD + ROW + "0123456789ab,true,thank-you\n").encode(),
        "short row.csv:6: column 'channel': value '' is not a channel",
    ),
    "blank line": (
        (HEAD + ROW + "\n" + ROW + "\n\n").encode(),
        "blank line.csv:6: is a blank line (a shared file has none between its rows)",
    ),
    "quoted line break": (
        (HEAD + ROW + '0123456789ab,true,"thank-\nyou",email,false,0,41,1,positive\n').encode(),
        "quoted line break.csv: has a line break inside a cell",
    ),
}


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_file_is_refused_naming_what_and_where(name: str, tmp_path: Path) -> None:
    """Each kind of bad file raises a CsvError naming the file, and the line and column at
    fault where there is one; read with good files, it fails alone."""
    data, expected = BAD[name]
    path = write(tmp_path, f"{name}.csv", data)
    with pytest.raises(CsvError) as error:
        read_shared(path, path.name)
    assert error.value.source == path.name
    assert str(error.value).startswith(expected), str(error.value)
    good = write(tmp_path, "good.csv", (HEAD + ROW).encode())
    shares, errors = read_shares([("good", good), (path.name, path), ("good again", good)])
    assert [s.source for s in shares] == ["good", "good again"]
    assert [e.source for e in errors] == [path.name]
    assert str(errors[0]) == str(error.value)


def test_many_problems_are_counted_and_the_first_listed() -> None:
    """A file with a problem on every row lists the first ones by line and counts them all."""
    data = (HEAD + ROW.replace("email", "pigeon") * (MAX_PROBLEMS + 7)).encode()
    with pytest.raises(CsvError) as error:
        read_shared(io.BytesIO(data), "pigeons")
    assert error.value.total == MAX_PROBLEMS + 7
    found = [problem.line for problem in error.value.problems]
    assert found == list(range(5, 5 + MAX_PROBLEMS))
    assert str(error.value).endswith(f"... and 7 more (the first {MAX_PROBLEMS} are shown)")


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + (HEAD + ROW).encode(),
        (HEAD + ROW + ROW.replace("0123456789ab", "ba9876543210")).replace("\n", "\r\n").encode(),
        (HEAD + ROW).rstrip("\n").encode(),
        (HEAD + ROW.replace("true", "TRUE").replace("false", "False")).encode(),
        HEAD.replace("\n", ",,,,,,,,\n", 3).encode() + ROW.encode(),
    ],
    ids=["byte order mark", "CRLF", "no final newline", "spreadsheet TRUE", "padded lines"],
)
def test_what_an_editor_or_spreadsheet_changes_is_accepted(data: bytes) -> None:
    """A file saved again by an editor or a spreadsheet (BOM, CRLF, no final newline, TRUE,
    short lines padded with commas) reads as the same share."""
    shared = read_shared(io.BytesIO(data), "resaved")
    assert (shared.participant, shared.number) == ("0123456789abcdef", 3)
    first = shared.rows.iloc[0]
    assert first["people_facing"] is True or bool(first["people_facing"])
    assert (first["channel"], first["age"], first["answered_after"]) == ("email", 41, 1)
    assert set(shared.rows["response"]) == {"positive"}


def test_a_file_with_no_contacts_is_a_share_of_none() -> None:
    """A header without rows, even followed by blank lines, is a valid share of no contacts."""
    for data in (HEAD, HEAD + "\n\n", HEAD.replace("\n", "\r\n") + "\r\n"):
        shared = read_shared(io.BytesIO(data.encode()), "none")
        assert shared.contacts == 0 and shared.applications == 0


@pytest.mark.parametrize("ending", ["\n", "\n\n\n", "\r\n", "\r\n\r\n", "\n\r\n"])
@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_blank_lines_at_the_end_are_no_rows(ending: str, line_end: str) -> None:
    """Blank lines an editor adds at the end of a share (LF or CRLF) leave it reading the same
    as without them."""
    table = HEAD + ROW + ROW.replace("0123456789ab", "ba9876543210")
    plain = read_shared(io.BytesIO(table.replace("\n", line_end).encode()), "plain")
    padded = read_shared(io.BytesIO((table.replace("\n", line_end) + ending).encode()), "padded")
    assert (padded.participant, padded.number) == (plain.participant, plain.number)
    pd.testing.assert_frame_equal(padded.rows, plain.rows)


def test_a_blank_line_between_rows_is_one_problem_naming_its_line() -> None:
    """A blank line in the middle of the table is refused as one problem on its line, not as
    one per column; a bad row after it is still named."""
    data = (HEAD + ROW + "\n" + ROW.replace("email", "pigeon") + "\n").encode()
    with pytest.raises(CsvError) as error:
        read_shared(io.BytesIO(data), "gap.csv")
    assert [str(line) for line in error.value.lines()] == [
        "gap.csv:6: is a blank line (a shared file has none between its rows)",
        "gap.csv:7: column 'channel': value 'pigeon' is not a channel (expected one of: "
        + ", ".join(c.value for c in Channel)
        + ")",
    ]


def test_a_missing_file_or_a_folder_is_named(tmp_path: Path) -> None:
    """A path that is no file is refused with why."""
    shares, errors = read_shares([("gone", tmp_path / "gone.csv"), ("folder", tmp_path)])
    assert shares == []
    assert [str(e) for e in errors] == ["gone: no such file", "folder: is a folder, not a file"]


# -- the room --------------------------------------------------------------------------------------


def test_room_consent_is_no_until_yes_and_can_be_taken_back(tmp_path: Path) -> None:
    """A room participant's tracker is not shared until they say yes, and no longer once they
    say no again; their yes keeps one participant id."""
    with Tracker(hand_made(tmp_path / "t.db")) as tracker:
        assert not sharing_with_room(tracker)
        assert room_share(tracker, today=TODAY) is None
        set_sharing_with_room(tracker, True)
        assert sharing_with_room(tracker)
        shared = room_share(tracker, today=TODAY)
        assert shared is not None and shared.contacts == 3
        assert shared.participant == tracker.setting(PARTICIPANT_SETTING)
        assert tracker.setting(SHARES_SETTING) is None  # reading it records nothing
        set_sharing_with_room(tracker, False)
        assert not sharing_with_room(tracker)
        assert room_share(tracker, today=TODAY) is None
        set_sharing_with_room(tracker, True)
        again = room_share(tracker, today=TODAY)
    with Tracker(tmp_path / "t.db") as reopened:
        assert sharing_with_room(reopened)
    assert again is not None and again.participant == shared.participant


def test_a_room_yes_without_contacts_is_no_share(tmp_path: Path) -> None:
    """A participant who said yes but has no contact yet gives the room nothing to pool."""
    with Tracker(interviews_only(tmp_path / "t.db")) as tracker:
        set_sharing_with_room(tracker, True)
        assert room_share(tracker, today=TODAY) is None
        assert tracker.setting(SHARES_SETTING) is None


def test_an_old_tracker_is_migrated_and_can_be_shared(tmp_path: Path) -> None:
    """A version-0 tracker opens in the current layout with its contacts, and can be shared both
    ways."""
    path = tmp_path / "old.db"
    shutil.copy(make_v0_tracker.PATH, path)
    with Tracker(path) as tracker:
        assert tracker.version == SCHEMA_VERSION
        assert tracker.setting(PARTICIPANT_SETTING) is None
        set_sharing_with_room(tracker, True)
        in_room = room_share(tracker, today=TODAY)
        shared = share_tracker(tracker, today=TODAY)
    assert in_room is not None and in_room.contacts == len(make_v0_tracker.CONTACTS)
    assert shared.participant == in_room.participant and shared.number == 1
    assert shared.contacts == len(make_v0_tracker.CONTACTS)
    text = shared.encode().decode("utf-8")
    assert "Acme" not in text and "Müller" not in text and "Formula" not in text
