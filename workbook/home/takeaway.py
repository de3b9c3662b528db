"""The plan's take-away files, written into the learner's workspace.

One folder per plan (`exports/<company>-<role>-<date>/`) holds the Markdown plan, the calendar
file, a printable page and one `.eml` draft per email, all written atomically. The folder is
inside the workspace so JupyterLab's file browser shows it, and under the data folder like
everything personal.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from workbook.home.folders import workspace

from workbook.home.files import write_atomically
from workbook.model import Plan
from workbook.rules import exports

__all__ = ["MEDIA_TYPES", "plan_files", "plan_folder", "save_plan_files", "write_plan_files"]

MEDIA_TYPES = {
    ".md": "text/markdown;charset=utf-8",
    ".ics": "text/calendar;charset=utf-8",
    ".html": "text/html;charset=utf-8",
    ".eml": "message/rfc822",
}
"""The media type of each kind of take-away file, for a download link."""


def plan_folder(plan: Plan, root: Path | None = None) -> Path:
    """Where a plan's files go: a readable, file-system-safe name under `exports/`."""
    interview = plan.interview
    name = f"{interview.company}-{interview.role}-{interview.date.isoformat()}".lower()
    slug = re.sub(r"[^a-z0-9]+", "-", name).strip("-")[:80] or "plan"
    return (root or workspace() / "exports") / slug


def plan_files(plan: Plan, now: dt.datetime) -> dict[str, bytes]:
    """Every take-away file of `plan` by name, the Markdown plan first; `now` stamps the
    calendar file."""
    return {
        "plan.md": exports.to_markdown(plan).encode("utf-8"),
        "plan.ics": exports.to_ics(plan, now),
        "plan.html": exports.to_html(plan).encode("utf-8"),
        **exports.eml_files(plan),
    }


def write_plan_files(plan: Plan, now: dt.datetime, root: Path | None = None) -> list[Path]:
    """Write every take-away file of `plan`; returns their paths, the Markdown plan first."""
    return save_plan_files(plan, plan_files(plan, now), root)


def save_plan_files(plan: Plan, files: dict[str, bytes], root: Path | None = None) -> list[Path]:
    """Write `files` (from `plan_files`) into `plan`'s folder, replacing what was there."""
    folder = plan_folder(plan, root)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.eml"):
        if stale.name not in files:
            stale.unlink()  # a step that left the plan leaves no draft behind
    for name, data in files.items():
        write_atomically(folder / name, data)
    return [folder / name for name in files]
