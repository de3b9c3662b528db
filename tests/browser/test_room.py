"""The app serving a workshop room, in a real browser: only codes on the room's register open
the workbook, each participant has answers of their own, takes their tracker home, and deletes
their data without touching anyone else's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import servers
from tests.browser.servers import Server, axe_violations, saved
from workbook.home.room import add_codes
from workbook.model import Channel
from workbook.tracker.store import Tracker


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Server]:
    """`workbook app --room`, kept on this computer for the test (`--ip 127.0.0.1`)."""
    root = tmp_path_factory.mktemp("room")
    with servers.running("app", root, "/", "--room", "--ip", "127.0.0.1") as server:
        yield server


@pytest.fixture(scope="module")
def codes(room: Server) -> list[str]:
    """Two codes on the room's register, made while the app runs (as a facilitator may)."""
    return add_codes(2, root=room.home)


def serious(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def new_browser(browser: Any) -> Any:
    """A participant's own browser (no cookie shared with anyone else's)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def type_code(page: Any, code: str) -> None:
    page.get_by_label("Your code").fill(code)
    page.get_by_role("button", name="Start").click()


def join(browser: Any, room: Server, code: str) -> Any:
    """A participant's own browser: open the room's address and type `code`."""
    page = new_browser(browser)
    page.goto(room.url("/"))
    page.wait_for_url("**/voila/render/00-start.ipynb")
    type_code(page, code)
    page.wait_for_function(servers.PAGE_READY, timeout=60_000)
    return page


def company_on_intro(page: Any, room: Server, typed: str | None = None) -> str:
    servers.open_app_page(page, room, "01-intro.ipynb")
    return servers.company_typed(page, typed)


def test_a_code_not_on_the_register_is_refused_and_nothing_is_shown(
    room: Server, codes: list[str], browser: Any
) -> None:
    """The first page asks for a code (an accessible form, and no page behind it); a code that
    is not a code, or not on the register, is refused with a plain sentence, no page runs for
    it and no data folder is made."""
    from playwright.sync_api import expect

    page = new_browser(browser)
    page.goto(room.url("/voila/render/01-intro.ipynb"))
    page.get_by_label("Your code").wait_for()
    assert not serious(axe_violations(page))
    type_code(page, "-no good!")
    expect(page.locator("#wb-code-problem")).to_contain_text("letters, digits and dashes")
    type_code(page, "Maple Otter 1000")
    expect(page.locator("#wb-code-unknown")).to_contain_text(
        "The code maple-otter-1000 is not on this room's list"
    )
    assert page.get_by_label("Your code").input_value() == "maple-otter-1000"
    assert not serious(axe_violations(page))
    assert page.locator("#rendered_cells, .wb-exercise, .wb-app-header").count() == 0
    assert "workbook_participant" not in {c["name"] for c in page.context.cookies()}
    assert not (room.home / "participants" / "maple-otter-1000").exists()
    page.context.close()


def test_each_participant_keeps_their_own_answers(
    room: Server, codes: list[str], browser: Any
) -> None:
    """After a registered code (typed as on a card, any case or spacing) the header shows it;
    answers typed under one code are not seen under another, and come back with it."""
    from playwright.sync_api import expect

    ana_code, ben_code = codes
    ana = join(browser, room, ana_code.upper().replace("-", " "))
    expect(ana.locator(".wb-participant")).to_contain_text(ana_code)
    expect(ana.locator(".wb-progress")).to_contain_text("0 of 8 sections done")
    company_on_intro(ana, room, "Ana's Bakery")
    folder = room.home / "participants" / ana_code
    assert saved(folder / "answers.json", "Ana's Bakery")

    ben = join(browser, room, ben_code)
    assert company_on_intro(ben, room) == ""
    company_on_intro(ben, room, "Ben's Garage")

    assert company_on_intro(ana, room) == "Ana's Bakery"
    assert company_on_intro(ben, room) == "Ben's Garage"
    assert not (room.home / "answers.json").exists()  # nothing in the facilitator's own folder
    ana.context.close()
    ben.context.close()


def test_a_participant_takes_their_tracker_home_then_deletes_only_their_data(
    room: Server, codes: list[str], browser: Any
) -> None:
    """ "Download my tracker" gives the participant's tracker as a CSV file; "Delete all my
    data" removes their folder, while the other participant's data stays."""
    from playwright.sync_api import expect

    ana_code, ben_code = codes
    with Tracker(room.home / "participants" / ana_code / "tracker.db") as tracker:
        round_ = tracker.add_round(tracker.add_application("Ana's Bakery"), dt.date(2026, 11, 2))
        tracker.add_contact(round_, dt.date(2026, 11, 9), Channel.EMAIL)
    (room.home / "participants" / ben_code).mkdir(parents=True, exist_ok=True)
    (room.home / "participants" / ben_code / "answers.json").write_text("{}", encoding="utf-8")

    ana = join(browser, room, ana_code)
    servers.open_app_page(ana, room, "10-tracker.ipynb")
    ana.locator(".wb-download-tracker").click()
    link = ana.locator(".wb-tracker-file a.wb-download")
    expect(link).to_be_visible()
    with ana.expect_download() as arrival:
        link.click()
    assert arrival.value.suggested_filename.startswith("my-tracker-")
    csv = Path(arrival.value.path()).read_text(encoding="utf-8")
    assert csv.startswith("application_id,company,") and "Ana's Bakery" in csv

    servers.open_app_page(ana, room, "00-start.ipynb")
    ana.locator(".wb-delete").click()
    ana.locator(".wb-delete-confirm").click()
    expect(ana.locator(".wb-start")).to_contain_text("You are starting afresh")
    assert not (room.home / "participants" / ana_code / "tracker.db").exists()
    assert (room.home / "participants" / ben_code / "answers.json").exists()
    ana.context.close()


def test_a_participant_shares_with_the_group_and_can_stop(
    room: Server, codes: list[str], browser: Any
) -> None:
    """On the analysis page, "Share my results with the group" puts the participant's contacts,
    anonymised, in the facilitator's pooled view of the room, and "Stop sharing" takes them out;
    the pooled view holds no company or code."""
    from playwright.sync_api import expect

    from workbook.analysis.cohort import cohort_report, room_cohort

    _, ben_code = codes
    with Tracker(room.home / "participants" / ben_code / "tracker.db") as tracker:
        round_ = tracker.add_round(tracker.add_application("Ben's Garage"), dt.date(2026, 11, 2))
        tracker.add_contact(round_, dt.date(2026, 11, 3), Channel.EMAIL)
        tracker.add_contact(round_, dt.date(2026, 11, 10), Channel.PHONE)
    assert room_cohort(room.home).shares == ()

    ben = join(browser, room, ben_code)
    servers.open_app_page(ben, room, "11-analysis.ipynb")
    share = ben.get_by_role("button", name="Share my results with the group")
    share.scroll_into_view_if_needed()
    expect(ben.locator(".wb-share")).to_contain_text("You are not sharing")
    share.click()
    expect(ben.locator(".wb-share")).to_contain_text("You are sharing")
    (pooled,) = room_cohort(room.home).shares
    assert pooled.contacts == 2
    report = str(cohort_report(room_cohort(room.home), min_group=1))
    assert "Ben" not in report and ben_code not in report

    ben.get_by_role("button", name="Stop sharing").click()
    expect(ben.locator(".wb-share")).to_contain_text("You are not sharing")
    assert room_cohort(room.home).shares == ()
    ben.context.close()
