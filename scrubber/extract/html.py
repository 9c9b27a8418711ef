"""Extract the article of an HTML page: DOM cleaning with general signals, trafilatura for the main
content, and our own metadata. The tree is parsed once and handed to every step."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import takewhile
from typing import TYPE_CHECKING, Any, cast

from lxml import etree
from lxml.html import HtmlElement

from scrubber.article import Removed
from scrubber.extract import KEPT, Candidate, Extraction
from scrubber.extract.blocks import left_out, page_blocks, trafilatura_blocks, trafilatura_body, with_images
from scrubber.extract.dom import (
    PageSlots,
    button_labels,
    drop_consent_dialogs,
    enclosing_slot,
    lift_captions,
    overlay_texts,
    prune,
)
from scrubber.extract.images import catalogue_images
from scrubber.extract.language import detect_language, language_sample
from scrubber.extract.metadata import extract_metadata
from scrubber.extract.page_type import classify
from scrubber.extract.safety import fuller_page_blocks, is_suspect, rescue, visible_chars
from scrubber.extract.selectors import drop_selected, mark_kept
from scrubber.extract.strategy import Favor, Strategy, strategy_for
from scrubber.extract.text import is_sentence_like
from scrubber.parse.html import INVISIBLE, text_content
from scrubber.phrases import normalize
from scrubber.scripts import CLOSERS, count_words

if TYPE_CHECKING:
    from scrubber.config import SiteRules

TRAFILATURA_OPTIONS: dict[str, Any] = {  # the settings of trafilatura's Extractor (see blocks.trafilatura_body)
    # the fallback comparison (fast=False, run for short extractions only: see _main_content) is worth
    # its cost; precision mode is not (it loses paragraphs off the news page): see docs/benchmarks.md
    "fast": False,
    "tables": True,
    "links": True,
    "formatting": True,  # emphasis as <hi>, for the blocks' marks (extract/inline.py)
    "images": False,
    "with_metadata": False,
    # only the output tree is read: "txt" spares trafilatura writing it out as text
    "output_format": "txt",
}
_FALLBACK_BELOW = 1000
# ... or shorter than this share of the page's visible text: where the fast pass took one block of a
# page that plainly holds more, the comparison with the fallback extractors finds the rest
_FALLBACK_BELOW_SHARE = 0.35
# ... or when it holds one block of at least this many characters and this share of its text
_ONE_RUN_CHARS = 2500
_ONE_RUN_SHARE = 0.9
# A body short of this share of the pruned page's visible text is compared with trafilatura's recall
# mode, which keeps the parts of the content that the balanced pass drops between its paragraphs (lists,
# tables, subheadings), and replaced by it, within the same span, when that holds this many times as much.
_RECALL_BELOW_SHARE = 0.8
_RECALL_GAIN = 1.1
_PREFIX_CHARS = 60
_PARAGRAPH = ("p",)
# the block elements that may start or end the body where a paragraph does not (recall mode's span)
_SPAN_END_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th")
# the whitespace that XPath's normalize-space() collapses (not Unicode's: a no-break space stays)
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_CHUNK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote")
_CHUNK_KINDS = {"li": "list_item", "blockquote": "quote"}
_MIN_CHUNK_PROSE = 100
_CHUNK_LEVELS = 3
# the block elements whose text is matched to the body's blocks to find where a put-back slot goes
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt")
_HEADLINE_OVERLAP = 0.6
# a site's header: short lines that open the body above the headline, looked for in the body's first five
# blocks (the headline among them, so at most four lines above it; else at most five set before the <h1>)
_HEADER_REACH = 5
_HEADER_LINE_WORDS = 12
_SITE_HEADER_REASON = "above the headline: the site's header (a breadcrumb, a banner)"
# what closes a sentence before a link styled as a button at a block's end (not a colon: "Call us:" and
# the number, "Download:" and the file, introduce the link)
_SENTENCE_CLOSED = frozenset(".!?…。！？")
# an element before the given one (not around it) whose text is $text, spaces aside. $text is a block's
# text joined without the spaces str.split() splits on, so all of those go here too, not the ASCII space
# alone: a breadcrumb written "Home&nbsp;/&nbsp;News" (the control characters among them are no XML)
_SPACES = "".join(
    space for space in map(chr, range(0x3001)) if space.isspace() and space not in "\x0b\x0c\x1c\x1d\x1e\x1f"
)
_BEFORE = etree.XPath(f"boolean(preceding::*[translate(., '{_SPACES}', '') = $text])")
_PRECEDING_TEXTS = etree.XPath("preceding::text()", smart_strings=False)


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


def _site_header(tree: HtmlElement, candidates: list[Candidate], title: str | None) -> list[Candidate]:
    """The short lines (no sentence) that open the body above the headline: a breadcrumb, a banner, a
    menu's last items, the page's `<title>`. Above it in the body, when the headline is among the body's
    first few blocks (the headline itself stays: dropping it too lost text that the benchmarks' reference
    bodies keep as their first line); else above the page's `<h1>` headline, when the page sets each of
    them before it."""
    for position, candidate in enumerate(candidates[:_HEADER_REACH]):
        if _is_headline(candidate, title):
            above = candidates[:position]
            return above if all(_is_header_line(block) for block in above) else []
    wanted = normalize(title or "")
    headline = next((h1 for h1 in tree.iter("h1") if wanted and normalize(text_content(h1)) == wanted), None)
    if headline is None:
        return []
    above = []
    before: str | None = None
    for block in candidates[:_HEADER_REACH]:
        if not _is_header_line(block):
            break
        text = "".join(block.text.split())
        if before is None:
            # the string of an element before the headline is a run of the page's text before it: a line
            # missing from that text, spaces aside, is in no such element, which spares `_BEFORE` reading
            # the string of every one of them (most lines tested are the story's, after the headline)
            before = "".join("".join(cast(list[str], _PRECEDING_TEXTS(headline))).split())
        if text not in before or not _BEFORE(headline, text=text):
            break
        above.append(block)
    return above if len(above) < len(candidates) else []  # lines the page repeats, not a header over a story


def _is_header_line(block: Candidate) -> bool:
    return (block.hint != KEPT and block.image is None and count_words(block.text) <= _HEADER_LINE_WORDS
            and not is_sentence_like(block.text))


def _is_button_label(candidate: Candidate, labels: set[str]) -> bool:
    """A block that is nothing but the label of one of the page's links styled as buttons."""
    return candidate.hint != KEPT and candidate.image is None and _collapsed(candidate.text.lower()) in labels


