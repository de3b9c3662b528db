"""Drafts the learner edited: kept across changes to the plan, and flagged when it moved on.

An edit is stored against a step's key (`follow-up-1`) with a fingerprint of the draft it was
made from. When the learner's answers change, the plan is made afresh and the edit still wins,
but if the draft underneath has changed the edit is *stale*: the learner should take a look.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from workbook.model import Draft, Plan, Step

__all__ = ["Edit", "apply_edits", "fingerprint", "step_key"]


@dataclass(frozen=True)
class Edit:
    """The learner's version of a draft, and the fingerprint of the draft it started from."""

    subject: str
    body: str
    based_on: str

    def is_stale(self, draft: Draft) -> bool:
        """Whether the planner's draft has changed since the learner edited it."""
        return self.based_on != fingerprint(draft)


def fingerprint(draft: Draft) -> str:
    """A short, stable digest of a draft's subject, body and addressee."""
    text = "\x1f".join([draft.subject, draft.body, str(draft.to)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def step_key(plan: Plan, step: Step) -> str:
    """`thank-you-2`: the step's kind and its place among the plan's steps of that kind."""
    same_kind = [s for s in (*plan.steps, *plan.cancelled) if s.kind is step.kind]
    same_kind.sort(key=lambda s: s.date)
    return f"{step.kind.value}-{same_kind.index(step) + 1}"


def apply_edits(plan: Plan, edits: Mapping[str, Edit]) -> Plan:
    """The plan with each edited step's draft replaced by the learner's version."""

    def edited(step: Step) -> Step:
        edit = edits.get(step_key(plan, step))
        if edit is None:
            return step
        draft = dataclasses.replace(step.draft, subject=edit.subject, body=edit.body)
        return dataclasses.replace(step, draft=draft)

    return dataclasses.replace(plan, steps=tuple(edited(step) for step in plan.steps))
