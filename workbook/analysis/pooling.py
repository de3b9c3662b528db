"""A group's pooled report counted with DuckDB: of a folder of shared files, for `workbook
cohort` (`folder_report`), without holding every contact in pandas; of shares already read,
such as a room's (`shares_report`, which `cohort.cohort_report` is). The figures are those the
`cohort` module's docstring defines.

Reading (`folder_report`): each file's first lines are checked as `share.read_shares` checks them
(a file that is not a shared file is skipped and named there). DuckDB then reads the tables of
all the other files in one query, every cell as text, and checks each row strictly (the
words and the whole numbers exactly as `workbook share` writes them). A file with any row
that fails, or whose rows DuckDB counts differently from its lines (a blank line, a cell too
many, a line break inside a cell), is read again by `share.read_shares`, which either names
its problem (file:line: column: why) as it always did, or accepts it (a file written by hand
in a form the strict check does not know, such as `True` for `true`); its rows then join the
others. Of each participant only the newest share is pooled, as `cohort.pool` does.

Counting (both): the bootstrap over participants, the suppression of small groups
and every figure need only small tables, which DuckDB aggregates from the contacts:
- per participant, cell (a cell is one value of each of the five groupings) and whether the
  channel was drawn at random, the contacts, answered, positive and pending ones (`Counts`):
  the experiment's arms and its bootstrap over participants come from the random ones;
- per cell, the contacts at each day of waiting, with or without an answer (`Waits`), from
  which the Kaplan-Meier medians come;
- the ghosting of the applications that keep a contact once small groups are left out, asked
  of DuckDB once those groups are known.
The contacts DuckDB read stay in its own memory, which it may spill to a temporary folder.

The pieces both ways of pooling share live here, below `cohort`, which builds on this module:
the `Cohort` of shares read, how a folder's files are listed (`shared_files`) and which share
of a participant is pooled (`newest`), and the bootstrap (`resample`, `bootstrap_interval`).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from workbook.analysis.estimates import (
    experiment_of,
    newcombe_interval,
    rate_fields,
    wilson_interval,
)
from workbook.analysis.frames import GROUPINGS, WINDOW_DAYS, Group, curve_median
from workbook.analysis.share import COLUMNS, FileHead, Shared, columns_of, read_head, read_shares
from workbook.model import Channel, Kind, Response, WorkbookError
from workbook.rules.counting import BIN_STARTS, DAY_BINS, MIN_GROUP
from workbook.tables.canonical_csv import CsvError

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

__all__ = [
    "BOOTSTRAP_SEED",
    "CELLS",
    "KEYS",
    "RESAMPLES",
    "Cohort",
    "CohortFolderError",
    "Counts",
    "PooledFolder",
    "Waits",
    "bootstrap_interval",
    "cohort_note",
    "experiment_report",
    "folder_report",
    "newest",
    "resample",
    "shared_files",
    "shares_report",
    "small_cells_left_out",
    "tables_report",
]

RESAMPLES: Final = 2000
"""Draws of the participants for each interval."""
BOOTSTRAP_SEED: Final = 20261120
"""The bootstrap's seed: the same shares give the same intervals."""

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]

CHANNELS: Final = tuple(c.value for c in Channel)
KINDS: Final = tuple(k.value for k in Kind)
KEYS: Final[dict[str, tuple[str | bool, ...]]] = {
    "channel": CHANNELS,
    "kind": KINDS,
    "people_facing": (False, True),
    "new_info": (False, True),
    "days_to_follow_up": DAY_BINS,
}
"""Each grouping's keys in the order the report lists them (`analysis.grouped`)."""
CELLS: Final = int(np.prod([len(keys) for keys in KEYS.values()]))
"""Cells: one key of each grouping, numbered with the channel first, the day bin last."""
_GROUP_OF: Final[dict[str, Ints]] = dict(
    zip(
        KEYS,
        (np.asarray(index, dtype=np.int64).ravel()
         for index in np.indices([len(keys) for keys in KEYS.values()])),
        strict=True,
    )
)  # fmt: skip
"""Per grouping, the key (its index in `KEYS`) of every cell."""


# -- the shares pooled and the bootstrap over them ---------------------------------------------


