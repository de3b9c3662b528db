"""What the browser tests need, and the reason they give when it is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import servers
from tests.sandbox import ISOLATED_FOLDERS


def test_what_is_missing_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without Chromium or axe-core the browser tests are skipped with a reason that says what
    is missing and how to install it, never silently."""
    monkeypatch.setattr(servers, "chromium", lambda: None)
    reason = servers.missing()
    assert reason and "Chromium is not installed" in reason and "apt-get" in reason
    monkeypatch.setattr(servers, "chromium", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(servers, "AXE", tmp_path / "axe.min.js")
    reason = servers.missing()
    assert reason and "axe-core is not installed" in reason and "npm ci" in reason


def test_servers_get_their_own_folders_and_this_checkout(tmp_path: Path) -> None:
    """A server's data and configuration folders are all under its temporary folder, and its
    kernels import this checkout's `workbook`."""
    env = servers.isolated_env(tmp_path)
    for variable in ISOLATED_FOLDERS:
        assert Path(env[variable]).parent == tmp_path
    assert env["PYTHONPATH"] == str(servers.REPO)
