"""The `workbook` command: a thin face over the package.

Each subcommand parses its options, calls one function of the package and prints the result.
Bad input ends with exit status 2 and one line on stderr that names the option (for a file
to import, one line per problem, each naming its line, column and value); a user never sees a
traceback. Heavy libraries (pandas, matplotlib, ipywidgets, Jupyter) are imported inside
the subcommands that need them, so `workbook plan` answers quickly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import secrets
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from workbook.model import (
    PLAN_CHANNELS,
    Answer,
    Channel,
    Interview,
    Interviewer,
    NextStep,
    WorkbookError,
)
from workbook.rules.counting import OWN_LATENESS_FROM
from workbook.rules.dates import BusinessCalendar, UnknownCountryError
from workbook.rules.drafts import WORDINGS
from workbook.rules.planner import PlanInputError, make_plan, record_answer

if TYPE_CHECKING:
    import pandas as pd

    from workbook.tables.canonical_csv import CsvError
    from workbook.tables.spreadsheet import Sheet

__all__ = ["main"]


class UsageError(WorkbookError):
    """Input the user can correct; the message names the option at fault."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, without the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date (expected YYYY-MM-DD, for example 2026-11-23)"
        ) from None


def _time(value: str) -> dt.time:
    try:
        return dt.time.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a time of day (expected HH:MM, for example 14:00)"
        ) from None


# -- workbook plan -----------------------------------------------------------------------------

_OPTION_OF_FIELD = {
    "date": "--interview",
    "time": "--time",
    "company": "--company",
    "role": "--role",
    "interviewers": "--interviewer",
    "moment": "--moment",
    "next_step": "--next-step",
    "decision_date": "--decision-date",
    "expected_by": "--expected-by",
    "call_ok_by": "--call-ok-by",
    "preferred_channel": "--channel",
    "holidays": "--holiday",
    "country": "--country",
    "answered_on": "--answered-on",
    "wording": "--wording",
    "channel_seed": "--seed",
    "never_channels": "--never",
}


def _add_plan(commands: argparse._SubParsersAction[_Parser]) -> None:
    plan = commands.add_parser(
        "plan",
        help="plan the follow-up after an interview, with drafts",
        description="Turn what happened in an interview into a dated follow-up plan.",
    )
    add = plan.add_argument
    add("--interview", type=_date, required=True, metavar="DATE", help="interview date")
    add("--time", type=_time, metavar="HH:MM", help="when the interview started")
    add("--company", required=True)
    add("--role", required=True)
    add(
        "--interviewer",
        action="append",
        required=True,
        metavar="'NAME <EMAIL>'",
        help="someone you met (repeat for each), with a title to be greeted by it "
        "('Ms Dana Reyes'); the email address is optional",
    )
    add(
        "--moment",
        action="append",
        default=[],
        metavar="TEXT",
        help="a moment of the conversation: one for all, or one per --interviewer, in order",
    )
    add(
        "--next-step",
        choices=[s.value for s in NextStep],
        default=NextStep.UNKNOWN.value,
        help="what they said would happen next",
    )
    add("--decision-date", type=_date, metavar="DATE", help="the date they will decide by")
    add(
        "--expected-by",
        type=_date,
        metavar="DATE",
        help="the date by which they said they would be in touch",
    )
    add(
        "--call-ok-by",
        type=_date,
        metavar="DATE",
        help="the day by which they said you may call if you have not heard",
    )
    add(
        "--channel",
        choices=[c.value for c in PLAN_CHANNELS],
        default="email",
        help="the channel you prefer for follow-ups",
    )
    add(
        "--people-facing",
        action="store_true",
        help="the role deals with people (sales, HR, teaching, counselling...)",
    )
    add(
        "--highlight",
        action="append",
        default=[],
        metavar="TEXT",
        help="an accomplishment, or why you fit (repeatable)",
    )
    add(
        "--new-info",
        action="append",
        default=[],
        metavar="TEXT",
        help="news you have since the interview, for the first follow-up (repeatable)",
    )
    add(
        "--further-news",
        action="append",
        default=[],
        metavar="TEXT",
        help="news that came after your first follow-up, for a second one (repeatable)",
    )
    add(
        "--holiday",
        type=_date,
        action="append",
        default=[],
        metavar="DATE",
        help="a day off that is not a business day (repeatable)",
    )
    add(
        "--country",
        default="",
        metavar="CODE",
        help="skip this country's public holidays (US, GB, DE-BY...)",
    )
    add("--name", default="", metavar="TEXT", help="your name, to sign the drafts")
    add("--phone", default="", metavar="NUMBER", help="your phone number, for voicemail")
    add("--address", default="", metavar="TEXT", help="your postal address, for letters")
    add(
        "--employer-address",
        default="",
        metavar="TEXT",
        help="the employer's postal address, for letters (lines separated by commas or \\n)",
    )
    add(
        "--wording",
        type=int,
        default=1,
        metavar="N",
        help=f"which wording of the drafts (1 to {WORDINGS}; panel members get the next ones)",
    )
    add(
        "--random-channel",
        action="store_true",
        help="let the workbook choose each follow-up's channel at random, among those the "
        "rules allow, so you can later compare channels fairly (the plan names its seed)",
    )
    add(
        "--seed",
        type=int,
        metavar="N",
        help="the seed of --random-channel, to make a plan's random choices again "
        "(default: a new one)",
    )
    add(
        "--never",
        choices=["phone", "letter"],
        action="append",
        default=[],
        help="a channel you will never use for a follow-up (repeatable)",
    )
    add(
        "--answer",
        choices=[a.value for a in Answer],
        help="an answer came: cancel what is left and show the reply",
    )
    add("--answered-on", type=_date, metavar="DATE", help="when the answer came (default: today)")
    add(
        "--own-lateness",
        action="store_true",
        help="let the stop day go by how late employers in your tracker answered (from "
        f"{OWN_LATENESS_FROM} answered rounds; with fewer the plan says it kept the usual wait)",
    )
    add("--db", metavar="FILE", help=f"with --own-lateness: {_DB_HELP}")
    add("--format", choices=["text", "json", "markdown", "ics"], default="text")
    plan.set_defaults(run=_run_plan)


