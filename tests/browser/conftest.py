"""Fixtures of the browser tests: Chromium driven by Playwright, and servers to drive it at.

Every test in this folder is marked `browser`. When Chromium, Playwright or axe-core is missing
(a machine where `make test` could not install them), each test is skipped with the reason, so
the run says so and never passes them silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import servers

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium, or a skip that says what is missing."""
    problem = servers.missing()
    if problem:
        pytest.skip(f"browser tests skipped: {problem}")
    with servers.browser() as launched:
        yield launched


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser tab at a laptop's size, that fails the test on any dialog (an alert
    from typed text would be one) and keeps the page's JavaScript errors."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    dialogs: list[str] = []
    errors: list[str] = []

    def refuse(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", refuse)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.dialogs, tab.errors = dialogs, errors
    yield tab
    context.close()
    assert not dialogs, f"the page opened a dialog: {dialogs}"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[servers.Server]:
    """`workbook app`, as a facilitator starts it, on a fresh data folder."""
    with servers.running("app", tmp_path_factory.mktemp("app"), ready="/") as server:
        yield server


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[servers.Server]:
    """`workbook lab`, as a learner starts it, on a fresh data folder."""
    with servers.running("lab", tmp_path_factory.mktemp("lab"), ready="/api/status") as server:
        yield server
