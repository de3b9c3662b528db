"""Import the spreadsheets people already have: read a file, map it onto the canonical table.

`open_sheet` reads a CSV file or an `.xlsx` workbook into rows of text, recognises its format
(the canonical table; a sheet of the learner's own, one row per application, round or contact;
an export of Teal, Huntr, Simplify or LinkedIn; LinkedIn's saved jobs, refused as holding no
applications) and maps its columns onto the canonical columns: by name,
through a table of the words people use (`Company Name`, `Position`, `Follow-up method`...),
case, spacing and punctuation aside, or as `--map 'Their header=column'` says; then, for a few
columns, by what they hold (`_by_content`: a yes/no column is a flag, never a date; a channel
column of ways to apply is the source). Columns that map to nothing are ignored and listed as
ignored. The rows of one job (applied for twice, a status log, a history list in one cell)
are then read as the applications they describe by `workbook.tables.applications`. The result,
a `Sheet`, says what it mapped to what (`Sheet.mapping`) before anything is checked or
written; `Sheet.table()` then hands the rows to the canonical table's one validator,
`canonical_csv.check_table`, with a reader that also knows the file's dates, channel words and
the word table of outcomes, statuses and responses (and the learner's `--map-value` words),
so every problem names the file's own line, column header and cell as written.

What a file may be:
- CSV in UTF-8 (a BOM is skipped), UTF-16 (with its BOM, as Excel's "Unicode text" saves it,
  or without), or Windows-1252, Latin-1 or Mac Roman as charset-normalizer finds (the mapping
  names the encoding read), separated by `,`, `;` or tabs (whichever the header row uses
  most); blank lines, spaces around cells and empty cells past the last column are allowed.
  Or the first sheet of an `.xlsx` workbook, or the one `sheet` names.
- Dates as `2026-11-23`, `11/23/2026`, `23.11.2026`, `November 23, 2026` or `23 Nov 2026`
  (Notion's form; English month names), with a time or without. Slash dates are
  month first unless one of them proves day first (`23/11/2026`); dots mean day first, and a
  file's date columns all share its reading. A date column holding only numbers is read as
  Excel serial days. Two-digit years are read as 20YY in a column whose every date has one
  (in the file's day or month order), and in a tracker's fixed form (LinkedIn's
  `M/D/YY, h:mm AM`); the mapping shows a date of each such column read. A two-digit year
  among four-digit ones, or a value no reading explains, is an error.
- Channel words (`E-mail`, `Phone call`, `Called`, `Letter`, `LinkedIn message`, `Text`...),
  kinds (`Thank you`, `2nd follow-up`), next steps and outcomes in any case and spacing.
- A one-row-per-application sheet may hold a thank-you, a follow-up and a second follow-up on
  one row (`Thank-you sent` + `Thank-you method`, `Follow-up date` + `Follow-up method`...):
  each date it holds is a contact the candidate made, logged against the row's interview;
  without a column for its method, its channel is `unknown`.
- One word table reads every column read as outcome, status, stage history or response,
  case, punctuation and emoji aside (`Rejection :(`, `Accepted!`): offer or accepted: offer;
  rejected, rejection or declined: rejected; withdrawn: withdrawn; ghosted or no response:
  no-response; ongoing, in progress, interviewing, applied, bookmarked...: pending (and a tone
  for a response, and a stage: applied, phone screen: screen, interviewing: interview...). A
  list of them in one cell (`Applied, Phone Screen`, `['Applied', 'Interview']`) is a
  history. How the person applied (`Referral`, `Indeed`, `careers page`, `recruiter`) has a
  table of its own, read the same way. A word in neither is an error, named once for all its
  rows, with a close known word proposed as the `--map-value 'WORD=VALUE'` that would read
  it, never applied unasked.
- A tracker's planned reminder (Teal's `follow_up_at`) is not a contact and is ignored, as is
  the date Huntr keeps of the board itself; Simplify's `Status Date` dates its status.
- Cells are text with surrounding spaces trimmed, one spreadsheet-safety `'` removed as the
  canonical table does; a canonical file keeps its text exactly, so its round trip stays exact.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from workbook.canonical import COLUMN_NAMES, COLUMNS, Column
from workbook.home.files import text_replacing
from workbook.model import Channel, Outcome, Source, Stage, StageEntry, WorkbookError
from workbook.rules.stages import format_history
from workbook.tables.applications import STATUS_DATE, Found, Status, StatusReader, read_applications
from workbook.tables.canonical_csv import (
    MAX_PROBLEMS,
    CellReader,
    CsvError,
    NotUtf8Error,
    Problem,
    check_rows,
    check_table,
    escape_formula,
    implausible,
    load_canonical,
    not_utf8,
    read_cell,
    too_many_cells,
    unescape_formula,
)

__all__ = [
    "IGNORE",
    "TARGETS",
    "Mapping",
    "OptionError",
    "Sheet",
    "file_columns",
    "open_sheet",
    "outcome_of_status",
]

Objects = npt.NDArray[np.object_]
Ints = npt.NDArray[np.int64]


class OptionError(WorkbookError, ValueError):
    """A `--map` or `--sheet` the file cannot honour; the message starts with the option."""


# -- what a column can become ------------------------------------------------------------------

IGNORE = "ignore"


@dataclass(frozen=True)
class _Group:
    """The columns of one more contact on a row: its kind, date target and channel target, and
    whether it comes before the row's own contact (a thank-you) or after it."""

    kind: str
    date: str
    channel: str
    first: bool = False


_GROUPS = (
    _Group("thank-you", "thank_you_date", "thank_you_channel", first=True),
    _Group("second-follow-up", "second_follow_up_date", "second_follow_up_channel"),
)
_PRIMARY = _Group("", "contact_date", "channel")
_CONTACT_COLUMNS = ("contact_date", "kind", "channel", "new_info", "response_date", "response")
"""The canonical columns of a row's own contact; a group's contact takes only date and channel."""

TARGETS: tuple[str, ...] = (
    *COLUMN_NAMES,
    "status",
    STATUS_DATE,
    *(target for group in _GROUPS for target in (group.date, group.channel)),
)
"""What `--map 'Their header=TARGET'` may name, besides `ignore`."""

_DESCRIPTIONS = {
    "status": "outcome and stage_history, from a tracker's status (offer/accepted: offer,"
    " rejected/declined: rejected, withdrawn: withdrawn, else pending)",
    STATUS_DATE: "the date of each row's status (the dates of a status log)",
    "thank_you_date": "contact_date of a thank-you",
    "thank_you_channel": "channel of a thank-you",
    "second_follow_up_date": "contact_date of a second follow-up",
    "second_follow_up_channel": "channel of a second follow-up",
}

_DATES = tuple(column.name for column in COLUMNS if column.type == "date")
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

_JOINED = frozenset({"contact_detail"})
"""Targets several columns may map to: their non-empty cells are joined with '; '."""


def _key(header: str) -> str:
    """A header as compared: camelCase split, case, accents' forms, punctuation, spacing and a
    parenthesised note aside (`Follow-up Date (MM/DD)` and `followUpDate` give `follow up date`).
    """
    text = re.sub(r"\([^)]*\)", " ", unicodedata.normalize("NFKC", header))
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


_SYNONYMS = {
    _key(word): target for target, words in _HEADER_WORDS.items() for word in (target, *words)
}


@dataclass(frozen=True)
class _Format:
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
) -> _Format:
    keys = {_key(header): target for header, target in columns.items()}
    why = {_key(header): reason for header, reason in ignored.items()}
    signature = frozenset(keys) | frozenset(why)
    return _Format(name, signature, keys, why, fixed_dates or {}, refusal, given)


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
_OWN = _Format("a sheet of your own", frozenset(), {}, {})


def _format_of(header: Sequence[str]) -> _Format:
    """The tracker whose export this header is, or a sheet of the learner's own."""
    keys = {_key(name) for name in header}
    return next((f for f in _TRACKERS if f.signature <= keys), _OWN)


