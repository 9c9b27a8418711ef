"""Body accuracy on every corpus of ../shared/benchmarks/: scrubber beside trafilatura (defaults and
precision mode) and readability-lxml, in one run, on the study and score parts of each corpus.

Per corpus it prints both metrics (shingle F1, the aeb benchmark's; word F1, WCXB's), docs/s, empty
bodies and the pages where scrubber is 0.3 or more word F1 below trafilatura; per page type for corpora
that label it, per language, and character-bigram F1 for zh/ja/ko pages.

    python benchmarks/corpora.py [--only CORPUS ...] [--pages] [--systems scrubber,trafilatura]

Peers' outputs do not change between runs, so they are kept in benchmarks/.cache/ (``--fresh`` reruns
them, and their docs/s come from the run that made the cache)."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from statistics import mean

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import SCORE, STUDY, Record, available, records
from metric import Runner, bigram_prf, summary, systems, word_prf

CACHE = Path(__file__).resolve().parent / ".cache"
BODY_CORPORA = ("aeb-dev", "wcxb-dev", "andy-aed", "fundus", "readability", "newspaper4k", "goose3")
CJK = ("zh", "ja", "ko")
BEHIND = 0.3


class _Cache:
    """Outputs and seconds of the peers, per corpus and system, keyed by a hash of the page."""

    def __init__(self, corpus: str, system: str, fresh: bool) -> None:
        self.path = CACHE / f"{corpus}.{system.replace(' ', '_')}.json"
        self.entries: dict[str, list[object]] = {}
        if self.path.exists() and not fresh:
            self.entries = json.loads(self.path.read_text(encoding="utf-8"))
        self.changed = False

    def get(self, record: Record) -> tuple[str, float] | None:
        entry = self.entries.get(_key(record))
        return (str(entry[0]), float(str(entry[1]))) if entry else None

    def put(self, record: Record, text: str, seconds: float) -> None:
        self.entries[_key(record)] = [text, seconds]
        self.changed = True

    def save(self) -> None:
        if self.changed:
            CACHE.mkdir(exist_ok=True)
            self.path.write_text(json.dumps(self.entries), encoding="utf-8")


def _key(record: Record) -> str:
    return hashlib.sha1(record.html).hexdigest()[:16] + record.id


def _run(runners: dict[str, Runner], data: list[Record], corpus: str, fresh: bool) -> tuple[
    dict[str, list[str]], dict[str, float]
]:
    outputs: dict[str, list[str]] = {name: [] for name in runners}
    seconds = dict.fromkeys(runners, 0.0)
    caches = {name: _Cache(corpus, name, fresh) for name in runners if name != "scrubber"}
    for record in data:  # systems take turns page by page so machine noise hits them alike
        for name, run in runners.items():
            cached = caches[name].get(record) if name in caches else None
            if cached is not None:
                outputs[name].append(cached[0])
                seconds[name] += cached[1]
                continue
            start = time.perf_counter()
            try:
                text = run(record.html, record.url)
            except Exception as error:  # a system that crashes on a page scores nothing on it
                print(f"{name} failed on {corpus}/{record.id}: {type(error).__name__}", file=sys.stderr)
                text = ""
            elapsed = time.perf_counter() - start
            seconds[name] += elapsed
            outputs[name].append(text)
            if name in caches:
                caches[name].put(record, text, elapsed)
    for cache in caches.values():
        cache.save()
    return outputs, seconds


def _pairs(record: Record, predicted: str) -> tuple[str, str]:
    """(prediction, truth); where only the start of the body is known (goose3), the prediction is cut
    to as many words so that precision is not charged for the unknown rest."""
    body = record.body or ""
    if record.extra.get("body_kind") == "prefix":
        predicted = " ".join(predicted.split()[: len(body.split())])
    return predicted, body


def _row(name: str, pairs: list[tuple[str, str]], rate: float | None, base: float | None) -> str:
    shingle = summary(pairs)
    words = [word_prf(got, want) for got, want in pairs]
    empty = sum(1 for got, want in pairs if not got.strip() and want.strip())
    speed = f"{rate:.1f} | {rate / base:.2f}x" if rate and base else " | "
    return (
        f"| {name} | {shingle['f1']:.3f} | {mean(w[0] for w in words):.3f} | {mean(w[1] for w in words):.3f} "
        f"| {mean(w[2] for w in words):.3f} | {empty} | {speed} |"
    )


def _table(title: str, runners: list[str], groups: dict[str, list[tuple[str, str]]], rates: dict[str, float]) -> None:
    print(f"\n{title}\n")
    print("| system | shingle F1 | word P | word R | word F1 | empty | docs/s | vs trafilatura |")
    print("|---|---|---|---|---|---|---|---|")
    for name in runners:
        print(_row(name, groups[name], rates.get(name), rates.get("trafilatura")))


def _breakdown(label: str, keys: list[str], runners: list[str], pairs: dict[str, list[tuple[str, str]]],
               cjk: bool = False) -> None:
    groups: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        groups[key].append(index)
    if len(groups) < 2 and not cjk:
        return
    print(f"\nword F1 by {label}{' (character bigram F1 beside it)' if cjk else ''}\n")
    print(f"| {label} | pages | " + " | ".join(runners) + " |")
    print("|---|---|" + "---|" * len(runners))
    for key in sorted(groups, key=lambda key: -len(groups[key])):
        cells = []
        for name in runners:
            chosen = [pairs[name][index] for index in groups[key]]
            cell = f"{mean(word_prf(*pair)[2] for pair in chosen):.3f}"
            if cjk:
                cell += f" / {mean(bigram_prf(*pair)[2] for pair in chosen):.3f}"
            cells.append(cell)
        print(f"| {key} | {len(groups[key])} | " + " | ".join(cells) + " |")


def report(corpus: str, runners: dict[str, Runner], fresh: bool, show_pages: bool) -> dict[str, float]:
    data = [record for record in records(corpus) if record.body]
    outputs, seconds = _run(runners, data, corpus, fresh)
    names = list(runners)
    pairs = {name: [_pairs(record, text) for record, text in zip(data, outputs[name], strict=True)] for name in names}
    rates = {name: len(data) / seconds[name] for name in names if seconds[name]}
    print(f"\n## {corpus}: {len(data)} pages")
    for part in (None, STUDY, SCORE):
        chosen = [index for index, record in enumerate(data) if part is None or record.split == part]
        groups = {name: [pairs[name][index] for index in chosen] for name in names}
        _table(f"{part or 'all'} ({len(chosen)} pages)", names, groups, rates if part is None else {})
    if any(record.page_type for record in data):
        _breakdown("page type", [record.page_type or "?" for record in data], names, pairs)
    _breakdown("language", [record.lang or "?" for record in data], names, pairs)
    cjk_index = [index for index, record in enumerate(data) if record.lang in CJK]
    if cjk_index:
        _breakdown("CJK language", [data[index].lang or "?" for index in cjk_index], names,
                   {name: [pairs[name][index] for index in cjk_index] for name in names}, cjk=True)
    behind: list[tuple[float, str, str]] = []
    if "scrubber" in pairs and "trafilatura" in pairs:
        for record, mine, theirs in zip(data, pairs["scrubber"], pairs["trafilatura"], strict=True):
            delta = word_prf(*mine)[2] - word_prf(*theirs)[2]
            if delta <= -BEHIND:
                behind.append((delta, record.split, record.id))
        print(f"\npages {BEHIND} or more word F1 below trafilatura: {len(behind)} "
              f"({len(behind) / len(data):.1%}; study {sum(b[1] == STUDY for b in behind)}, "
              f"score {sum(b[1] == SCORE for b in behind)})")
        if show_pages:
            for delta, part, page_id in sorted(behind):
                print(f"  {delta:+.3f} {part} {page_id}")
    scrubber_words = [word_prf(*pair)[2] for pair in pairs.get("scrubber", [])]
    return {"scrubber": mean(scrubber_words)} if scrubber_words else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", help="corpora to run (default: all with a body)")
    parser.add_argument("--pages", action="store_true", help="list the pages far below trafilatura")
    parser.add_argument("--systems", help="comma-separated systems (default: all installed)")
    parser.add_argument("--fresh", action="store_true", help="rerun the peers instead of reading the cache")
    args = parser.parse_args()
    corpora = [name for name in (args.only or BODY_CORPORA) if name in available()]
    if not corpora:
        sys.exit("no corpus found under ../shared/benchmarks")
    runners = systems()
    if args.systems:
        runners = {name: runners[name] for name in args.systems.split(",")}
    for corpus in corpora:
        report(corpus, runners, args.fresh, args.pages)


if __name__ == "__main__":
    main()
