"""The learner's copies of the workbook's notebooks, in the workspace JupyterLab opens on.

The notebooks ship inside the package (`workbook/notebooks` in a wheel) or sit in the
repository's `notebooks/` folder (a clone or an editable install). `sync_workspace` copies them
into `workspace()` the first time and keeps a record of what it copied, so that a later run can
tell a notebook the learner changed from one they only used:

- a notebook the learner has not changed is replaced by a newer packaged version;
- a notebook the learner changed is never overwritten: the newer version is put beside it, as
  `<name> (new version).ipynb` (that copy is the workbook's, replaced by any later version);
- a notebook missing from the workspace is copied again.

"Changed" means its cells' text changed. Running a notebook saves outputs into it, and that alone
does not count as a change, so a learner who only ran the cells still gets updates.

`notebook_pages` lists the workspace's notebooks in the order a learner takes them, with their
titles: the one list every face's navigation is built from, so a notebook added to the workbook
appears in it without a change anywhere else.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from workbook.home.folders import workspace

from workbook.home.files import write_atomically

__all__ = [
    "RECORD_NAME",
    "Page",
    "SyncReport",
    "fingerprint",
    "notebook_pages",
    "packaged_notebooks",
    "sync_workspace",
]

RECORD_NAME = ".workbook-copies.json"
_FORMAT = "followup-workbook-copies"


def packaged_notebooks() -> Traversable | None:
    """The folder of notebooks that came with this copy of the workbook, or None if missing.

    An installed wheel carries them as `workbook/notebooks`; in a clone they are the
    repository's `notebooks/` folder, beside the package.
    """
    inside = resources.files("workbook") / "notebooks"
    if inside.is_dir():
        return inside
    beside = Path(__file__).resolve().parents[2] / "notebooks"
    return beside if beside.is_dir() else None


def fingerprint(data: bytes) -> str:
    """A sha256 of what a learner can change in a notebook: its cells' kinds and text.

    Outputs, execution counts and metadata are left out. Bytes that are not a notebook are
    fingerprinted whole.
    """
    try:
        content = []
        for cell in json.loads(data.decode("utf-8"))["cells"]:
            source = cell.get("source", "")
            content.append([cell["cell_type"], "".join(source)])  # a string or a list of lines
        data = json.dumps(content, ensure_ascii=False).encode("utf-8")
    except (UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError):
        pass
    return hashlib.sha256(data).hexdigest()


@dataclass
class SyncReport:
    """What `sync_workspace` did, notebook by notebook."""

    folder: Path
    copied: list[str] = field(default_factory=list)
    """Copied for the first time, or again because the learner's copy was missing."""
    updated: list[str] = field(default_factory=list)
    """Replaced by a newer version; the learner had not changed them."""
    beside: dict[str, str] = field(default_factory=dict)
    """Changed by the learner and kept; the newer version was saved under the second name."""
    unchanged: list[str] = field(default_factory=list)
    found: bool = True
    """False when this copy of the workbook has no notebooks to copy."""

    def lines(self) -> list[str]:
        """The report in plain sentences, one per line; nothing when nothing changed."""
        said = []
        if not self.found:
            said.append("The workbook's notebooks were not found in this installation.")
        if self.copied:
            said.append(f"Copied {len(self.copied)} notebook(s) into {self.folder}.")
        if self.updated:
            said.append(f"Updated to the newest version: {', '.join(self.updated)}.")
        for name, new in self.beside.items():
            said.append(f"You changed {name}, so it was kept; the newer version is in {new}.")
        return said


def _read_record(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    copies = data.get("copies") if isinstance(data, dict) else None
    if not isinstance(copies, dict):
        return {}
    return {str(k): str(v) for k, v in copies.items()}


def _beside_name(name: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    return f"{stem} (new version).{suffix}" if dot else f"{name} (new version)"


def sync_workspace(folder: Path | None = None, source: Traversable | None = None) -> SyncReport:
    """Bring the learner's copies of the notebooks up to date without losing their changes.

    `folder` defaults to `workspace()`, `source` to `packaged_notebooks()`. The record of what
    was copied (name: fingerprint) is kept in `folder / RECORD_NAME`; every file is written
    atomically.
    """
    folder = folder if folder is not None else workspace()
    source = source if source is not None else packaged_notebooks()
    report = SyncReport(folder)
    if source is None:
        report.found = False
        return report
    folder.mkdir(parents=True, exist_ok=True)
    record_path = folder / RECORD_NAME
    record = _read_record(record_path)
    before = dict(record)
    packaged = sorted(
        (item for item in source.iterdir() if item.name.endswith(".ipynb")),
        key=lambda item: item.name,
    )
    for item in packaged:
        name, data = item.name, item.read_bytes()
        new = fingerprint(data)
        target = folder / name
        if not target.exists():
            write_atomically(target, data)
            report.copied.append(name)
        else:
            mine = fingerprint(target.read_bytes())
            if mine == new:
                report.unchanged.append(name)
            elif record.get(name) == new:
                report.unchanged.append(name)  # the learner's edit of the current version
            elif record.get(name) == mine:
                write_atomically(target, data)
                report.updated.append(name)
            else:
                beside = _beside_name(name)
                write_atomically(folder / beside, data)
                report.beside[name] = beside
        record[name] = new
    if record != before or not record_path.exists():
        text = json.dumps({"format": _FORMAT, "copies": record}, indent=1, sort_keys=True)
        write_atomically(record_path, (text + "\n").encode("utf-8"))
    return report


# -- the pages, in order ----------------------------------------------------------------------

_PAGE_NAME = re.compile(r"^\d{2}-[a-z0-9-]+\.ipynb$")
"""A page of the workbook: two digits for its place, a dash, a lower-case name."""


@dataclass(frozen=True)
class Page:
    """One notebook of the workbook, as navigation shows it."""

    name: str
    """The file name, such as `05-clarify.ipynb`."""
    title: str
    """Its first heading, such as `5. Know what happens next`."""

    @property
    def slug(self) -> str:
        """The name without its number and suffix, such as `clarify`: a section's id for the
        page of a section."""
        return self.name[3:].removesuffix(".ipynb")


def _title_of(path: Path) -> str:
    """The text of the notebook's first `# ` heading, or its file name without the suffix."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell.get("cell_type") != "markdown":
                continue
            source = cell.get("source", "")
            for line in ("".join(source) if isinstance(source, list) else source).splitlines():
                if line.startswith("# ") and line[2:].strip():
                    return line[2:].strip()
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError):
        pass
    return path.stem


def notebook_pages(folder: Path | None = None) -> list[Page]:
    """The workbook's notebooks in `folder` (default: the workspace), in the order they are
    taken: `00-start.ipynb` first, then by number.

    Only names like `05-clarify.ipynb` count; a `... (new version).ipynb` kept beside a changed
    notebook, and any other file the learner made, are left out.
    """
    folder = folder if folder is not None else workspace()
    names = sorted(p.name for p in folder.glob("*.ipynb") if _PAGE_NAME.match(p.name))
    return [Page(name, _title_of(folder / name)) for name in names]
