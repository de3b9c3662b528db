"""The notebook widgets, driven without a browser: set `.value`, read the state and the HTML."""

from __future__ import annotations

import base64
import datetime as dt
import errno
import importlib
import json
import re
from html import escape
from pathlib import Path

import icalendar
import ipywidgets as w
import pytest

from tests.widget_tree import MONDAY, every, fill_basics, find, one
from workbook.home.answers import load_answers, save_answers
from workbook.home.workspace import sync_workspace
from workbook.model import Channel, Finding, NextStep
from workbook.rules.course import RULES_PAGE, course, option_order, plain_rule, section
from workbook.widgets import PlanState, exercise, my_plan, quiz, start
from workbook.widgets.render import findings_html
from workbook.widgets.state import OWN


@pytest.fixture
def state(isolated_home: Path) -> PlanState:
    return PlanState(today=MONDAY)


def test_a_blank_state_says_what_to_fill_in(state: PlanState) -> None:
    """Before the basics are given there is no plan, only a calm note of what is missing."""
    assert state.plan is None
    assert (
        state.problem == "To see your plan, fill in: company, role, interview date, interviewers."
    )


def test_answers_are_saved_as_they_change_and_restored_after_a_restart(
    state: PlanState, isolated_home: Path
) -> None:
    """Every answer reaches answers.json at once, and a new state (a new kernel) finds it."""
    fill_basics(state)
    state.next_step = NextStep.VAGUE
    state.preferred_channel = Channel.LETTER
    saved = load_answers(isolated_home / "answers.json")["slots"][OWN]["values"]
    assert saved["company"] == "Acme Logistics" and saved["next_step"] == "vague"
    restarted = PlanState(today=MONDAY)
    assert restarted.company == "Acme Logistics"
    assert restarted.date == MONDAY
    assert restarted.preferred_channel is Channel.LETTER
    assert restarted.plan is not None and restarted.plan == state.plan


