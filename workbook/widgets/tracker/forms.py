"""The tracker notebook's views: forms that add and log, the table with its edits, and the
import of a spreadsheet, checked before anything is written.

The views share a `TrackerModel`, a traitlets model with no widgets in it: the tracker file,
and a counter that moves on with every change so that each view redraws from the tracker. The
tracker itself is the only record; the views keep nothing of their own. Every text a learner
typed is escaped before it is shown.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from html import escape
from pathlib import Path
from typing import Any, ClassVar, Final, TypeVar

import ipywidgets as w
import pandas as pd
from traitlets import HasTraits, Int, Unicode

from workbook.canonical import COLUMNS
from workbook.home.folders import home
from workbook.model import Answer, Channel, Kind, NextStep, Outcome, Response
from workbook.rules.dates import full_date, long_date
from workbook.rules.stages import parse_history, stage_of
from workbook.tables.canonical_csv import export_csv
from workbook.tables.import_check import LEFT_OUT, ImportCheck, check_import
from workbook.tables.spreadsheet import TARGETS
from workbook.tracker.planlink import add_plan, is_practice, log_reply
from workbook.tracker.store import ContactKey, RoundKey, Tracker, TrackerError, default_path
from workbook.widgets import controls
from workbook.widgets.labels import (
    ANSWER_CHOICES,
    CHANNEL_LABELS,
    KIND_LABELS,
    NEXT_STEP_LABELS,
    OUTCOME_LABELS,
    SOURCE_LABELS,
    STAGE_LABELS,
    TONE_LABELS,
    answer_from,
)
from workbook.widgets.render import download_link_html
from workbook.widgets.safety import guarded
from workbook.widgets.state import PlanState

__all__ = [
    "SHOWN_ROWS",
    "TrackerModel",
    "tracker_download",
    "tracker_forms",
    "tracker_import",
    "tracker_table",
]

SHOWN_ROWS: Final = 300
"""The table shows at most this many rows; an export holds them all."""

_STYLE = {"description_width": "12rem"}
_WIDE = w.Layout(width="min(42rem, 100%)")
_EMPTY = Path(":memory:")

T = TypeVar("T")


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


# -- small helpers -----------------------------------------------------------------------------


class _MissingError(ValueError):
    """A form was sent without something it needs."""


def _need(value: T | None, what: str) -> T:
    if value is None or value == "":
        raise _MissingError(f"Fill in {what} first.")
    return value


def _ok(text: str) -> str:
    return f'<p role="status">{escape(text)}</p>'


def _problem(text: str) -> str:
    sentence = text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")
    return f'<p role="alert"><strong>Nothing was changed.</strong> {escape(sentence)}</p>'


def _submit(button: w.Button, message: w.HTML, action: Callable[[], str]) -> None:
    """Run `action` on a click and show what it says, or why it could not be done."""

    def clicked(_: w.Button) -> None:
        try:
            message.value = _ok(action())
        except _MissingError as missing:
            message.value = f'<p role="alert">{escape(str(missing))}</p>'
        except TrackerError as error:
            message.value = _problem(str(error))

    button.on_click(clicked)


def _classed(widget: Any, css: str) -> Any:
    widget.add_class(css)
    return widget


def _text(description: str, css: str, placeholder: str = "") -> w.Text:
    field = w.Text(description=description, placeholder=placeholder, style=_STYLE, layout=_WIDE)
    return _classed(field, css)


def _date(description: str, css: str, value: dt.date | None = None) -> w.DatePicker:
    return _classed(w.DatePicker(description=description, value=value, style=_STYLE), css)


def _choice(description: str, css: str, options: Sequence[tuple[str, Any]]) -> w.Dropdown:
    field = w.Dropdown(description=description, options=options, style=_STYLE, layout=_WIDE)
    return _classed(field, css)


def _flag(description: str, css: str) -> w.Checkbox:
    return _classed(w.Checkbox(description=description, indent=False), css)


def _set_options(dropdown: w.Dropdown, options: Sequence[tuple[str, Hashable]]) -> None:
    """New options, keeping the choice when it is still among them."""
    kept = dropdown.value
    dropdown.options = options
    values = [value for _, value in options]
    dropdown.value = kept if kept in values else (values[0] if values else None)


def _form(
    title: str, css: str, fields: Sequence[w.Widget], label: str
) -> tuple[w.VBox, w.Button, w.HTML]:
    button = controls.button(label, f"{css}-submit", button_style="primary")
    message = _classed(w.HTML(), "wb-form-message")
    box = w.VBox([w.HTML(f"<h4>{escape(title)}</h4>"), *fields, button, message])
    return _classed(box, css), button, message


def _iso(day: Any) -> str:
    """A date of the tracker's frames as `2026-11-23`, "" when empty."""
    return "" if pd.isna(day) else pd.Timestamp(day).date().isoformat()


