"""The drafts as a hiring manager reads them: names, dates, panels, calls, letters, wordings.

The examples follow one realistic case: an interview at Acme Logistics on Monday 2026-11-23 at
10:00 with a panel of two, Helen O'Brien (greeted as Mrs O'Brien) and Raj Patel (by first name).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from typing import Any

import pytest

from workbook.model import (
    PLAN_CHANNELS,
    Channel,
    Interview,
    Interviewer,
    Kind,
    NextStep,
    Plan,
    WarningCode,
)
from workbook.rules.dates import day_and_month, letter_date, long_date, spoken_day
from workbook.rules.drafts import WORDINGS
from workbook.rules.names import addressed, capitalised, surname
from workbook.rules.phrasing import phrased
from workbook.rules.planner import make_plan
from workbook.rules.reviewer import review

MONDAY = dt.date(2026, 11, 23)
HELEN = Interviewer("Helen O'Brien", "helen@acme.example", "Mrs", "the tour of the sorting line")
RAJ = Interviewer("Raj Patel", "raj@acme.example", moment="your question about night shifts")


def interview(**changes: Any) -> Interview:
    base = Interview(
        date=MONDAY,
        time=dt.time(10, 0),
        company="Acme Logistics",
        role="Warehouse Supervisor",
        interviewers=(HELEN, RAJ),
        highlights=("Reduced picking errors by 30%", "Forklift licence"),
        candidate="Alex Kim",
    )
    return dataclasses.replace(base, **changes)


def plan_for(**changes: Any) -> Plan:
    return make_plan(interview(**changes))


def codes(plan: Plan) -> list[WarningCode]:
    return [warning.code for warning in plan.warnings]


def bodies(plan: Plan, kind: Kind) -> list[str]:
    return [step.draft.body for step in plan.steps if step.kind is kind]


def greeting(body: str) -> str:
    return next(line for line in body.splitlines() if line.startswith(("Dear ", '- "Hello')))


# -- forms of address ------------------------------------------------------------------------


def test_each_interviewer_is_greeted_in_the_form_chosen():
    """A title greets by title and surname, no title by first name; never by the full name."""
    helen, raj = bodies(plan_for(), Kind.THANK_YOU)
    assert greeting(helen) == "Dear Mrs O'Brien,"
    assert greeting(raj) == "Dear Raj,"


def test_a_title_typed_with_the_name_is_understood():
    """`Mrs Helen O'Brien <helen@...>` and `Dr. José Núñez` give title-and-surname greetings."""
    typed = Interviewer.parse("Mrs Helen O'Brien <helen@acme.example>")
    assert (typed.title, typed.name, typed.email) == ("Mrs", "Helen O'Brien", "helen@acme.example")
    plan = plan_for(interviewers=(Interviewer("Dr. José Núñez"), Interviewer("Prof Ada Lovelace")))
    assert [greeting(b) for b in bodies(plan, Kind.THANK_YOU)] == [
        "Dear Dr Núñez,",
        "Dear Prof Lovelace,",
    ]


def test_a_name_alone_or_an_unknown_word_is_not_taken_for_a_title():
    """`Lord Grantham` and a one-word `Ms` keep the typed words as the name."""
    assert Interviewer.parse("Lord Grantham").title == ""
    assert Interviewer.parse("Ms").name == "Ms"


def test_surnames_keep_their_particles():
    """`Anna van der Berg` is `Ms van der Berg`; a one-word name is its own surname."""
    assert surname("Anna van der Berg") == "van der Berg"
    assert addressed(Interviewer("Anna van der Berg", title="Ms")) == "Ms van der Berg"
    assert addressed(Interviewer("Reyes", title="Dr")) == "Dr Reyes"


def test_a_call_opens_the_same_way():
    """A call script and its voicemail line say `Hello Mrs O'Brien`, not the full name."""
    plan = plan_for(next_step=NextStep.VAGUE, call_ok_by=dt.date(2026, 11, 25))
    call = next(step for step in plan.steps if step.channel is Channel.PHONE).draft.body
    assert "- \"Hello Mrs O'Brien, this is Alex Kim." in call
    assert "Hello Mrs Helen" not in call and "Hello Helen O'Brien" not in call


def test_names_typed_in_lower_case_are_capitalised_in_greetings_and_signatures():
    """`raj patel`, `helen o'brien` and `alex kim` get their capitals in the drafts."""
    people = (Interviewer("helen o'brien", title="Mrs"), Interviewer("raj patel"))
    plan = plan_for(interviewers=people, candidate="alex kim")
    helen, raj = bodies(plan, Kind.THANK_YOU)
    assert greeting(helen) == "Dear Mrs O'Brien," and greeting(raj) == "Dear Raj,"
    assert helen.rstrip().endswith("Alex Kim")
    assert WarningCode.NAME_CAPITALS not in codes(plan)


def test_a_lower_case_name_with_capitals_that_cannot_be_guessed_is_left_and_explained():
    """`alex mcdonald` is left as typed, and the plan says why and what to do."""
    assert capitalised("alex mcdonald") == ("alex mcdonald", False)
    plan = plan_for(candidate="alex mcdonald")
    (warning,) = [w for w in plan.warnings if w.code is WarningCode.NAME_CAPITALS]
    assert "“alex mcdonald”" in warning.text and "type it as they spell it" in warning.text


def test_an_unknown_title_is_refused_naming_the_person():
    """A title the drafts do not use is an input error that names the interviewer."""
    from workbook.rules.planner import PlanInputError

    with pytest.raises(PlanInputError, match="Raj Patel") as caught:
        plan_for(interviewers=(Interviewer("Raj Patel", title="Sir"),))
    assert caught.value.field == "interviewers"


# -- dates as people say them -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("time", "said"), [(dt.time(10, 0), "today"), (dt.time(16, 0), "yesterday")]
)
def test_a_thank_you_says_today_or_yesterday(time, said):
    """A same-day thank-you says `today`, the next day's says `yesterday`, never the date."""
    for body in bodies(plan_for(time=time), Kind.THANK_YOU):
        assert f" {said} " in body
        assert "23 November" not in body and "November 23" not in body


