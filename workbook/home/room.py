"""A workshop room's participant codes: making them, the room's register, checking a code,
and wiping the room after the session.

A code is two short words from a built-in list and a three-digit number, `maple-otter-427`:
easy to read off a card and to type. The facilitator makes them with `workbook room codes N`;
they go in the room's register, `room/codes.json` in the facilitator's data folder (the codes
and nothing else: no names), replaced whole on every change. While the app serves a room, only
a code on the register opens the workbook: `registered_code` is that one check, used by the
app before a page runs (`workbook.app`) and by a participant's kernel before it touches any data
(`workbook.home.room.participant`).

How hard is a code to guess? Each of the two words is one of `len(WORDS)` (581) and the number
one of 900, so a code is one of `CODE_SPACE` (about 300 million: `ENTROPY_BITS`, just over 28
bits). With 300 codes handed out, a made-up code opens somebody's space about once in a million
tries; and the app lets one computer try at most `WRONG_CODES_ALLOWED` wrong codes each
`WRONG_CODES_WINDOW` seconds (`WrongCodes`), about 2,900 a day, so guessing its way in would
take that computer about a year, behind the room's token as well.
"""

from __future__ import annotations

import json
import math
import re
import secrets
import shutil
import time
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Final

from workbook.home.roots import data_root

from workbook.home.files import write_atomically
from workbook.home.room import valid_code
from workbook.model import WorkbookError

__all__ = [
    "CODE_SPACE",
    "ENTROPY_BITS",
    "MAX_CODES",
    "WORDS",
    "WRONG_CODES_ALLOWED",
    "WRONG_CODES_WINDOW",
    "RegisterError",
    "Wiped",
    "WrongCodes",
    "add_codes",
    "code_sheet_html",
    "keep_codes",
    "make_codes",
    "normalize",
    "participants_folder",
    "register_path",
    "registered",
    "registered_code",
    "wipe",
]

_WORD_LIST = """
acorn actor agent air alarm album alley amber angle ankle anvil apple apron arch arena arm arrow
aspen atlas atom attic aunt autumn award axis bacon badge bagel baker ball bamboo banana band
banjo bank barn basil basin basket bath beach bead beam bean bear beard bee beech bell belt
bench berry birch bird blade blaze block bloom blue board boat bolt bone bonus book boot bottle
bowl box branch brass bread brick bridge brook broom brown brush bucket buckle bud bugle bulb
bunny burrow bus bush butter button cabin cable cactus cafe cake camel camera camp canal candle
candy cane canoe canvas canyon cape car card cargo carpet carrot cart castle cat cedar cell
cello chair chalk charm cheese cherry chess chest chief chin cider cinema circle city clam clay
cliff climb clock cloud clover coach coast coat cobalt cocoa coffee coin comet comic coral cord
corn cotton couch cousin crab crane crayon creek crest crown cub cube cup cycle daisy dance dawn
deck deer delta desk dial diary dime dinner disk dock dog doll dome door dove dragon drawer
dream dress drum duck dune dust eagle earth easel echo edge egg elbow elk elm ember engine
fabric falcon fan farm fence fern ferry fiddle field fig film finch fire fish flag flame flute
foam fog folder forest fork fossil fox frame frog frost fruit galaxy garage garden garlic gate
gecko gem giant ginger glass globe glove goat gold goose grain grape grass gravel green grove
guitar gull hammer hand harbor harp hat hawk hazel heart hedge helmet hen herb heron hill hippo
honey hook horn horse hotel house ice igloo index ink insect iris iron island ivory ivy jacket
jade jam jar jazz jelly jewel jigsaw judge juice jungle kayak kettle key kiln king kite kitten
kiwi knee knot koala label ladder lake lamb lamp laser lava lawn leaf lemon lens letter lily
lime linen lion lizard llama lock locket lodge loft lotus lunch magnet mango map maple marble
market mask meadow medal melon menu metal meteor mint mirror mitten model mole moon moose moss
moth motor mouse mug museum music nail napkin needle nest net nickel noodle north nut oak oasis
oat ocean olive onion opal orange orbit orchid otter oven owl paddle page paint palm panda paper
parade parcel park parrot pasta path peach peanut pear pearl pebble pecan pen pencil pepper
piano pickle pie pier pigeon pillow pilot pine pipe pizza planet plant plate plum pocket poem
polar pond pony poppy port potato prism puffin pulse puppy puzzle quail quartz queen quest quiet
quill quilt rabbit radar radio raft rain raisin rake ranch raven reef rhino ribbon rice ridge
ring river road robin rocket roof room rope rose ruby rug ruler saddle sail salad salmon salt
sand scarf school scout sea seal seed shade shell ship shirt shoe shore silk silver singer sink
skate sketch ski sky sled slope smile snail snow soap sock sofa soil solar song soup spark
spider spoon spring square squid stable stage star steam stone stool storm stove straw stream
street sugar summer sun swan swing table tablet taco tail tea teapot tent thread thumb ticket
tide tiger tile timber toast tomato tooth torch tower town toy track trail train tree trout
truck tulip tuna tunnel turkey turtle uncle valley van vase velvet violin visor wagon walnut
walrus wand water wave wax whale wheat wheel willow window wing winter wolf wood wool yacht yak
yard yarn yogurt zebra zinc zipper zone
"""
WORDS: Final[tuple[str, ...]] = tuple(_WORD_LIST.split())
"""Short, common, concrete words (3 to 6 letters, a to z), none of them a slur or a joke at
anybody's expense."""
NUMBERS: Final = range(100, 1000)
CODE_SPACE: Final = len(WORDS) ** 2 * len(NUMBERS)
"""How many different codes there are."""
ENTROPY_BITS: Final = math.log2(CODE_SPACE)
"""A code chosen at random carries this many bits: about 28."""
MAX_CODES: Final = 2000
"""The most codes one room's register holds (far more than one server can seat)."""
WRONG_CODES_ALLOWED: Final = 20
WRONG_CODES_WINDOW: Final = 600.0
"""A computer that typed `WRONG_CODES_ALLOWED` codes that are not on the register within
`WRONG_CODES_WINDOW` seconds is told to wait before trying another."""

