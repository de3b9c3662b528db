"""Reading a CSV file (its encoding and separator found) or an `.xlsx` workbook into rows of
text, with the file's own line numbers.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from workbook.tables.canonical_csv import (
    MAX_PROBLEMS,
    CsvError,
    Problem,
    not_utf8,
    too_many_cells,
)
from workbook.tables.sheet_columns import OptionError

__all__ = [
    "OLD_FORMATS",
    "WORKBOOK_SUFFIXES",
    "RawSheet",
    "decoded_text",
    "read_csv_rows",
    "read_rows",
    "read_workbook_rows",
]


# -- reading a file into rows of text ----------------------------------------------------------


@dataclass
class RawSheet:
    """A file's cells as text: the header row, then each row that is not blank, with its line
    (as a spreadsheet counts rows)."""

    header: list[str]
    header_line: int
    rows: list[list[str]]
    lines: list[int]
    kind: str


_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with a BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_SEPARATORS = {",": "','", ";": "';'", "\t": "tabs"}
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
OLD_FORMATS = (".xls", ".ods", ".numbers")


def _no_file(source: str, error: OSError) -> CsvError:
    if isinstance(error, FileNotFoundError):
        return CsvError(source, [Problem(0, "", None, "no such file")])
    if isinstance(error, IsADirectoryError):
        return CsvError(source, [Problem(0, "", None, "is a folder, not a file")])
    return CsvError(source, [Problem(0, "", None, f"cannot be read ({error.strerror or error})")])


_ENCODINGS = {"cp1252": "Windows-1252", "latin_1": "Latin-1", "mac_roman": "Mac Roman"}
"""The encodings other than UTF-8 and UTF-16 a file may be in, as charset-normalizer names them
and as the mapping says them (Windows-1252 is Excel's on Windows; Latin-1 text in its printable
range reads the same in it)."""


def _decode(path: Path, source: str, data: bytes) -> tuple[str, str]:
    """A CSV file's text and its encoding in words: as its BOM says; else UTF-8 if it is; else
    UTF-16 without a BOM, or the one of `_ENCODINGS` charset-normalizer finds. Refused, naming
    the first line that is not UTF-8, when none of them can be decided."""
    for bom, name, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), label
            except UnicodeDecodeError:
                problem = Problem(0, "", None, f"is not {label} text, as its BOM says")
                raise CsvError(source, [problem]) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    found = _utf16(data) or _detect(data)
    if found is None:
        problem = not_utf8(path)
        message = (
            "is not UTF-8 text, and its encoding cannot be told (expected UTF-8, UTF-16,"
            f" {', '.join(_ENCODINGS.values())}); in Excel: Save As, CSV UTF-8"
        )
        raise CsvError(source, [Problem(problem.line, "", None, message)])
    return found


def _utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: text whose every other byte is zero, as letters of Latin
    scripts give in it."""
    if len(data) % 2 or data.count(0) * 3 < len(data):
        return None
    order = "utf-16-le" if data[1::2].count(0) > data[::2].count(0) else "utf-16-be"
    try:
        text = data.decode(order)
    except UnicodeDecodeError:
        return None
    return (text, "UTF-16") if "\x00" not in text else None


def _detect(data: bytes) -> tuple[str, str] | None:
    """The text in the encoding of `_ENCODINGS` that charset-normalizer finds it most likely
    in, or None when it finds none that reads without mess (or the bytes hold a zero)."""
    from charset_normalizer import from_bytes  # only a file that is not UTF-8 needs it

    if 0 in data:
        return None
    best = from_bytes(data, cp_isolation=list(_ENCODINGS)).best()
    if best is None or best.encoding not in _ENCODINGS:
        return None
    return str(best), _ENCODINGS[best.encoding]


def _separator(text: str) -> str:
    """The separator of a CSV text: whichever of `,`, `;` and tab its first line that is not
    blank uses most outside quotes (`,` when it uses none)."""
    for line in text.splitlines():
        if line.strip(" ,;\t"):
            bare = re.sub(r'"[^"]*"', "", line)
            return max(_SEPARATORS, key=lambda separator: (bare.count(separator), separator == ","))
    return ","


