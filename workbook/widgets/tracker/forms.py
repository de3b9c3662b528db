"""The tracker page's model and its forms: add an application (the plan's in one click), an
interview, a contact and an answer.

The tracker page's views share a `TrackerModel`, a traitlets model with no widgets in it: the
tracker file, and a counter that moves on with every change so that each view redraws from the
tracker. The tracker itself is the only record; the views keep nothing of their own. The table
and its editors are in `tracker_editing`, the import in `importing`, the fields they all use in
`forms`. Every text a learner typed is escaped before it is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any, ClassVar, Final

import ipywidgets as w
import pandas as pd
from traitlets import HasTraits, Int, Unicode

from workbook.model import Answer, Channel, Kind, NextStep
from workbook.rules.dates import full_date, long_date
from workbook.tracker.planlink import add_plan, is_practice, log_reply
from workbook.tracker.store import ContactKey, RoundKey, Tracker, TrackerError, default_path
from workbook.widgets.labels import (
    ANSWER_CHOICES,
    CHANNEL_LABELS,
    KIND_LABELS,
    NEXT_STEP_LABELS,
    SOURCE_LABELS,
    answer_from,
)
from workbook.widgets.state import PlanState
from workbook.widgets.tracker.fields import (
    MissingError,
    T,
    choice_field,
    classed,
    date_field,
    flag_field,
    form_box,
    need,
    set_options,
    submit,
    text_field,
)

__all__ = [
    "PROMISED_LABEL",
    "SHOWN_ROWS",
    "TrackerModel",
    "application_options",
    "contact_options",
    "contact_rows",
    "day_or_none",
    "iso_day",
    "round_options",
    "tracker_forms",
]

SHOWN_ROWS: Final = 300
"""The table shows at most this many rows; an export holds them all."""

_EMPTY = Path(":memory:")


class TrackerModel(HasTraits):
    """The tracker file the views share; `changes` counts the changes made through them."""

    changes = Int(0, read_only=True)
    problem = Unicode("", read_only=True, help="why the tracker could not be read, if it could not")

    _shared: ClassVar[TrackerModel | None] = None

    def __init__(self, path: Path | None = None, today: dt.date | None = None) -> None:
        super().__init__()
        self.path = path or default_path()
        self.today = today or dt.date.today()

    @classmethod
    def shared(cls) -> TrackerModel:
        """The one model of this kernel, on the learner's tracker."""
        if cls._shared is None:
            cls._shared = cls()
        return cls._shared

    def read(self, reading: Callable[[Tracker], T]) -> T:
        """What `reading` finds in the tracker: an empty one (and no file) before the first
        change, or when the file cannot be read (then `problem` says why)."""
        try:
            with Tracker(self.path if self.path.is_file() else _EMPTY) as tracker:
                found = reading(tracker)
        except TrackerError as error:
            self.set_trait("problem", f"Your tracker cannot be read: {error}.")
            with Tracker(_EMPTY) as empty:
                return reading(empty)
        self.set_trait("problem", "")
        return found

    def change(self, changing: Callable[[Tracker], T]) -> T:
        """Make a change to the tracker (creating it if needed), then let every view redraw."""
        with Tracker(self.path) as tracker:
            result = changing(tracker)
        self.set_trait("changes", self.changes + 1)
        return result

    def changed_elsewhere(self) -> None:
        """The tracker was changed outside these views (an import): let every view redraw."""
        self.set_trait("changes", self.changes + 1)


def iso_day(day: Any) -> str:
    """A date of the tracker's frames as `2026-11-23`, "" when empty."""
    return "" if pd.isna(day) else pd.Timestamp(day).date().isoformat()


def _application_label(row: pd.Series[Any]) -> str:
    role = f", {row['role']}" if row["role"] else ""
    return f"{row['company']}{role}"


def application_options(tracker: Tracker) -> list[tuple[str, str]]:
    rows = tracker.applications()
    return [(_application_label(row), str(row["application_id"])) for _, row in rows.iterrows()]


def round_options(tracker: Tracker) -> list[tuple[str, RoundKey]]:
    names = {value: label for label, value in application_options(tracker)}
    options = []
    for _, row in tracker.rounds().iterrows():
        key = RoundKey(str(row["application_id"]), pd.Timestamp(row["interview_date"]).date())
        options.append(
            (f"{names[key.application_id]}: interview on {iso_day(row['interview_date'])}", key)
        )
    return options