def _application_label(row: pd.Series[Any]) -> str:
    role = f", {row['role']}" if row["role"] else ""
    return f"{row['company']}{role}"


def _application_options(tracker: Tracker) -> list[tuple[str, str]]:
    rows = tracker.applications()
    return [(_application_label(row), str(row["application_id"])) for _, row in rows.iterrows()]


def _round_options(tracker: Tracker) -> list[tuple[str, RoundKey]]:
    names = {value: label for label, value in _application_options(tracker)}
    options = []
    for _, row in tracker.rounds().iterrows():
        key = RoundKey(str(row["application_id"]), pd.Timestamp(row["interview_date"]).date())
        options.append(
            (f"{names[key.application_id]}: interview on {_iso(row['interview_date'])}", key)
        )
    return options


def _contact_rows(tracker: Tracker) -> pd.DataFrame:
    rows = tracker.contacts()
    return rows[rows["contact_date"].notna()]


def _contact_label(row: pd.Series[Any]) -> str:
    kind = KIND_LABELS[Kind(row["kind"])]
    channel = CHANNEL_LABELS[Channel(row["channel"])].lower()
    answered = f", answered {_iso(row['response_date'])}" if pd.notna(row["response_date"]) else ""
    return (
        f"{_application_label(row)}: {kind} by {channel} on {_iso(row['contact_date'])}{answered}"
    )


def _contact_options(tracker: Tracker) -> list[tuple[str, ContactKey]]:
    """The latest `SHOWN_ROWS` contacts, newest first."""
    rows = _contact_rows(tracker).sort_values("contact_date", ascending=False, kind="stable")
    return [
        (_contact_label(row), ContactKey.of(row)) for _, row in rows.head(SHOWN_ROWS).iterrows()
    ]


# -- the forms ---------------------------------------------------------------------------------


