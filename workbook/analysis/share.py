"""The shared file: an anonymous copy of a learner's contacts, for a group's pooled response rates.

`workbook share` writes one from the learner's tracker (`share_tracker`); a workshop's
facilitator pools a folder of them (`workbook.analysis.cohort`). It keeps, of each contact, only
what the analysis counts, and nothing that names anyone:

    followup-workbook-share,2
    participant,5f0c2e9ab1d74c3e
    share,2
    application,people_facing,kind,channel,new_info,sent_after,age,answered_after,response,random_channel
    0b3e79c2d415,true,thank-you,email,false,0,41,1,positive,false
    0b3e79c2d415,true,follow-up,phone,true,6,35,,,true

- The first line names the format and its version; the lines up to the header depend on it.
- `participant`: 16 hex digits, random, made on the tracker's first share and kept in it, so a
  later share replaces this one instead of counting twice; `share`: this share's number from
  that tracker (1, 2, ...), so the newest is known without a date.
- `application`: 12 hex digits, random, drawn anew for every share; it only tells which contacts
  belong to one application.
- Days instead of dates: `sent_after` from the interview to the contact (0 or more), `age` from
  the contact to the day of sharing (negative for a contact dated later), `answered_after` from
  the contact to its answer (empty when none came). With `age`, a contact that was still
  pending on the day of sharing stays pending when pooled; no date of any kind is kept.
- `kind`, `channel`, `response` (empty when none) are words of the model's enums.
- `random_channel`: the workbook chose the contact's channel at random (the learner let it), so
  a pooled report can compare channels fairly; the seed itself stays in the tracker.

Every cell is a number, `true`/`false`, a word of a fixed list or a hex id, so no cell can hold
a name, an address or a spreadsheet formula. Rows are sorted by the random ids, so their order
tells nothing of the tracker's. UTF-8, `\\n` line endings (a reader takes `\\r\\n` too, and
ignores blank lines at the end).

How late employers answered is shared per round (`Shared.rounds`, made by `anonymise` from the
tracker's rounds that have a contact): each round's promise state, a word of
`estimates.PROMISE_STATES`, and its business days late as on the day of sharing, no date.
The file does not carry these yet: a room's pooled view, which anonymises the trackers
themselves, has them; a file read back has none (`rounds` None).

Version 0, the first format, was the same table under its first line alone
(`followup-workbook-share,0`): without a participant id, each version-0 file counts as a
participant of its own. Version 1 added the participant and share lines, version 2 the last
column, `random_channel`; a row of an older version reads as `random_channel` false.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import random
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from workbook.analysis.estimates import PROMISE_STATES, promise_state
from workbook.model import Channel, Kind, Response, WorkbookError
from workbook.rules.dates import BusinessCalendar
from workbook.rules.text import with_article
from workbook.tables.canonical_csv import MAX_PROBLEMS, CsvError, Problem, too_many_cells
from workbook.tracker.store import Tracker

__all__ = [
    "COLUMNS",
    "COLUMNS_1",
    "FORMAT",
    "KEPT",
    "REMOVED",
    "ROUND_TYPES",
    "ROW_TYPES",
    "VERSION",
    "FileHead",
    "NothingToShareError",
    "Shared",
    "anonymise",
    "columns_of",
    "describe",
    "participant_id",
    "promise_rounds",
    "read_head",
    "read_shared",
    "read_shares",
    "room_share",
    "set_sharing_with_room",
    "share_tracker",
    "sharing_with_room",
]

FORMAT: Final = "followup-workbook-share"
"""The first cell of a shared file."""
VERSION: Final = 2
"""The version `anonymise` writes; `read_shared` reads it and every earlier one."""
COLUMNS_1: Final = (
    "application",
    "people_facing",
    "kind",
    "channel",
    "new_info",
    "sent_after",
    "age",
    "answered_after",
    "response",
)
"""The table's columns in versions 0 and 1."""
COLUMNS: Final = (*COLUMNS_1, "random_channel")
"""The table's columns from version 2 on, as `Shared.rows` holds them for every version."""