def contact_rows(tracker: Tracker) -> pd.DataFrame:
    rows = tracker.contacts()
    return rows[rows["contact_date"].notna()]


def _contact_label(row: pd.Series[Any]) -> str:
    kind = KIND_LABELS[Kind(row["kind"])]
    channel = CHANNEL_LABELS[Channel(row["channel"])].lower()
    answered = (
        f", answered {iso_day(row['response_date'])}" if pd.notna(row["response_date"]) else ""
    )
    on = iso_day(row["contact_date"])
    return f"{_application_label(row)}: {kind} by {channel} on {on}{answered}"


def contact_options(tracker: Tracker) -> list[tuple[str, ContactKey]]:
    """The latest `SHOWN_ROWS` contacts, newest first."""
    rows = contact_rows(tracker).sort_values("contact_date", ascending=False, kind="stable")
    return [
        (_contact_label(row), ContactKey.of(row)) for _, row in rows.head(SHOWN_ROWS).iterrows()
    ]


# -- the forms ---------------------------------------------------------------------------------


def _from_plan_form(model: TrackerModel, state: PlanState) -> w.VBox:
    about = classed(w.HTML(), "wb-plan-summary")
    box, button, message = form_box(
        "From my plan", "wb-add-from-plan", [about], "Add my plan's application"
    )

    def describe(_: object = None) -> None:
        plan = state.plan
        button.disabled = plan is None or state.practising
        if state.practising:
            about.value = (
                "<p>You are working on a practice interview: practice plans never go into your "
                "tracker. Choose <strong>My own interview</strong> in the plan's "
                "<strong>Work on</strong> menu to add yours.</p>"
            )
        elif plan is None:
            about.value = f"<p>{escape(state.problem)}</p>"
        else:
            interview = plan.interview
            about.value = (
                f"<p>Your plan is for <strong>{escape(interview.role)}</strong> at "
                f"<strong>{escape(interview.company)}</strong>, interview on "
                f"{full_date(interview.date)}. One click adds the "
                "application and the interview to your tracker.</p>"
            )

    def add() -> str:
        plan = state.plan
        if plan is None or state.practising or is_practice(plan):
            raise MissingError("There is no plan of your own to add yet.")
        added = model.change(lambda tracker: add_plan(tracker, plan))
        name = f"{plan.interview.company}, {plan.interview.role}"
        return f"Added {name} to your tracker." if added else f"{name} is already in your tracker."

    state.observe(describe, names=["plan", "problem", "slot"])
    describe()
    submit(button, message, add)
    return box


def _application_form(model: TrackerModel) -> w.VBox:
    company = text_field("Company", "wb-new-company", "e.g. Acme Logistics")
    role = text_field("Role", "wb-new-role", "e.g. Warehouse Supervisor")
    people = flag_field("People-facing role (sales, HR, teaching, care...)", "wb-new-people-facing")
    applied = date_field("Applied on (if you know)", "wb-new-applied")
    sources = [("Not noted", None), *((label, s) for s, label in SOURCE_LABELS.items())]
    source = choice_field("How I applied", "wb-new-source", sources)
    job_ref = text_field("Job reference", "wb-new-job-ref")
    person = text_field("Contact person", "wb-new-contact-name")
    detail = text_field("Their email or phone", "wb-new-contact-detail")
    fields = [company, role, people, applied, source, job_ref, person, detail]
    box, button, message = form_box("An application", "wb-add-application", fields, "Add it")

    def add() -> str:
        name = need(company.value.strip(), "the company")
        model.change(
            lambda tracker: tracker.add_application(
                name, role.value.strip(), people_facing=people.value,
                applied_date=applied.value, source=source.value, job_ref=job_ref.value.strip(),
                contact_name=person.value.strip(), contact_detail=detail.value.strip(),
            )
        )  # fmt: skip
        for field in (company, role, job_ref, person, detail):
            field.value = ""
        applied.value, people.value, source.value = None, False, None
        return f"Added {name}. Next, add its interview below."

    submit(button, message, add)
    return box


PROMISED_LABEL = "They will be in touch by"
"""The label of a round's promised day: the date the employer gave for their answer."""


def day_or_none(value: Any) -> dt.date | None:
    """A date of the tracker's frames as a date, None when empty."""
    return None if pd.isna(value) else pd.Timestamp(value).date()


