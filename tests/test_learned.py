"""The learned residue cleaner on dumps of our own: appeals in words no phrase pack lists go, articles stay."""

from __future__ import annotations

import math
import re

import scrubber
from scrubber.cleaners.base import Page, Verdict
from scrubber.cleaners.learned import LearnedCleaner, features, phrase_categories, residue_model
from scrubber.plugins import default_order
from tests.conftest import FIXTURES, expected

DUMP = FIXTURES / "text" / "unlisted_appeal.txt"
UNLISTED = "Independent journalism like this depends on its readers."
ISSUE_APPEAL = "Stories like this one exist because readers like you chip in every month."
REASON = re.compile(r"learned residue score (0\.\d\d|1\.00) \(\w+(, \w+)*\)")


def removal(article: scrubber.Article, start: str) -> scrubber.Removed:
    matches = [item for item in article.removed if item.text.startswith(start)]
    assert len(matches) == 1, [item.text for item in article.removed]
    return matches[0]


def test_unlisted_appeal_is_removed_by_the_learned_cleaner() -> None:
    article = scrubber.scrub(DUMP)
    gone = removal(article, UNLISTED)
    assert gone.cleaner == "learned"
    assert REASON.fullmatch(gone.reason), gone.reason
    assert not any(UNLISTED in block.text for block in article.body)


def test_unlisted_appeal_stays_without_the_learned_cleaner() -> None:
    """No phrase pack knows it: the learned cleaner is what removes it."""
    article = scrubber.Scrubber(exclude=["learned"]).scrub(DUMP)
    assert any(block.text.startswith(UNLISTED) for block in article.body)


def test_issue_appeal_is_learned_without_the_phrase_cleaners() -> None:
    article = scrubber.Scrubber(cleaners=["learned"]).scrub(DUMP)
    assert REASON.fullmatch(removal(article, ISSUE_APPEAL).reason)
    assert removal(article, UNLISTED).cleaner == "learned"


def test_article_paragraphs_are_kept() -> None:
    article = scrubber.Scrubber(cleaners=["learned"]).scrub(DUMP)
    paragraphs = [text for kind, text in expected(DUMP)["body"]]
    assert len(paragraphs) == 6
    assert [block.text for block in article.body if block.text in paragraphs] == paragraphs


def test_threshold_option_turns_it_down() -> None:
    strict = scrubber.Scrubber(cleaners=["learned"], options={"learned": {"threshold": 1.01}})
    assert not [item for item in strict.scrub(DUMP).removed if item.cleaner == "learned"]


def test_model_is_loaded_once_and_scores_deterministically() -> None:
    assert residue_model() is residue_model()
    model = residue_model()
    assert all(0.5 < threshold < 1.0 for threshold in model.thresholds.values())
    assert LearnedCleaner.order > 100
    assert default_order()[-1] == "learned"
    first = scrubber.Scrubber(cleaners=["learned"]).scrub(DUMP).removed
    second = scrubber.Scrubber(cleaners=["learned"]).scrub(DUMP).removed
    assert [(item.text, item.reason) for item in first] == [(item.text, item.reason) for item in second]


class _Pages:
    """A cleaner that keeps the pages it is shown."""

    name = "pages"
    description = "Keeps pages."

    def __init__(self) -> None:
        self.seen: list[Page] = []

    def judge(self, page: Page) -> list[Verdict]:
        self.seen.append(page)
        return []


def test_fast_log_odds_equal_the_named_features_score() -> None:
    """The cleaner's fast sum and the training's named features agree on every block of every fixture."""
    recorder = _Pages()
    engine = scrubber.Scrubber(cleaners=[])
    engine.cleaners = [recorder]
    for path in sorted((FIXTURES / "text").glob("*.txt")) + sorted((FIXTURES / "html").glob("*.html"))[:10]:
        engine.scrub(path)
    model = residue_model()
    checked = 0
    for page in recorder.seen:
        categories = phrase_categories(page)
        positions = range(len(page.segments))
        for position, fast in zip(positions, model.log_odds(page, positions, categories), strict=True):
            named = sum(model.weights.get(name, 0.0) for name in features(page, position, categories))
            assert math.isclose(fast, model.bias + named, abs_tol=1e-9)
            checked += 1
    assert checked > 200