SOURCE_COLUMNS: Final = (
    "application_id",
    "people_facing",
    "interview_date",
    "contact_date",
    "kind",
    "channel",
    "new_info",
    "response_date",
    "response",
    "random_seed",
)
"""The canonical columns a share reads from the tracker: nothing else is ever loaded (of the
seed, only whether there is one)."""

PARTICIPANT_SETTING: Final = "share.participant"
SHARES_SETTING: Final = "share.count"
ROOM_SETTING: Final = "share.room"
"""Tracker settings: the participant id of the learner's shares, how many were made, and
whether a room's participant lets the facilitator pool their tracker ("yes"; else not)."""

KEPT: Final = (
    "the channel, the kind of contact (thank-you, follow-up, second follow-up), whether the role "
    "is people-facing and whether the contact brought new information",
    "days, not dates: from the interview to the contact, from the contact to today, and from "
    "the contact to its answer, with the answer's tone (positive, neutral, negative)",
    "a random number for each application (new with every share) and a random participant id, "
    "kept in your tracker so that sharing again replaces this file",
    "whether the workbook chose the contact's channel at random (not the seed), so the group "
    "can compare channels fairly",
)
REMOVED: Final = (
    "companies, role titles, job references and outcomes",
    "interviewers, contact names, email addresses, phone numbers and your notes",
    "every date (only the day counts above are kept)",
    "applications and interviews with no contact yet",
)
"""What a shared file keeps and what it leaves out, in words for the participant."""

_PARTICIPANT: Final = re.compile(r"[0-9a-f]{16}")
_ENUMS: Final = {
    "kind": tuple(k.value for k in Kind),
    "channel": tuple(c.value for c in Channel),
    "response": ("", *(r.value for r in Response)),
}


class NothingToShareError(WorkbookError, ValueError):
    """The tracker has no contact yet, so a share of it would hold nothing."""


@dataclass(frozen=True)
class Shared:
    """One share: who made it (a random id; None in version 0), its number, and its rows.

    `rows` has the columns of `COLUMNS` with the dtypes of `ROW_TYPES`: `application` as a
    categorical of the ids (files read together share its categories, so their rows join
    quickly), the flags as bool, `kind`, `channel` and `response` as categoricals of the
    model's words (`response` "" for none), the day counts as int64 (`answered_after` as
    nullable Int64).
    `source` names the file it was read from ("" before it is written). `rounds` has a row per
    round with a promised day and a contact, with the dtypes of `ROUND_TYPES`: its `promise`
    state and `late_days` (business days); None when the share does not carry them.
    """

    participant: str | None
    number: int
    rows: pd.DataFrame
    version: int = VERSION
    source: str = ""
    rounds: pd.DataFrame | None = None

    @property
    def contacts(self) -> int:
        return len(self.rows)

    @property
    def applications(self) -> int:
        return int(self.rows["application"].nunique())

    def encode(self) -> bytes:
        """The shared file, as `workbook share` writes it (the current version)."""
        if self.participant is None:
            raise ValueError(
                f"a share without a participant id cannot be written as version {VERSION}"
            )
        table = self.rows.assign(
            **{flag: np.where(self.rows[flag], "true", "false") for flag in _FLAGS}
        )
        head = f"{FORMAT},{VERSION}\nparticipant,{self.participant}\nshare,{self.number}\n"
        body = table.to_csv(index=False, lineterminator="\n", columns=list(COLUMNS))
        return (head + body).encode("utf-8")


_FLAGS = ("people_facing", "new_info", "random_channel")
_DAYS = ("sent_after", "age", "answered_after")


def _hex_id(rng: random.Random, digits: int) -> str:
    return f"{rng.getrandbits(4 * digits):0{digits}x}"


def participant_id(rng: random.Random | None = None) -> str:
    """A new random participant id: 16 hex digits (from the system's secure source unless a
    seeded `rng` is given, as for a sample)."""
    return _hex_id(rng or secrets.SystemRandom(), 16)


