"""Page metadata from the tree: JSON-LD, OpenGraph and meta tags, the canonical link, visible headline
and byline. Cheap on purpose: a dictionary walk over the head; the page is searched for a date only when
it gives none (see `page_dates`)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from functools import partial
from itertools import islice
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from scrubber.extract import Metadata
from scrubber.extract.byline import (
    CJK_NAME,
    Credit,
    author_label,
    credited_otherwise,
    parse_credit,
    parse_labelled_credit,
)
from scrubber.extract.page_dates import page_dates
from scrubber.parse.html import INVISIBLE, script_json, text_content
from scrubber.phrases import words_of
from scrubber.scripts import count_words, is_word_char

# what a page's JSON-LD calls its main text: an article, a blog, forum or social media posting (not a
# JobPosting, whose description is the job's, in HTML), a report, a web page, or the question a Q&A page is
# about (with its author: an FAQ's questions have none); of these, a story is any but the web page
_STORY_TYPES = r"Article|BlogPosting|ForumPosting|SocialMediaPosting|Report"
_ARTICLE_TYPES = re.compile(rf"({_STORY_TYPES}|WebPage)$")
_STORY_TYPE = re.compile(rf"({_STORY_TYPES})$")
_NOT_WORD = re.compile(r"[^\w]+")
_MIN_LONE_HEADLINE = 20  # characters: shorter, a lone <h1> is as likely a section or site name
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—·•:»]\s+")
_TITLE_SEPARATOR_AT_END = re.compile(_TITLE_SEPARATORS.pattern + "$")
# what is not the name in a copyright line ("Copyright (c) Condé Nast 2022. All rights reserved.")
_COPYRIGHT_WORDS = re.compile(r"copyright|\(c\)|©|\b\d{4}\b|all rights reserved", re.IGNORECASE)
_AUTHOR_KEYS = frozenset({"author", "article:author", "og:article:author", "parsely-author", "sailthru.author",
                          "dc.creator", "dcterms.creator", "citation_author", "byl",
                          "cxenseparse:author"})


# Where a page names its author, from the strongest sign to the weakest, tested on each element in a walk
# (an XPath testing contains() on every element cost three times as much).
def _is_byline(element: HtmlElement) -> bool:
    """Marked as the byline or the author, not inside a comment."""
    classes = element.get("class") or ""
    return (
        "byline" in classes or "Byline" in classes or "author-name" in classes or "article-author" in classes
        or element.get("rel") == "author" or element.get("itemprop") == "author"
        or "byline" in (element.get("id") or "")
    ) and not _in_comment(element)


_COMMENT_DEPTH = 6  # ancestors looked at: a comment's byline sits a few levels inside it
# a class naming a comment ("comment", "comment-body", "fb-comments"); not the post's category or tag, which
# a blog writes as a class on the article ("category-commentary", "tag-comments"), nor the genre of a column
# or its writer ("commentary", "commentator"), nor the state of the comments that a theme writes on the
# article or the page ("has-comments", "no-comments", "comments-open", "comment-status-closed")
_COMMENT_CLASS = re.compile(
    r"(?:^|\s)(?!category-|tag-|has-|no-)\S*comment(?!ary|ator|s?-(?:open|closed|status))", re.IGNORECASE
)


def _names(text: str, name: str) -> bool:
    """Whether ``text`` holds ``name`` as words of its own (an author "Li" is not in "Lifestyle")."""
    at = text.find(name)
    while at != -1:
        end = at + len(name)
        if (at == 0 or not is_word_char(text[at - 1])) and (end == len(text) or not is_word_char(text[end])):
            return True
        at = text.find(name, at + 1)
    return False


def _in_comment(element: HtmlElement) -> bool:
    """Inside a comment (a reader's, or a reply's on a Q&A page): its byline names the commenter."""
    return any(_COMMENT_CLASS.search(ancestor.get("class") or "")
               for ancestor in islice(element.iterancestors(), _COMMENT_DEPTH))


def _is_author(element: HtmlElement) -> bool:
    """Weaker: a class that speaks of an author, a writer or (on a forum, the first post's) user name (not
    a biography, a description or a picture of one, not in a comment)."""
    classes = element.get("class")
    return bool(
        classes
        and ("author" in classes or "Author" in classes or "writer" in classes or "username" in classes)
        and element.tag not in ("img", "picture", "button")
        and not ("bio" in classes or "about" in classes or "description" in classes or "avatar" in classes
                 or "comment" in classes)
        and not _in_comment(element)
    )


def _is_author_link(element: HtmlElement) -> bool:
    """Weakest: a link to an author's page ("/author/jane-doe"), the byline of many themes that mark
    nothing else."""
    href = element.get("href") or ""
    return "/author/" in href or "/authors/" in href or "/writer/" in href or "/writers/" in href


_MAX_BYLINE_ELEMENTS = 8
_NOT_LABELLED_BYLINES = frozenset({"a", "nav", "h1", "h2", "h3", "h4", "h5", "h6"})
# The elements the metadata is read from, besides the byline's.
_READ_TAGS = ("meta", "script", "title", "h1", "link")
_MAX_BYLINE_WORDS = 16


def _text(element: HtmlElement) -> str:
    return " ".join(text_content(element).split())


def _json_ld_objects(scripts: list[HtmlElement]) -> Iterator[dict[str, Any]]:
    for script in scripts:
        if script.get("type") != "application/ld+json":
            continue
        try:
            data = json.loads(script_json(script.text or ""))
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                stack.extend(item[key] for key in ("mainEntity", "@graph") if key in item)
                yield item


def _credited(value: Any) -> tuple[list[str], list[str]]:
    """The person names and organization names of a JSON-LD ``author``."""
    if isinstance(value, str):
        return [value], []
    persons: list[str] = []
    organizations: list[str] = []
    if isinstance(value, list):
        for item in value:
            more_persons, more_organizations = _credited(item)
            persons += more_persons
            organizations += more_organizations
    elif isinstance(value, dict):
        names, _ = _credited(value.get("name"))
        if str(value.get("@type", "")).endswith("Organization"):
            organizations += names
        else:
            persons += names
    return persons, organizations


def _text_lines(element: HtmlElement) -> list[str]:
    """The element's texts one per line: names in adjacent elements stay apart ("Dana Kim" and "Tuesday",
    not "Dana KimTuesday"), and a byline parser can split at element edges."""
    return [line for text in element.itertext() if (line := _clean(text))]


def _first_string(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value:
        return _first_string(value[0])
    if isinstance(value, dict):
        return _first_string(value.get("url") or value.get("name"))
    return None


def clean_title(title: str, site_name: str | None, headline: str | None) -> str:
    """Drop a site name glued to the headline ("Headline | Site")."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) == 1:
        return title
    if headline and headline in parts:
        return headline
    site = (site_name or "").lower()
    kept = [part for part in parts if part.lower() != site and site not in part.lower()] if site else parts
    return max(kept or parts, key=len)


