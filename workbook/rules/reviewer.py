"""The draft reviewer: what a careful coach would point out in a thank-you or a follow-up.

`review` reads a draft (one the planner wrote, or one the learner wrote or edited) against the
interview it follows, and returns findings that each cite the guidance rule or section behind
them. Every heuristic is a named word list or pattern below, so a coach can read, and argue
with, each one. They ignore case, punctuation and typographic apostrophes. Doubt falls on the
learner's side: what a message must say is looked for loosely (any plain sign of it counts),
and what it must not say narrowly, because a finding the learner cannot see the reason for
does more harm than a miss.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from workbook.model import Channel, Draft, Finding, Interview, Kind, NextStep
from workbook.rules.planner import NO_FOLLOW_UP, OPEN_ENDED
from workbook.rules.text import one_line

__all__ = [
    "CODES",
    "EXCLAMATION_LIMIT",
    "MAX_SENTENCES",
    "MAX_WORDS",
    "MIN_WORDS",
    "SPOKEN",
    "review",
]

CODES: tuple[str, ...] = (
    "not-allowed",
    "wrong-channel",
    "placeholder",
    "no-subject",
    "no-greeting",
    "wrong-name",
    "company-missing",
    "role-missing",
    "no-thanks",
    "no-moment",
    "no-interest",
    "no-hear-back",
    "no-references",
    "no-highlight",
    "no-new-info",
    "pushy",
    "too-long",
    "too-short",
)
"""Every finding code, in the order `review` reports them."""

SPOKEN = frozenset({Channel.PHONE, Channel.IN_PERSON})
"""Channels whose draft is a script to speak: no subject, greeting line or length to check."""

MAX_SENTENCES = {Kind.THANK_YOU: 6, Kind.FOLLOW_UP: 5, Kind.SECOND_FOLLOW_UP: 5}
"""Rule 1 keeps a thank-you short; rule 3 gives a follow-up three to five sentences."""
MAX_WORDS = {Kind.THANK_YOU: 150, Kind.FOLLOW_UP: 140, Kind.SECOND_FOLLOW_UP: 150}
"""Five long sentences are still too long: a word ceiling beside the sentence count."""
MIN_WORDS = {Kind.THANK_YOU: 10, Kind.FOLLOW_UP: 20, Kind.SECOND_FOLLOW_UP: 20}
"""Under this many words a message cannot do its job, however well it is worded."""
EXCLAMATION_LIMIT = 3
"""More exclamation marks than this in one message reads as over-eager."""

_FOLLOW_UPS = frozenset({Kind.FOLLOW_UP, Kind.SECOND_FOLLOW_UP})
_NOT = r"(?:n'?t| not)"  # "haven't", "havent", "have not"
_CONSEQUENCE = (
    r"I(?:'ll| will| shall|'m going to| am going to| have to| must) (?:assume|withdraw|take"
    r"|accept|go|move on|consider|pursue|look elsewhere)"
)


def _any(*patterns: str) -> re.Pattern[str]:
    """One case-insensitive pattern that matches any of `patterns`."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _set(words: str) -> frozenset[str]:
    """A word list written as one string, for lists that read better as prose."""
    return frozenset(words.split())


# -- what a message must say (rules 1, 3, 4, 6) -------------------------------------------------

INTEREST = _any(
    r"\binterest(?:ed|s me)\b",
    r"\bmy (?:\w+ )?interest\b",
    r"\b(?:excited|enthusiastic|keen|eager|thrilled|passionate)\b"
    r"(?! (?:to )?(?:hear|know|learn|get))",
    r"\b(?:love|like|hope|want|glad|delighted|happy) to (?:join|work (?:with|for|at|alongside)"
    r"|be part of|contribute to)\b",
    r"\blook(?:ing)? forward to (?:the (?:possibility|chance|opportunity) (?:of|to) )?"
    r"(?:join|work|contribut|be(?:ing)? part)",
    r"\b(?:appeals to me|excites me|dream (?:job|role))\b",
)
"""Signs of interest in the position."""

HEAR_BACK = _any(
    r"\bhear(?:ing)? (?:back|from you|about|how|what|where|when|whether|if|of|any|your|the"
    r"|news)\b",
    r"\blook(?:ing)? forward to (?:hearing|your (?:reply|response|answer|news|decision|thoughts)"
    r"|news|an update|the next)",
    r"\bawait(?:ing)? (?:your|news|an update)\b",
    r"\b(?:let|keep) me (?:know|posted|informed|updated) (?:about|where|how|when|what|whether"
    r"|of|on|the|your|once)\b",
    r"\bkeep me (?:posted|informed|updated|in the loop)\b",
    r"\blet me know\b(?! (?:if|whether|should|in case))",
    r"\bany (?:news|updates?|decision|progress|word)\b",
    r"\ban update (?:on|about|regarding|from)\b",
    r"\b(?:like|want|wish|keen|eager) to (?:know|learn) (?:whether|if|when|where|how|why|the"
    r" outcome|about|more about the)\b",
    r"\b(?:where things stand|the status of|timeline for|your decision)\b",
    r"\bhow (?:things|the process|your search|the search|the decision) (?:is |are )?"
    r"(?:going|progressing|moving|coming along)\b",
)
"""Signs that the candidate would like to hear back."""

