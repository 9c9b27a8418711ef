"""Each metadata source on its own: JSON-LD, OpenGraph, meta tags, the visible page (h1, byline, time)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

import scrubber
from scrubber.extract.byline import credited_otherwise, parse_credit
from scrubber.extract.dates import find_date
from scrubber.extract.page_dates import plausible_date
from tests.conftest import FIXTURES, expected

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


META_PAGES = sorted((FIXTURES / "html").glob("meta_*.html"))


@pytest.mark.parametrize("path", META_PAGES, ids=lambda p: p.stem)
def test_metadata_faults_seen_on_real_pages_are_fixed(path: Path) -> None:
    """Entities in a title, a placeholder date, three authors with an agency, a role-only byline, a
    byline glued from adjacent elements, a Japanese and a German date in the visible text only."""
    want = expected(path)
    article = scrubber.scrub(path)
    for field in ("title", "byline", "authors", "organizations", "date", "date_modified", "site_name", "description"):
        assert getattr(article, field) == want[field], field


def test_a_banner_h1_gives_way_to_the_title_with_the_site_name_too() -> None:
    """The banner rule matches the metadata title without the site's name ('Headline | Site')."""
    path = FIXTURES / "html" / "meta_section_banner_h1.html"
    page = path.read_text(encoding="utf-8")
    title = "<title>Harbour wall to be rebuilt in stone after winter storms</title>"
    assert title in page
    article = scrubber.scrub(page.replace(title, title.replace("</title>", " | Coast News</title>")))
    want = expected(path)
    for field in ("title", "byline", "authors", "organizations", "date", "date_modified", "site_name", "description"):
        assert getattr(article, field) == want[field], field
    assert [[block.kind, block.text] for block in article.body] == want["body"]


@pytest.mark.parametrize(
    ("byline", "authors", "organizations"),
    [
        ("By Jane Doe, John Roe and Ann Lee, Associated Press", ["Jane Doe", "John Roe", "Ann Lee"],
         ["Associated Press"]),
        ("Jane Doe & John Roe | Reuters", ["Jane Doe", "John Roe"], ["Reuters"]),
        ("Von Anna Fink und Jan Marchart", ["Anna Fink", "Jan Marchart"], []),
        ("By Jane Doe for The Times", ["Jane Doe"], []),
        ("Senior Editor-at-large", [], []),
        ("JO ALLEN The Daily Courier", ["JO ALLEN"], ["The Daily Courier"]),
        ("Dana Kim Tuesday, March 3, 2025", ["Dana Kim"], []),
        ("山田太郎、鈴木花子", ["山田太郎", "鈴木花子"], []),
        ("김철수 기자", ["김철수"], []),
        ("By Staff Reports", [], ["Staff Reports"]),
        ("Theresa May", ["Theresa May"], []),
        ("By", [], []),
        ("View all posts by Aleksandar Stevanovic", ["Aleksandar Stevanovic"], []),
        ("Von", [], []),
        ("Liz Kenny, Former McKinsey Consultant", ["Liz Kenny"], []),
        ("Paige Brunton https://example.org/about", ["Paige Brunton"], []),
        ("Deutsche Welle (www.dw.com)", [], ["Deutsche Welle"]),
        ("Lauren Manaker MS, RDN, LD", ["Lauren Manaker"], []),
        ("By Nelson C.J. and Ann Lee, Ph.D.", ["Nelson C.J.", "Ann Lee"], []),
        ("By Md Shahidul Islam", ["Md Shahidul Islam"], []),
        ("By Jane Doe, Senior Research Fellow", ["Jane Doe"], []),
        ("Written by Jane Doe\nContent Marketing Coordinator", ["Jane Doe"], []),
        ("Jane Doe Senior Editor", ["Jane Doe"], []),
        ("crumbwatcher\n212\n2 silver badges", ["crumbwatcher"], []),
        ("crumbwatcher\nMember", [], []),
        ("By Ines (Moreau) Delacroix and Jan Roth", ["Ines (Moreau) Delacroix", "Jan Roth"], []),
        ("By Jan (AP) Roth", [], []),
        ("By Ines Delacroix (Reuters) Harbourtown", [], []),
        ("By Jane Doe (Reuters)", ["Jane Doe"], ["Reuters"]),
        ("By Ann Lee (AP), Jan Roth", ["Ann Lee", "Jan Roth"], ["AP"]),
        ("By Mary (Staff Writer) Jones", [], []),
    ],
)
def test_byline_credits_persons_and_organizations_apart(byline: str, authors: list[str],
                                                        organizations: list[str]) -> None:
    credit = parse_credit(byline, ("de",))
    assert (credit.authors, credit.organizations) == (authors, organizations)


