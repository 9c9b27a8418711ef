"""Recall first: page types, the evidence a weak class word needs, the safety net, and a removal record
that accounts for every block of the page."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

import scrubber
from scrubber.cleaners.base import Page, Segment, Verdict
from scrubber.cleaners.donation import DonationCleaner
from scrubber.cleaners.duplicate import DuplicateCleaner
from scrubber.cleaners.navigation import NavigationCleaner
from scrubber.extract.blocks import left_out, page_blocks, trafilatura_blocks
from scrubber.extract.dom import _toggles, button_labels, overlay_texts, prune
from scrubber.extract.html import _PARAGRAPH, _SPAN_END_TAGS, _first_starting, _may_gain, _one_run
from scrubber.extract.page_type import PAGE_TYPES, _schema_types, classify
from scrubber.extract.safety import is_suspect, rescue
from scrubber.extract.strategy import strategy_for
from scrubber.parse.html import parse_html, text_content
from scrubber.pipeline import DESCRIBED, NO_ARTICLE, RECOVERED_AFTER_CLEANING
from scrubber.sources import load
from tests.conftest import FIXTURES, SHARED

HTML = FIXTURES / "html"


def _parsed(page: bytes) -> lxml.html.HtmlElement:
    """The page as scrubber reads it (decoding included)."""
    return parse_html(load(page).text)


def _tree(name: str) -> lxml.html.HtmlElement:
    return _parsed((HTML / name).read_bytes())


@pytest.mark.parametrize(
    ("fixture", "page_type"),
    [
        ("forum_thread.html", "forum"),  # schema.org DiscussionForumPosting
        ("news_listing.html", "listing"),  # its canonical URL ends in /news
        ("article_with_residue.html", "article"),
        ("paywalled_news.html", "article"),  # NewsArticle beside the Product of its paywall markup
    ],
)
def test_page_type_from_the_pages_own_signals(fixture: str, page_type: str) -> None:
    assert scrubber.scrub(HTML / fixture).page_type == page_type


def test_og_type_article_needs_a_date_or_a_story() -> None:
    """Site templates give og:type article to every page: a service page of short boxes that states no
    date is not typed an article on that alone, while the same page with a publication date, or with a
    story's run of paragraphs, is."""
    page = (HTML / "undated_service_og_article.html").read_text(encoding="utf-8")
    assert scrubber.scrub(page).page_type == "unknown"
    dated = page.replace("</head>", '<meta property="article:published_time" content="2025-03-04"></head>')
    assert scrubber.scrub(dated).page_type == "article"
    paragraph = "<p>" + " ".join(["The valley's shops asked us for pages they could keep up themselves."] * 5)
    story = page.replace("<h1>What we do</h1>", "<h1>What we do</h1>" + (paragraph + "</p>") * 2)
    assert scrubber.scrub(story).page_type == "article"
    sentence = "町の商店から、自分たちで更新できるページがほしいという声が寄せられ、三年かけて作りました。"
    japanese = "<p>" + sentence * 3
    japanese_story = page.replace("<h1>What we do</h1>", "<h1>What we do</h1>" + (japanese + "</p>") * 2)
    assert scrubber.scrub(japanese_story).page_type == "article"  # words counted by script, not by spaces


def test_page_type_from_url_and_dom() -> None:
    page = lxml.html.document_fromstring("<html><body><p>Hello</p></body></html>")
    assert classify(page, "https://docs.example.org/guide/install")[0] == "documentation"
    assert classify(page, "https://shop.example/products/red-shoe")[0] == "product"
    assert classify(page, "https://agency.example/services/seo-audits/")[0] == "service"
    assert classify(page, "https://tool.example/")[0] == "service"  # a home page without teasers
    assert classify(page, "https://agency.example/team/our-people-and-their-work")[0] == "article"
    assert classify(page, "https://community.example.org/t/best-chisels/8251")[0] == "forum"  # a thread's id
    assert classify(page, "https://board.example.org/topic/43227/how-to-sharpen")[0] == "forum"
    assert classify(page, "https://news.example.org/topic/software")[0] == "listing"  # a subject's page
    assert classify(page, "https://shop.example/t/mesh-office-chair")[0] != "forum"
    assert classify(page, None) == ("unknown", "no clear signal")
    posts = "".join(f"<div class='post'><p>{'Reply text that says something useful. ' * 5}</p></div>" for _ in range(4))
    assert classify(lxml.html.document_fromstring(f"<html><body>{posts}</body></html>"), None)[0] == "forum"
    assert set(PAGE_TYPES) >= {"article", "forum", "product", "collection", "listing", "documentation", "service"}


def test_a_weak_class_word_does_not_delete_prose() -> None:
    """'widget' or 'comment' name a place in a template; 'newsletter' names a purpose."""
    prose = "A sentence of the story that runs on for a while, as stories do. " * 4
    page = lxml.html.document_fromstring(
        f"<html><body><div class='widget Blog'>{prose}</div><div class='widget'>Labels: a b</div>"
        f"<div class='newsletter'>Sign up for our newsletter today.</div></body></html>"
    )
    removed = prune(page)
    text = page.text_content()
    assert prose.strip() in text
    assert "Labels" not in text and "Sign up" not in text
    assert [item.reason for item in removed] == ["element marked 'widget'", "element marked 'newsletter'"]


def test_a_headings_anchor_made_of_its_own_words_is_no_class_word() -> None:
    """An id such as 'h-what-is-social-shopping' names the heading's text, not its purpose."""
    page = lxml.html.document_fromstring(
        "<html><body><h2 id='h-what-is-social-shopping'>What is social shopping?</h2>"
        "<h3 id='social-links'>Follow us</h3><div id='share-of-sales'>Share of sales</div>"
        "<h3 id='newsletter-signup'>Newsletter</h3><h3 id='related-articles'>Art</h3></body></html>"
    )
    removed = prune(page)
    # not a heading, or words that share a residue marker by chance (too few, or not whole): no anchor
    assert [item.text for item in removed] == ["Follow us", "Share of sales", "Newsletter", "Art"]
    assert "What is social shopping?" in page.text_content()


