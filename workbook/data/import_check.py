"""Importing a spreadsheet in two steps: check it (what would change, or what is wrong), then
import it. Between the two, the learner can say which of the tracker's columns each column of
the file holds.

The file is read by the canonical CSV import (`workbook.data.canonical_csv`), so every rule of
that format applies. Its columns are matched to the canonical ones by name, ignoring case,
spaces and hyphens (`Contact Date` is `contact_date`); a column matched to none is left out of
the import, and the learner may correct any match. With a corrected match the file is read
through a copy whose header names the chosen columns (in the learner's data folder, deleted
straight after); the rows, and so the line numbers in any problem, stay as they were.
"""

from __future__ import annotations

import csv
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from workbook.data.canonical import COLUMN_NAMES
from workbook.data.canonical_csv import CsvError, import_csv
from workbook.data.paths import home
from workbook.data.store import MergeReport, Tracker

__all__ = ["LEFT_OUT", "ImportCheck", "check_import", "guess_columns", "read_header"]

LEFT_OUT: Final = ""
"""The column a file's column maps to when it is left out of the import."""

_SEPARATORS = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class ImportCheck:
    """What a check (or an import) found.

    `header` is the file's first row and `columns` the canonical column each of its cells maps
    to (`LEFT_OUT` for none). `report` says what the import would do (or did); it is None when
    the file has problems, each one a line in `problems`, and then nothing was written.
    """

    header: tuple[str, ...]
    columns: tuple[str, ...]
    report: MergeReport | None
    problems: tuple[str, ...] = ()

    @property
    def left_out(self) -> tuple[str, ...]:
        """The file's columns that are not imported."""
        return tuple(
            cell for cell, column in zip(self.header, self.columns, strict=True) if not column
        )


def read_header(source: Path) -> tuple[str, ...]:
    """The file's first row, or () when it cannot be read as UTF-8 CSV (the check says why)."""
    try:
        with source.open(encoding="utf-8-sig", newline="") as file:
            return tuple(next(csv.reader(file), []))
    except (OSError, UnicodeDecodeError, csv.Error):
        return ()


def guess_columns(header: Sequence[str]) -> tuple[str, ...]:
    """The canonical column each header cell names, ignoring case, spaces and hyphens;
    `LEFT_OUT` for a cell that names none, or one already named by an earlier cell."""
    taken: set[str] = set()
    columns = []
    for cell in header:
        name = _SEPARATORS.sub("_", cell.strip().lower())
        if name in COLUMN_NAMES and name not in taken:
            taken.add(name)
            columns.append(name)
        else:
            columns.append(LEFT_OUT)
    return tuple(columns)


def check_import(
    source: Path,
    tracker: Tracker | Path,
    columns: Sequence[str] | None = None,
    *,
    name: str = "",
    dry_run: bool = True,
) -> ImportCheck:
    """Check the file against the tracker with `columns` (guessed when None, or when they
    were chosen for a header of another width: the file changed since) and, unless `dry_run`,
    import it. `name` is how problems name the file (its own name by default)."""
    header = read_header(source)
    chosen = tuple(columns or ())
    if columns is None or len(chosen) != len(header):
        chosen = guess_columns(header)
    label = name or source.name
    problems = []
    for column in COLUMN_NAMES:
        cells = [repr(cell) for cell, k in zip(header, chosen, strict=True) if k == column]
        if len(cells) > 1:
            problems.append(
                f"{label}: the tracker's column {column!r} is chosen for {len(cells)} columns of "
                f"the file ({', '.join(cells)}); choose it for one of them only"
            )
    if problems:
        return ImportCheck(header, chosen, None, tuple(problems))
    try:
        with _mapped(source, header, chosen) as readable:
            report = import_csv(readable, tracker, dry_run=dry_run)
    except CsvError as error:
        lines = CsvError(label, error.problems, error.total).lines()
        return ImportCheck(header, chosen, None, tuple(lines))
    return ImportCheck(header, chosen, report)


@contextmanager
def _mapped(source: Path, header: Sequence[str], columns: Sequence[str]) -> Iterator[Path]:
    """The file itself when its header already names the chosen columns, else a copy whose
    header does, without the columns left out."""
    if tuple(header) == tuple(columns):
        yield source
        return
    kept = [index for index, column in enumerate(columns) if column]
    with tempfile.TemporaryDirectory(prefix="import-", dir=home()) as folder:
        copy = Path(folder) / "mapped.csv"
        try:
            with (
                source.open(encoding="utf-8-sig", newline="") as original,
                copy.open("w", encoding="utf-8", newline="") as mapped,
            ):
                rows = csv.reader(original)
                writer = csv.writer(mapped, lineterminator="\n")
                next(rows, None)
                writer.writerow([columns[index] for index in kept])
                for row in rows:
                    writer.writerow([row[index] if index < len(row) else "" for index in kept])
        except (UnicodeDecodeError, csv.Error):
            yield source  # the canonical import says what is wrong with it
            return
        yield copy
