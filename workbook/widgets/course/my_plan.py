"""The "my plan" view: the whole plan, a picture of it, editable drafts with the reviewer's
findings beside them, the take-away files, and the plan's link to the tracker.

The tracker is the one record of what was sent and of the answer (`workbook.tracker.planlink`):
each step can be marked as sent, which logs its contact, and an answer logged here cancels what
is left of the plan (guidance rule 12, applied by the planner) and offers the matching reply.
Practice plans never reach the tracker. The files are saved in the workspace and offered as
downloads from the page itself.

Matplotlib is imported only when a chart is drawn, so the section pages, which import this
package but show no chart, open quickly.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

import ipywidgets as w

from workbook.home.room import participant
from workbook.home.takeaway import MEDIA_TYPES, plan_files, save_plan_files
from workbook.model import Answer, Channel, Draft, Interviewer, Plan, Step
from workbook.rules.dates import full_date, long_date
from workbook.rules.drafts import WORDINGS
from workbook.rules.edits import step_key
from workbook.rules.exports import step_title
from workbook.rules.planner import missing_addresses
from workbook.rules.reviewer import review
from workbook.tracker.planlink import Tracked, add_plan, log_answer, log_sent, track_file
from workbook.tracker.store import Tracker, TrackerError, default_path
from workbook.widgets import controls
from workbook.widgets.course.sections import practice_picker
from workbook.widgets.labels import ANSWER_CHOICES, answer_from
from workbook.widgets.render import (
    copy_button_html,
    findings_html,
    plan_part_html,
    save_problem_html,
)
from workbook.widgets.safety import guarded
from workbook.widgets.state import PlanState

__all__ = ["chart_html", "downloads_html", "files_view", "my_plan", "plan_review"]

_WIDE = w.Layout(width="min(46rem, 100%)")
_STYLE = {"description_width": "12rem"}
_NO_TRACKER = Path(":memory:")
_ANSWERED = {
    Answer.NEXT_ROUND: "they invited you to another round",
    Answer.OFFER: "they made you an offer",
    Answer.REJECTION: "they said no",
}

Refresh = Callable[[], None]


def chart_html(plan: Plan) -> str:
    """The plan's timeline as an embedded image, its text summary as alt text and caption."""
    from workbook.reports.charts import plan_summary, plot_plan
    from workbook.reports.page import figure_html

    size = (9.0, 1.6 + 0.5 * max(len(plan.steps), 1))
    return figure_html(
        lambda ax: plot_plan(plan, ax=ax), plan_summary(plan), size, css="wb-chart", dpi=90
    )


def _day(day: dt.date) -> str:
    return full_date(day)


def _send_links(draft: Draft) -> str:
    """A mailto link that opens the draft in the learner's mail program, and a copy button."""
    text = f"Subject: {draft.subject}\n\n{draft.body}" if draft.subject else draft.body
    copy = copy_button_html(text)
    if draft.channel is not Channel.EMAIL:
        return f"<p>{copy}</p>"
    query = f"subject={quote(draft.subject)}&body={quote(draft.body)}"
    href = escape(f"mailto:{quote(draft.to.email, safe='@')}?{query}", quote=True)
    return f'<p><a class="wb-mailto" href="{href}">Open in your mail program</a> {copy}</p>'


def _findings_html(draft: Draft, step: Step, plan: Plan) -> str:
    findings = review(draft, step.kind, plan.interview, on=step.date)
    return findings_html(findings)


