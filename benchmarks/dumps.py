"""Text dumps on aeb-dev: how well scrubber turns copied-out page text into the article body.

From every page it makes a *page dump* (the whole visible text, one block a line, no blank lines, made
with html-text) and an *article dump* (the text of readability-lxml's main container, blank lines
between paragraphs), runs scrubber in text mode on each and scores the body against the ground truth
with the benchmark's metric, next to the untouched dump's score.
Usage: python benchmarks/dumps.py [--pages]   (needs html-text and readability-lxml)"""

from __future__ import annotations

import argparse
import sys
import time
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from metric import AEB, builtin_scrubber, page_f1, pages, summary

import scrubber


def page_dump(html: bytes) -> str:
    """The whole visible text of a page, one block a line, as a browser's "save as text" gives it."""
    import html_text

    every_block = html_text.NEWLINE_TAGS | html_text.DOUBLE_NEWLINE_TAGS
    text = html_text.extract_text(html.decode("utf-8", "replace"), newline_tags=every_block, double_newline_tags=())
    return str(text)


def article_dump(html: bytes) -> str:
    """The text of the article's container, blank lines between paragraphs, residue included."""
    import html_text
    from readability import Document

    return str(html_text.extract_text(Document(html).summary()))


@lru_cache(maxsize=1)
def dumps() -> list[tuple[str, str, str, str]]:
    """(id, page dump, article dump, expected body) for every page of aeb-dev."""
    return [(page_id, page_dump(html), article_dump(html), truth) for page_id, _, html, truth in pages()]


def clean(engine: scrubber.Scrubber, text: str) -> str:
    try:
        return engine.scrub(text, format="text").text
    except scrubber.EmptyInputError:
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", action="store_true", help="list the pages scrubber scores worst on")
    args = parser.parse_args()
    if not AEB.exists():
        sys.exit(f"benchmark data not found at {AEB}")
    engine = builtin_scrubber()
    data = dumps()
    print(f"aeb-dev: {len(data)} pages\n")
    print("| dump | input F1 | scrubber precision | recall | F1 | dumps/s |")
    print("|---|---|---|---|---|---|")
    worst: list[tuple[float, str, str]] = []
    for shape, column in (("article dump", 2), ("page dump", 1)):
        texts = [row[column] for row in data]
        expected = [row[3] for row in data]
        start = time.perf_counter()
        cleaned = [clean(engine, text) for text in texts]
        rate = len(texts) / (time.perf_counter() - start)
        before = summary(list(zip(texts, expected, strict=True)))
        after = summary(list(zip(cleaned, expected, strict=True)))
        print(f"| {shape} | {before['f1']:.3f} | {after['precision']:.3f} | {after['recall']:.3f} "
              f"| {after['f1']:.3f} | {rate:.0f} |")
        scored = zip(cleaned, expected, data, strict=True)
        worst += [(page_f1(mine, truth), shape, row[0]) for mine, truth, row in scored]
    if args.pages:
        print("\nworst pages:")
        for score, shape, page_id in sorted(worst)[:15]:
            print(f"  {score:.3f} {shape:12} {page_id}")


if __name__ == "__main__":
    main()
