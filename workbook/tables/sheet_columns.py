"""What a spreadsheet's column can become: the canonical targets, the header words people
use for each, and the layouts of the trackers whose exports the import knows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from workbook.canonical import COLUMN_NAMES, COLUMNS
from workbook.model import Source, WorkbookError
from workbook.tables.applications import STATUS_DATE

__all__ = [
    "CONTACT_COLUMNS",
    "CONTACT_GROUPS",
    "DATE_COLUMNS",
    "IGNORE",
    "JOINED_TARGETS",
    "PRIMARY_GROUP",
    "TARGETS",
    "TARGET_DESCRIPTIONS",
    "ContactGroup",
    "OptionError",
    "TrackerFormat",
    "format_of",
    "guess_target",
    "header_key",
]


class OptionError(WorkbookError, ValueError):
    """A `--map` or `--sheet` the file cannot honour; the message starts with the option."""


# -- what a column can become ------------------------------------------------------------------

IGNORE = "ignore"


@dataclass(frozen=True)
class ContactGroup:
    """The columns of one more contact on a row: its kind, date target and channel target, and
    whether it comes before the row's own contact (a thank-you) or after it."""

    kind: str
    date: str
    channel: str
    first: bool = False


CONTACT_GROUPS = (
    ContactGroup("thank-you", "thank_you_date", "thank_you_channel", first=True),
    ContactGroup("second-follow-up", "second_follow_up_date", "second_follow_up_channel"),
)
PRIMARY_GROUP = ContactGroup("", "contact_date", "channel")
CONTACT_COLUMNS = ("contact_date", "kind", "channel", "new_info", "response_date", "response")
"""The canonical columns of a row's own contact; a group's contact takes only date and channel."""

TARGETS: tuple[str, ...] = (
    *COLUMN_NAMES,
    "status",
    STATUS_DATE,
    *(target for group in CONTACT_GROUPS for target in (group.date, group.channel)),
)
"""What `--map 'Their header=TARGET'` may name, besides `ignore`."""

TARGET_DESCRIPTIONS = {
    "status": "outcome and stage_history, from a tracker's status (offer/accepted: offer,"
    " rejected/declined: rejected, withdrawn: withdrawn, else pending)",
    STATUS_DATE: "the date of each row's status (the dates of a status log)",
    "thank_you_date": "contact_date of a thank-you",
    "thank_you_channel": "channel of a thank-you",
    "second_follow_up_date": "contact_date of a second follow-up",
    "second_follow_up_channel": "channel of a second follow-up",
}

DATE_COLUMNS = tuple(column.name for column in COLUMNS if column.type == "date")
"""The canonical date columns, in the table's order: the order a file's dates are scanned in."""

_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "application_id": (),
    "company": ("company name", "employer", "employer name", "organisation", "organization",
                "firm", "business"),
    "role": ("position", "job title", "title", "job", "position title", "job role", "vacancy"),
    "people_facing": ("people facing", "customer facing", "client facing", "public facing"),
    "interview_date": ("interview", "interviewed", "interviewed on", "date of interview",
                       "interview day", "interview on", "date interviewed"),
    "next_step": ("next step", "next steps", "what happens next"),
    "contact_date": ("follow up date", "followed up", "followed up on", "follow up",
                     "followup", "followup date", "followed up date",
                     "follow up sent", "follow up on", "date followed up", "contacted",
                     "contacted on", "date contacted", "date of contact"),
    "kind": ("contact kind", "contact type", "type of contact"),
    "channel": ("follow up method", "follow up channel", "follow up via", "method",
                "contact method", "contact channel", "how", "how contacted", "via", "medium"),
    "new_info": ("new information", "news", "shared news", "news shared"),
    "response_date": ("reply date", "heard back", "heard back on", "date heard back",
                      "answer date", "date of response", "replied on", "response received"),
    "response": ("response tone", "tone"),
    "outcome": ("result", "final outcome", "final result"),
    "status": ("application status", "stage", "current status"),
    "stage_history": ("status history", "stage history", "history", "stages",
                      "application history", "statuses"),
    STATUS_DATE: ("status date", "date of status", "status changed", "status changed on",
                  "status updated", "date updated", "updated", "updated on", "last updated",
                  "stage date", "date of change", "date"),
    "applied_date": ("applied", "date applied", "applied on", "application date",
                     "date of application", "date submitted", "submitted", "submitted on",
                     "applied date", "submitted date", "submission date", "date of submission",
                     "application submitted", "app submitted", "app submitted date", "sent",
                     "sent on", "date sent", "application sent", "applied at"),
    "source": ("how applied", "applied via", "applied through", "applied with",
               "application source", "job source", "application method", "application channel",
               "where applied", "platform", "job board", "job site"),
    "answer_date": ("first answer", "first response", "first reply", "date of first answer",
                    "date of first response", "employer answered", "employer response date"),
    "job_ref": ("job reference", "reference", "ref", "job id", "job number", "req id",
                "requisition", "requisition id", "requisition number", "posting id",
                "vacancy id", "reference number"),
    "contact_name": ("contact", "contact person", "recruiter", "recruiter name",
                     "hiring manager", "hiring contact"),
    "contact_detail": ("contact details", "contact info", "contact information", "contact email",
                       "email", "email address", "contact phone", "phone", "phone number"),
    "thank_you_date": ("thank you sent", "thank you", "date thank you sent", "thank you note",
                       "thank you sent on"),
    "thank_you_channel": ("thank you method", "thank you via", "thank you how"),
    "second_follow_up_date": ("second follow up", "2nd follow up", "2nd follow up date",
                              "follow up 2", "follow up date 2", "second follow up on"),
    "second_follow_up_channel": ("2nd follow up method", "follow up method 2",
                                 "second follow up channel", "second follow up via"),
}  # fmt: skip
"""The words people head a column with, by what the column becomes (its own name included)."""

