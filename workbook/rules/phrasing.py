"""What the learner typed, made to sit inside a sentence of a draft.

Learners write highlights the way a resume does ("Reduced picking errors by 30%", "Forklift
licence") and news the way a note does ("relocation sorted"). Pasted after a colon, such
fragments read like a form. `phrased` decides, from the first words alone, whether a text can
safely become a clause about the learner ("I reduced picking errors by 30%") or a thing the
learner has ("my forklift licence"); when it cannot tell, it says so, and the planner asks the
learner to write a sentence instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ACTION_VERBS", "Phrased", "phrased", "sentence"]


def _set(words: str) -> frozenset[str]:
    """A word list written as one block of text, which reads better than one word a line."""
    return frozenset(words.split())


ACTION_VERBS = _set(
    """
    led built managed launched designed created delivered grew increased reduced cut
    improved developed trained organised organized won achieved saved streamlined automated
    mentored coached ran implemented negotiated shipped taught supervised raised doubled
    tripled resolved spearheaded oversaw introduced redesigned migrated completed finished
    earned passed obtained received moved relocated published joined secured handled served
    supported answered sold opened closed wrote set drove made started founded planned
    coordinated scheduled processed prepared cleaned maintained repaired installed tested
    analysed analyzed researched presented volunteered cared helped hired recruited
    onboarded lowered boosted expanded established produced cooked picked packed loaded
    delivered kept got gained learned learnt studied graduated qualified
    """
)
"""Past-tense verbs a resume line starts with; `Reduced costs...` becomes `I reduced costs...`."""

PRESENT_VERBS = _set(
    """
    speak hold have know enjoy love use work lead manage teach
    """
)
"""Present-tense verbs a skill line may start with: `Speak fluent Spanish`."""

_ADJECTIVES_IN_ED = _set(
    """
    certified licensed experienced skilled detailed dedicated motivated registered chartered
    accredited advanced talented seasoned trusted proven self-motivated detail-oriented
    results-driven bilingual multilingual
    """
)
"""Words ending in -ed that begin a noun phrase (`Certified forklift operator`), not a verb."""

_OBJECT_STARTS = _set(
    """
    a an the my our their his her its this that these those every each all over more than up
    to two three four five six seven eight nine ten twelve twenty fifty hundred dozens new
    our customers people staff teams students patients
    """
)
"""Words that can follow a verb at the start of a clause (`Led a team`, `Trained new staff`)."""

_STATES = _set(
    """
    fluent proficient skilled experienced familiar comfortable confident certified licensed
    qualified trained available bilingual
    """
)
_STATE_LINKS = _set(
    """
    in at with on to as for
    """
)
"""`Fluent in Spanish`: a state of the learner's, which becomes `I am fluent in Spanish`."""

_PEOPLE = re.compile(
    r"(?:er|or|ist|ian|nurse|assistant|chef|clerk|cook|agent|consultant|aide|carer|guard)$"
)
"""The last word of a noun phrase that names a person: `Certified forklift operator`."""

_SUBJECTS = _set(
    """
    i i'm i've i'd i'll i’m i’ve we we've we're
    """
)
_FINITE = _set(
    """
    is are was were has have had came come got went will can could did does do became passed
    arrived started finished ends ended begins began starts
    """
)
"""Words whose presence makes a `my ...` text a clause (`my licence came through`)."""
_DETERMINERS = _set(
    """
    a an the
    """
)
_NUMBER = re.compile(r"^\d")
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|inc|ltd|co|corp|dr|mr|mrs|ms|st|no|vs)\.", re.I)
"""Full stops that end an abbreviation (`e.g.`, `Inc.`), not a sentence."""


@dataclass(frozen=True)
class Phrased:
    """A typed text, and the one form in which it can sit in a sentence.

    Exactly one of `clause` (`I reduced picking errors by 30%`, a whole clause about the
    learner, without a full stop) and `thing` (`my forklift licence`) is set when the text could
    be phrased safely; neither is set when it could not, and `text` is then used as typed.
    """

    text: str
    clause: str = ""
    thing: str = ""

    @property
    def safe(self) -> bool:
        return bool(self.clause or self.thing)


def _lower_first(word: str) -> str:
    """`Forklift` becomes `forklift`; `AWS`, `PowerBI` and `iPhone` keep their capitals."""
    if len(word) > 1 and any(c.isupper() for c in word[1:]):
        return word
    return word[:1].lower() + word[1:]


def phrased(text: str) -> Phrased:
    """How `text`, a highlight or a piece of news on one line, can sit in a sentence."""
    words = text.split()
    if not words or re.search(r"[.!?;:]\s", _ABBREVIATIONS.sub("", text)) or len(words) > 30:
        return Phrased(text)  # empty, or several sentences: leave it as the learner wrote it
    first, rest = words[0].casefold(), words[1:]
    follows = rest[0].casefold() if rest else ""
    after_first = text[len(words[0]) :]
    if first in _SUBJECTS:
        return Phrased(text, clause=text[:1].upper() + text[1:])
    if first in ("my", "our"):
        if _FINITE & {w.casefold() for w in rest}:
            return Phrased(text, clause=text)
        return Phrased(text, thing=first + after_first)
    if first in _STATES and follows in _STATE_LINKS:
        return Phrased(text, clause=f"I am {first}{after_first}")
    takes_object = follows in _OBJECT_STARTS or bool(_NUMBER.match(follows)) or len(rest) >= 2
    verb = first in ACTION_VERBS or (first.endswith("ed") and first not in _ADJECTIVES_IN_ED)
    if (verb or first in PRESENT_VERBS) and rest and takes_object:
        return Phrased(text, clause=f"I {_lower_first(words[0])}{after_first}")
    if first.endswith("ing") and (follows in _OBJECT_STARTS or _NUMBER.match(follows)):
        return Phrased(text, clause=f"I have experience {_lower_first(words[0])}{after_first}")
    later_verbs = [
        w for w in rest if w.endswith("ed") and w.casefold() not in _ADJECTIVES_IN_ED | _STATES
    ]
    if verb or first.endswith("ing") or later_verbs or _FINITE & {w.casefold() for w in words}:
        return Phrased(text)  # a clause whose subject we cannot supply safely
    if first in _DETERMINERS:
        if not rest:
            return Phrased(text)
        words, after_first = rest, " ".join(rest)[len(rest[0]) :]
    noun_phrase = _lower_first(words[0]) + after_first
    if _PEOPLE.search(words[-1].casefold()) and " of " not in f" {noun_phrase} ":
        article = "an" if noun_phrase[:1].casefold() in "aeiou" else "a"
        return Phrased(text, clause=f"I am {article} {noun_phrase}")
    return Phrased(text, thing=f"my {noun_phrase}")


def sentence(clause: str) -> str:
    """A clause as a sentence of its own: a capital first letter and a full stop."""
    clause = clause.strip()
    return f"{clause[:1].upper()}{clause[1:]}." if clause else ""
