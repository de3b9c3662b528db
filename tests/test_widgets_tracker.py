"""The tracker views and the plan's link to the tracker, driven without a browser: set
`.value`, click, then read the tracker and the HTML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd
import pytest

from tests.widget_tree import MONDAY, every, fill_basics, find, one
from workbook.model import Answer, Channel, Kind, Source, Stage, StageEntry
from workbook.tracker.planlink import plan_round, track_file
from workbook.tracker.store import ContactKey, RoundKey, Tracker
from workbook.widgets import (
    AnalysisModel,
    PlanState,
    TrackerModel,
    analysis,
    my_plan,
    tracker_forms,
    tracker_import,
    tracker_table,
)

ACME = "acme-logistics--warehouse-supervisor"
THURSDAY = dt.date(2026, 11, 26)


@pytest.fixture
def state(isolated_home: Path) -> PlanState:
    state = PlanState(today=MONDAY)
    fill_basics(state)
    state.interviewers = [
        {"name": "Dana Reyes", "email": "dana@acme.example"},
        {"name": "Sam Ortiz"},
    ]
    state.new_info = "my forklift certificate came through"
    state.further_news = "I can now start at once"  # so the plan has a second follow-up
    return state


@pytest.fixture
def model(isolated_home: Path) -> TrackerModel:
    return TrackerModel(today=MONDAY)


@pytest.fixture
def db(isolated_home: Path) -> Path:
    return isolated_home / "tracker.db"


def rows(db: Path) -> pd.DataFrame:
    with Tracker(db, create=False) as tracker:
        return tracker.contacts()


def html_of(view: w.Widget) -> str:
    return "".join(widget.value for widget in every(view) if isinstance(widget, w.HTML))


def upload(view: w.Widget, name: str, text: str) -> None:
    content = text.encode("utf-8")
    one(view, "wb-import-upload").value = (
        {"name": name, "type": "text/csv", "size": len(content), "content": memoryview(content),
         "last_modified": dt.datetime(2026, 11, 23)},
    )  # fmt: skip


# -- the plan and the tracker ------------------------------------------------------------------


def test_mark_as_sent_logs_the_contact_with_its_application_and_round(
    state: PlanState, db: Path
) -> None:
    """One click logs a step's contact, adding the plan's application and round first."""
    view = my_plan(state)
    assert not db.exists()  # reading the plan creates no tracker
    one(one(view, "wb-step-follow-up-1"), "wb-sent-on").value = dt.date(2026, 12, 1)
    one(one(view, "wb-step-follow-up-1"), "wb-mark-sent").click()
    table = rows(db)
    assert list(table["application_id"]) == [ACME]
    assert table.loc[0, "company"] == "Acme Logistics"
    assert table.loc[0, "interview_date"] == pd.Timestamp(MONDAY)
    assert (table.loc[0, "contact_date"], table.loc[0, "kind"]) == (
        pd.Timestamp(2026, 12, 1),
        "follow-up",
    )
    editor = one(view, "wb-step-follow-up-1")
    assert "Sent on Tuesday 1 December 2026" in one(editor, "wb-sent").value
    assert not find(editor, "wb-mark-sent")


def test_one_logged_thank_you_covers_the_thank_yous_of_that_day(state: PlanState, db: Path) -> None:
    """The tracker knows one thank-you email a day, so marking one marks every thank-you."""
    view = my_plan(state)
    one(one(view, "wb-step-thank-you-2"), "wb-mark-sent").click()
    assert len(rows(db)) == 1
    for key in ("wb-step-thank-you-1", "wb-step-thank-you-2"):
        assert "Sent on Monday 23 November 2026" in one(one(view, key), "wb-sent").value
    assert find(one(view, "wb-step-follow-up-1"), "wb-mark-sent")


def test_a_second_follow_up_is_logged_as_bringing_news(state: PlanState, db: Path) -> None:
    """The second follow-up carries the learner's news, so its contact has new_info set."""
    view = my_plan(state)
    editor = one(view, "wb-step-second-follow-up-1")
    one(editor, "wb-sent-on").value = dt.date(2026, 12, 7)
    one(editor, "wb-mark-sent").click()
    assert rows(db).loc[0, "new_info"]