def _interview_from(args: argparse.Namespace) -> Interview:
    next_step = NextStep(args.next_step)
    if args.decision_date is not None and next_step is NextStep.UNKNOWN:
        next_step = NextStep.DECISION_DATE
    elif args.decision_date is not None and next_step is not NextStep.DECISION_DATE:
        raise UsageError("--decision-date: only applies with --next-step decision-date")
    if args.seed is not None and not args.random_channel:
        raise UsageError("--seed: only applies with --random-channel")
    seed = args.seed
    if args.random_channel and seed is None:
        seed = secrets.randbits(48)  # a new draw, named in the plan so it can be made again
    return Interview(
        date=args.interview,
        time=args.time,
        company=args.company,
        role=args.role,
        interviewers=_interviewers(args.interviewer, args.moment),
        next_step=next_step,
        decision_date=args.decision_date,
        expected_by=args.expected_by,
        call_ok_by=args.call_ok_by,
        preferred_channel=Channel(args.channel),
        people_facing=args.people_facing,
        highlights=tuple(args.highlight),
        new_info=tuple(args.new_info),
        further_news=tuple(args.further_news),
        holidays=frozenset(args.holiday),
        country=args.country,
        candidate=args.name,
        candidate_phone=args.phone,
        candidate_address=_address(args.address),
        employer_address=_address(args.employer_address),
        wording=args.wording,
        channel_seed=seed,
        never_channels=frozenset(Channel(word) for word in args.never),
    )


def _address(text: str) -> str:
    """An address typed on one line: commas or a typed `\\n` separate its lines."""
    return "\n".join(part.strip() for part in text.replace("\\n", ",").split(","))


def _interviewers(people: list[str], moments: list[str]) -> tuple[Interviewer, ...]:
    """The nth --moment goes with the nth --interviewer; a single one goes with them all."""
    if len(moments) > 1 and len(moments) != len(people):
        raise UsageError(
            f"--moment: give one moment for everyone or one per --interviewer ({len(people)}), "
            f"not {len(moments)}"
        )
    if len(moments) <= 1:
        moments = moments * len(people) or [""] * len(people)
    return tuple(
        Interviewer.parse(text, moment) for text, moment in zip(people, moments, strict=True)
    )


