"""The panel editor: one row per interviewer, linked to the rows of a `PlanState`.

Each row has the person's name and, as the section asks, their email address, how the learner
addresses them and the moment noted with them. The state holds every rule about the rows (a
title typed with the name is moved to its own field there); this view only shows the rows and
passes on what is typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from workbook.widgets import controls
from workbook.widgets.labels import address_choices
from workbook.widgets.state import FIELD_LABELS, ROW_FIELDS, PlanState, Row

__all__ = ["COLUMNS", "PANEL_ANSWERS", "panel_editor"]

COLUMNS = ("email", "title", "moment")
"""The fields a row may show beside the name, in the order they appear."""
PANEL_ANSWERS: dict[str, tuple[str, ...]] = {
    "interviewers": ("email", "title"),
    "moment": ("moment",),
}
"""The answers of the course that the panel editor gives, and the columns each one shows."""

_PLACEHOLDERS = {
    "name": "e.g. Dana Reyes, or Ms Dana Reyes",
    "email": "e.g. dana@acme.example, if you have it",
    "moment": "e.g. the tour of the new sorting line",
}
_LABELS = {
    "name": "Name",
    "email": "Email",
    "title": "How to address them",
    "moment": FIELD_LABELS["moment"],
}

Show = Callable[[Row], None]


def _field(column: str) -> w.ValueWidget:
    common: dict[str, Any] = {
        "description": _LABELS[column],
        "style": controls.FIELD_STYLE,
        "layout": controls.FIELD_WIDTH,
    }
    field: w.ValueWidget
    if column == "title":
        field = w.Dropdown(options=address_choices(""), **common)
    else:
        field = w.Text(continuous_update=False, placeholder=_PLACEHOLDERS[column], **common)
    field.add_class(f"wb-person-{column}")
    return field


def _row_view(state: PlanState, index: int, columns: tuple[str, ...]) -> tuple[w.VBox, Show]:
    """The widgets of row `index`, and the function that shows a row's values in them."""
    fields = {column: _field(column) for column in ("name", *columns)}
    remove = controls.button("Remove", "wb-remove-person", icon="trash")
    showing = False  # while the state's values are shown, the fields' changes are not typing

    def show(row: Row) -> None:
        nonlocal showing
        showing = True
        try:
            if "title" in fields:
                fields["title"].options = address_choices(row["name"])
            for column, field in fields.items():
                field.value = row[column]
            remove.tooltip = f"Remove {row['name']}" if row["name"] else "Remove this row"
        finally:
            showing = False

    def typed(change: dict[str, Any]) -> None:
        if not showing:
            column = next(c for c, f in fields.items() if f is change["owner"])
            state.update_interviewer(index, **{column: change["new"]})

    for field in fields.values():
        field.observe(typed, names="value")
    remove.on_click(lambda _: state.remove_interviewer(index))
    view = w.VBox([controls.with_button(fields["name"], remove), *(fields[c] for c in columns)])
    view.add_class("wb-person")
    view.add_class(f"wb-person-{index + 1}")
    return view, show


def panel_editor(
    state: PlanState | None = None, columns: tuple[str, ...] = ("email", "title")
) -> w.VBox:
    """One row per interviewer, with the name and the `columns` (some of `COLUMNS`), and
    buttons to add and remove people. With nobody named yet it shows one empty row."""
    state = state or PlanState.shared()
    shown = tuple(column for column in COLUMNS if column in columns)
    rows = w.VBox()
    rows.add_class("wb-panel-rows")
    shows: list[Show] = []
    add = controls.button("Add someone", "wb-add-person", icon="plus")

    def add_row(_: w.Button) -> None:
        if not state.interviewers:  # the empty row on show becomes a row, and one more follows
            state.add_interviewer()
        state.add_interviewer()

    add.on_click(add_row)
    heading = w.HTML("<p><strong>Who interviewed you</strong> (one row per person)</p>")

    def render(_: object = None) -> None:
        wanted = state.interviewers or [dict.fromkeys(ROW_FIELDS, "")]
        if len(wanted) != len(shows):
            views = [_row_view(state, index, shown) for index in range(len(wanted))]
            shows[:] = [show for _, show in views]
            rows.children = [view for view, _ in views]
        for show, row in zip(shows, wanted, strict=True):
            show(row)

    state.observe(render, names=["interviewers"])
    render()
    box = w.VBox([heading, rows, add])
    box.add_class("wb-panel")
    return box
