"""The canonical contact table as a CSV file: read and check it, write it, import and export.

Reading is strict, as data/README.md describes the canonical table: the header names canonical
columns exactly (optional ones may be absent); enum and boolean cells are read without regard
to case or surrounding spaces (`true/false`, `yes/no`, `y/n`, `1/0`); dates are ISO
(`2026-11-23`). A row records a contact when any of contact_date, kind, channel,
response_date or response is filled (or new_info is true); it then needs contact_date, channel
and interview_date. A response tone needs its response_date; a response_date alone is an
answer whose tone was not noted. An application's answer_date is not before its
applied_date; its stage_history holds entries `stage` or `stage YYYY-MM-DD`, oldest first,
separated by `; ` (read as `workbook.rules.stages` says, and written back in that form). Rows
of one application must agree on its fields, rows of one round on its next_step. Every problem
of a file is reported at once (up to `MAX_PROBLEMS`), each with its line as a spreadsheet
counts rows (the header is line 1; a cell with a line break stays on its row), the column, the
value and what was expected.

Writing is reproducible: UTF-8 without BOM, `\\n` line endings, ISO dates, `true`/`false`,
canonical column order, rows sorted by SORT_ORDER. A text cell that begins with `=`, `+`, `-`,
`@` or `'` gets a leading `'` so a spreadsheet shows it as text instead of running it; reading
removes one `'` from a cell that begins with `'` and one of those characters, so an export
read back gives the same values, and written again the same bytes.

The work is vectorised: each column's distinct cells are read once and mapped back to rows,
so a million-row file takes seconds.

`check_table` is the one validator of the package: `workbook.tables.spreadsheet` maps other
spreadsheets onto the canonical columns and hands them to it with a lenient cell reader and the
file's own column headers, so its problems name the original file's lines, columns and cells.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from workbook.canonical import COLUMN_NAMES, COLUMNS, SORT_ORDER, Column
from workbook.home.files import text_replacing
from workbook.model import WorkbookError
from workbook.rules.stages import HistoryError, format_history, parse_history
from workbook.rules.text import with_article
from workbook.tracker.arrays import number, objects
from workbook.tracker.store import APPLICATION_FIELDS, MergeReport, Tracker, application_slug

__all__ = [
    "MAX_PROBLEMS",
    "CellReader",
    "CsvError",
    "NotUtf8Error",
    "Problem",
    "RowProblem",
    "check_rows",
    "check_table",
    "escape_formula",
    "export_csv",
    "implausible",
    "import_csv",
    "load_canonical",
    "merge_table",
    "not_utf8",
    "printable",
    "read_canonical",
    "read_cell",
    "text_field",
    "too_many_cells",
    "unescape_formula",
    "write_canonical",
]

MAX_PROBLEMS = 50
"""At most this many problems of a file are listed; the rest are counted."""

FORMULA_STARTS = ("=", "+", "-", "@", "'")
"""A text cell beginning with one of these is escaped with a leading `'` on export."""

_TRUE = frozenset({"true", "yes", "y", "1"})
_FALSE = frozenset({"false", "no", "n", "0"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COLUMN = {column.name: column for column in COLUMNS}
_WORD_COLUMNS = frozenset({"outcome", "response", "source", "stage_history"})
"""Columns whose unreadable words are named once for all the rows they stand on."""
_CONTACT_SIGNS = ("contact_date", "kind", "channel", "response_date", "response")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Objects = npt.NDArray[np.object_]

CellReader = Callable[[Column, str], tuple[object, "str | None"]]
"""Reads one cell of a column: what it reads as, and why it cannot be read (None if it can)."""


def printable(text: str) -> str:
    """`text` with its control characters (C0, DEL, C1, and the lone surrogates of an
    undecodable file name) written as escapes such as `\\x1b`, so that a name someone chose
    cannot drive the terminal it is printed to; letters such as "é" stay as they are."""
    return _UNPRINTABLE.sub(lambda found: ascii(found[0])[1:-1], text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where, the cell as written, and what was expected.

    `line` counts rows as a spreadsheet does (the header is line 1), 0 for the file as a
    whole; `column` is "" when no one column is at fault; `value` is None when there is no cell.
    """

    line: int
    column: str
    value: str | None
    message: str

    def describe(self, source: str) -> str:
        """`FILE:LINE: column 'x': value 'y' is not ...`, one line (the file's name `printable`)."""
        source = printable(source)
        where = f"{source}:{self.line}" if self.line else source
        return f"{where}: {self.reason()}"

    def reason(self) -> str:
        """`column 'x': value 'y' is not ...`: the problem without its place in the file."""
        column = f"column {self.column!r}: " if self.column else ""
        value = f"value {self.value!r} " if self.value is not None else ""
        return f"{column}{value}{self.message}"