@pytest.mark.parametrize(
    ("stated", "authors"),
    [("Maria & Katerina", ["Maria", "Katerina"]), ("Dana Kim | Sponsored", ["Dana Kim"]),
     ("jsteinhardt", ["jsteinhardt"]), ("Harbour Times, Frankfurt, Germany", []),
     ("Carla Gomez, Jordeene B. Lagare, and Tom Watkins", ["Carla Gomez", "Jordeene B. Lagare", "Tom Watkins"]),
     ("Society for Harbour History", []), ("Harbourside On", [])],
)
def test_a_lone_word_is_a_name_first_or_joined_to_lone_names_only(stated: str, authors: list[str]) -> None:
    assert parse_credit(stated, stated=True).authors == authors


@pytest.mark.parametrize(
    ("text", "iso"),
    [("2024年5月3日 10:00", "2024-05-03T10:00"), ("2024년 5월 3일", "2024-05-03"), ("3. Mai 2024", "2024-05-03"),
     ("18 нояб. 2019", "2019-11-18"), ("Sept. 5, 2023", "2023-09-05"), ("5 de mayo de 2024", "2024-05-05")],
)
def test_dates_written_in_many_scripts_and_forms(text: str, iso: str) -> None:
    assert find_date(text, ("de", "ru", "es")) == iso


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00Z", "1970-01-01", "2999-01-01", "not a date", ""])
def test_placeholder_future_and_broken_dates_are_no_date(value: str) -> None:
    assert plausible_date(value, today=date(2026, 1, 1)) is None


def test_a_date_keeps_its_time_and_offset() -> None:
    assert plausible_date("2025-02-03T10:15:00+01:00", today=date(2026, 1, 1)) == "2025-02-03T10:15:00+01:00"


def test_a_date_keeps_its_time_to_the_second() -> None:
    assert plausible_date("2025-02-03T10:15:07.183Z", today=date(2026, 1, 1)) == "2025-02-03T10:15:07+00:00"


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("<![CDATA[", "]]>"),
        ("//<![CDATA[", "//]]>"),
        ("<!--", "-->"),
        ("/*<![CDATA[*/", "/*]]>*/"),
        ("<!--//--><![CDATA[//><!--", "//--><!]]>"),  # Drupal's
        ("\ufeff<![CDATA[", "]]>"),
        ("", ";"),
    ],
)
def test_json_ld_an_xhtml_page_wraps_in_cdata_or_a_comment_is_read(opening: str, closing: str) -> None:
    wrapped = JSON_LD.replace('json">', f'json">\n{opening}\n', 1).replace("</script>", f"\n{closing}\n</script>")
    article = scrubber.scrub(page(wrapped))
    assert (article.authors, article.date) == (["Ada Lovelace", "Alan Turing"], "2025-02-03T10:00:00+00:00")


def test_the_wrapping_of_json_ld_adds_no_depth() -> None:
    """The brackets of "<![CDATA[" nest nothing: JSON-LD 99 levels deep is read, wrapped or not."""
    deep = JSON_LD.replace('"mainEntityOfPage"', '"about": ' + "[" * 98 + "1" + "]" * 98 + ', "mainEntityOfPage"')
    wrapped = deep.replace('json">', 'json"><![CDATA[', 1).replace("</script>", "]]></script>")
    article = scrubber.scrub(page(wrapped))
    assert (article.authors, article.warnings) == (["Ada Lovelace", "Alan Turing"], [])


