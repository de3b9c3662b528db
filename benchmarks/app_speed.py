"""How fast the workshop app answers in a real browser (Chromium, driven by Playwright).

    python -m benchmarks.app_speed [--loads N] [--changes N]

Starts `workbook app` on a temporary data folder whose answers already give a plan, then
measures, in Chromium at a laptop's size:

- **first widget**: from asking for a section's page (`05-clarify`) to its first widget on
  screen (a new kernel starts and runs the page each time), and the same for the plan page
  (`09-my-plan`, which draws a chart). Target: 5 s for a section on a 2-core machine.
- **change shown**: from choosing another answer in the page's "What they said happens next"
  menu to the plan under it redrawn, measured inside the page (the change goes to the kernel,
  the plan is made and saved, and the new HTML comes back). Target: 300 ms.

The baseline, measured in the same run against the same server, is a page with one menu and one
text widget that the kernel sets when the menu changes: the cost of Voila, a kernel and
ipywidgets alone. A benchmark prints; it is not a timed test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
from pathlib import Path
from typing import Any

from tests.browser import servers
from workbook.widgets.state import PlanState

BASELINE = "baseline.ipynb"
BASELINE_CODE = """import ipywidgets as w

menu = w.Dropdown(options=["one", "two", "three"], description="Pick", _dom_classes=("bench-menu",))
shown = w.HTML("one", _dom_classes=("bench-shown",))
menu.observe(lambda change: setattr(shown, "value", change["new"]), names="value")
w.VBox([menu, shown])
"""

CHANGE = """async ([menuCss, targetCss, index]) => {
  const menu = document.querySelector(menuCss);
  const target = document.querySelector(targetCss);
  const before = target.innerHTML;
  const start = performance.now();
  const shown = new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (target.innerHTML !== before) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(target, { subtree: true, childList: true, characterData: true });
    setTimeout(() => reject(new Error('no change within 10 s')), 10000);
  });
  menu.selectedIndex = index;
  menu.dispatchEvent(new Event('change', { bubbles: true }));
  return await shown;
}"""


def write_baseline(folder: Path) -> None:
    cell: dict[str, object] = {
        "cell_type": "code", "execution_count": None, "id": "baseline", "metadata": {},
        "outputs": [], "source": BASELINE_CODE,
    }  # fmt: skip
    notebook = {
        "cells": [cell],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (folder / BASELINE).write_text(json.dumps(notebook), encoding="utf-8")


def fill_answers(answers: Path) -> None:
    state = PlanState(answers_file=answers)
    state.company, state.role = "Acme Logistics", "Warehouse Supervisor"
    state.date = dt.date(2026, 11, 23)
    state.interviewers = [
        {"name": "Dana Reyes", "email": "dana@acme.example"},
        {"name": "Sam Ortiz"},
    ]
    state.highlights = "I cut picking errors by 30%"


def first_widget(browser: Any, app: servers.Server, name: str, css: str, loads: int) -> list[float]:
    """Seconds from asking for page `name` to the widget `css` on screen, `loads` times, in one
    browser context (its cache warm after the first load)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(app.url("/"), wait_until="commit")  # logs in, outside the timing
    page.goto("about:blank")
    seconds = []
    for _ in range(loads):
        start = time.perf_counter()
        page.goto(f"{app.base}/voila/render/{name}", wait_until="commit")
        page.wait_for_selector(css, state="visible", timeout=60_000)
        seconds.append(time.perf_counter() - start)
        page.goto("about:blank")  # the page's kernel is shut down as it is left
    context.close()
    return seconds


def changes_shown(
    browser: Any, app: servers.Server, name: str, menu: str, target: str, indexes: list[int],
    changes: int,
) -> list[float]:  # fmt: skip
    """Milliseconds from a menu change to `target` redrawn, `changes` times."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(app.url(f"/voila/render/{name}"))
    page.wait_for_function(servers.PAGE_READY, timeout=60_000)
    page.wait_for_selector(menu, state="visible")
    page.wait_for_timeout(500)
    times = [
        float(page.evaluate(CHANGE, [menu, target, indexes[n % len(indexes)]]))
        for n in range(changes)
    ]
    context.close()
    return times


def _spread(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5, help="page loads per page")
    parser.add_argument("--changes", type=int, default=40, help="answer changes measured")
    args = parser.parse_args()
    with servers.fresh_app_in_browser("measure") as (app, browser):
        fill_answers(app.home / "answers.json")
        write_baseline(app.workspace)
        section = first_widget(browser, app, "05-clarify.ipynb", ".wb-exercise", args.loads)
        plan = first_widget(browser, app, "09-my-plan.ipynb", ".wb-my-plan", args.loads)
        base = first_widget(browser, app, BASELINE, ".bench-menu", args.loads)
        shown = changes_shown(
            browser, app, "05-clarify.ipynb", ".wb-input-next-step select",
            ".wb-exercise .wb-plan", [5, 3], args.changes,
        )  # fmt: skip
        base_shown = changes_shown(
            browser, app, BASELINE, ".bench-menu select", ".bench-shown", [1, 2], args.changes
        )

    def loads(label: str, seconds: list[float]) -> None:
        warm = statistics.median(seconds[1:] or seconds)
        print(f"  {label:<38} median {warm:5.2f} s   first load {seconds[0]:5.2f} s")

    print(f"page asked for -> first widget on screen ({args.loads} loads each)")
    loads("05-clarify (a section)", section)
    loads("09-my-plan (plan, chart, drafts)", plan)
    loads("baseline: one menu, one text", base)
    slowest = max(section)
    print(f"  target 5 s for a section: {'met' if slowest <= 5 else 'NOT met'} (slowest load)")
    median, p95 = _spread(shown)
    base_median, base_p95 = _spread(base_shown)
    print(f"answer changed -> plan redrawn on the page ({args.changes} changes each)")
    for label, (middle, high) in (
        ("05-clarify, next step", (median, p95)),
        ("baseline: menu -> text", (base_median, base_p95)),
    ):
        print(f"  {label:<38} median {middle:5.0f} ms   95th pct {high:5.0f} ms")
    print(f"  target 300 ms: {'met' if p95 <= 300 else 'NOT met'} at the 95th percentile")


if __name__ == "__main__":
    main()