def _whole_headline(headline: str, page_title: str, site: str) -> bool:
    """The metadata headline is whole where the <title> is that headline with a part before or after it
    ("Firefox — Customize and make it your own — The web's browser — Mozilla"): the <title> added the site's
    name, so the headline's own separators join parts of the headline. Not where a part of the headline is
    still the site's name (words only)."""
    if headline == page_title or any(_words_only(part) == site for part in _TITLE_SEPARATORS.split(headline)):
        return False
    if page_title.startswith(headline):
        return _TITLE_SEPARATORS.match(page_title[len(headline):]) is not None
    return page_title.endswith(headline) and _TITLE_SEPARATOR_AT_END.search(page_title[:-len(headline)]) is not None


def _clean(text: str | None) -> str | None:
    """Entities decoded (a page may escape twice: ``&amp;#8220;``), soft hyphens dropped, whitespace
    collapsed."""
    if text is None:
        return None
    return " ".join(html.unescape(text).replace("\u00ad", "").split()) or None


def _heading_text(heading: HtmlElement) -> str:
    """A heading's text as shown: a line break is a space ("Data Analytics<br>Agency"); unshown elements,
    elements marked hidden (a tooltip's text) and the link to the heading's own anchor that documentation
    themes append ("Models¶") are left out. A walk with a stack of its own, not a recursion: a hostile page
    nests elements deeper than Python's recursion limit."""
    parts: list[str] = [heading.text or ""]
    todo: list[HtmlElement | str] = []  # elements to read and, after each, its tail

    def read_later(element: HtmlElement) -> None:
        for child in reversed(element):
            todo.extend((child.tail or "", child))

    read_later(heading)
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item.tag, str) and item.get("hidden") is None and item.tag not in INVISIBLE:
            if item.tag == "br":
                parts.append(" ")
            elif not _is_anchor_mark(item):
                parts.append(item.text or "")
                read_later(item)
    return "".join(parts)


