"""`workbook report`: response rates from the tracker or a CSV, as text, JSON or an HTML page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from workbook.cli import main

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample_contacts.csv"
SCHEMA = json.loads((REPO / "data" / "report.schema.json").read_text(encoding="utf-8"))
AS_OF = ["--as-of", "2026-11-20"]


def report_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["report", *args, *AS_OF, "--json"]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_the_text_report_has_a_table_per_grouping(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json the report is readable tables, and small groups are marked."""
    assert main(["report", "--csv", str(SAMPLE), *AS_OF]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Response rates on 2026-11-20 (an answer counts within 14 days)")
    for heading in ("By channel", "By kind of contact", "By days from the interview"):
        assert heading in text
    assert "fewer than 10 decided contacts" in text


def test_json_follows_the_schema_and_counts_the_sample(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--json prints the documented shape, and its totals add up to the file's contacts."""
    data = report_json(capsys, "--csv", str(SAMPLE))
    jsonschema.validate(data, SCHEMA)
    by_channel = data["by_channel"]
    assert isinstance(by_channel, list)
    assert sum(group["contacts"] for group in by_channel) == 100
    assert [group["channel"] for group in by_channel][:3] == ["email", "phone", "letter"]


def test_the_tracker_and_its_csv_give_the_same_report(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    """Imported into the learner's tracker, the sample reports exactly as the file does."""
    assert main(["import", str(SAMPLE)]) == 0
    capsys.readouterr()
    assert report_json(capsys) == report_json(capsys, "--csv", str(SAMPLE))


def test_out_from_the_tracker_draws_the_time_to_answer_chart(
    capsys: pytest.CaptureFixture[str], isolated_home: Path, tmp_path: Path
) -> None:
    """A report of the tracker counted in SQLite still reads the contacts for --out's charts."""
    assert main(["import", str(SAMPLE)]) == 0
    out = tmp_path / "report.html"
    assert main(["report", *AS_OF, "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.count("data:image/") >= 2 and "How soon answers came" in page


def test_a_longer_window_counts_more_answers(capsys: pytest.CaptureFixture[str]) -> None:
    """--window changes which answers count, as design.md defines it."""
    narrow = report_json(capsys, "--csv", str(SAMPLE), "--window", "3")
    wide = report_json(capsys, "--csv", str(SAMPLE), "--window", "60")
    assert narrow["window"] == 3 and wide["window"] == 60
    assert narrow["overall"]["answered"] < wide["overall"]["answered"]  # type: ignore[index]


def test_out_writes_a_self_contained_html_page(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--out writes one HTML file with embedded charts and their text alternatives."""
    out = tmp_path / "report.html"
    assert main(["report", "--csv", str(SAMPLE), *AS_OF, "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "data:image/" in page and 'alt="' in page
    assert "http://" not in page and "https://" not in page


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--window", "0"], "--window"),
        (["--window", "two"], "--window"),
        (["--as-of", "yesterday"], "--as-of"),
        (["--db", "missing.db"], "missing.db"),
        (["--csv", "missing.csv"], "missing.csv"),
        (["--out", "no-such-folder/report.html"], "--out"),
    ],
)
def test_bad_options_end_with_one_line_naming_them(
    args: list[str],
    named: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bad option or a missing file ends with status 2 and a line that names it."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(SAMPLE, tmp_path / "sample.csv")
    source = [] if "--db" in args or "--csv" in args else ["--csv", "sample.csv"]
    try:
        status = main(["report", *source, *args])
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    assert status == 2
    err = capsys.readouterr().err
    assert named in err and "Traceback" not in err


def test_a_broken_csv_lists_its_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A report from a CSV with bad rows lists them, as import does, and reports nothing."""
    broken = tmp_path / "broken.csv"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",letter,", ",pigeon,", 1)
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["report", "--csv", str(broken)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "pigeon" in captured.err and ":4:" in captured.err


@pytest.mark.slow
def test_a_tracker_report_starts_without_pandas(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    """`workbook report --json` of a tracker counts in SQLite and never loads pandas or numpy,
    so a learner waits only for the counting; the report is the one pandas gives."""
    assert main(["import", str(SAMPLE)]) == 0
    capsys.readouterr()
    code = (
        "import json, sys\n"
        "from workbook.cli import main\n"
        f"main(['report', '--json', '--as-of', '{AS_OF[1]}'])\n"
        "print(json.dumps(sorted({'pandas', 'numpy'} & set(sys.modules))), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=os.environ | {"PYTHONPATH": str(REPO)}, check=True)  # fmt: skip
    assert json.loads(result.stderr) == []
    assert json.loads(result.stdout) == report_json(capsys, "--csv", str(SAMPLE))