def _cut_at_end_button(candidate: Candidate, labels: set[str]) -> list[Candidate]:
    """A block that ends with a link styled as a button, cut before it into two blocks (the label then goes
    as a block of its own, see `_is_button_label`): a price and its "Add to cart" link set in one
    paragraph, a product's blurb closed by "Shop now". Only where the text before the link ends a sentence
    or holds no letter (a price, a count): a link that finishes a sentence ("give us a call at" and the
    number) is part of it."""
    text = candidate.text
    link = next((mark for mark in reversed(candidate.marks) if mark.kind == "link" and mark.stop == len(text)), None)
    if link is None or link.start == 0 or candidate.hint == KEPT or _collapsed(text[link.start:].lower()) not in labels:
        return [candidate]
    before = text[: link.start].rstrip()
    if before.rstrip(CLOSERS)[-1:] not in _SENTENCE_CLOSED and any(character.isalpha() for character in before):
        return [candidate]
    kept = tuple(mark for mark in candidate.marks if mark.stop <= len(before))
    linked = sum(mark.stop - mark.start for mark in kept if mark.kind == "link")
    label = text[link.start :]
    return [
        replace(candidate, text=before, marks=kept, link_density=min(linked / len(before), 1.0)),
        replace(candidate, text=label, marks=(replace(link, start=0, stop=len(label)),), link_density=1.0),
    ]


