"""Bylines, date lines and place datelines left in the body: "By Jane Doe", "LinkNaija August 08, 2018",
"Updated at 1:23 p.m.", "BAAR, SWITZERLAND".

Only near the start or the end of the body, where credit lines sit; a date inside the story is news.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scrubber.cleaners.base import Page, Verdict, quote
from scrubber.extract.byline import parse_byline
from scrubber.extract.dates import find_date
from scrubber.phrases import words_of

_EDGE = 3
_MAX_WORDS = 10
_PLACE = re.compile(r"^[A-ZÀ-ÖØ-Þ .'-]{2,40}(?:, [A-ZÀ-ÖØ-Þ .'-]{2,40})?$")
_TIME = re.compile(r"\d{1,2}[:.]\d{2}")


class DatelineCleaner:
    name = "dateline"
    order = 10
    description = "Byline and date lines at the start or end of the body."

    def judge(self, page: Page) -> Iterator[Verdict]:
        body = [segment for segment in page.segments if segment.in_body]
        edges = sorted({segment.index: segment for segment in body[:_EDGE] + body[-_EDGE:]}.items())
        prefixes = words_of("byline", "date_prefixes", page.languages)
        stamp = re.compile(rf"^(?:{'|'.join(prefixes)})\s", re.IGNORECASE) if prefixes else None
        for _, segment in edges:
            if segment.words > _MAX_WORDS or segment.kind == "list_item":
                continue
            if parse_byline(segment.text, page.languages):
                yield Verdict.remove(segment, f"byline {quote(segment.text)}")
            elif find_date(segment.text, page.languages) and not segment.text.rstrip().endswith((".", "!", "?")):
                yield Verdict.remove(segment, f"date line {quote(segment.text)}")
            elif stamp and stamp.match(segment.text) and _TIME.search(segment.text):
                yield Verdict.remove(segment, f"time stamp {quote(segment.text)}")
            elif segment.index == body[0].index and segment.words <= 4 and _PLACE.match(segment.text):
                yield Verdict.remove(segment, f"place dateline {quote(segment.text)}")
