"""How fast `workbook import` loads a large canonical file, against plain pandas and SQLite.

    python -m benchmarks.import_speed [--rows N] [--repeat K]    (default: 1,000,000 rows)

Generates N plausible contacts with a fixed seed and writes them as a canonical CSV file, then
runs each contender in a fresh process, K times, on the same file into a new SQLite file:

- baseline: `pandas.read_csv(FILE, dtype=str)` then `DataFrame.to_sql(..., index=False)`;
- workbook import: the command itself, `workbook import FILE --db NEW`, which also checks
  every row, derives nothing it need not, and writes three tables in one transaction.

Each run is timed by the wall clock around the whole process (both pay for starting Python and
importing pandas) and its peak memory is the process's own maximum resident set size
(`os.wait4`), which counts SQLite's memory too. The measuring process imports neither numpy
nor pandas (the file is generated in a process of its own), because a child's maximum
resident size starts from its parent's size when it is forked. The best of K runs is kept.
Prints absolute figures and the ratios; the target is at most 1.5x on both. POSIX only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks import processes

if TYPE_CHECKING:
    import pandas as pd

SEED = 2026

COMPANIES = tuple(
    f"{a} {b}" for a in ("Acme", "Northside", "Blue Harbor", "Greenfield", "Summit", "Riverbend",
                          "Café Müller", "Oakridge", "Pioneer", "Lakeshore", "Union", "Metro")
     for b in ("Logistics", "Clinic", "Foods", "Bank", "Schools", "Retail", "Hotels", "Works")
)  # fmt: skip
ROLES = (
    "Warehouse Supervisor", "Receptionist", "Sales Associate", "Teacher", "HR Coordinator",
     "Data Analyst", "Nurse", "Line Cook", "Accountant", "Counsellor", "Driver", "Cashier",
)  # fmt: skip
PEOPLE_FACING = (0, 1, 1, 1, 1, 0, 1, 0, 0, 1, 0, 1)
NAMES = ("Dana Reyes", "Sam Okafor", "Lee Chen", "Ana Silva", "Jo Park", "")
CHANNELS = ("email", "phone", "linkedin", "letter", "text", "in-person", "other")
CHANNEL_SHARE = [0.58, 0.17, 0.10, 0.06, 0.05, 0.03, 0.01]
ANSWER_CHANCE = (0.30, 0.45, 0.20, 0.25, 0.35, 0.55, 0.20)  # assumptions, not data
NEXT_STEPS = ("unknown", "vague", "decision-date", "background-check", "assessment",
              "handed-off")  # fmt: skip
OUTCOMES = ("pending", "rejected", "no-response", "offer", "withdrawn")
ENDS = ("", "; rejected", "; no-answer", "; offer", "; withdrawn")
"""How each outcome ends a stage history."""
SOURCES = ("linkedin", "referral", "job-board", "company-site", "email", "agency", "other", "")
KINDS = ("thank-you", "follow-up", "second-follow-up")
TONES = ("positive", "neutral", "negative", "")


def generate(rows: int, seed: int = SEED) -> pd.DataFrame:
    """`rows` contacts as a canonical table: three contacts after each round (a thank-you the
    day of it or after, a follow-up a week on, a second one two weeks on), two rounds an
    application, channels and answer rates in plausible, assumed proportions."""
    import numpy as np
    import pandas as pd

    from workbook.tracker.store import application_slug

    def pick(values: tuple[object, ...], index: np.ndarray) -> np.ndarray:
        picked: np.ndarray = np.array(values, dtype=object)[index]
        return picked

    rng = np.random.default_rng(seed)
    n_rounds = -(-rows // 3)
    n_apps = -(-n_rounds // 2)
    company = pick(COMPANIES, rng.integers(0, len(COMPANIES), n_apps))
    role_index = rng.integers(0, len(ROLES), n_apps)
    role = pick(ROLES, role_index)
    first_interview = np.datetime64("2024-01-08") + rng.integers(0, 800, n_apps).astype("m8[D]")
    next_step = pick(NEXT_STEPS, rng.integers(0, len(NEXT_STEPS), n_rounds))
    outcome_index = rng.choice(len(OUTCOMES), n_apps, p=[0.4, 0.3, 0.2, 0.06, 0.04])
    outcome = pick(OUTCOMES, outcome_index)

    row = np.arange(rows)
    app, round_, kind = row // 6, row // 3, row % 3
    interview = first_interview[app] + np.where(round_ % 2 == 1, 35, 0).astype("m8[D]")
    offset = np.choose(kind, [rng.integers(0, 2, rows), rng.integers(6, 9, rows),
                              rng.integers(13, 16, rows)])  # fmt: skip
    contact = interview + offset.astype("m8[D]")
    channel = rng.choice(len(CHANNELS), rows, p=CHANNEL_SHARE)
    answered = rng.random(rows) < np.array(ANSWER_CHANCE)[channel]
    answer_day = contact + rng.geometric(0.25, rows).astype("m8[D]")
    tone = pick(TONES, rng.choice(len(TONES), rows, p=[0.35, 0.35, 0.2, 0.1]))

    pair = pd.Series(company + "/" + role)
    nth = pair.groupby(pair).cumcount().to_numpy() + 1  # applying again: -2, -3...
    slugs = {p: application_slug(*p.split("/")) for p in pair.unique()}
    app_id = [slugs[p] if n == 1 else f"{slugs[p]}-{n}" for p, n in zip(pair, nth, strict=True)]
    name = pick(NAMES, app % len(NAMES))
    email = pd.Series(name).str.lower().str.replace(" ", ".") + "@employer.example"
    applied = first_interview - np.timedelta64(12, "D")
    second = first_interview + np.timedelta64(35, "D")
    ends = pick(ENDS, outcome_index)
    history = (
        "applied " + pd.Series(applied.astype(str)) + "; interview "
        + pd.Series(first_interview.astype(str)) + "; interview " + pd.Series(second.astype(str))
        + pd.Series(ends)
    ).to_numpy(dtype=object)  # fmt: skip
    return pd.DataFrame(
        {
            "application_id": np.array(app_id, dtype=object)[app],
            "company": company[app],
            "role": role[app],
            "people_facing": np.array(PEOPLE_FACING, dtype=bool)[role_index][app],
            "interview_date": interview.astype("M8[ns]"),
            "next_step": next_step[round_],
            "contact_date": contact.astype("M8[ns]"),
            "kind": pick(KINDS, kind),
            "channel": pick(CHANNELS, channel),
            "new_info": (kind > 0) & (rng.random(rows) < 0.25),
            "response_date": np.where(answered, answer_day, np.datetime64("NaT")).astype("M8[ns]"),
            "response": np.where(answered, tone, ""),
            "outcome": outcome[app],
            "applied_date": applied.astype("M8[ns]")[app],
            "job_ref": [f"R-{n:05d}" for n in app % 100_000],
            "contact_name": name,
            "contact_detail": np.where(name == "", "+1 555 0100", email.to_numpy(dtype=object)),
            "source": pick(SOURCES, app % len(SOURCES)),
            "answer_date": (first_interview - np.timedelta64(5, "D")).astype("M8[ns]")[app],
            "stage_history": history[app],
            "random_seed": np.where(
                (kind > 0) & (rng.random(rows) < 0.2), rng.integers(0, 2**31, rows).astype(str), ""
            ),
        }
    )


def make_file(rows: str, csv: str) -> None:
    """Generate the contacts and write them as a canonical CSV file."""
    from workbook.tables.canonical_csv import write_canonical

    write_canonical(generate(int(rows)), csv)


def baseline(csv: str, db: str) -> None:
    """Plain pandas: read the file, write it to one SQLite table."""
    import sqlite3

    import pandas as pd

    frame = pd.read_csv(csv, dtype=str)
    with sqlite3.connect(db) as con:
        frame.to_sql("contacts", con, index=False)
    con.close()


def workbook_import(csv: str, db: str) -> None:
    """The `workbook import` command, as a learner runs it."""
    from workbook.cli import main

    status = main(["import", csv, "--db", db])
    if status:
        raise SystemExit(status)


CONTENDERS = {"baseline": baseline, "import": workbook_import}
CHILDREN = CONTENDERS | {"generate": make_file}


def measure(contender: str, csv: Path, folder: Path) -> tuple[float, float]:
    """Run one contender in a fresh process: its wall time (s) and peak memory (MB)."""
    db = folder / f"{contender}.db"
    for leftover in folder.glob(f"{contender}.db*"):
        leftover.unlink()
    done = processes.run(
        [sys.executable, "-m", "benchmarks.import_speed", "--child", contender, str(csv), str(db)]
    )
    return done.seconds, done.megabytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best is kept")
    parser.add_argument("--child", nargs=3, metavar=("WHO", "A", "B"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        who, first, second = args.child
        CHILDREN[who](first, second)
        return

    with tempfile.TemporaryDirectory(prefix="import-speed-") as temporary:
        folder = Path(temporary)
        csv = folder / "contacts.csv"
        started = time.perf_counter()
        processes.run([sys.executable, "-m", "benchmarks.import_speed", "--child", "generate",
                       str(args.rows), str(csv)])  # fmt: skip
        size = csv.stat().st_size / 1e6
        print(f"{args.rows:,} generated contacts (seed {SEED}): a {size:.0f} MB canonical CSV,"
              f" made in {time.perf_counter() - started:.1f} s")  # fmt: skip
        results = {}
        for who in CONTENDERS:
            runs = [measure(who, csv, folder) for _ in range(args.repeat)]
            results[who] = (min(t for t, _ in runs), min(m for _, m in runs))
    (base_time, base_memory), (time_, memory) = results["baseline"], results["import"]
    print(f"{'':32}{'time':>10}{'peak memory':>14}")
    print(f"{'pandas read_csv + to_sql':32}{base_time:>8.2f} s{base_memory:>11.0f} MB")
    print(f"{'workbook import':32}{time_:>8.2f} s{memory:>11.0f} MB")
    time_ratio, memory_ratio = time_ / base_time, memory / base_memory
    print(f"{'ratio, import / baseline':32}{time_ratio:>9.2f}x{memory_ratio:>13.2f}x"
          "   (target: at most 1.5x on both)")  # fmt: skip
    met = "met" if time_ratio <= 1.5 and memory_ratio <= 1.5 else "NOT met"
    print(f"target {met}")


if __name__ == "__main__":
    main()
