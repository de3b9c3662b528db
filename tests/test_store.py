"""The tracker store: its file, its records, its transactions, and migrating older files."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import make_v0_tracker, make_v2_tracker
from tests.tables import snapshot
from workbook.canonical import COLUMN_NAMES, SORT_ORDER
from workbook.model import Channel, Kind, NextStep, Outcome, Response, Source, Stage, StageEntry
from workbook.tracker import store
from workbook.tracker.store import (
    SCHEMA_VERSION,
    ContactKey,
    InvalidChangeError,
    NotATrackerError,
    RecordNotFoundError,
    RoundKey,
    Tracker,
    TrackerError,
    application_slug,
)

D = dt.date


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.db"


@pytest.fixture
def tracker(path: Path) -> Iterator[Tracker]:
    with Tracker(path) as opened:
        yield opened


def fill(tracker: Tracker) -> tuple[str, RoundKey, ContactKey]:
    """An application with a round and an answered thank-you, one with a round and no contact,
    and one not interviewed yet."""
    acme = tracker.add_application("Acme Logistics", "Warehouse Supervisor", people_facing=True)
    round_ = tracker.add_round(acme, D(2026, 3, 2), next_step=NextStep.VAGUE)
    thanks = tracker.add_contact(round_, D(2026, 3, 2), Channel.EMAIL, kind=Kind.THANK_YOU)
    tracker.log_response(thanks, D(2026, 3, 4), Response.POSITIVE)
    tracker.add_contact(round_, D(2026, 3, 9), Channel.PHONE, new_info=True)
    clinic = tracker.add_application("Northside Clinic", "Receptionist")
    tracker.add_round(clinic, D(2026, 2, 20))
    tracker.add_application("Zeta Foods", applied_date=D(2026, 1, 5), job_ref="Z-17")
    return acme, round_, thanks


# -- the file ----------------------------------------------------------------------------------


def test_the_default_tracker_is_tracker_db_in_the_learners_data_folder(isolated_home: Path):
    """Without a path, the tracker is `tracker.db` in WORKBOOK_HOME, created on first use."""
    with Tracker() as tracker:
        assert tracker.path == isolated_home / "tracker.db"
    assert (isolated_home / "tracker.db").is_file()


def test_a_new_tracker_is_in_wal_mode_with_foreign_keys_and_a_busy_timeout(tracker: Tracker):
    """A tracker runs in WAL mode, checks foreign keys, waits 10 s for a lock, and is marked."""
    con = tracker._con
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert con.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert con.execute("PRAGMA busy_timeout").fetchone() == (10_000,)
    assert tracker.version == SCHEMA_VERSION
    assert con.execute("PRAGMA application_id").fetchone() == (0x46555742,)


def test_create_false_refuses_a_missing_file(path: Path):
    """Opening with create=False does not start a tracker where there is none."""
    with pytest.raises(TrackerError, match="no tracker there"):
        Tracker(path, create=False)
    assert not path.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"company,role\nAcme,Clerk\n", "not a tracker"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "not a tracker"),
    ],
)
def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(path: Path, content, message):
    """A CSV or an image given as the tracker is refused, and not changed."""
    path.write_bytes(content)
    with pytest.raises(NotATrackerError, match=message):
        Tracker(path)
    assert path.read_bytes() == content


@pytest.mark.parametrize(
    "setup",
    [
        ("CREATE TABLE songs (title TEXT)",),
        ("CREATE TABLE songs (title TEXT)", "PRAGMA user_version = 1"),
        ("CREATE TABLE songs (title TEXT)", "PRAGMA user_version = 7"),
        ("PRAGMA application_id = 42",),
    ],
)
def test_another_programs_database_is_refused_and_left_alone(path: Path, setup):
    """A SQLite file with other tables, or another program's mark, is not taken for a tracker,
    whatever its user_version, and not one byte of it changes."""
    con = sqlite3.connect(path)
    for statement in setup:
        con.execute(statement)
    con.commit()
    con.close()
    content = path.read_bytes()
    with pytest.raises(NotATrackerError, match="another program"):
        Tracker(path)
    assert path.read_bytes() == content
    assert not Path(f"{path}-wal").exists()


def test_a_tracker_from_a_newer_workbook_is_refused(path: Path):
    """A file of a layout newer than this workbook knows is refused, not guessed at."""
    Tracker(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(NotATrackerError, match="newer version"):
        Tracker(path)


def test_the_schema_lists_exactly_the_models_enum_values():
    """The database's checks allow exactly the values of the model's enums (a new value needs
    a migration)."""
    schema = " ".join(store._SCHEMA)
    enums: dict[str, type[StrEnum]] = {
        "outcome": Outcome,
        "next_step": NextStep,
        "kind": Kind,
        "channel": Channel,
        "response": Response,
        "source": Source,
        "stage": Stage,
    }
    for column, enum in enums.items():
        allowed = set(re.findall(rf"\b{column} = '([^']*)'", schema)) - {""}
        assert allowed == {member.value for member in enum}, column


# -- records -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("company", "role", "slug"),
    [
        ("Acme Logistics", "Warehouse Supervisor", "acme-logistics--warehouse-supervisor"),
        ("  ACME  Logistics, Inc. ", "", "acme-logistics-inc"),
        ("Café Müller GmbH", "Schicht-Leitung (m/w/d)", "café-müller-gmbh--schicht-leitung-m-w-d"),
        ("株式会社テスト", "営業", "株式会社テスト--営業"),
        ('=HYPERLINK("x")', "", "hyperlink-x"),
        ("!!!", "", "application"),
    ],
)
def test_application_id_is_a_readable_slug_of_company_and_role(company, role, slug):
    """An application_id is derived from company and role: lower case, words joined by `-`,
    company and role by `--`."""
    assert application_slug(company, role) == slug


@given(st.text(), st.text())
def test_a_derived_application_id_is_never_empty_and_never_needs_a_spreadsheet_escape(c, r):
    """A derived id is a non-empty run of lower-case letters, digits and dashes, never starting
    with a character a spreadsheet would run as a formula."""
    slug = application_slug(c, r)
    assert slug
    assert slug == slug.casefold()
    assert not slug.startswith(("=", "+", "-", "@", "'"))
    assert not re.search(r"\s", slug)


def test_applying_twice_for_one_role_gives_two_applications(tracker: Tracker):
    """A second application with the same company and role gets `-2` after its id."""
    first = tracker.add_application("Acme", "Clerk")
    second = tracker.add_application("Acme", "Clerk")
    third = tracker.add_application("ACME", "clerk")
    assert (first, second, third) == ("acme--clerk", "acme--clerk-2", "acme--clerk-3")


def test_contacts_is_the_canonical_table(tracker: Tracker):
    """contacts() has the canonical columns in order, their dtypes, a row per contact, per
    round without contacts and per application without rounds, sorted by SORT_ORDER."""
    acme, _, _ = fill(tracker)
    table = tracker.contacts()
    assert tuple(table.columns) == COLUMN_NAMES
    assert table.index.equals(pd.RangeIndex(4))
    dtypes = {name: str(dtype) for name, dtype in table.dtypes.items()}
    for name in ("interview_date", "contact_date", "response_date", "applied_date"):
        assert dtypes[name] == "datetime64[ns]"
    assert dtypes["people_facing"] == dtypes["new_info"] == "bool"
    for name in ("application_id", "company", "kind", "channel", "response", "contact_detail"):
        assert pd.api.types.is_string_dtype(table[name])
    assert table.equals(table.sort_values(list(SORT_ORDER), na_position="first"))
    assert list(table["application_id"]) == [acme, acme, "northside-clinic--receptionist",
                                             "zeta-foods"]  # fmt: skip
    first = table.iloc[0]
    assert (first["kind"], first["channel"]) == ("thank-you", "email")
    assert first["response"] == "positive"
    assert first["response_date"] == pd.Timestamp("2026-03-04")
    assert not first["new_info"] and table.iloc[1]["new_info"]
    no_contact = table.iloc[2]
    assert no_contact["next_step"] == "unknown"
    assert (no_contact["kind"], no_contact["channel"]) == ("", "")
    assert pd.isna(no_contact["contact_date"]) and pd.isna(no_contact["response_date"])
    no_round = table.iloc[3]
    assert no_round["next_step"] == "" and pd.isna(no_round["interview_date"])
    assert (no_round["applied_date"], no_round["job_ref"]) == (pd.Timestamp("2026-01-05"), "Z-17")


def test_an_empty_tracker_gives_empty_tables_with_the_canonical_dtypes(tracker: Tracker):
    """An empty tracker's tables have no rows but the same columns and dtypes."""
    table = tracker.contacts()
    assert len(table) == 0 and tuple(table.columns) == COLUMN_NAMES
    assert str(table["contact_date"].dtype) == "datetime64[ns]"
    assert str(table["new_info"].dtype) == "bool"
    assert len(tracker.applications()) == len(tracker.rounds()) == 0


