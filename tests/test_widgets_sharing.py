"""The analysis page's sharing step, driven without a browser: click, then read the tracker,
the HTML and the file offered for download."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from pathlib import Path

import ipywidgets as w
import pytest

from tests.widget_tree import every, find, one
from workbook.analysis.cohort import room_cohort
from workbook.analysis.share import (
    PARTICIPANT_SETTING,
    SHARES_SETTING,
    read_shared,
    sharing_with_room,
)
from workbook.home.room import PARTICIPANT_COOKIE, add_codes
from workbook.model import Channel, Kind
from workbook.tracker.store import Tracker
from workbook.widgets import TrackerModel, share_results
from workbook.widgets.results.sharing import SHARED_FILE_NAME

TODAY = dt.date(2026, 11, 26)
PRIVATE = ("Kestrel Works", "Night Shift Lead", "Zoë Quigley")


def html_of(view: w.Widget) -> str:
    return "".join(widget.value for widget in every(view) if isinstance(widget, w.HTML))


def shown(widget: w.Widget) -> bool:
    return bool(widget.layout.display != "none")


def log_two_contacts(db: Path) -> None:
    with Tracker(db) as tracker:
        application = tracker.add_application(
            "Kestrel Works", "Night Shift Lead", people_facing=True
        )
        key = tracker.add_round(application, dt.date(2026, 11, 2), interviewers="Zoë Quigley")
        tracker.add_contact(key, dt.date(2026, 11, 3), Channel.EMAIL, kind=Kind.THANK_YOU)
        tracker.add_contact(key, dt.date(2026, 11, 10), Channel.PHONE, kind=Kind.FOLLOW_UP)


@pytest.fixture
def in_room(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A room participant's kernel: their code on the register and in the page's cookie."""
    (code,) = add_codes(1)
    monkeypatch.setenv("WORKBOOK_ROOM", "1")
    monkeypatch.setenv("HTTP_COOKIE", f"{PARTICIPANT_COOKIE}={code}")
    folder = isolated_home / "participants" / code
    folder.mkdir(parents=True)
    return folder


def test_the_step_lists_what_is_kept_and_what_is_left_out(isolated_home: Path) -> None:
    """Before anything is shared, the page says what a share keeps and what it leaves out."""
    text = html_of(share_results(TrackerModel(today=TODAY)))
    assert "What is kept" in text and "What is left out" in text
    assert "interviewers, contact names, email addresses, phone numbers" in text


def test_the_anonymous_file_holds_the_contacts_and_nothing_personal(isolated_home: Path) -> None:
    """'Make my anonymous file' offers a shared file of the tracker's contacts that names no
    company, role, person or date, not even in the file's name."""
    log_two_contacts(isolated_home / "tracker.db")
    view = share_results(TrackerModel(today=TODAY))
    one(view, "wb-share-file").click()
    text = html_of(view)
    link = re.search(r'download="([^"]+)" href="data:text/csv;charset=utf-8;base64,([^"]+)"', text)
    assert link is not None and link[1] == SHARED_FILE_NAME == "my-shared-contacts.csv"
    data = base64.b64decode(link[2])
    shared = read_shared(io.BytesIO(data), link[1])
    assert shared.contacts == 2 and shared.number == 1
    assert list(shared.rows["sent_after"]) == [1, 8]
    assert "2 contacts of 1 application" in text
    for private in (*PRIVATE, "2026-11"):
        assert private.encode() not in data
    assert not any(private in text for private in PRIVATE)


def test_with_no_contact_yet_there_is_nothing_to_download(isolated_home: Path) -> None:
    """Before the tracker exists, the page gets a calm sentence instead of an empty file, and
    no tracker file is made."""
    view = share_results(TrackerModel(today=TODAY))
    one(view, "wb-share-file").click()
    assert "no contacts yet" in html_of(view)
    assert "data:text/csv" not in html_of(view) and 'role="alert"' not in html_of(view)
    assert not (isolated_home / "tracker.db").exists()


