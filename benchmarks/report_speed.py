"""How long `workbook report` makes a learner wait, against plain pandas on the same tracker.

    python -m benchmarks.report_speed [--rows N] [--repeat R]    (default: 1,000,000 contacts)

Generates N synthetic contacts (seed 1) and imports them into a new tracker with the workbook's
own importer, then runs each contender R times in a fresh process, as a user runs a command,
on the same file:

- baseline: plain `pandas.read_sql` of the contacts (the columns a report reads) and one
  groupby by channel, counting them;
- report: the command itself, `workbook report --json --db FILE --as-of DAY`, which counts
  every grouping, the Wilson intervals, the Kaplan-Meier medians and the ghosting.

Both pay for starting Python and their imports. The best wall time and the smallest peak
memory (`os.wait4`) of the R runs are kept, and the ratios printed (target: at most 1.0x in
time). The two must count the same contacts per channel. Then, apart, the same two measured
inside one process, which leaves out starting Python and the imports. POSIX only.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import processes

AS_OF = "2026-11-20"
"""The sample's day of counting (`workbook.analysis.sample.SAMPLE_AS_OF`)."""

PLAIN_QUERY = """
    SELECT a.application_id, a.people_facing, c.interview_date, c.contact_date, c.kind,
           c.channel, c.new_info, c.response_date, c.response
    FROM contacts AS c JOIN applications AS a ON a.id = c.application
"""


def make_tracker(rows: str, db: str) -> None:
    """Generate the contacts and import them into a new tracker, as `workbook import` does."""
    from workbook.analysis.sample import generate_contacts
    from workbook.tables.canonical_csv import import_csv, write_canonical

    csv = Path(db).with_suffix(".csv")
    write_canonical(generate_contacts(int(rows), seed=1), csv)
    import_csv(csv, db)
    csv.unlink()


def baseline(db: str) -> None:
    """Plain pandas: read the contacts, count them by channel; prints the counts as JSON."""
    import sqlite3

    import pandas as pd

    with sqlite3.connect(db) as con:
        frame = pd.read_sql(PLAIN_QUERY, con)
    con.close()
    counts = frame.groupby("channel").size()
    print(json.dumps({str(key): int(value) for key, value in counts.items()}))


def report(db: str) -> None:
    """The `workbook report` command, as a learner runs it."""
    from workbook.cli import main

    status = main(["report", "--json", "--db", db, "--as-of", AS_OF])
    if status:
        raise SystemExit(status)


def in_process(db: str) -> None:
    """Both contenders again, timed inside one process after the imports."""
    import datetime as dt
    import sqlite3

    import pandas as pd

    from workbook.analysis.aggregates import tracker_report
    from workbook.tracker.store import Tracker

    def plain() -> None:
        with sqlite3.connect(db) as con:
            pd.read_sql(PLAIN_QUERY, con).groupby("channel").size()
        con.close()

    def counted() -> None:
        with Tracker(db, create=False) as tracker:
            tracker_report(tracker, as_of=dt.date.fromisoformat(AS_OF))

    for name, contender in (("baseline", plain), ("report", counted)):
        start = time.perf_counter()
        contender()
        print(f"{name} {time.perf_counter() - start:.3f}")


CHILDREN = {"baseline": baseline, "report": report, "in-process": in_process}


def child(who: str, *arguments: str) -> processes.Run:
    return processes.run([sys.executable, "-m", "benchmarks.report_speed", "--child", who,
                          *arguments])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="contacts to generate")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is kept")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        who, *arguments = args.child
        (make_tracker if who == "make" else CHILDREN[who])(*arguments)
        return

    with tempfile.TemporaryDirectory(prefix="report-speed-") as temporary:
        db = str(Path(temporary) / "tracker.db")
        made = child("make", str(args.rows), db)
        print(
            f"{args.rows:,} generated contacts imported into a new tracker in {made.seconds:.1f} s"
        )
        runs = {who: processes.best([child(who, db) for _ in range(args.repeat)])
                for who in ("baseline", "report")}  # fmt: skip
        inside = [child("in-process", db).output for _ in range(args.repeat)]

    by_channel = {
        g["channel"]: g["contacts"] for g in json.loads(runs["report"].output)["by_channel"]
    }
    if by_channel != json.loads(runs["baseline"].output):
        raise SystemExit("the report and the baseline count different contacts per channel")
    base, full = runs["baseline"], runs["report"]
    print(f"\nWhole processes, best of {args.repeat}:")
    print(f"{'':34}{'time':>10}{'peak memory':>14}")
    print(f"{'read_sql + groupby by channel':34}{base.seconds:>8.2f} s{base.megabytes:>11.0f} MB")
    print(f"{'workbook report --json':34}{full.seconds:>8.2f} s{full.megabytes:>11.0f} MB")
    time_ratio, memory_ratio = full.seconds / base.seconds, full.megabytes / base.megabytes
    print(f"{'ratio, report / baseline':34}{time_ratio:>9.2f}x{memory_ratio:>13.2f}x"
          "   (target: at most 1.0x in time)")  # fmt: skip
    print(f"target {'met' if time_ratio <= 1.0 else 'NOT met'}")
    seconds = {"baseline": [], "report": []}  # type: dict[str, list[float]]
    for output in inside:
        for line in output.splitlines():
            name, value = line.split()
            seconds[name].append(float(value))
    plain, counted = min(seconds["baseline"]), min(seconds["report"])
    print(
        f"\nInside one process, after the imports: baseline {plain:.2f} s, report "
        f"{counted:.2f} s, ratio {counted / plain:.2f}x"
    )


if __name__ == "__main__":
    main()
