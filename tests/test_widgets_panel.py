"""The interviewers' rows, the new answers, the wordings and the missing addresses, driven
without a browser: set `.value`, click, then read the state, the plan and the HTML."""

from __future__ import annotations

import dataclasses
from html import escape
from pathlib import Path

import ipywidgets as w
import pytest

from tests.widget_tree import MONDAY, every, fill_basics, find, one
from workbook.home.answers import load_answers, save_answers
from workbook.model import Section
from workbook.rules.drafts import WORDINGS
from workbook.widgets import PlanState, exercise, my_plan
from workbook.widgets.render import plan_part_html
from workbook.widgets.state import OWN

OLD_ANSWERS = {
    "slot": "own",
    "choices": {},
    "slots": {
        "own": {
            "values": {
                "company": "Acme Logistics",
                "role": "Warehouse Supervisor",
                "date": "2026-11-23",
                "interviewers": "Dana Reyes <dana@acme.example>\nMrs Helen O'Brien\n",
                "moment": "the tour of the new sorting line",
                "candidate": "Alex Kim",
            },
            "touched": ["company", "role", "date", "interviewers", "moment", "candidate"],
            "edits": {},
        }
    },
}
"""An answers file as the workbook wrote it before rows: people as lines, one shared moment."""


@pytest.fixture
def state(isolated_home: Path) -> PlanState:
    return PlanState(today=MONDAY)


def html_of(root: w.Widget) -> str:
    return "".join(widget.value for widget in every(root) if isinstance(widget, w.HTML))


def panel(state: PlanState) -> PlanState:
    """The basics, with a panel of two: Dana with an address, Raj Patel without."""
    fill_basics(state)
    state.interviewers = [*state.interviewers, {"name": "Raj Patel"}]
    return state


def test_answers_saved_before_rows_load_into_rows_without_loss(isolated_home: Path) -> None:
    """An old answers file's lines become one row each, every row gets the shared moment, a
    typed title is understood, and the next change saves the rows in place of the old text."""
    save_answers(OLD_ANSWERS, isolated_home / "answers.json")
    state = PlanState(today=MONDAY)
    moment = "the tour of the new sorting line"
    assert state.interviewers == [
        {"name": "Dana Reyes", "email": "dana@acme.example", "title": "", "moment": moment},
        {"name": "Helen O'Brien", "email": "", "title": "Mrs", "moment": moment},
    ]
    assert state.plan is not None
    assert [person.moment for person in state.plan.interview.interviewers] == [moment, moment]
    assert state.touched["moment"] and state.touched["interviewers"]
    state.update_interviewer(1, moment="the question about night shifts")
    saved = load_answers(isolated_home / "answers.json")["slots"][OWN]["values"]
    assert "moment" not in saved
    assert [row["moment"] for row in saved["interviewers"]] == [
        moment,
        "the question about night shifts",
    ]
    assert PlanState(today=MONDAY).interviewers == state.interviewers


def test_rows_and_the_new_answers_survive_a_reload(state: PlanState, isolated_home: Path) -> None:
    """Rows, further news, wording, phone and both addresses typed in the sections are saved
    and a new state on the same file finds them, and the same plan."""
    fill_basics(state)
    one(exercise("call-or-email", state), "wb-input-candidate-phone").value = "07700 900123"
    channel = exercise("channel", state)
    one(channel, "wb-input-candidate-address").value = "1 High Street\nLeeds LS1 1AA"
    one(channel, "wb-input-employer-address").value = "Acme Logistics\nDock Road\nHull"
    one(exercise("bothersome", state), "wb-input-further-news").value = "I passed my licence"
    state.next_wording()
    reopened = PlanState(today=MONDAY)
    interview = reopened.interview()
    assert interview.candidate_phone == "07700 900123"
    assert interview.candidate_address == "1 High Street\nLeeds LS1 1AA"
    assert interview.employer_address == "Acme Logistics\nDock Road\nHull"
    assert interview.further_news == ("I passed my licence",)
    assert interview.wording == 2 and interview.interviewers == state.interview().interviewers
    assert reopened.plan == state.plan


def test_the_editor_adds_fills_and_removes_people(state: PlanState) -> None:
    """With nobody named the editor shows one empty row; Add someone gives a second row (empty
    rows are no answer yet), typing fills the state's rows, Remove drops that person only."""
    fill_basics(state)
    state.interviewers = []
    view = exercise("follow-up", state)
    assert len(find(view, "wb-person")) == 1 and "fill in: interviewers" in state.problem
    one(view, "wb-add-person").click()
    assert len(find(view, "wb-person")) == 2 and len(state.interviewers) == 2
    one(one(view, "wb-person-2"), "wb-remove-person").click()
    one(view, "wb-person-name").value = "Dana Reyes"
    one(view, "wb-person-email").value = "dana@acme.example"
    one(view, "wb-add-person").click()
    second = one(view, "wb-person-2")
    one(second, "wb-person-name").value = "Sam Ortiz"
    assert [row["name"] for row in state.interviewers] == ["Dana Reyes", "Sam Ortiz"]
    assert state.plan is not None and len(state.plan.interview.interviewers) == 2
    one(one(view, "wb-person-1"), "wb-remove-person").click()
    assert [row["name"] for row in state.interviewers] == ["Sam Ortiz"]
    assert one(one(view, "wb-person-1"), "wb-person-name").value == "Sam Ortiz"
    assert not find(view, "wb-person-2")