@dataclass(frozen=True)
class Cohort:
    """The shares pooled for a group (one per participant, the newest), and what was not.

    `skipped` holds why each unreadable file was skipped; `replaced` pairs each earlier share
    of a participant with the newer one pooled instead. A `synthetic` cohort is made-up data.
    """

    shares: tuple[Shared, ...]
    skipped: tuple[CsvError, ...] = ()
    replaced: tuple[tuple[Shared, Shared], ...] = ()
    synthetic: bool = False


def newest(
    shares: Sequence[tuple[str | None, int]],
) -> tuple[list[int], list[tuple[int, int]]]:
    """Of shares given as (participant id, share number), which `pool` keeps: the index of
    each participant's newest, in the order the participants first come, and for each other
    share the pair of its index and its participant's newest's."""
    best: dict[str | int, int] = {}
    earlier: list[tuple[int, str | int]] = []
    for position, (participant, number) in enumerate(shares):
        key: str | int = position if participant is None else participant
        kept = best.setdefault(key, position)
        if kept != position:
            older, best[key] = (kept, position) if number > shares[kept][1] else (position, kept)
            earlier.append((older, key))
    return list(best.values()), [(older, best[key]) for older, key in earlier]


class CohortFolderError(WorkbookError, ValueError):
    """A folder of shared files that cannot be read: one line naming it and what is wrong."""


def shared_files(folder: Path | str) -> list[Path]:
    """The files of a folder that `read_cohort` reads, hidden ones aside, sorted by name.
    Raises `CohortFolderError` if there is no folder there, it is a file, or it cannot be
    read."""
    path = Path(folder)
    try:
        return sorted(p for p in path.iterdir() if p.is_file() and p.name[:1] != ".")
    except (FileNotFoundError, NotADirectoryError):
        if os.path.exists(path):  # never raises
            raise CohortFolderError(f"{path} is a file, not a folder") from None
        raise CohortFolderError(f"there is no folder at {path}") from None
    except OSError as error:
        raise CohortFolderError(f"{path} cannot be read ({error.strerror or error})") from None


def resample(count: int, resamples: int = RESAMPLES, seed: int = BOOTSTRAP_SEED) -> Floats:
    """`resamples` draws of `count` participants with replacement: how often each one is
    drawn in each (a resamples x count array), the same for one seed."""
    if count == 0:
        return np.zeros((resamples, 0))
    rng = np.random.default_rng(seed)
    return rng.multinomial(count, np.full(count, 1 / count), size=resamples).astype(np.float64)


def bootstrap_interval(
    answered: npt.ArrayLike, decided: npt.ArrayLike, draws: Floats
) -> tuple[float, float] | None:
    """The 2.5th and 97.5th percentiles of answered / decided over the `draws` of participants
    (per-participant counts in, `resample`'s array); draws without a decided contact are left
    out, and with none at all there is no interval."""
    drawn_answered, drawn_decided = (draws @ np.column_stack([answered, decided])).T
    seen = drawn_decided > 0
    if not seen.any():
        return None
    low, high = np.percentile(drawn_answered[seen] / drawn_decided[seen], [2.5, 97.5])
    return float(low), float(high)


def cohort_note(
    files: int, *, min_group: int, resamples: int, seed: int, synthetic: bool = False
) -> str:
    """How a cohort's figures were made, in words: the report's `note`."""
    made_up = (
        "These are made-up sample shares (synthetic), not real participants: use them to learn "
        "to read the report, not as facts. "
        if synthetic
        else ""
    )
    return (
        f"{made_up}Pooled from the anonymous shares of {files} participant"
        f"{'s' if files != 1 else ''}, each counted as on the day they shared it. One person's "
        "contacts tend to fare alike, so each 95% interval comes from drawing the participants "
        f"again, with replacement, {resamples:,} times (a bootstrap over participants, seed "
        f"{seed}); where the usual interval for independent contacts is wider, that one is "
        f"given. A group resting on fewer than {min_group} participants is hidden, and its "
        "contacts are left out of every other figure too, so that nothing hidden can be worked "
        "out from what is shown."
    )


@dataclass(frozen=True)
class Counts:
    """Per participant, cell and whether the channel was drawn at random (`random`), where
    there are contacts (one row each): the contacts, and how many of them were answered,
    positive and pending."""

    participant: Ints
    cell: Ints
    random: Bools
    contacts: Ints
    answered: Ints
    positive: Ints
    pending: Ints


