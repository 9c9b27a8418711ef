"""Text dumps: how well scrubber turns copied-out page text into the article body, in every shape.

From every page of every corpus with a body it makes dumps in nine shapes (see SHAPES), runs scrubber in
text mode on each and scores the body against the truth next to the untouched dump's score: shingle F1
for every page, and for languages written without spaces (zh, ja, ko, th) also the character-bigram F1,
since the ``\\w+`` tokens of the shingle metric are whole clauses there. The study and score parts of the
corpora (benchmarks/corpus.py) are scored apart.

Corpora: goose3 is skipped (its truth is only the start of the body, which no precision can be read
from), postlight has no body. wcxb-dev articles and wcxb-dev's other page types are listed apart.

Dumps are cached under ~/.cache/scrubber-benchmarks/dumps (keyed by the versions of the libraries that
make them), so runs after the first cost only scrubber's time.
Usage: python benchmarks/dumps.py [--only CORPUS] [--shape SHAPE] [--split study|score] [--pages]
(needs html-text, readability-lxml, inscriptis, markdownify, html2text; the lynx shape needs the lynx
text browser, `apt-get install lynx`, and is left out where it is missing)"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import subprocess
import sys
import textwrap
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import SCORE, STUDY, Record, available, records
from metric import bigram_prf, builtin_scrubber, fold, page_f1, summary

import scrubber
from scrubber.sources import decode

CACHE = Path.home() / ".cache" / "scrubber-benchmarks" / "dumps"
SKIPPED = {"goose3": "body is a prefix only", "postlight": "no body"}
SPACELESS = ("zh", "ja", "ko", "th")  # scripts written without spaces between words
_NOT_TEXT = ("script", "style", "noscript", "template", "svg", "iframe", "head")


def _text(html: bytes) -> str:
    """The page decoded as scrubber decodes it (BOM, declared charset, UTF-8, detection)."""
    try:
        return decode(html, format="html")[0]
    except scrubber.ScrubberError:
        return html.decode("utf-8", "replace")


def _tree(html: bytes):  # type: ignore[no-untyped-def]
    """The page as an lxml tree without the elements that hold no visible text."""
    import lxml.html

    tree = lxml.html.fromstring(_text(html).encode("utf-8"),
                                parser=lxml.html.HTMLParser(encoding="utf-8", remove_comments=True))
    for element in tree.iter(*_NOT_TEXT):
        element.drop_tree()
    return tree


def _html(tree) -> str:  # type: ignore[no-untyped-def]
    import lxml.html

    return str(lxml.html.tostring(tree, encoding="unicode"))


def page_dump(html: bytes) -> str:
    """The whole visible text of a page, one block a line, as a browser's "save as text" gives it."""
    import html_text

    every_block = html_text.NEWLINE_TAGS | html_text.DOUBLE_NEWLINE_TAGS
    text = html_text.extract_text(_text(html), newline_tags=every_block, double_newline_tags=())
    return str(text)


def paragraphs_dump(html: bytes) -> str:
    """The whole visible text, paragraphs and headings apart by blank lines, other blocks a line each."""
    import html_text

    return str(html_text.extract_text(_text(html)))


def article_dump(html: bytes) -> str:
    """The text of the article's container (readability-lxml), blank lines between paragraphs."""
    import html_text
    from readability import Document

    return str(html_text.extract_text(Document(_text(html)).summary()))


def wrapped_dump(html: bytes, page_id: str) -> str:
    """The article dump hard-wrapped as mail and newsletters are, at a column from 72 to 80."""
    width = 72 + zlib.crc32(page_id.encode()) % 9
    paragraphs = article_dump(html).split("\n")
    return "\n".join(textwrap.fill(line, width) if line.strip() else "" for line in paragraphs)


