"""Build small canonical contact tables by hand, for tests that count exactly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from workbook.canonical import COLUMNS

AS_OF = dt.date(2026, 11, 20)


def day(offset: int) -> dt.date:
    """The day `offset` days after `AS_OF` (negative: before)."""
    return AS_OF + dt.timedelta(days=offset)


def contacts(*rows: dict[str, Any]) -> pd.DataFrame:
    """A canonical DataFrame: each row's values over the defaults, with the contract's dtypes.

    Dates may be given as `datetime.date` or None; a row defaults to an email follow-up sent on
    `AS_OF` after an interview the same day, with no answer.
    """
    defaults: dict[str, Any] = {c.name: c.default for c in COLUMNS}
    defaults |= {
        "application_id": "A1",
        "company": "Example Co (synthetic)",
        "channel": "email",
        "interview_date": AS_OF,
        "contact_date": AS_OF,
        "response_date": None,
    }
    records = [defaults | row for row in rows]
    frame = pd.DataFrame(records, columns=[c.name for c in COLUMNS])
    for column in COLUMNS:
        values = frame[column.name]
        if column.type == "date":
            frame[column.name] = pd.to_datetime(values.where(values.notna(), None))
            if not len(frame):
                frame[column.name] = frame[column.name].astype("datetime64[s]")
        elif column.type == "bool":
            frame[column.name] = values.map(lambda v: v is True or v == "true").astype(bool)
        else:
            frame[column.name] = values.fillna("").astype("str")
    return frame