def _is_anchor_mark(element: HtmlElement) -> bool:
    """A link to an anchor of the page that holds no word, only a sign ("¶", "#", "§")."""
    return (element.tag == "a" and (element.get("href") or "").startswith("#")
            and not any(char.isalnum() for char in text_content(element)))


def _words_only(text: str) -> str:
    """Lower-case words without punctuation: headlines compared whatever their quotes and dashes."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


_PIPE = re.compile(r"\s+\|\s+")
_MAX_LABEL_WORDS = 4  # a section's or a site's name; a longer part after a pipe is a second headline


def _without_trailing_labels(h1: str, site: str) -> str:
    """An <h1> that a pipe cuts into a headline and short labels after it ("Headline | Opinion", "Headline |
    Patient Education | Hospital") is the headline: templates append section and site names so. Not a
    label before the pipe: some publishers' headlines keep their kicker ("Opinion | Trump is wrong"), so a
    label is shorter than the part before it (words do not count it alone: a Japanese headline is one word)."""
    first, *rest = [part for part in _PIPE.split(h1) if _words_only(part) != site] or [h1]
    labels = all(len(part.split()) <= _MAX_LABEL_WORDS and len(part) < len(first) for part in rest)
    return first if labels else h1


_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _title_site_part(tree: HtmlElement, page_title: str | None, h1s: list[HtmlElement], h1_texts: list[str | None],
                     headlines: frozenset[str]) -> str | None:
    """The <title>'s last part ("Thread title - Site Forum"), words only, where an <h1> shows it as the site's
    name: in the page's masthead, or beside another heading that shows the rest of the <title> (the thread's
    title). Not where the metadata gives that part as the headline, and not on the strength of the <title>
    alone: "Gazette - Wall falls" puts the site first, and its <h1> "Wall falls" is the headline."""
    parts = _TITLE_SEPARATORS.split(page_title or "")
    last = _words_only(parts[-1])
    if len(parts) < 2 or last in headlines:
        return None
    shown = [h1 for h1, text in zip(h1s, h1_texts, strict=True) if text and _words_only(text) == last]
    if any(_in_masthead(h1) for h1 in shown):
        return last
    rest = _words_only(" ".join(parts[:-1]))
    beside = (heading for heading in tree.iter(*_HEADING_TAGS) if heading not in shown)
    return last if shown and any(_words_only(_heading_text(heading)) == rest for heading in beside) else None


def _in_masthead(element: HtmlElement) -> bool:
    """In the page's banner: a link (the logo's, home), a menu, or a <header> that is not an article's or a
    section's own."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("a", "nav"):
            return True
        if ancestor.tag == "header":
            return next(ancestor.iterancestors("article", "main", "section"), None) is None
    return False