def anonymise(
    contacts: pd.DataFrame,
    *,
    participant: str,
    number: int,
    today: dt.date | None = None,
    rng: random.Random | None = None,
    rounds: pd.DataFrame | None = None,
) -> Shared:
    """The anonymous share of canonical contacts (at least `SOURCE_COLUMNS`; rows without a
    contact are left out), with day counts as on `today` and random application ids; with
    `rounds` (as `Tracker.rounds()` gives them), each one's promise state (`promise_rounds`)."""
    rng = rng or secrets.SystemRandom()
    rows = contacts[contacts["contact_date"].notna()]
    if rows["interview_date"].isna().any():
        raise ValueError("every contact needs the date of the interview it follows")
    codes, names = pd.factorize(rows["application_id"])
    ids: dict[str, None] = {}  # in the order drawn: random, whatever the tracker's order
    while len(ids) < len(names):
        ids[_hex_id(rng, 12)] = None
    anchor = np.datetime64(today or dt.date.today(), "D")
    sent, interview, answer = (
        rows[name].to_numpy().astype("datetime64[D]")
        for name in ("contact_date", "interview_date", "response_date")
    )
    answered_after = (answer - sent).astype("timedelta64[D]")
    table = pd.DataFrame(
        {
            "application": np.asarray(list(ids), dtype=object)[codes],
            "people_facing": rows["people_facing"].to_numpy(dtype=bool),
            "kind": rows["kind"].to_numpy(dtype=object),
            "channel": rows["channel"].to_numpy(dtype=object),
            "new_info": rows["new_info"].to_numpy(dtype=bool),
            "sent_after": (sent - interview).astype(np.int64),
            "age": (anchor - sent).astype(np.int64),
            "answered_after": np.where(
                np.isnat(answered_after), np.nan, answered_after.astype(np.int64)
            ),
            "response": rows["response"].to_numpy(dtype=object),
            "random_channel": (rows["random_seed"] != "").to_numpy(dtype=bool)
            if "random_seed" in rows.columns
            else np.zeros(len(rows), dtype=bool),
        }
    )
    table = table.sort_values(
        ["application", "age", "kind", "channel"], ascending=[True, False, True, True]
    )
    promises = None if rounds is None else promise_rounds(rounds, rows, anchor.astype(dt.date))
    return Shared(participant, number, _typed(table.reset_index(drop=True)), rounds=promises)


ROUND_TYPES: Final[dict[str, Any]] = {
    "promise": pd.CategoricalDtype(list(PROMISE_STATES)),
    "late_days": np.int64,
}
"""The columns of `Shared.rounds` and their dtypes."""


def promise_rounds(rounds: pd.DataFrame, contacts: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Per round held by `today` with a promised day and at least one of `contacts` (a share
    leaves out rounds with no contact yet), its promise state and business days late as on
    `today` (weekends off; an answer dated later is not known yet), in a random-free order:
    by state, then days."""
    held = set(zip(contacts["application_id"], contacts["interview_date"].dt.date, strict=True))
    found = []
    for application, interview, promised, answer in zip(
        rounds["application_id"], rounds["interview_date"], rounds["promised_date"],
        rounds["answer_date"], strict=True,
    ):  # fmt: skip
        if pd.isna(promised) or interview.date() > today:
            continue
        if (application, interview.date()) not in held:
            continue
        known = None if pd.isna(answer) or answer.date() > today else answer.date()
        found.append(promise_state(promised.date(), known, today, BusinessCalendar()))
    table = pd.DataFrame(found, columns=list(ROUND_TYPES)).sort_values(list(ROUND_TYPES))
    return table.reset_index(drop=True).astype(ROUND_TYPES)


def share_tracker(
    tracker: Tracker, *, today: dt.date | None = None, rng: random.Random | None = None
) -> Shared:
    """The tracker's next share, recorded in it in one transaction: its participant id (made on
    the first share, then kept) and the share's number. Called inside the caller's own
    transaction (`tracker.transaction()`), nothing is recorded unless that one commits, such
    as after the file is written. Raises `NothingToShareError`, recording nothing, for a tracker
    without contacts."""
    rng = rng or secrets.SystemRandom()
    with tracker.transaction():
        contacts = _contacts(tracker)
        rounds = tracker.rounds()
        participant = _participant(tracker, rng)
        number = int(tracker.setting(SHARES_SETTING) or 0) + 1
        tracker.set_setting(SHARES_SETTING, str(number))
    return anonymise(
        contacts, participant=participant, number=number, today=today, rng=rng, rounds=rounds
    )


def _contacts(tracker: Tracker) -> pd.DataFrame:
    """The tracker's contacts as a share reads them; `NothingToShareError` when there are none."""
    contacts = tracker.contact_rows(SOURCE_COLUMNS)
    if contacts.empty:
        raise NothingToShareError("the tracker has no contacts yet, so there is nothing to share")
    return contacts


