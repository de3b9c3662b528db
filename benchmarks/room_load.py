"""How many participants one room server holds: memory per participant, and idle kernels culled.

    python -m benchmarks.room_load [--participants N] [--cull SECONDS]

Serves a workshop room as `workbook app --room` does (the same Voila configuration, built by
`workbook.app`, with the room's code check in front of every page), on 127.0.0.1 with a token,
on a temporary data folder with N codes on its register, each participant with answers that
already give a plan. Then, in headless Chromium (Debian's, driven by Playwright), N participants
each open one page of the workbook in a browser of their own, with their code, and keep it
open: the pages go round the start page, a section, the plan (a chart), the tracker and the
analysis. Once every page is drawn, it measures the memory of the processes it started: the
server and each page's kernel, as RSS (all the memory a process has in RAM, counting shared
libraries in full) and PSS (shared pages split between the processes sharing them), read with
psutil. It reports memory per participant (the kernels plus the server's growth, divided by N),
per kind of page, and how many participants fit in 8 GB beside the server.

It then checks the room's defences against idle kernels: a code not on the register gets the code
page and starts no kernel, and after the browsers are closed and some pages were asked for
without a browser ever connecting (a laptop shut while its page loaded), every kernel is shut
down within the cull timeout (`--cull`, short here; 20 minutes in the app). A benchmark prints;
it is not a timed test. Everything it sends goes to 127.0.0.1, and it stops its server by its
process id.
"""

from __future__ import annotations

import argparse
import math
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import psutil

from benchmarks.app_speed import fill_answers
from tests.browser import servers
from workbook.app import AppOptions, voila_argv, voila_env, write_config
from workbook.home.room import PARTICIPANT_COOKIE, add_codes
from workbook.home.workspace import sync_workspace

PAGES = ["00-start", "05-clarify", "09-my-plan", "10-tracker", "11-analysis"]
ROOM_MEMORY = 8 * 1024**3
"""The memory of the facilitator's computer the figure is given for: 8 GB."""
MB = 1024**2


def kernels_of(room: servers.Server) -> list[psutil.Process]:
    """The kernels the room's server started and still runs, oldest first."""
    children = psutil.Process(room.process.pid).children(recursive=True)
    alive = [child for child in children if child.is_running()]
    return sorted(alive, key=lambda child: child.create_time())


def start_room(root: Path, cull: int, interval: int) -> servers.Server:
    """The room's Voila server, configured as `workbook app --room` configures it, but with a
    short cull timeout."""
    env = servers.isolated_env(root)
    home = Path(env["WORKBOOK_HOME"])
    folder = sync_workspace(home / "workspace").folder
    port, token = servers.free_port(), secrets.token_hex(12)
    options = AppOptions(
        folder=folder, port=port, open_browser=False, token=token, room=True,
        cull_idle_seconds=cull, cull_interval_seconds=interval,
    )  # fmt: skip
    config = root / "config"
    config.mkdir()
    write_config(options, config)
    log = root / "voila.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            voila_argv(options, config, sys.executable), env=voila_env(env, room=True),
            stdout=sink, stderr=subprocess.STDOUT, cwd=root,
        )  # fmt: skip
    room = servers.Server(process, port, token, home, log, env)
    try:
        room.wait_until_ready("/")
    except RuntimeError as error:
        room.stop()
        raise SystemExit(str(error)) from None
    return room


def memory(process: psutil.Process) -> tuple[int, int]:
    """RSS and PSS of `process`, in bytes."""
    info = process.memory_full_info()
    return info.rss, getattr(info, "pss", info.rss)


