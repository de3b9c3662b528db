"""A workshop room's codes, register, check and wipe (`workbook.home.room`), the app's gate in
front of every page (`workbook.app.room_gate`), deleting one participant's data, and the
`workbook room` command."""

from __future__ import annotations

import io
import json
import math
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from workbook.home.folders import forget_everything, home

from workbook import app
from workbook.app import CODE_PAGE, room_gate, template_root
from workbook.cli import main
from workbook.home import room
from workbook.home.room import (
    CODE_SPACE,
    ENTROPY_BITS,
    PARTICIPANT_COOKIE,
    WORDS,
    RegisterError,
    WrongCodes,
    add_codes,
    keep_codes,
    make_codes,
    normalize,
    register_path,
    registered,
    registered_code,
    valid_code,
    wipe,
)
from workbook.rules.course import RULES_PAGE

CODE = re.compile(r"([a-z]{3,6})-([a-z]{3,6})-([1-9][0-9]{2})")


# -- codes -------------------------------------------------------------------------------------


def test_a_code_is_two_short_words_from_the_list_and_a_three_digit_number() -> None:
    """Codes look like `maple-otter-427`: two words of the built-in list and 100 to 999, safe as
    a folder name; the list holds distinct, short, lower-case words."""
    assert len(set(WORDS)) == len(WORDS) >= 512
    assert all(re.fullmatch(r"[a-z]{3,6}", word) for word in WORDS)
    for code in make_codes(200):
        match = CODE.fullmatch(code)
        assert match is not None, code
        assert match[1] in WORDS and match[2] in WORDS and valid_code(code)


def test_codes_made_together_or_later_never_repeat() -> None:
    """A batch has no code twice, and never one that is already taken."""
    first = make_codes(2000)
    assert len(set(first)) == 2000
    later = make_codes(500, taken=first)
    assert len(set(later)) == 500 and not set(later) & set(first)


def test_guessing_a_code_is_impractical() -> None:
    """A code carries just over 28 bits: with 300 codes handed out, one made-up code opens
    somebody's space about once in a million tries, and at the most wrong codes the app lets
    one computer type (20 each 10 minutes) guessing one would take about a year."""
    space, bits = CODE_SPACE, ENTROPY_BITS
    assert space == len(WORDS) ** 2 * 900 and bits == pytest.approx(math.log2(space))
    assert bits > 28
    tries_per_hit = CODE_SPACE / 300
    assert tries_per_hit > 1_000_000
    tries_per_day = room.WRONG_CODES_ALLOWED * 86_400 / room.WRONG_CODES_WINDOW
    assert tries_per_day == 2880
    assert tries_per_hit / tries_per_day > 300  # days: about a year


def test_a_code_is_read_as_typed_on_a_card() -> None:
    """Case, spaces around it, and spaces, dots or underscores between its parts do not
    matter."""
    assert normalize("  Maple Otter 427 ") == "maple-otter-427"
    assert normalize("maple_otter.427") == "maple-otter-427"
    assert normalize("MAPLE-OTTER-427") == "maple-otter-427"


# -- the register ------------------------------------------------------------------------------


def test_the_register_keeps_only_the_codes_privately_and_grows(isolated_home: Path) -> None:
    """`add_codes` adds new codes to `room/codes.json` in the data folder, which holds the codes
    and nothing else, readable by its owner only; codes made earlier stay."""
    assert registered() == []
    first = add_codes(3)
    second = add_codes(2)
    path = isolated_home / "room" / "codes.json"
    assert register_path() == path
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "version": 1,
        "codes": first + second,
    }
    assert path.stat().st_mode & 0o077 == 0
    assert registered() == first + second
    assert not list(path.parent.glob(".codes.json.*"))  # no temporary file left behind
    keep_codes(["maple-otter-427", first[0]])
    assert registered() == [*first, *second, "maple-otter-427"]
    with pytest.raises(ValueError, match="is not a code"):
        keep_codes(["../x"])
    with pytest.raises(ValueError, match="expected 1 to 2000"):
        add_codes(0)
    with pytest.raises(ValueError, match="make at most 1994 more"):
        add_codes(1995)


