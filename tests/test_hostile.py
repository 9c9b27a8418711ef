"""Hostile and broken input: only ScrubberError or a well-formed Article, never anything else."""

from __future__ import annotations

import gc
import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

import scrubber
from scrubber import ScrubberError
from scrubber.parse.html import ATTRIBUTES_PER_NODE, parse_html
from scrubber.parse.text import normalize_text, split_blocks
from scrubber.sources import load, load_bytes, load_str, utf8_safe
from tests.conftest import FIXTURES

REAL_PAGE = (FIXTURES / "html" / "article_with_residue.html").read_bytes()
ENGINE = scrubber.Scrubber()
# SCRUBBER_FUZZ=N multiplies every example budget by N for a long fuzzing run, and then also holds each
# example to a deadline of 10 s (the suite itself times nothing).
FUZZ = int(os.environ.get("SCRUBBER_FUZZ", "1"))
DEADLINE = None if FUZZ == 1 else 10_000


def budget(examples: int) -> settings:
    return settings(max_examples=examples * FUZZ, deadline=DEADLINE,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def outcome(source: str | bytes | Path) -> scrubber.Article | None:
    try:
        article = ENGINE.scrub(source)
    except ScrubberError:
        return None
    json.loads(article.to_json().encode("utf-8"))  # every string an article holds is valid UTF-8
    return article


@budget(60)
@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes) -> None:
    outcome(data)


@budget(60)
@given(st.text(max_size=3000))
def test_random_text_body_comes_from_input(text: str) -> None:
    article = outcome(text)
    if article is not None and "<" not in text and "&" not in text:
        flat = " ".join(normalize_text(text).split())  # as the parser reads it: invisible characters dropped
        for block in article.body:
            assert block.text in flat or all(word in flat for word in block.text.split())


@budget(200)
@given(st.text(alphabet=st.sampled_from(list("ab #*>_-[]()!1.\n\t\r \u00a0\u2003\u2028\x1c\x85\u200b")), max_size=80))
@example("an ![image](x.png) inside a line")
@example("a **bold** and a ** ** gap")
def test_dump_blocks_have_collapsed_whitespace(text: str) -> None:
    """Block texts reach the phrase matcher with single spaces only (`normalize_all` relies on it)."""
    for block in split_blocks(text):
        assert block.text and block.text == " ".join(block.text.split()), block


@budget(40)
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


def test_stray_control_characters_go_the_same_from_bytes_as_from_text() -> None:
    # bytes decoded as UTF-8 are searched for control characters as they came, not encoded again
    words = " Caf\u00e9 owners in the old town say the new parking rules keep their customers away." * 10
    for stray in ("\x01", "\x7f", "\x08", "\ufffe"):
        page = f"<html><body><p>Before{stray} the paragraph.{words}</p></body></html>"
        from_bytes = load_bytes(page.encode("utf-8")).text
        assert from_bytes == load_str(page).text == page.replace(stray, "")
    with_bom = load_bytes(f"\ufeff<p>Text\x01 after a byte order mark.{words}</p>".encode()).text
    assert with_bom == f"<p>Text after a byte order mark.{words}</p>"


def test_utf8_page_that_declares_a_latin_charset_is_read_as_utf8() -> None:
    text = "El Gobierno aprobó ayer la reforma tras una votación en el Congreso que duró más de seis horas."
    for charset in ("iso-8859-15", "windows-1252", "latin1"):
        page = f"<html><head><meta charset='{charset}'></head><body><p>{text}</p></body></html>"
        article = outcome(page.encode("utf-8"))
        assert article is not None and "aprobó" in article.text and "Ã" not in article.text
    genuine = f"<html><head><meta charset='iso-8859-15'></head><body><p>{text}</p></body></html>"
    article = outcome(genuine.encode("iso-8859-15"))
    assert article is not None and "aprobó" in article.text


def test_zero_bytes_and_wrong_types() -> None:
    with pytest.raises(scrubber.EmptyInputError):
        scrubber.scrub(b"")
    with pytest.raises(scrubber.InputError):
        scrubber.scrub(12345)  # type: ignore[arg-type]


REAL_TEXT = REAL_PAGE.decode("utf-8")
PARAGRAPH_WORD = "three-year contract"
# The character classes XML refuses or that break encoders: C0 controls, DEL, noncharacters, surrogates.
HOSTILE_CHARACTERS = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x1F),
    st.sampled_from(["\x7f", "\ufffe", "\uffff", "\ufdd0", "\ufdef", "\U0001fffe", "\U0010ffff", "\x85"]),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, categories=["Cs"]),
)


