"""Importing a spreadsheet in two steps: check it (what would change, or what is wrong), then
import it. Between the two, the learner can correct what each column of the file becomes.

The file is read by the same importer as `workbook import` (`workbook.tables.spreadsheet`), so
it recognises the same files, headers and quirks; the learner's corrections are its `--map`
options. Every problem names the file's own line and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from workbook.tables.canonical_csv import CsvError, merge_table
from workbook.tables.spreadsheet import IGNORE, OptionError, file_columns, open_sheet
from workbook.tracker.store import MergeReport, Tracker

__all__ = ["LEFT_OUT", "ImportCheck", "check_import"]

LEFT_OUT: Final = IGNORE
"""What a column of the file becomes when it is left out of the import."""


@dataclass(frozen=True)
class ImportCheck:
    """What a check (or an import) found.

    `header` is the file's first row and `columns` what each of its cells becomes (`LEFT_OUT`
    for none), as read or as the learner corrected it. `report` says what the import would do
    (or did); it is None when the file has problems, each one a line in `problems`, and then
    nothing was written.
    """

    header: tuple[str, ...]
    columns: tuple[str, ...]
    report: MergeReport | None
    problems: tuple[str, ...] = ()

    @property
    def left_out(self) -> tuple[str, ...]:
        """The file's columns that are not imported."""
        return tuple(
            cell for cell, column in zip(self.header, self.columns, strict=True)
            if column == LEFT_OUT
        )  # fmt: skip


def check_import(
    source: Path,
    tracker: Tracker | Path,
    columns: Sequence[str] | None = None,
    *,
    name: str = "",
    dry_run: bool = True,
) -> ImportCheck:
    """Check the file against the tracker and, unless `dry_run`, import it.

    `columns` is what each column of the file becomes, in order; None (or a list made for a
    header of another width: the file changed since) lets the importer read the header itself.
    `name` is how problems name the file (its own name by default).
    """
    label = name or source.name
    header: tuple[str, ...] = ()
    chosen: tuple[str, ...] = ()
    try:
        guessed = file_columns(source, label=label).targets
        header = tuple(cell for cell, _ in guessed)
        chosen = tuple(target for _, target in guessed)
        corrected = columns is not None and len(columns) == len(header) and tuple(columns)
        overrides = []
        if corrected and corrected != chosen:
            chosen = corrected
            overrides = [f"{cell}={target}" for cell, target in zip(header, chosen, strict=True)]
        sheet = open_sheet(source, columns=overrides, label=label)
        report = merge_table(sheet.table(), sheet.present, tracker, dry_run=dry_run)
    except CsvError as error:
        return ImportCheck(header, chosen, None, tuple(error.lines()))
    except OptionError as error:
        return ImportCheck(header, chosen, None, (str(error).removeprefix("--map: "),))
    return ImportCheck(header, chosen, report)
