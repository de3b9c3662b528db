"""The workshop app: the workbook's notebooks served by Voila, code hidden and widgets live.

`workbook app` (in `cli.py`) copies the notebooks into the learner's workspace and runs Voila
on it with the options built here:

- it listens on 127.0.0.1 unless told otherwise, and on the port asked for (8866 by default);
- code cells are stripped from every page and errors never show a traceback: a cell that fails
  shows one short message (the `workbook` template), a widget callback that fails says so in
  its own view;
- the `workbook` template (`app_template/voila/templates/workbook`, found through
  `JUPYTER_PATH`) gives each page a title, a menu of every section, a "Next section" link at the
  end and the workbook's style sheet; the front door (`/`) leads to the start page, which shows
  the learner's progress;
- the list of pages comes from `notebook_pages`, in order, so a notebook added to the workbook
  appears in the menu without a change here;
- a kernel left idle (its page closed without saying so) is shut down after a while, so a long
  workshop does not pile kernels up. Voila itself shuts a page's kernel down when the page is
  closed or left.

For the facilitator (`facilitator=True`, `workbook app --facilitator`), the same app serves on
this computer only (127.0.0.1, another port by default, so it can run beside the room's app) and
the browser opens on the group's page, `group-results.ipynb`: the group's pooled, anonymous
response rates, meant to be projected. That page is no section of the workbook (its name is not
numbered), so it is in no menu; in a room, `room_gate` refuses it to everyone. The call
rehearsal, `practise-call.ipynb`, is in no menu either (the call section links it), but it is a
participant's page like any other: the workspace has it, and in a room it opens with a code.

For a workshop room (`room=True`), each participant types a code on their first page; the page
keeps it in a cookie, Voila hands the cookies to the page's kernel, and the kernel keeps that
participant's answers, drafts and files in a folder of their own (`workbook.home`). Only
codes on the room's register (`workbook room codes`, `workbook.home.room`) open a page:
`room_gate` runs before a page's kernel starts, and a request without such a code gets the code
page (`403.html` in the template) and no kernel at all. The kernel checks the code again before
it touches any data, so a page that somehow ran without one would keep and show nothing.

On a JupyterHub (`workbook app --hub`, started by the hub's spawner for each user; see
`workbook.hub`), the same pages are served by the user's own Jupyter server, with the hub's
login in front, from the user's own workspace: `hub_server_config` gives that server the same
Voila configuration, opens it on the app's front door and leaves JupyterLab and terminals out,
so the code stays hidden there too.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import webbrowser
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from workbook.home.room import PARTICIPANT_COOKIE, WrongCodes, registered_code
from workbook.home.workspace import Page, notebook_pages

if TYPE_CHECKING:
    from tornado.web import RequestHandler

__all__ = [
    "APP_NAME",
    "CODE_PAGE",
    "CULL_IDLE_SECONDS",
    "CULL_INTERVAL_SECONDS",
    "DEFAULT_PORT",
    "FACILITATOR_PAGE",
    "FACILITATOR_PORT",
    "HUB_START",
    "LOCAL",
    "TEMPLATE",
    "AppOptions",
    "hub_server_argv",
    "hub_server_config",
    "lan_address",
    "open_when_ready",
    "page_path",
    "page_resources",
    "room_gate",
    "start_path",
    "template_root",
    "voila_argv",
    "voila_config",
    "voila_env",
    "write_config",
]

APP_NAME = "Follow-up Workbook"
DEFAULT_PORT = 8866
FACILITATOR_PORT = 8867
"""The facilitator's app listens here by default, so it can run beside the room's on 8866."""
FACILITATOR_PAGE = "group-results.ipynb"
"""The group's pooled results: the facilitator's page, never a participant's."""
LOCAL = "127.0.0.1"
TEMPLATE = "workbook"
CULL_IDLE_SECONDS = 20 * 60
"""A kernel nobody has used for this long, and whose page is closed, is shut down."""
CULL_INTERVAL_SECONDS = 60
HUB_START = "/voila"
"""Where a hub user's server opens (its default URL): the app's front door, which leads on to
the start page, as `/` does for `workbook app`."""

_CELL_ERROR = "Reload the page to try again; your answers so far are saved."


