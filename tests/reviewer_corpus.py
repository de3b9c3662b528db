"""The reviewer's corpus (`tests/data/reviewer_corpus.json`), read into drafts and interviews.

Shared by the corpus tests and by `benchmarks.reviewer_score`, so both read the labels the
same way.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbook.model import Channel, Draft, Interview, Interviewer, Kind, NextStep

CORPUS = Path(__file__).parent / "data" / "reviewer_corpus.json"


@dataclass(frozen=True)
class Entry:
    """One labelled message: what a careful coach would say about it is `expected`."""

    id: str
    description: str
    kind: Kind
    draft: Draft
    interview: Interview
    expected: frozenset[str]
    known_miss: str = ""


def _entry(raw: dict[str, Any], day: dt.date) -> Entry:
    context = raw["interview"]
    to = Interviewer(context["interviewer"], moment=context.get("moment", ""))
    call_ok_by = context.get("call_ok_by")
    next_step = NextStep(context["next_step"])
    interview = Interview(
        date=day,
        company=context["company"],
        role=context["role"],
        interviewers=(to,),
        next_step=next_step,
        decision_date=day + dt.timedelta(days=7) if next_step is NextStep.DECISION_DATE else None,
        call_ok_by=dt.date.fromisoformat(call_ok_by) if call_ok_by else None,
        highlights=tuple(context.get("highlights", ())),
        new_info=tuple(context.get("new_info", ())),
    )
    draft = Draft(Channel(raw["channel"]), raw["subject"], raw["body"], to)
    return Entry(
        id=raw["id"],
        description=raw["description"],
        kind=Kind(raw["kind"]),
        draft=draft,
        interview=interview,
        expected=frozenset(raw["expected"]),
        known_miss=raw.get("known_miss", ""),
    )


def load_corpus(path: Path = CORPUS) -> list[Entry]:
    """Every entry of the corpus, in file order."""
    data = json.loads(path.read_text(encoding="utf-8"))
    day = dt.date.fromisoformat(data["interview_date"])
    return [_entry(raw, day) for raw in data["entries"]]
