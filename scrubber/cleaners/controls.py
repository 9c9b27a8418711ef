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
    because a real list of short items is article content, and so are the headings of an HTML page and,
    in a text dump whose body holds 95 % of its words (the article's container), runs inside the body.
    """

    name = "controls"
    description = "Runs of button-like single words: amount pickers, tab rows, menus."

    def __init__(self, min_run: int = 3) -> None:
        self.min_run = min_run

    @staticmethod
    def _is_control(segment: Segment, marked_up: bool) -> bool:
        return (
            0 < segment.words <= 3
            and len(segment.text) <= 30
            and (segment.kind == "paragraph" or (segment.kind == "heading" and not marked_up))
            and not segment.text.endswith(_TERMINAL)
        )

    def judge(self, page: Page) -> Iterator[Verdict]:
        segments = page.segments
        container = page.format == "text" and (
            sum(segment.words for segment in segments if segment.in_body)
            >= _CONTAINER_SHARE * sum(segment.words for segment in segments)
        )
        # an HTML heading is the page's own mark-up for a section's title (three in a row open nested
        # sections); a text dump's "heading" is a guess from a short line, which a row of buttons also is
        marked_up = page.format == "html"
        start = 0
        while start < len(segments):
            stop = start
            while stop < len(segments) and self._is_control(segments[stop], marked_up):
                stop += 1
            # whether a run is inside the container is asked of runs long enough only: most lines start none
            if stop - start >= self.min_run and not (
                container and all(segment.in_body for segment in segments[start:stop])
            ):
                reason = f"row of {stop - start} button-like lines"
                yield Verdict(segments[start].index, segments[stop - 1].index + 1, True, reason)
            start = max(stop, start + 1)