def status_of(url: str, cookie: str) -> int:
    request = urllib.request.Request(url, headers={"Cookie": f"{PARTICIPANT_COOKIE}={cookie}"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def open_participants(
    browser: Any, room: servers.Server, codes: list[str]
) -> list[tuple[Any, str]]:
    """Each participant's own browser, with their code, on one page of the workbook."""
    opened = []
    for number, code in enumerate(codes):
        name = PAGES[number % len(PAGES)]
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        context.add_cookies([{"name": PARTICIPANT_COOKIE, "value": code, "url": room.base}])
        page = context.new_page()
        started = time.perf_counter()
        page.goto(room.url(f"/voila/render/{name}.ipynb"))
        page.wait_for_function(servers.PAGE_READY, timeout=120_000)
        print(f"  participant {number + 1:>3} on {name:<12} drawn in "
              f"{time.perf_counter() - started:5.1f} s", flush=True)  # fmt: skip
        opened.append((context, name))
    return opened


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=10, help="pages open at once")
    parser.add_argument("--cull", type=int, default=20, help="idle seconds before a cull")
    parser.add_argument("--unconnected", type=int, default=3, help="pages no browser opens")
    args = parser.parse_args()
    problem = servers.missing()
    if problem:
        raise SystemExit(f"cannot measure in a browser: {problem}")
    interval = max(1, args.cull // 4)
    with tempfile.TemporaryDirectory(prefix="workbook-room-load-") as folder:
        root = Path(folder)
        room = start_room(root, args.cull, interval)
        try:
            codes = add_codes(args.participants + args.unconnected, root=room.home)
            for code in codes:
                (room.home / "participants" / code).mkdir(parents=True)
                fill_answers(room.home / "participants" / code / "answers.json")
            time.sleep(2)
            server = psutil.Process(room.process.pid)
            server_before = memory(server)
            refused = status_of(room.url("/voila/render/05-clarify.ipynb"), "not-a-code-123")
            no_kernel = not kernels_of(room)
            with servers.browser() as browser:
                print(f"{args.participants} participants, each on one page in a browser:")
                opened = open_participants(browser, room, codes[: args.participants])
                time.sleep(3)
                kernels = kernels_of(room)
                kernel_memory = [memory(kernel) for kernel in kernels]
                server_after = memory(server)
                for context, _ in opened:
                    context.close()
            report(args, server_before, server_after, kernel_memory, [n for _, n in opened])
            print(f"a code not on the register: HTTP {refused}, kernel started: "
                  f"{'no' if no_kernel else 'YES'}")  # fmt: skip
            culled(room, codes[args.participants :], args.cull, interval)
        finally:
            room.stop()


def report(
    args: argparse.Namespace,
    server_before: tuple[int, int],
    server_after: tuple[int, int],
    kernels: list[tuple[int, int]],
    pages: list[str],
) -> None:
    count = args.participants
    if len(kernels) != count:
        print(f"  (expected {count} kernels, found {len(kernels)}: figures per kernel are rough)")
    print(f"memory ({count} participants):")
    print(f"  server alone          RSS {server_before[0] / MB:7.0f} MB   "
          f"PSS {server_before[1] / MB:7.0f} MB")  # fmt: skip
    print(f"  server with them      RSS {server_after[0] / MB:7.0f} MB   "
          f"PSS {server_after[1] / MB:7.0f} MB")  # fmt: skip
    by_page: dict[str, list[tuple[int, int]]] = {}
    for page, kernel in zip(pages, kernels, strict=False):
        by_page.setdefault(page, []).append(kernel)
    for page, used in by_page.items():
        rss = statistics.mean(u[0] for u in used) / MB
        pss = statistics.mean(u[1] for u in used) / MB
        print(f"  a kernel on {page:<11} RSS {rss:7.0f} MB   PSS {pss:7.0f} MB   ({len(used)})")
    growth = [max(0, server_after[i] - server_before[i]) for i in (0, 1)]
    per = [(sum(k[i] for k in kernels) + growth[i]) / count for i in (0, 1)]
    heaviest = max(statistics.mean(u[0] for u in used) for used in by_page.values())
    print(f"  per participant       RSS {per[0] / MB:7.0f} MB   PSS {per[1] / MB:7.0f} MB"
          f"   (heaviest page: RSS {heaviest / MB:.0f} MB)")  # fmt: skip
    room_for = ROOM_MEMORY - server_before[0]
    fits = [math.floor(room_for / value) for value in per]
    worst = math.floor(room_for / (heaviest + growth[0] / count))
    print(
        f"  participants in 8 GB  {fits[0]} by RSS, {fits[1]} by PSS; {worst} if every one "
        "were on the heaviest page (RSS)"
    )


def culled(room: servers.Server, unconnected: list[str], cull: int, interval: int) -> None:
    """Pages asked for without a browser connecting (the browsers are closed already), then
    every kernel's end: how long until none is left, and how each one ended."""
    for number, code in enumerate(unconnected):
        status_of(room.url(f"/voila/render/{PAGES[number % len(PAGES)]}.ipynb"), code)
    print(f"browsers closed, and {len(unconnected)} pages asked for that no browser opened: "
          f"{len(kernels_of(room))} kernels left; cull timeout {cull} s, checked every "
          f"{interval} s")  # fmt: skip
    started = time.monotonic()
    deadline = started + cull + 3 * interval + 60
    while kernels_of(room) and time.monotonic() < deadline:
        time.sleep(1)
    left = len(kernels_of(room))
    log = room.log.read_text(encoding="utf-8", errors="replace")
    begun = len(re.findall(r"Kernel started: ", log))
    culls = len(set(re.findall(r"Culling '[a-z]+' kernel '[^']*' \(([0-9a-f-]+)\)", log)))
    print(f"  {time.monotonic() - started:.0f} s later: {left} kernels left of {begun} started; "
          f"{culls} culled as idle, {begun - culls - left} shut down by their page"
          f"{'' if left == 0 else ' (NOT all shut down)'}")  # fmt: skip


if __name__ == "__main__":
    main()
