"""The draft reviewer: each finding and its absence, the planner's own drafts, the labelled
corpus, and hostile input."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.reviewer_corpus import Entry, found, load_corpus
from workbook.model import (
    PLAN_CHANNELS,
    Answer,
    Channel,
    Draft,
    Finding,
    Interview,
    Interviewer,
    Kind,
    NextStep,
    Section,
)
from workbook.rules.planner import make_plan
from workbook.rules.reviewer import CODES, review, review_panel, review_reply

DANA = Interviewer("Dana Reyes", "dana@initech.example")
DAY = dt.date(2026, 3, 2)
SECTIONS = {section.value for section in Section}

GOOD_FOLLOW_UP = (
    "Dear Dana,\n\n"
    "I am still very interested in the Data Analyst position at Initech. "
    "As a reminder, I cut reporting time by 30% at Globex. "
    "I would be glad to hear how things are going whenever you have news. "
    "If references or any other information would help, I am happy to send them.\n\n"
    "Kind regards,\nSam Lee\n"
)
GOOD_THANK_YOU = (
    "Dear Dana,\n\n"
    "Thank you for taking the time to talk with me today about the Data Analyst position at "
    "Initech. I enjoyed our conversation about the churn dashboard, and I look forward to "
    "hearing about the next steps.\n\n"
    "Kind regards,\nSam Lee\n"
)
GOOD_SECOND = GOOD_FOLLOW_UP.replace(
    "Dear Dana,\n\n", "Dear Dana,\n\nSince we spoke, I have passed the AWS Data Engineer exam. "
).replace("As a reminder, I cut", "I also cut")


def interview(**changes: object) -> Interview:
    base = Interview(
        date=DAY,
        company="Initech",
        role="Data Analyst",
        interviewers=(DANA,),
        highlights=("cut reporting time by 30% at Globex",),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def codes(
    body: str,
    kind: Kind = Kind.FOLLOW_UP,
    *,
    subject: str = "Following up",
    channel: Channel = Channel.EMAIL,
    to: Interviewer = DANA,
    **context: object,
) -> set[str]:
    moment = str(context.pop("moment", ""))
    draft = Draft(channel, subject, body, dataclasses.replace(to, moment=moment))
    return {finding.code for finding in review(draft, kind, interview(**context))}


# -- good drafts --------------------------------------------------------------------------------


def test_good_follow_up_gets_no_findings():
    """A short follow-up with interest, hearing back, references and a highlight is fine."""
    assert codes(GOOD_FOLLOW_UP) == set()


def test_good_thank_you_gets_no_findings():
    """A short thank-you that thanks, names the role and the company is fine."""
    assert codes(GOOD_THANK_YOU, Kind.THANK_YOU, subject="Thank you") == set()


def test_good_second_follow_up_gets_no_findings():
    """A second follow-up that brings news and the rest of rule 3 is fine."""
    assert codes(GOOD_SECOND, Kind.SECOND_FOLLOW_UP) == set()


def test_findings_are_complete_and_in_order():
    """Every finding has a known code, a rule or section, one calm sentence and a suggestion."""
    body = "Hi, any update on the job?? [Your name]"
    findings = review(Draft(Channel.EMAIL, "", body, DANA), Kind.FOLLOW_UP, interview())
    assert len(findings) >= 5
    assert [f.code for f in findings] == sorted((f.code for f in findings), key=CODES.index)
    for finding in findings:
        assert re.fullmatch(r"rule \d+", finding.rule) or finding.rule in SECTIONS
        assert finding.message.endswith(".") and finding.suggestion.endswith((".", "”"))
        assert "\n" not in finding.message + finding.suggestion


# -- rule 3: what a follow-up says -----------------------------------------------------------


def test_follow_up_without_interest_is_told_to_say_it():
    """A follow-up that never says the candidate is still interested is told to say so."""
    body = GOOD_FOLLOW_UP.replace("I am still very interested in", "I interviewed for")
    assert codes(body) == {"no-interest"}


def test_follow_up_without_hearing_back_is_told_to_ask():
    """A follow-up that never says the candidate would like to hear back is told to add it."""
    body = GOOD_FOLLOW_UP.replace(
        "I would be glad to hear how things are going whenever you have news. ", ""
    )
    assert codes(body) == {"no-hear-back"}


def test_follow_up_without_references_is_told_to_offer_them():
    """A follow-up that never mentions references is told to offer them."""
    body = GOOD_FOLLOW_UP.replace(
        "If references or any other information would help, I am happy to send them.",
        "Have a good week.",
    )
    assert codes(body) == {"no-references"}


def test_follow_up_without_highlight_is_told_to_add_one():
    """A follow-up that reminds them of no skill is told to add one of the learner's highlights."""
    body = GOOD_FOLLOW_UP.replace("As a reminder, I cut reporting time by 30% at Globex. ", "")
    findings = review(Draft(Channel.EMAIL, "Hi", body, DANA), Kind.FOLLOW_UP, interview())
    assert [f.code for f in findings] == ["no-highlight"]
    assert "cut reporting time by 30% at Globex" in findings[0].suggestion


