"""Screenshots of the workshop app's main pages, for the README.

    python -m tests.browser.screenshots [--out docs]     (or: make screenshots)

Starts `workbook app --room` (on 127.0.0.1) on a temporary data folder holding one
participant's answers (made up, and dated 23 November 2026 so the pictures do not change with
the day they are taken), opens the page that asks for the participant's code, the start page, a
section and the plan in Chromium at a laptop's size, and saves one PNG of each into `--out`.
Not a test: a test run never changes a tracked file; this command does, on purpose, when the
app's look changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from tests.browser import servers
from workbook.home.room import keep_codes
from workbook.model import NextStep
from workbook.widgets.state import PlanState

VIEWPORT = {"width": 1280, "height": 800}
CODE = "maple-otter-427"
"""A fixed code on the room's register, so the pictures do not change from one run to the next."""


def fill_answers(answers: Path) -> None:
    """One learner's answers, as if typed in the section pages."""
    state = PlanState(answers_file=answers, today=dt.date(2026, 11, 24))
    state.company, state.role = "Acme Logistics", "Warehouse Supervisor"
    state.date = dt.date(2026, 11, 23)
    state.interviewers = [
        {
            "name": "Dana Reyes",
            "email": "dana@acme.example",
            "moment": "the tour of the new sorting line",
        },
        {"name": "Sam Ortiz", "title": "Mr", "moment": "the question about the night shift"},
    ]
    state.candidate = "Alex Kim"
    state.candidate_phone = "07700 900123"
    state.highlights = "I cut picking errors by 30% at Northwind"
    state.people_facing = False
    state.next_step = NextStep.VAGUE
    state.call_ok_by = dt.date(2026, 11, 27)
    for question in ("intro-1", "intro-2", "follow-up-1", "follow-up-2"):
        state.choose(question, 0)


def shoot(page: Any, path: Path, at: str | None = None) -> None:
    """Save the window as `path`, scrolled so that `at` (a CSS selector) is near the top."""
    if at:
        page.locator(at).first.evaluate(
            "(e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 70)"
        )
    page.wait_for_timeout(400)
    page.screenshot(path=str(path))
    print(f"wrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=servers.REPO / "docs")
    args = parser.parse_args()
    problem = servers.missing()
    if problem:
        raise SystemExit(f"cannot take screenshots: {problem}")
    args.out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="workbook-screens-") as root,
        servers.running("app", Path(root), "/", "--room", "--ip", "127.0.0.1") as app,
        servers.browser() as browser,
    ):
        keep_codes([CODE], root=app.home)
        (app.home / "participants" / CODE).mkdir(parents=True)
        fill_answers(app.home / "participants" / CODE / "answers.json")
        page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
        page.goto(app.url("/"))
        page.wait_for_url("**/voila/render/00-start.ipynb")
        page.get_by_label("Your code").fill(CODE)
        shoot(page, args.out / "app-code.png")
        page.get_by_role("button", name="Start").click()
        page.wait_for_function(servers.PAGE_READY, timeout=60_000)
        shoot(page, args.out / "app-start.png", at=".wb-progress-view")
        servers.open_app_page(page, app, "06-call-or-email.ipynb")
        shoot(page, args.out / "app-section.png", at=".wb-exercise")
        servers.open_app_page(page, app, "09-my-plan.ipynb")
        shoot(page, args.out / "app-my-plan.png", at=".wb-plan")
        page.locator(".wb-save-files").click()
        page.locator(".wb-downloads").wait_for()
        shoot(page, args.out / "app-downloads.png", at=".wb-save-files")
        servers.open_app_page(page, app, "10-tracker.ipynb")
        shoot(page, args.out / "app-tracker.png", at=".wb-tracker-forms")
        servers.open_app_page(page, app, "11-analysis.ipynb")
        page.locator(".wb-use-sample input").check()
        page.locator(".wb-analysis img").first.wait_for()
        shoot(page, args.out / "app-analysis.png", at=".wb-analysis")


if __name__ == "__main__":
    main()
