"""How much the full response-rate report costs over a plain pandas count, at scale.

    python -m benchmarks.report_speed [--rows N] [--repeat R]

Generates N synthetic contacts (default 1,000,000), writes them to a SQLite table `contacts`
with `DataFrame.to_sql` (a stand-in for the tracker's store until it lands), then times, in one
run and on the same table:

(a) the baseline: `read_sql` of the table and a groupby counting contacts, answered and pending
    per channel;
(b) the report: the same `read_sql`, then `workbook.data.analysis.report` on that frame.

It prints the best of R runs of each and the ratio b / a, so the ratio is the analysis overhead
over reading the data (target: within 2x). A benchmark prints; it is not a timed test.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from workbook.data.analysis import WINDOW_DAYS, report
from workbook.data.sample import SAMPLE_AS_OF, generate_contacts

DATES = ["interview_date", "contact_date", "response_date", "applied_date"]
FLAGS = ["people_facing", "new_info"]


def read(connection: sqlite3.Connection) -> pd.DataFrame:
    """The table back as a canonical frame: dates parsed, booleans bool, text without NaN."""
    frame = pd.read_sql("SELECT * FROM contacts", connection, parse_dates=DATES)
    frame[FLAGS] = frame[FLAGS].astype(bool)
    return frame


def count(frame: pd.DataFrame) -> pd.DataFrame:
    """Contacts, answered and pending per channel, counted as simply as pandas allows."""
    frame = frame[frame["contact_date"].notna()]
    as_of = pd.Timestamp(SAMPLE_AS_OF)
    window = pd.Timedelta(days=WINDOW_DAYS)
    known = frame["response_date"] <= as_of
    answered = known & (frame["response_date"] - frame["contact_date"] <= window)
    pending = ~answered & (as_of - frame["contact_date"] <= window)
    counts = pd.DataFrame({"channel": frame["channel"], "answered": answered, "pending": pending})
    return counts.groupby("channel").agg(
        contacts=("answered", "size"), answered=("answered", "sum"), pending=("pending", "sum")
    )


def analyse(frame: pd.DataFrame) -> dict[str, Any]:
    return report(frame, as_of=SAMPLE_AS_OF)


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
        connection = sqlite3.connect(Path(folder) / "bench.db")
        start = time.perf_counter()
        contacts.to_sql("contacts", connection, index=False, chunksize=100_000)
        print(f"write to SQLite (to_sql): {time.perf_counter() - start:.2f} s")
        del contacts

        frame = read(connection)
        counts, result = count(frame), analyse(frame)
        by_report = {
            g["channel"]: (g["contacts"], g["answered"], g["pending"]) for g in result["by_channel"]
        }
        by_baseline = {str(k): tuple(int(v) for v in row) for k, row in counts.iterrows()}
        assert by_report == by_baseline, "the report and the baseline count differently"

        read_only = best(lambda: read(connection), args.repeat)
        plain = best(lambda: count(read(connection)), args.repeat)
        full = best(lambda: analyse(read(connection)), args.repeat)
        connection.close()
    count_only = best(lambda: count(frame), args.repeat)
    analysis_only = best(lambda: analyse(frame), args.repeat)
    print(f"read_sql alone:                  {read_only:6.2f} s")
    print(f"(a) read_sql + groupby baseline: {plain:6.2f} s")
    print(f"(b) read_sql + full report:      {full:6.2f} s")
    print(f"ratio b / a: {full / plain:.2f}x (target: within 2x)")
    print(f"in memory, groupby count alone:  {count_only:6.2f} s")
    print(f"in memory, full report alone:    {analysis_only:6.2f} s")
    print(f"ratio report / count in memory: {analysis_only / count_only:.1f}x")


if __name__ == "__main__":
    main()