def test_highlight_in_other_words_counts():
    """A listed highlight counts when the draft says it in other words."""
    body = GOOD_FOLLOW_UP.replace(
        "As a reminder, I cut reporting time by 30% at Globex.",
        "At Globex the reporting took a third less time once I had automated it.",
    )
    assert codes(body) == set()


def test_generic_accomplishment_counts_without_listed_highlights():
    """Without listed highlights, any plain sign of a skill or accomplishment counts."""
    body = GOOD_FOLLOW_UP.replace(
        "As a reminder, I cut reporting time by 30% at Globex.",
        "I led the migration of our billing reports last year.",
    )
    assert codes(body, highlights=()) == set()
    without = GOOD_FOLLOW_UP.replace("As a reminder, I cut reporting time by 30% at Globex. ", "")
    assert codes(without, highlights=()) == {"no-highlight"}


# -- rules 1 and 4: thanks, the moment, news ------------------------------------------------------


def test_thank_you_that_does_not_thank_is_told_to():
    """A thank-you that never thanks is told to open with thanks."""
    body = GOOD_THANK_YOU.replace("Thank you for taking the time to talk", "It was good to talk")
    assert codes(body, Kind.THANK_YOU) == {"no-thanks"}


def test_follow_up_need_not_thank():
    """A follow-up without a word of thanks is not asked for one."""
    assert "no-thanks" not in codes(GOOD_FOLLOW_UP)


def test_thank_you_without_the_noted_moment_is_told_to_recall_it():
    """A thank-you that leaves out the moment the learner noted is told to recall it."""
    moment = "the whiteboard exercise on customer churn"
    assert codes(GOOD_THANK_YOU, Kind.THANK_YOU, moment=moment) == {"no-moment"}
    recalled = GOOD_THANK_YOU.replace("the churn dashboard", "the churn whiteboard exercise")
    assert codes(recalled, Kind.THANK_YOU, moment=moment) == set()


def test_second_follow_up_without_news_is_told_to_bring_some():
    """A second follow-up that only checks in again is told it needs news."""
    body = GOOD_FOLLOW_UP.replace("I am still", "Any update? I am still")
    findings = review(Draft(Channel.EMAIL, "Hi", body, DANA), Kind.SECOND_FOLLOW_UP, interview())
    assert [f.code for f in findings] == ["no-new-info"]
    assert findings[0].rule == "rule 4"


def test_second_follow_up_must_carry_the_listed_news():
    """When the learner listed news, a second follow-up must carry it."""
    news = ("my relocation is sorted, so I can start immediately",)
    body = GOOD_FOLLOW_UP.replace("I am still", "I hope all is well. I am still")
    assert codes(body, Kind.SECOND_FOLLOW_UP, new_info=news) == {"no-new-info"}
    carried = body.replace("I hope all is well.", "My relocation is now sorted.")
    assert codes(carried, Kind.SECOND_FOLLOW_UP, new_info=news) == set()


def test_first_follow_up_needs_no_news():
    """A first follow-up is not asked for news."""
    assert "no-new-info" not in codes(GOOD_FOLLOW_UP)


