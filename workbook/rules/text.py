"""Cleaning of the text a learner types, before it goes into a draft or a file.

Pieces of a draft end up in one-line places (a subject, a greeting, a calendar title, a file
name), so every field the learner typed is folded onto one line here, and control characters
never pass into anything the workbook writes.
"""

from __future__ import annotations

import unicodedata

__all__ = ["clean_block", "one_line", "phrase", "with_article"]

_BREAKS = {"Cc", "Zl", "Zp"}
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
"""Direction overrides: harmless inside a paragraph, but able to disguise a one-line field."""


def _without_controls(text: str, keep: str = "") -> str:
    return "".join(c if c in keep or unicodedata.category(c) not in _BREAKS else " " for c in text)


def one_line(text: str) -> str:
    """Fold `text` onto one line: any run of whitespace or control characters becomes one space."""
    return " ".join(_without_controls(text).translate(_BIDI_CONTROLS).split())


def phrase(text: str) -> str:
    """One line without its end punctuation, ready to sit inside a sentence of a draft."""
    return one_line(text).rstrip(" .;:,!?")


def clean_block(text: str) -> str:
    """Keep the lines of a multi-line text (a body the learner edited), with `\\n` line endings
    and no control characters other than newlines and tabs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _without_controls(text, keep="\n\t")


def with_article(noun: str) -> str:
    """`a channel`, `an outcome`: the noun with the indefinite article its first letter asks for."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