def _choose_title(tree: HtmlElement, h1s: list[str | None], headline: str | None, page_title: str | None,
                  site_name: str | None, site_part: str | None = None, site_page: bool = False) -> str | None:
    """The visible headline where it agrees with the page's metadata title (without a kicker the metadata
    leaves out), else that title without the site name; never the site name alone. ``site_part``: the
    <title>'s part that the page shows as its site's name (`_title_site_part`); ``site_page``: the page
    calls itself a website and no story (a landing, product or category page), which its metadata title
    names: an <h1> that differs from that title is the page's slogan ("Insurance to help protect you")."""
    site = _words_only(site_name or "")
    # one headline however often the page repeats it (a responsive layout writes it once per screen size)
    visible = list(dict.fromkeys(_without_trailing_labels(h1, site) for h1 in h1s
                                 if h1 and _words_only(h1) not in (site, site_part or site)))
    stated = [title for title in (headline, page_title) if title and _words_only(title) != site]
    for title in stated:
        said = _words_only(title)
        # of several <h1>: the one that is the title, else the fullest (the headline, not a tag line above it)
        for h1 in sorted(visible, key=lambda h1: (_words_only(h1) == said, len(h1)), reverse=True):
            shown = _words_only(h1)
            if shown in said:
                # a blog's <h1> is its name, which its <title> puts before the headline the metadata gives
                named = [other for other in stated if other != title and _words_only(other) in said
                         and shown not in _words_only(other) and _words_only(other) not in shown]
                return named[0] if named else h1
            if said in shown:  # the <h1> has a kicker before the headline ("Kultur: Headline")?
                kicker = shown != said and shown.endswith(said) and len(said) >= _MIN_LONE_HEADLINE
                return title if kicker else h1
    if headline and page_title and headline in stated and _whole_headline(headline, page_title, site):
        metadata_title: str | None = headline
    else:
        metadata_title = clean_title(stated[0], site_name, visible[0] if visible else None) if stated else None
    # a website page's metadata title names it, unless what it gives is the site's name or words of it (an
    # og:site_name "Coast Marina - Safe Moorings" and an og:title "Safe Moorings" name no page)
    metadata_words = _words_only(metadata_title or "")
    names_page = site_page and bool(metadata_words) and f" {metadata_words} " not in f" {site} "
    if len(visible) == 1 and len(visible[0]) >= _MIN_LONE_HEADLINE and not names_page:
        # a story's only headline, however its metadata words it; not a section's name above the headline the
        # metadata gives (with or without the site's name) and the page shows as a lower heading, one outside
        # its masthead (where a lower heading is the site's name, which a <title> may be alone); above the <h1>
        # only a heading as long as a headline (a banner's heading there is a short name)
        shown_lower: set[str] = set()
        below_h1 = False
        for heading in tree.iter(*_HEADING_TAGS):
            if heading.tag == "h1":
                below_h1 = True
            elif not _in_masthead(heading):
                text = _heading_text(heading)
                if below_h1 or len(text) >= _MIN_LONE_HEADLINE:
                    shown_lower.add(_words_only(text))
        candidates = [*stated, *(clean_title(title, site_name, None) for title in stated)]
        return next((title for title in candidates if _words_only(title) in shown_lower), visible[0])
    return metadata_title or (visible[0] if visible else None)