# -- tone -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "I am confident I am the strongest candidate you have seen.",
        "Honestly, I need this job.",
        "Why haven't you replied to me?",
        "Why haven’t you replied to me?",
        "Please get back to me ASAP.",
        "Per my last email, I am still waiting.",
        "I expect a reply by Friday.",
        "Any news on my application??",
        "I AM STILL VERY KEEN.",
        "I REALLY want this.",
        "I turned down another offer for this.",
        "If I do not hear back by Monday, I will assume you are not interested.",
        "This is my third email about it.",
        "You never even replied.",
    ],
)
def test_pushy_wording_is_flagged(sentence: str):
    """Pushy, desperate, demanding or shouted wording is flagged, citing `bothersome`."""
    body = GOOD_FOLLOW_UP.replace("As a reminder,", f"{sentence} As a reminder,")
    findings = review(Draft(Channel.EMAIL, "Hi", body, DANA), Kind.FOLLOW_UP, interview())
    assert [(f.code, f.rule) for f in findings] == [("pushy", "bothersome")]


def test_many_exclamation_marks_are_flagged():
    """Four sentences that all end in exclamation marks read as pressure; one does not."""
    excited = GOOD_FOLLOW_UP.replace(". ", "! ").replace("them.", "them!")
    assert codes(excited) == {"pushy"}
    assert codes(GOOD_FOLLOW_UP.replace("them.", "them!")) == set()


@pytest.mark.parametrize(
    "sentence",
    [
        "I could start as soon as possible.",
        "If I have not heard by Friday, would it be all right to call you?",
        "I expect to finish my certificate in May.",
        "I worked with SQL, AWS and dbt.",
        "It was great to meet you!",
        "I would welcome the chance to be considered for the role.",
        "I left my previous position in 2024 to study.",
    ],
)
def test_calm_wording_is_not_flagged(sentence: str):
    """Calm wording that shares words with pushy phrases is left alone."""
    body = GOOD_FOLLOW_UP.replace("As a reminder,", f"{sentence} As a reminder,")
    assert codes(body) == set()


def test_names_in_capitals_are_not_shouting():
    """A company, role or name written in capitals is not taken for shouting."""
    body = GOOD_FOLLOW_UP.replace("Initech", "IBM GLOBAL SERVICES")
    assert codes(body, company="IBM GLOBAL SERVICES") == set()


# -- length -------------------------------------------------------------------------------------


def test_follow_up_over_five_sentences_is_too_long():
    """A follow-up of six sentences is told to keep to three to five; five are fine."""
    five = GOOD_FOLLOW_UP.replace("As a reminder,", "I enjoyed our talk. As a reminder,")
    assert codes(five) == set()
    six = five.replace("I enjoyed our talk.", "I enjoyed our talk. It was a good day.")
    assert codes(six) == {"too-long"}


def test_abbreviations_do_not_end_sentences():
    """`Dr.`, `e.g.`, `U.S.`, `a.m.` and `Inc.` inside a sentence do not count as its end."""
    body = GOOD_FOLLOW_UP.replace(
        "As a reminder, I cut reporting time by 30% at Globex.",
        "As Dr. Lee said at 9 a.m. on Tue. 3 March, my U.S. work (e.g. at Globex Inc. and "
        "Acme Ltd. in St. Louis) cut reporting time by 30%... which matters here.",
    )
    assert codes(body) == set()


def test_long_sentences_are_too_long_too():
    """Five sentences that run past the word ceiling are too long as well."""
    padding = " and also, if I may add, one more thing about the work" * 12
    body = GOOD_FOLLOW_UP.replace("at Globex.", f"at Globex{padding}.")
    assert codes(body) == {"too-long"}


def test_thank_you_over_six_sentences_is_too_long():
    """A thank-you of seven sentences is told it is long."""
    extra = "I liked the office. The team seemed kind. The coffee was good. So was the view. "
    extra += "The drive was easy. "
    body = GOOD_THANK_YOU.replace("I enjoyed", extra + "I enjoyed")
    assert codes(body, Kind.THANK_YOU) == {"too-long"}


def test_message_that_says_almost_nothing_is_too_short():
    """A follow-up of a few words is told it says too little."""
    assert "too-short" in codes("Hi Dana,\n\nAny news about the Data Analyst job at Initech?")


def test_letter_heading_does_not_count_as_sentences():
    """A letter's date and address lines above the greeting are not sentences."""
    heading = "Monday, March 9\n\nDana Reyes\nInitech Inc.\n12 Harbour Road\nSpringfield\n\n"
    assert codes(heading + GOOD_FOLLOW_UP, subject="", channel=Channel.LETTER) == set()


