"""Extract the article of an HTML page: DOM cleaning with general signals, trafilatura for the main
content, and our own metadata. The tree is parsed once and handed to every step."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from itertools import takewhile
from typing import TYPE_CHECKING, Any, cast

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from scrubber.article import Removed
from scrubber.extract import KEPT, Candidate, Extraction
from scrubber.extract.language import detect_language, language_sample
from scrubber.extract.metadata import extract_metadata
from scrubber.extract.selectors import KEEP_MARK, drop_selected, mark_kept
from scrubber.phrases import normalize

if TYPE_CHECKING:
    from scrubber.config import SiteRules

# Words in class, id, role, aria-label or data-* attributes that mark an element as residue.
_RESIDUE_MARKERS = re.compile(
    r"(?<![a-z])("
    r"newsletters?|signup|sign-up|donat(?:e|ion|ions)|contribut(?:e|ions?)|membership|support-us|paywall|"
    r"subscribe|subscription|promo|related|recommend(?:ed|ations?)|share|sharing|social|cookies?|consent|gdpr|"
    r"banner|byline|advert\w*|ads?|ad-slot|sponsor\w*|outbrain|taboola|comments?|most-read|popular|trending|"
    r"breadcrumbs?|nav|navbar|navigation|menu|footer|sidebar|widget|read-more|more-stories|tags|author-bio|"
    r"sr-only|visually-hidden|screen-reader-text|print-only|caption|credit|newsletter-signup|toolbar|"
    r"skip-link|disclaimer|inline-cta|cta"
    r")(?![a-z])"
)
_CAMEL = re.compile(r"([a-z])([A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_PROTECTED_TAGS = {"html", "body", "main", "article", "h1"}
# An element holding this many long paragraphs is content, whatever its class says.
_CONTENT_GUARD = etree.XPath("count(.//p[string-length(normalize-space()) > 120])")
_HAS_H1 = etree.XPath("boolean(.//h1)")
_HAS_QUOTE = etree.XPath("boolean(.//blockquote)")
_HAS_KEPT = etree.XPath(f"boolean(descendant-or-self::*[@{KEEP_MARK}])")
_MAX_GUARDED_PARAGRAPHS = 2
TRAFILATURA_OPTIONS: dict[str, Any] = {
    # precision mode and the fallback comparison (fast=False, run for short extractions only: see
    # _main_content) are worth their cost on aeb-dev: see docs/benchmarks.md
    "fast": False,
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_links": True,
    "include_images": False,
    "with_metadata": False,
}
_FALLBACK_BELOW = 1000
_PREFIX_CHARS = 60
_PARAGRAPH_STARTING = etree.XPath("(//p[starts-with(normalize-space(.), $prefix)])[1]")
_CHUNK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote")
_CHUNK_KINDS = {"li": "list_item", "blockquote": "quote"}
_MIN_CHUNK_PROSE = 100
_CHUNK_LEVELS = 3
_HEADLINE_OVERLAP = 0.6
# Longer "captions" are paragraphs of the story that a layout put under a video or image.
_MAX_CAPTION_CHARS = 250
_MARKER_ATTRIBUTES = frozenset(
    ("class", "id", "role", "aria-label", "data-component", "data-module", "data-testid", "itemprop")
)


def _residue_reason(element: HtmlElement, include_captions: bool) -> str | None:
    if element.tag == "figcaption" and not include_captions:
        return "image caption" if len(element.text_content()) <= _MAX_CAPTION_CHARS else None
    attributes = element.attrib
    if not attributes:
        return None
    if "hidden" in attributes or _HIDDEN_STYLE.search(attributes.get("style", "")):
        return "hidden element"
    markers = " ".join(value for name, value in attributes.items() if name in _MARKER_ATTRIBUTES)
    match = _RESIDUE_MARKERS.search(_CAMEL.sub(r"\1-\2", markers).lower()) if markers else None
    if match is None or element.tag == "blockquote" or _HAS_QUOTE(element):
        return None  # embedded posts and quotes are part of the story even inside "social" wrappers
    if match.group(1) in ("caption", "credit") and (
        include_captions or len(element.text_content()) > _MAX_CAPTION_CHARS
    ):
        return None
    return f"element marked {match.group(1)!r}"


def prune(tree: HtmlElement, include_captions: bool = False) -> list[Removed]:
    """Remove residue elements in place (their tail text stays); return what was removed and why."""
    removed: list[Removed] = []
    body = tree.find("body")
    stack = list(reversed(body if body is not None else tree))
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str):
            continue
        reason = None if element.tag in _PROTECTED_TAGS else _residue_reason(element, include_captions)
        if (
            reason
            and cast(float, _CONTENT_GUARD(element)) <= _MAX_GUARDED_PARAGRAPHS
            and not _HAS_H1(element)
            and not _HAS_KEPT(element)
        ):
            text = " ".join(element.text_content().split())
            if text:
                removed.append(Removed(text=_excerpt(text), cleaner="dom", reason=reason, kind="element"))
            element.drop_tree()
        else:
            stack.extend(reversed(element))
    return removed


def lift_captions(tree: HtmlElement) -> set[str]:
    """Turn each ``<figcaption>`` into a paragraph after its figure (trafilatura drops figures) and
    return the caption texts, so their blocks can be marked as captions."""
    captions: set[str] = set()
    for caption in list(tree.iter("figcaption")):
        text = " ".join(caption.text_content().split())
        figure = caption.getparent()
        if not text or figure is None:
            continue
        paragraph = etree.Element("p")
        paragraph.text = text
        (figure if figure.tag == "figure" else caption).addnext(paragraph)
        caption.drop_tree()
        captions.add(text)
    return captions


def _excerpt(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(element: etree._Element) -> str:
    return " ".join("".join(str(part) for part in element.itertext()).split())


def _link_density(element: etree._Element, text: str) -> float:
    if not text:
        return 0.0
    linked = sum(len(_text(ref)) for ref in element.iter("ref"))
    return min(linked / len(text), 1.0)


def _blocks(body: etree._Element) -> Iterator[Candidate]:
    """trafilatura's output tree → candidate blocks, one per paragraph, heading, item, row or quote,
    plus the loose text between them (which trafilatura keeps as the tails of its elements)."""
    for line_break in body.iter("lb"):  # a <br> separates words: "Resistenza<br>http://…" is two
        line_break.tail = " " + (line_break.tail or "")
    if loose := " ".join((body.text or "").split()):
        yield Candidate("paragraph", loose)
    for element in body:
        yield from _element_blocks(element)
        if loose := " ".join((element.tail or "").split()):
            yield Candidate("paragraph", loose)


def _element_blocks(element: etree._Element) -> Iterator[Candidate]:
    tag = element.tag
    if tag == "list":
        for item in element.iter("item"):
            text = _text(item)
            if text:
                yield Candidate("list_item", text, link_density=_link_density(item, text))
    elif tag == "table":
        for row in element.iter("row"):
            cells = [_text(cell) for cell in row.iter("cell")]
            text = " | ".join(cell for cell in cells if cell)
            if text:
                yield Candidate("table_row", text, link_density=_link_density(row, text))
    elif text := _text(element):
        kind = {"head": "heading", "quote": "quote"}.get(str(tag), "paragraph")
        yield Candidate(kind, text, link_density=_link_density(element, text))


def _is_headline(candidate: Candidate, title: str | None) -> bool:
    """The page's headline again at the top of the body, word for word or nearly so."""
    if not title:
        return False
    if normalize(candidate.text) == normalize(title):
        return True
    if candidate.kind != "heading":
        return False
    mine, theirs = set(normalize(candidate.text).split()), set(normalize(title).split())
    return len(mine & theirs) >= _HEADLINE_OVERLAP * max(len(mine), len(theirs))


