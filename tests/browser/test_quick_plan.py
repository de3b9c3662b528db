"""The quick plan in a real browser: from the start page to a downloaded calendar file in the
app, as a newcomer walks it, and the same page opened and run from JupyterLab's start page."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Any

import icalendar
import pytest

from tests.browser import servers
from tests.browser.servers import Server, page_problems
from tests.browser.test_app import expect, keyboard_unreachable, serious, wait_saved
from workbook.widgets.state import PlanState

COMPANY = "Acme Logistics, Ltd; North"
"""A company name with the two characters a calendar file must escape."""
INTERVIEW = dt.date(2026, 11, 23)
IN_TOUCH_BY = dt.date(2026, 11, 27)
CALL_BY = dt.date(2026, 12, 1)
MOMENT = "the tour of the new sorting line"
SHOTS = os.environ.get("WORKBOOK_SHOTS")
"""A folder to save a screenshot of each step into, when set (for looking at the page)."""


class Newcomer:
    """A learner at the keyboard, who counts the fields they fill and the clicks they make."""

    def __init__(self, page: Any) -> None:
        self.page, self.fields, self.clicks, self.typed = page, 0, 0, 0

    def type(self, css: str, value: str) -> None:
        """Type `value` into the field `css`, then leave it (that sends the answer)."""
        field = self.page.locator(f"{css} input, {css} textarea").first
        field.fill(value)
        field.press("Tab")
        self.fields += 1
        self.typed += len(value)

    def choose(self, css: str, label: str) -> None:
        self.page.locator(f"{css} select").select_option(label=label)
        self.fields += 1

    def click(self, locator: Any) -> None:
        locator.click()
        self.clicks += 1

    def shot(self, name: str) -> None:
        if SHOTS:
            self.page.screenshot(path=str(Path(SHOTS) / f"quick-{name}.png"), full_page=True)


def test_a_newcomer_gets_the_calendar_file_from_the_start_page(
    app: Server, page: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """From the start page's Quick plan link, the answers the quick plan asks give a plan whose
    calendar file downloads with a thank-you on the interview day and the call on the day they
    allowed, the company's comma and semicolon escaped; the sections then show those answers."""
    started = time.monotonic()
    learner = Newcomer(page)
    page.goto(app.url("/"))
    page.wait_for_url("**/voila/render/00-start.ipynb")
    page.wait_for_function(servers.PAGE_READY, timeout=60_000)
    learner.shot("0-start")
    learner.click(page.get_by_role("link", name="Quick plan: I had an interview today"))
    page.wait_for_url("**/voila/render/quick-plan.ipynb")
    page.wait_for_function(servers.PAGE_READY, timeout=60_000)
    expect(page.locator(".wb-plan")).to_contain_text("To see your plan, fill in")
    learner.shot("1-empty")
    assert not page_problems(page, "Quick plan")
    assert not keyboard_unreachable(page)
    words = len(" ".join(page.locator(".jp-RenderedMarkdown").all_inner_texts()).split())

    learner.type(".wb-input-company", COMPANY)
    learner.type(".wb-input-role", "Warehouse Supervisor")
    learner.type(".wb-input-date", INTERVIEW.isoformat())
    learner.type(".wb-input-time", "10:30")
    learner.type(".wb-person-1 .wb-person-name", "Dana Reyes")
    learner.type(".wb-person-1 .wb-person-email", "dana@acme.example")
    learner.choose(".wb-person-1 .wb-person-title", "Ms Reyes")
    learner.type(".wb-person-1 .wb-person-moment", MOMENT)
    learner.choose(".wb-input-next-step", 'Something vague ("we\'ll be in touch")')
    learner.type(".wb-input-expected-by", IN_TOUCH_BY.isoformat())
    learner.type(".wb-input-call-ok-by", CALL_BY.isoformat())
    learner.type(".wb-input-candidate-phone", "07700 900123")
    learner.type(".wb-input-highlights", "I cut picking errors by 30% at my last job")
    learner.type(".wb-input-new-info", "my forklift certificate came through")
    learner.type(".wb-input-candidate", "Alex Kim")
    wait_saved(app, lambda own: own["values"]["candidate"] == "Alex Kim", "your name")

    steps = page.locator(".wb-quick-plan .wb-plan .wb-steps")
    expect(steps).to_contain_text("Thank-you email to Dana Reyes")
    expect(steps).to_contain_text("Tuesday 1 December")
    thank_you = page.locator(".wb-step-thank-you-1")
    body = thank_you.locator(".wb-draft-body textarea").input_value()
    assert body.startswith("Dear Ms Reyes,") and MOMENT in body
    expect(thank_you.locator(".wb-review")).not_to_be_empty()
    learner.shot("2-plan")

    learner.click(page.locator(".wb-save-files"))
    link = page.locator(".wb-downloads a", has_text="plan.ics")
    expect(link).to_be_visible()
    with page.expect_download() as arrival:
        learner.click(link)
    learner.shot("3-saved")
    minutes = (time.monotonic() - started) / 60
    download = arrival.value
    assert download.suggested_filename == "plan.ics"
    raw = Path(download.path()).read_bytes()
    assert b"Acme Logistics\\, Ltd\\; North" in raw.replace(b"\r\n ", b"")  # RFC 5545 text
    events = list(icalendar.Calendar.from_ical(raw).walk("VEVENT"))
    summaries = {str(event["SUMMARY"]): event.decoded("DTSTART") for event in events}
    assert summaries[f"Thank-you email to Dana Reyes ({COMPANY})"] == INTERVIEW
    calls = [day for summary, day in summaries.items() if summary.startswith("Follow-up call")]
    assert calls == [CALL_BY]
    assert not serious(servers.axe_violations(page))
    assert not page.errors, page.errors
    with capsys.disabled():
        print(
            f"\nquick plan: {learner.fields} fields filled ({learner.typed} characters typed), "
            f"{learner.clicks} clicks from the start page to plan.ics; {words} words to read "
            f"({words / 200:.1f} minutes at 200 a minute); the scripted walk: {minutes:.1f} min"
        )

    servers.open_app_page(page, app, "01-intro.ipynb")  # the course finds the answers given
    assert page.locator(".wb-input-company input").input_value() == COMPANY
    servers.open_app_page(page, app, "06-call-or-email.ipynb")
    assert page.locator(".wb-input-call-ok-by input").input_value() == CALL_BY.isoformat()
    assert not page.errors, page.errors