_FORMAT_VERSION = 1
_SEPARATORS = re.compile(r"[\s_.]+")


class RegisterError(WorkbookError):
    """The room's register cannot be read or written; the message says which file and why."""


def normalize(text: str) -> str:
    """A code as typed, the way the register keeps it: lower case, no spaces around it, and
    spaces, dots or underscores between its parts read as dashes (`Maple Otter 427`)."""
    return _SEPARATORS.sub("-", text.strip().lower()).strip("-")


def make_code() -> str:
    """One new random code, from the operating system's secure random source."""
    return f"{secrets.choice(WORDS)}-{secrets.choice(WORDS)}-{secrets.choice(NUMBERS)}"


def make_codes(count: int, taken: Iterable[str] = ()) -> list[str]:
    """`count` new codes, all different from each other and from those `taken`."""
    seen = set(taken)
    codes: list[str] = []
    while len(codes) < count:
        code = make_code()
        if code not in seen:
            seen.add(code)
            codes.append(code)
    return codes


def room_folder(root: Path | None = None) -> Path:
    """The facilitator's room folder: `room/` in their data folder (or in `root`)."""
    return (root or data_root()) / "room"


def register_path(root: Path | None = None) -> Path:
    """The room's register of codes, `room/codes.json`."""
    return room_folder(root) / "codes.json"


def participants_folder(root: Path | None = None) -> Path:
    """Where the participants' data lives: `participants/<code>/` in the data folder."""
    return (root or data_root()) / "participants"


def registered(root: Path | None = None) -> list[str]:
    """The codes on the room's register, in the order they were made (none before the first
    `workbook room codes`)."""
    path = register_path(root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except OSError as error:
        raise RegisterError(f"{path}: cannot read it ({error.strerror or error})") from None
    try:
        data = json.loads(text)
        codes = data["codes"]
        if not isinstance(codes, list) or not all(
            isinstance(code, str) and valid_code(code) for code in codes
        ):
            raise ValueError
    except (ValueError, TypeError, KeyError):
        raise RegisterError(f"{path}: not a register of codes (was it changed by hand?)") from None
    return list(codes)


def _save(codes: Sequence[str], root: Path | None) -> None:
    path = register_path(root)
    data = {"version": _FORMAT_VERSION, "codes": list(codes)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))
    except OSError as error:
        raise RegisterError(f"{path}: cannot write it ({error.strerror or error})") from None


def add_codes(count: int, root: Path | None = None) -> list[str]:
    """Make `count` new codes, add them to the room's register and return them."""
    if not 1 <= count <= MAX_CODES:
        raise ValueError(f"{count} is not a number of codes (expected 1 to {MAX_CODES})")
    codes = registered(root)
    if len(codes) + count > MAX_CODES:
        raise ValueError(
            f"the register holds {len(codes)} codes, and at most {MAX_CODES}: "
            f"make at most {MAX_CODES - len(codes)} more, or wipe the room first"
        )
    new = make_codes(count, taken=codes)
    _save([*codes, *new], root)
    return new