# -- form -------------------------------------------------------------------------------------


def test_copied_company_name_is_flagged():
    """A draft that names another company and never this one is told to name it."""
    assert codes(GOOD_FOLLOW_UP.replace("Initech", "Globex Corp")) == {"company-missing"}


def test_company_is_found_without_its_legal_suffix():
    """`Initech` names `Initech, Inc.`, and curly and straight apostrophes are alike."""
    assert codes(GOOD_FOLLOW_UP, company="Initech, Inc.") == set()
    body = GOOD_FOLLOW_UP.replace("Initech", "Macy’s")
    assert codes(body, company="Macy's") == set()


def test_missing_role_is_flagged():
    """A draft that never names the role is told to name it."""
    body = GOOD_FOLLOW_UP.replace("Data Analyst position", "position")
    assert codes(body) == {"role-missing"}


def test_role_is_found_in_a_shorter_form():
    """`the analyst position` names a Senior Data Analyst role; another role's name does not."""
    body = GOOD_FOLLOW_UP.replace("Data Analyst position", "analyst position")
    assert codes(body, role="Senior Data Analyst (Remote)") == set()
    wrong = GOOD_FOLLOW_UP.replace("Data Analyst", "Account Manager")
    assert codes(wrong, role="Customer Success Manager") == {"role-missing"}


@pytest.mark.parametrize("greeting", ["", "Dear Hiring Manager,\n\n", "Hi there,\n\n"])
def test_missing_or_generic_greeting_is_flagged(greeting: str):
    """A written draft that does not greet the addressee by name is told to."""
    body = GOOD_FOLLOW_UP.replace("Dear Dana,\n\n", greeting)
    assert codes(body) == {"no-greeting"}


@pytest.mark.parametrize(
    "greeting", ["Dana,", "Hi Dana!", "Dear Ms. Reyes,", "Good morning Dana -", "Hello DANA,"]
)
def test_greeting_by_name_counts_in_many_forms(greeting: str):
    """A first name, a title and surname, or a name-only line all greet by name."""
    body = GOOD_FOLLOW_UP.replace("Dear Dana,", greeting)
    assert codes(body) == set()


def test_greeting_ignores_accents():
    """`Jose` greets José Núñez: accents are not held against a hurried typist."""
    to = Interviewer("José Núñez")
    assert codes(GOOD_FOLLOW_UP.replace("Dana", "Jose"), to=to) == set()


def test_greeting_someone_else_is_flagged():
    """A greeting that names someone other than the addressee is a wrong name."""
    assert codes(GOOD_FOLLOW_UP.replace("Dear Dana,", "Dear Mr. Henderson,")) == {"wrong-name"}
    assert codes(GOOD_FOLLOW_UP.replace("Dear Dana,", "Hi Dan,")) == {"wrong-name"}


def test_unknown_addressee_is_not_asked_for_a_name():
    """When only an email address is known, no greeting by name is asked for."""
    body = GOOD_FOLLOW_UP.replace("Dear Dana,", "Hello,")
    assert codes(body, to=Interviewer.parse("dana@initech.example")) == set()


@pytest.mark.parametrize(
    "gap", ["[Your name]", "[specific project]", "<company>", "{name}", "{{ role }}", "XXX", "____"]
)
def test_placeholders_are_flagged(gap: str):
    """An unfilled placeholder is flagged wherever it is left."""
    body = GOOD_FOLLOW_UP.replace("Sam Lee", gap)
    assert codes(body) == {"placeholder"}


def test_placeholder_greeting_greets_nobody():
    """`Dear [Interviewer name],` is a placeholder and a missing greeting, not a wrong name."""
    body = GOOD_FOLLOW_UP.replace("Dear Dana,", "Dear [Interviewer name],")
    assert codes(body) == {"placeholder", "no-greeting"}


def test_html_tags_and_plain_brackets_are_not_placeholders():
    """HTML tags and an `[sic]` are not taken for placeholders."""
    body = GOOD_FOLLOW_UP.replace("Kind regards", "<b>Kind regards</b> [sic]")
    assert "placeholder" not in codes(body)


