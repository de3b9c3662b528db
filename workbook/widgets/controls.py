"""Small builders every view shares, so each control looks and behaves the same everywhere."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

__all__ = ["FIELD_STYLE", "FIELD_WIDTH", "button", "with_button"]

_ANSWER_WIDTH = "min(42rem, 100%)"
FIELD_STYLE = {"description_width": "14rem"}
"""The room an answer's label takes, the same for every answer of a section."""
FIELD_WIDTH = w.Layout(width=_ANSWER_WIDTH)
"""An answer's width: wide enough for a sentence, never wider than the page."""


def button(description: str, css: str, **options: Any) -> w.Button:
    """A button as wide as its words (ipywidgets cuts longer labels off at a fixed width), with
    the stable CSS class `css` that tests and styles find it by."""
    made = w.Button(
        description=description, layout=w.Layout(width="auto", align_self="flex-start"), **options
    )
    made.add_class(css)
    return made


def with_button(field: w.Widget, action: w.Button) -> w.HBox:
    """`field` and the button that acts on it on one line, as wide as one answer: the field
    gives up the room the button needs, so the button's words are never cut off."""
    field.layout = w.Layout(flex="1 1 auto", width="auto")
    action.layout.flex = "0 0 auto"
    return w.HBox([field, action], layout=w.Layout(width=_ANSWER_WIDTH, align_items="center"))