def test_comments_are_kept_when_asked_for() -> None:
    page = lxml.html.document_fromstring("<html><body><div class='comment'>Short reply.</div></body></html>")
    assert prune(page, keep_comments=True) == []
    assert "Short reply." in page.text_content()


def test_the_widget_blog_post_is_not_lost() -> None:
    article = scrubber.scrub(HTML / "widget_blog.html")
    assert "Through-stones are the long ones" in article.text
    assert article.warnings == []


def test_safety_net_only_on_disagreement() -> None:
    assert not is_suspect(body_chars=3000, page_chars=6000)
    assert not is_suspect(body_chars=100, page_chars=1000)  # a small page: nothing much to lose
    assert is_suspect(body_chars=500, page_chars=10000)


def test_safety_net_recovers_what_the_first_body_lost() -> None:
    """A body of a few characters on a page of teasers: an independent extraction replaces it."""
    rescued = rescue(lambda: _tree("news_listing.html"), "https://valley.example/news", body_chars=40)
    assert rescued is not None
    blocks, how = rescued
    assert any("A family bakery in the old market" in block.text for block in blocks)
    assert how == "a recall-oriented extraction"
    assert rescue(lambda: _tree("news_listing.html"), None, body_chars=5000) is None  # nothing more to find


def test_safety_net_keeps_a_product_description_over_the_rest_of_the_shop() -> None:
    """On a product page the page's own blocks are the shop around the description (here a list of
    finishes, four times its length): the net falls back on them for other pages, not for products."""
    page = partial(_tree, "product_with_finishes.html")
    assert classify(page(), None)[0] == "product"
    assert not strategy_for("product").page_blocks_net
    rescued = rescue(page, None, body_chars=361)
    assert rescued is not None and rescued[1] == "the page's own blocks outside its furniture"
    assert rescue(page, None, body_chars=361, page_blocks_net=False) is None



def test_safety_net_extends_a_product_description_and_does_not_swap_it_for_the_reviews() -> None:
    """trafilatura's recall and default modes take this page's customer reviews (eight of them) for its
    main content and leave out the description above them: on a product page the net keeps a recovered
    body only if it holds the first one, which on other pages a body in another place may replace."""
    page = partial(_tree, "product_with_reviews.html")
    assert strategy_for("product").net_extends_body and not strategy_for("service").net_extends_body
    description = [
        "Two slatted shelves hold up to ten pairs of shoes, and the four hooks along the top take coats, bags "
        "and umbrellas, so the hallway stays clear.",
        "Made of solid oak with a clear lacquer; wipe with a damp cloth.",
    ]
    net = partial(rescue, page, None, body_chars=210, page_blocks_net=False)  # as on a product page
    swapped = net()
    assert swapped is not None and not any("slatted" in block.text for block in swapped[0])
    assert net(extend=description) is None
    review = "Solid for the price. One of the pegs was a little loose but tightening it with a screwdriver fixed that"
    extended = net(extend=[review])  # a first body that the extraction holds
    assert extended is not None and extended[1] == "a recall-oriented extraction"

def test_the_story_beyond_the_first_block_is_kept() -> None:
    """The fast pass takes the first container (1,200 characters) of a story that runs on in the next
    one; being far below the page's text, it is checked against the fallback extractors."""
    article = scrubber.scrub(HTML / "story_beyond_first_block.html")
    assert len(article.text) > 5000
    assert "Residents of the east bank have started a petition" in article.text


def test_a_print_notice_in_the_first_container_does_not_cost_the_story() -> None:
    """The page's only <article> holds a reprint notice and the story sits in a plain div after it:
    trafilatura's fast pass takes the notice (406 characters), and the fallback comparison, run when
    a fast pass keeps under 1,000 characters, finds the story."""
    article = scrubber.scrub(HTML / "print_notice_first.html")
    paragraphs = [block.text for block in article.body if block.kind == "paragraph"]
    assert len(paragraphs) >= 8
    assert paragraphs[-1].startswith("Last year a late frost destroyed nearly half of the cherry crop")
    assert not any("personal, non-commercial use" in text for text in paragraphs)


def test_blocks_of_a_fallback_extraction_stay_paragraphs() -> None:
    """A fallback extractor's output nests paragraphs in divs: each stays a block of its own."""
    body = etree.fromstring("<body><div><div><p>One.</p><p>Two.</p></div>loose<p>Three.</p></div></body>")
    assert [block.text for block in trafilatura_blocks(body)] == ["One.", "Two.", "loose", "Three."]


def test_page_blocks_keep_the_middle_of_the_page() -> None:
    blocks = page_blocks(_tree("news_listing.html"))
    texts = [block.text for block in blocks]
    assert ("heading", "Local bakery wins national bread award") in [(block.kind, block.text) for block in blocks]
    assert not any("Home" in text or "All rights reserved" in text for text in texts)  # furniture


def _accounted(article: scrubber.Article, page: lxml.html.HtmlElement) -> float:
    """The share of the page's block text that the body or the removal record holds: the block itself,
    or (a block whose parts went different ways is logged in parts) every word of it. Spaces are left
    out of the comparison: extractors space inline markup differently."""
    logged = "\n".join("".join(text.split()) for text in [article.text, *(item.text for item in article.removed)])
    blocks = left_out(page, [])
    found = sum(
        len(block.text)
        for block in blocks
        if "".join(block.text.split()) in logged or all(word in logged for word in re.findall(r"\w+", block.text))
    )
    total = sum(len(block.text) for block in blocks)
    return found / total if total else 1.0  # a page of no blocks (a script's shell) has nothing to lose


@pytest.mark.parametrize("path", sorted(HTML.glob("*.html")), ids=lambda path: path.stem)
def test_text_content_is_lxmls_for_every_element_of_a_fixture(path: Path) -> None:
    """The serialised text that every step reads is what lxml.html's slower ``text_content()`` gives, for
    every element of the pruned page, scripts and styles included."""
    tree = _tree(path.name)
    prune(tree)
    elements = [element for element in tree.iter() if isinstance(element.tag, str)]
    assert elements
    assert all(text_content(element) == element.text_content() for element in elements)


