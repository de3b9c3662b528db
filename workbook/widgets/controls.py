"""Small builders every view shares, so each control looks and behaves the same everywhere."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

__all__ = ["button"]


def button(description: str, css: str, **options: Any) -> w.Button:
    """A button as wide as its words (ipywidgets cuts longer labels off at a fixed width), with
    the stable CSS class `css` that tests and styles find it by."""
    made = w.Button(
        description=description, layout=w.Layout(width="auto", align_self="flex-start"), **options
    )
    made.add_class(css)
    return made
