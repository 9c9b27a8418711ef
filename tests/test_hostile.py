"""Hostile and broken input: only ScrubberError or a well-formed Article, never anything else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import scrubber
from scrubber import ScrubberError
from scrubber.parse.text import split_blocks
from tests.conftest import FIXTURES

REAL_PAGE = (FIXTURES / "html" / "article_with_residue.html").read_bytes()
ENGINE = scrubber.Scrubber()


def outcome(source: str | bytes) -> scrubber.Article | None:
    try:
        article = ENGINE.scrub(source)
    except ScrubberError:
        return None
    json.loads(article.to_json())
    return article


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes) -> None:
    outcome(data)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=3000))
def test_random_text_body_comes_from_input(text: str) -> None:
    article = outcome(text)
    if article is not None and "<" not in text and "&" not in text:
        flat = " ".join(text.split())
        for block in article.body:
            assert block.text in flat or all(word in flat for word in block.text.split())


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab #*>_-[]()!1.\n\t\r \u00a0\u2003\u2028\x1c\x85\u200b")), max_size=80))
@example("an ![image](x.png) inside a line")
@example("a **bold** and a ** ** gap")
def test_dump_blocks_have_collapsed_whitespace(text: str) -> None:
    """Block texts reach the phrase matcher with single spaces only (`normalize_all` relies on it)."""
    for block in split_blocks(text):
        assert block.text and block.text == " ".join(block.text.split()), block


@settings(max_examples=40, deadline=None)
@given(st.integers(0, len(REAL_PAGE)), st.integers(0, 255), st.integers(0, len(REAL_PAGE)))
def test_truncated_and_mangled_real_page(cut: int, byte: int, where: int) -> None:
    page = bytearray(REAL_PAGE[:cut])
    if where < len(page):
        page[where] = byte
    outcome(bytes(page))


def test_deeply_nested_divs() -> None:
    page = "<html><body>" + "<div>" * 100_000 + "<p>deep text</p>" + "</div>" * 100_000 + "</body></html>"
    outcome(page)


def test_page_of_only_scripts() -> None:
    article = outcome("<html><body>" + "<script>var a = 1;</script>" * 1000 + "</body></html>")
    assert article is not None and article.body == [] and article.warnings


def test_billion_laughs_is_not_expanded() -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">' for i in range(9)
    )
    page = f'<?xml version="1.0"?><!DOCTYPE html [{entities}]><html><body><p>&lol8;</p></body></html>'
    article = outcome(page)
    assert article is None or len(article.text) < 10_000


def test_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    page = f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]><html><body><p>&x; text</p></body></html>'
    article = outcome(page)
    assert article is None or "TOP-SECRET-VALUE" not in article.to_json()


def test_one_huge_line_of_text() -> None:
    outcome("word " * 2_000_000)


def test_too_large_input_is_refused() -> None:
    with pytest.raises(scrubber.InputTooLargeError):
        scrubber.scrub(b"<p>" + b"x" * (21 * 1024 * 1024))


def test_nul_bytes_and_odd_encodings() -> None:
    page = b"<html><body><p>Some text\x00 with a NUL in the middle of a sentence.</p></body></html>"
    assert outcome(page) is not None
    text = "Новости дня: правительство объявило о новых мерах поддержки для малого бизнеса в регионах страны."
    article = outcome(f"<html><head><meta charset='utf-8'></head><body><p>{text}</p></body></html>".encode("cp1251"))
    assert article is not None and "правительство" in article.text
    sjis = "<html><body><p>東京で新しい図書館が開館し、多くの市民が訪れました。館内には十万冊の本があります。"
    sjis += "</p></body></html>"
    article = outcome(sjis.encode("shift_jis"))
    assert article is not None and "図書館" in article.text


def test_zero_bytes_and_wrong_types() -> None:
    with pytest.raises(scrubber.EmptyInputError):
        scrubber.scrub(b"")
    with pytest.raises(scrubber.InputError):
        scrubber.scrub(12345)  # type: ignore[arg-type]
