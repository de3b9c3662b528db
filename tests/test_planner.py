"""The plan engine against the twelve rules at the end of guidance.md.

Most examples use an interview on Monday 2026-11-23. Without a country, the third business day
after it is Thursday 2026-11-26 and the fifth is Monday 2026-11-30; with country US, Thanksgiving
(Thursday 2026-11-26) moves these to Friday 2026-11-27 and Tuesday 2026-12-01.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.strategies import (
    ReferenceCalendar,
    hostile_text,
    interviews,
    visible_hostile_text,
)
from workbook.model import (
    Answer,
    Channel,
    Draft,
    Interview,
    Interviewer,
    Kind,
    NextStep,
    Plan,
    Section,
    Step,
    WarningCode,
)
from workbook.rules.names import addressed
from workbook.rules.planner import PlanInputError, make_plan, record_answer

D = dt.date

MONDAY = D(2026, 11, 23)
FLOOR = D(2026, 11, 26)  # 3rd business day after MONDAY, no country (US Thanksgiving)
FIFTH = D(2026, 11, 30)  # 5th business day after MONDAY, no country

DANA = Interviewer("Dana Reyes", "dana@acme.example")
SAM = Interviewer("Sam Lee")
PRIYA = Interviewer("Priya Natarajan", "priya@acme.example")

HIGHLIGHT = "grew regional sales by 30% in one year"
OTHER_HIGHLIGHT = "trained twelve new account managers"
NEWS = "my relocation is sorted and I can start immediately"

OPEN_ENDED = (NextStep.VAGUE, NextStep.UNKNOWN)
NO_FOLLOW_UP = (NextStep.DO_NOT_CONTACT, NextStep.HANDED_OFF)
WITH_FOLLOW_UP = tuple(step for step in NextStep if step not in NO_FOLLOW_UP)

SIGN_OFFS = ("Kind regards,", "Best regards,", "Yours sincerely,", "Sincerely,")


def interview(**changes: Any) -> Interview:
    """A plain interview on Monday 2026-11-23 with one interviewer and one highlight.

    `moment` goes to every interviewer."""
    moment = changes.pop("moment", None)
    base = Interview(
        date=MONDAY,
        company="Acme Analytics",
        role="Account Manager",
        interviewers=(DANA,),
        highlights=(HIGHLIGHT,),
        candidate="Alex Kim",
    )
    base = dataclasses.replace(base, **changes)
    if moment is not None:
        people = tuple(dataclasses.replace(p, moment=moment) for p in base.interviewers)
        base = dataclasses.replace(base, interviewers=people)
    return base


def plan_for(**changes: Any) -> Plan:
    return make_plan(interview(**changes))


def thank_yous(plan: Plan) -> list[Step]:
    return [step for step in plan.steps if step.kind is Kind.THANK_YOU]


def follow_ups(plan: Plan) -> list[Step]:
    return [step for step in plan.steps if step.kind is not Kind.THANK_YOU]


def warnings_naming(plan: Plan, rule: int) -> list[str]:
    """The words of the warnings that rest on guidance rule `rule`."""
    return [warning.text for warning in plan.warnings if warning.rule == rule]


def codes(plan: Plan) -> list[WarningCode]:
    return [warning.code for warning in plan.warnings]


def body_sentences(draft: Draft) -> list[str]:
    """The sentences of the body paragraphs, between the greeting and the sign-off."""
    lines = draft.body.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Dear ") and line[-1] == ",")
    end = next(i for i, line in enumerate(lines) if line in SIGN_OFFS)
    text = " ".join(line.strip() for line in lines[start + 1 : end] if line.strip())
    return [part for part in re.split(r"(?<=[.!?])\s+", text) if part]


def all_drafts(plan: Plan) -> list[Draft]:
    return [step.draft for step in plan.steps] + list(plan.replies.values())


# == inputs the planner refuses ================================================================


@pytest.mark.parametrize("company", ["", "   ", "\n\t\r"])
def test_a_missing_company_is_refused(company):
    """A plan without a company name is refused, and the error points at the company field."""
    with pytest.raises(PlanInputError) as error:
        plan_for(company=company)
    assert error.value.field == "company"


@pytest.mark.parametrize("role", ["", "  ", "\x00"])
def test_a_missing_role_is_refused(role):
    """A plan without a role is refused, and the error points at the role field."""
    with pytest.raises(PlanInputError) as error:
        plan_for(role=role)
    assert error.value.field == "role"


def test_no_interviewers_is_refused():
    """A plan needs at least one interviewer to thank; none is refused on `interviewers`."""
    with pytest.raises(PlanInputError) as error:
        plan_for(interviewers=())
    assert error.value.field == "interviewers"


def test_an_interviewer_without_a_name_is_refused():
    """An interviewer whose name is blank is refused on `interviewers`."""
    with pytest.raises(PlanInputError) as error:
        plan_for(interviewers=(DANA, Interviewer("  ", "x@acme.example")))
    assert error.value.field == "interviewers"


@pytest.mark.parametrize(
    "email",
    [
        "dana",
        "dana@acme",
        "dana at acme.example",
        "dana@@acme.example",
        "<dana@acme.example>",
        "dana@acme.example, eve@evil.example",
        "dana@acme.example\nBcc: eve@evil.example",
    ],
)
def test_a_bad_email_address_is_refused(email):
    """An interviewer's email that is not a single name@domain.tld address is refused."""
    with pytest.raises(PlanInputError) as error:
        plan_for(interviewers=(Interviewer("Dana Reyes", email),))
    assert error.value.field == "interviewers"
    assert "email address" in str(error.value)


def test_a_good_email_address_is_accepted():
    """An ordinary address, and an interviewer without any address, both make a plan."""
    plan = plan_for(interviewers=(Interviewer("Dana", "dana.reyes@acme.example"), SAM))
    assert [step.draft.to.name for step in thank_yous(plan)] == ["Dana", "Sam Lee"]


def test_a_decision_date_answer_needs_its_date():
    """Choosing "a decision date" without giving the date is refused on `decision_date`."""
    with pytest.raises(PlanInputError) as error:
        plan_for(next_step=NextStep.DECISION_DATE)
    assert error.value.field == "decision_date"


@pytest.mark.parametrize("field", ["decision_date", "expected_by", "call_ok_by"])
def test_a_date_before_the_interview_is_refused(field):
    """A decision, expected or call-by date before the interview is refused on that very field."""
    changes: dict[str, Any] = {field: D(2026, 11, 20)}
    if field == "decision_date":
        changes["next_step"] = NextStep.DECISION_DATE
    with pytest.raises(PlanInputError) as error:
        plan_for(**changes)
    assert error.value.field == field
    assert "2026-11-20" in str(error.value)


@pytest.mark.parametrize("field", ["decision_date", "expected_by", "call_ok_by"])
def test_a_date_on_the_interview_day_is_accepted(field):
    """A decision, expected or call-by date on the interview day itself is fine."""
    changes: dict[str, Any] = {"next_step": NextStep.DECISION_DATE, "decision_date": MONDAY}
    changes[field] = MONDAY
    assert plan_for(**changes).steps


@pytest.mark.parametrize(
    "channel", [Channel.LINKEDIN, Channel.TEXT, Channel.IN_PERSON, Channel.OTHER]
)
def test_a_channel_the_planner_cannot_schedule_is_refused(channel):
    """Preferring LinkedIn, a text, in person or other is refused on `preferred_channel`."""
    with pytest.raises(PlanInputError) as error:
        plan_for(preferred_channel=channel)
    assert error.value.field == "preferred_channel"
    assert channel.value in str(error.value)