def _run_plan(args: argparse.Namespace) -> int:
    from workbook.rules import exports  # icalendar: only a plan needs it

    try:
        interview = _interview_from(args)
        if args.own_lateness:
            from workbook.analysis.aggregates import with_own_lateness

            interview = with_own_lateness(interview, _tracker_path(args))
        plan = make_plan(interview)
        if args.answer:
            plan = record_answer(plan, Answer(args.answer), args.answered_on or dt.date.today())
    except PlanInputError as error:
        raise UsageError(f"{_OPTION_OF_FIELD.get(error.field, error.field)}: {error}") from None
    if args.format == "ics":
        sys.stdout.buffer.write(exports.to_ics(plan, stamp=dt.datetime.now(dt.UTC)))
    elif args.format == "json":
        print(json.dumps(exports.to_json(plan), indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        sys.stdout.write(exports.to_markdown(plan))
    else:
        sys.stdout.write(exports.to_text(plan))
    return 0


# -- workbook lab ------------------------------------------------------------------------------


_START_NOTEBOOK = "00-start.ipynb"
"""The notebook `workbook lab` opens first."""


def _serve(argv: list[str], env: dict[str, str] | None = None) -> int:
    """Run a server until it stops; returns its exit status.

    Stopping this command stops the server too: a SIGTERM is passed on to it, and Ctrl+C asks
    it to shut down (its kernels with it) instead of leaving it running without a terminal.
    """
    import signal
    import subprocess

    server = subprocess.Popen(argv, env=env)

    def stop(signum: int, frame: object) -> None:
        server.terminate()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        try:
            return server.wait()
        except KeyboardInterrupt:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def _add_lab(commands: argparse._SubParsersAction[_Parser]) -> None:
    lab = commands.add_parser(
        "lab",
        help="open the workbook in JupyterLab",
        description=(
            "Copy the workbook's notebooks into your workspace (in your data folder), keeping "
            "any you changed, and open JupyterLab there at the start page."
        ),
    )
    lab.add_argument("--port", type=int, default=0, help="port to serve on (default: 8888)")
    lab.add_argument("--no-browser", action="store_true", help="do not open a browser")
    lab.set_defaults(run=_run_lab)


def _run_lab(args: argparse.Namespace) -> int:
    import os

    from workbook.home.folders import workspace
    from workbook.home.workspace import sync_workspace

    folder = workspace()
    for line in sync_workspace(folder).lines():
        print(line, file=sys.stderr)
    argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}"]
    if (folder / _START_NOTEBOOK).exists():
        argv.append(f"--LabApp.default_url=/lab/tree/{_START_NOTEBOOK}")
    if args.port:
        argv.append(f"--port={args.port}")
    if args.no_browser:
        argv.append("--no-browser")
    if os.name == "posix" and os.geteuid() == 0:
        argv.append("--allow-root")  # containers run as root; the learner need not know
    print(f"Opening JupyterLab on your workspace: {folder}", file=sys.stderr)
    return _serve(argv)


# -- workbook app ------------------------------------------------------------------------------


def _add_app(commands: argparse._SubParsersAction[_Parser]) -> None:
    from workbook.app import DEFAULT_PORT, FACILITATOR_PORT, LOCAL

    app = commands.add_parser(
        "app",
        help="serve the workbook as an app: code hidden, for a workshop",
        description=(
            "Copy the workbook's notebooks into your workspace, as `workbook lab` does, and serve "
            "them as web pages with the code hidden: the questions, the plan and the drafts, a "
            "menu of the sections and a link to the next one. Stop it with Ctrl+C."
        ),
    )
    app.add_argument(
        "--port",
        type=int,
        help=f"port to serve on (default: {DEFAULT_PORT}; with --facilitator, {FACILITATOR_PORT})",
    )
    app.add_argument("--no-browser", action="store_true", help="do not open a browser")
    app.add_argument(
        "--room",
        action="store_true",
        help="serve a workshop room: other computers may connect (with a token), and each "
        "participant types a code that keeps their answers apart",
    )
    app.add_argument(
        "--ip",
        metavar="ADDRESS",
        help=f"address to listen on (default: {LOCAL}, this computer only; with --room, "
        "0.0.0.0, every network of this computer)",
    )
    app.add_argument(
        "--facilitator",
        action="store_true",
        help="open the facilitator's page of the group's pooled results (this room's trackers "
        "of those who said yes, or a folder of shared files), on this computer only",
    )
    app.add_argument(
        "--hub",
        action="store_true",
        help="serve one JupyterHub user's app, with the hub's login; the hub's spawner runs "
        "this (see `workbook hub-config`), so the hub chooses the address",
    )
    app.set_defaults(run=_run_app)


def _run_app(args: argparse.Namespace) -> int:
    import os
    import secrets
    import tempfile

    if args.hub:
        return _run_hub_server(args)

    from workbook.app import (
        DEFAULT_PORT,
        FACILITATOR_PORT,
        LOCAL,
        AppOptions,
        lan_address,
        open_when_ready,
        start_path,
        voila_argv,
        voila_env,
        write_config,
    )
    from workbook.home.folders import workspace
    from workbook.home.workspace import sync_workspace

    if args.port is None:
        args.port = FACILITATOR_PORT if args.facilitator else DEFAULT_PORT
    if not 0 < args.port < 65536:
        raise UsageError(f"--port: {args.port} is not a port (expected 1 to 65535)")
    ip = args.ip or ("0.0.0.0" if args.room else LOCAL)
    token = os.environ.get("JUPYTER_TOKEN", "")
    if ip not in (LOCAL, "localhost", "::1") and not token:
        token = secrets.token_urlsafe(9)  # other computers can reach it: ask them for a token
    folder = workspace()
    try:
        options = AppOptions(
            folder=folder,
            port=args.port,
            ip=ip,
            open_browser=not args.no_browser,
            token=token,
            room=args.room,
            facilitator=args.facilitator,
        )
    except ValueError as error:
        raise UsageError(str(error)) from None
    for line in sync_workspace(folder).lines():
        print(line, file=sys.stderr)
    query = f"?token={token}" if token else ""
    host = lan_address() if ip in ("0.0.0.0", "::") else ip
    print(f"Serving the workbook app from {folder}", file=sys.stderr)
    if args.room:
        print(f"Participants open: http://{host}:{args.port}/{query}", file=sys.stderr)
        print(_room_codes_note(), file=sys.stderr)
    else:
        url = f"http://{host}:{args.port}{start_path(options)}{query}"
        print(f"Open: {url}", file=sys.stderr)
        if args.facilitator and not args.no_browser:
            open_when_ready(url, args.port)
    print("Press Ctrl+C to stop it.", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="workbook-app-") as config_dir:
        write_config(options, Path(config_dir))
        argv = voila_argv(options, Path(config_dir), sys.executable)
        return _serve(argv, voila_env(os.environ, room=args.room))


def _run_hub_server(args: argparse.Namespace) -> NoReturn:
    """`workbook app --hub`: sync the user's workspace, then become their hub server."""
    import importlib.util
    import os

    from jupyter_core.paths import jupyter_runtime_dir

    from workbook.app import AppOptions, hub_server_argv, hub_server_config, voila_env
    from workbook.home.files import write_atomically
    from workbook.home.folders import workspace
    from workbook.home.workspace import sync_workspace

    for option, given, why in (
        ("--room", args.room, "each user logs in to the hub, so no codes are needed"),
        ("--facilitator", args.facilitator, "the group's page is served on your own computer"),
        ("--ip", args.ip is not None, "the hub chooses the address"),
        ("--port", args.port is not None, "the hub chooses the address"),
    ):
        if given:
            raise UsageError(f"{option}: not with --hub ({why})")
    if not os.environ.get("JUPYTERHUB_API_TOKEN"):
        raise UsageError(
            "--hub: JupyterHub's spawner runs this for each user (see `workbook hub-config`); "
            "JUPYTERHUB_API_TOKEN is not set, so no hub started it"
        )
    if importlib.util.find_spec("jupyterhub") is None:
        raise UsageError(
            "--hub: JupyterHub is not installed in this environment "
            "(pip install 'followup-workbook[hub]')"
        )
    folder = workspace()
    for line in sync_workspace(folder).lines():
        print(line, file=sys.stderr)
    options = AppOptions(folder=folder, open_browser=False)
    config = hub_server_config(options, allow_root=os.name == "posix" and os.geteuid() == 0)
    # In the user's own runtime folder, replaced at each start; the server then takes this
    # process's place, so the hub stops it directly and no idle parent waits beside it.
    path = Path(jupyter_runtime_dir()) / "workbook-hub-server.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(config, indent=1).encode("utf-8"))
    print(f"Serving the workbook app for this hub user from {folder}", file=sys.stderr, flush=True)
    argv = hub_server_argv(path, sys.executable)
    os.execve(argv[0], argv, voila_env(os.environ))


def _room_codes_note() -> str:
    """What `workbook app --room` says about the codes: how many the register holds, and
    where the participants' data goes."""
    from workbook.home.room import RegisterError, participants_folder, registered

    try:
        count = len(registered())
    except RegisterError as error:
        raise UsageError(f"--room: {error}") from None
    if not count:
        return (
            "No participant codes yet, so nobody can start: make them with `workbook room codes "
            "30` (in another terminal; codes made while the app runs work at once)."
        )
    return (
        f"{count} participant code{'s' if count != 1 else ''} on the register (`workbook room "
        "list`): each participant types theirs, and their answers are kept apart in "
        f"{participants_folder()}."
    )


# -- workbook room -----------------------------------------------------------------------------


def _add_room(commands: argparse._SubParsersAction[_Parser]) -> None:
    from workbook.home.room import ENTROPY_BITS, MAX_CODES

    room = commands.add_parser(
        "room",
        help="participant codes for a workshop room, and wiping the room afterwards",
        description="Make the codes that let participants into `workbook app --room`, list "
        "them, and remove every participant's data after the session.",
    )
    actions = room.add_subparsers(
        title="actions", metavar="ACTION", required=True, parser_class=_Parser
    )
    codes = actions.add_parser(
        "codes",
        help="make N new participant codes and print them",
        description="Make N new codes, such as maple-otter-427 (two words and a number, about "
        f"{ENTROPY_BITS:.0f} bits: impractical to guess), add them to the room's register and "
        "print them, one a line. Hand one to each participant. Codes made earlier stay valid.",
    )
    codes.add_argument("count", type=_code_count, metavar="N", help=f"how many (1 to {MAX_CODES})")
    codes.add_argument(
        "--sheet", metavar="FILE.html", help="also write a page of cards to print and cut"
    )
    codes.add_argument(
        "--address", default="", metavar="URL", help="the room's address, printed on each card"
    )
    codes.set_defaults(run=_run_room_codes)
    listing = actions.add_parser(
        "list",
        help="print the codes on the register, and which have data",
        description="Print every code on the room's register, one a line, each with whether "
        "that participant has saved anything yet.",
    )
    listing.set_defaults(run=_run_room_list)
    wipe = actions.add_parser(
        "wipe",
        help="remove every participant's data after the session",
        description="Remove the folder of every participant (their answers, plans, tracker and "
        "files) from this computer, and nothing else. It asks first, unless --yes. The codes "
        "stay on the register, for a later session, unless --forget-codes. Stop the app first.",
    )
    wipe.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    wipe.add_argument(
        "--forget-codes",
        action="store_true",
        help="also empty the register, so that no code opens the room any more",
    )
    wipe.set_defaults(run=_run_room_wipe)


def _code_count(value: str) -> int:
    from workbook.home.room import MAX_CODES

    if not value.strip().isdigit() or not 1 <= int(value) <= MAX_CODES:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a number of codes (expected 1 to {MAX_CODES})"
        )
    return int(value)


