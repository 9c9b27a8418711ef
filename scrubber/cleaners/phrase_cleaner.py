"""The shared mechanism of the phrase-driven cleaners: whole lines, phrases in short blocks, and runs.

Each built-in phrase cleaner is this class with a category of the phrase packs and a few thresholds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from scrubber.cleaners.base import Page, Segment, Verdict, quote
from scrubber.phrases import PhraseBook, PhraseSet, phrase_book, phrase_set


class PhraseCleaner:
    """Drops blocks that the ``category`` section of the page's phrase packs describes.

    - a block that *is* a residue line ("Read more", "Monthly") goes, and so does a row of them run
      together on one line ("Share · Post · Mail");
    - a block of at most ``short_words`` words with one phrase hit goes;
    - a longer block (up to ``long_words``) with ``long_hits`` different hits goes;
    - an opener ("Dear readers,") starts a run that takes every block up to the last hit, as long as
      hits are at most ``run_gap`` blocks apart and the run holds ``run_hits`` hits.
    """

    name = "phrases"
    order = 10
    description = "Drops blocks matching a phrase category."
    category = ""
    label = "residue"
    short_words = 20
    long_words = 90
    long_hits = 2
    run_gap = 0
    run_hits = 2

    def phrases(self, page: Page) -> PhraseSet:
        extra = tuple(page.extra_phrases.get(self.category, ()))
        return phrase_set(self.category, page.languages, extra)

    def judge(self, page: Page) -> Iterator[Verdict]:
        phrases = self.phrases(page)
        book = phrase_book(page.languages, page.extra_phrases)  # knows which blocks may hold a phrase
        segments = page.segments
        taken = -1
        for position in page.phrase_positions.get(self.category, ()):
            if position <= taken:
                continue
            segment = segments[position]
            if self.run_gap:
                run = self._run(phrases, book, segments, position)
                if run is not None:
                    opener, end = run
                    reason = f"part of a {self.label} that opens with {quote(opener)}"
                    yield Verdict(segment.index, segments[end].index + 1, True, reason)
                    taken = end
                    continue
            single = self._single(phrases, book, segment)
            if single:
                yield Verdict.remove(segment, single)

    def _single(self, phrases: PhraseSet, book: PhraseBook, segment: Segment) -> str | None:
        if phrases.is_line(segment.text):
            return f"{self.label} line {quote(segment.text)}"
        if phrases.is_row(segment.text):
            return f"row of {self.label} lines {quote(segment.text)}"
        if segment.words > self.long_words:
            return None
        hits = book.hits(self.category, segment.text)
        if hits and segment.words <= self.short_words:
            return f"short block with {self.label} phrase {quote(hits[0])}"
        if len(hits) >= self.long_hits:
            listed = ", ".join(quote(hit, 30) for hit in hits[:3])
            return f"{self.label} phrases {listed}"
        return None

    def _is_hit(self, phrases: PhraseSet, book: PhraseBook, segment: Segment) -> bool:
        text = segment.text
        return bool(phrases.is_line(text) or phrases.opener(text) or book.hits(self.category, text))

    def _run(
        self, phrases: PhraseSet, book: PhraseBook, segments: Sequence[Segment], start: int
    ) -> tuple[str, int] | None:
        """The opener's text and the last position of the run starting at ``start``, if one does."""
        if segments[start].words > self.long_words or not phrases.opener(segments[start].text):
            return None
        hits, last, position = 1, start, start + 1
        while position < len(segments) and position - last <= self.run_gap + 1:
            if self._is_hit(phrases, book, segments[position]):
                hits, last = hits + 1, position
            position += 1
        if hits < self.run_hits:
            return None
        return segments[start].text, last
