"""How many minutes the course takes a newcomer, from a scripted walk through the app.

    python -m benchmarks.course_minutes [--cpm 150] [--wpm 200] [--click-seconds 3]

Starts `workbook app` on a fresh data folder and walks its pages in Chromium, in order, as a
newcomer would: on each section's page it gives the exercise's answers (made-up ones, of the
length a person types; optional answers a newcomer with this interview would leave empty stay
empty), chooses an answer to every self-check question and waits for its note, then moves on
with the "Next section" link. The start page and the plan page (with **Save my plan files** and
the calendar file's download) are walked too, outside the sections' total.

The browser runs at its own speed; the minutes are computed from what the walk did:

- **reading**: the words on the page once everything is answered (the visible text, with the
  feedback notes and the plan under the exercise, and the drafts in the plan page's editors;
  closed drafts and code left out), at `--wpm` words a minute;
- **typing**: the characters typed, at `--cpm` characters a minute;
- **clicks**: every click (a field to type in, a menu and its choice, an option, the link to the
  next page), at `--click-seconds` each.

It prints a table of minutes per page and the totals. A benchmark prints; it is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.browser import servers
from workbook.home.workspace import notebook_pages
from workbook.model import Channel, NextStep
from workbook.rules.course import course
from workbook.widgets.labels import NEXT_STEP_LABELS

WORDS_PER_MINUTE = 200
CHARACTERS_PER_MINUTE = 150
SECONDS_PER_CLICK = 3.0


@dataclass
class Walk:
    """What a newcomer did on one page."""

    name: str
    title: str
    words: int = 0
    characters: int = 0
    clicks: int = 0
    left_empty: list[str] = field(default_factory=list)

    def minutes(self, wpm: float, cpm: float, click_seconds: float) -> tuple[float, ...]:
        """Reading, typing, clicking and all together, in minutes."""
        reading, typing = self.words / wpm, self.characters / cpm
        clicking = self.clicks * click_seconds / 60
        return reading, typing, clicking, reading + typing + clicking


Answer = Callable[[Any, Walk], None]


def _entered(field: str, text: str, keys: int) -> Answer:
    """Click into the first box that `field` selects, put `text` in it and leave it, as
    `keys` key presses and one click."""

    def answer(page: Any, walk: Walk) -> None:
        box = page.locator(field).first
        box.click()
        box.fill(text)
        box.press("Tab")
        walk.characters += keys
        walk.clicks += 1

    return answer


def typed(css: str, text: str) -> Answer:
    """Click into the field `css` and type `text`, then leave it."""
    return _entered(f"{css} input, {css} textarea", text, len(text))


def dated(css: str, day: dt.date) -> Answer:
    """A date typed as its eight digits (the date field puts in the separators)."""
    return _entered(f"{css} input", day.isoformat(), 8)


def timed(css: str, text: str) -> Answer:
    """A time typed as its digits (`1030` for 10:30: the time field puts in the colon)."""
    return _entered(f"{css} input", text, len(text.replace(":", "")))


def in_turn(*answers: Answer) -> Answer:
    """Several answers given one after the other (the fields of an interviewer's row)."""

    def answer(page: Any, walk: Walk) -> None:
        for one in answers:
            one(page, walk)

    return answer


def chosen_from_menu(css: str, label: str) -> Answer:
    """Open the menu `css` and choose `label`: two clicks."""

    def answer(page: Any, walk: Walk) -> None:
        page.locator(f"{css} select").select_option(label=label)
        walk.clicks += 2

    return answer


def clicked(css: str) -> Answer:
    """One click on `css` (a checkbox, an option's words)."""

    def answer(page: Any, walk: Walk) -> None:
        page.locator(css).first.click()
        walk.clicks += 1

    return answer


def newcomer(today: dt.date) -> dict[str, Answer]:
    """The answers of a made-up newcomer, interviewed yesterday for a dispatcher's job and told
    "we'll be in touch", who asked whether they may call and prefers the phone. Answers they
    would leave empty (a decision date nobody gave, a letter's addresses) are not here."""
    return {
        "company": typed(".wb-input-company", "Harbour Freight"),
        "role": typed(".wb-input-role", "Dispatch Coordinator"),
        "date": dated(".wb-input-date", today - dt.timedelta(days=1)),
        "time": timed(".wb-input-time", "10:30"),
        "interviewers": in_turn(
            typed(".wb-person-1 .wb-person-name", "Dana Reyes"),
            typed(".wb-person-1 .wb-person-email", "dana.reyes@harbourfreight.example"),
        ),
        "moment": typed(".wb-person-1 .wb-person-moment", "the tour of the new loading dock"),
        "candidate": typed(".wb-input-candidate", "Sam Lee"),
        "country": typed(".wb-input-country", "GB"),
        "highlights": typed(
            ".wb-input-highlights",
            "I planned routes for forty drivers and cut late deliveries by a fifth",
        ),
        "people_facing": clicked(".wb-input-people-facing input"),
        "next_step": chosen_from_menu(".wb-input-next-step", NEXT_STEP_LABELS[NextStep.VAGUE]),
        "call_ok_by": dated(".wb-input-call-ok-by", today + dt.timedelta(days=4)),
        "candidate_phone": typed(".wb-input-candidate-phone", "07700 900123"),
        "preferred_channel": clicked(
            f".wb-input-preferred-channel label:has-text('{Channel.PHONE.value.title()}')"
        ),
        "new_info": typed(".wb-input-new-info", "My forklift licence came through yesterday"),
    }


DRAFTS = "(boxes) => boxes.map((box) => box.value).join(' ')"


def read(page: Any, walk: Walk) -> None:
    """Count the words the page shows now, with the drafts in their editors (a newcomer reads
    each one before saving the files)."""
    text = page.locator("#rendered_cells").inner_text()
    drafts = page.locator(".wb-draft-body textarea").evaluate_all(DRAFTS)
    walk.words = len(text.split()) + len(drafts.split())


def walk_section(page: Any, walk: Walk, answers: dict[str, Answer], slug: str) -> None:
    part = next(part for part in course() if part.id.value == slug)
    page.locator(".wb-exercise").wait_for(timeout=60_000)
    for name in (*part.exercise, *part.optional):
        if name in answers:
            answers[name](page, walk)
        elif name in part.exercise:
            raise SystemExit(f"{slug}: the newcomer has no answer to {name!r}; add one")
        else:
            walk.left_empty.append(name)
    for question in page.locator(".wb-question").all():
        question.locator(".widget-radio-box label").first.click()
        question.locator(".wb-feedback p").wait_for(timeout=15_000)
        walk.clicks += 1
    read(page, walk)


def walk_plan(page: Any, walk: Walk) -> None:
    page.locator(".wb-save-files").click()
    link = page.locator(".wb-downloads a", has_text="plan.ics")
    link.wait_for(timeout=30_000)
    with page.expect_download():
        link.click()
    walk.clicks += 2
    read(page, walk)


def walk_course(app: servers.Server, browser: Any, today: dt.date) -> list[Walk]:
    """Every page of the course, walked in order in one tab at a laptop's size."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    sections = {part.id.value for part in course()}
    answers = newcomer(today)
    walks = []
    for entry in notebook_pages(app.workspace):
        walk = Walk(entry.name, entry.title)
        servers.open_app_page(page, app, entry.name)
        if entry.slug in sections:
            walk_section(page, walk, answers, entry.slug)
        elif entry.slug == "my-plan":
            walk_plan(page, walk)
        elif entry.name.startswith("00-"):
            read(page, walk)
        else:
            continue  # the tracker and the analysis are for later, not part of the course
        walk.clicks += 1  # the link to the next page
        walks.append(walk)
    context.close()
    return walks


def table(walks: list[Walk], wpm: float, cpm: float, click_seconds: float) -> list[str]:
    """The walk as lines of a table: each page's minutes, the sections' total and the total."""
    sections = {part.id.value for part in course()}
    head = f"{'page':<22} {'words':>6} {'chars':>6} {'clicks':>6} {'read':>6} {'type':>6} "
    lines = [head + f"{'click':>6} {'minutes':>8}", "-" * 72]
    totals = {"sections": [0.0] * 4, "all": [0.0] * 4}
    for walk in walks:
        figures = walk.minutes(wpm, cpm, click_seconds)
        lines.append(
            f"{walk.name.removesuffix('.ipynb'):<22} {walk.words:>6} {walk.characters:>6} "
            f"{walk.clicks:>6} "
            + " ".join(f"{m:>6.1f}" for m in figures[:3])
            + f" {figures[3]:>8.1f}"
        )
        for key in ("sections", "all") if walk.name[3:-6] in sections else ("all",):
            totals[key] = [a + b for a, b in zip(totals[key], figures, strict=True)]
    lines.append("-" * 72)
    for key, label in (("sections", "sections 1-8"), ("all", "with start and plan")):
        read_m, type_m, click_m, all_m = totals[key]
        lines.append(f"{label:<43} {read_m:>6.1f} {type_m:>6.1f} {click_m:>6.1f} {all_m:>8.1f}")
    empty = [f"{w.name}: {', '.join(w.left_empty)}" for w in walks if w.left_empty]
    if empty:
        lines.append("left empty, as the pages allow: " + "; ".join(empty))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wpm", type=float, default=WORDS_PER_MINUTE, help="reading speed")
    parser.add_argument("--cpm", type=float, default=CHARACTERS_PER_MINUTE, help="typing speed")
    parser.add_argument(
        "--click-seconds", type=float, default=SECONDS_PER_CLICK, help="seconds per click"
    )
    args = parser.parse_args()
    with servers.fresh_app_in_browser("walk the course") as (app, browser):
        walks = walk_course(app, browser, dt.date.today())
    print(
        f"A newcomer's walk through the app: reading at {args.wpm:g} words a minute, typing at "
        f"{args.cpm:g} characters a minute, {args.click_seconds:g} s a click"
    )
    print("\n".join(table(walks, args.wpm, args.cpm, args.click_seconds)))


if __name__ == "__main__":
    main()
