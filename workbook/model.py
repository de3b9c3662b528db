"""The workbook's vocabulary: enums and immutable records, with no behaviour beyond parsing.

Every other layer (rules, data, faces) speaks in these types, so a value such as a channel or a
next step is spelled one way everywhere: the enum values are the exact strings of the canonical
contact table and of `workbook plan --format json`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from email.utils import formataddr
from enum import StrEnum

__all__ = [
    "PLAN_CHANNELS",
    "TITLES",
    "Answer",
    "Channel",
    "Draft",
    "Finding",
    "Interview",
    "Interviewer",
    "Kind",
    "Lateness",
    "NextStep",
    "Outcome",
    "Plan",
    "PlanWarning",
    "Response",
    "Section",
    "Source",
    "Stage",
    "StageEntry",
    "Step",
    "WarningCode",
    "WorkbookError",
]


class WorkbookError(Exception):
    """A problem the person using the workbook can act on: its message says what was wrong and
    where, in plain words, ready to show as it is (never with a traceback). Every error of the
    package's own derives from it, so a face catches them all in one place."""


class Section(StrEnum):
    """A section of the guidance; every planned step cites the one it comes from."""

    INTRO = "intro"
    FOLLOW_UP = "follow-up"
    RESOURCES = "resources"
    ENTHUSIASM = "enthusiasm"
    CLARIFY = "clarify"
    CALL_OR_EMAIL = "call-or-email"
    CHANNEL = "channel"
    BOTHERSOME = "bothersome"


class NextStep(StrEnum):
    """What the interviewer said would happen next."""

    UNKNOWN = "unknown"
    VAGUE = "vague"
    DECISION_DATE = "decision-date"
    DO_NOT_CONTACT = "do-not-contact"
    BACKGROUND_CHECK = "background-check"
    ASSESSMENT = "assessment"
    HANDED_OFF = "handed-off"


class Channel(StrEnum):
    """How a contact was made. The planner plans only `PLAN_CHANNELS`; the tracker logs all."""

    EMAIL = "email"
    PHONE = "phone"
    LETTER = "letter"
    LINKEDIN = "linkedin"
    TEXT = "text"
    IN_PERSON = "in-person"
    OTHER = "other"
    UNKNOWN = "unknown"
    """A contact whose date was noted but not its method: logged and counted, never planned."""


PLAN_CHANNELS: tuple[Channel, ...] = (Channel.EMAIL, Channel.PHONE, Channel.LETTER)
"""The channels a learner can prefer and the planner can schedule."""


class Kind(StrEnum):
    """Which contact after an interview this is."""

    THANK_YOU = "thank-you"
    FOLLOW_UP = "follow-up"
    SECOND_FOLLOW_UP = "second-follow-up"


class Response(StrEnum):
    """The tone of an answer the candidate received."""

    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class Outcome(StrEnum):
    """How an application ended, or `pending` while it has not."""

    OFFER = "offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    NO_RESPONSE = "no-response"
    PENDING = "pending"


class Source(StrEnum):
    """How the person applied: the way the application itself reached the employer."""

    LINKEDIN = "linkedin"
    REFERRAL = "referral"
    JOB_BOARD = "job-board"
    COMPANY_SITE = "company-site"
    EMAIL = "email"
    AGENCY = "agency"
    OTHER = "other"


class Stage(StrEnum):
    """Where an application stands, in funnel order: the first four move it forward, the last
    three end it without an offer."""

    APPLIED = "applied"
    SCREEN = "screen"
    INTERVIEW = "interview"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    NO_ANSWER = "no-answer"


@dataclass(frozen=True)
class StageEntry:
    """One step of an application's stage history: the stage it reached and, if known, when."""

    stage: Stage
    date: dt.date | None = None

    def __str__(self) -> str:
        """`screen 2024-12-01`, or `screen` without a date: as the canonical table writes it."""
        return f"{self.stage} {self.date.isoformat()}" if self.date else str(self.stage)


class Answer(StrEnum):
    """An answer from the employer that ends the chasing (guidance rule 12)."""

    NEXT_ROUND = "next-round"
    OFFER = "offer"
    REJECTION = "rejection"


