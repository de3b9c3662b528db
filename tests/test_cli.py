"""The `workbook` command: `plan` in every format, its errors, and `lab`."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import icalendar
import pytest

from tests.sandbox import stop
from workbook.cli import main

REPO = Path(__file__).resolve().parents[1]
BASE = [
    "plan",
    "--interview", "2026-11-23",
    "--company", "Acme Logistics",
    "--role", "Warehouse Supervisor",
    "--interviewer", "Dana Reyes <dana@acme.example>",
]  # fmt: skip


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command as a user would, in a fresh interpreter."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "workbook.cli", *args],
        capture_output=True, text=True, env=environment, timeout=60, check=False,
    )  # fmt: skip


def plan_json(capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, object]:
    assert main([*BASE, *extra, "--format", "json"]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_plan_prints_a_readable_plan_by_default() -> None:
    """Without --format the plan is text: numbered steps and when to stop."""
    result = run(*BASE, "--highlight", "I cut picking errors by 30%")
    assert result.returncode == 0, result.stderr
    assert "1. Monday 23 November: Thank-you email to Dana Reyes" in result.stdout
    assert "When to stop:" in result.stdout
    assert result.stderr == ""


def test_plan_json_has_steps_prepare_stop_and_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON output lists the contacts with ISO dates and the documented fields."""
    data = plan_json(capsys, "--next-step", "background-check", "--expected-by", "2026-11-27")
    assert {"steps", "prepare", "stop", "warnings"} <= set(data)
    steps = data["steps"]
    assert isinstance(steps, list)
    assert [(s["date"], s["kind"], s["channel"]) for s in steps] == [
        ("2026-11-23", "thank-you", "email"),
        ("2026-11-30", "follow-up", "email"),
    ]
    for step in steps:
        assert {"date", "kind", "channel", "section", "why", "subject", "body", "to"} <= set(step)
        assert step["to"] == "Dana Reyes <dana@acme.example>"
    assert data["prepare"]


def test_plan_applies_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    """Time, permission to call, people-facing, news, further news, a phone number, a wording
    and holidays all reach the plan."""
    data = plan_json(
        capsys,
        "--time", "15:30",
        "--next-step", "vague",
        "--call-ok-by", "2026-11-26",
        "--channel", "phone",
        "--people-facing",
        "--new-info", "my certification came through",
        "--further-news", "I passed the first-aid course",
        "--phone", "07700 900123",
        "--wording", "2",
        "--holiday", "2026-11-26",
        "--holiday", "2026-11-27",
    )  # fmt: skip
    steps = data["steps"]
    assert isinstance(steps, list)
    assert [(s["date"], s["kind"], s["channel"]) for s in steps] == [
        ("2026-11-24", "thank-you", "email"),
        ("2026-11-30", "follow-up", "phone"),
        ("2026-12-07", "second-follow-up", "email"),
    ]
    assert "people-facing" in steps[1]["why"]
    assert "my certification came through" in steps[1]["body"]
    assert "07700 900123" in steps[1]["body"]  # the voicemail line
    assert "I passed the first-aid course" in steps[2]["body"]
    assert steps[0]["subject"].startswith("Thanks for your time")  # the second wording


def test_plan_gives_each_moment_to_its_interviewer(capsys: pytest.CaptureFixture[str]) -> None:
    """The nth --moment goes with the nth --interviewer, and a typed title sets the greeting."""
    data = plan_json(
        capsys,
        "--interviewer", "Mrs Helen O'Brien <helen@acme.example>",
        "--moment", "the tour of the sorting line",
        "--moment", "your question about night shifts",
    )  # fmt: skip
    steps = data["steps"]
    assert isinstance(steps, list)
    to_dana, to_helen = steps[0]["body"], steps[1]["body"]
    assert to_dana.startswith("Dear Dana,") and "sorting line" in to_dana
    assert to_helen.startswith("Dear Mrs O'Brien,")
    assert "night shifts" in to_helen and "sorting line" not in to_helen


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--moment", "a", "--moment", "b"], "--moment"),
        (["--wording", "4"], "--wording"),
        (["--interviewer", "Lord Dana Reyes", "--wording", "0"], "--wording"),
    ],
)
def test_plan_refuses_moments_or_wordings_that_do_not_fit(args: list[str], option: str) -> None:
    """Two moments for one interviewer, or a wording out of range, end with one line."""
    result = run(*BASE, *args)
    assert result.returncode == 2
    assert result.stderr.startswith(f"workbook plan: error: {option}")
    assert result.stderr.count("\n") == 1