_APPLIED_WORDS = frozenset({"applied", "submitted", "submission", "sent"})
_NOT_APPLIED_WORDS = frozenset({
    "follow", "followed", "followup", "thank", "thanks", "interview", "interviewed", "response",
    "reply", "replied", "heard", "answer", "via", "how", "through", "with", "by", "method",
    "channel", "source", "status", "to", "who", "email", "letter", "note", "card", "message",
})  # fmt: skip
"""Words of a header that, beside "sent" or "submitted", say it is no applied date."""


def _guess(form: _Format, header: str) -> str | None:
    """What a column becomes by its header alone: the tracker's meaning (none for a column it
    ignores), else a known word, else an applied date for a header such as `APP SUBMITTED
    DATE` or `Date CV sent` (a word for applying among a few others that say no contact)."""
    key = _key(header)
    if key in form.columns or key in form.ignored:
        return form.columns.get(key)
    if key in _SYNONYMS:
        return _SYNONYMS[key]
    words = set(key.split())
    if words & _APPLIED_WORDS and not words & _NOT_APPLIED_WORDS and len(words) <= 5:
        return "applied_date"
    return None


def file_columns(source: Path | str, *, sheet: str | None = None, label: str = "") -> Mapping:
    """What each column of a file would become, by its header and what it holds, before any
    check: for a learner to correct even a file the import refuses. Raises `CsvError` only
    for a file that cannot be read at all."""
    path, name = Path(source), label or str(source)
    suffix = path.suffix.lower()
    raw = (
        _read_workbook(path, name, sheet) if suffix in _WORKBOOK_SUFFIXES else _read_csv(path, name)
    )
    form = _format_of(raw.header)
    guessed = {index: _guess(form, header) for index, header in enumerate(raw.header)}
    read_as = _by_content(raw, guessed, set())
    targets = tuple(
        (header, read_as.get(index, (guessed[index], ""))[0] or IGNORE)
        for index, header in enumerate(raw.header)
    )
    return Mapping(name, raw.kind, form.name, (), (), "", targets)


# -- values ------------------------------------------------------------------------------------


def _value_key(text: str) -> str:
    """A cell as compared with known words: case, punctuation, spacing and a leading `by` or
    `via` aside (`E-mail`, `by e-mail` and `E MAIL` give `e mail`)."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold())
    if len(words) > 1 and words[0] in ("by", "via"):
        words = words[1:]
    return " ".join(words)


_VALUE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "channel": {
        "email": ("e mail", "emailed", "e mailed", "email sent", "electronic mail"),
        "phone": ("phone call", "call", "called", "telephone", "telephoned", "phoned", "rang",
                  "voicemail", "voice mail", "left a voicemail"),
        "letter": ("post", "posted", "postal", "mailed", "card", "thank you card",
                   "handwritten note", "handwritten card", "letter sent"),
        "linkedin": ("linkedin message", "linkedin inmail", "inmail", "linked in",
                     "linkedin dm"),
        "text": ("text message", "texted", "sms", "txt"),
        "in-person": ("face to face", "visited", "visit", "dropped by", "dropped in"),
    },
    "kind": {
        "thank-you": ("thanks", "thank you note", "thank you email", "thank you letter"),
        "follow-up": ("followup", "first follow up", "1st follow up", "follow up 1"),
        "second-follow-up": ("2nd follow up", "follow up 2", "second followup"),
    },
}  # fmt: skip
_VALUES: dict[str, dict[str, str]] = {
    column.name: {_value_key(choice): choice for choice in column.choices}
    | {
        _value_key(word): value
        for value, words in _VALUE_WORDS.get(column.name, {}).items()
        for word in words
    }
    for column in COLUMNS
    if column.type == "enum"
}
"""Per enum column, every word it knows (its values and their synonyms) and what it means."""

_RESULT_WORDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("offer", "positive", "offer", ("offer", "accepted", "offer accepted", "accepted offer",
                                    "hired", "got the job", "job offer", "offer received",
                                    "offered")),
    ("rejected", "negative", "rejected", ("rejected", "rejection", "declined", "not selected",
                                          "unsuccessful", "turned down", "not moving forward",
                                          "denied", "position filled")),
    ("withdrawn", "", "withdrawn", ("withdrawn", "withdrew", "i withdrew",
                                    "withdrew application", "pulled out")),
    ("no-response", "", "no-answer", ("no response", "ghosted", "no reply", "no answer",
                                      "never heard back", "heard nothing")),
    ("pending", "", "applied", ("applied", "application sent", "submitted",
                                "application submitted")),
    ("pending", "", "screen", ("screen", "screening", "phone screen", "recruiter screen",
                               "recruiter call", "hr screen", "hr call", "assessment",
                               "online assessment", "take home", "coding challenge")),
    ("pending", "", "interview", ("interview", "interviewing", "interview scheduled",
                                  "interviewed", "first interview", "second interview",
                                  "final interview", "final round", "onsite", "on site",
                                  "technical interview")),
    ("pending", "", "", ("pending", "ongoing", "in progress", "waiting", "awaiting response",
                         "in review", "under review", "open", "active", "bookmarked", "saved",
                         "wishlist", "need to apply", "to apply")),
    ("", "positive", "", ("positive", "good", "interested", "next round", "invited")),
    ("", "neutral", "", ("neutral", "acknowledged", "acknowledgement", "received",
                         "auto reply", "automated reply")),
    ("", "negative", "", ("negative", "bad")),
)  # fmt: skip
"""The one word table of every column read as outcome, status or response: each word's
outcome, the tone of an answer it says and the stage of an application it names ("" where
it says none)."""

Meaning = tuple[str, str, str]
"""A word's outcome, tone and stage, as the word table has them."""

_RESULTS: dict[str, Meaning] = {
    _value_key(word): (outcome, tone, stage)
    for outcome, tone, stage, words in _RESULT_WORDS
    for word in words
}
_RESULT_COLUMNS = {"outcome": 0, "response": 1}
"""The columns read through the word table, and which of a word's meanings each takes."""
_EXAMPLES = {
    "outcome": "offer, accepted, rejected, declined, withdrawn, ghosted, no response, ongoing,"
    " interviewing, applied",
    "response": "positive, neutral, negative, good, acknowledged, rejected",
    "stage_history": "applied, phone screen, interview, offer, rejected, withdrawn, ghosted",
    "source": "LinkedIn, referral, Indeed, Dice, company site, careers page, recruiter, email",
}
_WHAT = {
    "outcome": "an outcome",
    "response": "the tone of a response",
    "stage_history": "a stage of an application",
    "source": "how you applied",
}
_CLOSE = 80
"""How alike (rapidfuzz's ratio, 0 to 100) a word must be to a known one to be proposed."""

_SOURCE_WORDS: dict[str, tuple[str, ...]] = {
    "linkedin": ("linked in", "linkedin easy apply", "easy apply", "linkedin jobs"),
    "referral": ("referred", "employee referral", "internal referral", "personal referral",
                 "friend", "referred by a friend", "network", "networking"),
    "job-board": ("job board", "job site", "dice", "indeed", "glassdoor", "monster",
                  "ziprecruiter", "zip recruiter", "careerbuilder", "simplyhired",
                  "handshake", "wellfound", "angellist", "angel list", "otta", "builtin",
                  "built in", "stepstone", "reed", "totaljobs", "seek", "xing", "usajobs",
                  "idealist", "craigslist"),
    "company-site": ("company site", "company website", "website", "careers page",
                     "career page", "careers site", "career site", "company careers page",
                     "direct", "applied directly", "company portal", "workday", "greenhouse",
                     "lever", "taleo", "icims"),
    "email": ("e mail", "emailed", "cold email"),
    "agency": ("recruiter", "recruiting agency", "recruitment agency", "staffing agency",
               "staffing", "headhunter", "head hunter", "agency recruiter", "temp agency"),
    "other": ("job fair", "career fair", "walk in"),
}  # fmt: skip
"""How people say how they applied, by the `source` it is (the values themselves too)."""

_SOURCES: dict[str, str] = {
    _value_key(word): source for source, words in _SOURCE_WORDS.items() for word in (source, *words)
}

_DECISIVE = frozenset({"offer", "accepted", "rejected", "rejection", "declined", "withdrawn",
                       "withdrew", "ghosted"})  # fmt: skip
