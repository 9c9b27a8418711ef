"""Candidate blocks, one per paragraph, heading, list item, table row or quote: from trafilatura's
output tree, and from the page's own block elements (the safety net's independent extraction)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import Extractor
from trafilatura.utils import safe_base_url, safe_relative_url

from scrubber.article import Mark
from scrubber.extract import Candidate
from scrubber.extract.dom import prune, spaced_text
from scrubber.extract.images import PageImage, image_of
from scrubber.extract.inline import text_and_marks
from scrubber.parse.html import text_content
from scrubber.scripts import count_words


def text_of(element: etree._Element) -> str:
    return " ".join(text_content(element).split())


def _link_density(element: etree._Element, text: str) -> float:
    if not text:
        return 0.0
    linked = sum(len(text_of(ref)) for ref in element.iter("ref"))
    return min(linked / len(text), 1.0)


def trafilatura_body(tree: HtmlElement, **settings: Any) -> etree._Element | None:
    """trafilatura's main content of ``tree`` (its output tree), or None. ``settings`` are those of
    trafilatura's `Extractor` (``fast``, ``recall``, ``comments``, ``links``...), made once for each set
    of them: making one reads trafilatura's configuration anew, a cost on every extraction pass (the
    ``url``, one of them, is set only on the pass that matches images, see extract/html.py)."""
    return getattr(trafilatura.bare_extraction(tree, options=_extractor(**settings)), "body", None)


@lru_cache(maxsize=32)
def _extractor(**settings: Any) -> Extractor:
    return Extractor(**settings)


def trafilatura_blocks(
    body: etree._Element, images: list[PageImage] | None = None, url: str | None = None
) -> Iterator[Candidate]:
    """trafilatura's output tree → candidate blocks, one per paragraph, heading, item, row or quote,
    plus the loose text between them (which trafilatura keeps as the tails of its elements); with the
    page's ``images`` (see extract/images.py), one "image" block per ``<graphic>``, after the block it
    is in.

    Links are resolved against the page's ``url`` here as trafilatura resolves them when given the
    URL, but only those of the blocks, not every link of the page on every extraction pass."""
    for line_break in body.iter("lb"):  # a <br> separates words: "Resistenza<br>http://…" is two
        line_break.tail = " " + (line_break.tail or "")
    base = safe_base_url(url) if url else ""
    for block in _container_blocks(body, images):
        if base and block.marks:
            block.marks = tuple(_resolved(mark, base) for mark in block.marks)
        yield block


def _resolved(mark: Mark, base: str) -> Mark:
    if mark.kind != "link" or not mark.href:
        return mark
    return replace(mark, href=safe_relative_url(base, mark.href) or mark.href)


# Containers in trafilatura's output when its fallback extractors (readability, jusText) won: their
# HTML divs hold the paragraphs, which stay blocks of their own.
_CONTAINER_TAGS = frozenset(("div", "section", "article", "main", "body"))


def _container_blocks(container: etree._Element, images: list[PageImage] | None) -> Iterator[Candidate]:
    if loose := " ".join((container.text or "").split()):
        yield Candidate("paragraph", loose)
    for element in container:
        if element.tag in _CONTAINER_TAGS:
            yield from _container_blocks(element, images)
        else:
            yield from _element_blocks(element)
            if images is not None:
                yield from _image_blocks(element, images)
        if loose := " ".join((element.tail or "").split()):
            yield Candidate("paragraph", loose)


def _element_blocks(element: etree._Element) -> Iterator[Candidate]:
    tag = element.tag
    if tag == "list":
        for item in element.iter("item"):  # a nested list's items come next, each a block of its own
            text, marks = text_and_marks(item, skip="list")
            if text:
                linked = sum(mark.stop - mark.start for mark in marks if mark.kind == "link")
                yield Candidate("list_item", text, link_density=min(linked / len(text), 1.0), marks=marks)
    elif tag == "table":
        for row in element.iter("row"):
            cells = [text_of(cell) for cell in row.iter("cell")]
            text = " | ".join(cell for cell in cells if cell)
            if text:
                yield Candidate("table_row", text, link_density=_link_density(row, text))
    elif (found := text_and_marks(element))[0]:
        text, marks = found
        kind = {"head": "heading", "quote": "quote"}.get(str(tag), "paragraph")
        yield Candidate(kind, text, link_density=_link_density(element, text), marks=marks)


def _image_blocks(element: etree._Element, images: list[PageImage]) -> Iterator[Candidate]:
    for graphic in element.iter("graphic"):
        if (image := image_of(graphic.get("src"), images)) is not None:
            yield Candidate("image", "", image=image)


def with_images(texts: list[Candidate], pictured: Iterable[Candidate]) -> list[Candidate]:
    """The blocks ``texts`` with the images of ``pictured`` (the same content extracted with its images)
    among them: each image after the text block before it in ``pictured``, or else before the one after
    it, when that block is one of ``texts``; an image beside no such block is not in the content."""
    positions: dict[str, list[int]] = {}
    for position, candidate in enumerate(texts):
        positions.setdefault(candidate.text, []).append(position)
    after: dict[int, list[Candidate]] = {}  # the images to put after each position (-1: before the first)
    waiting: list[Candidate] = []  # images after a block not in ``texts``, for the next block
    cursor, previous = -1, None  # the last block found in ``texts``; the block before, if found
    for candidate in pictured:
        if candidate.image is None:
            found = next((at for at in positions.get(candidate.text, ()) if at > cursor), None)
            if found is not None:
                after.setdefault(found - 1, []).extend(waiting)
                cursor = found
            waiting, previous = [], found
        elif previous is not None:
            after.setdefault(previous, []).append(candidate)
        else:
            waiting.append(candidate)
    placed = after.get(-1, [])
    for position, candidate in enumerate(texts):
        placed += [candidate, *after.get(position, ())]
    return placed


_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "dd", "dt", "blockquote", "pre")
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_BLOCK_KINDS = {"li": "list_item", "dd": "list_item", "dt": "list_item", "blockquote": "quote", "tr": "table_row"}
# Page furniture: never the content, whatever it holds.
_FURNITURE_TAGS = frozenset(
    ("header", "nav", "footer", "aside", "form", "script", "style", "noscript", "template", "select", "button")
)
_FURNITURE_ROLES = frozenset(("navigation", "banner", "contentinfo", "search"))


def _is_furniture(element: HtmlElement) -> bool:
    return element.tag in _FURNITURE_TAGS or element.get("role") in _FURNITURE_ROLES


def _top_elements(root: HtmlElement, furniture: bool = False) -> Iterator[HtmlElement]:
    """The outermost block elements under ``root``, leaving out those inside the page's furniture
    unless ``furniture``."""
    inner: set[HtmlElement] = set()
    for element in root.iter(*_BLOCK_TAGS):
        if element in inner:
            continue  # its text is in the block around it
        # in document order the blocks inside this one come next: found in C, met again as the same
        # proxies (the set keeps them alive), where testing each block's ancestors in Python was slow
        inner.update(element.iter(*_BLOCK_TAGS))
        if furniture or not any(_is_furniture(ancestor) for ancestor in element.iterancestors()):
            yield element


def _block(element: HtmlElement) -> Candidate | None:
    """The candidate of one block element (a row's cells joined by " | "), or None when it holds no text."""
    tag = element.tag
    if tag == "tr":
        text = " | ".join(cell for cell in (spaced_text(c) for c in element) if cell)
    else:
        text = spaced_text(element)
    if not text:
        return None
    kind = "heading" if tag in _HEADINGS else _BLOCK_KINDS.get(tag, "paragraph")
    linked = sum(len(text_content(link)) for link in element.iter("a"))
    return Candidate(kind, text, link_density=min(linked / len(text), 1.0))


def _top_blocks(root: HtmlElement) -> list[Candidate]:
    """One candidate per outermost block element under ``root``, furniture left out."""
    return [block for element in _top_elements(root) if (block := _block(element)) is not None]


def page_blocks(tree: HtmlElement, loose_text: bool = False, prose_runs_only: bool = False) -> list[Candidate]:
    """The page's own text blocks, outside its furniture (header, navigation, footer, asides, forms)
    and residue elements: an extraction that keeps whatever a reader sees in the middle of the page,
    for pages whose content is not one run of prose (listings, shops, services). The tree is pruned of
    residue elements, like the one the main-content step reads. Text in no block element (a shop
    tile's name in a bare link, a label in a div) is a block of its own, one per run of it between
    the page's boxes, in page order with the others; with ``prose_runs_only``, only the runs that read
    as a sentence (see `_PROSE_RUN_WORDS`)."""
    prune(tree, own_blocks=True)
    body = tree.find("body")
    if not loose_text:
        return _top_blocks(body if body is not None else tree)
    units = _page_units(body if body is not None else tree, prose_runs_only)
    return _unit_blocks(units)


# Elements that end a run of loose text: a box of the layout, a line break between two runs, and the
# furniture and controls that a walk taking furniture in (see `left_out`) reads as units of their own.
_RUN_BREAKS = frozenset((
    "div", "section", "article", "main", "td", "th", "ul", "ol", "dl", "table", "tbody", "thead", "figure",
    "figcaption", "address", "details", "summary", "center", "body", "br", "hr",
    "header", "nav", "footer", "aside", "form", "button",
))
# A run of loose text that reads as a sentence, not as a label, a date or a link ("More info", "Mar 14
# 26", "Skip to the main content"): this many words (`count_words`: a Chinese or Japanese sentence has
# no spaces), at most half of its text inside links.
_PROSE_RUN_WORDS = 6
_PROSE_RUN_LINKED = 0.5
# Elements whose text is not text on screen, and those that are no loose text of the page's content.
_NOT_TEXT = frozenset((
    "head", "title", "script", "style", "noscript", "template", "select", "svg", "math", "iframe", "object",
    "video", "audio", "canvas",
))
_NOT_LOOSE = _FURNITURE_TAGS | _NOT_TEXT


class _Run:
    """Loose text collected between two boxes of the layout, with how much of it is inside links."""

    def __init__(self, prose_runs_only: bool) -> None:
        self.prose_runs_only = prose_runs_only
        self.parts: list[str] = []
        self.linked = 0

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self.parts.append(text)
            if in_link:
                self.linked += len(" ".join(text.split()))

    def take(self) -> Candidate | None:
        """The run as a paragraph block (None when it holds no text, or no sentence where only those
        count), and an empty run to go on with."""
        if not self.parts:  # most breaks end no run: a walk meets hundreds of them a page
            return None
        text = " ".join("".join(self.parts).split())
        block = Candidate("paragraph", text, link_density=min(self.linked / len(text), 1.0)) if text else None
        self.parts, self.linked = [], 0
        if block is not None and self.prose_runs_only and (
            count_words(text) < _PROSE_RUN_WORDS or block.link_density > _PROSE_RUN_LINKED
        ):
            return None
        return block


def _page_units(
    root: HtmlElement, prose_runs_only: bool, furniture: bool = False
) -> Iterator[HtmlElement | Candidate]:
    """The outermost block elements (those inside furniture left out unless ``furniture``) and, in page
    order among them, the runs of text outside every block element as paragraph blocks: a run ends where
    a box of the layout (`_RUN_BREAKS`) or a block starts or ends. One pass of lxml's walk in C; the
    subtrees of blocks, of what is not text on screen and (unless ``furniture``) of furniture are skipped."""
    skipped = _NOT_TEXT if furniture else _NOT_LOOSE
    skipped_roles: frozenset[str] = frozenset() if furniture else _FURNITURE_ROLES
    run = _Run(prose_runs_only)
    links = 0  # how many links the walk is inside
    skipping: HtmlElement | None = None  # the block or furniture whose subtree is skipped
    walk = etree.iterwalk(root, events=("start", "end"))
    for event, element in walk:
        tag = element.tag
        if skipping is not None:  # only the skipped element's own end comes: its tail is loose text
            if element is skipping:
                skipping = None
                run.add(element.tail, links > 0)
            continue
        if not isinstance(tag, str):  # a comment: only its tail is the page's text
            if event == "end":
                run.add(element.tail, links > 0)
        elif event == "start":
            if tag in _BLOCK_TAGS or tag in skipped or element.get("role") in skipped_roles:
                if (block := run.take()) is not None:
                    yield block
                if tag in _BLOCK_TAGS:
                    yield element
                elif furniture:
                    # what is not text on screen holds no loose text, but a block in it (a <noscript>'s
                    # paragraph) is still one that the body leaves out
                    yield from _top_elements(element, furniture=True)
                skipping = element
                walk.skip_subtree()
                continue
            if tag in _RUN_BREAKS and (block := run.take()) is not None:
                yield block
            links += tag == "a"
            run.add(element.text, links > 0)
        else:
            links -= tag == "a"
            if tag in _RUN_BREAKS and (block := run.take()) is not None:
                yield block
            if element is not root:
                run.add(element.tail, links > 0)
    if (block := run.take()) is not None:
        yield block


def left_out(tree: HtmlElement, kept: list[str]) -> list[Candidate]:
    """The page's blocks, and its runs of text in no block element (furniture's included), whose text
    is in none of the ``kept`` texts: what the main-content step left out, so that the body and the
    removal record together account for the page."""
    root = tree.find("body")
    root = tree if root is None else root
    whole = {_spaceless(text) for text in kept}
    # extractors space inline markup differently: compare without spaces; the kept texts in order, so
    # that a block kept in parts (a list item and the items of its nested list) is found too
    joined = "".join(_spaceless(text) for text in kept)
    missing = [
        unit
        for unit in _page_units(root, prose_runs_only=False, furniture=True)
        # a set finds the blocks kept whole at once; only the others are searched for in the joined text
        if (text := _spaceless(unit.text if isinstance(unit, Candidate) else text_content(unit)))
        and text not in whole and text not in joined
    ]
    return _unit_blocks(missing)


def _unit_blocks(units: Iterable[HtmlElement | Candidate]) -> list[Candidate]:
    """The blocks of a walk's units: a run of loose text is one already, an element gives its block."""
    return [block for unit in units if (block := unit if isinstance(unit, Candidate) else _block(unit)) is not None]


def _spaceless(text: str) -> str:
    return "".join(text.split())
