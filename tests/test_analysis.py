"""The response-rate analysis, checked against hand counts and independent computations."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path
from statistics import NormalDist
from typing import Any

import jsonschema
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.frames import AS_OF, contacts, day
from workbook.analysis.frames import (
    DAY_BINS,
    GROUPINGS,
    MEASURES,
    contact_status,
    ghosting,
    grouped,
    km_curve,
    median_days,
    report,
    wilson_interval,
)
from workbook.analysis.sample import SAMPLE_AS_OF, SAMPLE_SEED, generate_contacts

SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "report.schema.json").read_text())
GROUP_FIELDS = [
    "contacts",
    "answered",
    "positive",
    "pending",
    "rate",
    "ci_low",
    "ci_high",
    "small",
    "median_days",
]


def validate(result: dict[str, Any]) -> None:
    """Raise unless the report, after a JSON round trip, matches data/report.schema.json."""
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    validator.validate(json.loads(json.dumps(result, allow_nan=False)))


def one(sent: int | None, replied: int | None = None, **fields: Any) -> dict[str, Any]:
    """A contact sent and answered so many days from AS_OF (None: no such date)."""
    response = fields.pop("response", "neutral")
    return {
        "contact_date": None if sent is None else day(sent),
        "interview_date": None if sent is None else day(sent),
        "response_date": None if replied is None else day(replied),
        "response": "" if replied is None else response,
        **fields,
    }


# -- answered, pending, rate -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "replied", "answered", "pending"),
    [
        pytest.param(-30, -30, True, False, id="answer on the same day"),
        pytest.param(-30, -16, True, False, id="answer exactly 14 days later"),
        pytest.param(-30, -15, False, False, id="answer 15 days later: late"),
        pytest.param(-3, 0, True, False, id="answer on as_of"),
        pytest.param(-5, 1, False, True, id="answer after as_of, contact young: pending"),
        pytest.param(-20, 1, False, False, id="answer after as_of, contact old: no answer"),
        pytest.param(-14, None, False, True, id="no answer, exactly 14 days old: pending"),
        pytest.param(-15, None, False, False, id="no answer, 15 days old: decided"),
        pytest.param(0, None, False, True, id="sent on as_of: pending"),
        pytest.param(3, None, False, True, id="dated after as_of: pending"),
    ],
)
def test_one_contact_is_answered_or_pending_as_design_md_counts(
    sent: int, replied: int | None, answered: bool, pending: bool
) -> None:
    """One contact is answered within 14 days inclusive, and pending while 14 days old or less."""
    status = contact_status(contacts(one(sent, replied)), as_of=AS_OF)
    assert status["answered"].tolist() == [answered]
    assert status["pending"].tolist() == [pending]


def hand_counted() -> pd.DataFrame:
    return contacts(
        one(-30, -30, response="positive"),  # answered, positive
        one(-30, -16),  # answered exactly at 14 days
        one(-30, -15, response="positive"),  # late: decided, not answered, not positive
        one(-14, None),  # pending
        one(-15, None),  # decided, no answer
        one(-5, 1),  # answer not known yet, young: pending
        one(-20, 1),  # answer not known yet, old: no answer
        one(None, None),  # a round without a contact: not a contact
        one(-3, -1, response="neutral"),  # answered
    )


def test_rate_counts_a_hand_counted_fixture_exactly() -> None:
    """Eight contacts, three answered and two pending give a rate of 3/6 and one positive."""
    result = report(hand_counted(), as_of=AS_OF)
    overall = result["overall"]
    assert {k: overall[k] for k in ("contacts", "answered", "positive", "pending")} == {
        "contacts": 8,
        "answered": 3,
        "positive": 1,
        "pending": 2,
    }
    assert overall["rate"] == pytest.approx(0.5)
    assert overall["small"] is True
    assert result["by_channel"][0]["contacts"] == 8


def test_window_and_as_of_change_what_is_answered_and_pending() -> None:
    """A shorter window turns a 10-day answer late; a later as_of makes a future answer known."""
    frame = contacts(one(-30, -20), one(-5, 1))
    assert report(frame, as_of=AS_OF)["overall"]["answered"] == 1
    assert report(frame, as_of=AS_OF, window=7)["overall"]["answered"] == 0
    later = report(frame, as_of=day(2))["overall"]
    assert (later["answered"], later["pending"]) == (2, 0)


def test_as_of_defaults_to_today() -> None:
    """Without as_of the report is counted for today."""
    import datetime as dt

    assert report(contacts(one(-1, None)))["as_of"] == dt.date.today().isoformat()


def test_positive_counts_only_answered_positive_contacts() -> None:
    """A late positive answer is neither answered nor positive; a timely one is both."""
    frame = contacts(one(-40, -38, response="positive"), one(-40, -20, response="positive"))
    overall = report(frame, as_of=AS_OF)["overall"]
    assert (overall["answered"], overall["positive"]) == (1, 1)


# -- Wilson interval -------------------------------------------------------------------------


def wilson_by_hand(k: int, n: int) -> tuple[float, float]:
    """The closed-form Wilson score interval, z from the standard library's normal."""
    z = NormalDist().inv_cdf(0.975)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


