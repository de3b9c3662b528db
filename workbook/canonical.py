"""The canonical contact table (data/README.md describes it for people): its columns, in file
order, and their types.

One row per contact, in long format; a row without `contact_date` records an application or an
interview round that has no contact yet. The CSV import and export, the tracker's DataFrames and
the analysis all use these names. In a DataFrame, dates are `datetime64` (NaT when empty),
booleans are `bool`, and enum and text columns are strings ("" when empty).

`source`, `answer_date` and `stage_history` belong to the application, as `applied_date` does:
how the person applied, the day the employer first answered the application (with or without
an interview), and the stages it went through (see `workbook.rules.stages`). They repeat on
every row of the application, so an application with no interview and no contact is one row.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from workbook.model import Channel, Kind, NextStep, Outcome, Response, Source

__all__ = ["COLUMNS", "COLUMN_NAMES", "SORT_ORDER", "Column"]

Type = Literal["text", "bool", "date", "enum"]
Need = Literal["required", "optional", "with-contact"]


@dataclass(frozen=True)
class Column:
    """One column of the table: its type, whether it must be filled, and its default."""

    name: str
    type: Type
    need: Need = "optional"
    choices: tuple[str, ...] = ()
    default: str = ""


def _enum(name: str, values: type[StrEnum], need: Need = "optional", default: str = "") -> Column:
    return Column(name, "enum", need, tuple(v.value for v in values), default)


COLUMNS: tuple[Column, ...] = (
    Column("application_id", "text"),
    Column("company", "text", "required"),
    Column("role", "text"),
    Column("people_facing", "bool", default="false"),
    Column("interview_date", "date", "with-contact"),
    _enum("next_step", NextStep, default=NextStep.UNKNOWN.value),
    Column("contact_date", "date", "with-contact"),
    _enum("kind", Kind, default=Kind.FOLLOW_UP.value),
    _enum("channel", Channel, "with-contact"),
    Column("new_info", "bool", default="false"),
    Column("response_date", "date"),
    _enum("response", Response),
    _enum("outcome", Outcome, default=Outcome.PENDING.value),
    Column("applied_date", "date"),
    Column("job_ref", "text"),
    Column("contact_name", "text"),
    Column("contact_detail", "text"),
    _enum("source", Source),
    Column("answer_date", "date"),
    Column("stage_history", "text"),
)
"""Every column, in the order an export writes them."""

COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in COLUMNS)

SORT_ORDER: tuple[str, ...] = (
    "application_id",
    "interview_date",
    "contact_date",
    "kind",
    "channel",
)
"""Rows of an export are sorted by these columns, so an export is reproducible."""