REFERENCES = _any(
    r"\breferences?\b(?! to)",
    r"\breferees?\b",
    r"\b(?:letters? of recommendation|recommendation letters?)\b",
    r"\b(?:any|other|further|additional|more|extra) (?:information|info|details|documents"
    r"|documentation|materials|examples|samples|questions)\b",
    r"\banything else (?:you|that)\b",
    r"\b(?:happy|glad|pleased|willing|able|can) (?:to )?(?:send|provide|share|answer|forward)\b",
    r"\b(?:portfolio|work samples?|writing samples?)\b",
)
"""Signs of an offer of references or other information."""

GENERIC_HIGHLIGHT = _any(
    r"\bmy (?:\w+ ){0,2}(?:background|experience|skills?|expertise|track record|strengths?"
    r"|qualifications)\b",
    r"\b(?:background|experience|expertise|skills?) (?:in|with|as|at)\b",
    r"\byears of\b",
    r"\bI (?:have |also )?(?:led|built|managed|launched|designed|created|delivered|grew"
    r"|increased|reduced|cut|improved|developed|trained|organi[sz]ed|won|achieved|saved"
    r"|streamlined|automated|mentored|coached|ran|implemented|negotiated|shipped|taught"
    r"|supervised|raised|doubled|tripled|resolved|spearheaded|oversaw|introduced|redesigned"
    r"|migrated)\b",
    r"\d ?%",
)
"""Signs of a skill or an accomplishment, beside the highlights the learner listed."""

NEWS = _any(
    r"\b(?:some|a bit of|good|exciting|recent) news\b",
    r"\b(?:news|an update|update) (?:I(?:'d| would) like to|to) share\b",
    r"\bnews since\b",
    r"\bsince (?:we (?:last )?(?:spoke|talked|met)|our (?:interview|conversation|meeting|call"
    r"|talk)|I last wrote),? (?:I(?:'ve| have)? |my )(?!not\b|n'?t\b|still\b|haven|heard\b"
    r"|had no\b|hoped\b|wondered\b|thought\b|wait|been (?:waiting|thinking|wondering|hoping"
    r"|looking))\w+",
    r"\bI(?:'m| am) (?:pleased|happy|glad|excited|delighted) to (?:share|report|tell you"
    r"|let you know) that I\b",
    r"\bI(?:'ve| have) (?:since|now|just|recently) (?!been waiting|not\b|heard\b|wait)\w+",
    r"\b(?:recently|just|since|now) (?:completed|finished|earned|passed|obtained|received|moved"
    r"|relocated|launched|published|won|joined|sorted|secured|finali[sz]ed|been awarded)\b",
    r"\b(?:can|could|am able to|will be able to) (?:now )?start (?:immediately|right away"
    r"|sooner|earlier|straight away|at once)\b",
    r"\bI(?:'m| am) now (?:certified|licensed|qualified|available|able|based|fully)\b",
    r"\bnewly\b",
)
"""Signs of news, beside the new information the learner listed (rule 4)."""

THANKS = _any(
    r"\bthank(?:s|ing|ful)?\b|\bth(?:x|nx|anx)\b",
    r"\b(?:grateful|gratitude|appreciated)\b",
    r"\bappreciate (?:the|your|you|it|having|meeting|talking|speaking|getting)\b",
)
"""Signs of thanks."""

CONTACT_QUESTION = _any(
    r"\bwhom?\b[^.?!]{0,60}\b(?:contact|in touch|reach out|speak|talk|follow up|hear from"
    r"|liaise|coordinat|handl|be working with|point person)",
    r"\b(?:name|details|email|contact (?:details|information)) (?:of|for) (?:my |the |your )?"
    r"(?:new |next )?(?:contact|colleague|person|recruiter|hiring manager)",
    r"\bpoint of contact\b",
)
"""Rule 6: asking who the candidate's contact will be from now on."""

ANNOUNCED_CONTACT = _any(
    r"\bI(?:'ll| will| shall| plan to| intend to|'m going to| am going to)(?: \w+)? (?:call"
    r"|phone|ring|follow up|check in|touch base|reach out|be in touch|get in touch|email you"
    r"|write (?:to you )?again|contact you|stop by|drop by)\b",
    r"\b(?:may|can|could|might) I (?:call|phone|ring|follow up|check in|contact you|touch base"
    r"|reach out)\b",
    r"\bgive you a (?:\w+ )?(?:call|ring)\b",
)
"""Rule 5: a thank-you that announces, or asks for, another contact."""

# -- tone (bothersome) ------------------------------------------------------------------------