def layout_dump(html: bytes) -> str:
    """A text browser's dump (inscriptis' layout: indented lists, table columns), links numbered ``[n]``
    in the text and listed under "References" at the end, as ``lynx -dump`` does."""
    from inscriptis import get_text

    tree = _tree(html)
    targets: list[str] = []
    for link in tree.iter("a"):
        if href := link.get("href"):
            targets.append(href)
            link.text = f"[{len(targets)}]{link.text or ''}"
    text = str(get_text(_html(tree)))
    if targets:
        text += "\n\nReferences\n\n" + "\n".join(f"{n:4}. {href}" for n, href in enumerate(targets, start=1))
    return text


def markdown_dump(html: bytes) -> str:
    """The whole page through an HTML-to-Markdown converter (markdownify, ATX headings)."""
    from markdownify import markdownify

    return str(markdownify(_html(_tree(html)), heading_style="ATX"))


def lynx_dump(html: bytes) -> str:
    """What the text browser lynx prints: its own wrap at 80 columns with a hanging indent for list
    items, links numbered ``[n]`` and listed at the end, ``(BUTTON)`` and ``____`` for form controls."""
    command = ["lynx", "-dump", "-stdin", "-force_html", "-width=80",
               "-assume_charset=utf-8", "-display_charset=utf-8"]
    done = subprocess.run(command, input=_text(html).encode(), capture_output=True, timeout=60, check=True)
    return done.stdout.decode("utf-8", "replace")


def html2text_dump(html: bytes) -> str:
    """The whole page through html2text, a converter that wraps its Markdown at 78 columns (long link
    targets broken after a hyphen or at a space of their query)."""
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = 78
    return str(converter.handle(_html(_tree(html))))


_LINK_ITEM_WORDS = 4


def select_all_dump(html: bytes) -> str:
    """A browser's select-all copy, approximated without CSS.

    A browser copies the rendered text (``innerText``): paragraphs and headings apart by blank lines, other
    blocks a line each, and inline elements run together. Menus are mostly lists styled inline, so a list
    whose every item is a short link comes out as one line of its items ("Home News Sport Business"),
    and buttons, styled as blocks, come on lines of their own. What CSS hides is copied here too.
    """
    import html_text
    import lxml.html

    tree = _tree(html)
    for listing in list(tree.iter("ul", "ol")):
        items = [item for item in listing if item.tag == "li"]
        short_links = all(
            item.find(".//a") is not None and 0 < len(item.text_content().split()) <= _LINK_ITEM_WORDS for item in items
        )
        if len(items) >= 2 and short_links:
            row = lxml.html.Element("p")
            row.text = " ".join(" ".join(item.text_content().split()) for item in items)
            listing.getparent().replace(listing, row)
    newline_tags = html_text.NEWLINE_TAGS | {"button"}
    return str(html_text.extract_text(_html(tree), newline_tags=newline_tags))


SHAPES: dict[str, Callable[[bytes, str], str]] = {
    "article": lambda html, page_id: article_dump(html),
    "wrapped": wrapped_dump,
    "page": lambda html, page_id: page_dump(html),
    "paragraphs": lambda html, page_id: paragraphs_dump(html),
    "layout": lambda html, page_id: layout_dump(html),
    "markdown": lambda html, page_id: markdown_dump(html),
    "select-all": lambda html, page_id: select_all_dump(html),
    "lynx": lambda html, page_id: lynx_dump(html),
    "html2text": lambda html, page_id: html2text_dump(html),
}
NEEDS_PROGRAM = {"lynx": "lynx"}  # shapes made by a program outside Python


def _group(record: Record) -> str:
    if record.corpus == "wcxb-dev" and record.page_type != "article":
        return "wcxb-dev/other"
    return record.corpus


def language_of(record: Record) -> str:
    if record.corpus == "aeb-dev":
        return "en"
    return (record.lang or "?").lower().split("-")[0]


def _cache_key() -> str:
    libraries = ("html-text", "readability-lxml", "inscriptis", "markdownify", "lxml")
    return re.sub(r"[^\w.]+", "_", "-".join(version(name) for name in libraries))


