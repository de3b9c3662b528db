"""JupyterHub for a group larger than one computer's room, in a real browser: with the
configuration `workbook hub-config` prints, each user who logs in lands on the workbook app (no
code anywhere) in a data folder of their own, never sees another user's answers, and a server
nobody uses is stopped by the hub's idle-culler service.

The hub runs on 127.0.0.1 only, with JupyterHub's DummyAuthenticator (any name logs in) and
SimpleLocalProcessSpawner (every server runs as this test's own user, so no system accounts are
needed), configurable-http-proxy from node_modules/, and everything it writes in a temporary
folder. Every process it started (the hub, the proxy, the culler, the users' servers and their
kernels) is stopped by its process id.
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

import pytest

from tests.browser import servers
from tests.browser.servers import PAGE_READY, page_problems, saved
from tests.sandbox import stop
from workbook.hub import CULLER, cull_every

PROXY = servers.REPO / "node_modules" / ".bin" / "configurable-http-proxy"
IDLE_TIMEOUT = 45
"""Seconds without use before the culler stops a server: short for the test, long enough that a
user waiting while the other logs in is not stopped in the middle of it."""
ACTIVITY_SECONDS = 3
"""How often the hub learns of the users' activity here (JupyterHub's default is 5 minutes)."""
HUB_START_TIMEOUT = 60.0

TEST_CONFIG = Template("""
# The test's own part: a hub for this test only, on this computer.
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = $homes + "/{username}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = $hub_port
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:$proxy_api_port"
c.ConfigurableHTTPProxy.command = [$proxy]
c.ConfigurableHTTPProxy.pid_file = $root + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///" + $root + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = $root + "/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = $root + "/jupyterhub.pid"
c.JupyterHub.last_activity_interval = $activity
c.Spawner.environment.update({"JUPYTERHUB_ACTIVITY_INTERVAL": "$activity", "MPLBACKEND": "Agg"})
c.Spawner.http_timeout = 90
c.JupyterHub.services.append({"name": "test-reader", "api_token": $token})
c.JupyterHub.load_roles.append(
    {
        "name": "test-reader",
        "scopes": ["list:users", "read:users", "read:servers", "list:services", "read:services"],
        "services": ["test-reader"],
    }
)
""")


def hub_missing() -> str | None:
    """Why the hub test cannot run here, in one sentence, or None when it can."""
    if not all(importlib.util.find_spec(name) for name in ("jupyterhub", "jupyterhub_idle_culler")):
        return (
            "JupyterHub or jupyterhub-idle-culler is not installed (pip install -e '.[dev]' "
            "installs them)"
        )
    if not os.access(PROXY, os.X_OK):
        return (
            "configurable-http-proxy is not installed in node_modules: `make test` installs it "
            "with npm (from package.json); otherwise run `npm ci` in the repository"
        )
    return None


@dataclass
class Hub:
    """A JupyterHub running on 127.0.0.1 for this test."""

    process: subprocess.Popen[bytes]
    port: int
    token: str
    """The test's own token, to read the hub's API."""
    root: Path
    log: Path

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def api(self, path: str) -> Any:
        """GET the hub's REST API at `path` (under /hub/api), with the test's token."""
        request = urllib.request.Request(
            self.url(f"/hub/api{path}"), headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def data_folder(self, user: str) -> Path:
        """The user's WORKBOOK_HOME, as the configuration makes it."""
        return self.root / "users" / user

    def wait_until_ready(self, timeout: float = HUB_START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub stopped:\n{self.output()[-3000:]}")
            try:
                self.api("/")
                return
            except (OSError, urllib.error.HTTPError):
                time.sleep(0.3)
        raise RuntimeError(f"no answer from the hub within {timeout:.0f} s:\n{self.output()}")

    def stop(self) -> None:
        """Stop the hub and everything it started, each by its process id: the culler first
        (the hub would wait half a minute for it), then the hub, which stops the users'
        servers and the proxy, then whatever is still left."""
        import psutil

        try:
            started = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            started = []
        for child in started:
            if "jupyterhub_idle_culler" in " ".join(_command(child)):
                child.terminate()
        stop(self.process)
        for child in started:
            try:
                child.terminate()
                child.wait(timeout=30)
            except psutil.NoSuchProcess:
                pass
            except psutil.TimeoutExpired:
                child.kill()


def _command(process: Any) -> list[str]:
    import psutil

    try:
        command: list[str] = process.cmdline()
        return command
    except psutil.Error:
        return []


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Hub]:
    """JupyterHub with the configuration `workbook hub-config` prints (the hub on 127.0.0.1,
    each user's data under `users/`, a short idle timeout), plus the test's own part."""
    problem = hub_missing()
    if problem:
        pytest.skip(f"hub test skipped: {problem}")
    root = tmp_path_factory.mktemp("hub")
    env = servers.isolated_env(root)
    env.pop("WORKBOOK_HOME")  # each user's comes from the configuration
    # The spawner runs `workbook` from the PATH: this environment's, importing this checkout.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    port, token = servers.free_port(), secrets.token_hex(16)
    generated = subprocess.run(
        [sys.executable, "-m", "workbook.cli", "hub-config", "--ip", "127.0.0.1",
         "--port", str(port), "--data-root", str(root / "users"),
         "--idle-timeout", str(IDLE_TIMEOUT)],
        env=env, capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    config = root / "jupyterhub_config.py"
    config.write_text(
        generated
        + TEST_CONFIG.substitute(
            homes=json.dumps(str(root / "homes")),
            root=json.dumps(str(root)),
            hub_port=servers.free_port(),
            proxy_api_port=servers.free_port(),
            proxy=json.dumps(str(PROXY)),
            activity=ACTIVITY_SECONDS,
            token=json.dumps(token),
        ),
        encoding="utf-8",
    )
    log = root / "jupyterhub.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=root, env=env, stdout=sink, stderr=subprocess.STDOUT,
        )  # fmt: skip
    running = Hub(process, port, token, root, log)
    try:
        running.wait_until_ready()
        yield running
    finally:
        running.stop()


