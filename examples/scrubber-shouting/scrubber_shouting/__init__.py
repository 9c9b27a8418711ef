"""An example third-party cleaner: drops blocks written in capitals ("BREAKING: CLICK NOW")."""

from __future__ import annotations

from collections.abc import Iterator

from scrubber import Page, Verdict


class ShoutingCleaner:
    name = "shouting"
    description = "Blocks written in capitals (min_words sets how long they must be)."

    def __init__(self, min_words: int = 3) -> None:
        self.min_words = min_words

    def judge(self, page: Page) -> Iterator[Verdict]:
        for segment in page.segments:
            if segment.words >= self.min_words and segment.text.isupper():
                yield Verdict.remove(segment, "written in capitals")
