"""The draft reviewer: what a careful coach would point out in a message after an interview.

`review` reads a thank-you or a follow-up (one the planner wrote, or one the learner wrote or
edited) against the interview it follows, and, given the day it would be sent, whether that day
is too early. `review_reply` reads a reply to an offer, a rejection or a next round the same
way, and `review_panel` compares the thank-yous to the members of one panel, which should not
read word for word alike. Every finding cites the guidance rule or section behind it.

Every heuristic is a named word list or pattern below, so a coach can read, and argue with,
each one. They ignore case, punctuation and typographic apostrophes; names are compared with
rapidfuzz, so that a name spelled one letter wrong is told apart from somebody else's. Doubt
falls on the learner's side: what a message must say is looked for loosely (any plain sign of
it counts), and what it must not say narrowly, because a finding the learner cannot see the
reason for does more harm than a miss.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import NamedTuple

from rapidfuzz import fuzz

from workbook.model import Answer, Channel, Draft, Finding, Interview, Kind, NextStep
from workbook.rules.dates import BusinessCalendar, UnknownCountryError
from workbook.rules.phrasing import phrased
from workbook.rules.planner import FLOOR_DAYS, NO_FOLLOW_UP, OPEN_ENDED, thank_you_day
from workbook.rules.text import one_line

__all__ = [
    "CODES",
    "EXCLAMATION_LIMIT",
    "MAX_SENTENCES",
    "MAX_WORDS",
    "MIN_WORDS",
    "SPOKEN",
    "review",
    "review_panel",
    "review_reply",
]

CODES: tuple[str, ...] = (
    "not-allowed",
    "too-early",
    "wrong-channel",
    "placeholder",
    "no-subject",
    "no-greeting",
    "wrong-name",
    "misspelled-name",
    "form-of-address",
    "company-missing",
    "role-missing",
    "no-thanks",
    "no-moment",
    "identical-notes",
    "no-interest",
    "no-hear-back",
    "no-references",
    "no-highlight",
    "no-new-info",
    "fragment",
    "salary-question",
    "pushy",
    "grovelling",
    "too-casual",
    "too-long",
    "too-short",
)
"""Every finding code, in the order the reviewer reports them."""

SPOKEN = frozenset({Channel.PHONE, Channel.IN_PERSON})
"""Channels whose draft is a script to speak: no subject, greeting line or length to check."""
CHAT = frozenset({Channel.LINKEDIN, Channel.TEXT})
"""Channels where a lighter register is usual: `Hey Jordan` is fine there."""

MAX_SENTENCES: dict[Kind | Answer, int] = {
    Kind.THANK_YOU: 6,
    Kind.FOLLOW_UP: 5,
    Kind.SECOND_FOLLOW_UP: 5,
    **{answer: 6 for answer in Answer},
}
"""Rule 1 keeps a thank-you short; rule 3 gives a follow-up three to five sentences; a reply
(rule 12) says what it must and stops."""
MAX_WORDS: dict[Kind | Answer, int] = {
    Kind.THANK_YOU: 150,
    Kind.FOLLOW_UP: 140,
    Kind.SECOND_FOLLOW_UP: 150,
    **{answer: 150 for answer in Answer},
}
"""Five long sentences are still too long: a word ceiling beside the sentence count."""
MIN_WORDS: dict[Kind | Answer, int] = {
    Kind.THANK_YOU: 10,
    Kind.FOLLOW_UP: 20,
    Kind.SECOND_FOLLOW_UP: 20,
    **{answer: 10 for answer in Answer},
}
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
    r"\ba (?:quick |brief |short )?(?:update|reply|response|answer)\b"
    r"(?! (?:to|from) (?:your|my|the))",
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

# -- tone -------------------------------------------------------------------------------------


class Tone(NamedTuple):
    """Wording of one kind to avoid: what it sounds like, and a better way to say it."""

    pattern: re.Pattern[str]
    sounds: str
    suggestion: str


_NOT_BEFORE = r"(?<!\bnot )(?<!\bnot the )(?<!n't the )(?<!\bnot a )(?<!n't a )"
"""Not after `not (the)`: `probably not the strongest candidate` runs oneself down instead."""

PUSHY: dict[str, Tone] = {
    "comparison": Tone(
        _any(
            _NOT_BEFORE
            + r"\b(?:strongest|best|ideal|perfect|most qualified|only) (?:candidate|applicant"
            r"|person for (?:the|this) (?:job|role|position))s?\b",
            r"\b(?:no ?one|nobody) (?:else )?(?:is|would be|could be|will be) (?:better|more"
            r" qualified)",
            r"\byou (?:won'?t|will not|couldn'?t|could not) (?:find|regret)\b",
            r"\b(?:making|make) a (?:big |huge )?mistake\b",
            r"\bhire me\b",
        ),
        "Ranking yourself against the other candidates may come across as pushy",
        "Let one concrete highlight speak for you instead of ranking yourself against others.",
    ),
    "need": Tone(
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
        "Saying how much you need the job may come across as desperate rather than keen",
        "Say what you bring and that you are keen; leave out how much you need the job.",
    ),
    "reproach": Tone(
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
            r"\b(?:the )?courtesy of (?:a|an|your|some) (?:reply|response|answer|call|update"
            r"|decision)\b",
            r"\b(?:not|hardly) too much to ask\b",
            r"\bbump(?:ing)? (?:this|my (?:email|e-mail|message|note)|it) (?:up|to the top)\b",
            r"\b(?:assume|take it) (?:that )?(?:the (?:role|position|job|post|vacancy)"
            r" (?:has been|was|is) (?:filled|gone|taken)|(?:I|my application)"
            r" (?:was|wasn'?t|was not|have|has|am) (?:not )?(?:been )?(?:unsuccessful|rejected"
            r"|successful|out)|you(?:'ve| have) (?:gone|moved|decided|chosen|filled|found)"
            r"|(?:the answer|it) is (?:a )?no\b)",
            r"\bin case (?:my|the|that|it|this) (?:\w+ ){0,2}(?:got|was|went|has been|had been)"
            r" (?:lost|missed|buried|overlooked|deleted|ignored|stuck)\b",
            rf"\bin case you (?:missed|did{_NOT} see|never saw|overlooked) (?:it|my|this|the)\b",
            r"\bas I(?:'m| am) sure you(?:'ll| will)? (?:remember|recall|know)\b",
            r"\bstill waiting (?:to hear|for (?:a |an |your |any )?(?:reply|response|answer|news"
            r"|word|decision|update|you))\b",
            rf"\bI still (?:have{_NOT}|did{_NOT}|had{_NOT}) (?:heard|had|received|got)\b",
            r"\bI was (?:told|promised) (?:I(?:'d| would)|that I(?:'d| would)|to expect)\b",
            r"\beven a (?:simple |quick |short )?(?:no|rejection|reply|answer|one-line)\b",
            r"\bI (?:expected|deserved?|deserve) (?:more|better|at least)\b",
            r"\bI (?:turned down|declined|cancell?ed|gave up|passed on) (?:\w+ ){0,3}"
            r"(?:interviews?|offers?)\b",
        ),
        "This reads as a reproach for their silence or their process, which may come across "
        "as pushy",
        "Assume they are busy rather than careless, and write as if this were your first message.",
    ),
    "demand": Tone(
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
        "A demand or an ultimatum about their timing may come across as pushy",
        "Leave the timing to them: say you would be glad to hear back when they have news.",
    ),
}
"""Wording that reads as pushy, desperate, reproachful or demanding, by kind."""

GROVELLING = Tone(
    _any(
        r"\b(?:sorry|apologi[sz]e|apologies)\b[^.!?]{0,20}\b(?:if I|for (?:my|being|the way I"
        r"|how I|rambling|waffling|going on|talking|my nerves|being so nervous)|that I)\b"
        r"[^.!?]{0,40}\b(?:rambl|waffl|nervous|nerves|went on|ran on|talked too|tangent|unclear"
        r"|confus|stumbl|blank|babbl|messed|flustered|awkward|slow|long-winded)",
        r"\b(?:sorry|apologi[sz]e|apologies) (?:again )?(?:to|for) (?:bother|disturb|trouble"
        r"|pester|chas|tak(?:e|ing) up your time|intrud|writ(?:e|ing) again|keep(?:ing)? "
        r"(?:writing|emailing|asking))",
        r"\b(?:hate|don'?t want|do not want) to (?:bother|pester|disturb|trouble) you\b",
        r"\b(?:probably|likely|may|might|certainly|definitely|surely) (?:not|wasn'?t|isn'?t"
        r"|was not|is not|am not)(?: be)? (?:quite )?(?:the|your|a|an) (?:strongest|best|ideal"
        r"|most (?:qualified|experienced)|obvious|first|top|perfect|right|strong|great|ideal)"
        r"(?: \w+)?",
        r"\bI(?:'m| am)(?: probably| likely)? not (?:the|your) (?:strongest|best|most qualified"
        r"|ideal|first choice|obvious choice)",
        r"\b(?:I (?:know|realise|realize|understand|appreciate) )?I (?:probably |likely )?"
        r"(?:wasn'?t|was not|am not|'m not) (?:quite )?what you (?:were|are) looking for\b",
        r"\bI (?:know|realise|realize) I (?:don'?t|do not|didn'?t|did not) have (?:much|enough"
        r"|all|the (?:most|right))\b",
        r"\bI (?:messed|screwed|mucked|blew|fumbled|botched) (?:it |that |things )?(?:up|it)\b",
        r"\bI (?:didn'?t|did not) (?:do|interview|come across|perform|present myself) (?:very |that"
        r" |as )?well\b",
        r"\bhope (?:I|my \w+) (?:didn'?t|did not|haven'?t|have not) (?:give you the wrong"
        r" impression|come across|put you off|waste|bore|disappoint|count against)",
        r"\bI (?:wasn'?t|was not|am not|'m not|may not be|might not be) (?:good|strong|qualified"
        r"|experienced|clever|smart|skilled) enough\b",
        r"\bprove myself\b",
        r"\b(?:any|the slightest) chance at all\b",
        r"\b(?:if you(?:'d| would)? (?:even )?)?(?:consider|give) (?:me|someone like me)"
        r" (?:at all|anyway|even so)\b",
        r"\bI(?:'m| am) (?:just|only) (?:a|an) (?:humble|simple|recent|lowly)\b",
        r"\bforgive me for\b",
    ),
    "Apologising for yourself, or running yourself down, undersells you",
    "Leave the apology out and end on what you bring: one calm line about a skill that fits.",
)
"""Grovelling and self-deprecation: apologies for the interview or for writing at all."""

CASUAL_WORDS = _any(
    r"\b(?:thx|thnx|thanx|tnx|pls|plz|gonna|wanna|gotta|lol|omg|btw|tbh|imo|idk|cya|gr8"
    r"|b4|ya|yeah|yep|yup|nope|dunno|kinda|sorta|cuz|coz|awsome)\b",
    r"(?-i:(?<![\w.'&/-])(?:u|ur|r)(?![\w.'&/-]))",
)
"""Chat shorthand: `thx`, `pls`, `gonna`, and a lower-case `u` or `r` on its own (not `U.S.`)."""
CASUAL_GREETING = re.compile(r"^\s*(?:hey|hiya|heya|yo|sup)\b", re.IGNORECASE)
"""A greeting for friends, outside chat channels."""
EMOTICON = re.compile(
    r"(?<![\w:/])[:;=]'?-?[)(DPpO3|\]\[]+(?![\w/(])|(?<!\w)(?:<3|\^_?\^|xD|XD)(?!\w)"
    r"|[\U0001F300-\U0001FAFF\u2639\u263A\u2665\u2764\u2728]"
)
"""An emoticon such as `:)` or `;-)`, or an emoji face, hand or heart."""
DOUBLED_EXCLAMATION = re.compile(r"!{2,}")
"""`!!`: the register of a chat, not of a letter."""

REPEATED_PUNCTUATION = re.compile(r"(?=[!?]*\?)[!?]{2,}")
"""`??`, `?!`: a question asked with a raised voice."""
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
SPOKEN_GREETING = re.compile(
    r"\b(?:hello|hi|good (?:morning|afternoon|evening))[ ]+(?P<who>(?:(?:mr|mrs|ms|mx|miss|dr"
    r"|prof)\.? )?[^\W\d_][^,.!?;:\"\n]{0,40})",
    re.IGNORECASE,
)
"""How a call script greets: `Hello Dana, this is Sam`."""

_GREETING_SEARCH_LINES = 12

# -- names --------------------------------------------------------------------------------------

GREETED_NAME_SCORE = 75
"""How alike (rapidfuzz's ratio, 0 to 100) a greeted word and a name must be to count as that
name misspelled, rather than somebody else's: `Reyse` for Reyes (80), not `Mark` for Marta."""
NAMED_IN_TEXT_SCORE = 83
"""The same for a capitalised word in the text, where common words look like names: one
letter wrong in six (`Okafur`, 83) counts, `Great` for Grant (80) does not."""
MIN_NAME_LENGTH = {"greeting": 4, "text": 6}
"""Shorter words are too often another name or word (`Dan` for Dana, `March` for Marco)."""

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

SALARY = _any(
    r"\b(?:salary|salaries|compensation|remuneration|pay (?:range|scale|band|rate|grade)"
    r"|pay rise|starting pay|hourly rate|day rate|(?:sign-on|signing|annual|performance) bonus"
    r"|bonus (?:scheme|structure|plan)|pension|stock options?|equity (?:stake|grant|package)"
    r"|paid (?:time off|leave|holidays?)|PTO|vacation (?:days|allowance|time)|holiday allowance"
    r"|annual leave|health (?:insurance|cover|plan)|medical (?:insurance|cover)|sick pay"
    r"|relocation (?:package|allowance)|company car)\b",
    r"\bbenefits (?:package|are|include|on offer|would|you offer|the role)\b",
    r"\b(?:about|on|regarding) (?:the |your )?(?:employee )?benefits\b(?! (?:of|for|to) )",
    r"\bhow much (?:does|would|will|is) (?:the (?:role|job|position) )?(?:it )?pay",
)
"""Rule 1: pay and benefits, which a thank-you leaves for the offer (a reply to one may ask)."""

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


class _Name(NamedTuple):
    """A word of a name the message should spell right, and the name it belongs to."""

    word: str  # folded, as the checks compare it
    whole: str  # the name as the learner typed it: `Quillmark Analytics`, `Katarzyna Wiśniewska`


class _Misspelling(NamedTuple):
    written: str
    name: _Name
    where: str  # a key of `MIN_NAME_LENGTH`


@dataclass(frozen=True)
class _Message:
    """A draft taken apart once, so that every check reads the same pieces.

    `kind` is the contact it is (a thank-you, a follow-up), or None for a reply to `answer`.
    """

    kind: Kind | None
    answer: Answer | None
    on: dt.date | None  # the day it would be sent, if known
    channel: Channel
    interview: Interview
    to_name: str
    to_title: str
    moment: str  # the moment the learner noted with the addressee
    subject: str
    flat: str  # subject and body on one line: what the phrase patterns search
    greeting: str | None  # the words after `Dear`, or None without a greeting
    opening: str  # the greeting line as written, or "" without one
    content: str  # the body between the greeting and the sign-off
    stems: frozenset[str]
    stem_text: str  # the stems, space-separated and padded, for phrase look-ups
    tokens: str  # the folded words, space-separated and padded, for phrase look-ups

    @classmethod
    def read(
        cls,
        draft: Draft,
        kind: Kind | None,
        interview: Interview,
        answer: Answer | None = None,
        on: dt.date | None = None,
    ) -> _Message:
        subject = _normal(one_line(draft.subject))
        body = _normal(draft.body)
        greeting, opening, content = _split(body)
        flat = " ".join(f"{subject}\n{body}".split())
        words = [w.removesuffix("'s") for w in _WORD.findall(_fold(flat))]  # flat is normal
        stems = [_stem(word) for word in words]
        return cls(
            kind=kind,
            answer=answer,
            on=on,
            channel=draft.channel,
            interview=interview,
            to_name=_normal(one_line(draft.to.name)),
            to_title=draft.to.title,
            moment=draft.to.moment,
            subject=subject,
            flat=flat,
            greeting=greeting,
            opening=opening,
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
    def sort(self) -> Kind | Answer:
        """What the message is, for the limits that differ by kind: a kind, or the answer."""
        return self.answer or self.kind or Kind.FOLLOW_UP

    @property
    def rule(self) -> str:
        """The rule a message of this kind answers to: 1 for a thank-you, 3 for a follow-up,
        12 for a reply."""
        if self.answer:
            return "rule 12"
        return "rule 1" if self.kind is Kind.THANK_YOU else "rule 3"

    @property
    def what(self) -> str:
        if self.kind is None:
            return "this reply"
        return {
            Kind.THANK_YOU: "this thank-you",
            Kind.FOLLOW_UP: "this follow-up",
            Kind.SECOND_FOLLOW_UP: "this second follow-up",
        }[self.kind]

    @property
    def name_parts(self) -> list[str]:
        """The addressee's name as typed, word by word, without a title typed with it."""
        return [part for part in self.to_name.split() if _fold(part).strip(".") not in TITLES]

    def mentions(self, phrase: str, ignore: frozenset[str] = frozenset()) -> bool:
        """Whether enough words of `phrase` (a highlight, a moment, a piece of news) are here:
        two of them, or a third of a long phrase. Stems in `ignore` do not count."""
        wanted = {_stem(word) for word in _words(phrase)} - STOP_WORDS - ignore
        if not wanted:
            return False
        needed = min(len(wanted), max(2, math.ceil(len(wanted) / 3)))
        return len(wanted & self.stems) >= needed

    @cached_property
    def misspellings(self) -> list[_Misspelling]:
        """Words that look like a name of this interview spelled wrong: in the greeting first,
        then capitalised words of the content."""
        interview = self.interview
        people = [one_line(person.name) for person in interview.interviewers] + [self.to_name]
        names = [
            _Name(word, whole) for whole in people for word in _words(whole) if word not in TITLES
        ] + [
            _Name(word, one_line(interview.company))
            for word in _words(interview.company)
            if word not in COMPANY_SUFFIXES and word not in GENERIC_COMPANY_WORDS
        ]
        known = {name.word for name in names} | set(
            _words(f"{interview.role} {interview.candidate}")
        )
        common = known | STOP_WORDS | GREETING_FILLER | TITLES
        greeted = [("greeting", word) for word in _words(self.greeting or "")]
        capitalised = [
            ("text", word)
            for match in _WORD.finditer(self.content)
            if match.group()[0].isupper()
            for word in _words(match.group())
        ]
        found = []
        for where, word in greeted + capitalised:
            if word in common or len(word) < MIN_NAME_LENGTH[where]:
                continue
            cutoff = GREETED_NAME_SCORE if where == "greeting" else NAMED_IN_TEXT_SCORE
            name = _like(word, names, cutoff)
            if name:
                found.append(_Misspelling(word, name, where))
        return found


def _like(word: str, names: Iterable[_Name], cutoff: float) -> _Name | None:
    """The name `word` looks like a misspelling of: as alike as `cutoff`, same first letter."""
    for name in names:
        if word[0] == name.word[0] and fuzz.ratio(word, name.word, score_cutoff=cutoff):
            return name
    return None


def _split(body: str) -> tuple[str | None, str, str]:
    """The greeting's words, the greeting line, and the content between the greeting and the
    sign-off.

    A letter's heading (date, name, address) above the greeting is left out, and so are the
    sign-off and the signature below it.
    """
    lines = body.split("\n")
    greeting, opening, start = None, "", 0
    for index, line in enumerate(lines[:_GREETING_SEARCH_LINES]):
        match = GREETING.match(line) or (NAME_LINE.match(line) if len(line.split()) <= 4 else None)
        if match and not SIGN_OFF.match(line):
            greeting, opening = match["who"], line
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
    return greeting, opening, "\n".join(lines[start:end]).strip()


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


def _day(day: dt.date) -> str:
    """`Friday 15 May`: day before month, which nobody misreads."""
    return f"{day:%A} {day.day} {day:%B}"


def _calendar(interview: Interview) -> BusinessCalendar:
    """The learner's business days; without the country's holidays if it is not known."""
    try:
        return BusinessCalendar(interview.holidays, interview.country)
    except UnknownCountryError:
        return BusinessCalendar(interview.holidays)


def _too_early(m: _Message) -> Finding | None:
    """Rules 1, 2, 7 and 8: a message dated before it may go out.

    A thank-you or a reply comes after the interview. A follow-up waits for the third business
    day after it and for the day after a decision date; a call they agreed to after an
    open-ended answer may come on the agreed day, even before that floor, but never on or
    before the day of the thank-you.
    """
    if m.on is None:
        return None
    interview = m.interview
    if m.on < interview.date:
        return Finding(
            "too-early",
            "rule 2" if m.follow_up else m.rule,
            f"It is dated {_day(m.on)}, before the interview on {_day(interview.date)}.",
            "Send it after the interview, once there is a conversation to refer to.",
        )
    if not m.follow_up:
        return None
    calendar = _calendar(interview)
    floor = calendar.add(interview.date, FLOOR_DAYS)
    decision = interview.decision_date
    if interview.next_step is NextStep.DECISION_DATE and decision and m.on <= decision:
        return Finding(
            "too-early",
            "rule 8",
            f"It would go on {_day(m.on)}, but they hoped to decide by {_day(decision)}.",
            f"Give them until then: send it on {_day(calendar.after(decision))} if you have "
            "not heard by then.",
        )
    agreed = interview.call_ok_by
    if m.channel is Channel.PHONE and interview.next_step in OPEN_ENDED and agreed:
        thanked = thank_you_day(interview, calendar)
        earliest = max(min(calendar.on_or_after(agreed), floor), calendar.after(thanked))
        if m.on >= earliest:
            return None
        return Finding(
            "too-early",
            "rule 7",
            f"The call would come on {_day(m.on)}, before they expect it: they agreed to a "
            f"call by {_day(agreed)}, and your thank-you goes on {_day(thanked)}.",
            f"Call on {_day(earliest)}, and say which day you agreed.",
        )
    if m.on >= floor:
        return None
    return Finding(
        "too-early",
        "rule 2",
        f"It would go on {_day(m.on)}, sooner than the third business day after the "
        "interview, which can feel like pressure.",
        f"Wait until {_day(floor)} at the earliest.",
    )


def _main_contact(m: _Message) -> bool:
    """Whether the message goes to the interview's main contact (or nobody else is known)."""
    people = m.interview.interviewers
    return not people or _fold(one_line(people[0].name)) == _fold(m.to_name)


def _thank_you_limits(m: _Message) -> Finding | None:
    """Rule 6: the last thank-you to the main contact asks who the contact will be; rule 5: it
    promises nothing."""
    if m.kind is not Kind.THANK_YOU:
        return None
    if (
        m.interview.next_step is NextStep.HANDED_OFF
        and _main_contact(m)
        and not CONTACT_QUESTION.search(m.flat)
    ):
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
    if m.channel is not Channel.PHONE or m.answer:
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
        f"Re: the {role} position"
        if m.answer
        else f"Thank you for the {role} interview"
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
    company = one_line(m.interview.company)
    if any(s.where == "greeting" and s.name.whole != company for s in m.misspellings):
        return None  # a misspelled name: `misspelled-name` says so
    if others:
        return Finding(
            "wrong-name",
            m.rule,
            f"The greeting names {_quote(' '.join(others).title(), 30)}, but the message goes "
            f"to {m.to_name}.",
            f"Greet {m.to_name} by name, and check for other names left from an earlier message.",
        )
    first = next(iter(m.name_parts), m.to_name)
    return Finding(
        "no-greeting",
        m.rule,
        f"The message does not greet {m.to_name} by name.",
        f"Open with “Dear {m.to_name},” (or “Hi {first},” if you were on first-name terms).",
    )


def _misspelled(m: _Message) -> Finding | None:
    """A name of the interview (the company's, an interviewer's) spelled slightly wrong."""
    if not m.misspellings:
        return None
    slip = m.misspellings[0]
    written = next(
        (w for w in _WORD.findall(m.flat) if _fold(w).removesuffix("'s") == slip.written),
        slip.written,
    )
    return Finding(
        "misspelled-name",
        m.rule,
        f"{_quote(written, 30)} looks like a misspelling of {slip.name.whole}.",
        f"Write {slip.name.whole} exactly as they do; a misspelled name is the first thing a "
        "reader notices.",
    )


def _form_of_address(m: _Message) -> Finding | None:
    """A greeting with the full name (`Dear Dana Reyes,`) or a title with the first name
    (`Dear Ms Dana,`). Title and surname, or the first name alone, are both fine."""
    parts = m.name_parts
    words = _words(" ".join(parts))
    if len(parts) < 2 or len(words) < 2 or "@" in m.to_name:
        return None
    if m.spoken:
        said = SPOKEN_GREETING.search(m.flat)
        greeted, hello = (_words(said["who"]) if said else []), "Hello"
    else:
        greeted, hello = _words(m.greeting or ""), "Dear"
    first, surname = words[0], words[-1]
    titled = any(word in TITLES for word in greeted)
    if first not in greeted or not (surname in greeted or titled):
        return None
    form = "the full name" if surname in greeted else "a title with the first name"
    better = (
        f"“{hello} {m.to_title} {parts[-1]},”"
        if m.to_title
        else f"“{hello} {parts[0]},”, or a title before the surname alone (“{hello} Dr "
        f"{parts[-1]},” for a doctor)"
    )
    return Finding(
        "form-of-address",
        m.rule,
        f"The greeting uses {form}, which is not how people address each other.",
        f"Write {better}.",
    )


def _company(m: _Message) -> Finding | None:
    """The company counts as named by its name without `Inc.`, or by a distinctive first word;
    a reply in the employer's own thread need not name it, and a misspelled name is
    `misspelled-name`."""
    core = [word for word in _words(m.interview.company) if word not in COMPANY_SUFFIXES]
    company = one_line(m.interview.company)
    if not core or m.answer or any(slip.name.whole == company for slip in m.misspellings):
        return None
    first = core[0]
    short_name = len(core) > 1 and len(first) >= 4 and first not in GENERIC_COMPANY_WORDS
    if f" {' '.join(core)} " in m.tokens or (short_name and f" {first} " in m.tokens):
        return None
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
    `the account manager role` for a Customer Success Manager). A reply need not name it."""
    role = re.sub(r"\([^)]*\)", " ", m.interview.role)
    core = [_stem(word) for word in _words(role) if word not in SENIORITY]
    if not core or m.answer:
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


_REPLY_THANKS = {
    Answer.OFFER: "Thank you very much for the offer.",
    Answer.REJECTION: "Thank you for letting me know, and for the time you gave me.",
    Answer.NEXT_ROUND: "Thank you for inviting me to the next round.",
}


def _thanks(m: _Message) -> Finding | None:
    """Rule 1: a thank-you thanks them; rule 12: so does a reply to their answer."""
    if not (m.answer or m.kind is Kind.THANK_YOU) or THANKS.search(m.flat):
        return None
    role = one_line(m.interview.role) or "role"
    line = (
        _REPLY_THANKS[m.answer]
        if m.answer
        else f"Thank you for taking the time to talk with me about the {role} position."
    )
    return Finding(
        "no-thanks",
        m.rule,
        f"{m.what.capitalize()} never actually thanks them.",
        f"Open with a line such as “{line}”",
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
    """Rule 4: news goes out at the first chance. A first follow-up carries the news the
    learner has; a second one carries the news that came after it (any sign of news counts)."""
    if m.kind is Kind.FOLLOW_UP:
        listed, missing = m.interview.new_info, "You have news that this first follow-up leaves out"
    elif m.kind is Kind.SECOND_FOLLOW_UP:
        listed, missing = m.interview.further_news, "This second follow-up brings no news"
    else:
        return None
    news = [one_line(item) for item in listed if one_line(item)]
    interview = m.interview
    known = " ".join((interview.company, interview.role, *interview.highlights))
    familiar = frozenset(_stem(word) for word in _words(known))  # in any note about this job
    if (m.kind is Kind.FOLLOW_UP and not news) or any(m.mentions(n, familiar) for n in news):
        return None
    if NEWS.search(m.flat):
        return None
    suggestion = (
        f"Put it in, near the start: {news[0]}."
        if news
        else "Send it only with something new to say (a certificate earned, a start date "
        "sorted, a result); otherwise leave the next move to them."
    )
    return Finding(
        "no-new-info", "rule 4", f"{missing}, so it reads as checking in again.", suggestion
    )


def _fragment(m: _Message) -> Finding | None:
    """Rule 3: a highlight or a piece of news pasted as the learner's note (`Trained nurse`),
    which no sentence around it can carry, rather than written as a sentence."""
    interview = m.interview
    typed = (*interview.highlights, *interview.new_info, *interview.further_news)
    for text in map(one_line, typed):
        if text and not phrased(text).safe and _fold(text) in _fold(m.flat):
            return Finding(
                "fragment",
                "rule 3",
                f"{_quote(text)} reads as a note rather than a sentence.",
                "Write it as a sentence about you, for example “I trained twelve new starters” "
                "or “My forklift licence came through”.",
            )
    return None


def _without_names(m: _Message) -> str:
    """The text without the names it was given, which may well be spelled in capitals or
    hold words such as `Pension` or `Benefits`."""
    text = m.flat
    for name in (m.interview.company, m.interview.role, m.to_name, m.interview.candidate):
        name = _normal(one_line(name))
        if name:
            text = text.replace(name, " ")
    return text


def _salary(m: _Message) -> Finding | None:
    """Rule 1: a thank-you thanks; pay and benefits wait for the offer."""
    match = SALARY.search(_without_names(m)) if m.kind is Kind.THANK_YOU else None
    if not match:
        return None
    return Finding(
        "salary-question",
        "rule 1",
        f"This thank-you brings up pay or benefits ({_quote(match.group(), 30)}), which can "
        "read as if the terms mattered more than the job.",
        "Keep the thank-you to thanks and interest; ask about pay and benefits when they make "
        "an offer, or when they raise it.",
    )


def _tone(code: str, rule: str, tone: Tone, m: _Message) -> Finding | None:
    """A finding when `tone`'s wording is in the message, quoting it."""
    match = tone.pattern.search(m.flat)
    if not match:
        return None
    return Finding(code, rule, f"{tone.sounds}: {_quote(match.group())}.", tone.suggestion)


def _pushy(m: _Message) -> Finding | None:
    """Bothersome: pushy, desperate, reproachful or demanding words, or a raised voice."""
    for tone in PUSHY.values():
        finding = _tone("pushy", "bothersome", tone, m)
        if finding:
            return finding
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


def _grovelling(m: _Message) -> Finding | None:
    """Enthusiasm: apologising for oneself or running oneself down undersells the candidate."""
    return _tone("grovelling", "enthusiasm", GROVELLING, m)


def _casual(m: _Message) -> Finding | None:
    """Channel: chat shorthand, emoticons, `!!` or `hey` in a written message to an employer.
    A call script is notes to oneself, and on a chat channel `hey` is usual."""
    if m.spoken:
        return None
    text = _without_names(m)
    match = CASUAL_WORDS.search(text) or EMOTICON.search(text) or DOUBLED_EXCLAMATION.search(text)
    if not match and m.channel not in CHAT:
        match = CASUAL_GREETING.match(m.opening)
    if not match:
        return None
    return Finding(
        "too-casual",
        "channel",
        f"Some of it reads like a message to a friend: {_quote(match.group(), 30)}.",
        "Write it as you would speak to them in the interview: whole words, full stops, no "
        "emoticons.",
    )


def _length(m: _Message) -> Finding | None:
    """Rule 3: three to five sentences for a follow-up; rule 1: a short thank-you."""
    if m.spoken:
        return None
    sentences = len(_sentences(m.content))
    words = len(_WORD.findall(m.content))
    thank_you = m.kind is Kind.THANK_YOU
    if sentences > MAX_SENTENCES[m.sort] or words > MAX_WORDS[m.sort]:
        needs = (
            "a reply needs"
            if m.answer
            else "a thank-you needs"
            if thank_you
            else "a follow-up needs (three to five sentences)"
        )
        keep = (
            "the thanks, your answer or question, and what happens next"
            if m.answer
            else "the thanks, one moment or highlight, and a line about what comes next"
            if thank_you
            else "your interest, hearing back, the offer of references and one highlight"
        )
        return Finding(
            "too-long",
            m.rule,
            f"At {sentences} sentences and {words} words it is longer than {needs}.",
            f"Keep {keep}; cut the rest.",
        )
    if words < MIN_WORDS[m.sort]:
        write = (
            "two or three sentences: thank them, and say or ask what comes next"
            if m.answer
            else "two or three sentences: thank them, name the role, and recall one moment"
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
    _too_early,
    _thank_you_limits,
    _channel,
    _placeholder,
    _subject,
    _greeting,
    _misspelled,
    _form_of_address,
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
    _fragment,
    _salary,
    _pushy,
    _grovelling,
    _casual,
    _length,
)
"""The checks, in the order of `CODES` (`identical-notes` is `review_panel`'s)."""


def _findings(message: _Message) -> tuple[Finding, ...]:
    return tuple(f for f in (check(message) for check in _CHECKS) if f is not None)


def review(
    draft: Draft, kind: Kind, interview: Interview, on: dt.date | None = None
) -> tuple[Finding, ...]:
    """What a careful coach would point out in `draft`, a message of `kind` after `interview`,
    to be sent on `on` (when given, a day too early is a finding).

    A follow-up that must not be sent at all (rules 5 and 6) gets that one finding, whatever
    its date, since nothing else about it matters. Otherwise every check runs, in the order of
    `CODES`.
    """
    message = _Message.read(draft, kind, interview, on=on)
    forbidden = _forbidden(message)
    return (forbidden,) if forbidden else _findings(message)


def review_reply(
    draft: Draft, answer: Answer, interview: Interview, on: dt.date | None = None
) -> tuple[Finding, ...]:
    """The same for a reply to the employer's `answer` (rule 12): greeting and names,
    placeholders, thanks, tone and length; pay and benefits are fair questions after an
    offer. A reply answers their message, so "do not contact us" does not forbid it, and it
    need not name the company or the role, which their message already carries."""
    return _findings(_Message.read(draft, None, interview, answer=answer, on=on))


def review_panel(drafts: Sequence[Draft]) -> dict[int, Finding]:
    """Rule 1: the thank-yous to one panel, by position in `drafts`, that read word for word
    like another member's once the greeting, the sign-off and the names are set aside.

    Panel members often compare notes, so each note should carry its own moment. Only notes
    to different people are compared; a note with no findings is left out.
    """
    names = {word for draft in drafts for word in _words(draft.to.name)}
    texts = [
        " ".join(w for w in _words(_split(_normal(draft.body))[2]) if w not in names)
        for draft in drafts
    ]
    found: dict[int, Finding] = {}
    for index, (draft, text) in enumerate(zip(drafts, texts, strict=True)):
        twin = next(
            (
                other
                for other, other_text in zip(drafts, texts, strict=True)
                if text and other_text == text and _fold(other.to.name) != _fold(draft.to.name)
            ),
            None,
        )
        if twin is None:
            continue
        moment = one_line(draft.to.moment)
        found[index] = Finding(
            "identical-notes",
            "rule 1",
            f"Your note to {one_line(draft.to.name)} says word for word what your note to "
            f"{one_line(twin.to.name)} says, and panel members often compare notes.",
            f"Recall the moment you had with this person: {moment}."
            if moment
            else "Give each note one line of its own: a question this person asked, or "
            "something they said about the work.",
        )
    return found
