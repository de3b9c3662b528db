"""How many users a JupyterHub holds with `workbook hub-config`: the memory each user takes.

    python -m benchmarks.hub_load [--users N]

Starts JupyterHub on 127.0.0.1 with the configuration `workbook hub-config` prints, as the hub
test does (`tests.browser.hub`: a stand-in login, every server under this account), with N users
whose answers already give a plan, as in the room's benchmark. Each user logs in, in a browser of
their own (Debian's Chromium, driven by Playwright), and opens one page of the workbook: the
pages go round the start page, a section, the plan (a chart), the tracker and the analysis. Once
every page is drawn, it measures each user's server and that page's kernel as RSS (all the
memory a process has in RAM, shared libraries counted in full: what a container of its own would
need) and PSS (shared pages split between the processes that share them: what one computer
needs), read with psutil, and the hub's own processes (the hub, its proxy and the culler). It
prints the memory per user, by page, and how many users fit in 8, 16 and 32 GB with 2 GB left
for the system. A benchmark prints; it is not a timed test. Everything it sends goes to
127.0.0.1, and it stops every process it started by its process id.
"""

from __future__ import annotations

import argparse
import math
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from benchmarks.app_speed import fill_answers
from benchmarks.room_load import MB, PAGES, memory
from tests.browser import servers
from tests.browser.hub import Hub, hub_missing, log_in, running_hub
from workbook.hub import IDLE_TIMEOUT_SECONDS

SYSTEM = 2 * 1024**3
"""Memory left for the system on the hub's computer."""
COMPUTERS = (8, 16, 32)
"""The sizes of computer, in GB, the figures are given for."""


def user_processes(hub: Hub) -> tuple[dict[str, list[psutil.Process]], list[psutil.Process]]:
    """Each user's server with its kernels, by user name, and the hub's own processes."""
    own = [psutil.Process(hub.process.pid)]
    users: dict[str, list[psutil.Process]] = {}
    for child in own[0].children():
        home = child.environ().get("WORKBOOK_HOME", "")
        if home:
            users[Path(home).name] = [child, *child.children(recursive=True)]
        else:
            own.append(child)
    return users, own


def open_pages(browser: Any, hub: Hub, count: int) -> list[tuple[str, str]]:
    """`count` users, each logged in and on one page: their names and pages."""
    opened = []
    for number in range(count):
        user, name = f"user{number + 1}", PAGES[number % len(PAGES)]
        started = time.perf_counter()
        page = log_in(browser, hub, user)
        page.goto(hub.url(f"/user/{user}/voila/render/{name}.ipynb"))
        page.wait_for_function(servers.PAGE_READY, timeout=120_000)
        print(f"  {user:<7} on {name:<12} logged in and drawn in "
              f"{time.perf_counter() - started:5.1f} s", flush=True)  # fmt: skip
        opened.append((user, name))
    return opened


def total(processes: list[psutil.Process]) -> tuple[int, int]:
    """RSS and PSS of `processes` together, in bytes."""
    figures = [memory(process) for process in processes]
    return sum(f[0] for f in figures), sum(f[1] for f in figures)


def report(opened: list[tuple[str, str]], users: dict[str, list[psutil.Process]],
           own: list[psutil.Process]) -> None:  # fmt: skip
    by_page: dict[str, list[tuple[int, int]]] = {}
    servers_alone = []
    for user, name in opened:
        by_page.setdefault(name, []).append(total(users[user]))
        servers_alone.append(memory(users[user][0]))
    hub_rss, hub_pss = total(own)
    print(f"memory ({len(opened)} users):")
    print(f"  the hub, proxy, culler  RSS {hub_rss / MB:5.0f} MB   PSS {hub_pss / MB:5.0f} MB")
    print(f"  a user's server alone   RSS {statistics.mean(s[0] for s in servers_alone) / MB:5.0f}"
          f" MB   PSS {statistics.mean(s[1] for s in servers_alone) / MB:5.0f} MB")  # fmt: skip
    for name, used in by_page.items():
        rss, pss = (statistics.mean(u[i] for u in used) / MB for i in (0, 1))
        print(f"  a user on {name:<12}  RSS {rss:5.0f} MB   PSS {pss:5.0f} MB   ({len(used)})")
    everyone = [figure for used in by_page.values() for figure in used]
    mean = [statistics.mean(u[i] for u in everyone) for i in (0, 1)]
    heaviest = [max(statistics.mean(u[i] for u in used) for used in by_page.values())
                for i in (0, 1)]  # fmt: skip
    print(f"  per user, on average    RSS {mean[0] / MB:5.0f} MB   PSS {mean[1] / MB:5.0f} MB")
    for size in COMPUTERS:
        room = size * 1024**3 - SYSTEM - hub_pss
        spread, worst = math.floor(room / mean[1]), math.floor(room / heaviest[1])
        print(f"  users in {size:>2} GB (PSS)    {spread} spread over the pages, {worst} if all "
              "were on the heaviest page")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=5, help="users logged in at once")
    args = parser.parse_args()
    problem = servers.missing() or hub_missing()
    if problem:
        raise SystemExit(f"cannot measure: {problem}")
    with tempfile.TemporaryDirectory(prefix="workbook-hub-load-") as folder:
        root = Path(folder)
        for number in range(args.users):
            answers = root / "users" / f"user{number + 1}" / "answers.json"
            answers.parent.mkdir(parents=True)
            fill_answers(answers)
        with running_hub(root, IDLE_TIMEOUT_SECONDS) as hub, servers.browser() as browser:
            print(f"{args.users} users, each logged in on one page in a browser:")
            opened = open_pages(browser, hub, args.users)
            time.sleep(3)
            users, own = user_processes(hub)
            report(opened, users, own)


if __name__ == "__main__":
    main()