@pytest.mark.parametrize(
    ("head", "top", "title"),
    [
        ('<meta property="og:title" content="Ehrengast der Buchmesse: Was lesen die Philippinen?">',
         "<h1><span>Kultur</span> Ehrengast der Buchmesse: Was lesen die Philippinen?</h1>",
         "Ehrengast der Buchmesse: Was lesen die Philippinen?"),
        ('<meta property="og:site_name" content="Harbour Notes"><title>Why the wall failed | Harbour Notes</title>',
         "<h1>Harbour Notes</h1>", "Why the wall failed"),
        ('<meta property="og:title" content="Wall to be rebuilt">',
         "<h1>“Wall to be rebuilt”, council says</h1>", "“Wall to be rebuilt”, council says"),
        ('<meta property="og:title" content="高知と宮崎に1メートルの津波注意報 気象庁：朝日新聞デジタル">',
         "<h1>津波注意報</h1><h1>高知と宮崎に1メートルの津波注意報 気象庁</h1>",
         "高知と宮崎に1メートルの津波注意報 気象庁"),
        ('<meta property="og:title" content="Catering tips">',
         "<h1>Catering tips | Cookshack</h1><h1>Catering tips</h1>", "Catering tips"),
        ('<meta property="og:title" content="Open flow for programmable logic">'
         "<title>Harbour Notes: Open flow for programmable logic</title>",
         "<h1>Harbour Notes</h1>", "Open flow for programmable logic"),
        ("", "<h1>Harbour wall<br>to be rebuilt</h1>", "Harbour wall to be rebuilt"),
        ("", '<h1>Harbour wall to be rebuilt<a class="headerlink" href="#wall">¶</a></h1>',
         "Harbour wall to be rebuilt"),
        ("", "<h1><style>.kicker{font-weight:700}</style>Harbour wall to be rebuilt</h1>",
         "Harbour wall to be rebuilt"),
        ("", "<h1>Harbour wall to be rebuilt<span hidden>Save to your list</span></h1>", "Harbour wall to be rebuilt"),
        ('<meta property="og:title" content="Harbour wall to be rebuilt | Opinion">',
         "<h1>Harbour wall to be rebuilt | Opinion</h1>", "Harbour wall to be rebuilt"),
        ("", "<h1>Ten harbour walls to visit | The best sea views on the whole coast</h1>",
         "Ten harbour walls to visit | The best sea views on the whole coast"),
        ("", "<h1>Council votes to rebuild the old harbour wall in stone | The ferry keeps its berth</h1>",
         "Council votes to rebuild the old harbour wall in stone | The ferry keeps its berth"),
        ("", "<h1>Opinion | Keep the old wall</h1>", "Opinion | Keep the old wall"),
        ("", "<h1>港湾 | 古い防波堤を石で建て直すと市議会が決定</h1>", "港湾 | 古い防波堤を石で建て直すと市議会が決定"),
        ("<title>Moorings for the winter, 2025 list - Harbour Forum</title>", '<a href="/"><h1>Harbour Forum</h1></a>',
         "Moorings for the winter, 2025 list"),
        ("<title>Moorings for the winter, 2025 list - Harbour Forum</title>",
         "<h1>Harbour Forum</h1><h2>Moorings for the winter, 2025 list</h2>", "Moorings for the winter, 2025 list"),
        # the <title> puts the site first: its last part is the headline the <h1> shows
        ("<title>The Lower Valley Weekly Gazette - Old mill reopens</title>", "<h1>Old mill reopens</h1>",
         "Old mill reopens"),
        # the <h1> is the headline as shown (its curly quotes), not the og:title, though the <title> ends with it
        ("<meta property=\"og:title\" content=\"The 'old' wall to be rebuilt\">"
         "<title>Harbour: - The 'old' wall to be rebuilt</title>",
         "<h1>The ‘old’ wall to be rebuilt</h1>", "The ‘old’ wall to be rebuilt"),
        # the only <h1> names the section; the page shows the <title> as a lower heading
        ("<title>Harbour wall to be rebuilt in stone</title>",
         "<h1>Coastal Works Information Centre</h1><h2>Harbour wall to be rebuilt in stone</h2>",
         "Harbour wall to be rebuilt in stone"),
        ("<title>Harbour wall to be rebuilt in stone</title>",
         "<h1>Coastal Works Information Centre</h1><h2>Tools and resources</h2>", "Coastal Works Information Centre"),
        ("<title>Harbour wall to be rebuilt in stone | Coast News</title>",
         "<h1>Coastal Works Information Centre</h1><h2>Harbour wall to be rebuilt in stone</h2>",
         "Harbour wall to be rebuilt in stone"),
        # a <title> that is the site's name alone, which the logo's link shows as a lower heading: the <h1>
        ("<title>Coast News</title>",
         "<a href=\"/\"><h2>Coast News</h2></a><h1>Harbour wall to be rebuilt in stone</h1>",
         "Harbour wall to be rebuilt in stone"),
        # ... or shows above the <h1> outside any link, menu or <header>: a banner's heading, not the story's
        ("<title>Coast News</title>",
         "<div class=\"brand\"><h2>Coast News</h2></div><h1>Harbour wall to be rebuilt in stone</h1>",
         "Harbour wall to be rebuilt in stone"),
        # a page that calls itself a website names itself in its metadata title; its <h1> is a slogan ...
        ('<meta property="og:type" content="website"><title>Boat Storage and Winter Moorings | Coast Marina</title>',
         "<h1>Your boat, safe through every storm</h1>", "Boat Storage and Winter Moorings"),
        # ... unless its JSON-LD says it is a story
        ('<meta property="og:type" content="website"><title>Boat Storage and Winter Moorings | Coast Marina</title>'
         '<script type="application/ld+json">{"@type": "BlogPosting"}</script>',
         "<h1>Your boat, safe through every storm</h1>", "Your boat, safe through every storm"),
        ('<meta property="og:type" content="article"><title>Boat Storage and Winter Moorings | Coast Marina</title>',
         "<h1>Your boat, safe through every storm</h1>", "Your boat, safe through every storm"),
        # ... or its metadata title is only (a part of) the site's name
        ('<meta property="og:type" content="website">'
         '<meta property="og:site_name" content="Coast Marina - Safe Moorings">'
         '<meta property="og:title" content="Safe Moorings">',
         "<h1>Winter berths for boats of every size</h1>", "Winter berths for boats of every size"),
        # a headline written twice (once per screen size) is a lone <h1>
        ('<meta property="og:title" content="Council votes for a stone harbour wall">',
         "<h1>Harbour wall to be rebuilt in granite</h1><h1>Harbour wall to be rebuilt in granite</h1>",
         "Harbour wall to be rebuilt in granite"),
        # the <title> adds the site's name to the metadata headline: the headline's own dashes join its parts
        ('<meta property="og:title" content="Storm season — What the new wall changes for boat owners">'
         "<title>Storm season — What the new wall changes for boat owners — Coast News</title>",
         "", "Storm season — What the new wall changes for boat owners"),
        ('<meta property="og:title" content="Storm season — What the new wall changes for boat owners">'
         "<title>Coast News | Storm season — What the new wall changes for boat owners</title>",
         "", "Storm season — What the new wall changes for boat owners"),
        # ... unless the headline still names the site
        ('<meta property="og:site_name" content="Coast News ®">'
         '<meta property="og:title" content="What the new wall changes for boat owners | Coast® News">'
         "<title>What the new wall changes for boat owners | Coast® News - Harbour</title>",
         "", "What the new wall changes for boat owners"),
    ],
    ids=["kicker-left-out", "site-name-h1-on-a-blog", "h1-longer-than-og-title", "fullest-of-several-h1",
         "h1-that-is-the-title", "blog-name-h1-before-the-headline-in-title", "line-break-in-h1",
         "anchor-link-in-h1", "style-in-h1", "hidden-text-in-h1", "section-label-after-a-pipe",
         "second-headline-after-a-pipe", "shorter-second-headline-after-a-pipe",
         "short-headline-after-a-kicker-and-pipe",
         "japanese-headline-after-a-label-and-pipe", "site-name-h1-the-title-ends-with-in-a-link",
         "site-name-h1-the-title-ends-with-beside-the-headline", "headline-h1-the-title-ends-with-after-the-site",
         "headline-the-title-ends-with", "section-h1-above-the-headline-shown-lower", "lone-h1-the-title-not-shown",
         "section-h1-above-the-headline-shown-lower-without-the-site", "lone-h1-the-title-is-the-site-in-the-logo",
         "lone-h1-the-title-is-the-site-in-a-banner-above-it", "slogan-h1-of-a-website", "h1-of-a-website-s-story",
         "h1-of-an-article", "h1-of-a-website-named-by-the-site-s-name", "h1-written-twice",
         "headline-the-title-adds-the-site-to",
         "headline-the-title-puts-the-site-before", "headline-naming-the-site-the-title-adds-to"],
)
def test_title_is_the_headline_not_a_kicker_or_the_site_name(head: str, top: str, title: str) -> None:
    assert scrubber.scrub(page(head, top)).title == title