@cache
def _shape_key(shape: str) -> str:
    """The name a shape's dumps are kept under: with the version of its maker where the cache key of
    the folder does not hold it."""
    if shape == "html2text":
        return f"{shape}@{version('html2text')}"
    if shape == "lynx":
        first_line = subprocess.run(["lynx", "-version"], capture_output=True, text=True, check=True).stdout
        return f"{shape}@{first_line.split(chr(10))[0]}"
    return shape


def cached_dumps(record: Record, shapes: list[str]) -> dict[str, str]:
    """The dumps of one page in ``shapes``, made once and kept on disk."""
    path = CACHE / _cache_key() / record.corpus / f"{record.id}.json.gz"
    made: dict[str, str] = json.loads(gzip.decompress(path.read_bytes())) if path.exists() else {}
    missing = [shape for shape in shapes if _shape_key(shape) not in made]
    for shape in missing:
        try:
            made[_shape_key(shape)] = SHAPES[shape](record.html, record.id)
        except Exception:  # a converter that fails on a page gives an empty dump, as a user would get nothing
            made[_shape_key(shape)] = ""
    if missing:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(json.dumps(made).encode()))
    return {shape: made[_shape_key(shape)] for shape in shapes}


@lru_cache(maxsize=1)
def dumps() -> list[tuple[str, str, str, str]]:
    """(id, page dump, article dump, expected body) for every page of aeb-dev (used by speed.py)."""
    rows = []
    for record in records("aeb-dev"):
        made = cached_dumps(record, ["page", "article"])
        rows.append((record.id, made["page"], made["article"], record.body or ""))
    return rows


def clean(engine: scrubber.Scrubber, text: str) -> tuple[str, str | None]:
    """The body text and the title scrubber finds in a dump."""
    try:
        article = engine.scrub(text, format="text")
    except scrubber.EmptyInputError:
        return "", None
    return article.text, article.title


class Scores:
    """(dump, cleaned, truth) triples of one group of pages, scored on demand."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def shingle(self, column: int) -> float:
        return summary([(row[column], row[2]) for row in self.rows])["f1"]

    def bigram(self, column: int) -> float:
        return sum(bigram_prf(row[column], row[2])[2] for row in self.rows) / max(len(self.rows), 1)


class Titles:
    """How often the title found in a dump is the truth's (case, accents and punctuation folded)."""

    def __init__(self) -> None:
        self.found = self.pages = 0

    def add(self, got: str | None, want: str) -> None:
        self.pages += 1
        self.found += fold(got or "") == fold(want)

    def cell(self) -> str:
        return f"{self.found / self.pages:.2f} ({self.pages})" if self.pages else "–"


def _cell(scores: Scores | None, spaceless: bool) -> str:
    if scores is None or not scores.rows:
        return "| – | – "
    if spaceless:
        return (f"| {scores.shingle(0):.3f} / {scores.bigram(0):.3f} "
                f"| {scores.shingle(1):.3f} / {scores.bigram(1):.3f} ")
    return f"| {scores.shingle(0):.3f} | {scores.shingle(1):.3f} "


def _table(title: str, groups: dict[str, dict[str, Scores]], spaceless: Callable[[str], bool]) -> None:
    print(f"\n{title}\n")
    print("| | pages | study: dump | scrubber | score: dump | scrubber |")
    print("|---|---|---|---|---|---|")
    for name in sorted(groups, key=lambda key: (-sum(len(s.rows) for s in groups[key].values()), key)):
        parts = groups[name]
        pages = sum(len(scores.rows) for scores in parts.values())
        cells = _cell(parts.get(STUDY), spaceless(name)) + _cell(parts.get(SCORE), spaceless(name))
        print(f"| {name} | {pages} {cells}|")


