"""Import the spreadsheets people already have: read a file, map it onto the canonical table.

`open_sheet` reads a CSV file or an `.xlsx` workbook into rows of text, recognises its format
(the canonical table; a sheet of the learner's own, one row per application, round or contact;
an export of Teal, Huntr, Simplify or LinkedIn; LinkedIn's saved jobs, refused as holding no
applications) and maps its columns onto the canonical columns: by name,
through a table of the words people use (`Company Name`, `Position`, `Follow-up method`...),
case, spacing and punctuation aside, or as `--map 'Their header=column'` says; then, for a few
columns, by what they hold (`_by_content`: a yes/no column is a flag, never a date; a channel
column of ways to apply is the source). Columns that map to nothing are ignored and listed as
ignored. The rows of one job (applied for twice, a status log, a history list in one cell)
are then read as the applications they describe by `workbook.tables.applications`. The result,
a `Sheet`, says what it mapped to what (`Sheet.mapping`) before anything is checked or
written; `Sheet.table()` then hands the rows to the canonical table's one validator,
`canonical_csv.check_table`, with a reader that also knows the file's dates, channel words and
the word table of outcomes, statuses and responses (and the learner's `--map-value` words),
so every problem names the file's own line, column header and cell as written.

Its parts live beside it, each importing only those before it: what a column can become
(`sheet_columns`), the words in cells (`sheet_values`), dates and the cell readers
(`sheet_dates`), and reading a file into rows of text (`sheet_files`). This module maps the
columns and makes the `Sheet`.

What a file may be:
- CSV in UTF-8 (a BOM is skipped), UTF-16 (with its BOM, as Excel's "Unicode text" saves it,
  or without), or Windows-1252, Latin-1 or Mac Roman as charset-normalizer finds (the mapping
  names the encoding read), separated by `,`, `;` or tabs (whichever the header row uses
  most); blank lines, spaces around cells and empty cells past the last column are allowed.
  Or the first sheet of an `.xlsx` workbook, or the one `sheet` names.
- Dates as `2026-11-23`, `11/23/2026`, `23.11.2026`, `November 23, 2026` or `23 Nov 2026`
  (Notion's form; English month names), with a time or without. Slash dates are
  month first unless one of them proves day first (`23/11/2026`); dots mean day first, and a
  file's date columns all share its reading. A date column holding only numbers is read as
  Excel serial days. Two-digit years are read as 20YY in a column whose every date has one
  (in the file's day or month order), and in a tracker's fixed form (LinkedIn's
  `M/D/YY, h:mm AM`); the mapping shows a date of each such column read. A two-digit year
  among four-digit ones, or a value no reading explains, is an error.
- Channel words (`E-mail`, `Phone call`, `Called`, `Letter`, `LinkedIn message`, `Text`...),
  kinds (`Thank you`, `2nd follow-up`), next steps and outcomes in any case and spacing.
- A one-row-per-application sheet may hold a thank-you, a follow-up and a second follow-up on
  one row (`Thank-you sent` + `Thank-you method`, `Follow-up date` + `Follow-up method`...):
  each date it holds is a contact the candidate made, logged against the row's interview;
  without a column for its method, its channel is `unknown`.
- One word table reads every column read as outcome, status, stage history or response,
  case, punctuation and emoji aside (`Rejection :(`, `Accepted!`): offer or accepted: offer;
  rejected, rejection or declined: rejected; withdrawn: withdrawn; ghosted or no response:
  no-response; ongoing, in progress, interviewing, applied, bookmarked...: pending (and a tone
  for a response, and a stage: applied, phone screen: screen, interviewing: interview...). A
  list of them in one cell (`Applied, Phone Screen`, `['Applied', 'Interview']`) is a
  history. How the person applied (`Referral`, `Indeed`, `careers page`, `recruiter`) has a
  table of its own, read the same way. A word in neither is an error, named once for all its
  rows, with a close known word proposed as the `--map-value 'WORD=VALUE'` that would read
  it, never applied unasked.
- A tracker's planned reminder (Teal's `follow_up_at`) is not a contact and is ignored, as is
  the date Huntr keeps of the board itself; Simplify's `Status Date` dates its status.
- Cells are text with surrounding spaces trimmed, one spreadsheet-safety `'` removed as the
  canonical table does; a canonical file keeps its text exactly, so its round trip stays exact.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from workbook.canonical import COLUMN_NAMES
from workbook.home.files import text_replacing
from workbook.model import Channel
from workbook.tables.applications import STATUS_DATE, Found, read_applications
from workbook.tables.canonical_csv import (
    CellReader,
    CsvError,
    NotUtf8Error,
    Problem,
    check_rows,
    check_table,
    escape_formula,
    load_canonical,
    unescape_formula,
)
from workbook.tables.sheet_columns import (
    CONTACT_COLUMNS,
    CONTACT_GROUPS,
    DATE_COLUMNS,
    IGNORE,
    JOINED_TARGETS,
    PRIMARY_GROUP,
    TARGET_DESCRIPTIONS,
    TARGETS,
    ContactGroup,
    OptionError,
    TrackerFormat,
    format_of,
    guess_target,
    header_key,
)
from workbook.tables.sheet_dates import cell_reader, scan_dates, status_reader
from workbook.tables.sheet_files import (
    OLD_FORMATS,
    WORKBOOK_SUFFIXES,
    RawSheet,
    decoded_text,
    read_rows,
)
from workbook.tables.sheet_values import SOURCES, VALUES, ValueWords, value_key, value_overrides

__all__ = [
    "Mapping",
    "Sheet",
    "file_columns",
    "open_sheet",
]

Objects = npt.NDArray[np.object_]
Ints = npt.NDArray[np.int64]


def file_columns(source: Path | str, *, sheet: str | None = None, label: str = "") -> Mapping:
    """What each column of a file would become, by its header and what it holds, before any
    check: for a learner to correct even a file the import refuses. Raises `CsvError` only
    for a file that cannot be read at all."""
    path, name = Path(source), label or str(source)
    raw = read_rows(path, name, sheet)
    form = format_of(raw.header)
    guessed = {index: guess_target(form, header) for index, header in enumerate(raw.header)}
    read_as = _by_content(raw, guessed, set())
    targets = tuple(
        (header, read_as.get(index, (guessed[index], ""))[0] or IGNORE)
        for index, header in enumerate(raw.header)
    )
    return Mapping(name, raw.kind, form.name, (), (), "", targets)


# -- mapping columns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Mapping:
    """What an import reads a file as, said before anything is checked or written: the file,
    its format, what each column becomes, what is ignored (and why), how dates are read."""

    source: str
    file: str
    format: str
    columns: tuple[tuple[str, str], ...]
    ignored: tuple[tuple[str, str], ...]
    dates: str
    targets: tuple[tuple[str, str], ...] = ()
    """Every column of the file in order, with what it becomes (`ignore` for none): the
    choices a learner can correct, as `--map` options, before importing."""
    given: tuple[str, ...] = ()
    """What the format says of every row without a column for it, in words."""

    def lines(self) -> list[str]:
        """The mapping in a few lines for the learner: a line per column, one for the rest."""
        lines = [f"Reading {self.source} ({self.file}) as {self.format}."]
        if self.format == _CANONICAL:
            lines[0] = lines[0].removesuffix(".") + ": every column as named."
        else:
            lines += [f"  {header!r} -> {target}" for header, target in self.columns]
        lines += [f"  {said}" for said in self.given]
        if self.ignored:
            described = [f"{h!r} ({why})" if why else repr(h) for h, why in self.ignored]
            lines.append(f"  ignored: {', '.join(described)}")
        if self.dates:
            lines.append(f"  dates: {self.dates}")
        return lines


_CANONICAL = "the canonical contact table"


def _overrides(given: Sequence[str], header: list[str], source: str) -> dict[str, str]:
    """`--map 'Their header=target'` options, by the header's key; checked against the file."""
    keys = {header_key(name) for name in header}
    overrides: dict[str, str] = {}
    for option in given:
        name, equals, target = option.rpartition("=")
        target = target.strip()
        if not equals or not name.strip():
            raise OptionError(
                f"--map: {option!r} is not HEADER=COLUMN (for example 'Firm=company')"
            )
        if target not in (*TARGETS, IGNORE):
            raise OptionError(
                f"--map: {target!r} is not a column the import knows (expected one of: "
                f"{', '.join(TARGETS)}, or {IGNORE})"
            )
        if header_key(name) not in keys:
            raise OptionError(
                f"--map: {source} has no column {name.strip()!r} (its columns: "
                f"{', '.join(repr(h) for h in header)})"
            )
        overrides[header_key(name)] = target
    return overrides