def _run_room_codes(args: argparse.Namespace) -> int:
    from workbook.home.files import write_atomically
    from workbook.home.room import RegisterError, add_codes, code_sheet_html, register_path

    try:
        codes = add_codes(args.count)
    except (RegisterError, ValueError) as error:
        raise UsageError(f"N: {error}") from None
    print("\n".join(codes))
    if args.sheet:
        try:
            write_atomically(Path(args.sheet), code_sheet_html(codes, args.address).encode("utf-8"))
        except OSError as error:
            raise UsageError(
                f"--sheet: cannot write {args.sheet} ({error.strerror or error}); the codes "
                "above are on the register all the same"
            ) from None
        print(f"Wrote {len(codes)} cards to print and cut to {args.sheet}", file=sys.stderr)
    print(f"Added {len(codes)} codes to the room's register ({register_path()}).", file=sys.stderr)
    return 0


def _run_room_list(args: argparse.Namespace) -> int:
    from workbook.home.room import participants_folder, registered

    codes = registered()
    folder = participants_folder()
    with_data = 0
    for code in codes:
        has_data = (folder / code).is_dir()
        with_data += has_data
        print(f"{code}\t{'has data' if has_data else 'no data yet'}")
    print(
        f"{len(codes)} code{'s' if len(codes) != 1 else ''} on the register, {with_data} with "
        "data.",
        file=sys.stderr,
    )
    return 0


