"""Each metadata source on its own: JSON-LD, OpenGraph, meta tags, the visible page (h1, byline, time)."""

from __future__ import annotations

import pytest

import scrubber

STORY = "".join(
    f"<p>Paragraph {n} of the story says what happened at the council meeting on Tuesday evening, "
    "who spoke, what they decided and what happens next for the people of the town.</p>"
    for n in range(4)
)


def page(head: str, top: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{top}{STORY}</article></body></html>"


JSON_LD = """<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Council approves the new harbour plan", "datePublished": "2025-02-03T10:00:00Z",
 "author": [{"@type": "Person", "name": "Ada Lovelace"}, {"@type": "Person", "name": "Alan Turing"}],
 "publisher": {"@type": "Organization", "name": "Harbour Times"}, "description": "The plan passed by 9 votes to 2.",
 "image": {"@type": "ImageObject", "url": "https://harbour.example/plan.jpg"},
 "mainEntityOfPage": "https://harbour.example/news/plan"}</script>"""

OPEN_GRAPH = """<meta property="og:title" content="Council approves the new harbour plan">
<meta property="og:site_name" content="Harbour Times">
<meta property="og:description" content="The plan passed by 9 votes to 2.">
<meta property="og:image" content="https://harbour.example/plan.jpg">
<meta property="og:url" content="https://harbour.example/news/plan">
<meta property="article:published_time" content="2025-02-03T10:00:00Z">"""

META_TAGS = """<title>Council approves the new harbour plan | Harbour Times</title>
<meta name="author" content="Ada Lovelace"><meta name="description" content="The plan passed by 9 votes to 2.">
<meta name="date" content="2025-02-03"><link rel="canonical" href="https://harbour.example/news/plan">
<meta http-equiv="content-language" content="en">"""

VISIBLE = """<h1>Council approves the new harbour plan</h1><p class="byline">By Ada Lovelace and Alan Turing</p>
<time datetime="2025-02-03T10:00:00Z">3 February 2025</time>"""


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (page(JSON_LD), {"title": "Council approves the new harbour plan", "authors": ["Ada Lovelace", "Alan Turing"],
                         "date": "2025-02-03T10:00:00+00:00", "site_name": "Harbour Times",
                         "description": "The plan passed by 9 votes to 2.", "image": "https://harbour.example/plan.jpg"}),
        (page(OPEN_GRAPH), {"title": "Council approves the new harbour plan", "site_name": "Harbour Times",
                            "date": "2025-02-03T10:00:00+00:00", "description": "The plan passed by 9 votes to 2.",
                            "image": "https://harbour.example/plan.jpg", "url": "https://harbour.example/news/plan"}),
        (page(META_TAGS), {"title": "Council approves the new harbour plan", "authors": ["Ada Lovelace"],
                           "date": "2025-02-03", "description": "The plan passed by 9 votes to 2.",
                           "url": "https://harbour.example/news/plan", "language": "en"}),
        (page("", VISIBLE), {"title": "Council approves the new harbour plan",
                             "byline": "By Ada Lovelace and Alan Turing", "authors": ["Ada Lovelace", "Alan Turing"],
                             "date": "2025-02-03T10:00:00+00:00"}),
    ],
    ids=["json-ld", "opengraph", "meta-tags", "visible-page"],
)
def test_each_metadata_source_alone(html: str, expected: dict[str, object]) -> None:
    article = scrubber.scrub(html)
    for field, value in expected.items():
        assert getattr(article, field) == value, field
    assert len(article.body) == 4


def test_the_title_drops_the_site_name_the_title_tag_appends() -> None:
    article = scrubber.scrub(page("<title>Council approves the new harbour plan - Harbour Times</title>"))
    assert article.title == "Council approves the new harbour plan"