TITLES: tuple[str, ...] = ("Ms", "Mr", "Mrs", "Miss", "Mx", "Dr", "Prof")
"""Titles a learner may address an interviewer by; `Dear Ms Reyes`, never a title alone."""

_TITLE_WORDS = {title.casefold(): title for title in TITLES} | {"professor": "Prof"}


@dataclass(frozen=True)
class Interviewer:
    """Someone the candidate met.

    `title` is how the learner chose to address them: empty for the first name (`Dear Dana,`),
    or one of `TITLES` for title and surname (`Dear Ms Reyes,`). `moment` is the moment of the
    conversation the learner noted with this person, so each note of a panel recalls its own.
    """

    name: str
    email: str = ""
    title: str = ""
    moment: str = ""

    @classmethod
    def parse(cls, text: str, moment: str = "") -> Interviewer:
        """Read `Dana Reyes <dana@acme.example>`, `Mrs Helen O'Brien`, a bare name or address.

        A title typed before the name (`Ms`, `Dr.`, `Prof`...) becomes `title`. Whatever stands
        between the angle brackets is taken as the address, to be checked by the planner, so a
        mistyped address is reported rather than kept as part of a name.
        """
        text = text.strip()
        name, email = text, ""
        if text.endswith(">") and "<" in text:
            name, _, email = text[:-1].rpartition("<")
            email = email.strip()
            name = name.strip().strip('"').strip()
        elif "@" in text and " " not in text:
            email = text
        first, _, rest = name.partition(" ")
        title = _TITLE_WORDS.get(first.rstrip(".").casefold(), "") if rest.strip() else ""
        if title:
            name = rest.strip()
        return cls(name=name or email, email=email, title=title, moment=moment)

    @property
    def full_name(self) -> str:
        """`Ms Dana Reyes`: the name with the title the learner chose, for address lines."""
        return f"{self.title} {self.name}" if self.title else self.name

    def __str__(self) -> str:
        return formataddr((self.full_name, self.email)) if self.email else self.full_name


@dataclass(frozen=True)
class Lateness:
    """How late employers answered the learner's own rounds, as the data layer counts it from
    the tracker: how many rounds' answers came after a promised date was given (`answered`),
    and the Kaplan-Meier median of business days past that date (None until half had one).
    `readable` is False when the learner asked for their own figure but the tracker could not
    be read: the planner then goes by its default and says so."""

    answered: int
    median_business_days: int | None
    readable: bool = True


@dataclass(frozen=True)
class Interview:
    """Everything the planner needs to know about one interview round and the learner.

    Dates are calendar dates; `time` is when the interview started, if known. `holidays` are
    extra days off the learner names; `country` (an ISO code such as `US`, or `DE-BY` with a
    subdivision) adds that country's public holidays and sets how dates are written.
    `new_info` is the news the learner has now, for the first follow-up; `further_news` is news
    that came after it, the only reason for a second one (rule 4). `wording` picks one of the
    drafts' wordings (1, 2, 3...), so a room of learners does not send one note twenty times.
    The addresses are blocks of lines, for letters. `channel_seed`, when given, lets the
    workbook choose each follow-up's channel at random among those the rules allow (seeded, so
    the same seed gives the same choices), for a fair comparison of channels later;
    `never_channels` are the learner's own limits ("never by phone"), which always hold.
    The addresses are blocks of lines, for letters. `lateness` is how late employers answered
    the learner's earlier rounds, if counted: the plan's stop day can go by it.
    """

    date: dt.date
    company: str
    role: str
    interviewers: tuple[Interviewer, ...]
    time: dt.time | None = None
    next_step: NextStep = NextStep.UNKNOWN
    decision_date: dt.date | None = None
    expected_by: dt.date | None = None
    call_ok_by: dt.date | None = None
    preferred_channel: Channel = Channel.EMAIL
    people_facing: bool = False
    highlights: tuple[str, ...] = ()
    new_info: tuple[str, ...] = ()
    further_news: tuple[str, ...] = ()
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    country: str = ""
    candidate: str = ""
    candidate_phone: str = ""
    candidate_address: str = ""
    employer_address: str = ""
    wording: int = 1
    channel_seed: int | None = None
    never_channels: frozenset[Channel] = field(default_factory=frozenset)
    lateness: Lateness | None = None

    @property
    def main_contact(self) -> Interviewer:
        """The interviewer follow-ups go to: the first one named."""
        return self.interviewers[0]


