"""Synthetic contacts in the canonical shape, for examples, tests and benchmarks.

Nothing here describes real people or companies: the companies are made-up names marked
"(synthetic)", the addresses are at example.com, and every pattern below is an assumption of
ours chosen to look plausible, not a measured fact.

Run `python -m workbook.analysis.sample data/sample_contacts.csv` to regenerate the sample file.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from workbook.canonical import COLUMN_NAMES
from workbook.model import Channel, Kind, NextStep, Outcome, Response, Source

__all__ = [
    "SAMPLE_APPLIED_ONLY",
    "SAMPLE_AS_OF",
    "SAMPLE_CONTACTS",
    "SAMPLE_SEED",
    "generate_contacts",
    "sample_csv",
]

SAMPLE_AS_OF: Final = dt.date(2026, 11, 20)
SAMPLE_SEED: Final = 20261120
SAMPLE_CONTACTS: Final = 100
SAMPLE_APPLIED_ONLY: Final = 40
"""The arguments that make `data/sample_contacts.csv`."""

_COMPANIES = tuple(
    f"Example {name} (synthetic)"
    for name in (
        "Logistics", "Health", "Bank", "Bakery", "Books", "Builders", "Care Homes", "Clinic",
        "Council", "Dental", "Energy", "Foods", "Freight", "Garden Centre", "Hotel", "Insurance",
        "Labs", "Library", "Media", "Motors", "Museum", "Outfitters", "Pharmacy", "Print",
        "Retail", "School", "Software", "Studio", "Telecom", "Travel", "Utilities", "Water",
    )
)  # fmt: skip
_ROLES = (
    "Data Analyst", "Customer Service Advisor", "Warehouse Supervisor", "Teaching Assistant",
    "Sales Associate", "HR Coordinator", "Software Developer", "Bookkeeper", "Care Worker",
    "Project Coordinator", "Receptionist", "Lab Technician", "Marketing Assistant", "Driver",
)  # fmt: skip
_PEOPLE_FACING_ROLES = {
    "Customer Service Advisor", "Teaching Assistant", "Sales Associate", "HR Coordinator",
    "Care Worker", "Receptionist",
}  # fmt: skip
_PEOPLE = (
    "Dana Reyes", "Sam Okafor", "Lee Nakamura", "Alex Moreau", "Jo Lindqvist", "Ravi Shah",
    "Maria Costa", "Chris Byrne", "Ana Petrova", "Tom Adeyemi", "Nia Evans", "Kai Jensen",
)  # fmt: skip

# Channels in `Channel` order: email, phone, letter, linkedin, text, in-person, other.
_CHANNEL_MIX = {
    Kind.THANK_YOU: (0.74, 0.02, 0.10, 0.08, 0.03, 0.01, 0.02),
    Kind.FOLLOW_UP: (0.58, 0.26, 0.02, 0.07, 0.04, 0.01, 0.02),
    Kind.SECOND_FOLLOW_UP: (0.45, 0.38, 0.01, 0.08, 0.05, 0.01, 0.02),
}
_ANSWER_CHANCE = np.array((0.30, 0.45, 0.18, 0.22, 0.35, 0.55, 0.22))
_MEAN_DELAY = np.array((3.0, 1.0, 9.0, 4.0, 1.5, 0.5, 4.0))
_NEXT_STEPS = (
    (NextStep.UNKNOWN, 0.28), (NextStep.VAGUE, 0.25), (NextStep.DECISION_DATE, 0.25),
    (NextStep.DO_NOT_CONTACT, 0.02), (NextStep.BACKGROUND_CHECK, 0.05),
    (NextStep.ASSESSMENT, 0.09), (NextStep.HANDED_OFF, 0.06),
)  # fmt: skip
_KINDS = (Kind.THANK_YOU, Kind.FOLLOW_UP, Kind.SECOND_FOLLOW_UP)
# Sources in `Source` order: linkedin, referral, job-board, company-site, email, agency, other.
_SOURCE_MIX = (0.30, 0.12, 0.25, 0.18, 0.05, 0.06, 0.04)
_ENDS = {"offer": "offer", "rejected": "rejected", "withdrawn": "withdrawn",
         "no-response": "no-answer"}  # fmt: skip


def _pick(
    rng: np.random.Generator, values: Sequence[str], size: int, p: Sequence[float] | None = None
) -> npt.NDArray[np.str_]:
    return np.asarray(values)[rng.choice(len(values), size=size, p=p)]


def _starts(sizes: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The index where each run of `sizes` begins, in the flat array the runs make."""
    return np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)