def test_only_a_code_on_the_register_is_admitted(isolated_home: Path) -> None:
    """`registered_code` gives the code as kept for a code on the register, typed in any case
    or spacing, and None for anything else; codes added later count at once, and a register
    that cannot be read admits nobody."""
    code, other = add_codes(2)
    assert registered_code(code) == code
    assert registered_code(" " + code.upper().replace("-", " ")) == code
    for refused in (None, "", "maple-otter-427x", "../participants", code + "x", other[:-1]):
        assert registered_code(refused) is None
    (late,) = add_codes(1)
    assert registered_code(late) == late
    register_path().write_text("{not json", encoding="utf-8")
    assert registered_code(code) is None
    with pytest.raises(RegisterError, match="not a register of codes"):
        registered()
    register_path().write_text('{"codes": ["../../etc"]}', encoding="utf-8")
    assert registered_code("etc") is None
    with pytest.raises(RegisterError):
        registered()


def test_wrong_codes_from_one_computer_make_it_wait() -> None:
    """After `allowed` wrong codes within `window` seconds a computer must wait; others may
    still try, and the wait ends once the window has passed."""
    wrong = WrongCodes(allowed=3, window=600)
    for second in (0, 10, 20):
        assert not wrong.blocked("10.0.0.5", now=second)
        wrong.wrong("10.0.0.5", now=second)
    assert wrong.blocked("10.0.0.5", now=30)
    assert not wrong.blocked("10.0.0.6", now=30)
    assert wrong.blocked("10.0.0.5", now=599)
    assert not wrong.blocked("10.0.0.5", now=601)


# -- wiping the room -----------------------------------------------------------------------------


def participants_data(root: Path, *codes: str) -> None:
    for code in codes:
        folder = root / "participants" / code
        (folder / "workspace" / "exports").mkdir(parents=True)
        (folder / "answers.json").write_text("{}", encoding="utf-8")
        (folder / "tracker.db").write_bytes(b"x")


def test_wipe_removes_every_participant_and_nothing_outside_participants(
    isolated_home: Path, tmp_path: Path
) -> None:
    """`wipe` removes each participant's folder (a link among them is removed, not followed)
    and leaves the facilitator's own data and the codes; with `forget_codes` the register
    goes too."""
    codes = add_codes(3)
    participants_data(isolated_home, *codes[:2])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine", encoding="utf-8")
    (isolated_home / "participants" / "a-link").symlink_to(elsewhere)
    (isolated_home / "tracker.db").write_bytes(b"facilitator")
    (isolated_home / "workspace").mkdir()
    (isolated_home / "workspace" / "00-start.ipynb").write_text("{}", encoding="utf-8")

    wiped = wipe()
    assert [p.name for p in wiped.folders] == sorted([*codes[:2], "a-link"])
    assert wiped.codes == 0
    assert list((isolated_home / "participants").iterdir()) == []
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert (isolated_home / "tracker.db").read_bytes() == b"facilitator"
    assert (isolated_home / "workspace" / "00-start.ipynb").exists()
    assert registered() == codes

    forgotten = wipe(forget_codes=True)
    assert forgotten.folders == [] and forgotten.codes == 3
    assert registered() == [] and not register_path().exists()
    assert (isolated_home / "tracker.db").exists()