@pytest.mark.parametrize("country", ["XX", "Atlantis", "DE-XX", "MON", "JAN", "PUBLIC"])
def test_an_unknown_country_is_refused(country):
    """A country code with no public holidays is refused on `country`, never a crash."""
    with pytest.raises(PlanInputError) as error:
        plan_for(country=country)
    assert error.value.field == "country"


def test_an_answer_before_the_interview_is_refused():
    """Logging an answer dated before the interview is refused on `answered_on`."""
    with pytest.raises(PlanInputError) as error:
        record_answer(plan_for(), Answer.OFFER, D(2026, 11, 22))
    assert error.value.field == "answered_on"


def test_a_plan_input_error_is_a_value_error():
    """Callers that catch ValueError also catch the planner's input errors."""
    assert issubclass(PlanInputError, ValueError)


# == rule 1: thank-you =========================================================================


@pytest.mark.parametrize("time", [None, dt.time(9, 0), dt.time(13, 59)])
def test_thank_you_goes_the_same_day_before_two_or_without_a_time(time):
    """A morning interview, or one with no time, gets its thank-you email the same day."""
    (step,) = thank_yous(plan_for(time=time))
    assert step.date == MONDAY
    assert step.channel is Channel.EMAIL
    assert "the same day" in step.why


@pytest.mark.parametrize("time", [dt.time(14, 0), dt.time(16, 30), dt.time(23, 59)])
def test_thank_you_goes_the_next_business_day_from_two_on(time):
    """An interview starting at 14:00 or later gets its thank-you the next business day."""
    (step,) = thank_yous(plan_for(time=time))
    assert step.date == D(2026, 11, 24)
    assert "the next business day" in step.why


def test_thank_you_after_a_friday_afternoon_interview_goes_on_monday():
    """A Friday 16:00 interview (2026-11-27) gets its thank-you on Monday 2026-11-30."""
    (step,) = thank_yous(plan_for(date=D(2026, 11, 27), time=dt.time(16, 0)))
    assert step.date == D(2026, 11, 30)


def test_thank_you_skips_thanksgiving():
    """With country US, a Wednesday 15:00 interview before Thanksgiving is thanked on the Friday."""
    (step,) = thank_yous(plan_for(date=D(2026, 11, 25), time=dt.time(15, 0), country="US"))
    assert step.date == D(2026, 11, 27)


def test_thank_you_skips_a_holiday_the_learner_gives():
    """A holiday the learner names on the next day pushes the afternoon thank-you past it."""
    (step,) = thank_yous(plan_for(time=dt.time(15, 0), holidays=frozenset({D(2026, 11, 24)})))
    assert step.date == D(2026, 11, 25)


def test_thank_you_after_a_weekend_interview_goes_on_monday():
    """A Saturday interview (2026-11-28) is thanked on the first business day, Monday the 30th."""
    (step,) = thank_yous(plan_for(date=D(2026, 11, 28), time=dt.time(10, 0)))
    assert step.date == D(2026, 11, 30)


def test_one_thank_you_per_interviewer():
    """Three interviewers get three thank-you emails, each addressed to and greeting its person."""
    plan = plan_for(interviewers=(DANA, SAM, PRIYA))
    steps = thank_yous(plan)
    assert [step.draft.to for step in steps] == [DANA, SAM, PRIYA]
    for step, person in zip(steps, (DANA, SAM, PRIYA), strict=True):
        assert step.channel is Channel.EMAIL
        assert f"Dear {person.name.split()[0]}," in step.draft.body
        assert person.name in step.why


@pytest.mark.parametrize("next_step", list(NextStep))
def test_a_thank_you_is_never_a_call(next_step):
    """Even a learner who prefers the phone thanks by email, and a warning names rule 1."""
    plan = plan_for(
        preferred_channel=Channel.PHONE, next_step=next_step, decision_date=D(2026, 12, 4)
    )
    assert {step.channel for step in thank_yous(plan)} == {Channel.EMAIL}
    assert warnings_naming(plan, 1)


def test_a_letter_lover_gets_a_card_note_not_a_card_step():
    """A learner who prefers letters sees a handwritten-card note on each thank-you email."""
    plan = plan_for(preferred_channel=Channel.LETTER, interviewers=(DANA, SAM))
    steps = thank_yous(plan)
    assert len(steps) == 2
    assert all(step.channel is Channel.EMAIL for step in steps)
    assert all("handwritten card" in step.note for step in steps)
    assert warnings_naming(plan, 1)


def test_an_email_lover_gets_no_card_note():
    """A learner who prefers email sees no card note and no rule-1 warning."""
    plan = plan_for(preferred_channel=Channel.EMAIL)
    assert all(step.note == "" for step in plan.steps)
    assert not warnings_naming(plan, 1)


def test_the_thank_you_names_the_moment():
    """The moment the learner remembers appears in the thank-you, without a doubled full stop."""
    plan = plan_for(moment="your story about the Denver launch.")
    body = thank_yous(plan)[0].draft.body
    assert "your story about the Denver launch." in body
    assert ".." not in body


@pytest.mark.parametrize("ending", ["!", "?"])
def test_a_moment_or_highlight_ending_in_a_mark_gets_no_stray_full_stop(ending):
    """A moment or highlight typed with a final ! or ? is not followed by an extra full stop."""
    plan = plan_for(
        moment=f"your question about Denver{ending}", highlights=(f"I doubled sales{ending}",)
    )
    for step in plan.steps:
        assert f"{ending}." not in step.draft.body, step.draft.body


def test_without_a_moment_the_thank_you_names_none():
    """With no moment given, the thank-you does not leave an empty "moment" sentence."""
    body = thank_yous(plan_for(moment=""))[0].draft.body
    assert "moment" not in body


def test_the_thank_you_names_company_role_interviewer_and_a_highlight():
    """The thank-you names the company, the role, the interviewer, the day and a highlight."""
    draft = thank_yous(plan_for())[0].draft
    assert draft.subject == "Thank you for the Account Manager interview"
    for words in ("Acme Analytics", "Account Manager", "Dear Dana,", "with me today"):
        assert words in draft.body
    assert HIGHLIGHT in draft.body
    assert draft.body.rstrip().endswith("Alex Kim")


def test_a_thank_you_is_not_conditional():
    """The thank-you goes out whatever happens; only follow-ups wait on an answer."""
    assert not any(step.conditional for step in thank_yous(plan_for()))


def test_the_thank_you_cites_the_intro_section():
    """An ordinary thank-you cites the guidance's intro section."""
    assert thank_yous(plan_for())[0].section is Section.INTRO


# == rule 2: spacing ===========================================================================


def test_the_first_follow_up_waits_five_business_days_by_default():
    """Without a date from the employer, the follow-up comes 2026-11-30, 5 business days on."""
    (step,) = follow_ups(plan_for())
    assert step.date == FIFTH
    assert step.kind is Kind.FOLLOW_UP


def test_the_default_wait_skips_thanksgiving():
    """With country US, the 5-business-day wait from 2026-11-23 ends on Tuesday 2026-12-01."""
    (step,) = follow_ups(plan_for(country="US"))
    assert step.date == D(2026, 12, 1)


