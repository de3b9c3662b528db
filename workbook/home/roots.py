"""Where the workbook keeps its data: `WORKBOOK_HOME`, else the platform's user data folder.

The bottom of the learner's-folder tier: it knows where data lives and whether this process
serves a workshop room, and nothing about who is admitted (`workbook.home.room`) or how a
learner's folder is laid out (`workbook.home.folders`). Nothing personal is ever written inside
the repository or the installed package.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_root", "in_room"]


def in_room() -> bool:
    """Whether this process serves a workshop room (`workbook app --room` and its kernels)."""
    return bool(os.environ.get("WORKBOOK_ROOM"))


def data_root() -> Path:
    """`WORKBOOK_HOME`, else the platform's user data folder: the learner's data, or in a room
    the facilitator's (the register, and every participant's folder under it). Not created."""
    configured = os.environ.get("WORKBOOK_HOME", "").strip()
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_path

    return user_data_path("followup-workbook", appauthor=False)
