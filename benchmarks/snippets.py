"""Residue leak and content kept on wcxb-dev in HTML mode, scrubber beside trafilatura.

Each WCXB page lists snippets that must not appear in the extracted text (``without``: menus, buttons,
prompts, footers) and snippets that must (``with``: sentences of the content). A snippet counts as found
when its text, NFKC-normalised, lower-cased and with whitespace collapsed, is a substring of the
extracted text normalised alike. Printed per part of the split (benchmarks/corpus.py: study, score):
the share of ``without`` snippets found (leak: lower is better) and of ``with`` snippets found (kept:
higher is better), over all snippets of the part.

    python benchmarks/snippets.py [--split study|score] [--leaks]

``--leaks`` lists the residue snippets scrubber lets through on the study part. trafilatura's outputs
come from the cache of benchmarks/corpora.py (made there or here on first use)."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import _Cache
from corpus import SCORE, STUDY, Record, records
from metric import systems

CORPUS = "wcxb-dev"
PEER = "trafilatura"


def normalized(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).lower()


def found(snippets: list[str] | None, text: str) -> list[bool]:
    """For each snippet, whether it occurs in ``text`` (already `normalized`)."""
    return [normalized(snippet) in text for snippet in snippets or [] if snippet.strip()]


class Tally:
    """Snippets of one system on one part: how many ``without`` leaked, how many ``with`` were kept."""

    def __init__(self) -> None:
        self.leaked = self.residue = self.kept = self.content = 0

    def add(self, record: Record, text: str) -> None:
        flat = normalized(text)
        leaks = found(record.extra.get("without"), flat)
        keeps = found(record.extra.get("with"), flat)
        self.leaked += sum(leaks)
        self.residue += len(leaks)
        self.kept += sum(keeps)
        self.content += len(keeps)

    def row(self, part: str, system: str) -> str:
        return (f"| {part} | {system} | {self.leaked / max(self.residue, 1):.1%} ({self.leaked} of {self.residue}) "
                f"| {self.kept / max(self.content, 1):.1%} ({self.kept} of {self.content}) |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=(STUDY, SCORE), help="one part only")
    parser.add_argument("--leaks", action="store_true", help="list the residue snippets scrubber keeps (study)")
    args = parser.parse_args()
    runners: dict[str, Callable[[bytes, str | None], str]] = {
        name: run for name, run in systems().items() if name in ("scrubber", PEER)
    }
    peer_cache = _Cache(CORPUS, PEER, fresh=False)
    tallies = {(part, name): Tally() for part in (STUDY, SCORE) for name in runners}
    leaks: list[tuple[str, str, str]] = []
    for record in records(CORPUS, split=args.split):
        if not record.extra.get("without") and not record.extra.get("with"):
            continue
        for name, run in runners.items():
            cached = peer_cache.get(record) if name == PEER else None
            text = cached[0] if cached else run(record.html, record.url)
            if name == PEER and not cached:
                peer_cache.put(record, text, 0.0)
            tallies[record.split, name].add(record, text)
            if args.leaks and name == "scrubber" and record.split == STUDY:
                flat = normalized(text)
                without = [snippet for snippet in record.extra.get("without") or [] if snippet.strip()]
                leaks += [(record.id, record.page_type or "?", snippet)
                          for snippet, hit in zip(without, found(without, flat), strict=True) if hit]
    peer_cache.save()
    print(f"{CORPUS}, HTML mode: residue snippets found (leak) and content snippets found (kept)\n")
    print("| part | system | leak (`without` found) | kept (`with` found) |")
    print("|---|---|---|---|")
    for (part, name), tally in tallies.items():
        if tally.residue or tally.content:
            print(tally.row(part, name))
    for page_id, page_type, snippet in leaks:
        print(f"  {page_id} {page_type:13} {snippet[:100]!r}")


if __name__ == "__main__":
    main()
