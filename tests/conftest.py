"""Every test runs with the learner's data, Jupyter's and matplotlib's folders in a temporary
place, so nothing a test does can touch a real learner's files or this repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from tests.sandbox import ISOLATED_FOLDERS

os.environ["MPLBACKEND"] = "Agg"  # charts draw off-screen in tests; notebooks keep their own

settings.register_profile("shared-machine", deadline=None)
settings.load_profile("shared-machine")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every data and configuration folder at a fresh temporary folder."""
    for variable, name in ISOLATED_FOLDERS.items():
        folder = tmp_path / name
        folder.mkdir()
        monkeypatch.setenv(variable, str(folder))
    return tmp_path / "workbook-home"