def test_applications_and_rounds_tables(tracker: Tracker):
    """applications() has a row per application, rounds() a row per round with its notes."""
    acme, round_, _ = fill(tracker)
    tracker.edit_round(round_, interviewers="Dana Reyes", notes="asked about night shifts")
    applications = tracker.applications()
    assert list(applications["application_id"]) == [acme, "northside-clinic--receptionist",
                                                     "zeta-foods"]  # fmt: skip
    assert list(applications["outcome"]) == ["pending"] * 3
    rounds = tracker.rounds()
    assert list(rounds.columns) == [
        "application_id", "interview_date", "next_step", "interviewers", "notes",
        "promised_date", "answer_date"]  # fmt: skip
    assert rounds.iloc[0]["notes"] == "asked about night shifts"
    assert rounds["promised_date"].isna().all() and rounds["answer_date"].isna().all()


def test_a_round_keeps_the_day_they_promised_and_the_day_their_answer_came(tracker: Tracker):
    """A round's promised and answer dates are kept, changed one at a time, and forgotten."""
    acme, round_, _ = fill(tracker)
    tracker.edit_round(round_, promised_date=D(2026, 3, 13))
    tracker.edit_round(round_, answer_date=D(2026, 3, 18))
    row = tracker.rounds().iloc[0]
    assert (row["promised_date"], row["answer_date"]) == (
        pd.Timestamp("2026-03-13"), pd.Timestamp("2026-03-18"))  # fmt: skip
    assert str(tracker.rounds()["promised_date"].dtype) == "datetime64[ns]"
    tracker.clear_round_dates(round_, answer=True)
    row = tracker.rounds().iloc[0]
    assert row["promised_date"] == pd.Timestamp("2026-03-13") and pd.isna(row["answer_date"])
    later = tracker.add_round(acme, D(2026, 4, 1), promised_date=D(2026, 4, 8),
                              answer_date=D(2026, 4, 7))  # fmt: skip
    assert tracker.rounds().iloc[1]["answer_date"] == pd.Timestamp("2026-04-07")
    tracker.clear_round_dates(later, promised=True, answer=True)
    assert tracker.rounds().iloc[1][["promised_date", "answer_date"]].isna().all()


