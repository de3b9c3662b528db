"""The tracker as a table, the editors that correct or delete a row, and the tracker's
download as a canonical CSV file.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from html import escape
from typing import Any, Final

import ipywidgets as w
import pandas as pd

from workbook.model import Channel, Kind, NextStep, Outcome, Response
from workbook.rules.stages import parse_history, stage_of
from workbook.tables.canonical_csv import export_csv
from workbook.tracker.store import Tracker
from workbook.widgets import controls
from workbook.widgets.labels import (
    CHANNEL_LABELS,
    KIND_LABELS,
    NEXT_STEP_LABELS,
    OUTCOME_LABELS,
    STAGE_LABELS,
    TONE_LABELS,
)
from workbook.widgets.render import download_link_html
from workbook.widgets.safety import guarded
from workbook.widgets.tracker.fields import (
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
from workbook.widgets.tracker.forms import (
    PROMISED_LABEL,
    SHOWN_ROWS,
    TrackerModel,
    application_options,
    contact_options,
    contact_rows,
    day_or_none,
    iso_day,
    round_options,
)

__all__ = ["table_html", "tracker_download", "tracker_table"]

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
    if name.endswith("date_field"):
        return iso_day(value)
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
                f"{STAGE_LABELS[entry.stage]} {iso_day(entry.date)}".rstrip() for entry in entries
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
    submit(sure, message, delete)
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
        set_options(chosen, model.read(options))
        fill()

    model.observe(refresh, names="changes")
    chosen.observe(lambda _: fill(), names="value")
    refresh()
    submit(button, message, save)
    label, css, action = delete
    box.children = (
        *box.children[:-1],
        *extra,
        _confirmed_delete(label, css, action, message),
        message,
    )
    return box


def _application_editor(model: TrackerModel) -> w.VBox:
    chosen = choice_field("Application", "wb-edit-application", [])
    company = text_field("Company", "wb-edit-company")
    role = text_field("Role", "wb-edit-role")
    people = flag_field("People-facing role", "wb-edit-people-facing")
    outcome = choice_field(
        "Outcome", "wb-edit-outcome", [(label, o.value) for o, label in OUTCOME_LABELS.items()]
    )
    form = form_box(
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
        key = need(chosen.value, "the application to change")

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
        key = need(chosen.value, "the application to delete")
        model.change(lambda tracker: tracker.delete_application(key))
        return "Deleted the application, with its interviews and contacts."

    removal = ("Delete this application", "wb-delete-application", delete)
    return _editor(model, form, chosen, application_options, fill, save, removal)


def _round_editor(model: TrackerModel) -> w.VBox:
    chosen = choice_field("Interview", "wb-edit-round", [])
    day = date_field("Interview date", "wb-edit-round-date")
    next_step = choice_field(
        "What they said happens next", "wb-edit-round-next-step",
        [(label, step.value) for step, label in NEXT_STEP_LABELS.items()],
    )  # fmt: skip
    promised = date_field(PROMISED_LABEL, "wb-edit-round-promised")
    answered = date_field("Their answer came on", "wb-edit-round-answer")
    fields = [chosen, day, next_step, promised, answered]
    form = form_box("An interview", "wb-edit-round-form", fields, "Save the changes")

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
            row = mine.iloc[0]
            day.value, next_step.value = key.interview_date, str(row["next_step"])
            promised.value = day_or_none(row["promised_date"])
            answered.value = day_or_none(row["answer_date"])

    def save() -> str:
        key = need(chosen.value, "the interview to change")
        when = need(day.value, "the interview date")

        def edit(tracker: Tracker) -> None:
            with tracker.transaction():  # the dates given, and those emptied, or nothing
                moved = tracker.edit_round(
                    key, interview_date=when, next_step=NextStep(next_step.value),
                    promised_date=promised.value, answer_date=answered.value,
                )  # fmt: skip
                tracker.clear_round_dates(
                    moved, promised=promised.value is None, answer=answered.value is None
                )

        model.change(edit)
        return "Saved."

    def delete() -> str:
        key = need(chosen.value, "the interview to delete")
        model.change(lambda tracker: tracker.delete_round(key))
        return "Deleted the interview, with its contacts."

    removal = ("Delete this interview", "wb-delete-round", delete)
    return _editor(model, form, chosen, round_options, fill, save, removal)


def _contact_editor(model: TrackerModel) -> w.VBox:
    chosen = choice_field("Contact", "wb-edit-contact", [])
    day = date_field("Sent on", "wb-edit-contact-date")
    kind = choice_field(
        "Kind", "wb-edit-contact-kind", [(label, k.value) for k, label in KIND_LABELS.items()]
    )
    channel = choice_field(
        "Channel", "wb-edit-contact-channel",
        [(label, c.value) for c, label in CHANNEL_LABELS.items()],
    )  # fmt: skip
    news = flag_field("It brought new information", "wb-edit-contact-new-info")
    form = form_box(
        "A contact", "wb-edit-contact-form", [chosen, day, kind, channel, news], "Save the changes"
    )
    forget = controls.button("Forget its answer", "wb-clear-answer")

    def fill() -> None:
        key = chosen.value
        if key is None:
            return
        day.value, kind.value, channel.value = key.contact_date, key.kind.value, key.channel.value
        rows = model.read(contact_rows)
        mine = rows[
            (rows["application_id"] == key.application_id)
            & (rows["contact_date"] == pd.Timestamp(key.contact_date))
            & (rows["kind"] == key.kind.value)
            & (rows["channel"] == key.channel.value)
        ]
        news.value = bool(mine.iloc[0]["new_info"]) if not mine.empty else False

    def save() -> str:
        key = need(chosen.value, "the contact to change")
        when = need(day.value, "the day it was sent")
        model.change(
            lambda tracker: tracker.edit_contact(
                key, contact_date=when, kind=Kind(kind.value), channel=Channel(channel.value),
                new_info=news.value,
            )
        )  # fmt: skip
        return "Saved."

    def clear() -> str:
        key = need(chosen.value, "the contact")
        model.change(lambda tracker: tracker.clear_response(key))
        return "Its answer is forgotten: the contact has none now."

    def delete() -> str:
        key = need(chosen.value, "the contact to delete")
        model.change(lambda tracker: tracker.delete_contact(key))
        return "Deleted the contact."

    submit(forget, form[2], clear)
    removal = ("Delete this contact", "wb-delete-contact", delete)
    return _editor(model, form, chosen, contact_options, fill, save, removal, extra=[forget])


def tracker_table(model: TrackerModel | None = None) -> w.VBox:
    """The tracker as a table, with forms to change or delete an application, an interview or
    a contact."""
    model = model or TrackerModel.shared()
    table = classed(w.HTML(), "wb-tracker-table")

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
    edit = w.VBox([w.HTML("<h4>Change or delete</h4>"), classed(tabs, "wb-tracker-edit")])
    return classed(w.VBox([table, tracker_download(model), edit]), "wb-tracker")


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
    result = classed(w.HTML(), "wb-tracker-file")

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