def _participant(tracker: Tracker, rng: random.Random | None = None) -> str:
    """The tracker's participant id, made and kept on first use."""
    with tracker.transaction():
        participant = tracker.setting(PARTICIPANT_SETTING)
        if participant is None:
            participant = participant_id(rng)
            tracker.set_setting(PARTICIPANT_SETTING, participant)
    return participant


def sharing_with_room(tracker: Tracker) -> bool:
    """Whether this room participant has said yes to their tracker being pooled, anonymised,
    in the facilitator's view of the group (no until they say so)."""
    return tracker.setting(ROOM_SETTING) == "yes"


def set_sharing_with_room(tracker: Tracker, sharing: bool) -> None:
    """Say yes (or no again) to the facilitator pooling this tracker. Saying yes gives the
    tracker its participant id, so the group counts it once however often it is read."""
    with tracker.transaction():
        if sharing:
            _participant(tracker)
        tracker.set_setting(ROOM_SETTING, "yes" if sharing else "no")


def room_share(tracker: Tracker, *, today: dt.date | None = None) -> Shared | None:
    """The tracker anonymised as `share_tracker` does, for the facilitator's view of a room,
    if its participant said yes and it has contacts (else None); nothing is written to it."""
    with tracker.transaction(write=False):
        participant = tracker.setting(PARTICIPANT_SETTING)
        if not sharing_with_room(tracker) or participant is None:
            return None
        try:
            contacts = _contacts(tracker)
        except NothingToShareError:
            return None
        rounds = tracker.rounds()
    return anonymise(contacts, participant=participant, number=0, today=today, rounds=rounds)


def describe(shared: Shared) -> list[str]:
    """What a share holds, what it kept and what it left out, in lines for the participant."""
    contacts = f"{shared.contacts} contact{'s' if shared.contacts != 1 else ''}"
    applications = f"{shared.applications} application{'s' if shared.applications != 1 else ''}"
    lines = [f"It holds {contacts} of {applications}, as share {shared.number}."]
    lines += ["Kept, for each contact:", *(f"  - {item}" for item in KEPT)]
    lines += ["Removed:", *(f"  - {item}" for item in REMOVED)]
    return lines


# -- reading -----------------------------------------------------------------------------------


def read_shared(file: Path | str | IO[bytes], name: str | None = None) -> Shared:
    """Read and check a shared file of any version this workbook knows, given by path or as a
    binary stream (`name` names it in problems). Raises `CsvError` naming what is wrong."""
    if name is not None:
        source = name
    elif isinstance(file, Path | str):
        source = str(file)  # the path as given (a Path's `name` would be its last part only)
    else:
        source = str(getattr(file, "name", "the shared file"))
    shares, errors = read_shares([(source, file)])
    if errors:
        raise errors[0]
    return shares[0]


def read_shares(
    files: Iterable[tuple[str, Path | str | IO[bytes]]],
) -> tuple[list[Shared], list[CsvError]]:
    """Read and check shared files, each named in problems by the `str` paired with it: the
    valid ones, and for every other one a `CsvError` saying why, both in the order given.

    The tables of all the files are parsed together, in one pass, and checked column by
    column over all their rows, so a folder of many small files reads about as fast as one
    file of all their rows; each problem is still told by its file, line and column."""
    heads: list[FileHead] = []
    errors: list[tuple[int, CsvError]] = []
    for position, (source, file) in enumerate(files):
        try:
            heads.append(read_head(position, source, file))
        except CsvError as error:
            errors.append((position, error))
    heads, raw, unparsed = _parse(heads)
    shares, invalid = _Check(heads, raw).shares()
    errors += unparsed + invalid
    return [shared for _, shared in sorted(shares)], [error for _, error in sorted(errors)]