def test_the_default_wait_skips_the_learners_holidays():
    """Two days off the learner names push the default follow-up two business days later."""
    days_off = frozenset({D(2026, 11, 24), D(2026, 11, 25)})
    (step,) = follow_ups(plan_for(holidays=days_off))
    assert step.date == D(2026, 12, 2)


def test_the_first_follow_up_never_comes_before_the_third_business_day():
    """A background check "by tomorrow" still waits until Thursday 2026-11-26 (rule 2)."""
    plan = plan_for(next_step=NextStep.BACKGROUND_CHECK, expected_by=D(2026, 11, 24))
    (step,) = follow_ups(plan)
    assert step.date == FLOOR
    (warning,) = warnings_naming(plan, 2)
    assert "Thursday 26 November" in warning


def test_the_floor_skips_thanksgiving():
    """With country US, the third business day after 2026-11-23 is Friday 2026-11-27."""
    plan = plan_for(
        next_step=NextStep.DECISION_DATE, decision_date=MONDAY, country="US", time=dt.time(9, 0)
    )
    (step,) = follow_ups(plan)
    assert step.date == D(2026, 11, 27)


def test_no_floor_warning_when_nothing_was_moved():
    """A plan whose follow-up falls after the floor carries no rule-2 warning."""
    assert not warnings_naming(plan_for(), 2)


def test_the_second_follow_up_comes_five_business_days_after_the_first():
    """With further news, a second follow-up comes 2026-12-07, 5 business days after the first."""
    first, second = follow_ups(plan_for(further_news=(NEWS,)))
    assert (first.date, second.date) == (FIFTH, D(2026, 12, 7))
    assert second.kind is Kind.SECOND_FOLLOW_UP


def test_the_second_follow_up_skips_holidays():
    """A day off the learner names inside the wait pushes the second follow-up one day later."""
    plan = plan_for(further_news=(NEWS,), holidays=frozenset({D(2026, 12, 3)}))
    assert follow_ups(plan)[1].date == D(2026, 12, 8)


def test_at_most_two_follow_ups_then_stop():
    """Even with plenty of news, there are two follow-ups, and the plan says when to stop."""
    plan = plan_for(
        new_info=(NEWS,), further_news=("I finished my certification", "I have a new reference")
    )
    assert len(follow_ups(plan)) == 2
    assert "time to stop and move on" in plan.stop
    assert "Monday 14 December" in plan.stop  # 5 business days after Monday 7 December


def test_the_stop_line_follows_a_single_follow_up():
    """With one follow-up on 2026-11-30, the plan says to stop if nothing has come by 2026-12-07."""
    assert "Monday 7 December" in plan_for().stop


# == rule 3: a short follow-up =================================================================


@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.LETTER])
@pytest.mark.parametrize("highlights", [(), (HIGHLIGHT,), (HIGHLIGHT, OTHER_HIGHLIGHT)])
def test_written_follow_ups_have_three_to_five_sentences(channel, highlights):
    """Each written follow-up's body, between greeting and sign-off, is 3 to 5 sentences long."""
    plan = plan_for(
        preferred_channel=channel,
        highlights=highlights,
        new_info=(NEWS, "my forklift licence came through"),
        further_news=("I passed the CFA level 1 exam",),
        next_step=NextStep.DECISION_DATE,
        decision_date=D(2026, 11, 27),
    )
    steps = follow_ups(plan)
    assert [step.channel for step in steps] == [channel, channel]
    for step in steps:
        assert 3 <= len(body_sentences(step.draft)) <= 5, step.draft.body


@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.LETTER, Channel.PHONE])
def test_follow_ups_say_interest_eagerness_and_references(channel):
    """Every follow-up, written or a call, says interest, eagerness to hear back and references."""
    plan = plan_for(next_step=NextStep.ASSESSMENT, preferred_channel=channel, further_news=(NEWS,))
    for step in follow_ups(plan):
        body = step.draft.body.lower()
        assert "interest" in body
        assert "glad to hear" in body
        assert "references" in body


@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.LETTER, Channel.PHONE])
def test_follow_ups_carry_a_highlight(channel):
    """Each follow-up reminds them of one of the learner's highlights."""
    plan = plan_for(
        next_step=NextStep.ASSESSMENT,
        preferred_channel=channel,
        highlights=(HIGHLIGHT, OTHER_HIGHLIGHT),
        further_news=(NEWS,),
    )
    for step in follow_ups(plan):
        assert HIGHLIGHT in step.draft.body or OTHER_HIGHLIGHT in step.draft.body


def test_the_follow_up_brings_a_different_highlight_from_the_thank_you():
    """With two highlights, the thank-you and the first follow-up each bring a different one."""
    plan = plan_for(highlights=(HIGHLIGHT, OTHER_HIGHLIGHT))
    assert HIGHLIGHT in thank_yous(plan)[0].draft.body
    assert OTHER_HIGHLIGHT in follow_ups(plan)[0].draft.body


@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.LETTER, Channel.PHONE])
def test_follow_ups_name_company_role_and_interviewer(channel):
    """A follow-up is addressed to the first interviewer and names the company and the role."""
    plan = plan_for(
        next_step=NextStep.ASSESSMENT, preferred_channel=channel, interviewers=(DANA, SAM)
    )
    for step in follow_ups(plan):
        assert step.draft.to == DANA
        for words in ("Dana", "Acme Analytics", "Account Manager"):
            assert words in step.draft.body


def test_a_letter_follow_up_looks_like_a_letter():
    """A letter opens with the sender's block, the date with its year and the employer's block,
    has no subject, and closes formally, ready to sign."""
    step = follow_ups(
        plan_for(
            preferred_channel=Channel.LETTER,
            candidate_address="12 Elm Road\nLeeds LS6 2AB",
            candidate_phone="07700 900123",
            employer_address="Acme House\n1 Canal Street\nManchester M1 3HE",
            country="GB",
        )
    )[0]
    assert step.draft.subject == ""
    assert step.draft.body.splitlines()[:14] == [
        "Alex Kim", "12 Elm Road", "Leeds LS6 2AB", "07700 900123", "",
        "30 November 2026", "",
        "Dana Reyes", "Acme Analytics", "Acme House", "1 Canal Street", "Manchester M1 3HE", "",
        "Dear Dana,",
    ]  # fmt: skip
    assert "Subject:" not in step.draft.body
    assert step.draft.body.endswith("Yours sincerely,\n\nAlex Kim\n")


def test_a_us_letter_closes_with_sincerely_and_dates_month_first():
    """In the US a letter is dated `November 30, 2026` and closes with `Sincerely,`."""
    body = follow_ups(plan_for(preferred_channel=Channel.LETTER, country="US"))[0].draft.body
    assert "\nDecember 1, 2026\n" in body  # Thanksgiving moves the fifth business day
    assert body.endswith("Sincerely,\n\nAlex Kim\n")
    assert "Yours sincerely" not in body


def test_a_letter_without_addresses_asks_for_them():
    """A letter step without the addresses comes with a warning that asks for both."""
    plan = plan_for(preferred_channel=Channel.LETTER)
    assert any("your postal address and the employer's" in w for w in plan.warning_texts)


def test_no_draft_claims_to_be_the_strongest_candidate():
    """No thank-you, follow-up, call script or reply claims "the strongest candidate"."""
    for next_step in NextStep:
        for channel in (Channel.EMAIL, Channel.LETTER, Channel.PHONE):
            plan = plan_for(
                next_step=next_step,
                preferred_channel=channel,
                decision_date=D(2026, 12, 4),
                call_ok_by=D(2026, 12, 1),
                new_info=(NEWS,),
                further_news=(OTHER_HIGHLIGHT,),
            )
            for draft in all_drafts(plan):
                assert "strongest candidate" not in (draft.subject + draft.body).lower()