_TOGGLES_BY_XPATH = etree.XPath(
    ".//*[@role='tab' or @aria-expanded or @data-toggle='tab' or @data-toggle='pill' or @data-toggle='collapse'"
    " or @data-bs-toggle='tab' or @data-bs-toggle='pill' or @data-bs-toggle='collapse']"
)


@pytest.mark.parametrize("path", sorted(HTML.glob("*.html")), ids=lambda path: path.stem)
def test_the_toggles_walk_finds_what_the_xpath_finds_in_every_fixture(path: Path) -> None:
    """The walk that finds tabs and disclosure buttons (for speed) finds the elements the XPath of its
    definition finds, in order."""
    tree = _tree(path.name)
    assert _toggles(tree) == _TOGGLES_BY_XPATH(tree)


_JSON_LD_BY_XPATH = etree.XPath("//script[@type='application/ld+json']/text()")


@pytest.mark.parametrize("path", sorted(HTML.glob("*.html")), ids=lambda path: path.stem)
def test_schema_types_are_read_from_the_scripts_the_xpath_finds(path: Path) -> None:
    """`_schema_types` finds the JSON-LD scripts by tag (for speed): it reads what the XPath gives."""
    tree = _tree(path.name)
    scripts = [str(script) for script in _JSON_LD_BY_XPATH(tree)]
    expected: set[str] = set()
    for script in scripts:
        for value in re.findall(r'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")', script):
            expected.update(name.rsplit("/", 1)[-1] for name in re.findall(r'"([^"]+)"', value))
    assert _schema_types(tree) == expected


def test_the_toggles_walk_tells_the_kinds_of_toggle_apart() -> None:
    tree = _parsed(
        b"<html><body><ul role='tablist'><li role='tab'>A</li><li role='tabpanel'>B</li></ul>"
        b"<button aria-expanded='false'>C</button><a data-toggle='pill'>D</a><a data-toggle='dropdown'>E</a>"
        b"<a data-bs-toggle='collapse'>F</a><a data-bs-toggle='modal'>G</a><a data-toggle='tab'>H</a>"
        b"<b data-bs-toggle='tab' role='button'>I</b><i data-bs-toggle='pill'>J</i><p>K</p></body></html>"
    )
    assert [element.text for element in _toggles(tree)] == ["A", "C", "D", "F", "H", "I", "J"]
    assert _toggles(tree) == _TOGGLES_BY_XPATH(tree)


@pytest.mark.parametrize("path", sorted(HTML.glob("*.html")), ids=lambda path: path.stem)
def test_body_and_removed_account_for_every_block_of_a_fixture(path: Path) -> None:
    article = scrubber.scrub(path)
    assert _accounted(article, _tree(path.name)) == 1.0


@pytest.mark.skipif(not (SHARED / "benchmarks" / "wcxb-dev").is_dir(), reason="shared corpora absent")
def test_body_and_removed_account_for_real_pages() -> None:
    """Every visible block of real pages ends in the body or in `removed` with a step and reason."""
    import gzip

    folder = SHARED / "benchmarks" / "wcxb-dev" / "html"
    for path in sorted(folder.glob("*.html.gz"))[:40]:
        html = gzip.decompress(path.read_bytes())
        article = scrubber.scrub(html)
        assert _accounted(article, _parsed(html)) > 0.99, path.name


def test_links_of_the_page_reach_the_markdown() -> None:
    """trafilatura's link and emphasis markup becomes the blocks' marks, and Markdown links."""
    article = scrubber.scrub(HTML / "deals_list.html")
    links = [mark for block in article.body for mark in block.marks if mark.kind == "link"]
    assert [mark.href for mark in links][:2] == ["http://shop.example/a1", "http://shop.example/a2"]
    assert "](http://shop.example/a1)" in article.to_markdown()


class _KindOut:
    """A cleaner that removes every block of one kind (of any kind without one): the main content of a
    page of paragraphs, all of it."""

    name = "kind-out"
    description = "Removes every block of a kind."

    def __init__(self, kind: str | None = None) -> None:
        self.kind = kind

    def judge(self, page: Page) -> Iterator[Verdict]:
        for segment in page.segments:
            if self.kind in (None, segment.kind):
                yield Verdict.remove(segment, f"a {segment.kind}")


def test_the_pages_own_blocks_are_judged_when_the_cleaners_remove_all_of_the_main_content() -> None:
    """The cleaners removed every block of trafilatura's main content (here, all its paragraphs): the
    page's own blocks are judged in turn, and what they keep (the headings) is the body, with a warning."""
    article = scrubber.Scrubber(cleaners=[_KindOut("paragraph")]).scrub(HTML / "product_with_reviews.html")
    assert [block.kind for block in article.body] == ["heading"] * len(article.body)
    assert "Customer reviews" in article.text and "Good value" in article.text
    assert any(warning.startswith(RECOVERED_AFTER_CLEANING) for warning in article.warnings)
    assert all(item.cleaner == "kind-out" for item in article.removed if "slatted shelves" in item.text)


def test_a_page_whose_text_is_all_removed_is_described_by_its_summary() -> None:
    """Every block removed, none to recover: the page's own description is the body (never when the
    page is left out for its language)."""
    path = HTML / "article_with_residue.html"
    everything = scrubber.Scrubber(cleaners=[_KindOut()]).scrub(path)
    assert [block.text for block in everything.body] == [everything.description] and everything.description
    assert DESCRIBED in everything.warnings and NO_ARTICLE in everything.warnings
    off = scrubber.Scrubber(cleaners=[_KindOut()], target_language="de").scrub(path)
    assert not off.body


def test_a_nested_list_is_kept_once_and_not_recorded_as_left_out() -> None:
    """Each item of a list inside a list item is a block of its own, and the outer item holds only its
    own words (it held its nested items' too, which came again after it); the page's outer item, kept in
    those parts, is not in the removal record."""
    article = scrubber.scrub(HTML / "nested_list_guide.html")
    assert article.text.count("Avalanche transceiver") == 1
    assert not any("Clothing" in item.text for item in article.removed)