def _within(sizes: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """0, 1, ... within each run of `sizes`."""
    return np.arange(sizes.sum()) - np.repeat(_starts(sizes), sizes)


def generate_contacts(
    n_contacts: int,
    seed: int = 0,
    *,
    as_of: dt.date = SAMPLE_AS_OF,
    days: int = 365,
    applied_only: int = 0,
) -> pd.DataFrame:
    """`n_contacts` synthetic contacts in the canonical DataFrame shape, the same for one seed,
    then a row for each of `applied_only` applications that never reached an interview.

    Assumptions (ours, for plausible-looking data; not measurements):
    - An application has 1, 2 or 3 interview rounds (55%, 30%, 15%); the first is spread
      evenly over the `days` before `as_of`. Roles are drawn from 14 made-up ones, 6 of them
      people-facing (about 43% of applications).
    - After a round the candidate sends a thank-you (80%, 0-2 days after), a follow-up (60%,
      3-20 days, most often about a week) and, after a follow-up, a second follow-up (35%, 5-10
      days later); at least one contact per round. After "do not contact", only a thank-you.
    - Thank-yous go mostly by email, some by letter or LinkedIn; follow-ups by email or phone.
    - The chance of an answer depends on the channel (phone and in person highest, letter
      lowest), rises for people-facing roles and for contacts with new information, and falls
      for a second follow-up; delays are geometric with a channel's mean (a phone call is
      answered within a day or so, a letter in about nine), so some answers come after 14 days.
      An answer is positive 35%, neutral 45%, negative 20%.
    - A round followed by another round ends with a positive answer (the invitation), and the
      next interview is 2-10 days after it.
    - Applications are moved back in time where needed so that nothing is dated after
      `as_of`; answers that would come after `as_of` are not known yet, so they are empty.
    - An application whose last contact is under 30 days old is pending; an older one ended
      with an offer, a rejection or a withdrawal if it got any answer, else mostly no-response.
    - Applications came through LinkedIn 30%, a job board 25%, a company's site 18%, a referral
      12%, an agency 6%, email 5%, other 4%; the employer first answered 1-5 days before the
      first interview. The stage history lists the application, a screen (60% of them, on the
      answer's day), each round, and how it ended, dated by its last known answer if later
      than the last round.
    - Of the applications that never reached an interview, a quarter had an answer (a
      rejection, half of them after a screen) 3-20 days after applying; the others none, and
      those applied for over 30 days before `as_of` ended with no answer.
    """
    rng = np.random.default_rng(seed)
    want = max(int(n_contacts), 0)
    n_apps = int(want / 2.5) + 8  # about 2.7 contacts per application on average
    rounds_of_app = rng.choice(np.array([1, 2, 3]), size=n_apps, p=[0.55, 0.30, 0.15])
    n_rounds = int(rounds_of_app.sum())
    app_of_round = np.repeat(np.arange(n_apps), rounds_of_app)
    last_round = _within(rounds_of_app) == rounds_of_app[app_of_round] - 1

    # Which contacts each round gets: thank-you, follow-up, second follow-up.
    next_step = _pick(rng, [s.value for s, _ in _NEXT_STEPS], n_rounds, [p for _, p in _NEXT_STEPS])
    chased = next_step != NextStep.DO_NOT_CONTACT.value
    has = np.empty((n_rounds, 3), dtype=bool)
    has[:, 0] = rng.random(n_rounds) < 0.80
    has[:, 1] = chased & (rng.random(n_rounds) < 0.60)
    has[:, 2] = has[:, 1] & (rng.random(n_rounds) < 0.35)
    has[:, 0] |= ~has[:, 1]
    per_round = has.sum(axis=1)
    total = int(per_round.sum())
    if total < want:  # too few rounds drawn: try again with more (rare; only for tiny n)
        return generate_contacts(want, seed + 1_000_003, as_of=as_of, days=days)

    round_of = np.repeat(np.arange(n_rounds), per_round)
    kind_index = np.nonzero(has)[1]
    app_of = app_of_round[round_of]
    roles = _pick(rng, _ROLES, n_apps)
    people_facing = np.isin(roles, list(_PEOPLE_FACING_ROLES))

    # When each contact goes out, in days after its round's interview.
    thank_you = rng.choice(np.array([0, 1, 2]), size=total, p=[0.6, 0.35, 0.05])
    follow_up = np.clip(np.rint(rng.gamma(6.0, 1.3, size=total)), 3, 20).astype(np.int64)
    follow_up_of_round = np.zeros(n_rounds, dtype=np.int64)
    is_follow = kind_index == 1
    follow_up_of_round[round_of[is_follow]] = follow_up[is_follow]
    second = follow_up_of_round[round_of] + rng.integers(5, 11, size=total)
    offset = np.choose(kind_index, [thank_you, follow_up, second])

    channel_index = np.empty(total, dtype=np.int64)
    for k, kind in enumerate(_KINDS):
        mask = kind_index == k
        channel_index[mask] = rng.choice(7, size=int(mask.sum()), p=_CHANNEL_MIX[kind])
    new_info = rng.random(total) < np.array([0.10, 0.30, 0.40])[kind_index]

    # Answers.
    chance = _ANSWER_CHANCE[channel_index] * np.where(people_facing[app_of], 1.15, 1.0)
    chance *= np.where(new_info, 1.25, 1.0) * np.where(kind_index == 2, 0.75, 1.0)
    answered = rng.random(total) < np.minimum(chance, 0.95)
    delay = rng.geometric(1.0 / (_MEAN_DELAY[channel_index] + 1.0)) - 1
    response_index = rng.choice(3, size=total, p=[0.35, 0.45, 0.20])
    last_of_round = np.r_[round_of[1:] != round_of[:-1], True]
    invited = last_of_round & ~last_round[round_of]
    answered |= invited
    response_index[invited] = 0
    delay[invited] = np.minimum(delay[invited], 7)
    reply = np.where(answered, offset + delay, -1)

    # Rounds one after another, then whole applications moved before `as_of`.
    span = np.maximum.reduceat(np.maximum(offset, reply), _starts(per_round))
    gap = np.where(last_round, 0, span + rng.integers(2, 11, size=n_rounds))
    before = np.cumsum(gap) - gap
    round_day = before - np.repeat(before[_starts(rounds_of_app)], rounds_of_app)
    first = rng.integers(0, days, size=n_apps)
    app_end = np.maximum.reduceat(round_day[round_of] + offset, _starts(np.bincount(app_of)))
    first = np.where(first + app_end > days, days - app_end, first)
    start = np.datetime64(as_of, "D") - days
    interview = start + first[app_of_round] + round_day
    sent = interview[round_of] + offset
    replied = np.where(answered, sent + (reply - offset), np.datetime64("NaT"))
    replied[replied > np.datetime64(as_of, "D")] = np.datetime64("NaT")
    known = ~np.isnat(replied)

    # Outcomes per application.
    app_last = np.maximum.reduceat(sent, _starts(np.bincount(app_of)))
    any_answer = np.bincount(app_of, weights=known, minlength=n_apps) > 0
    recent = (np.datetime64(as_of, "D") - app_last).astype(np.int64) < 30
    ended = np.where(
        any_answer,
        _pick(rng, ["offer", "rejected", "withdrawn", "pending"], n_apps, [0.2, 0.6, 0.1, 0.1]),
        _pick(rng, ["no-response", "rejected", "withdrawn"], n_apps, [0.7, 0.2, 0.1]),
    )
    outcome = np.where(recent, Outcome.PENDING.value, ended)

    # Descriptive columns, drawn per application.
    people = rng.integers(0, len(_PEOPLE), size=n_apps)
    ids = np.char.add("S", np.char.zfill(np.arange(1, n_apps + 1).astype(str), 6))
    emails = np.asarray([f"{name.lower().replace(' ', '.')}@example.com" for name in _PEOPLE])
    job_ref = np.where(
        rng.random(n_apps) < 0.5,
        np.char.add("JR-", np.char.zfill(rng.integers(0, 100000, n_apps).astype(str), 5)),
        "",
    )
    first_interview = interview[_starts(rounds_of_app)]
    applied = first_interview - rng.integers(7, 36, size=n_apps)
    source = _pick(rng, [s.value for s in Source], n_apps, _SOURCE_MIX)
    first_answer = first_interview - rng.integers(1, 6, size=n_apps)
    screened = rng.random(n_apps) < 0.6
    last_reply = np.full(n_apps, np.datetime64("NaT"), dtype="datetime64[D]")
    np.fmax.at(last_reply, app_of[known], replied[known])
    history = _histories(
        applied, np.where(screened, first_answer, np.datetime64("NaT")),
        np.split(interview, np.cumsum(rounds_of_app)[:-1]), outcome, last_reply,
    )  # fmt: skip

    def text(values: npt.NDArray[np.generic], index: npt.NDArray[np.int64]) -> pd.Series:
        """Strings from a short array of values, made Python objects before the long index."""
        return pd.Series(values.astype(object)[index], dtype="str")

    contact_app = app_of[:want]
    contact_round = round_of[:want]
    answer_tone = np.where(known[:want], response_index[:want], 3)
    contacts = pd.DataFrame(
        {
            "application_id": text(ids, contact_app),
            "company": text(_pick(rng, _COMPANIES, n_apps), contact_app),
            "role": text(roles, contact_app),
            "people_facing": people_facing[contact_app],
            "interview_date": interview[contact_round].astype("datetime64[s]"),
            "next_step": text(next_step, contact_round),
            "contact_date": sent[:want].astype("datetime64[s]"),
            "kind": text(np.asarray([k.value for k in _KINDS]), kind_index[:want]),
            "channel": text(np.asarray([c.value for c in Channel]), channel_index[:want]),
            "new_info": new_info[:want],
            "response_date": replied[:want].astype("datetime64[s]"),
            "response": text(np.asarray([*(r.value for r in Response), ""]), answer_tone),
            "outcome": text(outcome, contact_app),
            "applied_date": applied[contact_app].astype("datetime64[s]"),
            "job_ref": text(job_ref, contact_app),
            "contact_name": text(np.asarray(_PEOPLE), people[contact_app]),
            "contact_detail": text(emails, people[contact_app]),
            "source": text(source, contact_app),
            "answer_date": first_answer[contact_app].astype("datetime64[s]"),
            "stage_history": text(history, contact_app),
        },
        columns=list(COLUMN_NAMES),
    )
    if applied_only <= 0:
        return contacts
    others = _applied_only(rng, applied_only, n_apps, as_of, days)
    return pd.concat([contacts, others], ignore_index=True)


def _applied_only(
    rng: np.random.Generator, count: int, numbered: int, as_of: dt.date, days: int
) -> pd.DataFrame:
    """`count` applications with no interview, one row each, numbered after `numbered`."""
    today = np.datetime64(as_of, "D")
    applied = today - rng.integers(0, days, size=count)
    answered = rng.random(count) < 0.25
    answer = np.where(answered, applied + rng.integers(3, 21, size=count), np.datetime64("NaT"))
    answer = np.where(answer <= today, answer, np.datetime64("NaT"))
    screened = rng.random(count) < 0.5
    old = (today - applied).astype(np.int64) > 30
    outcome = np.where(~np.isnat(answer), "rejected", np.where(old, "no-response", "pending"))
    cells = []
    for at in range(count):
        entries = [f"applied {applied[at]}"]
        if not np.isnat(answer[at]):
            entries += [f"screen {answer[at]}"] * bool(screened[at]) + [f"rejected {answer[at]}"]
        elif old[at]:
            entries.append("no-answer")
        cells.append("; ".join(entries))
    people = rng.integers(0, len(_PEOPLE), size=count)
    empty = pd.Series([""] * count, dtype="str")
    nat = np.full(count, np.datetime64("NaT"), dtype="datetime64[s]")
    number = np.arange(numbered + 1, numbered + count + 1).astype(str)
    return pd.DataFrame(
        {
            "application_id": pd.Series(np.char.add("S", np.char.zfill(number, 6)), dtype="str"),
            "company": pd.Series(_pick(rng, _COMPANIES, count), dtype="str"),
            "role": pd.Series(roles := _pick(rng, _ROLES, count), dtype="str"),
            "people_facing": np.isin(roles, list(_PEOPLE_FACING_ROLES)),
            "interview_date": nat,
            "next_step": empty,
            "contact_date": nat,
            "kind": empty,
            "channel": empty,
            "new_info": np.zeros(count, dtype=bool),
            "response_date": nat,
            "response": empty,
            "outcome": pd.Series(outcome, dtype="str"),
            "applied_date": applied.astype("datetime64[s]"),
            "job_ref": empty,
            "contact_name": pd.Series(np.asarray(_PEOPLE)[people], dtype="str"),
            "contact_detail": empty,
            "source": pd.Series(_pick(rng, [s.value for s in Source], count, _SOURCE_MIX),
                                dtype="str"),
            "answer_date": answer.astype("datetime64[s]"),
            "stage_history": pd.Series(cells, dtype="str"),
        },
        columns=list(COLUMN_NAMES),
    )  # fmt: skip


def _histories(
    applied: npt.NDArray[np.datetime64],
    screen: npt.NDArray[np.datetime64],
    rounds: list[npt.NDArray[np.datetime64]],
    outcome: npt.NDArray[np.str_],
    last_reply: npt.NDArray[np.datetime64],
) -> npt.NDArray[np.object_]:
    """Each application's stage history cell: applied, a screen where dated, each round, and
    its end (dated by the last answer when that came after the last round)."""

    def day(value: np.datetime64) -> str:
        return f" {value}" if not np.isnat(value) else ""

    cells = []
    for at, dates in enumerate(rounds):
        entries = [f"applied{day(applied[at])}"]
        if not np.isnat(screen[at]):
            entries.append(f"screen{day(screen[at])}")
        entries += [f"interview{day(date)}" for date in dates]
        end = _ENDS.get(str(outcome[at]))
        if end:
            after = last_reply[at] if last_reply[at] > dates[-1] else np.datetime64("NaT")
            entries.append(f"{end}{day(after)}")
        cells.append("; ".join(entries))
    return np.asarray(cells, dtype=object)


_SPREADSHEET_FORMULA = ("=", "+", "-", "@", "'")


def _cell(value: Any, kind: str) -> str:
    if kind == "bool":
        return "true" if value else "false"
    if kind == "date":
        return "" if pd.isna(value) else pd.Timestamp(value).date().isoformat()
    text = str(value)
    return "'" + text if text.startswith(_SPREADSHEET_FORMULA) else text


def sample_csv(frame: pd.DataFrame) -> str:
    """The frame as a canonical file (data/README.md), written by the tracker's own export."""
    from workbook.tables.canonical_csv import write_canonical

    buffer = io.StringIO()
    write_canonical(frame, buffer)
    return buffer.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    """Write the sample file: `python -m workbook.analysis.sample data/sample_contacts.csv`."""
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) != 1:
        print("usage: python -m workbook.analysis.sample PATH", file=sys.stderr)
        return 2
    frame = generate_contacts(
        SAMPLE_CONTACTS, SAMPLE_SEED, as_of=SAMPLE_AS_OF, applied_only=SAMPLE_APPLIED_ONLY
    )
    Path(args[0]).write_bytes(sample_csv(frame).encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
