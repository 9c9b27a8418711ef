"""Bylines and date lines left in the body: "By Jane Doe", "LinkNaija August 08, 2018", "Updated 10:32 GMT".

Only near the start or the end of the body, where credit lines sit; a date inside the story is news.
"""

from __future__ import annotations

from collections.abc import Iterator

from scrubber.cleaners.base import Page, Verdict, quote
from scrubber.extract.byline import parse_byline
from scrubber.extract.dates import find_date

_EDGE = 3
_MAX_WORDS = 10


class DatelineCleaner:
    name = "dateline"
    order = 10
    description = "Byline and date lines at the start or end of the body."

    def judge(self, page: Page) -> Iterator[Verdict]:
        body = [segment for segment in page.segments if segment.in_body]
        edges = {segment.index for segment in body[:_EDGE] + body[-_EDGE:]}
        for segment in page.segments:
            if segment.index not in edges or segment.words > _MAX_WORDS or segment.kind == "list_item":
                continue
            if parse_byline(segment.text, page.languages):
                yield Verdict.remove(segment, f"byline {quote(segment.text)}")
            elif find_date(segment.text, page.languages) and not segment.text.rstrip().endswith((".", "!", "?")):
                yield Verdict.remove(segment, f"date line {quote(segment.text)}")