@dataclass(frozen=True)
class AppOptions:
    """How to serve the app."""

    folder: Path
    """The learner's workspace, holding the notebooks (after `sync_workspace`)."""
    port: int = DEFAULT_PORT
    ip: str = LOCAL
    open_browser: bool = True
    token: str = ""
    """A token every visitor must bring (`?token=...`), or empty for none."""
    cull_idle_seconds: int = CULL_IDLE_SECONDS
    cull_interval_seconds: int = CULL_INTERVAL_SECONDS
    room: bool = False
    """Serve a room: every participant gives a code, and has a data folder of their own."""
    facilitator: bool = False
    """Serve the facilitator's group page on this computer only; the browser opens on it."""

    def __post_init__(self) -> None:
        if self.facilitator and (self.room or self.ip != LOCAL):
            raise ValueError(
                f"--facilitator cannot go with --room or an --ip other than {LOCAL}: the group's "
                "page is served on this computer only"
            )


def page_path(name: str) -> str:
    """The path of the app's page of notebook `name`: `/voila/render/05-clarify.ipynb`."""
    return f"/voila/render/{quote(name)}"


def start_path(options: AppOptions) -> str:
    """Where the browser opens: the group's page for the facilitator, else the front door."""
    return page_path(FACILITATOR_PAGE) if options.facilitator else "/"


