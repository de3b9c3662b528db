"""The synthetic sample: seeded, in the canonical shape, plausible, and reproducible on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from workbook.analysis.frames import report
from workbook.analysis.sample import (
    SAMPLE_APPLIED_ONLY,
    SAMPLE_AS_OF,
    SAMPLE_CONTACTS,
    SAMPLE_SEED,
    generate_contacts,
    main,
    sample_csv,
)
from workbook.canonical import COLUMN_NAMES, COLUMNS, SORT_ORDER

SAMPLE_FILE = Path(__file__).parents[1] / "data" / "sample_contacts.csv"


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return generate_contacts(3000, seed=7)


def test_the_same_seed_gives_the_same_contacts() -> None:
    """Two calls with one seed are equal; another seed gives other contacts."""
    pd.testing.assert_frame_equal(generate_contacts(500, seed=1), generate_contacts(500, seed=1))
    assert not generate_contacts(500, seed=1).equals(generate_contacts(500, seed=2))


@pytest.mark.parametrize("n", [0, 1, 2, 17, 1000])
def test_it_returns_exactly_the_number_of_contacts_asked_for(n: int) -> None:
    """Every row is a contact, and there are exactly n of them."""
    contacts = generate_contacts(n, seed=n)
    assert len(contacts) == n
    assert contacts["contact_date"].notna().all()


def test_it_has_the_canonical_columns_and_dtypes(frame: pd.DataFrame) -> None:
    """Canonical columns in order; dates datetime64, booleans bool, text str without NaN."""
    assert tuple(frame.columns) == COLUMN_NAMES
    for column in COLUMNS:
        values = frame[column.name]
        if column.type == "date":
            assert pd.api.types.is_datetime64_dtype(values.dtype), column.name
        elif column.type == "bool":
            assert values.dtype == bool, column.name
        else:
            assert pd.api.types.is_string_dtype(values.dtype), column.name
            assert values.notna().all(), column.name
        if column.choices:
            assert set(values) <= {*column.choices, ""}, column.name


def test_dates_follow_each_other_and_stop_at_as_of(frame: pd.DataFrame) -> None:
    """Applied before the interview, contact on or after it, answer on or after the contact."""
    as_of = pd.Timestamp(SAMPLE_AS_OF)
    assert (frame["applied_date"] < frame["interview_date"]).all()
    assert (frame["contact_date"] >= frame["interview_date"]).all()
    assert (frame["contact_date"] <= as_of).all()
    answered = frame["response_date"].notna()
    assert (frame.loc[answered, "response_date"] >= frame.loc[answered, "contact_date"]).all()
    assert (frame.loc[answered, "response_date"] <= as_of).all()
    assert ((frame["response"] != "") == answered).all()


def test_applications_have_one_to_three_rounds_and_one_of_each_fact(frame: pd.DataFrame) -> None:
    """Each application has 1-3 interview dates and one company, role, flag and outcome."""
    per_application = frame.groupby("application_id")
    assert per_application["interview_date"].nunique().between(1, 3).all()
    for column in ("company", "role", "people_facing", "outcome"):
        assert (per_application[column].nunique() == 1).all(), column
    assert frame["company"].str.endswith("(synthetic)").all()


def test_delays_and_mixes_are_in_plausible_ranges(frame: pd.DataFrame) -> None:
    """Thank-yous within 2 days, follow-ups 3-20, mostly email; some pending, some late answers."""
    after = (frame["contact_date"] - frame["interview_date"]).dt.days
    assert after[frame["kind"] == "thank-you"].between(0, 2).all()
    assert after[frame["kind"] == "follow-up"].between(3, 20).all()
    assert 0.5 < (frame["channel"] == "email").mean() < 0.8
    result = report(frame, as_of=SAMPLE_AS_OF)["overall"]
    assert 0.25 < result["rate"] < 0.75
    assert 0 < result["pending"] < 0.2 * result["contacts"]
    delay = (frame["response_date"] - frame["contact_date"]).dt.days
    assert (delay > 14).any()


def test_the_sample_file_is_what_the_generator_writes() -> None:
    """data/sample_contacts.csv is byte for byte the output of the documented command."""
    expected = sample_csv(
        generate_contacts(
            SAMPLE_CONTACTS, SAMPLE_SEED, as_of=SAMPLE_AS_OF, applied_only=SAMPLE_APPLIED_ONLY
        )
    )
    assert SAMPLE_FILE.read_bytes() == expected.encode("utf-8")


def test_the_sample_file_follows_the_canonical_file_format() -> None:
    """UTF-8 without BOM, \\n endings, ISO dates, true/false, rows in the canonical order."""
    raw = SAMPLE_FILE.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    table = pd.read_csv(SAMPLE_FILE, dtype=str, keep_default_na=False)
    assert tuple(table.columns) == COLUMN_NAMES
    contacts = table[table["contact_date"] != ""]
    assert len(contacts) == SAMPLE_CONTACTS and 25 <= contacts["application_id"].nunique() <= 40
    applied_only = table[table["interview_date"] == ""]
    assert len(applied_only) == applied_only["application_id"].nunique() == SAMPLE_APPLIED_ONLY
    assert set(table["people_facing"]) | set(table["new_info"]) <= {"true", "false"}
    for name in ("interview_date", "contact_date", "response_date", "applied_date", "answer_date"):
        filled = table.loc[table[name] != "", name]
        assert filled.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all(), name
    assert table.equals(table.sort_values(list(SORT_ORDER), kind="stable"))


def test_main_writes_the_sample_file(tmp_path: Path) -> None:
    """`python -m workbook.analysis.sample PATH` writes the sample; without a path it refuses."""
    target = tmp_path / "sample.csv"
    assert main([str(target)]) == 0
    assert target.read_bytes() == SAMPLE_FILE.read_bytes()
    assert main([]) == 2


def test_spreadsheet_formulas_are_defused_in_the_sample_writer() -> None:
    """A cell starting with = or @ gets a leading quote, as the canonical export does."""
    contacts = generate_contacts(1, seed=0)
    contacts.loc[0, "company"] = "=HYPERLINK(1)"
    contacts.loc[0, "role"] = "@role"
    line = sample_csv(contacts).splitlines()[1]
    assert ",'=HYPERLINK(1),'@role," in line


def test_as_of_moves_the_whole_sample() -> None:
    """Nothing is dated after a different as_of either."""
    as_of = dt.date(2025, 3, 1)
    contacts = generate_contacts(300, seed=3, as_of=as_of)
    assert contacts["contact_date"].max() <= pd.Timestamp(as_of)
    assert contacts["response_date"].max() <= pd.Timestamp(as_of)
