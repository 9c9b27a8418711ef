"""Text dumps, each with its expected article, run through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

import scrubber
from scrubber.parse.text import split_blocks
from tests.conftest import FIXTURES, expected

DUMPS = sorted(p for p in (FIXTURES / "text").glob("*.txt") if p.with_name(p.stem + ".expected.json").exists())


@pytest.mark.parametrize("path", DUMPS, ids=lambda p: p.stem)
def test_dump_gives_expected_article(path: Path) -> None:
    want = expected(path)
    article = scrubber.scrub(path)
    assert article.title == want["title"]
    assert article.byline == want["byline"]
    assert article.authors == want["authors"]
    assert article.date == want["date"]
    assert article.language == want["language"]
    assert [[block.kind, block.text] for block in article.body] == want["body"]
    for fragment, cleaner in want["removed"].items():
        matches = [item for item in article.removed if fragment in item.text]
        assert matches, f"{fragment!r} was not removed"
        assert matches[0].cleaner == cleaner, (fragment, matches[0])
        assert matches[0].reason


def test_every_dump_loses_no_text() -> None:
    """Each block the parser finds ends up in the body, in the metadata, or in the record of removals."""
    for path in DUMPS:
        article = scrubber.scrub(path)
        accounted = [b.text for b in article.body] + [r.text for r in article.removed]
        accounted += [article.title or "", article.byline or ""]
        for block in split_blocks(path.read_text(encoding="utf-8")):
            is_date_line = bool(article.date) and article.date[:4] in block.text and len(block.text.split()) <= 6
            assert is_date_line or any(block.text in text for text in accounted), (path.name, block.text)