def test_a_follow_up_names_the_weekday_of_the_interview():
    """A follow-up within the week says `on Monday`; later ones add the date."""
    assert spoken_day(MONDAY, dt.date(2026, 11, 27)) == "on Monday"
    assert spoken_day(MONDAY, dt.date(2026, 11, 30)) == "on Monday 23 November"
    assert spoken_day(MONDAY, dt.date(2026, 11, 30), "US") == "on Monday, November 23"


@pytest.mark.parametrize(
    ("country", "long", "letter"),
    [
        ("GB", "Wednesday 2 December", "2 December 2026"),
        ("US", "Wednesday, December 2", "December 2, 2026"),
        ("", "Wednesday 2 December", "2 December 2026"),
        ("DE-BY", "Wednesday 2 December", "2 December 2026"),
    ],
)
def test_dates_follow_the_country(country, long, letter):
    """GB and no country write the day first; the US writes the month first."""
    day = dt.date(2026, 12, 2)
    assert long_date(day, country) == long
    assert letter_date(day, country) == letter
    assert day_and_month(day, country) in long


def test_a_follow_up_after_a_decision_date_names_it_in_the_countrys_order():
    """After `we decide by 2 December`, the follow-up says so, in GB order."""
    plan = plan_for(
        next_step=NextStep.DECISION_DATE, decision_date=dt.date(2026, 12, 2), country="GB"
    )
    (body,) = bodies(plan, Kind.FOLLOW_UP)
    assert "decide by Wednesday 2 December" in body


@pytest.mark.parametrize(
    ("next_step", "words"),
    [(NextStep.ASSESSMENT, ("test", "assessment")), (NextStep.BACKGROUND_CHECK, ("forms",))],
)
def test_a_follow_up_knows_what_was_said(next_step, words):
    """After a test the follow-up mentions the test; after a background check, the forms."""
    for wording in range(1, WORDINGS + 1):
        (body,) = bodies(plan_for(next_step=next_step, wording=wording), Kind.FOLLOW_UP)
        assert any(word in body for word in words), body


# -- panels --------------------------------------------------------------------------------------


def test_each_member_of_a_panel_gets_their_own_moment_and_highlight():
    """Helen's note recalls the tour and Raj's his question, each with a different highlight."""
    helen, raj = bodies(plan_for(), Kind.THANK_YOU)
    assert "sorting line" in helen and "night shifts" not in helen
    assert "night shifts" in raj and "sorting line" not in raj
    assert "picking errors" in helen and "forklift licence" in raj


@pytest.mark.parametrize("size", [2, 3, 4])
def test_two_notes_to_one_panel_are_never_identical(size):
    """With one shared moment and one highlight, the notes still differ beyond the greeting."""
    people = tuple(
        Interviewer(name, moment="the tour") for name in ("Ann Li", "Bo Ek", "Cy Ng", "Di Oh")
    )
    plan = plan_for(interviewers=people[:size], highlights=("I ran the night shift",))
    texts = [body.split("\n", 1)[1] for body in bodies(plan, Kind.THANK_YOU)]
    assert len(set(texts)) == size


