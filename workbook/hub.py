"""JupyterHub, for a group larger than one computer's room: the `jupyterhub_config.py` that
`workbook hub-config` prints.

With it, every user who logs in to the hub gets the workbook app (code hidden) as their own
server, `workbook app --hub`, run by the hub's spawner in the users' environment:

- each user's answers, drafts and tracker go to a data folder of their own,
  `<data root>/<user name>` (`WORKBOOK_HOME`), so no user ever sees another's;
- a server nobody has used for the idle timeout is stopped by jupyterhub-idle-culler, run by
  the hub as one of its services (their answers are saved: logging in again brings them back);
- the hub's address is set only when asked for, so the file can join the configuration of a
  hub that a platform sets up (The Littlest JupyterHub, Zero to JupyterHub), which keeps its
  own address, login and spawner.

The file stands alone: the hub's own environment needs JupyterHub and jupyterhub-idle-culler,
not the workbook, which only the users' environment needs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from string import Template

from workbook.app import HUB_START

__all__ = [
    "CULLER",
    "DATA_ROOT",
    "IDLE_TIMEOUT_SECONDS",
    "HubOptions",
    "cull_every",
    "hub_config",
]

DATA_ROOT = "~/followup-workbook"
"""The users' data root by default: in each user's own home (`~` is the user's, on their
server). Each user's folder is `<data root>/<user name>`."""
IDLE_TIMEOUT_SECONDS = 60 * 60
"""A user's server nobody has used for this long is stopped."""
CULLER = "workbook-idle-culler"
"""The name of the hub's service that stops idle servers (and of its role)."""


@dataclass(frozen=True)
class HubOptions:
    """What `workbook hub-config` is asked for."""

    ip: str | None = None
    """The hub's public address, or None to leave it to the hub (every network, or what a
    platform sets)."""
    port: int | None = None
    """The hub's public port, or None to leave it to the hub (8000, or what a platform sets)."""
    data_root: str = DATA_ROOT
    """The folder under which each user's data folder is made, on the users' servers."""
    idle_timeout: int = IDLE_TIMEOUT_SECONDS
    """Seconds without use after which a user's server is stopped; 0 for no culling here (a
    platform that culls idle servers itself)."""

    def __post_init__(self) -> None:
        if self.port is not None and not 0 < self.port < 65536:
            raise ValueError(f"--port: {self.port} is not a port (expected 1 to 65535)")
        if self.idle_timeout < 0:
            raise ValueError(f"--idle-timeout: {self.idle_timeout} is not 0 or more seconds")
        root = self.data_root.strip()
        if not root.startswith(("/", "~")):
            raise ValueError(
                f"--data-root: {self.data_root!r} is not an absolute folder (start it with / or "
                "~): a relative one would depend on where each server starts"
            )


def cull_every(idle_timeout: int) -> int:
    """How often (seconds) the culler looks for idle servers: a quarter of the timeout, at
    least every second and at most every five minutes, so a server is stopped at most a
    quarter late."""
    return max(1, min(idle_timeout // 4, 300))


_HEAD = Template('''\
# jupyterhub_config.py for the Follow-up Workbook, written by `workbook hub-config`.
#
# Every user who logs in gets the workbook app (code hidden) as their own server, with a data
# folder of their own; idle servers are stopped. The users' environment needs the workbook
# (pip install "followup-workbook[hub]"); this hub's environment needs jupyterhub and
# jupyterhub-idle-culler. Who may log in (the authenticator) and how servers are started (the
# spawner) are left to the hub: its defaults, or the platform's.
import sys
from urllib.parse import quote

c = get_config()  # noqa: F821 (JupyterHub provides it)

# Each user's server is the workbook app, opening on its start page.
c.Spawner.cmd = ["workbook", "app", "--hub"]
c.Spawner.default_url = $start

DATA_ROOT = $data_root


def workbook_home(spawner) -> str:
    """The user's own data folder, on their server: their answers, drafts and tracker."""
    name = quote(spawner.user.name, safe="")
    if not name.strip("."):
        raise ValueError(f"no data folder for the user name {spawner.user.name!r}")
    return f"{DATA_ROOT.rstrip('/')}/{name}"


c.Spawner.environment.update({"WORKBOOK_HOME": workbook_home})
''')

_ADDRESS = Template("""
# Where participants open the hub.
c.JupyterHub.ip = $ip
c.JupyterHub.port = $port
""")

_CULLER = Template("""
# A server nobody has used for $minutes is stopped (its user's answers are saved).
c.JupyterHub.load_roles.append(
    {
        "name": $culler,
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": [$culler],
    }
)
c.JupyterHub.services.append(
    {
        "name": $culler,
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            "--timeout=$timeout",
            "--cull-every=$every",
        ],
    }
)
""")


def _duration(seconds: int) -> str:
    """`seconds` as a person says it: 1 hour, 20 minutes, 45 seconds."""
    for unit, size in (("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def hub_config(options: HubOptions) -> str:
    """The text of the `jupyterhub_config.py` for `options`; every value in it is written as a
    Python literal (a JSON string is one)."""
    text = _HEAD.substitute(
        start=json.dumps(HUB_START), data_root=json.dumps(options.data_root.strip())
    )
    if options.ip is not None or options.port is not None:
        text += _ADDRESS.substitute(ip=json.dumps(options.ip or ""), port=options.port or 8000)
    if options.idle_timeout:
        text += _CULLER.substitute(
            culler=json.dumps(CULLER),
            minutes=_duration(options.idle_timeout),
            timeout=options.idle_timeout,
            every=cull_every(options.idle_timeout),
        )
    return text