def _sent_row(
    step: Step, tracked: Tracked, state: PlanState, path: Path, refresh: Refresh
) -> w.Box:
    """Whether the step was logged as sent, or a date and a button that log it."""
    if state.practising:
        return w.VBox()
    sent_on = tracked.sent_on(step)
    if sent_on is not None:
        done = w.HTML(
            f'<p role="status">Sent on {_day(sent_on)}: it is logged in your tracker.</p>'
        )
        done.add_class("wb-sent")
        return w.VBox([done])
    day = w.DatePicker(value=state.today, description="Sent on", style=_STYLE)
    day.add_class("wb-sent-on")
    button = controls.button(
        "Mark as sent", "wb-mark-sent", icon="check", tooltip="Log it in your tracker"
    )
    message = w.HTML()
    message.add_class("wb-sent-message")

    def mark(_: w.Button) -> None:
        if day.value is None:
            message.value = '<p role="alert">Choose the day you sent it.</p>'
            return
        try:
            with Tracker(path) as tracker:
                log_sent(tracker, tracked.plan, step, day.value)
        except TrackerError as error:
            message.value = f'<p role="alert">Not logged: {escape(str(error))}.</p>'
            return
        refresh()

    button.on_click(mark)
    row = w.VBox([w.HBox([day, button]), message])
    row.add_class("wb-send-log")
    return row


def _draft_editor(
    step: Step, plan: Plan, state: PlanState, sent_row: w.Box | None = None
) -> w.VBox:
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
    restore = controls.button(
        "Use the new draft", "wb-restore", tooltip="Drop your edits to this draft"
    )

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
    box = w.VBox(
        [*editor_parts, failed, findings, links, restore, *([sent_row] if sent_row else [])]
    )
    box.add_class("wb-draft-editor")
    box.add_class(f"wb-step-{key}")
    return box


def _address_field(person: Interviewer, state: PlanState) -> w.VBox:
    """A field and a button that give `person` the email address their email step needs."""
    email = w.Text(
        description=f"Email address for {person.name}", placeholder="name@example.org",
        style={"description_width": "initial"},
    )  # fmt: skip
    email.add_class("wb-missing-email")
    button = controls.button("Add the address", "wb-add-email", icon="plus")
    message = w.HTML()
    message.add_class("wb-add-email-message")

    def add(_: w.Button) -> None:
        problem = state.add_email(person, email.value)  # the plan, and this view, follow it
        message.value = f'<p role="alert">{escape(problem)}</p>' if problem else ""

    button.on_click(add)
    return w.VBox([controls.with_button(email, button), message])


def _wording_view(state: PlanState) -> w.HBox:
    """Which wording the drafts use, and a button that moves them on to the next one."""
    shown = w.HTML()
    shown.add_class("wb-wording")
    button = controls.button(
        "Another wording", "wb-another-wording", icon="refresh",
        tooltip="The same messages, in other words",
    )  # fmt: skip
    button.on_click(lambda _: state.next_wording())

    def show(_: object = None) -> None:
        shown.value = f'<p role="status">Wording {state.wording} of {WORDINGS}</p>'

    state.observe(show, names=["wording"])
    show()
    return w.HBox([button, shown], layout=w.Layout(align_items="center"))


def _reply_html(plan: Plan, on: dt.date) -> str:
    """What the answer changed: the cancelled steps, what to do now, and the reply to send."""
    assert plan.answer is not None
    reply = plan.replies[plan.answer]
    cancelled = "".join(
        f"<li>{escape(step_title(step))}, {long_date(step.date)}</li>" for step in plan.cancelled
    )
    no_longer = (
        f'<div class="wb-cancelled"><p>No longer needed, so left out of your plan and its '
        f"files:</p><ul>{cancelled}</ul></div>"
        if cancelled
        else ""
    )
    subject = f"<p><strong>Subject:</strong> {escape(reply.subject)}</p>" if reply.subject else ""
    return (
        f'<p class="wb-answered" role="status"><strong>They answered on {_day(on)}:</strong> '
        f"{_ANSWERED[plan.answer]}.</p><p>{escape(plan.stop)}</p>{no_longer}"
        f'<div class="wb-reply"><h3>Your reply</h3>{subject}<pre>{escape(reply.body)}</pre>'
        f"{_send_links(reply)}</div>"
        "<p>Logged by mistake? In <em>10. Your tracker</em>, under <strong>Change or "
        "delete</strong>, choose the contact and click <strong>Forget its answer</strong>: your "
        "plan comes back as it was. Set the application's outcome back to <em>Still open</em> "
        "there too, and delete the next interview if one was added.</p>"
    )