PARAGRAPH_STARTS = [match.end() for match in re.finditer("<p>", REAL_TEXT)]


@budget(60)
@given(st.lists(HOSTILE_CHARACTERS, min_size=1, max_size=3), st.integers(0, len(REAL_TEXT)))
@example(["\x0c"], REAL_TEXT.index("<div class=\"share-bar\">"))
def test_hostile_characters_anywhere_in_real_html(characters: list[str], where: int) -> None:
    outcome(REAL_TEXT[:where] + "".join(characters) + REAL_TEXT[where:])


@budget(60)
@given(st.lists(HOSTILE_CHARACTERS, min_size=1, max_size=3), st.sampled_from(PARAGRAPH_STARTS), st.integers(0, 40))
@example(["\ufffe"], REAL_TEXT.index(PARAGRAPH_WORD), 0)
@example(["\ud800"], REAL_TEXT.index(PARAGRAPH_WORD), 0)
def test_hostile_characters_in_paragraphs_keep_the_article(characters: list[str], start: int, offset: int) -> None:
    """Inside the text of a paragraph, no character makes the article vanish."""
    where = start + offset
    page = REAL_TEXT[:where] + "".join(characters) + REAL_TEXT[where:]
    article = outcome(page)
    assert article is not None and len(article.body) >= 5


@budget(80)
@given(st.lists(st.one_of(HOSTILE_CHARACTERS, st.sampled_from(["word ", "Another sentence. ", "\n\n", "# "])),
                min_size=1, max_size=300))
def test_hostile_characters_inside_text_dumps(pieces: list[str]) -> None:
    outcome("Some words of an ordinary text dump that goes on for a while.\n\n" + "".join(pieces))


@budget(40)
@given(st.sampled_from(["base64", "hex", "rot13", "undefined", "punycode", "unicode_escape", "raw-unicode-escape",
                        "utf-7", "zlib", "bz2", "uu", "quopri", "idna", "utf-16", "x-nonsense", "utf-8\"'"]),
       st.booleans())
def test_bogus_charsets_are_ignored(charset: str, as_bytes: bool) -> None:
    page = REAL_TEXT.replace('<meta charset="utf-8">', f'<meta charset="{charset}">')
    article = outcome(page.encode("utf-8") if as_bytes else page)
    assert article is not None and article.title == "Port Strike Ends After Nine Days"


def test_lone_surrogates_never_reach_the_article() -> None:
    page = REAL_TEXT.replace('"headline":"Port Strike', '"headline":"\\ud800Port Strike', 1)
    assert '"\\ud800Port' in page
    article = outcome(page)
    assert article is not None and article.title is not None
    dump = "Ordinary text with a lone \udc80 surrogate in the middle of a sentence that is long enough."
    article = outcome(dump)
    assert article is not None and "\ufffd" in article.text
    assert scrubber.Article(title="\ud800", authors=["\udfff"]).to_json().encode("utf-8")
    assert scrubber.Article(organizations=["\ud800"], date_modified="\udfff").to_json().encode("utf-8")


def test_every_string_of_a_block_and_a_removal_is_utf8_safe() -> None:
    """A block's kind is one of `BlockKind`'s names; a removal's cleaner and kind may come from a plugin."""
    text = scrubber.Block("paragraph", "a \ud800 b")
    image = scrubber.Block("image", "", src="\udfff.png", alt="\ud800", caption="c \udc80")
    removed = scrubber.Removed("x \ud800", "share \ud800", "why \udfff", "item \udc80")
    assert (text.text, image.src, image.alt, image.caption) == ("a \ufffd b", "\ufffd.png", "\ufffd", "c \ufffd")
    assert (removed.text, removed.cleaner, removed.reason, removed.kind) == (
        "x \ufffd", "share \ufffd", "why \ufffd", "item \ufffd"
    )
    assert scrubber.Article(removed=[scrubber.Removed("x", "\ud800", "why")]).to_json().encode("utf-8")
    assert scrubber.Block("paragraph", "plain").text == "plain"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", " ", "é", "“", "中", "\U0001f600", "\ud800", "\udbff", "\udc00",
                                         "\udfff"])))
