"""An application's stage history: reading and writing its cell, and the stage it is at."""

from __future__ import annotations

import datetime as dt

import pytest

from workbook.model import Outcome, Stage, StageEntry
from workbook.rules.stages import HistoryError, format_history, parse_history, stage_of

D = dt.date


def test_a_history_cell_is_read_oldest_first_and_written_back_the_same():
    """Entries with and without dates, in any case and spacing, read in order and are written
    back in the canonical form."""
    entries = parse_history("  Applied 2024-11-23;SCREEN 2024-12-01 ;interview;  no-answer ")
    assert entries == (
        StageEntry(Stage.APPLIED, D(2024, 11, 23)),
        StageEntry(Stage.SCREEN, D(2024, 12, 1)),
        StageEntry(Stage.INTERVIEW),
        StageEntry(Stage.NO_ANSWER),
    )
    assert format_history(entries) == (
        "applied 2024-11-23; screen 2024-12-01; interview; no-answer"
    )
    assert parse_history(format_history(entries)) == entries


def test_an_empty_cell_is_no_history():
    """A blank cell, or one of only separators, holds no history."""
    assert parse_history("") == parse_history("  ") == parse_history(" ; ") == ()


def test_undated_entries_do_not_break_the_order_of_dated_ones():
    """An undated entry between two dated ones is accepted; the dated ones must still rise."""
    assert len(parse_history("applied 2024-11-23; screen; interview 2024-11-23")) == 3
    with pytest.raises(HistoryError, match=r"entry 3 .* is dated before the entry above it"):
        parse_history("applied 2024-11-23; screen; interview 2024-11-22")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("applied 2024-11-23; hired 2024-12-01", r"entry 2: 'hired' is not a stage \(applied,"),
        ("applied 11/23/2024", r"entry 1: '11/23/2024' is not a date \(expected YYYY-MM-DD"),
        ("applied 2024-02-30", r"entry 1: '2024-02-30' is not a date"),
        ("applied 2024-11-23 late", r"entry 1 \('applied 2024-11-23 late'\) is not 'stage' or"),
        ("applied;;offer", r"entry 2 is empty"),
    ],
)
def test_a_bad_history_names_the_entry_and_what_was_expected(text: str, message: str):
    """An unknown stage word, a date that is no ISO date, or an entry of three words is refused
    with the entry's number."""
    with pytest.raises(HistoryError, match=message):
        parse_history(text)


@pytest.mark.parametrize(
    ("history", "outcome", "interviewed", "answered", "stage"),
    [
        ((StageEntry(Stage.APPLIED), StageEntry(Stage.SCREEN)), Outcome.REJECTED, True, True,
         Stage.SCREEN),
        ((), Outcome.OFFER, True, True, Stage.OFFER),
        ((), Outcome.NO_RESPONSE, False, False, Stage.NO_ANSWER),
        ((), Outcome.WITHDRAWN, False, False, Stage.WITHDRAWN),
        ((), Outcome.PENDING, True, False, Stage.INTERVIEW),
        ((), Outcome.PENDING, False, True, Stage.SCREEN),
        ((), Outcome.PENDING, False, False, Stage.APPLIED),
    ],
)  # fmt: skip
def test_the_current_stage_is_the_last_entry_else_what_the_records_say(
    history, outcome, interviewed, answered, stage
):
    """The last entry of the history wins; without one, an outcome's end, then a round, then an
    answer, then applied."""
    assert stage_of(history, outcome, interviewed=interviewed, answered=answered) == stage