PUSHY: dict[str, tuple[re.Pattern[str], str]] = {
    "comparison": (
        _any(
            r"\b(?:strongest|best|ideal|perfect|most qualified|only) (?:candidate|applicant"
            r"|person for (?:the|this) (?:job|role|position))s?\b",
            r"\b(?:no ?one|nobody) (?:else )?(?:is|would be|could be|will be) (?:better|more"
            r" qualified)",
            r"\byou (?:won'?t|will not|couldn'?t|could not) (?:find|regret)\b",
            r"\b(?:making|make) a (?:big |huge )?mistake\b",
            r"\bhire me\b",
        ),
        "Let one concrete highlight speak for you instead of ranking yourself against others.",
    ),
    "need": (
        _any(
            r"\bI (?:really |truly |desperately )?need (?:this|the|a|that) (?:job|position|role"
            r"|work|income|offer)\b",
            r"\bdesperate(?:ly)?\b",
            r"\bplease,? please\b",
            r"\bI(?:'m| am)? beg(?:ging)?\b",
            r"\b(?:last|only) hope\b",
            r"\bI(?:'ll| will|'d| would) do anything\b",
            r"\b(?:family|kids|children|wife|husband|partner) (?:is|are) (?:counting|depending"
            r"|relying) on me\b",
            r"\b(?:behind on|can'?t (?:pay|afford)|cannot (?:pay|afford)) (?:my )?(?:rent|bills"
            r"|mortgage)\b",
        ),
        "Say what you bring and that you are keen; leave out how much you need the job.",
    ),
    "reproach": (
        _any(
            rf"\bwhy (?:have{_NOT} you|has{_NOT}|did{_NOT} you|is{_NOT}|has no ?one|has nobody"
            r"|is no ?one|am I not)\b",
            r"\b(?:as )?per my (?:last|previous|earlier) (?:email|e-mail|message|note|voicemail"
            r"|letter|call)\b",
            r"\bthis is my (?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) (?:email|e-mail"
            r"|message|attempt|time|call)\b",
            r"\b(?:several|many|multiple|three|four|five|numerous|\d+) (?:times|emails|e-mails"
            r"|messages|voicemails|attempts) (?:now|already|without)\b",
            rf"\byou (?:never|did{_NOT}|have{_NOT}|still have{_NOT}) (?:even )?(?:replied|reply"
            r"|responded|respond|answered|answer|got back|get back|gotten back|returned|called"
            r"|call|written|write)\b",
            r"\b(?:ignor|ghost)(?:ed|ing) (?:me|my)\b",
            r"\b(?:no ?one|nobody) (?:has|had|have)(?: yet| even)? (?:called|replied|responded"
            r"|got back|gotten back|contacted|written)\b",
            r"\bcommon courtesy\b",
            r"\bthe least you (?:could|can)\b",
            rf"\b(?:surprised|disappointed|frustrated|upset|hurt) (?:that )?(?:I (?:have{_NOT}"
            rf"|still|did{_NOT}|never)|not to|to not|nobody|no ?one|you (?:have{_NOT}|did{_NOT}"
            r"|never))",
            r"\bI (?:turned down|declined|gave up|passed on|rejected) (?:\w+ ){0,3}(?:offers?"
            r"|jobs?|positions?|opportunit(?:y|ies))\b",
            r"\bafter (?:all )?(?:the|my) (?:time|effort|work|money|hours) I (?:spent|put"
            r"|invested|gave)\b",
            r"\byou (?:promised|said you would|told me you would)\b",
            rf"\b(?:can{_NOT}|cannot) (?:sleep|eat|stop (?:thinking|checking))\b",
        ),
        "Assume they are busy rather than careless, and write as if this were your first message.",
    ),
    "demand": (
        _any(
            r"\basap\b(?<!start asap)(?<!begin asap)(?<!join asap)(?<!available asap)",
            r"\b(?:reply|respond|answer|hear back|get back to me|let me know|decision|update)\b"
            r"[^.!?]{0,30}\b(?:as soon as possible|immediately|right away|urgently|at once"
            r"|by return|within \d+ (?:hours|hrs|days))\b",
            r"\bI (?:expect|demand|require) (?:a |an |your )?(?:reply|response|answer|decision"
            r"|call|update|feedback|explanation)\b",
            r"\bI (?:demand|insist)\b",
            r"\byou (?:need|have|must|should) (?:to )?(?:reply|respond|answer|let me know|tell me"
            r"|get back|call|decide|update)\b",
            r"\bI need (?:an|your|a) (?:answer|reply|response|decision|update)\b",
            r"\bI need to (?:know|hear|have an answer)\b[^.!?]{0,20}\b(?:today|now|tomorrow"
            r"|immediately|right away)\b",
            r"\b(?:end|close) of (?:day|business)\b|\bEOD\b",
            rf"\bif I (?:do{_NOT}|have{_NOT}) hear(?:d)?\b[^.!?]{{0,60}}\b{_CONSEQUENCE}",
            rf"\b(?:or|otherwise),? {_CONSEQUENCE}",
            r"\bor else\b",
            r"\b(?:final|last) (?:chance|warning|notice|reminder)\b",
            r"\btake my (?:talents|skills|services) elsewhere\b",
            r"\b(?:consider|treat) (?:my|this) application (?:as )?withdrawn\b",
        ),
        "Leave the timing to them: say you would be glad to hear back when they have news.",
    ),
}
"""Wording that reads as pushy, desperate or demanding, by kind, with a calmer way to say it."""