def test_without_highlights_the_plan_asks_for_some():
    """A plan with no highlights warns (rule 3) that one would remind them what you bring."""
    plan = plan_for(highlights=())
    assert warnings_naming(plan, 3)
    assert all(step.draft.body for step in plan.steps)


def test_blank_highlights_count_as_none():
    """Highlights that are only spaces or punctuation count as no highlight at all."""
    assert warnings_naming(plan_for(highlights=("  ", "...", "\n")), 3)


# == rule 4 (revised): news goes out at the first chance =======================================


def test_the_news_the_learner_has_goes_into_the_first_follow_up():
    """News the learner already has is in the first follow-up, and its reason says so."""
    plan = plan_for(new_info=(NEWS,))
    (first,) = follow_ups(plan)
    assert NEWS in first.draft.body
    assert NEWS in first.why


def test_without_further_news_there_is_one_follow_up_and_a_calm_note():
    """Without further news only one follow-up is planned; a note, not a warning, says why."""
    for news in ((), (NEWS,)):
        plan = plan_for(new_info=news)
        assert [step.kind for step in follow_ups(plan)] == [Kind.FOLLOW_UP]
        assert not warnings_naming(plan, 4)
        (note,) = plan.notes
        assert "second contact would need news" in note


def test_blank_or_repeated_news_earns_no_second_follow_up():
    """Blank further news, or further news the first follow-up already carried, is no reason."""
    assert len(follow_ups(plan_for(further_news=("", " ; ")))) == 1
    assert len(follow_ups(plan_for(new_info=(NEWS,), further_news=(NEWS,)))) == 1


def test_the_second_follow_up_carries_only_the_further_news():
    """The second follow-up brings the further news, not what the first carried."""
    plan = plan_for(new_info=(NEWS,), further_news=("I passed the CFA level 1 exam",))
    first, second = follow_ups(plan)
    assert NEWS in first.draft.body
    assert "I passed the CFA level 1 exam" in second.draft.body
    assert NEWS not in second.draft.body
    assert "I passed the CFA level 1 exam" in second.why
    assert second.section is Section.BOTHERSOME
    assert plan.notes == ()


def test_a_second_follow_up_call_carries_the_further_news():
    """When the second follow-up is a call, its script brings the further news, the first's not."""
    plan = plan_for(
        next_step=NextStep.BACKGROUND_CHECK,
        preferred_channel=Channel.PHONE,
        further_news=(NEWS,),
    )
    first, second = follow_ups(plan)
    assert second.channel is Channel.PHONE
    assert NEWS in second.draft.body
    assert NEWS not in first.draft.body


# == rule 5: "do not call us" ==================================================================


@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.PHONE, Channel.LETTER])
def test_do_not_contact_leaves_only_the_thank_you_emails(channel):
    """After "do not call us" the plan holds the thank-you emails and nothing else."""
    plan = plan_for(
        next_step=NextStep.DO_NOT_CONTACT,
        preferred_channel=channel,
        interviewers=(DANA, SAM),
        further_news=(NEWS,),
        call_ok_by=D(2026, 12, 1),
    )
    assert [step.kind for step in plan.steps] == [Kind.THANK_YOU, Kind.THANK_YOU]
    assert {step.channel for step in plan.steps} == {Channel.EMAIL}
    assert all(step.section is Section.CLARIFY for step in plan.steps)
    (warning,) = [w.text for w in plan.warnings if w.code is WarningCode.DO_NOT_CONTACT]
    assert "no calls" in warning


def test_do_not_contact_thank_you_asks_for_nothing_more():
    """Under "do not call us", the thank-you does not ask about next steps."""
    body = thank_yous(plan_for(next_step=NextStep.DO_NOT_CONTACT))[0].draft.body
    assert "next steps" not in body


def test_do_not_contact_holds_even_for_people_facing_roles():
    """A people-facing role does not override "do not call us"; the warning says so."""
    plan = plan_for(next_step=NextStep.DO_NOT_CONTACT, people_facing=True)
    assert not follow_ups(plan)
    assert any("people-facing" in warning for warning in warnings_naming(plan, 5))


def test_do_not_contact_says_the_news_is_not_sent():
    """News the learner has is not sent after "do not call us", and the plan says so."""
    plan = plan_for(next_step=NextStep.DO_NOT_CONTACT, new_info=(NEWS,))
    assert any("new information" in warning for warning in warnings_naming(plan, 5))
    assert not warnings_naming(plan, 4)


def test_do_not_contact_stop_line_leaves_the_next_move_to_them():
    """Under "do not call us", the plan says to leave the next move to them."""
    assert "leave the next move to them" in plan_for(next_step=NextStep.DO_NOT_CONTACT).stop


def test_do_not_contact_suggests_no_handwritten_card():
    """After "do not call us", a letter lover is not told to post a card: one email is all."""
    plan = plan_for(next_step=NextStep.DO_NOT_CONTACT, preferred_channel=Channel.LETTER)
    assert all("card" not in step.note for step in plan.steps)
    assert all("card" not in warning for warning in plan.warning_texts)


# == rule 6: handed off ========================================================================


def test_handed_off_thank_you_asks_who_the_contact_will_be():
    """When the resume goes on to someone else, the thank-you asks who the contact will be."""
    plan = plan_for(next_step=NextStep.HANDED_OFF)
    (step,) = plan.steps
    assert step.kind is Kind.THANK_YOU
    assert "who my contact will be" in step.draft.body
    assert "last message" in step.why


@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.PHONE, Channel.LETTER])
def test_handed_off_plans_no_follow_ups(channel):
    """After a hand-off there are no follow-ups to this person, and a warning names rule 6."""
    plan = plan_for(
        next_step=NextStep.HANDED_OFF,
        preferred_channel=channel,
        people_facing=True,
        further_news=(NEWS,),
        call_ok_by=D(2026, 12, 1),
    )
    assert not follow_ups(plan)
    assert any("Dana Reyes" in warning for warning in warnings_naming(plan, 6))
    assert "Dana Reyes" in plan.stop


# == rule 7: a vague answer ====================================================================


@pytest.mark.parametrize("next_step", OPEN_ENDED)
def test_permission_to_call_plans_the_call_on_that_day(next_step):
    """A vague answer with permission to call by Tuesday 2026-12-01 plans the call that Tuesday."""
    plan = plan_for(next_step=next_step, call_ok_by=D(2026, 12, 1))
    first = follow_ups(plan)[0]
    assert (first.date, first.channel) == (D(2026, 12, 1), Channel.PHONE)
    assert first.section is Section.CALL_OR_EMAIL
    assert "call by Tuesday if I had not heard back" in first.draft.body
    assert first.draft.body.startswith("CALL SCRIPT")
    assert first.draft.subject == ""


def test_an_agreed_call_on_a_saturday_moves_to_monday():
    """Permission to call by Saturday 2026-11-28 plans the call on Monday 2026-11-30."""
    first = follow_ups(plan_for(next_step=NextStep.VAGUE, call_ok_by=D(2026, 11, 28)))[0]
    assert (first.date, first.channel) == (D(2026, 11, 30), Channel.PHONE)