@dataclass(frozen=True)
class FileHead:
    """What a file's lines before its table say, and its table's bytes (ending in a newline)."""

    position: int
    source: str
    version: int
    participant: str | None
    number: int
    first_line: int
    table: bytes
    rows: int


_PREFIX = 4096
"""Bytes read of a file to check its first lines; the rest is read only for a shared file."""


def read_head(position: int, source: str, file: Path | str | IO[bytes]) -> FileHead:
    """Read a file whose first lines are those of a shared file; refuse any other."""
    try:
        if isinstance(file, Path | str):
            with open(file, "rb") as opened:
                return _head_of(position, source, opened)
        return _head_of(position, source, file)
    except FileNotFoundError:
        raise CsvError(source, [_problem(0, "no such file")]) from None
    except IsADirectoryError:
        raise CsvError(source, [_problem(0, "is a folder, not a file")]) from None
    except OSError as error:
        raise CsvError(source, [_problem(0, f"cannot be read ({error.strerror})")]) from None


def _head_of(position: int, source: str, file: IO[bytes]) -> FileHead:
    data = file.read(_PREFIX)
    data = data.removeprefix(codecs.BOM_UTF8)
    version, participant, number, header = _preamble(data, source)
    data += file.read()
    lines = data.split(b"\n", header)
    # Blank lines an editor leaves at the end are no rows (one in the middle is a problem).
    table = lines[header].rstrip(b"\r\n") if len(lines) > header else b""
    if table:
        table += b"\n"
    rows = table.count(b"\n")
    return FileHead(position, source, version, participant, number, header + 1, table, rows)


def _problem(line: int, message: str, value: str | None = None) -> Problem:
    return Problem(line, "", value, message)


def _preamble(data: bytes, source: str) -> tuple[int, str | None, int, int]:
    """The version, participant and share number the first lines give, and the header's line;
    raises `CsvError` for a file that is not a shared file of a version this workbook reads."""
    lines = data.split(b"\n", 4)[:4]

    def cells(line: int) -> list[str]:
        """A line's CSV cells, without the empty ones a spreadsheet pads a short row with."""
        if line > len(lines):
            return []
        try:
            text = lines[line - 1].decode("utf-8").rstrip("\r")
        except UnicodeDecodeError:
            problem = _problem(line, "is not a shared file (not UTF-8 text)")
            raise CsvError(source, [problem]) from None
        found = next(csv.reader([text]), [])
        while found and not found[-1]:
            found.pop()
        return found

    if not data:
        raise CsvError(source, [_problem(0, "is empty (not a shared file)")])
    first = cells(1)
    if len(first) != 2 or first[0] != FORMAT or not first[1].isdigit():
        expected = f"its first line should be {FORMAT},{VERSION}, as `workbook share` writes"
        raise CsvError(source, [_problem(1, f"is not a shared file ({expected})")])
    version = int(first[1])
    if version > VERSION:
        newer = f"is a shared file of version {version}, newer than this workbook reads"
        advice = f"(up to {VERSION}); update the workbook to read it"
        raise CsvError(source, [_problem(1, f"{newer} {advice}")])
    participant, number, header = None, 0, 2
    if version >= 1:
        participant_line, share_line, header = cells(2), cells(3), 4
        if (
            len(participant_line) != 2
            or participant_line[0] != "participant"
            or not (_PARTICIPANT.fullmatch(participant_line[1]))
        ):
            message = "is not the participant line (expected participant, then 16 hex digits)"
            raise CsvError(source, [_problem(2, message, ",".join(participant_line))])
        if len(share_line) != 2 or share_line[0] != "share" or not share_line[1].isdigit():
            message = "is not the share line (expected share, then the share's number)"
            raise CsvError(source, [_problem(3, message, ",".join(share_line))])
        participant, number = participant_line[1], int(share_line[1])
    columns = columns_of(version)
    if cells(header) != list(columns):
        expected = f"expected {','.join(columns)}"
        message = f"is not the header of a version-{version} shared file ({expected})"
        raise CsvError(source, [_problem(header, message, ",".join(cells(header)))])
    return version, participant, number, header