def test_a_fast_pass_that_gives_the_page_as_one_run_is_checked_against_the_fallbacks() -> None:
    """Some layouts make trafilatura's fast pass return the whole page as one paragraph of thousands of
    characters: that is no paragraph the page holds, so the fallback comparison runs as for a short body."""
    run = "A sentence of a guide that goes on. " * 80
    one = etree.fromstring(f"<body><p>{run}</p><p>Short tail.</p></body>")
    paragraphs = etree.fromstring(f"<body>{'<p>A sentence of a guide that goes on.</p>' * 80}</body>")
    assert _one_run(one, len(run))
    assert not _one_run(paragraphs, len(run))
    assert not _one_run(etree.fromstring("<body><p>A short page.</p></body>"), 13)


def test_lists_that_the_balanced_pass_leaves_apart_from_the_prose_are_kept() -> None:
    """trafilatura's balanced pass keeps the paragraphs of a story in plain divs and drops the lists
    between them (1,023 of 1,606 characters, too long for the fallback comparison to run, and the
    comparison finds no more); its recall mode, tried on a body short of the page, keeps them."""
    article = scrubber.scrub(HTML / "lists_beside_prose.html")
    items = [block.text for block in article.body if block.kind == "list_item"]
    assert len(items) == 6
    assert items[-1].startswith("The old ferry house needs a new roof")
    assert article.body[-1].text.startswith("Residents who want to comment")


def test_the_pages_own_blocks_leave_out_controls_and_overlays() -> None:
    """Where the page's own blocks are the extraction, a button's label inside a list item and a help
    popup are not the page's text; trafilatura's path keeps its own handling of both."""
    page = (
        "<html><body><div class='help-popup'><p>Press S to search</p></div><ul><li>amount integer. "
        "What the payment collects.<button>Show child attributes</button></li></ul></body></html>"
    )
    own = lxml.html.document_fromstring(page)
    removed = prune(own, own_blocks=True)
    assert [item.reason for item in removed] == ["element marked 'popup' (an overlay)", "a control of the page"]
    assert [block.text for block in page_blocks(own)] == ["amount integer. What the payment collects."]
    untouched = lxml.html.document_fromstring(page)
    assert prune(untouched) == []
    assert "Show child attributes" in untouched.text_content()


def test_a_block_that_is_only_a_button_label_is_removed() -> None:
    """A link styled as a button is a call to action: a block holding only its label goes, with its reason;
    the same words inside a sentence, or a plain link, stay."""
    article = scrubber.scrub(HTML / "call_to_action_button.html")
    assert "Start your free trial" not in article.text
    assert [item.reason for item in article.removed if item.text == "Start your free trial"] == [
        "the label of a link styled as a button"
    ]
    assert "sharding guide" in article.text
    page = lxml.html.document_fromstring(
        "<html><body><a class='btn' href='/a'>Shop now</a><a class='button-card' href='/b'>"
        "A card with a whole teaser of more than six words in it</a><a href='/c'>Read the guide</a></body></html>"
    )
    assert button_labels(page) == {"shop now"}


def test_text_for_screen_readers_only_is_removed() -> None:
    """Text a page hides from sight for screen readers ("(opens a PDF in a new window)" inside a link, a
    label before a quote) is no text on screen, whatever way its class spells the words: it goes with
    its reason, the sentence around it stays."""
    article = scrubber.scrub(HTML / "screen_reader_text.html")
    reasons = {item.text: item.reason for item in article.removed}
    assert reasons["(opens a PDF in a new window)"] == "element marked 'visuallyhidden'"
    assert reasons["Quote from the mayor:"] == "element marked 'screenreader'"
    assert "according to the transport plan that the council published in March." in article.text
    assert article.body[2].text.startswith('"People should not have to choose')


def test_a_button_link_that_ends_a_block_is_cut_off_it() -> None:
    """A link styled as a button at the end of a paragraph, after a price or a finished sentence, is the
    button's label glued to the text before it: it goes with its reason and that text stays, whole; a
    button link that finishes the sentence ("give us a call at" and the number) stays part of it."""
    article = scrubber.scrub(HTML / "button_at_block_end.html")
    reasons = {item.text: item.reason for item in article.removed if item.cleaner == "extract"}
    assert reasons["Add to cart"] == reasons["Shop the serum"] == "the label of a link styled as a button"
    assert "Add to cart" not in article.text and "Shop the serum" not in article.text
    assert any(block.text.endswith("nothing pills under sunscreen.") for block in article.body)
    assert article.body[2].text.endswith("give us a call at 555-0100")
    # the record lists no text that the body holds: the cut paragraph was found whole in the page
    assert not [text for text, reason in reasons.items() if reason == "outside the main content" and "$130" in text]


def test_a_block_found_only_in_an_overlay_is_removed() -> None:
    """A dialog's notice inside the story's container is no part of the story: its blocks go, with the
    reason. A link marked popup opens one and stays; a popover that repeats a paragraph of the story
    takes nothing from it, as the page shows that text outside the overlay too; and a product page's
    dialogs hold its details."""
    article = scrubber.scrub(HTML / "overlay_notices.html")
    reasons = {item.text: item.reason for item in article.removed}
    assert reasons["Welcome back to the Courier"] == "shown only inside an overlay (a dialog, popup or popover)"
    assert "Create your free account" not in article.text
    assert "said the vote gave them time to find a second source of income, and that a cooperative" in article.text
    assert article.body[-1].text.startswith("The council will review the grant next September")
    page = lxml.html.document_fromstring(
        "<html><body><div role='dialog'><h3>Sign in</h3><p>Welcome back</p></div>"
        "<div class='Modal-window'><p>Size guide</p><p>Welcome back</p></div><p>Welcome back</p></body></html>"
    )
    overlays: list[lxml.html.HtmlElement] = []
    assert prune(page, overlays=overlays) == []  # they stay in the tree
    # "Welcome back" is shown outside the overlays too
    assert overlay_texts(page, overlays) == {"SigninWelcomeback", "Signin", "SizeguideWelcomeback", "Sizeguide"}
    assert not strategy_for("product").overlays_are_residue and strategy_for("article").overlays_are_residue


