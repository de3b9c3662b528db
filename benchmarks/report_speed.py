"""How much `workbook report` costs over a plain pandas count of the same tracker, at scale.

    python -m benchmarks.report_speed [--rows N] [--repeat R]

Generates N synthetic contacts (default 1,000,000), imports them into a new tracker with the
workbook's own importer, then times, in one run and on the same file:

(a) the baseline: plain `pandas.read_sql` of the columns the report groups and counts by, and
    a groupby per grouping (channel, kind, people-facing, new information, days to follow-up)
    counting contacts, answered, positive and pending, as design.md counts them;
(b) the report: `Tracker.contact_rows` of the same columns, `Tracker.application_rows` and
    `workbook.data.analysis.report` (intervals, Kaplan-Meier medians, ghosting, the funnel and
    the rates by source too), which is what `workbook report --db` does before printing.

It checks that both count the same, prints the best of R runs of each and the ratio b / a
(target: within 2x). A benchmark prints; it is not a timed test.
"""

from __future__ import annotations

import argparse
import io
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from workbook.data.analysis import NEEDED_COLUMNS, WINDOW_DAYS, report
from workbook.data.canonical_csv import import_csv, write_canonical
from workbook.data.sample import SAMPLE_AS_OF, generate_contacts
from workbook.data.store import Tracker

PLAIN_QUERY = """
    SELECT a.application_id, a.people_facing, c.interview_date, c.contact_date, c.kind,
           c.channel, c.new_info, c.response_date, c.response
    FROM contacts AS c JOIN applications AS a ON a.id = c.application
"""
GROUPINGS = ("channel", "kind", "people_facing", "new_info", "days_to_follow_up")


def count(connection: sqlite3.Connection) -> dict[str, pd.DataFrame]:
    """Contacts, answered, positive and pending in each of the report's five groupings,
    counted as simply as pandas allows."""
    dates = ["interview_date", "contact_date", "response_date"]
    frame = pd.read_sql(PLAIN_QUERY, connection, parse_dates=dates)
    as_of = pd.Timestamp(SAMPLE_AS_OF)
    window = pd.Timedelta(days=WINDOW_DAYS)
    known = frame["response_date"] <= as_of
    frame["answered"] = known & (frame["response_date"] - frame["contact_date"] <= window)
    frame["positive"] = frame["answered"] & (frame["response"] == "positive")
    frame["pending"] = ~frame["answered"] & (as_of - frame["contact_date"] <= window)
    days = (frame["contact_date"] - frame["interview_date"]).dt.days
    frame["days_to_follow_up"] = pd.cut(days, [-1, 2, 6, 13, 10**6], labels=False)
    return grouped_counts(frame)


def grouped_counts(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Contacts, answered, positive and pending per group of each grouping, by plain groupby."""
    return {
        by: frame.groupby(by).agg(
            contacts=("answered", "size"),
            answered=("answered", "sum"),
            positive=("positive", "sum"),
            pending=("pending", "sum"),
        )
        for by in GROUPINGS
    }


def analyse(path: Path) -> dict[str, Any]:
    """What `workbook report --db` does before printing: the contacts' figures, and the
    funnel and rates by source of the applications (a row each)."""
    with Tracker(path, create=False) as tracker:
        contacts, applications = tracker.contact_rows(NEEDED_COLUMNS), tracker.application_rows()
    return report(contacts, as_of=SAMPLE_AS_OF, applications=applications)


def counts_agree(result: dict[str, Any], counts: dict[str, pd.DataFrame]) -> bool:
    """Whether a report and the baseline's groupby count the same contacts per channel."""
    by_report = {
        (g["channel"], g["contacts"], g["answered"], g["positive"], g["pending"])
        for g in result["by_channel"]
    }
    by_baseline = {
        (str(key), *(int(value) for value in row)) for key, row in counts["channel"].iterrows()
    }
    return by_report == by_baseline


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="contacts to generate")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    args = parser.parse_args()

    start = time.perf_counter()
    contacts = generate_contacts(args.rows, seed=1)
    print(f"generate {args.rows:,} contacts: {time.perf_counter() - start:.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tracker.db"
        text = io.StringIO()
        write_canonical(contacts, text)
        del contacts
        csv_file = Path(folder) / "contacts.csv"
        csv_file.write_text(text.getvalue(), encoding="utf-8")
        del text
        start = time.perf_counter()
        import_csv(csv_file, path)
        print(f"import into a new tracker: {time.perf_counter() - start:.2f} s")

        connection = sqlite3.connect(path)
        counts, result = count(connection), analyse(path)
        assert counts_agree(result, counts), "the report and the baseline count differently"

        plain = best(lambda: count(connection), args.repeat)
        full = best(lambda: analyse(path), args.repeat)
        connection.close()
    print(f"(a) read_sql + groupby baseline:      {plain:6.2f} s")
    print(f"(b) tracker rows + report:            {full:6.2f} s")
    print(f"ratio b / a: {full / plain:.2f}x (target: within 2x)")


if __name__ == "__main__":
    main()