@pytest.mark.parametrize(
    ("shown", "date"),
    [("August 4, 2024 9:23 PM", "2024-08-04T13:23:00+00:00"), ("August 5, 2024 1:23 AM", "2024-08-05T01:23:00+12:00"),
     ("August 3, 2024 11:23 PM", "2024-08-04T13:23:00+00:00"),
     ("20:49, 5 Aug 2024", "2024-08-04T13:23:00+00:00"), ("5 Aug 2024", "2024-08-04T13:23:00+00:00")],
    ids=["same-day", "next-day-at-its-time", "beyond-any-zone", "time-of-another-instant", "next-day-without-time"],
)
def test_a_utc_instant_takes_the_day_the_page_shows_only_at_its_own_time(shown: str, date: str) -> None:
    head = '<meta property="article:published_time" content="2024-08-04T13:23:00Z">'
    assert scrubber.scrub(page(head, f"<h1>Council approves the new harbour plan</h1><p>{shown}</p>")).date == date


@pytest.mark.parametrize(
    ("byline", "others"),
    [("By Jane Doe Contributions from John Roe , Ann Lee", {"John Roe", "Ann Lee"}),
     ("By Jane Doe Reviewed by Ann Lee Edited by John Roe", {"Ann Lee", "John Roe"}),
     ("By Jane Doe Photography by John Roe", {"John Roe"}),
     ("By Jane Doe and John Roe Additional reporting by Ann Lee", {"Ann Lee"}),
     ("Photos: John Roe. Words by Jane Doe and Ann Lee", {"John Roe"})],
)
def test_a_byline_tells_writers_from_other_credits(byline: str, others: set[str]) -> None:
    assert credited_otherwise(["Jane Doe", "John Roe", "Ann Lee"], byline) == others


