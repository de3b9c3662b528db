"""The link between a follow-up plan and the tracker, with the tracker as its only record.

Nothing about the link is saved anywhere else: a plan finds its place in the tracker by name.
Its application is `application_slug(company, role)` and its round is the interview's date, so
what the tracker holds is what the plan shows, whichever notebook or command wrote it.

- A step is *sent* when the plan's round has a contact of the step's kind. The thank-yous to
  several interviewers on one day are one contact in the tracker, whose contacts are known by
  application, date, kind and channel; so one logged thank-you marks them all as sent.
- An answer is written to the tracker as follows (`log_reply`):

  | answer            | tone of the response | application outcome | rounds                 |
  |-------------------|----------------------|---------------------|------------------------|
  | next round        | positive             | unchanged           | the next one, if dated |
  | offer             | positive             | offer               |                        |
  | rejection         | negative             | rejected            |                        |
  | no decision yet   | neutral              | unchanged           |                        |

- The plan's round keeps the day they promised to be in touch by (its decision date, else its
  "expected by" date), and a decision logged (next round, offer, rejection) is the day the
  round's answer came, unless one was noted already: how late employers are is counted from
  these (`analysis.aggregates.own_lateness` gives the learner's figure to the planner).
- and read back for a round (`track`): a later round of the same application means they asked
  for a next round. Otherwise the round needs a positive or negative response: then the
  application's outcome names the answer (offer, rejected), or else the tone does (positive: a
  next round; negative: a rejection). A neutral response, or one whose tone was not noted, is
  no decision and leaves the plan as it is, and so does an outcome with no such response. The
  answer's day is that of the earliest such response (or of the later round, if earlier).

Which steps an answer cancels is guidance rule 12, applied by the planner's `record_answer`;
this module only finds the answer. Practice plans never reach the tracker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import pandas as pd

from workbook.model import Answer, Interview, NextStep, Outcome, Plan, Response, Step
from workbook.rules.dates import full_date
from workbook.rules.edits import step_key
from workbook.rules.planner import carries_news, record_answer
from workbook.rules.practice import practice_interviews
from workbook.tracker.store import (
    ContactKey,
    InvalidChangeError,
    RoundKey,
    Tracker,
    application_slug,
    default_path,
)

__all__ = [
    "ANSWER_OUTCOMES",
    "ANSWER_TONES",
    "Tracked",
    "add_plan",
    "is_practice",
    "log_answer",
    "log_reply",
    "log_sent",
    "plan_round",
    "promised_day",
    "track",
    "track_file",
]

ANSWER_TONES: Final[Mapping[Answer | None, Response]] = {
    Answer.NEXT_ROUND: Response.POSITIVE,
    Answer.OFFER: Response.POSITIVE,
    Answer.REJECTION: Response.NEGATIVE,
    None: Response.NEUTRAL,
}
"""The tone a response is logged with, for each answer (None: a reply with no decision yet)."""
ANSWER_OUTCOMES: Final[Mapping[Answer, Outcome]] = {
    Answer.OFFER: Outcome.OFFER,
    Answer.REJECTION: Outcome.REJECTED,
}
"""The application's outcome an answer sets; a next round leaves it pending."""

_PRACTICE_MESSAGE = "This is a practice plan: nothing from it goes into your tracker."


@dataclass(frozen=True)
class Tracked:
    """A plan as the tracker sees it.

    `plan` is the plan after the answer, if one was logged: the steps still to come, the
    cancelled ones, the reply to use (`plan.replies[plan.answer]`) and the new stop line.
    `sent` maps a step's key (`step_key`) to the day its contact was logged.
    """

    plan: Plan
    round: RoundKey
    in_tracker: bool = False
    sent: Mapping[str, dt.date] = field(default_factory=dict)
    answered_on: dt.date | None = None
    next_round: dt.date | None = None

    @property
    def answer(self) -> Answer | None:
        """The answer logged for this round, if any."""
        return self.plan.answer

    def sent_on(self, step: Step) -> dt.date | None:
        """The day the step's contact was logged as sent, or None."""
        return self.sent.get(step_key(self.plan, step))


def is_practice(plan: Plan) -> bool:
    """Whether the plan is one of the made-up practice interviews."""
    made_up = {case.interview.company for case in practice_interviews(plan.interview.date)}
    return plan.interview.company in made_up


def plan_round(plan: Plan) -> RoundKey:
    """The application and round a plan belongs to: found by company, role and date."""
    interview = plan.interview
    return RoundKey(application_slug(interview.company, interview.role), interview.date)


