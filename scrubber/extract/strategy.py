"""How to extract each kind of page. News articles were the first use and stay the default; other
kinds differ in what counts as content: a forum's replies are the thread, not comments under it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scrubber.extract.page_type import PageType

Favor = Literal["balanced", "precision", "recall"]
_SUSPECT_SHARE_ARTICLE = 0.25
_SUSPECT_SHARE_SECTIONS = 0.5
_PAGE_BLOCKS_SHARE_SERVICE = 0.9


@dataclass(frozen=True)
class Strategy:
    """What the main-content step keeps for one page."""

    include_comments: bool
    favor_precision: bool
    favor_recall: bool
    # whether the safety net may go beyond trafilatura's recall mode: not on a page that says it is an
    # article, where the main-content step's short body is the story and the rest is furniture
    wide_net: bool
    # whether the wide net may fall back on the page's own blocks: not on a product page, where those
    # are the whole shop around one description (related products, reviews, menus of specifications)
    page_blocks_net: bool
    # whether the net may only extend the main-content step's body, not replace it with another part of
    # the page: on a product page, a recall extraction that misses the description lands on the reviews
    # or the related products around it
    net_extends_body: bool
    # whether the page's own blocks are the first extraction, not trafilatura's main content: where
    # the content is many short units (a listing's teasers, a documentation page's steps, a shop's tiles)
    page_blocks_first: bool
    # whether those blocks take the text that sits in no block element: a shop's tiles name their
    # products in bare links; on listings and documentation such text is labels and metadata
    loose_text_blocks: bool
    # whether a block found only in an overlay (a dialog, popup or popover) is residue: not on a product
    # page, whose drawers and dialogs hold its details (the description, measurements, a size guide)
    overlays_are_residue: bool
    # the share of the page's visible text below which the body is suspect (see extract/safety.py):
    # higher where the content is many short sections (services, shops, threads) of which the
    # main-content step may take one, as long as the page holds enough more (`safety.is_suspect`)
    suspect_share: float
    # the share of the page's own blocks below which they replace the main content outright, whatever
    # the page's visible text: a service page is a stack of sections (what we do, how, for whom, the
    # questions asked), of which the main-content step keeps the longest run and drops the rest
    page_blocks_share: float


def strategy_for(page_type: PageType, include_comments: bool = False, favor: Favor = "balanced") -> Strategy:
    """The strategy for a page of ``page_type``; ``include_comments`` keeps reader comments under an
    article, ``favor`` trades recall for precision in the main-content step."""
    return Strategy(
        include_comments=include_comments or page_type == "forum",
        favor_precision=favor == "precision",
        favor_recall=favor == "recall",
        wide_net=page_type != "article",
        page_blocks_net=page_type not in ("article", "product"),
        net_extends_body=page_type == "product",
        page_blocks_first=page_type in ("listing", "documentation", "collection"),
        loose_text_blocks=page_type == "collection",
        overlays_are_residue=page_type != "product",
        suspect_share=_SUSPECT_SHARE_ARTICLE if page_type == "article" else _SUSPECT_SHARE_SECTIONS,
        page_blocks_share=_PAGE_BLOCKS_SHARE_SERVICE if page_type == "service" else 0.0,
    )
