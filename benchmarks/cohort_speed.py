"""How long `workbook cohort` makes a facilitator wait, and how much memory it takes, against
plain pandas reading the same shared files.

    python -m benchmarks.cohort_speed [--files F] [--rows N] [--repeat R] [--timeout S]
                                      [--keep FOLDER] [--contenders NAME ...]

Generates N synthetic contacts (default 1,000,000, seed 1), deals their applications out to F
participants (default 500) and writes each participant's share with the workbook's own
`anonymise` into a folder (a new temporary one, or FOLDER given by --keep, which is reused
when it already holds the files), then runs each contender R times in a fresh process, as a
user runs a command, on the same files:

- baseline: plain `pandas.read_csv` of every file, one concatenated frame, and a groupby per
  grouping (channel, kind, people-facing, new information, days to follow-up) counting
  contacts, answered, positive and pending;
- cohort: the command itself, `workbook cohort FOLDER --json --min-group 1` (DuckDB pools the
  files; every file checked, intervals by a bootstrap over participants, medians,
  suppression);
- pandas: the same report as the command counted it before DuckDB: `read_cohort` (every
  row held in one DataFrame) and the pandas counting kept as the tests' reference
  (tests/cohort_reference.py), printed as the command prints it.

Each pays for starting Python and its imports. The best wall time and the smallest peak memory
(`os.wait4`) of the R runs are kept, with their ratios to the baseline. A run that fails or
outlives --timeout (default 900 s) is reported as such, not retried. Reports must agree with
each other and with the baseline's counts per channel. Then, apart, each contender measured
inside a process of its own after the imports. POSIX only; the measuring process imports
neither numpy nor pandas, since a child's peak memory starts from its parent's.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks import processes

AS_OF = "2026-11-20"
"""The day the shares were written (`workbook.analysis.sample.SAMPLE_AS_OF`)."""

CONTENDERS = ("baseline", "cohort", "pandas")


def write_shares(folder: str, rows: str, files: str) -> None:
    """`rows` synthetic contacts, their applications dealt out to `files` participants, each
    participant's share written by `anonymise` as `workbook share` writes it; two in five
    contacts have their channel drawn at random, so the pooled experiment is counted too."""
    import numpy as np
    import pandas as pd

    from workbook.analysis.sample import SAMPLE_AS_OF, generate_contacts
    from workbook.analysis.share import anonymise, participant_id

    contacts = generate_contacts(int(rows), seed=1)
    drawn = np.random.default_rng(3).random(len(contacts)) < 0.4
    contacts["random_seed"] = np.where(drawn, "1", "")
    application = pd.factorize(contacts["application_id"])[0]
    owner = np.random.default_rng(2).integers(0, int(files), size=application.max() + 1)
    for number, part in contacts.groupby(owner[application], sort=True):
        shared = anonymise(part, participant=participant_id(), number=1, today=SAMPLE_AS_OF)
        (Path(folder) / f"share-{number:05d}.csv").write_bytes(shared.encode())


def baseline(folder: str) -> None:
    """Plain pandas: read every file, count each grouping; prints the counts per channel."""
    import pandas as pd

    from workbook.analysis.frames import GROUPINGS, WINDOW_DAYS

    frame = pd.concat(
        [pd.read_csv(path, skiprows=3) for path in sorted(Path(folder).iterdir())],
        ignore_index=True,
    )
    after = frame["answered_after"]
    frame["answered"] = (after <= WINDOW_DAYS) & (after <= frame["age"])
    frame["positive"] = frame["answered"] & (frame["response"] == "positive")
    frame["pending"] = ~frame["answered"] & (frame["age"] <= WINDOW_DAYS)
    frame["days_to_follow_up"] = pd.cut(frame["sent_after"], [-1, 2, 6, 13, 10**6], labels=False)
    counts = {
        by: frame.groupby(by).agg(
            contacts=("answered", "size"),
            answered=("answered", "sum"),
            positive=("positive", "sum"),
            pending=("pending", "sum"),
        )
        for by in GROUPINGS
    }
    print(
        json.dumps({str(key): [int(v) for v in row] for key, row in counts["channel"].iterrows()})
    )


def cohort(folder: str) -> None:
    """The `workbook cohort` command, as a facilitator runs it."""
    from workbook.cli import main

    status = main(["cohort", folder, "--json", "--min-group", "1"])
    if status:
        raise SystemExit(status)


def pandas_cohort(folder: str) -> None:
    """The pure-pandas reader's report of the folder, printed as the command prints it."""
    import datetime as dt

    from tests.cohort_reference import reference_report
    from workbook.analysis.cohort import read_cohort

    figures = reference_report(read_cohort(folder), min_group=1, as_of=dt.date.today())
    print(json.dumps(figures, indent=2))


def in_process(folder: str, *contenders: str) -> None:
    """Contenders again, timed inside the process after the imports."""
    import io
    from contextlib import redirect_stdout

    import duckdb  # noqa: F401  (imported before the clock starts, as all the others)
    import pandas  # noqa: F401

    import tests.cohort_reference  # noqa: F401
    import workbook.analysis.cohort
    import workbook.analysis.pooling  # noqa: F401

    for name in contenders:
        start = time.perf_counter()
        with redirect_stdout(io.StringIO()):
            CHILDREN[name](folder)
        print(f"{name} {time.perf_counter() - start:.3f}")


CHILDREN = {"baseline": baseline, "cohort": cohort, "pandas": pandas_cohort}


