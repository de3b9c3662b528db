"""The report as terminal text and as one self-contained, escaped HTML page."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from tests.frames import AS_OF, contacts, day
from workbook.analysis.frames import GROUPINGS, report
from workbook.analysis.sample import SAMPLE_AS_OF, SAMPLE_SEED, generate_contacts
from workbook.reports.page import html_report
from workbook.reports.text import text_report

HOSTILE = '<script>alert("x")</script>'


def sample() -> pd.DataFrame:
    return generate_contacts(120, SAMPLE_SEED)


def hostile() -> pd.DataFrame:
    return contacts(
        {
            "contact_date": day(-30),
            "interview_date": day(-31),
            "response_date": day(-29),
            "response": "positive",
            "company": HOSTILE,
            "role": "<b>Boss</b> & co",
        },
        {"contact_date": day(-20), "interview_date": day(-31), "company": HOSTILE},
    )


def test_text_report_has_a_table_per_grouping_with_aligned_figures() -> None:
    """Each grouping gets a titled table; rates, intervals and medians are written out."""
    text = text_report(report(sample(), as_of=SAMPLE_AS_OF))
    for title in ("By channel", "By kind of contact", "By days from the interview to the contact"):
        assert f"\n{title}\n" in text
    header = next(line for line in text.splitlines() if line.strip().startswith("channel"))
    assert header.split() == [
        "channel",
        "contacts",
        "answered",
        "positive",
        "pending",
        "rate",
        "95%",
        "interval",
        "median",
        "days",
    ]
    email = next(line for line in text.splitlines() if line.strip().startswith("email"))
    assert re.search(r"\d+%\s+\d+–\d+%", email)
    table = text.split("\nBy channel\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(table) > 2 and len({len(line) for line in table}) == 1


def test_text_report_marks_small_groups_and_explains_the_mark() -> None:
    """A group under ten decided contacts has a star, and a footnote says what it means."""
    text = text_report(report(sample(), as_of=SAMPLE_AS_OF))
    assert re.search(r"^  \S+ \*", text, flags=re.MULTILINE)
    assert "* fewer than 10 decided contacts (or applications): read with care." in text


def test_text_report_writes_dashes_where_there_is_no_rate_or_median() -> None:
    """An all-pending report shows dashes, not `None` or `nan`."""
    text = text_report(report(contacts({"contact_date": day(-1)}), as_of=AS_OF))
    row = next(line for line in text.splitlines() if line.strip().startswith("email"))
    assert row.split()[-3:] == ["-", "-", "-"]
    assert not re.search(r"\b(None|nan)\b", text)


def test_text_report_of_an_empty_table_says_there_are_no_contacts() -> None:
    """No contacts: the report says so under every grouping."""
    text = text_report(report(contacts(), as_of=AS_OF))
    assert "No contacts yet." in text
    assert text.count("(no contacts)") == len(GROUPINGS)


def test_both_renderers_carry_the_plain_language_notes() -> None:
    """The interval, the small-group flag and the warning about causes are explained in both."""
    result = report(sample(), as_of=SAMPLE_AS_OF)
    for page in (text_report(result), html_report(result)):
        flat = " ".join(page.split())
        assert "The 95% interval is the range of rates" in flat
        assert "fewer than 10 decided contacts are marked as few" in flat
        assert "does not prove the channel causes it" in flat


class Page(HTMLParser):
    """Collects the tags, images and captions of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.captions: list[str] = []
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "img":
            self.images.append(dict(attrs))
        self._in_caption = tag == "figcaption"
        if self._in_caption:
            self.captions.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_caption = self._in_caption and tag != "figcaption"

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            self.captions[-1] += data


def test_html_report_is_self_contained() -> None:
    """No http(s) reference, no script, no external style: charts are inline PNG data."""
    frame = sample()
    page = html_report(report(frame, as_of=SAMPLE_AS_OF), frame, applications=["S000001"])
    assert "http://" not in page and "https://" not in page
    parsed = Page()
    parsed.feed(page)
    assert "script" not in parsed.tags and "link" not in parsed.tags
    assert parsed.images and all(
        (img["src"] or "").startswith("data:image/png;base64,") for img in parsed.images
    )
    png = base64.b64decode((parsed.images[0]["src"] or "").split(",", 1)[1])
    assert png.startswith(b"\x89PNG")


def test_every_chart_has_its_summary_as_alt_text_and_visible_caption() -> None:
    """Five groupings, the funnel, the rates by source, the curves and one timeline: nine
    images, alt equal to caption, each sentence with its figures."""
    frame = sample()
    page = html_report(report(frame, as_of=SAMPLE_AS_OF), frame, applications=["S000002"])
    parsed = Page()
    parsed.feed(page)
    assert len(parsed.images) == len(GROUPINGS) + 4
    assert [img["alt"] for img in parsed.images] == parsed.captions
    assert all(caption.endswith(".") and "%" in caption for caption in parsed.captions[:7])
    assert parsed.captions[5].startswith(f"Of {frame['application_id'].nunique()} applications, ")


def test_html_report_escapes_everything_a_learner_typed() -> None:
    """A company called <script>, a role with markup and a hostile title all stay text."""
    frame = hostile()
    page = html_report(
        report(frame, as_of=AS_OF), frame, title=f"Workshop {HOSTILE}", applications=["A1"]
    )
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;Boss&lt;/b&gt; &amp; co" in page
    parsed = Page()
    parsed.feed(page)
    assert "script" not in parsed.tags
    assert any(HOSTILE in (img["alt"] or "") for img in parsed.images)


def test_html_report_without_contacts_has_no_curves_or_timelines() -> None:
    """Given only the report dict, the page has the five grouping charts, the funnel and the
    rates by source, and nothing more."""
    parsed = Page()
    parsed.feed(html_report(report(sample(), as_of=SAMPLE_AS_OF)))
    assert len(parsed.images) == len(GROUPINGS) + 2


@pytest.mark.parametrize(
    "frame",
    [contacts(), contacts({"contact_date": day(-1)}, {"contact_date": day(-2)})],
    ids=["empty", "all pending"],
)
def test_html_report_of_an_empty_or_undecided_table_renders(frame: pd.DataFrame) -> None:
    """No contacts, or none decided, still gives a complete page without `None` in it."""
    page = html_report(report(frame, as_of=AS_OF), frame)
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    words = re.sub(r"base64,[^\"]*", "", page)
    assert not re.search(r"\b(None|nan)\b", words)
