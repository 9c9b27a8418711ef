"""Rows of interface controls: runs of one-to-three-word lines ("Once / Monthly / Annual / Continue")."""

from __future__ import annotations

from collections.abc import Iterator

from scrubber.cleaners.base import Page, Segment, Verdict

_TERMINAL = (".", "!", ";", ",", '"', "'", "”", "’")
# a text dump whose body holds this share of its words is the text of the article's container (an
# article-shaped dump): its runs of short lines are the article's lists and tables, not a page's menus
_CONTAINER_SHARE = 0.95


class ControlsCleaner:
    """Drops runs of at least ``min_run`` consecutive button-like lines.

    A button-like line has at most three words and no sentence punctuation; list items are exempt,
    because a real list of short items is article content.
    """

    name = "controls"
    description = "Runs of button-like single words: amount pickers, tab rows, menus."

    def __init__(self, min_run: int = 3) -> None:
        self.min_run = min_run

    @staticmethod
    def _is_control(segment: Segment) -> bool:
        return (
            0 < segment.words <= 3
            and len(segment.text) <= 30
            and segment.kind in ("paragraph", "heading")
            and not segment.text.endswith(_TERMINAL)
        )

    def judge(self, page: Page) -> Iterator[Verdict]:
        segments = page.segments
        body_words = sum(segment.words for segment in segments if segment.in_body)
        container = page.format == "text" and body_words >= _CONTAINER_SHARE * sum(s.words for s in segments)
        start = 0
        while start < len(segments):
            stop = start
            while stop < len(segments) and self._is_control(segments[stop]):
                stop += 1
            in_container = container and all(segment.in_body for segment in segments[start:stop])
            if stop - start >= self.min_run and not in_container:
                reason = f"row of {stop - start} button-like lines"
                yield Verdict(segments[start].index, segments[stop - 1].index + 1, True, reason)
            start = max(stop, start + 1)
