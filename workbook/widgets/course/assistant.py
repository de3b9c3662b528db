"""The AI assistant view: a prompt for one message of the plan, and the reviewer on the answer.

The learner chooses a message, copies the prompt the rules write (`rules.assistant`) into any AI
chat assistant, and pastes its answer back; the reviewer reads the answer as it reads any draft,
and one button keeps it as the learner's version of that message, as an edit in "my plan" would.
Nothing is sent anywhere: the workbook calls no assistant.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from workbook.model import Plan, Step
from workbook.rules.assistant import assistant_prompt, pasted_draft
from workbook.rules.drafts import long_date
from workbook.rules.edits import step_key
from workbook.rules.exports import step_title
from workbook.rules.reviewer import review
from workbook.widgets import controls
from workbook.widgets.render import copy_button_html, findings_html, practice_banner_html
from workbook.widgets.safety import guarded
from workbook.widgets.state import PlanState

__all__ = ["assistant", "prompt_html"]

_WIDE = w.Layout(width="min(46rem, 100%)")
_STYLE = {"description_width": "14rem"}
_WAITING = (
    '<p class="wb-assistant-waiting">Paste the assistant\'s answer above, and the reviewer '
    "reads it here.</p>"
)


def _label(step: Step) -> str:
    return f"{step_title(step)}, {long_date(step.date)}"


def prompt_html(text: str) -> str:
    """The prompt in a read-only text area the learner can select, and a button to copy it."""
    rows = min(max(text.count("\n") + 1, 8), 20)
    return (
        "<p><strong>The prompt</strong>: copy it into the AI chat assistant you use.</p>"
        f'<textarea class="wb-assistant-prompt-text" readonly rows="{rows}" '
        'aria-label="The prompt for an AI chat assistant" '
        f'style="width: min(46rem, 100%)">{escape(text)}</textarea>'
        f"<p>{copy_button_html(text, 'Copy the prompt', 'wb-copy wb-assistant-copy')}</p>"
    )


def assistant(state: PlanState | None = None) -> w.VBox:
    """Choose a message of the plan, copy its prompt for an AI assistant, paste the answer
    back for the reviewer, and keep it as your draft of that message."""
    state = state or PlanState.shared()
    status, prompt, findings, used, failed = (w.HTML() for _ in range(5))
    status.add_class("wb-assistant-status")
    prompt.add_class("wb-assistant-prompt")
    findings.add_class("wb-assistant-findings")
    used.add_class("wb-assistant-used")
    failed.add_class("wb-assistant-error")
    choose = w.Dropdown(description="Message", style=_STYLE, layout=_WIDE)
    choose.add_class("wb-assistant-step")
    pasted = w.Textarea(
        description="Paste what the assistant wrote", rows=12, continuous_update=False,
        style=_STYLE, layout=_WIDE, placeholder="Paste the assistant's answer here",
    )  # fmt: skip
    pasted.add_class("wb-assistant-paste")
    use = controls.button(
        "Use it as my draft", "wb-assistant-use", icon="check",
        tooltip="Keep it as your version of this message in your plan",
    )  # fmt: skip
    note = w.HTML(
        '<p class="wb-assistant-note">Nothing is sent anywhere: you copy the prompt yourself, '
        "and only what you paste back is read, by the reviewer, on this computer.</p>"
    )
    work = w.VBox([choose, prompt, note, pasted, findings, use, used, failed])
    work.add_class("wb-assistant-work")

    def current() -> tuple[Plan, Step] | None:
        plan = state.plan
        if plan is None:
            return None
        chosen = [step for step in plan.steps if step_key(plan, step) == choose.value]
        return (plan, chosen[0]) if chosen else None

    def read(_: object = None) -> None:
        found = current()
        if found is None or not pasted.value.strip():
            findings.value = _WAITING if found else ""
            return
        plan, step = found
        draft = pasted_draft(pasted.value, step)
        subject = (
            f'<p class="wb-assistant-subject"><strong>Subject:</strong> {escape(draft.subject)}</p>'
            if draft.subject
            else ""
        )
        findings.value = subject + findings_html(
            review(draft, step.kind, plan.interview, on=step.date)
        )

    def show(_: object = None) -> None:
        found = current()
        prompt.value = prompt_html(assistant_prompt(*found)) if found else ""
        used.value = ""
        read()

    def plan_changed(_: object = None) -> None:
        plan = state.plan
        banner = practice_banner_html() if state.practising else ""
        if plan is None or not plan.steps:
            why = state.problem or "Your plan has no message left to write."
            status.value = f'{banner}<p class="wb-problem" role="status">{escape(why)}</p>'
            work.layout.display = "none"
            return
        status.value = banner
        work.layout.display = None
        keys = [step_key(plan, step) for step in plan.steps]
        kept = choose.value if choose.value in keys else keys[0]
        choose.options = [(_label(step), key) for step, key in zip(plan.steps, keys, strict=True)]
        choose.value = kept
        show()

    @guarded(failed, "keep it as your draft")
    def keep(_: w.Button) -> None:
        found = current()
        if found is None:
            return
        if not pasted.value.strip():
            used.value = '<p role="alert">Paste the assistant\'s answer first.</p>'
            return
        plan, step = found
        draft = pasted_draft(pasted.value, step)
        state.keep_edit(step_key(plan, step), draft.subject, draft.body, step.draft)
        used.value = (
            f'<p role="status">Kept as your draft: {escape(_label(step))}. You can edit it '
            "further, and save it with your plan, in <em>9. Your plan</em>.</p>"
        )

    choose.observe(show, names="value")
    pasted.observe(read, names="value")
    use.on_click(keep)
    state.observe(plan_changed, names=["plan", "problem", "slot"])
    plan_changed()
    box = w.VBox([status, work])
    box.add_class("wb-assistant")
    return box
