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

The `experiment` compares channels among the contacts whose channel the workbook drew at
random (a shared file's `random_channel`), as a learner's report does (`analysis.experiment`),
on the contacts every other figure counts. Its intervals allow for clustering by participant:
the difference of two channels' rates over the same draws of participants (2.5th and 97.5th
percentiles), widened to Newcombe's interval where that one is wider. A channel's random
contacts are hidden when they rest on fewer than `min_group` participants, and so are they
when the same channel's other contacts do (but some), since those could be worked out by
subtracting the random ones from the channel's figures.

How late employers answered (`pooled_lateness`, the report's `lateness`) pools the rounds the
shares carry (`Shared.rounds`; a room's view has them, a file read back does not yet), each
counted as on the day it was shared, by `estimates.lateness_of_states`. It rests on the
participants with a round in it, and is hidden (`suppressed`) while they are fewer than
`min_group`; without any share carrying rounds, the report has no `lateness` (so a folder,
pooled by `pooling.folder_report`, has none).

`Cohort`, `CohortFolderError` and the bootstrap's pieces (`resample`, `bootstrap_interval`,
`RESAMPLES`, `BOOTSTRAP_SEED`) live in `pooling`, which this module builds on; they are
named here too, for the faces that pool a group.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from workbook.analysis.estimates import lateness_of_states
from workbook.analysis.frames import WINDOW_DAYS
from workbook.analysis.pooling import (
    BOOTSTRAP_SEED,
    RESAMPLES,
    Cohort,
    CohortFolderError,
    bootstrap_interval,
    cohort_note,
    newest,
    resample,
    shared_files,
    shares_report,
)
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
    "pooled_lateness",
    "read_cohort",
    "resample",
    "room_cohort",
    "sample_cohort",
    "shared_files",
]


def pool(
    shares: Iterable[Shared], *, skipped: Iterable[CsvError] = (), synthetic: bool = False
) -> Cohort:
    """Each participant's newest share: the highest share number (of equal ones, the first
    given). A share without a participant id (version 0) is a participant of its own."""
    given = list(shares)
    kept, earlier = newest([(shared.participant, shared.number) for shared in given])
    replaced = tuple((given[older], given[newer]) for older, newer in earlier)
    return Cohort(tuple(given[n] for n in kept), tuple(skipped), replaced, synthetic)


def read_cohort(folder: Path | str) -> Cohort:
    """The shared files of a folder, by name; every other file there is skipped, with why.
    Raises `CohortFolderError` if there is no folder there, it is a file, or it cannot be
    read."""
    shares, skipped = read_shares((p.name, p) for p in shared_files(folder))
    return pool(shares, skipped=skipped)


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


def pooled_lateness(cohort: Cohort, min_group: int = MIN_GROUP) -> dict[str, Any] | None:
    """The group's `lateness`: the rounds of every share that carries them, with the
    `participants` it rests on (those with a round), hidden as `{"suppressed": true}` while
    they are fewer than `min_group`; None when no share carries rounds."""
    carried = [shared.rounds for shared in cohort.shares if shared.rounds is not None]
    if not carried:
        return None
    people = sum(1 for rounds in carried if len(rounds))
    if people < min_group:
        return {"suppressed": True}
    states = (
        (str(state), int(days), 1)
        for rounds in carried
        for state, days in zip(rounds["promise"], rounds["late_days"], strict=True)
    )
    return {**lateness_of_states(states), "participants": people, "suppressed": False}


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
    counted by `pooling` as a folder's is, and the `lateness` of the rounds the shares carry
    (`pooled_lateness`). Raises `ValueError` for a `window` or `min_group` under 1."""
    figures = shares_report(
        cohort, window=window, min_group=min_group, as_of=as_of, resamples=resamples, seed=seed
    )
    late = pooled_lateness(cohort, min_group)
    if late is not None:
        figures["lateness"] = late
    return figures


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
