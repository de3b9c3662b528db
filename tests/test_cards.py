"""The printable question card, the rehearsal deck and its dealer."""

from __future__ import annotations

import re

from workbook.rules.cards import DECK, Card, Dealer, deck_html, leave_card_html


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
