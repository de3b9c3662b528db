"""A user action that fails shows a short message in its own view, never a traceback.

Callbacks of buttons and inputs run in the kernel; an exception there would otherwise go to a
log the learner never sees (JupyterLab) or nowhere (the app), and the page would simply not
react. `guarded` catches it, logs it for whoever runs the workbook, and says in the page what
did not work.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from html import escape
from typing import ParamSpec

import ipywidgets as w

__all__ = ["error_html", "guarded", "reason"]

_LOG = logging.getLogger("workbook")
P = ParamSpec("P")


def reason(error: BaseException) -> str:
    """Why an action failed, in a few plain words: the system's reason for a file problem."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return "something unexpected went wrong"


def error_html(doing: str, error: BaseException) -> str:
    """One short message: what could not be done, why, and that nothing else was lost."""
    return (
        f'<p class="wb-error" role="alert"><strong>Could not {escape(doing)}:</strong> '
        f"{escape(reason(error))}. Your answers so far are saved; try again, and if it "
        "happens again, tell your facilitator.</p>"
    )


def guarded(message: w.HTML, doing: str) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """Wrap a widget callback so that an exception becomes `error_html(doing, ...)` in
    `message`; the message is cleared when the action next succeeds."""

    def wrap(callback: Callable[P, None]) -> Callable[P, None]:
        @functools.wraps(callback)
        def run(*args: P.args, **kwargs: P.kwargs) -> None:
            try:
                callback(*args, **kwargs)
            except Exception as error:
                _LOG.exception("workbook: could not %s", doing)
                message.value = error_html(doing, error)
            else:
                if 'class="wb-error"' in message.value:
                    message.value = ""

        return run

    return wrap