@pytest.mark.parametrize(
    ("top", "authors"),
    [
        ('<p class="info">Written by Lena Brandt</p>', ["Lena Brandt"]),
        ('<div class="meta"><span>By</span><span>Lena Brandt</span></div>', ["Lena Brandt"]),
        ('<p class="meta">By <!-- -->Lena Brandt</p>', ["Lena Brandt"]),
        ('<p>By contrast, the council said little.</p>', []),
        ('<p class="legal">By signing up you agree to our <a href="/p">Privacy Policy</a></p>', []),
        ('<nav><p>BY USE CASE</p><a href="/x">Harbour Plans</a></nav>', []),
        ('<a href="/other"><span>Von Jane Doe, Washington</span></a>', []),
        ('<p class="tag">By Invitation</p>', []),
        ('<h2>By The Numbers</h2>', []),
    ],
    ids=["own-text", "label-in-first-child", "label-before-comment", "prose", "legal-line", "menu", "teaser-link",
         "lone-word", "heading"],
)
def test_a_line_that_only_its_label_marks_as_a_byline_credits_full_names(top: str, authors: list[str]) -> None:
    assert scrubber.scrub(page("", f"<h1>Council approves the new harbour plan</h1>{top}")).authors == authors


@pytest.mark.parametrize(
    ("top", "authors"),
    [
        ('<div class="byline">By Mara Lind</div><div class="byline">By Tomas Vik</div>', ["Mara Lind", "Tomas Vik"]),
        ('<div class="byline">By Mara Lind</div><p>The first story.</p><h2>Second story of the edition</h2>'
         '<div class="byline">By Tomas Vik</div>', ["Mara Lind"]),
        ('<ul><li class="info">By: Mara Lind</li><li class="info">Translation: Tomas Vik</li></ul>', ["Mara Lind"]),
    ],
    ids=["byline-per-writer", "another-story-after-a-heading", "labelled-fields-not-marked-bylines"],
)
def test_the_bylines_made_like_the_first_beside_it_name_its_other_writers(top: str, authors: list[str]) -> None:
    assert scrubber.scrub(page("", f"<h1>Council approves the new harbour plan</h1>{top}")).authors == authors


