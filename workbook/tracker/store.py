"""The tracker: one SQLite file with the learner's applications, interview rounds and contacts.

The file is `tracker.db` in the learner's data folder unless a path is given. It is opened in WAL
mode with a busy timeout, so a notebook and the `workbook` command can use it at once. Every
change runs in one transaction: an error, or a process killed half way, leaves the file as it was
before the change. The schema carries a version (`PRAGMA user_version`); opening an older file
migrates it forward in one transaction, and migrations never drop data.

Records are named as the learner sees them, never by row numbers: an application by its
`application_id`, a round by its application and interview date (`RoundKey`), a contact by its
application, date, kind and channel (`ContactKey`). Reads return tidy pandas
DataFrames; `contacts()` is the canonical contact table of `workbook.canonical`.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook.canonical import COLUMN_NAMES, COLUMNS
from workbook.home.folders import home
from workbook.model import (
    Channel,
    Kind,
    NextStep,
    Outcome,
    Response,
    Source,
    Stage,
    StageEntry,
    WorkbookError,
)
from workbook.rules.stages import parse_history

__all__ = [
    "APPLICATION_FIELDS",
    "SCHEMA_VERSION",
    "ContactKey",
    "InvalidChangeError",
    "MergeReport",
    "NotATrackerError",
    "RecordNotFoundError",
    "RoundKey",
    "Tracker",
    "TrackerError",
    "application_slug",
    "default_path",
    "is_current",
    "typed",
]

CACHE_KIB = 65_536
"""SQLite's page cache per open tracker, at most (64 MiB; it grows only as pages are read): a
large import's indexes then stay in memory instead of being written out and read again."""

SCHEMA_VERSION = 5
"""The layout `Tracker` writes; older files are migrated to it when opened."""

BUSY_TIMEOUT = 10.0
"""Seconds a change waits for another process's change to finish before giving up."""

_FILE_MARK = 0x46555742
"""`PRAGMA application_id` of a tracker ("FUWB"): tells our file from any other SQLite file."""

if TYPE_CHECKING:  # pandas and numpy are loaded only when a table is read or merged, so that
    # `workbook report`, which counts in SQLite, starts without them
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    Objects = npt.NDArray[np.object_]
    Ints = npt.NDArray[np.int64]
    Bools = npt.NDArray[np.bool_]
    Array = npt.NDArray[Any]


class TrackerError(WorkbookError):
    """The tracker cannot do what was asked; the message says why in plain words."""


class NotATrackerError(TrackerError):
    """The file is not a tracker: not SQLite at all, another program's database, or newer."""


class RecordNotFoundError(TrackerError, LookupError):
    """No application, round or contact with that name is in the tracker."""


class InvalidChangeError(TrackerError, ValueError):
    """The change would break a rule of the tracker (an empty company, a response before its
    contact, a second contact with the same name...); nothing was changed."""


@dataclass(frozen=True)
class RoundKey:
    """Names an interview round: its application and date (one round a day per application)."""

    application_id: str
    interview_date: dt.date


@dataclass(frozen=True)
class ContactKey:
    """Names a contact: its application, date, kind and channel."""

    application_id: str
    contact_date: dt.date
    kind: Kind
    channel: Channel

    @classmethod
    def of(cls, row: pd.Series[Any] | Mapping[str, Any]) -> ContactKey:
        """The key of a row of `Tracker.contacts()` (a Series or a dict) that has a contact."""
        import pandas as pd

        if pd.isna(row["contact_date"]):
            raise RecordNotFoundError("that row records no contact (its contact_date is empty)")
        return cls(
            str(row["application_id"]),
            pd.Timestamp(row["contact_date"]).date(),
            Kind(row["kind"]),
            Channel(row["channel"]),
        )


@dataclass(frozen=True)
class MergeReport:
    """What a merge did (or, in a dry run, would do), counted in rows of the table merged.

    A row is `added` when the contact it records (or, on a row without a contact, the round or
    application) was not in the tracker, `updated` when it was but a value of the row differs,
    and `unchanged` otherwise.
    """

    added: int
    updated: int
    unchanged: int
    dry_run: bool = False

    @property
    def rows(self) -> int:
        return self.added + self.updated + self.unchanged


def default_path() -> Path:
    """The learner's tracker: `tracker.db` in their data folder."""
    return home() / "tracker.db"