def test_an_agreed_call_on_a_holiday_moves_to_the_next_business_day():
    """With country US, permission to call on Friday Dec 25 2026 moves the call to Monday Dec 28."""
    plan = plan_for(next_step=NextStep.VAGUE, call_ok_by=D(2026, 12, 25), country="US")
    assert follow_ups(plan)[0].date == D(2026, 12, 28)


def test_an_agreed_call_keeps_its_day_before_the_floor():
    """Permission to call by Wednesday, the 2nd business day, plans the call that Wednesday:
    the interviewer's own day wins over the floor of rule 2 (rule 7, revised)."""
    plan = plan_for(next_step=NextStep.VAGUE, call_ok_by=D(2026, 11, 25))
    first = follow_ups(plan)[0]
    assert (first.date, first.channel) == (D(2026, 11, 25), Channel.PHONE)
    assert "call by Wednesday if I had not heard back" in first.draft.body
    assert not warnings_naming(plan, 2)


@pytest.mark.parametrize("time", [dt.time(9, 0), dt.time(16, 0)])
def test_an_agreed_call_never_comes_on_or_before_the_thank_you(time):
    """Permission to call "tomorrow" after an afternoon interview, when the thank-you goes out
    tomorrow, moves the call to the business day after the thank-you, and says so."""
    plan = plan_for(next_step=NextStep.VAGUE, call_ok_by=D(2026, 11, 24), time=time)
    thanked = thank_yous(plan)[0].date
    first = follow_ups(plan)[0]
    assert first.date == (D(2026, 11, 24) if thanked == MONDAY else D(2026, 11, 25))
    assert first.date > thanked
    assert "call by Tuesday" in first.draft.body  # the agreed day, said truthfully
    assert bool(warnings_naming(plan, 7)) and (
        (WarningCode.CALL_AFTER_THANK_YOU in codes(plan)) == (thanked != MONDAY)
    )


def test_an_agreed_call_on_the_floor_is_not_moved():
    """Permission to call on exactly the 3rd business day keeps that day, with no rule-2 warning."""
    plan = plan_for(next_step=NextStep.VAGUE, call_ok_by=FLOOR)
    assert follow_ups(plan)[0].date == FLOOR
    assert not warnings_naming(plan, 2)


def test_an_agreed_call_overrides_a_written_preference_with_a_warning():
    """A learner who prefers email is told (rule 7) that the agreed call replaces the message."""
    plan = plan_for(next_step=NextStep.VAGUE, call_ok_by=D(2026, 12, 1))
    assert warnings_naming(plan, 7)


def test_an_agreed_call_for_a_phone_lover_needs_no_warning():
    """A learner who prefers the phone and has permission to call gets no rule-7 warning."""
    plan = plan_for(
        next_step=NextStep.VAGUE, call_ok_by=D(2026, 12, 1), preferred_channel=Channel.PHONE
    )
    assert not warnings_naming(plan, 7)


def test_after_an_agreed_call_the_second_follow_up_is_written():
    """The permission covers one call by the agreed day, so a later second follow-up is written."""
    plan = plan_for(
        next_step=NextStep.VAGUE,
        call_ok_by=D(2026, 12, 1),
        preferred_channel=Channel.PHONE,
        further_news=(NEWS,),
    )
    first, second = follow_ups(plan)
    assert (first.date, first.channel) == (D(2026, 12, 1), Channel.PHONE)
    assert second.channel is Channel.EMAIL


@pytest.mark.parametrize("next_step", OPEN_ENDED)
def test_without_permission_a_phone_lover_follows_up_by_email(next_step):
    """A vague answer without permission to call means written follow-ups and a rule-7 warning."""
    plan = plan_for(next_step=next_step, preferred_channel=Channel.PHONE, further_news=(NEWS,))
    assert [step.channel for step in follow_ups(plan)] == [Channel.EMAIL, Channel.EMAIL]
    assert warnings_naming(plan, 7)
    assert all(step.draft.subject for step in follow_ups(plan))


def test_without_permission_a_letter_lover_follows_up_by_letter():
    """A vague answer without permission, for a learner who likes letters, means a letter."""
    plan = plan_for(next_step=NextStep.VAGUE, preferred_channel=Channel.LETTER)
    assert [step.channel for step in follow_ups(plan)] == [Channel.LETTER]
    assert not warnings_naming(plan, 7)


def test_a_vague_answer_cites_call_or_email():
    """A vague answer's follow-up cites the call-or-email section of the guidance."""
    assert follow_ups(plan_for(next_step=NextStep.VAGUE))[0].section is Section.CALL_OR_EMAIL


# == rule 8: a decision date ===================================================================


def test_decision_date_follow_up_comes_the_first_business_day_after_it():
    """A decision due Friday 2026-12-04 brings the follow-up on Monday 2026-12-07."""
    plan = plan_for(next_step=NextStep.DECISION_DATE, decision_date=D(2026, 12, 4))
    assert thank_yous(plan)[0].date == MONDAY
    first = follow_ups(plan)[0]
    assert first.date == D(2026, 12, 7)
    assert first.section is Section.CLARIFY
    assert "decision date" in first.why


def test_decision_date_follow_up_skips_christmas():
    """With country US, a decision due Thursday 2026-12-24 brings the follow-up on Monday Dec 28."""
    plan = plan_for(next_step=NextStep.DECISION_DATE, decision_date=D(2026, 12, 24), country="US")
    assert follow_ups(plan)[0].date == D(2026, 12, 28)


def test_decision_date_on_a_friday_before_a_learners_holiday():
    """A decision due Friday 2026-12-04 with Monday off brings the follow-up on Tuesday the 8th."""
    plan = plan_for(
        next_step=NextStep.DECISION_DATE,
        decision_date=D(2026, 12, 4),
        holidays=frozenset({D(2026, 12, 7)}),
    )
    assert follow_ups(plan)[0].date == D(2026, 12, 8)


def test_no_follow_up_on_or_before_the_decision_date():
    """Nothing but the thank-you comes on or before the decision date."""
    plan = plan_for(
        next_step=NextStep.DECISION_DATE, decision_date=D(2026, 12, 4), further_news=(NEWS,)
    )
    assert all(step.date > D(2026, 12, 4) for step in follow_ups(plan))


def test_a_decision_date_right_after_the_interview_still_waits_for_the_floor():
    """A decision due the day after the interview still waits for the 3rd business day."""
    plan = plan_for(next_step=NextStep.DECISION_DATE, decision_date=D(2026, 11, 24))
    assert follow_ups(plan)[0].date == FLOOR


# == rule 9: background check or test ==========================================================


def test_background_check_lists_consent_and_documents():
    """A background check comes with a list to prepare: consent and documents."""
    plan = plan_for(next_step=NextStep.BACKGROUND_CHECK)
    text = " ".join(plan.prepare).lower()
    assert plan.prepare
    assert "consent" in text
    assert "documents" in text


def test_assessment_lists_practice():
    """A test or assessment comes with a list to prepare that includes practice."""
    plan = plan_for(next_step=NextStep.ASSESSMENT)
    assert plan.prepare
    assert "practi" in " ".join(plan.prepare).lower()


@pytest.mark.parametrize(
    "next_step", [NextStep.UNKNOWN, NextStep.VAGUE, NextStep.DECISION_DATE, NextStep.HANDED_OFF]
)
def test_other_next_steps_have_nothing_to_prepare(next_step):
    """Only a background check or a test comes with a preparation list."""
    assert plan_for(next_step=next_step, decision_date=D(2026, 12, 4)).prepare == ()