@pytest.mark.parametrize(
    ("top", "authors"),
    [
        ('<div class="byline">Mara Lind</div><div class="byline">Tomas Vik</div>', ["Tomas Vik", "Mara Lind"]),
        ('<div class="byline">Photo: Mara Lind</div><div class="byline">Tomas Vik</div>', ["Tomas Vik"]),
        ('<div class="byline">Mara Lind</div><h2>Another story</h2><div class="byline">Tomas Vik</div>', ["Tomas Vik"]),
    ],
    ids=["writer-beside-the-stated-one", "a-credit-not-only-a-name", "another-story-before-a-heading"],
)
def test_the_writers_beside_the_stated_authors_byline_are_authors_too(top: str, authors: list[str]) -> None:
    head = '<meta name="author" content="Tomas Vik">'
    assert scrubber.scrub(page(head, f"<h1>Council approves the new harbour plan</h1>{top}")).authors == authors


def test_the_copyright_holder_is_an_author_only_when_no_one_else_is_credited() -> None:
    """A company that holds the copyright, named as an author beside a writer, is the publisher; a blog's
    writer may hold its copyright and stays its author."""
    blog = page('<meta name="author" content="Jane Doe"><meta name="copyright" content="© 2025 Jane Doe">')
    own = scrubber.scrub(blog)
    assert (own.authors, own.organizations) == (["Jane Doe"], [])
    article = scrubber.scrub(FIXTURES / "html" / "meta_copyright_holder.html")
    assert (article.authors, article.organizations) == (["Ada Lovelace"], ["Wexford Barrow"])


def test_a_long_author_field_is_read_in_linear_time() -> None:
    """A page's JSON-LD may hold any text as its author's name; the counter and outlet patterns tried every
    word of a long run of words as a start (20,000 characters cost 15 s of CPU)."""
    name = "word " * 4000  # no counter, no website: each start position scanned the rest of the run
    started = time.process_time()
    parse_credit(name, ("en",), (), stated=True)
    assert time.process_time() - started < 1.0


def test_a_long_word_in_an_author_field_is_read_in_linear_time() -> None:
    """The patterns for a compound role ("Sportreporter") and for a link were tried from every letter of a
    word: an author field of one 3,000-letter word cost 1.7 s of CPU, 30,000 letters minutes."""
    name = "Jane " + "x" * 30000 + " Smith"
    started = time.process_time()
    parse_credit(name, ("en",), (), stated=True)
    assert time.process_time() - started < 1.0


