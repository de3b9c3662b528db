"""A sheet's rows read as applications: one job applied for twice, status logs, history lists.

Besides one row per application (or per round, or per contact), people keep a job in a sheet
in these shapes, and `read_applications` reads each as the applications it describes:
- **Applied for twice.** The same company and role on rows with different applied dates are
  two applications; the later ones get the application_id `<company and role>--<applied
  date>`, so importing the file again finds them again. A row without an applied date belongs
  to the latest application made on or before its own dates; a row with no date at all, where
  several applications could own it, is a problem named at its line.
- **A status log.** One row per change of status (`Applied`, then `Interview`, then
  `No Response`), each usually with its date: one application, whose stage history is the
  rows' stages oldest first (by their dates, else as the rows stand) and whose outcome is that
  of its last status.
- **A history list in one cell.** `Applied, Phone Screen, Rejected` (Notion's multi-select) or
  `['Applied', 'Interview']`: the same history, the outcome that of the last item.
The rows of one application also share its facts (applied date, source, job reference,
contact): a cell left empty on some of its rows takes the one value the others give. A status
log's dates give the applied date and the day the employer first answered where the sheet
has no column for them, and an answer date on a row with no interview and no contact (a
`Heard back` column of an application) is the application's answer date. What still differs
between rows of one application truly disagrees, and the canonical table's checks say so.

Cells stay text here: words and dates are read by the callables the spreadsheet importer
passes (its word table and its file's date reading), so a cell is read one way everywhere.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from workbook.model import Stage, StageEntry
from workbook.rules.stages import format_history
from workbook.tables.canonical_csv import Problem, RowProblem, unescape_formula
from workbook.tracker.store import application_slug

__all__ = ["STATUS_DATE", "DateReader", "Found", "Status", "StatusReader", "read_applications"]

STATUS_DATE = "status_date"
"""The column of a status log's dates: no canonical column, it dates each row's status."""

Status = tuple[str, str]
"""What one status word means: an outcome (`pending`, `rejected`...) and a stage ("" for a
word that names none, such as `ongoing`)."""

StatusReader = Callable[[str], "tuple[tuple[Status, ...], bool] | None"]
"""Reads a status cell: what its words mean, in order, and whether it is a list; None for a
cell the word table cannot read (the canonical checks name it)."""

DateReader = Callable[[str, str], "tuple[dt.date | None, str | None]"]
"""Reads a filled date cell of a column: its date, or why it cannot be read."""

_SHARED = ("people_facing", "applied_date", "job_ref", "contact_name", "contact_detail",
           "source", "answer_date")  # fmt: skip
"""The application's facts that one of its rows may hold for all."""
_OWN_DATES = (STATUS_DATE, "interview_date", "contact_date")
"""The dates of a row itself, which say which application it belongs to."""
_ANSWERS = frozenset({Stage.SCREEN, Stage.INTERVIEW, Stage.OFFER, Stage.REJECTED})
"""Stages the employer's answer starts."""
_CONTACT = ("contact_date", "kind", "channel", "response", "interview_date")
"""A row with none of these holds no contact its answer date could answer."""

Cells = dict[str, list[str]]


