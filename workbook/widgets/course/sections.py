"""The views of the section notebooks: an exercise, the plan it produces, and a self-check.

Each view builds widgets, links them to the shared `PlanState`, and shows what the package
computes; no rule lives here. Widgets carry stable CSS classes (`wb-...`) and labels, so tests
and screen readers can find them.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as w
from traitlets import link

from workbook.model import Section
from workbook.rules.course import Question, option_order, section
from workbook.widgets.controls import (
    FIELD_STYLE,
    FIELD_WIDTH,
    OPTIONS,
    linked_answer,
    options_style,
)
from workbook.widgets.panel import PANEL_ANSWERS, panel_editor
from workbook.widgets.render import plan_part_html, save_problem_html
from workbook.widgets.state import OWN, PlanState

__all__ = ["exercise", "practice_picker", "quiz"]


def practice_picker(state: PlanState | None = None) -> w.Dropdown:
    """Choose between the learner's own interview and a made-up one to practise on."""
    state = state or PlanState.shared()
    options = [("My own interview", OWN)] + [
        (case.title, f"practice:{case.id}") for case in state.practice_cases
    ]
    picker = w.Dropdown(
        options=options, description="Work on", style=FIELD_STYLE, layout=FIELD_WIDTH
    )
    picker.add_class("wb-practice-picker")
    link((state, "slot"), (picker, "value"))  # the state first: it holds the saved answer
    return picker


def _plan_view(state: PlanState, section_id: Section) -> w.HTML:
    view = w.HTML()
    view.add_class("wb-plan")

    def render(_: object = None) -> None:
        part = plan_part_html(state.plan, state.problem, section_id, state.practising)
        view.value = save_problem_html(state.save_problem) + part

    state.observe(render, names=["plan", "problem", "save_problem"])
    render()
    return view


def exercise(section_id: str, state: PlanState | None = None) -> w.VBox:
    """The section's exercise: practice picker, inputs linked to the state, the plan so far."""
    state = state or PlanState.shared()
    part = section(section_id)
    controls: list[w.Widget] = []
    for name in (*part.exercise, *part.optional):
        if name in PANEL_ANSWERS:
            editor = panel_editor(state, PANEL_ANSWERS[name])
            editor.add_class(f"wb-input-{name}")
            controls.append(editor)
            continue
        controls.append(linked_answer(state, name))
    box = w.VBox([options_style(), practice_picker(state), *controls, _plan_view(state, part.id)])
    box.add_class("wb-exercise")
    box.add_class(f"wb-section-{part.id.value}")
    return box


def _question_view(question: Question, state: PlanState) -> w.VBox:
    choice = w.RadioButtons(
        options=[(question.options[i].text, i) for i in option_order(question, state.learner)],
        value=state.choices.get(question.id),
        layout=FIELD_WIDTH,
    )
    choice.add_class("wb-choice")
    choice.add_class(OPTIONS)
    feedback = w.HTML()
    feedback.add_class("wb-feedback")

    def show(_: object = None) -> None:
        index = choice.value
        if index is None:
            feedback.value = ""
            return
        option = question.options[index]
        verdict = "Right" if option.correct else "Not quite"
        feedback.value = (
            f'<p role="status"><strong>{verdict}.</strong> {escape(option.feedback)}</p>'
        )

    def chosen(change: dict[str, Any]) -> None:
        if change["new"] is not None:
            state.choose(question.id, change["new"])
        show()

    choice.observe(chosen, names="value")
    show()
    prompt = w.HTML(f"<p><strong>{escape(question.prompt)}</strong></p>")
    box = w.VBox([prompt, choice, feedback])
    box.add_class("wb-question")
    box.add_class(f"wb-question-{question.id}")
    return box


def quiz(section_id: str, state: PlanState | None = None) -> w.VBox:
    """The section's self-check questions, with feedback on every answer, saved as chosen."""
    state = state or PlanState.shared()
    part = section(section_id)
    box = w.VBox(
        [options_style(), *(_question_view(question, state) for question in part.questions)]
    )
    box.add_class("wb-quiz")
    return box