def _is_in_overlay(candidate: Candidate, overlays: set[str]) -> bool:
    """A block that is all the text of a block of one of the page's overlays (a dialog, a popup)."""
    return candidate.hint != KEPT and candidate.image is None and "".join(candidate.text.split()) in overlays


def _tagged(candidate: Candidate, captions: set[str], kept: list[str]) -> Candidate:
    if candidate.text in captions:
        candidate = replace(candidate, kind="caption")
    if any(candidate.text in text for text in kept):
        candidate = replace(candidate, hint=KEPT)
    return candidate


def _main_content(
    tree: HtmlElement, url: str | None, strategy: Strategy, page_chars: int, include_images: bool = False
) -> etree._Element | None:
    """trafilatura's main content. Its comparison with its fallback extractors (``fast=False``) is the
    slowest part of a run and, on aeb-dev, changed only extractions shorter than `_FALLBACK_BELOW`
    characters; it runs only for those and for extractions far shorter than the page's ``page_chars``
    of visible text. trafilatura resolves every link and image source of the page against ``url``: the
    text pass gets none, the links of the blocks kept are resolved afterwards (`trafilatura_blocks`).
    A body well short of the pruned page's text is compared with trafilatura's recall mode."""
    options = {
        **TRAFILATURA_OPTIONS,
        "comments": strategy.include_comments,
        "precision": strategy.favor_precision,
        "recall": strategy.favor_recall,
        "images": include_images,
        "url": url,
    }
    body = trafilatura_body(tree, **{**options, "fast": True})
    found = len(text_content(body)) if body is not None else 0
    if found < _FALLBACK_BELOW or found < _FALLBACK_BELOW_SHARE * page_chars or _one_run(body, found):
        body = trafilatura_body(tree, **options)
        found = len(text_content(body)) if body is not None else 0
    # pruning only takes text away, so a body at the share of the whole page needs no count of the pruned
    # one; the span test, a third of the count's cost, comes first and spares the count on 2 pages in 5
    if (
        not (strategy.favor_precision or strategy.favor_recall)
        and found < _RECALL_BELOW_SHARE * page_chars
        and _may_gain(tree, body, found)
        and found < _RECALL_BELOW_SHARE * visible_chars(tree)
    ):
        wider = trafilatura_body(tree, **{**options, "fast": True, "recall": True})
        if body is not None and wider is not None:
            wider = _within(wider, body)
            if len(text_content(wider)) >= _RECALL_GAIN * found:
                body = wider
    return body


def _within(wider: etree._Element, body: etree._Element) -> etree._Element:
    """``wider`` (a recall-mode body) cut to the span of ``body``: from its first block that ``body``
    holds to its last. Recall mode fills the gaps that the balanced pass left inside the article (its
    lists, tables, subheadings); what it adds before or after is the page around the article (teasers,
    footers), which the balanced pass left out on purpose."""
    held = _collapsed(text_content(body))
    children = list(wider)
    inside = [index for index, child in enumerate(children)
              if (text := _collapsed(text_content(child))) and text in held]
    if not inside:
        return body
    for child in [*children[inside[-1] + 1 :], *children[: inside[0]]]:
        wider.remove(child)
    return wider


def _may_gain(tree: HtmlElement, body: etree._Element | None, found: int) -> bool:
    """Whether recall mode, cut to the body's span (`_within`), could hold `_RECALL_GAIN` times the body:
    only if the page holds that much visible text from the paragraph that starts the body to the one
    that ends it, counted as an extractor keeps it (no scripts or styles, a run of whitespace as one
    space; a pretty-printed page indents every line). Where either end is not a paragraph, the span
    runs between the block elements that start the two (a heading, a list item, a cell), unless it is
    shorter than the body, which says that an end was found elsewhere in the page; with no span, it
    could."""
    blocks = [text for child in body if (text := _collapsed(text_content(child)))] if body is not None else []
    if not blocks:
        return True
    span = _span_chars(tree, *_ends(_PARAGRAPH, tree, blocks))
    if span is None:
        span = _span_chars(tree, *_ends(_SPAN_END_TAGS, tree, blocks))
        if span is not None and span < found:
            span = None
    return span is None or span >= _RECALL_GAIN * found