@dataclass
class Found:
    """What the reading found, for the dry run to say: jobs applied for more than once, the
    rows read as status logs, the history lists, the facts taken from a status log's dates,
    and the problems of cells no canonical column holds."""

    repeated: list[str] = field(default_factory=list)
    log_rows: int = 0
    logs: int = 0
    lists: int = 0
    derived: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What was found, in a few lines for the learner."""
        lines = []
        if self.logs:
            many = "s" if self.logs != 1 else ""
            lines.append(
                f"  {self.log_rows} rows read as the status log{many} of {self.logs}"
                f" application{many} (stages oldest first, outcome of the last)"
            )
        if self.lists:
            many = "s" if self.lists != 1 else ""
            lines.append(
                f"  {self.lists} cell{many} read as history list{many} (stages in one cell,"
                " outcome of the last)"
            )
        lines += [f"  {said}" for said in self.repeated]
        lines += [f"  {said}" for said in self.derived]
        return lines


def read_applications(
    cells: Cells,
    labels: Cells,
    lines: list[int],
    *,
    read_date: DateReader,
    read_status: StatusReader,
) -> Found:
    """Read a sheet's staged rows (text cells and their headers per canonical column, and
    `STATUS_DATE`) as the applications they describe, changing them in place as the module
    docstring says: application_id for a job applied for twice, shared facts filled in,
    outcome and stage_history for status logs and history lists, answer_date for an answer
    with no contact. Returns what was found."""
    found = Found()
    if not lines:
        return found
    read_date, read_status = functools.cache(read_date), functools.cache(read_status)
    keys = _split(cells, labels, lines, read_date, found)
    _answers(cells, labels)
    groups: dict[str, list[int]] = {}
    for row, key in enumerate(keys):
        groups.setdefault(key, []).append(row)
    for name in _SHARED:
        if name in cells:
            _share(cells[name], labels[name], groups)
    if "outcome" in cells or "stage_history" in cells:
        _histories(cells, labels, lines, groups, read_date, read_status, found)
    return found


def _column(cells: Cells, labels: Cells, name: str, label: list[str]) -> list[str]:
    """A column of the staged rows, made empty (with these headers) if the sheet has none."""
    if name not in cells:
        cells[name] = [""] * len(label)
        labels[name] = list(label)
    return cells[name]


def _text(cell: str) -> str:
    return unescape_formula(cell.strip())


def _split(
    cells: Cells, labels: Cells, lines: list[int], read_date: DateReader, found: Found
) -> list[str]:
    """Each row's application: the company and role's, and apart for each applied date where
    one job was applied for on several (their application_id set from the second on)."""
    rows = range(len(lines))
    company, role = cells["company"], cells.get("role", [""] * len(lines))
    given = cells.get("application_id")
    if given is not None and any(cell.strip() for cell in given):
        return [
            _text(given[row]) or application_slug(_text(company[row]), _text(role[row]))
            for row in rows
        ]
    slug = functools.cache(lambda company, role: application_slug(_text(company), _text(role)))
    keys = [slug(company[row], role[row]) for row in rows]
    if "applied_date" not in cells:
        return keys
    applied = [_date(read_date, "applied_date", cell) for cell in cells["applied_date"]]
    days: dict[str, set[dt.date]] = {}
    for key, day in zip(keys, applied, strict=True):
        if day is not None:
            days.setdefault(key, set()).add(day)
    split = {key: sorted(found_days) for key, found_days in days.items() if len(found_days) > 1}
    if not split:
        return keys
    ids = _column(cells, labels, "application_id", labels["applied_date"])
    result = list(keys)
    for row in rows:
        dates = split.get(keys[row])
        if dates is None:
            continue
        day = applied[row] or _owner(cells, row, dates, read_date)
        if day is None:
            day = dates[0]
            when = ", ".join(d.isoformat() for d in dates)
            message = (
                f"is empty, and {_text(company[row])!r} / {_text(role[row])!r} was applied for"
                f" on {len(dates)} dates ({when}): give this row's applied date, so it is"
                " clear which application it belongs to"
            )
            problem = Problem(lines[row], labels["applied_date"][row], "", message)
            found.problems.append((row, "applied_date", problem))
        if day != dates[0]:
            ids[row] = result[row] = f"{keys[row]}--{day.isoformat()}"
    for key, dates in split.items():
        row = keys.index(key)
        when = ", ".join(d.isoformat() for d in dates)
        found.repeated.append(
            f"{_text(company[row])!r} / {_text(role[row])!r} applied for on {len(dates)} dates"
            f" ({when}): {len(dates)} applications"
        )
    return result


def _date(read_date: DateReader, column: str, cell: str) -> dt.date | None:
    """A cell's date, None when it is empty or cannot be read (the checks name it)."""
    return read_date(column, cell.strip())[0] if cell.strip() else None


def _owner(cells: Cells, row: int, dates: list[dt.date], read_date: DateReader) -> dt.date | None:
    """The applied date of the application a row without one belongs to: the latest on or
    before the row's own earliest date (the first, if all are later); None if it has none."""
    own = [
        day
        for name in _OWN_DATES
        if name in cells and (day := _date(read_date, name, cells[name][row])) is not None
    ]
    if not own:
        return None
    earlier = [day for day in dates if day <= min(own)]
    return earlier[-1] if earlier else dates[0]


