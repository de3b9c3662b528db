"""The workshop app in a real browser: the path a participant takes, and every page's hygiene,
accessibility and keyboard reach."""

from __future__ import annotations

import datetime as dt
import json
import time
from html import escape
from pathlib import Path
from typing import Any

import icalendar
import pytest

from tests.browser import servers
from tests.browser.servers import Server, open_app_page, page_problems
from workbook.home.workspace import notebook_pages
from workbook.rules.course import RULES_PAGE, plain_rule, plain_rules, section
from workbook.rules.drafts import WORDINGS

COMPANY = "Acme <script>alert('typed')</script> Logistics"
INTERVIEW = dt.date(2026, 11, 23)
CALL_BY = dt.date(2026, 11, 27)
POSTSCRIPT = "P.S. The tour of the new sorting line stayed with me."


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def saved_answers(server: Server) -> dict[str, Any]:
    path = server.home / "answers.json"
    if not path.exists():
        return {}
    answers: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["answers"]
    return answers


def wait_saved(server: Server, check: Any, what: str, timeout: float = 15.0) -> None:
    """Wait until the answers file on disk passes `check` (the kernel saved the change)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check(saved_answers(server).get("slots", {}).get("own", {})):
                return
        except (ValueError, KeyError):
            pass  # caught between a write and its rename: look again
        time.sleep(0.1)
    raise AssertionError(f"{what} was not saved within {timeout:.0f} s: {saved_answers(server)}")


def answer(page: Any, css: str, value: str) -> None:
    """Type into the input or text box of the widget with class `css`, then leave it (an
    answer is sent when the learner clicks or tabs away)."""
    field = page.locator(f".{css} input, .{css} textarea").first
    field.fill(value)
    field.press("Tab")


def serious(violations: list[dict[str, Any]]) -> list[str]:
    """The serious and critical ones among axe-core's violations, one line each."""
    return [
        f"axe {v['impact']} {v['id']}: " + "; ".join(node["html"][:100] for node in v["nodes"][:3])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def go_next(page: Any, server: Server, expected: str) -> None:
    """Follow the page's "Next section" link, which must lead to notebook `expected`."""
    link = page.locator(".wb-pager .wb-next")
    assert link.get_attribute("href").endswith(f"/voila/render/{expected}")
    link.click()
    page.wait_for_url(f"**/voila/render/{expected}")
    page.wait_for_function(servers.PAGE_READY, timeout=60_000)


def test_a_participant_walks_the_whole_path(app: Server, page: Any) -> None:
    """From the front door to the saved calendar file: answers typed on the pages plan a call
    on the day the interviewer allowed, a draft edited in the plan reaches the downloaded
    files, typed markup stays text, and a reload finds every answer again."""
    page.goto(app.url("/"))
    page.wait_for_url("**/voila/render/00-start.ipynb")
    page.wait_for_function(servers.PAGE_READY, timeout=60_000)
    expect(page.locator(".wb-progress")).to_contain_text("0 of 8 sections done")

    go_next(page, app, "01-intro.ipynb")
    answer(page, "wb-input-company", COMPANY)
    answer(page, "wb-input-role", "Warehouse Supervisor")
    answer(page, "wb-input-date", INTERVIEW.isoformat())
    wait_saved(app, lambda own: own["values"]["date"] == INTERVIEW.isoformat(), "the date")
    expect(page.locator(".wb-plan")).to_contain_text("fill in: interviewers")

    go_next(page, app, "02-follow-up.ipynb")
    answer(page, "wb-person-name", "Dana Reyes")
    answer(page, "wb-person-email", "dana@acme.example")
    answer(page, "wb-input-candidate", "Alex Kim")
    expect(page.locator(".wb-plan .wb-steps")).to_contain_text("Thank-you email to Dana Reyes")
    wait_saved(app, lambda own: own["values"]["candidate"] == "Alex Kim", "the name")

    go_next(page, app, "03-resources.ipynb")
    drafts = page.locator(".wb-plan")
    assert COMPANY in (drafts.text_content() or "")  # shown as the text it is
    assert page.locator(".wb-plan script").count() == 0

    open_app_page(page, app, "05-clarify.ipynb")
    page.locator(".wb-input-next-step select").select_option(
        label='Something vague ("we\'ll be in touch")'
    )
    wait_saved(app, lambda own: own["values"]["next_step"] == "vague", "the vague answer")

    go_next(page, app, "06-call-or-email.ipynb")
    answer(page, "wb-input-call-ok-by", CALL_BY.isoformat())
    call_row = page.locator(".wb-steps tr", has_text="Follow-up call to Dana Reyes")
    expect(call_row).to_contain_text("Friday 27 November")

    open_app_page(page, app, "09-my-plan.ipynb")
    editor = page.locator(".wb-step-thank-you-1")
    body = editor.locator(".wb-draft-body textarea")
    original = body.input_value()
    body.fill(original.replace("Kind regards,", f"{POSTSCRIPT}\n\nKind regards,"))
    body.press("Tab")
    wait_saved(app, lambda own: POSTSCRIPT in own["edits"]["thank-you-1"]["body"], "the edit")

    page.locator(".wb-save-files").click()
    link = page.locator(".wb-downloads a", has_text="plan.ics")
    expect(link).to_be_visible()
    with page.expect_download() as arrival:
        link.click()
    download = arrival.value
    assert download.suggested_filename == "plan.ics"
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    events = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in calendar.walk("VEVENT")}
    call = next(when for summary, when in events.items() if summary.startswith("Follow-up call"))
    assert call == CALL_BY
    assert "Thank-you email to Dana Reyes" in "".join(events)
    assert not serious(servers.axe_violations(page))  # with the plan, drafts and downloads
    eml = page.locator(".wb-downloads a", has_text="thank-you-dana-reyes.eml")
    with page.expect_download() as arrival:
        eml.click()
    assert POSTSCRIPT in Path(arrival.value.path()).read_text(encoding="utf-8")

    page.reload()
    page.wait_for_function(servers.PAGE_READY, timeout=60_000)
    body = page.locator(".wb-step-thank-you-1 .wb-draft-body textarea")
    assert POSTSCRIPT in body.input_value()
    open_app_page(page, app, "01-intro.ipynb")
    assert page.locator(".wb-input-company input").input_value() == COMPANY
    assert page.locator(".wb-input-date input").input_value() == INTERVIEW.isoformat()
    open_app_page(page, app, "06-call-or-email.ipynb")
    assert page.locator(".wb-input-call-ok-by input").input_value() == CALL_BY.isoformat()
    assert not page.errors, page.errors