def _span_chars(tree: HtmlElement, first: HtmlElement | None, last: HtmlElement | None) -> int | None:
    """The visible characters from ``first`` to the end of ``last``, an upper bound (tails of the elements
    around ``last`` count too); 0 when ``last`` comes first, None without both."""
    if first is None or last is None:
        return None
    span, inside = 0, False
    for element in tree.iter():
        inside = inside or element is first
        if element is last:
            return span + len(text_content(last)) if inside else 0
        if inside:
            if element.tag not in INVISIBLE:
                span += _spaced_length(element.text)
            span += _spaced_length(element.tail)
    return None


def _spaced_length(text: str | None) -> int:
    """The length of ``text`` with each run of whitespace as one space."""
    if not text:
        return 0
    words = len(" ".join(text.split()))
    if not words:
        return 1
    return words + text[0].isspace() + text[-1].isspace()


def _collapsed(text: str) -> str:
    """``text`` with its runs of whitespace as single spaces, as extractors space inline markup differently."""
    return " ".join(text.split())


def _not_recovered(removed: list[Removed], recovered: list[Candidate]) -> list[Removed]:
    """The removals whose text the safety net brought back into the body are no removals: the record
    must not list text that the article holds."""
    body = " ".join(_collapsed(candidate.text) for candidate in recovered)
    return [item for item in removed if _collapsed(item.text) not in body]


def _one_run(body: etree._Element | None, found: int) -> bool:
    """Whether the fast pass gave the page's text as one run: a single block of thousands of characters
    holding nearly all of it, where the page's paragraphs were not found."""
    if body is None or found < _ONE_RUN_CHARS:
        return False
    return any(len(text_content(child)) >= _ONE_RUN_SHARE * found for child in body)


def _ends(
    tags: tuple[str, ...], tree: HtmlElement, blocks: list[str]
) -> tuple[HtmlElement | None, HtmlElement | None]:
    """The first elements of ``tags`` that start the body's first and its last block."""
    return _first_starting(tags, tree, blocks[0]), _first_starting(tags, tree, blocks[-1])


def _first_starting(tags: tuple[str, ...], tree: HtmlElement, text: str) -> HtmlElement | None:
    """The first element of ``tags`` in the page whose text, its spaces normalized as XPath's
    normalize-space() does, starts with the start of ``text``: a walk that stops there (an XPath
    normalizes the text of every such element of the page first)."""
    prefix = text[:_PREFIX_CHARS]
    word = prefix.split(" ", 1)[0]  # what the element's text opens with, its leading spaces aside
    return next((element for element in tree.iter(*tags)
                 if (raw := text_content(element)).lstrip(" \t\r\n").startswith(word)
                 and _XML_SPACE.sub(" ", raw).strip(" ").startswith(prefix)), None)


def _chunk_blocks(chunk: HtmlElement) -> list[Candidate]:
    """The blocks of a chunk of the article that trafilatura passed over."""
    blocks = []
    for element in chunk.iter(*_CHUNK_TAGS):
        within = takewhile(lambda ancestor: ancestor is not chunk, element.iterancestors())
        if any(ancestor.tag in _CHUNK_TAGS for ancestor in within):
            continue  # its text is in the block of an element around it within the chunk
        text = _collapsed(text_content(element))
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
    first = _first_starting(_PARAGRAPH, tree, paragraphs[0].text)
    last = _first_starting(_PARAGRAPH, tree, paragraphs[-1].text)
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


