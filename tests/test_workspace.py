"""The learner's copies of the notebooks: first copy, updates, kept edits, and the wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from workbook.home.folders import workspace

from workbook import cli
from workbook.cli import main
from workbook.home.workspace import RECORD_NAME, fingerprint, packaged_notebooks, sync_workspace

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(path.name for path in (REPO / "notebooks").glob("*.ipynb"))


def notebook(*sources: str, outputs: bool = False) -> bytes:
    """A small notebook with one code cell per source, optionally as if it had been run."""
    cells: list[dict[str, object]] = [
        {
            "cell_type": "code",
            "id": f"cell-{index}",
            "metadata": {},
            "execution_count": index if outputs else None,
            "outputs": [{"output_type": "stream", "name": "stdout", "text": "ran\n"}]
            if outputs
            else [],
            "source": source,
        }
        for index, source in enumerate(sources, 1)
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A stand-in for the packaged notebooks folder, holding one notebook."""
    folder = tmp_path / "packaged"
    folder.mkdir()
    (folder / "01-intro.ipynb").write_bytes(notebook("exercise('intro')"))
    return folder


def record(folder: Path) -> dict[str, str]:
    copies: dict[str, str] = json.loads((folder / RECORD_NAME).read_text())["copies"]
    return copies


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_in_a_clone_the_notebooks_come_from_the_repository() -> None:
    """Without packaged notebooks, the repository's `notebooks/` folder is the source."""
    assert packaged_notebooks() == REPO / "notebooks"
    assert "00-start.ipynb" in NOTEBOOKS


def test_first_run_copies_every_notebook_and_records_it() -> None:
    """The first sync copies each notebook as it is and records its fingerprint."""
    report = sync_workspace()
    folder = workspace()
    assert report.copied == NOTEBOOKS
    assert not report.updated and not report.beside
    for name in NOTEBOOKS:
        assert (folder / name).read_bytes() == (REPO / "notebooks" / name).read_bytes()
    assert record(folder) == {
        name: fingerprint((REPO / "notebooks" / name).read_bytes()) for name in NOTEBOOKS
    }
    assert report.lines() == [f"Copied {len(NOTEBOOKS)} notebook(s) into {folder}."]


def test_second_run_with_nothing_new_changes_nothing(package: Path, tmp_path: Path) -> None:
    """A sync with no newer notebooks writes no file and reports nothing."""
    folder = tmp_path / "workspace"
    sync_workspace(folder, package)
    before = snapshot(folder)
    report = sync_workspace(folder, package)
    assert snapshot(folder) == before
    assert report.unchanged == ["01-intro.ipynb"]
    assert report.lines() == []


def test_a_notebook_the_learner_did_not_change_is_updated(package: Path, tmp_path: Path) -> None:
    """An untouched copy is replaced by the package's newer version."""
    folder = tmp_path / "workspace"
    sync_workspace(folder, package)
    newer = notebook("exercise('intro')", "quiz('intro')")
    (package / "01-intro.ipynb").write_bytes(newer)
    report = sync_workspace(folder, package)
    assert report.updated == ["01-intro.ipynb"]
    assert (folder / "01-intro.ipynb").read_bytes() == newer
    assert record(folder) == {"01-intro.ipynb": fingerprint(newer)}
    assert not list(folder.glob("*new version*"))


def test_running_a_notebook_is_not_changing_it(package: Path, tmp_path: Path) -> None:
    """A copy that only gained outputs and execution counts still gets the newer version."""
    folder = tmp_path / "workspace"
    sync_workspace(folder, package)
    (folder / "01-intro.ipynb").write_bytes(notebook("exercise('intro')", outputs=True))
    newer = notebook("exercise('intro')", "quiz('intro')")
    (package / "01-intro.ipynb").write_bytes(newer)
    assert sync_workspace(folder, package).updated == ["01-intro.ipynb"]
    assert (folder / "01-intro.ipynb").read_bytes() == newer


