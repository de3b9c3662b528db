"""How fast the plan on screen follows a change of an answer in a section's exercise.

    python -m benchmarks.widget_update [--changes N]

Builds the `clarify` exercise on a state with a full interview, then sets input values in a
loop, as a learner would (next step, decision date, channel, highlights), and times each change
until the plan's HTML has been redrawn, the answers file saved included. The baseline, measured
in the same run, is the planner alone (`make_plan` on the same interview). Target: a change is
shown within 50 ms. A benchmark prints; it is not a timed test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from itertools import cycle

from workbook.model import Channel, NextStep


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=400)
    args = parser.parse_args()
    os.environ["WORKBOOK_HOME"] = tempfile.mkdtemp(prefix="workbook-bench-")
    from workbook.rules.planner import make_plan
    from workbook.widgets import PlanState, exercise

    state = PlanState(today=dt.date(2026, 11, 23))
    state.company, state.role = "Acme Logistics", "Warehouse Supervisor"
    state.date = dt.date(2026, 11, 23)
    state.interviewers = [
        {"name": "Dana Reyes", "email": "dana@acme.example"},
        {"name": "Sam Ortiz"},
    ]
    state.highlights = "I cut picking errors by 30%"
    view = exercise("clarify", state)
    controls = {c._dom_classes[0]: c for c in view.children if c._dom_classes}
    plan_html = next(c for c in view.children if "wb-plan" in c._dom_classes)
    next_step = controls["wb-input-next-step"]
    decided = controls["wb-input-decision-date"]
    changes: list[Callable[[], None]] = [
        lambda: setattr(next_step, "value", NextStep.DECISION_DATE),
        lambda: setattr(decided, "value", dt.date(2026, 12, 2)),
        lambda: setattr(decided, "value", dt.date(2026, 12, 9)),
        lambda: setattr(next_step, "value", NextStep.VAGUE),
        lambda: setattr(state, "preferred_channel", Channel.LETTER),
        lambda: setattr(state, "preferred_channel", Channel.EMAIL),
        lambda: setattr(state, "new_info", "my certificate came through"),
        lambda: setattr(state, "new_info", ""),
    ]
    shown: list[float] = []
    for change, _ in zip(cycle(changes), range(args.changes), strict=False):
        before = plan_html.value
        start = time.perf_counter()
        change()
        shown.append((time.perf_counter() - start) * 1000)
        assert plan_html.value != before, "the plan on screen did not change"

    interview = state.interview()
    planner: list[float] = []
    for _ in range(args.changes):
        start = time.perf_counter()
        make_plan(interview)
        planner.append((time.perf_counter() - start) * 1000)

    median, p95 = _percentiles(shown)
    base_median, base_p95 = _percentiles(planner)
    print(f"changes measured          {args.changes}")
    print(f"change -> plan shown      median {median:6.2f} ms   95th pct {p95:6.2f} ms")
    print(f"planner alone (baseline)  median {base_median:6.2f} ms   95th pct {base_p95:6.2f} ms")
    print(f"ratio to the baseline     median {median / base_median:6.1f}x")
    print(f"target: 50 ms             {'met' if p95 <= 50 else 'NOT met'} at the 95th percentile")


if __name__ == "__main__":
    main()