@pytest.mark.parametrize("next_step", [NextStep.BACKGROUND_CHECK, NextStep.ASSESSMENT])
def test_check_follow_up_comes_after_the_expected_date(next_step):
    """Told to expect news by Wednesday 2026-12-02, the follow-up comes Thursday 2026-12-03."""
    plan = plan_for(next_step=next_step, expected_by=D(2026, 12, 2))
    first = follow_ups(plan)[0]
    assert first.date == D(2026, 12, 3)
    assert first.section is Section.CLARIFY


def test_check_follow_up_after_a_friday_expected_date_comes_monday():
    """An assessment result expected by Friday 2026-12-04 is followed up on Monday 2026-12-07."""
    plan = plan_for(next_step=NextStep.ASSESSMENT, expected_by=D(2026, 12, 4))
    assert follow_ups(plan)[0].date == D(2026, 12, 7)


def test_check_follow_up_skips_christmas():
    """With country US, a check expected by Thursday 2026-12-24 is followed up Monday the 28th."""
    plan = plan_for(next_step=NextStep.BACKGROUND_CHECK, expected_by=D(2026, 12, 24), country="US")
    assert follow_ups(plan)[0].date == D(2026, 12, 28)


@pytest.mark.parametrize("next_step", [NextStep.BACKGROUND_CHECK, NextStep.ASSESSMENT])
def test_check_without_a_date_waits_five_business_days(next_step):
    """Without a date from the employer, a check or test is followed up 5 business days on."""
    assert follow_ups(plan_for(next_step=next_step))[0].date == FIFTH


# == rule 10: people-facing roles ==============================================================


@pytest.mark.parametrize("next_step", WITH_FOLLOW_UP)
def test_people_facing_roles_always_get_a_follow_up_and_the_reason(next_step):
    """For a people-facing role, a follow-up is planned and its reason says why it matters."""
    plan = plan_for(next_step=next_step, people_facing=True, decision_date=D(2026, 12, 4))
    first = follow_ups(plan)[0]
    assert "people-facing" in first.why


def test_other_roles_are_not_told_they_are_people_facing():
    """A role that is not people-facing does not get the people-facing reason."""
    assert all("people-facing" not in step.why for step in plan_for().steps)


# == rule 11: channel ==========================================================================


@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.PHONE, Channel.LETTER])
@pytest.mark.parametrize(
    "next_step", [NextStep.DECISION_DATE, NextStep.BACKGROUND_CHECK, NextStep.ASSESSMENT]
)
def test_the_preferred_channel_is_used_for_follow_ups(channel, next_step):
    """Where no rule says otherwise, follow-ups go by the channel the learner prefers."""
    plan = plan_for(
        next_step=next_step,
        preferred_channel=channel,
        decision_date=D(2026, 12, 4),
        further_news=(NEWS,),
    )
    assert [step.channel for step in follow_ups(plan)] == [channel, channel]
    assert not warnings_naming(plan, 7)


def test_email_follow_ups_use_the_preferred_channel_without_warnings():
    """An email lover with no special answer gets email follow-ups and no channel warning."""
    plan = plan_for(further_news=(NEWS,))
    assert {step.channel for step in plan.steps} == {Channel.EMAIL}
    assert not any(warnings_naming(plan, rule) for rule in (1, 5, 6, 7))


def test_the_plan_shows_what_the_channel_costs():
    """The plan shows the cost of the preferred channel: a call's surprises, a letter's slowness."""
    phone = plan_for(preferred_channel=Channel.PHONE).channel_costs
    assert "unexpected" in phone
    assert "rejection" in phone
    letter = plan_for(preferred_channel=Channel.LETTER).channel_costs
    assert "days to arrive" in letter
    assert plan_for().channel_costs != phone != letter


# == rule 12: conditional steps and answers ====================================================


def test_every_follow_up_is_conditional():
    """Every follow-up happens only if no answer has come, and says so."""
    plan = plan_for(further_news=(NEWS,))
    steps = follow_ups(plan)
    assert len(steps) == 2
    assert all(step.conditional for step in steps)
    assert all(step.why.startswith("If") for step in steps)


def test_an_answer_cancels_the_remaining_follow_ups():
    """An offer on 2026-12-01 cancels the follow-up of 2026-12-07 but keeps those already past."""
    plan = plan_for(further_news=(NEWS,))
    answered = record_answer(plan, Answer.OFFER, D(2026, 12, 1))
    assert [step.date for step in answered.steps] == [MONDAY, FIFTH]
    assert [step.date for step in answered.cancelled] == [D(2026, 12, 7)]
    assert answered.answer is Answer.OFFER
    assert "offer" in answered.stop
    assert answered.replies[Answer.OFFER] == plan.replies[Answer.OFFER]


def test_an_answer_on_a_follow_up_day_cancels_that_follow_up():
    """An answer that arrives on the follow-up's own day cancels that follow-up too."""
    answered = record_answer(plan_for(further_news=(NEWS,)), Answer.REJECTION, FIFTH)
    assert [step.kind for step in answered.steps] == [Kind.THANK_YOU]
    assert len(answered.cancelled) == 2
    assert "door open" in answered.stop


def test_an_answer_never_cancels_the_thank_you():
    """An answer on the interview day still leaves the thank-you in the plan."""
    answered = record_answer(plan_for(), Answer.NEXT_ROUND, MONDAY)
    assert [step.kind for step in answered.steps] == [Kind.THANK_YOU]
    assert "next round" in answered.stop


def test_an_answer_after_the_last_step_cancels_nothing():
    """An answer after every step has gone out cancels nothing but still ends the plan."""
    plan = plan_for()
    answered = record_answer(plan, Answer.REJECTION, D(2027, 1, 15))
    assert answered.steps == plan.steps
    assert answered.cancelled == ()
    assert answered.answer is Answer.REJECTION
    assert answered.stop != plan.stop


def test_each_answer_has_its_own_stop_line():
    """Next round, offer and rejection each end the plan with their own words."""
    plan = plan_for()
    stops = {record_answer(plan, answer, FIFTH).stop for answer in Answer}
    assert len(stops) == 3


def test_recording_an_answer_leaves_the_plan_unchanged():
    """Recording an answer returns a new plan and leaves the original as it was."""
    plan = plan_for(further_news=(NEWS,))
    before = dataclasses.replace(plan)
    record_answer(plan, Answer.OFFER, MONDAY)
    assert plan == before
    assert plan.answer is None


@pytest.mark.parametrize("next_step", list(NextStep))
def test_the_three_replies_are_drafted(next_step):
    """Every plan has replies to a next round, an offer and a rejection, naming company and role."""
    plan = plan_for(next_step=next_step, decision_date=D(2026, 12, 4))
    assert set(plan.replies) == set(Answer)
    for draft in plan.replies.values():
        assert draft.channel is Channel.EMAIL
        assert draft.to == DANA
        assert "Account Manager" in draft.subject
        assert "Acme Analytics" in draft.body
        assert draft.body.startswith("Dear Dana,")


def test_the_replies_confirm_or_keep_the_door_open():
    """The next-round reply confirms the step; the rejection reply asks to be kept in mind."""
    replies = plan_for().replies
    assert "next round" in replies[Answer.NEXT_ROUND].body
    assert "offer" in replies[Answer.OFFER].body
    assert "future openings" in replies[Answer.REJECTION].body


