"""The views of the section notebooks: an exercise, the plan it produces, and a self-check.

Each view builds widgets, links them to the shared `PlanState`, and shows what the package
computes; no rule lives here. Widgets carry stable CSS classes (`wb-...`) and labels, so tests
and screen readers can find them.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from traitlets import link

from workbook.model import PLAN_CHANNELS, Channel, Section
from workbook.rules.course import Question, option_order, section
from workbook.widgets.controls import FIELD_STYLE, FIELD_WIDTH, OPTIONS, options_style
from workbook.widgets.labels import NEXT_STEP_LABELS
from workbook.widgets.panel import PANEL_ANSWERS, panel_editor
from workbook.widgets.render import plan_part_html, save_problem_html
from workbook.widgets.state import FIELD_LABELS, OWN, PlanState

__all__ = ["exercise", "practice_picker", "quiz"]

_CHANNEL_LABELS = {Channel.EMAIL: "Email", Channel.PHONE: "Phone", Channel.LETTER: "Letter"}
_PLACEHOLDERS = {
    "company": "e.g. Acme Logistics",
    "role": "e.g. Warehouse Supervisor",
    "highlights": "One per line, e.g.\nI cut picking errors by 30% at my last job",
    "new_info": "One per line, e.g.\nmy forklift certificate came through",
    "further_news": "Only what came after your first follow-up, one per line, e.g.\n"
    "I can now start at once",
    "country": "e.g. US, GB or DE-BY",
    "candidate": "Your name, to sign the drafts",
    "candidate_phone": "e.g. 07700 900123, a number they can call back",
    "candidate_address": "Your street, town and postcode, one per line",
    "employer_address": "Their street, town and postcode, one per line",
}
_TEXT_BOXES = ("highlights", "new_info", "further_news", "candidate_address", "employer_address")


def _control(name: str) -> w.ValueWidget:
    """The input for one answer, labelled with its name from `FIELD_LABELS`."""
    label = FIELD_LABELS[name]
    common: dict[str, Any] = {"description": label, "style": FIELD_STYLE, "layout": FIELD_WIDTH}
    control: w.ValueWidget
    if name in ("date", "decision_date", "expected_by", "call_ok_by"):
        control = w.DatePicker(**common)
    elif name == "time":
        control = w.TimePicker(**common)
    elif name in _TEXT_BOXES:
        control = w.Textarea(rows=3, continuous_update=False, **common)
    elif name == "next_step":
        control = w.Dropdown(options=[(t, s) for s, t in NEXT_STEP_LABELS.items()], **common)
    elif name == "preferred_channel":
        options = [(_CHANNEL_LABELS[c], c) for c in PLAN_CHANNELS]
        control = w.RadioButtons(options=options, **common)
        control.add_class(OPTIONS)
    elif name == "people_facing":
        control = w.Checkbox(indent=False, description=f"{label}: sales, HR, teaching, care...")
    else:
        control = w.Text(continuous_update=False, **common)
    if name in _PLACEHOLDERS and hasattr(control, "placeholder"):
        control.placeholder = _PLACEHOLDERS[name]
    control.add_class(f"wb-input-{name.replace('_', '-')}")
    return control


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
        control = _control(name)
        link((state, name), (control, "value"))
        controls.append(control)
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
        feedback.value = f'<p role="status"><strong>{verdict}.</strong> {option.feedback}</p>'

    def chosen(change: dict[str, Any]) -> None:
        if change["new"] is not None:
            state.choose(question.id, change["new"])
        show()

    choice.observe(chosen, names="value")
    show()
    prompt = w.HTML(f"<p><strong>{question.prompt}</strong></p>")
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