def test_speaker_cue_in_a_call_script_is_not_a_placeholder():
    """In a call script `[your name]` is a cue to speak, but `<company>` is still a gap."""
    script = GOOD_FOLLOW_UP.replace("Dear Dana,", "Hello Dana, this is [your name].")
    assert "placeholder" not in codes(script, channel=Channel.PHONE, call_ok_by=DAY)
    gap = script.replace("at Initech", "at <company>")
    assert "placeholder" in codes(gap, channel=Channel.PHONE, call_ok_by=DAY)


def test_email_without_subject_is_flagged():
    """An email with an empty subject is told to add one; a letter needs none."""
    assert codes(GOOD_FOLLOW_UP, subject="  ") == {"no-subject"}
    assert codes(GOOD_FOLLOW_UP, subject="", channel=Channel.LETTER) == set()


# -- rules 5, 6, 1 and 7: what may be sent, and how ---------------------------------------------


@pytest.mark.parametrize("kind", [Kind.FOLLOW_UP, Kind.SECOND_FOLLOW_UP])
@pytest.mark.parametrize(
    ("next_step", "rule"), [(NextStep.DO_NOT_CONTACT, "rule 5"), (NextStep.HANDED_OFF, "rule 6")]
)
def test_follow_up_that_must_not_be_sent_gets_that_one_finding(
    kind: Kind, next_step: NextStep, rule: str
):
    """After `do not contact us` or a hand-off, any follow-up gets only `not-allowed`."""
    draft = Draft(Channel.EMAIL, "", "Any news??", DANA)
    findings = review(draft, kind, interview(next_step=next_step))
    assert [(f.code, f.rule) for f in findings] == [("not-allowed", rule)]


def test_handed_off_thank_you_must_ask_for_the_new_contact():
    """The last thank-you before a hand-off asks who the contact will be from now on."""
    assert codes(GOOD_THANK_YOU, Kind.THANK_YOU, next_step=NextStep.HANDED_OFF) == {"not-allowed"}
    asking = GOOD_THANK_YOU.replace(
        "I look forward to hearing about the next steps.",
        "Could you tell me who my point of contact will be from here on?",
    )
    assert codes(asking, Kind.THANK_YOU, next_step=NextStep.HANDED_OFF) == set()


def test_do_not_contact_thank_you_must_not_promise_a_call():
    """A thank-you after `do not contact us` may not announce another call or message."""
    dnc = NextStep.DO_NOT_CONTACT
    assert codes(GOOD_THANK_YOU, Kind.THANK_YOU, next_step=dnc) == set()
    promise = GOOD_THANK_YOU.replace("and I look", "I will call you next week, and I look")
    assert codes(promise, Kind.THANK_YOU, next_step=dnc) == {"not-allowed"}


def test_thank_you_by_phone_is_the_wrong_channel():
    """A thank-you is never a call (rule 1)."""
    findings = review(Draft(Channel.PHONE, "", GOOD_THANK_YOU, DANA), Kind.THANK_YOU, interview())
    assert [(f.code, f.rule) for f in findings] == [("wrong-channel", "rule 1")]


def test_uninvited_call_after_a_vague_answer_is_the_wrong_channel():
    """After a vague answer, a follow-up call needs permission to call (rule 7)."""
    vague = NextStep.VAGUE
    assert codes(GOOD_FOLLOW_UP, channel=Channel.PHONE, next_step=vague) == {"wrong-channel"}
    assert codes(GOOD_FOLLOW_UP, channel=Channel.PHONE, next_step=vague, call_ok_by=DAY) == set()
    check = NextStep.BACKGROUND_CHECK
    assert codes(GOOD_FOLLOW_UP, channel=Channel.PHONE, next_step=check) == set()


def test_call_script_skips_form_but_keeps_content_checks():
    """A call script is not held to a greeting or a length, but still to interest and tone."""
    script = "\n".join(["- Say hello and who I am."] * 12)
    script += "\n- Data Analyst role at Initech; cut reporting time by 30% at Globex."
    found = codes(script, channel=Channel.PHONE, subject="", call_ok_by=DAY)
    assert found == {"no-interest", "no-hear-back", "no-references"}
    pushy = script + "\n- Tell her I need this job."
    assert "pushy" in codes(pushy, channel=Channel.PHONE, subject="", call_ok_by=DAY)