"""Words that decide an outcome even among others (`Abgelehnt (declined)`, `Rejected after
the final round`), when every such word of the cell says the same."""


@dataclass(frozen=True)
class _Words:
    """The words an import reads: the word table with the learner's `--map-value` words, and
    the words for how they applied with theirs."""

    results: dict[str, Meaning] = field(default_factory=lambda: dict(_RESULTS))
    sources: dict[str, str] = field(default_factory=lambda: dict(_SOURCES))


def _meaning(key: str, results: dict[str, Meaning]) -> Meaning:
    """A cell's outcome, tone and stage by the word table ("" for none): the whole cell's,
    else the one meaning its decisive words agree on."""
    if key in results:
        return results[key]
    said = {results[word] for word in key.split() if word in _DECISIVE and word in results}
    return said.pop() if len(said) == 1 else ("", "", "")


_LIST = re.compile(r"\s*\[(?P<items>.*)\]\s*", re.DOTALL)
_LIST_SEPARATORS = re.compile(r"\s*(?:[,;>|\u2192]|->)\s*")


def _list_items(text: str) -> tuple[list[str], bool]:
    """The items of a cell written as a list, `Applied, Phone Screen` or `['Applied',
    'Interview']`, and whether it is bracketed."""
    bracketed = _LIST.fullmatch(text)
    inner = bracketed["items"] if bracketed else text
    items = [item.strip().strip("'\"").strip() for item in _LIST_SEPARATORS.split(inner)]
    return [item for item in items if item], bracketed is not None


def _statuses(text: str, results: dict[str, Meaning]) -> tuple[list[Meaning], bool, str]:
    """What a status cell says: the meaning of each of its words in order, whether it is a
    history list, and the first word the table does not explain ("" if none). A cell is one
    word if the table knows it whole; a list if it is bracketed, or if every item of it is
    known; else one word its decisive words may explain (`Rejected, after the final round`)."""
    key = _value_key(text)
    if key in results:
        return [results[key]], False, ""
    items, bracketed = _list_items(text)
    meanings = [_meaning(_value_key(item), results) for item in items]
    unknown = [item for item, meaning in zip(items, meanings, strict=True) if not meaning[0]]
    if len(items) > 1 and not unknown:
        return meanings, True, ""
    if not bracketed:
        decided = _meaning(key, results)
        if decided[0]:
            return [decided], False, ""
    if bracketed or (len(items) > 1 and len(unknown) < len(items)):
        return [], True, unknown[0] if unknown else text
    return [], False, text


def outcome_of_status(status: str) -> str | None:
    """The outcome a status or result means by the word table (`Rejection :(` is rejected,
    `Accepted!` an offer, `ongoing` pending; a history list its last item's), case,
    punctuation and emoji aside; None for a word the table does not explain."""
    meanings, _, unknown = _statuses(status, _RESULTS)
    return meanings[-1][0] if meanings and not unknown else None


def _close(word: str, known: Sequence[str]) -> str | None:
    """The known word most like `word`, if it is alike enough to propose."""
    from rapidfuzz import fuzz, process  # only an unknown word needs it

    close = process.extractOne(_value_key(word), known, scorer=fuzz.ratio, score_cutoff=_CLOSE)
    return None if close is None else str(close[0])


def _unknown_word(column: str, word: str, item_of: str = "") -> str:
    """Why a word of an outcome, response, stage or source column cannot be read, with a
    close known word proposed as the `--map-value` that would say so (never applied).
    `item_of` is the list cell the word is an item of."""
    if column == "source":
        known = list(_SOURCES)
    else:
        meaning = {"response": 1, "stage_history": 2}.get(column, 0)
        known = [key for key, means in _RESULTS.items() if means[meaning]]
    where = f" ({word!r}, an item of the list)" if item_of else ""
    message = f"is not a word the import knows for {_WHAT[column]}{where}"
    close = _close(word, known)
    if close is not None:
        return f"{message}: {word!r} looks like {close!r}: add --map-value '{word}={close}'"
    examples = _EXAMPLES[column]
    return f"{message} (such as {examples}); say what it means with --map-value '{word}=VALUE'"


def _value_overrides(given: Sequence[str]) -> _Words:
    """`--map-value 'WORD=VALUE'` options: each word's meaning, as the table's VALUE has it
    (an outcome, tone or stage, or how the person applied)."""
    words = _Words()
    for option in given:
        word, equals, value = option.rpartition("=")
        if not equals or not _value_key(word) or not value.strip():
            raise OptionError(
                f"--map-value: {option!r} is not WORD=VALUE (for example 'reeejected=rejected')"
            )
        meaning, source = _RESULTS.get(_value_key(value)), _SOURCES.get(_value_key(value))
        if meaning is None and source is None:
            raise OptionError(
                f"--map-value: {value.strip()!r} is not a value the import knows (expected an"
                f" outcome: {', '.join(Outcome)}; a response: positive, neutral, negative; a"
                f" stage: {', '.join(Stage)}; how you applied: {', '.join(Source)}; or a word"
                " of the table such as accepted, rejection, ghosted, ongoing, Indeed)"
            )
        if meaning is not None:
            words.results[_value_key(word)] = meaning
        if source is not None:
            words.sources[_value_key(word)] = source
    return words


# -- dates -------------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DATE = re.compile(
    r"(?P<a>\d{1,4})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})\.?"
    r"(?:(?:[ T]|, ?)+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r" ?(?P<half>[AaPp]\.?[Mm]\.?)?(?: ?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?"
)
_EXCEL_DAY_ZERO = dt.date(1899, 12, 30)
_EXCEL_FIRST = 61
"""Excel's serial 60 is 1900-02-29, a day that never was; serials before 61 are off by one."""
_EXCEL_LAST = 2_958_465  # 9999-12-31
_ANY_DATE = "is not a date (expected a date such as 2026-11-23, 11/23/2026 or 23.11.2026)"


@dataclass(frozen=True)
class _Shape:
    """A date cell taken apart: `ymd`, `slash` (a/b/c or a-b-c) or `dot` (d.m.y), and its
    three numbers as written."""

    shape: str
    a: str
    b: str
    c: str


def _shape(word: str) -> _Shape | None:
    """A cell's date shape, or None when it has none (or an impossible time of day)."""
    match = _DATE.fullmatch(word)
    if not match:
        return None
    if match["hour"] is not None:
        hour, limit = int(match["hour"]), 12 if match["half"] else 23
        if hour > limit or int(match["minute"]) > 59 or int(match["second"] or 0) > 59:
            return None
    a, separator, b, c = match["a"], match["sep"], match["b"], match["c"]
    if len(a) == 4:
        return _Shape("ymd", a, b, c) if len(c) <= 2 else None
    if len(c) not in (2, 4):
        return None
    return _Shape("dot" if separator == "." else "slash", a, b, c)