@pytest.mark.parametrize("field", ["promised_date", "answer_date"])
def test_a_round_date_before_its_interview_is_refused_and_nothing_changes(
    tracker: Tracker, field: str
):
    """A promise or an answer dated before the round's interview is refused with a sentence
    that says so, and the round keeps what it had."""
    _, round_, _ = fill(tracker)
    before = tracker.rounds()
    early: dict[str, Any] = {field: D(2020, 1, 1)}
    with pytest.raises(InvalidChangeError, match="cannot come before its interview"):
        tracker.edit_round(round_, **early)
    pd.testing.assert_frame_equal(tracker.rounds(), before)


def test_a_version_3_tracker_gains_empty_round_dates_keeping_its_rows(tmp_path: Path):
    """A tracker of layout 3 opens as the current layout; its rounds keep every value and have
    no promised or answer date yet."""
    path = tmp_path / "v3.db"
    con = sqlite3.connect(path, isolation_level=None)
    for statement in store._SCHEMA_2:
        con.execute(statement)
    store._migrate_2_to_3(con)
    con.execute("INSERT INTO applications (id, application_id, company) VALUES (1, 'a', 'A')")
    con.execute("INSERT INTO interviews (application, interview_date, next_step, notes)"
                " VALUES (1, '2026-01-20', 'decision-date', 'kind panel')")  # fmt: skip
    con.execute("PRAGMA user_version = 3")
    con.execute(f"PRAGMA application_id = {store._FILE_MARK}")
    con.close()
    with Tracker(path) as tracker:
        assert tracker.version == SCHEMA_VERSION
        row = tracker.rounds().iloc[0]
    assert (row["next_step"], row["notes"]) == ("decision-date", "kind panel")
    assert pd.isna(row["promised_date"]) and pd.isna(row["answer_date"])