JOINED_TARGETS = frozenset({"contact_detail"})
"""Targets several columns may map to: their non-empty cells are joined with '; '."""


def header_key(header: str) -> str:
    """A header as compared: camelCase split, case, accents' forms, punctuation, spacing and a
    parenthesised note aside (`Follow-up Date (MM/DD)` and `followUpDate` give `follow up date`).
    """
    text = re.sub(r"\([^)]*\)", " ", unicodedata.normalize("NFKC", header))
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


_SYNONYMS = {
    header_key(word): target for target, words in _HEADER_WORDS.items() for word in (target, *words)
}


@dataclass(frozen=True)
class TrackerFormat:
    """A tracker's export: the headers that identify it, and what its own columns mean."""

    name: str
    signature: frozenset[str]
    columns: dict[str, str]
    ignored: dict[str, str]
    fixed_dates: dict[str, str] = field(default_factory=dict)
    """Targets whose dates the tracker writes in one fixed form, by that form's name."""
    refusal: str = ""
    """Why a file of this kind holds nothing to import ("" for a file that does)."""
    given: tuple[tuple[str, str, str], ...] = ()
    """What every row of the export says without a column for it: canonical column, value,
    and why."""


def _format(
    name: str,
    columns: dict[str, str],
    ignored: dict[str, str],
    *,
    fixed_dates: dict[str, str] | None = None,
    refusal: str = "",
    given: tuple[tuple[str, str, str], ...] = (),
) -> TrackerFormat:
    keys = {header_key(header): target for header, target in columns.items()}
    why = {header_key(header): reason for header, reason in ignored.items()}
    signature = frozenset(keys) | frozenset(why)
    return TrackerFormat(name, signature, keys, why, fixed_dates or {}, refusal, given)


_LINKEDIN_DATES = "LinkedIn's M/D/YY, h:mm AM"


_TRACKERS = (
    _format(
        "a Teal export",
        {"company_name": "company", "role": "role", "applied_at": "applied_date",
         "statusName": "status"},
        {"follow_up_at": "Teal's planned follow-up reminder, not a contact you made"},
    ),
    _format(
        "a Huntr export",
        {"companyName": "company", "title": "role", "listName": "status"},
        {"createdAt": "when the job was added to the board, not when you applied"},
    ),
    _format(
        "a Simplify export",
        {"Company Name": "company", "Job Title": "role", "Applied Date": "applied_date",
         "Status": "status", "Status Date": STATUS_DATE},
        {},
    ),
    _format(
        "LinkedIn's export of your job applications",
        {"Application Date": "applied_date", "Contact Email": "contact_detail",
         "Contact Phone Number": "contact_detail", "Company Name": "company",
         "Job Title": "role", "Job Url": "job_ref"},
        {"Resume Name": "the résumé you sent; the tracker does not keep it",
         "Question And Answers": "your answers to the application's questions; the tracker"
                                 " does not keep them"},
        fixed_dates={"applied_date": _LINKEDIN_DATES},
        given=(("source", Source.LINKEDIN.value, "the export lists the applications you made"
                " through LinkedIn"),),
    ),
    _format(
        "LinkedIn's export of your saved jobs",
        {"Saved Date": IGNORE, "Job Url": IGNORE, "Job Title": "role",
         "Company Name": "company"},
        {},
        refusal="is LinkedIn's list of jobs you saved, not of jobs you applied for, so it holds"
        " nothing to import (your applications are in Jobs/Job Applications.csv of the same"
        " archive)",
    ),
)  # fmt: skip
"""Column lists as the trackers publish them (the columns named in each signature)."""
_OWN = TrackerFormat("a sheet of your own", frozenset(), {}, {})


def format_of(header: Sequence[str]) -> TrackerFormat:
    """The tracker whose export this header is, or a sheet of the learner's own."""
    keys = {header_key(name) for name in header}
    return next((f for f in _TRACKERS if f.signature <= keys), _OWN)


_APPLIED_WORDS = frozenset({"applied", "submitted", "submission", "sent"})
_NOT_APPLIED_WORDS = frozenset({
    "follow", "followed", "followup", "thank", "thanks", "interview", "interviewed", "response",
    "reply", "replied", "heard", "answer", "via", "how", "through", "with", "by", "method",
    "channel", "source", "status", "to", "who", "email", "letter", "note", "card", "message",
})  # fmt: skip
"""Words of a header that, beside "sent" or "submitted", say it is no applied date."""


def guess_target(form: TrackerFormat, header: str) -> str | None:
    """What a column becomes by its header alone: the tracker's meaning (none for a column it
    ignores), else a known word, else an applied date for a header such as `APP SUBMITTED
    DATE` or `Date CV sent` (a word for applying among a few others that say no contact)."""
    key = header_key(header)
    if key in form.columns or key in form.ignored:
        return form.columns.get(key)
    if key in _SYNONYMS:
        return _SYNONYMS[key]
    words = set(key.split())
    if words & _APPLIED_WORDS and not words & _NOT_APPLIED_WORDS and len(words) <= 5:
        return "applied_date"
    return None
