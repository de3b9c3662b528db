"""Small builders every view shares, so each control looks and behaves the same everywhere:
buttons, and the input of each answer of a `PlanState`, which a section's exercise and the quick
plan both show."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from traitlets import link

from workbook.model import PLAN_CHANNELS, Channel
from workbook.widgets.labels import NEXT_STEP_LABELS
from workbook.widgets.state import FIELD_LABELS, PlanState

__all__ = [
    "FIELD_STYLE",
    "FIELD_WIDTH",
    "OPTIONS",
    "answer_control",
    "button",
    "linked_answer",
    "options_style",
    "with_button",
]

_ANSWER_WIDTH = "min(42rem, 100%)"
FIELD_STYLE = {"description_width": "14rem"}
"""The room an answer's label takes, the same for every answer of a section."""
FIELD_WIDTH = w.Layout(width=_ANSWER_WIDTH)
"""An answer's width: wide enough for a sentence, never wider than the page."""

OPTIONS = "wb-options"
"""The CSS class of radio buttons whose options `options_style` lays out."""
_OPTIONS_CSS = f"""
.{OPTIONS} .widget-radio-box {{ min-width: 0; }}
.{OPTIONS} .widget-radio-box label {{
  display: flex; align-items: flex-start; gap: 0.5rem;
  height: auto; min-height: var(--jp-widgets-radio-item-height);
  line-height: 1.45; padding: 0.2rem 0; overflow-wrap: anywhere; cursor: pointer;
}}
.{OPTIONS} .widget-radio-box input {{
  float: none; order: -1; flex: 0 0 auto; width: 1rem; height: 1rem;
  margin: calc((1.45em - 1rem) / 2) 0 0 1px; cursor: pointer;
}}
"""


def button(description: str, css: str, **options: Any) -> w.Button:
    """A button as wide as its words (ipywidgets cuts longer labels off at a fixed width), with
    the stable CSS class `css` that tests and styles find it by."""
    made = w.Button(
        description=description, layout=w.Layout(width="auto", align_self="flex-start"), **options
    )
    made.add_class(css)
    return made


def options_style() -> w.HTML:
    """The layout of radio options (the widgets with the class `OPTIONS`), in JupyterLab and
    in the app alike: ipywidgets gives each option one line's height and floats its circle
    after the words, so a long option overprints the next one. With this style each option is
    as tall as its words, its circle sits beside the first line, and the lines wrap beside the
    circle at any width. The widget itself takes no room; its style sheet applies to the page."""
    return w.HTML(f"<style>{_OPTIONS_CSS}</style>", layout=w.Layout(display="none"))


def with_button(field: w.Widget, action: w.Button) -> w.HBox:
    """`field` and the button that acts on it on one line, as wide as one answer: the field
    gives up the room the button needs, so the button's words are never cut off."""
    field.layout = w.Layout(flex="1 1 auto", width="auto")
    action.layout.flex = "0 0 auto"
    return w.HBox([field, action], layout=w.Layout(width=_ANSWER_WIDTH, align_items="center"))


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


def answer_control(name: str) -> w.ValueWidget:
    """The input for one answer, labelled with its name from `FIELD_LABELS`, with the stable
    CSS class `wb-input-<name>`."""
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
    elif name == "channel_seed":  # on: the state keeps a seed (see `linked_answer`)
        control = w.Checkbox(
            indent=False,
            description=f"{label}, so I can compare channels fairly later",
            layout=FIELD_WIDTH,
        )
    elif name == "own_lateness":
        control = w.Checkbox(indent=False, description=label, layout=FIELD_WIDTH)
    elif name == "never_channels":
        options = [("Never by phone", Channel.PHONE), ("Never by letter", Channel.LETTER)]
        control = w.SelectMultiple(options=options, rows=2, **common)
    else:
        control = w.Text(continuous_update=False, **common)
    if name in _PLACEHOLDERS and hasattr(control, "placeholder"):
        control.placeholder = _PLACEHOLDERS[name]
    control.add_class(f"wb-input-{name.replace('_', '-')}")
    return control


def linked_answer(state: PlanState, name: str) -> w.ValueWidget:
    """The input for answer `name`, linked both ways to that answer of `state` (the state's
    value shown first: it holds the saved answer)."""
    control = answer_control(name)
    if name == "channel_seed":  # a checkbox for a seed: on keeps one, off none
        control.value = state.channel_seed is not None
        state.observe(
            lambda change: setattr(control, "value", change["new"] is not None), "channel_seed"
        )
        control.observe(lambda change: state.choose_channels_at_random(change["new"]), "value")
        return control
    link((state, name), (control, "value"))
    return control