def test_edit_application_changes_only_the_fields_given(tracker: Tracker):
    """Editing an application changes the fields named and keeps the others."""
    acme, _, _ = fill(tracker)
    tracker.edit_application(acme, role="Shift Lead", contact_detail="+1 555 0100")
    row = tracker.applications().iloc[0]
    assert (row["company"], row["role"], row["contact_detail"]) == (
        "Acme Logistics", "Shift Lead", "+1 555 0100")  # fmt: skip
    assert row["people_facing"]
    assert row["application_id"] == acme  # an id is a name, and stays


def test_set_outcome_and_log_and_clear_a_response(tracker: Tracker):
    """An outcome is set on the application; a response is logged on, and cleared from, a
    contact; a response may come without a noted tone."""
    acme, _, thanks = fill(tracker)
    tracker.set_outcome(acme, Outcome.OFFER)
    call = ContactKey(acme, D(2026, 3, 9), Kind.FOLLOW_UP, Channel.PHONE)
    tracker.log_response(call, D(2026, 3, 10))
    tracker.clear_response(thanks)
    table = tracker.contacts()
    assert set(table[table.application_id == acme]["outcome"]) == {"offer"}
    assert pd.isna(table.iloc[0]["response_date"]) and table.iloc[0]["response"] == ""
    assert table.iloc[1]["response_date"] == pd.Timestamp("2026-03-10")
    assert table.iloc[1]["response"] == ""


def test_a_rounds_contacts_move_with_it(tracker: Tracker):
    """A round moved to another date keeps its contacts; a contact key follows its edits."""
    acme, round_, thanks = fill(tracker)
    moved = tracker.edit_round(round_, interview_date=D(2026, 3, 1))
    assert moved == RoundKey(acme, D(2026, 3, 1))
    table = tracker.contacts()
    assert list(table.iloc[:2]["interview_date"]) == [pd.Timestamp("2026-03-01")] * 2
    renamed = tracker.edit_contact(thanks, channel=Channel.LETTER, contact_date=D(2026, 3, 3))
    assert renamed == ContactKey(acme, D(2026, 3, 3), Kind.THANK_YOU, Channel.LETTER)
    assert ContactKey.of(tracker.contacts().iloc[0]) == renamed


def test_deleting_an_application_or_round_deletes_what_belongs_to_it(tracker: Tracker):
    """Deleting a contact, a round or an application deletes it and what it holds, only."""
    acme, round_, thanks = fill(tracker)
    tracker.delete_contact(thanks)
    assert len(tracker.contacts()) == 3
    tracker.delete_round(round_)
    assert list(tracker.contacts()["application_id"]).count(acme) == 1  # now roundless
    tracker.delete_application(acme)
    assert acme not in set(tracker.contacts()["application_id"])
    assert len(tracker.rounds()) == 1