def _tagged(candidate: Candidate, captions: set[str], kept: list[str]) -> Candidate:
    if candidate.text in captions:
        candidate = replace(candidate, kind="caption")
    if any(candidate.text in text for text in kept):
        candidate = replace(candidate, hint=KEPT)
    return candidate


def _main_content(tree: HtmlElement, url: str | None) -> etree._Element | None:
    """trafilatura's main content. Its comparison with its fallback extractors (``fast=False``) is the
    slowest part of a run and, on aeb-dev, changed only extractions shorter than `_FALLBACK_BELOW`
    characters, so it runs only for those."""
    document = trafilatura.bare_extraction(tree, url=url, **{**TRAFILATURA_OPTIONS, "fast": True})
    body = getattr(document, "body", None)
    if body is None or len("".join(body.itertext())) < _FALLBACK_BELOW:
        document = trafilatura.bare_extraction(tree, url=url, **TRAFILATURA_OPTIONS)
        body = getattr(document, "body", None)
    return cast("etree._Element | None", body)


def _paragraph_starting(tree: HtmlElement, text: str) -> HtmlElement | None:
    found = _PARAGRAPH_STARTING(tree, prefix=text[:_PREFIX_CHARS])
    return found[0] if isinstance(found, list) and found else None


def _chunk_blocks(chunk: HtmlElement) -> list[Candidate]:
    """The blocks of a chunk of the article that trafilatura passed over."""
    blocks = []
    for element in chunk.iter(*_CHUNK_TAGS):
        within = takewhile(lambda ancestor: ancestor is not chunk, element.iterancestors())
        if any(ancestor.tag in _CHUNK_TAGS for ancestor in within):
            continue  # its text is in the block of an element around it within the chunk
        text = " ".join(element.text_content().split())
        if text:
            kind = "heading" if element.tag in ("h2", "h3", "h4") else _CHUNK_KINDS.get(element.tag, "paragraph")
            blocks.append(Candidate(kind, text))
    return blocks


