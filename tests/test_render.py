"""Markdown (GitHub-flavoured, optional YAML front matter) and HTML output, read back by a real Markdown
parser and by lxml; inline links and emphasis taken from trafilatura's output tree."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest

import scrubber
from scrubber.article import Article, Block, Mark
from scrubber.extract.blocks import text_of, trafilatura_body
from scrubber.extract.html import TRAFILATURA_OPTIONS
from scrubber.extract.inline import text_and_marks
from tests.conftest import FIXTURES

PAGE = FIXTURES / "render" / "formatted.html"
ODD = ["1. Not a list", "# Not a heading", "*not emphasis* and _this_", "- not an item", "[not](a link)",
       "a | pipe and a <tag>", "---", "+ plus", "2) two", "back\\slash `code`"]


def marks_by_text() -> dict[str, tuple[Mark, ...]]:
    """The marks of every block of the page's trafilatura tree, by the block's text."""
    tree = lxml.html.fromstring(PAGE.read_bytes())
    body = trafilatura_body(tree, **{**TRAFILATURA_OPTIONS, "formatting": True})
    assert body is not None
    found = {}
    for element in body.iter("p", "head", "item"):
        text, marks = text_and_marks(element)
        assert text == text_of(element)  # marks never change a block's text
        found[text] = marks
    return found


def formatted_article() -> Article:
    """The page scrubbed, with the marks an extractor that keeps inline markup gives its blocks."""
    article = scrubber.scrub(PAGE)
    marks = marks_by_text()
    article.body = [replace(block, marks=marks.get(block.text, ())) for block in article.body]
    return article


def markdown_to_html(text: str) -> lxml.html.HtmlElement:
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(text)
    return lxml.html.fragment_fromstring(rendered, create_parent="div")


def test_marks_come_from_trafilatura_links_and_emphasis() -> None:
    marks = marks_by_text()
    first = next(text for text in marks if text.startswith("The harbour office"))
    spans = [(first[m.start:m.stop], m.kind, m.href) for m in marks[first]]
    assert spans == [("harbour master announced", "link", "https://harbour.example/notice"),
                     ("more than a century", "emphasis", None)]
    second = next(text for text in marks if text.startswith("Fishermen"))
    assert [(second[m.start:m.stop], m.kind) for m in marks[second]] == [("given until March", "strong")]


def test_markdown_keeps_structure_links_and_emphasis() -> None:
    article = formatted_article()
    page = markdown_to_html(article.markdown)
    assert page.xpath("string(//h1)") == "Tide tables go digital"
    assert page.xpath("//h2/text()") == ["What changes"]
    assert page.xpath("//ul/li/text()") == ["The printed booklet ends in December.",
                                            "The app and the website carry the same tables."]
    assert page.xpath("string(//blockquote/p)").startswith("We kept the paper tables")
    assert page.xpath("//table/thead/tr/th/text()") == ["Month", "Highest tide"]
    assert page.xpath("//table/tbody/tr/td/text()") == ["January", "6.1 m", "February", "6.4 m"]
    assert page.xpath("//a/@href") == ["https://harbour.example/notice"]
    assert page.xpath("//a/text()") == ["harbour master announced"]
    assert page.xpath("//em/text()") == ["more than a century"]
    assert page.xpath("//strong/text()") == ["given until March"]
    texts = [" ".join(p.text_content().split()) for p in page.iter("p") if p.getparent().tag != "blockquote"]
    assert texts == [block.text for block in article.body if block.kind == "paragraph"]


def test_markdown_escapes_text_that_looks_like_markup() -> None:
    article = Article(title="A *title*", body=[Block("paragraph", text) for text in ODD])
    page = markdown_to_html(article.markdown)
    assert page.xpath("string(//h1)") == "A *title*"
    assert [p.text_content() for p in page.iter("p")] == ODD
    assert not page.xpath("//ol|//ul|//hr|//a|//em|//h2|//code")


def test_front_matter_is_yaml_of_the_metadata() -> None:
    yaml = pytest.importorskip("yaml")
    article = formatted_article()
    article.authors = ['Ann "Skipper" Lee', "Bo: Chen"]
    text = article.to_markdown(front_matter=True)
    assert text.startswith("---\n")
    header, rest = text[4:].split("\n---\n", 1)
    data = yaml.safe_load(header)
    assert data["title"] == article.title and data["authors"] == article.authors
    assert data["scrubber_version"] == scrubber.__version__
    assert rest.lstrip().startswith("# Tide tables go digital")
    assert not article.markdown.startswith("---")


def test_html_document_keeps_structure_and_escapes() -> None:
    article = formatted_article()
    article.body.append(Block("paragraph", "<script>alert(1)</script> & more"))
    document = lxml.html.document_fromstring(article.to_html())
    assert document.get("lang") == "en"
    assert document.xpath("string(//title)") == "Tide tables go digital"
    assert document.xpath("//article/h1/text()") == ["Tide tables go digital"]
    assert document.xpath("//article/ul/li/text()")[0] == "The printed booklet ends in December."
    assert document.xpath("//table/tr[2]/td/text()") == ["January", "6.1 m"]
    assert document.xpath("//a/@href") == ["https://harbour.example/notice"]
    assert document.xpath("//em/text()") == ["more than a century"]
    assert not document.xpath("//script")
    assert document.xpath("//article/p/text()")[-1] == "<script>alert(1)</script> & more"


def test_cli_formats_html_and_front_matter(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "scrubber", "clean", str(PAGE), "--format", "html"],
                          capture_output=True, text=True, check=True)
    assert lxml.html.document_fromstring(done.stdout).xpath("//article/h1/text()") == ["Tide tables go digital"]
    done = subprocess.run([sys.executable, "-m", "scrubber", "clean", str(PAGE), "--format", "markdown",
                           "--front-matter", "--output-dir", str(tmp_path)], capture_output=True, text=True, check=True)
    [written] = tmp_path.glob("*.md")
    assert written.read_text(encoding="utf-8").startswith('---\ntitle: "Tide tables go digital"\n')