@pytest.mark.parametrize(("k", "n"), [(0, 1), (1, 1), (0, 10), (3, 6), (10, 10), (42, 100), (7, 9)])
def test_wilson_interval_matches_the_closed_form(k: int, n: int) -> None:
    """scipy's Wilson interval equals the textbook formula computed by hand."""
    low, high = wilson_interval(k, n)
    expected_low, expected_high = wilson_by_hand(k, n)
    assert low == pytest.approx(max(expected_low, 0.0), abs=1e-12)
    assert high == pytest.approx(min(expected_high, 1.0), abs=1e-12)


def test_report_interval_is_the_wilson_interval_of_answered_over_decided() -> None:
    """The report's ci_low and ci_high are the Wilson interval of 3 answered of 6 decided."""
    overall = report(hand_counted(), as_of=AS_OF)["overall"]
    low, high = wilson_by_hand(3, 6)
    assert (overall["ci_low"], overall["ci_high"]) == (pytest.approx(low), pytest.approx(high))


# -- Kaplan-Meier ----------------------------------------------------------------------------


def product_limit(days: list[int], answered: list[bool]) -> list[tuple[int, Fraction]]:
    """The Kaplan-Meier estimator written out: at each answer day, S *= 1 - answers / at risk.

    A contact censored on a day is still at risk that day (the usual convention).
    """
    survival = Fraction(1)
    curve = []
    for t in sorted(set(d for d, a in zip(days, answered, strict=True) if a)):
        at_risk = sum(1 for d in days if d >= t)
        events = sum(1 for d, a in zip(days, answered, strict=True) if a and d == t)
        survival *= 1 - Fraction(events, at_risk)
        curve.append((t, survival))
    return curve


def hand_median(days: list[int], answered: list[bool]) -> int | None:
    return next((t for t, s in product_limit(days, answered) if s <= Fraction(1, 2)), None)


def test_km_median_on_a_small_censored_example_worked_by_hand() -> None:
    """Days 1, 2, 2+, 3, 4+, 5: survival 5/6, 4/6, 4/9, 0, so the median is day 3."""
    days, answered = [1, 2, 2, 3, 4, 5], [True, True, False, True, False, True]
    assert product_limit(days, answered) == [
        (1, Fraction(5, 6)),
        (2, Fraction(4, 6)),
        (3, Fraction(4, 9)),
        (5, Fraction(0)),
    ]
    assert median_days(days, answered) == 3 == hand_median(days, answered)