def _same_kind(element: etree._Element, other: etree._Element) -> bool:
    return element.tag == other.tag and element.get("class") == other.get("class")


def _sibling_chunks(container: HtmlElement) -> tuple[list[HtmlElement], list[HtmlElement]]:
    """Containers of the same tag and class as ``container`` in the repeated units around it (the
    container's own siblings, or those of one of its first few ancestors), before and after it."""
    level = container
    for _ in range(_CHUNK_LEVELS):
        parent = level.getparent()
        if parent is None or not level.get("class"):
            break
        before: list[HtmlElement] = []
        after: list[HtmlElement] = []
        side = before
        for sibling in parent:
            if sibling is level:
                side = after
            elif _same_kind(sibling, level):
                same = sibling.iter(container.tag) if level is not container else [sibling]
                side.extend(element for element in same if _same_kind(element, container))
        if before or after:
            return before, after
        level = parent
    return [], []


def _with_sibling_chunks(tree: HtmlElement, candidates: list[Candidate]) -> list[Candidate]:
    """Add the other chunks of an article that a layout splits into containers of one class.

    trafilatura takes the first container that looks like the article's body; some sites cut the body
    into several such containers with ads or asides between them. The container that holds the
    extraction's first and last paragraphs is found in the page; containers of the same tag and class
    in the units around it that hold prose the extraction lacks are added, before or after, in page
    order."""
    paragraphs = [candidate for candidate in candidates if candidate.kind == "paragraph"]
    if not paragraphs:
        return candidates
    first = _paragraph_starting(tree, paragraphs[0].text)
    last = _paragraph_starting(tree, paragraphs[-1].text)
    if first is None or last is None:
        return candidates
    ancestors = set(first.iterancestors())
    container = next((element for element in last.iterancestors() if element in ancestors), None)
    if container is None or container.tag in ("body", "html"):
        return candidates
    known = {candidate.text for candidate in candidates}
    chunks_before, chunks_after = _sibling_chunks(container)
    added: list[list[Candidate]] = [[], []]
    for side, chunks in enumerate((chunks_before, chunks_after)):
        for chunk in chunks:
            blocks = _chunk_blocks(chunk)
            prose = sum(len(block.text) for block in blocks if block.kind == "paragraph")
            if prose >= _MIN_CHUNK_PROSE and not any(block.text in known for block in blocks):
                added[side].extend(blocks)
    return added[0] + candidates + added[1]


def extract_html(
    tree: HtmlElement,
    url: str | None = None,
    include_captions: bool = False,
    site_rules: Callable[[str | None], Sequence[SiteRules]] = lambda url: (),
) -> Extraction:
    """Extract metadata and candidate body blocks from a parsed page (the tree is modified).

    ``site_rules`` gives the per-site rules for the page's URL (its canonical URL when it has one).
    """
    metadata = extract_metadata(tree, url)
    rules = site_rules(metadata.url or url)
    removed = drop_selected(tree, [(site.domain, selector) for site in rules for selector in site.drop])
    kept = mark_kept(tree, [selector for site in rules for selector in site.keep])
    captions = lift_captions(tree) if include_captions else set()
    removed += prune(tree, include_captions)
    body = _main_content(tree, metadata.url or url)
    candidates = _with_sibling_chunks(tree, list(_blocks(body)) if body is not None else [])
    candidates = [_tagged(candidate, captions, kept) for candidate in candidates]
    while candidates and _is_headline(candidates[0], metadata.title):
        removed.append(Removed(candidates.pop(0).text, "extract", "repeats the headline", "heading"))
    return Extraction(
        candidates=candidates,
        title=metadata.title,
        byline=metadata.byline,
        authors=metadata.authors,
        organizations=metadata.organizations,
        date=metadata.date,
        date_modified=metadata.date_modified,
        site_name=metadata.site_name,
        url=metadata.url or url,
        language=detect_language(language_sample(candidate.text for candidate in candidates), metadata.language),
        description=metadata.description,
        image=metadata.image,
        removed=removed,
    )