@dataclass(frozen=True)
class _Dates:
    """How a file's dates are read: day first or month first, the cell that proves day first,
    and which canonical date columns hold Excel serial days."""

    day_first: bool = False
    proof: str = ""
    serial: frozenset[str] = frozenset()
    serial_labels: tuple[str, ...] = ()
    slashes: bool = False
    fixed: dict[str, str] = field(default_factory=dict)
    """Columns a tracker writes in one fixed month-first form, by that form's name."""
    short: frozenset[str] = frozenset()
    """Columns whose every date has a two-digit year, read as 20YY."""
    notes: tuple[str, ...] = ()
    """How the fixed and two-digit-year columns were read, with an example of each."""

    def describe(self) -> str:
        """The reading chosen, in words, or "" when every date is ISO."""
        parts = []
        if self.day_first:
            parts.append(f"read day first (23/11/2026): {self.proof}")
        elif self.slashes:
            parts.append("read month first (11/23/2026); no date in the file is day first")
        if self.serial_labels:
            names = ", ".join(repr(label) for label in self.serial_labels)
            parts.append(f"{names} hold{'s' if len(self.serial_labels) == 1 else ''} Excel "
                         "serial days (only numbers)")  # fmt: skip
        return "; ".join([*parts, *self.notes])

    def read(self, column: str, word: str) -> tuple[dt.date | None, str | None]:
        """A non-empty date cell read in this file's reading, or why it cannot be."""
        if column in self.serial:
            return self._serial(word)
        if column in self.fixed:
            return self._fixed(self.fixed[column], word)
        if _NUMBER.fullmatch(word):
            return None, (
                "is a number, not a date (a date column is read as Excel serial days only when"
                " it holds nothing but numbers)"
            )
        shape = _shape(word)
        if shape is None:
            return _named_date(word)
        if shape.shape == "ymd":
            year, month, day = shape.a, shape.b, shape.c
        elif shape.shape == "dot" or self.day_first:
            day, month, year = shape.a, shape.b, shape.c
        else:
            month, day, year = shape.a, shape.b, shape.c
        if len(year) != 4 and column not in self.short:
            return None, (
                "is not a date (expected a four-digit year, for example 11/23/2026; two-digit"
                " years are read only when every date of their column has one)"
            )
        try:
            date = dt.date(_full_year(year), int(month), int(day))
        except ValueError:
            return None, self._wrong(shape)
        return (None, error) if (error := implausible(date)) else (date, None)

    @staticmethod
    def _fixed(form: str, word: str) -> tuple[dt.date | None, str | None]:
        """A date in a tracker's fixed month-first form, such as LinkedIn's."""
        shape = _shape(word)
        try:
            if shape is None or shape.shape != "slash":
                raise ValueError
            date = dt.date(_full_year(shape.c), int(shape.a), int(shape.b))
        except ValueError:
            return None, f"is not a date in {form} form (for example '11/23/24, 11:39 PM')"
        return (None, error) if (error := implausible(date)) else (date, None)

    def _wrong(self, shape: _Shape) -> str:
        if shape.shape == "ymd":
            return "is not a date (expected YYYY-MM-DD, for example 2026-11-23)"
        if shape.shape == "dot":
            return "is not a date (expected DD.MM.YYYY, for example 23.11.2026)"
        if self.day_first:
            return (
                f"is not a date read day first (DD/MM/YYYY), as this file's dates are: {self.proof}"
            )
        return (
            "is not a date read month first (MM/DD/YYYY), as this file's dates are (none of"
            " them is day first)"
        )

    @staticmethod
    def _serial(word: str) -> tuple[dt.date | None, str | None]:
        number = float(word)
        if not _EXCEL_FIRST <= number <= _EXCEL_LAST:
            return None, "is not a plausible date (as Excel serial days, expected 61 or more)"
        date = _EXCEL_DAY_ZERO + dt.timedelta(days=int(number))
        return (None, error) if (error := implausible(date)) else (date, None)


_MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")),
        start=1,
    )
    for name in names
}  # fmt: skip
_TIME = r"(?:,? (?:at )?\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\.?)?(?: \(?[A-Z]{2,5}\)?)?)?"
_NAMED_DATE = re.compile(
    r"(?:(?P<month>[A-Za-z]+)\.? (?P<day>\d{1,2})(?:st|nd|rd|th)?,? (?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\.? (?P<month2>[A-Za-z]+)\.?,? (?P<year2>\d{4}))" + _TIME
)


def _named_date(word: str) -> tuple[dt.date | None, str | None]:
    """A date with its month in English words, as Notion and many people write them
    (`November 23, 2024`, `Nov 23, 2024 9:15 AM`, `23 November 2024`), or why it is none."""
    found = _NAMED_DATE.fullmatch(word)
    if found is None:
        return None, _ANY_DATE
    month = _MONTHS.get((found["month"] or found["month2"]).casefold())
    try:
        if month is None:
            raise ValueError
        date = dt.date(
            int(found["year"] or found["year2"]), month, int(found["day"] or found["day2"])
        )
    except ValueError:
        return None, _ANY_DATE
    return (None, error) if (error := implausible(date)) else (date, None)


def _full_year(year: str) -> int:
    """A year as written: four digits as they are, two as 20YY (a job search is recent)."""
    return int(year) + (2000 if len(year) == 2 else 0)


def _two_digit_years(words: list[str]) -> bool:
    """Whether a column's filled cells share one pattern with a two-digit year: every one a
    slash date, or every one a dotted date, ending in two digits."""
    shapes = [_shape(word) for word in words]
    kinds = {shape.shape if shape else None for shape in shapes}
    return (
        len(kinds) == 1
        and kinds <= {"slash", "dot"}
        and all(shape is not None and len(shape.c) == 2 for shape in shapes)
    )


def _scan_dates(
    columns: dict[str, pd.Series[Any]],
    lines: Ints,
    labels: dict[str, str | Objects],
    fixed: dict[str, str] | None = None,
) -> _Dates:
    """Choose the file's date reading from every cell of its date columns, each distinct cell
    looked at once: day first if one cell proves it (first by line), serial days per column,
    two-digit years in a column whose every date has one; `fixed` columns are read in their
    tracker's form and decide nothing. The reading's notes show each column's first date."""
    fixed = fixed or {}
    proof: tuple[int, str] | None = None
    serial: list[str] = []
    serial_labels: list[str] = []
    short: list[str] = []
    firsts: dict[str, tuple[str, str]] = {}
    slashes = False
    for name, cells in columns.items():
        codes, distinct = pd.factorize(cells.to_numpy(dtype=object))
        words = [str(text).strip() for text in distinct]
        filled = [word for word in words if word]
        if filled and all(_NUMBER.fullmatch(word) for word in filled):
            serial.append(name)
            label = labels[name]
            serial_labels += [label] if isinstance(label, str) else sorted(set(label.tolist()))
            continue
        if filled:
            first = next(n for n, word in enumerate(words) if word)
            row = int(np.flatnonzero(codes == first)[0])
            label = labels[name]
            firsts[name] = (label if isinstance(label, str) else str(label[row]), words[first])
        if name in fixed:
            continue
        if filled and _two_digit_years(filled):
            short.append(name)
        for code, word in enumerate(words):
            shape = _shape(word)
            if shape is None or shape.shape not in ("slash", "dot"):
                continue
            slashes |= shape.shape == "slash"
            if shape.shape == "dot" or 12 < int(shape.a) <= 31:
                row = int(np.flatnonzero(codes == code)[0])
                label = labels[name]
                where = label if isinstance(label, str) else str(label[row])
                means = "has dots, which mean" if shape.shape == "dot" else "can only be"
                said = f"{word!r} in column {where!r} on line {lines[row]} {means} day first"
                found = (int(lines[row]), said)
                proof = found if proof is None or found[0] < proof[0] else proof
    dates = _Dates(
        day_first=proof is not None,
        proof=proof[1] if proof else "",
        serial=frozenset(serial),
        serial_labels=tuple(dict.fromkeys(serial_labels)),
        slashes=slashes,
        fixed={name: form for name, form in fixed.items() if name in columns},
        short=frozenset(short),
    )
    notes = []
    for name in (*dates.fixed, *short):
        if name not in firsts:
            continue
        label, word = firsts[name]
        date, _ = dates.read(name, word)
        how = f"in {fixed[name]} form" if name in fixed else "has two-digit years, read as 20YY"
        example = f": {word!r} read as {date.isoformat()}" if date else ""
        notes.append(f"{label!r} {how}{example}")
    return replace(dates, notes=tuple(notes))


def _reader(dates: _Dates, *, exact_text: bool, words: _Words | None = None) -> CellReader:
    """The lenient cell reader: the file's dates, known words for enums, the word table (and
    the learner's `--map-value` words) for outcomes, statuses, responses, stage histories and
    how the person applied; anything else as the canonical table reads it (and refuses it
    with its message)."""
    known = words or _Words()

    def read(column: Column, text: str) -> tuple[object, str | None]:
        word = text.strip()
        if word and column.name == "stage_history" and not exact_text:
            return _history(column, word, known.results)
        if column.type == "text":
            return read_cell(column, text if exact_text else word)
        if word and column.type == "date":
            return dates.read(column.name, word)
        if word and column.name in _RESULT_COLUMNS:
            meanings, listed, unknown = _statuses(word, known.results)
            if unknown:
                return "", _unknown_word(column.name, unknown, word if listed else "")
            meaning = meanings[-1][_RESULT_COLUMNS[column.name]]
            return (meaning, None) if meaning else ("", _unknown_word(column.name, word))
        if word and column.name == "source":
            source = known.sources.get(_value_key(word))
            return (source, None) if source else ("", _unknown_word("source", word))
        if word and column.type == "enum":
            value = _VALUES[column.name].get(_value_key(word))
            if value is not None:
                return value, None
        return read_cell(column, word)

    return read