def extract_metadata(tree: HtmlElement, url: str | None = None) -> Metadata:
    found_tags: dict[str, list[HtmlElement]] = {tag: [] for tag in _READ_TAGS}
    for element in tree.iter(*_READ_TAGS):  # one walk for them all
        found_tags[element.tag].append(element)
    meta: dict[str, str] = {}
    meta_lists: dict[str, list[str]] = {}  # keys a page may repeat, one author each
    for element in found_tags["meta"]:
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        content = element.get("content") or element.get("value")
        if key and content:
            meta.setdefault(key, content.strip())
            if key in _AUTHOR_KEYS and "@" not in content:
                meta_lists.setdefault("author", []).append(content.strip())
    labels = frozenset(words_of("byline", "author_labels", ("all",)))
    labelled = [meta[f"twitter:data{n}"] for n in range(1, 5)
                if meta.get(f"twitter:label{n}", "").lower() in labels and f"twitter:data{n}" in meta]
    labelled += [value for key, value in meta.items() if key.startswith("twitter:misc:") and key[13:] in labels]
    meta_lists.setdefault("author", []).extend(labelled)
    found = Metadata()
    ld: dict[str, Any] = {}
    publisher: str | None = None
    posted: str | None = None  # a job offer's date (JobPosting is no article: its object is not `ld`)
    story = False
    for item in _json_ld_objects(found_tags["script"]):
        posted = posted or _first_string(item.get("datePosted"))
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        story = story or any(isinstance(k, str) and _STORY_TYPE.search(k) for k in kinds)
        if not ld.get("headline") and any(isinstance(k, str) and (_ARTICLE_TYPES.search(k) or (
                k == "Question" and "author" in item)) for k in kinds):
            ld = item
        if not publisher and isinstance(item.get("publisher"), dict):
            publisher = _first_string(item["publisher"].get("name"))
    found.site_name = _clean(meta.get("og:site_name") or publisher or meta.get("application-name"))
    headlines = [_clean(_first_string(ld.get("headline"))), _clean(meta.get("og:title")),
                 _clean(meta.get("twitter:title"))]
    headline = next((title for title in headlines if title), None)
    page_title = next((_clean(text_content(t)) for t in found_tags["title"]), None)
    h1_texts = [_clean(_heading_text(h)) for h in found_tags["h1"]]
    site_part = _title_site_part(tree, page_title, found_tags["h1"], h1_texts,
                                 frozenset(_words_only(title) for title in headlines if title))
    site_page = meta.get("og:type", "").lower() == "website" and not story
    found.title = _choose_title(tree, h1_texts, headline, page_title, found.site_name, site_part, site_page)
    canonical = next((link.get("href") for link in found_tags["link"] if link.get("rel") == "canonical"), None)
    shared = meta.get("og:url")
    found.url = ((_address(url or "", canonical) if canonical else None)
                 or (shared if shared and _address("", shared) else None) or url)
    found.language = (tree.get("lang") or meta.get("og:locale") or meta.get("content-language") or "").strip() or None
    found.description = _clean(_first_string(ld.get("description")) or meta.get("og:description")
                               or meta.get("description"))
    image = _first_string(ld.get("image")) or meta.get("og:image") or meta.get("twitter:image")
    found.image = _address(found.url or "", image) if image else None
    languages = (found.language[:2].lower(),) if found.language else ()
    found.date, found.date_modified = page_dates(tree, found.url, ld, meta, languages, found.image, posted)
    publishers = tuple(name for name in (found.site_name, _clean(publisher)) if name)
    persons, organizations = _credited(ld.get("author"))
    credit = Credit(organizations=organizations)
    stated = [[_clean(name) or "" for name in names] for names in (persons, meta_lists.get("author", []))]
    for texts in stated:
        for text in texts:
            if not text.startswith("http"):
                _merge(credit, parse_credit(text, languages, publishers, stated=True))
        if credit.authors:
            credit.authors = _full_names_first(credit.authors)
            break
    marked = _short_texts(_first(tree.iter(etree.Element), _is_byline))
    # the byline shown for the authors the metadata names, else the first that names anyone
    naming_stated = [(element, lines) for element, lines in marked
                     if any(_names(" ".join(lines), name) for name in credit.authors)]
    shown = (*naming_stated[0], Credit()) if naming_stated else _naming(marked, languages, publishers, parse_credit)
    # the metadata may name one of the writers whose bylines the page shows side by side: the others are the
    # bylines made like that one's that hold a name and nothing else (its parts may be a first and a last
    # name's elements)
    for element, _lines in naming_stated:
        for alike in _made_alike(element):
            name = " ".join(_text_lines(alike))
            if parse_credit(name, languages, publishers).authors == [name]:
                _merge(credit, Credit(authors=[name]))

    pages = tuple(page for page in (url, found.url) if page)  # this page's addresses
    weaker = ((tree.iter(etree.Element), _is_author, parse_credit), (tree.iter("a"), _is_author_link, parse_credit),
              (tree.iter(etree.Element), partial(_is_labelled_byline, label=author_label(languages)),
               parse_labelled_credit))
    for elements, sign, parse in weaker:  # weaker signs, looked for only when nothing names a person
        if shown is None and not credit.authors:
            # not a related story's writer (the page's own credit may be an agency's: "dpa", "AFP")
            own_texts = [(element, lines) for element, lines in _short_texts(_first(elements, sign))
                         if not _in_teaser(element, pages)]
            shown = _naming(own_texts, languages, publishers, parse)
    if shown is not None and not credit.authors:
        _merge(credit, shown[2])
        # a page that writes one byline per writer: the others are beside the first, made like it and marked
        # as bylines (not a list of labelled fields: "By: Jane Doe", "Translation: Agency")
        for _element, lines in _short_texts(_made_alike(shown[0])):
            _merge(credit, parse_credit("\n".join(lines), languages, publishers))
    lines = shown[1] if shown is not None else (marked[0][1] if marked else [])
    found.byline = " ".join(lines) or None
    if not credit.authors:
        _merge(credit, _written(parse_credit("\n".join(lines), languages, publishers), lines, languages))
    # the page's metadata may list everyone credited; its byline, and the bylines made like it beside it ("By
    # Jane Doe", "Reviewed by Ann Lee"), tell the writers from the contributors
    others = credited_otherwise(credit.authors, found.byline or "", languages)
    for _element, alike in _short_texts(_made_alike(shown[0])) if shown is not None else []:
        others.update(name for name in credited_otherwise(credit.authors, " ".join(alike), languages)
                      if not _names(found.byline or "", name))
    if len(others) < len(credit.authors):
        credit.authors = [name for name in credit.authors if name not in others]
    # the company that holds the copyright, credited beside a writer ("Condé Nast"; alone, it may be the
    # writer of a blog that holds its own copyright)
    holder = " ".join(_COPYRIGHT_WORDS.sub(" ", _clean(meta.get("copyright")) or "").split()).strip(" .,;:-–—")
    if len(credit.authors) > 1 and holder in credit.authors:
        credit.authors.remove(holder)
        _merge(credit, Credit(organizations=[holder]))
    found.authors, found.organizations = credit.authors, credit.organizations
    return found