REFUSED: dict[str, tuple[Callable[[Tracker, str, RoundKey, ContactKey], object], type, str]] = {
    "empty company": (lambda t, a, r, c: t.add_application("  "), InvalidChangeError,
                      "needs its company"),
    "emptied company": (lambda t, a, r, c: t.edit_application(a, company=""), InvalidChangeError,
                        "needs its company"),
    "taken id": (lambda t, a, r, c: t.add_application("X", application_id=a), InvalidChangeError,
                 "already in the tracker"),
    "same round twice": (lambda t, a, r, c: t.add_round(a, r.interview_date), InvalidChangeError,
                         "already has a round"),
    "same contact twice": (lambda t, a, r, c: t.add_contact(r, c.contact_date, c.channel,
                           kind=c.kind), InvalidChangeError, "already in the tracker"),
    "contact before interview": (lambda t, a, r, c: t.add_contact(r, D(2026, 3, 1),
                                 Channel.EMAIL), InvalidChangeError, "before the interview"),
    "round after its contact": (lambda t, a, r, c: t.edit_round(r, interview_date=D(2026, 3, 3)),
                                InvalidChangeError, "before the interview"),
    "response before contact": (lambda t, a, r, c: t.log_response(c, D(2026, 3, 1)),
                                InvalidChangeError, "before its contact"),
    "implausible date": (lambda t, a, r, c: t.add_round(a, D(1026, 3, 1)), InvalidChangeError,
                         "not a plausible date"),
    "unknown application": (lambda t, a, r, c: t.add_round("nobody", D(2026, 1, 1)),
                            RecordNotFoundError, "no application 'nobody'"),
    "unknown round": (lambda t, a, r, c: t.delete_round(RoundKey(a, D(2020, 1, 1))),
                      RecordNotFoundError, "no round on 2020-01-01"),
    "unknown contact": (lambda t, a, r, c: t.log_response(ContactKey(a, D(2026, 3, 2),
                        Kind.FOLLOW_UP, Channel.EMAIL), D(2026, 3, 5)), RecordNotFoundError,
                        "no follow-up by email"),
    "unknown enum value": (lambda t, a, r, c: t.set_outcome(a, "hired"),  # type: ignore[arg-type]
                           ValueError, "hired"),
}  # fmt: skip


@pytest.mark.parametrize("case", REFUSED)
def test_a_refused_change_says_why_and_changes_nothing(tracker: Tracker, path: Path, case: str):
    """A change that breaks a rule raises an error that says which, and changes nothing."""
    acme, round_, thanks = fill(tracker)
    before = snapshot(path)
    change, error, message = REFUSED[case]
    with pytest.raises(error, match=message):
        change(tracker, acme, round_, thanks)
    assert snapshot(path) == before


# -- transactions ------------------------------------------------------------------------------


def test_an_error_inside_a_transaction_leaves_the_tracker_as_it_was(tracker, path: Path):
    """Changes grouped in a transaction all vanish when an exception leaves it."""
    fill(tracker)
    before = snapshot(path)
    with pytest.raises(RuntimeError), tracker.transaction():
        new = tracker.add_application("Half Done Inc")
        tracker.add_round(new, D(2026, 4, 1))
        tracker.set_outcome("zeta-foods", Outcome.REJECTED)
        raise RuntimeError("the kernel was interrupted")
    assert snapshot(path) == before
    tracker.add_application("Whole Inc")  # the tracker is usable afterwards
    assert "whole-inc" in set(tracker.applications()["application_id"])


def test_a_reader_sees_the_last_committed_state_while_a_change_is_open(tracker, path: Path):
    """WAL: another connection (a notebook) reads while a change is under way, and sees it
    only once committed."""
    fill(tracker)
    with Tracker(path) as notebook:
        with tracker.transaction():
            tracker.add_application("In Flight Ltd")
            assert "in-flight-ltd" not in set(notebook.applications()["application_id"])
        assert "in-flight-ltd" in set(notebook.applications()["application_id"])


# -- merging a table ---------------------------------------------------------------------------


def test_merging_one_trackers_table_into_another_copies_it(tracker: Tracker, tmp_path: Path):
    """A canonical table merged into an empty tracker gives the same table back; merged again,
    every row is unchanged."""
    fill(tracker)
    table = tracker.contacts()
    with Tracker(tmp_path / "pooled.db") as pooled:
        report = pooled.merge(table)
        assert (report.added, report.updated, report.unchanged) == (4, 0, 0)
        pd.testing.assert_frame_equal(pooled.contacts(), table)
        assert pooled.merge(table).unchanged == 4


def test_merge_refuses_a_contact_without_its_interview(tracker: Tracker, path: Path):
    """A table whose contact has no interview_date is refused whole."""
    fill(tracker)
    table = tracker.contacts()
    table.loc[0, "interview_date"] = pd.NaT
    before = snapshot(path)
    with pytest.raises(InvalidChangeError, match="interview"):
        tracker.merge(table.iloc[::-1])
    assert snapshot(path) == before