REPEATED_PUNCTUATION = re.compile(r"[!?]{2,}")
SHOUTED_WORDS = re.compile(r"\b(?:[A-Z]{2,}[ ,]+){2,}[A-Z]{2,}\b")
"""Three all-caps words in a row (one acronym such as SQL is fine)."""
SHOUTED_EMPHASIS = re.compile(
    r"\b(?:REALLY|VERY|PLEASE|NEED|URGENT|STILL|ANY|NOW|WHY|MUST|NEVER|SO|EXTREMELY|TRULY"
    r"|DESPERATE|DESPERATELY|IMMEDIATELY)\b"
)
"""A word written in capitals for emphasis."""

# -- form ---------------------------------------------------------------------------------------

_PLACEHOLDER_WORD = (
    r"(?:your|insert|add|company|employer|organi[sz]ation|role|position|job|title|name|first"
    r"|last|date|day|time|interviewer|hiring|manager|recruiter|skill|accomplishment|achievement"
    r"|highlight|news|phone|email|address|number|team|department|here|x+)"
)
PLACEHOLDER = re.compile(
    r"\[(?!sic\])[^\[\]\n]{0,40}[^\W\d_][^\[\]\n]{0,40}\]"
    rf"|<[^<>@/\n]{{0,40}}?\b{_PLACEHOLDER_WORD}\b[^<>@/\n]{{0,40}}>"
    r"|\{\{?[^{}\n]{1,40}\}\}?"
    r"|(?-i:\bX{2,}\b)|_{3,}|\blorem ipsum\b",
    re.IGNORECASE,
)
"""An unfilled placeholder: `[Your name]`, `[specific project]`, `<company>`, `{name}`, `XXX`,
`____`. Any words in square brackets count; in angle brackets only placeholder words do, so
that an HTML tag does not."""
SPEAKER_CUE = re.compile(r"^\[your\b", re.IGNORECASE)
"""In a script, `[your name]` is a cue for the speaker, not a gap the listener would notice."""

GREETING = re.compile(
    r"^\s*(?:dear|hi|hello|hey|hiya|good (?:morning|afternoon|evening|day)|greetings"
    r"|to whom it may concern)\b(?P<who>(?:(?! - )[^,:;!?\n—–]){0,60})[,:;!—–]?",
    re.IGNORECASE,
)
NAME_LINE = re.compile(r"^\s*(?P<who>[^\W\d_][\w.' -]{0,40}),\s*$")
"""A line such as `Dana,` that greets by name alone."""
SIGN_OFF = re.compile(
    r"^\s*(?:kind|best|warm|warmest|many|with|all the)? ?(?:regards|wishes|thanks(?: again)?"
    r"|thank you(?: again)?|sincerely(?: yours)?|yours(?: sincerely| faithfully| truly)?|best"
    r"|cheers|respectfully|gratitude|gratefully|appreciation|take care|talk soon|warmly"
    r"|cordially)(?: so much)?\s*(?:[,.!]\s*(?:[^\W\d_][\w .'-]{0,40})?)?\s*$",
    re.IGNORECASE,
)
"""A closing line: `Kind regards,`, `Best, Sam`."""
GREETING_FILLER = _set(
    "dear hi hello hey hiya there all everyone everybody team folks friends colleagues hiring"
    " manager managers recruiter recruiting recruitment talent acquisition committee panel hr"
    " sir madam or and the to whom it may concern again both you i hope am are is well"
    " mr mrs ms miss mx dr prof professor good morning afternoon evening day greetings"
)
"""Words in a greeting that are not anybody's name."""
TITLES = _set("mr mrs ms miss mx dr prof professor sir madam")

_GREETING_SEARCH_LINES = 12

# -- naming the company and the role ------------------------------------------------------------

COMPANY_SUFFIXES = _set(
    "inc incorporated ltd limited llc llp plc corp corporation co company gmbh ag sa sas bv nv"
    " pty group holdings the"
)
"""Words left out when looking for a company's name: `Initech` names `Initech, Inc.`."""
GENERIC_COMPANY_WORDS = _set(
    "city state county university college school bank national international global american"
    " united first general new north south east west great royal saint st department"
)
"""First words too common to stand for a company on their own."""
SENIORITY = _set("senior junior sr jr lead principal staff chief head i ii iii iv")
"""Words of a job title a candidate may leave out: `the data analyst role` for a senior one."""
ROLE_NOUNS = ("role", "position", "job", "post", "opening", "vacancy")
ROLE_ARTICLES = ("the", "this", "that", "your", "a", "an")
"""Between one of these and one of `ROLE_NOUNS`, a role's last word names it alone."""

STOP_WORDS = _set(
    "a an the and or of in on at to for by with from as my our your their his her its i me we"
    " you they it is are was were be been am that this these those which who what how over"
    " into than then so very more most also just all any each per about after before while"
    " when during can could would will have has had do did not no up out team work role"
    " position job company interview"
)
"""Words too common to tell whether a highlight or a piece of news is in a draft."""

# -- sentences ----------------------------------------------------------------------------------