def test_an_answer_cancels_the_remaining_steps_and_offers_the_reply(
    state: PlanState, db: Path, isolated_home: Path
) -> None:
    """A rejection logged after the thank-you cancels the follow-ups, in the view and in the
    saved files, offers the gracious reply, and sets the application's outcome."""
    view = my_plan(state)
    one(one(view, "wb-step-thank-you-1"), "wb-mark-sent").click()
    answer = one(view, "wb-answer")
    one(answer, "wb-answer-kind").value = Answer.REJECTION.value
    one(answer, "wb-answer-date").value = THURSDAY
    one(answer, "wb-log-answer").click()

    result = one(view, "wb-answer-result").value
    assert "They answered on Thursday 26 November 2026:</strong> they said no" in result
    assert "Follow-up email to Dana Reyes, Monday 30 November" in result
    assert "Second follow-up email to Dana Reyes" in result
    assert "Re: The Warehouse Supervisor position" in result  # the reply to a rejection
    assert "mailto:dana@acme.example" in result
    remaining = {e for e in ("follow-up-1", "second-follow-up-1") if find(view, f"wb-step-{e}")}
    assert remaining == set()
    assert len(find(view, "wb-draft-editor")) == 2  # the two thank-yous stay
    assert "Follow-up email" not in one(view, "wb-plan").value

    table = rows(db)
    assert table.loc[0, "outcome"] == "rejected"
    assert (table.loc[0, "response"], table.loc[0, "response_date"]) == (
        "negative",
        pd.Timestamp(THURSDAY),
    )

    one(view, "wb-save-files").click()
    folder = isolated_home / "workspace" / "exports"
    (plan_folder,) = folder.iterdir()
    assert sorted(p.name for p in plan_folder.glob("*.eml")) == [
        "01-2026-11-23-thank-you-dana-reyes.eml",
        "02-2026-11-23-thank-you-sam-ortiz.eml",
    ]
    markdown = (plan_folder / "plan.md").read_text(encoding="utf-8")
    assert "## Cancelled" in markdown and "### If they say no" in markdown


def test_an_answer_is_read_back_from_the_tracker_after_a_restart(
    state: PlanState, db: Path
) -> None:
    """Nothing about the answer is kept but the tracker: a new kernel's view shows it too."""
    view = my_plan(state)
    one(one(view, "wb-step-thank-you-1"), "wb-mark-sent").click()
    one(view, "wb-answer-kind").value = Answer.OFFER.value
    one(view, "wb-answer-date").value = THURSDAY
    one(view, "wb-log-answer").click()
    again = my_plan(PlanState(today=MONDAY))
    assert "they made you an offer" in one(again, "wb-answer-result").value
    assert "Re: Offer for the Warehouse Supervisor position" in one(again, "wb-answer-result").value


def test_an_answer_dated_before_the_contact_is_refused(state: PlanState, db: Path) -> None:
    """An answer cannot come before the message it answers; nothing is logged and the plan
    stays as it was."""
    view = my_plan(state)
    editor = one(view, "wb-step-follow-up-1")
    one(editor, "wb-sent-on").value = dt.date(2026, 11, 30)
    one(editor, "wb-mark-sent").click()
    one(view, "wb-answer-kind").value = Answer.REJECTION.value
    one(view, "wb-answer-date").value = THURSDAY
    one(view, "wb-log-answer").click()
    message = one(view, "wb-answer-message").value
    assert "Not logged: an answer cannot come before the message it answers" in message
    assert "Monday 30 November 2026" in message
    assert rows(db)["response_date"].isna().all()
    assert rows(db).loc[0, "outcome"] == "pending"
    assert find(view, "wb-step-second-follow-up-1")


def test_an_answer_needs_a_logged_message_to_reply_to(state: PlanState, db: Path) -> None:
    """With nothing marked as sent, logging an answer says what to do first and writes nothing."""
    view = my_plan(state)
    one(view, "wb-log-answer").click()
    assert "mark the message they answered as sent first" in one(view, "wb-answer-message").value
    assert not db.exists()


