"""The learner's answers and the plan they produce, as a traitlets model with no widgets in it.

Views build widgets and `link` them to a `PlanState`; the state turns the answers into an
`Interview`, asks the planner for a plan, and saves every answer under the learner's data folder
as it changes, so a restarted kernel or a reopened notebook finds them again. One state is
shared by every view in a kernel (`PlanState.shared()`).

Each notebook runs in its own kernel, so several states may share one answers file. Every
change is written as a patch of that one answer onto the file as it is now (for the
interviewers, of the one field or row that changed), and `shared()` reads the file again, so a
notebook left open never overwrites answers given in another one.

Answers are kept per *slot*: `own` for the learner's real interview, `practice:<id>` for each
practice case, so practising never overwrites the learner's own answers.

The interviewers are rows, one per person: `{"name", "email", "title", "moment"}`, all text.
The stop day can go by the learner's own figure of how late employers have answered them
(`own_lateness`, an answer off by default): the state then reads that figure from the tracker,
read-only, once each time the answer or the tracker file changes, and passes it to the planner,
which decides what it means; practice cases never touch the tracker.

Answers saved before that (`interviewers` as lines `Name <email>` and one `moment` for the
whole panel) are read into rows, the moment given to each person, so nothing typed is lost.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar

from traitlets import (
    Bool,
    Dict,
    HasTraits,
    Instance,
    Int,
    List,
    Tuple,
    Unicode,
    UseEnum,
    observe,
    validate,
)

from workbook.home.answers import load_answers, save_answers
from workbook.model import (
    TITLES,
    Channel,
    Draft,
    Interview,
    Interviewer,
    Lateness,
    NextStep,
    Plan,
    WorkbookError,
)
from workbook.rules.drafts import WORDINGS
from workbook.rules.edits import Edit, apply_edits, fingerprint
from workbook.rules.planner import PlanInputError, make_plan
from workbook.rules.practice import PracticeInterview, practice_interviews

__all__ = ["ANSWER_FIELDS", "FIELD_LABELS", "OWN", "ROW_FIELDS", "PlanState", "Row"]

OWN = "own"
ROW_FIELDS = ("name", "email", "title", "moment")
"""What a row of the interviewers holds: the `Interviewer` fields, as text."""
Row = dict[str, str]

FIELD_LABELS: dict[str, str] = {
    "company": "Company",
    "role": "Role",
    "date": "Interview date",
    "time": "Start time",
    "interviewers": "Interviewers",
    "moment": "A moment with them",
    "next_step": "What they said happens next",
    "decision_date": "Decision date",
    "expected_by": "They will be in touch by",
    "call_ok_by": "You may call by",
    "preferred_channel": "Preferred channel",
    "people_facing": "People-facing role",
    "highlights": "Your highlights",
    "new_info": "News you have now",
    "further_news": "News since your follow-up",
    "country": "Country (for public holidays)",
    "candidate": "Your name",
    "candidate_phone": "Your phone (for voicemail)",
    "candidate_address": "Your address (for letters)",
    "employer_address": "Their address (for letters)",
    "wording": "Wording of the drafts",
    "channel_seed": "Let the workbook choose my follow-up channel",
    "never_channels": "Channels I never use",
    "own_lateness": "Set my stop day from how late employers have answered me so far",
}
"""How each answer is named on screen and in messages. The keys are `Interview` fields,
`moment`: the moments of the interviewers' rows, which a section asks for on its own, and
`own_lateness`: whether the plan's `Interview.lateness` is read from the learner's tracker."""

ANSWER_FIELDS: tuple[str, ...] = tuple(name for name in FIELD_LABELS if name != "moment")
"""The answers a `PlanState` holds, one trait each."""
_DATES = ("date", "decision_date", "expected_by", "call_ok_by")
_LINES = ("highlights", "new_info", "further_news")


def _to_json(value: object) -> object:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, frozenset | tuple):  # the channels the learner never uses
        return sorted(Channel(channel).value for channel in value)
    if isinstance(value, NextStep | Channel):
        return value.value
    if isinstance(value, list):  # the interviewers' rows
        return [dict(row) for row in value]
    return value


class PlanState(HasTraits):
    """What the learner entered, and the plan (or the reason there is none yet)."""

    company = Unicode("")
    role = Unicode("")
    date = Instance(dt.date, allow_none=True)
    time = Instance(dt.time, allow_none=True)
    interviewers = List(Dict(), help="one row per person: name, email, title and moment")
    next_step = UseEnum(NextStep, default_value=NextStep.UNKNOWN)
    decision_date = Instance(dt.date, allow_none=True)
    expected_by = Instance(dt.date, allow_none=True)
    call_ok_by = Instance(dt.date, allow_none=True)
    preferred_channel = UseEnum(Channel, default_value=Channel.EMAIL)
    people_facing = Bool(False)
    highlights = Unicode("", help="one per line")
    new_info = Unicode("", help="one per line")
    further_news = Unicode("", help="one per line: news that came after the first follow-up")
    country = Unicode("")
    candidate = Unicode("")
    candidate_phone = Unicode("")
    candidate_address = Unicode("", help="an address block, one line per line")
    employer_address = Unicode("", help="an address block, one line per line")
    wording = Int(1, help=f"which wording the drafts use, 1 to {WORDINGS}")
    channel_seed = Int(None, allow_none=True, help="the seed of the random choice of channels")
    never_channels = Tuple(help="the channels the learner never uses for a follow-up")
    own_lateness = Bool(False, help="whether the stop day goes by the tracker's own figure")

    slot = Unicode(OWN, help="`own`, or `practice:<id>` while practising")
    choices = Dict(help="question id -> index of the option chosen")
    touched = Dict(help="answer name -> True once the learner has given it")
    edits = Dict(help="step key -> the learner's edited draft, as Edit fields")

    plan = Instance(Plan, allow_none=True, read_only=True)
    problem = Unicode("", read_only=True, help="why there is no plan yet, in plain words")
    save_problem = Unicode(
        "", read_only=True, help="why the latest change could not be saved; empty once saved"
    )

    _shared: ClassVar[PlanState | None] = None

    def __init__(
        self,
        answers_file: Path | None = None,
        today: dt.date | None = None,
        tracker_file: Path | None = None,
    ) -> None:
        super().__init__()
        self._file = answers_file
        self._today = today or dt.date.today()
        self._tracker_file = tracker_file
        self._lateness_read: tuple[object, Lateness] | None = None  # (the file's stamp, figure)
        self.reload()

    @classmethod
    def shared(cls) -> PlanState:
        """The one state of this kernel, with the answers saved since (by any notebook)."""
        if cls._shared is None:
            cls._shared = cls()
        else:
            cls._shared.reload()
        return cls._shared

    def reload(self) -> None:
        """Read the saved answers again: another notebook's kernel may have changed them."""
        saved = load_answers(self._file)
        # A random id, saved with the learner's first answer, so each learner sees one stable
        # order of the self-check options; nothing is written just by opening a page.
        self.learner = str(saved.get("learner") or getattr(self, "learner", "") or "")
        self.learner = self.learner or secrets.token_hex(8)
        self._loading = True  # nothing is saved until the saved answers are in place
        self.set_trait("choices", dict(saved.get("choices", {})))
        self._load_slot(str(saved.get("slot", OWN)), saved.get("slots", {}))

    @property
    def today(self) -> dt.date:
        """The day the views take as today (fixed in tests)."""
        return self._today

    # -- practice ---------------------------------------------------------------------------

    @property
    def practice_cases(self) -> tuple[PracticeInterview, ...]:
        return practice_interviews(self._today)

    @property
    def practising(self) -> bool:
        return self.slot != OWN

    @observe("slot")
    def _slot_changed(self, change: dict[str, Any]) -> None:
        if not self._loading:
            self._load_slot(change["new"], load_answers(self._file).get("slots", {}))
            self._patch(lambda answers, slot: None)  # records the slot, and it if it is new

    def _load_slot(self, slot: str, saved_slots: dict[str, Any]) -> None:
        """Fill the answers from a slot: saved values, else a practice case, else blanks."""
        cases = {f"practice:{case.id}": case for case in self.practice_cases}
        if slot != OWN and slot not in cases:
            slot = OWN
        saved = saved_slots.get(slot)
        values: dict[str, Any] = {}
        touched: list[str] = []
        edits: dict[str, Any] = {}
        if saved is not None:
            values, touched = _upgraded(saved.get("values", {})), saved.get("touched", [])
            edits = saved.get("edits", {})
        elif slot in cases:
            values = self._answers_of(cases[slot].interview)
            touched = [*values, *(["moment"] if _moments(values["interviewers"]) else [])]
        self._loading = True
        try:
            self.slot = slot
            with self.hold_trait_notifications():
                for name in ANSWER_FIELDS:
                    value = values.get(name, self.trait_defaults(name))
                    self.set_trait(name, self._from_json(name, value))
                self.set_trait("touched", {n: True for n in touched if n in FIELD_LABELS})
                self.set_trait("edits", dict(edits))
        finally:
            self._loading = False
        self._refresh()

    @staticmethod
    def _answers_of(interview: Interview) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name in ANSWER_FIELDS:
            if name == "own_lateness":  # a practice case never reads the tracker
                values[name] = False
                continue
            value = getattr(interview, name)
            if name == "interviewers":
                value = [_row_of(person) for person in value]
            elif name in _LINES:
                value = "\n".join(value)
            values[name] = _to_json(value)
        return values

    @staticmethod
    def _from_json(name: str, value: Any) -> Any:
        if value in (None, ""):
            return None if name in (*_DATES, "time") else value
        if name in _DATES and isinstance(value, str):
            return dt.date.fromisoformat(value)
        if name == "time" and isinstance(value, str):
            return dt.time.fromisoformat(value)
        if name == "next_step":
            return NextStep(value)
        if name == "preferred_channel":
            return Channel(value)
        if name in ("wording", "channel_seed"):
            return int(value)
        if name == "never_channels":
            return tuple(Channel(channel) for channel in value)
        return value

    @validate("interviewers")
    def _rows_in_shape(self, proposal: Any) -> list[Row]:
        return [_row(raw) for raw in proposal["value"]]

    @validate("wording")
    def _wording_in_range(self, proposal: Any) -> int:
        return (int(proposal["value"]) - 1) % WORDINGS + 1

    # -- answers to plan ----------------------------------------------------------------------

    @observe(*ANSWER_FIELDS)
    def _answer_changed(self, change: dict[str, Any]) -> None:
        if self._loading:
            return
        name = change["name"]
        given = {name}
        if name == "interviewers":
            given = _row_answers_changed(change["old"], change["new"])
        self.set_trait("touched", {**self.touched, **dict.fromkeys(given, True)})
        self._refresh()

        def record(answers: dict[str, Any], slot: dict[str, Any]) -> None:
            value: object
            if name == "interviewers":  # only what changed here, onto the rows as saved
                saved = _upgraded(slot["values"])["interviewers"]
                value = _rows_patched(saved, change["old"], change["new"])
                slot["values"].pop("moment", None)  # the old shared moment is in the rows now
            else:
                value = _to_json(change["new"])
            slot["values"][name] = value
            slot["touched"] = sorted({*slot["touched"], *given})

        self._patch(record)

    def choose(self, question_id: str, option: int) -> None:
        """Record the option the learner chose for a self-check question."""
        self.choices = {**self.choices, question_id: option}
        self._patch(lambda answers, slot: answers["choices"].update({question_id: option}))

    def keep_edit(self, key: str, subject: str, body: str, original: Draft) -> None:
        """Keep the learner's version of the draft of step `key`, made from `original`."""
        edit = dataclasses.asdict(Edit(subject, body, fingerprint(original)))
        self.edits = {**self.edits, key: edit}
        self._patch(lambda answers, slot: slot["edits"].update({key: edit}))

    def drop_edit(self, key: str) -> None:
        """Go back to the planner's draft for step `key`."""
        self.edits = {k: v for k, v in self.edits.items() if k != key}
        self._patch(lambda answers, slot: slot["edits"].pop(key, None))

    def edit_of(self, key: str) -> Edit | None:
        saved = self.edits.get(key)
        return Edit(**saved) if saved else None

    def final_plan(self) -> Plan | None:
        """The plan with the learner's edited drafts in it: what the exports write."""
        if self.plan is None:
            return None
        edits = {key: edit for key in self.edits if (edit := self.edit_of(key))}
        return apply_edits(self.plan, edits)

    # -- the interviewers' rows and the wording ---------------------------------------------

    def add_interviewer(self) -> None:
        """Add an empty row, for one more person on the panel."""
        self.interviewers = [*self.interviewers, _row({})]

    def remove_interviewer(self, index: int) -> None:
        """Drop the row at `index`."""
        self.interviewers = [row for at, row in enumerate(self.interviewers) if at != index]

    def update_interviewer(self, index: int, **fields: str) -> None:
        """Change some of the fields of the row at `index`, or add a row when `index` is just
        past the last one (`name="Mrs Helen O'Brien"`: a title typed before the name goes to
        `title`, an address in angle brackets to `email`)."""
        self.interviewers = _with_row(self.interviewers, index, fields)

    def add_email(self, person: Interviewer, email: str) -> str:
        """Give `person`, an interviewer of the current plan, the address `email`.

        The planner checks it first: when it refuses the address, nothing changes and its
        reason is returned; an empty string means the address is in the plan now."""
        email = email.strip()
        if not email:
            return "Type their email address first."
        assert self.plan is not None, "an address is added to a plan's interviewer"
        index = self._row_indexes()[self.plan.interview.interviewers.index(person)]
        rows = _with_row(self.interviewers, index, {"email": email})
        plan, problem = self._plan_of(rows)
        if plan is None:
            return problem
        self.interviewers = rows
        return ""

    def choose_channels_at_random(self, on: bool) -> None:
        """Let the workbook choose the follow-ups' channels (a new seed, kept with the
        answers so the plan stays the same), or let the learner choose again."""
        if on and self.channel_seed is None:
            self.channel_seed = secrets.randbits(48)
        elif not on:
            self.channel_seed = None

    def next_wording(self) -> None:
        """Move the drafts on to their next wording, after the last back to the first."""
        self.wording = self.wording % WORDINGS + 1

    # -- answers to plan ----------------------------------------------------------------------

    def interview(self) -> Interview:
        """The answers as an `Interview`; raises PlanInputError naming the answer at fault."""
        return self._interview(self.interviewers)

    def _row_indexes(self) -> list[int]:
        """Where each person of `interview().interviewers` is among the rows (blank rows, such
        as one just added, are nobody yet)."""
        return [at for at, row in enumerate(self.interviewers) if _is_someone(row)]

    def _interview(self, rows: list[Row]) -> Interview:
        people = tuple(_person_of(row) for row in rows if _is_someone(row))
        needed = {"company": self.company, "role": self.role, "date": self.date}
        missing = [
            FIELD_LABELS[n].lower() for n, v in {**needed, "interviewers": people}.items() if not v
        ]
        if missing:
            raise PlanInputError("company", f"To see your plan, fill in: {', '.join(missing)}.")
        assert self.date is not None
        return Interview(
            date=self.date,
            time=self.time,
            company=self.company,
            role=self.role,
            interviewers=people,
            next_step=self.next_step,
            decision_date=self.decision_date,
            expected_by=self.expected_by,
            call_ok_by=self.call_ok_by,
            preferred_channel=self.preferred_channel,
            people_facing=self.people_facing,
            highlights=tuple(_lines(self.highlights)),
            new_info=tuple(_lines(self.new_info)),
            further_news=tuple(_lines(self.further_news)),
            country=self.country,
            candidate=self.candidate,
            candidate_phone=self.candidate_phone,
            candidate_address=self.candidate_address.strip(),
            employer_address=self.employer_address.strip(),
            wording=self.wording,
            channel_seed=self.channel_seed,
            never_channels=frozenset(self.never_channels),
            lateness=self._lateness(),
        )

    def _lateness(self) -> Lateness | None:
        """The learner's own lateness figure for the planner, when they asked for it and this
        is their own interview; read again only when the tracker file has changed."""
        if not self.own_lateness or self.practising:
            return None
        from workbook.tracker.store import default_path  # only when asked: pages load fast

        path = self._tracker_file or default_path()
        try:
            stamp = _stamp(path), _stamp(path.with_name(f"{path.name}-wal"))
        except OSError:
            return Lateness(0, None, readable=False)
        if self._lateness_read is None or self._lateness_read[0] != stamp:
            self._lateness_read = stamp, _read_lateness(path, self._today)
        return self._lateness_read[1]

    def _plan_of(self, rows: list[Row]) -> tuple[Plan | None, str]:
        """The plan these rows and the other answers make, or None and why not."""
        try:
            return make_plan(self._interview(rows)), ""
        except PlanInputError as error:
            label = FIELD_LABELS.get(error.field, error.field)
            return None, str(error) if str(error).startswith("To see") else f"{label}: {error}"

    def _refresh(self) -> None:
        plan, problem = self._plan_of(self.interviewers)
        self.set_trait("plan", plan)
        self.set_trait("problem", problem)

    def _patch(self, change: Callable[[dict[str, Any], dict[str, Any]], object]) -> None:
        """Apply one change to the answers file as it is now, and save it.

        `change` gets the whole answers and this slot's entry, created from what this state
        shows when the slot was never saved (a practice case, say). A file that cannot be read
        or written (a full disk, a folder made read-only) is reported in `save_problem`, and
        the answer stays in this state."""
        try:
            answers = load_answers(self._file)
            answers.setdefault("learner", self.learner)
            answers["slot"] = self.slot
            answers.setdefault("choices", {})
            slot = answers.setdefault("slots", {}).setdefault(self.slot, {})
            slot.setdefault("values", {n: _to_json(getattr(self, n)) for n in ANSWER_FIELDS})
            slot.setdefault("touched", sorted(self.touched))
            slot.setdefault("edits", dict(self.edits))
            change(answers, slot)
            save_answers(answers, self._file)
        except OSError as error:
            reason = error.strerror or "the file could not be written"
            self.set_trait(
                "save_problem",
                f"Your latest answer could not be saved ({reason}). It is still on this page; "
                "tell your facilitator if this message stays.",
            )
        else:
            self.set_trait("save_problem", "")

    def start_next_round(self, day: dt.date) -> None:
        """Plan the next round of the same application: the interview on `day`, with what the
        interviewer said and the learner's edits of the last round's drafts forgotten."""
        with self.hold_trait_notifications():
            self.date = day
            self.time = None
            self.interviewers = [{**row, "moment": ""} for row in self.interviewers]
            self.next_step = NextStep.UNKNOWN
            self.decision_date = self.expected_by = self.call_ok_by = None
        for key in list(self.edits):
            self.drop_edit(key)

    def reset(self) -> None:
        """Forget every answer in memory (after the learner deleted their data folder)."""
        self._loading = True
        self.set_trait("choices", {})
        self._load_slot(OWN, {})


