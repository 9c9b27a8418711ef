"""The safety net against losing the article: when the main-content step keeps a small part of what
the page plainly holds, an independent recall-oriented extraction of the untouched page is tried, and
its blocks replace the first ones when it holds clearly more. The cleaners judge them as usual.

The check costs one pass over the page's text nodes; the other extractions (on the page parsed anew,
once, since the first tree has been pruned) run only on the pages where the two measures disagree."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from lxml.html import HtmlElement

from scrubber.extract import Candidate
from scrubber.extract.blocks import page_blocks, trafilatura_blocks, trafilatura_body
from scrubber.extract.dom import drop_consent_dialogs
from scrubber.parse.html import INVISIBLE, text_content

# The body is suspect when it holds less than this share of the page's visible text, and at least
# this many characters of the page are left out.
_SUSPECT_SHARE = 0.25
_SUSPECT_MISSING = 1500
# The recovered body replaces the first one only when it is this many times as long.
_RECOVERED_GAIN = 1.5
# A recovered body that must extend the first one holds at least this share of its characters.
_EXTENDED_SHARE = 0.5
# The page's own blocks replace a body below this share of them, missing this many characters.
_PAGE_BLOCKS_SHARE = 0.3
_PAGE_BLOCKS_MISSING = 500
_RECALL_OPTIONS: dict[str, Any] = {  # the settings of trafilatura's Extractor (see blocks.trafilatura_body)
    "fast": False,
    "recall": True,
    "comments": True,
    "tables": True,
    "links": True,
    "images": False,
    "with_metadata": False,
    "output_format": "txt",  # only the output tree is read
}
# Recall mode first; where it keeps no more, the default mode on the untouched page (its fallback
# comparison finds posts and descriptions that the pruned page's extraction, and recall mode, cut
# short). Not on articles: there it brings back the furniture that pruning took (slideshows, asides).
_EXTRACTIONS: tuple[tuple[dict[str, Any], str], ...] = (
    (_RECALL_OPTIONS, "a recall-oriented extraction"),
    (
        {**_RECALL_OPTIONS, "recall": False, "comments": False},
        "the default extraction of the untouched page",
    ),
)


def visible_chars(tree: HtmlElement) -> int:
    """Characters of visible text in the page, whitespace aside (one pass in C over the body's text,
    less the few scripts and styles in it)."""
    body = tree.find("body")
    if body is None:
        return 0
    hidden = sum(len("".join(text_content(element).split())) for element in body.iter(*INVISIBLE))
    return len("".join(text_content(body).split())) - hidden


def is_suspect(
    body_chars: int, page_chars: int, share: float = _SUSPECT_SHARE, missing: int = _SUSPECT_MISSING
) -> bool:
    """Whether a body of ``body_chars`` is far below what a page of ``page_chars`` plainly holds."""
    return body_chars < share * page_chars and page_chars - body_chars >= missing


def rescue(
    fresh_tree: Callable[[], HtmlElement],
    url: str | None,
    body_chars: int,
    wide_net: bool = True,
    page_blocks_net: bool = True,
    extend: Sequence[str] = (),
) -> tuple[list[Candidate], str] | None:
    """Blocks that hold clearly more than a body of ``body_chars``, and how they were found; or None.

    First trafilatura's recall mode, then its default mode, on the page parsed anew; where that is
    still far below the page, the page's own blocks outside its furniture (a listing's teasers, a
    shop's descriptions). ``wide_net`` off (an article) leaves only the recall mode; ``page_blocks_net``
    off (a product page) leaves out the page's own blocks. Given the first body's texts ``extend``, an
    extraction counts only if it holds most of them: one that lands elsewhere on the page is not the
    first body with what it lost."""
    found: tuple[list[Candidate], str] | None = None
    page = fresh_tree()  # parsed once: trafilatura works on a copy of it, the page's own blocks come last
    drop_consent_dialogs(page)  # as on the first tree (see extract_html)
    for options, how in _EXTRACTIONS if wide_net else _EXTRACTIONS[:1]:
        body = trafilatura_body(page, **options)  # links resolved in our blocks
        if body is None:
            continue
        blocks = list(trafilatura_blocks(body, url=url))
        if _chars(blocks) >= _RECOVERED_GAIN * max(body_chars, 1) and _holds(blocks, extend):
            found, body_chars = (blocks, how), _chars(blocks)
    if not (wide_net and page_blocks_net):
        return found
    blocks = page_blocks(page)
    if is_suspect(body_chars, _chars(blocks), _PAGE_BLOCKS_SHARE, _PAGE_BLOCKS_MISSING):
        found = blocks, "the page's own blocks outside its furniture"
    return found


def fuller_page_blocks(
    fresh_tree: Callable[[], HtmlElement], body_chars: int, share: float
) -> list[Candidate] | None:
    """The page's own blocks (on the page parsed anew) when a body of ``body_chars`` holds less than
    ``share`` of their characters; else None. A service page writes much of its sections' text in
    bare divs (no paragraph around it), beside labels, buttons and dates: the runs of that loose text
    that read as sentences count and are kept, the rest not."""
    blocks = page_blocks(fresh_tree(), loose_text=True, prose_runs_only=True)
    return blocks if body_chars < share * _chars(blocks) else None


def _chars(blocks: list[Candidate]) -> int:
    return sum(len(block.text) for block in blocks)


def _holds(blocks: list[Candidate], texts: Sequence[str]) -> bool:
    """Whether ``blocks`` hold at least `_EXTENDED_SHARE` of the characters of ``texts`` (each text
    whole, spaces aside: extractors space inline markup differently)."""
    wanted = ["".join(text.split()) for text in texts]
    joined = "\n".join("".join(block.text.split()) for block in blocks)
    held = sum(len(text) for text in wanted if text in joined)
    return held >= _EXTENDED_SHARE * sum(len(text) for text in wanted)
