"""Where a learner's data lives: `WORKBOOK_HOME`, else the platform's user data folder.

Nothing personal is ever written inside the repository or the installed package; every file the
workbook writes for a learner is under `home()`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

__all__ = ["forget_everything", "home", "workspace"]


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


def forget_everything() -> list[Path]:
    """Delete all the learner's data: answers, tracker, exports. The workbook's own notebooks
    in the workspace stay, so the learner can start again. Returns what was removed."""
    root = home()
    removed = [p for p in root.iterdir() if p.name != "workspace"]
    exports = root / "workspace" / "exports"
    if exports.exists():
        removed.append(exports)
    for path in removed:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    return removed