def selected_label(page: Any, css: str) -> str:
    """The label of the option chosen in the dropdown `css` (ipywidgets draws its spaces as
    no-break spaces)."""
    label: str = page.locator(f"{css} select").evaluate("(s) => s.options[s.selectedIndex].text")
    return label.replace("\xa0", " ")


def test_a_panel_gets_greetings_of_its_own_and_another_wording(tmp_path: Path, page: Any) -> None:
    """Two interviewers entered in the app, one by first name and one with a title typed
    before her name, each with a moment: my plan greets "Dear Dana," and "Dear Ms Ortiz,",
    each thank-you recalls its own moment, and Another wording rewrites both."""
    with servers.running("app", tmp_path, "/") as app:
        open_app_page(page, app, "01-intro.ipynb")
        answer(page, "wb-input-company", "Acme Logistics")
        answer(page, "wb-input-role", "Warehouse Supervisor")
        answer(page, "wb-input-date", INTERVIEW.isoformat())
        wait_saved(app, lambda own: own["values"]["date"] == INTERVIEW.isoformat(), "the date")

        open_app_page(page, app, "02-follow-up.ipynb")
        answer(page, "wb-person-1 .wb-person-name", "Dana Reyes")
        answer(page, "wb-person-1 .wb-person-email", "dana@acme.example")
        page.locator(".wb-add-person").click()
        answer(page, "wb-person-2 .wb-person-name", "Ms Elena Ortiz")
        expect(page.locator(".wb-person-2 .wb-person-name input")).to_have_value("Elena Ortiz")
        assert selected_label(page, ".wb-person-1 .wb-person-title") == (
            "By first name (Dear Dana)"
        )
        assert selected_label(page, ".wb-person-2 .wb-person-title") == "Ms Ortiz"
        answer(page, "wb-person-2 .wb-person-email", "elena@acme.example")
        answer(page, "wb-input-candidate", "Alex Kim")
        wait_saved(app, lambda own: own["values"]["candidate"] == "Alex Kim", "the name")

        open_app_page(page, app, "03-resources.ipynb")
        moments = ("the tour of the new sorting line", "the question about night shifts")
        for index, moment in enumerate(moments, 1):
            answer(page, f"wb-person-{index} .wb-person-moment", moment)
        wait_saved(
            app,
            lambda own: [row["moment"] for row in own["values"]["interviewers"]] == list(moments),
            "the moments",
        )

        open_app_page(page, app, "09-my-plan.ipynb")
        bodies = [page.locator(f".wb-step-thank-you-{n} .wb-draft-body textarea") for n in (1, 2)]
        first_wording = [body.input_value() for body in bodies]
        expect(page.locator(".wb-wording")).to_have_text(f"Wording 1 of {WORDINGS}")
        page.locator(".wb-another-wording").click()
        expect(page.locator(".wb-wording")).to_have_text(f"Wording 2 of {WORDINGS}")
        for body, before in zip(bodies, first_wording, strict=True):
            expect(body).not_to_have_value(before)
        dana, elena = (body.input_value() for body in bodies)
        assert dana.startswith("Dear Dana,") and moments[0] in dana
        assert elena.startswith("Dear Ms Ortiz,") and moments[1] in elena
        assert dana != elena
        assert not page.errors, page.errors


