"""The "my plan" view: the whole plan, a picture of it, editable drafts with the reviewer's
findings beside them, and the take-away files, saved in the workspace and offered as downloads.

Matplotlib is imported only when a chart is drawn, so the section pages, which import this
package but show no chart, open quickly.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from html import escape
from typing import Any
from urllib.parse import quote

import ipywidgets as w

from workbook.data.paths import participant
from workbook.data.takeaway import MEDIA_TYPES, plan_files, save_plan_files
from workbook.model import Channel, Draft, Plan, Step
from workbook.rules.drafts import long_date
from workbook.rules.edits import step_key
from workbook.rules.exports import step_title
from workbook.rules.reviewer import review
from workbook.widgets.render import plan_part_html, save_problem_html
from workbook.widgets.safety import guarded
from workbook.widgets.sections import practice_picker
from workbook.widgets.state import PlanState

__all__ = ["chart_html", "downloads_html", "my_plan"]

_WIDE = w.Layout(width="min(46rem, 100%)")


def _fit() -> w.Layout:
    """A button as wide as its words, none of them cut off (a layout of its own: a button
    that hides itself changes its layout)."""
    return w.Layout(width="auto", align_self="flex-start")


def chart_html(plan: Plan) -> str:
    """The plan's timeline as an embedded image, its text summary as alt text and caption."""
    from matplotlib.figure import Figure

    from workbook.data.charts import plan_summary, plot_plan

    figure = Figure(figsize=(9, 1.6 + 0.5 * max(len(plan.steps), 1)), layout="constrained")
    plot_plan(plan, ax=figure.subplots())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    picture = base64.b64encode(buffer.getvalue()).decode("ascii")
    summary = escape(plan_summary(plan))
    return (
        f'<figure class="wb-chart"><img src="data:image/png;base64,{picture}" alt="{summary}" '
        f'style="max-width:100%"><figcaption>{summary}</figcaption></figure>'
    )


def _send_links(draft: Draft) -> str:
    """A mailto link that opens the draft in the learner's mail program, and a copy button."""
    text = f"Subject: {draft.subject}\n\n{draft.body}" if draft.subject else draft.body
    copy = (
        '<button type="button" class="wb-copy" '
        f'data-text="{escape(text, quote=True)}" '
        'onclick="navigator.clipboard.writeText(this.dataset.text)'
        ".then(() => { this.textContent = 'Copied'; })\">Copy the text</button>"
    )
    if draft.channel is not Channel.EMAIL:
        return f"<p>{copy}</p>"
    query = f"subject={quote(draft.subject)}&body={quote(draft.body)}"
    href = escape(f"mailto:{quote(draft.to.email, safe='@')}?{query}", quote=True)
    return f'<p><a class="wb-mailto" href="{href}">Open in your mail program</a> {copy}</p>'


def _findings_html(draft: Draft, step: Step, plan: Plan) -> str:
    findings = review(draft, step.kind, plan.interview)
    if not findings:
        return '<p class="wb-findings wb-ok">The reviewer has nothing to add.</p>'
    items = "".join(
        f"<li><strong>{escape(f.message)}</strong> {escape(f.suggestion)} "
        f"<em>({escape(f.rule)})</em></li>"
        for f in findings
    )
    return f'<div class="wb-findings"><p>The reviewer suggests:</p><ul>{items}</ul></div>'


def _draft_editor(step: Step, plan: Plan, state: PlanState) -> w.VBox:
    key = step_key(plan, step)
    original = step.draft
    edit = state.edit_of(key)
    heading = w.HTML(
        f"<h3>{escape(step_title(step))}, {long_date(step.date)}</h3>"
        f"<p>{escape(step.why)}</p>{'<p>' + escape(step.note) + '</p>' if step.note else ''}"
    )
    subject = w.Text(
        value=edit.subject if edit else original.subject, description="Subject",
        continuous_update=False, layout=_WIDE,
    )  # fmt: skip
    label = "Call script" if original.channel is Channel.PHONE else "Message"
    body = w.Textarea(
        value=edit.body if edit else original.body, description=label, rows=12,
        continuous_update=False, layout=_WIDE,
    )  # fmt: skip
    subject.add_class("wb-draft-subject")
    body.add_class("wb-draft-body")
    findings, links, notice, failed = w.HTML(), w.HTML(), w.HTML(), w.HTML()
    findings.add_class("wb-review")
    notice.add_class("wb-stale")
    failed.add_class("wb-draft-error")
    restore = w.Button(
        description="Use the new draft", tooltip="Drop your edits to this draft", layout=_fit()
    )
    restore.add_class("wb-restore")

    def show(_: object = None) -> None:
        current = Draft(original.channel, subject.value, body.value, original.to)
        findings.value = _findings_html(current, step, plan)
        links.value = _send_links(current)
        kept = state.edit_of(key)
        stale = kept is not None and kept.is_stale(original)
        notice.value = (
            '<p role="status"><strong>Needs a look:</strong> your answers changed since you '
            "edited this draft. Your version is kept; compare it with the new one.</p>"
            if stale
            else ""
        )
        restore.layout.display = None if kept is not None else "none"

    @guarded(failed, "keep your edit")
    def edited(_: dict[str, Any]) -> None:
        if (subject.value, body.value) == (original.subject, original.body):
            state.drop_edit(key)
        else:
            state.keep_edit(key, subject.value, body.value, original)
        show()

    @guarded(failed, "go back to the new draft")
    def use_new(_: w.Button) -> None:
        state.drop_edit(key)
        subject.value, body.value = original.subject, original.body
        show()

    subject.observe(edited, names="value")
    body.observe(edited, names="value")
    restore.on_click(use_new)
    show()
    editor_parts = [heading, notice] + ([subject] if original.subject else []) + [body]
    box = w.VBox([*editor_parts, failed, findings, links, restore])
    box.add_class("wb-draft-editor")
    box.add_class(f"wb-step-{key}")
    return box


