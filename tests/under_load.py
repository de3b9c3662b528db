"""Run the whole test suite several times in a row on a loaded machine, to show it holds.

`python -m tests.under_load [--runs 3] [--busy 2] [-- PYTEST ARGS]` starts `--busy` processes
that do nothing but spin (one per core by default), runs pytest `--runs` times one after the
other, then stops the spinners by their process ids, and prints each run's result and time.
It exits 0 only when every run passed. Not a test itself: `make test` does not run it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.sandbox import stop

ROOT = Path(__file__).resolve().parents[1]
SPIN = "while True: pass"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the test suite several times under load.")
    parser.add_argument("--runs", type=int, default=3, help="how many runs in a row (3)")
    parser.add_argument("--busy", type=int, default=os.cpu_count() or 2, help="spinning processes")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    args = parser.parse_args(argv)
    spinners = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(args.busy)]
    results: list[tuple[int, float, str]] = []
    try:
        for run in range(1, args.runs + 1):
            started = time.monotonic()
            finished = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args.pytest_args],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            summary = (finished.stdout.strip().splitlines() or ["(no output)"])[-1]
            results.append((finished.returncode, time.monotonic() - started, summary))
            print(f"run {run}: exit {finished.returncode} in {results[-1][1]:.0f} s: {summary}")
            if finished.returncode:
                print(finished.stdout[-6000:], finished.stderr[-3000:], sep="\n")
    finally:
        for spinner in spinners:
            stop(spinner)
    passed = sum(code == 0 for code, _, _ in results)
    print(f"{passed} of {len(results)} runs passed with {args.busy} busy processes on "
          f"{os.cpu_count()} cores")  # fmt: skip
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
