"""Make `tests/data/tracker-v2.sqlite`: a tracker in layout version 2, to migrate.

Version 2 is the layout before application-level facts: applications with an outcome, an
applied date and the work-search fields, but no source, answer date or stage history; contacts
whose channel is never `unknown`; a `settings` table. The tables are the store's own record of
version 2 (`store._SCHEMA_2`); the rows are synthetic, and cover an application applied for
only, a round without contacts, answers with and without a tone, news, and a setting.

Run `python -m tests.make_v2_tracker` to make the file again; the test reads it as committed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbook.tracker import store

PATH = Path(__file__).parent / "data" / "tracker-v2.sqlite"

APPLICATIONS = (
    # id, application_id, company, role, people_facing, outcome, applied_date, job_ref,
    # contact_name, contact_detail
    (1, "harbour-freight--dispatcher", "Harbour Freight", "Dispatcher", 0, "pending",
     "2026-01-05", "HF-301", "Priya Natarajan", "priya@harbour.example"),
    (2, "lindqvist-bakery--shift-lead", "Lindqvist Bakery", "Shift Lead", 1, "rejected",
     "2025-12-01", "", "", ""),
    (3, "+oak-street-dental", "+Oak Street Dental", "", 1, "offer", None, "", "", ""),
    (4, "river-college--advisor", "River College", "Advisor", 1, "pending",
     "2026-02-10", "RC-9", "", "+1 555 0100"),  # applied only: no round, no contact
)  # fmt: skip
INTERVIEWS = (
    # id, application, interview_date, next_step, interviewers, notes
    (1, 1, "2026-01-20", "decision-date", "Priya Natarajan", "asked about night shifts"),
    (2, 2, "2025-12-15", "vague", "", ""),
    (3, 3, "2026-01-08", "unknown", "", ""),
    (4, 3, "2026-01-22", "background-check", "Dr Amal Haddad", ""),  # no contact after it
)
CONTACTS = (
    # id, application, interview_date, contact_date, kind, channel, new_info, response_date,
    # response
    (1, 1, "2026-01-20", "2026-01-20", "thank-you", "email", 0, "2026-01-22", "positive"),
    (2, 1, "2026-01-20", "2026-01-27", "follow-up", "phone", 1, None, ""),
    (3, 2, "2025-12-15", "2025-12-16", "thank-you", "letter", 0, "2026-01-05", "negative"),
    (4, 3, "2026-01-08", "2026-01-09", "thank-you", "in-person", 0, "2026-01-12", ""),
)
SETTINGS = (("participant", "p-7f3a"), ("shares", "2"))


def make(path: Path = PATH) -> Path:
    """Write the version-2 tracker at `path`, replacing any file there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as con:
        for statement in store._SCHEMA_2:
            con.execute(statement)
        con.executemany("INSERT INTO applications VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        APPLICATIONS)  # fmt: skip
        con.executemany("INSERT INTO interviews VALUES (?, ?, ?, ?, ?, ?)", INTERVIEWS)
        con.executemany("INSERT INTO contacts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", CONTACTS)
        con.executemany("INSERT INTO settings VALUES (?, ?)", SETTINGS)
        con.execute("PRAGMA user_version = 2")
        con.execute(f"PRAGMA application_id = {store._FILE_MARK}")
    con.close()
    return path


if __name__ == "__main__":
    print(make())
