"""The guides give each section the minutes the course file holds, and their links lead
somewhere."""

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


@pytest.mark.parametrize("document", ["docs/user-guide.md", "docs/facilitator-guide.md"])
def test_each_sections_minutes_are_the_measured_ones(document: str) -> None:
    """Each section's row in the document's first table naming it ends with its minutes from
    course.toml, so the course file, the start page and the docs cannot drift apart."""
    found = minutes_in_tables(REPO / document)
    assert {name: found.get(name) for name, _ in SECTIONS} == {
        name: str(minutes) for name, minutes in SECTIONS
    }


DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md")), REPO / "data/README.md"]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(REPO)))
def test_every_link_to_a_file_of_the_repository_finds_it(document: Path) -> None:
    """Each relative link or image in the README and the guides names a file that exists, so
    nothing moved into docs/ is left pointing nowhere."""
    text = document.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)
    local = [t for t in targets if not re.match(r"[a-z]+:", t)]
    missing = [t for t in local if not (document.parent / t).exists()]
    assert not missing
    if document.name == "README.md" and document.parent == REPO:
        assert len(local) >= 8  # the README is mostly links to the guides


def test_the_readme_is_short_enough_to_read_in_five_minutes() -> None:
    """The README stays under 12,000 characters and links each guide in docs/."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(text) < 12_000
    guides = {path.name for path in (REPO / "docs").glob("*.md")}
    assert {name for name in guides if f"docs/{name}" in text} == guides