def _with_slots(
    tree: HtmlElement, candidates: list[Candidate], slots: PageSlots
) -> tuple[list[Candidate], list[Removed]]:
    """Put back the page-builder slots (see `PageSlots`) that lie between the first and the last paragraph
    of the main content, each after the body's block before it in the page; return the blocks and the
    slots' removal records, which no longer hold."""
    paragraphs = [candidate for candidate in candidates if candidate.kind == "paragraph"]
    if not slots.slots or not paragraphs:
        return candidates, []
    first = _first_starting(_PARAGRAPH, tree, paragraphs[0].text)
    last = _first_starting(_PARAGRAPH, tree, paragraphs[-1].text)
    if first is None or last is None:
        return candidates, []
    # the story itself cut into slots: its first and last paragraphs in two of them (a story in one
    # widget with a slot inside is an article with a box in it: an ad, a call to action, a teaser)
    first_slot, last_slot = enclosing_slot(first), enclosing_slot(last)
    if first_slot is None or last_slot is None or first_slot is last_slot:
        return candidates, []
    start, end = slots.order.get(first, -1), slots.order.get(last, -1)
    inside = [slot for slot in slots.slots if start < slot.position < end]
    if not inside:
        return candidates, []
    # where the body's blocks are in the page: each block element of the span whose text is a block's
    index = {candidate.text: number for number, candidate in enumerate(candidates)}
    placed = sorted(
        (position, index[text])
        for element in tree.iter(*_BLOCK_TAGS)
        if start <= (position := slots.order.get(element, -1)) <= end
        and (text := _collapsed(text_content(element))) in index
    )
    after: dict[int, list[Candidate]] = {}
    for slot in inside:
        before = [number for position, number in placed if position < slot.position]
        blocks = _chunk_blocks(slot.element) or [Candidate("paragraph", _collapsed(text_content(slot.element)))]
        # no block placed before it (the first paragraph's element spaces its text otherwise): after that one
        after.setdefault(max(before, default=candidates.index(paragraphs[0])), []).extend(
            block for block in blocks if block.text not in index
        )
    merged = []
    for number, candidate in enumerate(candidates):
        merged += [candidate, *after.get(number, [])]
    return merged, [slot.removed for slot in inside]


