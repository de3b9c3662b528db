"""The README and the facilitator guide give each section the minutes the course file holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbook.rules.course import course

REPO = Path(__file__).resolve().parents[1]
SECTIONS = [
    (f"{number:02d}-{part.id.value}", part.minutes) for number, part in enumerate(course(), 1)
]


def minutes_in_tables(path: Path) -> dict[str, str]:
    """The last cell of the first table row that names each numbered notebook."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        named = re.search(r"`(\d\d-[\w-]+)`", line)
        if line.startswith("|") and named and named.group(1) not in found:
            found[named.group(1)] = line.rstrip("|").rsplit("|", 1)[-1].strip()
    return found


@pytest.mark.parametrize("document", ["README.md", "docs/facilitator-guide.md"])
def test_each_sections_minutes_are_the_measured_ones(document: str) -> None:
    """Each section's row in the document's first table naming it ends with its minutes from
    course.toml, so the course file, the start page and the docs cannot drift apart."""
    found = minutes_in_tables(REPO / document)
    assert {name: found.get(name) for name, _ in SECTIONS} == {
        name: str(minutes) for name, minutes in SECTIONS
    }
