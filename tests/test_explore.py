"""The contacts an analysis looks at: the learner's, or the sample, filtered."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.analysis.explore import Filters, filter_contacts, own_contacts, sample_contacts


def test_the_filters_of_the_analysis_keep_what_they_say() -> None:
    """Each filter keeps exactly the contacts that pass it; a reversed range is an error."""
    sample = sample_contacts()
    kept = filter_contacts(sample, Filters(people_facing=True, channels=("email", "phone")))
    assert kept["people_facing"].all() and set(kept["channel"]) <= {"email", "phone"}
    assert len(kept) == len(
        sample[sample["people_facing"] & sample["channel"].isin(["email", "phone"])]
    )
    with pytest.raises(ValueError, match="is after the last day"):
        filter_contacts(
            sample,
            Filters(
                start=sample["contact_date"].max().date(), end=sample["contact_date"].min().date()
            ),
        )


def test_the_learners_contacts_without_a_tracker_are_none(isolated_home: Path) -> None:
    """Reading the learner's contacts before any tracker exists gives none and creates none."""
    assert own_contacts().empty
    assert not (isolated_home / "tracker.db").exists()