def columns_of(version: int) -> tuple[str, ...]:
    """The table's columns in a file of `version`."""
    return COLUMNS if version >= 2 else COLUMNS_1


def _read_table(data: bytes) -> pd.DataFrame:
    """Rows of shared tables as pandas' C parser reads them: the words as text, an empty one
    as "" (so that an id of digits stays text), the rest as it infers (true/false as bool,
    days as integers, an empty day as NaN), and an eleventh cell, if any, in `_MORE` (a row of
    an older version, of nine columns, leaves `random_channel` empty)."""
    try:
        return pd.read_csv(
            io.BytesIO(data),
            header=None,
            names=[*COLUMNS, _MORE],
            dtype={name: object for name in ("application", "kind", "channel", "response", _MORE)},
            keep_default_na=False,
            na_values={name: [""] for name in _DAYS + _FLAGS},
            skip_blank_lines=False,
            encoding="utf-8",
        )
    except pd.errors.EmptyDataError:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in (*COLUMNS, _MORE)})


_MORE = "(a cell too many)"
"""An eleventh column, read so that a row with one cell too many is told as such: without it,
pandas would read the first row's first cell as the rows' index and shift every column."""


def _parse(
    heads: list[FileHead],
) -> tuple[list[FileHead], pd.DataFrame, list[tuple[int, CsvError]]]:
    """All the tables in one parse; if that fails, or a quoted line break makes rows and lines
    differ, each table alone: the heads whose tables parse, their rows, and the others' errors."""
    try:
        raw = _read_table(b"".join(head.table for head in heads))
        if len(raw) == sum(head.rows for head in heads):
            return heads, raw, []
    except (pd.errors.ParserError, UnicodeDecodeError):
        pass
    parsed: list[FileHead] = []
    errors: list[tuple[int, CsvError]] = []
    for head in heads:
        try:
            frame = _read_table(head.table)
        except UnicodeDecodeError:
            problem = _problem(0, "is not a shared file (not UTF-8 text)")
            errors.append((head.position, CsvError(head.source, [problem])))
            continue
        except pd.errors.ParserError as error:
            errors.append((head.position, CsvError(head.source, [_unparsed(error, head)])))
            continue
        if len(frame) != head.rows:
            problem = _problem(0, "has a line break inside a cell (not a shared file)")
            errors.append((head.position, CsvError(head.source, [problem])))
            continue
        parsed.append(head)
    # Parsed again together: frames parsed apart may type a column apart (integers in one,
    # floats or text in another), and their concatenation would then fail every check.
    raw = _read_table(b"".join(head.table for head in parsed))
    return parsed, raw, errors


def _unparsed(error: pd.errors.ParserError, head: FileHead) -> Problem:
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(error))
    if found:
        width = len(columns_of(head.version))
        return too_many_cells(head.first_line - 1 + int(found[2]), int(found[3]), width)
    return _problem(0, f"cannot be read as CSV ({error})")