def decoded_text(path: Path, source: str) -> tuple[str, str, str]:
    """A CSV file's first line, its separator and its encoding in words, from the file's first
    64 KiB only."""
    try:
        with path.open("rb") as file:
            head = file.read(1 << 16)
    except OSError as error:
        raise _no_file(source, error) from None
    encoding = "UTF-8"
    for bom, _, label in _BOMS:
        if head.startswith(bom):
            encoding, head = label, head[len(bom) :]
            break
    text = codecs.getincrementaldecoder("utf-8")("replace").decode(head)
    return text.split("\n", 1)[0].rstrip("\r"), _separator(text), encoding


def read_csv_rows(path: Path, source: str) -> RawSheet:
    """Every row of a CSV file, its cells as text."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _no_file(source, error) from None
    text, encoding = _decode(path, source, data)
    del data
    separator = _separator(text)
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        records.extend(reader)
    except csv.Error as error:
        line = len(records) + 1
        message = str(error)
        if "unexpected end of data" in message:
            message = "has a quote that is never closed (is the file cut off?)"
        elif "field larger than field limit" in message:
            message = f"has a cell longer than {csv.field_size_limit()} characters"
        else:
            message = f"cannot be read as CSV ({message})"
        raise CsvError(source, [Problem(line, "", None, message)]) from None
    kind = f"CSV, {encoding}, separated by {_SEPARATORS[separator]}"
    return _rows(records, source, kind)


def read_workbook_rows(path: Path, source: str, sheet: str | None) -> RawSheet:
    """Every row of a workbook's sheet (the first, unless `sheet` names one), cells as text."""
    import openpyxl  # only a workbook needs it

    if not path.is_file():
        raise _no_file(source, FileNotFoundError() if not path.exists() else IsADirectoryError())
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # a damaged file can fail anywhere in openpyxl
        reason = f"{type(error).__name__}: {error}".rstrip(": ")
        problem = Problem(0, "", None, f"cannot be read as an Excel workbook ({reason})")
        raise CsvError(source, [problem]) from None
    try:
        names = book.sheetnames
        if not names:
            raise CsvError(source, [Problem(0, "", None, "is a workbook without a sheet")])
        if sheet is None:
            chosen = names[0]
        else:
            matches = [n for n in names if n == sheet] or [
                n for n in names if n.casefold() == sheet.strip().casefold()
            ]
            if len(matches) != 1:
                raise OptionError(
                    f"--sheet: {source} has no sheet {sheet!r} (its sheets: "
                    f"{', '.join(repr(n) for n in names)})"
                )
            chosen = matches[0]
        try:
            records = [
                [_cell_text(value) for value in row]
                for row in book[chosen].iter_rows(min_row=1, values_only=True)
            ]
        except Exception as error:  # as above: a damaged sheet
            problem = Problem(0, "", None, f"cannot be read as an Excel workbook ({error})")
            raise CsvError(source, [problem]) from None
    finally:
        book.close()
    return _rows(records, source, f"Excel workbook, sheet {chosen!r}")


def _cell_text(value: object) -> str:
    """A workbook cell as the text a CSV export of it would hold (dates as ISO dates)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows(records: list[list[str]], source: str, kind: str) -> RawSheet:
    """The header (the first row that is not blank) and the rows after it that are not blank,
    each as wide as the header: short rows padded, empty cells past its end dropped."""
    filled = [n for n, record in enumerate(records) if any(cell.strip() for cell in record)]
    if not filled:
        expected = "expected a first row naming its columns, such as Company, Role, Interview date"
        raise CsvError(source, [Problem(0, "", None, f"has no header row ({expected})")])
    start = filled[0]
    header = [name.strip() for name in records[start]]
    while len(header) > 1 and not header[-1].strip():
        header = header[:-1]
    width = len(header)
    rows, lines, problems = [], [], []
    for n in filled[1:]:
        record = records[n]
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            problems.append(too_many_cells(n + 1, len(record), width))
            continue
        rows.append(record[:width] + [""] * (width - len(record)))
        lines.append(n + 1)
    if problems:
        raise CsvError(source, problems[:MAX_PROBLEMS], len(problems))
    return RawSheet(header, start + 1, rows, lines, kind)


def read_rows(path: Path, source: str, sheet: str | None) -> RawSheet:
    """The file's rows of text: an `.xlsx` workbook's sheet (the first, or `sheet`), or a CSV
    file's rows."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return read_workbook_rows(path, source, sheet)
    return read_csv_rows(path, source)
