"""The learner's answers and the plan they produce, as a traitlets model with no widgets in it.

Views build widgets and `link` them to a `PlanState`; the state turns the answers into an
`Interview`, asks the planner for a plan, and saves every answer under the learner's data folder
as it changes, so a restarted kernel or a reopened notebook finds them again. One state is
shared by every view in a kernel (`PlanState.shared()`).

Each notebook runs in its own kernel, so several states may share one answers file. Every
change is written as a patch of that one answer onto the file as it is now, and `shared()`
reads the file again, so a notebook left open never overwrites answers given in another one.

Answers are kept per *slot*: `own` for the learner's real interview, `practice:<id>` for each
practice case, so practising never overwrites the learner's own answers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from traitlets import Bool, Dict, HasTraits, Instance, Unicode, UseEnum, observe

from workbook.data.answers import load_answers, save_answers
from workbook.model import Channel, Draft, Interview, Interviewer, NextStep, Plan
from workbook.rules.edits import Edit, apply_edits, fingerprint
from workbook.rules.planner import PlanInputError, make_plan
from workbook.rules.practice import PracticeInterview, practice_interviews

__all__ = ["ANSWER_FIELDS", "FIELD_LABELS", "OWN", "PlanState"]

OWN = "own"

FIELD_LABELS: dict[str, str] = {
    "company": "Company",
    "role": "Role",
    "date": "Interview date",
    "time": "Start time",
    "interviewers": "Interviewers",
    "moment": "A moment of the conversation",
    "next_step": "What they said happens next",
    "decision_date": "Decision date",
    "expected_by": "They will be in touch by",
    "call_ok_by": "You may call by",
    "preferred_channel": "Preferred channel",
    "people_facing": "People-facing role",
    "highlights": "Your highlights",
    "new_info": "News since the interview",
    "country": "Country (for public holidays)",
    "candidate": "Your name",
}
"""How each answer is named on screen and in messages; the keys are `Interview` fields."""

ANSWER_FIELDS: tuple[str, ...] = tuple(FIELD_LABELS)
_DATES = ("date", "decision_date", "expected_by", "call_ok_by")
_LINES = ("interviewers", "highlights", "new_info")
_NEEDED_FOR_A_PLAN = ("company", "role", "date", "interviewers")


def _to_json(value: object) -> object:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, NextStep | Channel):
        return value.value
    return value


class PlanState(HasTraits):
    """What the learner entered, and the plan (or the reason there is none yet)."""

    company = Unicode("")
    role = Unicode("")
    date = Instance(dt.date, allow_none=True)
    time = Instance(dt.time, allow_none=True)
    interviewers = Unicode("", help="one per line: a name, optionally followed by <email>")
    moment = Unicode("")
    next_step = UseEnum(NextStep, default_value=NextStep.UNKNOWN)
    decision_date = Instance(dt.date, allow_none=True)
    expected_by = Instance(dt.date, allow_none=True)
    call_ok_by = Instance(dt.date, allow_none=True)
    preferred_channel = UseEnum(Channel, default_value=Channel.EMAIL)
    people_facing = Bool(False)
    highlights = Unicode("", help="one per line")
    new_info = Unicode("", help="one per line")
    country = Unicode("")
    candidate = Unicode("")

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

    def __init__(self, answers_file: Path | None = None, today: dt.date | None = None) -> None:
        super().__init__()
        self._file = answers_file
        self._today = today or dt.date.today()
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
            values, touched = saved.get("values", {}), saved.get("touched", [])
            edits = saved.get("edits", {})
        elif slot in cases:
            values = self._answers_of(cases[slot].interview)
            touched = list(values)
        self._loading = True
        try:
            self.slot = slot
            with self.hold_trait_notifications():
                for name in ANSWER_FIELDS:
                    value = values.get(name, self.trait_defaults(name))
                    self.set_trait(name, self._from_json(name, value))
                self.set_trait("touched", {n: True for n in touched if n in ANSWER_FIELDS})
                self.set_trait("edits", dict(edits))
        finally:
            self._loading = False
        self._refresh()

    @staticmethod
    def _answers_of(interview: Interview) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name in ANSWER_FIELDS:
            if name == "moment":  # one moment for the whole panel, until rows per person
                value = interview.interviewers[0].moment if interview.interviewers else ""
            else:
                value = getattr(interview, name)
            if name == "interviewers":
                value = "\n".join(str(person) for person in value)
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
        return value

    # -- answers to plan ----------------------------------------------------------------------

    @observe(*ANSWER_FIELDS)
    def _answer_changed(self, change: dict[str, Any]) -> None:
        if self._loading:
            return
        name, value = change["name"], _to_json(change["new"])
        self.set_trait("touched", {**self.touched, name: True})
        self._refresh()

        def record(answers: dict[str, Any], slot: dict[str, Any]) -> None:
            slot["values"][name] = value
            slot["touched"] = sorted({*slot["touched"], name})

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

    def interview(self) -> Interview:
        """The answers as an `Interview`; raises PlanInputError naming the answer at fault."""
        missing = [FIELD_LABELS[n].lower() for n in _NEEDED_FOR_A_PLAN if not getattr(self, n)]
        if missing:
            raise PlanInputError(
                _NEEDED_FOR_A_PLAN[0], f"To see your plan, fill in: {', '.join(missing)}."
            )
        assert self.date is not None
        return Interview(
            date=self.date,
            time=self.time,
            company=self.company,
            role=self.role,
            interviewers=tuple(
                Interviewer.parse(line, self.moment) for line in _lines(self.interviewers)
            ),
            next_step=self.next_step,
            decision_date=self.decision_date,
            expected_by=self.expected_by,
            call_ok_by=self.call_ok_by,
            preferred_channel=self.preferred_channel,
            people_facing=self.people_facing,
            highlights=tuple(_lines(self.highlights)),
            new_info=tuple(_lines(self.new_info)),
            country=self.country,
            candidate=self.candidate,
        )

    def _refresh(self) -> None:
        try:
            plan, problem = make_plan(self.interview()), ""
        except PlanInputError as error:
            label = FIELD_LABELS.get(error.field, error.field)
            plan = None
            problem = str(error) if str(error).startswith("To see") else f"{label}: {error}"
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
            self.moment = ""
            self.next_step = NextStep.UNKNOWN
            self.decision_date = self.expected_by = self.call_ok_by = None
        for key in list(self.edits):
            self.drop_edit(key)

    def reset(self) -> None:
        """Forget every answer in memory (after the learner deleted their data folder)."""
        self._loading = True
        self.set_trait("choices", {})
        self._load_slot(OWN, {})


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