def test_km_matches_the_freireich_6mp_textbook_example() -> None:
    """The 6-MP arm of Freireich et al. (1963), as in Kleinbaum & Klein: median 23 weeks."""
    weeks = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35]
    censored = {3, 5, 7, 8, 11, 12, 13, 16, 17, 18, 19, 20}  # positions of the "+" times
    relapsed = [i not in censored for i in range(len(weeks))]
    times, waiting = km_curve(weeks, relapsed)
    published = {6: 0.857, 7: 0.807, 10: 0.753, 13: 0.690, 16: 0.627, 22: 0.538, 23: 0.448}
    for week, survival in published.items():
        assert waiting[list(times).index(week)] == pytest.approx(survival, abs=5e-4)
    assert median_days(weeks, relapsed) == 23


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=30), st.booleans()), min_size=1, max_size=40
    )
)
def test_km_curve_matches_the_hand_written_estimator(sample: list[tuple[int, bool]]) -> None:
    """On any small sample, scipy's curve at each answer day and the median equal product-limit."""
    days = [d for d, _ in sample]
    answered = [a for _, a in sample]
    times, waiting = km_curve(days, answered)
    for t, survival in product_limit(days, answered):
        assert waiting[list(times).index(t)] == pytest.approx(float(survival), abs=1e-9)
    assert median_days(days, answered) == hand_median(days, answered)


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=60), st.booleans()), min_size=1, max_size=60
    ),
    st.sampled_from([1, 2, 4]),
)
def test_km_curve_equals_scipys_ecdf_with_ties_censoring_and_part_days(
    sample: list[tuple[int, bool]], parts: int
) -> None:
    """The counting Kaplan-Meier curve equals scipy's `ecdf` survival function on any sample,
    in whole days or parts of days, ties and censored waits included."""
    from scipy import stats

    days = np.array([d / parts for d, _ in sample])
    answered = np.array([a for _, a in sample])
    times, waiting = km_curve(days, answered)
    expected = stats.ecdf(stats.CensoredData(uncensored=days[answered], right=days[~answered])).sf
    np.testing.assert_array_equal(times, expected.quantiles)
    np.testing.assert_allclose(waiting, expected.probabilities, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("days", "answered"),
    [([], []), ([5, 9], [False, False]), ([1, 30, 30, 30], [True, False, False, False])],
    ids=["no contacts", "all censored", "never reaches half"],
)
def test_km_median_is_none_when_the_curve_never_reaches_half(
    days: list[int], answered: list[bool]
) -> None:
    """No contacts, no answers, or too few answers give no median."""
    assert median_days(days, answered) is None


def test_contacts_dated_after_as_of_stay_out_of_the_curve() -> None:
    """A contact dated after as_of has no time observed, so its wait is NaN."""
    status = contact_status(contacts(one(3, None), one(-2, -1)), as_of=AS_OF)
    assert np.isnan(status["wait"].iloc[0])
    assert status["wait"].iloc[1] == 1


def test_report_median_censors_unanswered_contacts_at_their_age() -> None:
    """Answers after 1 and 3 days and two unanswered contacts 20 days old give a median of 3."""
    frame = contacts(one(-20, -19), one(-20, -17), one(-20, None), one(-20, None))
    assert report(frame, as_of=AS_OF)["overall"]["median_days"] == 3
    assert hand_median([1, 3, 20, 20], [True, True, False, False]) == 3


# -- groupings -------------------------------------------------------------------------------


def test_days_to_follow_up_uses_calendar_day_bins_with_their_edges() -> None:
    """0, 2 | 3, 6 | 7, 13 | 14, 40 days after the interview fall in 0-2, 3-6, 7-13 and 14+."""
    rows = [
        one(-50, None) | {"interview_date": day(-50 - after)}
        for after in (0, 2, 3, 6, 7, 13, 14, 40)
    ]
    result = report(contacts(*rows), as_of=AS_OF)
    assert [(g["days_to_follow_up"], g["contacts"]) for g in result["by_days_to_follow_up"]] == [
        (label, 2) for label in DAY_BINS
    ]


def test_contacts_without_a_usable_interview_date_leave_only_the_days_grouping() -> None:
    """A contact with no interview date, or dated before it, counts everywhere but in days bins."""
    frame = contacts(
        one(-20, None) | {"interview_date": None},
        one(-20, None) | {"interview_date": day(-10)},
        one(-20, None),
    )
    result = report(frame, as_of=AS_OF)
    assert result["overall"]["contacts"] == 3
    assert result["by_days_to_follow_up"] == [result["by_days_to_follow_up"][0]]
    assert result["by_days_to_follow_up"][0]["contacts"] == 1


def test_groups_come_in_a_stable_order_with_only_present_keys() -> None:
    """Channels in enum order, false before true; groups without contacts are not listed."""
    frame = contacts(
        one(-20, None, channel="letter", people_facing=True),
        one(-20, None, channel="email", new_info=True),
        one(-20, None, channel="phone", kind="thank-you"),
    )
    result = report(frame, as_of=AS_OF)
    assert [g["channel"] for g in result["by_channel"]] == ["email", "phone", "letter"]
    assert [g["kind"] for g in result["by_kind"]] == ["thank-you", "follow-up"]
    assert [g["people_facing"] for g in result["by_people_facing"]] == [False, True]
    assert [g["new_info"] for g in result["by_new_info"]] == [False, True]