def test_a_broken_answers_file_is_set_aside_not_deleted(isolated_home: Path) -> None:
    """An unreadable answers file is kept under another name and the learner starts afresh."""
    (isolated_home / "answers.json").write_text("{not json", encoding="utf-8")
    state = PlanState(today=MONDAY)
    assert state.company == ""
    kept = list(isolated_home.glob("answers.json.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{not json"


def test_the_exercise_inputs_drive_the_plan_shown(state: PlanState) -> None:
    """Setting the clarify inputs changes the state, and the plan view shows the new dates."""
    fill_basics(state)
    view = exercise("clarify", state)
    one(view, "wb-input-next-step").value = NextStep.DECISION_DATE
    one(view, "wb-input-decision-date").value = dt.date(2026, 12, 2)
    assert state.next_step is NextStep.DECISION_DATE
    html = one(view, "wb-plan").value
    assert "Thursday 3 December" in html
    assert "Follow-up email to Dana Reyes" in html


def test_inputs_show_the_saved_answers_when_a_view_opens(state: PlanState) -> None:
    """A view opened after answers exist shows them, instead of overwriting them with blanks."""
    fill_basics(state)
    view = exercise("intro", state)
    assert one(view, "wb-input-company").value == "Acme Logistics"
    assert one(view, "wb-input-date").value == MONDAY
    assert state.company == "Acme Logistics"


def test_an_input_error_names_the_field(state: PlanState) -> None:
    """A mistyped address is reported with the label of the field it is in."""
    fill_basics(state)
    view = exercise("follow-up", state)
    one(view, "wb-person-email").value = "dana-at-acme"
    assert state.plan is None
    assert (
        "Interviewers: &#x27;dana-at-acme&#x27; is not an email address"
        in one(view, "wb-plan").value
    )


def test_typed_html_is_shown_as_text(state: PlanState) -> None:
    """Markup typed into an answer is escaped in every HTML view."""
    fill_basics(state)
    state.company = "<script>alert('x')</script>"
    state.highlights = "<b>bold</b> & more"
    for view in (exercise("resources", state), my_plan(state)):
        html = "".join(widget.value for widget in every(view) if isinstance(widget, w.HTML))
        assert "<script>" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;" in one(exercise("resources", state), "wb-plan").value


def test_practice_fills_the_exercise_and_keeps_the_learners_own_answers(
    state: PlanState, isolated_home: Path
) -> None:
    """A practice interview fills every answer, is marked as practice, and never touches the
    learner's own answers or the tracker."""
    fill_basics(state)
    view = exercise("clarify", state)
    one(view, "wb-practice-picker").value = "practice:teaching"
    assert state.practising and "(practice)" in state.company
    assert state.plan is not None
    assert "Practice plan" in one(view, "wb-plan").value
    one(view, "wb-practice-picker").value = OWN
    assert state.company == "Acme Logistics"
    assert not (isolated_home / "tracker.db").exists()


def test_quiz_feedback_follows_each_choice_and_is_saved(state: PlanState) -> None:
    """Choosing an option shows its own feedback at once, and the choice survives a restart."""
    question = section("clarify").questions[0]
    right = next(i for i, option in enumerate(question.options) if option.correct)
    wrong = next(i for i, option in enumerate(question.options) if not option.correct)
    view = one(quiz("clarify", state), f"wb-question-{question.id}")
    one(view, "wb-choice").value = wrong
    shown = one(view, "wb-feedback").value
    assert "Not quite." in shown and escape(question.options[wrong].feedback) in shown
    one(view, "wb-choice").value = right
    assert "Right." in one(view, "wb-feedback").value
    restarted = PlanState(today=MONDAY)
    again = one(quiz("clarify", restarted), f"wb-question-{question.id}")
    assert one(again, "wb-choice").value == right
    assert "Right." in one(again, "wb-feedback").value


def test_quiz_shows_each_learner_the_options_in_their_own_order(state: PlanState) -> None:
    """The options appear in the learner's shuffled order, the same after a restart once an
    answer is saved, and another learner sees at least one question in another order."""

    def shown(learner_state: PlanState) -> list[tuple[int, ...]]:
        choices = find(quiz("bothersome", learner_state), "wb-choice")
        return [tuple(index for _, index in choice.options) for choice in choices]

    questions = section("bothersome").questions
    mine = shown(state)
    assert mine == [option_order(question, state.learner) for question in questions]
    state.choose(questions[0].id, 0)
    assert shown(PlanState(today=MONDAY)) == mine
    other = PlanState(today=MONDAY)
    other.learner = "another-learner"
    assert shown(other) != mine


def test_progress_counts_a_section_done_once_answered_and_attempted(state: PlanState) -> None:
    """A section is done when its exercise is answered and every question attempted."""
    view = start(state)
    assert "0 of 8 sections done" in one(view, "wb-progress-view").value
    exercise_view = exercise("enthusiasm", state)
    one(exercise_view, "wb-input-people-facing").value = True
    assert "0 of 8 sections done" in one(view, "wb-progress-view").value
    for question in find(quiz("enthusiasm", state), "wb-choice"):
        question.value = 1
    assert "1 of 8 sections done" in one(view, "wb-progress-view").value


def test_delete_asks_first_then_removes_everything(state: PlanState, isolated_home: Path) -> None:
    """Deleting needs a confirmation; then answers and files are gone and the state is blank."""
    fill_basics(state)
    view = start(state)
    one(view, "wb-delete").click()
    assert (isolated_home / "answers.json").exists()
    one(view, "wb-keep").click()
    assert (isolated_home / "answers.json").exists()
    one(view, "wb-delete").click()
    one(view, "wb-delete-confirm").click()
    assert not (isolated_home / "answers.json").exists()
    assert state.company == "" and state.plan is None
    assert PlanState(today=MONDAY).company == ""


def test_my_plan_shows_a_chart_with_a_text_alternative(state: PlanState) -> None:
    """The plan's picture carries a summary of its steps as alt text and caption."""
    fill_basics(state)
    view = my_plan(state)
    chart = next(c.value for c in every(view) if isinstance(c, w.HTML) and "wb-chart" in c.value)
    assert 'alt="After the interview on Monday 23 November: thank-you email to Dana' in chart
    assert len(find(view, "wb-draft-editor")) == len(state.plan.steps)  # type: ignore[union-attr]


def test_an_edited_draft_is_reviewed_kept_and_flagged_when_the_plan_moves_on(
    state: PlanState,
) -> None:
    """Editing a draft shows the reviewer's findings; the edit survives a change of answers,
    marked as needing a look, until the learner takes the new draft."""
    fill_basics(state)
    view = my_plan(state)
    editor = one(view, "wb-step-follow-up-1")
    body = one(editor, "wb-draft-body")
    body.value = body.value.replace(
        "I would be glad", "I am the strongest candidate and I would be glad"
    )
    assert (
        "pushy" in one(editor, "wb-review").value.lower()
        or "strongest" in one(editor, "wb-review").value
    )
    assert "follow-up-1" in state.edits
    state.role = "Senior Warehouse Supervisor"
    editor = one(view, "wb-step-follow-up-1")
    assert "strongest candidate" in one(editor, "wb-draft-body").value
    assert "Needs a look" in one(editor, "wb-stale").value
    one(editor, "wb-restore").click()
    assert "follow-up-1" not in state.edits
    assert "Senior Warehouse Supervisor" in one(editor, "wb-draft-body").value


def test_saving_the_plan_files_writes_calendar_drafts_and_page(
    state: PlanState, isolated_home: Path
) -> None:
    """The save button writes the take-away files into the workspace and lists them."""
    fill_basics(state)
    view = my_plan(state)
    body = one(one(view, "wb-step-thank-you-1"), "wb-draft-body")
    body.value = body.value.replace("Kind regards", "With thanks")
    one(view, "wb-save-files").click()
    folder = (
        isolated_home / "workspace" / "exports" / "acme-logistics-warehouse-supervisor-2026-11-23"
    )
    assert "plan.ics" in one(view, "wb-saved-files").value
    events = list(icalendar.Calendar.from_ical((folder / "plan.ics").read_bytes()).walk("VEVENT"))
    assert len(events) == len(state.plan.steps)  # type: ignore[union-attr]
    assert "With thanks" in (folder / "01-2026-11-23-thank-you-dana-reyes.eml").read_text()
    assert (folder / "plan.html").read_text().startswith("<!DOCTYPE html>")


def test_email_steps_offer_a_mailto_link_with_the_draft(state: PlanState) -> None:
    """Each email draft has a mailto link addressed to the interviewer, its text encoded."""
    fill_basics(state)
    state.company = 'Acme "&" Co'
    editor = one(my_plan(state), "wb-step-thank-you-1")
    links = "".join(widget.value for widget in editor.children if isinstance(widget, w.HTML))
    assert 'href="mailto:dana@acme.example?subject=Thank%20you' in links
    assert "&amp;body=" in links
    assert 'data-text="Subject: Thank you' in links


def test_the_saved_answers_file_is_plain_json(state: PlanState, isolated_home: Path) -> None:
    """The answers file is readable JSON that names its format."""
    fill_basics(state)
    data = json.loads((isolated_home / "answers.json").read_text(encoding="utf-8"))
    assert data["format"] == "followup-workbook-answers" and data["version"] == 1


def test_saved_files_are_offered_as_downloads_from_the_page(state: PlanState) -> None:
    """After saving, each file has a download link that carries the file itself (a data:
    address), so it downloads in JupyterLab, in the app, and on another computer."""
    fill_basics(state)
    view = my_plan(state)
    one(view, "wb-save-files").click()
    html = one(view, "wb-saved-files").value
    links = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;[^,]*base64,([^"]+)"', html))
    assert set(links) >= {"plan.ics", "plan.md", "plan.html"}
    assert any(name.endswith(".eml") for name in links)
    calendar = icalendar.Calendar.from_ical(base64.b64decode(links["plan.ics"]))
    assert len(list(calendar.walk("VEVENT"))) == len(state.plan.steps)  # type: ignore[union-attr]
    assert 'href="data:text/calendar;charset=utf-8;base64,' in html


def test_a_file_that_cannot_be_saved_is_a_short_message(
    state: PlanState, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while saving the plan files shows why in the page; nothing is raised."""
    from workbook.widgets.course import my_plan as myplan

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(myplan, "save_plan_files", full)
    fill_basics(state)
    view = my_plan(state)
    one(view, "wb-save-files").click()
    message = one(view, "wb-saved-files").value
    assert 'class="wb-error" role="alert"' in message
    assert "Could not save your plan files:</strong> No space left on device." in message
    assert "Traceback" not in message


def test_an_answer_that_cannot_be_saved_is_shown_and_kept(
    state: PlanState, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the answers file cannot be written, the answer stays on the page, the plan follows
    it, and the page says it was not saved; the next good save clears the message."""
    from workbook.widgets import state as state_module

    fill_basics(state)
    view = exercise("clarify", state)
    plan_view = one(view, "wb-plan")
    real_save = save_answers

    def read_only(*args: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(state_module, "save_answers", read_only)
    one(view, "wb-input-next-step").value = NextStep.ASSESSMENT
    assert state.next_step is NextStep.ASSESSMENT and "What to prepare" in plan_view.value
    assert "could not be saved (Read-only file system)" in plan_view.value
    assert "could not be saved" in one(my_plan(state), "wb-save-problem").value
    monkeypatch.setattr(state_module, "save_answers", real_save)
    one(view, "wb-input-next-step").value = NextStep.VAGUE
    assert "could not be saved" not in plan_view.value


def test_a_failed_delete_says_so(state: PlanState, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the data folder cannot be deleted, the start page says why instead of failing."""
    start_module = importlib.import_module("workbook.widgets.course.start")  # not the function

    def refused() -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(start_module, "forget_everything", refused)
    view = start(state)
    one(view, "wb-delete").click()
    one(view, "wb-delete-confirm").click()
    messages = "".join(widget.value for widget in every(view) if isinstance(widget, w.HTML))
    assert "Could not delete your data:</strong> Permission denied." in messages


def test_progress_links_each_section_to_its_page(
    state: PlanState, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run beside the notebooks (a kernel runs in its notebook's folder), each section in the
    progress table links to its page, by a link that works in JupyterLab and in the app."""
    monkeypatch.chdir(sync_workspace().folder)
    html = one(start(state), "wb-progress-view").value
    assert '<a href="01-intro.ipynb">Why the time after the interview matters</a>' in html
    assert html.count("<a href=") == 8


def test_every_input_of_every_exercise_has_a_label(state: PlanState) -> None:
    """Each answer's input carries a visible description, which the page shows as its label."""
    for part in course():
        for control in every(exercise(part.id.value, state)):
            if isinstance(control, w.ValueWidget) and not isinstance(control, w.HTML):
                assert control.description.strip(), control


def test_a_warning_says_why_in_words_and_links_to_the_rule_behind_it(state: PlanState) -> None:
    """A plan that writes instead of calling says why in plain words, with no rule number, and
    links to the rules page by the rule's plain name."""
    fill_basics(state)
    state.next_step = NextStep.VAGUE
    state.preferred_channel = Channel.PHONE
    html = one(exercise("channel", state), "wb-plan").value
    warnings = html[html.index('class="wb-warnings"') :]
    assert "Because they gave no clear next step and did not say you may call" in warnings
    assert f'href="{RULES_PAGE}">{escape(plain_rule(7).name)}</a>' in warnings
    assert not re.search(r"\bRule \d", html)


def test_the_reviewers_notes_name_their_source_in_words() -> None:
    """A reviewer's note points to a rule by its plain name, linked to the rules page, or to a
    section by its title; a typed message in it is escaped."""
    html = findings_html(
        [
            Finding("long", "rule 3", "It runs <long>.", "Cut a sentence."),
            Finding("pushy", "bothersome", "It sounds pushy.", "Soften it."),
        ]
    )
    assert f'<a class="wb-rule-link" href="{RULES_PAGE}">{escape(plain_rule(3).name)}</a>' in html
    assert f"“{escape(section('bothersome').title)}”" in html
    assert "It runs &lt;long&gt;." in html and "rule 3" not in html