_DESCRIPTIONS = {
    ".ics": "a calendar file: open it to add each step to your calendar",
    ".eml": "an email draft, which most mail programs open ready to send",
    ".html": "a page to print or keep",
    ".md": "the whole plan as plain text",
}


def downloads_html(files: dict[str, bytes]) -> str:
    """A download link for each file, its content inside the link (a `data:` address), so it
    downloads from the page itself: in JupyterLab, in the app, and from another computer."""
    items = []
    for name, data in files.items():
        suffix = name[name.rfind(".") :]
        address = f"data:{MEDIA_TYPES[suffix]};base64,{base64.b64encode(data).decode('ascii')}"
        items.append(
            f'<li><a class="wb-download" download="{escape(name, quote=True)}" '
            f'href="{address}">Download {escape(name)}</a>: {_DESCRIPTIONS[suffix]}</li>'
        )
    return f'<ul class="wb-downloads">{"".join(items)}</ul>'


def _files_view(state: PlanState) -> w.VBox:
    heading = w.HTML("<h2>Take your plan with you</h2>")
    button = w.Button(
        description="Save my plan files",
        button_style="primary",
        tooltip="Save the calendar file, the email drafts and a printable page",
        layout=_fit(),
    )
    button.add_class("wb-save-files")
    result = w.HTML()
    result.add_class("wb-saved-files")

    @guarded(result, "save your plan files")
    def save(_: w.Button) -> None:
        plan = state.final_plan()
        if plan is None:
            result.value = f'<p role="status">{escape(state.problem)}</p>'
            return
        plan_note = "<p>These are the files of a practice plan.</p>" if state.practising else ""
        files = plan_files(plan, dt.datetime.now(dt.UTC))
        paths = save_plan_files(plan, files)
        copy = (
            f"A copy is also saved in <code>{escape(str(paths[0].parent))}</code>."
            if participant() is None
            else "A copy is also kept, under your code, on the computer that serves the workbook."
        )
        result.value = (
            f'<div role="status">{plan_note}<p>Your files are ready. Download them to this '
            f"computer:</p>{downloads_html(files)}<p>{copy}</p></div>"
        )

    button.on_click(save)
    return w.VBox([heading, button, result])


def my_plan(state: PlanState | None = None) -> w.VBox:
    """The whole plan from the saved answers, ready to edit, review and take away."""
    state = state or PlanState.shared()
    overview, chart, drafts, unsaved = w.HTML(), w.HTML(), w.VBox(), w.HTML()
    overview.add_class("wb-plan")
    drafts.add_class("wb-drafts")
    unsaved.add_class("wb-save-problem")
    drafts_heading = w.HTML("<h2>Your messages</h2>")

    def render(_: object = None) -> None:
        plan = state.plan
        overview.value = plan_part_html(plan, state.problem, None, state.practising)
        chart.value = chart_html(plan) if plan is not None else ""
        drafts.children = [_draft_editor(s, plan, state) for s in plan.steps] if plan else []
        drafts_heading.layout.display = None if plan else "none"

    def warn(_: object = None) -> None:
        unsaved.value = save_problem_html(state.save_problem)

    state.observe(render, names=["plan", "problem"])
    state.observe(warn, names=["save_problem"])
    render()
    warn()
    parts = [practice_picker(state), unsaved, overview, chart, drafts_heading, drafts]
    box = w.VBox([*parts, _files_view(state)])
    box.add_class("wb-my-plan")
    return box