def _history(column: Column, word: str, results: dict[str, Meaning]) -> tuple[str, str | None]:
    """A stage history cell of a sheet: as the canonical table writes it, else a list of
    status words (`Applied, Phone Screen, Rejected`) read through the word table."""
    canonical, error = read_cell(column, word)
    if error is None:
        return str(canonical), None
    meanings, listed, unknown = _statuses(word, results)
    if unknown:
        return "", _unknown_word("stage_history", unknown, word if listed else "")
    entries = [StageEntry(Stage(meaning[2])) for meaning in meanings if meaning[2]]
    return format_history(entries), None


def _status_reader(results: dict[str, Meaning]) -> StatusReader:
    """Reads a status cell for `read_applications`: each word's outcome and stage, and
    whether the cell is a list; None for a cell whose words the table does not all explain
    as outcomes (the checks name it)."""

    def read(text: str) -> tuple[tuple[Status, ...], bool] | None:
        meanings, listed, unknown = _statuses(text.strip(), results)
        if unknown or not all(meaning[0] for meaning in meanings):
            return None
        return tuple((meaning[0], meaning[2]) for meaning in meanings), listed

    return read


# -- reading a file into rows of text ----------------------------------------------------------


@dataclass
class _Raw:
    """A file's cells as text: the header row, then each row that is not blank, with its line
    (as a spreadsheet counts rows)."""

    header: list[str]
    header_line: int
    rows: list[list[str]]
    lines: list[int]
    kind: str


_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with a BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_SEPARATORS = {",": "','", ";": "';'", "\t": "tabs"}
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_OLD_FORMATS = (".xls", ".ods", ".numbers")


def _no_file(source: str, error: OSError) -> CsvError:
    if isinstance(error, FileNotFoundError):
        return CsvError(source, [Problem(0, "", None, "no such file")])
    if isinstance(error, IsADirectoryError):
        return CsvError(source, [Problem(0, "", None, "is a folder, not a file")])
    return CsvError(source, [Problem(0, "", None, f"cannot be read ({error.strerror or error})")])


_ENCODINGS = {"cp1252": "Windows-1252", "latin_1": "Latin-1", "mac_roman": "Mac Roman"}
"""The encodings other than UTF-8 and UTF-16 a file may be in, as charset-normalizer names them
and as the mapping says them (Windows-1252 is Excel's on Windows; Latin-1 text in its printable
range reads the same in it)."""


def _decode(path: Path, source: str, data: bytes) -> tuple[str, str]:
    """A CSV file's text and its encoding in words: as its BOM says; else UTF-8 if it is; else
    UTF-16 without a BOM, or the one of `_ENCODINGS` charset-normalizer finds. Refused, naming
    the first line that is not UTF-8, when none of them can be decided."""
    for bom, name, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), label
            except UnicodeDecodeError:
                problem = Problem(0, "", None, f"is not {label} text, as its BOM says")
                raise CsvError(source, [problem]) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    found = _utf16(data) or _detect(data)
    if found is None:
        problem = not_utf8(path)
        message = (
            "is not UTF-8 text, and its encoding cannot be told (expected UTF-8, UTF-16,"
            f" {', '.join(_ENCODINGS.values())}); in Excel: Save As, CSV UTF-8"
        )
        raise CsvError(source, [Problem(problem.line, "", None, message)])
    return found


def _utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: text whose every other byte is zero, as letters of Latin
    scripts give in it."""
    if len(data) % 2 or data.count(0) * 3 < len(data):
        return None
    order = "utf-16-le" if data[1::2].count(0) > data[::2].count(0) else "utf-16-be"
    try:
        text = data.decode(order)
    except UnicodeDecodeError:
        return None
    return (text, "UTF-16") if "\x00" not in text else None


def _detect(data: bytes) -> tuple[str, str] | None:
    """The text in the encoding of `_ENCODINGS` that charset-normalizer finds it most likely
    in, or None when it finds none that reads without mess (or the bytes hold a zero)."""
    from charset_normalizer import from_bytes  # only a file that is not UTF-8 needs it

    if 0 in data:
        return None
    best = from_bytes(data, cp_isolation=list(_ENCODINGS)).best()
    if best is None or best.encoding not in _ENCODINGS:
        return None
    return str(best), _ENCODINGS[best.encoding]


def _separator(text: str) -> str:
    """The separator of a CSV text: whichever of `,`, `;` and tab its first line that is not
    blank uses most outside quotes (`,` when it uses none)."""
    for line in text.splitlines():
        if line.strip(" ,;\t"):
            bare = re.sub(r'"[^"]*"', "", line)
            return max(_SEPARATORS, key=lambda separator: (bare.count(separator), separator == ","))
    return ","


def _start(path: Path, source: str) -> tuple[str, str, str]:
    """A CSV file's first line, its separator and its encoding in words, from the file's first
    64 KiB only."""
    try:
        with path.open("rb") as file:
            head = file.read(1 << 16)
    except OSError as error:
        raise _no_file(source, error) from None
    encoding = "UTF-8"
    for bom, _, label in _BOMS:
        if head.startswith(bom):
            encoding, head = label, head[len(bom) :]
            break
    text = codecs.getincrementaldecoder("utf-8")("replace").decode(head)
    return text.split("\n", 1)[0].rstrip("\r"), _separator(text), encoding


def _read_csv(path: Path, source: str) -> _Raw:
    """Every row of a CSV file, its cells as text."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _no_file(source, error) from None
    text, encoding = _decode(path, source, data)
    del data
    separator = _separator(text)
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        records.extend(reader)
    except csv.Error as error:
        line = len(records) + 1
        message = str(error)
        if "unexpected end of data" in message:
            message = "has a quote that is never closed (is the file cut off?)"
        elif "field larger than field limit" in message:
            message = f"has a cell longer than {csv.field_size_limit()} characters"
        else:
            message = f"cannot be read as CSV ({message})"
        raise CsvError(source, [Problem(line, "", None, message)]) from None
    kind = f"CSV, {encoding}, separated by {_SEPARATORS[separator]}"
    return _rows(records, source, kind)


def _read_workbook(path: Path, source: str, sheet: str | None) -> _Raw:
    """Every row of a workbook's sheet (the first, unless `sheet` names one), cells as text."""
    import openpyxl  # only a workbook needs it

    if not path.is_file():
        raise _no_file(source, FileNotFoundError() if not path.exists() else IsADirectoryError())
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # a damaged file can fail anywhere in openpyxl
        reason = f"{type(error).__name__}: {error}".rstrip(": ")
        problem = Problem(0, "", None, f"cannot be read as an Excel workbook ({reason})")
        raise CsvError(source, [problem]) from None
    try:
        names = book.sheetnames
        if not names:
            raise CsvError(source, [Problem(0, "", None, "is a workbook without a sheet")])
        if sheet is None:
            chosen = names[0]
        else:
            matches = [n for n in names if n == sheet] or [
                n for n in names if n.casefold() == sheet.strip().casefold()
            ]
            if len(matches) != 1:
                raise OptionError(
                    f"--sheet: {source} has no sheet {sheet!r} (its sheets: "
                    f"{', '.join(repr(n) for n in names)})"
                )
            chosen = matches[0]
        try:
            records = [
                [_cell_text(value) for value in row]
                for row in book[chosen].iter_rows(min_row=1, values_only=True)
            ]
        except Exception as error:  # as above: a damaged sheet
            problem = Problem(0, "", None, f"cannot be read as an Excel workbook ({error})")
            raise CsvError(source, [problem]) from None
    finally:
        book.close()
    return _rows(records, source, f"Excel workbook, sheet {chosen!r}")