@pytest.mark.parametrize(
    ("shown", "date"),
    [("Published March 9, 2024", "2024-03-09"), ("Published 3 September 2024", "2024-09-03"),
     ("Published May 1, 2024", "2024-05-01"), ("Audio: Radio One | 1 May 2024 | Jane Doe, Morning Show", "2024-09-03")],
    ids=["shown-month-first", "shown-day-first", "shown-another-day", "credit-line-holding-a-date"],
)
def test_the_date_line_a_page_shows_comes_before_htmldate_s_reading_of_its_markup(shown: str, date: str) -> None:
    head = '<meta property="article:published_time" content="03-09-2024">'
    assert scrubber.scrub(page(head, f"<h1>Council approves the new harbour plan</h1><p>{shown}</p>")).date == date


@pytest.mark.parametrize(
    ("head", "date"),
    [("", "2024-09-03"), ('<meta property="article:modified_time" content="2024-09-03">', "2024-05-01")],
    ids=["date-line", "date-line-is-the-modification"],
)
def test_a_longer_date_text_before_the_date_line_counts_where_the_line_is_the_modification(
    head: str, date: str
) -> None:
    """The first date line (up to 40 characters) is the publication date unless it is the page's modification
    date; then the first date text up to 80 characters is, and one before the line comes first."""
    top = ("<h1>Council approves the new harbour plan</h1>"
           "<p>Filed in harbour news, first published on 1 May 2024 by the desk</p><p>Updated 3 September 2024</p>")
    assert scrubber.scrub(page(head, top)).date == date


def test_a_writer_the_byline_credits_stays_an_author_though_a_like_byline_credits_them_otherwise() -> None:
    """Beside "By Mara Lind", "Edited by Mara Lind, Tomas Vik" takes only the editor from the authors the
    metadata lists: the writer the byline names keeps her credit (else every name is credited otherwise and
    none is taken out)."""
    head = '<meta name="author" content="Mara Lind"><meta name="author" content="Tomas Vik">'
    top = ('<div class="byline-item">By <a href="/mara-lind">Mara Lind</a></div>'
           '<div class="byline-item">Edited by <a href="/mara-lind">Mara Lind</a>, '
           '<a href="/tomas-vik">Tomas Vik</a></div>')
    article = scrubber.scrub(page(head, f"<h1>Council approves the new harbour plan</h1>{top}"))
    assert article.authors == ["Mara Lind"]


@pytest.mark.parametrize(
    ("head", "date"),
    [('<meta name="published" content="July 17, 2025">', "2025-07-17"),
     # not og:image: htmldate's fast search reads that one itself, so the case would pass without the rule
     ('<meta name="twitter:image" content="https://harbour.example/uploads/2025/06/02/plan.jpg">', "2025-06-02")],
    ids=["published-meta-name", "day-in-the-image-path"],
)
def test_cheap_signals_stand_in_for_htmldate_s_extensive_search(head: str, date: str) -> None:
    """htmldate's extensive search (not run: ten times slower than the rest of the metadata) found these dates;
    a meta tag named "published" and the day in the image's path are read instead."""
    assert scrubber.scrub(page(head, "<h1>Council approves the new harbour plan</h1>")).date == date


@pytest.mark.parametrize(
    ("top", "date"),
    [("", "2025-03-09T10:00:00+01:00"), ("<p>Posted March 9, 2025</p>", "2025-03-09")],
    ids=["beside-a-meta-date", "beside-a-date-line"],
)
def test_a_job_ad_s_posting_date_is_no_date_of_the_story_beside_it(top: str, date: str) -> None:
    """A news page that carries a job ad's JSON-LD (a JobPosting and its `datePosted`) keeps the date it gives
    its story, in a meta tag or in a date line: the job's date is read only where the page gives none."""
    job = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "JobPosting", '
           '"title": "Harbour engineer", "datePosted": "2024-11-20"}</script>')
    stated = '<meta property="article:published_time" content="2025-03-09T10:00:00+01:00">' if not top else ""
    assert scrubber.scrub(page(stated + job, f"<h1>Council approves the new harbour plan</h1>{top}")).date == date