def test_a_group_with_zero_denominator_has_null_rate_and_is_small() -> None:
    """Phone contacts all pending: phone has no rate and no interval, email still has its own."""
    frame = contacts(
        one(-2, None, channel="phone"),
        one(-1, None, channel="phone"),
        one(-30, -29, channel="email"),
    )
    phone = report(frame, as_of=AS_OF)["by_channel"][1]
    assert phone["channel"] == "phone"
    assert (phone["rate"], phone["ci_low"], phone["ci_high"]) == (None, None, None)
    assert (phone["contacts"], phone["pending"], phone["small"]) == (2, 2, True)


def test_small_is_true_under_ten_decided_contacts() -> None:
    """Ten decided contacts (plus pending ones) are not small; nine are."""
    ten = [one(-30, None)] * 10 + [one(-1, None)] * 5
    assert report(contacts(*ten), as_of=AS_OF)["overall"]["small"] is False
    assert report(contacts(*ten[1:]), as_of=AS_OF)["overall"]["small"] is True


def test_an_extra_measure_adds_a_field_to_every_group() -> None:
    """A cohort can add per-group fields by passing one more Measure to `grouped`."""

    def participants(group: pd.DataFrame) -> dict[str, Any]:
        return {"participants": int(group["application"].nunique())}

    frame = contacts(one(-20, None, application_id="A"), one(-20, None, application_id="B"))
    status = contact_status(frame, as_of=AS_OF)
    groups = grouped(status, "channel", (*MEASURES, participants))
    assert groups[0]["participants"] == 2
    assert list(groups[0]) == ["channel", *GROUP_FIELDS, "participants"]


# -- ghosting --------------------------------------------------------------------------------


def test_ghosting_counts_applications_with_a_decided_contact_and_no_answer_at_all() -> None:
    """A and E are ghosted; B had a late answer, C only pending ones, D an answer, F no contact."""
    frame = contacts(
        one(-40, None, application_id="A"),
        one(-30, None, application_id="A"),
        one(-40, None, application_id="B"),
        one(-40, -10, application_id="B"),
        one(-3, None, application_id="C"),
        one(-40, -39, application_id="D"),
        one(-40, None, application_id="E"),
        one(-2, None, application_id="E"),
        one(None, None, application_id="F"),
    )
    assert report(frame, as_of=AS_OF)["ghosted"] == {
        "applications": 5,
        "decided": 4,
        "ghosted": 2,
        "share": 0.5,
    }


def test_an_empty_application_id_falls_back_to_company_and_role() -> None:
    """Rows without an id are grouped into applications by company and role."""
    frame = contacts(
        one(-40, None, application_id="", company="X", role="Analyst"),
        one(-30, -29, application_id="", company="X", role="Analyst"),
        one(-40, None, application_id="", company="Y", role="Analyst"),
    )
    result = ghosting(contact_status(frame, as_of=AS_OF))
    assert (result["applications"], result["ghosted"]) == (2, 1)


# -- edge and failure paths ------------------------------------------------------------------


def empty_figures() -> dict[str, Any]:
    return {
        "contacts": 0,
        "answered": 0,
        "positive": 0,
        "pending": 0,
        "rate": None,
        "ci_low": None,
        "ci_high": None,
        "small": True,
        "median_days": None,
    }


@pytest.mark.parametrize(
    "frame",
    [contacts(), contacts(one(None, None), one(None, None) | {"interview_date": None})],
    ids=["empty frame", "NaT everywhere"],
)
def test_a_table_without_contacts_gives_an_empty_valid_report(frame: pd.DataFrame) -> None:
    """No contacts: zero counts, null rate and median, empty groupings, a schema-valid report."""
    result = report(frame, as_of=AS_OF)
    assert result["overall"] == empty_figures()
    assert all(result[f"by_{by}"] == [] for by in GROUPINGS)
    assert result["ghosted"] == {"applications": 0, "decided": 0, "ghosted": 0, "share": None}
    validate(result)


def test_all_pending_gives_no_rate_and_no_median() -> None:
    """When every contact is pending there is no denominator and nothing is ghosted."""
    result = report(contacts(one(-1, None), one(-5, None), one(-14, None)), as_of=AS_OF)
    assert result["overall"] == empty_figures() | {"contacts": 3, "pending": 3}
    assert result["ghosted"]["decided"] == 0
    validate(result)


def test_missing_columns_are_an_error_naming_them() -> None:
    """A frame that is not a canonical table is refused, naming what is missing."""
    with pytest.raises(ValueError, match="response_date"):
        report(contacts(one(-1, None)).drop(columns=["response_date"]))