# -- the planner's own drafts ---------------------------------------------------------------


CHURN = "the whiteboard exercise on churn"


def _interviews() -> list[Interview]:
    """Every next step, planned channel and mix of optional inputs, with awkward spellings."""
    highlights = (
        "cut reporting time by 30% at Globex Inc.",
        "built the SQL dashboards (e.g. churn and margin) the sales team uses daily",
    )
    news = ("I passed the AWS Solutions Architect exam", "my relocation is sorted")
    people = (
        Interviewer("Dr. José Núñez", "jose@initech.example"),
        Interviewer("Siobhán O’Neil"),
    )
    return [
        Interview(
            date=DAY,
            company="Initech, Inc.",
            role="Senior Data Analyst (Remote)",
            interviewers=tuple(
                dataclasses.replace(person, moment=CHURN if moment else "")
                for person in people[:panel]
            ),
            time=dt.time(15, 30),
            next_step=next_step,
            decision_date=DAY + dt.timedelta(days=8)
            if next_step is NextStep.DECISION_DATE
            else None,
            call_ok_by=DAY + dt.timedelta(days=6) if call_ok else None,
            preferred_channel=channel,
            people_facing=bool(call_ok),
            highlights=highlights[:highlight_count],
            new_info=news[:news_count],
            candidate=candidate,
        )
        for next_step, channel, highlight_count, news_count, moment, call_ok, panel, candidate in (
            itertools.product(
                NextStep, PLAN_CHANNELS, (0, 1, 2), (0, 2), (0, 1), (0, 1), (1, 2), ("", "Sam Lee")
            )
        )
    ]


AWAITING_DRAFT_REWRITE = frozenset({"form-of-address", "no-new-info", "identical-notes"})
"""What the planner's drafts on this branch still do that issue 12 rules out, and the drafts'
rewrite (on main) mends: `Dear Dana Reyes,`, the news held back for a second follow-up, one
note to the whole panel. Empty this set once that rewrite is merged; the strict expected failure
below then passes and says so."""


Complaint = tuple[NextStep, Kind | Answer, Channel, Finding]


def _planner_findings() -> tuple[int, list[Complaint]]:
    """How many drafts the planner writes over `_interviews()`, and every finding on them: each
    step reviewed on its own date, each reply, and each panel's thank-yous side by side."""
    complaints: list[Complaint] = []
    reviewed = 0
    for iv in _interviews():
        plan = make_plan(iv)
        for step in plan.steps:
            reviewed += 1
            for finding in review(step.draft, step.kind, plan.interview, on=step.date):
                complaints.append((iv.next_step, step.kind, step.channel, finding))
        for answer, draft in plan.replies.items():
            reviewed += 1
            for finding in review_reply(draft, answer, plan.interview):
                complaints.append((iv.next_step, answer, draft.channel, finding))
        thank_yous = [step.draft for step in plan.steps if step.kind is Kind.THANK_YOU]
        for finding in review_panel(thank_yous).values():
            complaints.append((iv.next_step, Kind.THANK_YOU, Channel.EMAIL, finding))
    return reviewed, complaints


def test_planner_drafts_get_no_findings():
    """Every draft the planner writes passes the reviewer, for every combination of inputs,
    apart from what its rewrite for issue 12 mends (`AWAITING_DRAFT_REWRITE`)."""
    reviewed, complaints = _planner_findings()
    assert reviewed > 2000
    assert [c for c in complaints if c[-1].code not in AWAITING_DRAFT_REWRITE] == []


@pytest.mark.xfail(
    bool(AWAITING_DRAFT_REWRITE), strict=True, reason="the drafts' rewrite is not merged yet"
)
def test_planner_drafts_meet_issue_12():
    """Once the drafts' rewrite is in, the planner's drafts get no findings at all."""
    assert _planner_findings()[1] == []


def test_planner_covers_every_kind_and_channel():
    """The combinations above reach every kind of step on every planned channel."""
    seen = {(step.kind, step.channel) for iv in _interviews() for step in make_plan(iv).steps}
    assert {kind for kind, _ in seen} == set(Kind)
    assert {channel for _, channel in seen} == set(PLAN_CHANNELS)


# -- the labelled corpus ------------------------------------------------------------------------

CORPUS = load_corpus()


