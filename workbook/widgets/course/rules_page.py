"""The rules page: the twelve rules the plan follows, in plain words, from `rules.toml`."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from workbook.rules.course import plain_rules

__all__ = ["rules_page"]


def rules_page() -> w.HTML:
    """The twelve rules as a numbered list, each with its plain name and what it means; the
    links in plans and reviewer's notes point here by those names."""
    items = "".join(
        f'<li id="rule-{rule.number}"><strong>{escape(rule.name)}.</strong> '
        f"{escape(rule.text)}</li>"
        for rule in plain_rules()
    )
    view = w.HTML(f'<ol class="wb-rules">{items}</ol>')
    view.add_class("wb-rules-view")
    return view