NEVER_END = _set(
    "mr mrs ms mx dr prof st jr sr no nos vs approx cf dept fig ca vol rev hon gen col capt lt"
    " sgt mt ft ave jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur"
    " thurs fri sat sun e.g i.e eg ie"
)
"""Abbreviations after which a full stop does not end a sentence (`Dr. Reyes`, `e.g. SQL`)."""
MAY_END = _set("etc inc ltd co corp llc plc a.m p.m u.s u.k ph.d gmbh")
"""Abbreviations that end a sentence only when a capital follows (`at Acme Inc. I`)."""
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"')\]]*+(?= )")
"""The end of a run of stops; it never starts inside a run, so long runs stay linear."""
_BLOCK_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_STRAIGHT = {"'": "’‘ʼ′`", '"': "“”„″"}
"""Curly apostrophes and quotes, read as straight ones."""


# -- reading a draft ----------------------------------------------------------------------------


@cache
def _tables() -> tuple[dict[int, str | None], dict[int, None]]:
    """Translation tables, built once: what reading changes, and what folding drops.

    Format characters (category Cf, such as a zero-width space) go, so that they cannot hide
    a word; control and line-separator characters other than line breaks and tabs become
    spaces, as in `text.clean_block`; curly apostrophes and quotes become straight ones;
    folding drops accents. All such characters live in the first two planes or in plane 14,
    so only those are scanned.
    """
    reading: dict[int, str | None] = {
        ord(curly): straight for straight, curlies in _STRAIGHT.items() for curly in curlies
    }
    accents: dict[int, None] = {}
    for code in itertools.chain(range(0x20000), range(0xE0000, 0xE1000)):
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Cf":
            reading[code] = None
        elif category in {"Cc", "Zl", "Zp"} and char not in "\n\t":
            reading[code] = " "
        if unicodedata.combining(char):
            accents[code] = None
    return reading, accents


