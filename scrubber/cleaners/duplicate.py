"""Copies in the body: a pull quote or heading that repeats a paragraph of the page is the same text
twice, and so is a passage that a layout renders twice (a second, hidden copy of the story for members
or another screen): a run of several paragraphs said again in the same order, a good part of the body.
A run of short list items that are each one link, repeated item for item, is a menu that the layout
renders twice (once per screen size): both copies go, as neither is the article's.

Repeats of single blocks of the same kind are left alone: an interview asks the same question of every
guest, a meal plan serves the same dish on several days, a pricing table lists the same features under
every plan; a recipe or a plan may repeat a few steps or a day of a week.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from scrubber.cleaners.base import Page, Segment, Verdict, is_short_link, quote
from scrubber.scripts import CLOSERS, SENTENCE_ENDS

# A run of blocks said again is a copy when it holds this many different paragraphs of this many words.
_MIN_COPY_PARAGRAPHS = 2
_MIN_PARAGRAPH_WORDS = 12
# ... and when it holds this share of the body's words
_MIN_COPY_SHARE = 0.15
# A menu is a run of at least this many list items that are short links (`is_short_link`) ending no sentence
_MIN_MENU_ITEMS = 3


class DuplicateCleaner:
    name = "duplicate"
    description = "Pull quotes and other copies of a block shown again in another form, and passages shown twice."

    def judge(self, page: Page) -> Iterator[Verdict]:
        seen: dict[str, str] = {}
        for segment, key in zip(page.segments, page.normalized_texts, strict=True):
            kind = seen.setdefault(key, segment.kind)
            if kind != segment.kind:
                yield Verdict.remove(segment, f"repeats an earlier {kind} {quote(segment.text)}")
        body = [(segment, key) for segment, key in zip(page.segments, page.normalized_texts, strict=True)
                if segment.in_body]
        words = sum(segment.words for segment, _ in body)
        for copy in _copied_runs(body):
            if sum(segment.words for segment, _ in copy) < _MIN_COPY_SHARE * words:
                continue
            for segment, _ in copy:
                yield Verdict.remove(segment, f"part of a passage said twice in the body {quote(segment.text)}")
        for menu in _repeated_menus(body):
            reason = f"a menu of {len(menu)} links that the body shows twice"
            # item by item: a block outside the body between two items is no part of the menu
            for item in menu:
                yield Verdict.remove(item, reason)


def _is_prose(segment: Segment) -> bool:
    return segment.kind == "paragraph" and segment.words >= _MIN_PARAGRAPH_WORDS


def _is_menu_item(segment: Segment) -> bool:
    return (
        segment.kind == "list_item"
        and is_short_link(segment)
        and segment.text.rstrip(CLOSERS)[-1:] not in SENTENCE_ENDS  # closing quotes aside: 'Read “Why.”'
    )


def _repeated_menus(body: Sequence[tuple[Segment, str]]) -> list[list[Segment]]:
    """The runs of `_MIN_MENU_ITEMS` or more menu items in ``body`` whose texts another such run repeats
    item for item, in order: every copy (a link list said once is a list of the article's sources or
    sections, and stays)."""
    runs: list[list[tuple[Segment, str]]] = [[]]
    for segment, key in body:
        if _is_menu_item(segment):
            runs[-1].append((segment, key))
        elif runs[-1]:
            runs.append([])
    menus = [run for run in runs if len(run) >= _MIN_MENU_ITEMS]
    times = Counter(tuple(key for _, key in run) for run in menus)
    return [[segment for segment, _ in run] for run in menus if times[tuple(key for _, key in run)] > 1]


def _copied_runs(body: Sequence[tuple[Segment, str]]) -> Iterator[Sequence[tuple[Segment, str]]]:
    """The runs of ``body`` that repeat, block for block, the run where their first block was first said,
    and hold `_MIN_COPY_PARAGRAPHS` different paragraphs of prose. A run starts at a paragraph of prose,
    or at the block before it when that repeats the block before the earlier run (a section's heading)."""
    keys = [key for _, key in body]
    first_said: dict[str, int] = {}  # where each paragraph of prose was first said
    position = 0
    while position < len(keys):
        length, earlier = 0, position
        if _is_prose(body[position][0]):
            earlier = first_said.setdefault(keys[position], position)
            length = _same_run(keys, earlier, position)
        # a shorter run holds fewer different paragraphs (most blocks repeat none: their run is empty)
        prose = ({keys[at] for at in range(position, position + length) if _is_prose(body[at][0])}
                 if length >= _MIN_COPY_PARAGRAPHS else set())
        if len(prose) < _MIN_COPY_PARAGRAPHS:
            position += 1
            continue
        heading = earlier > 0 and position - 1 >= earlier + length and keys[earlier - 1] == keys[position - 1]
        yield body[position - heading : position + length]
        position += length


def _same_run(keys: Sequence[str], start: int, position: int) -> int:
    """How many blocks from ``position`` on repeat those from the earlier ``start`` on, up to ``position``."""
    run = 0
    while position + run < len(keys) and start + run < position and keys[start + run] == keys[position + run]:
        run += 1
    return run