@dataclass(frozen=True)
class Waits:
    """Per cell, day of waiting and whether an answer ended it: how many contacts (a contact
    dated after the day of sharing has no wait and is not here)."""

    cell: Ints
    wait: Ints
    responded: Bools
    contacts: Ints


@dataclass(frozen=True)
class PooledFolder:
    """A folder's pooled shares as small tables: `files` names the shares pooled (one per
    participant, participant i's is `files[i]`), `skipped` says why each other file was
    skipped, `replaced` pairs each earlier share's file with the newer one pooled instead.
    `ghosting(kept)` counts the ghosted applications among the contacts of the `kept` cells."""

    files: tuple[str, ...]
    skipped: tuple[CsvError, ...]
    replaced: tuple[tuple[str, str], ...]
    counts: Counts
    waits: Waits
    ghosting: Callable[[Bools], Group]


# -- reading -----------------------------------------------------------------------------------


def _text(columns: Sequence[str]) -> str:
    """DuckDB's columns of a table of `columns`, every cell as text."""
    return ", ".join(f"'{name}': 'VARCHAR'" for name in columns)


def _words(values: Sequence[str]) -> str:
    return "[" + ", ".join(f"'{value}'" for value in values) + "]"


_BINS = " ".join(f"WHEN sa < {start} THEN {n}" for n, start in enumerate(BIN_STARTS))
_SIZES = [len(keys) for keys in KEYS.values()]
_CONTACTS = f"""
WITH typed AS (
    SELECT f,
        application,
        coalesce(list_position({_words(CHANNELS)}, channel), 0) - 1 AS ch,
        coalesce(list_position({_words(KINDS)}, kind), 0) - 1 AS kd,
        people_facing = 'true' AS pf,
        new_info = 'true' AS ni,
        random_channel = 'true' AS rnd,
        TRY_CAST(sent_after AS INTEGER) AS sa,
        TRY_CAST(age AS INTEGER) AS age,
        TRY_CAST(answered_after AS INTEGER) AS aa,
        coalesce(response, '') AS tone,
        coalesce(
            regexp_full_match(application, '[0-9a-f]{{12}}')
            AND people_facing IN ('true', 'false') AND new_info IN ('true', 'false')
            AND random_channel IN ('true', 'false')
            AND channel IN {tuple(CHANNELS)} AND kind IN {tuple(KINDS)}
            AND coalesce(response, '') IN {("", *(r.value for r in Response))}
            AND regexp_full_match(sent_after, '[0-9]{{1,6}}')
            AND regexp_full_match(age, '-?[0-9]{{1,6}}')
            AND (answered_after IS NULL OR regexp_full_match(answered_after, '[0-9]{{1,6}}'))
            AND (coalesce(response, '') = '' OR answered_after IS NOT NULL),
            false) AS ok
    FROM (SCAN) JOIN files USING (filename)
), known AS (
    SELECT *, coalesce(aa <= age, false) AS responded FROM typed
), answered AS (
    SELECT *, responded AND aa <= $window AS yes FROM known
)
SELECT f, TRY_CAST('0x' || application AS BIGINT) AS app,
    ((((ch * {_SIZES[1]} + kd) * 2 + pf::INTEGER) * 2 + ni::INTEGER) * {_SIZES[4]}
        + CASE {_BINS} ELSE {len(BIN_STARTS)} END)::SMALLINT AS cell,
    (CASE WHEN age < 0 THEN NULL WHEN responded THEN greatest(aa, 0) ELSE age END)::INTEGER
        AS wait,
    yes AS answered, yes AND tone = 'positive' AS positive, NOT yes AND age <= $window AS pending,
    responded, rnd AS random, ok
FROM answered
"""


def _scan(skip: int, width: int) -> str:
    """DuckDB's read of files whose tables start after `skip` lines and have `width` columns
    (`random_channel` false in a version without it), every cell as text; a row it cannot
    split into the columns is dropped (its file's count then tells)."""
    columns = COLUMNS[:width]
    missing = ", 'false' AS random_channel" if width < len(COLUMNS) else ""
    return (
        f"SELECT {', '.join(columns)}{missing}, filename FROM read_csv($files_{skip}_{width},"
        f" skip={skip}, header=false, columns={{{_text(columns)}}},"
        " auto_detect=false, delim=',', quote='\"', escape='\"', ignore_errors=true,"
        " filename=true, strict_mode=true, compression='none')"
    )


