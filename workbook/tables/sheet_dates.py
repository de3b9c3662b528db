"""The dates people write in spreadsheets (ISO, slashes month or day first, dots, month names,
Excel serial days, two-digit years), read the one way a file's date columns allow, and the
cell readers that use them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from workbook.canonical import Column
from workbook.model import Stage, StageEntry
from workbook.rules.stages import format_history
from workbook.tables.applications import Status, StatusReader
from workbook.tables.canonical_csv import (
    CellReader,
    implausible,
    read_cell,
)
from workbook.tables.sheet_values import (
    RESULT_COLUMNS,
    VALUES,
    Meaning,
    ValueWords,
    statuses_of,
    unknown_word,
    value_key,
)

__all__ = ["cell_reader", "scan_dates", "status_reader"]

Objects = npt.NDArray[np.object_]
Ints = npt.NDArray[np.int64]


# -- dates -------------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DATE = re.compile(
    r"(?P<a>\d{1,4})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})\.?"
    r"(?:(?:[ T]|, ?)+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r" ?(?P<half>[AaPp]\.?[Mm]\.?)?(?: ?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?"
)
_EXCEL_FIRST = 61
"""Excel's serial 60 is 1900-02-29, a day that never was; serials before 61 are off by one."""
_EXCEL_LAST = 2_958_465  # 9999-12-31
_ANY_DATE = "is not a date (expected a date such as 2026-11-23, 11/23/2026 or 23.11.2026)"


@dataclass(frozen=True)
class _Shape:
    """A date cell taken apart: `ymd`, `slash` (a/b/c or a-b-c) or `dot` (d.m.y), and its
    three numbers as written."""

    shape: str
    a: str
    b: str
    c: str


def _shape(word: str) -> _Shape | None:
    """A cell's date shape, or None when it has none (or an impossible time of day)."""
    match = _DATE.fullmatch(word)
    if not match:
        return None
    if match["hour"] is not None:
        hour, limit = int(match["hour"]), 12 if match["half"] else 23
        if hour > limit or int(match["minute"]) > 59 or int(match["second"] or 0) > 59:
            return None
    a, separator, b, c = match["a"], match["sep"], match["b"], match["c"]
    if len(a) == 4:
        return _Shape("ymd", a, b, c) if len(c) <= 2 else None
    if len(c) not in (2, 4):
        return None
    return _Shape("dot" if separator == "." else "slash", a, b, c)


@dataclass(frozen=True)
class _Dates:
    """How a file's dates are read: day first or month first, the cell that proves day first,
    and which canonical date columns hold Excel serial days."""

    day_first: bool = False
    proof: str = ""
    serial: frozenset[str] = frozenset()
    serial_labels: tuple[str, ...] = ()
    slashes: bool = False
    fixed: dict[str, str] = field(default_factory=dict)
    """Columns a tracker writes in one fixed month-first form, by that form's name."""
    short: frozenset[str] = frozenset()
    """Columns whose every date has a two-digit year, read as 20YY."""
    notes: tuple[str, ...] = ()
    """How the fixed and two-digit-year columns were read, with an example of each."""

    def describe(self) -> str:
        """The reading chosen, in words, or "" when every date is ISO."""
        parts = []
        if self.day_first:
            parts.append(f"read day first (23/11/2026): {self.proof}")
        elif self.slashes:
            parts.append("read month first (11/23/2026); no date in the file is day first")
        if self.serial_labels:
            names = ", ".join(repr(label) for label in self.serial_labels)
            parts.append(f"{names} hold{'s' if len(self.serial_labels) == 1 else ''} Excel "
                         "serial days (only numbers)")  # fmt: skip
        return "; ".join([*parts, *self.notes])

    def read(self, column: str, word: str) -> tuple[dt.date | None, str | None]:
        """A non-empty date cell read in this file's reading, or why it cannot be."""
        if column in self.serial:
            return self._serial(word)
        if column in self.fixed:
            return self._fixed(self.fixed[column], word)
        if _NUMBER.fullmatch(word):
            return None, (
                "is a number, not a date (a date column is read as Excel serial days only when"
                " it holds nothing but numbers)"
            )
        shape = _shape(word)
        if shape is None:
            return _named_date(word)
        if shape.shape == "ymd":
            year, month, day = shape.a, shape.b, shape.c
        elif shape.shape == "dot" or self.day_first:
            day, month, year = shape.a, shape.b, shape.c
        else:
            month, day, year = shape.a, shape.b, shape.c
        if len(year) != 4 and column not in self.short:
            return None, (
                "is not a date (expected a four-digit year, for example 11/23/2026; two-digit"
                " years are read only when every date of their column has one)"
            )
        try:
            date = dt.date(_full_year(year), int(month), int(day))
        except ValueError:
            return None, self._wrong(shape)
        return (None, error) if (error := implausible(date)) else (date, None)

    @staticmethod
    def _fixed(form: str, word: str) -> tuple[dt.date | None, str | None]:
        """A date in a tracker's fixed month-first form, such as LinkedIn's."""
        shape = _shape(word)
        try:
            if shape is None or shape.shape != "slash":
                raise ValueError
            date = dt.date(_full_year(shape.c), int(shape.a), int(shape.b))
        except ValueError:
            return None, f"is not a date in {form} form (for example '11/23/24, 11:39 PM')"
        return (None, error) if (error := implausible(date)) else (date, None)

    def _wrong(self, shape: _Shape) -> str:
        if shape.shape == "ymd":
            return "is not a date (expected YYYY-MM-DD, for example 2026-11-23)"
        if shape.shape == "dot":
            return "is not a date (expected DD.MM.YYYY, for example 23.11.2026)"
        if self.day_first:
            return (
                f"is not a date read day first (DD/MM/YYYY), as this file's dates are: {self.proof}"
            )
        return (
            "is not a date read month first (MM/DD/YYYY), as this file's dates are (none of"
            " them is day first)"
        )

    @staticmethod
    def _serial(word: str) -> tuple[dt.date | None, str | None]:
        number = float(word)
        if not _EXCEL_FIRST <= number <= _EXCEL_LAST:
            return None, "is not a plausible date (as Excel serial days, expected 61 or more)"
        from openpyxl.utils.datetime import from_excel  # openpyxl loads slowly; few files need it

        date = from_excel(int(number)).date()
        return (None, error) if (error := implausible(date)) else (date, None)


_MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")),
        start=1,
    )
    for name in names
}  # fmt: skip
_TIME = r"(?:,? (?:at )?\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\.?)?(?: \(?[A-Z]{2,5}\)?)?)?"
_NAMED_DATE = re.compile(
    r"(?:(?P<month>[A-Za-z]+)\.? (?P<day>\d{1,2})(?:st|nd|rd|th)?,? (?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\.? (?P<month2>[A-Za-z]+)\.?,? (?P<year2>\d{4}))" + _TIME
)


def _named_date(word: str) -> tuple[dt.date | None, str | None]:
    """A date with its month in English words, as Notion and many people write them
    (`November 23, 2024`, `Nov 23, 2024 9:15 AM`, `23 November 2024`), or why it is none."""
    found = _NAMED_DATE.fullmatch(word)
    if found is None:
        return None, _ANY_DATE
    month = _MONTHS.get((found["month"] or found["month2"]).casefold())
    try:
        if month is None:
            raise ValueError
        date = dt.date(
            int(found["year"] or found["year2"]), month, int(found["day"] or found["day2"])
        )
    except ValueError:
        return None, _ANY_DATE
    return (None, error) if (error := implausible(date)) else (date, None)


def _full_year(year: str) -> int:
    """A year as written: four digits as they are, two as 20YY (a job search is recent)."""
    return int(year) + (2000 if len(year) == 2 else 0)


def _two_digit_years(words: list[str]) -> bool:
    """Whether a column's filled cells share one pattern with a two-digit year: every one a
    slash date, or every one a dotted date, ending in two digits."""
    shapes = [_shape(word) for word in words]
    kinds = {shape.shape if shape else None for shape in shapes}
    return (
        len(kinds) == 1
        and kinds <= {"slash", "dot"}
        and all(shape is not None and len(shape.c) == 2 for shape in shapes)
    )


