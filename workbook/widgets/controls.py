"""Small builders every view shares, so each control looks and behaves the same everywhere."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

__all__ = ["FIELD_STYLE", "FIELD_WIDTH", "OPTIONS", "button", "options_style", "with_button"]

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
