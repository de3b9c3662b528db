"""How a draft names people: the greeting's form of address, and names typed in lower case.

People greet each other by first name (`Dear Dana,`) or by title and surname (`Dear Ms
Reyes,`), never by full name and never by title and first name. The learner chooses the form
for each interviewer (`Interviewer.title`); this module only applies it.
"""

from __future__ import annotations

import re

from workbook.model import Interviewer

__all__ = ["PARTICLES", "addressed", "capitalised", "first_name", "surname"]

PARTICLES = frozenset(
    "van von de der den da di du la le del della dos das ter ten bin ibn al el".split()  # noqa: SIM905
)
"""Words that begin a surname (`van der Berg`) and stay in lower case inside a name."""

_UNSURE = re.compile(r"^(?:mc|mac)\w", re.IGNORECASE)
"""Names whose capitals cannot be guessed from lower case: McDonald or Mcdonald, MacLeod."""


def first_name(name: str) -> str:
    """`Dana` of `Dana Reyes`."""
    return name.split()[0] if name.split() else name


def surname(name: str) -> str:
    """`Reyes` of `Dana Reyes`; `van der Berg` of `Anna van der Berg`; the name if one word."""
    words = name.split()
    for index, word in enumerate(words[1:], 1):
        if word.casefold() in PARTICLES and index < len(words) - 1:
            return " ".join(words[index:])
    return words[-1] if words else name


def addressed(person: Interviewer) -> str:
    """How the greeting names `person`: `Dana`, or `Ms Reyes` when a title was chosen."""
    if person.title:
        return f"{person.title} {surname(person.name)}"
    return first_name(person.name)


_PART_START = re.compile(r"(?:^|(?<=[-'’]))(\w)")
"""The first letter of a name and of each part after a hyphen or an apostrophe (O'Brien)."""


def _capital(word: str, first: bool) -> str:
    if not first and word in PARTICLES:
        return word
    return _PART_START.sub(lambda match: match.group(1).upper(), word)


def capitalised(name: str) -> tuple[str, bool]:
    """A name typed all in lower case, with capitals where they surely go, and whether that
    could be done: `dana reyes` is `Dana Reyes`, but `alex mcdonald` is left as typed, since
    only its owner knows whether it is McDonald or Mcdonald. Any other name is kept as typed."""
    if not name or name != name.lower() or not any(c.isalpha() for c in name):
        return name, True
    words = name.split()
    if any(_UNSURE.match(word) and len(word) > 3 for word in words):
        return name, False
    return " ".join(_capital(word, index == 0) for index, word in enumerate(words)), True