def scan_dates(
    columns: dict[str, pd.Series[Any]],
    lines: Ints,
    labels: dict[str, str | Objects],
    fixed: dict[str, str] | None = None,
) -> _Dates:
    """Choose the file's date reading from every cell of its date columns, each distinct cell
    looked at once: day first if one cell proves it (first by line), serial days per column,
    two-digit years in a column whose every date has one; `fixed` columns are read in their
    tracker's form and decide nothing. The reading's notes show each column's first date."""
    fixed = fixed or {}
    proof: tuple[int, str] | None = None
    serial: list[str] = []
    serial_labels: list[str] = []
    short: list[str] = []
    firsts: dict[str, tuple[str, str]] = {}
    slashes = False
    for name, cells in columns.items():
        codes, distinct = pd.factorize(cells.to_numpy(dtype=object))
        words = [str(text).strip() for text in distinct]
        filled = [word for word in words if word]
        if filled and all(_NUMBER.fullmatch(word) for word in filled):
            serial.append(name)
            label = labels[name]
            serial_labels += [label] if isinstance(label, str) else sorted(set(label.tolist()))
            continue
        if filled:
            first = next(n for n, word in enumerate(words) if word)
            row = int(np.flatnonzero(codes == first)[0])
            label = labels[name]
            firsts[name] = (label if isinstance(label, str) else str(label[row]), words[first])
        if name in fixed:
            continue
        if filled and _two_digit_years(filled):
            short.append(name)
        for code, word in enumerate(words):
            shape = _shape(word)
            if shape is None or shape.shape not in ("slash", "dot"):
                continue
            slashes |= shape.shape == "slash"
            if shape.shape == "dot" or 12 < int(shape.a) <= 31:
                row = int(np.flatnonzero(codes == code)[0])
                label = labels[name]
                where = label if isinstance(label, str) else str(label[row])
                means = "has dots, which mean" if shape.shape == "dot" else "can only be"
                said = f"{word!r} in column {where!r} on line {lines[row]} {means} day first"
                found = (int(lines[row]), said)
                proof = found if proof is None or found[0] < proof[0] else proof
    dates = _Dates(
        day_first=proof is not None,
        proof=proof[1] if proof else "",
        serial=frozenset(serial),
        serial_labels=tuple(dict.fromkeys(serial_labels)),
        slashes=slashes,
        fixed={name: form for name, form in fixed.items() if name in columns},
        short=frozenset(short),
    )
    notes = []
    for name in (*dates.fixed, *short):
        if name not in firsts:
            continue
        label, word = firsts[name]
        date, _ = dates.read(name, word)
        how = f"in {fixed[name]} form" if name in fixed else "has two-digit years, read as 20YY"
        example = f": {word!r} read as {date.isoformat()}" if date else ""
        notes.append(f"{label!r} {how}{example}")
    return replace(dates, notes=tuple(notes))


def cell_reader(dates: _Dates, *, exact_text: bool, words: ValueWords | None = None) -> CellReader:
    """The lenient cell reader: the file's dates, known words for enums, the word table (and
    the learner's `--map-value` words) for outcomes, statuses, responses, stage histories and
    how the person applied; anything else as the canonical table reads it (and refuses it
    with its message)."""
    known = words or ValueWords()

    def read(column: Column, text: str) -> tuple[object, str | None]:
        word = text.strip()
        if word and column.name == "stage_history" and not exact_text:
            return _history(column, word, known.results)
        if column.type == "text":
            return read_cell(column, text if exact_text else word)
        if word and column.type == "date":
            return dates.read(column.name, word)
        if word and column.name in RESULT_COLUMNS:
            meanings, listed, unknown = statuses_of(word, known.results)
            if unknown:
                return "", unknown_word(column.name, unknown, word if listed else "")
            meaning = meanings[-1][RESULT_COLUMNS[column.name]]
            return (meaning, None) if meaning else ("", unknown_word(column.name, word))
        if word and column.name == "source":
            source = known.sources.get(value_key(word))
            return (source, None) if source else ("", unknown_word("source", word))
        if word and column.type == "enum":
            value = VALUES[column.name].get(value_key(word))
            if value is not None:
                return value, None
        return read_cell(column, word)

    return read


def _history(column: Column, word: str, results: dict[str, Meaning]) -> tuple[str, str | None]:
    """A stage history cell of a sheet: as the canonical table writes it, else a list of
    status words (`Applied, Phone Screen, Rejected`) read through the word table."""
    canonical, error = read_cell(column, word)
    if error is None:
        return str(canonical), None
    meanings, listed, unknown = statuses_of(word, results)
    if unknown:
        return "", unknown_word("stage_history", unknown, word if listed else "")
    entries = [StageEntry(Stage(meaning[2])) for meaning in meanings if meaning[2]]
    return format_history(entries), None


def status_reader(results: dict[str, Meaning]) -> StatusReader:
    """Reads a status cell for `read_applications`: each word's outcome and stage, and
    whether the cell is a list; None for a cell whose words the table does not all explain
    as outcomes (the checks name it)."""

    def read(text: str) -> tuple[tuple[Status, ...], bool] | None:
        meanings, listed, unknown = statuses_of(text.strip(), results)
        if unknown or not all(meaning[0] for meaning in meanings):
            return None
        return tuple((meaning[0], meaning[2]) for meaning in meanings), listed

    return read