def _cell_text(value: object) -> str:
    """A workbook cell as the text a CSV export of it would hold (dates as ISO dates)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows(records: list[list[str]], source: str, kind: str) -> _Raw:
    """The header (the first row that is not blank) and the rows after it that are not blank,
    each as wide as the header: short rows padded, empty cells past its end dropped."""
    filled = [n for n, record in enumerate(records) if any(cell.strip() for cell in record)]
    if not filled:
        expected = "expected a first row naming its columns, such as Company, Role, Interview date"
        raise CsvError(source, [Problem(0, "", None, f"has no header row ({expected})")])
    start = filled[0]
    header = [name.strip() for name in records[start]]
    while len(header) > 1 and not header[-1].strip():
        header = header[:-1]
    width = len(header)
    rows, lines, problems = [], [], []
    for n in filled[1:]:
        record = records[n]
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            problems.append(too_many_cells(n + 1, len(record), width))
            continue
        rows.append(record[:width] + [""] * (width - len(record)))
        lines.append(n + 1)
    if problems:
        raise CsvError(source, problems[:MAX_PROBLEMS], len(problems))
    return _Raw(header, start + 1, rows, lines, kind)


# -- mapping columns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Mapping:
    """What an import reads a file as, said before anything is checked or written: the file,
    its format, what each column becomes, what is ignored (and why), how dates are read."""

    source: str
    file: str
    format: str
    columns: tuple[tuple[str, str], ...]
    ignored: tuple[tuple[str, str], ...]
    dates: str
    targets: tuple[tuple[str, str], ...] = ()
    """Every column of the file in order, with what it becomes (`ignore` for none): the
    choices a learner can correct, as `--map` options, before importing."""
    given: tuple[str, ...] = ()
    """What the format says of every row without a column for it, in words."""

    def lines(self) -> list[str]:
        """The mapping in a few lines for the learner: a line per column, one for the rest."""
        lines = [f"Reading {self.source} ({self.file}) as {self.format}."]
        if self.format == _CANONICAL:
            lines[0] = lines[0].removesuffix(".") + ": every column as named."
        else:
            lines += [f"  {header!r} -> {target}" for header, target in self.columns]
        lines += [f"  {said}" for said in self.given]
        if self.ignored:
            described = [f"{h!r} ({why})" if why else repr(h) for h, why in self.ignored]
            lines.append(f"  ignored: {', '.join(described)}")
        if self.dates:
            lines.append(f"  dates: {self.dates}")
        return lines


_CANONICAL = "the canonical contact table"


def _overrides(given: Sequence[str], header: list[str], source: str) -> dict[str, str]:
    """`--map 'Their header=target'` options, by the header's key; checked against the file."""
    keys = {_key(name) for name in header}
    overrides: dict[str, str] = {}
    for option in given:
        name, equals, target = option.rpartition("=")
        target = target.strip()
        if not equals or not name.strip():
            raise OptionError(
                f"--map: {option!r} is not HEADER=COLUMN (for example 'Firm=company')"
            )
        if target not in (*TARGETS, IGNORE):
            raise OptionError(
                f"--map: {target!r} is not a column the import knows (expected one of: "
                f"{', '.join(TARGETS)}, or {IGNORE})"
            )
        if _key(name) not in keys:
            raise OptionError(
                f"--map: {source} has no column {name.strip()!r} (its columns: "
                f"{', '.join(repr(h) for h in header)})"
            )
        overrides[_key(name)] = target
    return overrides


def _destination(target: str) -> str:
    """The canonical column a target fills (a status fills outcome)."""
    return "outcome" if target == "status" else target


@dataclass
class _Map:
    """Which column of the file becomes what, and which are ignored."""

    targets: dict[int, str]
    described: list[tuple[str, str]]
    ignored: list[tuple[str, str]]


def _map_columns(raw: _Raw, form: _Format, overrides: dict[str, str], source: str) -> _Map:
    """What each column becomes: `--map` first, then the format's own columns, then the words
    people use, then what the column holds (`_by_content`); refuses a file whose header names
    nothing known, or no company, or one target twice."""
    result = _Map({}, [], [])
    problems: list[Problem] = []
    first: dict[str, str] = {}
    guessed = {
        index: overrides.get(_key(h)) or _guess(form, h) for index, h in enumerate(raw.header)
    }
    read_as = _by_content(
        raw, guessed, {i for i, h in enumerate(raw.header) if _key(h) in overrides}
    )
    for index, header in enumerate(raw.header):
        key = _key(header)
        mapped = key in overrides
        target, why = read_as.get(index, (guessed[index], ""))
        if target is None or target == IGNORE:
            why = "--map" if mapped else why or form.ignored.get(key, "")
            result.ignored.append((header or f"column {index + 1}, no header", why))
            continue
        destination = _destination(target)
        if destination in first and destination not in _JOINED:
            problems.append(
                Problem(
                    raw.header_line,
                    header,
                    None,
                    f"would be read as {destination}, and so would column {first[destination]!r}"
                    f" (name the one to leave out with --map '{header}=ignore')",
                )
            )
            continue
        first.setdefault(destination, header)
        result.targets[index] = target
        note = _DESCRIPTIONS.get(target, target) + (" (--map)" if mapped else "")
        result.described.append((header, f"{note} ({why})" if why else note))
    for destination in _JOINED:
        joined = [n for n, (header, note) in enumerate(result.described) if note == destination]
        for n in joined if len(joined) > 1 else []:
            result.described[n] = (result.described[n][0], f"{destination} (joined with '; ')")
    if all(_key(raw.header[index]) in _GENERIC_HEADERS for index in result.targets):
        expected = "expected names such as Company, Role, Interview date, Follow-up date"
        message = f"is not a header row: it names no column the import knows ({expected})"
        raise CsvError(source, [Problem(raw.header_line, "", None, message)])
    if "company" not in first:
        problems.append(
            Problem(
                raw.header_line,
                "",
                None,
                "has no column for the company (expected a header such as Company, Employer or"
                " Company Name; or name one with --map 'Your header=company')",
            )
        )
    problems += _missing_partners(raw, result.targets)
    if problems:
        raise CsvError(source, problems)
    return result


_GENERIC_HEADERS = frozenset({"date"})
"""Headers too general to make a row a header row on their own."""

_FLAGS = frozenset({"yes", "no", "y", "n", "true", "false", "x", "done", "sent",
                    "\u2713", "\u2714", "\u2611", "\u2705", "\u2717", "\u2718", "\u274c",
                    "\u2610"})  # fmt: skip
"""What a yes/no column holds: yes and no in words, and ticks and crosses."""

_DATE_TARGETS = frozenset({*_DATES, STATUS_DATE, *(group.date for group in _GROUPS)})


def _by_content(
    raw: _Raw, guessed: dict[int, str | None], named: set[int]
) -> dict[int, tuple[str, str]]:
    """What some columns become by what they hold rather than by their header, and why (the
    columns of `named`, as `--map` names them, aside):
    - a column of yes and no (`Follow-up?` ticked or not) is a flag, never a date: ignored,
      since the tracker keeps a contact only with its day;
    - a channel column (`Channel`, `How`, `Via`) whose every word says how the person applied
      (`Referral`, `Indeed`, `company site`) is the application's source, when some word is
      no contact's channel or the sheet has no contact for it;
    - an answer date (`Heard back`) in a sheet with no contact is the application's answer;
    - a status log's date column beside no status is the applied date, or ignored when the
      sheet has one."""
    read_as: dict[int, tuple[str, str]] = {}
    cells = {index: [row[index].strip() for row in raw.rows] for index in guessed}
    free = [index for index in guessed if index not in named]
    for index in free:
        held = {cell.casefold() for cell in cells[index] if cell}
        if guessed[index] in _DATE_TARGETS and held and held <= _FLAGS:
            read_as[index] = (IGNORE, "holds only yes/no: a flag, not a date; the tracker keeps"
                              " a contact with the day it was made")  # fmt: skip
    final = {index: read_as.get(index, (target, ""))[0] for index, target in guessed.items()}
    targets = set(final.values())
    for index in free:
        words = [cell for cell in cells[index] if cell]
        if final[index] != "channel" or "source" in targets or not words:
            continue
        sources = [_SOURCES.get(_value_key(word)) for word in words]
        channels = [_VALUES["channel"].get(_value_key(word)) for word in words]
        if all(sources) and (not all(channels) or "contact_date" not in targets):
            example = next(
                (w for w, said in zip(words, channels, strict=True) if not said), words[0]
            )
            read_as[index] = ("source", f"its words say how you applied, such as {example!r}")
            final[index] = "source"
    targets = set(final.values())
    contacts = targets & {"contact_date", "channel", "kind"}
    for index in free:
        if final[index] == "response_date" and not contacts and "answer_date" not in targets:
            read_as[index] = ("answer_date", "the day the employer answered the application:"
                              " the sheet holds no contact it could answer")  # fmt: skip
        if final[index] == STATUS_DATE and not targets & {"status", "outcome", "stage_history"}:
            if "applied_date" in targets:
                read_as[index] = (IGNORE, "a date beside no status, and the sheet has an"
                                  " applied date")  # fmt: skip
            else:
                read_as[index] = ("applied_date", "a date beside no status: read as the day"
                                  " you applied")  # fmt: skip
    return read_as


