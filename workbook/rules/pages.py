"""The standalone pages a learner or a facilitator prints or keeps, from Jinja2 templates.

Every page (the printable plan, the leave card, the call deck, a room's code cards, the
work-search log, the report) is a template in `page_templates/`, rendered with autoescaping:
whatever a learner typed reaches the page as text, never as markup, without a call to escape it
by hand. Templates extend `page.html.j2`, which holds the document's frame.
"""

from __future__ import annotations

from functools import cache

import jinja2

__all__ = ["render_page"]


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("workbook.rules", "page_templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_page(template: str, **values: object) -> str:
    """The page `template` (a file in `page_templates/`) filled with `values`, each escaped."""
    return _environment().get_template(template).render(**values)