def test_a_lone_surrogate_is_replaced_wherever_it_stands_and_nothing_else(text: str) -> None:
    """`utf8_safe` tells a surrogate by UTF-8 failing to encode it: the same answer as searching for
    U+D800 to U+DFFF, beside ASCII, other scripts and characters outside the BMP."""
    assert utf8_safe(text) == re.sub("[\ud800-\udfff]", "\ufffd", text)


@pytest.mark.parametrize("shape", ["[", '{"a":'])
def test_deeply_nested_json_ld_is_ignored_with_a_warning(shape: str) -> None:
    closing = "]" if shape == "[" else "}"
    deep = shape * 5000 + "1" + closing * 5000
    page = REAL_TEXT.replace("</head>", f'<script type="application/ld+json">{deep}</script></head>')
    article = outcome(page)
    assert article is not None and article.body and any("JSON-LD" in w for w in article.warnings)


def run_bounded(code: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a child with a memory cap and a time limit, so a regression cannot hang or eat
    the machine."""
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)); "
    return subprocess.run([sys.executable, "-c", limit + code], capture_output=True, text=True, timeout=timeout)


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs POSIX FIFOs")
def test_devices_and_fifos_are_refused_without_blocking(tmp_path: Path) -> None:
    (tmp_path / "zero.html").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "fifo.html")
    for name in ("zero.html", "fifo.html"):
        code = ("import scrubber, pathlib\n"
                f"try: scrubber.scrub(pathlib.Path({str(tmp_path / name)!r}))\n"
                "except scrubber.InputError as error: print('refused:', error)")
        result = run_bounded(code)
        assert result.returncode == 0 and "not a regular file" in result.stdout, result.stderr
    with pytest.raises(scrubber.InputError, match="directory"):
        scrubber.scrub(tmp_path)


def test_gzip_members_and_truncation() -> None:
    first, second = REAL_PAGE[:2000], REAL_PAGE[2000:]
    article = outcome(gzip.compress(first) + gzip.compress(second))
    assert article is not None and "What the deal means" in article.text
    with pytest.raises(scrubber.DecodeError, match="truncated"):
        scrubber.scrub(gzip.compress(REAL_PAGE)[:-12])
    with pytest.raises(scrubber.DecodeError, match="garbage"):
        scrubber.scrub(gzip.compress(REAL_PAGE) + b"not gzip")
    assert outcome(gzip.compress(REAL_PAGE) + b"\0" * 64) is not None


def test_long_text_node_is_kept_whole() -> None:
    """libxml2 stops at a 10 MB text node by default; within max_bytes the page is read to its end."""
    long_paragraph = "<p>" + "word " * 2_200_000 + "</p>"
    page = REAL_TEXT.replace("<h2>What the deal means</h2>", long_paragraph + "<h2>What the deal means</h2>")
    article = outcome(page)
    assert article is not None and "What the deal means" in article.text


def test_nesting_past_the_parser_limit_is_a_warning() -> None:
    page = REAL_TEXT.replace("<h2>What", "<div>" * 3000 + "deep" + "</div>" * 3000 + "<h2>What")
    article = outcome(page)
    assert article is not None and any("stopped" in warning for warning in article.warnings)


def test_wrong_argument_types_and_config_values(tmp_path: Path) -> None:
    with pytest.raises(scrubber.InputError):
        scrubber.scrub(REAL_PAGE, url=123)  # type: ignore[arg-type]
    with pytest.raises(scrubber.InputError):
        scrubber.scrub(Path("page\0.html"))
    with pytest.raises(scrubber.InputError):
        scrubber.scrub(REAL_PAGE, format="pdf")  # type: ignore[arg-type]
    with pytest.raises(scrubber.ConfigError):
        scrubber.scrub(REAL_PAGE, cleaners=[None])  # type: ignore[list-item]
    with pytest.raises(scrubber.ConfigError):
        scrubber.scrub(REAL_PAGE, config=123)  # type: ignore[arg-type]
    for bad_arguments in ({"cleaners": 123}, {"exclude": 5}, {"options": 5}, {"include_captions": "yes"}):
        with pytest.raises(scrubber.ConfigError):
            scrubber.Scrubber(**bad_arguments)  # type: ignore[arg-type]
    for bad in ({"max_bytes": float("inf")}, {"max_bytes": -1}, {"max_nodes": 0}, {"include_captions": "no"}):
        with pytest.raises(scrubber.ConfigError):
            scrubber.Config(**bad)  # type: ignore[arg-type]
    for text in ("[limits]\nmax_bytes = inf\n", "[limits]\nmax_nodes = -5\n", "include_captions = 'yes'\n",
                 "limits = 3\n", "[limits]\nmax_byte = 1\n"):
        (tmp_path / "c.toml").write_text(text, encoding="utf-8")
        with pytest.raises(scrubber.ConfigError):
            scrubber.load_config(tmp_path / "c.toml")
    (tmp_path / "latin.toml").write_bytes("exclude = ['caf\u00e9']\n".encode("latin-1"))
    with pytest.raises(scrubber.ConfigError, match="UTF-8"):
        scrubber.load_config(tmp_path / "latin.toml")
    with pytest.raises(scrubber.ConfigError):
        scrubber.load_config("conf\0ig.toml")


def test_tags_with_thousands_of_attributes_are_refused_before_parsing() -> None:
    """libxml2 compares each attribute of a tag with all the others: such tags are refused unparsed,
    also when quoted values hold ">" or the names are split by "/"; scripts and comments are not tags."""
    for separator, value in ((" ", ""), (" / ", ""), (" ", '=">"')):
        tag = "<div " + separator.join(f"a{i}{value}" for i in range(5000)) + ">"
        with pytest.raises(scrubber.InputTooLargeError, match="attributes"):
            scrubber.scrub(REAL_TEXT.replace("<main>", tag + "<main>"))
    code = "for (i = 0; i <a " + " b" * 5000 + "; i++) {}"
    article = outcome(REAL_TEXT.replace("</head>", f"<script>{code}</script><!-- <b {' c' * 5000} --></head>"))
    assert article is not None and len(article.body) >= 5
    after_a_shouted_script = f"<SCRIPT>{code}</Script >" + "<div " + " ".join(f"a{i}" for i in range(5000)) + ">"
    with pytest.raises(scrubber.InputTooLargeError, match="attributes"):
        scrubber.scrub(REAL_TEXT.replace("<main>", after_a_shouted_script + "<main>"))
    many = ("<span " + " ".join(f'a{i}="v"' for i in range(300)) + ">x</span>") * 700
    with pytest.raises(scrubber.InputTooLargeError, match="attributes"):
        scrubber.scrub(REAL_TEXT.replace("<main>", many + "<main>"))


def test_the_densest_attributes_are_counted() -> None:
    """A page short of twice as many characters as the attribute limit is not counted (it cannot hold that
    many): one-letter attributes, the densest there are, over the limit are still refused."""
    tags = "".join("<i " + " ".join("abcdefghijklmnopqrstuvwxyz") + ">x</i>" for _ in range(20))
    page = f"<html><body>{tags}</body></html>"
    attributes = sum(len(element.attrib) for element in parse_html(page).iter())
    assert attributes == 520 and len(page) < 4 * attributes
    with pytest.raises(scrubber.InputTooLargeError, match="attributes"):
        parse_html(page, max_nodes=attributes // ATTRIBUTES_PER_NODE - 1)
    assert parse_html(page, max_nodes=attributes // ATTRIBUTES_PER_NODE) is not None


def test_a_second_parse_of_a_checked_page_skips_the_size_checks() -> None:
    """The safety net's fresh tree of a page that passed the size checks is not checked again."""
    text = load(FIXTURES / "html" / "article_with_residue.html").text
    elements = sum(1 for _ in parse_html(text).iter())
    with pytest.raises(scrubber.InputTooLargeError):
        parse_html(text, max_nodes=elements - 1)
    assert sum(1 for _ in parse_html(text, max_nodes=elements - 1, checked=True).iter()) == elements


def test_no_element_of_a_scrubbed_page_outlives_it() -> None:
    """A batch of millions of pages must not keep past pages' trees alive (a cache keyed by element did)."""

    def live_elements() -> int:
        gc.collect()
        return sum(isinstance(item, etree._Element) for item in gc.get_objects())

    page = (FIXTURES / "html" / "article_with_residue.html").read_text(encoding="utf-8")
    scrubber.scrub(page)  # module-level setup (phrase books, models) is loaded once, before counting
    before = live_elements()
    for number in range(5):
        scrubber.scrub(page.replace("<body>", f'<body class="page-{number}">'))
    assert live_elements() - before < 5
