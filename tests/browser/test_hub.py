"""JupyterHub for a group larger than one computer's room, in a real browser: with the
configuration `workbook hub-config` prints, each user who logs in lands on the workbook app (no
code anywhere) in a data folder of their own, never sees another user's answers, and a server
nobody uses is stopped by the hub's idle-culler service. The hub runs on 127.0.0.1 only, with a
stand-in login and spawner (`tests.browser.hub`), and is stopped with everything it started.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.hub import ACTIVITY_SECONDS, Hub, hub_missing, log_in, running_hub
from tests.browser.servers import PAGE_READY, company_typed, page_problems, saved
from workbook.hub import CULLER, cull_every

IDLE_TIMEOUT = 45
"""Seconds without use before the culler stops a server: short for the test, long enough that a
user waiting while the other logs in is not stopped in the middle of it."""


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Hub]:
    """JupyterHub with the configuration `workbook hub-config` prints, a short idle timeout."""
    problem = hub_missing()
    if problem:
        pytest.skip(f"hub test skipped: {problem}")
    with running_hub(tmp_path_factory.mktemp("hub"), IDLE_TIMEOUT) as running:
        yield running


def open_page(page: Any, hub: Hub, user: str, name: str) -> None:
    page.goto(hub.url(f"/user/{user}/voila/render/{name}"))
    page.wait_for_function(PAGE_READY, timeout=60_000)


def company_on_intro(page: Any, hub: Hub, user: str, typed: str | None = None) -> str:
    """The company on the user's intro page, after typing `typed` there if given."""
    open_page(page, hub, user, "01-intro.ipynb")
    return company_typed(page, typed)


def test_each_user_gets_the_app_and_keeps_their_own_answers(hub: Hub, browser: Any) -> None:
    """Logging in opens the user's own server on the workbook's start page, code hidden and no
    JupyterLab behind it; an answer one user types is kept in their own data folder, and the
    other user sees neither it nor the first user's server."""
    ana = log_in(browser, hub, "ana")
    assert ana.url == hub.url("/user/ana/voila/render/00-start.ipynb")
    assert not page_problems(ana, "The Follow-up Workbook")
    assert ana.goto(hub.url("/user/ana/lab")).status == 404
    assert ana.goto(hub.url("/user/ana/terminals/1")).status == 404
    company_on_intro(ana, hub, "ana", "Ana's Bakery")
    assert saved(hub.data_folder("ana") / "answers.json", "Ana's Bakery")

    ben = log_in(browser, hub, "ben")
    assert not page_problems(ben, "The Follow-up Workbook")
    assert company_on_intro(ben, hub, "ben") == ""
    company_on_intro(ben, hub, "ben", "Ben's Garage")
    assert saved(hub.data_folder("ben") / "answers.json", "Ben's Garage")
    assert "Ana's Bakery" not in (hub.data_folder("ben") / "answers.json").read_text("utf-8")
    elsewhere = ben.goto(hub.url("/user/ana/voila/render/01-intro.ipynb"))
    assert elsewhere.status == 403
    assert "Ana's Bakery" not in ben.content()

    assert company_on_intro(ana, hub, "ana") == "Ana's Bakery"
    assert "Ben's Garage" not in (hub.data_folder("ana") / "answers.json").read_text("utf-8")
    assert not (hub.root / "homes" / "ana" / "answers.json").exists()
    ana.context.close()
    ben.context.close()


def test_a_server_nobody_uses_is_stopped_by_the_culler(hub: Hub, browser: Any) -> None:
    """The hub runs jupyterhub-idle-culler as a service with the configured timeout; a user's
    server left unused for that long is stopped, and what the user typed stays in their data
    folder for their next login."""
    services = hub.api("/services")
    assert services[CULLER]["command"][1:] == [
        "-m",
        "jupyterhub_idle_culler",
        f"--timeout={IDLE_TIMEOUT}",
        f"--cull-every={cull_every(IDLE_TIMEOUT)}",
    ]
    cy = log_in(browser, hub, "cy")
    company_on_intro(cy, hub, "cy", "Cy's Café")
    assert saved(hub.data_folder("cy") / "answers.json", "Cy's Café")
    assert hub.api("/users/cy")["servers"][""]["ready"]
    cy.context.close()
    left = time.monotonic()
    deadline = left + IDLE_TIMEOUT + 2 * cull_every(IDLE_TIMEOUT) + 30
    while hub.api("/users/cy")["servers"] and time.monotonic() < deadline:
        time.sleep(1)
    assert not hub.api("/users/cy")["servers"], "the idle server was not stopped in time"
    assert "Culling server cy " in hub.output()
    assert time.monotonic() - left >= IDLE_TIMEOUT - ACTIVITY_SECONDS - 5
    assert "Cy's Café" in (hub.data_folder("cy") / "answers.json").read_text(encoding="utf-8")