def test_delete_my_data_in_a_room_removes_that_participant_only(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Delete all my data" on a participant's page removes their folder and nothing else:
    another participant's data and the facilitator's stay."""
    ana, ben = add_codes(2)
    participants_data(isolated_home, ana, ben)
    (isolated_home / "answers.json").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("WORKBOOK_ROOM", "1")
    monkeypatch.setenv("HTTP_COOKIE", f"{PARTICIPANT_COOKIE}={ana}")
    removed = forget_everything()
    assert {p.name for p in removed} == {"answers.json", "tracker.db", "workspace"}
    assert not (isolated_home / "participants" / ana).exists()
    assert (isolated_home / "participants" / ben / "answers.json").exists()
    assert (isolated_home / "participants" / ben / "tracker.db").exists()
    assert (isolated_home / "answers.json").exists()
    assert home() == isolated_home / "participants" / ana  # a fresh start, when they go on


# -- the app's gate ----------------------------------------------------------------------------


def request(cookie: str | None, client: str = "10.0.0.7", page: str = "01-intro.ipynb") -> Any:
    """A stand-in for the Tornado handler Voila passes to its prelaunch hook."""
    cookies = {} if cookie is None else {PARTICIPANT_COOKIE: cookie}
    return SimpleNamespace(
        get_cookie=cookies.get,
        request=SimpleNamespace(remote_ip=client, path=f"/voila/render/{page}"),
    )


def refusal(cookie: str | None, client: str = "10.0.0.7") -> str:
    from tornado.web import HTTPError

    notebook = SimpleNamespace(metadata={})
    with pytest.raises(HTTPError) as refused:
        room_gate(request(cookie, client), notebook, "/")
    assert refused.value.status_code == 403 and refused.value.reason == CODE_PAGE
    assert notebook.metadata == {}
    problem: str = refused.value.args[0]
    return problem


def test_the_gate_runs_a_page_only_for_a_code_on_the_register(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before any kernel starts: no code gets the code page, a code not on the register gets it
    with "unknown", a registered code lets the page run and shows in its header; a computer
    that typed too many wrong codes must wait, even with a good one."""
    monkeypatch.setattr(app, "_wrong_codes", WrongCodes(allowed=3))
    (code,) = add_codes(1)
    assert refusal(None) == "none" and refusal("  ") == "none"
    assert refusal("maple-otter-4270") == "unknown"
    notebook = SimpleNamespace(metadata={})
    assert room_gate(request(code.upper()), notebook, "/") is notebook
    assert notebook.metadata == {"workbook_participant": code}
    assert refusal("nope-nope-100") == "unknown"
    assert refusal("nope-nope-101") == "unknown"
    assert refusal(code) == "wait"
    assert room_gate(request(code, client="10.0.0.8"), SimpleNamespace(metadata={}), "/")


@pytest.mark.parametrize("page", ["quick-plan.ipynb", "practise-call.ipynb"])
def test_the_gate_serves_pages_in_no_menu_like_any_participants_page(
    isolated_home: Path, page: str
) -> None:
    """The quick plan and the call rehearsal, though in no menu, are participants' pages: each
    runs for a code on the register and, without one, gets the code page like any section."""
    from tornado.web import HTTPError

    (code,) = add_codes(1)
    notebook = SimpleNamespace(metadata={})
    assert room_gate(request(code, page=page), notebook, "/") is notebook
    assert notebook.metadata == {"workbook_participant": code}
    with pytest.raises(HTTPError) as refused:
        room_gate(request(None, page=page), SimpleNamespace(metadata={}), "/")
    assert refused.value.status_code == 403 and refused.value.reason == CODE_PAGE


def test_the_code_page_template_uses_the_apps_names() -> None:
    """The code page (`403.html`) reads the cookie that the app and the kernel read, and is
    shown for the gate's answer."""
    page = (template_root() / "voila/templates/workbook/403.html").read_text(encoding="utf-8")
    assert f'var name = "{PARTICIPANT_COOKIE}";' in page
    assert f'status_message == "{CODE_PAGE}"' in page


# -- the command ---------------------------------------------------------------------------------


def test_room_codes_prints_new_codes_and_registers_them(
    isolated_home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`workbook room codes N` prints N new codes, one a line, adds them to the register, and
    with --sheet writes cards to print."""
    assert main(["room", "codes", "4", "--sheet", str(tmp_path / "cards.html")]) == 0
    out, err = capsys.readouterr()
    codes = out.split()
    assert len(codes) == 4 and all(CODE.fullmatch(code) for code in codes)
    assert registered() == codes
    assert "Added 4 codes to the room's register" in err
    cards = (tmp_path / "cards.html").read_text(encoding="utf-8")
    assert all(f'<p class="code">{code}</p>' in cards for code in codes)
    assert main(["room", "codes", "2"]) == 0
    assert len(registered()) == 6


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["room", "codes", "0"],
            "workbook room codes: error: argument N: '0' is not a number of codes "
            "(expected 1 to 2000) (see workbook room codes --help)\n",
        ),
        (
            ["room", "codes", "many"],
            "workbook room codes: error: argument N: 'many' is not a number of codes "
            "(expected 1 to 2000) (see workbook room codes --help)\n",
        ),
        (
            ["room", "codes", "2", "--sheet", "/no/such/folder/cards.html"],
            "workbook room codes: error: --sheet: cannot write /no/such/folder/cards.html (No "
            "such file or directory); the codes above are on the register all the same\n",
        ),
        (
            ["room"],
            "workbook room: error: the following arguments are required: ACTION (see "
            "workbook room --help)\n",
        ),
    ],
)
def test_room_mistakes_are_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        status = main(argv)
        raise SystemExit(status)
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] + "\n" == message


def test_room_list_and_a_broken_register(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbook room list` prints each code and whether it has data; a register changed by
    hand is one line naming the file."""
    codes = add_codes(2)
    participants_data(isolated_home, codes[1])
    assert main(["room", "list"]) == 0
    out, err = capsys.readouterr()
    assert out == f"{codes[0]}\tno data yet\n{codes[1]}\thas data\n"
    assert "2 codes on the register, 1 with data." in err
    register_path().write_text("[]", encoding="utf-8")
    assert main(["room", "list"]) == 2
    assert capsys.readouterr().err == (
        f"workbook room list: error: {register_path()}: not a register of codes (was it changed "
        "by hand?)\n"
    )


def test_room_wipe_asks_first_and_says_what_it_removed(
    isolated_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`workbook room wipe` asks before it removes anything (no answer, or no terminal, removes
    nothing), then prints each folder it removed; --yes does not ask; --forget-codes empties
    the register too."""
    codes = add_codes(3)
    participants_data(isolated_home, *codes)
    monkeypatch.setattr("sys.stdin", io.StringIO("no\n"))
    assert main(["room", "wipe"]) == 1
    assert "Nothing removed." in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["room", "wipe"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "workbook room wipe: error: not confirmed, nothing removed (give --yes to wipe without "
        "asking)"
    )
    assert len(list((isolated_home / "participants").iterdir())) == 3
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    assert main(["room", "wipe"]) == 0
    out, err = capsys.readouterr()
    assert "This removes the data of 3 participants" in err
    assert [line for line in out.splitlines() if line.startswith("Removed /")] == [
        f"Removed {isolated_home / 'participants' / code}" for code in sorted(codes)
    ]
    assert "The 3 codes stay on the register" in out
    assert list((isolated_home / "participants").iterdir()) == []
    assert main(["room", "wipe", "--yes", "--forget-codes"]) == 0
    assert "Emptied the register (3 codes)" in capsys.readouterr().out
    assert registered() == []


def test_in_a_room_the_rules_page_opens_for_a_registered_code(isolated_home: Path) -> None:
    """The rules page, which plans and the start page link to, runs for a participant's code
    like any other page, and asks a visitor without one for a code."""
    from tornado.web import HTTPError

    (code,) = add_codes(1)
    for cookie, admitted in ((code, True), (None, False)):
        handler = request(cookie)
        handler.request.path = f"/voila/render/{RULES_PAGE}"
        notebook = SimpleNamespace(metadata={})
        if admitted:
            assert room_gate(handler, notebook, "/") is notebook
            assert notebook.metadata == {"workbook_participant": code}
        else:
            with pytest.raises(HTTPError) as refused:
                room_gate(handler, notebook, "/")
            assert refused.value.reason == CODE_PAGE
