"""`workbook import` and `workbook export`: what they print, their errors, and the tracker file
under two processes at once or a process killed half way."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.tables import HEADER, contact, contacts, snapshot, write
from workbook.cli import main
from workbook.tracker.store import Tracker

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """Run the `workbook` command in a fresh interpreter, as a learner would."""
    return subprocess.run(
        [sys.executable, "-m", "workbook.cli", *args],
        capture_output=True,
        env=os.environ | {"PYTHONPATH": str(ROOT)} | env,
        timeout=120,
    )


def start(*args: str, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "workbook.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ | {"PYTHONPATH": str(ROOT)} | env,
    )


def wait_for(path: Path, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Wait until `path` exists (the process signals it), failing if the process ends first."""
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the process never reached its pause"
        time.sleep(0.05)


# -- in this process ---------------------------------------------------------------------------


def test_import_says_what_it_added_updated_and_left(tmp_path, capsys):
    """`workbook import` reports rows added, updated and unchanged, and a second run changes
    nothing."""
    csv = write(tmp_path / "in.csv", contacts(12))
    db = tmp_path / "t.db"
    assert main(["import", str(csv), "--db", str(db)]) == 0
    assert f"Imported {csv} into {db}. Rows: 12 added, 0 updated, 0 unchanged." in (
        capsys.readouterr().out
    )
    assert main(["import", str(csv), "--db", str(db)]) == 0
    assert "Rows: 0 added, 0 updated, 12 unchanged." in capsys.readouterr().out


def test_import_uses_the_learners_tracker_by_default(tmp_path, isolated_home, capsys):
    """Without --db, the import goes into tracker.db in the learner's data folder."""
    assert main(["import", str(write(tmp_path / "in.csv", contacts(3)))]) == 0
    with Tracker(isolated_home / "tracker.db", create=False) as tracker:
        assert len(tracker.contacts()) == 3


def test_a_dry_run_writes_nothing_not_even_a_new_tracker(tmp_path, capsys):
    """`--dry-run` reports what would change and creates no tracker file."""
    db = tmp_path / "t.db"
    assert main(["import", str(write(tmp_path / "in.csv", contacts(4))), "--db", str(db),
                 "--dry-run"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Dry run, nothing written." in out
    assert "would give rows: 4 added, 0 updated, 0 unchanged." in out
    assert not db.exists()


def test_bad_input_lists_every_problem_on_stderr_and_exits_2(tmp_path, capsys):
    """A bad file gets how it was read on stdout, one line per problem on stderr, a summary,
    exit status 2, and no tracker is created."""
    text = HEADER + contact(channel="fax") + contact("zeta", contact_date="2026-13-01")
    csv = write(tmp_path / "bad.csv", text)
    db = tmp_path / "t.db"
    assert main(["import", str(csv), "--db", str(db)]) == 2
    captured = capsys.readouterr()
    assert captured.out == (
        f"Reading {csv} (CSV, UTF-8, separated by ',') as the canonical contact table: every"
        " column as named.\n"
    )
    assert captured.err.splitlines() == [
        f"{csv}:2: column 'channel': value 'fax' is not a channel (expected one of: email, "
        "phone, letter, linkedin, text, in-person, other, unknown)",
        f"{csv}:3: column 'contact_date': value '2026-13-01' is not a date (expected "
        "YYYY-MM-DD, for example 2026-11-23)",
        "workbook import: error: nothing imported (2 problems)",
    ]
    assert not db.exists()


def test_export_writes_the_canonical_file_or_standard_output(tmp_path, capsys):
    """`workbook export FILE` writes the canonical CSV; `-` writes the same bytes to stdout."""
    csv = write(tmp_path / "in.csv", contacts(6))
    db = str(tmp_path / "t.db")
    main(["import", str(csv), "--db", db])
    capsys.readouterr()
    out = tmp_path / "out.csv"
    assert main(["export", str(out), "--db", db]) == 0
    assert f"Exported 6 rows from {db} to {out}." in capsys.readouterr().out
    assert out.read_bytes() == csv.read_bytes()
    result = run("export", "-", "--db", db)
    assert result.returncode == 0
    assert result.stdout == csv.read_bytes()
    assert b"Exported 6 rows" in result.stderr


def test_export_replaces_a_file_whole_and_leaves_no_temporary_file(tmp_path, capsys):
    """An export over an older file replaces it, and leaves nothing else in the folder."""
    folder = tmp_path / "exports"
    folder.mkdir()
    db = str(tmp_path / "t.db")
    main(["import", str(write(folder / "in.csv", contacts(3))), "--db", db])
    out = write(folder / "out.csv", "old content\n")
    assert main(["export", str(out), "--db", db]) == 0
    assert out.read_bytes() == (folder / "in.csv").read_bytes()
    assert sorted(p.name for p in folder.iterdir()) == ["in.csv", "out.csv"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "out.csv", "--db", "missing.db"], "missing.db: no tracker there"),
        (["export", "no-such-folder/out.csv", "--db", "t.db"], "cannot write it"),
        (["import", "missing.csv", "--db", "t.db"], "missing.csv: no such file"),
        (["import", "in.csv", "--db", "."], ".: cannot open it"),
        (["import", "in.csv", "--db", "no-such-folder/t.db"], "cannot open it"),
    ],
)
def test_command_errors_are_one_line_with_status_2(tmp_path, monkeypatch, capsys, args, message):
    """A missing tracker, an unwritable place or a missing file is one line on stderr."""
    monkeypatch.chdir(tmp_path)
    Tracker(tmp_path / "t.db").close()
    write(tmp_path / "in.csv", contacts(2))
    assert main(args) == 2
    assert message in capsys.readouterr().err