def test_a_reply_without_a_decision_leaves_the_plan_as_it_is(state: PlanState, db: Path) -> None:
    """A reply that decides nothing is counted as an answer but cancels no step."""
    view = my_plan(state)
    one(one(view, "wb-step-thank-you-1"), "wb-mark-sent").click()
    one(view, "wb-answer-kind").value = "no-decision"
    one(view, "wb-answer-date").value = THURSDAY
    one(view, "wb-log-answer").click()
    assert "leaves your plan as it is" in one(view, "wb-answer-message").value
    assert rows(db).loc[0, "response"] == "neutral"
    assert find(view, "wb-step-follow-up-1") and not find(view, "wb-answer-result")


def test_a_next_round_starts_a_new_plan_for_that_round(state: PlanState, db: Path) -> None:
    """An invitation cancels the follow-ups and offers the confirming reply; planning the next
    round moves the plan to its date, adds the round to the tracker, and starts unsent."""
    state.keep_edit("thank-you-1", "Edited", "Edited body", state.plan.steps[0].draft)  # type: ignore[union-attr]
    view = my_plan(state)
    one(one(view, "wb-step-thank-you-1"), "wb-mark-sent").click()
    one(view, "wb-answer-kind").value = Answer.NEXT_ROUND.value
    one(view, "wb-answer-date").value = THURSDAY
    one(view, "wb-answer-next-round").value = dt.date(2026, 12, 3)
    one(view, "wb-log-answer").click()
    assert (
        "Re: Next step for the Warehouse Supervisor position" in one(view, "wb-answer-result").value
    )
    assert one(view, "wb-next-round-date").value == dt.date(2026, 12, 3)
    one(view, "wb-next-round").click()

    assert state.date == dt.date(2026, 12, 3) and state.edits == {}
    assert state.company == "Acme Logistics"
    assert [row["name"] for row in state.interviewers] == ["Dana Reyes", "Sam Ortiz"]
    assert not find(view, "wb-answer-result") and not find(view, "wb-sent")
    assert len(find(view, "wb-mark-sent")) == len(state.plan.steps)  # type: ignore[union-attr]
    rounds = rows(db)["interview_date"].drop_duplicates().tolist()
    assert rounds == [pd.Timestamp(MONDAY), pd.Timestamp(2026, 12, 3)]


def test_practice_plans_are_never_logged(state: PlanState, db: Path) -> None:
    """A practice plan shows no Mark as sent and no answer form, and no tracker appears."""
    state.slot = "practice:teaching"
    view = my_plan(state)
    assert state.plan is not None
    assert not find(view, "wb-mark-sent") and not find(view, "wb-log-answer")
    assert "A practice plan is not logged in your tracker" in html_of(one(view, "wb-answer"))
    forms = tracker_forms(TrackerModel(), state)
    button = one(forms, "wb-add-from-plan-submit")
    assert button.disabled
    button.click()  # even if the click got through
    assert (
        "There is no plan of your own"
        in one(one(forms, "wb-add-from-plan"), "wb-form-message").value
    )
    assert not db.exists()


# -- the forms -----------------------------------------------------------------------------------


def test_the_plans_application_is_added_with_one_click(
    state: PlanState, model: TrackerModel, db: Path
) -> None:
    """From my plan adds the application and its round once; a second click says so."""
    forms = tracker_forms(model, state)
    panel = one(forms, "wb-add-from-plan")
    assert "Warehouse Supervisor" in one(panel, "wb-plan-summary").value
    one(panel, "wb-add-from-plan-submit").click()
    assert "Added Acme Logistics, Warehouse Supervisor" in one(panel, "wb-form-message").value
    table = rows(db)
    assert list(table["application_id"]) == [ACME]
    assert table.loc[0, "interview_date"] == pd.Timestamp(MONDAY)
    assert table.loc[0, "contact_detail"] == "dana@acme.example"
    one(panel, "wb-add-from-plan-submit").click()
    assert "already in your tracker" in one(panel, "wb-form-message").value
    assert len(rows(db)) == 1