def _destination(target: str) -> str:
    """The canonical column a target fills (a status fills outcome)."""
    return "outcome" if target == "status" else target


@dataclass
class _Map:
    """Which column of the file becomes what, and which are ignored."""

    targets: dict[int, str]
    described: list[tuple[str, str]]
    ignored: list[tuple[str, str]]


def _map_columns(
    raw: RawSheet, form: TrackerFormat, overrides: dict[str, str], source: str
) -> _Map:
    """What each column becomes: `--map` first, then the format's own columns, then the words
    people use, then what the column holds (`_by_content`); refuses a file whose header names
    nothing known, or no company, or one target twice."""
    result = _Map({}, [], [])
    problems: list[Problem] = []
    first: dict[str, str] = {}
    guessed = {
        index: overrides.get(header_key(h)) or guess_target(form, h)
        for index, h in enumerate(raw.header)
    }
    read_as = _by_content(
        raw, guessed, {i for i, h in enumerate(raw.header) if header_key(h) in overrides}
    )
    for index, header in enumerate(raw.header):
        key = header_key(header)
        mapped = key in overrides
        target, why = read_as.get(index, (guessed[index], ""))
        if target is None or target == IGNORE:
            why = "--map" if mapped else why or form.ignored.get(key, "")
            result.ignored.append((header or f"column {index + 1}, no header", why))
            continue
        destination = _destination(target)
        if destination in first and destination not in JOINED_TARGETS:
            problems.append(
                Problem(
                    raw.header_line,
                    header,
                    None,
                    f"would be read as {destination}, and so would column {first[destination]!r}"
                    f" (name the one to leave out with --map '{header}=ignore')",
                )
            )
            continue
        first.setdefault(destination, header)
        result.targets[index] = target
        note = TARGET_DESCRIPTIONS.get(target, target) + (" (--map)" if mapped else "")
        result.described.append((header, f"{note} ({why})" if why else note))
    for destination in JOINED_TARGETS:
        joined = [n for n, (header, note) in enumerate(result.described) if note == destination]
        for n in joined if len(joined) > 1 else []:
            result.described[n] = (result.described[n][0], f"{destination} (joined with '; ')")
    if all(header_key(raw.header[index]) in _GENERIC_HEADERS for index in result.targets):
        expected = "expected names such as Company, Role, Interview date, Follow-up date"
        message = f"is not a header row: it names no column the import knows ({expected})"
        raise CsvError(source, [Problem(raw.header_line, "", None, message)])
    if "company" not in first:
        problems.append(
            Problem(
                raw.header_line,
                "",
                None,
                "has no column for the company (expected a header such as Company, Employer or"
                " Company Name; or name one with --map 'Your header=company')",
            )
        )
    problems += _missing_partners(raw, result.targets)
    if problems:
        raise CsvError(source, problems)
    return result


