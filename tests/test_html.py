"""HTML fixtures of our own, each with its expected article; CLI and API agree."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

import scrubber
from scrubber.extract.blocks import trafilatura_blocks
from scrubber.extract.html import _chunk_blocks
from scrubber.parse.html import parse_html
from tests.conftest import FIXTURES, expected

PAGES = sorted((FIXTURES / "html").glob("*.html"))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_page_gives_expected_article(path: Path) -> None:
    want = expected(path)
    article = scrubber.scrub(path)
    for field in ("title", "byline", "authors", "date", "site_name", "url", "language", "description"):
        assert getattr(article, field) == want[field], field
    assert [[block.kind, block.text] for block in article.body] == want["body"]
    for fragment, cleaner in want["removed"].items():
        matches = [item for item in article.removed if fragment in item.text]
        assert matches, f"{fragment!r} was not removed"
        assert matches[0].cleaner == cleaner, (fragment, matches[0])
    if not want["body"]:
        assert "no article text found" in article.warnings


def test_cli_and_api_give_the_same_article() -> None:
    path = FIXTURES / "html" / "article_with_residue.html"
    done = subprocess.run([sys.executable, "-m", "scrubber", "clean", str(path), "--format", "json"],
                          capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == scrubber.scrub(path.read_bytes()).to_dict()


def test_captions_kept_on_request() -> None:
    path = FIXTURES / "html" / "article_with_residue.html"
    article = scrubber.Scrubber(include_captions=True).scrub(path)
    assert "Cranes stood idle" in article.text
    assert "Cranes stood idle" not in scrubber.scrub(path).text


def test_loose_text_in_trafilaturas_output_is_kept() -> None:
    """trafilatura keeps text that sits between paragraphs (a bold subheading outside any <p>) as the
    tail of the element before it; it is a block of its own, and a line break separates words."""
    body = etree.fromstring(
        "<body>Opening words<p>First paragraph.</p>Near-term consolidation likely"
        "<p>Item one<lb/><ref target='http://x.example/1'>http://x.example/1</ref></p>Closing words</body>"
    )
    blocks = [(candidate.kind, candidate.text) for candidate in trafilatura_blocks(body)]
    assert blocks == [
        ("paragraph", "Opening words"),
        ("paragraph", "First paragraph."),
        ("paragraph", "Near-term consolidation likely"),
        ("paragraph", "Item one http://x.example/1"),
        ("paragraph", "Closing words"),
    ]


def test_a_chunk_inside_a_list_item_keeps_its_paragraphs() -> None:
    """Only block elements inside the chunk nest its blocks; an <li> around the chunk does not."""
    page = lxml.html.fromstring('<ul><li><div class="chunk"><p>One sentence.</p><h3>Two</h3></div></li></ul>')
    chunk = page.find(".//div")
    assert [(block.kind, block.text) for block in _chunk_blocks(chunk)] == [
        ("paragraph", "One sentence."),
        ("heading", "Two"),
    ]


def test_a_list_item_is_one_block_without_its_sub_list_and_its_parts_stay_apart() -> None:
    """A sub-list's items are blocks of their own, not glued again onto the item above them; a heading
    and a paragraph inside one item keep their words apart (gear_checklist.html is the whole page)."""
    body = etree.fromstring(
        "<body><list><item>Snacks such as:<list><item>Nuts</item><item>Figs</item></list> and more</item>"
        "<item><head>1. A torch</head><p>The <ref target='http://x.example/'>huts</ref> go dark.</p></item>"
        "</list></body>"
    )
    blocks = list(trafilatura_blocks(body))
    texts = [block.text for block in blocks]
    assert texts == ["Snacks such as: and more", "Nuts", "Figs", "1. A torch The huts go dark."]
    link = blocks[-1].marks[0]
    assert blocks[-1].text[link.start : link.stop] == "huts"


def test_streamed_segments_are_moved_into_their_placeholders() -> None:
    """A React page saved without its scripts: each hidden segment goes where its placeholder of the same
    number stands, as the script would have put it (streamed_segments.html has the script's call)."""
    tree = parse_html(
        "<html><body><p>First.</p><template id='P:1'></template><p>Last.</p>"
        "<footer>Footer</footer><div hidden id='S:1'>Lead <b>middle</b> <i>part</i>.</div></body></html>"
    )
    body = tree.find("body")
    assert [element.tag for element in body] == ["p", "b", "i", "p", "footer"]
    assert body.text_content() == "First.Lead middle part.Last.Footer"


@pytest.mark.parametrize(
    ("page", "texts"),
    [
        # React numbers segments from the placeholders' counter, not the boundaries': S:1 is P:1's
        ("<template id='B:1'></template><p>mid</p><template id='P:1'></template>"
         "<div hidden id='S:1'><p>seg</p></div>", ["mid", "seg"]),
        # a boundary with stylesheets is filled by $RR, not $RC
        ("<template id='B:0'></template><p>mid</p><template id='P:0'></template>"
         "<div hidden id='S:1'><p>seg</p></div><script>$RR(\"B:0\",\"S:1\",[])</script>", ["seg", "mid"]),
        # an app's identifierPrefix before every id
        ("<p>mid</p><template id='appP:0'></template><p>end</p><div hidden id='appS:0'><p>seg</p></div>"
         "<script>$RS(\"appS:0\",\"appP:0\")</script>", ["mid", "seg", "end"]),
        ("<p>mid</p><template id='appB:0'></template><p>end</p><div hidden id='appS:0'><p>seg</p></div>",
         ["mid", "seg", "end"]),
    ],
)
def test_a_streamed_segment_goes_to_its_own_placeholder(page: str, texts: list[str]) -> None:
    body = parse_html(f"<html><body>{page}</body></html>").find("body")
    assert [element.text for element in body if element.tag == "p"] == texts
    assert body.find(".//div[@hidden]") is None


def test_a_placeholder_in_the_head_takes_no_streamed_segment() -> None:
    """The body's text stays in the body: a placeholder in <head> is no place for a segment."""
    tree = parse_html("<html><head><template id='P:1'></template></head>"
                      "<body><p>x</p><div hidden id='S:1'><p>seg</p></div></body></html>")
    assert "seg" in tree.find("body").text_content()