def test_an_application_round_contact_and_answer_are_added_by_hand(
    model: TrackerModel, state: PlanState, db: Path
) -> None:
    """Each form adds what it says, the next form offers it at once, and the table shows it."""
    forms = tracker_forms(model, state)
    table = tracker_table(model)
    new = one(forms, "wb-add-application")
    one(new, "wb-new-company").value = "Beta Books"
    one(new, "wb-new-role").value = "Bookseller"
    one(new, "wb-new-people-facing").value = True
    one(new, "wb-add-application-submit").click()
    assert "Added Beta Books" in one(new, "wb-form-message").value
    assert one(new, "wb-new-company").value == ""

    round_form = one(forms, "wb-add-round")
    assert one(round_form, "wb-round-application").value == "beta-books--bookseller"
    one(round_form, "wb-round-date").value = dt.date(2026, 11, 2)
    one(round_form, "wb-round-next-step").value = "vague"
    one(round_form, "wb-add-round-submit").click()

    contact = one(forms, "wb-add-contact")
    assert one(contact, "wb-contact-round").value == RoundKey(
        "beta-books--bookseller", dt.date(2026, 11, 2)
    )
    one(contact, "wb-contact-date").value = dt.date(2026, 11, 9)
    one(contact, "wb-contact-kind").value = Kind.FOLLOW_UP.value
    one(contact, "wb-contact-channel").value = Channel.PHONE.value
    one(contact, "wb-add-contact-submit").click()

    answer = one(forms, "wb-add-answer")
    key = ContactKey("beta-books--bookseller", dt.date(2026, 11, 9), Kind.FOLLOW_UP, Channel.PHONE)
    assert one(answer, "wb-answer-contact").value == key
    one(answer, "wb-answer-what").value = Answer.OFFER.value
    one(answer, "wb-answer-day").value = dt.date(2026, 11, 10)
    one(answer, "wb-add-answer-submit").click()

    row = rows(db).iloc[0]
    assert (row["people_facing"], row["next_step"], row["channel"]) == (True, "vague", "phone")
    assert (row["response"], row["outcome"]) == ("positive", "offer")
    shown = one(table, "wb-tracker-table").value
    assert "<td>Beta Books</td>" in shown and "<td>Phone call</td>" in shown
    assert "<td>Offer</td>" in shown


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (None, "Fill in the day you sent it first."),
        (dt.date(2026, 10, 30), "A contact cannot come before the interview it follows."),
        (dt.date(1850, 1, 1), "1850-01-01 is not a plausible date (1900 to 2199)."),
    ],
)
def test_a_bad_date_in_a_form_is_refused_and_nothing_is_written(
    model: TrackerModel, state: PlanState, db: Path, day: dt.date | None, message: str
) -> None:
    """A missing, impossible or implausible date is explained, and the tracker is unchanged."""
    with Tracker(db) as tracker:
        tracker.add_round(tracker.add_application("Beta Books"), dt.date(2026, 11, 2))
    before = rows(db)
    contact = one(tracker_forms(model, state), "wb-add-contact")
    one(contact, "wb-contact-date").value = day
    one(contact, "wb-add-contact-submit").click()
    assert message in one(contact, "wb-form-message").value
    pd.testing.assert_frame_equal(rows(db), before)


def test_an_answer_before_its_contact_is_refused_in_the_form(
    model: TrackerModel, state: PlanState, db: Path
) -> None:
    """The answer form refuses a day before the contact and writes nothing."""
    with Tracker(db) as tracker:
        round_ = tracker.add_round(tracker.add_application("Beta Books"), dt.date(2026, 11, 2))
        tracker.add_contact(round_, dt.date(2026, 11, 9), Channel.EMAIL)
    answer = one(tracker_forms(model, state), "wb-add-answer")
    one(answer, "wb-answer-what").value = Answer.REJECTION.value
    one(answer, "wb-answer-day").value = dt.date(2026, 11, 5)
    one(answer, "wb-add-answer-submit").click()
    message = one(answer, "wb-form-message").value
    assert "Nothing was changed." in message and "cannot come before its contact" in message
    assert rows(db)["response_date"].isna().all() and rows(db).loc[0, "outcome"] == "pending"