_NEEDS = {
    "date": ("when they were made", "Follow-up date"),
    "interview_date": ("which interview they follow (its date)", "Interview date"),
}


def _missing_partners(raw: _Raw, targets: dict[int, str]) -> list[Problem]:
    """A contact needs its date and its interview's date: a group of contact columns that
    holds values without a column for one of these is refused at the header (without a
    column for its method, a contact's channel is `unknown`)."""
    column_of = {target: index for index, target in targets.items()}
    problems = []
    for group in (_PRIMARY, *_GROUPS):
        signs = _CONTACT_COLUMNS if group is _PRIMARY else (group.date, group.channel)
        present = [column_of[t] for t in signs if t in column_of and t != "new_info"]
        if not any(row[index].strip() for index in present for row in raw.rows):
            continue
        header = raw.header[present[0]]
        for need, target in (("date", group.date), ("interview_date", "interview_date")):
            if target not in column_of:
                what, example = _NEEDS[need]
                problems.append(
                    Problem(
                        raw.header_line,
                        header,
                        None,
                        f"holds contacts, but no column says {what}: add one such as"
                        f" {example!r}, or name one with --map 'Your header={target}'",
                    )
                )
    return list({(p.column, p.message): p for p in problems}.values())


# -- the sheet ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Original:
    """A file's rows as written, kept to write out the ones an import leaves out: its header,
    and the cells of the rows on given lines."""

    header: list[str]
    rows: Callable[[Sequence[int]], list[list[str]]]


class Sheet:
    """A file mapped onto the canonical columns, not yet checked: what it was read as
    (`mapping`), the canonical columns it gives (`present`: an import updates these and keeps
    the tracker's values of the others), and its rows, checked and typed by `table()`.

    Opened to skip bad rows, `table()` leaves out each line with a problem instead of refusing
    the file; `left_out` then holds the first problem of each, and `write_left_out` writes
    those rows as the file has them, with the reason. Once read, `summary()` says what the
    rows were read as: how many applications, status logs, history lists."""

    def __init__(
        self,
        mapping: Mapping,
        columns: dict[str, pd.Series[Any]],
        lines: Ints,
        labels: dict[str, str | Objects],
        read: CellReader,
        original: _Original | None = None,
        found: Found | None = None,
    ) -> None:
        self.mapping = mapping
        self.present = frozenset(columns)
        self.left_out: tuple[Problem, ...] = ()
        self._columns: dict[str, pd.Series[Any] | None] | None = dict(columns)
        self._lines, self._labels, self._read = lines, labels, read
        self._original = original
        self._found = found or Found()
        self._read_as: tuple[int, int] | None = None

    def table(self) -> pd.DataFrame:
        """The canonical table, checked and typed as `store.typed` says; raises `CsvError`
        listing every problem by the file's line, column header and cell (or, skipping bad
        rows, the table of the good ones). The sheet hands its cells over to be checked (a
        large file's memory is freed as they are read), so this can be called once."""
        if self._columns is None:
            raise RuntimeError("a sheet's table is read once; open the file again")
        columns, self._columns = self._columns, None
        source, lines = self.mapping.source, self._lines
        read, labels, found = self._read, self._labels, self._found.problems
        if self._original is None:
            table = check_table(columns, lines, source, read=read, labels=labels, found=found)
        else:
            table, left_out = check_rows(
                columns, lines, source, read=read, labels=labels, found=found
            )
            self.left_out = tuple(left_out)
        rows = len(np.unique(lines)) - len(self.left_out)
        self._read_as = (int(table["application_id"].nunique()), rows)
        return table

    def summary(self) -> list[str]:
        """What `table()` read the rows as, in a few lines: how many applications in how many
        rows, the status logs, history lists and jobs applied for twice among them ([] before
        the table is read)."""
        if self._read_as is None:
            return []
        applications, rows = self._read_as
        found = (
            f"Found {applications} application{'s' if applications != 1 else ''} in {rows}"
            f" row{'s' if rows != 1 else ''}."
        )
        return [found, *self._found.lines()]

    def write_left_out(self, folder: Path) -> Path | None:
        """Write the rows `table()` left out, as the file has them, with a column saying why,
        to a new CSV file in `folder` (UTF-8 with a BOM, so a spreadsheet shows its letters
        right); None when none was left out. The file read is never touched."""
        if not self.left_out or self._original is None:
            return None
        header = self._original.header
        reason = next(n for n in ("reason", "reason left out", "import problem") if n not in header)
        rows = self._original.rows([problem.line for problem in self.left_out])
        stem = Path(self.mapping.source).stem or "import"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H%M%S")
        target = folder / f"{stem} left out {stamp}.csv"
        for n in itertools.count(2):
            if not target.exists():
                break
            target = folder / f"{stem} left out {stamp} ({n}).csv"
        with text_replacing(target) as file:
            file.write("\ufeff")
            writer = csv.writer(file, lineterminator="\r\n")
            writer.writerow([*header, reason])
            for problem, row in zip(self.left_out, rows, strict=True):
                writer.writerow([*row, f"line {problem.line}: {problem.reason()}"])
        return target


def open_sheet(
    source: Path | str,
    *,
    columns: Sequence[str] = (),
    sheet: str | None = None,
    label: str = "",
    words: Sequence[str] = (),
    skip_bad_rows: bool = False,
) -> Sheet:
    """Read a CSV file or a workbook's sheet and map it onto the canonical columns.

    `columns` holds `--map` options (`'Their header=target'`, a target of `TARGETS` or
    `ignore`); `words` holds `--map-value` options (`'Their word=value'`, a value or word of
    the word table, for outcome, status and response cells); `sheet` names a workbook's sheet
    (default: the first); `label` is how messages name the file (default: its path, as
    given); `skip_bad_rows` makes `Sheet.table()` leave out each bad row instead of refusing
    the file. Raises `CsvError` for a file that cannot be read or mapped, `OptionError` for a
    `--map`, `--map-value` or `--sheet` it cannot honour. The file is only read.
    """
    path, name = Path(source), label or str(source)
    meanings = _value_overrides(words)
    suffix = path.suffix.lower()
    if suffix in _OLD_FORMATS:
        message = f"is a {suffix} file (expected .xlsx or CSV: save it as one of those)"
        raise CsvError(name, [Problem(0, "", None, message)])
    if sheet is not None and suffix not in _WORKBOOK_SUFFIXES:
        raise OptionError(f"--sheet: {name} is not an .xlsx workbook, so it has no sheets")
    if suffix not in _WORKBOOK_SUFFIXES and not columns:
        canonical = _open_canonical(path, name, meanings, skip_bad_rows)
        if canonical is not None:
            return canonical
    raw = (
        _read_workbook(path, name, sheet) if suffix in _WORKBOOK_SUFFIXES else _read_csv(path, name)
    )
    exact = set(raw.header) <= set(COLUMN_NAMES) and len(set(raw.header)) == len(raw.header)
    form = _format_of(raw.header)
    if form.refusal:
        raise CsvError(name, [Problem(raw.header_line, "", None, form.refusal)])
    overrides = _overrides(columns, raw.header, name)
    mapped = _map_columns(raw, form, overrides, name)
    staged = _stage(raw, mapped.targets)
    fixed = {
        target: form.fixed_dates[target]
        for index, target in mapped.targets.items()
        if target in form.fixed_dates and _key(raw.header[index]) not in overrides
    }
    dates = _scan_dates(*staged.series((*_DATES, STATUS_DATE)), fixed)
    canonical_text = exact and not overrides
    given = [fact for fact in form.given if fact[0] not in staged.values]
    for column, value, _ in given:
        staged.values[column] = [value] * len(staged.lines)
        staged.labels[column] = [column] * len(staged.lines)
    found = Found()
    if not canonical_text:
        found = read_applications(
            staged.values,
            staged.labels,
            staged.lines,
            read_date=dates.read,
            read_status=_status_reader(meanings.results),
        )
    values, labels, lines = staged.columns()
    return Sheet(
        Mapping(
            source=name,
            file=raw.kind,
            format=_CANONICAL if canonical_text else form.name,
            columns=tuple(mapped.described),
            ignored=tuple(mapped.ignored),
            dates=dates.describe(),
            targets=tuple(
                (header, mapped.targets.get(index, IGNORE))
                for index, header in enumerate(raw.header)
            ),
            given=tuple(f"{column}: {value} on every row ({why})" for column, value, why in given),
        ),
        values,
        lines,
        labels,
        _reader(dates, exact_text=canonical_text, words=meanings),
        _original(raw) if skip_bad_rows else None,
        found,
    )