# == holidays by country =======================================================================


def test_bavarian_holidays_are_skipped_but_not_elsewhere_in_germany():
    """An afternoon interview on 2026-01-05 is thanked on Jan 6 in DE, but Jan 7 in DE-BY."""
    germany = plan_for(date=D(2026, 1, 5), time=dt.time(15, 0), country="DE")
    bavaria = plan_for(date=D(2026, 1, 5), time=dt.time(15, 0), country="DE-BY")
    assert thank_yous(germany)[0].date == D(2026, 1, 6)
    assert thank_yous(bavaria)[0].date == D(2026, 1, 7)


def test_country_codes_in_lower_case_work():
    """`us` skips Thanksgiving just like `US`."""
    assert follow_ups(plan_for(country="us"))[0].date == D(2026, 12, 1)


def test_country_code_is_cleaned_of_spaces():
    """A country typed with spaces or a newline around it is still recognised."""
    assert follow_ups(plan_for(country=" US\n"))[0].date == D(2026, 12, 1)


# == properties over generated interviews ======================================================

PROPERTY = settings(max_examples=200)


@PROPERTY
@given(iv=interviews())
def test_steps_are_in_date_order(iv):
    """A plan's steps never go back in time."""
    dates = [step.date for step in make_plan(iv).steps]
    assert dates == sorted(dates)


@PROPERTY
@given(iv=interviews())
def test_every_step_falls_on_a_business_day(iv):
    """No step lands on a weekend, a day off the learner gave, or a public holiday."""
    calendar = ReferenceCalendar(iv)
    for step in make_plan(iv).steps:
        assert calendar.is_business_day(step.date), step


@PROPERTY
@given(iv=interviews())
def test_thank_yous_come_first_one_per_interviewer_by_email(iv):
    """The plan opens with one thank-you email per interviewer, on the rule-1 day."""
    plan = make_plan(iv)
    calendar = ReferenceCalendar(iv)
    count = len(iv.interviewers)
    assert [step.kind for step in plan.steps[:count]] == [Kind.THANK_YOU] * count
    assert Kind.THANK_YOU not in [step.kind for step in plan.steps[count:]]
    early = iv.time is None or iv.time < dt.time(14, 0)
    day = calendar.first_on_or_after(iv.date) if early else calendar.first_after(iv.date)
    for step, person in zip(plan.steps[:count], iv.interviewers, strict=True):
        assert (step.date, step.channel, step.draft.to.name) == (day, Channel.EMAIL, person.name)
        assert not step.conditional
        if iv.preferred_channel is not Channel.LETTER:
            assert step.note == ""
        elif iv.next_step not in NO_FOLLOW_UP:
            assert "handwritten card" in step.note


@PROPERTY
@given(iv=interviews(next_steps=st.sampled_from(WITH_FOLLOW_UP)))
def test_the_first_follow_up_respects_the_floor(iv):
    """The first follow-up is never before the third business day after the interview, unless it
    is the call they agreed to, which still comes after the thank-you (rule 7, revised)."""
    plan = make_plan(iv)
    first = follow_ups(plan)[0]
    if iv.next_step in OPEN_ENDED and iv.call_ok_by is not None:
        assert first.date > thank_yous(plan)[0].date
    else:
        assert ReferenceCalendar(iv).count_between(iv.date, first.date) >= 3


@PROPERTY
@given(iv=interviews(next_steps=st.sampled_from(WITH_FOLLOW_UP)))
def test_follow_ups_are_spaced_and_at_most_two(iv):
    """At most two follow-ups, the second 5 business days after the first, only with news."""
    steps = follow_ups(make_plan(iv))
    assert [step.kind for step in steps] == [Kind.FOLLOW_UP, Kind.SECOND_FOLLOW_UP][: len(steps)]
    news = {item.strip(" .;:,!?") for item in iv.new_info}
    further = {item.strip(" .;:,!?") for item in iv.further_news} - news - {""}
    assert len(steps) == (2 if further else 1)
    if len(steps) == 2:
        calendar = ReferenceCalendar(iv)
        assert calendar.count_between(steps[0].date, steps[1].date) >= 3
        assert steps[1].date == calendar.nth_after(steps[0].date, 5)


@PROPERTY
@given(iv=interviews(next_steps=st.sampled_from(WITH_FOLLOW_UP)))
def test_the_first_follow_up_falls_on_the_day_the_rules_give(iv):
    """The first follow-up falls on the agreed call day (after the thank-you's day), or else on
    the day after a decision or expected date or the 5th business day, whichever applies, but
    never before the 3rd business day."""
    calendar = ReferenceCalendar(iv)
    floor = calendar.nth_after(iv.date, 3)
    plan = make_plan(iv)
    if iv.next_step in OPEN_ENDED and iv.call_ok_by is not None:
        thanked = thank_yous(plan)[0].date
        agreed = calendar.first_on_or_after(iv.call_ok_by)
        expected = agreed if agreed > thanked else calendar.first_after(thanked)
        assert follow_ups(plan)[0].date == expected
        return
    if iv.next_step is NextStep.DECISION_DATE:
        assert iv.decision_date is not None
        target = calendar.first_after(iv.decision_date)
    elif iv.next_step in (NextStep.BACKGROUND_CHECK, NextStep.ASSESSMENT):
        known = iv.expected_by
        target = calendar.first_after(known) if known else calendar.nth_after(iv.date, 5)
    else:
        assume(iv.expected_by is None)  # the rules give no day for this case
        target = calendar.nth_after(iv.date, 5)
    assert follow_ups(plan)[0].date == max(floor, target)


@PROPERTY
@given(iv=interviews(next_steps=st.sampled_from(NO_FOLLOW_UP)))
def test_do_not_contact_and_hand_off_leave_only_thank_yous(iv):
    """After "do not call us" or a hand-off, the plan holds only thank-you emails and says why."""
    plan = make_plan(iv)
    assert {step.kind for step in plan.steps} == {Kind.THANK_YOU}
    assert {step.channel for step in plan.steps} == {Channel.EMAIL}
    rule = 5 if iv.next_step is NextStep.DO_NOT_CONTACT else 6
    assert warnings_naming(plan, rule)


@PROPERTY
@given(iv=interviews(next_steps=st.sampled_from(OPEN_ENDED)))
def test_calls_after_a_vague_answer_fall_only_on_the_agreed_day(iv):
    """After a vague answer, a call is planned only with permission, and only on the agreed day."""
    plan = make_plan(iv)
    calls = [step for step in plan.steps if step.channel is Channel.PHONE]
    if iv.call_ok_by is None:
        assert calls == []
        return
    calendar = ReferenceCalendar(iv)
    thanked = thank_yous(plan)[0].date
    day = calendar.first_on_or_after(iv.call_ok_by)
    day = day if day > thanked else calendar.first_after(thanked)
    assert follow_ups(plan)[0].channel is Channel.PHONE
    assert [step.date for step in calls] == [day]


@PROPERTY
@given(iv=interviews(next_steps=st.just(NextStep.DECISION_DATE)))
def test_no_follow_up_on_or_before_any_decision_date(iv):
    """With a decision date, every follow-up comes after it; the thank-you still goes out."""
    plan = make_plan(iv)
    assert iv.decision_date is not None
    assert thank_yous(plan)
    assert all(step.date > iv.decision_date for step in follow_ups(plan))


