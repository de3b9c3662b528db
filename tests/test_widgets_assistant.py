"""The AI assistant view, driven without a browser: set `.value`, click, read state and HTML."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

import pytest

from tests.widget_tree import MONDAY, fill_basics, one
from workbook.rules.assistant import assistant_prompt
from workbook.widgets import PlanState, assistant

PUSHY_REPLY = (
    "Subject: Still keen on the Warehouse Supervisor role\n\n"
    "Dear Dana,\n\nI am the strongest candidate you will meet, so please reply as soon as "
    "possible.\n\nBest regards,\nAlex Kim\n"
)


@pytest.fixture
def state(isolated_home: Path) -> PlanState:
    return PlanState(today=MONDAY)


def test_without_a_plan_it_says_what_to_fill_in(state: PlanState) -> None:
    """Before the basics are given the view shows what is missing and hides the rest."""
    view = assistant(state)
    assert "To see your plan, fill in: company" in one(view, "wb-assistant-status").value
    assert one(view, "wb-assistant-work").layout.display == "none"


def test_each_message_of_the_plan_has_its_prompt_and_a_copy_button(state: PlanState) -> None:
    """The menu lists the plan's messages by title and date; the prompt shown is the rules'
    prompt for the chosen one, in a read-only area with a copy button."""
    fill_basics(state)
    view = assistant(state)
    menu = one(view, "wb-assistant-step")
    assert [label for label, _ in menu.options] == [
        "Thank-you email to Dana Reyes, Monday 23 November",
        "Follow-up email to Dana Reyes, Monday 30 November",
    ]
    assert state.plan is not None
    html = one(view, "wb-assistant-prompt").value
    thank_you = assistant_prompt(state.plan, state.plan.steps[0])
    assert escape(thank_you) in html and "readonly" in html
    assert 'class="wb-copy wb-assistant-copy"' in html and "Copy the prompt" in html
    menu.value = "follow-up-1"
    assert escape(assistant_prompt(state.plan, state.plan.steps[1])) in (
        one(view, "wb-assistant-prompt").value
    )
    assert one(view, "wb-assistant-work").layout.display is None


def test_the_pasted_answer_is_reviewed_and_kept_as_the_draft(state: PlanState) -> None:
    """Pasted text gets the reviewer's findings; the button keeps it as the learner's edit,
    its Subject line taken out as the subject."""
    fill_basics(state)
    view = assistant(state)
    one(view, "wb-assistant-step").value = "follow-up-1"
    findings = one(view, "wb-assistant-findings")
    assert "the reviewer reads it here" in findings.value
    one(view, "wb-assistant-paste").value = PUSHY_REPLY
    assert "pushy" in findings.value and "strongest candidate" in findings.value
    assert "Still keen on the Warehouse Supervisor role" in findings.value
    one(view, "wb-assistant-use").click()
    kept = state.edit_of("follow-up-1")
    assert kept is not None and kept.subject == "Still keen on the Warehouse Supervisor role"
    assert kept.body.startswith("Dear Dana,\n\nI am the strongest") and "Subject" not in kept.body
    assert "Kept as your draft" in one(view, "wb-assistant-used").value
    assert state.edit_of("thank-you-1") is None


def test_nothing_pasted_keeps_nothing(state: PlanState) -> None:
    """Clicking the button before pasting asks for the answer and leaves the edits alone."""
    fill_basics(state)
    view = assistant(state)
    one(view, "wb-assistant-use").click()
    assert state.edits == {}
    assert "Paste the assistant" in one(view, "wb-assistant-used").value


def test_typed_and_pasted_html_is_shown_as_text(state: PlanState) -> None:
    """A company name and a pasted answer that hold HTML are escaped wherever they are shown."""
    fill_basics(state)
    state.company = "<b>Acme</b>"
    view = assistant(state)
    assert "&lt;b&gt;Acme&lt;/b&gt;" in one(view, "wb-assistant-prompt").value
    assert "<b>Acme" not in one(view, "wb-assistant-prompt").value
    one(view, "wb-assistant-paste").value = "Dear Dana,\n[<img src=x onerror=alert(1)>]\n"
    findings = one(view, "wb-assistant-findings").value
    assert "<img" not in findings and "&lt;img" in findings


def test_the_chosen_message_stays_chosen_as_answers_change(state: PlanState) -> None:
    """When an answer changes the plan, the same message stays chosen and its prompt follows."""
    fill_basics(state)
    view = assistant(state)
    one(view, "wb-assistant-step").value = "follow-up-1"
    state.highlights = "Trained six new starters"
    assert one(view, "wb-assistant-step").value == "follow-up-1"
    assert "Trained six new starters" in one(view, "wb-assistant-prompt").value
    state.date = dt.date(2026, 11, 24)
    assert "Tuesday 24 November 2026" in one(view, "wb-assistant-prompt").value


def test_a_practice_interview_is_marked_as_practice(state: PlanState) -> None:
    """A practice case shows the practice banner above a prompt built from its answers."""
    state.slot = "practice:teaching"
    view = assistant(state)
    assert "wb-practice-banner" in one(view, "wb-assistant-status").value
    assert "Riverside Primary School" in one(view, "wb-assistant-prompt").value