def is_current(path: Path) -> bool:
    """Whether `path` is a tracker of the current layout, found out without changing the file
    (opening a `Tracker` would create one in an empty file, or migrate an older one)."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as con:
            mark = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error:
        return False
    return bool(mark == _FILE_MARK and version == SCHEMA_VERSION)


def application_slug(company: str, role: str = "") -> str:
    """The `application_id` derived from company and role, stable and readable.

    Letters and digits are kept in lower case (accents and other scripts too); every other run
    of characters becomes one `-`; company and role are joined by `--`:
    `Acme Logistics`, `Warehouse Supervisor` gives `acme-logistics--warehouse-supervisor`.
    Without a role it is the company's part alone; with neither it is `application`.
    """

    def part(text: str) -> str:
        return "-".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold()))

    company_part, role_part = part(company), part(role)
    slug = f"{company_part}--{role_part}" if company_part and role_part else company_part
    return slug or role_part or "application"


# -- the schema --------------------------------------------------------------------------------
# The records' tables, as version 1 made them (version 2 adds `settings`, below). A contact
# names its round by the round's own key (application, interview_date), so "a contact comes
# after its interview" is a check within the row and a round's new date cascades to its
# contacts. Enum values are written out, not generated from workbook.model: a
# new value needs a migration, and tests/test_store.py checks that these lists match the model.
# Checks say `a = 'x' OR a = 'y'` rather than `a IN (...)`: the same rule, and SQLite evaluates
# it several times faster on a large import. A round's contacts are found through the unique
# index that starts with their application; a further index would only slow imports down.

_SCHEMA_1: tuple[str, ...] = (
    """CREATE TABLE applications (
        id             INTEGER PRIMARY KEY,
        application_id TEXT NOT NULL UNIQUE CHECK (application_id <> ''),
        company        TEXT NOT NULL CHECK (company <> ''),
        role           TEXT NOT NULL DEFAULT '',
        people_facing  INTEGER NOT NULL DEFAULT 0 CHECK (people_facing IN (0, 1)),
        outcome        TEXT NOT NULL DEFAULT 'pending'
                       CHECK (outcome = 'offer' OR outcome = 'rejected' OR outcome = 'withdrawn'
                              OR outcome = 'no-response' OR outcome = 'pending'),
        applied_date   TEXT,
        job_ref        TEXT NOT NULL DEFAULT '',
        contact_name   TEXT NOT NULL DEFAULT '',
        contact_detail TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE interviews (
        id             INTEGER PRIMARY KEY,
        application    INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        interview_date TEXT NOT NULL,
        next_step      TEXT NOT NULL DEFAULT 'unknown'
                       CHECK (next_step = 'unknown' OR next_step = 'vague'
                              OR next_step = 'decision-date' OR next_step = 'do-not-contact'
                              OR next_step = 'background-check' OR next_step = 'assessment'
                              OR next_step = 'handed-off'),
        interviewers   TEXT NOT NULL DEFAULT '',
        notes          TEXT NOT NULL DEFAULT '',
        UNIQUE (application, interview_date)
    )""",
    """CREATE TABLE contacts (
        id             INTEGER PRIMARY KEY,
        application    INTEGER NOT NULL,
        interview_date TEXT NOT NULL,
        contact_date   TEXT NOT NULL,
        kind           TEXT NOT NULL DEFAULT 'follow-up'
                       CHECK (kind = 'thank-you' OR kind = 'follow-up'
                              OR kind = 'second-follow-up'),
        channel        TEXT NOT NULL
                       CHECK (channel = 'email' OR channel = 'phone' OR channel = 'letter'
                              OR channel = 'linkedin' OR channel = 'text'
                              OR channel = 'in-person' OR channel = 'other'),
        new_info       INTEGER NOT NULL DEFAULT 0 CHECK (new_info IN (0, 1)),
        response_date  TEXT,
        response       TEXT NOT NULL DEFAULT ''
                       CHECK (response = '' OR response = 'positive' OR response = 'neutral'
                              OR response = 'negative'),
        FOREIGN KEY (application, interview_date)
            REFERENCES interviews (application, interview_date)
            ON UPDATE CASCADE ON DELETE CASCADE,
        UNIQUE (application, contact_date, kind, channel),
        CONSTRAINT "a contact cannot come before the interview it follows"
            CHECK (contact_date >= interview_date),
        CONSTRAINT "a response cannot come before its contact"
            CHECK (response_date >= contact_date),
        CONSTRAINT "a response needs the date it came" CHECK (response = '' OR response_date <> '')
    )""",
)
"""The tables of version 1, as `_migrate_0_to_1` builds them; the current layout keeps them."""

_SETTINGS = """CREATE TABLE settings (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID"""
"""Version 2: values the workbook keeps for the learner, by name (the participant id of their
anonymous shares, and how many they made)."""

_SCHEMA_2: tuple[str, ...] = (*_SCHEMA_1, _SETTINGS)
"""The tables of version 2. A new tracker is made in this layout and migrated on from it, so a
new file and a migrated one are alike."""

_APPLICATION_FACTS = (
    """ALTER TABLE applications ADD COLUMN source TEXT NOT NULL DEFAULT ''
        CHECK (source = '' OR source = 'linkedin' OR source = 'referral'
               OR source = 'job-board' OR source = 'company-site' OR source = 'email'
               OR source = 'agency' OR source = 'other')""",
    "ALTER TABLE applications ADD COLUMN answer_date TEXT",
    """CREATE TABLE stages (
        application INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        position    INTEGER NOT NULL CHECK (position >= 0),
        stage       TEXT NOT NULL
                    CHECK (stage = 'applied' OR stage = 'screen' OR stage = 'interview'
                           OR stage = 'offer' OR stage = 'rejected' OR stage = 'withdrawn'
                           OR stage = 'no-answer'),
        stage_date  TEXT,
        PRIMARY KEY (application, position)
    ) WITHOUT ROWID""",
)
"""Version 3: how the person applied, when the employer first answered the application, and
its stage history, one row per stage in order (`position` 0 is the oldest)."""

_CONTACTS_3 = _SCHEMA_1[2].replace(
    "OR channel = 'in-person' OR channel = 'other')",
    "OR channel = 'in-person' OR channel = 'other'\n"
    "                              OR channel = 'unknown')",
)
"""Version 3's contacts: as version 1's, and a channel may be `unknown` (a follow-up whose
date was noted but not its method)."""

_RANDOM_SEED = """ALTER TABLE contacts ADD COLUMN random_seed INTEGER
        CHECK (random_seed IS NULL OR (typeof(random_seed) = 'integer' AND random_seed >= 0))"""
"""Version 4: the seed of the workbook's random choice of a contact's channel; NULL when the
learner chose it (every contact of an older layout)."""

_ROUND_DATES = (
    """ALTER TABLE interviews ADD COLUMN promised_date TEXT
        CONSTRAINT "a promised date cannot come before its interview"
        CHECK (promised_date >= interview_date)""",
    """ALTER TABLE interviews ADD COLUMN answer_date TEXT
        CONSTRAINT "a round's answer cannot come before its interview"
        CHECK (answer_date >= interview_date)""",
)
"""Version 5: per round, the day the employer said they would be in touch by (a decision date
or an "expected by"), and the day their answer on the round actually came; both empty when
not known. (A NULL passes a CHECK, so an empty date is always allowed.)"""

_SCHEMA: tuple[str, ...] = (
    *_SCHEMA_2,
    *_APPLICATION_FACTS,
    _CONTACTS_3,
    _RANDOM_SEED,
    *_ROUND_DATES,
)
"""Every statement of the current layout (the contacts' table as its last statement makes it)."""

_TABLES = frozenset({"applications", "interviews", "contacts"})


def _is_version_0(con: sqlite3.Connection) -> bool:
    """Version 0, the first layout, had no file mark; its applications had a `status`."""
    columns = {row[1] for row in con.execute("PRAGMA table_info(applications)")}
    return {"company", "status"} <= columns


def _migrate_0_to_1(con: sqlite3.Connection) -> None:
    """Version 0 → 1: the canonical table's vocabulary and the work-search log.

    Applications get an `application_id` (derived from company and role, `-2`, `-3` added when
    two applications share them), their `status` becomes an `outcome` (open → pending,
    ghosted → no-response; offer, rejected and withdrawn stay), and the work-search fields are
    added, empty. Rounds' `day` becomes `interview_date`; contacts' `day` becomes
    `contact_date`, `answered_on` becomes `response_date`, and they gain `new_info` (false) and
    a `response` tone (unknown: empty) and a reference to their application. Every row is kept.
    """
    for statement in _SCHEMA_1:
        con.execute(statement.replace("CREATE TABLE ", "CREATE TABLE new_", 1))
    taken: set[str] = set()
    old = con.execute("SELECT id, company, role, people_facing, status FROM applications")
    outcome_of = {"open": "pending", "ghosted": "no-response"}
    con.executemany(
        "INSERT INTO new_applications (id, application_id, company, role, people_facing, outcome)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (id_, _unique(application_slug(company, role), taken), company, role, people_facing,
             outcome_of.get(status, status))
            for id_, company, role, people_facing, status in old.fetchall()
        ],
    )  # fmt: skip
    con.execute(
        "INSERT INTO new_interviews (id, application, interview_date, next_step)"
        " SELECT id, application, day, next_step FROM interviews"
    )
    con.execute(
        "INSERT INTO new_contacts (id, application, interview_date, contact_date, kind, channel,"
        " response_date)"
        " SELECT c.id, i.application, i.day, c.day, c.kind, c.channel, c.answered_on"
        " FROM contacts AS c JOIN interviews AS i ON i.id = c.interview"
    )
    for table in ("contacts", "interviews", "applications"):
        con.execute(f"DROP TABLE {table}")
        con.execute(f"ALTER TABLE new_{table} RENAME TO {table}")


def _migrate_1_to_2(con: sqlite3.Connection) -> None:
    """Version 1 → 2: an empty `settings` table; every other table stays as it is."""
    con.execute(_SETTINGS)


def _migrate_2_to_3(con: sqlite3.Connection) -> None:
    """Version 2 → 3: applications gain `source` (empty: not known) and `answer_date` (none),
    an empty `stages` table holds their histories, and the contacts' table is rebuilt so a
    channel may be `unknown`. Every row is kept as it was."""
    for statement in _APPLICATION_FACTS:
        con.execute(statement)
    con.execute(_CONTACTS_3.replace("CREATE TABLE contacts", "CREATE TABLE new_contacts", 1))
    con.execute("INSERT INTO new_contacts SELECT * FROM contacts")
    con.execute("DROP TABLE contacts")
    con.execute("ALTER TABLE new_contacts RENAME TO contacts")


def _migrate_3_to_4(con: sqlite3.Connection) -> None:
    """Version 3 → 4: contacts gain `random_seed`, NULL for every contact there (the learner
    chose their channels); every row is kept as it was."""
    con.execute(_RANDOM_SEED)


def _migrate_4_to_5(con: sqlite3.Connection) -> None:
    """Version 4 → 5: rounds gain `promised_date` and `answer_date`, both empty; every row is
    kept as it was."""
    for statement in _ROUND_DATES:
        con.execute(statement)


_MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _migrate_0_to_1,
    _migrate_1_to_2,
    _migrate_2_to_3,
    _migrate_3_to_4,
    _migrate_4_to_5,
)
"""`_MIGRATIONS[v]` takes a file from version v to v + 1, inside the caller's transaction."""