@contextmanager
def _duckdb() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB that may spill to a temporary folder of its own."""
    import duckdb

    with tempfile.TemporaryDirectory(prefix="workbook-cohort-") as spill:
        connection = duckdb.connect(
            config={"temp_directory": spill, "preserve_insertion_order": False}
        )
        try:
            yield connection
        finally:
            connection.close()


def _heads(files: Sequence[Path]) -> tuple[list[FileHead], list[tuple[int, CsvError]]]:
    """Each file's first lines checked (its table's bytes not kept), or why it is skipped."""
    heads: list[FileHead] = []
    errors: list[tuple[int, CsvError]] = []
    for position, path in enumerate(files):
        try:
            heads.append(replace(read_head(position, path.name, path), table=b""))
        except CsvError as error:
            errors.append((position, error))
    return heads, errors


def _rows_of(shared: Shared, position: int, window: int) -> pd.DataFrame:
    """A share `read_shares` accepted, as the rows of DuckDB's contacts table."""
    import pandas as pd

    rows = shared.rows
    age = rows["age"].to_numpy(dtype=np.int64)
    after = rows["answered_after"]
    given = after.notna().to_numpy()
    days = after.fillna(0).to_numpy(dtype=np.int64)
    responded = given & (days <= age)
    answered = responded & (days <= window)
    cell = np.zeros(len(rows), dtype=np.int64)
    keys = {
        "channel": rows["channel"].cat.codes.to_numpy(dtype=np.int64),
        "kind": rows["kind"].cat.codes.to_numpy(dtype=np.int64),
        "people_facing": rows["people_facing"].to_numpy(dtype=np.int64),
        "new_info": rows["new_info"].to_numpy(dtype=np.int64),
        "days_to_follow_up": np.searchsorted(BIN_STARTS, rows["sent_after"].to_numpy(), "right"),
    }
    for by, values in KEYS.items():
        cell = cell * len(values) + keys[by]
    return pd.DataFrame(
        {
            "f": np.full(len(rows), position, dtype=np.int32),
            "app": pd.factorize(rows["application"])[0].astype(np.int64),
            "cell": cell.astype(np.int16),
            "wait": pd.Series(np.where(responded, np.maximum(days, 0), age), dtype="Int32").mask(
                age < 0
            ),
            "answered": answered,
            "positive": answered & (rows["response"] == Response.POSITIVE.value).to_numpy(),
            "pending": ~answered & (age <= window),
            "responded": responded,
            "random": rows["random_channel"].to_numpy(dtype=bool),
            "ok": np.ones(len(rows), dtype=bool),
        }
    )


_TABLE: Final = (
    "CREATE TEMP TABLE contacts (f INTEGER, app BIGINT, cell SMALLINT, wait INTEGER,"
    " answered BOOLEAN, positive BOOLEAN, pending BOOLEAN, responded BOOLEAN, random BOOLEAN,"
    " ok BOOLEAN)"
)
_GLOB: Final = frozenset("*?[]{}")
"""Characters DuckDB would read as a pattern in a file's name: such a file is read by pandas."""


