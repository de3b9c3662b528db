"""The package's own errors share one base, so every face can show them without a traceback."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import workbook
from workbook.cli import main
from workbook.model import WorkbookError


def public_errors() -> list[type[BaseException]]:
    """Every public exception class defined in a module of the package."""
    found = []
    for module in pkgutil.walk_packages(workbook.__path__, "workbook."):
        loaded = importlib.import_module(module.name)
        for name, value in vars(loaded).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == loaded.__name__
                and not name.startswith("_")
            ):
                found.append(value)
    return found


def test_every_public_error_of_the_package_is_a_workbook_error() -> None:
    """No error class of the package stands outside `WorkbookError` (there are a dozen)."""
    errors = public_errors()
    assert len(errors) >= 10
    assert [error.__name__ for error in errors if not issubclass(error, WorkbookError)] == []


def test_a_tracker_that_cannot_serve_is_one_line_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that is not a tracker gives the command's one-line error and status 2, no
    traceback, whichever command met it."""
    not_a_tracker = tmp_path / "notes.db"
    not_a_tracker.write_text("shopping list\n", encoding="utf-8")
    for command in (["report"], ["export", str(tmp_path / "out.csv")]):
        assert main([*command, "--db", str(not_a_tracker)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"workbook {command[0]}: error: ") and "Traceback" not in err
        assert str(not_a_tracker) in err and len(err.strip().splitlines()) == 1
