"""Repeated blocks: a pull quote or a menu that appears twice is kept once, where it first appears."""

from __future__ import annotations

from collections.abc import Iterator

from scrubber.cleaners.base import Page, Verdict, quote
from scrubber.phrases import normalize


class DuplicateCleaner:
    name = "duplicate"
    description = "Later copies of a block already seen on the page (pull quotes, repeated menus)."

    def judge(self, page: Page) -> Iterator[Verdict]:
        seen: set[str] = set()
        for segment in page.segments:
            key = normalize(segment.text)
            if key in seen:
                yield Verdict.remove(segment, f"repeats an earlier block {quote(segment.text)}")
            seen.add(key)