def test_a_service_page_keeps_the_sections_beyond_its_first() -> None:
    """A service page whose list of services sits in a box marked as navigation: the main-content step
    keeps the introduction, 30 % of the page. That is no loss to note on a story, but on a page of many
    sections it is: the net recovers the services there, and leaves the same page as an article alone."""
    page = HTML / "service_sections.html"
    assert strategy_for("article").suspect_share < 820 / 2754 < strategy_for("service").suspect_share
    service = scrubber.scrub(page, url="https://harbour.example/services/bookkeeping/")
    assert service.page_type == "service"
    assert "A fishing year has lean months" in service.text and "sit beside you at the meeting" in service.text
    assert any(warning.startswith("recovered the body") for warning in service.warnings)
    assert not any("Payroll We run the payroll" in item.text for item in service.removed)  # recovered, so not removed
    story = scrubber.scrub(page, url="https://harbour.example/2024/05/bookkeeping-for-small-firms")
    assert story.page_type == "article"
    assert "A fishing year has lean months" not in story.text and not story.warnings


def test_a_consent_managers_dialog_is_no_body_however_long_its_paragraphs() -> None:
    """A forum thread of three short posts, and a consent manager (marked consent) whose preference
    centre (a dialog) explains each kind of cookie in long paragraphs: guarded as content by its
    prose, the dialog was the longest text on the page and became the body. It is removed before the
    main-content step, logged, and the posts are the body."""
    article = scrubber.scrub(HTML / "forum_consent_centre.html")  # a forum by its canonical URL
    assert article.page_type == "forum"
    assert "My new cordierite shelf cracked straight across" in article.text
    assert "Did you wash the shelf underside?" in article.text and "marked posts" in article.text
    assert "These technologies" not in article.text and "Privacy settings" not in article.text
    dialog = [item for item in article.removed if item.reason == "a consent manager's dialog"]
    assert len(dialog) == 1 and "Strictly necessary" in dialog[0].text


def test_a_collection_keeps_the_names_of_its_products() -> None:
    """A shop's category page: its content is the grid of products, each a name over a line of
    description. The main-content step keeps the descriptions and drops the names (short, in links);
    the page's own blocks keep each tile whole."""
    assert strategy_for("collection").page_blocks_first
    article = scrubber.scrub(HTML / "shop_collection.html", url="https://valley.example/collections/home")
    assert article.page_type == "collection"
    assert [block.text for block in article.body[1:3]] == [
        "Rowan tea towel", "Linen woven in the valley, printed with rowan berries.",
    ]
    assert "Willow basket" in article.text and "Mill Lane" not in article.text


def test_recall_mode_runs_only_where_the_bodys_span_holds_more_than_the_body() -> None:
    """Recall mode's result is cut to the body's span, so it can only gain where the page holds more
    text between the body's first and last paragraph than the body itself (here, a list it left out)."""
    first = "The harbour board met on Tuesday to decide the future of the old ferry house."
    last = "A decision on the roof is expected before the summer season begins in June."
    body = lxml.html.fragment_fromstring(f"<div><p>{first}</p><p>{last}</p></div>")
    found = len(first) + len(last)
    plain = lxml.html.document_fromstring(f"<html><body><p>{first}</p><p>{last}</p></body></html>")
    assert not _may_gain(plain, body, found)
    listed = lxml.html.document_fromstring(
        f"<html><body><p>{first}</p><ul><li>Repair the roof and the two chimneys of the ferry house</li>"
        f"<li>Rebuild the landing stage for the summer boats</li></ul><p>{last}</p></body></html>"
    )
    assert _may_gain(listed, body, found)
    assert _may_gain(plain, lxml.html.fragment_fromstring("<div><h2>Not a paragraph</h2></div>"), found)


def test_a_blocks_start_is_found_where_xpath_normalize_space_finds_it() -> None:
    """The element that starts a block is found by a walk that stops at it, reading each element's text
    as XPath's normalize-space() does (tabs and line breaks collapsed, a no-break space kept), the first
    in page order where two start alike, inline markup and leading spaces aside."""
    tree = lxml.html.document_fromstring((HTML / "block_starts_spaced.html").read_text(encoding="utf-8"))
    tags = " or ".join(f"self::{tag}" for tag in _SPAN_END_TAGS)
    by_xpath = {
        _PARAGRAPH: etree.XPath("(//p[starts-with(normalize-space(.), $prefix)])[1]"),
        _SPAN_END_TAGS: etree.XPath(f"(//*[{tags}][starts-with(normalize-space(.), $prefix)])[1]"),
    }
    texts = [text for element in tree.iter(*_SPAN_END_TAGS)
             for text in (text_content(element), " ".join(text_content(element).split()))]
    texts += ["The harbour board met", "The harbour board will", "Repairs to the roof", "No such block", ""]
    for text in texts:
        for tags_of, xpath in by_xpath.items():
            found = xpath(tree, prefix=text[:60])
            assert _first_starting(tags_of, tree, text) is (found[0] if found else None), (text, tags_of)
    paragraphs = list(tree.iter("p"))
    assert _first_starting(_PARAGRAPH, tree, "The harbour board met on Tuesday to decide") is paragraphs[0]
    assert _first_starting(_PARAGRAPH, tree, "The harbour board will meet") is None  # a no-break space
    assert _first_starting(_PARAGRAPH, tree, "Repairs to the roof begin") is paragraphs[2]


def test_the_recall_span_counts_visible_text_as_an_extractor_keeps_it() -> None:
    """A pretty-printed page indents every line and may put a script between two paragraphs: neither is
    text that recall mode could add, so the span between the body's paragraphs holds no more than the
    body and recall mode is not run."""
    page = (HTML / "recall_span_pretty_printed.html").read_text(encoding="utf-8")
    tree = lxml.html.document_fromstring(page)
    paragraphs = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    body = lxml.html.fragment_fromstring("<div>" + "".join(f"<p>{text}</p>" for text in paragraphs) + "</div>")
    assert not _may_gain(tree, body, sum(map(len, paragraphs)))


