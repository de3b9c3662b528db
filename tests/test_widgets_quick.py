"""The quick plan, driven without a browser: answers typed on its steps are the course's own
answers, and its plan offers the drafts, the reviewer's notes and the files to take away."""

from __future__ import annotations

import base64
import datetime as dt
import re
from pathlib import Path

import icalendar
import ipywidgets as w
import pytest

from tests.widget_tree import MONDAY, every, fill_basics, find, one
from workbook.model import NextStep
from workbook.rules.course import section
from workbook.widgets import PlanState, exercise, quick_answers, quick_plan
from workbook.widgets.course.quick_plan import QUICK_STEPS
from workbook.widgets.state import OWN

DECIDED_BY = dt.date(2026, 11, 27)
CALL_BY = dt.date(2026, 12, 1)


@pytest.fixture
def state(isolated_home: Path) -> PlanState:
    return PlanState(today=MONDAY)


def answer_everything(state: PlanState) -> dict[str, w.VBox]:
    """Give every answer of the quick plan through its own inputs, as a learner would."""
    steps = {step: quick_answers(step, state) for step in QUICK_STEPS}
    interview = steps["interview"]
    one(interview, "wb-input-company").value = "Acme Logistics, Ltd; North"
    one(interview, "wb-input-role").value = "Warehouse Supervisor"
    one(interview, "wb-input-date").value = MONDAY
    one(interview, "wb-input-time").value = dt.time(10, 30)
    person = one(steps["people"], "wb-person-1")
    one(person, "wb-person-name").value = "Dana Reyes"
    one(person, "wb-person-title").value = "Ms"
    one(person, "wb-person-moment").value = "the tour of the new sorting line"
    next_step = steps["next-step"]
    one(next_step, "wb-input-next-step").value = NextStep.DECISION_DATE
    one(next_step, "wb-input-decision-date").value = DECIDED_BY
    one(next_step, "wb-input-call-ok-by").value = CALL_BY
    you = steps["you"]
    one(you, "wb-input-highlights").value = "I cut picking errors by 30% at my last job"
    one(you, "wb-input-new-info").value = "my forklift certificate came through"
    one(you, "wb-input-candidate").value = "Alex Kim"
    return steps


def test_answers_given_on_the_quick_plan_fill_the_course(
    state: PlanState, isolated_home: Path
) -> None:
    """After the quick plan, a new kernel's section exercises show every answer it took, and
    the exercises of the sections it covers count as answered."""
    answer_everything(state)
    later = PlanState(today=MONDAY)  # another day, another page's kernel
    intro, panel = exercise("intro", later), exercise("follow-up", later)
    clarify, calling = exercise("clarify", later), exercise("call-or-email", later)
    resources, news = exercise("resources", later), exercise("bothersome", later)
    assert one(intro, "wb-input-company").value == "Acme Logistics, Ltd; North"
    assert one(intro, "wb-input-date").value == MONDAY
    assert one(intro, "wb-input-time").value == dt.time(10, 30)
    assert one(panel, "wb-person-name").value == "Dana Reyes"
    assert one(panel, "wb-person-title").value == "Ms"
    assert one(panel, "wb-input-candidate").value == "Alex Kim"
    assert one(resources, "wb-person-moment").value == "the tour of the new sorting line"
    assert one(resources, "wb-input-highlights").value.startswith("I cut picking errors")
    assert one(clarify, "wb-input-next-step").value is NextStep.DECISION_DATE
    assert one(clarify, "wb-input-decision-date").value == DECIDED_BY
    assert one(calling, "wb-input-call-ok-by").value == CALL_BY
    assert one(news, "wb-input-new-info").value == "my forklift certificate came through"
    for part in ("intro", "follow-up", "resources", "clarify"):  # their exercises are answered
        assert all(later.touched.get(name) for name in section(part).exercise), part


def test_the_quick_plan_shows_the_plan_drafts_with_notes_and_no_tracking(
    state: PlanState,
) -> None:
    """With the answers given, the quick plan lists the steps and a reviewed draft for each,
    without the timeline or anything about marking steps sent or logging an answer."""
    answer_everything(state)
    view = quick_plan(state)
    assert state.plan is not None
    assert "Thank-you email to Dana Reyes" in one(view, "wb-plan").value
    editors = find(view, "wb-draft-editor")
    assert len(editors) == len(state.plan.steps)
    assert all(find(editor, "wb-review") for editor in editors)
    assert one(editors[0], "wb-draft-body").value.startswith("Dear Ms Reyes,")
    shown = "".join(widget.value for widget in every(view) if isinstance(widget, w.HTML))
    assert "wb-chart" not in shown and "Did they answer?" not in shown
    assert not find(view, "wb-mark-sent") and not find(view, "wb-practice-picker")


def test_save_my_plan_files_offers_the_calendar_file_for_download(state: PlanState) -> None:
    """Save my plan files on the quick plan gives download links; the calendar file holds one
    event per step, on the plan's dates, with the typed company intact."""
    answer_everything(state)
    view = quick_plan(state)
    one(view, "wb-save-files").click()
    html = one(view, "wb-saved-files").value
    links = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;[^,]*base64,([^"]+)"', html))
    calendar = icalendar.Calendar.from_ical(base64.b64decode(links["plan.ics"]))
    events = list(calendar.walk("VEVENT"))
    assert state.plan is not None
    assert [event.decoded("DTSTART") for event in events] == [s.date for s in state.plan.steps]
    assert any("Acme Logistics, Ltd; North" in str(event["DESCRIPTION"]) for event in events)


def test_the_plan_follows_answers_changed_above_it(state: PlanState) -> None:
    """A quick plan shown before its answers says what is missing, then shows the plan once
    they are given, with no need to run it again."""
    view = quick_plan(state)
    assert "To see your plan, fill in" in one(view, "wb-plan").value
    fill_basics(state)
    assert "Thank-you email to Dana Reyes" in one(view, "wb-plan").value
    assert find(view, "wb-draft-editor")


def test_the_quick_plan_is_about_the_learners_own_interview(state: PlanState) -> None:
    """Opened while a practice interview is chosen, the quick plan switches back to the
    learner's own answers, and leaves the practice answers as they were."""
    fill_basics(state)
    state.slot = "practice:teaching"
    practice_company = state.company
    view = quick_answers("interview", state)
    assert state.slot == OWN
    assert one(view, "wb-input-company").value == "Acme Logistics"
    assert PlanState(today=MONDAY).slot == OWN
    state.slot = "practice:teaching"
    assert state.company == practice_company


def test_an_unknown_step_names_the_steps_there_are(state: PlanState) -> None:
    """Asking for a step the quick plan does not have is an error listing the ones it has."""
    with pytest.raises(ValueError, match="no quick-plan step 'dates'; the steps are interview,"):
        quick_answers("dates", state)