# -- migrations --------------------------------------------------------------------------------


def test_a_version_0_tracker_is_migrated_keeping_every_row(tmp_path: Path):
    """The committed version-0 file opens as the current layout with every application, round
    and contact, their values carried over and the new ones at their defaults."""
    committed = make_v0_tracker.PATH.read_bytes()
    path = tmp_path / "old.db"
    shutil.copy(make_v0_tracker.PATH, path)
    with Tracker(path) as tracker:
        assert tracker.version == SCHEMA_VERSION
        applications = tracker.applications()
        rounds = tracker.rounds()
        table = tracker.contacts()
    assert make_v0_tracker.PATH.read_bytes() == committed  # the fixture itself is untouched
    assert list(applications["application_id"]) == [
        "acme-logistics--warehouse-supervisor",
        "acme-logistics--warehouse-supervisor-2",
        "café-müller-gmbh--schichtleitung",
        "formula-corp",
        "northside-clinic--receptionist",
    ]
    outcome = dict(zip(applications["company"] + "/" + applications["application_id"],
                       applications["outcome"], strict=True))  # fmt: skip
    assert outcome == {
        "Acme Logistics/acme-logistics--warehouse-supervisor": "pending",
        "Acme Logistics/acme-logistics--warehouse-supervisor-2": "rejected",
        "Café Müller GmbH/café-müller-gmbh--schichtleitung": "offer",
        "=Formula Corp/formula-corp": "withdrawn",
        "Northside Clinic/northside-clinic--receptionist": "no-response",
    }
    assert len(rounds) == len(make_v0_tracker.INTERVIEWS)
    contacts = table[table["contact_date"].notna()]
    assert len(contacts) == len(make_v0_tracker.CONTACTS)
    old = {(day, kind, channel, answered) for _, _, day, kind, channel, answered
           in make_v0_tracker.CONTACTS}  # fmt: skip

    def iso(column: str) -> list[str | None]:
        text = contacts[column].dt.strftime("%Y-%m-%d")
        return [None if pd.isna(day) else str(day) for day in text]

    new = set(zip(iso("contact_date"), contacts["kind"], contacts["channel"],
                  iso("response_date"), strict=True))  # fmt: skip
    assert new == old
    assert set(contacts["response"]) == {""} and not contacts["new_info"].any()
    assert len(table) == len(make_v0_tracker.CONTACTS) + 2  # + a bare round, + a bare application


def test_a_migrated_tracker_works_like_a_new_one(tmp_path: Path):
    """After the migration the tracker takes changes and keeps its rules."""
    path = make_v0_tracker.make(tmp_path / "old.db")
    with Tracker(path) as tracker:
        acme = "acme-logistics--warehouse-supervisor"
        tracker.log_response(
            ContactKey(acme, D(2026, 3, 2), Kind.THANK_YOU, Channel.EMAIL), D(2026, 3, 3),
            Response.NEUTRAL,
        )  # fmt: skip
        with pytest.raises(InvalidChangeError):
            tracker.add_contact(RoundKey(acme, D(2026, 3, 2)), D(2026, 2, 1), Channel.TEXT)
        assert tracker.add_application("Acme Logistics", "Warehouse Supervisor").endswith("-3")
    with Tracker(path) as again:  # opening a current file migrates nothing
        assert again.version == SCHEMA_VERSION


def test_a_failed_migration_leaves_the_file_as_it_was(tmp_path: Path):
    """A version-0 file whose rows break a rule of the new layout is refused, and keeps its
    layout and rows."""
    path = make_v0_tracker.make(tmp_path / "old.db")
    con = sqlite3.connect(path)
    con.execute("UPDATE contacts SET day = '2026-01-01' WHERE id = 1")  # before its interview
    con.commit()
    con.close()
    before = snapshot(path)
    with pytest.raises(TrackerError, match="left as it was"):
        Tracker(path)
    assert snapshot(path) == before
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone() == (0,)
    con.close()