@dataclass(frozen=True)
class Draft:
    """A message ready to edit: subject and body for email or letter, a script for a call."""

    channel: Channel
    subject: str
    body: str
    to: Interviewer


@dataclass(frozen=True)
class Finding:
    """Something the reviewer noticed in a draft, the guidance behind it, and a way to mend it.

    `code` is a stable identifier (`no-interest`, `pushy`, ...); `rule` names the guidance rule
    or section it comes from (`rule 3`, `bothersome`).
    """

    code: str
    rule: str
    message: str
    suggestion: str


@dataclass(frozen=True)
class Step:
    """One dated contact in a plan.

    `why` is one plain sentence; `conditional` says the step happens only if no answer has
    come by then (every follow-up, rule 12); `note` carries advice that is not a step of its own,
    such as a handwritten card beside a thank-you email. `chosen_at_random` says the workbook
    drew the step's channel at random (`Interview.channel_seed`).
    """

    date: dt.date
    kind: Kind
    draft: Draft
    section: Section
    why: str
    conditional: bool
    note: str = ""
    chosen_at_random: bool = False

    @property
    def channel(self) -> Channel:
        return self.draft.channel


class WarningCode(StrEnum):
    """What a plan's warning is about: a name for it that stays the same whatever its wording."""

    THANK_YOU_BY_EMAIL = "thank-you-by-email"
    AGREED_CALL = "agreed-call"
    CALL_AFTER_THANK_YOU = "call-after-thank-you"
    NOT_TOO_SOON = "not-too-soon"
    WRITE_WITHOUT_PERMISSION = "write-without-permission"
    ONE_AGREED_CALL = "one-agreed-call"
    DO_NOT_CONTACT = "do-not-contact"
    HANDED_OFF = "handed-off"
    NEWS_NOT_SENT = "news-not-sent"
    ADD_HIGHLIGHTS = "add-highlights"
    ADD_NAME = "add-name"
    ADD_EMAIL = "add-email"
    ADD_PHONE = "add-phone"
    ADD_ADDRESS = "add-address"
    NAME_CAPITALS = "name-capitals"
    NOTE_NOT_SENTENCE = "note-not-sentence"


@dataclass(frozen=True)
class PlanWarning:
    """Something the plan does differently from what the learner asked, or something still to
    add: `code` says which, for programs; `text` says why in plain words, for people; `rule` is
    the number of the guidance rule behind it, if one is, so a page can point to it."""

    code: WarningCode
    text: str
    rule: int | None = None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Plan:
    """The planner's answer: the steps in date order, and what surrounds them.

    `prepare` lists what to get ready (for a background check or a test); `stop` says when to
    stop and move on; `warnings` explain anything that differs from what the learner asked
    for, or something the learner should still add; `notes` say calmly why
    something is not planned when nothing is wrong (no second follow-up without news);
    `channel_costs` says what the preferred channel costs; `replies` are the drafts for when an
    answer comes (rule 12). After an answer, `cancelled` holds the steps that
    no longer happen and `answer` which answer it was.
    """

    interview: Interview
    steps: tuple[Step, ...]
    prepare: tuple[str, ...]
    stop: str
    warnings: tuple[PlanWarning, ...]
    channel_costs: str
    replies: dict[Answer, Draft]
    notes: tuple[str, ...] = ()
    cancelled: tuple[Step, ...] = ()
    answer: Answer | None = None

    @property
    def channel_seed(self) -> int | None:
        """The seed of the random choice of channels, or None when the learner chose."""
        return self.interview.channel_seed

    @property
    def warning_texts(self) -> tuple[str, ...]:
        """The warnings as the learner reads them."""
        return tuple(warning.text for warning in self.warnings)
