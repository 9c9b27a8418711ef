"""What kind of page this is, from the signals a page gives about itself: schema.org types in JSON-LD,
OpenGraph's type, the URL's path, and the shape of the DOM (repeated posts, prices, teasers).

The type picks the extraction strategy (`scrubber.extract.strategy`) and tells cleaners what the
content looks like: a forum's posts, a listing's teasers and a shop's prices are content there.
Explicit signals win over shapes; where nothing speaks clearly the page is an ``article`` if it has a
story's shape and ``unknown`` otherwise."""

from __future__ import annotations

import re
from typing import Literal, cast
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from scrubber.parse.html import text_content
from scrubber.scripts import count_words

PageType = Literal["article", "forum", "product", "collection", "listing", "documentation", "service", "unknown"]
PAGE_TYPES: tuple[PageType, ...] = (
    "article", "forum", "product", "collection", "listing", "documentation", "service", "unknown",
)

_SCHEMA_TYPE = re.compile(r'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")')
_QUOTED = re.compile(r'"([^"]+)"')
# schema.org types, most specific first: a forum thread is also a WebPage, a product page lists offers.
# A news story outranks the Product and CollectionPage that paywall markup names beside it.
_NEWS_TYPES = frozenset({
    "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "LiveBlogPosting",
})
_SCHEMA_KINDS: tuple[tuple[PageType, frozenset[str]], ...] = (
    ("forum", frozenset({"DiscussionForumPosting", "QAPage", "SocialMediaPosting"})),
    ("article", _NEWS_TYPES),
    ("documentation", frozenset({"TechArticle", "APIReference", "SoftwareSourceCode"})),
    ("collection", frozenset({"CollectionPage", "OfferCatalog", "SearchResultsPage"})),
    ("product", frozenset({"Product", "ProductGroup", "IndividualProduct", "Vehicle", "Book"})),
    ("article", frozenset({"Article", "BlogPosting", "Blog", "Report", "ScholarlyArticle", "Recipe", "Review"})),
    ("service", frozenset({"Service", "ContactPage", "AboutPage", "LocalBusiness", "ProfessionalService"})),
)
_URL_KINDS: tuple[tuple[PageType, re.Pattern[str]], ...] = (
    # threads carry an id (/t/slug/123, /topic/123/slug); /topic/slug names a subject's listing
    ("forum", re.compile(
        r"/(forums?|threads?|t/[^/]+/\d+|t/\d+|topics?/\d+|questions|discussions?|community|board|comments)/", re.I
    )),
    ("documentation", re.compile(r"(^|[/.])(docs?|documentation|manual|reference|api|wiki|handbook)[/.]", re.I)),
    ("product", re.compile(r"/(products?|p|dp|item|items|shop/[^/]+/[^/]+)/", re.I)),
    ("collection", re.compile(r"/(collections?|categor(y|ies)|shop|c)/", re.I)),
    ("listing", re.compile(r"/(tags?|archives?|authors?|page/\d+|search|blog|news|events|topics?/[^/]+)/?$", re.I)),
    ("service", re.compile(
        r"/(services?|solutions?|consulting|pricing|plans|about(-us)?|contact(-us)?|why-us|use-cases|departments?)/",
        re.I,
    )),
    ("article", re.compile(r"/(19|20)\d\d/(0?[1-9]|1[0-2])/|/[^/]*\w+-\w+-\w+-\w+[^/]*/?$", re.I)),
)
_OG_TYPE = etree.XPath("//meta[@property='og:type']/@content")
# Repeated units whose class says post, comment, reply or message, each holding prose: a thread.
_POSTS = etree.XPath(
    "count(//*[contains(@class,'post') or contains(@class,'comment') or contains(@class,'reply')"
    " or contains(@class,'message')][string-length(normalize-space()) > 120]"
    "[not(ancestor::*[contains(@class,'post') or contains(@class,'comment') or contains(@class,'reply')"
    " or contains(@class,'message')])])"
)
_PRICES = re.compile(r"(?:[$€£¥₹]\s?\d[\d.,]*|\d[\d.,]*\s?(?:€|USD|EUR|kr|zł|руб))")
_TEASERS = etree.XPath("count(//article[.//a][.//h2 or .//h3 or .//h4])")
_MIN_POSTS = 3
_MIN_PRICES = 6
_MIN_TEASERS = 5
# A story holds its paragraphs side by side in one element; a listing's or a service page's prose is a
# sentence or two in each of many boxes. Words in the longest such run that make a page without a date
# a story, and the words a paragraph needs to count.
_MIN_STORY_RUN = 100
_MIN_PARAGRAPH_WORDS = 10


def _schema_types(tree: HtmlElement) -> set[str]:
    found: set[str] = set()
    # the page's scripts found by tag in C: an XPath testing the type of every element costs eight times as much
    json_ld = (script.text for script in tree.iter("script") if script.get("type") == "application/ld+json")
    for script in json_ld:
        for value in _SCHEMA_TYPE.findall(script or ""):
            found.update(name.rsplit("/", 1)[-1] for name in _QUOTED.findall(value))
    return found


def _longest_prose_run(tree: HtmlElement) -> int:
    """Words in the paragraphs that one element holds as its own children, the most any element holds:
    a story's body, where the page has one."""
    longest = 0
    for element in tree.iter():
        run = 0
        for child in element:
            if child.tag == "p":
                words = count_words(text_content(child))
                if words >= _MIN_PARAGRAPH_WORDS:
                    run += words
        longest = max(longest, run)
    return longest


def classify(tree: HtmlElement, url: str | None, dated: bool = True) -> tuple[PageType, str]:
    """The page's type and the signal that decided it (for `explain`); ``dated`` says whether the page
    states when it was published (`Metadata.date`)."""
    schema = _schema_types(tree)
    for kind, names in _SCHEMA_KINDS:
        if schema & names:
            if kind == "product" and cast(float, _TEASERS(tree)) >= _MIN_TEASERS:
                return "collection", "schema.org Product beside repeated teasers"
            return kind, f"schema.org type {sorted(schema & names)[0]}"
    og_type = " ".join(cast("list[str]", _OG_TYPE(tree))).lower()
    if "product" in og_type:
        return ("collection" if "group" in og_type else "product"), f"og:type {og_type}"
    if url:
        parts = urlsplit(url)
        where = parts.netloc + parts.path.rstrip("/") + "/"
        for kind, pattern in _URL_KINDS:
            if pattern.search(where):
                return kind, f"URL looks like a {kind} page"
    # site templates give og:type article to every page, its service pages and listings too: the type
    # is believed on a page that states its date or holds a story's run of paragraphs
    if "article" in og_type and (dated or _longest_prose_run(tree) >= _MIN_STORY_RUN):
        return "article", f"og:type {og_type}"
    if cast(float, _POSTS(tree)) >= _MIN_POSTS:
        return "forum", "repeated posts"
    if cast(float, _TEASERS(tree)) >= _MIN_TEASERS:
        return "listing", "repeated teasers"
    text = text_content(tree) if len(tree) else ""
    if len(_PRICES.findall(text)) >= _MIN_PRICES:
        return "collection", "many prices"
    if url and urlsplit(url).path.strip("/") == "":
        return "service", "a site's home page without teasers"
    return "unknown", "no clear signal"