def _from_plan_form(model: TrackerModel, state: PlanState) -> w.VBox:
    about = _classed(w.HTML(), "wb-plan-summary")
    box, button, message = _form(
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
            raise _MissingError("There is no plan of your own to add yet.")
        added = model.change(lambda tracker: add_plan(tracker, plan))
        name = f"{plan.interview.company}, {plan.interview.role}"
        return f"Added {name} to your tracker." if added else f"{name} is already in your tracker."

    state.observe(describe, names=["plan", "problem", "slot"])
    describe()
    _submit(button, message, add)
    return box


def _application_form(model: TrackerModel) -> w.VBox:
    company = _text("Company", "wb-new-company", "e.g. Acme Logistics")
    role = _text("Role", "wb-new-role", "e.g. Warehouse Supervisor")
    people = _flag("People-facing role (sales, HR, teaching, care...)", "wb-new-people-facing")
    applied = _date("Applied on (if you know)", "wb-new-applied")
    sources = [("Not noted", None), *((label, s) for s, label in SOURCE_LABELS.items())]
    source = _choice("How I applied", "wb-new-source", sources)
    job_ref = _text("Job reference", "wb-new-job-ref")
    person = _text("Contact person", "wb-new-contact-name")
    detail = _text("Their email or phone", "wb-new-contact-detail")
    fields = [company, role, people, applied, source, job_ref, person, detail]
    box, button, message = _form("An application", "wb-add-application", fields, "Add it")

    def add() -> str:
        name = _need(company.value.strip(), "the company")
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

    _submit(button, message, add)
    return box


def _round_form(model: TrackerModel) -> w.VBox:
    application = _choice("Application", "wb-round-application", [])
    day = _date("Interview date", "wb-round-date")
    next_step = _choice(
        "What they said happens next", "wb-round-next-step",
        [(label, step.value) for step, label in NEXT_STEP_LABELS.items()],
    )  # fmt: skip
    people = _text("Interviewers", "wb-round-interviewers", "e.g. Dana Reyes; Sam Ortiz")
    fields = [application, day, next_step, people]
    box, button, message = _form("An interview", "wb-add-round", fields, "Add the interview")

    def refresh(_: object = None) -> None:
        _set_options(application, model.read(_application_options))

    def add() -> str:
        chosen = _need(application.value, "the application (add one above)")
        when = _need(day.value, "the interview date")
        model.change(
            lambda tracker: tracker.add_round(
                chosen, when, next_step=NextStep(next_step.value),
                interviewers=people.value.strip(),
            )
        )  # fmt: skip
        people.value, day.value = "", None
        return f"Added the interview on {full_date(when)}."

    model.observe(refresh, names="changes")
    refresh()
    _submit(button, message, add)
    return box


def _contact_form(model: TrackerModel) -> w.VBox:
    round_ = _choice("After the interview", "wb-contact-round", [])
    day = _date("Sent on", "wb-contact-date", model.today)
    kind = _choice(
        "Kind", "wb-contact-kind", [(label, k.value) for k, label in KIND_LABELS.items()]
    )
    channel = _choice(
        "Channel", "wb-contact-channel", [(label, c.value) for c, label in CHANNEL_LABELS.items()]
    )
    news = _flag("It brought new information", "wb-contact-new-info")
    fields = [round_, day, kind, channel, news]
    box, button, message = _form("A contact you made", "wb-add-contact", fields, "Log it")

    def refresh(_: object = None) -> None:
        _set_options(round_, model.read(_round_options))

    def add() -> str:
        after = _need(round_.value, "the interview it follows (add one above)")
        when = _need(day.value, "the day you sent it")
        model.change(
            lambda tracker: tracker.add_contact(
                after, when, Channel(channel.value), kind=Kind(kind.value), new_info=news.value
            )
        )
        news.value = False
        return f"Logged your {KIND_LABELS[Kind(kind.value)].lower()} of {long_date(when)}."

    model.observe(refresh, names="changes")
    refresh()
    _submit(button, message, add)
    return box


def _answer_form(model: TrackerModel) -> w.VBox:
    contact = _choice("Answer to", "wb-answer-contact", [])
    what = _choice("What did they say?", "wb-answer-what", ANSWER_CHOICES)
    day = _date("It came on", "wb-answer-day", model.today)
    later = _date("Next round on (if known)", "wb-answer-next-round")
    fields = [contact, what, day, later]
    box, button, message = _form("An answer you got", "wb-add-answer", fields, "Log the answer")

    def refresh(_: object = None) -> None:
        _set_options(contact, model.read(_contact_options))

    def shown(_: object = None) -> None:
        later.layout.display = None if what.value == Answer.NEXT_ROUND else "none"

    def add() -> str:
        answered = _need(contact.value, "the contact they answered (log it above)")
        when = _need(day.value, "the day their answer came")
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
    _submit(button, message, add)
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
    return _classed(tabs, "wb-tracker-forms")


# -- the table and its edits --------------------------------------------------------------------

_TABLE_COLUMNS: Final = (
    ("company", "Company"),
    ("role", "Role"),
    ("interview_date", "Interview"),
    ("contact_date", "Contact"),
    ("kind", "Kind"),
    ("channel", "Channel"),
    ("new_info", "News"),
    ("response_date", "Answer on"),
    ("response", "Answer"),
    ("outcome", "Outcome"),
    ("stage_history", "Stages"),
)


def _cell(name: str, value: Any) -> str:
    if name.endswith("_date"):
        return _iso(value)
    if name == "new_info":
        return "yes" if value else ""
    if name == "kind" and value:
        return KIND_LABELS[Kind(value)]
    if name == "channel" and value:
        return CHANNEL_LABELS[Channel(value)]
    if name == "response" and value:
        return TONE_LABELS[Response(value)]
    if name == "outcome" and value:
        return OUTCOME_LABELS[Outcome(value)]
    return str(value)


def _stages(rows: pd.DataFrame, shown: int) -> pd.Series[str]:
    """Each application's stages, on its first row only, for the first `shown` rows: its
    history, or without one the stage its records show it at (`stage_of`), so marked."""
    by_application = rows.groupby("application_id", sort=False)
    interviewed = (by_application["interview_date"].transform("count") > 0).to_numpy()
    answered = (by_application["response_date"].transform("count") > 0).to_numpy()
    answered = answered | rows["answer_date"].notna().to_numpy()
    first = (~rows["application_id"].duplicated()).to_numpy()
    cells = []
    for at, row in enumerate(rows.head(shown).itertuples(index=False)):
        if not first[at]:
            cells.append("")
        elif row.stage_history:
            entries = parse_history(str(row.stage_history))
            cells.append(" → ".join(
                f"{STAGE_LABELS[entry.stage]} {_iso(entry.date)}".rstrip() for entry in entries
            ))  # fmt: skip
        else:
            stage = stage_of((), Outcome(str(row.outcome)), interviewed=bool(interviewed[at]),
                             answered=bool(answered[at]))  # fmt: skip
            cells.append(f"{STAGE_LABELS[stage]} (from your records)")
    return pd.Series(cells, index=rows.index[:shown], dtype=object)


def table_html(rows: pd.DataFrame) -> str:
    """The tracker's rows as a table, the first `SHOWN_ROWS` of them, every cell escaped."""
    if rows.empty:
        return (
            '<p class="wb-tracker-empty">Your tracker is empty so far. Add an application with '
            "the forms above, or mark a step of your plan as sent.</p>"
        )
    applications = rows["application_id"].nunique()
    contacts = int(rows["contact_date"].notna().sum())
    head = "".join(f'<th scope="col">{title}</th>' for _, title in _TABLE_COLUMNS)
    shown = rows.head(SHOWN_ROWS).assign(stage_history=_stages(rows, SHOWN_ROWS))
    body = "".join(
        "<tr>"
        + "".join(f"<td>{escape(_cell(name, row[name]))}</td>" for name, _ in _TABLE_COLUMNS)
        + "</tr>"
        for _, row in shown.iterrows()
    )
    more = (
        f"; the first {SHOWN_ROWS} rows are shown (export the tracker to see them all)"
        if len(rows) > SHOWN_ROWS
        else ""
    )
    return (
        f'<table class="wb-tracker-rows"><caption>{applications} application(s), {contacts} '
        f"contact(s){more}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _confirmed_delete(label: str, css: str, delete: Callable[[], str], message: w.HTML) -> w.VBox:
    """A delete button that asks first."""
    ask = controls.button(label, css, button_style="danger", icon="trash")
    sure = controls.button("Yes, delete it", f"{css}-confirm", button_style="danger")
    keep = controls.button("No, keep it", f"{css}-keep")
    question = w.HBox([sure, keep])
    question.layout.display = "none"

    def asked(_: w.Button) -> None:
        question.layout.display = None

    def kept(_: w.Button) -> None:
        question.layout.display = "none"

    def confirmed(_: w.Button) -> None:
        question.layout.display = "none"

    ask.on_click(asked)
    keep.on_click(kept)
    sure.on_click(confirmed)
    _submit(sure, message, delete)
    return w.VBox([ask, question])


def _editor(
    model: TrackerModel,
    form: tuple[w.VBox, w.Button, w.HTML],
    chosen: w.Dropdown,
    options: Callable[[Tracker], list[tuple[str, Any]]],
    fill: Callable[[], None],
    save: Callable[[], str],
    delete: tuple[str, str, Callable[[], str]],
    extra: Sequence[w.Widget] = (),
) -> w.VBox:
    """Wire an editor form: the records to choose from (`options`), kept up to date with the
    tracker; the chosen one's values shown (`fill`); a save button; `extra` buttons; and a
    delete that asks first (its label, CSS class and action)."""
    box, button, message = form

    def refresh(_: object = None) -> None:
        _set_options(chosen, model.read(options))
        fill()

    model.observe(refresh, names="changes")
    chosen.observe(lambda _: fill(), names="value")
    refresh()
    _submit(button, message, save)
    label, css, action = delete
    box.children = (
        *box.children[:-1],
        *extra,
        _confirmed_delete(label, css, action, message),
        message,
    )
    return box


def _application_editor(model: TrackerModel) -> w.VBox:
    chosen = _choice("Application", "wb-edit-application", [])
    company = _text("Company", "wb-edit-company")
    role = _text("Role", "wb-edit-role")
    people = _flag("People-facing role", "wb-edit-people-facing")
    outcome = _choice(
        "Outcome", "wb-edit-outcome", [(label, o.value) for o, label in OUTCOME_LABELS.items()]
    )
    form = _form(
        "An application", "wb-edit-application-form", [chosen, company, role, people, outcome],
        "Save the changes",
    )  # fmt: skip

    def fill() -> None:
        rows = model.read(lambda tracker: tracker.applications())
        mine = rows[rows["application_id"] == chosen.value]
        if mine.empty:
            return
        row = mine.iloc[0]
        company.value, role.value = str(row["company"]), str(row["role"])
        people.value, outcome.value = bool(row["people_facing"]), str(row["outcome"])

    def save() -> str:
        key = _need(chosen.value, "the application to change")

        def edit(tracker: Tracker) -> None:
            with tracker.transaction():
                tracker.edit_application(
                    key, company=company.value.strip(), role=role.value.strip(),
                    people_facing=people.value,
                )  # fmt: skip
                tracker.set_outcome(key, Outcome(outcome.value))

        model.change(edit)
        return "Saved."

    def delete() -> str:
        key = _need(chosen.value, "the application to delete")
        model.change(lambda tracker: tracker.delete_application(key))
        return "Deleted the application, with its interviews and contacts."

    removal = ("Delete this application", "wb-delete-application", delete)
    return _editor(model, form, chosen, _application_options, fill, save, removal)


def _round_editor(model: TrackerModel) -> w.VBox:
    chosen = _choice("Interview", "wb-edit-round", [])
    day = _date("Interview date", "wb-edit-round-date")
    next_step = _choice(
        "What they said happens next", "wb-edit-round-next-step",
        [(label, step.value) for step, label in NEXT_STEP_LABELS.items()],
    )  # fmt: skip
    form = _form("An interview", "wb-edit-round-form", [chosen, day, next_step], "Save the changes")

    def fill() -> None:
        key = chosen.value
        if key is None:
            return
        rounds = model.read(lambda tracker: tracker.rounds())
        mine = rounds[
            (rounds["application_id"] == key.application_id)
            & (rounds["interview_date"] == pd.Timestamp(key.interview_date))
        ]
        if not mine.empty:
            day.value, next_step.value = key.interview_date, str(mine.iloc[0]["next_step"])

    def save() -> str:
        key = _need(chosen.value, "the interview to change")
        when = _need(day.value, "the interview date")
        model.change(
            lambda tracker: tracker.edit_round(
                key, interview_date=when, next_step=NextStep(next_step.value)
            )
        )
        return "Saved."

    def delete() -> str:
        key = _need(chosen.value, "the interview to delete")
        model.change(lambda tracker: tracker.delete_round(key))
        return "Deleted the interview, with its contacts."

    removal = ("Delete this interview", "wb-delete-round", delete)
    return _editor(model, form, chosen, _round_options, fill, save, removal)


def _contact_editor(model: TrackerModel) -> w.VBox:
    chosen = _choice("Contact", "wb-edit-contact", [])
    day = _date("Sent on", "wb-edit-contact-date")
    kind = _choice(
        "Kind", "wb-edit-contact-kind", [(label, k.value) for k, label in KIND_LABELS.items()]
    )
    channel = _choice(
        "Channel", "wb-edit-contact-channel",
        [(label, c.value) for c, label in CHANNEL_LABELS.items()],
    )  # fmt: skip
    news = _flag("It brought new information", "wb-edit-contact-new-info")
    form = _form(
        "A contact", "wb-edit-contact-form", [chosen, day, kind, channel, news], "Save the changes"
    )
    forget = controls.button("Forget its answer", "wb-clear-answer")

    def fill() -> None:
        key = chosen.value
        if key is None:
            return
        day.value, kind.value, channel.value = key.contact_date, key.kind.value, key.channel.value
        rows = model.read(_contact_rows)
        mine = rows[
            (rows["application_id"] == key.application_id)
            & (rows["contact_date"] == pd.Timestamp(key.contact_date))
            & (rows["kind"] == key.kind.value)
            & (rows["channel"] == key.channel.value)
        ]
        news.value = bool(mine.iloc[0]["new_info"]) if not mine.empty else False

    def save() -> str:
        key = _need(chosen.value, "the contact to change")
        when = _need(day.value, "the day it was sent")
        model.change(
            lambda tracker: tracker.edit_contact(
                key, contact_date=when, kind=Kind(kind.value), channel=Channel(channel.value),
                new_info=news.value,
            )
        )  # fmt: skip
        return "Saved."

    def clear() -> str:
        key = _need(chosen.value, "the contact")
        model.change(lambda tracker: tracker.clear_response(key))
        return "Its answer is forgotten: the contact has none now."

    def delete() -> str:
        key = _need(chosen.value, "the contact to delete")
        model.change(lambda tracker: tracker.delete_contact(key))
        return "Deleted the contact."

    _submit(forget, form[2], clear)
    removal = ("Delete this contact", "wb-delete-contact", delete)
    return _editor(model, form, chosen, _contact_options, fill, save, removal, extra=[forget])


def tracker_table(model: TrackerModel | None = None) -> w.VBox:
    """The tracker as a table, with forms to change or delete an application, an interview or
    a contact."""
    model = model or TrackerModel.shared()
    table = _classed(w.HTML(), "wb-tracker-table")

    def render(_: object = None) -> None:
        rows = model.read(lambda tracker: tracker.contacts())
        trouble = f'<p role="alert">{escape(model.problem)}</p>' if model.problem else ""
        table.value = trouble + table_html(rows)

    model.observe(render, names="changes")
    render()
    editors = [
        ("Application", _application_editor(model)),
        ("Interview", _round_editor(model)),
        ("Contact", _contact_editor(model)),
    ]
    tabs = w.Tab(children=[e for _, e in editors], titles=[title for title, _ in editors])
    edit = w.VBox([w.HTML("<h4>Change or delete</h4>"), _classed(tabs, "wb-tracker-edit")])
    return _classed(w.VBox([table, tracker_download(model), edit]), "wb-tracker")


def tracker_download(model: TrackerModel | None = None) -> w.VBox:
    """ "Download my tracker": the whole tracker as a canonical CSV file (`export_csv`, every
    row, safe to open in a spreadsheet), offered as a link that holds the file itself (a
    `data:` address), so it downloads to the computer showing the page, in a room too."""
    model = model or TrackerModel.shared()
    ask = controls.button(
        "Download my tracker",
        "wb-download-tracker",
        tooltip="Every application, interview and contact, as a CSV file for a spreadsheet",
    )
    result = _classed(w.HTML(), "wb-tracker-file")

    @guarded(result, "prepare your tracker")
    def prepare(_: w.Button) -> None:
        text = io.StringIO(newline="")
        rows = model.read(lambda tracker: export_csv(tracker, text))
        if model.problem:
            result.value = f'<p role="alert">{escape(model.problem)}</p>'
            return
        link = download_link_html(
            f"my-tracker-{model.today.isoformat()}.csv", text.getvalue().encode("utf-8")
        )
        count = f"{rows} row{'s' if rows != 1 else ''}"
        result.value = (
            f'<p role="status">{link}: your tracker ({count}), to open in a spreadsheet or to '
            "import into the workbook again.</p>"
        )

    ask.on_click(prepare)
    model.observe(lambda _: setattr(result, "value", ""), names="changes")
    return w.VBox([ask, result])


# -- importing a spreadsheet ---------------------------------------------------------------------

_LEAVE_OUT = "(leave it out)"


def expected_columns_html() -> str:
    """The columns a file may have, which ones it needs, and how values are written."""
    need = {"required": "always", "with-contact": "on a row with a contact", "optional": ""}
    items = "".join(
        f"<li><code>{column.name}</code>"
        + (f" (needed {need[column.need]})" if need[column.need] else "")
        + (f": one of {', '.join(column.choices)}" if column.choices else "")
        + "</li>"
        for column in COLUMNS
    )
    return (
        '<details class="wb-import-expected"><summary>The columns a file can have</summary>'
        "<p>Most spreadsheets import as they are: the first row names the columns, in your own "
        "words (<em>Employer</em>, <em>Follow-up date</em>, <em>Method</em>...), one row per "
        "contact or one per application; exports of Teal, Huntr and Simplify work too. The "
        "check shows what each column was read as, and you can correct it. These are the "
        f"tracker's own columns:</p><ul>{items}</ul></details>"
    )


def _check_html(check: ImportCheck, done: bool) -> str:
    if check.report is None:
        lines = "".join(f"<li>{escape(line)}</li>" for line in check.problems)
        return (
            '<div class="wb-import-problems" role="alert"><p><strong>This file cannot be '
            "imported as it is, so nothing was written.</strong> Mend these in your spreadsheet "
            f"(or match the columns below), save it again and check it again:</p><ul>{lines}</ul>"
            "</div>"
        )
    report = check.report
    counts = (
        f"{report.added} row(s) {'added' if done else 'would be added'}, {report.updated} "
        f"{'updated' if done else 'would be updated'}, and {report.unchanged} "
        f"{'were' if done else 'would be'} left as they are"
    )
    left_out = (
        f"<p>Left out (not imported): {', '.join(escape(repr(c)) for c in check.left_out)}.</p>"
        if check.left_out
        else ""
    )
    if done:
        return (
            f'<div class="wb-import-done" role="status"><p>Imported: {counts}.</p>{left_out}</div>'
        )
    return (
        f'<div class="wb-import-preview" role="status"><p>The file is fine: {counts}. Nothing '
        f"has been written yet; <strong>Import it</strong> writes it.</p>{left_out}</div>"
    )


def tracker_import(model: TrackerModel | None = None) -> w.VBox:
    """Import a spreadsheet (CSV or .xlsx): check it and show what it would change or what is
    wrong, let the learner correct what its columns become, then import it on a click."""
    model = model or TrackerModel.shared()
    upload = _classed(
        w.FileUpload(accept=".csv,.tsv,.txt,.xlsx", description="Choose a file"),
        "wb-import-upload",
    )
    typed = _text("Or its path on this computer", "wb-import-path", "e.g. /home/me/contacts.csv")
    check_button = controls.button("Check the file", "wb-import-check", icon="search")
    mapping = _classed(w.VBox(), "wb-import-mapping")
    result = _classed(w.HTML(), "wb-import-result")
    confirm = controls.button(
        "Import it", "wb-import-confirm", button_style="primary", disabled=True
    )

    @contextmanager
    def source() -> Iterator[tuple[Path, str]]:
        if upload.value:
            chosen = upload.value[-1]
            with tempfile.TemporaryDirectory(prefix="upload-", dir=home()) as folder:
                path = Path(folder) / f"upload{Path(str(chosen['name'])).suffix.lower()}"
                path.write_bytes(bytes(chosen["content"]))
                yield path, str(chosen["name"])
            return
        text = typed.value.strip()
        if not text:
            raise _MissingError("Choose a file first (or type its path).")
        path = Path(text).expanduser()
        yield path, path.name

    def columns() -> list[str] | None:
        if not mapping.children:
            return None
        return [LEFT_OUT if box.value == _LEAVE_OUT else box.value for box in mapping.children]

    def show_mapping(check: ImportCheck) -> None:
        match_note.layout.display = None if check.header else "none"
        if tuple(box.description for box in mapping.children) == check.header:
            return
        boxes = []
        for cell, column in zip(check.header, check.columns, strict=True):
            box = w.Dropdown(
                options=[_LEAVE_OUT, *TARGETS],
                value=_LEAVE_OUT if column == LEFT_OUT else column,
                description=cell, style=_STYLE, layout=_WIDE,
            )  # fmt: skip
            box.add_class("wb-import-column")
            box.observe(run_check, names="value")
            boxes.append(box)
        mapping.children = boxes

    def run(dry_run: bool) -> None:
        confirm.disabled = True
        try:
            with source() as (path, name):
                check = check_import(path, model.path, columns(), name=name, dry_run=dry_run)
        except _MissingError as missing:
            result.value = f'<p role="alert">{escape(str(missing))}</p>'
            return
        except TrackerError as error:
            result.value = _problem(str(error))
            return
        show_mapping(check)
        result.value = _check_html(check, done=not dry_run)
        if not dry_run and check.report is not None:
            model.changed_elsewhere()
        confirm.disabled = not dry_run or check.report is None

    def run_check(_: object = None) -> None:
        run(dry_run=True)

    def new_file(_: object = None) -> None:
        mapping.children = ()
        run_check()

    upload.observe(new_file, names="value")
    check_button.on_click(lambda _: new_file())
    confirm.on_click(lambda _: run(dry_run=False))
    intro = w.HTML(
        "<p>Choose a spreadsheet (CSV or .xlsx). The workbook first checks it and tells you what "
        "it would add or change, or what needs mending; nothing is written until you click "
        "<strong>Import it</strong>. Importing never deletes anything, and importing the same "
        "file twice changes nothing.</p>"
    )
    expected = w.HTML(expected_columns_html())
    match_note = w.HTML(
        "<p>How the columns of your file were matched to the tracker's (change one if it is "
        "wrong):</p>"
    )
    match_note.layout.display = "none"
    box = w.VBox(
        [
            intro,
            w.HBox([upload, check_button]),
            typed,
            expected,
            match_note,
            mapping,
            result,
            confirm,
        ]
    )
    return _classed(box, "wb-import")
