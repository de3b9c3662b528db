"""JupyterHub for the hub test and the hub benchmark: started on 127.0.0.1 only with the
configuration `workbook hub-config` prints, plus a part of its own.

That part uses JupyterHub's DummyAuthenticator (any name logs in) and SimpleLocalProcessSpawner
(every server runs as the current user, so no system accounts are needed: right for a test,
never for a group), configurable-http-proxy from node_modules/, free ports, and keeps everything
the hub writes in one folder; the hub learns of the users' activity every few seconds, and the
test gets a token of its own to read the hub's API. Every process the hub started (the proxy,
the culler, the users' servers and their kernels) is stopped by its process id, and the hub too.
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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

from tests.browser import servers
from tests.browser.servers import PAGE_READY
from tests.sandbox import stop

PROXY = servers.REPO / "node_modules" / ".bin" / "configurable-http-proxy"
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


@contextmanager
def running_hub(root: Path, idle_timeout: int) -> Iterator[Hub]:
    """JupyterHub with the configuration `workbook hub-config` prints (the hub on 127.0.0.1,
    each user's data under `root/users`, servers culled after `idle_timeout` seconds), plus
    the part above, answering; stopped with everything it started on leaving."""
    env = servers.isolated_env(root)
    env.pop("WORKBOOK_HOME")  # each user's comes from the configuration
    # The spawner runs `workbook` from the PATH: this environment's, importing this checkout.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    port, token = servers.free_port(), secrets.token_hex(16)
    generated = subprocess.run(
        [sys.executable, "-m", "workbook.cli", "hub-config", "--ip", "127.0.0.1",
         "--port", str(port), "--data-root", str(root / "users"),
         "--idle-timeout", str(idle_timeout)],
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
