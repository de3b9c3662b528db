"""The learner's own folder: `home()`, the workspace JupyterLab opens on, and forgetting it all.

Outside a room the folder is the data root itself (`workbook.home.roots`). In a workshop room
(`workbook app --room`) one computer serves every participant, so each participant's data lives
in `participants/<code>` under that root, for the code the room admitted
(`workbook.home.room.participant`); a kernel without an admitted code keeps no data at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from workbook.home.room import participant
from workbook.home.roots import data_root

__all__ = ["forget_everything", "home", "workspace"]


def home() -> Path:
    """The one root of the learner's data (in a room, this participant's), created on first
    use."""
    root = data_root()
    code = participant()
    if code is not None:
        root = root / "participants" / code
    root.mkdir(parents=True, exist_ok=True)
    return root


def workspace() -> Path:
    """The folder JupyterLab opens on: the learner's copies of the notebooks and their exports."""
    folder = home() / "workspace"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def forget_everything() -> list[Path]:
    """Delete all the learner's data: answers, tracker, exports. The workbook's own notebooks
    in the workspace stay, so the learner can start again. In a room, the participant's whole
    folder goes (their notebooks are the facilitator's), and nobody else's. Returns what was
    removed."""
    root = home()
    if participant() is not None:
        removed = sorted(root.iterdir())
        shutil.rmtree(root)
        return removed
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