def test_a_tracker_with_interviews_but_no_contact_records_no_share(isolated_home: Path) -> None:
    """A tracker with an interview but no contact gets the same calm sentence, and neither a
    participant id nor a share number is recorded in it."""
    db = isolated_home / "tracker.db"
    with Tracker(db) as tracker:
        application = tracker.add_application("Kestrel Works", people_facing=True)
        tracker.add_round(application, dt.date(2026, 11, 2))
    view = share_results(TrackerModel(today=TODAY))
    one(view, "wb-share-file").click()
    assert "no contacts yet" in html_of(view) and "Could not" not in html_of(view)
    assert "data:text/csv" not in html_of(view)
    with Tracker(db) as tracker:
        assert tracker.setting(PARTICIPANT_SETTING) is None
        assert tracker.setting(SHARES_SETTING) is None


def test_a_tracker_that_cannot_be_read_is_said_instead_of_a_file(isolated_home: Path) -> None:
    """A damaged tracker file gets why it cannot be read, as an alert, instead of 'no contacts
    yet' or a file, and the file is left as it was."""
    db = isolated_home / "tracker.db"
    db.write_bytes(b"this is not a tracker" * 100)
    view = share_results(TrackerModel(today=TODAY))
    one(view, "wb-share-file").click()
    text = html_of(view)
    assert '<p role="alert">Your tracker cannot be read: ' in text
    assert "no contacts yet" not in text and "data:text/csv" not in text
    assert db.read_bytes() == b"this is not a tracker" * 100


def test_outside_a_room_there_is_no_question_for_the_facilitator(isolated_home: Path) -> None:
    """On a learner's own computer the page only offers the file: there is no room to join."""
    view = share_results(TrackerModel(today=TODAY))
    assert find(view, "wb-share-room") == [] and find(view, "wb-share-stop") == []
    assert one(view, "wb-share-file").description == "Make my anonymous file"


def test_in_a_room_a_participant_chooses_and_can_stop(in_room: Path) -> None:
    """In a room a participant starts not sharing; 'Share my results with the group' puts their
    tracker in the facilitator's pooled view and 'Stop sharing' takes it out again."""
    log_two_contacts(in_room / "tracker.db")
    model = TrackerModel(today=TODAY)
    view = share_results(model)
    share, stop = one(view, "wb-share-room"), one(view, "wb-share-stop")
    assert "You are not sharing" in html_of(view)
    assert shown(share) and not shown(stop)
    assert room_cohort(today=TODAY).shares == ()

    share.click()
    assert "You are sharing" in html_of(view)
    assert shown(stop) and not shown(share)
    with Tracker(in_room / "tracker.db") as tracker:
        assert sharing_with_room(tracker)
    (pooled,) = room_cohort(today=TODAY).shares
    assert pooled.contacts == 2

    stop.click()
    assert "You are not sharing" in html_of(view)
    assert room_cohort(today=TODAY).shares == ()


def test_a_tracker_that_cannot_be_read_is_said_and_nothing_is_shared(in_room: Path) -> None:
    """In a room, a damaged tracker file gets why it cannot be read instead of 'You are not
    sharing', with no button to press; pressed anyway, it gets a message instead of a
    traceback, and the facilitator's view leaves it out."""
    (in_room / "tracker.db").write_bytes(b"this is not a tracker" * 100)
    view = share_results(TrackerModel(today=TODAY))
    share, stop = one(view, "wb-share-room"), one(view, "wb-share-stop")
    assert '<p role="alert">Your tracker cannot be read: ' in html_of(view)
    assert "You are not sharing" not in html_of(view)
    assert not shown(share) and not shown(stop)
    share.click()
    assert "could not change whether you share" in html_of(view).lower()
    assert "Traceback" not in html_of(view)
    assert room_cohort(today=TODAY).shares == ()


def test_in_a_room_a_yes_without_contacts_is_not_pooled(in_room: Path) -> None:
    """A participant who says yes before logging any contact is not counted in the
    facilitator's view until they have one."""
    db = in_room / "tracker.db"
    with Tracker(db) as tracker:
        application = tracker.add_application("Kestrel Works", people_facing=True)
        tracker.add_round(application, dt.date(2026, 11, 2))
    view = share_results(TrackerModel(today=TODAY))
    one(view, "wb-share-room").click()
    assert "You are sharing" in html_of(view)
    assert room_cohort(today=TODAY).shares == ()
