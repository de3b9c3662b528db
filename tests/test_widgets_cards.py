"""The room's cards in the notebooks, driven without a browser: the before-you-leave card and
the call rehearsal, by clicking their buttons and reading the model and the HTML."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import ipywidgets as w
import pytest

from tests.widget_tree import MONDAY, fill_basics, find, one
from workbook.model import Channel, NextStep
from workbook.rules.cards import DECK, LEAVE_QUESTIONS, deck_html, leave_card_html
from workbook.rules.edits import step_key
from workbook.widgets import PlanState, RehearsalModel, leave_card, practise_call
from workbook.widgets.course.cards import DECK_FILE, LEAVE_CARD_FILE


@pytest.fixture
def state(isolated_home: Path) -> PlanState:
    return PlanState(today=MONDAY)


def downloads(html: str) -> dict[str, str]:
    """The files the HTML offers as `data:` download links, by name, decoded."""
    found = re.findall(r'download="([^"]+)" href="data:[^;]+;[^,]*base64,([^"]+)"', html)
    return {name: base64.b64decode(data).decode("utf-8") for name, data in found}


def test_the_leave_card_lists_the_questions_and_downloads_the_printable_card(
    state: PlanState,
) -> None:
    """The clarify section's card names the four questions and offers the one-page card, headed
    with the learner's name once given, typed markup escaped."""
    view = leave_card(state)
    assert all(ask.replace("'", "&#x27;") in view.value for ask, _ in LEAVE_QUESTIONS)
    assert downloads(view.value) == {LEAVE_CARD_FILE: leave_card_html()}
    state.candidate = "Sam <b>Lee</b>"
    page = downloads(view.value)[LEAVE_CARD_FILE]
    assert page == leave_card_html("Sam <b>Lee</b>")
    assert "Sam &lt;b&gt;Lee&lt;/b&gt;" in page and "<b>Lee</b>" not in page


def controls_of(view: w.VBox) -> tuple[w.Button, w.ToggleButton, w.HTML]:
    return one(view, "wb-draw-card"), one(view, "wb-round-over"), one(view, "wb-rehearsal-card")


def test_a_round_shows_the_card_then_its_coaching_note_once_it_is_over(state: PlanState) -> None:
    """Before a draw there is no card and nothing to end; a draw shows the employer's line
    without the note; ending the round shows the note; the next draw hides it again."""
    view = practise_call(state, seed=4)
    draw, over, table = controls_of(view)
    assert "No card drawn yet" in table.value and over.disabled
    draw.click()
    model_card = next(card for card in DECK if card.says.replace("'", "&#x27;") in table.value)
    assert "Card 1 of" in table.value and "Coach" not in table.value and not over.disabled
    over.value = True
    assert "Coach's note" in table.value and over.disabled
    assert model_card.note.replace("'", "&#x27;") in table.value
    draw.click()
    assert "Card 2 of" in table.value and "Coach" not in table.value and not over.value


def test_clicking_through_the_deck_deals_every_card_once_then_starts_again(
    state: PlanState,
) -> None:
    """The model deals each card once before any repeats; the next draw says the deck was
    shuffled again and starts a new pass."""
    model = RehearsalModel(state, seed=11)
    seen = []
    for _ in DECK:
        model.draw()
        assert model.card is not None
        seen.append(model.card.id)
    assert sorted(seen) == sorted(card.id for card in DECK)
    model.draw()
    assert model.position == (1, len(DECK)) and model.dealt == len(DECK) + 1
    view = practise_call(state, seed=11)
    draw, _, table = controls_of(view)
    for _ in range(len(DECK) + 1):
        draw.click()
    assert "shuffled again" in table.value


def test_the_script_is_the_learners_own_call_with_their_edits(state: PlanState) -> None:
    """Without a plan the page rehearses a made-up call and says so; once the answers plan a
    call, it shows that call's script, and the learner's edit of it as soon as it is kept."""
    view = practise_call(state, seed=1)
    script = one(view, "wb-rehearsal-script")
    assert "no plan yet" in script.value
    fill_basics(state)
    state.next_step, state.call_ok_by = NextStep.VAGUE, MONDAY.replace(day=27)
    assert state.plan is not None
    call = next(s for s in state.plan.steps if s.draft.channel is Channel.PHONE)
    assert "Your own call script" in script.value and "Dana" in script.value
    edited = call.draft.body + "\nRemember: smile while you talk <really>.\n"
    state.keep_edit(step_key(state.plan, call), "", edited, call.draft)
    assert "smile while you talk &lt;really&gt;." in script.value


def test_a_practice_plan_is_marked_and_the_deck_prints_from_the_page(state: PlanState) -> None:
    """While practising, the script carries the practice banner; the page offers the printable
    deck as a download."""
    state.slot = "practice:warehouse"
    view = practise_call(state, seed=2)
    assert "wb-practice-banner" in one(view, "wb-rehearsal-script").value
    (deck,) = find(view, "wb-deck-download")
    assert downloads(deck.value) == {DECK_FILE: deck_html()}
