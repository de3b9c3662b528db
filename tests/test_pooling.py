"""Tests for workbook.analysis.pooling: DuckDB's pooled report, of a folder or of shares read, is
the one the workbook counted with pandas before (tests/cohort_reference.py)."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pytest

from tests.cohort_reference import reference_report
from workbook.analysis.cohort import cohort_report, read_cohort
from workbook.analysis.pooling import PooledFolder, folder_report
from workbook.analysis.sample import generate_contacts
from workbook.analysis.share import anonymise, participant_id

POOLED_ON = dt.date(2027, 2, 1)
ENDS = dt.date(2026, 11, 20)


def share_bytes(size: int, seed: int, today: dt.date, rng: random.Random, who: str) -> bytes:
    """A share of `size` generated contacts, as `workbook share` writes it on `today`, about
    half of them with the channel drawn at random (a seed in the tracker)."""
    contacts = generate_contacts(size, seed, as_of=ENDS)
    drawn = [rng.random() < 0.5 for _ in range(len(contacts))]
    contacts["random_seed"] = ["7" if yes else "" for yes in drawn]
    return anonymise(contacts, participant=who, number=1, today=today, rng=rng).encode()


def older_version(data: bytes, version: int) -> bytes:
    """A share as a version-0 or version-1 file holds it: no `random_channel` column, and for
    version 0 no participant or share line."""
    lines = data.split(b"\n")
    table = [line.rsplit(b",", 1)[0] if line else line for line in lines[3:]]
    head = [b"followup-workbook-share,%d" % version, *(lines[1:3] if version else [])]
    return b"\n".join([*head, *table])


def generated_folder(tmp_path: Path, seed: int) -> Path:
    """A folder of generated shares: some shared before their last contacts (pending ones,
    contacts dated later), version-0 and version-1 files, replaced and equal-numbered shares,
    a share without rows, files written by hand in forms only the full check accepts, and bad
    files of every kind."""
    rng = random.Random(seed)
    folder = tmp_path / f"shares-{seed}"
    folder.mkdir()
    people = [participant_id(rng) for _ in range(14)]
    for n, who in enumerate(people):
        today = (
            ENDS
            - dt.timedelta(days=rng.choice([0, 0, 5, 20, 60]))
            + dt.timedelta(days=rng.choice([0, 10]))
        )
        data = share_bytes(rng.randint(5, 120), seed * 100 + n, today, rng, who)
        (folder / f"p{n:02d}.csv").write_bytes(data)
    first = (folder / "p00.csv").read_bytes()
    again = first.replace(b"\nshare,1\n", b"\nshare,2\n")
    (folder / "p00-again.csv").write_bytes(share_bytes(30, seed, ENDS, rng, people[0]))
    (folder / "p00-zagain.csv").write_bytes(again.replace(b"\nshare,2\n", b"\nshare,3\n"))
    (folder / "p01-same.csv").write_bytes((folder / "p01.csv").read_bytes())
    v0 = share_bytes(40, seed + 7, ENDS, rng, participant_id(rng))
    (folder / "v0.csv").write_bytes(older_version(v0, 0))
    v1 = share_bytes(35, seed + 8, ENDS, rng, participant_id(rng))
    (folder / "v1.csv").write_bytes(older_version(v1, 1))
    header = b"\n".join(first.split(b"\n")[:4]).replace(people[0].encode(), b"0" * 16)
    (folder / "no-rows.csv").write_bytes(header + b"\n")
    lenient = {
        "crlf.csv": lambda data: data.replace(b"\n", b"\r\n"),
        "bom-and-blank-end.csv": lambda data: b"\xef\xbb\xbf" + data + b"\n\n",
        "capital-flags.csv": lambda data: data.replace(b",true,", b",True,").replace(
            b",false,", b",FALSE,"
        ),
        "trailing-comma.csv": lambda data: data.replace(b"\n", b",\n"),
        "quoted.csv": lambda data: data.replace(b",email,", b',"email",'),
        "glob[1]-*?.csv": lambda data: data,
        "plain-text.csv.gz": lambda data: data,
    }
    for k, (name, edit) in enumerate(lenient.items()):
        data = share_bytes(25, seed + 20 + k, ENDS, rng, participant_id(rng))
        (folder / name).write_bytes(edit(data))
    good = share_bytes(20, seed + 9, ENDS, rng, participant_id(rng))
    lines = good.split(b"\n")
    bad = {
        "blank-line.csv": b"\n".join([*lines[:6], b"", *lines[6:]]),
        "cell-too-many.csv": b"\n".join([*lines[:5], lines[5] + b",x", *lines[6:]]),
        "pigeon.csv": good.replace(b",email,", b",pigeon,", 1),
        "latin-1.csv": good.replace(b",email,", b",\xe9mail,", 1),
        "line-break.csv": good.replace(b",email,", b',"em\nail",', 1),
        "tone-without-day.csv": b"\n".join(
            [*lines[:5], b"0b3e79c2d415,true,thank-you,email,false,0,41,,positive", *lines[5:]]
        ),
        "short-id.csv": b"\n".join([*lines[:5], b"0b3e,true,thank-you,email,false,0,41,,"]),
        "no-age.csv": b"\n".join([*lines[:5], b"0b3e79c2d415,true,thank-you,email,false,0,,,"]),
        "not-a-share.csv": b"application_id,company\n1,Kestrel\n",
        "empty.csv": b"",
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    return folder


def pooled(folder: Path, min_group: int) -> tuple[dict[str, Any], PooledFolder]:
    seen: list[PooledFolder] = []
    report = folder_report(folder, min_group=min_group, as_of=POOLED_ON, shown=seen.append)
    return report, seen[0]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("min_group", [1, 3, 6])
def test_duckdb_and_pandas_give_identical_reports(
    tmp_path: Path, seed: int, min_group: int
) -> None:
    """On generated folders, pending contacts, later-dated ones, replaced shares, lenient and
    bad files included, DuckDB's report of the folder and of its shares read by pandas is the
    reference one, key for key and in JSON, and the same files are skipped with the same
    reasons and replaced by the same ones."""
    folder = generated_folder(tmp_path, seed)
    report, seen = pooled(folder, min_group)
    cohort = read_cohort(folder)
    expected = reference_report(cohort, min_group=min_group, as_of=POOLED_ON)
    assert json.dumps(report) == json.dumps(expected)
    assert cohort_report(cohort, min_group=min_group, as_of=POOLED_ON) == expected
    assert [str(error) for error in seen.skipped] == [str(error) for error in cohort.skipped]
    assert seen.replaced == tuple((old.source, new.source) for old, new in cohort.replaced)
    assert seen.files == tuple(shared.source for shared in cohort.shares)
    assert len(seen.skipped) == 10 and len(seen.replaced) == 3


def test_files_only_the_full_check_accepts_are_pooled(tmp_path: Path) -> None:
    """A share written by hand (CRLF, a BOM, True for true, a trailing comma, quoted words),
    or with a name DuckDB could take for a pattern or a compressed file, is pooled with its
    rows, and a bad file is still named by file, line and column."""
    folder = generated_folder(tmp_path, 4)
    report, seen = pooled(folder, 1)
    lenient = ("crlf.csv", "capital-flags.csv", "trailing-comma.csv", "quoted.csv")
    for name in (*lenient, "glob[1]-*?.csv", "plain-text.csv.gz"):
        assert name in seen.files
    reasons = {error.source: error.first() for error in seen.skipped}
    assert reasons["pigeon.csv"].startswith("pigeon.csv:")
    assert "column 'channel'" in reasons["pigeon.csv"]
    assert "has 11 cells" in reasons["cell-too-many.csv"]
    assert "blank line" in reasons["blank-line.csv"]
    assert report["cohort"]["files"] == len(seen.files)


def test_a_suppressed_group_leaves_ghosting_and_overall_consistent(tmp_path: Path) -> None:
    """With a min_group above every group's participants, every group and the overall
    figures are hidden, as the pandas report hides them."""
    folder = generated_folder(tmp_path, 5)
    report, _ = pooled(folder, 200)
    assert report["overall"] == report["ghosted"] == {"suppressed": True}
    assert report == reference_report(read_cohort(folder), min_group=200, as_of=POOLED_ON)


def test_a_broken_file_does_not_spoil_the_good_files_beside_it(tmp_path: Path) -> None:
    """A file with a line break inside a cell beside one with a blank line: both are named,
    and every valid share of the folder is still pooled, by pandas as by DuckDB."""
    folder = generated_folder(tmp_path, 6)
    cohort = read_cohort(folder)
    reasons = {error.source: error.first() for error in cohort.skipped}
    assert "line break inside a cell" in reasons["line-break.csv"]
    assert "blank line" in reasons["blank-line.csv"]
    assert {f"p{n:02d}.csv" for n in range(2, 14)} <= {s.source for s in cohort.shares}
    assert len(cohort.skipped) == 10


def test_a_folder_duckdb_cannot_read_is_read_by_pandas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When DuckDB's read fails as a whole (a file gone or changed while read), every file
    is read by pandas instead, and the report is still the pandas one."""
    from workbook.analysis import pooling

    folder = generated_folder(tmp_path, 7)
    monkeypatch.setattr(pooling, "_CONTACTS", "SELECT * FROM read_csv('/no/such/file.csv')")
    report, seen = pooled(folder, 3)
    assert report == reference_report(read_cohort(folder), min_group=3, as_of=POOLED_ON)
    assert len(seen.skipped) == 10


