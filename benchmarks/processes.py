"""Timing a command as a user meets it: a fresh process, its wall time and its peak memory.

The measuring process should import neither numpy nor pandas: on Linux a child's maximum
resident size starts from its parent's size when it is forked. POSIX only (`os.wait4`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    """One finished process: its wall time (s), peak resident memory (MB) and what it printed."""

    seconds: float
    megabytes: float
    output: str


def environment() -> dict[str, str]:
    """This environment, with the repository importable (for `python -m benchmarks....`)."""
    return os.environ | {"PYTHONPATH": str(ROOT)}


def run(argv: Sequence[str]) -> Run:
    """Run `argv` to its end; fail, naming it, if it fails."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=environment(), stdout=subprocess.PIPE, text=True)
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code
    if code:
        raise SystemExit(f"{' '.join(argv[:4])} ... failed with status {code}")
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return Run(seconds, usage.ru_maxrss * scale / 1e6, output)


def best(runs: Sequence[Run]) -> Run:
    """The fastest time and the smallest peak of several runs of one command."""
    return Run(min(r.seconds for r in runs), min(r.megabytes for r in runs), runs[0].output)