def _next_round_view(tracked: Tracked, state: PlanState, path: Path, refresh: Refresh) -> w.VBox:
    """A date and a button that start the plan for the next round."""
    day = w.DatePicker(value=tracked.next_round, description="Next round on", style=_STYLE)
    day.add_class("wb-next-round-date")
    button = controls.button("Plan the next round", "wb-next-round", icon="arrow-right")
    message = w.HTML()

    def start(_: w.Button) -> None:
        if day.value is None or day.value <= tracked.round.interview_date:
            message.value = (
                '<p role="alert">Choose the day of the next round (after '
                f"{_day(tracked.round.interview_date)}).</p>"
            )
            return
        state.start_next_round(day.value)
        if state.plan is not None:
            try:
                with Tracker(path) as tracker:
                    add_plan(tracker, state.plan)
            except TrackerError as error:
                message.value = f'<p role="alert">{escape(str(error))}.</p>'
                return
        refresh()

    button.on_click(start)
    intro = w.HTML(
        "<p>When you know the day of the next round, start its plan: your answers about "
        "the company, the role and you are kept; check who you will meet.</p>"
    )
    return w.VBox([intro, w.HBox([day, button]), message])


def _answer_view(tracked: Tracked, state: PlanState, path: Path, refresh: Refresh) -> w.VBox:
    """What their answer changed, or a form to log it."""
    if state.practising:
        note = w.HTML(
            "<p>A practice plan is not logged in your tracker, so there is nothing to mark as "
            "sent or answered here.</p>"
        )
        return w.VBox([note])
    if tracked.answered_on is not None:
        done = w.HTML(_reply_html(tracked.plan, tracked.answered_on))
        done.add_class("wb-answer-result")
        if tracked.answer is Answer.NEXT_ROUND:
            return w.VBox([done, _next_round_view(tracked, state, path, refresh)])
        return w.VBox([done])
    intro = w.HTML(
        "<h3>Did they answer?</h3><p>When an answer comes, log it here. Your follow-ups are "
        "only for while you wait, so an answer cancels the ones still to come and gives you "
        "a reply to send.</p>"
    )
    what = w.Dropdown(
        options=ANSWER_CHOICES, description="What did they say?", style=_STYLE, layout=_WIDE
    )
    what.add_class("wb-answer-kind")
    when = w.DatePicker(value=state.today, description="It came on", style=_STYLE)
    when.add_class("wb-answer-date")
    next_round = w.DatePicker(description="Next round on (if known)", style=_STYLE)
    next_round.add_class("wb-answer-next-round")
    button = controls.button(
        "Log their answer", "wb-log-answer", button_style="primary", icon="envelope"
    )
    message = w.HTML()
    message.add_class("wb-answer-message")

    def shown(_: object = None) -> None:
        next_round.layout.display = None if what.value == Answer.NEXT_ROUND else "none"

    def log(_: w.Button) -> None:
        if when.value is None:
            message.value = '<p role="alert">Choose the day their answer came.</p>'
            return
        answer = answer_from(what.value)
        later = next_round.value if answer is Answer.NEXT_ROUND else None
        existing = path if path.is_file() else _NO_TRACKER  # none yet: nothing to answer
        try:
            with Tracker(existing) as tracker:
                log_answer(tracker, tracked.plan, answer, when.value, next_round=later)
        except TrackerError as error:
            message.value = f'<p role="alert">Not logged: {escape(str(error))}.</p>'
            return
        if answer is None:
            message.value = (
                '<p role="status">Logged. A reply with no decision yet leaves your plan as '
                "it is.</p>"
            )
            return
        refresh()

    what.observe(shown, names="value")
    button.on_click(log)
    shown()
    return w.VBox([intro, what, when, next_round, button, message])


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


