"""The learner's answers in the notebooks, kept in one JSON file under the data folder.

Widget state does not survive a kernel restart, so every answer is written here as the learner
types and read back when a notebook opens. Writes are atomic (a temporary file renamed over the
old one), so a crash never leaves half a file; a file that cannot be read is set aside, never
deleted, and the learner starts afresh.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from workbook.home.folders import home

from workbook.home.files import write_atomically

__all__ = ["FILE_NAME", "load_answers", "save_answers"]

FILE_NAME = "answers.json"
_FORMAT = "followup-workbook-answers"
_VERSION = 1


def _path(path: Path | None) -> Path:
    return path if path is not None else home() / FILE_NAME


def load_answers(path: Path | None = None) -> dict[str, Any]:
    """The saved answers, or an empty dict when there are none yet.

    A file that is not a valid answers file is renamed to `answers.json.unreadable-<time>` so
    nothing is lost, and the learner starts with empty answers.
    """
    path = _path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        data = None
    if isinstance(data, dict) and data.get("format") == _FORMAT:
        answers = data.get("answers")
        if isinstance(answers, dict):
            return answers
    path.replace(path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d%H%M%S')}"))
    return {}


def save_answers(answers: dict[str, Any], path: Path | None = None) -> None:
    """Write all answers at once, atomically."""
    text = json.dumps(
        {"format": _FORMAT, "version": _VERSION, "answers": answers},
        ensure_ascii=False, indent=1, sort_keys=True,
    )  # fmt: skip
    write_atomically(_path(path), text.encode("utf-8"))
