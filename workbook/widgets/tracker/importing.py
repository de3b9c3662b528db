"""Importing a spreadsheet on the tracker page: what the file's columns would become, every
problem by line, and nothing written until the learner confirms.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path

import ipywidgets as w

from workbook.canonical import COLUMNS
from workbook.home.folders import home
from workbook.tables.import_check import LEFT_OUT, ImportCheck, check_import
from workbook.tables.sheet_columns import TARGETS
from workbook.tracker.store import TrackerError
from workbook.widgets import controls
from workbook.widgets.tracker.fields import (
    FIELD_STYLE,
    FIELD_WIDTH,
    MissingError,
    classed,
    problem_html,
    text_field,
)
from workbook.widgets.tracker.forms import TrackerModel

__all__ = ["expected_columns_html", "tracker_import"]

# -- importing a spreadsheet ---------------------------------------------------------------------

_LEAVE_OUT = "(leave it out)"


def expected_columns_html() -> str:
    """The columns a file may have, which ones it needs, and how values are written."""
    need = {"required": "always", "with-contact": "on a row with a contact", "optional": ""}
    items = "".join(
        f"<li><code>{column.name}</code>"
        + (f" (needed {need[column.need]})" if need[column.need] else "")
        + (f": one of {', '.join(column.choices)}" if column.choices else "")
        + "</li>"
        for column in COLUMNS
    )
    return (
        '<details class="wb-import-expected"><summary>The columns a file can have</summary>'
        "<p>Most spreadsheets import as they are: the first row names the columns, in your own "
        "words (<em>Employer</em>, <em>Follow-up date</em>, <em>Method</em>...), one row per "
        "contact or one per application; exports of Teal, Huntr and Simplify work too. The "
        "check shows what each column was read as, and you can correct it. These are the "
        f"tracker's own columns:</p><ul>{items}</ul></details>"
    )


def _check_html(check: ImportCheck, done: bool) -> str:
    if check.report is None:
        lines = "".join(f"<li>{escape(line)}</li>" for line in check.problems)
        return (
            '<div class="wb-import-problems" role="alert"><p><strong>This file cannot be '
            "imported as it is, so nothing was written.</strong> Mend these in your spreadsheet "
            f"(or match the columns below), save it again and check it again:</p><ul>{lines}</ul>"
            "</div>"
        )
    report = check.report
    counts = (
        f"{report.added} row(s) {'added' if done else 'would be added'}, {report.updated} "
        f"{'updated' if done else 'would be updated'}, and {report.unchanged} "
        f"{'were' if done else 'would be'} left as they are"
    )
    left_out = (
        f"<p>Left out (not imported): {', '.join(escape(repr(c)) for c in check.left_out)}.</p>"
        if check.left_out
        else ""
    )
    if done:
        return (
            f'<div class="wb-import-done" role="status"><p>Imported: {counts}.</p>{left_out}</div>'
        )
    return (
        f'<div class="wb-import-preview" role="status"><p>The file is fine: {counts}. Nothing '
        f"has been written yet; <strong>Import it</strong> writes it.</p>{left_out}</div>"
    )


def tracker_import(model: TrackerModel | None = None) -> w.VBox:
    """Import a spreadsheet (CSV or .xlsx): check it and show what it would change or what is
    wrong, let the learner correct what its columns become, then import it on a click."""
    model = model or TrackerModel.shared()
    upload = classed(
        w.FileUpload(accept=".csv,.tsv,.txt,.xlsx", description="Choose a file"),
        "wb-import-upload",
    )
    typed = text_field(
        "Or its path on this computer", "wb-import-path", "e.g. /home/me/contacts.csv"
    )
    check_button = controls.button("Check the file", "wb-import-check", icon="search")
    mapping = classed(w.VBox(), "wb-import-mapping")
    result = classed(w.HTML(), "wb-import-result")
    confirm = controls.button(
        "Import it", "wb-import-confirm", button_style="primary", disabled=True
    )

    @contextmanager
    def source() -> Iterator[tuple[Path, str]]:
        if upload.value:
            chosen = upload.value[-1]
            with tempfile.TemporaryDirectory(prefix="upload-", dir=home()) as folder:
                path = Path(folder) / f"upload{Path(str(chosen['name'])).suffix.lower()}"
                path.write_bytes(bytes(chosen["content"]))
                yield path, str(chosen["name"])
            return
        text = typed.value.strip()
        if not text:
            raise MissingError("Choose a file first (or type its path).")
        path = Path(text).expanduser()
        yield path, path.name

    def columns() -> list[str] | None:
        if not mapping.children:
            return None
        return [LEFT_OUT if box.value == _LEAVE_OUT else box.value for box in mapping.children]

    def show_mapping(check: ImportCheck) -> None:
        match_note.layout.display = None if check.header else "none"
        if tuple(box.description for box in mapping.children) == check.header:
            return
        boxes = []
        for cell, column in zip(check.header, check.columns, strict=True):
            box = w.Dropdown(
                options=[_LEAVE_OUT, *TARGETS],
                value=_LEAVE_OUT if column == LEFT_OUT else column,
                description=cell, style=FIELD_STYLE, layout=FIELD_WIDTH,
            )  # fmt: skip
            box.add_class("wb-import-column")
            box.observe(run_check, names="value")
            boxes.append(box)
        mapping.children = boxes

    def run(dry_run: bool) -> None:
        confirm.disabled = True
        try:
            with source() as (path, name):
                check = check_import(path, model.path, columns(), name=name, dry_run=dry_run)
        except MissingError as missing:
            result.value = f'<p role="alert">{escape(str(missing))}</p>'
            return
        except TrackerError as error:
            result.value = problem_html(str(error))
            return
        show_mapping(check)
        result.value = _check_html(check, done=not dry_run)
        if not dry_run and check.report is not None:
            model.changed_elsewhere()
        confirm.disabled = not dry_run or check.report is None

    def run_check(_: object = None) -> None:
        run(dry_run=True)

    def new_file(_: object = None) -> None:
        mapping.children = ()
        run_check()

    upload.observe(new_file, names="value")
    check_button.on_click(lambda _: new_file())
    confirm.on_click(lambda _: run(dry_run=False))
    intro = w.HTML(
        "<p>Choose a spreadsheet (CSV or .xlsx). The workbook first checks it and tells you what "
        "it would add or change, or what needs mending; nothing is written until you click "
        "<strong>Import it</strong>. Importing never deletes anything, and importing the same "
        "file twice changes nothing.</p>"
    )
    expected = w.HTML(expected_columns_html())
    match_note = w.HTML(
        "<p>How the columns of your file were matched to the tracker's (change one if it is "
        "wrong):</p>"
    )
    match_note.layout.display = "none"
    box = w.VBox(
        [
            intro,
            w.HBox([upload, check_button]),
            typed,
            expected,
            match_note,
            mapping,
            result,
            confirm,
        ]
    )
    return classed(box, "wb-import")
