"""The start view: progress through the sections, where the data lives, and deleting it."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from pathlib import Path

import ipywidgets as w

from workbook.home.folders import forget_everything, home
from workbook.home.room import participant
from workbook.home.workspace import notebook_pages
from workbook.rules.course import course, is_done
from workbook.widgets.controls import button
from workbook.widgets.safety import guarded
from workbook.widgets.state import PlanState

__all__ = ["progress_html", "start"]


def progress_html(state: PlanState, pages: Mapping[str, str] | None = None) -> str:
    """A table of the sections in order, with the minutes each takes and whether it is done.

    `pages` maps a section's id to its notebook's file name; a section with a page links to it
    (a link relative to the page showing the table, so it works in JupyterLab and in the app).
    """
    pages = pages or {}
    rows = []
    for number, part in enumerate(course(), 1):
        done = is_done(part, state.touched, state.choices)
        mark = "Done" if done else "Not yet"
        title = escape(part.title)
        page = pages.get(part.id.value)
        if page:
            title = f'<a href="{escape(page, quote=True)}">{title}</a>'
        rows.append(
            f'<tr class="{"wb-done" if done else "wb-todo"}"><td>{number}</td>'
            f"<td>{title}</td><td>{part.minutes} min</td><td>{mark}</td></tr>"
        )
    finished = sum(is_done(part, state.touched, state.choices) for part in course())
    total = sum(part.minutes for part in course())
    return (
        f'<table class="wb-progress"><caption>{finished} of {len(course())} sections done '
        f'(about {total} minutes in all)</caption><thead><tr><th scope="col">#</th>'
        '<th scope="col">Section</th><th scope="col">Time</th><th scope="col">Status</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _delete_view(state: PlanState) -> w.VBox:
    ask = button("Delete all my data", "wb-delete", button_style="danger")
    confirm = button("Yes, delete everything", "wb-delete-confirm", button_style="danger")
    cancel = button("No, keep my data", "wb-keep")
    keep_first = (
        " To keep a copy, download your plan files (on the plan page) and your tracker (on the "
        "tracker page) first."
        if participant() is not None
        else ""
    )
    question = w.HTML(
        "<p><strong>This deletes your answers, your drafts, your tracker and your saved "
        f"files, and cannot be undone.</strong>{keep_first}</p>"
    )
    confirm_box = w.VBox([question, w.HBox([confirm, cancel])])
    confirm_box.layout.display = "none"
    message = w.HTML()

    def asked(_: w.Button) -> None:
        confirm_box.layout.display = None
        message.value = ""

    def cancelled(_: w.Button) -> None:
        confirm_box.layout.display = "none"

    @guarded(message, "delete your data")
    def confirmed(_: w.Button) -> None:
        removed = forget_everything()
        state.reset()
        confirm_box.layout.display = "none"
        message.value = (
            f'<p role="status">Deleted {len(removed)} item(s). You are starting afresh.</p>'
        )

    ask.on_click(asked)
    cancel.on_click(cancelled)
    confirm.on_click(confirmed)
    return w.VBox([ask, confirm_box, message])


def start(state: PlanState | None = None) -> w.VBox:
    """Progress through the sections, the data folder, and a button to delete it all."""
    state = state or PlanState.shared()
    progress = w.HTML()
    progress.add_class("wb-progress-view")
    # The notebooks beside the page showing the table (a kernel runs in its notebook's folder):
    # in a workshop room they are the facilitator's, while the data folder is the participant's.
    pages = {page.slug: page.name for page in notebook_pages(Path.cwd())}

    def render(_: object = None) -> None:
        progress.value = progress_html(state, pages)

    state.observe(render, names=["touched", "choices", "slot"])
    render()
    code = participant()
    if code is None:
        where = w.HTML(
            "<p>Your answers, drafts and tracker are kept on this computer, in "
            f"<code>{escape(str(home()))}</code>. Nothing is sent anywhere.</p>"
        )
    else:
        where = w.HTML(
            "<p>Your answers, drafts and tracker are kept on the computer that serves this "
            f"workbook, apart from everyone else's, under your code <strong>{escape(code)}"
            "</strong>. Use the same code next time to find them again.</p>"
        )
    box = w.VBox([progress, where, _delete_view(state)])
    box.add_class("wb-start")
    return box