def test_a_contact_logged_in_the_tracker_is_counted_in_the_analysis(app: Server, page: Any) -> None:
    """The tracker page logs an application, its interview and a contact, and the analysis
    page counts the contact, and the application in its funnel, whose chart's text alternative
    and caption give the figures."""
    names = {page.name for page in notebook_pages(app.workspace)}
    assert {"10-tracker.ipynb", "11-analysis.ipynb"} <= names
    open_app_page(page, app, "10-tracker.ipynb")
    forms = page.locator(".wb-tracker-forms")

    def submit(form: str, said: str) -> None:
        page.locator(f".wb-{form}-submit").click()
        expect(page.locator(f".wb-{form} .wb-form-message")).to_contain_text(said)

    forms.get_by_role("tab", name="Application").click()
    page.locator(".wb-new-company input").fill("Northwind <script>Traders</script>")
    page.locator(".wb-new-company input").press("Tab")
    submit("add-application", "Added Northwind")
    forms.get_by_role("tab", name="Interview").click()
    page.locator(".wb-round-date input").fill("2026-11-23")
    page.locator(".wb-round-date input").press("Tab")
    submit("add-round", "Added the interview")
    forms.get_by_role("tab", name="Contact").click()
    page.locator(".wb-contact-channel select").select_option(label="Email")
    submit("add-contact", "Logged your")
    open_app_page(page, app, "11-analysis.ipynb")
    overall = page.locator(".wb-analysis-overall")
    expect(overall).to_contain_text("1 contacts")
    funnel = page.locator(".wb-analysis-funnel figure")
    said = "Of 1 application, 1 (100%) had an answer from the employer, 1 (100%) reached an"
    expect(funnel.locator("figcaption")).to_contain_text(said)
    assert (funnel.locator("img").get_attribute("alt") or "").startswith(said)
    expect(page.locator(".wb-analysis-sources figcaption")).to_contain_text("not recorded")
    assert not page.errors, page.errors


KEYBOARD_TARGETS = """() => {
  const shown = (e) => e.checkVisibility({ checkVisibilityCSS: true });
  const all = [...document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])'
  )].filter((e) => shown(e) && !e.disabled);
  const groups = {};
  all.forEach((e, i) => {
    const key = e.type === 'radio' && e.name ? 'radio:' + e.name : 'element:' + i;
    e.setAttribute('data-wb-key', key);
    groups[key] = e.outerHTML.slice(0, 120);
  });
  return groups;
}"""

