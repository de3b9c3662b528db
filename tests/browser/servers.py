"""Servers and a browser for the browser tests, the screenshots and the app benchmark.

Each server is `workbook app` or `workbook lab`, started as a learner would start it, on
127.0.0.1 with a free port and a token, with every data and configuration folder (the learner's,
Jupyter's, IPython's, matplotlib's) in a temporary folder, and with this checkout on PYTHONPATH
so its kernels import this `workbook`. It is polled until it answers (within a bounded time) and
stopped by its process id; `workbook` passes the stop on to the server it started.

The browser is Debian's Chromium (`/usr/bin/chromium`, or `$WORKBOOK_CHROMIUM`), driven by
Playwright; Playwright's own browser downloads are never used. The accessibility rules come from
the npm package axe-core in `node_modules/` (see `package.json`).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.sandbox import ISOLATED_FOLDERS, stop

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT = 90.0
"""Seconds a server may take to answer; JupyterLab on a busy 2-core machine takes about 10."""


def chromium() -> str | None:
    """The Chromium to drive: `$WORKBOOK_CHROMIUM`, else Debian's, else one on the PATH."""
    for candidate in (os.environ.get("WORKBOOK_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def missing() -> str | None:
    """Why the browser tests cannot run here, in one sentence, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[dev]' installs it)"
    if chromium() is None:
        return (
            "Chromium is not installed: `make test` installs Debian's chromium with apt-get when"
            " it runs as root; otherwise run `sudo apt-get install chromium`"
        )
    if not AXE.is_file():
        return (
            "axe-core is not installed in node_modules: `make test` installs it with npm (from"
            " package.json); otherwise run `npm ci` in the repository"
        )
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def isolated_env(root: Path) -> dict[str, str]:
    """The environment of a server whose every data and configuration folder is under `root`."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "MPLBACKEND": "Agg"}
    env.pop("JUPYTER_PATH", None)
    for variable, name in ISOLATED_FOLDERS.items():
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        env[variable] = str(folder)
    return env


@dataclass
class Server:
    """A `workbook app` or `workbook lab` running on 127.0.0.1."""

    process: subprocess.Popen[bytes]
    port: int
    token: str
    home: Path
    """Its WORKBOOK_HOME."""
    log: Path
    env: dict[str, str] = field(repr=False)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        """`path` on this server, with the token (the first visit logs the browser in)."""
        separator = "&" if "?" in path else "?"
        return f"{self.base}{path}{separator}token={self.token}"

    @property
    def workspace(self) -> Path:
        return self.home / "workspace"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_until_ready(self, path: str, timeout: float = START_TIMEOUT) -> None:
        """Poll `path` until it answers 200, the server stops, or `timeout` seconds pass."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped:\n{self.output()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url(path), timeout=5) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.HTTPError):
                pass
            time.sleep(0.3)
        raise RuntimeError(
            f"no answer from {path} within {timeout:.0f} s:\n{self.output()[-3000:]}"
        )

    def stop(self) -> None:
        """Stop the server by its process id: politely, then for good."""
        stop(self.process)


def start(command: str, root: Path, *extra: str) -> Server:
    """Start `workbook <command> --no-browser --port <free port>` with its folders in `root`."""
    env = isolated_env(root)
    port, token = free_port(), secrets.token_hex(12)
    env["JUPYTER_TOKEN"] = token
    log = root / f"{command}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "workbook.cli", command, "--no-browser", "--port", str(port),
             *extra],
            env=env, cwd=root, stdout=sink, stderr=subprocess.STDOUT,
        )  # fmt: skip
    home = Path(env["WORKBOOK_HOME"])
    return Server(process, port, token, home, log, env)


@contextmanager
def running(command: str, root: Path, ready: str, *extra: str) -> Iterator[Server]:
    """A started server (`extra` options added), ready at `ready`, stopped on leaving."""
    server = start(command, root, *extra)
    try:
        server.wait_until_ready(ready)
        yield server
    finally:
        server.stop()


@contextmanager
def fresh_app_in_browser(purpose: str) -> Iterator[tuple[Server, Any]]:
    """`workbook app` on a new, temporary data folder, and Chromium to drive it, both stopped on
    leaving; a one-line exit saying what is missing when they cannot run here (`purpose` says
    what was to be done, for that line)."""
    problem = missing()
    if problem:
        raise SystemExit(f"cannot {purpose} in a browser: {problem}")
    with (
        tempfile.TemporaryDirectory(prefix="workbook-app-") as root,
        running("app", Path(root), ready="/") as app,
        browser() as launched,
    ):
        yield app, launched


@contextmanager
def browser() -> Iterator[Any]:
    """Chromium, headless, as a Playwright browser."""
    from playwright.sync_api import sync_playwright

    path = chromium()
    assert path is not None, missing()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


# -- pages ------------------------------------------------------------------------------------

PAGE_READY = """() => {
  const cells = document.getElementById('rendered_cells');
  if (!cells || cells.style.display === 'none') return false;
  if (document.querySelector('script[type="application/vnd.voila.cell-output+json"]')) {
    return false;
  }
  const outputs = [...cells.querySelectorAll('.jp-OutputArea-output')];
  return outputs.every((output) => output.children.length > 0 || output.textContent.trim());
}"""
"""True once an app page has run every cell and drawn every widget."""


def open_app_page(page: Any, server: Server, name: str, timeout: float = 60.0) -> None:
    """Open the app's page of notebook `name` and wait until every widget is drawn."""
    page.goto(server.url(f"/voila/render/{name}"))
    page.wait_for_function(PAGE_READY, timeout=timeout * 1000)


def page_problems(page: Any, title: str) -> list[str]:
    """What a participant must never see on an app page, and what every page must have."""
    problems = []
    text = page.locator("body").inner_text()
    for words in ("Error displaying widget", "Traceback", "from workbook", "exercise(", "quiz("):
        if words in text:
            problems.append(f"shows {words!r}")
    if page.locator(".jp-CodeCell .jp-InputArea, .jp-InputPrompt, .cm-editor").count():
        problems.append("shows a code cell")
    if page.locator(".jp-OutputArea-output[data-mime-type*='stderr']").count():
        problems.append("shows an error output")
    if page.locator("h1").count() != 1:
        problems.append(f"has {page.locator('h1').count()} top headings")
    if not page.title().startswith(title):
        problems.append(f"is titled {page.title()!r}")
    for image in page.locator("#rendered_cells img").all():
        alt = image.get_attribute("alt") or ""
        if not any(character.isdigit() for character in alt):
            problems.append(f"has an image whose text alternative gives no figures: {alt!r}")
    return problems


def saved(path: Path, text: str, timeout: float = 30.0) -> bool:
    """Whether `text` reaches the file within `timeout` seconds: a kernel saves as it can."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file() and text in path.read_text(encoding="utf-8"):
            return True
        time.sleep(0.2)
    return False


def company_typed(page: Any, typed: str | None = None) -> str:
    """The company on an open intro page, after typing `typed` there if given (and waiting,
    with a bound, for the page to show it took the answer)."""
    field = page.locator(".wb-input-company input")
    if typed is not None:
        field.fill(typed)
        field.press("Tab")
        page.locator(".wb-plan").filter(has_text="fill in").wait_for()
    return str(field.input_value())


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """The axe-core accessibility rules run on the page: every violation found."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate("async () => await window.axe.run(document)")
    violations: list[dict[str, Any]] = result["violations"]
    return violations


LAB_KERNEL_IDLE = (
    ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status='idle']"
)
"""The notebook in front has a kernel, and it is idle."""


def open_lab_notebook(page: Any, server: Server, name: str) -> None:
    """Open notebook `name` in JupyterLab and wait until its kernel is idle and the menus have
    settled."""
    page.goto(server.url(f"/lab/tree/{name}"))
    lab_kernel_idle(page)


def lab_kernel_idle(page: Any) -> None:
    """Wait until the notebook in front has an idle kernel and JupyterLab's menus have settled."""
    page.wait_for_selector(LAB_KERNEL_IDLE, timeout=90_000)
    page.wait_for_timeout(4000)  # JupyterLab settles its menus after the kernel is idle


def run_all_cells(page: Any) -> None:
    """Run every cell of the notebook in front, as a learner does from the Run menu."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
