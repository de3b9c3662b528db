"""The notebooks in JupyterLab, in a real browser: run a section, change an answer, see the plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.browser.servers import Server, open_lab_notebook, run_all_cells
from tests.browser.test_app import LONG_WORDS, OPTION_BOXES, option_problems
from workbook.widgets.state import PlanState


def test_a_section_run_in_jupyterlab_updates_its_plan_from_the_browser(
    lab: Server, page: Any
) -> None:
    """Open the clarify notebook, run all its cells, choose another answer in the browser, and
    the plan under the questions changes with it; the lab-only help, and the download of the
    card to print before an interview, are shown here, and the self-check's options (a long one
    too) wrap without overlapping."""
    from playwright.sync_api import expect

    state = PlanState(answers_file=lab.home / "answers.json")  # answers given in earlier parts
    state.company, state.role = "Acme Logistics", "Warehouse Supervisor"
    state.date = dt.date(2026, 11, 23)
    state.interviewers = [{"name": "Dana Reyes", "email": "dana@acme.example"}]

    open_lab_notebook(page, lab, "05-clarify.ipynb")
    run_all_cells(page)

    plan = page.locator(".wb-plan").first
    expect(plan).to_contain_text("Thank-you email to Dana Reyes", timeout=60_000)
    expect(plan).not_to_contain_text("What to prepare")
    page.locator(".wb-input-next-step select").select_option(label="A background check comes next")
    expect(plan).to_contain_text("What to prepare", timeout=15_000)
    expect(page.locator(".wb-lab-only").first).to_be_visible()
    expect(page.locator(".wb-leave-card a.wb-download")).to_be_visible()
    page.locator(".wb-quiz .widget-radio-box label").first.scroll_into_view_if_needed()
    assert not option_problems(page.evaluate(OPTION_BOXES, LONG_WORDS))
    assert "Error displaying widget" not in page.locator("body").inner_text()