class CsvError(WorkbookError):
    """A file that is not a good canonical table; `problems` holds the first `MAX_PROBLEMS`
    (by line) and `total` counts them all."""

    def __init__(self, source: str, problems: Sequence[Problem], total: int | None = None):
        self.source = source
        self.problems = tuple(problems)
        self.total = len(self.problems) if total is None else total
        super().__init__("\n".join(self.lines()))

    def first(self) -> str:
        """The first problem in one line, with how many more there are: why a file was
        skipped, where only a line fits."""
        if not self.problems:
            return printable(self.source)
        more = self.total - 1
        also = f" (and {more} more problem{'s' if more != 1 else ''})" if more > 0 else ""
        return self.problems[0].describe(self.source) + also

    def lines(self) -> list[str]:
        """Every problem described on its own line, then how many more there are."""
        lines = [problem.describe(self.source) for problem in self.problems]
        if self.total > len(self.problems):
            more = f"... and {self.total - len(self.problems)} more"
            lines.append(f"{printable(self.source)}: {more} (the first {len(lines)} are shown)")
        return lines


class NotUtf8Error(CsvError):
    """A canonical file that is not UTF-8 text: the spreadsheet importer reads it instead, in
    the encoding it finds."""


# -- reading -----------------------------------------------------------------------------------


def read_canonical(source: Path | str) -> pd.DataFrame:
    """Read and check a canonical CSV file: the whole table, typed as `store.typed` says, with
    absent columns filled with their defaults. Raises `CsvError` listing every problem."""
    return _read(Path(source), str(source))[0]


def import_csv(
    source: Path | str, tracker: Tracker | Path | str, *, dry_run: bool = False
) -> MergeReport:
    """Import a canonical CSV file into a tracker: everything or, if any row is bad, nothing.

    Records already in the tracker take the file's values of the columns it has; new ones are
    added; nothing is deleted; the file is only read. `dry_run` reports without writing.
    Given a tracker's path, the file is checked before the tracker is opened (or created), and
    a dry run against a tracker that does not exist yet creates nothing.
    """
    rows, present = _read(Path(source), str(source))
    return merge_table(rows, present, tracker, dry_run=dry_run)


def merge_table(
    rows: pd.DataFrame,
    columns: frozenset[str],
    tracker: Tracker | Path | str,
    *,
    dry_run: bool = False,
) -> MergeReport:
    """Merge a checked canonical table into a tracker, given open or by path; records already
    there take the table's values of `columns`. A dry run against a tracker file that does not
    exist yet creates nothing."""
    if isinstance(tracker, Tracker):
        return tracker.merge(rows, columns=columns, dry_run=dry_run)
    path = Path(tracker)
    if dry_run and not path.exists():
        path = Path(":memory:")  # an empty tracker that leaves no file behind
    with Tracker(path) as opened:
        return opened.merge(rows, columns=columns, dry_run=dry_run)