_GENERIC_HEADERS = frozenset({"date"})
"""Headers too general to make a row a header row on their own."""

_FLAGS = frozenset({"yes", "no", "y", "n", "true", "false", "x", "done", "sent",
                    "\u2713", "\u2714", "\u2611", "\u2705", "\u2717", "\u2718", "\u274c",
                    "\u2610"})  # fmt: skip
"""What a yes/no column holds: yes and no in words, and ticks and crosses."""

_DATE_TARGETS = frozenset({*DATE_COLUMNS, STATUS_DATE, *(group.date for group in CONTACT_GROUPS)})


def _by_content(
    raw: RawSheet, guessed: dict[int, str | None], named: set[int]
) -> dict[int, tuple[str, str]]:
    """What some columns become by what they hold rather than by their header, and why (the
    columns of `named`, as `--map` names them, aside):
    - a column of yes and no (`Follow-up?` ticked or not) is a flag, never a date: ignored,
      since the tracker keeps a contact only with its day;
    - a channel column (`Channel`, `How`, `Via`) whose every word says how the person applied
      (`Referral`, `Indeed`, `company site`) is the application's source, when some word is
      no contact's channel or the sheet has no contact for it;
    - an answer date (`Heard back`) in a sheet with no contact is the application's answer;
    - a status log's date column beside no status is the applied date, or ignored when the
      sheet has one."""
    read_as: dict[int, tuple[str, str]] = {}
    cells = {index: [row[index].strip() for row in raw.rows] for index in guessed}
    free = [index for index in guessed if index not in named]
    for index in free:
        held = {cell.casefold() for cell in cells[index] if cell}
        if guessed[index] in _DATE_TARGETS and held and held <= _FLAGS:
            read_as[index] = (IGNORE, "holds only yes/no: a flag, not a date; the tracker keeps"
                              " a contact with the day it was made")  # fmt: skip
    final = {index: read_as.get(index, (target, ""))[0] for index, target in guessed.items()}
    targets = set(final.values())
    for index in free:
        words = [cell for cell in cells[index] if cell]
        if final[index] != "channel" or "source" in targets or not words:
            continue
        sources = [SOURCES.get(value_key(word)) for word in words]
        channels = [VALUES["channel"].get(value_key(word)) for word in words]
        if all(sources) and (not all(channels) or "contact_date" not in targets):
            example = next(
                (w for w, said in zip(words, channels, strict=True) if not said), words[0]
            )
            read_as[index] = ("source", f"its words say how you applied, such as {example!r}")
            final[index] = "source"
    targets = set(final.values())
    contacts = targets & {"contact_date", "channel", "kind"}
    for index in free:
        if final[index] == "response_date" and not contacts and "answer_date" not in targets:
            read_as[index] = ("answer_date", "the day the employer answered the application:"
                              " the sheet holds no contact it could answer")  # fmt: skip
        if final[index] == STATUS_DATE and not targets & {"status", "outcome", "stage_history"}:
            if "applied_date" in targets:
                read_as[index] = (IGNORE, "a date beside no status, and the sheet has an"
                                  " applied date")  # fmt: skip
            else:
                read_as[index] = ("applied_date", "a date beside no status: read as the day"
                                  " you applied")  # fmt: skip
    return read_as


