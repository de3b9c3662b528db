"""The course the notebooks walk through: sections, their exercises and self-check questions.

The content lives in `course.toml` beside this module, so wording can change without touching
code. A section is done when every answer its exercise asks for is given and each of its
questions has been attempted.
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from workbook.model import Section

__all__ = [
    "RULES_PAGE",
    "CourseSection",
    "Option",
    "PlainRule",
    "Question",
    "course",
    "is_done",
    "option_order",
    "plain_rule",
    "plain_rules",
    "section",
]

RULES_PAGE = "rules.ipynb"
"""The notebook that explains the twelve rules, beside the others; pages link to it."""


@dataclass(frozen=True)
class Option:
    """One answer to a question, and what the learner reads after choosing it."""

    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    """A self-check question; a `scenario` sets out a situation and asks for a decision,
    rather than for a fact."""

    id: str
    prompt: str
    options: tuple[Option, ...]
    scenario: bool = False


@dataclass(frozen=True)
class CourseSection:
    """A section of the guidance as the workbook teaches it."""

    id: Section
    title: str
    minutes: int
    exercise: tuple[str, ...]
    """The answers (names of `Interview` fields) the section needs before it counts as done."""
    optional: tuple[str, ...]
    """Answers the exercise also offers, which the learner may leave empty."""
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class PlainRule:
    """One of the twelve rules the planner follows, in the words a learner reads."""

    number: int
    name: str
    text: str


def _section(raw: Mapping[str, Any]) -> CourseSection:
    return CourseSection(
        id=Section(raw["id"]),
        title=raw["title"],
        minutes=int(raw["minutes"]),
        exercise=tuple(raw["exercise"]),
        optional=tuple(raw.get("optional", ())),
        questions=tuple(
            Question(
                q["id"],
                q["prompt"],
                tuple(Option(**o) for o in q["option"]),
                bool(q.get("scenario", False)),
            )
            for q in raw["question"]
        ),
    )


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("workbook.rules").joinpath(name).read_text("utf-8"))


@cache
def course() -> tuple[CourseSection, ...]:
    """Every section, in the order the notebooks take them."""
    return tuple(_section(raw) for raw in _read("course.toml")["section"])


@cache
def plain_rules() -> tuple[PlainRule, ...]:
    """The twelve rules, in order, from `rules.toml` beside this module."""
    return tuple(
        PlainRule(int(r["number"]), r["name"], r["text"]) for r in _read("rules.toml")["rule"]
    )


def plain_rule(number: int) -> PlainRule:
    """The rule with this number, such as 7."""
    return next(rule for rule in plain_rules() if rule.number == number)


def section(section_id: Section | str) -> CourseSection:
    """One section by its id, such as `clarify`."""
    wanted = Section(section_id)
    return next(s for s in course() if s.id is wanted)


def is_done(part: CourseSection, answered: Mapping[str, bool], choices: Mapping[str, int]) -> bool:
    """Whether the exercise is answered (`answered[field]` for each field it asks for) and
    every question has a chosen option."""
    return all(answered.get(name, False) for name in part.exercise) and all(
        question.id in choices for question in part.questions
    )


def option_order(question: Question, learner: str) -> tuple[int, ...]:
    """The option indexes in the order `learner` sees them: shuffled, and the same every time
    for one learner and question, so the right answer's place is balanced over learners."""
    order = list(range(len(question.options)))
    random.Random(f"{learner}:{question.id}").shuffle(order)
    return tuple(order)