@dataclass
class _Cells:
    """One column of a file, read once per distinct cell.

    `codes` gives each row's distinct cell; per distinct cell, `raw` is the cell as written,
    `values` what it reads as (text unescaped, an enum's value or its default, a bool, a date
    or None), `errors` why it cannot be read (None when it can), `blank` whether it is empty.
    """

    column: Column
    codes: Ints
    raw: Objects
    values: Objects
    errors: Objects
    blank: Bools

    def rows(self, distinct: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """A value per distinct cell, spread over the rows."""
        return distinct[self.codes]

    def text(self, row: int) -> str:
        """The cell of a row as written."""
        return str(self.raw[self.codes[row]])

    def error(self, row: int) -> str:
        """Why the cell of a row cannot be read."""
        return str(self.errors[self.codes[row]])

    def equal_codes(self) -> Ints:
        """A code per row that is equal exactly when the values read are."""
        codes, _ = pd.factorize(self.values, use_na_sentinel=False)
        return self.rows(np.asarray(codes, dtype=np.int64))

    def dates(self) -> npt.NDArray[np.datetime64]:
        """For a date column: each row's date, NaT when empty or unreadable."""
        nat = np.datetime64("NaT", "D")
        days = [nat if value is None else np.datetime64(value, "D") for value in self.values]
        return self.rows(np.array(days, dtype="datetime64[D]"))


def _read(path: Path, source: str) -> tuple[pd.DataFrame, frozenset[str]]:
    """The checked, typed table of a file and the canonical columns its header names."""
    header, raw = load_canonical(path, source)
    lines = np.arange(2, len(raw) + 2, dtype=np.int64)
    columns: dict[str, pd.Series[Any] | None] = {name: raw[name] for name in header}
    del raw
    return check_table(columns, lines, source), frozenset(header)


def load_canonical(path: Path, source: str) -> tuple[list[str], pd.DataFrame]:
    """A canonical CSV file's checked header and its cells as text, one row per line after the
    header (blank lines too), not yet read or checked."""
    header = _header(path, source)
    try:
        raw = pd.read_csv(
            path,
            header=0,
            names=header,
            dtype=object,
            encoding="utf-8-sig",
            na_filter=False,
            skip_blank_lines=False,
        )
    except UnicodeDecodeError:
        raise NotUtf8Error(source, [not_utf8(path)]) from None
    except (pd.errors.ParserError, ValueError) as error:
        raise CsvError(source, [_unreadable(error, len(header))]) from None
    return header, raw


RowProblem = tuple[int, str, Problem]
"""A problem found before the table is checked, in a cell of the file that no canonical column
holds (a status log's date): the row it stands on, the canonical column it is listed with, and
the problem."""


def _prepare(
    columns: dict[str, pd.Series[Any] | None],
    lines: Ints,
    source: str,
    read: CellReader | None,
    labels: Mapping[str, str | Objects] | None,
    found: Sequence[RowProblem] = (),
) -> tuple[_Table, dict[str, _Cells], Ints, dict[str, str | Objects]]:
    """The table of `check_table`, its blank rows skipped, ready to check; with its cells,
    lines and column names."""
    reader = read or read_cell
    rows = len(lines)
    cells = {n: _cells(_COLUMN[n], columns.pop(n, None), rows, reader) for n in COLUMN_NAMES}
    kept = np.flatnonzero(~np.logical_and.reduce([c.rows(c.blank) for c in cells.values()]))
    named = {name: labels.get(name, name) if labels else name for name in COLUMN_NAMES}
    if len(kept) < rows:  # blank rows: skipped, still counted
        for c in cells.values():
            c.codes = c.codes[kept]
        named = {n: label if isinstance(label, str) else label[kept] for n, label in named.items()}
    given = _restricted(found, kept, rows)
    return _Table(cells, lines[kept], source, named, given), cells, lines[kept], named


def _restricted(found: Sequence[RowProblem], kept: Ints, rows: int) -> list[RowProblem]:
    """The problems of the rows `kept`, each at its row's place among them."""
    place = np.full(rows, -1, dtype=np.int64)
    place[kept] = np.arange(len(kept))
    return [(int(place[row]), column, problem) for row, column, problem in found
            if place[row] >= 0]  # fmt: skip


def check_table(
    columns: dict[str, pd.Series[Any] | None],
    lines: Ints,
    source: str,
    *,
    read: CellReader | None = None,
    labels: Mapping[str, str | Objects] | None = None,
    found: Sequence[RowProblem] = (),
) -> pd.DataFrame:
    """Read and check a table given as text cells per canonical column (absent or None: the
    file has no such column), each row with its line in `source`; returns it typed as
    `store.typed` says. `columns` is emptied as its columns are read, so that a large file's
    cells can be freed before the rows are checked.

    Rows whose cells are all blank are skipped. `read` reads one cell (default: `read_cell`,
    the canonical table's strict reading); `labels` names a column in problems as the file
    does, one name for the column or one per row (default: the canonical name); `found` adds
    the problems a caller found in cells no canonical column holds. Raises `CsvError` listing
    every problem, each at its line, column and cell as written.
    """
    table, *_ = _prepare(columns, lines, source, read, labels, found)
    table.check()
    return table.frame()


def check_rows(
    columns: dict[str, pd.Series[Any] | None],
    lines: Ints,
    source: str,
    *,
    read: CellReader | None = None,
    labels: Mapping[str, str | Objects] | None = None,
    found: Sequence[RowProblem] = (),
) -> tuple[pd.DataFrame, list[Problem]]:
    """As `check_table`, but each bad row is left out instead of the file being refused: the
    table of the good rows, and the first problem of each line left out, by line.

    Every row of a line with a problem is left out (a spreadsheet's row may give several
    canonical rows), and the rest checked again, until what is left has no problem; so the
    table holds only rows that pass every check together."""
    table, cells, kept_lines, named = _prepare(columns, lines, source, read, labels, found)
    given = table.given
    left: dict[int, Problem] = {}
    while True:
        table.per_row = {}
        try:
            table.check()
        except CsvError:
            listed = sorted(table.per_row.values(), key=lambda kept: (kept[1].line, kept[0]))
            for _, problem in listed:
                left.setdefault(problem.line, problem)
        else:
            return table.frame(), [left[line] for line in sorted(left)]
        keep = np.flatnonzero(~np.isin(kept_lines, np.array(sorted(left), dtype=np.int64)))
        restricted = {n: replace(c, codes=c.codes[keep]) for n, c in cells.items()}
        labels_kept = {n: lb if isinstance(lb, str) else lb[keep] for n, lb in named.items()}
        table = _Table(
            restricted,
            kept_lines[keep],
            source,
            labels_kept,
            _restricted(given, keep, len(kept_lines)),
        )


def _header(path: Path, source: str) -> list[str]:
    """The header row, checked: canonical names only, each once, the required ones there."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            header = next(csv.reader(file), None)
    except FileNotFoundError:
        raise CsvError(source, [Problem(0, "", None, "no such file")]) from None
    except IsADirectoryError:
        raise CsvError(source, [Problem(0, "", None, "is a folder, not a file")]) from None
    except UnicodeDecodeError:
        raise NotUtf8Error(source, [not_utf8(path)]) from None
    except (OSError, csv.Error) as error:
        raise CsvError(source, [Problem(0, "", None, f"cannot be read ({error})")]) from None
    if not header or not any(cell.strip() for cell in header):
        expected = f"expected a header row naming the columns: {', '.join(COLUMN_NAMES)}"
        raise CsvError(source, [Problem(0, "", None, f"has no header row ({expected})")])
    if not set(header) & set(COLUMN_NAMES):
        raise CsvError(
            source,
            [
                Problem(
                    1,
                    "",
                    None,
                    "is not a header row: it names no column of the canonical table"
                    f" (expected names such as {', '.join(COLUMN_NAMES[:4])}...)",
                )
            ],
        )
    problems = [
        Problem(1, name, None, f"is not a column of the canonical table (expected: "
                f"{', '.join(COLUMN_NAMES)})")
        for name in header
        if name not in _COLUMN
    ]  # fmt: skip
    problems += [
        Problem(1, name, None, "is named twice in the header")
        for name in sorted({name for name in header if header.count(name) > 1})
    ]
    problems += [
        Problem(1, column.name, None, "is missing from the header (a required column)")
        for column in COLUMNS
        if column.need == "required" and column.name not in header
    ]
    if problems:
        raise CsvError(source, problems)
    return header


def not_utf8(path: Path) -> Problem:
    """Where a file stops being UTF-8 text (its physical line)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as file:
        while chunk := file.read(1 << 16):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                line += chunk.count(b"\n", 0, max(error.start, 0))
                break
            line += chunk.count(b"\n")
    return Problem(line, "", None, "is not UTF-8 text (expected a CSV file saved as UTF-8)")


def _unreadable(error: Exception, width: int) -> Problem:
    """A CSV the parser gave up on, such as a row with more cells than the header."""
    message = str(error)
    if match := re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message):
        return too_many_cells(int(match[2]), int(match[3]), width)
    return Problem(0, "", None, f"cannot be read as CSV ({message.removeprefix('Error ')})")


