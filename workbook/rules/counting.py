"""The counting rules of the response-rate reports, kept apart from pandas so that the
command line can name them in its help without loading the analysis."""

from __future__ import annotations

from typing import Final

__all__ = [
    "BIN_STARTS",
    "DAY_BINS",
    "GROUPINGS",
    "MIN_GROUP",
    "OWN_LATENESS_FROM",
    "SMALL_UNDER",
    "WINDOW_DAYS",
]

WINDOW_DAYS: Final = 14
"""An answer counts when it comes within this many days of the contact."""
SMALL_UNDER: Final = 10
"""A group with fewer decided contacts than this is flagged as small."""
OWN_LATENESS_FROM: Final = 5
"""From this many rounds whose answer came (after a promised date), a learner's own figure of
how late employers answer is worth reading, and the plan's "time to stop" day uses it; with
fewer, a report says the figure is still small and the plan keeps its default wait."""
MIN_GROUP: Final = 5
"""In a group's pooled report, a group resting on fewer participants than this is hidden."""
GROUPINGS: Final = ("channel", "kind", "people_facing", "new_info", "days_to_follow_up")
"""The groupings of a report, each a `by_<name>` list whose key field is `<name>`."""
DAY_BINS: Final = ("0-2", "3-6", "7-13", "14+")
"""Calendar days from the interview to the contact, in the bins a report groups them by."""
BIN_STARTS: Final = (3, 7, 14)
"""The first day of each bin of `DAY_BINS` after the first."""
