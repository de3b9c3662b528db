"""The plan's take-away formats: Markdown, iCalendar, .eml, JSON and text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import email.policy
import re

import icalendar
import pytest

from workbook import Answer, Channel, Interview, Interviewer, NextStep, make_plan, record_answer
from workbook.rules import exports

STAMP = dt.datetime(2026, 11, 23, 18, 0, tzinfo=dt.UTC)
HOSTILE = [
    "Acme\r\nBcc: victim@example.org",
    "Acme\nBEGIN:VEVENT\nSUMMARY:injected",
    'Acme: Inc; Ltd, \\ "quoted"',
    "<script>alert('x')</script> & **bold** `code` [link](http://x)",
    "Ünïcødé 株式会社 🚀 \u202eevil\u202c",
    "Acme\x00\x1b[31m\x7f",
    '=HYPERLINK("http://x")',
    "A" * 5000,
]


def interview(**changes: object) -> Interview:
    base = Interview(
        date=dt.date(2026, 11, 23),
        company="Acme Logistics",
        role="Warehouse Supervisor",
        interviewers=(
            Interviewer("Dana Reyes", "dana@acme.example", moment="the tour of the sorting line"),
            Interviewer("Sam Ortiz", moment="the question about night shifts"),
        ),
        highlights=("I cut picking errors by 30% at Northwind",),
        new_info=("my forklift certification came through",),
        further_news=("I passed the first-aid course",),
        candidate="Alex Kim",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def hostile_interviews() -> list[Interview]:
    """The same interview with hostile text in each text field in turn."""
    cases = []
    for text in HOSTILE:
        cases += [
            interview(company=text),
            interview(role=text),
            interview(interviewers=(Interviewer("Dana Reyes", moment=text),), candidate=text),
            interview(highlights=(text,), new_info=(text,)),
            interview(interviewers=(Interviewer(text, "dana@acme.example"),)),
        ]
    return cases


def test_markdown_lists_every_step_with_its_draft() -> None:
    """The Markdown plan has a heading per step, each draft in a text block, and the stop line."""
    plan = make_plan(interview())
    text = exports.to_markdown(plan)
    assert text.startswith("# Follow-up plan: Warehouse Supervisor at Acme Logistics\n")
    assert len(re.findall(r"^### \d+\. ", text, re.MULTILINE)) == len(plan.steps)
    assert "Second follow-up email to Dana Reyes" in text
    assert plan.stop in text
    assert text.count("```text") == len(plan.steps) + len(Answer)


@pytest.mark.parametrize("text", HOSTILE[:5])
def test_markdown_makes_learner_text_inert(text: str) -> None:
    """Markup in a company name is escaped, and a body cannot close its own code fence."""
    dana = Interviewer("Dana Reyes", moment="see ```` here")
    plan = make_plan(interview(company=text, interviewers=(dana,)))
    markdown = exports.to_markdown(plan)
    outside_blocks = re.sub(r"^(`{3,})text\n.*?\n\1$", "", markdown, flags=re.M | re.S)
    assert "<script>" not in outside_blocks
    assert "**bold**" not in outside_blocks
    blocks = re.findall(r"^(`{3,})text\n(.*?)\n\1$", markdown, re.MULTILINE | re.DOTALL)
    assert len(blocks) == len(plan.steps) + len(Answer)
    assert any("````" in body for _, body in blocks)
    assert all(f"\n{fence}\n" not in f"\n{body}\n" for fence, body in blocks)


def test_ics_has_one_event_per_step_with_a_reminder() -> None:
    """The calendar holds one all-day event per step, on the step's date, each with an alarm."""
    plan = make_plan(interview())
    calendar = icalendar.Calendar.from_ical(exports.to_ics(plan, STAMP))
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [s.date for s in plan.steps]
    assert all(len(list(e.walk("VALARM"))) == 1 for e in events)
    assert str(events[0]["summary"]) == "Thank-you email to Dana Reyes (Acme Logistics)"


def test_ics_uids_are_stable_when_dates_move() -> None:
    """The same step keeps its UID when its date changes, so a calendar updates it in place."""
    early = make_plan(interview())
    later = make_plan(
        interview(next_step=NextStep.DECISION_DATE, decision_date=dt.date(2026, 12, 9))
    )

    def uids(plan: object) -> list[str]:
        calendar = icalendar.Calendar.from_ical(exports.to_ics(plan, STAMP))  # type: ignore[arg-type]
        return [str(e["uid"]) for e in calendar.walk("VEVENT")]

    assert uids(early) == uids(later)
    assert len(set(uids(early))) == len(early.steps)
    assert [s.date for s in early.steps] != [s.date for s in later.steps]


def test_ics_leaves_out_cancelled_steps() -> None:
    """Once an answer came, the cancelled follow-ups are no longer in the calendar."""
    plan = record_answer(make_plan(interview()), Answer.REJECTION, dt.date(2026, 11, 25))
    calendar = icalendar.Calendar.from_ical(exports.to_ics(plan, STAMP))
    assert len(list(calendar.walk("VEVENT"))) == len(plan.steps) == 2


