"""The words people write in a spreadsheet's cells for outcomes, statuses, responses and
sources, read into the canonical values; a word that reads as nothing is named with a close
known word to map it to.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from workbook.canonical import COLUMNS
from workbook.model import Outcome, Source, Stage
from workbook.tables.sheet_columns import OptionError

__all__ = [
    "RESULT_COLUMNS",
    "SOURCES",
    "VALUES",
    "Meaning",
    "ValueWords",
    "outcome_of_status",
    "statuses_of",
    "unknown_word",
    "value_key",
    "value_overrides",
]


# -- values ------------------------------------------------------------------------------------


def value_key(text: str) -> str:
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
VALUES: dict[str, dict[str, str]] = {
    column.name: {value_key(choice): choice for choice in column.choices}
    | {
        value_key(word): value
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
    value_key(word): (outcome, tone, stage)
    for outcome, tone, stage, words in _RESULT_WORDS
    for word in words
}
RESULT_COLUMNS = {"outcome": 0, "response": 1}
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

SOURCES: dict[str, str] = {
    value_key(word): source for source, words in _SOURCE_WORDS.items() for word in (source, *words)
}

_DECISIVE = frozenset({"offer", "accepted", "rejected", "rejection", "declined", "withdrawn",
                       "withdrew", "ghosted"})  # fmt: skip
"""Words that decide an outcome even among others (`Abgelehnt (declined)`, `Rejected after
the final round`), when every such word of the cell says the same."""


@dataclass(frozen=True)
class ValueWords:
    """The words an import reads: the word table with the learner's `--map-value` words, and
    the words for how they applied with theirs."""

    results: dict[str, Meaning] = field(default_factory=lambda: dict(_RESULTS))
    sources: dict[str, str] = field(default_factory=lambda: dict(SOURCES))


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


def statuses_of(text: str, results: dict[str, Meaning]) -> tuple[list[Meaning], bool, str]:
    """What a status cell says: the meaning of each of its words in order, whether it is a
    history list, and the first word the table does not explain ("" if none). A cell is one
    word if the table knows it whole; a list if it is bracketed, or if every item of it is
    known; else one word its decisive words may explain (`Rejected, after the final round`)."""
    key = value_key(text)
    if key in results:
        return [results[key]], False, ""
    items, bracketed = _list_items(text)
    meanings = [_meaning(value_key(item), results) for item in items]
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
    meanings, _, unknown = statuses_of(status, _RESULTS)
    return meanings[-1][0] if meanings and not unknown else None


def _close(word: str, known: Sequence[str]) -> str | None:
    """The known word most like `word`, if it is alike enough to propose."""
    from rapidfuzz import fuzz, process  # only an unknown word needs it

    close = process.extractOne(value_key(word), known, scorer=fuzz.ratio, score_cutoff=_CLOSE)
    return None if close is None else str(close[0])


def unknown_word(column: str, word: str, item_of: str = "") -> str:
    """Why a word of an outcome, response, stage or source column cannot be read, with a
    close known word proposed as the `--map-value` that would say so (never applied).
    `item_of` is the list cell the word is an item of."""
    if column == "source":
        known = list(SOURCES)
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


def value_overrides(given: Sequence[str]) -> ValueWords:
    """`--map-value 'WORD=VALUE'` options: each word's meaning, as the table's VALUE has it
    (an outcome, tone or stage, or how the person applied)."""
    words = ValueWords()
    for option in given:
        word, equals, value = option.rpartition("=")
        if not equals or not value_key(word) or not value.strip():
            raise OptionError(
                f"--map-value: {option!r} is not WORD=VALUE (for example 'reeejected=rejected')"
            )
        meaning, source = _RESULTS.get(value_key(value)), SOURCES.get(value_key(value))
        if meaning is None and source is None:
            raise OptionError(
                f"--map-value: {value.strip()!r} is not a value the import knows (expected an"
                f" outcome: {', '.join(Outcome)}; a response: positive, neutral, negative; a"
                f" stage: {', '.join(Stage)}; how you applied: {', '.join(Source)}; or a word"
                " of the table such as accepted, rejection, ghosted, ongoing, Indeed)"
            )
        if meaning is not None:
            words.results[value_key(word)] = meaning
        if source is not None:
            words.sources[value_key(word)] = source
    return words