def files_view(state: PlanState, path: Path) -> w.VBox:
    """**Save my plan files**: it saves the plan's files (with the learner's edited drafts,
    without the steps an answer cancelled) and offers each one as a download link."""
    heading = w.HTML("<h2>Take your plan with you</h2>")
    button = controls.button(
        "Save my plan files",
        "wb-save-files",
        button_style="primary",
        tooltip="Save the calendar file, the email drafts and a printable page",
    )
    result = w.HTML()
    result.add_class("wb-saved-files")

    @guarded(result, "save your plan files")
    def save(_: w.Button) -> None:
        edited = state.final_plan()
        if edited is None:
            result.value = f'<p role="status">{escape(state.problem)}</p>'
            return
        try:
            plan = track_file(edited, path).plan  # without the steps an answer cancelled
        except TrackerError as error:
            result.value = f'<p role="alert">Your tracker cannot be read: {escape(str(error))}.</p>'
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


def plan_review(
    state: PlanState, path: Path, *, tracking: bool = True, timeline: bool = True
) -> w.VBox:
    """The plan as the tracker `path` has it (without the steps an answer cancelled), a field
    for each email address a step still needs, and every draft to edit, with the reviewer's
    notes beside it.

    `tracking` adds what comes after sending: **Mark as sent** under each draft and the form
    that logs their answer; `timeline` adds the picture of the plan. The quick plan leaves both
    out: tonight only the plan and its drafts matter.
    """
    overview, chart, drafts, answer = w.HTML(), w.HTML(), w.VBox(), w.VBox()
    unsaved, addresses = w.HTML(), w.VBox()
    overview.add_class("wb-plan")
    drafts.add_class("wb-drafts")
    answer.add_class("wb-answer")
    unsaved.add_class("wb-save-problem")
    addresses.add_class("wb-missing-addresses")
    drafts_heading = w.HTML("<h2>Your messages</h2>")
    wording = _wording_view(state)

    def render(_: object = None) -> None:
        plan, problem = state.plan, state.problem
        tracked = None
        if plan is not None:
            try:
                tracked = track_file(plan, path)
            except TrackerError as error:
                problem = f"Your tracker cannot be read: {error}."
        shown = tracked.plan if tracked is not None else None
        overview.value = plan_part_html(shown, problem, None, state.practising)
        chart.value = chart_html(shown) if shown is not None and timeline else ""
        drafts_heading.layout.display = None if shown is not None else "none"
        wording.layout.display = drafts_heading.layout.display
        if tracked is None or shown is None:
            drafts.children = answer.children = addresses.children = ()
            return
        addresses.children = [_address_field(person, state) for person in missing_addresses(shown)]
        drafts.children = [
            _draft_editor(
                step, shown, state,
                _sent_row(step, tracked, state, path, render) if tracking else None,
            )
            for step in shown.steps
        ]  # fmt: skip
        answer.children = [_answer_view(tracked, state, path, render)] if tracking else []

    def warn(_: object = None) -> None:
        unsaved.value = save_problem_html(state.save_problem)

    state.observe(render, names=["plan", "problem"])
    state.observe(warn, names=["save_problem"])
    render()
    warn()
    return w.VBox([unsaved, overview, addresses, answer, chart, drafts_heading, wording, drafts])


def my_plan(state: PlanState | None = None, tracker: Path | None = None) -> w.VBox:
    """The whole plan from the saved answers, ready to edit, review, take away and log.

    `tracker` is the tracker file (the learner's by default); it is only read until a step is
    marked as sent or an answer logged.
    """
    state = state or PlanState.shared()
    path = tracker or default_path()
    box = w.VBox([practice_picker(state), plan_review(state, path), files_view(state, path)])
    box.add_class("wb-my-plan")
    return box
