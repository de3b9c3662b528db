"""The facilitator's view of a group's pooled results, driven without a browser (set `.value`,
call `.click()`, then read the model and the HTML), and the app's `--facilitator` page with
the room's gate in front of it."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import ipywidgets as w
import pytest
from traitlets import TraitError

from tests.widget_tree import every, one
from workbook import app, cli
from workbook.analysis.cohort import MIN_GROUP, cohort_report, room_cohort
from workbook.analysis.sample import SAMPLE_AS_OF, generate_contacts
from workbook.analysis.share import anonymise, participant_id, set_sharing_with_room
from workbook.app import FACILITATOR_PAGE, FACILITATOR_PORT, AppOptions, room_gate, voila_config
from workbook.cli import main
from workbook.home.room import PARTICIPANT_COOKIE, WrongCodes, add_codes
from workbook.tracker.store import Tracker
from workbook.widgets import GroupModel, group_results
from workbook.widgets.results import group
from workbook.widgets.results.group import FACILITATOR_ONLY

TOO_FEW = "no figure is shown so that nobody can be recognised"


def add_participant(
    home: Path, code: str, sharing: bool | None, *, contacts: int = 40, seed: int = 1
) -> int:
    """A room participant's tracker of made-up contacts, and their answer to sharing (None: they
    were never asked); returns how many contacts it holds."""
    folder = home / "participants" / code
    folder.mkdir(parents=True)
    rows = generate_contacts(contacts, seed=seed)
    with Tracker(folder / "tracker.db") as tracker:
        tracker.merge(rows)
        if sharing is not None:
            set_sharing_with_room(tracker, sharing)
    return int(rows["contact_date"].notna().sum())


def room(home: Path, yes: int, no: int = 0) -> tuple[list[str], list[str], int]:
    """A room of `yes` participants who share and `no` who do not (half of them never asked):
    the codes of each, and how many contacts those who share hold together."""
    sharing = [f"yes-code-{n}" for n in range(yes)]
    others = [f"no-code-{n}" for n in range(no)]
    contacts = sum(add_participant(home, code, True, seed=n) for n, code in enumerate(sharing, 1))
    for n, code in enumerate(others, 100):
        add_participant(home, code, False if n % 2 else None, seed=n)
    return sharing, others, contacts


def shown(view: w.Widget) -> str:
    """Every HTML the view shows (hidden widgets left out)."""
    return "".join(
        widget.value
        for widget in every(view)
        if isinstance(widget, w.HTML) and widget.layout.display != "none"
    )


def visible(view: w.Widget, css: str) -> bool:
    return bool(one(view, css).layout.display != "none")


def shared_file(folder: Path, name: str, seed: int) -> None:
    """A valid shared file, as `workbook share` writes it, of made-up contacts."""
    shared = anonymise(
        generate_contacts(30, seed=seed),
        participant=participant_id(),
        number=1,
        today=SAMPLE_AS_OF,
    )
    (folder / name).write_bytes(shared.encode())


# -- the view ----------------------------------------------------------------------------------


def test_the_room_pools_only_those_who_said_yes_and_names_nobody(isolated_home: Path) -> None:
    """The room source pools the trackers of the participants who said yes, and nothing shown
    names a participant, a company, or tells how many did not share."""
    sharing, others, contacts = room(isolated_home, yes=6, no=3)
    model = GroupModel(today=SAMPLE_AS_OF)
    view = group_results(model)
    assert model.report is not None and not model.too_small and not model.problem
    assert model.report["cohort"]["files"] == 6
    assert model.report["overall"]["participants"] == 6
    assert model.report == cohort_report(room_cohort(today=SAMPLE_AS_OF), as_of=SAMPLE_AS_OF)
    assert 0 < model.report["overall"]["contacts"] <= contacts
    page = shown(view)
    assert "From the shares of 6 participants, the newest of each." in page
    assert page.count("<img ") == 5 and "How to read this" in page
    for code in sharing + others:
        assert code not in page
    assert "Example" not in page  # the made-up trackers' company names
    assert "9 participant" not in page and "3 participant" not in page
    assert not visible(view, "wb-group-show-sample") and not visible(view, "wb-group-folder")


def test_a_group_too_small_says_so_and_offers_the_sample_labelled_as_made_up(
    isolated_home: Path,
) -> None:
    """With fewer sharers than the smallest group shown, no figure appears, the page says why,
    and the sample button switches to the sample group, labelled made-up everywhere."""
    room(isolated_home, yes=2, no=4)
    model = GroupModel(today=SAMPLE_AS_OF)
    view = group_results(model)
    assert (model.too_small, model.sample) == (True, False)
    small = one(view, "wb-group-small").value
    said = "Fewer than 5 participants have shared contacts that have had time for an answer"
    assert f"{said}; {TOO_FEW}." in small
    text = re.sub(r"<[^>]*>", "", shown(view))
    assert "<img" not in shown(view) and re.findall(r"\d+", text) == ["5"]  # no count told
    assert visible(view, "wb-group-show-sample")
    one(view, "wb-group-show-sample").click()
    assert model.source == "sample" and one(view, "wb-group-source").value == "sample"
    assert (model.too_small, model.sample) == (False, True)
    assert "Made-up sample group" in one(view, "wb-group-banner").value
    assert "(made-up sample data)" in one(view, "wb-group-overall").value
    charts = one(view, "wb-group-charts").value
    assert charts.count('alt="Made-up sample group (synthetic, not real participants). ') == 5
    assert "made-up sample shares" in one(view, "wb-group-notes").value
    assert not visible(view, "wb-group-show-sample") and one(view, "wb-group-small").value == ""
    one(view, "wb-group-source").value = "room"
    assert model.too_small and "Made-up" not in shown(view)


def test_refresh_reads_the_room_again(isolated_home: Path) -> None:
    """A participant who says yes while the page is open is pooled after Refresh."""
    room(isolated_home, yes=4)
    model = GroupModel(today=SAMPLE_AS_OF)
    view = group_results(model)
    assert (model.too_small, model.report is not None) == (True, True)
    add_participant(isolated_home, "late-code-1", True, seed=50)
    one(view, "wb-group-refresh").click()
    assert not model.too_small and model.report is not None
    assert model.report["cohort"]["files"] == 5 and "<img" in shown(view)


def test_a_corrupt_file_in_the_folder_is_listed_and_the_rest_are_pooled(
    isolated_home: Path, tmp_path: Path
) -> None:
    """The folder source names each file it skipped with why, and still shows the others."""
    folder = tmp_path / "shares"
    folder.mkdir()
    for n in range(6):
        shared_file(folder, f"share-{n}.csv", seed=n)
    (folder / "notes <b>.txt").write_text("not a shared file\n", encoding="utf-8")
    model = GroupModel(today=SAMPLE_AS_OF)
    view = group_results(model)
    one(view, "wb-group-source").value = "folder"
    assert visible(view, "wb-group-folder")
    assert "Type the path of the folder" in one(view, "wb-group-overall").value
    one(view, "wb-group-folder").value = str(folder)
    assert model.report is not None and model.report["cohort"]["files"] == 6
    assert [error.source for error in model.skipped] == ["notes <b>.txt"]
    listed = one(view, "wb-group-skipped").value
    assert "<li>notes &lt;b&gt;.txt:1: is not a shared file (its" in listed
    assert (
        "From the shares of 6 participants, the newest of each; of the other files, 1 skipped"
        in shown(view)
    )
    assert shown(view).count("<img ") == 5


def test_a_missing_or_wrong_folder_is_a_message(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that is missing, a file given instead, or a folder that cannot be read gets
    `read_cohort`'s one-line message, no figure."""
    model = GroupModel(source="folder", folder=str(tmp_path / "nowhere"))
    view = group_results(model)
    assert model.report is None
    overall = one(view, "wb-group-overall").value
    assert f"Check the folder&#x27;s path: there is no folder at {tmp_path / 'nowhere'}." in overall
    (tmp_path / "one.csv").write_text("x", encoding="utf-8")
    one(view, "wb-group-folder").value = str(tmp_path / "one.csv")
    assert f"{tmp_path / 'one.csv'} is a file, not a folder." in one(view, "wb-group-overall").value
    assert "<img" not in shown(view) and not visible(view, "wb-group-show-sample")

    def refuse(folder: Path) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refuse)
    one(view, "wb-group-folder").value = str(tmp_path)
    assert (
        model.problem == f"Check the folder's path: {tmp_path} cannot be read (Permission denied)."
    )
    assert model.report is None and "<img" not in shown(view)