def _normal(text: str) -> str:
    """The text as the checks read it: compatibility forms folded (`…` is `...`), `\\n` line
    breaks, straight apostrophes and quotes, and no invisible or control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFKC", text).translate(_tables()[0])


def _fold(text: str) -> str:
    """Lower case without accents, for comparing words: `José` matches `jose`."""
    return unicodedata.normalize("NFKD", text.casefold()).translate(_tables()[1])


def _words(text: str) -> list[str]:
    """The folded words of `text`, without a possessive `'s`."""
    return [word.removesuffix("'s") for word in _WORD.findall(_fold(_normal(text)))]


def _stem(word: str) -> str:
    """A light stemmer, enough for `nurse`, `nursing` and `nursed` to meet."""
    if word in STOP_WORDS:
        return word
    for suffix in ("ing", "ed", "ly"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            word = word[: -len(suffix)]
            break
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


@dataclass(frozen=True)
class _Message:
    """A draft taken apart once, so that every check reads the same pieces."""

    kind: Kind
    channel: Channel
    interview: Interview
    to_name: str
    moment: str  # the moment the learner noted with the addressee
    subject: str
    flat: str  # subject and body on one line: what the phrase patterns search
    greeting: str | None  # the words after `Dear`, or None without a greeting
    content: str  # the body between the greeting and the sign-off
    stems: frozenset[str]
    stem_text: str  # the stems, space-separated and padded, for phrase look-ups
    tokens: str  # the folded words, space-separated and padded, for phrase look-ups

    @classmethod
    def read(cls, draft: Draft, kind: Kind, interview: Interview) -> _Message:
        subject = _normal(one_line(draft.subject))
        body = _normal(draft.body)
        greeting, content = _split(body)
        flat = " ".join(f"{subject}\n{body}".split())
        words = [w.removesuffix("'s") for w in _WORD.findall(_fold(flat))]  # flat is normal
        stems = [_stem(word) for word in words]
        return cls(
            kind=kind,
            channel=draft.channel,
            interview=interview,
            to_name=_normal(one_line(draft.to.name)),
            moment=draft.to.moment,
            subject=subject,
            flat=flat,
            greeting=greeting,
            content=content,
            stems=frozenset(stems),
            stem_text=f" {' '.join(stems)} ",
            tokens=f" {' '.join(words)} ",
        )

    @property
    def spoken(self) -> bool:
        return self.channel in SPOKEN

    @property
    def follow_up(self) -> bool:
        return self.kind in _FOLLOW_UPS

    @property
    def rule(self) -> str:
        """The rule a message of this kind answers to: 1 for a thank-you, 3 for a follow-up."""
        return "rule 1" if self.kind is Kind.THANK_YOU else "rule 3"

    @property
    def what(self) -> str:
        return {
            Kind.THANK_YOU: "this thank-you",
            Kind.FOLLOW_UP: "this follow-up",
            Kind.SECOND_FOLLOW_UP: "this second follow-up",
        }[self.kind]

    def mentions(self, phrase: str) -> bool:
        """Whether enough words of `phrase` (a highlight, a moment, a piece of news) are here:
        two of them, or a third of a long phrase."""
        wanted = {_stem(word) for word in _words(phrase)} - STOP_WORDS
        if not wanted:
            return False
        needed = min(len(wanted), max(2, math.ceil(len(wanted) / 3)))
        return len(wanted & self.stems) >= needed


def _split(body: str) -> tuple[str | None, str]:
    """The greeting's words, and the content between the greeting and the sign-off.

    A letter's heading (date, name, address) above the greeting is left out, and so are the
    sign-off and the signature below it.
    """
    lines = body.split("\n")
    greeting, start = None, 0
    for index, line in enumerate(lines[:_GREETING_SEARCH_LINES]):
        match = GREETING.match(line) or (NAME_LINE.match(line) if len(line.split()) <= 4 else None)
        if match and not SIGN_OFF.match(line):
            greeting = match["who"]
            lines[index] = line[match.end() :]
            start = index
            break
        words = len(line.split())
        if words >= 6 or (words >= 4 and line.rstrip().endswith((".", "!", "?"))):
            break  # the message has begun without a greeting
    end = len(lines)
    for index in range(len(lines) - 1, start, -1):
        if SIGN_OFF.match(lines[index]):
            end = index
            break
    return greeting, "\n".join(lines[start:end]).strip()


def _sentences(content: str) -> list[str]:
    """The sentences of `content`; a paragraph or a list item ends one even without a stop.

    A piece counts when it ends with a full stop, a question or an exclamation mark, or runs to
    five words or more, so that the lines of a letter's heading do not count.
    """
    sentences: list[str] = []
    for block in _BLOCK_BREAK.split(content):
        block = " ".join(block.split())
        start = 0
        for match in _BOUNDARY.finditer(block):
            if not _continues(block, match):
                sentences.append(block[start : match.end()])
                start = match.end()
        sentences.append(block[start:])
    return [
        piece
        for piece in (s.strip() for s in sentences)
        if _WORD.search(piece) and (piece.endswith((".", "!", "?")) or len(piece.split()) >= 5)
    ]


def _continues(block: str, boundary: re.Match[str]) -> bool:
    """Whether the stop at `boundary` belongs to an abbreviation, an initial or an ellipsis
    that does not end the sentence."""
    stop = boundary.group()
    if not stop.startswith("."):
        return False
    capital_follows = block[boundary.end() + 1 : boundary.end() + 2].isupper()
    if stop.startswith(".."):
        return not capital_follows
    word = block[block.rfind(" ", 0, boundary.start()) + 1 : boundary.start()]
    word = word.lstrip("\"'([").casefold()
    if word in NEVER_END or (len(word) == 1 and word.isalpha()):
        return True
    if word in MAY_END or "." in word:
        return not capital_follows
    return False


# -- the checks ---------------------------------------------------------------------------------

_Check = Callable[[_Message], Finding | None]


def _quote(text: str, limit: int = 60) -> str:
    text = one_line(text)
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"


def _forbidden(m: _Message) -> Finding | None:
    """Rules 5 and 6: no follow-up at all after "do not contact us" or a hand-off."""
    if not m.follow_up or m.interview.next_step not in NO_FOLLOW_UP:
        return None
    if m.interview.next_step is NextStep.DO_NOT_CONTACT:
        return Finding(
            "not-allowed",
            "rule 5",
            f"They asked not to be contacted, so {m.what} should not be sent: the thank-you "
            "was the one message.",
            "Keep it unsent and put the time into your other applications; if they want to go "
            "further, they will be in touch.",
        )
    if m.interview.next_step is NextStep.HANDED_OFF:
        return Finding(
            "not-allowed",
            "rule 6",
            f"Your application has moved on to someone else, so {m.to_name or 'this person'} "
            "should not get follow-ups.",
            "Do not send it; if you know who your new contact is, write to them instead, and "
            "otherwise wait to hear from them.",
        )
    return None


def _thank_you_limits(m: _Message) -> Finding | None:
    """Rule 6: the last thank-you asks who the contact will be; rule 5: it promises nothing."""
    if m.kind is not Kind.THANK_YOU:
        return None
    if m.interview.next_step is NextStep.HANDED_OFF and not CONTACT_QUESTION.search(m.flat):
        return Finding(
            "not-allowed",
            "rule 6",
            "This is your last message to this person, and it does not ask who your contact "
            "will be from now on.",
            "Add one line such as: could you tell me who I should be in touch with from here on?",
        )
    if m.interview.next_step is NextStep.DO_NOT_CONTACT and (
        m.spoken or ANNOUNCED_CONTACT.search(m.flat)
    ):
        return Finding(
            "not-allowed",
            "rule 5",
            "They asked not to be contacted, yet this thank-you calls, or promises another call "
            "or message.",
            "Send it as a brief email and drop any line about calling or following up, so it "
            "shows you listened.",
        )
    return None


def _channel(m: _Message) -> Finding | None:
    """Rule 1: a thank-you is never a call; rule 7: no call after a vague answer unless asked."""
    if m.channel is not Channel.PHONE:
        return None
    if m.kind is Kind.THANK_YOU:
        if m.interview.next_step is NextStep.DO_NOT_CONTACT:
            return None  # `not-allowed` already says it
        return Finding(
            "wrong-channel",
            "rule 1",
            "A thank-you works best in writing rather than as a call.",
            "Send it as a short email, the same day or the next business day.",
        )
    if m.interview.next_step in OPEN_ENDED and m.interview.call_ok_by is None:
        return Finding(
            "wrong-channel",
            "rule 7",
            "They gave no clear next step and no permission to call, so a call may feel like "
            "pressure.",
            "Follow up in writing instead, and ask in it whether a call by a certain day would "
            "be welcome.",
        )
    return None


def _placeholder(m: _Message) -> Finding | None:
    gaps = [
        match.group()
        for match in PLACEHOLDER.finditer(m.flat)
        if not (m.spoken and SPEAKER_CUE.match(match.group()))
    ]
    if not gaps:
        return None
    return Finding(
        "placeholder",
        "resources",
        f"A placeholder is still in the text: {_quote(gaps[0], 40)}.",
        "Replace it with the real words, then read the whole message once more for others.",
    )


def _subject(m: _Message) -> Finding | None:
    if m.channel is not Channel.EMAIL or m.subject.strip():
        return None
    role = one_line(m.interview.role) or "role"
    example = (
        f"Thank you for the {role} interview"
        if m.kind is Kind.THANK_YOU
        else f"Following up on the {role} interview"
    )
    return Finding(
        "no-subject",
        m.rule,
        "The email has no subject line, so it is easy to overlook.",
        f"Add a short subject such as “{example}”.",
    )


def _greeting(m: _Message) -> Finding | None:
    """The addressee is greeted by name (`no-greeting`), and by the right one (`wrong-name`)."""
    names = {w for w in _words(m.to_name) if w not in TITLES and len(w) > 1}
    if m.spoken or not names or "@" in m.to_name:
        return None  # nothing to say aloud, or the name is not known
    greeted = _words(PLACEHOLDER.sub(" ", m.greeting or ""))  # `Dear [Name]` greets nobody
    if names.intersection(greeted):
        return None
    others = [word for word in greeted if word not in GREETING_FILLER]
    if others:
        return Finding(
            "wrong-name",
            m.rule,
            f"The greeting names {_quote(' '.join(others).title(), 30)}, but the message goes "
            f"to {m.to_name}.",
            f"Greet {m.to_name} by name, and check for other names left from an earlier message.",
        )
    first = next((w for w in m.to_name.split() if _fold(w).strip(".") not in TITLES), m.to_name)
    return Finding(
        "no-greeting",
        m.rule,
        f"The message does not greet {m.to_name} by name.",
        f"Open with “Dear {m.to_name},” (or “Hi {first},” if you were on first-name terms).",
    )


def _company(m: _Message) -> Finding | None:
    """The company counts as named by its name without `Inc.`, or by a distinctive first word."""
    core = [word for word in _words(m.interview.company) if word not in COMPANY_SUFFIXES]
    if not core:
        return None
    first = core[0]
    short_name = len(core) > 1 and len(first) >= 4 and first not in GENERIC_COMPANY_WORDS
    if f" {' '.join(core)} " in m.tokens or (short_name and f" {first} " in m.tokens):
        return None
    company = one_line(m.interview.company)
    return Finding(
        "company-missing",
        m.rule,
        f"The message never names {company}, so it could have been written to any employer.",
        f"Name {company} once, ideally in the first sentence, and check that no other "
        "company's name is left from an earlier message.",
    )


def _role(m: _Message) -> Finding | None:
    """The role counts as named by two of its words in a row, or by its last word alone
    between `the` and `role` (`the analyst position` for a Senior Data Analyst, but not
    `the account manager role` for a Customer Success Manager)."""
    role = re.sub(r"\([^)]*\)", " ", m.interview.role)
    core = [_stem(word) for word in _words(role) if word not in SENIORITY]
    if not core:
        return None
    phrases = [f" {a} {b} " for a, b in itertools.pairwise(core)] + [
        f" {article} {core[-1]} {_stem(noun)} " for article in ROLE_ARTICLES for noun in ROLE_NOUNS
    ]
    if core[0] in m.stems if len(core) == 1 else any(p in m.stem_text for p in phrases):
        return None
    role_name = one_line(m.interview.role)
    return Finding(
        "role-missing",
        m.rule,
        f"The message never names the {role_name} position.",
        f"Mention the {role_name} position once, so they know at a glance which interview "
        "you mean.",
    )


def _thanks(m: _Message) -> Finding | None:
    if m.kind is not Kind.THANK_YOU or THANKS.search(m.flat):
        return None
    role = one_line(m.interview.role) or "role"
    return Finding(
        "no-thanks",
        "rule 1",
        "This thank-you never actually thanks them.",
        f"Open with a line such as “Thank you for taking the time to talk with me about the "
        f"{role} position.”",
    )


def _moment(m: _Message) -> Finding | None:
    """Rule 1: a thank-you recalls the moment of the conversation the learner noted."""
    moment = one_line(m.moment)
    if m.kind is not Kind.THANK_YOU or not moment or m.mentions(moment):
        return None
    return Finding(
        "no-moment",
        "rule 1",
        f"It does not recall the moment you noted from the conversation ({moment}).",
        "Add one sentence about it: a specific moment makes a thank-you memorable.",
    )


def _must_say(code: str, pattern: re.Pattern[str], missing: str, example: str) -> _Check:
    """A check that a follow-up says one of the things rule 3 asks of it."""

    def check(m: _Message) -> Finding | None:
        if not m.follow_up or pattern.search(m.flat):
            return None
        return Finding(code, "rule 3", f"{m.what.capitalize()} does not {missing}.", example)

    return check


def _highlight(m: _Message) -> Finding | None:
    """Rule 3: a listed highlight, loosely matched, or any other sign of a skill."""
    highlights = [one_line(h) for h in m.interview.highlights if one_line(h)]
    if not m.follow_up or any(map(m.mentions, highlights)) or GENERIC_HIGHLIGHT.search(m.flat):
        return None
    suggestion = (
        f"Add one of your highlights, for example: {highlights[0]}."
        if highlights
        else "Add one concrete skill or accomplishment that fits the role, in one sentence."
    )
    return Finding(
        "no-highlight",
        "rule 3",
        f"{m.what.capitalize()} does not remind them of a skill or accomplishment.",
        suggestion,
    )


def _news(m: _Message) -> Finding | None:
    """Rule 4: a second follow-up carries new information, listed or otherwise."""
    news = [one_line(item) for item in m.interview.new_info if one_line(item)]
    if m.kind is not Kind.SECOND_FOLLOW_UP or any(map(m.mentions, news)) or NEWS.search(m.flat):
        return None
    suggestion = (
        f"Lead with your news: {news[0]}."
        if news
        else "Send it only with something new to say (a certificate earned, a start date "
        "sorted, a result); otherwise leave the next move to them."
    )
    return Finding(
        "no-new-info",
        "rule 4",
        "This second follow-up brings no news, so it reads as checking in again.",
        suggestion,
    )


def _without_names(m: _Message) -> str:
    """The text without the names it was given, which may well be spelled in capitals."""
    text = m.flat
    for name in (m.interview.company, m.interview.role, m.to_name, m.interview.candidate):
        name = _normal(one_line(name))
        if name:
            text = text.replace(name, " ")
    return text


def _pushy(m: _Message) -> Finding | None:
    """Bothersome: pushy, desperate or demanding words, or a raised voice."""
    for pattern, suggestion in PUSHY.values():
        match = pattern.search(m.flat)
        if match:
            return Finding(
                "pushy",
                "bothersome",
                f"Some wording may come across as pushy rather than keen: {_quote(match.group())}.",
                suggestion,
            )
    text = _without_names(m)
    shout = (
        REPEATED_PUNCTUATION.search(text)
        or SHOUTED_WORDS.search(text)
        or SHOUTED_EMPHASIS.search(text)
    )
    if shout or text.count("!") > EXCLAMATION_LIMIT:
        excerpt = _quote(shout.group()) if shout else "many exclamation marks"
        return Finding(
            "pushy",
            "bothersome",
            f"The punctuation or capitals raise the voice ({excerpt}), which reads as pressure.",
            "Use plain sentences with full stops; calm words carry your interest better.",
        )
    return None


def _length(m: _Message) -> Finding | None:
    """Rule 3: three to five sentences for a follow-up; rule 1: a short thank-you."""
    if m.spoken:
        return None
    sentences = len(_sentences(m.content))
    words = len(_WORD.findall(m.content))
    thank_you = m.kind is Kind.THANK_YOU
    if sentences > MAX_SENTENCES[m.kind] or words > MAX_WORDS[m.kind]:
        needs = "a thank-you needs" if thank_you else "a follow-up needs (three to five sentences)"
        keep = (
            "the thanks, one moment or highlight, and a line about what comes next"
            if thank_you
            else "your interest, hearing back, the offer of references and one highlight"
        )
        return Finding(
            "too-long",
            m.rule,
            f"At {sentences} sentences and {words} words it is longer than {needs}.",
            f"Keep {keep}; cut the rest.",
        )
    if words < MIN_WORDS[m.kind]:
        write = (
            "two or three sentences: thank them, name the role, and recall one moment"
            if thank_you
            else "three to five sentences: your interest, that you would like to hear back, "
            "the offer of references, and one highlight"
        )
        return Finding(
            "too-short",
            m.rule,
            f"At {words} words it says too little to do its job.",
            f"Write {write}.",
        )
    return None


_CHECKS: tuple[_Check, ...] = (
    _thank_you_limits,
    _channel,
    _placeholder,
    _subject,
    _greeting,
    _company,
    _role,
    _thanks,
    _moment,
    _must_say(
        "no-interest",
        INTEREST,
        "say that you are still interested in the position",
        "Add a line such as “I am still very interested in the position.”",
    ),
    _must_say(
        "no-hear-back",
        HEAR_BACK,
        "say that you would like to hear back",
        "Add a line such as “I would be glad to hear how things are going when you have news.”",
    ),
    _must_say(
        "no-references",
        REFERENCES,
        "offer references or other information",
        "Add a line such as “If references or any other information would help, I am happy "
        "to send them.”",
    ),
    _highlight,
    _news,
    _pushy,
    _length,
)
"""The checks, in the order of `CODES`."""


def review(draft: Draft, kind: Kind, interview: Interview) -> tuple[Finding, ...]:
    """What a careful coach would point out in `draft`, a message of `kind` after `interview`.

    A follow-up that must not be sent at all (rules 5 and 6) gets that one finding, since
    nothing else about it matters. Otherwise every check runs, in the order of `CODES`.
    """
    message = _Message.read(draft, kind, interview)
    forbidden = _forbidden(message)
    if forbidden:
        return (forbidden,)
    return tuple(f for f in (check(message) for check in _CHECKS) if f is not None)