def _run_room_wipe(args: argparse.Namespace) -> int:
    from workbook.home.room import RegisterError, participants_folder, registered, wipe

    folder = participants_folder()
    present = sorted(folder.iterdir()) if folder.is_dir() else []
    try:
        codes = len(registered())
    except RegisterError:
        codes = 0
    if not args.yes:
        what = f"the data of {len(present)} participant{'s' if len(present) != 1 else ''}"
        if args.forget_codes:
            what += f" and the register of {codes} code{'s' if codes != 1 else ''}"
        print(f"This removes {what} from {folder.parent}, for good.", file=sys.stderr)
        print("Type yes to go on: ", end="", file=sys.stderr, flush=True)
        answer = sys.stdin.readline() if sys.stdin is not None else ""
        if not answer:  # no terminal, or the input ended: nobody said yes
            print(file=sys.stderr)
            raise UsageError("not confirmed, nothing removed (give --yes to wipe without asking)")
        if answer.strip().lower() not in ("yes", "y"):
            print("Nothing removed.", file=sys.stderr)
            return 1
    try:
        wiped = wipe(forget_codes=args.forget_codes)
    except OSError as error:
        raise UsageError(
            f"could not remove {error.filename or folder} ({error.strerror or error})"
        ) from None
    for path in wiped.folders:
        print(f"Removed {path}")
    summary = f"Removed the data of {len(wiped.folders)} participant(s)."
    if args.forget_codes:
        summary += f" Emptied the register ({wiped.codes} codes): no code opens the room now."
    elif codes:
        summary += (
            f" The {codes} codes stay on the register, for a later session (--forget-codes "
            "removes them too)."
        )
    print(summary)
    return 0


# -- workbook hub-config ---------------------------------------------------------------------


def _add_hub_config(commands: argparse._SubParsersAction[_Parser]) -> None:
    from workbook.hub import DATA_ROOT, IDLE_TIMEOUT_SECONDS

    command = commands.add_parser(
        "hub-config",
        help="print a jupyterhub_config.py that gives every hub user the workbook app",
        description="Print a configuration for JupyterHub, for groups larger than one "
        "computer's room: every user who logs in gets the workbook app (code hidden) as their "
        "own server, with a data folder of their own, and idle servers are stopped by "
        "jupyterhub-idle-culler. Save it as jupyterhub_config.py (workbook hub-config > "
        "jupyterhub_config.py), or add it to a hub's configuration.",
    )
    command.add_argument(
        "--ip",
        metavar="ADDRESS",
        help="the address the hub listens on (default: the hub's own, every network)",
    )
    command.add_argument(
        "--port", type=int, help="the port the hub listens on (default: the hub's own, 8000)"
    )
    command.add_argument(
        "--data-root",
        default=DATA_ROOT,
        metavar="FOLDER",
        help=f"each user's data goes in FOLDER/<user name>, on their server (default: "
        f"{DATA_ROOT}, in each user's home)",
    )
    command.add_argument(
        "--idle-timeout",
        type=int,
        default=IDLE_TIMEOUT_SECONDS,
        metavar="SECONDS",
        help=f"stop a user's server nobody has used for this long (default: "
        f"{IDLE_TIMEOUT_SECONDS}; 0 leaves culling to the platform)",
    )
    command.set_defaults(run=_run_hub_config, command="hub-config")


def _run_hub_config(args: argparse.Namespace) -> int:
    from workbook.hub import HubOptions, hub_config

    try:
        options = HubOptions(
            ip=args.ip, port=args.port, data_root=args.data_root, idle_timeout=args.idle_timeout
        )
    except ValueError as error:
        raise UsageError(str(error)) from None
    sys.stdout.write(hub_config(options))
    return 0


# -- workbook import / export -----------------------------------------------------------------

_DB_HELP = "the tracker file (default: tracker.db in your data folder)"


def _tracker_path(args: argparse.Namespace) -> Path:
    """The tracker that --db names, else the learner's own."""
    from workbook.tracker.store import default_path

    return Path(args.db) if args.db else default_path()


def _print_problems(error: CsvError) -> None:
    """Every problem of a refused file, one line each (file:line: column: value: expected)."""
    for line in error.lines():
        print(line, file=sys.stderr)


