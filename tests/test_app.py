"""`workbook app`: its pages in order, its Voila configuration, the command, and the server it
runs (over HTTP here; tests/browser drives it in Chromium)."""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from workbook.home.folders import home, workspace

from tests.sandbox import stop
from workbook import cli
from workbook.app import (
    CULL_IDLE_SECONDS,
    AppOptions,
    template_root,
    voila_argv,
    voila_config,
    voila_env,
    write_config,
)
from workbook.cli import main
from workbook.home.room import NotAdmittedError, add_codes, participant
from workbook.home.workspace import Page, notebook_pages, sync_workspace
from workbook.rules.course import RULES_PAGE

REPO = Path(__file__).resolve().parents[1]


def notebook_titled(title: str) -> str:
    cell = {"cell_type": "markdown", "metadata": {}, "source": [f"# {title}\n", "\n", "Prose."]}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_pages_are_the_numbered_notebooks_in_order_with_their_titles(tmp_path: Path) -> None:
    """The pages are the notebooks named like `05-clarify.ipynb`, by number, titled by their
    first heading; copies kept beside a changed notebook and other files are not pages."""
    for name, title in [
        ("10-tracker.ipynb", "10. Your tracker"),
        ("00-start.ipynb", "The Follow-up Workbook"),
        ("05-clarify.ipynb", "5. Know what happens next"),
        ("05-clarify (new version).ipynb", "5. Newer"),
        ("Untitled.ipynb", "Mine"),
        ("notes.txt", "not a notebook"),
    ]:
        (tmp_path / name).write_text(notebook_titled(title), encoding="utf-8")
    (tmp_path / "11-analysis.ipynb").write_text("{not json", encoding="utf-8")
    assert notebook_pages(tmp_path) == [
        Page("00-start.ipynb", "The Follow-up Workbook"),
        Page("05-clarify.ipynb", "5. Know what happens next"),
        Page("10-tracker.ipynb", "10. Your tracker"),
        Page("11-analysis.ipynb", "11-analysis"),  # unreadable: named by its file
    ]
    assert notebook_pages(tmp_path)[1].slug == "clarify"


def test_the_workbook_notebooks_are_all_pages(isolated_home: Path) -> None:
    """Every numbered notebook of the workbook is a page of the app, the start page first; the
    quick plan, the facilitator's group page, the rules page and the call rehearsal reach the
    workspace but are no pages of the menu, so the parts keep their numbers."""
    folder = sync_workspace().folder
    pages = notebook_pages(folder)
    numbered = sorted(p.name for p in folder.glob("[0-9][0-9]-*.ipynb"))
    assert [page.name for page in pages] == numbered
    assert (folder / "group-results.ipynb").is_file() and (folder / RULES_PAGE).is_file()
    unnumbered = {"quick-plan.ipynb", "group-results.ipynb", RULES_PAGE, "practise-call.ipynb"}
    assert {p.name for p in folder.glob("*.ipynb")} == {*numbered, *unnumbered}
    assert pages[0].name == "00-start.ipynb"
    assert pages[5].title == "5. Know what happens next"


def test_the_voila_configuration_hides_code_and_tracebacks_and_culls_idle_kernels(
    tmp_path: Path,
) -> None:
    """By default the app listens on 127.0.0.1 only, strips code, shows no traceback, uses the
    workbook template with its pages in order, and shuts down kernels left idle."""
    (tmp_path / "00-start.ipynb").write_text(notebook_titled("Start"), encoding="utf-8")
    (tmp_path / "01-intro.ipynb").write_text(notebook_titled("1. Intro"), encoding="utf-8")
    config = voila_config(AppOptions(folder=tmp_path))
    assert config["Voila"] == {
        "ip": "127.0.0.1", "port": 8866, "port_retries": 0, "open_browser": True,
    }  # fmt: skip
    shown = config["VoilaConfiguration"]
    assert shown["strip_sources"] is True and shown["show_tracebacks"] is False
    assert config["VoilaExecutor"]["show_tracebacks"] is False
    assert shown["template"] == "workbook" and shown["allow_template_override"] == "NO"
    assert shown["resources"]["workbook"]["pages"] == [  # type: ignore[index]
        {"name": "00-start.ipynb", "title": "Start"},
        {"name": "01-intro.ipynb", "title": "1. Intro"},
    ]
    assert config["MappingKernelManager"] == {
        "cull_idle_timeout": CULL_IDLE_SECONDS, "cull_interval": 60, "cull_connected": False,
    }  # fmt: skip
    with_token = voila_config(AppOptions(folder=tmp_path, ip="0.0.0.0", port=9000, token="t"))
    assert with_token["Voila"]["token"] == "t" and with_token["Voila"]["ip"] == "0.0.0.0"