def test_the_recall_span_runs_between_block_elements_where_the_body_does_not_start_with_a_paragraph() -> None:
    """A body from a heading to a list item: the span between those two holds no more than the body, so
    recall mode is not run; where an end is found elsewhere in the page (the last item's words in a
    menu above the story), the span is shorter than the body, says nothing, and recall mode runs."""
    tree = lxml.html.document_fromstring((HTML / "recall_span_heading_to_list.html").read_text(encoding="utf-8"))
    article = tree.find(".//article")
    blocks = [" ".join(element.text_content().split()) for element in article.iter("h2", "p", "li")]
    body = lxml.html.fragment_fromstring("<div>" + "".join(f"<p>{text}</p>" for text in blocks) + "</div>")
    assert not _may_gain(tree, body, sum(map(len, blocks)))
    menu_item = "Repairs to the landing stage for the summer boats"
    from_the_menu = lxml.html.fragment_fromstring(
        "<div>" + "".join(f"<p>{text}</p>" for text in [*blocks[:-1], menu_item]) + "</div>"
    )
    assert _may_gain(tree, from_the_menu, sum(map(len, blocks)))


def test_a_passage_said_twice_in_the_body_is_kept_once() -> None:
    """A layout that renders the story twice (a second copy for members, hidden by a class) gives a body
    that holds the story twice: the copy goes, its heading with it. Blocks said again one at a time stay:
    an interview's question to every guest, the features a pricing table lists under every plan; and so
    does a passage repeated within a much longer body (a meal plan that serves the same day twice)."""
    article = scrubber.scrub(HTML / "story_rendered_twice.html")
    assert article.text.count("Most studios price their first class") == 1
    assert article.text.count("What a session costs you") == 1
    question = "What would you tell someone who wants to open a studio of their own next year?"
    feature = "Unlimited projects and storage for the whole team, with daily backups kept for a year"
    answers = [f"Answer number {number} is a different paragraph of the interview, long enough to be prose here."
               for number in range(3)]
    blocks = [("paragraph", question), ("paragraph", answers[0]), ("paragraph", question), ("paragraph", answers[1]),
              ("heading", "Basic"), ("list_item", feature), ("heading", "Team"), ("list_item", feature)]
    page = Page([Segment(index, kind, text, len(text.split())) for index, (kind, text) in enumerate(blocks)])
    assert list(DuplicateCleaner().judge(page)) == []
    day = [f"Meal {number} of the rest day is soup with bread and a green salad, with fruit after."
           for number in range(3)]
    week = [f"Day {number} has its own meals, different from every other day of the plan in this week."
            for number in range(24)]
    plan = [*week[:12], *day, *week[12:], *day]
    page = Page([Segment(index, "paragraph", text, len(text.split())) for index, text in enumerate(plan)])
    assert list(DuplicateCleaner().judge(page)) == []
    twice = [*day, *week[:3], *day]
    page = Page([Segment(index, "paragraph", text, len(text.split())) for index, text in enumerate(twice)])
    assert [verdict.start for verdict in DuplicateCleaner().judge(page)] == [6, 7, 8]


def test_a_menu_of_links_shown_twice_in_the_body_goes() -> None:
    """A layout that renders a menu once per screen size puts it twice in the body: a run of short list
    items, each one link, repeated item for item. Both copies go with their reason; a list of links said
    once (the story's sources) stays."""
    article = scrubber.scrub(HTML / "menu_shown_twice.html")
    reasons = [item.reason for item in article.removed if item.text == "Carrier Risk Management"]
    assert reasons == ["a menu of 4 links that the body shows twice"] * 2
    assert "Route Risk Assessment" not in article.text
    assert "Depot supply reports" in article.text
    items = [Segment(0, "list_item", "Route risk", 2, link_density=1.0),
             Segment(1, "list_item", "Depot supply", 2, link_density=1.0),
             Segment(2, "list_item", "Fleet costs", 2, link_density=1.0)]
    story = Segment(3, "paragraph", "The story itself is a paragraph of prose, long enough to read as one.", 14)
    twice = [*items, story, *(item._replace(index=item.index + 4) for item in items)]
    assert [verdict.start for verdict in DuplicateCleaner().judge(Page(twice))] == [0, 1, 2, 4, 5, 6]
    # a block outside the body between two items (an advert) is judged by what it is, not as the menu
    advert = Segment(1, "paragraph", "Advertisement", 1, in_body=False)
    split = [items[0], advert, *(block._replace(index=index) for index, block in enumerate(twice[1:], start=2))]
    verdicts = DuplicateCleaner().judge(Page(split))
    dropped = {index for verdict in verdicts for index in range(verdict.start, verdict.stop)}
    assert dropped == {0, 2, 3, 5, 6, 7}
    # items that end a sentence are a list the story gives twice (a summary over it and under it)
    said = [item._replace(text=f"{item.text}.”") if item.kind == "list_item" else item for item in twice]
    assert list(DuplicateCleaner().judge(Page(said))) == []


def test_link_lines_that_close_the_body_go() -> None:
    """One or two paragraphs that are each a short link and close the body are a pager, a back link or a
    call to action: they go with their reason. An address written out stays (a reference the article
    gives), and so do a longer run of links at the end (a grid of product names, a list of sources) and
    the last card's "More" under every card."""
    article = scrubber.scrub(HTML / "closing_link_lines.html")
    reasons = {item.text: item.reason for item in article.removed if item.cleaner == "navigation"}
    assert reasons["Restoring files"] == "a link line that closes the body 'Restoring files'"
    assert "Choosing a target" in reasons
    assert article.text.endswith("https://tidekeeper.example/reference/log")
    story = Segment(0, "paragraph", "The story itself is a paragraph of prose, long enough to read as one.", 14)
    links = [Segment(index, "paragraph", f"Tile number {index}", 3, link_density=1.0) for index in range(1, 4)]
    html = partial(Page, format="html")
    assert [verdict.start for verdict in NavigationCleaner().judge(html([story, *links[:2]]))] == [1, 2]
    assert list(NavigationCleaner().judge(html([story, *links]))) == []
    address = Segment(1, "paragraph", "https://tidekeeper.example/reference/log", 1, link_density=1.0)
    assert list(NavigationCleaner().judge(html([story, address]))) == []
    more = Segment(1, "paragraph", "More", 1, link_density=1.0)
    cards = [story, more, story._replace(index=2), more._replace(index=3)]
    assert list(NavigationCleaner().judge(html(cards))) == []


