"""Where a learner's data lives: `WORKBOOK_HOME`, else the platform's user data folder.

Nothing personal is ever written inside the repository or the installed package; every file the
workbook writes for a learner is under `home()`.

In a workshop room (`workbook app --room`) one computer serves every participant, so each
participant's data lives in a folder of their own, `participants/<code>` under that root: the
app sets `WORKBOOK_ROOM` for its kernels, and passes each page's cookies to the kernel that
runs it (`HTTP_COOKIE`), among them the code the participant typed in.
"""

from __future__ import annotations

import os
import re
import shutil
from http.cookies import CookieError, SimpleCookie
from pathlib import Path

__all__ = [
    "NO_CODE",
    "PARTICIPANT_COOKIE",
    "forget_everything",
    "home",
    "participant",
    "valid_code",
    "workspace",
]

PARTICIPANT_COOKIE = "workbook_participant"
NO_CODE = "_no-code"
"""The folder of a page opened in a room before its participant gave a code (no code can be
this name, so nobody's answers go there)."""
_CODE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


def valid_code(code: str) -> bool:
    """A participant code is 1 to 40 lower-case letters, digits and dashes, not starting with
    a dash: safe as a folder name."""
    return _CODE.fullmatch(code) is not None


def participant() -> str | None:
    """In a workshop room, the code of the participant this kernel works for (`NO_CODE` when
    their page has none yet); outside a room, None."""
    if not os.environ.get("WORKBOOK_ROOM"):
        return None
    cookies: SimpleCookie = SimpleCookie()
    try:
        cookies.load(os.environ.get("HTTP_COOKIE", ""))
    except CookieError:
        return NO_CODE
    morsel = cookies.get(PARTICIPANT_COOKIE)
    code = morsel.value.strip().lower() if morsel is not None else ""
    return code if valid_code(code) else NO_CODE


def home() -> Path:
    """The one root of the learner's data (in a room, this participant's), created on first
    use."""
    configured = os.environ.get("WORKBOOK_HOME", "").strip()
    if configured:
        root = Path(configured).expanduser()
    else:
        from platformdirs import user_data_path

        root = user_data_path("followup-workbook", appauthor=False)
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
