"""How the tracker's values are named in the forms: plain words for each canonical value."""

from __future__ import annotations

from typing import Final

from workbook.model import (
    TITLES,
    Answer,
    Channel,
    Interviewer,
    Kind,
    NextStep,
    Outcome,
    Response,
    Source,
    Stage,
)
from workbook.rules.names import addressed, capitalised

__all__ = [
    "ANSWER_CHOICES",
    "CHANNEL_LABELS",
    "KIND_LABELS",
    "NEXT_STEP_LABELS",
    "NO_DECISION",
    "OUTCOME_LABELS",
    "SOURCE_LABELS",
    "STAGE_LABELS",
    "TONE_LABELS",
    "address_choices",
    "answer_from",
]

NEXT_STEP_LABELS: Final = {
    NextStep.UNKNOWN: "I did not ask, or I do not remember",
    NextStep.VAGUE: 'Something vague ("we\'ll be in touch")',
    NextStep.DECISION_DATE: "They gave a decision date",
    NextStep.DO_NOT_CONTACT: "They asked me not to contact them",
    NextStep.BACKGROUND_CHECK: "A background check comes next",
    NextStep.ASSESSMENT: "A test or assessment comes next",
    NextStep.HANDED_OFF: "My application goes on to someone else",
}
"""What the interviewer said would happen next, in the learner's words."""
KIND_LABELS: Final = {
    Kind.THANK_YOU: "Thank-you",
    Kind.FOLLOW_UP: "Follow-up",
    Kind.SECOND_FOLLOW_UP: "Second follow-up",
}
CHANNEL_LABELS: Final = {
    Channel.EMAIL: "Email",
    Channel.PHONE: "Phone call",
    Channel.LETTER: "Letter",
    Channel.LINKEDIN: "LinkedIn",
    Channel.TEXT: "Text message",
    Channel.IN_PERSON: "In person",
    Channel.OTHER: "Other",
    Channel.UNKNOWN: "Not recorded",
}
OUTCOME_LABELS: Final = {
    Outcome.PENDING: "Still open",
    Outcome.OFFER: "Offer",
    Outcome.REJECTED: "Rejected",
    Outcome.WITHDRAWN: "I withdrew",
    Outcome.NO_RESPONSE: "No response in the end",
}
SOURCE_LABELS: Final = {
    Source.LINKEDIN: "LinkedIn",
    Source.REFERRAL: "Someone referred me",
    Source.JOB_BOARD: "A job board",
    Source.COMPANY_SITE: "The company's own site",
    Source.EMAIL: "By email",
    Source.AGENCY: "An agency",
    Source.OTHER: "Another way",
}
STAGE_LABELS: Final = {
    Stage.APPLIED: "Applied",
    Stage.SCREEN: "Screen",
    Stage.INTERVIEW: "Interview",
    Stage.OFFER: "Offer",
    Stage.REJECTED: "Rejected",
    Stage.WITHDRAWN: "Withdrew",
    Stage.NO_ANSWER: "No answer",
}
TONE_LABELS: Final = {
    Response.POSITIVE: "good news",
    Response.NEUTRAL: "no decision yet",
    Response.NEGATIVE: "not this time",
}

NO_DECISION: Final = "no-decision"
"""The choice for a reply that decides nothing yet."""
ANSWER_CHOICES: Final = (
    ("They invited me to another round", Answer.NEXT_ROUND.value),
    ("They made me an offer", Answer.OFFER.value),
    ("They said no", Answer.REJECTION.value),
    ("They replied, but with no decision yet", NO_DECISION),
)
"""The answers a form offers, as (label, value) pairs for a dropdown."""


def answer_from(value: str) -> Answer | None:
    """The answer a choice of `ANSWER_CHOICES` stands for (None: no decision yet)."""
    return None if value == NO_DECISION else Answer(value)


def address_choices(name: str) -> list[tuple[str, str]]:
    """The ways to address someone, as (label, title) pairs for a dropdown, each label the way
    the drafts will name `name` (Dana Reyes before a name is typed): `By first name (Dear
    Dana)`, then `Ms Reyes`, `Mr Reyes`..."""
    shown, _ = capitalised(name.strip() or "Dana Reyes")
    by_first_name = f"By first name (Dear {addressed(Interviewer(shown))})"
    return [(by_first_name, "")] + [(addressed(Interviewer(shown, title=t)), t) for t in TITLES]