@pytest.mark.parametrize("hostile", hostile_interviews(), ids=lambda i: repr(i)[:60])
def test_hostile_text_cannot_break_the_calendar(hostile: Interview) -> None:
    """Newlines, colons and control characters in any field stay inside their property."""
    plan = make_plan(hostile)
    raw = exports.to_ics(plan, STAMP)
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(plan.steps)
    assert len(re.findall(rb"^BEGIN:VEVENT\r$", raw, re.MULTILINE)) == len(plan.steps)
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw)
    for event in events:
        assert set(event) <= {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"}


def test_eml_is_an_unsent_draft_addressed_to_the_interviewer() -> None:
    """An email step becomes an .eml draft with To, Subject and the body, marked unsent."""
    plan = make_plan(interview())
    files = exports.eml_files(plan)
    assert list(files) == [
        "01-2026-11-23-thank-you-dana-reyes.eml",
        "02-2026-11-23-thank-you-sam-ortiz.eml",
        "03-2026-11-30-follow-up-dana-reyes.eml",
        "04-2026-12-07-second-follow-up-dana-reyes.eml",
    ]
    message = email.message_from_bytes(
        files["01-2026-11-23-thank-you-dana-reyes.eml"], policy=email.policy.default
    )
    assert message["To"] == "Dana Reyes <dana@acme.example>"
    assert message["Subject"] == plan.steps[0].draft.subject
    assert message["X-Unsent"] == "1"
    assert message.get_content().replace("\r\n", "\n") == plan.steps[0].draft.body
    unaddressed = email.message_from_bytes(files["02-2026-11-23-thank-you-sam-ortiz.eml"])
    assert unaddressed["To"] is None


def test_eml_files_skip_calls_and_letters() -> None:
    """Only email steps get an .eml file; a call or a letter has none."""
    plan = make_plan(interview(preferred_channel=Channel.LETTER))
    assert all("thank-you" in name for name in exports.eml_files(plan))


@pytest.mark.parametrize("hostile", hostile_interviews(), ids=lambda i: repr(i)[:60])
def test_hostile_text_cannot_add_an_email_header(hostile: Interview) -> None:
    """Whatever a field holds, each .eml has exactly the headers the workbook put there."""
    plan = make_plan(hostile)
    for name, raw in exports.eml_files(plan).items():
        assert re.fullmatch(r"[0-9a-z.-]+", name)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert set(message.keys()) <= {
            "To",
            "Subject",
            "X-Unsent",
            "Content-Type",
            "Content-Transfer-Encoding",
            "MIME-Version",
        }
        assert message["Bcc"] is None
        assert "\n" not in str(message["Subject"])


def test_an_edited_draft_with_a_newline_in_its_subject_stays_one_header() -> None:
    """A subject the learner edited onto two lines is folded back onto one."""
    draft = make_plan(interview()).steps[0].draft
    edited = dataclasses.replace(draft, subject="Thanks\r\nBcc: all@example.org")
    message = email.message_from_bytes(exports.to_eml(edited), policy=email.policy.default)
    assert message["Subject"] == "Thanks Bcc: all@example.org"
    assert message["Bcc"] is None


def test_json_has_the_documented_shape() -> None:
    """The JSON object has steps, prepare, stop and warnings, with ISO dates and enum values."""
    plan = make_plan(interview(next_step=NextStep.ASSESSMENT))
    data = exports.to_json(plan)
    assert set(data) == {"steps", "prepare", "stop", "warnings"}
    first = data["steps"][0]
    assert first["date"] == "2026-11-23"
    assert first["kind"] == "thank-you"
    assert first["channel"] == "email"
    assert first["to"] == "Dana Reyes <dana@acme.example>"
    assert data["prepare"] == list(plan.prepare) and data["prepare"]


def test_json_after_an_answer_carries_the_reply() -> None:
    """After an answer, the JSON adds the matching reply and drops the cancelled steps."""
    plan = record_answer(make_plan(interview()), Answer.OFFER, dt.date(2026, 11, 24))
    data = exports.to_json(plan)
    assert data["reply"]["answer"] == "offer"
    assert "offer" in data["reply"]["body"]
    assert [s["kind"] for s in data["steps"]] == ["thank-you", "thank-you"]


def test_text_shows_steps_warnings_and_stop() -> None:
    """The terminal text numbers the steps, gives the warnings and the calm note, and ends with
    when to stop."""
    plan = make_plan(interview(further_news=()))
    text = exports.to_text(plan)
    assert "1. Monday 23 November: Thank-you email to Dana Reyes" in text
    assert "Sam Ortiz has no email address yet" in text
    assert "Note:\n- One follow-up is planned" in text
    assert text.rstrip().endswith(plan.stop)