_NEEDS = {
    "date": ("when they were made", "Follow-up date"),
    "interview_date": ("which interview they follow (its date)", "Interview date"),
}


def _missing_partners(raw: RawSheet, targets: dict[int, str]) -> list[Problem]:
    """A contact needs its date and its interview's date: a group of contact columns that
    holds values without a column for one of these is refused at the header (without a
    column for its method, a contact's channel is `unknown`)."""
    column_of = {target: index for index, target in targets.items()}
    problems = []
    for group in (PRIMARY_GROUP, *CONTACT_GROUPS):
        signs = CONTACT_COLUMNS if group is PRIMARY_GROUP else (group.date, group.channel)
        present = [column_of[t] for t in signs if t in column_of and t != "new_info"]
        if not any(row[index].strip() for index in present for row in raw.rows):
            continue
        header = raw.header[present[0]]
        for need, target in (("date", group.date), ("interview_date", "interview_date")):
            if target not in column_of:
                what, example = _NEEDS[need]
                problems.append(
                    Problem(
                        raw.header_line,
                        header,
                        None,
                        f"holds contacts, but no column says {what}: add one such as"
                        f" {example!r}, or name one with --map 'Your header={target}'",
                    )
                )
    return list({(p.column, p.message): p for p in problems}.values())


# -- the sheet ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Original:
    """A file's rows as written, kept to write out the ones an import leaves out: its header,
    and the cells of the rows on given lines."""

    header: list[str]
    rows: Callable[[Sequence[int]], list[list[str]]]