def test_an_unknown_channel_is_an_error_not_a_guess() -> None:
    """A contact whose channel is no Channel value is refused, naming the value."""
    with pytest.raises(ValueError, match="'fax'"):
        report(contacts(one(-1, None, channel="fax")), as_of=AS_OF)


def test_dates_as_text_are_refused() -> None:
    """Date columns must hold datetime64 values, as the DataFrame contract says."""
    frame = contacts(one(-1, None))
    frame["contact_date"] = frame["contact_date"].dt.strftime("%Y-%m-%d")
    with pytest.raises(TypeError, match="contact_date"):
        report(frame, as_of=AS_OF)


def test_booleans_as_text_are_refused() -> None:
    """Boolean columns must hold booleans: the text "false" would otherwise count as true."""
    frame = contacts(one(-1, None))
    frame["new_info"] = frame["new_info"].map({True: "true", False: "false"}).astype("str")
    with pytest.raises(TypeError, match="new_info"):
        report(frame, as_of=AS_OF)


# -- the JSON shape --------------------------------------------------------------------------


def test_sample_report_matches_the_schema_and_has_exactly_the_five_groupings() -> None:
    """A real report validates against data/report.schema.json, with the fields in order: the
    five groupings of contacts, then the funnel and the rates by source of applications, then
    the fair test of channels, and how late employers answered their rounds."""
    result = report(generate_contacts(400, SAMPLE_SEED, applied_only=30), as_of=SAMPLE_AS_OF)
    validate(result)
    assert list(result) == [
        "as_of",
        "window",
        "overall",
        "ghosted",
        *(f"by_{b}" for b in GROUPINGS),
        "funnel",
        "by_source",
        "experiment",
        "lateness",
    ]
    for by in GROUPINGS:
        for group in result[f"by_{by}"]:
            assert list(group) == [by, *GROUP_FIELDS]


def test_the_schema_refuses_a_report_with_a_changed_shape() -> None:
    """An extra field, a missing one, or a rate above 1 does not validate."""
    result = report(hand_counted(), as_of=AS_OF)
    for broken in (
        result | {"by_channel": [result["by_channel"][0] | {"extra": 1}]},
        {k: v for k, v in result.items() if k != "by_kind"},
        result | {"overall": result["overall"] | {"rate": 1.5}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validate(broken)


def test_report_values_are_plain_python_types() -> None:
    """Counts are int, shares float or None, keys str or bool: json.dumps needs no help."""
    result = report(generate_contacts(200, 3), as_of=SAMPLE_AS_OF)
    for group in [result["overall"], *result["by_channel"], *result["by_new_info"]]:
        assert all(type(group[k]) is int for k in ("contacts", "answered", "positive", "pending"))
        assert type(group["rate"]) in (float, type(None))
        assert type(group["small"]) is bool
        assert type(group["median_days"]) in (int, type(None))


drawn_rows = st.fixed_dictionaries(
    {
        "sent": st.one_of(st.none(), st.integers(-60, 5)),
        "delay": st.one_of(st.none(), st.integers(0, 30)),
        "channel": st.sampled_from(["email", "phone", "letter"]),
        "response": st.sampled_from(["positive", "neutral", "negative"]),
    }
)


@given(st.lists(drawn_rows, max_size=30))
def test_groups_add_up_and_rates_sit_inside_their_intervals(drawn: list[dict[str, Any]]) -> None:
    """For any contacts, groups sum to the overall counts and each rate lies in its interval."""

    def contact(r: dict[str, Any]) -> dict[str, Any]:
        sent, delay = r["sent"], r["delay"]
        replied = None if sent is None or delay is None else sent + delay
        return one(sent, replied, channel=r["channel"], response=r["response"])

    frame = contacts(*map(contact, drawn))
    result = report(frame, as_of=AS_OF)
    overall = result["overall"]
    for by in GROUPINGS[:4]:
        for field in ("contacts", "answered", "positive", "pending"):
            assert sum(g[field] for g in result[f"by_{by}"]) == overall[field]
    for group in [overall, *result["by_channel"]]:
        assert group["positive"] <= group["answered"] <= group["contacts"] - group["pending"]
        if group["rate"] is not None:
            assert group["ci_low"] <= group["rate"] <= group["ci_high"]
    validate(result)
