"""The plan engine: the twelve rules at the end of the guidance, turned into dated steps.

`make_plan` is a pure function of an `Interview`: same input, same plan. Each rule is applied
in one place below, and every step cites the guidance section it comes from. The wording of
messages lives in the templates (`drafts`); the reasons, warnings and lists a plan shows live
here, beside the rule that produces them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
from collections.abc import Callable

from workbook.model import (
    PLAN_CHANNELS,
    TITLES,
    Answer,
    Channel,
    Interview,
    Interviewer,
    Kind,
    Lateness,
    NextStep,
    Plan,
    PlanWarning,
    Section,
    Step,
    WarningCode,
    WorkbookError,
)
from workbook.rules import drafts
from workbook.rules.counting import OWN_LATENESS_FROM
from workbook.rules.dates import BusinessCalendar, UnknownCountryError, long_date
from workbook.rules.names import capitalised
from workbook.rules.phrasing import phrased
from workbook.rules.text import one_line, phrase

__all__ = [
    "ADDRESS_LINES",
    "CHANNEL_COSTS",
    "DEFAULT_WAIT_DAYS",
    "FLOOR_DAYS",
    "MAX_SEED",
    "MAX_STOP_WAIT_DAYS",
    "NO_FOLLOW_UP",
    "OPEN_ENDED",
    "RETRY_DAYS",
    "THANK_YOU_CUTOFF",
    "PlanInputError",
    "allowed_channels",
    "carries_news",
    "make_plan",
    "missing_addresses",
    "record_answer",
    "stop_wait",
    "thank_you_day",
]

THANK_YOU_CUTOFF = dt.time(14, 0)
"""Rule 1: an interview that starts before this gets its thank-you the same day."""
FLOOR_DAYS = 3
"""Rule 2: no follow-up before this many business days after the interview."""
DEFAULT_WAIT_DAYS = 5
"""Rule 2: the default wait before a follow-up, and between the first and the second."""
MAX_STOP_WAIT_DAYS = 15
"""The stop day, when it goes by the learner's own figure of how late employers answer, comes
at most this many business days (three working weeks) after the last follow-up, and at least
`FLOOR_DAYS`: one very late employer should not keep a plan open for months."""
RETRY_DAYS = 2
"""A call that reaches voicemail is tried once more, this many business days later."""
ADDRESS_LINES = 5
"""A letter's address block keeps at most this many lines besides the name."""
MAX_SEED = 2**63 - 1
"""The largest seed of a random choice of channels (the tracker keeps it as a 64-bit integer)."""

CHANNEL_COSTS: dict[Channel, str] = {
    Channel.EMAIL: (
        "An email lets you weigh every word and lets them answer when they have a moment, "
        "though it can sit unread in a busy inbox."
    ),
    Channel.PHONE: (
        "A call is the most personal, but they may ask something unexpected, and a rejection "
        "heard by voice can be hard to take calmly; keep your call script at hand."
    ),
    Channel.LETTER: (
        "A letter is the most official and stands out, but it takes days to arrive, so it "
        "cannot carry anything urgent."
    ),
}
"""Rule 11: what each channel costs, shown beside the learner's choice."""

_PREPARE: dict[NextStep, tuple[str, ...]] = {
    NextStep.BACKGROUND_CHECK: (
        "Watch for the consent form and return it promptly.",
        "Have your ID and any documents they may ask for (certificates, right-to-work "
        "papers) ready.",
        "Tell your references they may be contacted, and check that their details are current.",
        "Note the dates and addresses of past jobs and studies; checks often ask for them.",
        "If something may come up in the check, decide how you will explain it, briefly and "
        "honestly.",
    ),
    NextStep.ASSESSMENT: (
        "Find out the format: a written test, a work sample, a presentation or an exercise.",
        "Practise with similar exercises, and time yourself.",
        "Get ready what you need: ID, equipment, a quiet room for an online test.",
        "Rest well the night before, and plan to arrive or log in early.",
    ),
}
"""Rule 9: what to prepare while a background check or a test is pending."""

