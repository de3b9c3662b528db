"""The printable question card, the rehearsal deck and its dealer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from markupsafe import escape

from workbook.model import Channel, Interview, Interviewer, NextStep
from workbook.rules.cards import (
    DECK,
    LEAVE_QUESTIONS,
    Card,
    Dealer,
    deck_html,
    leave_card_html,
    rehearsal_script,
)
from workbook.rules.planner import make_plan
from workbook.rules.practice import practice_interviews


def test_every_card_has_a_coaching_note() -> None:
    """Every card in the deck has a unique id, words for the employer and a coaching note."""
    assert len({card.id for card in DECK}) == len(DECK) >= 6
    assert all(card.says.strip() and card.note.strip() for card in DECK)


def test_the_dealer_deals_without_repeats_until_the_deck_is_exhausted() -> None:
    """The first len(DECK) cards dealt are every card once; dealing then starts a new round."""
    dealer = Dealer(seed=3)
    first = [dealer.deal() for _ in DECK]
    assert sorted(card.id for card in first) == sorted(card.id for card in DECK)
    second = [dealer.deal() for _ in DECK]
    assert sorted(card.id for card in second) == sorted(card.id for card in DECK)


def test_the_dealer_is_reproducible_from_its_seed() -> None:
    """Two dealers with one seed deal the same order; another seed deals another order."""
    orders = [[Dealer(seed).deal().id for _ in range(len(DECK))] for seed in (7, 7, 8)]
    assert orders[0] == orders[1] != orders[2]


def test_pages_are_self_contained_escaped_one_card_per_box_with_print_css() -> None:
    """Both pages load nothing from outside, escape typed text, box each card, and style print."""
    typed = Card("x", "<script>alert(1)</script>", "a & b")
    for page in (leave_card_html("<b>Sam</b>"), deck_html((typed, *DECK))):
        assert not re.search(r"(src|href)=", page)
        assert "<script>" not in page and "<b>Sam</b>" not in page
        assert "@media print" in page
    assert "&lt;b&gt;Sam&lt;/b&gt;" in leave_card_html("<b>Sam</b>")
    assert deck_html().count('class="wb-card"') == len(DECK)


def test_the_leave_card_asks_the_four_questions_with_room_for_the_answers() -> None:
    """The card asks what happens next, by when, whether a call is welcome, and who the
    contact is, each with why it helps and a line for the answer, in one box to print."""
    page = leave_card_html()
    assert page.count('class="wb-card"') == 1
    for ask, why in LEAVE_QUESTIONS:
        assert escape(ask) in page and escape(why) in page
    assert page.count('class="wb-line"') == len(LEAVE_QUESTIONS) == 4
    assert "For " not in page  # no name given, no empty heading
    assert "<p>For Dana O&#39;Neil</p>" in leave_card_html("Dana O'Neil")


def test_the_deck_page_says_how_to_play_and_boxes_each_card_with_its_note() -> None:
    """The printed deck explains the game once, then gives each card in a box of its own with
    what the employer says and the coach's note."""
    page = deck_html()
    assert "swap roles" in page
    boxes = page.split('class="wb-card"')[1:]
    assert len(boxes) == len(DECK)
    for card, box in zip(DECK, boxes, strict=True):
        assert escape(card.says) in box and escape(card.note) in box


def test_the_dealer_says_how_many_cards_are_left_in_this_pass() -> None:
    """Before the first card and after the last, the whole deck is still to come; a new pass
    starts with every card again."""
    dealer = Dealer(seed=1)
    assert (dealer.size, dealer.left) == (len(DECK), 0)
    dealer.deal()
    assert dealer.left == len(DECK) - 1
    for _ in range(len(DECK) - 1):
        dealer.deal()
    assert dealer.left == 0
    dealer.deal()
    assert dealer.left == len(DECK) - 1


TODAY = dt.date(2026, 11, 25)


def interview(**changes: object) -> Interview:
    made = Interview(
        date=dt.date(2026, 11, 23),
        company="Harbour Freight <Ltd>",
        role="Dispatcher",
        interviewers=(Interviewer("Dana Reyes", "dana@harbour.example"),),
        next_step=NextStep.VAGUE,
        call_ok_by=dt.date(2026, 11, 27),
        preferred_channel=Channel.PHONE,
        highlights=("I planned routes for forty drivers",),
        candidate="Sam Lee",
    )
    return dataclasses.replace(made, **changes)  # type: ignore[arg-type]


def test_the_rehearsal_reads_the_call_script_of_the_plan() -> None:
    """With a call in the plan, the rehearsal uses that call's script and says which day the
    call is planned for."""
    plan = make_plan(interview())
    (call,) = (step for step in plan.steps if step.draft.channel is Channel.PHONE)
    script = rehearsal_script(plan, TODAY)
    assert script.text == call.draft.body
    assert "Your own call script" in script.source and "27 November" in script.source


def test_without_a_call_in_the_plan_the_rehearsal_drafts_the_call_to_the_same_person() -> None:
    """A plan that follows up in writing still gets a script: the call to its main contact,
    with the learner's highlight in it, and a sentence saying why there is no planned call."""
    plan = make_plan(interview(preferred_channel=Channel.EMAIL, call_ok_by=None))
    assert all(step.draft.channel is not Channel.PHONE for step in plan.steps)
    script = rehearsal_script(plan, TODAY)
    assert script.text.startswith("CALL SCRIPT: Dana Reyes at Harbour Freight <Ltd>")
    assert "planned routes for forty drivers" in script.text and "Sam Lee" in script.text
    assert "no call" in script.source and "Dana Reyes" in script.source


def test_without_a_plan_the_rehearsal_uses_a_made_up_interview_and_says_so() -> None:
    """Before the learner has a plan, the script is the made-up interview's call, named as
    such, so nobody mistakes it for their own."""
    example = practice_interviews(TODAY)[0].interview
    script = rehearsal_script(None, TODAY)
    assert script.text.startswith("CALL SCRIPT:") and example.company in script.text
    assert "no plan yet" in script.source and example.company in script.source
