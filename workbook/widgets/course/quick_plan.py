"""The quick plan: the few answers tonight's plan needs, on one page, then the plan itself.

For someone whose interview was today and who wants their calendar file in minutes rather than
the whole course. It asks each answer with the same inputs as the sections, linked to the same
shared `PlanState`, so the answers are the ones the course shows later, already filled in. The
plan, its drafts with the reviewer's notes and **Save my plan files** are the plan page's own
views (`workbook.widgets.course.my_plan`), without what comes after sending.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from workbook.tracker.store import default_path
from workbook.widgets.controls import linked_answer
from workbook.widgets.course.my_plan import files_view, plan_review
from workbook.widgets.panel import panel_editor
from workbook.widgets.state import OWN, PlanState

__all__ = ["PANEL_COLUMNS", "QUICK_STEPS", "quick_answers", "quick_plan"]

QUICK_STEPS: dict[str, tuple[str, ...]] = {
    "interview": ("company", "role", "date", "time"),
    "people": ("interviewers",),
    "next-step": ("next_step", "decision_date", "expected_by", "call_ok_by", "candidate_phone"),
    "you": ("highlights", "new_info", "candidate"),
}
"""The steps of the quick plan and the answers each one asks for, in order. `interviewers` is
the panel: one row per person, with how to address them and one moment with them."""
PANEL_COLUMNS = ("email", "title", "moment")
"""What the quick plan asks about each interviewer besides the name (the email if it is known)."""


def _own(state: PlanState | None) -> PlanState:
    """The shared state, on the learner's own interview: the quick plan is about today's
    interview, never a practice one (switching back is saved, so the course follows)."""
    state = state or PlanState.shared()
    state.slot = OWN
    return state


def quick_answers(step: str, state: PlanState | None = None) -> w.VBox:
    """The inputs of one step of the quick plan (a key of `QUICK_STEPS`), linked to the saved
    answers the sections use."""
    if step not in QUICK_STEPS:
        raise ValueError(f"no quick-plan step {step!r}; the steps are {', '.join(QUICK_STEPS)}")
    state = _own(state)
    inputs: list[w.Widget] = []
    for name in QUICK_STEPS[step]:
        if name == "interviewers":
            editor = panel_editor(state, PANEL_COLUMNS)
            editor.add_class("wb-input-interviewers")
            inputs.append(editor)
        else:
            inputs.append(linked_answer(state, name))
    box = w.VBox(inputs)
    box.add_class("wb-quick-answers")
    box.add_class(f"wb-quick-{step}")
    return box


def quick_plan(state: PlanState | None = None, tracker: Path | None = None) -> w.VBox:
    """The plan from the answers, every draft with the reviewer's notes, and **Save my plan
    files** with a download link for each file; updated as the answers above change."""
    state = _own(state)
    path = tracker or default_path()
    box = w.VBox(
        [plan_review(state, path, tracking=False, timeline=False), files_view(state, path)]
    )
    box.add_class("wb-quick-plan")
    return box