def too_many_cells(line: int, cells: int, width: int) -> Problem:
    """A row with more cells than the header has columns."""
    return Problem(line, "", None, f"has {cells} cells, but the header names {width} columns")


def _cells(column: Column, cells: pd.Series[Any] | None, rows: int, read: CellReader) -> _Cells:
    """Read a column's distinct cells once; an absent column reads as all empty."""
    if cells is None or not rows:
        codes: Ints = np.zeros(rows, dtype=np.int64)
        raw = objects([""])
    else:
        found, distinct = pd.factorize(cells.to_numpy(dtype=object))
        codes, raw = np.asarray(found, dtype=np.int64), np.asarray(distinct, dtype=object)
    results = [read(column, text) for text in raw]
    return _Cells(
        column,
        codes,
        raw,
        values=objects([value for value, _ in results]),
        errors=objects([error for _, error in results]),
        blank=np.array([not text.strip() for text in raw], dtype=bool),
    )


def read_cell(column: Column, text: str) -> tuple[object, str | None]:
    """What one cell of the canonical table reads as and, if it cannot be read, why. Empty, it
    reads as its column's default: "" for text and enums without one, false, or None for a
    date."""
    if column.name == "stage_history":
        return _history(text)
    if column.type == "text":
        return unescape_formula(text), None
    word = text.strip()
    if not word:
        return {"bool": column.default == "true", "date": None}.get(
            column.type, column.default
        ), None
    if column.type == "bool":
        if word.lower() in _TRUE | _FALSE:
            return word.lower() in _TRUE, None
        return False, "is not true or false (expected true/false, yes/no, y/n or 1/0)"
    if column.type == "enum":
        if word.lower() in column.choices:
            return word.lower(), None
        name = column.name.replace("_", " ")
        return "", f"is not {with_article(name)} (expected one of: {', '.join(column.choices)})"
    try:
        if not _ISO_DATE.fullmatch(word):
            raise ValueError
        date = dt.date.fromisoformat(word)
    except ValueError:
        return None, "is not a date (expected YYYY-MM-DD, for example 2026-11-23)"
    return (None, error) if (error := implausible(date)) else (date, None)