def test_a_story_published_on_new_year_s_day_keeps_its_date() -> None:
    """A date line of the 1st of January is a day like any other: only htmldate's extensive search (not run)
    gave a bare year as the 1st, so no rule throws such dates away."""
    top = "<h1>Council approves the new harbour plan</h1><p>Posted January 1, 2025</p>"
    assert scrubber.scrub(page("", top)).date == "2025-01-01"


@pytest.mark.parametrize(
    ("href", "canonical", "authors"),
    [("/news/ferry-winter-timetable", '<link rel="canonical" href="https://valley.example/news/dam">', []),
     ("/news/dam/", '<link rel="canonical" href="https://valley.example/news/dam">', ["Lena Hartmann"]),
     ("/news/ferry-winter-timetable", "", ["Lena Hartmann"])],
    ids=["another-story-s-teaser", "the-story-s-own-linked-heading", "page-address-unknown"],
)
def test_an_author_in_another_story_s_teaser_is_no_author_of_the_page(
    href: str, canonical: str, authors: list[str]
) -> None:
    """Where the page credits no person, an author element in a short block whose heading links to another
    page is that story's writer; a heading linked to the page itself (a permalink) is the story's own, and
    without the page's address no link can be told for another page's."""
    card = (f'<div class="card"><a href="{href}"><h3>Ferry timetable changes for the winter</h3></a>'
            '<div class="card-author">By Lena Hartmann</div></div>')
    assert scrubber.scrub(page(canonical, card)).authors == authors


@pytest.mark.parametrize(
    ("head", "href", "url", "image"),
    [('<link rel="canonical" href="https://valley.example/news/dam">', "http://[broken/ferry",
      "https://valley.example/news/dam", None),
     ('<link rel="canonical" href="http://[broken/dam">', "/news/ferry", None, None),
     ('<meta property="og:url" content="http://[broken/dam">', "/news/ferry", None, None),
     ('<link rel="canonical" href="https://valley.example/news/dam"><meta property="og:image" content="http://[broken.jpg">',
      "/news/ferry", "https://valley.example/news/dam", None)],
    ids=["teaser-link", "canonical", "shared-address", "image"],
)
def test_an_address_written_wrong_is_no_address(head: str, href: str, url: str | None, image: str | None) -> None:
    """A page's links are written by hand, and urllib raises on a broken one: the page is read without it."""
    card = (f'<div class="card"><a href="{href}"><h3>Ferry timetable changes for the winter</h3></a>'
            '<div class="card-author">By Lena Hartmann</div></div>')
    article = scrubber.scrub(page(head, card))
    assert (article.url, article.image) == (url, image)


def test_a_story_in_chinese_is_no_teaser_for_its_few_spaces() -> None:
    """A story's own block is too long for a teaser in any script: Chinese, written without spaces, is
    counted by characters, so a heading linked to the story's print page leaves its byline the page's."""
    story = ("水务委员会批准了一项为期两年的旧河坝修复计划。自去年冬天的洪水以来，大坝的混凝土墙已在多处出现裂缝。"
             "工程将于四月开始，届时春季融雪已经过去，坝顶的人行道将一直关闭，直到新栏杆安装完毕。")
    html = ('<html lang="zh"><head><link rel="canonical" href="https://river.example/news/dam.html"></head><body>'
            '<article><h1><a href="https://river.example/print/dam.html">旧河坝明年春天开始维修</a></h1>'
            f'<div class="author">By Lena Hartmann</div><p>{story}</p><p>{story}</p></article></body></html>')
    assert scrubber.scrub(html).authors == ["Lena Hartmann"]
