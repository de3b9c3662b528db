"""Where a learner's data lives: `WORKBOOK_HOME`, else the platform's user data folder.

Nothing personal is ever written inside the repository or the installed package; every file the
workbook writes for a learner is under `home()`.

In a workshop room (`workbook app --room`) one computer serves every participant, so each
participant's data lives in a folder of their own, `participants/<code>` under that root: the
app sets `WORKBOOK_ROOM` for its kernels, and passes each page's cookies to the kernel that
runs it (`HTTP_COOKIE`), among them the code the participant typed in. Only a code on the room's
register (`workbook.data.room`) has a folder; a kernel without one keeps no data at all.
"""

from __future__ import annotations

import os
import re
import shutil
from http.cookies import CookieError, SimpleCookie
from pathlib import Path

from workbook.model import WorkbookError

__all__ = [
    "PARTICIPANT_COOKIE",
    "NotAdmittedError",
    "data_root",
    "forget_everything",
    "home",
    "in_room",
    "participant",
    "valid_code",
    "workspace",
]

PARTICIPANT_COOKIE = "workbook_participant"
_CODE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


class NotAdmittedError(WorkbookError, RuntimeError):
    """In a workshop room, a page whose participant code is not on the room's register: it has
    no data folder, so it can neither show nor keep anybody's answers."""

    def __init__(self) -> None:
        super().__init__(
            "this page has no participant code on the room's list, so it keeps no data: reload "
            "it and type the code your facilitator gave you"
        )


def valid_code(code: str) -> bool:
    """A participant code is 1 to 40 lower-case letters, digits and dashes, not starting with
    a dash: safe as a folder name."""
    return _CODE.fullmatch(code) is not None


def in_room() -> bool:
    """Whether this process serves a workshop room (`workbook app --room` and its kernels)."""
    return bool(os.environ.get("WORKBOOK_ROOM"))


def participant() -> str | None:
    """In a workshop room, the code of the participant this kernel works for, read from its
    page's cookie; outside a room, None. In a room, a page whose code is not on the room's
    register raises `NotAdmittedError`."""
    if not in_room():
        return None
    from workbook.data.room import registered_code

    cookies: SimpleCookie = SimpleCookie()
    try:
        cookies.load(os.environ.get("HTTP_COOKIE", ""))
    except CookieError:
        raise NotAdmittedError() from None
    morsel = cookies.get(PARTICIPANT_COOKIE)
    code = registered_code(morsel.value if morsel is not None else None)
    if code is None:
        raise NotAdmittedError()
    return code


def data_root() -> Path:
    """`WORKBOOK_HOME`, else the platform's user data folder: the learner's data, or in a room
    the facilitator's (the register, and every participant's folder under it). Not created."""
    configured = os.environ.get("WORKBOOK_HOME", "").strip()
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_path

    return user_data_path("followup-workbook", appauthor=False)


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