def test_voila_finds_the_template_and_only_the_apps_configuration(tmp_path: Path) -> None:
    """Voila is pointed at the app's template folder and reads only the app's config file,
    which only its owner can read (it may hold the token)."""
    env = voila_env({"PATH": "/bin", "JUPYTER_PATH": "/elsewhere"})
    first, rest = env["JUPYTER_PATH"].split(os.pathsep)
    assert Path(first) == template_root() and rest == "/elsewhere"
    assert (template_root() / "voila/templates/workbook/index.html.j2").is_file()
    options = AppOptions(folder=tmp_path, token="secret")
    path = write_config(options, tmp_path)
    assert json.loads(path.read_text())["Voila"]["token"] == "secret"
    assert path.stat().st_mode & 0o077 == 0
    argv = voila_argv(options, tmp_path, "python")
    assert argv == ["python", "-m", "voila", str(tmp_path), f"--Voila.config_file_paths={tmp_path}"]


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What `workbook app` would run, instead of running it: argv, env and the config file."""
    runs: list[dict[str, Any]] = []

    def serve(argv: list[str], env: dict[str, str] | None = None) -> int:
        config_dir = argv[-1].split("=", 1)[1]
        config = json.loads((Path(config_dir) / "voila.json").read_text())
        gate = Path(config_dir) / "voila.py"
        runs.append(
            {"argv": argv, "env": env, "config": config, "gate": gate.exists() and gate.read_text()}
        )
        return 0

    monkeypatch.setattr(cli, "_serve", serve)
    return runs


def test_app_syncs_the_workspace_then_serves_it_on_this_computer(
    served: list[dict[str, Any]], isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbook app` copies the notebooks, then runs Voila on the workspace, on 127.0.0.1,
    with the template on JUPYTER_PATH, and says where to open it."""
    assert main(["app", "--no-browser", "--port", "8901"]) == 0
    (run,) = served
    folder = isolated_home / "workspace"
    assert run["argv"][1:4] == ["-m", "voila", str(folder)]
    assert run["config"]["Voila"]["ip"] == "127.0.0.1" and run["config"]["Voila"]["port"] == 8901
    assert run["config"]["Voila"]["open_browser"] is False
    pages = run["config"]["VoilaConfiguration"]["resources"]["workbook"]["pages"]
    assert pages[0]["name"] == "00-start.ipynb" and len(pages) == len(notebook_pages(folder))
    assert run["env"]["JUPYTER_PATH"].startswith(str(template_root()))
    err = capsys.readouterr().err
    assert "Copied" in err and "http://127.0.0.1:8901/" in err


