"""A group's pooled, anonymous response rates, from the files its participants shared.

Reading (`read_cohort`): every file of a folder, hidden ones aside, is read with
`share.read_shared`; a file that is not a valid shared file is skipped and named, and the run
goes on. Of each participant only the newest share (the highest share number) is pooled; the
earlier ones are listed as replaced. A version-0 file has no participant id and counts as a
participant of its own.

Counting (`cohort_report`, done by `pooling`, which `workbook cohort` also uses on a folder):
each shared row counts as the learner's own report counted it on the day they shared: with
dates anchored so that the day of sharing falls on `as_of` (contact_date = as_of - age,
response_date = contact_date + answered_after, interview_date = contact_date - sent_after), a
contact is counted as `analysis.contact_status` counts it (a contact pending then is pending
here), whichever day each file was shared. On top of the learner's figures, every group gets:
- `participants`: how many participants it rests on, those with a decided contact in it (an
  answer, or time enough for one), or while it has none, those with any contact in it;
- an interval that allows for contacts clustering by participant (one person's contacts tend to
  fare alike): the 2.5th and 97.5th percentiles of the group's rate over `resamples` draws of
  the participants with replacement, seeded so a run is reproducible (`resample`),
  widened to the Wilson interval where that one is wider, since a bootstrap of few participants,
  or of a rate of 0 or 1, understates the uncertainty;
- `suppressed`: small groups are hidden by leaving their contacts out of every figure: a
  group resting on fewer than `min_group` participants loses its contacts, in every grouping
  and in the overall figures, and this repeats until every group left rests on at least
  `min_group`. A hidden group keeps only its key and `suppressed: true`. Since each grouping's
  shown groups then add up to the overall figures, no hidden figure can be worked out by
  subtracting shown ones, within a grouping or across them. With no contact left, the overall
  figures and the ghosting count are hidden too.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from workbook.analysis.frames import WINDOW_DAYS
from workbook.analysis.sample import SAMPLE_AS_OF, SAMPLE_SEED, generate_contacts
from workbook.analysis.share import (
    Shared,
    anonymise,
    participant_id,
    read_shared,
    read_shares,
    room_share,
)
from workbook.home.room import participants_folder
from workbook.model import WorkbookError
from workbook.rules.counting import MIN_GROUP
from workbook.tables.canonical_csv import CsvError
from workbook.tracker.store import Tracker, TrackerError, is_current

__all__ = [
    "BOOTSTRAP_SEED",
    "MIN_GROUP",
    "RESAMPLES",
    "Cohort",
    "CohortFolderError",
    "bootstrap_interval",
    "cohort_note",
    "cohort_report",
    "newest",
    "pool",
    "read_cohort",
    "resample",
    "room_cohort",
    "sample_cohort",
    "shared_files",
]

RESAMPLES: Final = 2000
"""Draws of the participants for each interval."""
BOOTSTRAP_SEED: Final = 20261120
"""The bootstrap's seed: the same shares give the same intervals."""

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Cohort:
    """The shares pooled for a group (one per participant, the newest), and what was not.

    `skipped` holds why each unreadable file was skipped; `replaced` pairs each earlier share
    of a participant with the newer one pooled instead. A `synthetic` cohort is made-up data.
    """

    shares: tuple[Shared, ...]
    skipped: tuple[CsvError, ...] = ()
    replaced: tuple[tuple[Shared, Shared], ...] = ()
    synthetic: bool = False


def pool(
    shares: Iterable[Shared], *, skipped: Iterable[CsvError] = (), synthetic: bool = False
) -> Cohort:
    """Each participant's newest share: the highest share number (of equal ones, the first
    given). A share without a participant id (version 0) is a participant of its own."""
    given = list(shares)
    kept, earlier = newest([(shared.participant, shared.number) for shared in given])
    replaced = tuple((given[older], given[newer]) for older, newer in earlier)
    return Cohort(tuple(given[n] for n in kept), tuple(skipped), replaced, synthetic)


def newest(
    shares: Sequence[tuple[str | None, int]],
) -> tuple[list[int], list[tuple[int, int]]]:
    """Of shares given as (participant id, share number), which `pool` keeps: the index of
    each participant's newest, in the order the participants first come, and for each other
    share the pair of its index and its participant's newest's."""
    best: dict[str | int, int] = {}
    earlier: list[tuple[int, str | int]] = []
    for position, (participant, number) in enumerate(shares):
        key: str | int = position if participant is None else participant
        kept = best.setdefault(key, position)
        if kept != position:
            older, best[key] = (kept, position) if number > shares[kept][1] else (position, kept)
            earlier.append((older, key))
    return list(best.values()), [(older, best[key]) for older, key in earlier]


class CohortFolderError(WorkbookError, ValueError):
    """A folder of shared files that cannot be read: one line naming it and what is wrong."""


def read_cohort(folder: Path | str) -> Cohort:
    """The shared files of a folder, by name; every other file there is skipped, with why.
    Raises `CohortFolderError` if there is no folder there, it is a file, or it cannot be
    read."""
    shares, skipped = read_shares((p.name, p) for p in shared_files(folder))
    return pool(shares, skipped=skipped)