def lan_address() -> str:
    """This computer's address on its network, as other computers in the room reach it (its
    name when it has no network)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # a documentation address: nothing is sent
            address: str = probe.getsockname()[0]
            return address
        except OSError:
            return socket.gethostname()


def template_root() -> Path:
    """The folder to put on `JUPYTER_PATH` so that Voila finds the `workbook` template."""
    return Path(__file__).resolve().with_name("app_template")


def page_resources(pages: Sequence[Page], room: bool = False) -> dict[str, object]:
    """What the template is given besides the notebook: the app's name, its pages in order,
    and whether it serves a room (then each page asks for the participant's code)."""
    return {
        "language_code": "en",
        "workbook": {
            "app_name": APP_NAME,
            "pages": [{"name": page.name, "title": page.title} for page in pages],
            "room": room,
            "code_cookie": PARTICIPANT_COOKIE,
        },
    }


def voila_config(options: AppOptions) -> dict[str, dict[str, object]]:
    """Voila's configuration for the app, as the `voila.json` that `voila_argv` points at.

    It goes in a file rather than on the command line so the token stays out of the process
    list, and so nothing else is read: neither a `voila.json` in the current folder nor the
    learner's own Jupyter configuration.
    """
    voila: dict[str, object] = {
        "ip": options.ip,
        "port": options.port,
        "port_retries": 0,  # the port asked for, or a clear failure
        # Voila opens only its front door: the facilitator's page is opened by `open_when_ready`.
        "open_browser": options.open_browser and not options.facilitator,
    }
    if options.token:
        voila["token"] = options.token
    return {
        "Voila": voila,
        "VoilaConfiguration": {
            "template": TEMPLATE,
            "theme": "light",
            "allow_template_override": "NO",
            "allow_theme_override": "NO",
            "classic_tree": True,  # the template's front door (tree.html), not a file list
            "strip_sources": True,
            "show_tracebacks": False,
            "resources": page_resources(notebook_pages(options.folder), options.room),
            # In a room, the kernel reads the participant's code from the page's cookies.
            "http_header_envs": ["Cookie"] if options.room else [],
        },
        "VoilaExecutor": {"cell_error_instruction": _CELL_ERROR, "show_tracebacks": False},
        "MappingKernelManager": {
            "cull_idle_timeout": options.cull_idle_seconds,
            "cull_interval": options.cull_interval_seconds,
            "cull_connected": False,
        },
    }


_ROOM_CONFIG = """\
# Written by `workbook app --room`: check each participant's code before a page runs.
try:
    from workbook.app import room_gate
except BaseException as error:  # never serve a room without the check
    raise SystemExit(f"workbook app --room: cannot check the participants' codes ({error})")
c.VoilaConfiguration.prelaunch_hook = room_gate  # noqa: F821 (`c` is the configuration)
"""


def write_config(options: AppOptions, config_dir: Path) -> Path:
    """Write `voila_config(options)` as `voila.json` in `config_dir`, readable by its owner
    only (it may hold the token), and for a room `voila.py`, which installs `room_gate`;
    returns the JSON file."""
    path = config_dir / "voila.json"
    path.touch(mode=0o600)
    path.write_text(json.dumps(voila_config(options), indent=1), encoding="utf-8")
    if options.room:
        (config_dir / "voila.py").write_text(_ROOM_CONFIG, encoding="utf-8")
    return path


CODE_PAGE = "Your code, please"
"""The reason of the answer to a page asked for in a room without a registered code: the
template's `403.html` shows the code page for it."""
_wrong_codes = WrongCodes()


def _code_needed(problem: str) -> Exception:
    """The answer to a page asked for without a code on the room's register: HTTP 403 with the
    code page, saying why (`none`: no code yet; `unknown`: a code not on the register; `wait`:
    this computer typed too many wrong codes lately). Tornado is imported only here, in the
    server."""
    from tornado.web import HTTPError

    return HTTPError(403, "participant code: %s", problem, reason=CODE_PAGE)


def _not_here() -> Exception:
    """The answer to the group page asked for in a room: HTTP 404, the template's "no page at
    this address"."""
    from tornado.web import HTTPError

    return HTTPError(404, "the facilitator's page is not served in a room")


def room_gate(handler: RequestHandler, notebook: Any, cwd: str) -> Any:
    """Voila's prelaunch hook in a room: a page runs (and its kernel starts) only for a code on
    the room's register, which the page's template then shows
    (`nb.metadata.workbook_participant`); any other request gets the code page. Wrong codes
    from one computer are counted, to slow down guessing. The facilitator's group page is
    nobody's in a room: it is not found, whatever the code."""
    page = unquote(handler.request.path).rstrip("/").rsplit("/", 1)[-1]
    if page.casefold() == FACILITATOR_PAGE.casefold():  # file systems may ignore case
        raise _not_here()
    typed = (handler.get_cookie(PARTICIPANT_COOKIE) or "").strip()
    if not typed:
        raise _code_needed("none")
    client = handler.request.remote_ip or ""
    if _wrong_codes.blocked(client):
        raise _code_needed("wait")
    code = registered_code(typed)
    if code is None:
        _wrong_codes.wrong(client)
        raise _code_needed("unknown")
    notebook.metadata["workbook_participant"] = code
    return notebook


_HUB_EXTENSIONS = {
    "voila.server_extension": True,
    # The workbook is served as the app only: no JupyterLab (its file browser and editors would
    # show the code), no terminal and no language server.
    "jupyterlab": False,
    "notebook": False,
    "notebook_shim": False,
    "jupyter_server_terminals": False,
    "jupyter_lsp": False,
}


def hub_server_config(
    options: AppOptions, allow_root: bool = False
) -> dict[str, dict[str, object]]:
    """The configuration of a JupyterHub user's server that serves the app from
    `options.folder`: the Jupyter server that `jupyterhub-singleuser` runs, with Voila as its
    only extension and the app's own Voila settings (`voila_config`; the address, port and
    login are the hub's). `allow_root` lets it run as root, as containers often do.

    The hub's default URL (`HUB_START`) opens the front door; the server's own default is the
    same, for a hub configured without it."""
    app = voila_config(options)
    del app["Voila"]
    server: dict[str, object] = {
        "root_dir": str(options.folder),
        "default_url": HUB_START,
        "jpserver_extensions": _HUB_EXTENSIONS,
        "terminals_enabled": False,
        "allow_root": allow_root,
    }
    return {**app, "ServerApp": server}


def hub_server_argv(config_file: Path, python: str) -> list[str]:
    """The command that runs a hub user's server, by the interpreter `python`, configured by
    `config_file` (`hub_server_config` as JSON)."""
    return [python, "-m", "jupyterhub.singleuser", f"--config={config_file}"]


def voila_argv(options: AppOptions, config_dir: Path, python: str) -> list[str]:
    """The command that serves `options.folder` with Voila, run by the interpreter `python`,
    configured only by the `voila.json` in `config_dir` (see `write_config`)."""
    return [python, "-m", "voila", str(options.folder), f"--Voila.config_file_paths={config_dir}"]


def voila_env(environ: Mapping[str, str], room: bool = False) -> dict[str, str]:
    """`environ` with the app's template folder first on `JUPYTER_PATH`, and in a room
    `WORKBOOK_ROOM` set, which the kernels inherit."""
    paths = [str(template_root())]
    if environ.get("JUPYTER_PATH"):
        paths.append(environ["JUPYTER_PATH"])
    env = {**environ, "JUPYTER_PATH": os.pathsep.join(paths)}
    env.pop("WORKBOOK_ROOM", None)
    if room:
        env["WORKBOOK_ROOM"] = "1"
    return env


def open_when_ready(url: str, port: int, timeout: float = 120.0) -> threading.Thread:
    """Open `url` in the browser once the app answers on 127.0.0.1:`port` (Voila opens only
    its front door); gives up quietly after `timeout` seconds. Runs in a daemon thread."""

    def wait_then_open() -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                probe.settimeout(1)
                if probe.connect_ex((LOCAL, port)) == 0:
                    webbrowser.open(url)
                    return
            time.sleep(0.5)

    opener = threading.Thread(target=wait_then_open, name="workbook-open-page", daemon=True)
    opener.start()
    return opener