def _refuse_practice(plan: Plan) -> None:
    if is_practice(plan):
        raise InvalidChangeError(_PRACTICE_MESSAGE)


def _day(value: object) -> dt.date:
    return pd.Timestamp(value).date()  # type: ignore[arg-type]


def promised_day(interview: Interview) -> dt.date | None:
    """The day the employer said they would be in touch by: the decision date of a
    decision-date answer, else the "expected by" date (None when neither was given, or when it
    was before the interview, which a round cannot hold)."""
    day = interview.expected_by
    if interview.next_step is NextStep.DECISION_DATE and interview.decision_date is not None:
        day = interview.decision_date
    return day if day is not None and day >= interview.date else None


def add_plan(tracker: Tracker, plan: Plan) -> bool:
    """Put the plan's application and round in the tracker, if they are not there yet.

    Returns whether anything was added. The application gets the plan's company, role,
    people-facing answer and first interviewer; the round its next step, interviewers and the
    day they promised to be in touch by (`promised_day`).
    """
    _refuse_practice(plan)
    round_ = plan_round(plan)
    interview = plan.interview
    with tracker.transaction():
        rows = tracker.contacts(application_id=round_.application_id)
        added = False
        if rows.empty:
            tracker.add_application(
                interview.company,
                interview.role,
                people_facing=interview.people_facing,
                contact_name=interview.main_contact.name,
                contact_detail=interview.main_contact.email,
                application_id=round_.application_id,
            )
            added = True
        if not (rows["interview_date"] == pd.Timestamp(round_.interview_date)).any():
            tracker.add_round(
                round_.application_id,
                round_.interview_date,
                next_step=interview.next_step,
                interviewers="; ".join(str(person) for person in interview.interviewers),
                promised_date=promised_day(interview),
            )
            added = True
    return added


def log_sent(tracker: Tracker, plan: Plan, step: Step, on: dt.date) -> ContactKey:
    """Log the step as sent on `on`, adding the plan's application and round if needed.

    A step already logged (one of several thank-yous, say) is left as it is, and the key of
    its contact returned. A second follow-up is logged as bringing new information (rule 4),
    and a step whose channel the workbook drew at random with the plan's seed.
    """
    _refuse_practice(plan)
    round_ = plan_round(plan)
    with tracker.transaction():
        add_plan(tracker, plan)
        logged = _round_contacts(tracker, round_)
        same = logged[logged["kind"] == step.kind.value]
        if not same.empty:
            return ContactKey.of(same.iloc[0])
        return tracker.add_contact(
            round_,
            on,
            step.channel,
            kind=step.kind,
            new_info=carries_news(plan, step),
            random_seed=plan.channel_seed if step.chosen_at_random else None,
        )


def log_reply(
    tracker: Tracker,
    contact: ContactKey,
    on: dt.date,
    answer: Answer | None,
    *,
    next_round: dt.date | None = None,
) -> None:
    """Log the answer to a contact as the table of this module says, all of it or nothing.

    `answer` None is a reply with no decision yet. For a next round, `next_round` (if known)
    adds that round to the application. A decision is the day the contact's round had its
    answer, unless the round holds an earlier one.
    """
    with tracker.transaction():
        tracker.log_response(contact, on, ANSWER_TONES[answer])
        if answer is not None:
            _note_round_answer(tracker, contact, on)
        if answer is not None and answer in ANSWER_OUTCOMES:
            tracker.set_outcome(contact.application_id, ANSWER_OUTCOMES[answer])
        if answer is Answer.NEXT_ROUND and next_round is not None:
            if next_round < on:
                raise InvalidChangeError(
                    "the next round cannot come before the answer that invited you to it"
                )
            rounds = tracker.contacts(application_id=contact.application_id)["interview_date"]
            if not (rounds == pd.Timestamp(next_round)).any():
                tracker.add_round(contact.application_id, next_round)


def log_answer(
    tracker: Tracker,
    plan: Plan,
    answer: Answer | None,
    on: dt.date,
    *,
    next_round: dt.date | None = None,
) -> ContactKey:
    """Log an answer to the plan's latest contact sent on or before `on`; returns that contact.

    The plan's round needs a logged contact for the answer to reply to: without one, or with
    every one after `on`, nothing is written and the error says what to do.
    """
    _refuse_practice(plan)
    logged = _round_contacts(tracker, plan_round(plan))
    if logged.empty:
        raise InvalidChangeError(
            "your tracker has no message of yours after this interview for the answer to reply "
            "to: mark the message they answered as sent first"
        )
    before = logged[logged["contact_date"] <= pd.Timestamp(on)]
    if before.empty:
        first = _day(logged["contact_date"].min())
        raise InvalidChangeError(
            f"an answer cannot come before the message it answers: your first message after "
            f"this interview went on {full_date(first)}"
        )
    contact = ContactKey.of(before.sort_values("contact_date", kind="stable").iloc[-1])
    log_reply(tracker, contact, on, answer, next_round=next_round)
    return contact