class Sheet:
    """A file mapped onto the canonical columns, not yet checked: what it was read as
    (`mapping`), the canonical columns it gives (`present`: an import updates these and keeps
    the tracker's values of the others), and its rows, checked and typed by `table()`.

    Opened to skip bad rows, `table()` leaves out each line with a problem instead of refusing
    the file; `left_out` then holds the first problem of each, and `write_left_out` writes
    those rows as the file has them, with the reason. Once read, `summary()` says what the
    rows were read as: how many applications, status logs, history lists."""

    def __init__(
        self,
        mapping: Mapping,
        columns: dict[str, pd.Series[Any]],
        lines: Ints,
        labels: dict[str, str | Objects],
        read: CellReader,
        original: _Original | None = None,
        found: Found | None = None,
    ) -> None:
        self.mapping = mapping
        self.present = frozenset(columns)
        self.left_out: tuple[Problem, ...] = ()
        self._columns: dict[str, pd.Series[Any] | None] | None = dict(columns)
        self._lines, self._labels, self._read = lines, labels, read
        self._original = original
        self._found = found or Found()
        self._read_as: tuple[int, int] | None = None

    def table(self) -> pd.DataFrame:
        """The canonical table, checked and typed as `store.typed` says; raises `CsvError`
        listing every problem by the file's line, column header and cell (or, skipping bad
        rows, the table of the good ones). The sheet hands its cells over to be checked (a
        large file's memory is freed as they are read), so this can be called once."""
        if self._columns is None:
            raise RuntimeError("a sheet's table is read once; open the file again")
        columns, self._columns = self._columns, None
        source, lines = self.mapping.source, self._lines
        read, labels, found = self._read, self._labels, self._found.problems
        if self._original is None:
            table = check_table(columns, lines, source, read=read, labels=labels, found=found)
        else:
            table, left_out = check_rows(
                columns, lines, source, read=read, labels=labels, found=found
            )
            self.left_out = tuple(left_out)
        rows = len(np.unique(lines)) - len(self.left_out)
        self._read_as = (int(table["application_id"].nunique()), rows)
        return table

    def summary(self) -> list[str]:
        """What `table()` read the rows as, in a few lines: how many applications in how many
        rows, the status logs, history lists and jobs applied for twice among them ([] before
        the table is read)."""
        if self._read_as is None:
            return []
        applications, rows = self._read_as
        found = (
            f"Found {applications} application{'s' if applications != 1 else ''} in {rows}"
            f" row{'s' if rows != 1 else ''}."
        )
        return [found, *self._found.lines()]

    def write_left_out(self, folder: Path) -> Path | None:
        """Write the rows `table()` left out, as the file has them, with a column saying why,
        to a new CSV file in `folder` (UTF-8 with a BOM, so a spreadsheet shows its letters
        right); None when none was left out. The file read is never touched."""
        if not self.left_out or self._original is None:
            return None
        header = self._original.header
        reason = next(n for n in ("reason", "reason left out", "import problem") if n not in header)
        rows = self._original.rows([problem.line for problem in self.left_out])
        stem = Path(self.mapping.source).stem or "import"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H%M%S")
        target = folder / f"{stem} left out {stamp}.csv"
        for n in itertools.count(2):
            if not target.exists():
                break
            target = folder / f"{stem} left out {stamp} ({n}).csv"
        with text_replacing(target) as file:
            file.write("\ufeff")
            writer = csv.writer(file, lineterminator="\r\n")
            writer.writerow([*header, reason])
            for problem, row in zip(self.left_out, rows, strict=True):
                writer.writerow([*row, f"line {problem.line}: {problem.reason()}"])
        return target