def _history(text: str) -> tuple[str, str | None]:
    """A stage history cell written as the canonical table writes it, or why it cannot be
    read."""
    try:
        entries = parse_history(text)
    except HistoryError as error:
        return "", f"is not a stage history: {error}"
    for entry in entries:
        if entry.date is not None and (far := implausible(entry.date)):
            return "", f"is not a stage history: {entry.date.isoformat()} {far}"
    return format_history(entries), None


def implausible(date: dt.date) -> str | None:
    """Why a date is too far from today to be one of a job search's, or None."""
    if not 1900 <= date.year <= 2199:
        return "is not a plausible date (expected a year from 1900 to 2199)"
    return None


def unescape_formula(text: str) -> str:
    """Undo the spreadsheet escape: drop one `'` before `=`, `+`, `-`, `@` or `'`."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_STARTS else text


def escape_formula(text: str) -> str:
    """The spreadsheet escape: a leading `'` before `=`, `+`, `-`, `@` or `'`."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def text_field(text: str) -> str:
    """A text cell as a CSV field: escaped for spreadsheets, then quoted as CSV needs."""
    return _quote(escape_formula(text))


class _Table:
    """A file's rows, column by column, with the checks that span cells and rows."""

    def __init__(
        self,
        cells: dict[str, _Cells],
        lines: Ints,
        source: str,
        labels: dict[str, str | Objects],
        given: Sequence[RowProblem] = (),
    ) -> None:
        self.cells = cells
        self.given = list(given)
        self.lines = lines
        self.source = source
        self.labels = labels
        self.found: list[tuple[int, int, Problem]] = []
        self.total = 0
        self.per_row: dict[int, tuple[int, Problem]] | None = None
        """When set (by `check_rows`), every row's first problem (by column, with the column's
        place), however many rows have one."""
        self.empty = {name: c.rows(c.blank) for name, c in cells.items()}
        self.bad = {name: c.rows(c.errors != None) for name, c in cells.items()}  # noqa: E711
        self.has_contact = np.logical_or.reduce([~self.empty[name] for name in _CONTACT_SIGNS])
        self.has_contact |= cells["new_info"].rows(cells["new_info"].values == True)  # noqa: E712
        self.has_round = self.has_contact | ~self.empty["interview_date"]
        self.has_round |= ~self.empty["next_step"]
        self.application = self._application_ids()
        self.app, self.app_first = number(self.application)

    def _application_ids(self) -> Objects:
        """The application_id of every row; derived from company and role where empty."""
        given = self.cells["application_id"]
        if not given.blank.any():
            return given.rows(given.values)
        company, role = self.cells["company"], self.cells["role"]
        pair, first = number(company.equal_codes(), role.equal_codes())
        companies, roles = company.rows(company.values)[first], role.rows(role.values)[first]
        slugs = objects([application_slug(c, r) for c, r in zip(companies, roles, strict=True)])
        return np.where(self.empty["application_id"], slugs[pair], given.rows(given.values))

    def cell(self, column: str, row: int) -> str:
        return self.cells[column].text(row)

    def label(self, column: str, row: int) -> str:
        """The column's name in the file, on this row."""
        label = self.labels[column]
        return label if isinstance(label, str) else str(label[row])

    def report(self, mask: Bools, column: str, message: str | Callable[[int], str]) -> None:
        """Record a problem on every row of `mask` (the first MAX_PROBLEMS of them)."""
        rows = np.flatnonzero(mask)
        self.total += len(rows)
        order = COLUMN_NAMES.index(column)
        for row in rows[:MAX_PROBLEMS]:
            self.found.append((int(self.lines[row]), order, self.problem(row, column, message)))
        self.per_row_problems(rows, column, message)

    def per_row_problems(
        self, rows: Ints, column: str, message: str | Callable[[int], str]
    ) -> None:
        """Keep each row's first problem, when `per_row` asks for every row's."""
        if self.per_row is None:
            return
        order = COLUMN_NAMES.index(column)
        for row in rows.tolist():
            if row not in self.per_row or order < self.per_row[row][0]:
                self.per_row[row] = (order, self.problem(row, column, message))

    def report_given(self) -> None:
        """Record the problems a caller found in cells of its own."""
        for row, column, problem in self.given:
            order = COLUMN_NAMES.index(column)
            self.total += 1
            self.found.append((problem.line, order, problem))
            if self.per_row is not None and (
                row not in self.per_row or order < self.per_row[row][0]
            ):
                self.per_row[row] = (order, problem)

    def problem(self, row: int, column: str, message: str | Callable[[int], str]) -> Problem:
        """The problem of a row's cell in a column."""
        text = message if isinstance(message, str) else message(row)
        line = int(self.lines[row])
        return Problem(line, self.label(column, row), self.cell(column, row), text)

    def report_words(self, mask: Bools, column: str) -> None:
        """Record one problem per distinct unreadable word of an enum column, at its first
        line, saying on how many rows (and which lines) it stands."""
        cells = self.cells[column]
        rows = np.flatnonzero(mask)
        codes = cells.codes[rows]
        _, first, counts = np.unique(codes, return_index=True, return_counts=True)
        for at, count in zip(first.tolist(), counts.tolist(), strict=True):
            row = int(rows[at])
            lines = self.lines[rows[codes == codes[at]]]
            shown = ", ".join(str(line) for line in lines[:5]) + (", ..." if count > 5 else "")
            also = f" (on {count} rows: lines {shown})" if count > 1 else ""
            line = int(self.lines[row])
            problem = Problem(
                line, self.label(column, row), cells.text(row), cells.error(row) + also
            )
            self.total += 1
            self.found.append((line, COLUMN_NAMES.index(column), problem))
        self.per_row_problems(rows, column, cells.error)

    def check(self) -> None:
        """Every check of the module docstring; raises CsvError if any row fails one."""
        c, empty, bad = self.cells, self.empty, self.bad
        self.report_given()
        for name, cells in c.items():
            if name in _WORD_COLUMNS:
                self.report_words(bad[name], name)
            else:
                self.report(bad[name], name, cells.error)
        self.report(empty["company"], "company", "is empty (every row needs the company)")
        for name in ("contact_date", "channel"):
            self.report(
                self.has_contact & empty[name], name, "is empty (a row with a contact needs it)"
            )
        self.report(
            self.has_round & empty["interview_date"],
            "interview_date",
            "is empty (a row with a contact or a next_step needs the interview's date)",
        )
        interview, contact, answer = (
            c[name].dates() for name in ("interview_date", "contact_date", "response_date")
        )
        self.report(
            contact < interview,
            "contact_date",
            lambda row: (
                f"is before the interview ({self.cell('interview_date', row)}); "
                "a contact comes after the interview it follows"
            ),
        )
        self.report(
            answer < contact,
            "response_date",
            lambda row: (
                f"is before the contact ({self.cell('contact_date', row)}); "
                "an answer comes after the contact"
            ),
        )
        applied, answered = c["applied_date"].dates(), c["answer_date"].dates()
        self.report(
            answered < applied,
            "answer_date",
            lambda row: (
                f"is before the application ({self.cell('applied_date', row)}); "
                "an answer comes after the application"
            ),
        )
        self.report(
            ~empty["response"] & ~bad["response"] & empty["response_date"],
            "response",
            "has no response_date (expected the date the answer came, or no response)",
        )
        for name in APPLICATION_FIELDS:
            self._disagreements(self.app, self.app_first, name, "application", ~bad[name])
        round_, round_first = number(self.app, c["interview_date"].equal_codes())
        valid = self.has_round & ~bad["interview_date"] & ~bad["next_step"]
        self._disagreements(round_, round_first, "next_step", "round", valid)
        self._repeated_contacts()
        if self.total:
            self.found.sort(key=lambda found: found[:2])
            problems = [problem for *_, problem in self.found[:MAX_PROBLEMS]]
            raise CsvError(self.source, problems, self.total)

    def _disagreements(self, group: Ints, first: Ints, name: str, what: str, valid: Bools) -> None:
        """Rows of one application (or round) whose `name` differs from its first row's."""
        codes = self.cells[name].equal_codes()
        lead = first[group]
        differs = valid & valid[lead] & (codes != codes[lead])
        self.report(
            differs,
            name,
            lambda row: (
                f"disagrees with line {self.lines[lead[row]]} "
                f"({self.cell(name, lead[row])!r}); rows of one {what} must agree "
                f"(application_id {self.application[row]!r})"
            ),
        )

    def _repeated_contacts(self) -> None:
        """A contact named twice (same application, date, kind and channel)."""
        keys = ("contact_date", "kind", "channel")
        bad, empty = self.bad, self.empty
        unreadable = bad["contact_date"] | empty["contact_date"] | bad["channel"] | empty["channel"]
        valid = self.has_contact & ~unreadable & ~bad["kind"]
        rows = np.flatnonzero(valid)
        if not len(rows):
            return
        key, first = number(self.app[rows], *(self.cells[k].equal_codes()[rows] for k in keys))
        repeated = np.zeros(len(self.lines), dtype=bool)
        repeated[rows] = first[key] != np.arange(len(rows))
        first_line = np.zeros(len(self.lines), dtype=np.int64)
        first_line[rows] = self.lines[rows[first[key]]]
        self.report(
            repeated,
            "contact_date",
            lambda row: (
                f"repeats the contact of line {first_line[row]} "
                "(same application, contact_date, kind and channel)"
            ),
        )

    def frame(self) -> pd.DataFrame:
        """The table, typed as `store.typed` says, each cell read, defaults filled in."""
        data: dict[str, npt.NDArray[Any]] = {}
        for column in COLUMNS:
            cells = self.cells[column.name]
            if column.type == "date":
                data[column.name] = cells.dates().astype("datetime64[ns]")
            elif column.type == "bool":
                data[column.name] = cells.rows(cells.values.astype(bool))
            else:
                data[column.name] = cells.rows(cells.values)
        data["application_id"] = self.application
        data["kind"] = np.where(self.has_contact, data["kind"], "")
        data["next_step"] = np.where(self.has_round, data["next_step"], "")
        return pd.DataFrame(data, columns=list(COLUMN_NAMES))  # the dtypes `typed` gives