def keep_codes(codes: Iterable[str], root: Path | None = None) -> None:
    """Add codes made elsewhere (a fixed one for the README's screenshots, say) to the
    register; each must be a valid code, and one already there is not added twice."""
    kept = registered(root)
    for code in codes:
        if not valid_code(code):
            raise ValueError(f"{code!r} is not a code (letters, digits and dashes)")
        if code not in kept:
            kept.append(code)
    _save(kept, root)


@dataclass(frozen=True)
class _Cache:
    stamp: tuple[int, int, int] | None = None
    codes: frozenset[str] = frozenset()


_cache: dict[Path, _Cache] = {}


def _registered_set(root: Path | None) -> frozenset[str]:
    """The register as a set, read again only when the file changed (a kernel checks it on every
    save, and the facilitator may add codes while the room is open)."""
    path = register_path(root)
    try:
        info = path.stat()
        stamp: tuple[int, int, int] | None = (info.st_mtime_ns, info.st_size, info.st_ino)
    except FileNotFoundError:
        stamp = None
    cached = _cache.get(path)
    if cached is None or cached.stamp != stamp:
        cached = _Cache(stamp, frozenset(registered(root)) if stamp else frozenset())
        _cache[path] = cached
    return cached.codes


def registered_code(text: str | None, root: Path | None = None) -> str | None:
    """The code `text` names, normalized, if it is on the room's register; otherwise None.

    The one check of a room: the app asks it before it runs a page, and a kernel before it
    reads or writes any participant's data. A register that cannot be read admits nobody.
    """
    if not text:
        return None
    code = normalize(text)
    if not valid_code(code):
        return None
    try:
        return code if code in _registered_set(root) else None
    except RegisterError:
        return None


@dataclass
class WrongCodes:
    """Wrong codes typed from each computer of the room, to slow down guessing: one that typed
    `allowed` wrong codes within the last `window` seconds must wait before the next try."""

    allowed: int = WRONG_CODES_ALLOWED
    window: float = WRONG_CODES_WINDOW
    _tries: dict[str, deque[float]] = field(default_factory=dict)

    def _recent(self, client: str, now: float) -> deque[float]:
        tries = self._tries.setdefault(client, deque())
        while tries and tries[0] <= now - self.window:
            tries.popleft()
        return tries

    def blocked(self, client: str, now: float | None = None) -> bool:
        """Whether `client` must wait before trying another code."""
        now = time.monotonic() if now is None else now
        blocked = len(self._recent(client, now)) >= self.allowed
        if not self._tries[client]:
            del self._tries[client]
        return blocked

    def wrong(self, client: str, now: float | None = None) -> None:
        """`client` typed a code that is not on the register."""
        now = time.monotonic() if now is None else now
        self._recent(client, now).append(now)


@dataclass(frozen=True)
class Wiped:
    """What `wipe` removed."""

    folders: list[Path]
    """Each participant's folder that was removed."""
    codes: int
    """How many codes were taken off the register (0 when they were kept)."""


def wipe(forget_codes: bool = False, root: Path | None = None) -> Wiped:
    """Remove every participant's data (each folder under `participants/`, and nothing outside
    it) and, with `forget_codes`, the room's register too, so that no code opens the room."""
    folder = participants_folder(root)
    removed: list[Path] = []
    if folder.is_dir() and not folder.is_symlink():
        for path in sorted(folder.iterdir()):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
    codes = 0
    if forget_codes:
        try:
            codes = len(registered(root))
        except RegisterError:
            codes = 0
        register_path(root).unlink(missing_ok=True)
    return Wiped(removed, codes)


def code_sheet_html(codes: Sequence[str], address: str = "") -> str:
    """A page to print and cut: one card per code, with what to do with it (and the room's
    address, when given)."""
    where = (
        f"Open <strong>{escape(address)}</strong> in a browser"
        if address
        else "Open the address your facilitator gives you in a browser"
    )
    cards = "".join(
        f'<div class="card"><p class="name">Follow-up Workbook</p><p>Your code:</p>'
        f'<p class="code">{escape(code)}</p><p>{where} and type this code. Keep this card: the '
        "same code brings your answers back next time.</p></div>"
        for code in codes
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Participant codes · Follow-up Workbook</title><style>"
        "body{font:14px/1.4 system-ui,sans-serif;margin:1cm}"
        ".cards{display:grid;grid-template-columns:repeat(3,1fr)}"
        ".card{border:1px dashed #555;padding:0.4cm;break-inside:avoid}"
        ".name{font-weight:700;margin:0}.code{font:700 20px/1.2 monospace;margin:0.2cm 0}"
        f'</style></head><body><div class="cards">{cards}</div></body></html>\n'
    )