# -- in a fresh process: what a learner sees ---------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("case", ["missing", "folder", "binary", "not a tracker", "bad rows"])
def test_no_input_ends_in_a_traceback(tmp_path, case):
    """A missing file, a folder, a binary file, a database that is not a tracker and bad rows
    each end with status 2 and plain lines on stderr, never a traceback."""
    csv, db = tmp_path / "in.csv", tmp_path / "t.db"
    if case == "folder":
        csv = tmp_path
    elif case == "binary":
        csv.write_bytes(bytes(range(256)) * 64)
    elif case == "not a tracker":
        write(csv, contacts(3))
        write(db, contacts(3))
    elif case == "bad rows":
        write(csv, HEADER + contact(interview_date="yesterday"))
    result = run("import", str(csv), "--db", str(db))
    assert result.returncode == 2, result.stderr
    assert b"Traceback" not in result.stderr and result.stderr.strip()
    assert result.stdout == b"" or result.stdout.startswith(b"Reading ")  # how it was read
    assert b"Traceback" not in result.stdout


@pytest.mark.slow
def test_plan_does_not_import_pandas():
    """The command's module imports no pandas, so `workbook plan` starts fast."""
    code = "import sys, workbook.cli; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=os.environ | {"PYTHONPATH": str(ROOT)}, check=True)  # fmt: skip
    assert result.stdout.strip() == "False"


@pytest.mark.slow
def test_two_imports_at_once_lose_no_row(tmp_path):
    """Two processes importing different files into one tracker at once: the second waits for
    the first, and every row of both is kept."""
    db = tmp_path / "t.db"
    first = write(tmp_path / "first.csv", contacts(300, prefix="first"))
    second = write(tmp_path / "second.csv", contacts(200, prefix="second"))
    paused = tmp_path / "paused"
    holder = start("import", str(first), "--db", str(db),
                   WORKBOOK_TEST_PAUSE_BEFORE_COMMIT=str(paused),
                   WORKBOOK_TEST_PAUSE_SECONDS="2")  # fmt: skip
    wait_for(paused, holder)  # the first holds the write lock, its rows not yet committed
    waiter = start("import", str(second), "--db", str(db))
    assert holder.wait(timeout=120) == 0, holder.communicate()
    assert waiter.wait(timeout=120) == 0, waiter.communicate()
    with Tracker(db) as tracker:
        ids = tracker.contacts()["application_id"]
    assert (ids.str.startswith("first").sum(), ids.str.startswith("second").sum()) == (300, 200)


@pytest.mark.slow
def test_two_imports_started_together_into_a_new_tracker_both_land(tmp_path):
    """Two imports started together into a tracker that does not exist yet both succeed."""
    db = tmp_path / "t.db"
    files = [write(tmp_path / f"{n}.csv", contacts(150, prefix=f"p{n}")) for n in range(2)]
    processes = [start("import", str(f), "--db", str(db)) for f in files]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.communicate()
    with Tracker(db) as tracker:
        assert len(tracker.contacts()) == 300


@pytest.mark.slow
def test_a_killed_import_leaves_the_tracker_as_it_was(tmp_path):
    """An import killed (SIGKILL) after writing its rows but before committing leaves a tracker
    that opens, passes an integrity check and holds exactly the rows it held before."""
    db = tmp_path / "t.db"
    assert run("import", str(write(tmp_path / "before.csv", contacts(90))), "--db",
               str(db)).returncode == 0  # fmt: skip
    before = snapshot(db)
    paused = tmp_path / "paused"
    update = write(
        tmp_path / "more.csv", contacts(30_000, prefix="more") + contacts(90)[len(HEADER) :]
    )
    importer = start("import", str(update), "--db", str(db),
                     WORKBOOK_TEST_PAUSE_BEFORE_COMMIT=str(paused))  # fmt: skip
    wait_for(paused, importer)
    other = sqlite3.connect(db, timeout=0)  # the rows are written, in a transaction still open
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    other.close()
    os.kill(importer.pid, signal.SIGKILL)
    importer.wait(timeout=60)
    assert snapshot(db) == before
    with Tracker(db) as tracker:
        assert tracker._con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert len(tracker.contacts()) == 90