@pytest.mark.parametrize("min_group", [1, 3, 6])
def test_the_pooled_experiment_is_the_reference_one(tmp_path: Path, min_group: int) -> None:
    """DuckDB's experiment (each channel's random contacts and participants, the comparisons
    against email with intervals clustered by participant, hidden channels) is the pandas
    one, and an older version's rows count as not drawn at random."""
    folder = generated_folder(tmp_path, 10)
    report, _ = pooled(folder, min_group)
    cohort = read_cohort(folder)
    expected = reference_report(cohort, min_group=min_group, as_of=POOLED_ON)["experiment"]
    assert report["experiment"] == expected
    shown = [arm for arm in expected["by_channel"] if not arm["suppressed"]]
    assert shown and expected["contacts"] == sum(arm["contacts"] for arm in shown)
    if min_group == 1:
        assert expected["comparisons"] and all(
            c["ci_low"] is not None for c in expected["comparisons"]
        )
    old = [s for s in cohort.shares if s.source in ("v0.csv", "v1.csv")]
    assert len(old) == 2 and not any(s.rows["random_channel"].any() for s in old)


@pytest.mark.parametrize("window", [1, 14, 30])
def test_the_window_counts_as_in_the_reference(tmp_path: Path, window: int) -> None:
    """Another window (answers, pending and the ghosting move with it) gives the reference's
    report too."""
    folder = generated_folder(tmp_path, 8)
    report = folder_report(folder, window=window, min_group=2, as_of=POOLED_ON)
    expected = reference_report(read_cohort(folder), window=window, min_group=2, as_of=POOLED_ON)
    assert report == expected


def test_a_file_name_that_is_not_utf8_is_pooled(tmp_path: Path) -> None:
    """A share whose file name is bytes that are not UTF-8 (possible on Linux) is pooled as
    pandas pools it."""
    import os

    folder = generated_folder(tmp_path, 9)
    name = os.fsdecode(b"caf\xe9.csv")
    (folder / name).write_bytes(share_bytes(30, 99, ENDS, random.Random(9), "f" * 16))
    report, seen = pooled(folder, 2)
    assert name in seen.files
    assert report == reference_report(read_cohort(folder), min_group=2, as_of=POOLED_ON)