def log_in(browser: Any, hub: Hub, user: str) -> Any:
    """A user's own browser: log in to the hub as `user` and wait for the page it opens."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(hub.url("/hub/login"))
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill("any password")
    page.locator("#login_submit").click()
    page.wait_for_url(f"**/user/{user}/voila/render/*.ipynb", timeout=120_000)
    page.wait_for_function(PAGE_READY, timeout=60_000)
    return page


def open_page(page: Any, hub: Hub, user: str, name: str) -> None:
    page.goto(hub.url(f"/user/{user}/voila/render/{name}"))
    page.wait_for_function(PAGE_READY, timeout=60_000)


def company_on_intro(page: Any, hub: Hub, user: str, typed: str | None = None) -> str:
    """The company on the user's intro page, after typing `typed` there if given."""
    open_page(page, hub, user, "01-intro.ipynb")
    field = page.locator(".wb-input-company input")
    if typed is not None:
        field.fill(typed)
        field.press("Tab")
        page.locator(".wb-plan").filter(has_text="fill in").wait_for()
    return str(field.input_value())


def test_each_user_gets_the_app_and_keeps_their_own_answers(hub: Hub, browser: Any) -> None:
    """Logging in opens the user's own server on the workbook's start page, code hidden and no
    JupyterLab behind it; an answer one user types is kept in their own data folder, and the
    other user sees neither it nor the first user's server."""
    ana = log_in(browser, hub, "ana")
    assert ana.url == hub.url("/user/ana/voila/render/00-start.ipynb")
    assert not page_problems(ana, "The Follow-up Workbook")
    assert ana.goto(hub.url("/user/ana/lab")).status == 404
    assert ana.goto(hub.url("/user/ana/terminals/1")).status == 404
    company_on_intro(ana, hub, "ana", "Ana's Bakery")
    assert saved(hub.data_folder("ana") / "answers.json", "Ana's Bakery")

    ben = log_in(browser, hub, "ben")
    assert not page_problems(ben, "The Follow-up Workbook")
    assert company_on_intro(ben, hub, "ben") == ""
    company_on_intro(ben, hub, "ben", "Ben's Garage")
    assert saved(hub.data_folder("ben") / "answers.json", "Ben's Garage")
    assert "Ana's Bakery" not in (hub.data_folder("ben") / "answers.json").read_text("utf-8")
    elsewhere = ben.goto(hub.url("/user/ana/voila/render/01-intro.ipynb"))
    assert elsewhere.status == 403
    assert "Ana's Bakery" not in ben.content()

    assert company_on_intro(ana, hub, "ana") == "Ana's Bakery"
    assert "Ben's Garage" not in (hub.data_folder("ana") / "answers.json").read_text("utf-8")
    assert not (hub.root / "homes" / "ana" / "answers.json").exists()
    ana.context.close()
    ben.context.close()


def test_a_server_nobody_uses_is_stopped_by_the_culler(hub: Hub, browser: Any) -> None:
    """The hub runs jupyterhub-idle-culler as a service with the configured timeout; a user's
    server left unused for that long is stopped, and what the user typed stays in their data
    folder for their next login."""
    services = hub.api("/services")
    assert services[CULLER]["command"][1:] == [
        "-m",
        "jupyterhub_idle_culler",
        f"--timeout={IDLE_TIMEOUT}",
        f"--cull-every={cull_every(IDLE_TIMEOUT)}",
    ]
    cy = log_in(browser, hub, "cy")
    company_on_intro(cy, hub, "cy", "Cy's Café")
    assert saved(hub.data_folder("cy") / "answers.json", "Cy's Café")
    assert hub.api("/users/cy")["servers"][""]["ready"]
    cy.context.close()
    left = time.monotonic()
    deadline = left + IDLE_TIMEOUT + 2 * cull_every(IDLE_TIMEOUT) + 30
    while hub.api("/users/cy")["servers"] and time.monotonic() < deadline:
        time.sleep(1)
    assert not hub.api("/users/cy")["servers"], "the idle server was not stopped in time"
    assert "Culling server cy " in hub.output()
    assert time.monotonic() - left >= IDLE_TIMEOUT - ACTIVITY_SECONDS - 5
    assert "Cy's Café" in (hub.data_folder("cy") / "answers.json").read_text(encoding="utf-8")