def test_a_title_typed_with_the_name_moves_to_how_to_address_them(state: PlanState) -> None:
    """ "Mrs Helen O'Brien <helen@...>" in the name field leaves the name, puts the address in
    its field and Mrs in the dropdown, and the planner's interviewer has that title."""
    fill_basics(state)
    view = exercise("follow-up", state)
    one(view, "wb-person-name").value = "Mrs Helen O'Brien <helen@acme.example>"
    assert one(view, "wb-person-name").value == "Helen O'Brien"
    assert one(view, "wb-person-email").value == "helen@acme.example"
    title = one(view, "wb-person-title")
    assert (title.value, title.label) == ("Mrs", "Mrs O'Brien")
    person = state.interview().interviewers[0]
    assert (person.name, person.email, person.title) == (
        "Helen O'Brien",
        "helen@acme.example",
        "Mrs",
    )


def test_how_to_address_them_shows_the_persons_own_name(state: PlanState) -> None:
    """The dropdown's choices show the typed name as the drafts will write it (Dear Sam, Ms
    Ortiz, Ms van der Berg), and the choice made reaches the plan's interviewer."""
    fill_basics(state)
    view = exercise("follow-up", state)
    title = one(view, "wb-person-title")
    assert title.label == "By first name (Dear Dana)"
    one(view, "wb-person-name").value = "Sam Ortiz"
    labels = [label for label, _ in title.options]
    assert labels[:3] == ["By first name (Dear Sam)", "Ms Ortiz", "Mr Ortiz"]
    title.value = "Ms"
    assert state.interviewers[0]["title"] == "Ms"
    assert state.plan is not None and state.plan.interview.interviewers[0].title == "Ms"
    assert title.label == "Ms Ortiz"
    one(view, "wb-person-name").value = "anna van der berg"
    assert title.label == "Ms van der Berg"  # as the drafts will write it


def test_the_resources_section_asks_a_moment_of_each_person(state: PlanState) -> None:
    """Section 3 shows each person's name and moment (no email or title), each moment goes to
    its own interviewer, and the section's moment counts as given."""
    panel(state)
    view = exercise("resources", state)
    assert not find(view, "wb-person-email") and not find(view, "wb-person-title")
    moments = find(view, "wb-person-moment")
    assert [m.description for m in moments] == ["A moment with them"] * 2
    moments[0].value = "the tour of the new sorting line"
    moments[1].value = "the question about night shifts"
    people = state.interview().interviewers
    assert [p.moment for p in people] == [
        "the tour of the new sorting line",
        "the question about night shifts",
    ]
    assert state.touched.get("moment") is True


def test_typed_markup_stays_text_in_the_editor(state: PlanState) -> None:
    """A name typed as markup is never HTML in the editor: its HTML has none of it, and the
    dropdown and button show it as plain text."""
    fill_basics(state)
    hostile = "<img src=x onerror=alert(1)> Reyes"
    view = exercise("follow-up", state)
    one(view, "wb-person-name").value = hostile
    editor = one(view, "wb-input-interviewers")
    assert "<img" not in html_of(editor)
    assert "<img" not in one(view, "wb-plan").value
    assert "&lt;img src=x onerror=alert(1)&gt;" in one(view, "wb-plan").value
    title = one(editor, "wb-person-title")
    assert title.options[0][0] == "By first name (Dear <img)"  # shown as typed, as text
    assert not any(getattr(widget, "description_allow_html", False) for widget in every(editor))
    assert one(editor, "wb-remove-person").tooltip == f"Remove {hostile}"


def test_a_practice_case_loads_into_rows_and_the_new_answers(state: PlanState) -> None:
    """A practice panel arrives as rows, each person with their own title and moment; a
    practice call brings a number for its voicemail, a practice letter both addresses."""
    state.slot = "practice:teaching"
    assert [(row["name"], row["title"]) for row in state.interviewers] == [
        ("Tom Becker", "Mr"),
        ("Aisha Rahman", ""),
    ]
    assert all(row["moment"] for row in state.interviewers)
    assert state.touched.get("moment") is True
    state.slot = "practice:warehouse"
    assert state.interview().candidate_phone.startswith("07700 900")
    state.slot = "practice:analyst"
    assert state.interview().candidate_address.startswith("Flat 3")
    assert state.interview().employer_address.startswith("Brightline Insurance")


