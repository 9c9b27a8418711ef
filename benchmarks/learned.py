"""The `learned` cleaner's effect: every score with and without it, on the study and score parts.

One run of scrubber per document (`explain`): the text without the cleaner is the kept blocks plus the
body blocks that only `learned` removed. HTML: aeb-dev (shingle F1), wcxb-dev and andy-aed (word F1, WCXB's metric).
Text: the page and article dumps of benchmarks/dumps.py for aeb-dev and andy-aed (shingle F1). Also counts
the blocks it removed and how many of them the truth body holds (removed article text).
Usage: python benchmarks/learned.py [--corpus NAME ...] [--input html|'page dump'|'article dump' ...] [--show N]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import SCORE, STUDY, records
from metric import builtin_scrubber, summary, word_prf

import scrubber

_TOKEN = re.compile(r"\w+")


def texts(engine: scrubber.Scrubber, source: bytes | str, url: str | None, fmt: str) -> tuple[str, str, list[str]]:
    """(text with the cleaner, text without it, the blocks it removed)."""
    try:
        _, judged = engine.explain(source, url=url, format=fmt)  # type: ignore[arg-type]
    except scrubber.EmptyInputError:
        return "", "", []
    with_it = [item.segment.text for item in judged if item.kept]
    # blocks just outside the body that it names would have gone to `extract` without it
    only_learned = [item for item in judged if item.cleaner == "learned" and item.segment.in_body]
    without = [item.segment.text for item in judged if item.kept or item in only_learned]
    removed = [item.segment.text for item in only_learned]
    return "\n\n".join(with_it), "\n\n".join(without), removed


def in_truth(block: str, truth: str) -> bool:
    tokens = " ".join(_TOKEN.findall(block.lower()))
    return bool(tokens) and f" {tokens} " in f" {' '.join(_TOKEN.findall(truth.lower()))} "


def word_f1(pairs: list[tuple[str, str]]) -> float:
    return sum(word_prf(mine, truth)[2] for mine, truth in pairs) / max(len(pairs), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", action="append", help="only these corpora (aeb-dev, wcxb-dev, andy-aed)")
    parser.add_argument("--input", action="append", choices=("html", "page dump", "article dump"),
                        help="only these inputs")
    parser.add_argument("--show", type=int, default=0, help="print this many removed blocks per run")
    args = parser.parse_args()
    engine = builtin_scrubber()
    from dumps import article_dump, page_dump

    runs: list[tuple[str, str, str, Callable[[bytes], bytes | str]]] = [
        ("aeb-dev", "html", "shingle", lambda html: html),
        ("wcxb-dev", "html", "word", lambda html: html),
        ("andy-aed", "html", "word", lambda html: html),
    ]
    for corpus in ("aeb-dev", "andy-aed"):
        runs += [(corpus, "page dump", "shingle", page_dump), (corpus, "article dump", "shingle", article_dump)]
    print("| corpus | input | metric | part | without | with | removed blocks | of them in truth |")
    print("|---|---|---|---|---|---|---|---|")
    for corpus, shape, metric, make in runs:
        if (args.corpus and corpus not in args.corpus) or (args.input and shape not in args.input):
            continue
        for part in (STUDY, SCORE):
            without_pairs, with_pairs, removed, wrong = [], [], 0, []
            for record in records(corpus, split=part):
                if not record.body:
                    continue
                try:
                    source = make(record.html)
                except Exception:  # readability-lxml cannot read a few pages: they have no article dump
                    continue
                fmt = "html" if shape == "html" else "text"
                mine, theirs, gone = texts(engine, source, record.url, fmt)
                with_pairs.append((mine, record.body))
                without_pairs.append((theirs, record.body))
                removed += len(gone)
                wrong += [block for block in gone if in_truth(block, record.body)]
            if metric == "word":
                before, after = word_f1(without_pairs), word_f1(with_pairs)
            else:
                before, after = summary(without_pairs)["f1"], summary(with_pairs)["f1"]
            print(f"| {corpus} | {shape} | {metric} F1 | {part} | {before:.4f} | {after:.4f} | {removed} "
                  f"| {len(wrong)} |", flush=True)
            for block in wrong[: args.show]:
                print(f"    in truth: {block[:150]!r}")


if __name__ == "__main__":
    main()