def test_page_blocks_leave_out_style_sheets_and_scripts_inside_them() -> None:
    """CSS-in-JS libraries put a style sheet inside each element they style, and a tag manager's script
    may sit in a paragraph: the page shows neither, so a block made from the page's own elements holds
    the item's words alone."""
    article = scrubber.scrub(HTML / "styled_listing.html")
    assert article.page_type == "listing"
    assert "Curlews return to the high meadow The first pair was heard on the ridge" in article.text
    assert "More notes come out each month, written by the wardens who walk the hill." in article.text
    assert "display:block" not in article.text and "dataLayer" not in article.text


def test_a_service_page_is_read_from_its_own_blocks_when_they_hold_more() -> None:
    """A service page whose introduction is the longest run of prose: the main-content step keeps it,
    two thirds of the page, and drops the steps after it. On a story that would be right, and the body
    is no loss the safety net notes; a service page is its sections, and its own blocks hold them all."""
    assert strategy_for("service").page_blocks_share > 671 / 985 > strategy_for("article").page_blocks_share
    service = scrubber.scrub(HTML / "service_steps.html")
    assert service.page_type == "service"
    assert "Fernhill Gardens designs gardens" in service.text
    assert "A first sketch\n\nWithin two weeks you get a sketch" in service.text
    assert any(warning.startswith("took the page's own blocks") for warning in service.warnings)


def test_a_service_page_counts_and_keeps_the_sentences_it_writes_in_bare_divs() -> None:
    """A service page whose cards hold their text in bare divs, no paragraph around it: the page's own
    blocks take the runs of that loose text that read as sentences, so they outweigh the introduction
    that the main-content step kept, and replace it; the cards' "More info" links and the "Skip to the
    main content" link are loose text too, but no sentences, and stay out."""
    service = scrubber.scrub(HTML / "service_loose_sections.html")
    assert service.page_type == "service"
    assert any(warning.startswith("took the page's own blocks") for warning in service.warnings)
    assert "Monthly books\n\nEvery receipt entered and every bank line matched" in service.text
    assert "Payslips for your staff" in service.text and "the notes that explain the unusual items" in service.text
    assert "More info" not in service.text and "Skip to the main content" not in service.text
    assert "From £40 a month" not in service.text  # a label: too few words
    assert "Read the full terms" not in service.text  # a link: no sentence of the page's own


def test_the_loose_text_a_page_leaves_out_is_in_the_removal_record() -> None:
    """Text in no block element that the body leaves out (a service page's price labels and "Details"
    links beside the sentences its own blocks keep, a skip link, the menu's bare links) is logged as
    left out, one record per run of it, like the blocks the main-content step leaves out."""
    service = scrubber.scrub(HTML / "service_loose_labels.html")
    assert any(warning.startswith("took the page's own blocks") for warning in service.warnings)
    assert "Swept twice a year while in use" in service.text and "From £55" not in service.text
    left_out = [item.text for item in service.removed if item.reason == "outside the main content"]
    assert left_out == [
        "Jump to the page content", "Home Services Book", "From £55 a visit", "Details", "From £45 a visit",
        "Details", "Soot & Sons, Ash Lane 2",
    ]


def test_a_paragraph_in_what_is_not_text_on_screen_is_still_in_the_removal_record() -> None:
    """The walk of the page's units skips what is not text on screen, but a block element in it (a
    <noscript>'s paragraph) that the body leaves out is logged like every other one."""
    article = scrubber.scrub(HTML / "noscript_paragraph_left_out.html")
    assert "post van" in article.text and "JavaScript" not in article.text
    left_out = [item.text for item in article.removed if item.reason == "outside the main content"]
    assert left_out == ["Turn on JavaScript in your browser to see the live departures board."]


def test_a_service_page_in_japanese_counts_the_words_of_its_loose_sentences_by_characters() -> None:
    """Japanese is written without spaces: a sentence in a bare div is one space-separated "word", and
    counted so no run of loose text on a Japanese service page would read as a sentence. Counted by
    characters, as everywhere else, the cards' sentences count and are kept; a price label and a
    link stay out."""
    service = scrubber.scrub(HTML / "service_loose_sections_ja.html")
    assert service.page_type == "service"
    assert any(warning.startswith("took the page's own blocks") for warning in service.warnings)
    assert "月次の記帳\n\n毎月の領収書をすべて入力し" in service.text
    assert "従業員の給与明細と社会保険の届け出を" in service.text
    assert "月額四万円" not in service.text and "利用規約" not in service.text


def test_a_collection_keeps_product_names_that_sit_in_no_block_element() -> None:
    """A shop's tiles often name the product in a bare link inside a div, no heading or paragraph
    around it: on a collection page that loose text is a block of its own, in page order, while the
    furniture's loose text (the footer's address) stays out."""
    assert strategy_for("collection").loose_text_blocks and not strategy_for("listing").loose_text_blocks
    article = scrubber.scrub(HTML / "shop_tiles_loose_names.html", url="https://fell.example/collections/garden")
    assert article.page_type == "collection"
    names = [block.text for block in article.body if block.text.startswith(("Forged", "Narrow", "Swan"))]
    assert names == [
        "Forged border spade with ash handle", "Narrow hand trowel for planting bulbs",
        "Swan-necked draw hoe, long handle",
    ]
    assert "Top Road" not in article.text


def test_elements_side_by_side_whose_words_would_run_together_across_a_case_change_are_spaced() -> None:
    """A shop tile's brand and name sit in two spans that the style sheet sets on lines of their own;
    read without it, "Tarn Co-op" and "Scree Walker" become "Co-opScree". A small letter followed by a
    capital across two elements gets a space; formatting inside a word ("a<b>ll</b>") keeps none."""
    tree = parse_html(
        "<html><body><a href='/p/2'><span>Tarn Co-op</span><span>Scree Walker</span></a>"
        "<p>A<b>ll</b> boots, <span>i</span>n <em>shop</em><em>s</em>.</p></body></html>"
    )
    assert text_content(tree.find("body")) == "Tarn Co-op Scree Walker All boots, in shops."
    article = scrubber.scrub(HTML / "shop_tiles_brand_and_name.html")
    assert article.page_type == "collection"
    assert "Tarn Co-op Scree Walker £98.00" in article.text and "Co-opScree" not in article.text