def test_plan_decision_date_alone_implies_that_next_step(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--decision-date without --next-step plans around the decision date."""
    data = plan_json(capsys, "--decision-date", "2026-12-02")
    steps = data["steps"]
    assert isinstance(steps, list)
    assert steps[1]["date"] == "2026-12-03"


def test_plan_markdown_and_ics(capsys: pytest.CaptureFixture[str]) -> None:
    """Markdown starts with the plan's title; ics parses as a calendar with one event a step."""
    assert main([*BASE, "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("# Follow-up plan: Warehouse Supervisor at Acme")
    result = subprocess.run(
        [sys.executable, "-m", "workbook.cli", *BASE, "--format", "ics"],
        capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO)}, check=True,
    )  # fmt: skip
    events = list(icalendar.Calendar.from_ical(result.stdout).walk("VEVENT"))
    assert len(events) == 2


def test_plan_with_an_answer_shows_the_reply(capsys: pytest.CaptureFixture[str]) -> None:
    """--answer cancels what is left and prints the matching reply."""
    data = plan_json(capsys, "--answer", "rejection", "--answered-on", "2026-11-25")
    steps = data["steps"]
    assert isinstance(steps, list) and len(steps) == 1
    reply = data["reply"]
    assert isinstance(reply, dict)
    assert "future openings" in reply["body"]


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--interview", "2026-13-45"], "--interview"),
        (["--interview", "next tuesday"], "--interview"),
        (["--time", "2pm"], "--time"),
        (["--next-step", "maybe"], "--next-step"),
        (["--channel", "pigeon"], "--channel"),
        (["--channel", "linkedin"], "--channel"),
        (["--decision-date", "2026-11-01"], "--decision-date"),
        (["--next-step", "vague", "--decision-date", "2026-12-01"], "--decision-date"),
        (["--next-step", "decision-date"], "--decision-date"),
        (["--call-ok-by", "2026-11-20"], "--call-ok-by"),
        (["--expected-by", "2026-11-20"], "--expected-by"),
        (["--interviewer", "Sam <not an address>"], "--interviewer"),
        (["--country", "XX"], "--country"),
        (["--company", "   "], "--company"),
        (["--answer", "rejection", "--answered-on", "2026-11-01"], "--answered-on"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_option(args: list[str], option: str) -> None:
    """Bad input ends with status 2 and one clear line on stderr that names the option."""
    result = run(*BASE, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert option in lines[0]
    assert "Traceback" not in result.stderr


def test_a_missing_required_option_is_named() -> None:
    """Leaving out --company names it, in one line."""
    result = run("plan", "--interview", "2026-11-23", "--role", "Clerk", "--interviewer", "Dana")
    assert result.returncode == 2
    assert "--company" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "hostile",
    ["Acme\nBcc: x@example.org", "<script>alert(1)</script>", "Acme: ; , \\ \"", "\x1b[31mred",
     "株式会社 🚀", "=cmd|' /C calc'!A0"],
)  # fmt: skip
def test_hostile_text_in_every_field_still_gives_a_plan(
    capsys: pytest.CaptureFixture[str], hostile: str
) -> None:
    """Odd characters in any text option never crash the command or leak into a subject line."""
    args = ["plan", "--interview", "2026-11-23", "--company", hostile, "--role", hostile,
            "--interviewer", f"{hostile} <dana@acme.example>", "--moment", hostile,
            "--highlight", hostile, "--new-info", hostile, "--name", hostile,
            "--format", "json"]  # fmt: skip
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    for step in data["steps"]:
        assert "\n" not in step["subject"] and "\x1b" not in step["body"]


def test_plan_imports_nothing_heavy() -> None:
    """`workbook plan` loads neither pandas, matplotlib nor ipywidgets, so it answers fast."""
    code = (
        f"import sys; from workbook.cli import main; main({BASE!r}); "
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'pandas', 'matplotlib', 'ipywidgets', 'numpy', 'jupyterlab', 'IPython'}); "
        "print('HEAVY', heavy, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)}, check=True,
    )  # fmt: skip
    assert "HEAVY []" in result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.mark.slow
def test_lab_serves_the_workspace_in_the_learners_data_folder(isolated_home: Path) -> None:
    """`workbook lab` copies the notebooks into a workspace under WORKBOOK_HOME, not the
    repository, and serves it from the start notebook; stopping the command stops the server."""
    port, token = _free_port(), "test-token"
    process = subprocess.Popen(
        [sys.executable, "-m", "workbook.cli", "lab", "--no-browser", "--port", str(port)],
        env={**os.environ, "PYTHONPATH": str(REPO), "JUPYTER_TOKEN": token},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/api/contents?token={token}"
        deadline = time.monotonic() + 60
        listing = None
        while listing is None and time.monotonic() < deadline:
            (isolated_home / "workspace").mkdir(parents=True, exist_ok=True)
            (isolated_home / "workspace" / "marker.txt").write_text("here")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    listing = json.load(response)
            except OSError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                time.sleep(0.5)
        assert listing is not None, "JupyterLab did not answer within 60 s"
        names = {item["name"] for item in listing["content"]}
        assert {"marker.txt", "00-start.ipynb", "09-my-plan.ipynb"} <= names
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", f"/?token={token}")
        redirect = connection.getresponse()
        assert redirect.status == 302
        assert redirect.getheader("Location", "").startswith("/lab/tree/00-start.ipynb")
        connection.close()
    finally:
        stop(process)
    with socket.socket() as probe:  # stopping the command stopped JupyterLab too
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "JupyterLab outlived `workbook lab`"