def test_typed_markup_is_shown_as_text_in_the_tracker(
    model: TrackerModel, state: PlanState
) -> None:
    """A company typed as markup appears escaped in the forms' options and in the table."""
    forms = tracker_forms(model, state)
    table = tracker_table(model)
    new = one(forms, "wb-add-application")
    one(new, "wb-new-company").value = "<script>alert(1)</script>"
    one(new, "wb-add-application-submit").click()
    html = html_of(forms) + html_of(table)
    assert "<script>" not in html and "&lt;script&gt;" in html


# -- the table and its edits -----------------------------------------------------------------


def test_the_table_shows_each_applications_stage_history_once(
    model: TrackerModel, db: Path
) -> None:
    """An application's stages are shown on its first row, oldest first, with their dates; its
    other rows leave the cell empty, and one without a history shows the stage its records
    put it at, saying so."""
    with Tracker(db) as tracker:
        acme = tracker.add_application("Acme", "Clerk", history=[
            StageEntry(Stage.APPLIED, dt.date(2026, 1, 5)), StageEntry(Stage.SCREEN),
            StageEntry(Stage.INTERVIEW, dt.date(2026, 1, 20)),
        ])  # fmt: skip
        round_ = tracker.add_round(acme, dt.date(2026, 1, 20))
        tracker.add_contact(round_, dt.date(2026, 1, 20), Channel.EMAIL, kind=Kind.THANK_YOU)
        tracker.add_contact(round_, dt.date(2026, 1, 27), Channel.UNKNOWN)
        tracker.add_round(tracker.add_application("Yew Clinic"), dt.date(2026, 2, 2))
        tracker.add_application("Zeta Foods")
    model.changed_elsewhere()
    table = one(tracker_table(model), "wb-tracker-table").value
    assert '<th scope="col">Stages</th>' in table
    cells = [row.split("<td>")[-1].removesuffix("</td>") for row in table.split("</tr>")[1:-1]]
    assert cells == [
        "Applied 2026-01-05 → Screen → Interview 2026-01-20",
        "",
        "Interview (from your records)",
        "Applied (from your records)",
    ]
    assert "Not recorded" in table  # the contact whose channel was not noted


def test_a_new_application_can_say_how_it_was_made(model: TrackerModel, db: Path) -> None:
    """The form's "How I applied" is saved as the application's source; left alone, none."""
    forms = tracker_forms(model)
    new = one(forms, "wb-add-application")
    one(new, "wb-new-company").value = "Acme"
    one(new, "wb-new-source").value = Source.REFERRAL
    one(new, "wb-add-application-submit").click()
    one(new, "wb-new-company").value = "Zeta Foods"
    one(new, "wb-add-application-submit").click()
    assert list(rows(db)["source"]) == ["referral", ""]


def test_the_table_edits_a_contact_and_deletes_only_after_confirming(
    model: TrackerModel, db: Path
) -> None:
    """A contact's channel can be corrected; deleting it asks first, and keep leaves it."""
    with Tracker(db) as tracker:
        round_ = tracker.add_round(tracker.add_application("Beta Books"), dt.date(2026, 11, 2))
        tracker.add_contact(round_, dt.date(2026, 11, 9), Channel.EMAIL)
    view = tracker_table(model)
    editor = one(view, "wb-edit-contact-form")
    assert one(editor, "wb-edit-contact-date").value == dt.date(2026, 11, 9)
    one(editor, "wb-edit-contact-channel").value = Channel.LETTER.value
    one(editor, "wb-edit-contact-form-submit").click()
    assert rows(db).loc[0, "channel"] == "letter"
    assert "<td>Letter</td>" in one(view, "wb-tracker-table").value

    one(editor, "wb-delete-contact").click()
    one(editor, "wb-delete-contact-keep").click()
    assert rows(db)["contact_date"].notna().sum() == 1
    one(editor, "wb-delete-contact").click()
    one(editor, "wb-delete-contact-confirm").click()
    assert rows(db)["contact_date"].isna().all()
    assert "0 contact(s)" in one(view, "wb-tracker-table").value


