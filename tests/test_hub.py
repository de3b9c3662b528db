"""`workbook hub-config` and `workbook app --hub`: the JupyterHub configuration as JupyterHub
reads it, and the user's server it starts (tests/browser/test_hub.py runs them in a real hub)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from workbook.app import HUB_START, AppOptions, hub_server_config
from workbook.cli import main
from workbook.hub import CULLER, IDLE_TIMEOUT_SECONDS, cull_every


def printed_config(capsys: pytest.CaptureFixture[str], *options: str) -> str:
    assert main(["hub-config", *options]) == 0
    return capsys.readouterr().out


def load_in_jupyterhub(text: str, folder: Path, platform: str = "") -> Any:
    """The JupyterHub application with `text` loaded as its `jupyterhub_config.py`; with
    `platform`, that is the hub's configuration, and it loads `text` last, as The Littlest
    JupyterHub loads the files of its `jupyterhub_config.d`."""
    pytest.importorskip(
        "jupyterhub", reason="JupyterHub is not installed (pip install -e '.[dev]')"
    )
    from jupyterhub.app import JupyterHub

    ours = folder / "workbook.py"
    ours.write_text(text, encoding="utf-8")
    path = folder / "jupyterhub_config.py"
    if platform:
        path.write_text(f"{platform}\nload_subconfig({str(ours)!r})\n", encoding="utf-8")
    else:
        path = ours
    hub = JupyterHub()
    hub.load_config_file(str(path))
    return hub


def spawner_of(hub: Any) -> Any:
    """A spawner configured as the hub configures its spawners."""
    from jupyterhub.spawner import LocalProcessSpawner

    return LocalProcessSpawner(config=hub.config)


def user(name: str) -> Any:
    """What the configuration reads of a spawner: its user's name."""
    return SimpleNamespace(user=SimpleNamespace(name=name))


def test_each_user_gets_the_app_with_a_data_folder_of_their_own(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """By default every user's server is `workbook app --hub`, opening on the app's front door,
    with WORKBOOK_HOME a folder named after the user in their home; names that are no folder
    name are escaped, and one that would climb out of the data root is refused."""
    hub = load_in_jupyterhub(printed_config(capsys), tmp_path)
    spawner = spawner_of(hub)
    assert spawner.cmd == ["workbook", "app", "--hub"]
    assert spawner.default_url == HUB_START
    home = spawner.environment["WORKBOOK_HOME"]
    assert home(user("ana")) == "~/followup-workbook/ana"
    assert home(user("ana maría/2")) == "~/followup-workbook/ana%20mar%C3%ADa%2F2"
    with pytest.raises(ValueError, match=r"no data folder for the user name '\.\.'"):
        home(user(".."))


def test_the_data_root_and_the_address_are_the_ones_asked_for(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--data-root puts each user's folder under it; --ip and --port set where the hub
    listens, and without them the file leaves the hub's (or a platform's) address alone."""
    text = printed_config(capsys, "--data-root", "/srv/workbook/", "--ip", "127.0.0.1")
    hub = load_in_jupyterhub(text, tmp_path)
    assert spawner_of(hub).environment["WORKBOOK_HOME"](user("ben")) == "/srv/workbook/ben"
    assert (hub.ip, hub.port) == ("127.0.0.1", 8000)
    assert "c.JupyterHub.ip" not in printed_config(capsys)
    assert (load_in_jupyterhub(printed_config(capsys, "--port", "8443"), tmp_path).port) == 8443


def test_idle_servers_are_culled_by_a_hub_managed_service(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The hub runs jupyterhub-idle-culler with the idle timeout (an hour by default) and a role
    that lets it see activity and stop servers, added to any services and roles the hub already
    has; --idle-timeout 0 leaves culling to the platform."""
    platform = "c = get_config()\nc.JupyterHub.services = [{'name': 'theirs', 'url': 'http://x'}]"
    text = printed_config(capsys, "--idle-timeout", "1200")
    hub = load_in_jupyterhub(text, tmp_path, platform)
    theirs, culler = hub.services
    assert theirs["name"] == "theirs"
    assert culler["name"] == CULLER
    assert culler["command"][1:] == [
        "-m",
        "jupyterhub_idle_culler",
        "--timeout=1200",
        "--cull-every=300",
    ]
    (role,) = hub.load_roles
    assert role["services"] == [CULLER]
    assert {"read:users:activity", "delete:servers"} <= set(role["scopes"])
    assert "# A server nobody has used for 20 minutes is stopped" in text
    assert f"--timeout={IDLE_TIMEOUT_SECONDS}" in printed_config(capsys)
    assert (
        load_in_jupyterhub(printed_config(capsys, "--idle-timeout", "0"), tmp_path).services == []
    )


def test_the_culler_looks_often_enough_but_not_constantly() -> None:
    """The culler looks every quarter of the timeout: at least every second, at most every five
    minutes."""
    assert [cull_every(t) for t in (2, 45, 1200, 3600, 86400)] == [1, 11, 300, 300, 300]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "70000"], "--port: 70000 is not a port (expected 1 to 65535)"),
        (["--idle-timeout", "-5"], "--idle-timeout: -5 is not 0 or more seconds"),
        (["--data-root", "data"], "--data-root: 'data' is not an absolute folder"),
    ],
)
def test_bad_options_are_one_line_naming_the_option_and_print_no_config(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A port that is no port, a negative timeout or a relative data root ends with one line
    naming the option, and nothing that could be saved as a configuration."""
    assert main(["hub-config", *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"workbook hub-config: error: {message}")
    assert err.count("\n") == 1


def test_a_hub_users_server_serves_only_the_app_from_their_workspace(tmp_path: Path) -> None:
    """The user's server opens on the app's front door in their workspace, with the app's
    Voila settings (code stripped, the workbook's template) and neither JupyterLab nor
    terminals, where the code would show; the hub, not the app, gives its address and login."""
    config = hub_server_config(AppOptions(folder=tmp_path), allow_root=True)
    server = config["ServerApp"]
    assert server["root_dir"] == str(tmp_path)
    assert server["default_url"] == HUB_START
    assert server["allow_root"] is True
    assert server["terminals_enabled"] is False
    extensions = server["jpserver_extensions"]
    assert isinstance(extensions, dict)
    assert extensions["voila.server_extension"] is True
    assert extensions["jupyterlab"] is False and extensions["jupyter_server_terminals"] is False
    voila = config["VoilaConfiguration"]
    assert voila["strip_sources"] is True and voila["template"] == "workbook"
    assert voila["show_tracebacks"] is False
    assert "Voila" not in config
    assert hub_server_config(AppOptions(folder=tmp_path))["ServerApp"]["allow_root"] is False


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hub"], "--hub: JupyterHub's spawner runs this for each user"),
        (["--hub", "--room"], "--room: not with --hub (each user logs in to the hub"),
        (["--hub", "--port", "9000"], "--port: not with --hub"),
    ],
)
def test_app_hub_outside_a_hub_says_why_and_copies_nothing(
    args: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`workbook app --hub` run by hand (no hub's token), or with options the hub decides,
    ends with one line naming the option, before it copies any notebook."""
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
    assert main(["app", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"workbook app: error: {message}")
    assert not (isolated_home / "workspace").exists()
