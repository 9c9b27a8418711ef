"""Navigation text: "Read more", related links, menus, "Most read", tags and advertisement labels; and on
HTML pages the link lines that close the body (a pager, a back link, a call to action)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from scrubber.cleaners.base import Page, Segment, Verdict, is_short_link, quote
from scrubber.cleaners.phrase_cleaner import PhraseCleaner

# A closing link line: a paragraph that is a short link (`is_short_link`); at most this many of them after
# the body's last other block (a longer run of links is a list the body ends with: a shop's grid of product
# names, a list of sources, not a pager)
_MAX_CLOSING_LINK_LINES = 2
# an address written out is a reference the article gives, whatever its link
_WRITTEN_ADDRESS = re.compile(r"https?://|www\.|\S@\S", re.IGNORECASE)


class NavigationCleaner(PhraseCleaner):
    name = "navigation"
    description = "'Read more' and related-link lines, menus, tags, advertisement labels, link lines closing the body."
    category = "navigation"
    label = "navigation"
    short_words = 12

    def judge(self, page: Page) -> Iterator[Verdict]:
        yield from super().judge(page)
        if page.format == "html":
            for segment in _closing_link_lines(page):
                yield Verdict.remove(segment, f"a link line that closes the body {quote(segment.text)}")


def _is_link_line(segment: Segment) -> bool:
    return (
        segment.kind == "paragraph"
        and is_short_link(segment)
        and not _WRITTEN_ADDRESS.search(segment.text)
    )


def _closing_link_lines(page: Page) -> list[Segment]:
    """The paragraphs that are each one short link and close the body ("Back to all posts", "Next
    Topic"), when at most `_MAX_CLOSING_LINK_LINES` of them follow its last other block. One whose text
    the body says before is the last card's link ("More" under every card): it stays, as its twins do."""
    body = [segment for segment in page.segments if segment.in_body]
    closing: list[Segment] = []
    for segment in reversed(body):
        if not _is_link_line(segment):
            break
        closing.append(segment)
    if len(closing) > _MAX_CLOSING_LINK_LINES or len(closing) == len(body):
        return []
    said_before = {segment.text for segment in body[: len(body) - len(closing)]}
    return [segment for segment in closing[::-1] if segment.text not in said_before]
