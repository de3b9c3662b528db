"""The views of the room's cards: the printable questions to ask before leaving an interview,
and the "Practise the call" page, where two people rehearse the learner's call script with the
employer's deck.

`RehearsalModel` is a traitlets model with no widgets in it (the pattern of the jupyter-widgets
tutorial's password generator): it holds the script, the card on the table and whether its
coaching note is shown, and deals from the rules' `Dealer`. `practise_call` only builds widgets,
links them to the model and shows what it holds. Every rule (which script, which card next,
what the pages say) lives in `workbook.rules.cards`.
"""

from __future__ import annotations

import secrets
from html import escape

import ipywidgets as w
from traitlets import Bool, HasTraits, Instance, Int, Unicode, link

from workbook.rules.cards import (
    DECK,
    LEAVE_QUESTIONS,
    Card,
    Dealer,
    deck_html,
    leave_card_html,
    rehearsal_script,
)
from workbook.widgets import controls
from workbook.widgets.render import download_link_html, practice_banner_html
from workbook.widgets.state import PlanState

__all__ = ["DECK_FILE", "LEAVE_CARD_FILE", "RehearsalModel", "leave_card", "practise_call"]

LEAVE_CARD_FILE = "before-you-leave-the-room.html"
DECK_FILE = "practise-the-call-cards.html"


def leave_card(state: PlanState | None = None) -> w.HTML:
    """The questions to ask before the interview ends, and a download of the one-page card to
    print and take along (headed with the learner's name once they gave it)."""
    state = state or PlanState.shared()
    view = w.HTML()
    view.add_class("wb-leave-card")

    def render(_: object = None) -> None:
        asks = "".join(f"<li>{escape(ask)}</li>" for ask, _ in LEAVE_QUESTIONS)
        page = leave_card_html(state.candidate).encode("utf-8")
        view.value = (
            "<h3>Before you leave the room</h3><p>Four questions to ask at the end of an "
            f"interview:</p><ol>{asks}</ol><p>"
            f"{download_link_html(LEAVE_CARD_FILE, page, 'text/html')}: a one-page card. Open "
            "it and print it (Ctrl+P, or Cmd+P on a Mac) before your next interview, and jot "
            "their answers on it.</p>"
        )

    state.observe(render, names=["candidate"])
    render()
    return view


class RehearsalModel(HasTraits):
    """One rehearsal of the call: the script, the card the employer drew, and whether the
    coaching note for it is shown. Cards come from a `Dealer`: none repeats until the deck is
    used up, then it is shuffled again."""

    script = Unicode("", read_only=True)
    source = Unicode("", read_only=True, help="where the script comes from, in a sentence")
    card = Instance(Card, allow_none=True, read_only=True, help="the card on the table")
    dealt = Int(0, read_only=True, help="cards drawn so far, over every pass of the deck")
    note_shown = Bool(False, help="the round is over and the coach's note is on show")

    def __init__(self, state: PlanState, seed: int | None = None) -> None:
        super().__init__()
        self._state = state
        self._dealer = Dealer(secrets.randbits(32) if seed is None else seed)
        self.refresh()
        state.observe(self.refresh, names=["plan", "edits"])

    def refresh(self, _: object = None) -> None:
        """Take the script again from the learner's plan, as it is now."""
        script = rehearsal_script(self._state.final_plan(), self._state.today)
        self.set_trait("script", script.text)
        self.set_trait("source", script.source)

    def draw(self) -> None:
        """The employer draws the next card; its note stays hidden until the round is over."""
        self.note_shown = False
        self.set_trait("card", self._dealer.deal())
        self.set_trait("dealt", self.dealt + 1)  # changes on every draw, even of the same card

    @property
    def position(self) -> tuple[int, int]:
        """Which card of the current pass of the deck is on the table, and how many it has."""
        return self._dealer.size - self._dealer.left, self._dealer.size


def _card_html(model: RehearsalModel) -> str:
    card = model.card
    if card is None:
        return (
            '<p role="status">No card drawn yet. The employer clicks <strong>Draw a card'
            "</strong> and keeps it to themselves until the call reaches a point where it "
            "fits.</p>"
        )
    at, size = model.position
    fresh = (
        " The whole deck has been used, so it was shuffled again."
        if at == 1 and model.dealt > size
        else ""
    )
    note = (
        f'<div class="wb-card-note"><p><strong>Coach\'s note:</strong> {escape(card.note)}</p>'
        "<p>Talk it over for a minute, then swap roles and draw the next card.</p></div>"
        if model.note_shown
        else ""
    )
    return (
        f'<div class="wb-card wb-card-{escape(card.id)}" role="status"><p>Card {at} of {size}.'
        f"{fresh}</p><p><strong>The employer says:</strong> {escape(card.says)}</p>{note}</div>"
    )


def practise_call(state: PlanState | None = None, seed: int | None = None) -> w.VBox:
    """The rehearsal page's view: the learner's call script, a button that draws the
    employer's card, one that ends the round and shows its coaching note, and the deck to
    print. `seed` fixes the order of the cards (tests); by default it differs each time."""
    state = state or PlanState.shared()
    model = RehearsalModel(state, seed)
    script, table = w.HTML(), w.HTML()
    script.add_class("wb-rehearsal-script")
    table.add_class("wb-rehearsal-card")
    draw = controls.button("Draw a card", "wb-draw-card", button_style="primary", icon="clone")
    done = w.ToggleButton(description="Round over: show the coach's note", disabled=True)
    done.layout = w.Layout(width="auto")
    done.add_class("wb-round-over")
    link((model, "note_shown"), (done, "value"))
    draw.on_click(lambda _: model.draw())

    def show_script(_: object = None) -> None:
        banner = practice_banner_html() if state.practising else ""
        script.value = (
            f"{banner}<p>{escape(model.source)}</p>"
            f'<pre class="wb-script">{escape(model.script)}</pre>'
        )

    def show_card(_: object = None) -> None:
        table.value = _card_html(model)
        done.disabled = model.card is None or model.note_shown

    model.observe(show_script, names=["script", "source"])
    model.observe(show_card, names=["dealt", "note_shown"])
    show_script()
    show_card()
    deck = w.HTML(
        "<p>No computers in the room? Print the employer's cards and play with paper: "
        f"{download_link_html(DECK_FILE, deck_html().encode('utf-8'), 'text/html')} "
        f"({len(DECK)} cards, each with its coaching note).</p>"
    )
    deck.add_class("wb-deck-download")
    box = w.VBox(
        [
            w.HTML("<h2>The candidate's script</h2>"),
            script,
            w.HTML("<h2>The employer's cards</h2>"),
            w.HBox([draw, done], layout=w.Layout(flex_flow="row wrap")),
            table,
            deck,
        ]
    )
    box.add_class("wb-practise-call")
    return box