_TEASER_DEPTH = 5  # ancestors looked at: a teaser's author sits a few levels inside its card
_MAX_TEASER_WORDS = 80  # a teaser shows a headline, a line or two and a byline; a story's own block is longer


def _address(base: str, href: str) -> str | None:
    """``href`` read from ``base``, or None when either is no address ("http://[broken", "host:99999"): a
    page's links are written by hand, and urllib raises on them."""
    try:
        joined = urljoin(base, href)
        urlsplit(joined).port  # noqa: B018 - parsing the port is what raises on "host:99999"
    except ValueError:
        return None
    return joined


def _page_path(base: str, href: str) -> str | None:
    """The path of the address ``href`` leads to from ``base``, without a closing slash (a link to the page
    itself may drop its query or slash), or None when it is no address."""
    address = _address(base, href)
    return None if address is None else urlsplit(address).path.rstrip("/")


def _in_teaser(element: HtmlElement, pages: tuple[str, ...]) -> bool:
    """In another story's teaser: the nearest short block around it that holds a heading beside it links
    that heading to a page other than ``pages`` (this page's addresses)."""
    if not pages:
        return False  # another page cannot be told from this one
    own = {_page_path(page, "") for page in pages}
    above = set(element.iterancestors())  # a heading around the element (a forum's user name) is not beside it
    for ancestor in islice(element.iterancestors(), _TEASER_DEPTH):
        heading = next((h for h in ancestor.iter(*_HEADING_TAGS) if h not in above), None)
        if heading is None:
            continue
        if count_words(text_content(ancestor)) > _MAX_TEASER_WORDS:  # Chinese and Japanese by characters
            return False
        links = [*heading.iterancestors("a"), *heading.iter("a")]
        hrefs = [href for link in links if (href := link.get("href")) and not href.startswith("#")]
        return any((path := _page_path(pages[0], href)) is not None and path not in own for href in hrefs)
    return False