def test_after_a_hand_off_only_the_main_contact_is_asked_who_is_next():
    """The first interviewer's note asks who the next contact is; the other's does not."""
    helen, raj = bodies(plan_for(next_step=NextStep.HANDED_OFF), Kind.THANK_YOU)
    assert "who my contact will be" in helen
    assert "contact" not in raj


# -- rule 7 and calls ---------------------------------------------------------------------------


def test_an_agreed_call_keeps_the_agreed_day_and_says_it_truthfully():
    """`Call me by Wednesday` plans the call on Wednesday, before the floor, and says Wednesday."""
    plan = plan_for(next_step=NextStep.VAGUE, call_ok_by=dt.date(2026, 11, 25))
    call = next(step for step in plan.steps if step.channel is Channel.PHONE)
    assert call.date == dt.date(2026, 11, 25)
    assert "call by Wednesday if I had not heard back" in call.draft.body


def test_every_call_has_a_short_voicemail_script():
    """The voicemail line gives name, role, interest, the number and one more try, in ~30 s."""
    plan = plan_for(
        next_step=NextStep.VAGUE,
        call_ok_by=dt.date(2026, 11, 25),
        candidate_phone="07700 900123",
    )
    for wording in range(1, WORDINGS + 1):
        call = make_plan(dataclasses.replace(plan.interview, wording=wording)).steps[2]
        voicemail = call.draft.body.split("If you reach voicemail")[1].splitlines()[1]
        for words in ("Alex Kim", "Warehouse Supervisor", "07700 900123", "once more on Friday"):
            assert words in voicemail
        assert "interest" in voicemail or "keen" in voicemail
        assert 35 <= len(voicemail.split()) <= 85  # about 30 seconds read aloud


def test_a_call_without_the_learners_number_asks_for_it():
    """Without a phone number the voicemail keeps a cue for it and the plan asks for it."""
    plan = plan_for(next_step=NextStep.VAGUE, call_ok_by=dt.date(2026, 11, 25))
    assert "[your phone number]" in plan.steps[2].draft.body
    assert WarningCode.ADD_PHONE in codes(plan)


# -- whole sentences --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "clause", "thing"),
    [
        ("Reduced picking errors by 30%", "I reduced picking errors by 30%", ""),
        ("Forklift licence", "", "my forklift licence"),
        ("A forklift licence", "", "my forklift licence"),
        ("Fluent in Spanish", "I am fluent in Spanish", ""),
        ("Certified forklift operator", "I am a certified forklift operator", ""),
        ("Managing a team of 12", "I have experience managing a team of 12", ""),
        ("i ran the night shift", "I ran the night shift", ""),
        ("my licence came through", "my licence came through", ""),
        ("5 years of customer service", "", "my 5 years of customer service"),
    ],
)
def test_resume_fragments_become_sentences_about_the_learner(typed, clause, thing):
    """A verb-led fragment becomes a clause with `I`; a noun phrase becomes `my ...`; the draft
    that carries it gets no `fragment` finding."""
    assert (phrased(typed).clause, phrased(typed).thing) == (clause, thing)
    plan = plan_for(highlights=(typed,))
    assert "fragment" not in {
        f.code for f in review(plan.steps[0].draft, Kind.THANK_YOU, plan.interview)
    }


@pytest.mark.parametrize("typed", ["Trained nurse", "relocation sorted", "Nursing degree"])
def test_a_fragment_that_cannot_be_phrased_safely_is_flagged(typed):
    """A fragment with no safe reading is quoted as typed and the plan says how to phrase it."""
    assert not phrased(typed).safe
    plan = plan_for(highlights=(typed,))
    assert any(f"“{typed}” reads as a note" in warning for warning in plan.warning_texts)
    findings = review(plan.steps[0].draft, Kind.THANK_YOU, plan.interview)
    assert [f.code for f in findings] == ["fragment"]
    assert "Write it as a sentence about you" in findings[0].suggestion


def test_no_fragment_is_pasted_after_a_colon_and_no_it_hangs_unexplained():
    """The drafts never put a capitalised fragment after a colon nor start with a bare `It`."""
    for wording, moment in itertools.product(range(1, WORDINGS + 1), ("", "the tour")):
        people = (dataclasses.replace(HELEN, moment=moment), RAJ)
        plan = plan_for(wording=wording, interviewers=people)
        for step in plan.steps:
            assert not re.search(r": [A-Z][a-z]+ed\b", step.draft.body), step.draft.body
            assert not re.search(r"(?:^|\. )It (?:made|makes)\b", step.draft.body)