def _answers(cells: Cells, labels: Cells) -> None:
    """An answer date on a row with no contact and no interview answers the application
    itself: it becomes the row's answer_date."""
    if "response_date" not in cells:
        return
    answers = cells["response_date"]
    moved = [
        row
        for row, cell in enumerate(answers)
        if cell.strip() and not any(cells[name][row].strip() for name in _CONTACT if name in cells)
    ]
    if not moved:
        return
    target = _column(cells, labels, "answer_date", labels["response_date"])
    for row in moved:
        if not target[row].strip():
            target[row], labels["answer_date"][row] = answers[row], labels["response_date"][row]
        answers[row] = ""


def _share(column: list[str], headers: list[str], groups: dict[str, list[int]]) -> None:
    """Fill the empty cells of each application's rows with the one value its other rows give
    (none when they give several: those disagree, and the checks say so)."""
    for rows in groups.values():
        filled = [row for row in rows if column[row].strip()]
        if not filled or len(filled) == len(rows):
            continue
        if len({column[row].strip() for row in filled}) == 1:
            for row in rows:
                if not column[row].strip():
                    column[row], headers[row] = column[filled[0]], headers[filled[0]]


@dataclass
class _Row:
    """A row of a status log: its statuses in order and its date."""

    row: int
    statuses: tuple[Status, ...]
    date: dt.date | None


def _histories(
    cells: Cells,
    labels: Cells,
    lines: list[int],
    groups: dict[str, list[int]],
    read_date: DateReader,
    read_status: StatusReader,
    found: Found,
) -> None:
    """Each application's stage history and outcome from its status cells (and history
    cells), over all its rows, oldest first; a dated log that says `applied` again on
    another day holds one application per applied date."""
    sources = [name for name in ("stage_history", "outcome") if name in cells]
    first_label = labels[sources[-1]]
    history = _column(cells, labels, "stage_history", first_label)
    outcomes = _column(cells, labels, "outcome", first_label)
    dates = cells.get(STATUS_DATE)
    derive = [
        name for name in ("applied_date", "answer_date") if dates is not None and name not in cells
    ]
    for key, rows in groups.items():
        read, unreadable = _status_rows(
            cells, labels, lines, rows, sources, read_date, read_status, found
        )
        if not read:
            continue
        ordered = _in_order(read) if dates is not None else read
        runs = _runs(ordered)
        if len({entry.statuses for entry in read}) > 1:
            found.logs += len(runs)
            found.log_rows += len(read)
        if len(runs) > 1:
            _apart(cells, labels, key, runs, found)
        for run in runs:
            owned = rows if len(runs) == 1 else [entry.row for entry in run]
            applied = _applied(cells, owned, read_date) if len(runs) == 1 else None
            entries = _entries(run, applied)
            text, outcome = format_history(entries), run[-1].statuses[-1][0]
            for row in owned:
                history[row] = text
                if row not in unreadable:
                    outcomes[row] = outcome
            for column in derive:
                _derived(cells, labels, owned, column, entries, found)


def _status_rows(
    cells: Cells,
    labels: Cells,
    lines: list[int],
    rows: list[int],
    sources: Sequence[str],
    read_date: DateReader,
    read_status: StatusReader,
    found: Found,
) -> tuple[list[_Row], set[int]]:
    """An application's rows that say a status, read; and its rows whose status cannot be
    read (the checks name them). A row whose status date is no date is named here, and its
    status left out of the history."""
    dates = cells.get(STATUS_DATE)
    read: list[_Row] = []
    unreadable: set[int] = set()
    for row in rows:
        statuses: tuple[Status, ...] = ()
        for name in sources:
            if not cells[name][row].strip():
                continue
            got = read_status(cells[name][row])
            if got is None:
                unreadable.add(row)
                continue
            statuses += got[0]
            found.lists += got[1]
        day = None
        if dates is not None and dates[row].strip():
            day, error = read_date(STATUS_DATE, dates[row].strip())
            if error is not None:
                problem = Problem(lines[row], labels[STATUS_DATE][row], dates[row], error)
                found.problems.append((row, "stage_history", problem))
                continue  # its status is left out of the history: the row will be too
        if row not in unreadable and statuses:
            read.append(_Row(row, statuses, day))
    return read, unreadable


