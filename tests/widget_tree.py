"""Helpers of the widget tests: find widgets in a view by their CSS class, and a learner's
basic answers (Monday's interview at Acme Logistics with Dana Reyes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from workbook.widgets import PlanState

MONDAY = dt.date(2026, 11, 23)


def find(root: w.Widget, css: str) -> list[Any]:
    """Every widget under `root` that carries the CSS class `css`."""
    found = [root] if css in getattr(root, "_dom_classes", ()) else []
    for child in getattr(root, "children", ()):
        found += find(child, css)
    return found


def every(root: w.Widget) -> list[Any]:
    """`root` and every widget inside it."""
    return [root, *(inner for child in getattr(root, "children", ()) for inner in every(child))]


def one(root: w.Widget, css: str) -> Any:
    """The one widget under `root` with the CSS class `css` (an error if none or several)."""
    (widget,) = find(root, css)
    return widget


def fill_basics(state: PlanState) -> None:
    """The answers a plan needs: company, role, date, one interviewer and the learner's name."""
    state.company = "Acme Logistics"
    state.role = "Warehouse Supervisor"
    state.date = MONDAY
    state.interviewers = [{"name": "Dana Reyes", "email": "dana@acme.example"}]
    state.candidate = "Alex Kim"
