"""Pull quotes: a quote or heading that repeats a paragraph of the page is the same text twice.

Repeats of the same kind are left alone: an interview asks the same question of every guest.
"""

from __future__ import annotations

from collections.abc import Iterator

from scrubber.cleaners.base import Page, Verdict, quote


class DuplicateCleaner:
    name = "duplicate"
    description = "Pull quotes and other copies of a block shown again in another form."

    def judge(self, page: Page) -> Iterator[Verdict]:
        seen: dict[str, str] = {}
        for segment, key in zip(page.segments, page.normalized_texts, strict=True):
            kind = seen.setdefault(key, segment.kind)
            if kind != segment.kind:
                yield Verdict.remove(segment, f"repeats an earlier {kind} {quote(segment.text)}")