def _add_import(commands: argparse._SubParsersAction[_Parser]) -> None:
    command = commands.add_parser(
        "import",
        help="import a spreadsheet (CSV or .xlsx) into your tracker",
        description="Add and update applications, rounds and contacts from a canonical CSV"
        " file, a spreadsheet of your own (CSV or .xlsx) or a Teal, Huntr or Simplify export."
        " It first says which column it read as what and which it ignored. Nothing is written"
        " unless every row is good (or, with --skip-bad-rows, the good rows, the others listed"
        " and kept in a file), nothing is ever deleted, and the file is only read."
        " Importing the same file again changes nothing.",
    )
    command.add_argument("file", metavar="FILE", help="the CSV file or .xlsx workbook")
    command.add_argument("--db", metavar="PATH", help=_DB_HELP)
    command.add_argument(
        "--dry-run",
        action="store_true",
        help="say how the file is read and what would change, and change nothing",
    )
    command.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="'HEADER=COLUMN'",
        help="read the file's column HEADER as COLUMN (company, interview_date, status..., or"
        " ignore); repeatable",
    )
    command.add_argument(
        "--map-value",
        action="append",
        default=[],
        metavar="'WORD=VALUE'",
        help="read WORD, in a column read as outcome, status, response, stage history or"
        " source, as VALUE (offer, rejected, withdrawn, no-response, pending; positive,"
        " neutral, negative; applied, screen, interview, no-answer; linkedin, referral,"
        " job-board, company-site, email, agency, other; or a word the import knows);"
        " repeatable",
    )
    command.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="import every good row and leave out each row with a problem, listing them and"
        " writing them, with the reason, to a file in your data folder",
    )
    command.add_argument("--sheet", metavar="NAME", help="the workbook's sheet (default: first)")
    command.set_defaults(run=_run_import)


def _run_import(args: argparse.Namespace) -> int:
    from workbook.tables.canonical_csv import CsvError, merge_table
    from workbook.tables.spreadsheet import open_sheet

    db = _tracker_path(args)
    try:
        sheet = open_sheet(
            args.file,
            columns=args.map,
            sheet=args.sheet,
            words=args.map_value,
            skip_bad_rows=args.skip_bad_rows,
        )
        print("\n".join(sheet.mapping.lines()), flush=True)
        table = sheet.table()
        print("\n".join(sheet.summary()), flush=True)
        _left_out(sheet, dry_run=args.dry_run)
        report = merge_table(table, sheet.present, db, dry_run=args.dry_run)
    except CsvError as error:
        _print_problems(error)
        problems = f"{error.total} problem{'s' if error.total != 1 else ''}"
        print(f"workbook import: error: nothing imported ({problems})", file=sys.stderr)
        return 2
    counts = f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged"
    if report.dry_run:
        print(
            f"Dry run, nothing written. Importing {args.file} into {db} would give rows: {counts}."
        )
    else:
        print(f"Imported {args.file} into {db}. Rows: {counts}.")
    return 0


MAX_LISTED = 50
"""At most this many rows left out are listed on the screen; the file holds them all."""


def _left_out(sheet: Sheet, *, dry_run: bool) -> None:
    """Say which rows `--skip-bad-rows` leaves out, and why; unless a dry run, write them to a
    file in the learner's data folder first, so none is lost (nothing is imported if it cannot
    be written)."""
    from workbook.home.folders import home
    from workbook.tables.canonical_csv import printable

    if not sheet.left_out:
        return
    count = len(sheet.left_out)
    rows = f"{count} row{'s' if count != 1 else ''}"
    print(f"{'Would leave' if dry_run else 'Left'} out {rows} with a problem:")
    for problem in sheet.left_out[:MAX_LISTED]:
        print(f"  {problem.describe(sheet.mapping.source)}")
    if count > MAX_LISTED:
        print(f"  ... and {count - MAX_LISTED} more{'' if dry_run else ', all in the file below'}")
    if dry_run:
        return
    try:
        written = sheet.write_left_out(home())
    except OSError as error:
        raise UsageError(
            "--skip-bad-rows: cannot write the rows left out to your data folder "
            f"({error.strerror or error}); nothing imported"
        ) from None
    print(f"The rows left out, with the reason, are in {printable(str(written))}.")