def attempt(argv: list[str], timeout: float) -> processes.Run | str:
    """`processes.run`, but a failure or a run past `timeout` seconds is returned as a
    sentence instead of ending the benchmark (the process group is ended by its id); what
    the process said on stderr is kept back, but for its last line when it fails."""
    start = time.perf_counter()
    with tempfile.TemporaryFile(mode="w+") as errors:
        process = subprocess.Popen(
            argv,
            env=processes.environment(),
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            start_new_session=True,
        )
        expired = threading.Event()

        def stop() -> None:
            expired.set()
            os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, stop)
        timer.start()
        output = process.stdout.read() if process.stdout else ""
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        seconds = time.perf_counter() - start
        errors.seek(0)
        said = errors.read().strip().splitlines()
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code
    megabytes = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024) / 1e6
    if code and said:
        print(f"{' '.join(argv[3:5])}: {said[-1]}", file=sys.stderr)
    if expired.is_set():
        return f"stopped after {seconds:.0f} s (timeout), peak {megabytes:.0f} MB so far"
    if code:
        return f"failed with status {code} after {seconds:.1f} s, peak {megabytes:.0f} MB"
    return processes.Run(seconds, megabytes, output)


def child(who: str, *arguments: str, timeout: float = 24 * 3600) -> processes.Run | str:
    argv = [sys.executable, "-m", "benchmarks.cohort_speed", "--child", who, *arguments]
    return attempt(argv, timeout)


def by_channel(run: processes.Run) -> dict[str, list[int]]:
    """A report's counts per channel, in the baseline's shape."""
    return {
        g["channel"]: [g["contacts"], g["answered"], g["positive"], g["pending"]]
        for g in json.loads(run.output)["by_channel"]
    }


def without_day(output: str) -> dict[str, object]:
    report = json.loads(output)
    report.pop("as_of")
    return dict(report)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="contacts in all")
    parser.add_argument("--files", type=int, default=500, help="participants, a file each")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is kept")
    parser.add_argument("--timeout", type=float, default=900, help="seconds a run may take")
    parser.add_argument("--keep", metavar="FOLDER", help="write the files here, or reuse them")
    parser.add_argument("--contenders", nargs="+", choices=CONTENDERS, default=list(CONTENDERS))
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        who, *arguments = args.child
        if who == "write":
            write_shares(*arguments)
        elif who == "in-process":
            in_process(*arguments)
        else:
            CHILDREN[who](*arguments)
        return

    with tempfile.TemporaryDirectory(prefix="cohort-speed-") as temporary:
        folder = Path(args.keep or temporary)
        folder.mkdir(parents=True, exist_ok=True)
        if not any(folder.iterdir()):
            made = child("write", str(folder), str(args.rows), str(args.files))
            if isinstance(made, str):
                raise SystemExit(f"writing the shares {made}")
            print(f"wrote {args.files:,} shared files of {args.rows:,} contacts in "
                  f"{made.seconds:.1f} s (peak {made.megabytes:.0f} MB)")  # fmt: skip
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        files = len(list(folder.iterdir()))
        print(f"{files:,} files, {size:,.0f} MB, in {folder}")
        runs: dict[str, processes.Run | str] = {}
        for who in args.contenders:
            tries = [child(who, str(folder), timeout=args.timeout) for _ in range(args.repeat)]
            done = [run for run in tries if isinstance(run, processes.Run)]
            runs[who] = processes.best(done) if len(done) == len(tries) else str(tries[-1])
        kept = [who for who in args.contenders if isinstance(runs[who], processes.Run)]
        inside = [child("in-process", str(folder), who, timeout=args.timeout) for who in kept]

    reports = {who: run for who, run in runs.items() if isinstance(run, processes.Run)}
    base = reports.get("baseline")
    for who in ("cohort", "pandas"):
        if who in reports and base and by_channel(reports[who]) != json.loads(base.output):
            raise SystemExit(f"{who} and the baseline count different contacts per channel")
    if "cohort" in reports and "pandas" in reports:
        same = without_day(reports["cohort"].output) == without_day(reports["pandas"].output)
        if not same:
            raise SystemExit("the command and the pandas counting give different reports")
        print("the command's report and the pandas one (as before DuckDB) are identical")

    labels = {
        "baseline": "read_csv of each file + groupbys",
        "cohort": "workbook cohort --json (DuckDB)",
        "pandas": "pandas, as before DuckDB",
    }
    print(
        f"\nWhole processes, best of {args.repeat}, {args.files:,} files, {args.rows:,} contacts:"
    )
    print(f"{'':36}{'time':>10}{'peak memory':>14}{'time ratio':>12}{'memory ratio':>14}")
    for who in args.contenders:
        run = runs[who]
        if isinstance(run, str):
            print(f"{labels[who]:36}  {run}")
            continue
        ratios = ""
        if base:
            ratios = f"{run.seconds / base.seconds:>11.2f}x{run.megabytes / base.megabytes:>13.2f}x"
        print(f"{labels[who]:36}{run.seconds:>8.2f} s{run.megabytes:>11.0f} MB{ratios}")
    figures = [
        f"{run.output.split()[0]} {float(run.output.split()[1]):.2f} s"
        if isinstance(run, processes.Run)
        else f"{who} {run}"
        for who, run in zip(kept, inside, strict=True)
    ]
    print("\nInside one process each, after the imports: " + ", ".join(figures))


if __name__ == "__main__":
    main()
