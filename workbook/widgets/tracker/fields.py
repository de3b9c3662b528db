"""The small toolkit of the tracker's forms and editors: labelled fields, a form with its
button and message, and a click that says what it did or, calmly, why nothing changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from html import escape
from typing import Any, TypeVar

import ipywidgets as w

from workbook.model import WorkbookError
from workbook.tracker.store import TrackerError
from workbook.widgets import controls

__all__ = [
    "FIELD_STYLE",
    "FIELD_WIDTH",
    "MissingError",
    "choice_field",
    "classed",
    "date_field",
    "flag_field",
    "form_box",
    "need",
    "problem_html",
    "set_options",
    "submit",
    "text_field",
]

FIELD_STYLE = {"description_width": "12rem"}
FIELD_WIDTH = w.Layout(width="min(42rem, 100%)")

T = TypeVar("T")

# -- small helpers -----------------------------------------------------------------------------


class MissingError(WorkbookError, ValueError):
    """A form was sent without something it needs."""


def need(value: T | None, what: str) -> T:
    if value is None or value == "":
        raise MissingError(f"Fill in {what} first.")
    return value


def _ok(text: str) -> str:
    return f'<p role="status">{escape(text)}</p>'


def problem_html(text: str) -> str:
    sentence = text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")
    return f'<p role="alert"><strong>Nothing was changed.</strong> {escape(sentence)}</p>'


def submit(button: w.Button, message: w.HTML, action: Callable[[], str]) -> None:
    """Run `action` on a click and show what it says, or why it could not be done."""

    def clicked(_: w.Button) -> None:
        try:
            message.value = _ok(action())
        except MissingError as missing:
            message.value = f'<p role="alert">{escape(str(missing))}</p>'
        except TrackerError as error:
            message.value = problem_html(str(error))

    button.on_click(clicked)


def classed(widget: Any, css: str) -> Any:
    widget.add_class(css)
    return widget


def text_field(description: str, css: str, placeholder: str = "") -> w.Text:
    field = w.Text(
        description=description, placeholder=placeholder, style=FIELD_STYLE, layout=FIELD_WIDTH
    )
    return classed(field, css)


def date_field(description: str, css: str, value: dt.date | None = None) -> w.DatePicker:
    return classed(w.DatePicker(description=description, value=value, style=FIELD_STYLE), css)


def choice_field(description: str, css: str, options: Sequence[tuple[str, Any]]) -> w.Dropdown:
    field = w.Dropdown(
        description=description, options=options, style=FIELD_STYLE, layout=FIELD_WIDTH
    )
    return classed(field, css)


def flag_field(description: str, css: str) -> w.Checkbox:
    return classed(w.Checkbox(description=description, indent=False), css)


def set_options(dropdown: w.Dropdown, options: Sequence[tuple[str, Hashable]]) -> None:
    """New options, keeping the choice when it is still among them."""
    kept = dropdown.value
    dropdown.options = options
    values = [value for _, value in options]
    dropdown.value = kept if kept in values else (values[0] if values else None)


def form_box(
    title: str, css: str, fields: Sequence[w.Widget], label: str
) -> tuple[w.VBox, w.Button, w.HTML]:
    button = controls.button(label, f"{css}-submit", button_style="primary")
    message = classed(w.HTML(), "wb-form-message")
    box = w.VBox([w.HTML(f"<h4>{escape(title)}</h4>"), *fields, button, message])
    return classed(box, css), button, message