def test_a_highlighter_s_tokens_in_code_are_not_spaced() -> None:
    """Inside `<pre>` and `<code>` the page's white space is kept as written: a highlighter's two spans of one
    identifier ("get" and "Name") stay one word."""
    tree = parse_html("<html><body><pre><code><span class='n'>get</span><span class='n'>Name</span>()</code></pre>"
                      "</body></html>")
    assert text_content(tree.find("body")) == "getName()"
    tree = parse_html("<html><body><p>Call <code><span>is</span><span>Open</span></code></p></body></html>")
    assert text_content(tree.find("body")) == "Call isOpen"


def test_spacing_glued_words_reads_a_page_nested_deeper_than_the_recursion_limit() -> None:
    """The walk that looks for words run together across elements goes as deep as the page, and over it
    once: a page whose elements nest a thousand deep parses, and the words at the bottom are spaced; empty
    wrappers five hundred deep around 20,000 empty elements take well under a second, not one walk of
    them for every wrapper (20 s), whether the walk reads their last letters or their first."""
    depth = 1000
    tree = parse_html(f"<html><body>{'<div>' * depth}<span>Tarn Co-op</span>{'</div>' * depth}"
                      f"<div><span>Scree Walker</span></div></body></html>")
    assert text_content(tree.find("body")) == "Tarn Co-op Scree Walker"
    wrappers = 500
    start = time.process_time()
    parse_html(f"<html><body>{'<div>' * wrappers}{'<i></i>' * 20_000}{'</div><b></b>' * wrappers}</body></html>")
    assert time.process_time() - start < 2
    start = time.process_time()  # the same wrappers, each after a word: their first letters are read too
    parse_html(f"<html><body>{'<b>x</b><div>' * wrappers}{'<i></i>' * 20_000}Y{'</div>' * wrappers}</body></html>")
    assert time.process_time() - start < 2


def test_loose_text_blocks_come_only_when_asked() -> None:
    """The page's own blocks take loose text only where asked (a collection page): elsewhere they are
    the block elements alone, as the safety net reads them."""
    page = (
        "<html><body><div><h2>Tools</h2><div><a href='/a'>Border spade</a> £68</div>"
        "<p>Made here.</p></div></body></html>"
    )
    assert [block.text for block in page_blocks(lxml.html.document_fromstring(page))] == ["Tools", "Made here."]
    loose = page_blocks(lxml.html.document_fromstring(page), loose_text=True)
    assert [(block.text, round(block.link_density, 2)) for block in loose] == [
        ("Tools", 0.0), ("Border spade £68", 0.75), ("Made here.", 0.0),
    ]


def test_an_amount_alone_on_a_shop_page_is_a_price_not_a_donation_button() -> None:
    """The donation cleaner takes a line that is only an amount ("$10", a giving button); on a product or
    collection page such a line is what something costs. A monthly amount is still an appeal there."""
    lines = ["Choose what to give", "$10", "£68", "$5 a month"]
    segments = [Segment(index, "paragraph", text, len(text.split())) for index, text in enumerate(lines)]
    on_news = {verdict.start for verdict in DonationCleaner().judge(Page(segments, page_type="article"))}
    on_shop = {verdict.start for verdict in DonationCleaner().judge(Page(segments, page_type="collection"))}
    assert on_news == {1, 2, 3} and on_shop == {3}
    article = scrubber.scrub(HTML / "shop_tiles_loose_names.html", url="https://fell.example/collections/garden")
    assert "Forged border spade with ash handle\n\n£68" in article.text


def test_short_lines_above_the_headline_are_the_site_header() -> None:
    """A breadcrumb and a shipping banner inside the story's container, above its headline, are the
    site's header: they go with the reason, and the headline stays. A sentence above the headline (a
    standfirst set first) is the story's, and then nothing above the headline goes."""
    article = scrubber.scrub(HTML / "header_above_headline.html")
    reasons = {item.text: item.reason for item in article.removed}
    header = "above the headline: the site's header (a breadcrumb, a banner)"
    assert reasons["Vegetables / Bulbs and roots"] == header
    assert reasons["Seed orders ship within two working days"] == header
    assert article.body[0].text == "Planting garlic in autumn for a summer harvest"
    page = (HTML / "header_above_headline.html").read_text(encoding="utf-8").replace(
        "Seed orders ship within two working days", "Our readers asked how to grow garlic that keeps."
    )
    stood_first = scrubber.scrub(page)
    assert [block.text for block in stood_first.body[:2]] == [
        "Vegetables / Bulbs and roots", "Our readers asked how to grow garlic that keeps."
    ]


def test_short_lines_the_page_sets_before_its_h1_are_the_site_header() -> None:
    """The main-content step leaves the `<h1>` out but keeps a banner set before it: with no headline in
    the body to go by, the page's order says the banner is the site's header. Set after the `<h1>`, the
    same line opens the story and stays."""
    article = scrubber.scrub(HTML / "header_before_h1.html")
    reasons = {item.text: item.reason for item in article.removed}
    assert reasons["Bare-root trees ship from November"] == (
        "above the headline: the site's header (a breadcrumb, a banner)"
    )
    assert article.body[0].text.startswith("An apple tree left alone")
    page = (HTML / "header_before_h1.html").read_text(encoding="utf-8")
    banner = '<p class="strip">Bare-root trees ship from November</p>\n'
    after = scrubber.scrub(page.replace(banner, "").replace("</header>\n", "</header>\n" + banner))
    assert after.body[0].text == "Bare-root trees ship from November"
    # a no-break space between its words, as breadcrumbs write "Home&nbsp;/&nbsp;Fruit", is a space too
    spaced = scrubber.scrub(page.replace("ship from November", "ship from&nbsp;November"))
    assert spaced.body[0].text.startswith("An apple tree left alone")


def test_the_site_header_rule_never_takes_the_whole_body() -> None:
    """Recall first: lines the page sets before its `<h1>` and again after it, and nothing else, are the
    page's text, not a header above a story."""
    article = scrubber.scrub(HTML / "header_lines_repeated_as_body.html")
    assert [block.text for block in article.body][-2:] == [
        "Winter sailings from the north quay", "Summer sailings from the south quay"
    ]
    assert "no article text found" not in article.warnings