def test_an_edited_notebook_is_kept_and_the_new_version_put_beside(
    package: Path, tmp_path: Path
) -> None:
    """A copy the learner edited is never overwritten; the newer version goes beside it."""
    folder = tmp_path / "workspace"
    sync_workspace(folder, package)
    edited = notebook("exercise('intro')", "my own notes")
    (folder / "01-intro.ipynb").write_bytes(edited)
    newer = notebook("exercise('intro')", "quiz('intro')")
    (package / "01-intro.ipynb").write_bytes(newer)

    report = sync_workspace(folder, package)

    assert (folder / "01-intro.ipynb").read_bytes() == edited
    assert (folder / "01-intro (new version).ipynb").read_bytes() == newer
    assert report.beside == {"01-intro.ipynb": "01-intro (new version).ipynb"}
    assert "You changed 01-intro.ipynb" in " ".join(report.lines())
    before = snapshot(folder)
    assert sync_workspace(folder, package).lines() == []
    assert snapshot(folder) == before


def test_a_file_of_the_same_name_without_a_record_is_kept(package: Path, tmp_path: Path) -> None:
    """A notebook already in the workspace but never copied there is treated as the learner's."""
    folder = tmp_path / "workspace"
    folder.mkdir()
    theirs = notebook("print('mine')")
    (folder / "01-intro.ipynb").write_bytes(theirs)
    report = sync_workspace(folder, package)
    assert (folder / "01-intro.ipynb").read_bytes() == theirs
    assert list(report.beside) == ["01-intro.ipynb"]


def test_a_deleted_copy_is_copied_again(package: Path, tmp_path: Path) -> None:
    """A notebook the learner deleted from the workspace comes back on the next sync."""
    folder = tmp_path / "workspace"
    sync_workspace(folder, package)
    (folder / "01-intro.ipynb").unlink()
    assert sync_workspace(folder, package).copied == ["01-intro.ipynb"]
    assert (folder / "01-intro.ipynb").exists()


def test_lab_syncs_then_opens_the_start_notebook(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbook lab` copies the notebooks, then starts JupyterLab on them at 00-start."""
    started: list[list[str]] = []

    def serve(argv: list[str], env: dict[str, str] | None = None) -> int:
        started.append(argv)
        return 0

    monkeypatch.setattr(cli, "_serve", serve)
    assert main(["lab", "--no-browser", "--port", "8899"]) == 0
    (argv,) = started
    assert f"--ServerApp.root_dir={workspace()}" in argv
    assert "--LabApp.default_url=/lab/tree/00-start.ipynb" in argv
    assert "--no-browser" in argv and "--port=8899" in argv
    assert (workspace() / "00-start.ipynb").exists()
    assert f"Copied {len(NOTEBOOKS)} notebook(s)" in capsys.readouterr().err


@pytest.mark.slow
def test_the_wheel_carries_the_notebooks_and_the_package_data(tmp_path: Path) -> None:
    """The built wheel holds the notebooks, templates (the app's too), course and py.typed, and
    syncs from them."""
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path / "dist")],
        cwd=REPO, check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    templates = {p.relative_to(REPO).as_posix() for p in REPO.glob("workbook/**/*.j2")}
    assert templates and templates <= names
    app = {p.relative_to(REPO).as_posix() for p in (REPO / "workbook/app_template").rglob("*")}
    assert {name for name in app if "." in name.rsplit("/", 1)[-1]} <= names  # the app template
    assert {f"workbook/notebooks/{name}" for name in NOTEBOOKS} <= names
    assert {"workbook/rules/course.toml", "workbook/py.typed"} <= names

    script = (
        "from workbook.home.workspace import packaged_notebooks, sync_workspace\n"
        "print(packaged_notebooks())\n"
        "print(len(sync_workspace().copied))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")}, cwd=tmp_path,
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    where, copied = result.stdout.splitlines()
    assert Path(where) == tmp_path / "site" / "workbook" / "notebooks"
    assert int(copied) == len(NOTEBOOKS)