def _case(entry: Entry) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=entry.known_miss)] if entry.known_miss else []
    return pytest.param(entry, id=entry.id, marks=marks)


def test_corpus_is_large_and_varied():
    """The corpus holds at least twenty messages of every kind and every reply, on several
    channels."""
    assert len(CORPUS) >= 20
    assert {entry.kind for entry in CORPUS} == {*Kind, None}
    assert {entry.answer for entry in CORPUS} == {*Answer, None}
    assert {Channel.EMAIL, Channel.LETTER, Channel.PHONE} <= {e.draft.channel for e in CORPUS}
    assert len({entry.id for entry in CORPUS}) == len(CORPUS)
    assert all(set(entry.expected) <= set(CODES) for entry in CORPUS)
    assert sum(bool(entry.known_miss) for entry in CORPUS) <= len(CORPUS) // 10


@pytest.mark.parametrize("entry", [_case(entry) for entry in CORPUS])
def test_corpus_entry_gets_the_coach_findings(entry: Entry):
    """The reviewer gives each corpus message exactly the findings a coach gave it."""
    assert found(entry) == entry.expected


# -- hostile input ------------------------------------------------------------------------------

HOSTILE = {
    "empty": "",
    "whitespace": " \n\t\n ",
    "huge": ("I am still very interested. Dr. e.g. [x] <company> WHY!! " * 2000)[:100_000],
    "huge run of stops": "." * 100_000,
    "control characters": "Dear Dana,\x00\x07\x1b[31m\r\nThank you\x0b\x0c\u2028\u0085 x",
    "html": "<html><script>alert('x')</script><p>Dear <b>Dana</b>,</p></html>",
    "emoji": "Hi Dana 👋🏽😊,\n\nThank you 🙏 for the Data Analyst role at Initech ❤️‍🔥!",
    "german": "Sehr geehrte Frau Reyes,\n\nvielen Dank für das Gespräch über die Stelle.",
    "japanese": "レジェス様\n\n本日は面接の機会をいただき、誠にありがとうございました。",
    "arabic": "عزيزتي دانا،\n\nشكرا لك على المقابلة.\u200f",
    "zero width": "De\u200bar Da\u200dna,\n\nI ne\u200bed this job.",
    "lone surrogate-free oddities": "\ufeff\ufffd\U0001d54f\U0001d54f\U0001d54f Dear",
}


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("kind", Kind)
@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.PHONE, Channel.LETTER, Channel.TEXT])
def test_hostile_input_never_crashes(body: str, kind: Kind, channel: Channel):
    """Empty, huge, control-laden, HTML, emoji and non-English drafts get findings, not errors."""
    findings = review(Draft(channel, body[:500], body, DANA), kind, interview())
    assert all(isinstance(f, Finding) and f.code in CODES for f in findings)


def test_empty_follow_up_says_what_is_missing():
    """An empty follow-up is told everything it lacks, and that it is too short."""
    found = codes("", subject="")
    assert {"no-interest", "no-references", "no-highlight", "too-short", "no-subject"} <= found


def test_zero_width_characters_do_not_hide_pushy_words():
    """Invisible characters inside a word do not hide it from the reviewer."""
    body = GOOD_FOLLOW_UP.replace("As a reminder,", "I ne\u200bed this j\u200bob. As a reminder,")
    assert codes(body) == {"pushy"}


@given(
    subject=st.text(max_size=80),
    body=st.text(max_size=600),
    name=st.text(max_size=30),
    company=st.text(max_size=30),
    role=st.text(max_size=30),
    highlight=st.text(max_size=40),
    kind=st.sampled_from(Kind),
    channel=st.sampled_from(Channel),
    next_step=st.sampled_from(NextStep),
)
def test_any_text_gets_a_stable_answer(
    subject: str,
    body: str,
    name: str,
    company: str,
    role: str,
    highlight: str,
    kind: Kind,
    channel: Channel,
    next_step: NextStep,
):
    """Any text at all gets known codes, and the same answer twice (the rule is pure)."""
    iv = interview(company=company, role=role, highlights=(highlight,), next_step=next_step)
    draft = Draft(channel, subject, body, Interviewer(name))
    first = review(draft, kind, iv)
    assert first == review(draft, kind, iv)
    assert all(f.code in CODES for f in first)
