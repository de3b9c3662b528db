"""Make `tests/data/tracker-v0.sqlite`: a tracker in the first layout (version 0), to migrate.

Version 0 is how the first tracker stored things: applications with a `status` (open, offer,
rejected, withdrawn, ghosted) and no application_id or work-search fields; rounds and contacts
dated by a `day` column; a contact's answer only as the day it came (`answered_on`), with no
tone and no note of new information; no file mark and `user_version` 0. The rows are synthetic.

Run `python -m tests.make_v0_tracker` to make the file again; the test reads it as committed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

PATH = Path(__file__).parent / "data" / "tracker-v0.sqlite"

SCHEMA = (
    """CREATE TABLE applications (
        id INTEGER PRIMARY KEY,
        company TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '',
        people_facing INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'open'
    )""",
    """CREATE TABLE interviews (
        id INTEGER PRIMARY KEY,
        application INTEGER NOT NULL REFERENCES applications (id),
        day TEXT NOT NULL,
        next_step TEXT NOT NULL DEFAULT 'unknown'
    )""",
    """CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        interview INTEGER NOT NULL REFERENCES interviews (id),
        day TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'follow-up',
        channel TEXT NOT NULL,
        answered_on TEXT
    )""",
)

APPLICATIONS = (
    (1, "Acme Logistics", "Warehouse Supervisor", 0, "open"),
    (2, "Acme Logistics", "Warehouse Supervisor", 0, "rejected"),  # applied again, a year on
    (3, "Café Müller GmbH", "Schichtleitung", 1, "offer"),
    (4, "Northside Clinic", "Receptionist", 1, "ghosted"),
    (5, "=Formula Corp", "", 0, "withdrawn"),  # not interviewed yet
)
INTERVIEWS = (
    (1, 1, "2026-03-02", "vague"),
    (2, 2, "2025-02-10", "decision-date"),
    (3, 3, "2026-01-15", "unknown"),
    (4, 3, "2026-01-29", "background-check"),
    (5, 4, "2026-02-20", "handed-off"),  # no contact after it
)
CONTACTS = (
    (1, 1, "2026-03-02", "thank-you", "email", None),
    (2, 1, "2026-03-09", "follow-up", "phone", "2026-03-10"),
    (3, 2, "2025-02-11", "thank-you", "letter", "2025-02-20"),
    (4, 3, "2026-01-16", "thank-you", "email", "2026-01-16"),
    (5, 4, "2026-01-30", "thank-you", "email", None),
    (6, 4, "2026-02-06", "follow-up", "linkedin", "2026-02-09"),
)


def make(path: Path = PATH) -> Path:
    """Write the version-0 tracker at `path`, replacing any file there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as con:
        for statement in SCHEMA:
            con.execute(statement)
        con.executemany("INSERT INTO applications VALUES (?, ?, ?, ?, ?)", APPLICATIONS)
        con.executemany("INSERT INTO interviews VALUES (?, ?, ?, ?)", INTERVIEWS)
        con.executemany("INSERT INTO contacts VALUES (?, ?, ?, ?, ?, ?)", CONTACTS)
    con.close()
    return path


if __name__ == "__main__":
    print(make())