def _is_labelled_byline(element: HtmlElement, label: re.Pattern[str]) -> bool:
    """Weakest: any element whose text opens with "By", "Von:" (its own or its first child's:
    ``<span>By</span><span>Jane Doe</span>``), not a heading ("By the Numbers"), not in a link (another
    story's headline or teaser: "By Growing Cells in Rice…", "Von Jane Doe, Washington") or a menu
    ("BY USE CASE")."""
    return (element.tag not in _NOT_LABELLED_BYLINES and label.match(_leading_text(element).lstrip()) is not None
            and next(element.iterancestors("a", "nav"), None) is None)


def _leading_text(element: HtmlElement) -> str:
    """The element's own text, else its first child's (not a link's)."""
    if element.text and not element.text.isspace():
        return str(element.text)
    first = element[0] if len(element) else None
    return str(first.text or "") if first is not None and isinstance(first.tag, str) and first.tag != "a" else ""


def _first(elements: Iterator[HtmlElement], sign: Callable[[HtmlElement], bool]) -> list[HtmlElement]:
    """The first few of ``elements`` that bear ``sign`` (the walk stops there)."""
    return list(islice(filter(sign, elements), _MAX_BYLINE_ELEMENTS))


def _short_texts(elements: list[HtmlElement]) -> list[tuple[HtmlElement, list[str]]]:
    """Those of ``elements`` short enough to be a byline, with their texts (one per line)."""
    return [(element, lines) for element in elements
            if (lines := _text_lines(element)) and len(" ".join(lines).split()) <= _MAX_BYLINE_WORDS]


def _made_alike(element: HtmlElement) -> list[HtmlElement]:
    """The siblings of ``element`` of its tag and class marked as bylines, after it then before it, each way
    up to a heading (another story's: a weekly edition puts several stories side by side, each with its
    byline)."""
    alike: list[HtmlElement] = []
    for siblings in (element.itersiblings(), element.itersiblings(preceding=True)):
        for sibling in siblings:
            if sibling.tag in _HEADING_TAGS:
                break
            if (sibling.tag == element.tag and sibling.get("class") == element.get("class")
                    and (_is_byline(sibling) or _is_author(sibling))):
                alike.append(sibling)
    return alike


def _naming(texts: list[tuple[HtmlElement, list[str]]], languages: tuple[str, ...], publishers: tuple[str, ...],
            parse: Callable[[str, tuple[str, ...], tuple[str, ...]], Credit],
            ) -> tuple[HtmlElement, list[str], Credit] | None:
    """The first of ``texts`` (elements and their lines) in which ``parse`` finds an author, and its credit."""
    credits = ((element, lines, _written(parse("\n".join(lines), languages, publishers), lines, languages))
               for element, lines in texts)
    return next(((element, lines, credit) for element, lines, credit in credits if credit.authors), None)


def _written(credit: Credit, lines: list[str], languages: tuple[str, ...]) -> Credit:
    """``credit`` without the names its byline (``lines``) credits for something other than the writing: a
    byline "Reviewed by Ann Lee" names no writer."""
    others = credited_otherwise(credit.authors, " ".join(lines), languages)
    return Credit([name for name in credit.authors if name not in others], credit.organizations)


def _full_names_first(names: list[str]) -> list[str]:
    """Names without the one-word ones (user names, labels: "NewsPublish") when a full name is given."""
    full = [name for name in names if " " in name or CJK_NAME.match(name)]
    return full or names


def _merge(into: Credit, credit: Credit) -> None:
    into.authors += [name for name in credit.authors if name not in into.authors]
    into.organizations += [name for name in credit.organizations if name not in into.organizations]