def test_the_committed_version_0_file_is_what_the_script_makes(tmp_path: Path):
    """tests/data/tracker-v0.sqlite holds what tests/make_v0_tracker.py writes."""
    assert snapshot(make_v0_tracker.make(tmp_path / "v0.sqlite")) == snapshot(make_v0_tracker.PATH)


def test_a_version_2_tracker_is_migrated_keeping_every_row_and_value(tmp_path: Path):
    """The committed version-2 file opens as the current layout: every table keeps every row
    and value, applications gain an empty source, no answer date and no history, contacts no
    random seed (the learner chose every channel), rounds no promised or answer date, and the
    settings stay."""
    committed = make_v2_tracker.PATH.read_bytes()
    before = snapshot(make_v2_tracker.PATH)
    path = tmp_path / "old.db"
    shutil.copy(make_v2_tracker.PATH, path)
    with Tracker(path) as tracker:
        assert tracker.version == SCHEMA_VERSION
        assert tracker.setting("participant") == "p-7f3a"
    assert make_v2_tracker.PATH.read_bytes() == committed  # the fixture itself is untouched
    after = snapshot(path)
    assert after["applications"] == [(*row, "", None) for row in before["applications"]]
    assert after["contacts"] == [(*row, None) for row in before["contacts"]]
    assert after["interviews"] == [(*row, None, None) for row in before["interviews"]]
    for table in ("settings",):
        assert after[table] == before[table], table
    assert after["stages"] == []


def test_a_migrated_version_2_tracker_takes_the_new_facts_and_reimports_unchanged(
    tmp_path: Path,
):
    """After the migration, an export of the tracker imported again changes nothing, and an
    application can take a source, an answer date, a history and an `unknown` contact."""
    from workbook.tables.canonical_csv import export_csv, import_csv

    path = make_v2_tracker.make(tmp_path / "old.db")
    exported = tmp_path / "export.csv"
    with Tracker(path) as tracker:
        export_csv(tracker, exported)
        report = import_csv(exported, tracker)
        assert (report.added, report.updated) == (0, 0)
        assert report.unchanged == len(make_v2_tracker.CONTACTS) + 2  # + a bare round and app
        river = "river-college--advisor"
        tracker.edit_application(river, source=Source.COMPANY_SITE, answer_date=D(2026, 2, 20))
        tracker.set_history(river, [StageEntry(Stage.APPLIED, D(2026, 2, 10)),
                                    StageEntry(Stage.SCREEN, D(2026, 2, 20))])  # fmt: skip
        harbour = RoundKey("harbour-freight--dispatcher", D(2026, 1, 20))
        tracker.add_contact(harbour, D(2026, 2, 3), Channel.UNKNOWN)
        row = tracker.applications().set_index("application_id").loc[river]
    assert (row["source"], row["answer_date"]) == ("company-site", pd.Timestamp("2026-02-20"))
    assert row["stage_history"] == "applied 2026-02-10; screen 2026-02-20"


def test_the_committed_version_2_file_is_what_the_script_makes(tmp_path: Path):
    """tests/data/tracker-v2.sqlite holds what tests/make_v2_tracker.py writes."""
    assert snapshot(make_v2_tracker.make(tmp_path / "v2.sqlite")) == snapshot(make_v2_tracker.PATH)


def test_a_new_tracker_has_the_layout_a_migrated_one_has(tmp_path: Path):
    """A tracker made new and one migrated from version 2 have the same tables and columns."""

    def layout(path: Path) -> list[tuple[object, ...]]:
        con = sqlite3.connect(path)
        try:
            return con.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema"
                               " ORDER BY name").fetchall()  # fmt: skip
        finally:
            con.close()

    Tracker(tmp_path / "new.db").close()
    Tracker(make_v2_tracker.make(tmp_path / "old.db")).close()
    assert layout(tmp_path / "new.db") == layout(tmp_path / "old.db")