def test_app_for_a_room_listens_on_the_network_with_a_token_and_participant_codes(
    served: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--room` listens beyond this computer, so it needs a token (JUPYTER_TOKEN's, else a new
    one, printed in the address to hand out), and keeps each participant's data apart."""
    monkeypatch.delenv("JUPYTER_TOKEN", raising=False)
    assert main(["app", "--no-browser", "--room"]) == 0
    run = served[-1]
    token = run["config"]["Voila"]["token"]
    assert run["config"]["Voila"]["ip"] == "0.0.0.0" and len(token) >= 12
    assert run["config"]["VoilaConfiguration"]["http_header_envs"] == ["Cookie"]
    assert run["config"]["VoilaConfiguration"]["resources"]["workbook"]["room"] is True
    assert run["env"]["WORKBOOK_ROOM"] == "1"
    assert "c.VoilaConfiguration.prelaunch_hook = room_gate" in run["gate"]
    err = capsys.readouterr().err
    assert f":8866/?token={token}" in err and "Participants open: http://" in err
    assert "No participant codes yet" in err and "workbook room codes 30" in err
    add_codes(2)
    assert main(["app", "--no-browser", "--room"]) == 0
    assert "2 participant codes on the register" in capsys.readouterr().err
    monkeypatch.setenv("JUPYTER_TOKEN", "chosen")
    assert main(["app", "--no-browser", "--room", "--ip", "127.0.0.1"]) == 0
    assert served[-1]["config"]["Voila"]["token"] == "chosen"
    assert served[-1]["config"]["Voila"]["ip"] == "127.0.0.1"
    assert main(["app", "--no-browser"]) == 0
    assert "WORKBOOK_ROOM" not in served[-1]["env"] and served[-1]["gate"] is False
    assert served[-1]["config"]["VoilaConfiguration"]["http_header_envs"] == []


def test_in_a_room_each_participant_has_a_data_folder_of_their_own(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a room, a kernel keeps its data under `participants/<code>`, the code read from the
    page's cookie and found on the room's register; a page with no code, a code not on the
    register or one that is no safe folder name has no data folder at all (and nothing is
    created); outside a room the cookie means nothing."""
    (code,) = add_codes(1)
    cookie = f"_xsrf=abc; workbook_participant={code.upper()}; username-x=y"
    monkeypatch.setenv("HTTP_COOKIE", cookie)
    assert home() == isolated_home
    monkeypatch.setenv("WORKBOOK_ROOM", "1")
    assert participant() == code
    assert home() == isolated_home / "participants" / code
    assert workspace() == isolated_home / "participants" / code / "workspace"
    for bad in (
        "",
        "workbook_participant=../../etc",
        'workbook_participant="-x"',
        "a=b; c",
        "workbook_participant=table2-ana",  # well formed, but not on the register
    ):
        monkeypatch.setenv("HTTP_COOKIE", bad)
        with pytest.raises(NotAdmittedError, match="no participant code on the room's list"):
            participant()
        with pytest.raises(NotAdmittedError):
            home()
    monkeypatch.delenv("HTTP_COOKIE")
    with pytest.raises(NotAdmittedError):
        workspace()
    assert sorted(p.name for p in (isolated_home / "participants").iterdir()) == [code]


def test_a_bad_port_is_one_line_naming_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["app", "--port", "70000"]) == 2
    assert capsys.readouterr().err == (
        "workbook app: error: --port: 70000 is not a port (expected 1 to 65535)\n"
    )


# -- the server itself ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"no answer within 60 s:\n{log.read_text()}")


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.slow
def test_the_app_serves_pages_without_code_with_navigation_and_stops_with_its_command(
    isolated_home: Path, tmp_path: Path
) -> None:
    """The served front door leads to the start page; a section's page has its title, the menu
    of every section and a "Next section" link, and no code; a failing cell and a missing page
    are short messages without a traceback; stopping `workbook app` stops the server."""
    port, token = _free_port(), "app-test-token"
    log = tmp_path / "app.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "workbook.cli", "app", "--no-browser", "--port", str(port)],
            env={**os.environ, "PYTHONPATH": str(REPO), "JUPYTER_TOKEN": token},
            stdout=sink, stderr=subprocess.STDOUT, cwd=tmp_path,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/?token={token}", process, log)
        status, door = _get(f"{base}/?token={token}")
        assert status == 200
        assert 'url=/voila/render/00-start.ipynb"' in door
        status, page = _get(f"{base}/voila/render/05-clarify.ipynb?token={token}")
        assert status == 200
        assert "<title>5. Know what happens next · Follow-up Workbook</title>" in page
        assert 'href="/voila/render/06-call-or-email.ipynb" rel="next"' in page
        menu = re.findall(r'<li><a href="/voila/render/([^"]+)"', page)
        assert menu == [p.name for p in notebook_pages(isolated_home / "workspace")]
        assert 'aria-current="page">5. Know what happens next' in page
        assert "exercise(" not in page and "from workbook" not in page  # no code
        assert 'class="wb-exercise' not in page  # widgets come from the kernel, not the HTML
        broken = json.loads(notebook_titled("A page that fails"))
        broken["cells"].append(
            {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
             "source": "import workbook\n1 / 0"}
        )  # fmt: skip
        broken["metadata"]["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        (isolated_home / "workspace" / "98-broken.ipynb").write_text(json.dumps(broken))
        status, failed = _get(f"{base}/voila/render/98-broken.ipynb?token={token}")
        assert status == 200 and 'class="wb-error" role="alert"' in failed
        assert "This part of the page could not be shown." in failed
        assert "ZeroDivisionError" not in failed and "Traceback" not in failed
        status, missing = _get(f"{base}/voila/render/99-nothing.ipynb?token={token}")
        assert status == 404 and "Page not found" in missing and "Traceback" not in missing
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/voila/render/05-clarify.ipynb")  # no token: no page
        refused = connection.getresponse()
        assert refused.status == 302 and refused.getheader("Location", "").startswith("/login")
        connection.close()
    finally:
        stop(process)
    assert not _listening(port), "the server outlived its command"


@pytest.mark.slow
def test_a_kernel_left_idle_is_shut_down(isolated_home: Path, tmp_path: Path) -> None:
    """A page opened and left (its kernel idle, nobody connected) has its kernel shut down."""
    folder = sync_workspace().folder
    port = _free_port()
    options = AppOptions(
        folder=folder, port=port, open_browser=False, cull_idle_seconds=2, cull_interval_seconds=1
    )
    write_config(options, tmp_path)
    log = tmp_path / "voila.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            voila_argv(options, tmp_path, sys.executable),
            env=voila_env({**os.environ, "PYTHONPATH": str(REPO)}),
            stdout=sink, stderr=subprocess.STDOUT, cwd=tmp_path,
        )  # fmt: skip
    try:
        _wait_for(f"http://127.0.0.1:{port}/", process, log)
        status, _ = _get(f"http://127.0.0.1:{port}/voila/render/01-intro.ipynb")
        assert status == 200  # the page ran in a kernel, which now waits for a browser
        deadline = time.monotonic() + 30
        while "Culling" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "Culling" in log.read_text(), log.read_text()
    finally:
        stop(process)