def test_an_applications_outcome_is_set_in_the_table(model: TrackerModel, db: Path) -> None:
    """The application editor shows the saved fields and saves a new outcome."""
    with Tracker(db) as tracker:
        tracker.add_application("Beta Books", "Bookseller", people_facing=True)
    editor = one(tracker_table(model), "wb-edit-application-form")
    assert one(editor, "wb-edit-company").value == "Beta Books"
    assert one(editor, "wb-edit-people-facing").value is True
    one(editor, "wb-edit-outcome").value = "withdrawn"
    one(editor, "wb-edit-application-form-submit").click()
    assert rows(db).loc[0, "outcome"] == "withdrawn"


# -- importing -------------------------------------------------------------------------------

CANONICAL = (
    "company,role,interview_date,contact_date,kind,channel,response_date,response\n"
    "Beta Books,Bookseller,2026-11-02,2026-11-02,thank-you,email,,\n"
    "Beta Books,Bookseller,2026-11-02,2026-11-09,follow-up,phone,2026-11-10,positive\n"
)


def test_an_import_is_checked_first_and_written_only_when_confirmed(
    model: TrackerModel, db: Path
) -> None:
    """Choosing a file shows what would change and writes nothing; Import it writes it."""
    view = tracker_import(model)
    table = tracker_table(model)
    confirm = one(view, "wb-import-confirm")
    assert confirm.disabled
    upload(view, "my contacts.csv", CANONICAL)
    assert "2 row(s) would be added" in one(view, "wb-import-result").value
    assert not db.exists()
    assert not confirm.disabled
    confirm.click()
    assert "Imported: 2 row(s) added" in one(view, "wb-import-result").value
    assert confirm.disabled
    assert len(rows(db)) == 2
    assert "<td>Beta Books</td>" in one(table, "wb-tracker-table").value


def test_an_import_file_with_errors_shows_them_and_writes_nothing(
    model: TrackerModel, db: Path
) -> None:
    """Every problem is listed by line, escaped, the import stays disabled and no tracker
    appears."""
    bad = CANONICAL + "Beta Books,Bookseller,2026-11-02,2026-13-45,follow-up,<pigeon>,,\n"
    view = tracker_import(model)
    upload(view, "contacts.csv", bad)
    result = one(view, "wb-import-result").value
    assert "nothing was written" in result
    assert "contacts.csv:4: column &#x27;contact_date&#x27;: value &#x27;2026-13-45&#x27;" in result
    assert "&lt;pigeon&gt;" in result and "<pigeon>" not in result
    assert one(view, "wb-import-confirm").disabled
    one(view, "wb-import-confirm").click()
    assert not db.exists()


def test_columns_with_other_names_can_be_matched_by_hand(model: TrackerModel, db: Path) -> None:
    """Columns are matched by name in the learner's own words; one matched to nothing can be
    chosen, and a column left out is named."""
    text = (
        "Shop,Job Title,Interview Date,Contact-Date,Method,Salary\n"
        "Beta Books,Bookseller,2026-11-02,2026-11-09,E-mail,30k\n"
    )
    view = tracker_import(model)
    upload(view, "sheet.csv", text)
    choices = {box.description: box for box in find(view, "wb-import-column")}
    assert choices["Interview Date"].value == "interview_date"
    assert choices["Job Title"].value == "role"
    assert choices["Shop"].value == "(leave it out)"
    assert "no column for the company" in one(view, "wb-import-result").value
    choices["Shop"].value = "company"
    result = one(view, "wb-import-result").value
    assert (
        "1 row(s) would be added" in result
        and "Left out (not imported): &#x27;Salary&#x27;" in result
    )
    one(view, "wb-import-confirm").click()
    assert rows(db).loc[0, "company"] == "Beta Books"


def test_a_path_can_be_typed_instead_of_uploading(
    model: TrackerModel, db: Path, tmp_path: Path
) -> None:
    """A file on the computer can be named by its path; a missing one is reported."""
    view = tracker_import(model)
    one(view, "wb-import-check").click()
    assert "Choose a file first" in one(view, "wb-import-result").value
    one(view, "wb-import-path").value = str(tmp_path / "missing.csv")
    one(view, "wb-import-check").click()
    assert "missing.csv: no such file" in one(view, "wb-import-result").value
    (tmp_path / "mine.csv").write_text(CANONICAL, encoding="utf-8")
    one(view, "wb-import-path").value = str(tmp_path / "mine.csv")
    one(view, "wb-import-check").click()
    assert "2 row(s) would be added" in one(view, "wb-import-result").value