# -- writing -----------------------------------------------------------------------------------


def write_canonical(rows: pd.DataFrame, target: Path | str | IO[str]) -> None:
    """Write a canonical table (as `Tracker.contacts()` returns it) as a canonical CSV file."""
    keys = rows[list(SORT_ORDER)].reset_index(drop=True)
    order = keys.sort_values(list(SORT_ORDER), na_position="first", kind="stable").index
    fields = [_fields(rows[column.name], column)[order] for column in COLUMNS]
    if isinstance(target, str | Path):
        with open(target, "w", encoding="utf-8", newline="") as file:
            _write(file, fields)
    else:
        _write(target, fields)


def _fields(column: pd.Series[Any], kind: Column) -> Objects:
    """A column as CSV fields: ISO dates, true/false, escaped and quoted text, "" when empty;
    each distinct value is formatted once."""
    codes, distinct = pd.factorize(column, use_na_sentinel=False)

    def field(value: Any) -> str:
        if kind.type == "bool":
            return "true" if value else "false"
        if pd.isna(value):
            return ""
        if kind.type == "date":
            return str(value.strftime("%Y-%m-%d"))
        return _quote(escape_formula(value) if kind.type == "text" else value)

    return objects([field(value) for value in distinct])[codes]


def _write(file: IO[str], fields: list[Objects]) -> None:
    """The header, then the rows, a hundred thousand at a time."""
    file.write(",".join(COLUMN_NAMES) + "\n")
    for start in range(0, len(fields[0]), 100_000):
        block = zip(*(field[start : start + 100_000].tolist() for field in fields), strict=True)
        file.write("".join([",".join(row) + "\n" for row in block]))


def _quote(text: str) -> str:
    """A CSV field: quoted when it holds a comma, a quote or a line break (even a lone `\\r`,
    which Python's csv module would leave bare)."""
    if any(special in text for special in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def export_csv(tracker: Tracker, target: Path | str | IO[str]) -> int:
    """Write the tracker's canonical table to a file, atomically (a reader sees the old file or
    the new one, never half of one), or to an open text stream. Returns the rows written."""
    rows = tracker.contacts()
    if not isinstance(target, str | Path):
        write_canonical(rows, target)
        return len(rows)
    with text_replacing(Path(target)) as file:
        write_canonical(rows, file)
    return len(rows)
