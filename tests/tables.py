"""Canonical CSV text for tests: rows from a few named cells, and any number of good rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
from pathlib import Path

from workbook.canonical import COLUMN_NAMES

HEADER = ",".join(COLUMN_NAMES) + "\n"


def line(**cells: str) -> str:
    """One row of the canonical columns, the cells not named left empty, quoted as CSV needs."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([cells.get(n, "") for n in COLUMN_NAMES])
    return buffer.getvalue()


def contact(application: str = "acme", **cells: str) -> str:
    """A good contact row of application `acme` (or another), with any cell replaced."""
    good = {
        "application_id": application,
        "company": f"{application.title()} Ltd",
        "role": "Clerk",
        "interview_date": "2026-03-02",
        "contact_date": "2026-03-03",
        "kind": "thank-you",
        "channel": "email",
    }
    return line(**(good | cells))


def contacts(count: int, prefix: str = "app") -> str:
    """`count` good contact rows: three a round, two rounds an application, some answered, each
    application with its source, answer date and stage history."""
    rows = []
    kinds = ("thank-you", "follow-up", "second-follow-up")
    for n in range(count):
        round_, application = n // 3, n // 6
        interview = dt.date(2026, 1, 5) + dt.timedelta(days=40 * (round_ % 2) + application % 9)
        sent = interview + dt.timedelta(days=(0, 7, 14)[n % 3])
        answered = sent + dt.timedelta(days=3) if n % 4 == 0 else None
        first = dt.date(2026, 1, 5) + dt.timedelta(days=application % 9)
        history = f"applied 2026-01-01; interview {first}; interview {first + dt.timedelta(40)}"
        rows.append(
            line(
                application_id=f"{prefix}-{application:05d}",
                company=f"Company {application % 37}",
                role=f"Role {application % 11}",
                people_facing=("true", "false")[application % 2],
                interview_date=interview.isoformat(),
                next_step="vague",
                contact_date=sent.isoformat(),
                kind=kinds[n % 3],
                channel=("email", "phone", "letter", "linkedin")[n % 4],
                new_info="false",
                response_date=answered.isoformat() if answered else "",
                response="positive" if answered and n % 8 == 0 else "",
                outcome="pending",
                source=("linkedin", "referral", "job-board", "")[application % 4],
                answer_date=(first - dt.timedelta(days=2)).isoformat(),
                stage_history=history,
            )
        )
    return HEADER + "".join(rows)


def write(path: Path, text: str) -> Path:
    """Write `text` to `path` byte for byte (UTF-8, no newline translation)."""
    path.write_bytes(text.encode("utf-8"))
    return path


def snapshot(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of a SQLite file, read with a connection of its own."""
    con = sqlite3.connect(database)
    try:
        tables = [name for (name,) in con.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")]  # fmt: skip
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    finally:
        con.close()