def extract_html(
    tree: HtmlElement,
    url: str | None = None,
    include_captions: bool = False,
    site_rules: Callable[[str | None], Sequence[SiteRules]] = lambda url: (),
    include_comments: bool = False,
    favor: Favor = "balanced",
    fresh_tree: Callable[[], HtmlElement] | None = None,
    include_images: bool = False,
    recovering: bool = False,
) -> Extraction:
    """Extract metadata and candidate body blocks from a parsed page (the tree is modified).

    ``site_rules`` gives the per-site rules for the page's URL (its canonical URL when it has one);
    ``fresh_tree`` parses the page anew for the safety net (without it, the net is off);
    ``include_images`` adds the main content's images as "image" blocks (see extract/images.py);
    ``recovering`` takes the page's own blocks first, whatever its type (the cleaners removed all of
    the main content of a first extraction).
    """
    metadata = extract_metadata(tree, url)
    page_url = metadata.url or url
    consent = drop_consent_dialogs(tree)  # neither content nor part of what the page plainly holds
    page_chars = visible_chars(tree)
    page_type, _ = classify(tree, page_url, dated=metadata.date is not None)
    strategy = strategy_for(page_type, include_comments, favor)
    images = catalogue_images(tree, page_url) if include_images else None
    rules = site_rules(page_url)
    removed = consent + drop_selected(tree, [(site.domain, selector) for site in rules for selector in site.drop])
    kept = mark_kept(tree, [selector for site in rules for selector in site.keep])
    captions = lift_captions(tree) if include_captions else set()
    buttons = button_labels(tree)
    own_blocks = strategy.page_blocks_first or recovering
    slots = PageSlots()
    found_overlays: list[HtmlElement] | None = [] if strategy.overlays_are_residue else None
    removed += prune(
        tree, include_captions, strategy.include_comments, own_blocks=own_blocks, slots=slots, overlays=found_overlays
    )
    overlays = overlay_texts(tree, found_overlays or [])
    if own_blocks:
        candidates = page_blocks(tree, loose_text=strategy.loose_text_blocks)
    else:
        body = _main_content(tree, None, strategy, page_chars)
        found = list(trafilatura_blocks(body, url=page_url)) if body is not None else []
        found, put_back = _with_slots(tree, found, slots)
        if put_back:
            held = {id(record) for record in put_back}
            removed = [item for item in removed if id(item) not in held]
        candidates = _with_sibling_chunks(tree, found)
    warnings: list[str] = []
    # an overlay's blocks are dropped below: a body made of them is as short as the page's own text
    body_chars = sum(len(candidate.text) for candidate in candidates
                     if not (overlays and _is_in_overlay(candidate, overlays)))
    # a service page's sections: its own blocks when the main content holds clearly less of them
    sections = (
        fuller_page_blocks(fresh_tree, body_chars, strategy.page_blocks_share)
        if fresh_tree is not None and strategy.page_blocks_share and not own_blocks
        else None
    )
    if sections is not None:
        sections_chars = sum(len(block.text) for block in sections)
        warnings.append(
            f"took the page's own blocks: the main-content step kept {body_chars} of their {sections_chars} characters"
        )
        candidates, body_chars = sections, sections_chars
        removed = _not_recovered(removed, candidates)
    if fresh_tree is not None and is_suspect(body_chars, page_chars, strategy.suspect_share):
        extend = [candidate.text for candidate in candidates] if strategy.net_extends_body else []
        rescued = rescue(fresh_tree, page_url, body_chars, strategy.wide_net, strategy.page_blocks_net, extend)
        if rescued is not None:
            candidates, how = rescued
            removed = _not_recovered(removed, candidates)
            warnings.append(
                f"recovered the body from {how}: the main-content step kept {body_chars} of the page's "
                f"{page_chars} characters"
            )
    if images is not None:  # a second pass: with images, trafilatura's choice of text moves on some pages
        pictured = _main_content(tree, page_url, strategy, page_chars, include_images=True)
        candidates = with_images(candidates, trafilatura_blocks(pictured, images) if pictured is not None else ())
    candidates = [_tagged(candidate, captions, kept) for candidate in candidates]
    if buttons:
        candidates = [piece for candidate in candidates for piece in _cut_at_end_button(candidate, buttons)]
    labels = [candidate for candidate in candidates if _is_button_label(candidate, buttons)]
    removed += [Removed(block.text, "extract", "the label of a link styled as a button", block.kind)
                for block in labels]
    in_overlays = [candidate for candidate in candidates
                   if candidate not in labels and _is_in_overlay(candidate, overlays)] if overlays else []
    removed += [Removed(block.text, "extract", "shown only inside an overlay (a dialog, popup or popover)", block.kind)
                for block in in_overlays]
    dropped = labels + in_overlays
    # the page's text that the step took, in page order: a block cut in two is found whole in it
    extracted = [candidate.text for candidate in candidates]
    candidates = [candidate for candidate in candidates if candidate not in dropped] if dropped else candidates
    headline = normalize(metadata.title or "")
    removed += [
        Removed(
            block.text,
            "extract",
            "the headline, kept as the title" if normalize(block.text) == headline else "outside the main content",
            block.kind,
        )
        for block in left_out(tree, extracted)
    ]
    first = 0
    while first < len(candidates) and candidates[first].image is not None:
        first += 1  # an image above the headline
    while first < len(candidates) and _is_headline(candidates[first], metadata.title):
        removed.append(Removed(candidates.pop(first).text, "extract", "repeats the headline", "heading"))
    header = _site_header(tree, candidates, metadata.title)
    removed += [Removed(block.text, "extract", _SITE_HEADER_REASON, block.kind) for block in header]
    candidates = candidates[len(header):]
    return Extraction(
        **metadata.metadata_fields() | {
            "url": page_url,
            "language": detect_language(language_sample(candidate.text for candidate in candidates),
                                        metadata.language),
        },
        candidates=candidates,
        page_type=page_type,
        removed=removed,
        warnings=warnings,
    )