def _original(raw: _Raw) -> _Original:
    """A file's rows as written, by line."""
    by_line = dict(zip(raw.lines, raw.rows, strict=True))
    return _Original(list(raw.header), lambda at: [by_line[line] for line in at])


def _open_canonical(path: Path, source: str, words: _Words, keep: bool) -> Sheet | None:
    """A comma-separated UTF-8 file whose first line is the canonical header, read by the
    canonical table's own loader (fast, for files of millions of rows); None for any other.
    `keep` keeps its rows as written, to write out those an import leaves out."""
    first, separator, encoding = _start(path, source)
    names = first.split(",")
    if separator != "," or "company" not in names or not set(names) <= set(COLUMN_NAMES):
        return None
    if len(set(names)) != len(names) or encoding == "UTF-16":
        return None
    try:
        header, raw = load_canonical(path, source)
    except NotUtf8Error:
        return None  # read in the encoding it is in, below
    lines = np.arange(2, len(raw) + 2, dtype=np.int64)
    values = {name: raw[name] for name in header}
    labels: dict[str, str | Objects] = {name: name for name in header}
    dates = _scan_dates({c: values[c] for c in _DATES if c in values}, lines, labels)
    mapping = Mapping(
        source=source,
        file=f"CSV, {encoding}, separated by ','",
        format=_CANONICAL,
        columns=tuple((name, name) for name in header),
        ignored=(),
        dates=dates.describe(),
        targets=tuple((name, name) for name in header),
    )
    read = _reader(dates, exact_text=True, words=words)
    original = None
    if keep:
        original = _Original(
            list(header), lambda at: raw.iloc[[n - 2 for n in at]].to_numpy().tolist()
        )
    return Sheet(mapping, values, lines, labels, read, original)


@dataclass
class _Staged:
    """A file's rows as canonical columns of text (and `STATUS_DATE`), each cell with its
    header, and the line each row comes from."""

    values: dict[str, list[str]]
    labels: dict[str, list[str]]
    lines: list[int]
    header: dict[str, str]
    """The header of each column, for a column no row fills."""

    def series(
        self, names: Sequence[str]
    ) -> tuple[dict[str, pd.Series[Any]], Ints, dict[str, str | Objects]]:
        """The columns of `names` the file has, their lines and headers."""
        kept = [name for name in names if name in self.values]
        return (
            {name: pd.Series(self.values[name], dtype=object) for name in kept},
            np.array(self.lines, dtype=np.int64),
            {name: _labels(self.labels[name], self.header.get(name, name)) for name in kept},
        )

    def columns(self) -> tuple[dict[str, pd.Series[Any]], dict[str, str | Objects], Ints]:
        """The canonical columns as `check_table` takes them (`STATUS_DATE` left out: what it
        says is in the stage history by now)."""
        cells, lines, labels = self.series([name for name in self.values if name != STATUS_DATE])
        return cells, labels, lines


def _stage(raw: _Raw, targets: dict[int, str]) -> _Staged:
    """The file's rows as canonical columns of text, each cell with its column's header.

    A row gives one canonical row; a row that also holds a thank-you or a second follow-up
    gives one more row for each (the application and round fields copied, its kind set), in
    that order around its own row, which it then keeps only if it has a contact of its own.
    Several contact_detail columns are joined with '; '. A contact whose sheet has a column
    for its date but none for its method has the channel `unknown`.
    """
    sources: dict[str, list[int]] = {}
    for index, target in targets.items():
        sources.setdefault(_destination(target), []).append(index)
    groups = [group for group in _GROUPS if group.date in sources or group.channel in sources]
    unknown = {
        group.channel
        for group in (_PRIMARY, *_GROUPS)
        if group.date in sources and group.channel not in sources
    }
    contact = ("contact_date", "channel", "kind") if groups else ()
    names = [
        name
        for name in (*COLUMN_NAMES, STATUS_DATE)
        if name in sources or name in contact or name in unknown
    ]
    own_contact = [index for name in _CONTACT_COLUMNS for index in sources.get(name, [])]
    header = raw.header
    blank = ("", "")

    def cell(row: list[str], target: str) -> tuple[str, str]:
        """A target's cell on a row, and the header it is under ("" for neither)."""
        indexes = sources.get(target, [])
        if len(indexes) > 1:  # each cell unescaped, the whole escaped again: read as one
            parts = [unescape_formula(row[i].strip()) for i in indexes if row[i].strip()]
            return escape_formula("; ".join(parts)), header[indexes[0]]
        return (row[indexes[0]], header[indexes[0]]) if indexes else blank

    def channel(row: list[str], group: _Group, date: tuple[str, str]) -> tuple[str, str]:
        """A contact's channel; `unknown` for a dated one whose sheet says no method."""
        if group.channel in unknown and date[0].strip():
            return Channel.UNKNOWN.value, date[1]
        return cell(row, group.channel)

    values: dict[str, list[str]] = {name: [] for name in names}
    labels: dict[str, list[str]] = {name: [] for name in names}
    lines: list[int] = []
    for row, line in zip(raw.rows, raw.lines, strict=True):
        before: list[dict[str, tuple[str, str]]] = []
        after: list[dict[str, tuple[str, str]]] = []
        for group in groups:
            date = cell(row, group.date)
            method = channel(row, group, date)
            if date[0].strip() or method[0].strip():
                kind = (group.kind, date[1] or method[1])
                contact_cells = {"contact_date": date, "channel": method, "kind": kind}
                (before if group.first else after).append(contact_cells)
        own = not (before or after) or any(row[index].strip() for index in own_contact)
        mine = [{name: cell(row, name) for name in _CONTACT_COLUMNS}] if own else []
        for contact_cells in mine if _PRIMARY.channel in unknown else []:
            contact_cells["channel"] = channel(row, _PRIMARY, contact_cells["contact_date"])
        for contact_cells in before + mine + after:
            lines.append(line)
            for name in names:
                value, label = contact_cells.get(name) or (
                    blank if name in _CONTACT_COLUMNS else cell(row, name)
                )
                values[name].append(value)
                labels[name].append(label or cell(row, name)[1] or name)
    return _Staged(values, labels, lines, {name: cell(header, name)[1] or name for name in names})


def _labels(names: list[str], default: str) -> str | Objects:
    """A column's header: one name when every row has the same, else one per row."""
    distinct = set(names)
    if len(distinct) > 1:
        array = np.empty(len(names), dtype=object)
        array[:] = names
        return array
    return next(iter(distinct), default)