def open_sheet(
    source: Path | str,
    *,
    columns: Sequence[str] = (),
    sheet: str | None = None,
    label: str = "",
    words: Sequence[str] = (),
    skip_bad_rows: bool = False,
) -> Sheet:
    """Read a CSV file or a workbook's sheet and map it onto the canonical columns.

    `columns` holds `--map` options (`'Their header=target'`, a target of `TARGETS` or
    `ignore`); `words` holds `--map-value` options (`'Their word=value'`, a value or word of
    the word table, for outcome, status and response cells); `sheet` names a workbook's sheet
    (default: the first); `label` is how messages name the file (default: its path, as
    given); `skip_bad_rows` makes `Sheet.table()` leave out each bad row instead of refusing
    the file. Raises `CsvError` for a file that cannot be read or mapped, `OptionError` for a
    `--map`, `--map-value` or `--sheet` it cannot honour. The file is only read.
    """
    path, name = Path(source), label or str(source)
    meanings = value_overrides(words)
    suffix = path.suffix.lower()
    if suffix in OLD_FORMATS:
        message = f"is a {suffix} file (expected .xlsx or CSV: save it as one of those)"
        raise CsvError(name, [Problem(0, "", None, message)])
    if sheet is not None and suffix not in WORKBOOK_SUFFIXES:
        raise OptionError(f"--sheet: {name} is not an .xlsx workbook, so it has no sheets")
    if suffix not in WORKBOOK_SUFFIXES and not columns:
        canonical = _open_canonical(path, name, meanings, skip_bad_rows)
        if canonical is not None:
            return canonical
    raw = read_rows(path, name, sheet)
    exact = set(raw.header) <= set(COLUMN_NAMES) and len(set(raw.header)) == len(raw.header)
    form = format_of(raw.header)
    if form.refusal:
        raise CsvError(name, [Problem(raw.header_line, "", None, form.refusal)])
    overrides = _overrides(columns, raw.header, name)
    mapped = _map_columns(raw, form, overrides, name)
    staged = _stage(raw, mapped.targets)
    fixed = {
        target: form.fixed_dates[target]
        for index, target in mapped.targets.items()
        if target in form.fixed_dates and header_key(raw.header[index]) not in overrides
    }
    dates = scan_dates(*staged.series((*DATE_COLUMNS, STATUS_DATE)), fixed)
    canonical_text = exact and not overrides
    given = [fact for fact in form.given if fact[0] not in staged.values]
    for column, value, _ in given:
        staged.values[column] = [value] * len(staged.lines)
        staged.labels[column] = [column] * len(staged.lines)
    found = Found()
    if not canonical_text:
        found = read_applications(
            staged.values,
            staged.labels,
            staged.lines,
            read_date=dates.read,
            read_status=status_reader(meanings.results),
        )
    values, labels, lines = staged.columns()
    return Sheet(
        Mapping(
            source=name,
            file=raw.kind,
            format=_CANONICAL if canonical_text else form.name,
            columns=tuple(mapped.described),
            ignored=tuple(mapped.ignored),
            dates=dates.describe(),
            targets=tuple(
                (header, mapped.targets.get(index, IGNORE))
                for index, header in enumerate(raw.header)
            ),
            given=tuple(f"{column}: {value} on every row ({why})" for column, value, why in given),
        ),
        values,
        lines,
        labels,
        cell_reader(dates, exact_text=canonical_text, words=meanings),
        _original(raw) if skip_bad_rows else None,
        found,
    )


def _original(raw: RawSheet) -> _Original:
    """A file's rows as written, by line."""
    by_line = dict(zip(raw.lines, raw.rows, strict=True))
    return _Original(list(raw.header), lambda at: [by_line[line] for line in at])


def _open_canonical(path: Path, source: str, words: ValueWords, keep: bool) -> Sheet | None:
    """A comma-separated UTF-8 file whose first line is the canonical header, read by the
    canonical table's own loader (fast, for files of millions of rows); None for any other.
    `keep` keeps its rows as written, to write out those an import leaves out."""
    first, separator, encoding = decoded_text(path, source)
    names = first.split(",")
    if separator != "," or "company" not in names or not set(names) <= set(COLUMN_NAMES):
        return None
    if len(set(names)) != len(names) or encoding == "UTF-16":
        return None
    try:
        header, raw = load_canonical(path, source)
    except NotUtf8Error:
        return None  # read in the encoding it is in, below
    lines = np.arange(2, len(raw) + 2, dtype=np.int64)
    values = {name: raw[name] for name in header}
    labels: dict[str, str | Objects] = {name: name for name in header}
    dates = scan_dates({c: values[c] for c in DATE_COLUMNS if c in values}, lines, labels)
    mapping = Mapping(
        source=source,
        file=f"CSV, {encoding}, separated by ','",
        format=_CANONICAL,
        columns=tuple((name, name) for name in header),
        ignored=(),
        dates=dates.describe(),
        targets=tuple((name, name) for name in header),
    )
    read = cell_reader(dates, exact_text=True, words=words)
    original = None
    if keep:
        original = _Original(
            list(header), lambda at: raw.iloc[[n - 2 for n in at]].to_numpy().tolist()
        )
    return Sheet(mapping, values, lines, labels, read, original)