def _add_export(commands: argparse._SubParsersAction[_Parser]) -> None:
    command = commands.add_parser(
        "export",
        help="export your tracker as a canonical CSV file, or a work-search log",
        description="Write every application, round and contact of your tracker as a"
        " canonical CSV file, safe to open in a spreadsheet; or, with --work-search, the log of"
        " your job search a benefits office asks for, as FILE.csv and a printable FILE.html."
        " Each file is replaced whole, or not at all.",
    )
    command.add_argument(
        "file", metavar="FILE", nargs="?", help="the CSV file to write; - for the screen"
    )
    command.add_argument("--db", metavar="PATH", help=_DB_HELP)
    command.add_argument(
        "--work-search",
        metavar="FILE",
        help="write the work-search log instead: FILE.csv and FILE.html side by side",
    )
    command.add_argument(
        "--from", dest="start", type=_date, metavar="DATE", help="the log's first day"
    )
    command.add_argument("--to", dest="end", type=_date, metavar="DATE", help="its last day")
    command.set_defaults(run=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    import io

    from workbook.tables.canonical_csv import export_csv
    from workbook.tracker.store import Tracker

    if args.work_search is not None:
        return _export_work_search(args)
    if args.file is None:
        raise UsageError("FILE: give the file to write (or --work-search FILE for the log)")
    for option, value in (("--from", args.start), ("--to", args.end)):
        if value is not None:
            raise UsageError(f"{option}: only with --work-search")
    db = _tracker_path(args)
    try:
        with Tracker(db, create=False) as tracker:
            if args.file == "-":
                sys.stdout.flush()
                out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
                try:
                    count = export_csv(tracker, out)
                    out.flush()
                finally:
                    out.detach()
            else:
                count = export_csv(tracker, args.file)
    except OSError as error:
        raise UsageError(f"{args.file}: cannot write it ({error.strerror or error})") from None
    message = f"Exported {count} rows from {db} to {args.file}."
    print(message, file=sys.stderr if args.file == "-" else sys.stdout)
    return 0


def _export_work_search(args: argparse.Namespace) -> int:
    from workbook.tables.work_search import export_work_search
    from workbook.tracker.store import Tracker

    if args.file is not None:
        raise UsageError(f"{args.file}: give either FILE or --work-search FILE, not both")
    if args.start and args.end and args.start > args.end:
        raise UsageError(f"--to: {args.end} is before --from ({args.start})")
    db = _tracker_path(args)
    try:
        with Tracker(db, create=False) as tracker:
            count, csv_path, html_path = export_work_search(
                tracker, args.work_search, start=args.start, end=args.end
            )
    except OSError as error:
        raise UsageError(
            f"--work-search: cannot write {error.filename or args.work_search}"
            f" ({error.strerror or error})"
        ) from None
    entries = f"{count} entr{'ies' if count != 1 else 'y'}"
    print(f"Wrote the work-search log ({entries}) from {db} to {csv_path} and {html_path}.")
    return 0


# -- workbook report --------------------------------------------------------------------------


def _at_least_one(what: str) -> Callable[[str], int]:
    """An argument type: a whole number of `what`, 1 or more."""

    def parse(value: str) -> int:
        if not value.strip().isdigit() or int(value) < 1:
            raise argparse.ArgumentTypeError(f"{value!r} is not a {what} (expected 1 or more)")
        return int(value)

    return parse


def _add_window(command: argparse.ArgumentParser) -> None:
    """--window, as `report` and `cohort` both take it."""
    from workbook.rules.counting import WINDOW_DAYS

    command.add_argument(
        "--window",
        type=_at_least_one("number of days"),
        default=WINDOW_DAYS,
        metavar="DAYS",
        help=f"an answer counts within this many days (default {WINDOW_DAYS})",
    )


def _add_report_outputs(command: argparse.ArgumentParser) -> None:
    """--json and --out, as `report` and `cohort` both take them."""
    command.add_argument("--json", action="store_true", help="print the report as JSON")
    command.add_argument(
        "--out", metavar="FILE.html", help="also write a self-contained HTML report with charts"
    )


def _show_report(args: argparse.Namespace, figures: dict[str, Any], page: Callable[[], str]) -> int:
    """Write the HTML `page` to --out if asked, then print the report as --json asks, or as
    text tables when neither was."""
    from workbook.home.files import write_atomically
    from workbook.reports.text import text_report

    if args.out:
        try:
            write_atomically(Path(args.out), page().encode("utf-8"))
        except OSError as error:
            raise UsageError(
                f"--out: cannot write {args.out} ({error.strerror or error})"
            ) from None
        print(f"Wrote {args.out}", file=sys.stderr)
    if args.json:
        print(json.dumps(figures, indent=2))
    elif not args.out:
        sys.stdout.write(text_report(figures))
    return 0


def _add_report(commands: argparse._SubParsersAction[_Parser]) -> None:
    command = commands.add_parser(
        "report",
        help="response rates by channel, kind and timing",
        description="Which follow-ups got answers, and how fast: response rates with 95%% "
        "intervals and times to an answer, from your tracker or a canonical CSV file.",
    )
    source = command.add_mutually_exclusive_group()
    source.add_argument("--db", metavar="PATH", help=_DB_HELP)
    source.add_argument("--csv", metavar="FILE", help="read a canonical CSV file instead")
    _add_window(command)
    command.add_argument(
        "--as-of", type=_date, metavar="DATE", help="count as on this day (default: today)"
    )
    command.add_argument(
        "--country",
        default="",
        metavar="CODE",
        help="how late employers answered: skip this country's public holidays (US, GB, "
        "DE-BY...) as well as weekends",
    )
    _add_report_outputs(command)
    command.set_defaults(run=_run_report)


def _report_calendar(country: str) -> BusinessCalendar:
    """The business days a report counts lateness in: weekends off, and `country`'s holidays."""
    try:
        return BusinessCalendar(country=country)
    except UnknownCountryError as error:
        raise UsageError(f"--country: {error}") from None


def _run_report(args: argparse.Namespace) -> int:
    """A tracker is counted where it lives (SQLite aggregates); a CSV file, and the charts that
    --out draws, need the contacts themselves."""
    contacts: pd.DataFrame | None = None
    if args.csv:
        from workbook.analysis.frames import report
        from workbook.tables.canonical_csv import CsvError, read_canonical

        try:
            contacts = read_canonical(args.csv)
        except CsvError as error:
            _print_problems(error)
            raise UsageError(f"--csv: {args.csv} is not a valid canonical file") from None
        figures = report(contacts, window=args.window, as_of=args.as_of)
    else:  # without --out, pandas is never loaded
        from workbook.analysis.aggregates import tracker_report
        from workbook.tracker.store import Tracker

        calendar = _report_calendar(args.country)
        with Tracker(_tracker_path(args), create=False) as tracker:
            figures = tracker_report(
                tracker, window=args.window, as_of=args.as_of, calendar=calendar
            )
            if args.out:
                from workbook.analysis.frames import NEEDED_COLUMNS

                contacts = tracker.contact_rows(NEEDED_COLUMNS)

    def page() -> str:
        from workbook.reports.page import html_report

        return html_report(figures, contacts)

    return _show_report(args, figures, page)


# -- workbook share / cohort ------------------------------------------------------------------


def _add_share(commands: argparse._SubParsersAction[_Parser]) -> None:
    command = commands.add_parser(
        "share",
        help="write an anonymous copy of your contacts, for a group's pooled results",
        description="Write an anonymous copy of your tracker's contacts for a workshop's pooled"
        " response rates: no company, role, name, address, phone number, job reference, note or"
        " date, only channels, kinds and day counts. It says what it kept and what it removed."
        " Sharing again later replaces your earlier file in the group's results.",
    )
    command.add_argument("--db", metavar="PATH", help=_DB_HELP)
    command.add_argument("--out", metavar="FILE", required=True, help="the file to write")
    command.set_defaults(run=_run_share)


def _run_share(args: argparse.Namespace) -> int:
    from workbook.analysis.share import NothingToShareError, describe, share_tracker
    from workbook.home.files import write_atomically
    from workbook.tracker.store import Tracker

    db = _tracker_path(args)
    try:
        with Tracker(db, create=False) as tracker, tracker.transaction():
            shared = share_tracker(tracker)  # recorded only once the file is written
            write_atomically(Path(args.out), shared.encode())
    except NothingToShareError:
        message = f"no contacts in {db} yet: log a thank-you or a follow-up first"
        raise UsageError(message) from None
    except OSError as error:
        raise UsageError(f"--out: cannot write {args.out} ({error.strerror or error})") from None
    print(f"Wrote {args.out}, an anonymous copy of the contacts in {db}.")
    print("\n".join(describe(shared)))
    print(
        "Open it to check before you hand it over. Sharing again later replaces this file in the"
        " group's results."
    )
    return 0


def _add_cohort(commands: argparse._SubParsersAction[_Parser]) -> None:
    from workbook.rules.counting import MIN_GROUP

    command = commands.add_parser(
        "cohort",
        help="a group's pooled response rates, from the files its participants shared",
        description="Read every file that `workbook share` wrote in a folder (each"
        " participant's newest), skip and name any other, and report the group's pooled"
        " response rates. Intervals allow for each participant's contacts being alike (a"
        " bootstrap over participants), and groups resting on too few participants are hidden.",
    )
    command.add_argument("folder", metavar="FOLDER", help="the folder of shared files")
    _add_window(command)
    command.add_argument(
        "--min-group",
        type=_at_least_one("number of participants"),
        default=MIN_GROUP,
        metavar="N",
        help=f"hide groups of fewer participants than this (default {MIN_GROUP}); 1 shows "
        f"every group, for your own screen only: the projected page never goes under {MIN_GROUP}",
    )
    _add_report_outputs(command)
    command.set_defaults(run=_run_cohort)


def _run_cohort(args: argparse.Namespace) -> int:
    from workbook.analysis.cohort import CohortFolderError
    from workbook.analysis.pooling import PooledFolder, folder_report
    from workbook.reports.page import html_report
    from workbook.tables.canonical_csv import printable

    def shown(pooled: PooledFolder) -> None:
        """Name the files skipped and replaced; refuse a folder with nothing to pool."""
        for bad in pooled.skipped:
            print(f"skipped {bad.first()}", file=sys.stderr)
        for older, newer in pooled.replaced:
            print(
                f"replaced {printable(older)}: {printable(newer)} is a newer share of"
                " the same participant",
                file=sys.stderr,
            )
        if not pooled.files:
            raise UsageError(f"FOLDER: no valid shared file in {args.folder} to pool")

    try:
        figures = folder_report(
            args.folder, window=args.window, min_group=args.min_group, shown=shown
        )
    except CohortFolderError as error:
        raise UsageError(f"FOLDER: {error}") from None
    pooled = figures["cohort"]
    files = f"{pooled['files']} shared file{'s' if pooled['files'] != 1 else ''}"
    print(
        f"Pooled {files} from {args.folder}"
        f" ({pooled['skipped']} skipped, {pooled['replaced']} replaced).",
        file=sys.stderr,
    )
    title = "Pooled follow-up response rates of the group"
    return _show_report(args, figures, lambda: html_report(figures, title=title))


# -- entry point -------------------------------------------------------------------------------

_SUBCOMMANDS: tuple[Callable[[argparse._SubParsersAction[_Parser]], None], ...] = (
    _add_plan,
    _add_lab,
    _add_app,
    _add_room,
    _add_hub_config,
    _add_import,
    _add_export,
    _add_report,
    _add_share,
    _add_cohort,
)


def _parser() -> _Parser:
    parser = _Parser(
        prog="workbook",
        description="The Follow-up Workbook: what to do after a job interview.",
    )
    commands = parser.add_subparsers(
        title="commands", metavar="COMMAND", required=True, parser_class=_Parser
    )
    for add in _SUBCOMMANDS:
        add(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `workbook` command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except WorkbookError as error:  # input to correct, or a tracker or file that cannot serve
        name = getattr(args, "command", None) or args.run.__name__.removeprefix("_run_")
        print(f"{parser.prog} {name.replace('_', ' ')}: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    return status


if __name__ == "__main__":
    sys.exit(main())
