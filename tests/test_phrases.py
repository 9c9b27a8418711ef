"""The phrase packs and the quick test in front of them: the quick test may let too much through, never
too little, or a cleaner would silently miss residue."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scrubber.phrases import (
    available_languages,
    load_pack,
    normalize,
    normalize_all,
    phrase_book,
    phrase_set,
    row_items,
    with_defaults,
)
from scrubber.phrases.anchors import anchors

NON_PATTERN_SECTIONS = ("language", "byline")


def pack_patterns() -> list[tuple[str, str, str, str]]:
    """(language, category, kind, pattern) for every pattern of every pack."""
    found = []
    for language in ("all", *available_languages()):
        for category, section in load_pack(language).items():
            if category in NON_PATTERN_SECTIONS:
                continue
            for kind in ("lines", "phrases", "openers"):
                found += [(language, category, kind, pattern) for pattern in section.get(kind, [])]
    return found


PATTERNS = pack_patterns()


@pytest.mark.parametrize(("language", "category", "kind", "pattern"), PATTERNS)
def test_every_pattern_compiles(language: str, category: str, kind: str, pattern: str) -> None:
    re.compile(pattern)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("support (us|our work)", [("support", True)]),
        ("(please|kindly) (consider )?(support|donat)\\w*", [("please", True), ("kindly", True)]),
        ("newsletters?", [("newsletter", True)]),
        ("\\d+ issues for", [("issues for", True)]),
        ("\\((photo|image): [^)]{1,80}\\)", [("photo", False), ("image", False)]),
        ("read more|see also", None),
        ("\\d{1,3}", None),
    ],
)
def test_anchors(pattern: str, expected: list[tuple[str, bool]] | None) -> None:
    assert anchors(pattern) == expected


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_quick_test_never_hides_a_match(data: st.DataObject) -> None:
    """Text built around a string that a pattern matches is always let through for its category, also
    among other blocks of a page (some of which change length when lower-cased)."""
    language, category, kind, pattern = data.draw(st.sampled_from(PATTERNS))
    core = normalize(data.draw(st.from_regex(re.compile(pattern), fullmatch=True)))
    before = data.draw(st.sampled_from(["", "well ", "a. ", "x-"]))
    text = before + core if kind != "lines" else core
    languages = with_defaults([language]) if language != "all" else ("all",)
    phrases = phrase_set(category, languages)
    assume(phrases.is_line(text) or phrases.hits(text) or phrases.opener(text))
    neighbours = st.lists(st.sampled_from(["", "İstanbul İzmir", "“Quoted”  words\n", "plain prose."]), max_size=3)
    before_blocks, after_blocks = data.draw(neighbours), data.draw(neighbours)
    book = phrase_book(languages)
    flags = book.categories([*before_blocks, text, *after_blocks])
    assert category in flags[len(before_blocks)]
    assert book.hits(category, text) == phrases.hits(text)  # the book skips the patterns only on no anchor


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=list("aΣİ x.\n\u201c\u2019"), max_size=12), max_size=6))
def test_normalizing_a_page_at_once_is_normalizing_each_block(texts: list[str]) -> None:
    """Spaces and line breaks, collapsed or not, and letters whose lower case is longer (İ)."""
    assert normalize_all(texts) == [normalize(text) for text in texts]


def test_phrase_book_memo_stays_bounded_and_right() -> None:
    """Past its limit the memo starts afresh (holding at most the limit plus one page), and answers
    stay those of a fresh book."""
    book = phrase_book(("all", "en"))
    residue = ["Sign up for our newsletter", "Share"]
    for start in range(0, 20_000, 1000):  # page after page
        page = [f"line {number} of a long page" for number in range(start, start + 1000)] + residue
        answers = book.categories(page)
        assert len(book._known) <= 8192 + len(page)
        assert not answers[0] and "newsletter" in answers[-2] and "share" in answers[-1]


@pytest.mark.parametrize(
    ("category", "text", "is_residue_line"),
    [
        ("credit", "China has warned it will take control of the city (Image: GETTY )", True),
        ("credit", "A worker loads trims into his truck in Hialeah, Fla. (AP Photo/Alan Diaz, File)", True),
        ("credit", "He said (photo evidence) was lacking, and the court agreed with him.", False),
        ("navigation", "SEE MORE: Hong Kong protests: 800 students under siege in university", True),
        ("navigation", "DON'T MISS", True),
        ("navigation", "See more than 100 species at the zoo this summer.", False),
        ("navigation", "Sign In / Join", True),
        ("navigation", "Add to wish list", True),
        ("navigation", "Was this page helpful?", True),
        ("navigation", "Sign up for a free account to read the rest of this guide today.", False),
        ("navigation", "Back to the Future", False),
    ],
)
def test_english_residue_lines(category: str, text: str, is_residue_line: bool) -> None:
    assert phrase_set(category, with_defaults(["en"])).is_line(text) is is_residue_line


def test_the_phrases_a_book_found_are_found_again_and_are_the_callers_to_change() -> None:
    """The book keeps what it found in a block (the extractor and the cleaners ask alike): asked again it
    answers as the patterns do, even after a caller changed the list it got."""
    book = phrase_book(("all", "en"))
    text = "Please support our journalism and donate today to keep it free"
    phrases = phrase_set("donation", ("all", "en"))
    first = book.hits("donation", text)
    assert first and first == phrases.hits(text)
    first.clear()
    assert book.hits("donation", text) == phrases.hits(text)


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("Share · Post · Mail", ["Share", "Post", "Mail"]),
        ("Home|News /Sport", ["Home", "News", "Sport"]),
        ("Facebook Twitter Email", ["Facebook", "Twitter", "Email"]),
        ("· Share ·", ["Share"]),
        ("A \u00a0｜\tB", ["A", "B"]),
    ],
)
def test_a_row_is_cut_at_its_separators_or_else_at_its_spaces(text: str, items: list[str]) -> None:
    assert row_items(text) == items