def test_the_next_round_forgets_the_moments_and_keeps_the_people(state: PlanState) -> None:
    """Planning the next round keeps who the interviewers are and clears each moment."""
    panel(state)
    state.update_interviewer(0, moment="the tour of the new sorting line")
    state.start_next_round(MONDAY.replace(day=30))
    assert [(row["name"], row["moment"]) for row in state.interviewers] == [
        ("Dana Reyes", ""),
        ("Raj Patel", ""),
    ]


def test_another_wording_moves_on_and_comes_back_round(state: PlanState) -> None:
    """Another wording moves the plan's wording on, says which is shown, returns to the first
    after the last, and keeps the learner's edited drafts, marked as needing a look."""
    fill_basics(state)
    view = my_plan(state)
    assert one(view, "wb-wording").value == f'<p role="status">Wording 1 of {WORDINGS}</p>'
    body = one(one(view, "wb-step-thank-you-1"), "wb-draft-body")
    body.value = body.value.replace("Kind regards", "With thanks")
    one(view, "wb-another-wording").click()
    assert state.wording == 2 and state.plan is not None and state.plan.interview.wording == 2
    assert f"Wording 2 of {WORDINGS}" in one(view, "wb-wording").value
    editor = one(view, "wb-step-thank-you-1")
    assert "With thanks" in one(editor, "wb-draft-body").value
    assert "Needs a look" in one(editor, "wb-stale").value  # the new wording is beside it
    for _ in range(WORDINGS - 1):
        one(view, "wb-another-wording").click()
    assert state.wording == 1 and f"Wording 1 of {WORDINGS}" in one(view, "wb-wording").value


def test_a_missing_address_can_be_added_from_the_plan(state: PlanState) -> None:
    """Each person an email goes to without an address gets a field in my plan; the planner's
    complaint about a mistyped address is shown and changes nothing; a good one is kept, and
    the field goes away."""
    panel(state)
    view = my_plan(state)
    assert "Raj Patel has no email address yet" in one(view, "wb-plan").value
    field = one(view, "wb-missing-email")
    assert field.description == "Email address for Raj Patel"
    field.value = "raj-at-acme"
    one(view, "wb-add-email").click()
    message = one(view, "wb-add-email-message").value
    assert "&#x27;raj-at-acme&#x27; is not an email address" in message
    assert state.interviewers[1]["email"] == "" and state.plan is not None
    field.value = " raj@acme.example "
    one(view, "wb-add-email").click()
    assert state.interviewers[1]["email"] == "raj@acme.example"
    assert not find(view, "wb-missing-email")
    assert "has no email address yet" not in one(view, "wb-plan").value
    assert 'href="mailto:raj@acme.example' in html_of(one(view, "wb-step-thank-you-2"))


def test_the_plans_notes_are_a_calm_note_apart_from_the_warnings(state: PlanState) -> None:
    """The plan's notes (no second follow-up without news) are shown, escaped, in a calm note
    of their own, in the sections and in my plan, and never in the warnings box."""
    fill_basics(state)
    assert state.plan is not None and state.plan.notes
    view = my_plan(state)
    for html in (one(exercise("bothersome", state), "wb-plan").value, one(view, "wb-plan").value):
        notes = html[html.index('<div class="wb-notes" role="note">') :]
        assert escape(state.plan.notes[0]) in notes.split("</div>")[0]
        assert "second contact" not in html[html.find('class="wb-warnings"') :]
    plan = dataclasses.replace(state.plan, notes=("A second contact would need <news>.",))
    html = plan_part_html(plan, "", Section.BOTHERSOME, practising=False)
    assert (
        '<div class="wb-notes" role="note"><p>A second contact would need &lt;news&gt;.</p>' in html
    )


def test_two_notebooks_open_at_once_keep_each_others_rows(isolated_home: Path) -> None:
    """Rows changed in two kernels on one answers file keep both changes: a moment typed in
    one and a name, a new person or a removal made in the other."""
    first = PlanState(today=MONDAY)
    panel(first)
    second = PlanState(today=MONDAY)  # section 3 opened now, section 2 left open
    second.update_interviewer(0, moment="the tour of the new sorting line")
    first.update_interviewer(0, title="Ms")
    first.add_interviewer()
    first.update_interviewer(2, name="Sam Ortiz")
    second.update_interviewer(1, moment="the question about night shifts")
    first.remove_interviewer(1)
    rows = PlanState(today=MONDAY).interviewers
    assert [(row["name"], row["title"], row["moment"]) for row in rows] == [
        ("Dana Reyes", "Ms", "the tour of the new sorting line"),
        ("Sam Ortiz", "", ""),
    ]


def test_the_first_answer_saved_can_be_a_person(isolated_home: Path) -> None:
    """An empty row is no answer yet, and a person added before any other answer is saved
    once, not twice."""
    state = PlanState(today=MONDAY)
    state.add_interviewer()
    assert "interviewers" not in state.touched
    state.update_interviewer(0, name="Dana Reyes")
    assert state.touched["interviewers"]
    assert [row["name"] for row in PlanState(today=MONDAY).interviewers] == ["Dana Reyes"]