def test_the_quick_plan_opens_and_runs_from_jupyterlabs_start_page(lab: Server, page: Any) -> None:
    """In JupyterLab, the start notebook's Quick plan link opens the quick plan, and running
    all its cells shows the questions, the plan from the saved answers and the save button."""
    state = PlanState(answers_file=lab.home / "answers.json")  # answers given earlier
    state.company, state.role, state.date = COMPANY, "Warehouse Supervisor", INTERVIEW
    state.interviewers = [{"name": "Dana Reyes", "email": "dana@acme.example"}]

    servers.open_lab_notebook(page, lab, "00-start.ipynb")
    page.locator(".jp-RenderedMarkdown a", has_text="Quick plan").first.click()
    tab = page.locator(".lm-TabBar-tab.lm-mod-current", has_text="quick-plan.ipynb")
    expect(tab).to_be_visible(timeout=90_000)
    servers.lab_kernel_idle(page)  # the quick plan's own kernel, not the start page's
    servers.run_all_cells(page)
    expect(page.locator(".wb-quick-interview .wb-input-company input")).to_have_value(
        COMPANY,
        timeout=90_000,  # the new notebook's kernel starts first
    )
    expect(page.locator(".wb-quick-plan .wb-plan")).to_contain_text(
        "Thank-you email to Dana Reyes", timeout=60_000
    )
    expect(page.locator(".wb-save-files")).to_be_visible()
    Newcomer(page).shot("lab")
    assert "Error displaying widget" not in page.locator("body").inner_text()