@pytest.mark.parametrize("failing", ["room_cohort", "cohort_report"])
def test_an_unexpected_error_is_a_calm_message_until_refresh_works(
    failing: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected error while reading or counting replaces the figures with a short message
    and no traceback; Refresh shows the figures again once it works."""
    room(isolated_home, yes=6)
    model = GroupModel(today=SAMPLE_AS_OF)
    view = group_results(model)
    assert not model.problem and "<img" in shown(view)
    working = getattr(group, failing)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug, with <internals>")

    monkeypatch.setattr(group, failing, broken)
    one(view, "wb-group-refresh").click()
    doing = "read the shares" if failing == "room_cohort" else "count the shares"
    expected = (
        f"Could not {doing} just now (something unexpected went wrong). Click Refresh to try again."
    )
    assert (model.problem, model.report) == (expected, None)
    assert "<img" not in shown(view) and "internals" not in shown(view)
    assert one(view, "wb-group-overall").value.endswith(f"{expected}</p>")
    one(view, "wb-group-window").value = 20  # counting again meanwhile keeps the message
    assert model.problem == expected
    monkeypatch.setattr(group, failing, working)
    one(view, "wb-group-refresh").click()
    assert not model.problem and model.report is not None and "<img" in shown(view)


def test_a_window_under_one_is_refused_by_the_counting(
    isolated_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The page's window box cannot go under 1; the model set to 0 shows no figure but that
    counting failed, and the log names `cohort_report`'s reason."""
    model = GroupModel(source="sample")
    view = group_results(model)
    one(view, "wb-group-window").value = 0
    assert model.window == 1 and not model.problem
    model.window = 0
    assert model.report is None and model.problem.startswith("Could not count the shares")
    assert "cohort_report: window must be 1 or more, not 0" in caplog.text


def test_in_a_participants_kernel_in_the_room_only_the_facilitator_note_shows(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a room, the page reads nothing and says it is the facilitator's, with no control."""
    room(isolated_home, yes=6)
    monkeypatch.setenv("WORKBOOK_ROOM", "1")
    model = GroupModel(source="sample")
    view = group_results(model)
    assert model.report is None and model.facilitator_only
    assert escape(FACILITATOR_ONLY) in shown(view) and shown(view).count("<p") == 1
    assert [type(widget) for widget in every(view)] == [w.VBox, w.HTML]
    model.refresh()
    assert model.report is None


def test_changing_the_smallest_group_hides_and_shows_groups_again(isolated_home: Path) -> None:
    """Raising the smallest group shown hides more groups, and past the group's size every
    figure; lowering it shows them again, as `cohort_report` decides."""
    room(isolated_home, yes=6)
    model = GroupModel(today=SAMPLE_AS_OF)
    view = group_results(model)
    cohort = room_cohort(today=SAMPLE_AS_OF)

    def hidden(report: dict[str, Any]) -> list[object]:
        return [group["channel"] for group in report["by_channel"] if group["suppressed"]]

    expected = {n: cohort_report(cohort, min_group=n, as_of=SAMPLE_AS_OF) for n in (5, 6, 7)}
    assert hidden(expected[5]) != hidden(expected[6])  # the sizes used do differ
    for size in (6, 5, 7, 6):
        one(view, "wb-group-min").value = size
        assert model.min_group == size and model.report is not None
        if size == 7:
            assert model.too_small and TOO_FEW in shown(view)
            continue
        assert hidden(model.report) == hidden(expected[size])
        table = one(view, "wb-group-charts").value
        assert table.count(f"hidden: fewer than {size} participants") == sum(
            len([g for g in model.report[f"by_{by}"] if g["suppressed"]])
            for by in ("channel", "kind", "people_facing", "new_info", "days_to_follow_up")
        )
    one(view, "wb-group-window").value = 30
    assert model.report is not None and model.report["window"] == 30


def test_the_projected_page_never_hides_groups_under_min_group(isolated_home: Path) -> None:
    """On the projected page the smallest group shown cannot go under MIN_GROUP: the box stops
    there, and the model refuses a smaller value with a TraitError, keeping its figures."""
    room(isolated_home, yes=6)
    model = GroupModel(today=SAMPLE_AS_OF)
    view = group_results(model)
    box = one(view, "wb-group-min")
    assert box.min == MIN_GROUP
    box.value = 1
    assert box.value == model.min_group == MIN_GROUP
    before = model.report
    with pytest.raises(TraitError, match=f"min_group must be {MIN_GROUP} or more on the proj"):
        model.min_group = MIN_GROUP - 1
    assert model.min_group == MIN_GROUP and model.report is before


# -- the app -------------------------------------------------------------------------------------


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What `workbook app` would run, and the pages it would open, instead of doing either."""
    runs: list[dict[str, Any]] = []

    def serve(argv: list[str], env: dict[str, str] | None = None) -> int:
        config_dir = Path(argv[-1].split("=", 1)[1])
        config = json.loads((config_dir / "voila.json").read_text())
        runs.append({"config": config, "env": env, "gate": (config_dir / "voila.py").exists()})
        return 0

    monkeypatch.setattr(cli, "_serve", serve)
    monkeypatch.setattr(app, "open_when_ready", lambda url, port: runs.append({"opened": url}))
    return runs


def test_the_facilitators_app_serves_this_computer_and_opens_the_group_page(
    served: list[dict[str, Any]], isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbook app --facilitator` listens on 127.0.0.1 on its own port, with no room gate,
    and opens the group page, which the workspace holds but no menu lists."""
    assert main(["app", "--facilitator"]) == 0
    opened, run = served
    url = f"http://127.0.0.1:{FACILITATOR_PORT}/voila/render/{FACILITATOR_PAGE}"
    assert opened == {"opened": url}
    assert run["config"]["Voila"]["ip"] == "127.0.0.1"
    assert run["config"]["Voila"]["port"] == FACILITATOR_PORT
    assert run["config"]["Voila"]["open_browser"] is False  # Voila would open the front door
    assert run["gate"] is False and "WORKBOOK_ROOM" not in run["env"]
    assert (isolated_home / "workspace" / FACILITATOR_PAGE).is_file()
    pages = run["config"]["VoilaConfiguration"]["resources"]["workbook"]["pages"]
    assert FACILITATOR_PAGE not in [page["name"] for page in pages]
    assert f"Open: {url}" in capsys.readouterr().err


@pytest.mark.parametrize("extra", [["--room"], ["--ip", "0.0.0.0"], ["--room", "--ip", "::1"]])
def test_the_facilitators_app_refuses_a_room_or_another_address(
    extra: list[str], served: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    """`--facilitator` with `--room` or another `--ip` than 127.0.0.1 is one line naming the
    options (`AppOptions`' own rule), and serves nothing, nor copies the notebooks."""
    assert main(["app", "--facilitator", *extra]) == 2
    message = (
        "--facilitator cannot go with --room or an --ip other than 127.0.0.1: the group's page "
        "is served on this computer only"
    )
    assert capsys.readouterr().err == f"workbook app: error: {message}\n"
    assert served == []
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        AppOptions(folder=Path("."), facilitator=True, room=True)
    assert voila_config(AppOptions(folder=Path("."), facilitator=True))["Voila"]["ip"] == (
        "127.0.0.1"
    )


def test_the_facilitators_app_may_name_this_computers_address(
    served: list[dict[str, Any]], isolated_home: Path
) -> None:
    """`--facilitator --ip 127.0.0.1` names the address it serves anyway, so it is served."""
    assert main(["app", "--facilitator", "--ip", "127.0.0.1", "--no-browser"]) == 0
    assert [run["config"]["Voila"]["ip"] for run in served] == ["127.0.0.1"]


def handler(path: str, cookie: str | None) -> Any:
    """A stand-in for the Tornado handler Voila passes to its prelaunch hook."""
    cookies = {} if cookie is None else {PARTICIPANT_COOKIE: cookie}
    return SimpleNamespace(
        get_cookie=cookies.get, request=SimpleNamespace(remote_ip="10.0.0.9", path=path)
    )


@pytest.mark.parametrize(
    "path",
    [
        f"/voila/render/{FACILITATOR_PAGE}",
        "/voila/render/group%2Dresults.ipynb",
        f"/room/voila/render/{FACILITATOR_PAGE}/",
        "/voila/render/Group-Results.ipynb",  # a file system that ignores case opens it
        "/voila/render/GROUP%2dRESULTS.IPYNB",
        "/voila/render/%47roup-results.ipynb",
    ],
)
def test_in_a_room_the_gate_refuses_the_group_page_to_every_participant(
    path: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a room the group page is not found, even with a registered code, and no kernel starts;
    the same code opens the other pages, and asking for it counts as no wrong code."""
    from tornado.web import HTTPError

    monkeypatch.setattr(app, "_wrong_codes", WrongCodes(allowed=1))
    (code,) = add_codes(1)
    for cookie in (code, None, "nope-nope-100"):
        notebook = SimpleNamespace(metadata={})
        with pytest.raises(HTTPError) as refused:
            room_gate(handler(path, cookie), notebook, "/")
        assert refused.value.status_code == 404 and notebook.metadata == {}
    notebook = SimpleNamespace(metadata={})
    assert room_gate(handler("/voila/render/11-analysis.ipynb", code), notebook, "/") is notebook
    assert notebook.metadata == {"workbook_participant": code}