def _plain(path: str) -> bool:
    """Whether DuckDB can be given the path: UTF-8, and nothing it would read as a pattern."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:  # a name of bytes that are not UTF-8, kept as surrogates
        return False
    return not _GLOB & set(path)


def _layout(head: FileHead) -> tuple[int, int]:
    """The lines before a file's table and its table's columns: how DuckDB reads it."""
    return head.first_line - 1, len(columns_of(head.version))


def _strictly_read(
    connection: duckdb.DuckDBPyConnection,
    files: Sequence[Path],
    heads: Sequence[FileHead],
    window: int,
) -> list[FileHead]:
    """Read the tables of the `heads`' files into DuckDB's `contacts`, checking each row
    strictly: the heads of the files it doubts (not read, a row that fails, or a count of
    rows that differs from the file's lines), whose rows are not kept."""
    import duckdb

    connection.execute(_TABLE)
    plain = [h for h in heads if h.rows and _plain(str(files[h.position]))]
    if plain:
        kinds = sorted({_layout(h) for h in plain})
        parameters: dict[str, Any] = {"window": window}
        for skip, width in kinds:
            parameters[f"files_{skip}_{width}"] = [
                str(files[h.position]) for h in plain if _layout(h) == (skip, width)
            ]
        scans = " UNION ALL ".join(_scan(skip, width) for skip, width in kinds)
        try:
            connection.execute(
                "CREATE TEMP TABLE files AS"
                " SELECT unnest($paths) AS filename, unnest($numbers)::INTEGER AS f",
                {"paths": [str(files[h.position]) for h in plain],
                 "numbers": [h.position for h in plain]},
            )  # fmt: skip
            connection.execute(
                "INSERT INTO contacts " + _CONTACTS.replace("SCAN", scans), parameters
            )
        except duckdb.Error:  # a file gone or changed while read: pandas reads them all
            connection.execute("DELETE FROM contacts")
    found = {
        f: (rows, ok)
        for f, rows, ok in connection.execute(
            "SELECT f, count(*), bool_and(ok) FROM contacts GROUP BY f"
        ).fetchall()
    }
    doubtful = [h for h in heads if found.get(h.position, (0, True)) != (h.rows, True)]
    if doubtful:
        numbers = [h.position for h in doubtful]
        connection.execute("DELETE FROM contacts WHERE list_contains($f, f)", {"f": numbers})
    return doubtful


def _read(connection: duckdb.DuckDBPyConnection, folder: Path | str, window: int) -> PooledFolder:
    """The folder's shares read, checked and pooled (see the module's docstring)."""
    files = shared_files(folder)
    heads, errors = _heads(files)
    doubtful = _strictly_read(connection, files, heads, window)
    valid = {h.position: h for h in heads}
    if doubtful:
        accepted, refused = read_shares((h.source, files[h.position]) for h in doubtful)
        by_source = {h.source: h.position for h in doubtful}
        for error in refused:
            position = by_source[error.source]
            errors.append((position, error))
            del valid[position]
        for shared in accepted:
            extra = _rows_of(shared, by_source[shared.source], window)
            connection.register("extra", extra)
            connection.execute("INSERT INTO contacts SELECT * FROM extra")
            connection.unregister("extra")
    positions = list(valid)
    kept, earlier = newest([(valid[p].participant, valid[p].number) for p in positions])
    pooled = [positions[n] for n in kept]
    names = [files[position].name for position in pooled]
    replaced = tuple(
        (files[positions[old]].name, files[positions[new]].name) for old, new in earlier
    )
    skipped = tuple(error for _, error in sorted(errors, key=lambda pair: pair[0]))
    return _pooled(connection, pooled, names, skipped, replaced)


def _pooled(
    connection: duckdb.DuckDBPyConnection,
    pooled: Sequence[int],
    names: Sequence[str],
    skipped: tuple[CsvError, ...],
    replaced: tuple[tuple[str, str], ...],
) -> PooledFolder:
    """The small tables of DuckDB's `contacts` of the files numbered `pooled` (participant i's
    is `pooled[i]`, named `names[i]`)."""
    connection.execute(
        "CREATE TEMP TABLE pooled AS SELECT unnest($f)::INTEGER AS f, unnest($p) AS p",
        {"f": list(pooled), "p": list(range(len(pooled)))},
    )
    connection.execute("CREATE TEMP VIEW counted AS SELECT * FROM contacts JOIN pooled USING (f)")
    table = connection.execute(
        "SELECT p, cell, random, count(*), sum(answered::INTEGER), sum(positive::INTEGER),"
        " sum(pending::INTEGER) FROM counted GROUP BY p, cell, random ORDER BY p, cell, random"
    ).fetchnumpy()
    p, cell, random, *sums = table.values()
    counts = Counts(
        np.asarray(p, dtype=np.int64),
        np.asarray(cell, dtype=np.int64),
        np.asarray(random, dtype=bool),
        *(np.asarray(column, dtype=np.int64) for column in sums),
    )
    table = connection.execute(
        "SELECT cell, wait, responded, count(*) FROM counted WHERE wait IS NOT NULL"
        " GROUP BY ALL ORDER BY ALL"
    ).fetchnumpy()
    cell, wait, responded, contacts = table.values()
    waits = Waits(
        np.asarray(cell, dtype=np.int64),
        np.asarray(wait, dtype=np.int64),
        np.asarray(responded, dtype=bool),
        np.asarray(contacts, dtype=np.int64),
    )

    def ghosting(kept: Bools) -> Group:
        applications, decided, ghosted = connection.execute(
            "SELECT count(*), count_if(decided), count_if(decided AND NOT responded) FROM"
            " (SELECT bool_or(NOT pending) AS decided, bool_or(responded) AS responded"
            "  FROM counted WHERE list_contains($kept, cell) GROUP BY f, app)",
            {"kept": np.flatnonzero(kept).tolist()},
        ).fetchone() or (0, 0, 0)
        return {
            "applications": int(applications),
            "decided": int(decided),
            "ghosted": int(ghosted),
            "share": ghosted / decided if decided else None,
        }

    return PooledFolder(tuple(names), skipped, replaced, counts, waits, ghosting)


# -- counting ----------------------------------------------------------------------------------


def _checked(window: int, min_group: int) -> None:
    for name, value in (("window", window), ("min_group", min_group)):
        if value < 1:
            raise ValueError(f"cohort_report: {name} must be 1 or more, not {value}")


def folder_report(
    folder: Path | str,
    *,
    window: int = WINDOW_DAYS,
    min_group: int = MIN_GROUP,
    as_of: dt.date | None = None,
    resamples: int = RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
    shown: Callable[[PooledFolder], None] | None = None,
) -> dict[str, Any]:
    """`cohort_report(read_cohort(folder), ...)`, read and pooled by DuckDB. `shown`, if
    given, is called with the pooled folder (its skipped and replaced files) before anything
    is counted. Raises `CohortFolderError` for a folder that cannot be read, and `ValueError`
    for a `window` or `min_group` under 1."""
    _checked(window, min_group)
    with _duckdb() as connection:
        pooled = _read(connection, folder, window)
        if shown is not None:
            shown(pooled)
        return _report(pooled, window, min_group, as_of, resamples, seed, synthetic=False)


def shares_report(
    cohort: Cohort,
    *,
    window: int = WINDOW_DAYS,
    min_group: int = MIN_GROUP,
    as_of: dt.date | None = None,
    resamples: int = RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> dict[str, Any]:
    """The pooled report of shares already read (`cohort.cohort_report`), counted as
    `folder_report` counts a folder's."""
    _checked(window, min_group)
    import pandas as pd

    with _duckdb() as connection:
        connection.execute(_TABLE)
        if cohort.shares:
            rows = pd.concat(
                [_rows_of(shared, n, window) for n, shared in enumerate(cohort.shares)],
                ignore_index=True,
            )
            connection.register("given", rows)
            connection.execute("INSERT INTO contacts SELECT * FROM given")
            connection.unregister("given")
        numbers = range(len(cohort.shares))
        names = [shared.source for shared in cohort.shares]
        replaced = tuple((older.source, newer.source) for older, newer in cohort.replaced)
        pooled = _pooled(connection, numbers, names, cohort.skipped, replaced)
        return _report(pooled, window, min_group, as_of, resamples, seed, cohort.synthetic)


def _report(
    pooled: PooledFolder,
    window: int,
    min_group: int,
    as_of: dt.date | None,
    resamples: int,
    seed: int,
    synthetic: bool,
) -> dict[str, Any]:
    """The report in the shape of `analysis.report` (data/report.schema.json), with
    `participants` and `suppressed` in every group, the `note` and the `cohort` it rests on."""
    figures = tables_report(pooled, min_group=min_group, resamples=resamples, seed=seed)
    files = len(pooled.files)
    return {
        "as_of": (as_of or dt.date.today()).isoformat(),
        "window": window,
        "cohort": {
            "files": files,
            "skipped": len(pooled.skipped),
            "replaced": len(pooled.replaced),
            "min_group": min_group,
            "resamples": resamples,
            "seed": seed,
            "synthetic": synthetic,
        },
        "note": cohort_note(
            files, min_group=min_group, resamples=resamples, seed=seed, synthetic=synthetic
        ),
        **figures,
    }


def small_cells_left_out(counts: Counts, min_group: int) -> Bools:
    """Which cells every figure counts, as the pandas reference (tests/cohort_reference.py)
    keeps contacts: a group (of any grouping) resting on fewer than `min_group` participants
    loses its cells, again and again, grouping by grouping, until no such group is left."""
    kept = np.ones(CELLS, dtype=bool)
    decided = counts.contacts > counts.pending
    people = int(counts.participant.max(initial=-1)) + 1

    def members(group: Ints, rows: Bools, size: int) -> Ints:
        present = np.zeros((size, people), dtype=bool)
        present[group[rows], counts.participant[rows]] = True
        return np.asarray(present.sum(axis=1))

    while True:
        before = int(counts.contacts[kept[counts.cell]].sum())
        for by, keys in KEYS.items():
            group = _GROUP_OF[by][counts.cell]
            rows = kept[counts.cell]
            size = members(group, rows & decided, len(keys))
            undecided = size == 0
            if undecided.any():
                size[undecided] = members(group, rows, len(keys))[undecided]
            kept &= ~np.isin(_GROUP_OF[by], np.flatnonzero(size < min_group))
        if int(counts.contacts[kept[counts.cell]].sum()) == before:
            return kept


def _median(waits: Waits, cells: Bools) -> int | None:
    """The Kaplan-Meier median days to an answer of the contacts in `cells`, as
    `analysis.timing` gives it from the same contacts."""
    rows = cells[waits.cell]
    if not rows.any():
        return None
    wait = waits.wait[rows]
    total = np.bincount(wait, weights=waits.contacts[rows]).astype(np.int64)
    answers = np.bincount(
        wait, weights=np.where(waits.responded[rows], waits.contacts[rows], 0)
    ).astype(np.int64)
    present = np.flatnonzero(total > 0)
    at_risk = np.cumsum(total[present][::-1])[::-1]
    waiting = np.cumprod((at_risk - answers[present]) / at_risk, dtype=np.float64)
    median = curve_median(present.astype(float), waiting)
    return None if median is None else round(median)


def _figures(
    pooled: PooledFolder, rows: Bools, cells: Bools, draws: npt.NDArray[np.float64]
) -> Group:
    """A group's fields in the order `cohort_report` gives them: the counts and rate, the
    median, the participants and the interval allowing for clustering."""
    c = pooled.counts
    contacts = int(c.contacts[rows].sum())
    answered = int(c.answered[rows].sum())
    pending = int(c.pending[rows].sum())
    fields: Group = {
        "contacts": contacts,
        "answered": answered,
        "positive": int(c.positive[rows].sum()),
        "pending": pending,
        **rate_fields(answered, contacts - pending),
        "median_days": _median(pooled.waits, cells),
    }
    decided_rows = rows & (c.contacts > c.pending)
    who = c.participant[decided_rows if decided_rows.any() else rows]
    fields["participants"] = len(np.unique(who))
    count = draws.shape[1]
    weights = (c.contacts - c.pending)[rows].astype(np.float64)
    decided = np.bincount(c.participant[rows], weights=weights, minlength=count)
    per_answered = np.bincount(
        c.participant[rows], weights=c.answered[rows].astype(np.float64), minlength=count
    )
    total = int(decided.sum())
    boot = bootstrap_interval(per_answered, decided, draws) if total else None
    if boot is None:
        fields.update({"ci_low": None, "ci_high": None})
    else:
        low, high = wilson_interval(int(per_answered.sum()), total)
        fields.update({"ci_low": min(boot[0], low), "ci_high": max(boot[1], high)})
    return fields


def tables_report(
    pooled: PooledFolder, *, min_group: int, resamples: int, seed: int
) -> dict[str, Any]:
    """The overall figures, the ghosting and each grouping's groups of a pooled folder, small
    groups hidden, as `cohort_report` gives them."""
    draws = resample(len(pooled.files), resamples, seed)
    c = pooled.counts
    kept = small_cells_left_out(c, min_group)
    counted = kept[c.cell]
    shown: dict[str, Any] = {}
    if c.contacts[counted].sum() == 0:
        shown["overall"] = shown["ghosted"] = {"suppressed": True}
    else:
        shown["overall"] = {**_figures(pooled, counted, kept, draws), "suppressed": False}
        shown["ghosted"] = pooled.ghosting(kept)
    for by, keys in KEYS.items():
        group_of_row = _GROUP_OF[by][c.cell]
        groups = []
        for index in np.unique(group_of_row).tolist():
            key = keys[index]
            rows = counted & (group_of_row == index)
            if rows.any():
                cells = kept & (_GROUP_OF[by] == index)
                figures = _figures(pooled, rows, cells, draws)
                groups.append({by: key, **figures, "suppressed": False})
            else:
                groups.append({by: key, "suppressed": True})
        shown[f"by_{by}"] = groups
    return {"overall": shown["overall"], "ghosted": shown["ghosted"],
            **{f"by_{by}": shown[f"by_{by}"] for by in GROUPINGS},
            "experiment": experiment_report(c, counted, draws, min_group)}  # fmt: skip


def _participants_of(counts: Counts, rows: Bools) -> int:
    """How many participants the contacts of `rows` rest on, as a group's `participants`
    counts them: those with a decided contact, or while none is decided, those with any."""
    decided = rows & (counts.contacts > counts.pending)
    return len(np.unique(counts.participant[decided if decided.any() else rows]))


def experiment_report(counts: Counts, counted: Bools, draws: Floats, min_group: int) -> Group:
    """The experiment of the contacts of the `counted` rows of `counts` (those every figure
    counts), with intervals clustered by participant and channels resting on too few
    participants hidden (see `cohort`'s docstring)."""
    channel_of = _GROUP_OF["channel"][counts.cell]
    shown: dict[str, tuple[int, int, int]] = {}
    hidden: list[str] = []
    people: dict[str, int] = {}
    drawn_rows: dict[str, Bools] = {}
    for index, channel in enumerate(CHANNELS):
        same = counted & (channel_of == index)
        drawn = same & counts.random
        if not drawn.any():
            continue
        sums = (counts.contacts, counts.answered, counts.pending)
        arm = (int(sums[0][drawn].sum()), int(sums[1][drawn].sum()), int(sums[2][drawn].sum()))
        participants = _participants_of(counts, drawn)
        others = _participants_of(counts, same & ~counts.random)
        if participants < min_group or 0 < others < min_group:
            hidden.append(channel)
        else:
            shown[channel] = arm
            people[channel] = participants
            drawn_rows[channel] = drawn
    figures = experiment_of(shown)
    by_channel = {arm["channel"]: arm for arm in figures["by_channel"]}
    figures["by_channel"] = [
        {**by_channel[channel], "participants": people[channel], "suppressed": False}
        if channel in by_channel
        else {"channel": channel, "suppressed": True}
        for channel in CHANNELS
        if channel in by_channel or channel in hidden
    ]
    figures["comparisons"] = [
        _clustered(comparison, counts, drawn_rows, draws) for comparison in figures["comparisons"]
    ]
    return figures


def _clustered(
    comparison: Group, counts: Counts, drawn_rows: dict[str, Bools], draws: Floats
) -> Group:
    """A comparison with its interval drawn over the participants (the same draws as every
    other interval), or Newcombe's where that is wider, and its verdict again."""
    if comparison["difference"] is None:
        return comparison
    count = draws.shape[1]
    columns = []
    for channel in (comparison["channel"], comparison["against"]):
        rows = drawn_rows[channel]
        who = counts.participant[rows]
        answered = counts.answered[rows].astype(np.float64)
        decided = (counts.contacts - counts.pending)[rows].astype(np.float64)
        columns.append(np.bincount(who, weights=answered, minlength=count))
        columns.append(np.bincount(who, weights=decided, minlength=count))
    answered_a, decided_a, answered_b, decided_b = (draws @ np.column_stack(columns)).T
    seen = (decided_a > 0) & (decided_b > 0)
    low, high = newcombe_interval(*(int(column.sum()) for column in columns))
    if seen.any():
        differences = answered_a[seen] / decided_a[seen] - answered_b[seen] / decided_b[seen]
        boot_low, boot_high = np.percentile(differences, [2.5, 97.5])
        low, high = min(low, float(boot_low)), max(high, float(boot_high))
    verdict = comparison["verdict"]
    if verdict != "too-few":
        verdict = "differs" if low > 0 or high < 0 else "chance"
    return {**comparison, "ci_low": low, "ci_high": high, "verdict": verdict}