def shared_files(folder: Path | str) -> list[Path]:
    """The files of a folder that `read_cohort` reads, hidden ones aside, sorted by name.
    Raises `CohortFolderError` if there is no folder there, it is a file, or it cannot be
    read."""
    path = Path(folder)
    try:
        return sorted(p for p in path.iterdir() if p.is_file() and p.name[:1] != ".")
    except (FileNotFoundError, NotADirectoryError):
        if os.path.exists(path):  # never raises
            raise CohortFolderError(f"{path} is a file, not a folder") from None
        raise CohortFolderError(f"there is no folder at {path}") from None
    except OSError as error:
        raise CohortFolderError(f"{path} cannot be read ({error.strerror or error})") from None


def room_cohort(root: Path | None = None, *, today: dt.date | None = None) -> Cohort:
    """The room's trackers read directly, anonymised as `workbook share` does: only those whose
    participant said yes. Nothing tells who said no, or whose tracker could not be read: such
    trackers are left out without a name or a count, and none is changed: a tracker of an
    older layout (or an empty file) is not opened, since opening would migrate it, and it
    cannot hold a yes anyway (the `settings` table came with layout 2)."""
    shares = []
    for tracker_file in sorted(participants_folder(root).glob("*/tracker.db")):
        if not is_current(tracker_file):
            continue
        try:
            with Tracker(tracker_file, create=False) as tracker:
                shared = room_share(tracker, today=today)
        except TrackerError:
            continue
        if shared is not None:
            shares.append(shared)
    return pool(shares)


# -- the figures a cohort adds -----------------------------------------------------------------


def resample(count: int, resamples: int = RESAMPLES, seed: int = BOOTSTRAP_SEED) -> Floats:
    """`resamples` draws of `count` participants with replacement: how often each one is
    drawn in each (a resamples x count array), the same for one seed."""
    if count == 0:
        return np.zeros((resamples, 0))
    rng = np.random.default_rng(seed)
    return rng.multinomial(count, np.full(count, 1 / count), size=resamples).astype(np.float64)


def bootstrap_interval(
    answered: npt.ArrayLike, decided: npt.ArrayLike, draws: Floats
) -> tuple[float, float] | None:
    """The 2.5th and 97.5th percentiles of answered / decided over the `draws` of participants
    (per-participant counts in, `resample`'s array); draws without a decided contact are left
    out, and with none at all there is no interval."""
    drawn_answered, drawn_decided = (draws @ np.column_stack([answered, decided])).T
    seen = drawn_decided > 0
    if not seen.any():
        return None
    low, high = np.percentile(drawn_answered[seen] / drawn_decided[seen], [2.5, 97.5])
    return float(low), float(high)


def cohort_note(
    files: int, *, min_group: int, resamples: int, seed: int, synthetic: bool = False
) -> str:
    """How a cohort's figures were made, in words: the report's `note`."""
    made_up = (
        "These are made-up sample shares (synthetic), not real participants: use them to learn "
        "to read the report, not as facts. "
        if synthetic
        else ""
    )
    return (
        f"{made_up}Pooled from the anonymous shares of {files} participant"
        f"{'s' if files != 1 else ''}, each counted as on the day they shared it. One person's "
        "contacts tend to fare alike, so each 95% interval comes from drawing the participants "
        f"again, with replacement, {resamples:,} times (a bootstrap over participants, seed "
        f"{seed}); where the usual interval for independent contacts is wider, that one is "
        f"given. A group resting on fewer than {min_group} participants is hidden, and its "
        "contacts are left out of every other figure too, so that nothing hidden can be worked "
        "out from what is shown."
    )


def cohort_report(
    cohort: Cohort,
    *,
    window: int = WINDOW_DAYS,
    min_group: int = MIN_GROUP,
    as_of: dt.date | None = None,
    resamples: int = RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> dict[str, Any]:
    """The pooled report in the shape of `analysis.report` (data/report.schema.json), with
    `participants` and `suppressed` in every group, the `note` and the `cohort` it rests on,
    counted by `pooling` as a folder's is. Raises `ValueError` for a `window` or `min_group`
    under 1."""
    from workbook.analysis.pooling import shares_report  # pooling builds on this module

    return shares_report(
        cohort, window=window, min_group=min_group, as_of=as_of, resamples=resamples, seed=seed
    )


def sample_cohort(
    participants: int = 12, *, seed: int = SAMPLE_SEED, as_of: dt.date = SAMPLE_AS_OF
) -> Cohort:
    """A made-up cohort, labelled synthetic, for a group too small to pool: `participants`
    shares of `sample.generate_contacts` trackers of 20 to 80 contacts, shared on `as_of`;
    the same for one seed. Each goes through the shared file's format, as a real one does."""
    rng = random.Random(seed)
    shares = []
    for n in range(1, participants + 1):
        contacts = generate_contacts(rng.randint(20, 80), seed + n, as_of=as_of)
        shared = anonymise(
            contacts, participant=participant_id(rng), number=1, today=as_of, rng=rng
        )
        shares.append(read_shared(io.BytesIO(shared.encode()), f"sample-{n:02d} (synthetic)"))
    return pool(shares, synthetic=True)