def _round_form(model: TrackerModel) -> w.VBox:
    application = choice_field("Application", "wb-round-application", [])
    day = date_field("Interview date", "wb-round-date")
    next_step = choice_field(
        "What they said happens next", "wb-round-next-step",
        [(label, step.value) for step, label in NEXT_STEP_LABELS.items()],
    )  # fmt: skip
    people = text_field("Interviewers", "wb-round-interviewers", "e.g. Dana Reyes; Sam Ortiz")
    promised = date_field(PROMISED_LABEL, "wb-round-promised")
    fields = [application, day, next_step, people, promised]
    box, button, message = form_box("An interview", "wb-add-round", fields, "Add the interview")

    def refresh(_: object = None) -> None:
        set_options(application, model.read(application_options))

    def add() -> str:
        chosen = need(application.value, "the application (add one above)")
        when = need(day.value, "the interview date")
        model.change(
            lambda tracker: tracker.add_round(
                chosen, when, next_step=NextStep(next_step.value),
                interviewers=people.value.strip(), promised_date=promised.value,
            )
        )  # fmt: skip
        people.value, day.value, promised.value = "", None, None
        return f"Added the interview on {full_date(when)}."

    model.observe(refresh, names="changes")
    refresh()
    submit(button, message, add)
    return box


def _contact_form(model: TrackerModel) -> w.VBox:
    round_ = choice_field("After the interview", "wb-contact-round", [])
    day = date_field("Sent on", "wb-contact-date", model.today)
    kind = choice_field(
        "Kind", "wb-contact-kind", [(label, k.value) for k, label in KIND_LABELS.items()]
    )
    channel = choice_field(
        "Channel", "wb-contact-channel", [(label, c.value) for c, label in CHANNEL_LABELS.items()]
    )
    news = flag_field("It brought new information", "wb-contact-new-info")
    fields = [round_, day, kind, channel, news]
    box, button, message = form_box("A contact you made", "wb-add-contact", fields, "Log it")

    def refresh(_: object = None) -> None:
        set_options(round_, model.read(round_options))

    def add() -> str:
        after = need(round_.value, "the interview it follows (add one above)")
        when = need(day.value, "the day you sent it")
        model.change(
            lambda tracker: tracker.add_contact(
                after, when, Channel(channel.value), kind=Kind(kind.value), new_info=news.value
            )
        )
        news.value = False
        return f"Logged your {KIND_LABELS[Kind(kind.value)].lower()} of {long_date(when)}."

    model.observe(refresh, names="changes")
    refresh()
    submit(button, message, add)
    return box


def _answer_form(model: TrackerModel) -> w.VBox:
    contact = choice_field("Answer to", "wb-answer-contact", [])
    what = choice_field("What did they say?", "wb-answer-what", ANSWER_CHOICES)
    day = date_field("It came on", "wb-answer-day", model.today)
    later = date_field("Next round on (if known)", "wb-answer-next-round")
    fields = [contact, what, day, later]
    box, button, message = form_box("An answer you got", "wb-add-answer", fields, "Log the answer")

    def refresh(_: object = None) -> None:
        set_options(contact, model.read(contact_options))

    def shown(_: object = None) -> None:
        later.layout.display = None if what.value == Answer.NEXT_ROUND else "none"

    def add() -> str:
        answered = need(contact.value, "the contact they answered (log it above)")
        when = need(day.value, "the day their answer came")
        answer = answer_from(what.value)
        next_round = later.value if answer is Answer.NEXT_ROUND else None
        model.change(
            lambda tracker: log_reply(tracker, answered, when, answer, next_round=next_round)
        )
        later.value = None
        return f"Logged their answer of {long_date(when)}."

    model.observe(refresh, names="changes")
    what.observe(shown, names="value")
    refresh()
    shown()
    submit(button, message, add)
    return box


def tracker_forms(model: TrackerModel | None = None, state: PlanState | None = None) -> w.Tab:
    """Forms that add an application (from the plan, or by hand), an interview, a contact and
    an answer to the tracker, one tab each."""
    model = model or TrackerModel.shared()
    state = state or PlanState.shared()
    forms = [
        ("From my plan", _from_plan_form(model, state)),
        ("Application", _application_form(model)),
        ("Interview", _round_form(model)),
        ("Contact", _contact_form(model)),
        ("Answer", _answer_form(model)),
    ]
    tabs = w.Tab(children=[form for _, form in forms], titles=[title for title, _ in forms])
    return classed(tabs, "wb-tracker-forms")