def _note_round_answer(tracker: Tracker, contact: ContactKey, on: dt.date) -> None:
    """Record `on` as the day the contact's round had its answer, unless it has an earlier."""
    rows = tracker.contacts(application_id=contact.application_id)
    mine = rows[rows["contact_date"] == pd.Timestamp(contact.contact_date)]
    mine = mine[(mine["kind"] == contact.kind.value) & (mine["channel"] == contact.channel.value)]
    round_ = RoundKey(contact.application_id, _day(mine["interview_date"].iloc[0]))
    rounds = tracker.rounds()
    here = rounds[
        (rounds["application_id"] == round_.application_id)
        & (rounds["interview_date"] == pd.Timestamp(round_.interview_date))
    ]
    noted = here["answer_date"].iloc[0]
    if pd.isna(noted) or _day(noted) > on:
        tracker.edit_round(round_, answer_date=on)


def _round_contacts(tracker: Tracker, round_: RoundKey) -> pd.DataFrame:
    """The round's contacts, earliest first."""
    rows = tracker.contacts(application_id=round_.application_id)
    mine = rows["interview_date"] == pd.Timestamp(round_.interview_date)
    return rows[mine & rows["contact_date"].notna()]


def track(plan: Plan, tracker: Tracker | None) -> Tracked:
    """The plan as the tracker sees it: which steps were sent, and the answer, if any.

    Without a tracker (none yet, or a practice plan) nothing is logged and the plan is as given.
    """
    round_ = plan_round(plan)
    if tracker is None or is_practice(plan):
        return Tracked(plan, round_)
    rows = tracker.contacts(application_id=round_.application_id)
    day = pd.Timestamp(round_.interview_date)
    here = rows[rows["interview_date"] == day]
    contacts = here[here["contact_date"].notna()]
    first_of_kind = contacts.groupby("kind")["contact_date"].min()
    sent = {
        step_key(plan, step): _day(first_of_kind[step.kind.value])
        for step in (*plan.steps, *plan.cancelled)
        if step.kind.value in first_of_kind.index
    }
    later = rows["interview_date"][rows["interview_date"] > day]
    next_round = _day(later.min()) if not later.empty else None
    outcome = str(rows["outcome"].iloc[0]) if not rows.empty else Outcome.PENDING.value
    found = _answer(contacts, outcome, next_round)
    if found is None:
        return Tracked(plan, round_, not here.empty, sent, None, next_round)
    answer, on = found
    answered = record_answer(plan, answer, on)
    return Tracked(answered, round_, True, sent, on, next_round)


def _answer(
    contacts: pd.DataFrame, outcome: str, next_round: dt.date | None
) -> tuple[Answer, dt.date] | None:
    """The answer a round got, and when, read as the module docstring says."""
    tone = contacts["response"]
    decisive = contacts[
        contacts["response_date"].notna()
        & tone.isin([Response.POSITIVE.value, Response.NEGATIVE.value])
    ].sort_values("response_date", kind="stable")
    if next_round is not None:
        good = decisive[decisive["response"] == Response.POSITIVE.value]["response_date"]
        return Answer.NEXT_ROUND, min([next_round, *(_day(d) for d in good)])
    if decisive.empty:
        return None
    on = _day(decisive["response_date"].iloc[0])
    if outcome == Outcome.OFFER.value:
        return Answer.OFFER, on
    if outcome == Outcome.REJECTED.value:
        return Answer.REJECTION, on
    first = decisive["response"].iloc[0]
    return (Answer.NEXT_ROUND if first == Response.POSITIVE.value else Answer.REJECTION), on


def track_file(plan: Plan, path: Path | None = None) -> Tracked:
    """`track` against the tracker file (the learner's by default), which is only read:
    without a file there is nothing logged yet, and none is created."""
    path = path or default_path()
    if is_practice(plan) or not path.is_file():
        return track(plan, None)
    with Tracker(path, create=False) as tracker:
        return track(plan, tracker)