@PROPERTY
@given(iv=interviews())
def test_every_follow_up_is_conditional_and_cites_a_section(iv):
    """Every follow-up waits on there being no answer; each step gives a one-line reason."""
    for step in make_plan(iv).steps:
        assert step.conditional == (step.kind is not Kind.THANK_YOU)
        assert isinstance(step.section, Section)
        assert step.why.endswith(".")
        assert "\n" not in step.why


@PROPERTY
@given(iv=interviews())
def test_people_facing_roles_get_a_follow_up_unless_forbidden(iv):
    """A people-facing role has a follow-up, with the reason, unless rule 5 or 6 forbids it."""
    plan = make_plan(iv)
    if iv.next_step in NO_FOLLOW_UP:
        assert not follow_ups(plan)
    elif iv.people_facing:
        assert "people-facing" in follow_ups(plan)[0].why


@PROPERTY
@given(iv=interviews())
def test_warnings_say_why_in_plain_words_and_carry_a_code(iv):
    """No warning opens with a rule number: each says why in words, names what it is about
    with a code, and points to one of the twelve rules or to none."""
    plan = make_plan(iv)
    for warning in plan.warnings:
        assert not re.search(r"\brules? \d", warning.text, re.IGNORECASE), warning.text
        assert isinstance(warning.code, WarningCode)
        assert warning.rule is None or 1 <= warning.rule <= 12
        assert str(warning) == warning.text


@PROPERTY
@given(iv=interviews())
def test_a_change_of_channel_comes_with_a_warning_naming_the_rule(iv):
    """Whenever a step does not use the preferred channel, a warning names the rule behind it."""
    plan = make_plan(iv)
    for step in plan.steps:
        if step.channel is iv.preferred_channel:
            continue
        rule = 1 if step.kind is Kind.THANK_YOU else 7
        assert warnings_naming(plan, rule), (step, plan.warnings)
    if iv.next_step in NO_FOLLOW_UP and iv.preferred_channel is not Channel.EMAIL:
        assert warnings_naming(plan, 5 if iv.next_step is NextStep.DO_NOT_CONTACT else 6)


@PROPERTY
@given(iv=interviews(next_steps=st.sampled_from(WITH_FOLLOW_UP)))
def test_the_first_follow_up_uses_the_channel_the_rules_give(iv):
    """The first follow-up is the agreed call, an email instead of an unagreed call, or the pick."""
    first = follow_ups(make_plan(iv))[0]
    if iv.next_step in OPEN_ENDED and iv.call_ok_by is not None:
        assert first.channel is Channel.PHONE
    elif iv.next_step in OPEN_ENDED and iv.preferred_channel is Channel.PHONE:
        assert first.channel is Channel.EMAIL
    else:
        assert first.channel is iv.preferred_channel


@PROPERTY
@given(iv=interviews())
def test_drafts_are_short_named_and_modest(iv):
    """Written follow-ups are 3-5 sentences; every draft names the company; none boasts."""
    plan = make_plan(iv)
    for step in follow_ups(plan):
        if step.channel is not Channel.PHONE:
            assert 3 <= len(body_sentences(step.draft)) <= 5, step.draft.body
        assert addressed(make_plan(iv).interview.main_contact) in step.draft.body
    for draft in all_drafts(plan):
        assert iv.company in draft.body
        assert "strongest candidate" not in draft.body.lower()
        if draft.subject:
            assert iv.role in draft.subject


@PROPERTY
@given(iv=interviews())
def test_make_plan_is_deterministic(iv):
    """The same interview always gives the same plan."""
    assert make_plan(iv) == make_plan(dataclasses.replace(iv))


@PROPERTY
@given(
    iv=interviews(),
    offset=st.integers(0, 120),
    answer=st.sampled_from(Answer),
)
def test_an_answer_cancels_exactly_the_follow_ups_from_its_day_on(iv, offset, answer):
    """After an answer, no follow-up remains on or after its day, and nothing else is lost."""
    plan = make_plan(iv)
    on = iv.date + dt.timedelta(days=offset)
    answered = record_answer(plan, answer, on)
    assert answered.answer is answer
    assert not any(step.conditional and step.date >= on for step in answered.steps)
    assert all(step.conditional and step.date >= on for step in answered.cancelled)
    assert len(answered.steps) + len(answered.cancelled) == len(plan.steps)
    assert [step for step in plan.steps if step not in answered.cancelled] == list(answered.steps)
    assert answered.replies == plan.replies


# == hostile text ==============================================================================

_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _controls(text: str, allowed: str = "") -> list[str]:
    return [c for c in text if c not in allowed and unicodedata.category(c) in ("Cc", "Zl", "Zp")]


@settings(max_examples=100)
@given(iv=interviews(text=visible_hostile_text, countries=st.just("")))
def test_hostile_text_never_breaks_a_plan(iv):
    """Newlines, NULs, markup, emoji, RTL and huge strings in any field still give a clean plan."""
    plan = make_plan(iv)
    assert record_answer(plan, Answer.REJECTION, iv.date).answer is Answer.REJECTION
    for draft in all_drafts(plan):
        assert not _LINE_BREAKS.search(draft.subject), repr(draft.subject)
        assert not _controls(draft.subject), repr(draft.subject)
        assert not _controls(draft.body, allowed="\n"), repr(draft.body)
        assert not _LINE_BREAKS.search(str(draft.to))
        assert not _LINE_BREAKS.search(draft.to.name)
    for line in (plan.stop, *plan.warning_texts, *(step.why for step in plan.steps)):
        assert not _LINE_BREAKS.search(line)


@settings(max_examples=100)
@given(email=hostile_text)
def test_a_hostile_email_address_is_refused_or_kept_on_one_line(email):
    """Any text typed as an email either makes a plan with a one-line address or is refused."""
    try:
        plan = make_plan(interview(interviewers=(Interviewer("Dana", email),)))
    except PlanInputError as error:
        assert error.field == "interviewers"
    else:
        for draft in all_drafts(plan):
            assert not _LINE_BREAKS.search(draft.to.email)
            assert "@" in draft.to.email or draft.to.email == ""


@settings(max_examples=100)
@given(country=st.one_of(hostile_text, st.sampled_from(["US", "de-by", "gb", "XX", "US-ZZ"])))
def test_any_typed_country_gives_a_plan_or_a_country_error(country):
    """Whatever is typed as a country, the planner makes a plan or refuses it on `country`."""
    try:
        make_plan(interview(country=country))
    except PlanInputError as error:
        assert error.field == "country"


# == signing and punctuation ===================================================================


def test_a_company_name_ending_in_a_full_stop_gets_no_second_one():
    """`Initech Inc.` at the end of a sentence reads `Inc.`, not `Inc..`."""
    plan = plan_for(company="Initech Inc.")
    assert all(".." not in step.draft.body for step in plan.steps)
    assert any("Initech Inc. " in step.draft.body for step in plan.steps)


def test_unsigned_drafts_come_with_a_reminder_to_add_a_name():
    """Without a name the plan says the drafts are unsigned; with one, they are signed."""
    unsigned = plan_for(candidate="")
    assert WarningCode.ADD_NAME in codes(unsigned)
    signed = plan_for(candidate="Alex Kim")
    assert WarningCode.ADD_NAME not in codes(signed)
    written = [s for s in signed.steps if s.draft.subject]
    assert written and all(s.draft.body.rstrip().endswith("Alex Kim") for s in written)