def _unique(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3`... whichever is not taken yet; records it as taken."""
    candidate, count = slug, 1
    while candidate in taken:
        count += 1
        candidate = f"{slug}-{count}"
    taken.add(candidate)
    return candidate


# -- the tracker -------------------------------------------------------------------------------

APPLICATION_FIELDS: tuple[str, ...] = (
    "company",
    "role",
    "people_facing",
    "outcome",
    "applied_date",
    "job_ref",
    "contact_name",
    "contact_detail",
    "source",
    "answer_date",
    "stage_history",
)
"""The canonical columns that belong to the application: its rows must agree on them."""
_APPLICATION_COLUMNS = APPLICATION_FIELDS[:-1]
"""The application's fields that are columns of its table; its stage history has a table."""
_CONTACT_FIELDS = ("new_info", "response_date", "response", "random_seed")

_ROWS_QUERY = """
    SELECT a.id, i.interview_date, i.next_step,
           c.contact_date, c.kind, c.channel, c.new_info, c.response_date, c.response,
           c.random_seed
    FROM applications AS a
    LEFT JOIN interviews AS i ON i.application = a.id
    LEFT JOIN contacts AS c
           ON c.application = i.application AND c.interview_date = i.interview_date
    {where}
    ORDER BY a.application_id, i.interview_date, c.contact_date, c.kind, c.channel
"""
"""The rows of the canonical table: one per contact, per round without contacts, per
application without rounds. The index scans give this order, so SQLite sorts nothing; it puts
NULL first and text in code-point order, as Python does with "" and str."""

_HISTORY_SQL = """(SELECT group_concat(stage || coalesce(' ' || stage_date, ''), '; ')
    FROM (SELECT stage, stage_date FROM stages WHERE application = a.id ORDER BY position))"""
"""An application's stage history as the canonical cell writes it ("" without one, once typed),
its entries in order: the subquery scans the table's key, application then position."""

_APPLICATION_SQL = {name: f"a.{name}" for name in _APPLICATION_COLUMNS} | {
    "stage_history": _HISTORY_SQL
}
"""Where each of the application's canonical columns comes from, `a` being its row."""

_CONTACT_SQL = {
    "application_id": "a.application_id",
    **_APPLICATION_SQL,
    "next_step": "i.next_step",
    **{name: f"c.{name}" for name in ("interview_date", "contact_date", "kind", "channel",
                                      "new_info", "response_date", "response", "random_seed")},
}  # fmt: skip
"""Where each canonical column of a contact row comes from, for `Tracker.contact_rows`."""

_ROW_COLUMNS = ("id", "interview_date", "next_step", "contact_date", "kind", "channel",
                "new_info", "response_date", "response", "random_seed")  # fmt: skip

_UNIQUE_MESSAGES = {
    "applications": "an application with that application_id is already in the tracker",
    "interviews": "that application already has a round on that date",
    "contacts": "that contact is already in the tracker (same application, date, kind, channel)",
}


class Tracker:
    """An open tracker file; create it, or migrate it to the current layout, when opening.

    Use it as a context manager, or call `close()`. `create=False` refuses a missing file
    instead of starting an empty tracker.
    """

    def __init__(self, path: Path | str | None = None, *, create: bool = True) -> None:
        self.path = Path(path) if path is not None else default_path()
        if not create and not self.path.is_file():
            raise TrackerError(f"{self.path}: no tracker there (no such file)")
        self._depth = 0
        try:
            self._con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        except sqlite3.Error as error:
            raise TrackerError(f"{self.path}: cannot open it ({error})") from None
        try:
            self._open()
        except BaseException:
            self._con.close()
            raise

    def _open(self) -> None:
        try:
            self._con.execute("BEGIN")  # one snapshot: another process may be creating it now
            try:
                layout = self._layout()
            finally:
                self._con.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            raise NotATrackerError(f"{self.path}: not a tracker ({error})") from None
        with self._sqlite_errors():  # only now that the file is known to be ours, change it
            if self._value("PRAGMA journal_mode") != "wal":
                self._con.execute("PRAGMA journal_mode = WAL")
            self._con.execute("PRAGMA synchronous = NORMAL")  # WAL: safe against crashes
            self._con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            if layout != "current":
                self._upgrade()
            self._con.execute("PRAGMA foreign_keys = ON")

    def _layout(self) -> str:
        """What the file holds: a "current" tracker, an "older" one, or nothing yet ("empty");
        refuses anything else, changing nothing."""
        mark = self._value("PRAGMA application_id")
        version = self._value("PRAGMA user_version")
        tables = {
            name
            for (name,) in self._con.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        if mark == _FILE_MARK and version > SCHEMA_VERSION:
            raise NotATrackerError(
                f"{self.path}: made by a newer version of the workbook (layout {version}; "
                f"this one reads up to {SCHEMA_VERSION}); update the workbook to open it"
            )
        if mark == _FILE_MARK:
            return "current" if version == SCHEMA_VERSION else "older"
        if mark == 0 and not tables:
            return "empty"
        if mark == version == 0 and tables == _TABLES and _is_version_0(self._con):
            return "older"
        raise NotATrackerError(f"{self.path}: not a tracker (another program's SQLite file)")

    def _upgrade(self) -> None:
        """Create the schema in an empty file, or migrate an older one, in one transaction."""
        self._con.execute("PRAGMA foreign_keys = OFF")  # tables are rebuilt; checked below
        with self.transaction():
            layout = self._layout()  # again: another process may have been first
            version = self._value("PRAGMA user_version")
            if layout == "empty":
                for statement in _SCHEMA_2:
                    self._con.execute(statement)
                version = 2
            if layout in ("empty", "older"):
                try:
                    for migrate in _MIGRATIONS[version:]:
                        migrate(self._con)
                except sqlite3.IntegrityError as error:
                    raise TrackerError(
                        f"{self.path}: cannot bring layout {version} up to date ({_plain(error)});"
                        " the file is left as it was"
                    ) from None
                if self._con.execute("PRAGMA foreign_key_check").fetchone() is not None:
                    raise TrackerError(f"{self.path}: a row refers to a missing one; not migrated")
            self._con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._con.execute(f"PRAGMA application_id = {_FILE_MARK}")

    def close(self) -> None:
        """Close the file; uncommitted changes cannot exist outside `transaction()`."""
        self._con.close()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        """The layout version of the open file (`SCHEMA_VERSION` once opened)."""
        return int(self._value("PRAGMA user_version"))

    # -- transactions ---------------------------------------------------------------------------

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[None]:
        """Group changes: all of them happen, or none (on an exception, or if the process dies).

        Nested uses join the outermost one. `write=False` reads one consistent snapshot and
        writes nothing, so it does not wait for, or hold up, another process's change.
        """
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with self._sqlite_errors():
            self._con.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        self._depth = 1
        try:
            yield
            if write:
                self._con.execute("COMMIT")
        except BaseException:
            self._con.rollback()
            raise
        finally:
            self._depth = 0
            if not write and self._con.in_transaction:
                self._con.rollback()

    @contextmanager
    def _change(self) -> Iterator[None]:
        """A write transaction whose refusals by the database read as plain sentences."""
        with self._sqlite_errors(), self.transaction():
            yield

    @contextmanager
    def _sqlite_errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.IntegrityError as error:
            raise InvalidChangeError(_plain(error)) from None
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise TrackerError(
                    f"{self.path}: busy; another program kept it locked for over "
                    f"{BUSY_TIMEOUT:.0f} s; try again"
                ) from None
            raise TrackerError(f"{self.path}: {error}") from None
        except sqlite3.DatabaseError as error:
            raise TrackerError(f"{self.path}: {error}") from None

    def _value(self, sql: str, parameters: Sequence[object] = ()) -> Any:
        row = self._con.execute(sql, parameters).fetchone()
        return None if row is None else row[0]

    # -- applications ---------------------------------------------------------------------------

    def add_application(
        self,
        company: str,
        role: str = "",
        *,
        people_facing: bool = False,
        outcome: Outcome = Outcome.PENDING,
        applied_date: dt.date | None = None,
        job_ref: str = "",
        contact_name: str = "",
        contact_detail: str = "",
        source: Source | None = None,
        answer_date: dt.date | None = None,
        history: Sequence[StageEntry] = (),
        application_id: str = "",
    ) -> str:
        """Add an application (with no interview or contact yet); returns its `application_id`.

        Without one, it is `application_slug(company, role)`, with `-2`, `-3`... added if an
        application already has it (applying twice for one role is two applications).
        """
        _need_company(company)
        with self._change():
            if not application_id:
                slug = application_slug(company, role)
                taken = {
                    row[0]
                    for row in self._con.execute(
                        "SELECT application_id FROM applications"
                        " WHERE application_id = ? OR application_id GLOB ? || '-[0-9]*'",
                        (slug, slug),
                    )
                }
                application_id = _unique(slug, taken)
            self._con.execute(
                "INSERT INTO applications (application_id, company, role, people_facing, outcome,"
                " applied_date, job_ref, contact_name, contact_detail, source, answer_date)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    application_id,
                    company,
                    role,
                    int(people_facing),
                    Outcome(outcome).value,
                    _iso(applied_date),
                    job_ref,
                    contact_name,
                    contact_detail,
                    "" if source is None else Source(source).value,
                    _iso(answer_date),
                ),
            )
            self._write_history(self._application(application_id), history)
        return application_id

    def edit_application(
        self,
        application_id: str,
        *,
        company: str | None = None,
        role: str | None = None,
        people_facing: bool | None = None,
        applied_date: dt.date | None = None,
        job_ref: str | None = None,
        contact_name: str | None = None,
        contact_detail: str | None = None,
        source: Source | None = None,
        answer_date: dt.date | None = None,
    ) -> None:
        """Change the fields given; `None` leaves a field as it is. (Outcome: `set_outcome`;
        stage history: `set_history`.)"""
        if company is not None:
            _need_company(company)
        changes = {
            "company": company,
            "role": role,
            "people_facing": None if people_facing is None else int(people_facing),
            "applied_date": _iso(applied_date),
            "job_ref": job_ref,
            "contact_name": contact_name,
            "contact_detail": contact_detail,
            "source": None if source is None else Source(source).value,
            "answer_date": _iso(answer_date),
        }
        with self._change():
            self._update("applications", self._application(application_id), changes)

    def set_history(self, application_id: str, history: Sequence[StageEntry]) -> None:
        """Record the application's stage history, oldest first, in place of the one it had."""
        with self._change():
            self._write_history(self._application(application_id), history)

    def history(self, application_id: str) -> tuple[StageEntry, ...]:
        """The application's stage history, oldest first (empty when none was recorded)."""
        with self._sqlite_errors():
            text = self._value(
                f"SELECT {_HISTORY_SQL} FROM applications AS a WHERE a.id = ?",
                (self._application(application_id),),
            )
        return parse_history(text or "")

    def _write_history(self, row: int, history: Sequence[StageEntry]) -> None:
        for entry in history:
            Stage(entry.stage)  # a word the model knows
            if entry.date is not None:
                _date(entry.date)  # a plausible date
        _replace_histories(self._con, {row: tuple(history)})

    def set_outcome(self, application_id: str, outcome: Outcome) -> None:
        """Record how the application ended (or `pending` again)."""
        with self._change():
            self._update(
                "applications", self._application(application_id), {"outcome": Outcome(outcome)}
            )

    def delete_application(self, application_id: str) -> None:
        """Delete an application with its rounds and their contacts."""
        with self._change():
            row = self._application(application_id)
            self._con.execute("DELETE FROM applications WHERE id = ?", (row,))

    # -- rounds ---------------------------------------------------------------------------------

    def add_round(
        self,
        application_id: str,
        interview_date: dt.date,
        *,
        next_step: NextStep = NextStep.UNKNOWN,
        interviewers: str = "",
        notes: str = "",
        promised_date: dt.date | None = None,
        answer_date: dt.date | None = None,
    ) -> RoundKey:
        """Add an interview round to an application; returns its key. `promised_date` is the
        day they said they would be in touch by, `answer_date` the day their answer came."""
        with self._change():
            self._con.execute(
                "INSERT INTO interviews (application, interview_date, next_step, interviewers,"
                " notes, promised_date, answer_date) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    self._application(application_id),
                    _iso(interview_date),
                    NextStep(next_step).value,
                    interviewers,
                    notes,
                    _iso(promised_date),
                    _iso(answer_date),
                ),
            )
        return RoundKey(application_id, _date(interview_date))

    def edit_round(
        self,
        round_: RoundKey,
        *,
        interview_date: dt.date | None = None,
        next_step: NextStep | None = None,
        interviewers: str | None = None,
        notes: str | None = None,
        promised_date: dt.date | None = None,
        answer_date: dt.date | None = None,
    ) -> RoundKey:
        """Change the fields given (`None`: as it is); returns the round's key, new if its date
        changed. A round cannot move after a contact made after it. (To forget a promised or
        answer date: `clear_round_dates`.)"""
        changes = {
            "interview_date": _iso(interview_date),
            "next_step": None if next_step is None else NextStep(next_step),
            "interviewers": interviewers,
            "notes": notes,
            "promised_date": _iso(promised_date),
            "answer_date": _iso(answer_date),
        }
        with self._change():
            self._update("interviews", self._round(round_), changes)
        if interview_date is None:
            return round_
        return RoundKey(round_.application_id, _date(interview_date))

    def clear_round_dates(
        self, round_: RoundKey, *, promised: bool = False, answer: bool = False
    ) -> None:
        """Forget the round's promised date, its answer date, or both: not known (any more)."""
        names = [name for name, wanted in (("promised_date", promised),
                                           ("answer_date", answer)) if wanted]  # fmt: skip
        if names:
            with self._change():
                self._con.execute(
                    f"UPDATE interviews SET {', '.join(f'{n} = NULL' for n in names)} WHERE id = ?",
                    (self._round(round_),),
                )

    def delete_round(self, round_: RoundKey) -> None:
        """Delete a round with its contacts."""
        with self._change():
            self._con.execute("DELETE FROM interviews WHERE id = ?", (self._round(round_),))

    # -- contacts -------------------------------------------------------------------------------

    def add_contact(
        self,
        round_: RoundKey,
        contact_date: dt.date,
        channel: Channel,
        *,
        kind: Kind = Kind.FOLLOW_UP,
        new_info: bool = False,
        random_seed: int | None = None,
    ) -> ContactKey:
        """Add a contact the candidate made after a round; returns its key. `random_seed` is
        the seed of the workbook's random choice of its channel (None: the learner chose)."""
        with self._change():
            self._round(round_)  # it must exist
            self._con.execute(
                "INSERT INTO contacts (application, interview_date, contact_date, kind, channel,"
                " new_info, random_seed) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    self._application(round_.application_id),
                    _iso(round_.interview_date),
                    _iso(contact_date),
                    Kind(kind).value,
                    Channel(channel).value,
                    int(new_info),
                    random_seed,
                ),
            )
        return ContactKey(round_.application_id, _date(contact_date), Kind(kind), Channel(channel))

    def edit_contact(
        self,
        contact: ContactKey,
        *,
        contact_date: dt.date | None = None,
        kind: Kind | None = None,
        channel: Channel | None = None,
        new_info: bool | None = None,
    ) -> ContactKey:
        """Change the fields given (`None`: as it is); returns the contact's key, which changes
        with its date, kind or channel. (Answers: `log_response`.)"""
        changes = {
            "contact_date": _iso(contact_date),
            "kind": None if kind is None else Kind(kind),
            "channel": None if channel is None else Channel(channel),
            "new_info": None if new_info is None else int(new_info),
        }
        with self._change():
            self._update("contacts", self._contact(contact), changes)
        return ContactKey(
            contact.application_id,
            contact.contact_date if contact_date is None else _date(contact_date),
            contact.kind if kind is None else Kind(kind),
            contact.channel if channel is None else Channel(channel),
        )

    def log_response(
        self, contact: ContactKey, response_date: dt.date, response: Response | None = None
    ) -> None:
        """Record the answer to a contact: when it came and, if known, its tone."""
        with self._change():
            self._con.execute(
                "UPDATE contacts SET response_date = ?, response = ? WHERE id = ?",
                (
                    _iso(response_date),
                    "" if response is None else Response(response).value,
                    self._contact(contact),
                ),
            )

    def clear_response(self, contact: ContactKey) -> None:
        """Forget a logged answer: the contact has none (yet)."""
        with self._change():
            self._con.execute(
                "UPDATE contacts SET response_date = NULL, response = '' WHERE id = ?",
                (self._contact(contact),),
            )

    def delete_contact(self, contact: ContactKey) -> None:
        """Delete a contact."""
        with self._change():
            self._con.execute("DELETE FROM contacts WHERE id = ?", (self._contact(contact),))

    # -- settings -------------------------------------------------------------------------------

    def setting(self, name: str) -> str | None:
        """The value the workbook keeps under `name` in this tracker, or None if there is none."""
        with self._sqlite_errors():
            value: str | None = self._value("SELECT value FROM settings WHERE name = ?", (name,))
        return value

    def set_setting(self, name: str, value: str) -> None:
        """Keep `value` under `name`, replacing any earlier value."""
        with self._change():
            self._con.execute(
                "INSERT INTO settings (name, value) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (name, value),
            )

    # -- finding rows ---------------------------------------------------------------------------

    def _application(self, application_id: str) -> int:
        row: int | None = self._value(
            "SELECT id FROM applications WHERE application_id = ?", (application_id,)
        )
        if row is None:
            raise RecordNotFoundError(f"no application {application_id!r} in the tracker")
        return row

    def _round(self, key: RoundKey) -> int:
        row: int | None = self._value(
            "SELECT i.id FROM interviews AS i JOIN applications AS a ON a.id = i.application"
            " WHERE a.application_id = ? AND i.interview_date = ?",
            (key.application_id, _iso(key.interview_date)),
        )
        if row is None:
            raise RecordNotFoundError(
                f"no round on {_iso(key.interview_date)} for application {key.application_id!r}"
            )
        return row

    def _contact(self, key: ContactKey) -> int:
        row: int | None = self._value(
            "SELECT c.id FROM contacts AS c JOIN applications AS a ON a.id = c.application"
            " WHERE a.application_id = ? AND c.contact_date = ? AND c.kind = ? AND c.channel = ?",
            (key.application_id, _iso(key.contact_date), Kind(key.kind), Channel(key.channel)),
        )
        if row is None:
            raise RecordNotFoundError(
                f"no {Kind(key.kind)} by {Channel(key.channel)} on {_iso(key.contact_date)}"
                f" for application {key.application_id!r}"
            )
        return row

    def _update(self, table: str, row: int, changes: Mapping[str, object]) -> None:
        given = {name: value for name, value in changes.items() if value is not None}
        if given:
            assignments = ", ".join(f"{name} = ?" for name in given)
            self._con.execute(
                f"UPDATE {table} SET {assignments} WHERE id = ?", (*given.values(), row)
            )

    # -- reading --------------------------------------------------------------------------------

    def contacts(self, application_id: str | None = None) -> pd.DataFrame:
        """The canonical contact table: its columns in order, its dtypes, sorted by SORT_ORDER.

        A row per contact, plus a row per round without contacts and per application without
        rounds (their contact columns empty), as the canonical CSV holds them. With
        `application_id`, only that application's rows (none if it is not in the tracker).
        """
        import numpy as np
        import pandas as pd

        names = ("id", "application_id", *APPLICATION_FIELDS)
        selected = ", ".join(["a.id", "a.application_id", *_APPLICATION_SQL.values()])
        one = application_id is not None
        condition = "WHERE a.application_id = ?" if one else ""
        parameters = (application_id,) if one else ()
        with self._sqlite_errors(), self.transaction(write=False):  # one snapshot for both
            applications = self._con.execute(
                f"SELECT {selected} FROM applications AS a {condition}", parameters
            ).fetchall()
            rows = self._con.execute(_ROWS_QUERY.format(where=condition), parameters).fetchall()
        # Each application's fields are read once and spread over its rows.
        application = dict(zip(names, _columns(applications, len(names)), strict=True))
        row = dict(zip(_ROW_COLUMNS, _columns(rows, len(_ROW_COLUMNS)), strict=True))
        ids = pd.Index(application.pop("id"), dtype=np.int64)
        where = ids.get_indexer(pd.Index(row.pop("id"), dtype=np.int64))
        data = {name: values[where] for name, values in application.items()} | row
        return typed(pd.DataFrame(data, columns=list(COLUMN_NAMES)))

    def select(self, query: str, parameters: Mapping[str, object]) -> list[tuple[Any, ...]]:
        """The rows of a query that only reads: for counting where the data lives."""
        with self._sqlite_errors():
            return self._con.execute(query, parameters).fetchall()

    def select_together(
        self, queries: Sequence[str], parameters: Mapping[str, object]
    ) -> list[list[tuple[Any, ...]]]:
        """The rows of several queries that only read, all from one snapshot of the file, each
        run on a connection of its own at the same time (SQLite lets go of Python's lock while
        it works, so two queries use two processor cores).

        The snapshots are the same because no change was committed while they were taken: the
        file's `data_version`, read before and after on a further connection, says so. If a
        change came in between, or the tracker is not a file, or a transaction is open, the
        queries run one after the other on this connection's snapshot instead.
        """
        with self._sqlite_errors(), self.transaction(write=False):
            if len(queries) < 2 or self._depth > 1 or not self.path.is_file():
                return [self.select(query, parameters) for query in queries]
            opened: list[sqlite3.Connection] = []
            try:
                for _ in range(len(queries)):  # a watcher, and one for each further query
                    opened.append(
                        sqlite3.connect(
                            self.path,
                            timeout=BUSY_TIMEOUT,
                            isolation_level=None,
                            check_same_thread=False,
                        )
                    )
                watcher, others = opened[0], opened[1:]
                before = watcher.execute("PRAGMA data_version").fetchone()
                for con in others:
                    con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
                    con.execute("BEGIN")
                for con in (self._con, *others):  # a first read takes the snapshot
                    con.execute("SELECT count(*) FROM sqlite_schema").fetchone()
                if watcher.execute("PRAGMA data_version").fetchone() != before:
                    return [self.select(query, parameters) for query in queries]
                return _at_once([self._con, *others], queries, parameters)
            finally:
                for con in opened:
                    con.close()  # ends its read transaction

    def contact_rows(self, columns: Sequence[str] = COLUMN_NAMES) -> pd.DataFrame:
        """Only the rows that record a contact, with only `columns` (canonical names and
        dtypes), in no particular order: the quick read an analysis needs at scale."""
        import pandas as pd

        unknown = [name for name in columns if name not in _CONTACT_SQL]
        if unknown:
            raise ValueError(f"not canonical columns: {', '.join(unknown)}")
        joins = " JOIN applications AS a ON a.id = c.application"
        if "next_step" in columns:
            joins += (
                " JOIN interviews AS i"
                " ON i.application = c.application AND i.interview_date = c.interview_date"
            )
        query = f"SELECT {', '.join(_CONTACT_SQL[n] for n in columns)} FROM contacts AS c{joins}"
        with self._sqlite_errors():
            rows = self._con.execute(query).fetchall()
        data = dict(zip(columns, _columns(rows, len(columns)), strict=True))
        return typed(pd.DataFrame(data, columns=list(columns)))

    def applications(self) -> pd.DataFrame:
        """One row per application, by `application_id`, with the canonical columns' dtypes."""
        import pandas as pd

        names = ("application_id", *APPLICATION_FIELDS)
        selected = ", ".join(["a.application_id", *_APPLICATION_SQL.values()])
        with self._sqlite_errors():
            rows = self._con.execute(
                f"SELECT {selected} FROM applications AS a ORDER BY a.application_id"
            ).fetchall()
        return typed(pd.DataFrame(rows, columns=list(names)))

    def application_rows(self) -> pd.DataFrame:
        """One row per application, by `application_id`, in canonical columns: its own fields,
        the date of its first round as `interview_date` and of the first answer to any of its
        contacts as `response_date` (NaT when none): what a funnel needs, without reading
        every contact."""
        import pandas as pd

        names = ("application_id", *APPLICATION_FIELDS, "interview_date", "response_date")
        selected = ", ".join([
            "a.application_id", *_APPLICATION_SQL.values(),
            "(SELECT min(interview_date) FROM interviews WHERE application = a.id)",
            "(SELECT min(response_date) FROM contacts WHERE application = a.id)",
        ])  # fmt: skip
        with self._sqlite_errors(), self.transaction(write=False):
            rows = self._con.execute(
                f"SELECT {selected} FROM applications AS a ORDER BY a.application_id"
            ).fetchall()
        return typed(pd.DataFrame(rows, columns=list(names)))

    def rounds(self) -> pd.DataFrame:
        """One row per interview round, by application and date, with what was noted of it:
        its next step, interviewers, notes, the day they promised to be in touch by
        (`promised_date`) and the day their answer came (`answer_date`), NaT when not known."""
        import pandas as pd

        names = ("application_id", "interview_date", "next_step", "interviewers", "notes",
                 "promised_date", "answer_date")  # fmt: skip
        with self._sqlite_errors():
            rows = self._con.execute(
                "SELECT a.application_id, i.interview_date, i.next_step, i.interviewers, i.notes,"
                " i.promised_date, i.answer_date"
                " FROM interviews AS i JOIN applications AS a ON a.id = i.application"
                " ORDER BY a.application_id, i.interview_date"
            ).fetchall()
        return typed(pd.DataFrame(rows, columns=list(names)))

    # -- merging a whole table ------------------------------------------------------------------

    def merge(
        self,
        rows: pd.DataFrame,
        *,
        columns: Iterable[str] | None = None,
        dry_run: bool = False,
    ) -> MergeReport:
        """Add and update from a canonical table (as `typed` returns it), in one transaction.

        Records are matched by their names (application_id; + interview_date; contact_date,
        kind, channel); a matched record takes the table's values of `columns` (default: every
        column; the others keep the tracker's values). Nothing is ever deleted. With `dry_run`
        the report is computed and nothing is written. The rows must already be valid (see
        `workbook.tables.canonical_csv`); the database refuses anything else, writing nothing.
        """
        given = set(COLUMN_NAMES if columns is None else columns)
        with self._sqlite_errors(), self.transaction(write=not dry_run):
            return _Merge(self._con, rows, given).run(write=not dry_run)


def _replace_histories(
    con: sqlite3.Connection,
    histories: Mapping[int, Sequence[StageEntry]],
    fresh: frozenset[int] = frozenset(),
) -> None:
    """Give each application (by row id) its stage history in place of the one it had: a
    history is one value of the application, replaced whole as any other field is. (`fresh`:
    those known to have none yet, new ones.) Applications often share one history object (an
    import parses each distinct cell once): its rows are then made once."""
    old = [(row,) for row in histories if row not in fresh]
    con.executemany("DELETE FROM stages WHERE application = ?", old)
    made: dict[int, list[tuple[int, str, str | None]]] = {}

    def entries(history: Sequence[StageEntry]) -> list[tuple[int, str, str | None]]:
        key = id(history)  # the histories live as long as this call: an id names one
        if key not in made:
            made[key] = [
                (at, str(entry.stage), None if entry.date is None else entry.date.isoformat())
                for at, entry in enumerate(history)
            ]
        return made[key]

    con.executemany(
        "INSERT INTO stages (application, position, stage, stage_date) VALUES (?, ?, ?, ?)",
        [
            (row, at, stage, day)
            for row, history in histories.items()
            for at, stage, day in entries(history)
        ],
    )


def _at_once(
    connections: Sequence[sqlite3.Connection],
    queries: Sequence[str],
    parameters: Mapping[str, object],
) -> list[list[tuple[Any, ...]]]:
    """Each query on its connection, the first in this thread (its connection was made here),
    the others in threads of their own; their rows in order."""
    from concurrent.futures import ThreadPoolExecutor

    def run(con: sqlite3.Connection, query: str) -> list[tuple[Any, ...]]:
        return con.execute(query, parameters).fetchall()

    with ThreadPoolExecutor(max_workers=len(queries) - 1) as pool:
        pairs = zip(connections[1:], queries[1:], strict=True)
        others = [pool.submit(run, con, query) for con, query in pairs]
        first = run(connections[0], queries[0])
        return [first, *(other.result() for other in others)]


def _plain(error: sqlite3.IntegrityError) -> str:
    """A refusal by the database as a sentence for the learner."""
    message = str(error).removeprefix("CHECK constraint failed: ")
    if message.startswith("UNIQUE constraint failed: "):
        table = message.removeprefix("UNIQUE constraint failed: ").split(".", 1)[0]
        return _UNIQUE_MESSAGES.get(table, message)
    return message


def _need_company(company: str) -> None:
    if not company.strip():
        raise InvalidChangeError("an application needs its company")


def _date(value: dt.date) -> dt.date:
    """A calendar date (a datetime or Timestamp loses its time), within 1900–2199."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise InvalidChangeError(f"{value!r} is not a date")
    if not 1900 <= value.year <= 2199:
        raise InvalidChangeError(f"{value.isoformat()} is not a plausible date (1900 to 2199)")
    return value


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else _date(value).isoformat()


# -- DataFrames --------------------------------------------------------------------------------

_TYPE_OF = {column.name: column.type for column in COLUMNS} | {
    "interviewers": "text",
    "notes": "text",
    "promised_date": "date",
}


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with the canonical dtypes: dates datetime64[ns] (NaT when empty), booleans
    bool, enums and text str ("" when empty). Columns it does not know are left as they are."""
    import pandas as pd

    converted: dict[str, pd.Series[Any]] = {}
    for name in frame.columns:
        column = frame[name]
        kind = _TYPE_OF.get(str(name))
        if kind == "date":
            converted[name] = _dates(column)
        elif kind == "bool":
            converted[name] = column.fillna(0).astype(bool)
        elif kind is not None:
            converted[name] = column.fillna("").astype(str)
        else:
            converted[name] = column
    return pd.DataFrame(converted, index=frame.index, columns=frame.columns)


def _dates(column: pd.Series[Any]) -> pd.Series[Any]:
    """Dates (ISO text, dates, or None/"" for none) as datetime64[ns], each distinct value
    parsed once."""
    import numpy as np
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(column):
        return column.astype("datetime64[ns]")
    codes, distinct = pd.factorize(column.to_numpy(dtype=object))
    days = pd.to_datetime(pd.Series(distinct, dtype=object).replace("", None))
    values = np.append(days.to_numpy(dtype="datetime64[ns]"), np.datetime64("NaT", "ns"))
    return pd.Series(values[codes], index=column.index)


# -- the merge ---------------------------------------------------------------------------------


class _Merge:
    """Compare a canonical table with the tracker, record by record, and write the difference.

    Vectorised: each kind of record (application, round, contact) is numbered once in the
    table (`number`), looked up among the tracker's by its key (`_lookup`), and its given
    fields compared in bulk; rows are written with `executemany` in the caller's transaction.
    """

    def __init__(self, con: sqlite3.Connection, rows: pd.DataFrame, given: set[str]) -> None:
        import pandas as pd

        from workbook.tracker.arrays import objects

        if (rows["contact_date"].notna() & rows["interview_date"].isna()).any():
            raise InvalidChangeError("a contact needs the date of the interview it follows")
        self.con = con
        self.n = len(rows)
        self.values = {name: _database_values(rows[name]) for name in COLUMN_NAMES}
        # digits, or "" (or a missing value): none; each distinct seed converted once
        codes, seeds = pd.factorize(self.values["random_seed"])
        converted = [int(s) if isinstance(s, str | int) and s != "" else None for s in seeds]
        self.values["random_seed"] = objects([*converted, None])[codes]  # code -1: None
        self.given = given
        self.has_round = rows["interview_date"].notna().to_numpy()
        self.has_contact = rows["contact_date"].notna().to_numpy()

    def run(self, *, write: bool) -> MergeReport:
        import numpy as np

        from workbook.tracker.arrays import number

        v = self.values
        everyone = np.arange(self.n)
        app, app_first = number(v["application_id"])
        app_ids, app_new, app_changed = self._sync(
            "applications",
            keys={"application_id": v["application_id"][app_first]},
            fields={name: v[name][app_first] for name in _APPLICATION_COLUMNS},
            write=write,
        )
        app_changed |= self._sync_histories(app_ids, app_new, v["stage_history"][app_first], write)

        round_rows = everyone[self.has_round]
        round_, round_first = number(app[round_rows], v["interview_date"][round_rows])
        first = round_rows[round_first]
        _, round_new, round_changed = self._sync(
            "interviews",
            keys={"application": app_ids[app[first]], "interview_date": v["interview_date"][first]},
            fields={"next_step": v["next_step"][first]},
            write=write,
        )

        contact_rows = everyone[self.has_contact]
        keys = ("contact_date", "kind", "channel")
        contact, contact_first = number(app[contact_rows], *(v[k][contact_rows] for k in keys))
        first = contact_rows[contact_first]
        _, contact_new, contact_changed = self._sync(
            "contacts",
            keys={"application": app_ids[app[first]], **{k: v[k][first] for k in keys}},
            fields={
                "interview_date": v["interview_date"][first],
                **{name: v[name][first] for name in _CONTACT_FIELDS},
            },
            write=write,
        )

        added = app_new[app]
        changed = app_changed[app]
        added[round_rows] = round_new[round_]
        changed[round_rows] |= round_changed[round_]
        added[contact_rows] = contact_new[contact]
        changed[contact_rows] |= contact_changed[contact]
        updated = changed & ~added
        return MergeReport(
            added=int(added.sum()),
            updated=int(updated.sum()),
            unchanged=int(self.n - added.sum() - updated.sum()),
            dry_run=not write,
        )

    def _sync_histories(self, ids: Ints, new: Bools, histories: Objects, write: bool) -> Bools:
        """Give each application whose stage history differs from the tracker's the table's
        (a new one only if it has one); returns which of those already there changed."""
        import numpy as np
        import pandas as pd

        from workbook.tracker.arrays import objects

        if "stage_history" not in self.given:
            return np.zeros(len(ids), dtype=bool)
        theirs: dict[int, str] = {}  # a new application has no history yet
        if not new.all():
            query = f"SELECT a.id, {_HISTORY_SQL} FROM applications AS a"
            theirs = {row: text or "" for row, text in self.con.execute(query)}
        current = objects([theirs.get(row, "") for row in ids.tolist()])
        changed = current != histories.astype(str)
        if write and changed.any():
            codes, texts = pd.factorize(histories[changed])
            parsed = [parse_history(text) for text in texts]
            rows = ids[changed].tolist()
            histories_of = {row: parsed[code] for row, code in zip(rows, codes, strict=True)}
            _replace_histories(self.con, histories_of, frozenset(ids[new].tolist()))
        updated: Bools = changed & ~new
        return updated

    def _sync(
        self, table: str, *, keys: dict[str, Array], fields: dict[str, Array], write: bool
    ) -> tuple[Ints, Bools, Bools]:
        """Insert the records of `table` not in the tracker, update those whose given fields
        differ; returns every record's row id, and which were new and which changed."""
        import numpy as np

        names = [*keys, *fields]
        cursor = self.con.execute(f"SELECT id, {', '.join(names)} FROM {table}")
        existing = _columns(cursor.fetchall(), len(names) + 1)
        found = _lookup(existing[1 : len(keys) + 1], list(keys.values()))
        new = found < 0
        compared = [name for name in fields if name in self.given]
        changed = np.zeros(len(new), dtype=bool)
        if len(existing[0]):
            for name in compared:
                theirs = existing[names.index(name) + 1][found]
                changed |= ~new & (theirs != fields[name])
        start = int(max(existing[0], default=0)) + 1
        theirs_ids = existing[0][found] if len(existing[0]) else 0
        ids = np.where(new, start + np.cumsum(new) - 1, theirs_ids).astype(np.int64)
        if write:
            self.con.executemany(
                f"INSERT INTO {table} (id, {', '.join(names)})"
                f" VALUES ({', '.join('?' * (len(names) + 1))})",
                _tuples((ids, *keys.values(), *fields.values()), np.flatnonzero(new)),
            )
            if compared and changed.any():
                self.con.executemany(
                    f"UPDATE {table} SET {', '.join(f'{name} = ?' for name in compared)}"
                    " WHERE id = ?",
                    _tuples((*(fields[name] for name in compared), ids), np.flatnonzero(changed)),
                )
        return ids, new, changed


def _database_values(column: pd.Series[Any]) -> Objects:
    """A column as the database stores it: ISO text or None for dates, 0/1 for booleans."""
    import numpy as np
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(column):
        codes, dates = pd.factorize(column)
        iso = np.array([*(d.strftime("%Y-%m-%d") for d in dates), None], dtype=object)
        return iso[codes]  # the code of NaT is -1: None
    if pd.api.types.is_bool_dtype(column):
        return column.to_numpy(dtype=np.int64).astype(object)
    return column.to_numpy(dtype=object)


def _lookup(existing: Sequence[Objects], keys: Sequence[npt.NDArray[Any]]) -> Ints:
    """Where each key is among the existing (unique) ones, -1 where it is not."""
    import numpy as np
    import pandas as pd

    if not len(existing[0]) or not len(keys[0]):
        return np.full(len(keys[0]), -1, dtype=np.int64)
    if len(keys) == 1:
        index: pd.Index[Any] = pd.Index(existing[0], dtype=object)
        return index.get_indexer(pd.Index(keys[0], dtype=object)).astype(np.int64)
    index = pd.MultiIndex.from_arrays(list(existing))
    return index.get_indexer(pd.MultiIndex.from_arrays(list(keys))).astype(np.int64)


def _tuples(columns: Sequence[npt.NDArray[Any]], rows: Ints) -> Iterator[tuple[Any, ...]]:
    """The values of `rows` as tuples for `executemany`, made one at a time."""
    return zip(*(column[rows].tolist() for column in columns), strict=True)


def _columns(rows: list[tuple[Any, ...]], width: int) -> list[Objects]:
    """Query results as one object array per column."""
    import numpy as np

    table = np.array(rows, dtype=object).reshape(len(rows), width)
    return [table[:, column] for column in range(width)]