def _stamp(path: Path) -> tuple[int, int] | None:
    """When the file last changed and its size, or None when there is no file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_mtime_ns, info.st_size


def _read_lateness(path: Path, today: dt.date) -> Lateness:
    """How late employers answered the rounds in the tracker at `path`, only read: no rounds
    without a tracker, and a figure marked unreadable when the file cannot be read."""
    if not path.is_file():
        return Lateness(0, None)
    import sqlite3

    from workbook.analysis.aggregates import own_lateness
    from workbook.tracker.store import Tracker

    try:
        with Tracker(path, create=False) as tracker:
            return own_lateness(tracker, today)
    except (WorkbookError, OSError, sqlite3.Error):
        return Lateness(0, None, readable=False)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _row(raw: Mapping[str, Any]) -> Row:
    """A row with exactly the `ROW_FIELDS`, as text. A title typed before the name (`Mrs Helen
    O'Brien`) moves to `title`, an address typed after it in angle brackets to `email`."""
    row = {key: str(raw.get(key) or "") for key in ROW_FIELDS}
    typed = Interviewer.parse(row["name"])
    if typed.title:
        row["name"], row["title"] = typed.name, typed.title
    if typed.email and typed.email != typed.name:
        row["name"], row["email"] = typed.name, typed.email
    if row["title"] not in TITLES:
        row["title"] = ""
    return row


def _row_of(person: Interviewer) -> Row:
    return {key: getattr(person, key) for key in ROW_FIELDS}


def _person_of(row: Row) -> Interviewer:
    return Interviewer(row["name"].strip(), row["email"].strip(), row["title"], row["moment"])


def _is_someone(row: Row) -> bool:
    return bool(row["name"].strip() or row["email"].strip())


def _with_row(rows: list[Row], index: int, fields: Mapping[str, str]) -> list[Row]:
    if index == len(rows):
        return [*rows, _row(fields)]
    return [{**row, **fields} if at == index else row for at, row in enumerate(rows)]


def _moments(rows: Iterable[Mapping[str, str]]) -> list[str]:
    return [row.get("moment", "") for row in rows if row.get("moment")]


def _row_answers_changed(old: list[Row], new: list[Row]) -> set[str]:
    """Which answers a change of the rows gives: `interviewers` (who they are), `moment`. An
    empty row, just added, gives neither."""

    def who(rows: list[Row]) -> list[Row]:
        return [{k: v for k, v in row.items() if k != "moment"} for row in rows if _is_someone(row)]

    given = {"interviewers"} if who(old) != who(new) else set()
    return given | ({"moment"} if _moments(old) != _moments(new) else set())


def _rows_patched(saved: list[Any], old: list[Row], new: list[Row]) -> list[Row]:
    """The `saved` rows with the change from `old` to `new` made to them: the fields that
    changed, a row added at the end, or a row removed. Another notebook may have changed other
    fields or rows of the file since this state read it, and those are kept. A change of any
    other shape (the rows replaced at once) is written whole."""
    rows = [_row(row) for row in saved if isinstance(row, Mapping)]
    if rows == new:  # saved from this state just now (a slot saved for the first time)
        return rows
    if len(new) == len(old):
        for at, (before, after) in enumerate(zip(old, new, strict=True)):
            changed = {key: value for key, value in after.items() if before.get(key) != value}
            if changed and at < len(rows):
                rows[at].update(changed)
            elif changed:
                rows.append(after)
        return rows
    if len(new) == len(old) + 1 and new[:-1] == old:
        return [*rows, new[-1]]
    if len(new) == len(old) - 1:
        gone = next((at for at, row in enumerate(new) if row != old[at]), len(new))
        same = old[gone]["name"]  # the person, whatever another notebook changed about them
        return [row for at, row in enumerate(rows) if not (at == gone and row["name"] == same)]
    return [dict(row) for row in new]


def _upgraded(values: Mapping[str, Any]) -> dict[str, Any]:
    """Saved answers in today's shape. Before rows, `interviewers` was text, one person per
    line (`Dana Reyes <dana@acme.example>`), with one `moment` for all of them: each row
    gets that moment."""
    old = values.get("interviewers")
    if not isinstance(old, str):
        return dict(values)
    moment = str(values.get("moment") or "")
    rows = [_row_of(Interviewer.parse(line, moment)) for line in _lines(old)]
    return {**{k: v for k, v in values.items() if k != "moment"}, "interviewers": rows}