class _Check:
    """The rows of many files' tables, checked and typed column by column over all of them;
    `shares()` gives each file whose rows all pass as a `Shared`, and for each other a
    `CsvError` listing its problems (the first `MAX_PROBLEMS` by line)."""

    def __init__(self, heads: list[FileHead], raw: pd.DataFrame) -> None:
        self.heads = heads
        self.raw = raw
        sizes = np.array([head.rows for head in heads], dtype=np.int64)
        self.starts = np.concatenate(([0], np.cumsum(sizes)))
        self.file = np.repeat(np.arange(len(heads)), sizes)
        first = np.array([head.first_line for head in heads], dtype=np.int64)
        self.line = np.arange(len(raw)) - self.starts[self.file] + first[self.file]
        versions = np.array([head.version for head in heads], dtype=np.int64)
        self.old = versions[self.file] < 2 if len(heads) else np.zeros(0, dtype=bool)
        """Rows of a version before 2, without `random_channel`."""
        self.found: list[list[tuple[int, int, Problem]]] = [[] for _ in heads]
        self.totals = np.zeros(len(heads), dtype=np.int64)
        self.blank = _blank_rows(raw)
        """Rows of no cell at all: each is one problem, not one per column."""

    def report(self, bad: npt.NDArray[np.bool_], column: str, message: str) -> None:
        """Record a problem on every `bad` row but a blank one: counted, and kept for its
        file's first ones."""
        cells = self.raw[column]
        bad = bad & ~self.blank

        def problem(row: int, line: int) -> Problem:
            value = cells.iloc[row]
            return Problem(line, column, "" if pd.isna(value) else str(value), message)

        self.record(bad, COLUMNS.index(column), problem)

    def record(
        self, bad: npt.NDArray[np.bool_], order: int, problem: Callable[[int, int], Problem]
    ) -> None:
        """Count a problem on every `bad` row and keep `problem(row, line)` for its file's
        first ones; `order` sorts the problems of one line."""
        rows = np.flatnonzero(bad)
        if not len(rows):
            return
        files = self.file[rows]
        self.totals += np.bincount(files, minlength=len(self.heads))
        rank = np.arange(len(rows)) - np.searchsorted(files, files)
        for row in rows[rank < MAX_PROBLEMS]:
            line = int(self.line[row])
            self.found[self.file[row]].append((line, order, problem(row, line)))

    def shares(self) -> tuple[list[tuple[int, Shared]], list[tuple[int, CsvError]]]:
        rows = self.typed()
        shares: list[tuple[int, Shared]] = []
        errors: list[tuple[int, CsvError]] = []
        for n, head in enumerate(self.heads):
            if self.totals[n]:
                problems = [problem for *_, problem in sorted(self.found[n], key=lambda f: f[:2])]
                error = CsvError(head.source, problems[:MAX_PROBLEMS], int(self.totals[n]))
                errors.append((head.position, error))
                continue
            part = rows.iloc[self.starts[n] : self.starts[n + 1]].reset_index(drop=True)
            shared = Shared(head.participant, head.number, part, head.version, head.source)
            shares.append((head.position, shared))
        return shares, errors

    def typed(self) -> pd.DataFrame:
        """Every column read and checked (the problems recorded), with `Shared.rows`' dtypes."""
        raw = self.raw
        blank = "is a blank line (a shared file has none between its rows)"
        self.record(self.blank, -1, lambda row, line: _problem(line, blank))

        def filled(name: str) -> npt.NDArray[np.bool_]:
            return raw[name].notna().to_numpy() & (raw[name] != "").to_numpy()

        more = filled(_MORE) | (self.old & filled("random_channel"))
        widths = np.where(self.old, len(COLUMNS_1), len(COLUMNS))
        self.record(
            more,
            len(COLUMNS),
            lambda row, line: too_many_cells(line, int(widths[row]) + 1, int(widths[row])),
        )
        codes, ids = pd.factorize(raw["application"])  # each distinct id checked once
        hex_ids = np.append(_hex_ids(np.asarray(ids, dtype=object), 12), False)
        wrong = ~hex_ids[codes]  # an empty cell's code, -1, is the False appended
        self.report(wrong, "application", "is not an application id (12 hex digits)")
        data: dict[str, Any] = {"application": pd.Categorical.from_codes(codes, ids)}
        for flag in _FLAGS:
            data[flag] = self.flag(flag, ~self.old if flag == "random_channel" else None)
        for name, dtype in _ENUM_TYPES.items():
            codes = dtype.categories.get_indexer(pd.Index(raw[name]))
            allowed = ", ".join(dtype.categories)
            self.report(
                codes < 0, name, f"is not {with_article(name)} (expected one of: {allowed})"
            )
            data[name] = pd.Categorical.from_codes(codes, dtype=dtype)
        # A missing day is a problem recorded; 0 in its place only keeps the dtype.
        data["sent_after"] = self.days("sent_after", minimum=0).fillna(0)
        data["age"] = self.days("age", minimum=None).fillna(0)
        data["answered_after"] = self.days("answered_after", minimum=0, empty=True)
        tone = (data["response"].codes > 0) & data["answered_after"].isna()
        self.report(tone, "response", "has no answered_after (an answer needs its day)")
        return _typed(pd.DataFrame(data, columns=list(COLUMNS)))

    def flag(self, name: str, rows: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.bool_]:
        """A true/false column, read (and checked) only on `rows` (all by default): false on
        the others, such as an older version's rows without the column."""
        column = self.raw[name]
        if pd.api.types.is_bool_dtype(column.dtype):
            values = column.to_numpy(dtype=bool)
            return values if rows is None else values & rows
        words = column.astype(object).fillna("").astype(str).str.strip().str.lower()
        bad = ~words.isin(("true", "false")).to_numpy()
        self.report(bad if rows is None else bad & rows, name, "is not true or false")
        true = (words == "true").to_numpy()
        return true if rows is None else true & rows

    def days(
        self, name: str, *, minimum: int | None, empty: bool = False
    ) -> pd.arrays.IntegerArray:
        """A column of whole days (a nullable integer array); empty cells only where `empty`."""
        column = self.raw[name]
        unreadable = "is not a whole number of days"
        if pd.api.types.is_integer_dtype(column.dtype):
            values = column.to_numpy(dtype=np.float64)
        elif pd.api.types.is_float_dtype(column.dtype):
            values = column.to_numpy(dtype=np.float64, copy=True)
            whole = np.isnan(values) | (values == np.floor(values))
            self.report(~whole, name, unreadable)
            values[~whole] = np.nan
        else:
            codes, distinct = pd.factorize(column)
            parsed = np.array([*(_whole(value) for value in distinct), np.nan], dtype=np.float64)
            values = parsed[codes]
            self.report(np.isnan(values) & column.notna().to_numpy(), name, unreadable)
        missing = np.isnan(values)
        if not empty:
            needed = "is empty (every contact needs it)"
            self.report(missing & column.isna().to_numpy(), name, needed)
        if minimum is not None:
            self.report(~missing & (values < minimum), name, f"is below {minimum}")
        return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64), missing)


