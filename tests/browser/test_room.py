"""The app serving a workshop room, in a real browser: two participants, each with a code,
each with answers of their own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import servers
from tests.browser.servers import Server, axe_violations


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Server]:
    """`workbook app --room`, kept on this computer for the test (`--ip 127.0.0.1`)."""
    root = tmp_path_factory.mktemp("room")
    with servers.running("app", root, "/", "--room", "--ip", "127.0.0.1") as server:
        yield server


def join(browser: Any, room: Server, code: str) -> Any:
    """A participant's own browser: open the room's address and type `code`."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(room.url("/"))
    page.wait_for_url("**/voila/render/00-start.ipynb")
    page.get_by_label("Your code").fill(code)
    page.get_by_role("button", name="Start").click()
    page.wait_for_function(servers.PAGE_READY, timeout=60_000)
    return page


def company_on_intro(page: Any, room: Server, typed: str | None = None) -> str:
    servers.open_app_page(page, room, "01-intro.ipynb")
    field = page.locator(".wb-input-company input")
    if typed is not None:
        field.fill(typed)
        field.press("Tab")
        page.locator(".wb-plan").filter(has_text="fill in").wait_for()
    return str(field.input_value())


def test_each_participant_keeps_their_own_answers(room: Server, browser: Any) -> None:
    """The first page asks for a code (an accessible form); after it, the header shows the code,
    and answers typed under one code are not seen under another, and come back with it."""
    ana = join(browser, room, "Table2-Ana")
    from playwright.sync_api import expect

    expect(ana.locator(".wb-participant")).to_contain_text("table2-ana")
    expect(ana.locator(".wb-progress")).to_contain_text("0 of 8 sections done")
    company_on_intro(ana, room, "Ana's Bakery")
    folder = room.home / "participants" / "table2-ana"
    assert "Ana's Bakery" in (folder / "answers.json").read_text(encoding="utf-8")

    ben = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    ben.goto(room.url("/voila/render/01-intro.ipynb"))
    ben.get_by_label("Your code").wait_for()
    assert not [v for v in axe_violations(ben) if v["impact"] in ("serious", "critical")]
    ben.get_by_label("Your code").fill("-no good")
    ben.get_by_role("button", name="Start").click()
    expect(ben.get_by_role("alert")).to_contain_text("letters, digits and dashes")
    ben.get_by_label("Your code").fill("table3-ben")
    ben.get_by_role("button", name="Start").click()
    ben.wait_for_function(servers.PAGE_READY, timeout=60_000)
    assert ben.locator(".wb-input-company input").input_value() == ""
    company_on_intro(ben, room, "Ben's Garage")

    assert company_on_intro(ana, room) == "Ana's Bakery"
    assert company_on_intro(ben, room) == "Ben's Garage"
    assert not (room.home / "answers.json").exists()  # nothing in the facilitator's own folder