_ANSWER_STOPS: dict[Answer, str] = {
    Answer.NEXT_ROUND: (
        "They invited you to the next round, so the follow-ups are cancelled: confirm with "
        "the reply below, then start a plan for the new round."
    ),
    Answer.OFFER: (
        "They made you an offer, so the follow-ups are cancelled: thank them with the reply "
        "below and take the time you need to review it."
    ),
    Answer.REJECTION: (
        "They gave you their answer, so the follow-ups are cancelled: a gracious reply keeps "
        "the door open, and then your energy goes to your other applications."
    ),
}
"""Rule 12: what the plan says once an answer has come."""

NO_FOLLOW_UP = frozenset({NextStep.DO_NOT_CONTACT, NextStep.HANDED_OFF})
"""Rules 5 and 6: answers after which the thank-you is the last message."""
OPEN_ENDED = frozenset({NextStep.UNKNOWN, NextStep.VAGUE})
"""Rule 7: answers that give no next step, so a call needs the interviewer's agreement."""

_EMAIL = re.compile(r"[^@\s<>(),;:\"\[\]\\]+@[^@\s<>(),;:\"\[\]\\]+\.[^@\s<>(),;:\"\[\]\\]+")


class PlanInputError(WorkbookError, ValueError):
    """An input the planner cannot use; `field` names the `Interview` field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


Warn = Callable[[PlanWarning], None]
Note = Callable[[str], None]


def make_plan(interview: Interview) -> Plan:
    """Turn one interview into a follow-up plan (guidance rules 1 to 12)."""
    _check_wording(interview)
    warnings: list[PlanWarning] = []

    def warn(warning: PlanWarning) -> None:
        if warning not in warnings:
            warnings.append(warning)

    interview = _cleaned(interview, warn)
    _check(interview)
    try:
        calendar = BusinessCalendar(interview.holidays, interview.country)
    except UnknownCountryError as error:
        raise PlanInputError("country", str(error)) from None
    notes: list[str] = []
    steps = _thank_yous(interview, calendar, warn)
    steps += _follow_ups(interview, calendar, steps[0].date, warn, notes.append)
    _explain_inputs(interview, steps, warn)
    if not interview.highlights and interview.next_step not in NO_FOLLOW_UP:
        warn(
            PlanWarning(
                WarningCode.ADD_HIGHLIGHTS,
                "Add one or two highlights (an accomplishment, or why you fit the role) so "
                "your messages remind them what you bring.",
                3,
            )
        )
    if not interview.candidate:
        warn(
            PlanWarning(
                WarningCode.ADD_NAME, "Add your name, and the drafts will be signed with it."
            )
        )
    plan = Plan(
        interview=interview,
        steps=tuple(steps),
        prepare=_PREPARE.get(interview.next_step, ()),
        stop=_stop_line(interview, calendar, steps, notes.append),
        warnings=tuple(warnings),
        channel_costs=CHANNEL_COSTS[interview.preferred_channel],
        replies={answer: drafts.reply(interview, answer) for answer in Answer},
        notes=tuple(notes),
    )
    missing = [
        PlanWarning(
            WarningCode.ADD_EMAIL,
            f"{person.name} has no email address yet: add it, and the email draft will be "
            "addressed.",
        )
        for person in missing_addresses(plan)
    ]
    return dataclasses.replace(plan, warnings=plan.warnings + tuple(missing))


def carries_news(plan: Plan, step: Step) -> bool:
    """Whether `step` brings news (rule 4): the first follow-up the learner's news, the second
    the further news; a thank-you never does."""
    interview = plan.interview
    if step.kind is Kind.FOLLOW_UP:
        return bool(interview.new_info)
    return step.kind is Kind.SECOND_FOLLOW_UP


def missing_addresses(plan: Plan) -> tuple[Interviewer, ...]:
    """The people an email step goes to whose address the learner has not given yet."""
    people: dict[str, Interviewer] = {}
    for step in plan.steps:
        if step.channel is Channel.EMAIL and not step.draft.to.email:
            people.setdefault(step.draft.to.name, step.draft.to)
    return tuple(people.values())


def record_answer(plan: Plan, answer: Answer, on: dt.date) -> Plan:
    """Rule 12: an answer came on `on`; every follow-up from that day on is cancelled."""
    if on < plan.interview.date:
        raise PlanInputError("answered_on", "an answer cannot come before the interview")
    cancelled = tuple(s for s in plan.steps if s.conditional and s.date >= on)
    return dataclasses.replace(
        plan,
        steps=tuple(s for s in plan.steps if s not in cancelled),
        cancelled=plan.cancelled + cancelled,
        answer=answer,
        stop=_ANSWER_STOPS[answer],
    )


# -- inputs -------------------------------------------------------------------------------


def _check_wording(interview: Interview) -> None:
    if not 1 <= interview.wording <= drafts.WORDINGS:
        raise PlanInputError(
            "wording", f"choose a wording from 1 to {drafts.WORDINGS}, not {interview.wording}"
        )


def _cleaned(interview: Interview, warn: Warn) -> Interview:
    """The interview with every typed field on one line (an address on at most
    `ADDRESS_LINES` lines), empty list items dropped, and names typed in lower case given
    their capitals where that can be done safely; where it cannot, `warn` says so."""

    def name(typed: str) -> str:
        typed = one_line(typed)
        fixed, done = capitalised(typed)
        if not done:
            warn(
                PlanWarning(
                    WarningCode.NAME_CAPITALS,
                    f"“{typed}” is typed in lower case, and names such as McDonald have "
                    "capitals inside that cannot be guessed: type it as they spell it.",
                )
            )
        return fixed

    def interviewer(person: Interviewer) -> Interviewer:
        typed = Interviewer.parse(one_line(person.name))  # `Dr. José Núñez` has a title
        return Interviewer(
            name(typed.name) if typed.title else name(person.name),
            one_line(person.email),
            person.title or typed.title,
            phrase(person.moment),
        )

    def block(text: str) -> str:
        return "\n".join(list(filter(None, map(one_line, text.splitlines())))[:ADDRESS_LINES])

    return dataclasses.replace(
        interview,
        company=one_line(interview.company),
        role=one_line(interview.role),
        candidate=name(interview.candidate),
        candidate_phone=one_line(interview.candidate_phone),
        candidate_address=block(interview.candidate_address),
        employer_address=block(interview.employer_address),
        country=one_line(interview.country),
        interviewers=tuple(map(interviewer, interview.interviewers)),
        highlights=tuple(filter(None, map(phrase, interview.highlights))),
        new_info=tuple(filter(None, map(phrase, interview.new_info))),
        further_news=tuple(filter(None, map(phrase, interview.further_news))),
    )


def _check(interview: Interview) -> None:
    if not interview.company:
        raise PlanInputError("company", "the company is missing")
    if not interview.role:
        raise PlanInputError("role", "the role is missing")
    if not interview.interviewers:
        raise PlanInputError("interviewers", "name at least one interviewer")
    for person in interview.interviewers:
        if not person.name:
            raise PlanInputError("interviewers", "an interviewer has no name")
        if person.title and person.title not in TITLES:
            raise PlanInputError(
                "interviewers",
                f"{person.title!r} is not a title the drafts use; choose one of "
                f"{', '.join(TITLES)}, or none to greet {person.name} by first name",
            )
        if person.email and not _EMAIL.fullmatch(person.email):
            raise PlanInputError(
                "interviewers",
                f"{person.email!r} is not an email address (expected name@example.org)",
            )
    if interview.preferred_channel not in PLAN_CHANNELS:
        raise PlanInputError(
            "preferred_channel",
            f"{interview.preferred_channel.value!r} cannot be planned; choose email, phone "
            "or letter",
        )
    _check_channel_choice(interview)
    if interview.next_step is NextStep.DECISION_DATE and interview.decision_date is None:
        raise PlanInputError("decision_date", "a decision-date answer needs its date")
    for name in ("decision_date", "expected_by", "call_ok_by"):
        day: dt.date | None = getattr(interview, name)
        if day is not None and day < interview.date:
            raise PlanInputError(
                name, f"{day.isoformat()} is before the interview ({interview.date.isoformat()})"
            )


def _check_channel_choice(interview: Interview) -> None:
    """The learner's limits and the seed: email stays open (every thank-you is an email, rule
    1), and the preferred channel cannot be one the learner also ruled out."""
    for channel in sorted(interview.never_channels):
        if channel is Channel.EMAIL:
            raise PlanInputError(
                "never_channels",
                "email cannot be ruled out: every thank-you goes by email (rule 1); rule out "
                "phone or letter instead",
            )
        if channel not in PLAN_CHANNELS:
            raise PlanInputError(
                "never_channels", f"{channel.value!r} is never planned, so it needs no limit"
            )
    if interview.preferred_channel in interview.never_channels:
        word = interview.preferred_channel.value
        raise PlanInputError(
            "never_channels", f"you prefer {word} but also said never by {word}: choose one"
        )
    seed = interview.channel_seed
    if seed is not None and not 0 <= seed <= MAX_SEED:
        raise PlanInputError("channel_seed", f"a seed is a whole number from 0 to {MAX_SEED}")


# -- rule 1: thank-you ----------------------------------------------------------------------


def thank_you_day(interview: Interview, calendar: BusinessCalendar) -> dt.date:
    """Rule 1: the day of the interview when it starts before `THANK_YOU_CUTOFF` (or no time
    is given), else the next business day."""
    starts_early = interview.time is None or interview.time < THANK_YOU_CUTOFF
    return calendar.on_or_after(interview.date) if starts_early else calendar.after(interview.date)


def _thank_yous(interview: Interview, calendar: BusinessCalendar, warn: Warn) -> list[Step]:
    day = thank_you_day(interview, calendar)
    when = "the same day" if day == interview.date else "the next business day"
    note = ""
    by_email = WarningCode.THANK_YOU_BY_EMAIL
    if interview.preferred_channel is Channel.PHONE:
        warn(PlanWarning(by_email, "A thank-you is never a call, so yours goes by email.", 1))
    elif interview.preferred_channel is Channel.LETTER:
        while_deciding = "Your thank-you goes by email so that it arrives while they are deciding"
        if interview.next_step in NO_FOLLOW_UP:  # and it is the only message: nothing by post
            warn(PlanWarning(by_email, f"{while_deciding}.", 1))
        else:
            card = f"{while_deciding}; a handwritten card is suggested beside it."
            warn(PlanWarning(by_email, card, 1))
            note = "You like letters: a short handwritten card can follow the email by post."
    section = Section.INTRO
    purpose = "keeps you in their mind; it costs nothing and often helps"
    if interview.next_step is NextStep.DO_NOT_CONTACT:
        section = Section.CLARIFY
        purpose = "is the one message you send, since they asked not to be contacted"
    elif interview.next_step is NextStep.HANDED_OFF:
        section = Section.CLARIFY
        purpose = "is your last message to this person, so it asks who your contact will be"
    return [
        Step(
            date=day,
            kind=Kind.THANK_YOU,
            draft=drafts.thank_you(
                interview, person, day, _pick(interview.highlights, position), position
            ),
            section=section,
            why=f"A short thank-you to {person.name} {when} {purpose}.",
            conditional=False,
            note=note,
        )
        for position, person in enumerate(interview.interviewers)
    ]


# -- rules 2 to 11: follow-ups --------------------------------------------------------------


def _follow_ups(
    interview: Interview, calendar: BusinessCalendar, thanked: dt.date, warn: Warn, note: Note
) -> list[Step]:
    """Rules 2 to 11; `thanked` is the day of the thank-yous, which no follow-up may precede."""
    if interview.next_step in NO_FOLLOW_UP:
        _explain_no_follow_up(interview, warn)
        return []
    day, section, reason = _first_follow_up_day(interview, calendar, thanked, warn)
    permitted_call = interview.next_step in OPEN_ENDED and interview.call_ok_by is not None
    choose = _Chooser(interview)
    if choose.at_random:
        seed = interview.channel_seed
        note(
            "You let the workbook choose your follow-up channel: where the rules leave more than "
            f"one open, it drew one at random (seed {seed}). Your tracker remembers which "
            "contacts were drawn, so that later you can compare channels fairly."
        )
        written = Channel.EMAIL  # unused: every follow-up's channel is drawn below
    else:
        written = _written_channel(interview, warn)
    call_barred = Channel.PHONE in interview.never_channels
    if permitted_call and call_barred and not choose.at_random:
        warn(
            PlanWarning(
                WarningCode.AGREED_CALL,
                "They agreed that you may call, but you said never by phone, so your first "
                "follow-up goes in writing instead.",
                7,
            )
        )
    elif (
        permitted_call and interview.preferred_channel is not Channel.PHONE and not choose.at_random
    ):
        warn(
            PlanWarning(
                WarningCode.AGREED_CALL,
                "Because they agreed that you may call if you have not heard back, your first "
                "follow-up is that call rather than a written message.",
                7,
            )
        )
    if interview.people_facing:
        reason += (
            "; in a people-facing role, following up is part of how they judge the people "
            "skills the job needs"
        )
    if interview.new_info:
        reason += f"; it brings your news ({'; '.join(interview.new_info)})"
    first_default = Channel.PHONE if permitted_call and not call_barred else written
    first = choose(
        allowed_channels(interview, call_agreed=permitted_call),
        first_default,
        lambda channel: _follow_up(
            interview, calendar, Kind.FOLLOW_UP, channel, day, section, reason, 1
        ),
    )
    further = [item for item in interview.further_news if item not in interview.new_info]
    if not further:
        note(
            "One follow-up is planned. A second contact would need news your first one did not "
            "carry (a new certificate, a sorted start date, a result); if some comes while you "
            "wait, add it and the plan will schedule it."
        )
        return [first]
    second = choose(
        allowed_channels(interview, call_agreed=False),
        written,
        lambda channel: _follow_up(
            interview,
            calendar,
            Kind.SECOND_FOLLOW_UP,
            channel,
            calendar.add(day, DEFAULT_WAIT_DAYS),
            Section.BOTHERSOME,
            f"If there is still no answer, your further news ({'; '.join(further)}) gives "
            "this second contact a reason beyond checking in",
            2,
            tuple(further),
        ),
    )
    return [first, second]


def allowed_channels(interview: Interview, *, call_agreed: bool) -> tuple[Channel, ...]:
    """The channels a random choice may draw for a follow-up (rules 7 and 11 and the learner's
    limits): email or phone for the call they agreed to, else email or letter, without any
    channel the learner ruled out. Rules 5 and 6 plan no follow-up at all, and rule 1 keeps the
    thank-yous by email, so neither ever reaches a draw."""
    pair = (Channel.EMAIL, Channel.PHONE) if call_agreed else (Channel.EMAIL, Channel.LETTER)
    return tuple(channel for channel in pair if channel not in interview.never_channels)


class _Chooser:
    """Draws the follow-ups' channels when the learner let the workbook choose: one
    `random.Random` seeded with `Interview.channel_seed`, drawn in the order of the steps, so
    the same seed gives the same plan."""

    def __init__(self, interview: Interview) -> None:
        seed = interview.channel_seed
        self.at_random = seed is not None
        self._random = random.Random(seed) if seed is not None else None

    def __call__(
        self, allowed: tuple[Channel, ...], default: Channel, make: Callable[[Channel], Step]
    ) -> Step:
        """The step `make` gives for the drawn channel, with a note saying it was drawn; when
        not drawing (or only one channel is open), for `default` (or the one channel open)."""
        if self._random is None:
            return make(default)
        if len(allowed) < 2:
            return make(allowed[0] if allowed else Channel.EMAIL)
        channel = self._random.choice(allowed)
        step = make(channel)
        said = (
            f"The workbook chose {_CHANNEL_WORDS[channel]} for this follow-up at random, so you "
            "can later compare channels fairly."
        )
        return dataclasses.replace(step, note=said, chosen_at_random=True)


_CHANNEL_WORDS: dict[Channel, str] = {
    Channel.EMAIL: "email",
    Channel.PHONE: "a call",
    Channel.LETTER: "a letter",
}


def _explain_inputs(interview: Interview, steps: list[Step], warn: Warn) -> None:
    """What the learner could add or rephrase so that the drafts read well."""
    used = [interview.highlights[: max(len(steps), 1)], interview.new_info, interview.further_news]
    for text in (item for items in used for item in items):
        if not phrased(text).safe:
            warn(
                PlanWarning(
                    WarningCode.NOTE_NOT_SENTENCE,
                    f"“{text}” reads as a note rather than a sentence, so the drafts quote it "
                    "as you typed it: write it as a sentence about you (for example “I "
                    "trained twelve new starters” or “My forklift licence came through”).",
                )
            )
    channels = {step.channel for step in steps}
    if Channel.PHONE in channels and not interview.candidate_phone:
        warn(
            PlanWarning(
                WarningCode.ADD_PHONE,
                "Add your phone number, and the voicemail script will give it.",
            )
        )
    if Channel.LETTER in channels:
        missing = [
            what
            for what, given in (
                ("your postal address", interview.candidate_address),
                ("the employer's postal address", interview.employer_address),
            )
            if not given
        ]
        if missing:
            blocks = f"Add {' and '.join(missing)}, and the letter will carry the address blocks."
            warn(PlanWarning(WarningCode.ADD_ADDRESS, blocks))


def _explain_no_follow_up(interview: Interview, warn: Warn) -> None:
    """Rules 5 and 6: why nothing follows the thank-you, and that the news stays unsent."""
    if interview.next_step is NextStep.DO_NOT_CONTACT:
        code, rule = WarningCode.DO_NOT_CONTACT, 5
        because = "Because they asked not to be contacted, the thank-you email is the only message"
        unsent = "not sent to this employer, because they asked not to be contacted"
    else:
        code, rule = WarningCode.HANDED_OFF, 6
        name = interview.main_contact.name
        because = (
            "Because your application has moved on to someone else, the thank-you is your "
            f"last message to {name}"
        )
        unsent = f"not sent to {name}, since the thank-you is your last message to them"
    if interview.people_facing:
        because += ", even for a people-facing role"
    warn(PlanWarning(code, f"{because}; no calls and no follow-ups are planned.", rule))
    if interview.new_info or interview.further_news:
        warn(PlanWarning(WarningCode.NEWS_NOT_SENT, f"Your new information is {unsent}.", rule))


def _first_follow_up_day(
    interview: Interview, calendar: BusinessCalendar, thanked: dt.date, warn: Warn
) -> tuple[dt.date, Section, str]:
    """When the first follow-up goes out, the section it comes from, and why (rules 2, 7-9).

    An agreed call keeps its day (the next business day if it is not one) even before the
    floor of rule 2, which is for contact nobody agreed to; it still never comes on or before
    the day of the thank-you (rule 7)."""
    step = interview.next_step
    if step in OPEN_ENDED and interview.call_ok_by is not None:
        agreed = interview.call_ok_by
        day = calendar.on_or_after(agreed)
        reason = "call on the day they agreed to"
        if day <= thanked:
            day = calendar.after(thanked)
            reason = "call on the first business day after your thank-you, as they agreed"
            warn(
                PlanWarning(
                    WarningCode.CALL_AFTER_THANK_YOU,
                    f"They said you may call by {long_date(agreed, interview.country)}; the "
                    f"call waits until {long_date(day, interview.country)}, the business day "
                    "after your thank-you, so the two do not arrive together.",
                    7,
                )
            )
        elif day != agreed:
            reason = f"call on the first business day after {agreed:%A}, the day they agreed to"
        return day, Section.CALL_OR_EMAIL, f"If you have not heard back by then, {reason}"
    floor = calendar.add(interview.date, FLOOR_DAYS)
    if step is NextStep.DECISION_DATE and interview.decision_date is not None:
        day = calendar.after(interview.decision_date)
        section = Section.CLARIFY
        reason = "follow up on the first business day after the decision date they gave"
    elif interview.expected_by is not None:
        day = calendar.after(interview.expected_by)
        section = Section.CLARIFY if step not in OPEN_ENDED else Section.FOLLOW_UP
        reason = "follow up the first business day after the date they said they would write"
    else:
        day = calendar.add(interview.date, DEFAULT_WAIT_DAYS)
        section = {
            NextStep.VAGUE: Section.CALL_OR_EMAIL,
            NextStep.UNKNOWN: Section.FOLLOW_UP,
        }.get(step, Section.CLARIFY)
        reason = "a polite follow-up, five business days on, gives them time to move first"
    if day < floor:
        warn(
            PlanWarning(
                WarningCode.NOT_TOO_SOON,
                f"The first follow-up waits until {long_date(floor, interview.country)}, the "
                "third business day after the interview, so it does not come too soon.",
                2,
            )
        )
        day = floor
    return day, section, f"If you have not heard back by then, {reason}"


def _written_channel(interview: Interview, warn: Warn) -> Channel:
    """The channel for follow-ups other than an agreed call (rules 7 and 11).

    After an open-ended answer a call needs their agreement, and an agreement covers the one
    call on the agreed day, so every other follow-up goes in writing.
    """
    if interview.preferred_channel is Channel.PHONE and interview.next_step in OPEN_ENDED:
        if interview.call_ok_by is None:
            warn(
                PlanWarning(
                    WarningCode.WRITE_WITHOUT_PERMISSION,
                    "Because they gave no clear next step and did not say you may call, you "
                    "follow up in writing (email) rather than by phone; next time, ask whether "
                    "you may call.",
                    7,
                )
            )
        elif interview.further_news:
            warn(
                PlanWarning(
                    WarningCode.ONE_AGREED_CALL,
                    "They agreed to one call, so your second follow-up goes in writing (email).",
                    7,
                )
            )
        return Channel.EMAIL
    return interview.preferred_channel


def _follow_up(
    interview: Interview,
    calendar: BusinessCalendar,
    kind: Kind,
    channel: Channel,
    day: dt.date,
    section: Section,
    reason: str,
    highlight_index: int,
    news: tuple[str, ...] | None = None,
) -> Step:
    """A follow-up step; the first carries the news the learner has (rule 4, revised)."""
    highlight = _pick(interview.highlights, highlight_index)
    news = interview.new_info if news is None else news
    draft = (
        drafts.call_script(interview, day, highlight, news, calendar.add(day, RETRY_DAYS))
        if channel is Channel.PHONE
        else drafts.written_follow_up(interview, kind, channel, day, highlight, news)
    )
    return Step(day, kind, draft, section, reason + ".", conditional=True)


def _pick(items: tuple[str, ...], index: int) -> str:
    """A different highlight for each message while there are enough of them."""
    return items[index % len(items)] if items else ""


# -- the end of the plan --------------------------------------------------------------------


def stop_wait(lateness: Lateness | None) -> tuple[int, str]:
    """Business days from the last follow-up to the stop day, and a calm note on where that
    number comes from ("" when no figure of the learner's own was counted).

    With at least `OWN_LATENESS_FROM` answered rounds and a median reached, the wait is the
    learner's own median lateness, kept within `FLOOR_DAYS` and `MAX_STOP_WAIT_DAYS`; else it
    is `DEFAULT_WAIT_DAYS`, and the note says why (too few rounds, no median yet, or a tracker
    that could not be read)."""
    default = f"the usual {DEFAULT_WAIT_DAYS} business days after your last follow-up"
    if lateness is None:
        return DEFAULT_WAIT_DAYS, ""
    if not lateness.readable:
        return DEFAULT_WAIT_DAYS, (
            f"The stop day allows {default}: your tracker could not be read just now, so there "
            "is no figure of your own to go by."
        )
    if lateness.answered < OWN_LATENESS_FROM:
        count = lateness.answered
        so_far = (
            "none of your rounds has had"
            if count == 0
            else f"only {count} of your rounds {'has' if count == 1 else 'have'} had"
        )
        return DEFAULT_WAIT_DAYS, (
            f"The stop day allows {default}: {so_far} an answer after a date the employer gave, "
            f"and the workbook goes by your own figure from {OWN_LATENESS_FROM}."
        )
    median = lateness.median_business_days
    if median is None:
        return DEFAULT_WAIT_DAYS, (
            f"The stop day allows {default}: fewer than half of your rounds past the date the "
            "employer gave have had their answer yet, so there is no figure of your own to go by."
        )
    wait = min(max(median, FLOOR_DAYS), MAX_STOP_WAIT_DAYS)
    said = (
        "usually answered by the date they gave"
        if median == 0
        else f"answered a median of {median} business day{'s' if median != 1 else ''} after "
        "the date they gave"
    )
    kept = "" if wait == median else f" (kept within {FLOOR_DAYS} to {MAX_STOP_WAIT_DAYS})"
    return wait, (
        f"The stop day allows {wait} business days after your last follow-up{kept}, from your "
        f"own tracker: across {lateness.answered} answered rounds, employers {said}."
    )


def _stop_line(
    interview: Interview, calendar: BusinessCalendar, steps: list[Step], note: Callable[[str], None]
) -> str:
    elsewhere = "put your energy into your other applications"
    if interview.next_step is NextStep.DO_NOT_CONTACT:
        return f"After your thank-you, leave the next move to them and {elsewhere}."
    if interview.next_step is NextStep.HANDED_OFF:
        return (
            f"Your thank-you is the last message to {interview.main_contact.name}; wait to hear "
            f"from your new contact and {elsewhere}."
        )
    wait, why = stop_wait(interview.lateness)
    if why:
        note(why)
    last = calendar.add(steps[-1].date, wait)
    return (
        f"If nothing has come by {long_date(last, interview.country)}, it is time to stop and "
        f"move on: silence is usually about their process, not about you, so {elsewhere}."
    )
