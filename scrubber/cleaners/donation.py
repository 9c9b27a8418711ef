"""Donation and membership appeals: "Support us", "Dear readers, … please give monthly", amount buttons."""

from __future__ import annotations

import re
from collections.abc import Iterator

from scrubber.cleaners.base import Page, Verdict
from scrubber.cleaners.phrase_cleaner import PhraseCleaner

# A line that is nothing but an amount ("$99", "£68", "1.299,00 €", "$49+"): a donation button on a
# news page, the price of a tile on a shop's page
_AMOUNT = re.compile(r"[^\w]*\d[\d.,]*(?: ?(?:usd|eur|gbp))?[^\w]*", re.IGNORECASE)
_SHOP_PAGES = frozenset(("product", "collection"))


class DonationCleaner(PhraseCleaner):
    name = "donation"
    description = "Donation and membership appeals, including multi-paragraph asks and their buttons."
    category = "donation"
    label = "donation appeal"
    run_gap = 3

    def judge(self, page: Page) -> Iterator[Verdict]:
        """The phrase cleaner's verdicts, less those on a shop's prices: on a product or collection page
        a line that is only an amount is what something costs, not what a reader is asked to give."""
        verdicts = super().judge(page)
        if page.page_type not in _SHOP_PAGES:
            yield from verdicts
            return
        prices = {segment.index for segment in page.segments if _AMOUNT.fullmatch(segment.text)}
        for verdict in verdicts:
            if not (verdict.stop - verdict.start == 1 and verdict.start in prices):
                yield verdict