FOCUSED = """() => {
  const e = document.activeElement;
  return e ? e.getAttribute('data-wb-key') : null;
}"""


def keyboard_unreachable(page: Any) -> list[str]:
    """The controls of the page that pressing Tab from the top never reaches (a group of radio
    buttons counts as reached when one of them is: arrows move within it)."""
    targets: dict[str, str] = page.evaluate(KEYBOARD_TARGETS)
    reached: set[str] = set()
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    page.locator("body").focus()
    for _ in range(8 * len(targets) + 20):
        page.keyboard.press("Tab")
        key = page.evaluate(FOCUSED)
        if key:
            reached.add(key)
        if reached >= set(targets):
            break
    return [html for key, html in targets.items() if key not in reached]


def test_every_page_is_clean_accessible_and_reachable_by_keyboard(
    app: Server, page: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """On every page of the app (those the workspace has, in order): no code, widget error or
    traceback; a title; charts described with their figures; no serious or critical axe-core
    violation; every control reachable with the Tab key."""
    found: dict[str, list[str]] = {}
    figures = []
    for entry in notebook_pages(app.workspace):
        open_app_page(page, app, entry.name)
        problems = page_problems(page, entry.title)
        violations = servers.axe_violations(page)
        problems += serious(violations)
        problems += [f"not reachable by keyboard: {html}" for html in keyboard_unreachable(page)]
        impacts = [v["impact"] for v in violations]
        figures.append(
            f"{entry.name}: axe violations serious/critical "
            f"{sum(i in ('serious', 'critical') for i in impacts)}, moderate/minor "
            f"{sum(i in ('moderate', 'minor') for i in impacts)}"
            f" ({', '.join(sorted({v['id'] for v in violations})) or 'none'})"
        )
        if problems:
            found[entry.name] = problems
    with capsys.disabled():
        print("\n" + "\n".join(figures))
    assert not found, json.dumps(found, indent=1)
    assert not page.errors, page.errors


def test_the_facilitators_page_shows_the_labelled_sample_without_code(
    tmp_path: Path, browser: Any, page: Any
) -> None:
    """`workbook app --facilitator` serves the group page on 127.0.0.1; with nobody sharing it
    says so, and its button shows the sample group's charts, labelled made-up, with no code."""
    with servers.running("app", tmp_path, "/", "--facilitator") as facilitator:
        assert facilitator.base.startswith("http://127.0.0.1:")
        open_app_page(page, facilitator, "group-results.ipynb")
        expect(page.locator(".wb-group-small")).to_contain_text("Fewer than 5 participants")
        assert page.locator(".wb-group-charts img").count() == 0
        page.locator(".wb-group-show-sample").click()
        expect(page.locator(".wb-group-banner")).to_contain_text("Made-up sample group")
        expect(page.locator(".wb-group-charts img").first).to_be_visible(timeout=30_000)
        alt = page.locator(".wb-group-charts img").first.get_attribute("alt") or ""
        assert alt.startswith("Made-up sample group")
        assert "group_results" not in page.locator("body").inner_text()
        assert not page_problems(page, "Group results · Follow-up Workbook")
        assert not serious(servers.axe_violations(page))
        assert not page.errors, page.errors


def test_the_rules_page_opens_from_the_start_page_and_a_question_answers_with_its_note(
    app: Server, page: Any
) -> None:
    """The start page's link opens the twelve rules in plain words, a clean page; on a section
    page, clicking an option's words shows that option's own note and saves the choice."""
    open_app_page(page, app, "00-start.ipynb")
    page.get_by_role("link", name="the rules, in plain words").click()
    page.wait_for_url(f"**/voila/render/{RULES_PAGE}")
    page.wait_for_function(servers.PAGE_READY, timeout=60_000)
    expect(page.locator(".wb-rules > li")).to_have_count(len(plain_rules()))
    expect(page.locator(".wb-rules")).to_contain_text(plain_rule(7).name)
    assert not page_problems(page, "")
    assert not serious(servers.axe_violations(page))

    open_app_page(page, app, "04-enthusiasm.ipynb")
    question = section("enthusiasm").questions[0]
    chosen = next(i for i, option in enumerate(question.options) if not option.correct)
    view = page.locator(f".wb-question-{question.id}")
    view.locator("label", has_text=question.options[chosen].text).click()
    expect(view.locator(".wb-feedback")).to_contain_text(question.options[chosen].feedback)
    expect(view.locator(".wb-feedback")).to_contain_text("Not quite.")
    wait_saved(app, lambda _: saved_answers(app)["choices"][question.id] == chosen, "the choice")


WIDTHS = (360, 768, 1366)
"""A phone, a tablet and a laptop, in CSS pixels."""
LONG_WORDS = (
    " (and a deliberately long tail, so this option wraps over several lines at every width"
    " the app is used at: a learner may read it on a phone held upright, on a tablet, or on a"
    " laptop with the window made narrow, and a word without a break such as"
    " follow-up-after-the-interview-within-three-working-days must wrap too)"
)
OPTION_BOXES = """(long) => {
  const rect = (r) => [r.left, r.top, r.right, r.bottom];
  const boxes = [...document.querySelectorAll('.widget-radio-box')];
  const first = document.querySelector('.wb-quiz .widget-radio-box');
  if (long && first) {
    const words = first.querySelector('label').firstChild;
    if (!words.textContent.endsWith(long)) { words.textContent += long; }
  }
  return boxes.map((box) => [...box.querySelectorAll('label')].map((label) => {
    const words = [...label.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).flatMap(
      (node) => { const range = document.createRange(); range.selectNodeContents(node);
                  return [...range.getClientRects()].map(rect); });
    return { text: label.textContent, label: rect(label.getBoundingClientRect()),
             circle: rect(label.querySelector('input').getBoundingClientRect()), words };
  }));
}"""

LAST_LINE = """(label) => {
  const range = document.createRange();
  range.selectNodeContents(label.firstChild);
  const lines = range.getClientRects();
  const line = lines[lines.length - 1];
  return [(line.left + line.right) / 2, (line.top + line.bottom) / 2];
}"""
"""The middle of the last line of an option's words, in the window's coordinates."""

Box = list[float]


def overlap(a: Box, b: Box, slack: float = 0.5) -> bool:
    """Whether two boxes (left, top, right, bottom) share more than a hairline."""
    return (
        a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack
    )


def inside(part: Box, whole: Box, slack: float = 1.0) -> bool:
    return (
        part[0] >= whole[0] - slack
        and part[1] >= whole[1] - slack
        and part[2] <= whole[2] + slack
        and part[3] <= whole[3] + slack
    )


def option_problems(groups: list[list[dict[str, Any]]]) -> list[str]:
    """What is wrong with the layout of each group of radio options: an option's circle or
    words outside its own box, words under or left of its circle, two options that overlap."""
    problems = []
    for options in groups:
        for at, option in enumerate(options):
            name = repr(option["text"][:40])
            parts = [option["circle"], *option["words"]]
            if not all(inside(part, option["label"]) for part in parts):
                problems.append(f"{name} spills out of its own option")
            if any(line[0] < option["circle"][2] for line in option["words"]):
                problems.append(f"{name} has words under or before its circle")
            for other in options[at + 1 :]:
                theirs = [other["label"], other["circle"], *other["words"]]
                if any(
                    overlap(mine, part) for mine in [option["label"], *parts] for part in theirs
                ):
                    problems.append(f"{name} overlaps {other['text'][:40]!r}")
    return problems


def test_options_of_any_length_wrap_without_overlapping_and_answer_to_a_click(
    app: Server, page: Any
) -> None:
    """On every section page, at a phone's, a tablet's and a laptop's width, no two radio
    options overlap (a deliberately long one included): each option's circle and words stay in
    its own box; a click on the last line of a long option's words, or on another option's
    circle, chooses that option and shows its feedback."""
    from workbook.rules.course import course

    sections = {part.id.value: part for part in course()}
    found: dict[str, list[str]] = {}
    for entry in notebook_pages(app.workspace):
        if entry.slug not in sections:
            continue
        open_app_page(page, app, entry.name)
        page.locator(".wb-quiz .widget-radio-box label").first.wait_for()
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            page.wait_for_function(f"() => window.innerWidth === {width}")
            problems = option_problems(page.evaluate(OPTION_BOXES, LONG_WORDS))
            found.update({f"{entry.name} at {width} px": problems} if problems else {})
        if found:
            break  # the layout is wrong: a click's target is not what the learner sees
        question = sections[entry.slug].questions[0]
        shown = page.locator(f".wb-question-{question.id}")
        labels = shown.locator(".widget-radio-box label")
        long = labels.filter(has_text=LONG_WORDS.strip()[:30])
        long.scroll_into_view_if_needed()
        last_line = long.evaluate(LAST_LINE)
        page.mouse.click(*last_line)
        expect(long.locator("input")).to_be_checked()
        chosen = (long.text_content() or "").removesuffix(LONG_WORDS)
        feedback = next(option.feedback for option in question.options if option.text == chosen)
        expect(shown.locator(".wb-feedback")).to_contain_text(feedback)
        other = labels.nth(1 if labels.first.text_content() == long.text_content() else 0)
        other.locator("input").click()
        expect(other.locator("input")).to_be_checked()
        expect(long.locator("input")).not_to_be_checked()
        chosen = other.text_content() or ""
        feedback = next(option.feedback for option in question.options if option.text == chosen)
        expect(shown.locator(".wb-feedback")).to_contain_text(feedback)
        page.set_viewport_size({"width": 1366, "height": 768})
    assert not found, json.dumps(found, indent=1)
    assert not page.errors, page.errors


def test_the_clarify_page_offers_the_card_to_print_before_the_interview(
    app: Server, page: Any
) -> None:
    """The clarify section links the before-you-leave card; the downloaded page asks the four
    questions and is styled for print."""
    from workbook.rules.cards import LEAVE_QUESTIONS
    from workbook.widgets.course.cards import LEAVE_CARD_FILE

    open_app_page(page, app, "05-clarify.ipynb")
    link = page.locator(".wb-leave-card a.wb-download")
    expect(link).to_be_visible()
    with page.expect_download() as arrival:
        link.click()
    assert arrival.value.suggested_filename == LEAVE_CARD_FILE
    card = Path(arrival.value.path()).read_text(encoding="utf-8")
    assert all(escape(ask) in card for ask, _ in LEAVE_QUESTIONS) and "@media print" in card
    assert not page.errors, page.errors


def test_the_call_rehearsal_opens_from_the_call_section_and_a_round_ends_with_a_note(
    app: Server, page: Any
) -> None:
    """From the call section a link opens the rehearsal page, clean, without code and reachable
    by keyboard; a drawn
    card shows the employer's line, and ending the round shows that card's coaching note."""
    from workbook.rules.cards import DECK

    open_app_page(page, app, "06-call-or-email.ipynb")
    page.get_by_role("link", name="Practise the call").click()
    page.wait_for_url("**/voila/render/practise-call.ipynb")
    page.wait_for_function(servers.PAGE_READY, timeout=60_000)
    draw = page.locator(".wb-draw-card")
    expect(draw).to_be_visible(timeout=30_000)
    expect(page.locator(".wb-rehearsal-script pre")).to_contain_text("CALL SCRIPT")
    assert not page_problems(page, "Practise call")
    assert not serious(servers.axe_violations(page))
    assert not keyboard_unreachable(page)
    draw.click()
    table = page.locator(".wb-rehearsal-card")
    expect(table).to_contain_text("The employer says")
    said = table.inner_text()
    card = next(card for card in DECK if card.says in said)
    page.locator(".wb-round-over").click()
    expect(table.locator(".wb-card-note")).to_contain_text(card.note)
    expect(page.locator(".wb-deck-download a.wb-download")).to_be_visible()
    assert not page.errors, page.errors
