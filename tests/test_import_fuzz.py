"""The importer fed damaged files: flipped bytes, dropped or duplicated columns, ragged rows,
cut-off files, huge cells, other encodings, stray bytes and line endings. It never fails with
anything but its own clean error (`CsvError`), a refused file leaves the tracker exactly as it
was, and no file is ever changed by being read."""

from __future__ import annotations

import contextlib
import functools
import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.tables import contacts, snapshot
from workbook.cli import main
from workbook.tables.canonical_csv import CsvError, merge_table
from workbook.tables.spreadsheet import open_sheet
from workbook.tracker.store import Tracker

DATA = Path(__file__).resolve().parent / "data" / "import"
SOURCES: dict[str, bytes] = {
    path.name: path.read_bytes() for path in sorted(DATA.iterdir()) if path.suffix != ".md"
} | {"canonical.csv": contacts(24).encode("utf-8")}
ENCODINGS = ("latin-1", "cp1252", "utf-16", "utf-16-le", "utf-32", "mac_roman", "shift_jis")
Draw = Callable[[st.SearchStrategy[Any]], Any]


def _lines(data: bytes) -> tuple[list[list[str]], str]:
    """The text's lines split naively at its separator (quotes are not respected: that is
    damage too)."""
    text = data.decode("utf-8", "replace")
    first = text.split("\n", 1)[0]
    separator = max(",;\t", key=first.count)
    return [line.split(separator) for line in text.split("\n")], separator


def _join(rows: list[list[str]], separator: str) -> bytes:
    return "\n".join(separator.join(row) for row in rows).encode("utf-8")


def flip(draw: Draw, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        if out:
            out[draw(st.integers(0, len(out) - 1))] ^= draw(st.integers(1, 255))
    return bytes(out)


def cut(draw: Draw, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


def drop_column(draw: Draw, data: bytes) -> bytes:
    rows, separator = _lines(data)
    column = draw(st.integers(0, max(len(rows[0]) - 1, 0)))
    return _join([row[:column] + row[column + 1 :] for row in rows], separator)


def duplicate_column(draw: Draw, data: bytes) -> bytes:
    rows, separator = _lines(data)
    column = draw(st.integers(0, max(len(rows[0]) - 1, 0)))
    return _join([row[: column + 1] + row[column:] for row in rows], separator)


def ragged(draw: Draw, data: bytes) -> bytes:
    rows, separator = _lines(data)
    line = draw(st.integers(0, len(rows) - 1))
    if draw(st.booleans()):
        rows[line] = rows[line][: draw(st.integers(0, len(rows[line])))]
    else:
        rows[line] = rows[line] + draw(st.lists(st.sampled_from(["", "x", " ", "2026-11-23"]),
                                                min_size=1, max_size=4))  # fmt: skip
    return _join(rows, separator)


def huge_cell(draw: Draw, data: bytes) -> bytes:
    at: int = draw(st.integers(0, len(data)))
    size: int = draw(st.sampled_from([5_000, 140_000, 300_000]))
    piece: bytes = draw(st.sampled_from([b"x", b"\xc3\xa9", b"1", b" "]))
    return data[:at] + piece * size + data[at:]


def encoding(draw: Draw, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    return text.encode(draw(st.sampled_from(ENCODINGS)), "replace")


def stray_bytes(draw: Draw, data: bytes) -> bytes:
    at: int = draw(st.integers(0, len(data)))
    stray: bytes = draw(st.binary(min_size=1, max_size=16))
    return data[:at] + stray + data[at:]


def line_endings(draw: Draw, data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", draw(st.sampled_from([b"\r", b"\r\n"])))


def blank_lines(draw: Draw, data: bytes) -> bytes:
    lines = data.split(b"\n")
    at = draw(st.integers(0, len(lines)))
    return b"\n".join(
        [*lines[:at], draw(st.sampled_from([b"", b";;;", b",,,", b"  "])), *lines[at:]]
    )


MUTATIONS = (flip, cut, drop_column, duplicate_column, ragged, huge_cell, encoding, stray_bytes,
             line_endings, blank_lines)  # fmt: skip


@st.composite
def damaged_files(draw: Draw) -> tuple[str, bytes]:
    """A realistic file with one to three kinds of damage done to it."""
    name = draw(st.sampled_from(sorted(SOURCES)))
    data = SOURCES[name]
    for _ in range(draw(st.integers(1, 3))):
        data = draw(st.sampled_from(MUTATIONS))(draw, data)
    return name, data


def a_tracker(folder: Path, base: Path) -> Path:
    """A copy of the tracker every example starts from."""
    copy = folder / "tracker.db"
    shutil.copyfile(base, copy)
    return copy


def base_tracker(factory: Any) -> Path:
    """A tracker holding the per-application sheet: made once for the whole run."""
    path = Path(factory.getbasetemp()) / "fuzz-base.db"
    if not path.exists():
        with Tracker(path) as tracker:
            sheet = open_sheet(DATA / "per-application.csv")
            merge_table(sheet.table(), sheet.present, tracker)
    return path


def import_or_refuse(path: Path, db: Path) -> None:
    """Import a file; if it is refused, with the importer's own error, the tracker is as it
    was; either way the file is as it was."""
    data, before = path.read_bytes(), snapshot(db)
    try:
        sheet = open_sheet(path)
        merge_table(sheet.table(), sheet.present, db)
    except CsvError as error:
        event("refused")
        assert error.problems and all(p.message for p in error.problems)
        assert snapshot(db) == before
    else:
        event("imported")
        with Tracker(db, create=False) as tracker:
            tracker.contacts()  # what was written reads back
    assert path.read_bytes() == data


@settings(max_examples=250, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_files())
def test_a_damaged_file_is_imported_or_refused_cleanly(tmp_path_factory, damaged):
    """Any damage to a realistic CSV file ends in an import or in a clean refusal that
    changes nothing in the tracker."""
    name, data = damaged
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / name
    path.write_bytes(data)
    import_or_refuse(path, a_tracker(folder, base_tracker(tmp_path_factory)))


@functools.cache
def _workbook_bytes() -> bytes:
    """A realistic workbook, made once: openpyxl stamps the time into each file it saves, and
    hypothesis needs the same bytes every time it replays an example."""
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    for line in (DATA / "per-application.csv").read_text(encoding="utf-8").splitlines():
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([flip, cut, stray_bytes]), st.data())
def test_a_damaged_workbook_is_imported_or_refused_cleanly(tmp_path_factory, mutation, data):
    """Flipped, cut or stray bytes in an .xlsx workbook end in an import or a clean refusal."""
    folder = tmp_path_factory.mktemp("fuzz-xlsx")
    path = folder / "jobs.xlsx"
    path.write_bytes(mutation(data.draw, _workbook_bytes()))
    import_or_refuse(path, a_tracker(folder, base_tracker(tmp_path_factory)))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_files())
def test_the_command_answers_a_damaged_file_with_status_0_or_2(tmp_path_factory, damaged):
    """`workbook import` on a damaged file returns 0 or 2 with its own lines, never an
    exception, and a refused file leaves the tracker as it was."""
    name, data = damaged
    folder = tmp_path_factory.mktemp("fuzz-cli")
    path = folder / name
    path.write_bytes(data)
    db = a_tracker(folder, base_tracker(tmp_path_factory))
    before = snapshot(db)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["import", str(path), "--db", str(db)])
    assert status in (0, 2), err.getvalue()
    if status == 2:
        assert err.getvalue().endswith("problem)\n") or err.getvalue().endswith("problems)\n")
        assert snapshot(db) == before