# -- letters ------------------------------------------------------------------------------------


def test_a_letter_is_printed_one_per_page_and_ready_to_sign():
    """The printable page puts each letter in a section that starts a new printed page."""
    from workbook.rules.exports import to_html

    plan = plan_for(preferred_channel=Channel.LETTER, candidate_address="12 Elm Road")
    page = to_html(plan)
    assert page.count('<section class="letter">') == 1
    assert ".letter { break-before: page;" in page
    assert "Yours sincerely," in page.split('<section class="letter">')[1]


# -- wordings -----------------------------------------------------------------------------------


def test_each_message_has_three_wordings_and_each_number_gives_the_same_text():
    """Wordings 1 to 3 differ for every kind of message; one number always gives one text."""
    cases: list[dict[str, Any]] = [
        dict(further_news=("I passed the first-aid course",)),
        dict(next_step=NextStep.VAGUE, call_ok_by=dt.date(2026, 11, 25)),
    ]
    for case in cases:
        texts = {wording: make_plan(interview(wording=wording, **case)) for wording in (1, 2, 3)}
        for position in range(len(texts[1].steps)):
            variants = {texts[w].steps[position].draft.body for w in texts}
            assert len(variants) == 3, texts[1].steps[position]
        for answer in texts[1].replies:
            assert len({texts[w].replies[answer].body for w in texts}) == 3
        assert make_plan(interview(wording=2, **case)) == texts[2]


# -- missing addresses ---------------------------------------------------------------------------


def test_an_email_step_without_an_address_is_named_in_the_warnings():
    """Raj has no address yet, so the plan says so by name; Helen's is known."""
    plan = plan_for(interviewers=(HELEN, Interviewer("Raj Patel")))
    missing = [w.text for w in plan.warnings if w.code is WarningCode.ADD_EMAIL]
    assert missing == [
        "Raj Patel has no email address yet: add it, and the email draft will be addressed."
    ]


# -- the whole input product --------------------------------------------------------------------


def _product() -> list[Interview]:
    people = (
        Interviewer("Dana Reyes", "dana@acme.example", moment="the tour of the sorting line"),
        Interviewer("helen o'brien", title="Mrs", moment="your question about night shifts"),
        Interviewer("Dr. José Núñez"),
    )
    return [
        interview(
            time=time,
            interviewers=people[:panel],
            next_step=next_step,
            decision_date=dt.date(2026, 12, 2) if next_step is NextStep.DECISION_DATE else None,
            call_ok_by=dt.date(2026, 11, 25) if call else None,
            preferred_channel=channel,
            country=country,
            wording=wording,
            new_info=("my relocation is sorted",) if news else (),
            further_news=("I passed the first-aid course",) if news else (),
        )
        for time, panel, next_step, call, channel, country, wording, news in itertools.product(
            (dt.time(10, 0), dt.time(16, 0)),
            (1, 3),
            NextStep,
            (False, True),
            PLAN_CHANNELS,
            ("", "GB", "US"),
            range(1, WORDINGS + 1),
            (False, True),
        )
    ]


def test_no_draft_has_a_full_name_greeting_a_title_with_a_first_name_or_the_days_own_date():
    """Over every combination of inputs, greetings use the chosen form, no draft spells out the
    date of the day it is sent, no line starts with a space or a sentence breaks across lines,
    and every draft still passes the reviewer."""
    complaints: list[tuple[str, str]] = []
    checked = 0
    for iv in _product():
        plan = make_plan(iv)
        full_names = [p.name for p in plan.interview.interviewers]
        first_with_title = [
            f"{title} {p.name.split()[0]}" for p in plan.interview.interviewers for title in
            ("Ms", "Mr", "Mrs", "Miss", "Mx", "Dr", "Prof")
        ]  # fmt: skip
        for step in plan.steps:
            checked += 1
            line = greeting(step.draft.body)
            if any(name in line for name in full_names + first_with_title):
                complaints.append(("greeting", line))
            own_day = (long_date(step.date, iv.country), day_and_month(step.date, iv.country))
            if re.search(r"^ |  |[^\n]\n[a-z]", step.draft.body, re.MULTILINE):
                complaints.append(("spacing", step.draft.body))
            said = step.draft.body.split(line, 1)[1]  # a letter's heading is dated, rightly
            if any(words in said for words in own_day):
                complaints.append(("own date", step.draft.body))
            for finding in review(step.draft, step.kind, plan.interview):
                complaints.append((finding.code, step.draft.body))
    assert checked > 5000
    assert complaints == []