def test_the_link_is_read_from_the_tracker_alone(state: PlanState, db: Path) -> None:
    """A contact logged by hand for the plan's application and round counts as sent."""
    plan = state.plan
    assert plan is not None
    round_ = plan_round(plan)
    with Tracker(db) as tracker:
        tracker.add_application("Acme Logistics", "Warehouse Supervisor")
        tracker.add_round(round_.application_id, round_.interview_date)
        tracker.add_contact(round_, dt.date(2026, 12, 1), Channel.PHONE, kind=Kind.FOLLOW_UP)
    tracked = track_file(plan, db)
    sent: dict[str, Any] = dict(tracked.sent)
    assert sent == {"follow-up-1": dt.date(2026, 12, 1)}
    assert (
        "Sent on Tuesday 1 December"
        in one(one(my_plan(state), "wb-step-follow-up-1"), "wb-sent").value
    )


def test_a_file_that_is_not_a_tracker_is_reported_not_raised(
    state: PlanState, model: TrackerModel, db: Path
) -> None:
    """When tracker.db is another program's file, every view says so and leaves it alone."""
    db.write_bytes(b"not a database at all, just some text" * 10)
    before = db.read_bytes()
    assert "Your tracker cannot be read" in one(tracker_table(model), "wb-tracker-table").value
    assert "Your tracker cannot be read" in one(my_plan(state), "wb-plan").value
    assert (
        "Your tracker cannot be read"
        in one(analysis(AnalysisModel(today=MONDAY)), "wb-analysis-overall").value
    )
    assert db.read_bytes() == before


def test_download_my_tracker_gives_the_canonical_csv_as_a_link(
    model: TrackerModel, db: Path, tmp_path: Path
) -> None:
    """ "Download my tracker" offers the whole tracker as a link that holds the canonical CSV
    file itself, the same bytes as `workbook export`; a change to the tracker takes the old
    link away."""
    import base64
    import re

    from workbook.cli import main

    with Tracker(db) as tracker:
        round_ = tracker.add_round(tracker.add_application("=Beta Books"), dt.date(2026, 11, 2))
        tracker.add_contact(round_, dt.date(2026, 11, 9), Channel.EMAIL)
    view = tracker_table(model)
    one(view, "wb-download-tracker").click()
    shown = one(view, "wb-tracker-file").value
    link = re.search(
        r'<a class="wb-download" download="(my-tracker-[0-9-]+\.csv)" '
        r'href="data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)"',
        shown,
    )
    assert link is not None, shown
    assert link[1] == f"my-tracker-{MONDAY.isoformat()}.csv" and "(1 row)" in shown
    assert main(["export", str(tmp_path / "export.csv")]) == 0
    assert base64.b64decode(link[2]) == (tmp_path / "export.csv").read_bytes()
    assert "'=Beta Books" in base64.b64decode(link[2]).decode("utf-8")  # safe for spreadsheets
    with Tracker(db) as tracker:
        tracker.add_application("Gamma Games")
    model.changed_elsewhere()
    assert one(view, "wb-tracker-file").value == ""


def test_a_download_link_holds_the_file_under_an_escaped_name() -> None:
    """`download_link_html` gives a link whose `data:` address holds the bytes themselves
    (text declared UTF-8) and whose name cannot break out of the HTML."""
    import base64
    import re

    from workbook.widgets.render import download_link_html

    data = "Zoë,=1+1\n".encode()
    html = download_link_html('a"<b>&.csv', data)
    link = re.fullmatch(
        r'<a class="wb-download" download="([^"]*)" '
        r'href="data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)">Download ([^<]*)</a>',
        html,
    )
    assert link is not None, html
    assert link[1] == link[3] == "a&quot;&lt;b&gt;&amp;.csv"
    assert base64.b64decode(link[2]) == data
    assert 'href="data:application/pdf;base64,' in download_link_html(
        "x.pdf", b"%PDF", "application/pdf"
    )
