"""The reviewer's labelled messages, read into drafts and interviews.

Two files share one shape: the tuning corpus (`tests/data/reviewer_corpus.json`), which the
reviewer was developed against, and the blind set (`tests/data/reviewer_blind.json`), which is
only ever measured. Shared by the corpus tests and by `benchmarks.reviewer_score`, so both read
the labels, and ask the reviewer, the same way.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbook.model import Answer, Channel, Draft, Interview, Interviewer, Kind, NextStep
from workbook.rules.reviewer import review, review_panel, review_reply

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "reviewer_corpus.json"
BLIND = DATA / "reviewer_blind.json"


@dataclass(frozen=True)
class Entry:
    """One labelled message: what a careful coach would say about it is `expected`.

    A reply to an employer's answer has `answer` and no `kind`. `on` is the day it would be
    sent, when the entry says. `panel` holds the thank-yous to every member of a panel, in the
    interviewers' order, this entry's own `draft` at `panel_position`; it is empty otherwise.
    """

    id: str
    description: str
    kind: Kind | None
    answer: Answer | None
    draft: Draft
    interview: Interview
    expected: frozenset[str]
    on: dt.date | None = None
    panel: tuple[Draft, ...] = ()
    panel_position: int = 0
    known_miss: str = ""


def _person(raw: dict[str, Any]) -> Interviewer:
    return Interviewer(raw["interviewer"], title=raw.get("title", ""), moment=raw.get("moment", ""))


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _entry(raw: dict[str, Any], day: dt.date) -> Entry:
    context = raw["interview"]
    to = _person(context)
    draft = Draft(Channel(raw["channel"]), raw["subject"], raw["body"], to)
    position = raw.get("panel_position", 0)
    others = [
        Draft(draft.channel, other.get("subject", ""), other["body"], _person(other))
        for other in raw.get("panel", ())
    ]
    panel = (*others[:position], draft, *others[position:]) if others else ()
    next_step = NextStep(context["next_step"])
    time = context.get("time")
    interview = Interview(
        date=day,
        company=context["company"],
        role=context["role"],
        interviewers=tuple(d.to for d in panel) or (to,),
        time=dt.time.fromisoformat(time) if time else None,
        next_step=next_step,
        decision_date=day + dt.timedelta(days=7) if next_step is NextStep.DECISION_DATE else None,
        call_ok_by=_day(context.get("call_ok_by")),
        highlights=tuple(context.get("highlights", ())),
        new_info=tuple(context.get("new_info", ())),
        further_news=tuple(context.get("further_news", ())),
    )
    send_on = raw.get("send_on")
    return Entry(
        id=raw["id"],
        description=raw["description"],
        kind=Kind(raw["kind"]) if "kind" in raw else None,
        answer=Answer(raw["answer"]) if "answer" in raw else None,
        draft=draft,
        interview=interview,
        expected=frozenset(raw["expected"]),
        on=None if send_on is None else day + dt.timedelta(days=send_on),
        panel=panel,
        panel_position=position,
        known_miss=raw.get("known_miss", ""),
    )


def load_corpus(path: Path = CORPUS) -> list[Entry]:
    """Every entry of a labelled file (the tuning corpus unless told), in file order."""
    data = json.loads(path.read_text(encoding="utf-8"))
    day = dt.date.fromisoformat(data["interview_date"])
    return [_entry(raw, day) for raw in data["entries"]]


def found(entry: Entry) -> set[str]:
    """The codes the reviewer gives `entry`: `review`, or `review_reply` for a reply, and for a
    panel what `review_panel` says of this entry's note."""
    if entry.answer is not None:
        findings = review_reply(entry.draft, entry.answer, entry.interview, entry.on)
    else:
        assert entry.kind is not None, entry.id
        findings = review(entry.draft, entry.kind, entry.interview, entry.on)
    codes = {finding.code for finding in findings}
    panel = review_panel(entry.panel).get(entry.panel_position)
    return codes | {panel.code} if panel else codes