def _runs(rows: list[_Row]) -> list[list[_Row]]:
    """A status log's rows in order, cut before each row that says `applied` on another day
    than the applied rows before it: one run of rows per application."""
    runs: list[list[_Row]] = [[]]
    applied: set[dt.date] = set()
    for row in rows:
        says_applied = row.date is not None and row.statuses[0][1] == Stage.APPLIED
        if says_applied and applied and row.date not in applied and runs[-1]:
            runs.append([])
        if says_applied and row.date is not None:
            applied.add(row.date)
        runs[-1].append(row)
    return runs


def _apart(cells: Cells, labels: Cells, key: str, runs: list[list[_Row]], found: Found) -> None:
    """Set the application_id of each application of a log after its first, as `_split`
    does, and say so."""
    ids = _column(cells, labels, "application_id", labels[STATUS_DATE])
    days = [run[0].date for run in runs]
    for run, day in zip(runs[1:], days[1:], strict=True):
        for entry in run:
            ids[entry.row] = f"{key}--{day.isoformat() if day else ''}"
    row = runs[0][0].row
    company, role = _text(cells["company"][row]), _text(cells.get("role", [""] * (row + 1))[row])
    when = ", ".join(day.isoformat() for day in days if day)
    found.repeated.append(
        f"{company!r} / {role!r} applied for on {len(runs)} dates ({when}): {len(runs)}"
        " applications"
    )


def _in_order(rows: list[_Row]) -> list[_Row]:
    """A status log's rows by date, oldest first; a row without a date keeps its place after
    the row above it."""
    dated: list[tuple[dt.date, int, _Row]] = []
    last = min((row.date for row in rows if row.date is not None), default=dt.date.min)
    for place, row in enumerate(rows):
        last = row.date or last
        dated.append((last, place, row))
    return [row for *_, row in sorted(dated, key=lambda item: item[:2])]


def _applied(cells: Cells, rows: list[int], read_date: DateReader) -> dt.date | None:
    """The application's applied date, if its rows give one."""
    column = cells.get("applied_date", [])
    days = (_date(read_date, "applied_date", column[row]) for row in rows if column)
    return next((day for day in days if day is not None), None)


def _entries(rows: list[_Row], applied: dt.date | None) -> list[StageEntry]:
    """The stage history of a status log's rows in order: each status that names a stage, the
    last of a row's dated with the row's date; one status repeated without a new date is one
    entry; the applied date dates (or adds) the first `applied`, where it is not later than
    the stages after it."""
    entries: list[StageEntry] = []
    for row in rows:
        for place, (_, stage) in enumerate(row.statuses):
            if not stage:
                continue
            day = row.date if place == len(row.statuses) - 1 else None
            if entries and entries[-1].stage == stage and day in (None, entries[-1].date):
                continue
            if entries and entries[-1].stage == stage and entries[-1].date is None:
                entries[-1] = StageEntry(Stage(stage), day)
                continue
            entries.append(StageEntry(Stage(stage), day))
    if applied is None:
        return entries
    first = next((entry.date for entry in entries if entry.date is not None), None)
    if first is not None and first < applied:
        return entries
    if entries and entries[0].stage == Stage.APPLIED:
        if entries[0].date is None:
            entries[0] = StageEntry(Stage.APPLIED, applied)
        return entries
    return [StageEntry(Stage.APPLIED, applied), *entries]


def _derived(
    cells: Cells,
    labels: Cells,
    rows: list[int],
    name: str,
    entries: list[StageEntry],
    found: Found,
) -> None:
    """The applied date (the first dated `applied`) or the answer date (the first dated stage
    the employer's answer starts) of a status log whose sheet has no column for it."""
    wanted = {Stage.APPLIED} if name == "applied_date" else _ANSWERS
    day = next((e.date for e in entries if e.stage in wanted and e.date is not None), None)
    column = _column(cells, labels, name, labels[STATUS_DATE])
    if day is None:
        return
    for row in rows:
        column[row], labels[name][row] = day.isoformat(), labels[STATUS_DATE][row]
    said = (
        f"{name} taken from the status log's dates (the first"
        f" {'applied' if name == 'applied_date' else 'answer from the employer'})"
    )
    if said not in found.derived:
        found.derived.append(said)