def test_an_application_with_no_interview_keeps_its_facts_and_history_in_order(tracker):
    """An application applied for only is one row of the canonical table with its source,
    answer date and history, the history in the order given (not by stage or date), and
    `set_history` replaces it whole."""
    history = [StageEntry(Stage.APPLIED, D(2026, 1, 5)), StageEntry(Stage.SCREEN),
               StageEntry(Stage.INTERVIEW, D(2026, 1, 20)), StageEntry(Stage.INTERVIEW),
               StageEntry(Stage.APPLIED)]  # fmt: skip
    zeta = tracker.add_application("Zeta Foods", source=Source.JOB_BOARD,
                                   applied_date=D(2026, 1, 5), answer_date=D(2026, 1, 9),
                                   history=history)  # fmt: skip
    table = tracker.contacts()
    assert len(table) == 1 and pd.isna(table.iloc[0]["interview_date"])
    assert table.iloc[0]["source"] == "job-board"
    assert table.iloc[0]["answer_date"] == pd.Timestamp("2026-01-09")
    assert table.iloc[0]["stage_history"] == (
        "applied 2026-01-05; screen; interview 2026-01-20; interview; applied"
    )
    assert tracker.history(zeta) == tuple(history)
    tracker.set_history(zeta, [StageEntry(Stage.WITHDRAWN, D(2026, 2, 1))])
    assert tracker.history(zeta) == (StageEntry(Stage.WITHDRAWN, D(2026, 2, 1)),)
    tracker.set_history(zeta, [])
    assert tracker.contacts().iloc[0]["stage_history"] == ""


def test_merging_a_changed_history_updates_it_and_the_same_one_changes_nothing(tracker):
    """A merged table's stage history replaces the tracker's when it differs (counted as
    updated, written only outside a dry run), and the same history again is unchanged."""
    acme, _, _ = fill(tracker)
    table = tracker.contacts()
    table["stage_history"] = np.where(
        table["application_id"] == acme, "applied 2026-02-20; interview 2026-03-02", ""
    )
    acme_rows = int((table["application_id"] == acme).sum())
    dry = tracker.merge(table, dry_run=True)
    assert (dry.updated, tracker.history(acme)) == (acme_rows, ())
    assert tracker.merge(table).updated == acme_rows
    assert tracker.history(acme) == (StageEntry(Stage.APPLIED, D(2026, 2, 20)),
                                     StageEntry(Stage.INTERVIEW, D(2026, 3, 2)))  # fmt: skip
    assert tracker.merge(table).unchanged == len(table)
    table["stage_history"] = "rejected"
    kept = tracker.merge(table, columns=[c for c in COLUMN_NAMES if c != "stage_history"])
    assert kept.unchanged == len(table) and len(tracker.history(acme)) == 2


def test_the_database_refuses_an_unknown_source_or_stage(tracker: Tracker, path: Path):
    """A source or stage outside the model's words is refused by the database itself."""
    acme = tracker.add_application("Acme")
    with pytest.raises(ValueError):
        tracker.edit_application(acme, source="carrier-pigeon")  # type: ignore[arg-type]
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("UPDATE applications SET source = 'pigeon'")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO stages VALUES (1, 0, 'hired', NULL)")
    con.close()


def test_the_merge_numbers_rows_in_order_of_appearance():
    """Rows are numbered by their distinct key in order of first appearance."""
    from workbook.tracker.arrays import number

    codes, first = number(np.array(["b", "a", "b", "c"], dtype=object), np.array([1, 1, 1, 2]))
    assert codes.tolist() == [0, 1, 0, 2] and first.tolist() == [0, 1, 3]


def test_contact_rows_are_the_contacts_of_the_canonical_table(tracker: Tracker):
    """The quick read for analysis gives exactly the contact rows of `contacts()`, in the
    columns asked for, with the same values and dtypes."""
    fill(tracker)
    application = tracker.add_application("Beta", "Analyst")
    tracker.add_round(application, dt.date(2026, 3, 9))  # a round with no contact yet
    wanted = ["application_id", "channel", "contact_date", "people_facing", "next_step"]
    full = tracker.contacts()
    expected = full[full["contact_date"].notna()][wanted].reset_index(drop=True)
    quick = tracker.contact_rows(wanted).sort_values(["application_id", "contact_date"])
    pd.testing.assert_frame_equal(quick.reset_index(drop=True), expected)
    with pytest.raises(ValueError, match="not canonical columns: salary"):
        tracker.contact_rows(["channel", "salary"])