@dataclass
class _Staged:
    """A file's rows as canonical columns of text (and `STATUS_DATE`), each cell with its
    header, and the line each row comes from."""

    values: dict[str, list[str]]
    labels: dict[str, list[str]]
    lines: list[int]
    header: dict[str, str]
    """The header of each column, for a column no row fills."""

    def series(
        self, names: Sequence[str]
    ) -> tuple[dict[str, pd.Series[Any]], Ints, dict[str, str | Objects]]:
        """The columns of `names` the file has, their lines and headers."""
        kept = [name for name in names if name in self.values]
        return (
            {name: pd.Series(self.values[name], dtype=object) for name in kept},
            np.array(self.lines, dtype=np.int64),
            {name: _labels(self.labels[name], self.header.get(name, name)) for name in kept},
        )

    def columns(self) -> tuple[dict[str, pd.Series[Any]], dict[str, str | Objects], Ints]:
        """The canonical columns as `check_table` takes them (`STATUS_DATE` left out: what it
        says is in the stage history by now)."""
        cells, lines, labels = self.series([name for name in self.values if name != STATUS_DATE])
        return cells, labels, lines


def _stage(raw: RawSheet, targets: dict[int, str]) -> _Staged:
    """The file's rows as canonical columns of text, each cell with its column's header.

    A row gives one canonical row; a row that also holds a thank-you or a second follow-up
    gives one more row for each (the application and round fields copied, its kind set), in
    that order around its own row, which it then keeps only if it has a contact of its own.
    Several contact_detail columns are joined with '; '. A contact whose sheet has a column
    for its date but none for its method has the channel `unknown`.
    """
    sources: dict[str, list[int]] = {}
    for index, target in targets.items():
        sources.setdefault(_destination(target), []).append(index)
    groups = [
        group for group in CONTACT_GROUPS if group.date in sources or group.channel in sources
    ]
    unknown = {
        group.channel
        for group in (PRIMARY_GROUP, *CONTACT_GROUPS)
        if group.date in sources and group.channel not in sources
    }
    contact = ("contact_date", "channel", "kind") if groups else ()
    names = [
        name
        for name in (*COLUMN_NAMES, STATUS_DATE)
        if name in sources or name in contact or name in unknown
    ]
    own_contact = [index for name in CONTACT_COLUMNS for index in sources.get(name, [])]
    header = raw.header
    blank = ("", "")

    def cell(row: list[str], target: str) -> tuple[str, str]:
        """A target's cell on a row, and the header it is under ("" for neither)."""
        indexes = sources.get(target, [])
        if len(indexes) > 1:  # each cell unescaped, the whole escaped again: read as one
            parts = [unescape_formula(row[i].strip()) for i in indexes if row[i].strip()]
            return escape_formula("; ".join(parts)), header[indexes[0]]
        return (row[indexes[0]], header[indexes[0]]) if indexes else blank

    def channel(row: list[str], group: ContactGroup, date: tuple[str, str]) -> tuple[str, str]:
        """A contact's channel; `unknown` for a dated one whose sheet says no method."""
        if group.channel in unknown and date[0].strip():
            return Channel.UNKNOWN.value, date[1]
        return cell(row, group.channel)

    values: dict[str, list[str]] = {name: [] for name in names}
    labels: dict[str, list[str]] = {name: [] for name in names}
    lines: list[int] = []
    for row, line in zip(raw.rows, raw.lines, strict=True):
        before: list[dict[str, tuple[str, str]]] = []
        after: list[dict[str, tuple[str, str]]] = []
        for group in groups:
            date = cell(row, group.date)
            method = channel(row, group, date)
            if date[0].strip() or method[0].strip():
                kind = (group.kind, date[1] or method[1])
                contact_cells = {"contact_date": date, "channel": method, "kind": kind}
                (before if group.first else after).append(contact_cells)
        own = not (before or after) or any(row[index].strip() for index in own_contact)
        mine = [{name: cell(row, name) for name in CONTACT_COLUMNS}] if own else []
        for contact_cells in mine if PRIMARY_GROUP.channel in unknown else []:
            contact_cells["channel"] = channel(row, PRIMARY_GROUP, contact_cells["contact_date"])
        for contact_cells in before + mine + after:
            lines.append(line)
            for name in names:
                value, label = contact_cells.get(name) or (
                    blank if name in CONTACT_COLUMNS else cell(row, name)
                )
                values[name].append(value)
                labels[name].append(label or cell(row, name)[1] or name)
    return _Staged(values, labels, lines, {name: cell(header, name)[1] or name for name in names})


def _labels(names: list[str], default: str) -> str | Objects:
    """A column's header: one name when every row has the same, else one per row."""
    distinct = set(names)
    if len(distinct) > 1:
        array = np.empty(len(names), dtype=object)
        array[:] = names
        return array
    return next(iter(distinct), default)