def _blank_rows(raw: pd.DataFrame) -> npt.NDArray[np.bool_]:
    """Which rows have no cell at all. Only rows without an `age` (a quick test on a column
    of numbers) are looked at cell by cell, so a million good rows cost next to nothing."""
    candidates = np.flatnonzero(raw["age"].isna().to_numpy())
    rows = raw.iloc[candidates]
    empty = [(rows[name].isna() | (rows[name] == "")).to_numpy() for name in (*COLUMNS, _MORE)]
    blank = np.zeros(len(raw), dtype=bool)
    blank[candidates[np.logical_and.reduce(empty)]] = True
    return blank


def _hex_ids(values: npt.NDArray[np.object_], digits: int) -> npt.NDArray[np.bool_]:
    """Which values are exactly `digits` lower-case hex digits (vectorised: each value as
    `digits + 1` characters, so a longer one keeps a character too many)."""
    text = np.asarray(values, dtype=f"<U{digits + 1}")
    codes = text.view(np.uint32).reshape(len(text), digits + 1)
    digit = (codes >= ord("0")) & (codes <= ord("9"))
    letter = (codes >= ord("a")) & (codes <= ord("f"))
    return np.asarray((digit | letter)[:, :digits].all(axis=1) & (codes[:, digits] == 0))


def _whole(value: object) -> float:
    """A whole number written as one (`12`, `-3`), else NaN."""
    text = str(value).strip()
    return float(text) if re.fullmatch(r"-?\d{1,6}", text) else np.nan


_ENUM_TYPES: Final = {name: pd.CategoricalDtype(list(values)) for name, values in _ENUMS.items()}
ROW_TYPES: Final[dict[str, Any]] = {
    "application": "category",
    "people_facing": bool,
    "kind": _ENUM_TYPES["kind"],
    "channel": _ENUM_TYPES["channel"],
    "new_info": bool,
    "sent_after": np.int64,
    "age": np.int64,
    "answered_after": "Int64",
    "response": _ENUM_TYPES["response"],
    "random_channel": bool,
}


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    """The shared table with its dtypes (see `Shared.rows`)."""
    return table[list(COLUMNS)].astype(ROW_TYPES)
