"""How much `workbook cohort` costs over plain pandas reading the same shared files, at scale.

    python -m benchmarks.cohort_speed [--files N] [--rows N] [--repeat R]

Generates N synthetic contacts (default 1,000,000), spreads their applications over F
participants (default 500), writes each participant's share with the workbook's own
`anonymise` into a new folder, then times, in one run and on the same files:

(a) the baseline: plain `pandas.read_csv` of every file, one concatenated frame, and a groupby
    per grouping (channel, kind, people-facing, new information, days to follow-up) counting
    contacts, answered, positive and pending, as design.md counts them;
(b) the cohort: `read_cohort` (every file checked) and `cohort_report` (the canonical frame
    rebuilt, intervals by a bootstrap over participants, medians, suppression), which is what
    `workbook cohort --json` does before printing.

It checks that both count the same, prints the best of R runs of each, the parts of (b), and
the ratio b / a (target: within 2x). A benchmark prints; it is not a timed test.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from workbook.analysis.cohort import cohort_report, read_cohort
from workbook.analysis.frames import GROUPINGS, WINDOW_DAYS
from workbook.analysis.sample import SAMPLE_AS_OF, generate_contacts
from workbook.analysis.share import anonymise, participant_id


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


def write_shares(folder: Path, rows: int, files: int) -> None:
    """`rows` synthetic contacts, their applications dealt out to `files` participants."""
    contacts = generate_contacts(rows, seed=1)
    application = pd.factorize(contacts["application_id"])[0]
    owner = np.random.default_rng(2).integers(0, files, size=application.max() + 1)[application]
    for number, part in contacts.groupby(owner, sort=True):
        shared = anonymise(part, participant=participant_id(), number=1, today=SAMPLE_AS_OF)
        (folder / f"share-{number:04d}.csv").write_bytes(shared.encode())


def count(folder: Path) -> dict[str, pd.DataFrame]:
    """Contacts, answered, positive and pending in each of the report's five groupings,
    counted as simply as pandas allows (each file's day of sharing is its `as_of`)."""
    frame = pd.concat(
        [pd.read_csv(path, skiprows=3) for path in sorted(folder.iterdir())], ignore_index=True
    )
    after = frame["answered_after"]
    frame["answered"] = (after <= WINDOW_DAYS) & (after <= frame["age"])
    frame["positive"] = frame["answered"] & (frame["response"] == "positive")
    frame["pending"] = ~frame["answered"] & (frame["age"] <= WINDOW_DAYS)
    frame["days_to_follow_up"] = pd.cut(frame["sent_after"], [-1, 2, 6, 13, 10**6], labels=False)
    return grouped_counts(frame)


def analyse(folder: Path, min_group: int = 5) -> dict[str, Any]:
    """What `workbook cohort FOLDER --json` does before printing."""
    return cohort_report(read_cohort(folder), min_group=min_group, as_of=SAMPLE_AS_OF)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="contacts in all")
    parser.add_argument("--files", type=int, default=500, help="participants, a file each")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        start = time.perf_counter()
        write_shares(folder, args.rows, args.files)
        print(
            f"write {args.files} shared files, {args.rows:,} contacts: "
            f"{time.perf_counter() - start:.2f} s"
        )
        counts, result = count(folder), analyse(folder, min_group=1)
        assert counts_agree(result, counts), "the cohort and the baseline count differently"

        plain = best(lambda: count(folder), args.repeat)
        reading = best(lambda: read_cohort(folder), args.repeat)
        cohort = read_cohort(folder)
        reporting = best(lambda: cohort_report(cohort, as_of=SAMPLE_AS_OF), args.repeat)
        full = best(lambda: analyse(folder), args.repeat)
    print(f"(a) read_csv + groupby baseline:        {plain:6.2f} s")
    print(f"(b) read_cohort + cohort_report:        {full:6.2f} s")
    print(f"    of which read_cohort (checked):     {reading:6.2f} s")
    print(f"    of which cohort_report:             {reporting:6.2f} s")
    print(f"ratio b / a: {full / plain:.2f}x (target: within 2x)")


if __name__ == "__main__":
    main()
