"""The counting rules of the response-rate reports, kept apart from pandas so that the
command line can name them in its help without loading the analysis."""

from __future__ import annotations

from typing import Final

__all__ = ["MIN_GROUP", "SMALL_UNDER", "WINDOW_DAYS"]

WINDOW_DAYS: Final = 14
"""An answer counts when it comes within this many days of the contact."""
SMALL_UNDER: Final = 10
"""A group with fewer decided contacts than this is flagged as small."""
MIN_GROUP: Final = 5
"""In a group's pooled report, a group resting on fewer participants than this is hidden."""
