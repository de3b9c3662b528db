"""Where a learner's data lives: `WORKBOOK_HOME`, else the platform's user data folder.

Nothing personal is ever written inside the repository or the installed package; every file the
workbook writes for a learner is under `home()`.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["home", "workspace"]


def home() -> Path:
    """The one root of the learner's data, created on first use."""
    configured = os.environ.get("WORKBOOK_HOME", "").strip()
    if configured:
        root = Path(configured).expanduser()
    else:
        from platformdirs import user_data_path

        root = user_data_path("followup-workbook", appauthor=False)
    root.mkdir(parents=True, exist_ok=True)
    return root


def workspace() -> Path:
    """The folder JupyterLab opens on: the learner's copies of the notebooks and their exports."""
    folder = home() / "workspace"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