def _title_table(shape: str, groups: dict[str, dict[str, Titles]]) -> None:
    print(f"\n## {shape} dumps, title found (pages with a title in the truth)\n")
    print("| | study | score |")
    print("|---|---|---|")
    for name in sorted(groups, key=lambda key: (-sum(t.pages for t in groups[key].values()), key)):
        print(f"| {name} | {groups[name][STUDY].cell()} | {groups[name][SCORE].cell()} |")


def _records(corpora: list[str], split: str | None) -> Iterator[Record]:
    for corpus in corpora:
        yield from (record for record in records(corpus, split=split) if record.body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", help="this corpus only (repeatable)")
    parser.add_argument("--shape", action="append", choices=list(SHAPES), help="this shape only (repeatable)")
    parser.add_argument("--split", choices=(STUDY, SCORE), help="one part of the corpora only")
    parser.add_argument("--lang", action="append", help="pages in this language only (repeatable)")
    parser.add_argument("--pages", action="store_true", help="list the pages scrubber scores worst on")
    args = parser.parse_args()
    corpora = [name for name in available() if name not in SKIPPED and (not args.only or name in args.only)]
    if not corpora:
        sys.exit("no corpus to run: see ../shared/benchmarks")
    missing = [shape for shape, program in NEEDS_PROGRAM.items() if not shutil.which(program)]
    if asked := sorted(set(missing) & set(args.shape or ())):
        sys.exit(f"not installed, the program that makes these shapes: {', '.join(asked)}")
    if missing and not args.shape:
        print(f"left out, their programs are not installed: {', '.join(missing)}")
    shapes = args.shape or [shape for shape in SHAPES if shape not in missing]
    engine = builtin_scrubber()
    by_corpus = {shape: defaultdict(lambda: defaultdict(Scores)) for shape in shapes}
    by_language = {shape: defaultdict(lambda: defaultdict(Scores)) for shape in shapes}
    worst: list[tuple[float, str, str, str]] = []
    seconds = dict.fromkeys(shapes, 0.0)
    titles = {shape: defaultdict(lambda: defaultdict(Titles)) for shape in shapes}
    for record in _records(corpora, args.split):
        language = language_of(record)
        if args.lang and language not in args.lang:
            continue
        made = cached_dumps(record, shapes)
        for shape in shapes:
            start = time.perf_counter()
            cleaned, title = clean(engine, made[shape])
            seconds[shape] += time.perf_counter() - start
            if record.title:
                titles[shape][_group(record)][record.split].add(title, record.title)
            row = (made[shape], cleaned, record.body or "")
            by_corpus[shape][_group(record)][record.split].rows.append(row)
            by_language[shape][language][record.split].rows.append(row)
            score = bigram_prf(cleaned, row[2])[2] if language in SPACELESS else page_f1(cleaned, row[2])
            worst.append((score, shape, f"{record.corpus}/{record.id}", language))
    print(f"corpora: {', '.join(corpora)}; skipped: "
          + "; ".join(f"{name} ({why})" for name, why in SKIPPED.items()))
    print("cells: shingle F1 of the untouched dump and of scrubber's body; zh/ja/ko/th: shingle / bigram F1")
    for shape in shapes:
        _table(f"## {shape} dumps, by corpus", by_corpus[shape], lambda name: False)
        _table(f"## {shape} dumps, by language", by_language[shape], lambda name: name in SPACELESS)
        _title_table(shape, titles[shape])
        pages = sum(len(s.rows) for group in by_corpus[shape].values() for s in group.values())
        print(f"\nscrubber: {pages / max(seconds[shape], 1e-9):.0f} dumps/s")
    if args.pages:
        print("\nworst pages (bigram F1 for zh/ja/ko/th, else shingle F1):")
        for score, shape, page, language in sorted(worst)[:25]:
            print(f"  {score:.3f} {shape:10} {language:3} {page}")


if __name__ == "__main__":
    main()
