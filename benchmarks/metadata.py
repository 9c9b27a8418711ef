"""Title, authors and date against every corpus of ../shared/benchmarks/ with metadata truth, run by hand.

Systems: scrubber, trafilatura (`bare_extraction(with_metadata=True)`) and newspaper4k when installed
(an exception counts as an empty result). A field is scored on the pages whose truth gives it.
Exact: title with whitespace collapsed; author set compared case-insensitively; date as YYYY-MM-DD.
Lenient: title and authors case-folded without accents or punctuation (scrubber's `organizations` stand
in for its authors on a page that credits no person: some corpora list agencies as authors); a date may
be any day of the corpus's `date_local_candidates` (the calendar days a UTC instant can fall on).
The study and score parts (benchmarks/corpus.py) are reported apart; docs/s counts each system's own time.
Third-party results are cached in the temp directory (they do not change while we work on scrubber).

Usage: python benchmarks/metadata.py [--only CORPUS ...] [--split study|score] [--misses FIELD]
       [--systems scrubber trafilatura newspaper4k] [--no-cache]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as default
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import SCORE, STUDY, Record, available, records
from metric import builtin_scrubber, fold

CORPORA = ("wcxb-dev", "andy-aed", "fundus", "readability", "newspaper4k", "postlight")
FIELDS = ("title", "authors", "date")


@dataclass
class Found:
    title: str | None
    authors: list[str]
    date: str | None
    organizations: list[str] = default(default_factory=list)


Extractor = Callable[[Record], Found]


def _html_text(record: Record) -> str:
    from scrubber.sources import load_bytes

    return load_bytes(record.html, format="html").text


def scrubber_system() -> Extractor:
    engine = builtin_scrubber()

    def run(record: Record) -> Found:
        article = engine.scrub(record.html, url=record.url, format="html")
        return Found(article.title, list(article.authors), article.date, list(article.organizations))

    return run


def trafilatura_system() -> Extractor:
    from trafilatura import bare_extraction

    def run(record: Record) -> Found:
        document: Any = bare_extraction(record.html, url=record.url, with_metadata=True)
        if document is None:
            return Found(None, [], None)
        authors = [name.strip() for name in (document.author or "").split(";") if name.strip()]
        return Found(document.title, authors, document.date)

    return run


def newspaper_system() -> Extractor | None:
    try:
        import newspaper
    except ImportError:
        return None

    def run(record: Record) -> Found:
        try:
            article = newspaper.Article(record.url or "http://localhost/", fetch_images=False)
            article.download(input_html=_html_text(record))
            article.parse()
        except Exception:  # newspaper4k raises on pages it cannot handle: scored as an empty result
            return Found(None, [], None)
        published = article.publish_date
        date = published.isoformat() if hasattr(published, "isoformat") else (str(published) if published else None)
        return Found(article.title or None, list(article.authors), date)

    return run


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "none"


def _exact(field: str, got: Found, record: Record) -> bool:
    if field == "title":
        return " ".join((got.title or "").split()) == " ".join((record.title or "").split())
    if field == "authors":
        want = {name.strip().casefold() for name in record.authors or []}
        return {name.strip().casefold() for name in got.authors} == want
    return (got.date or "")[:10] == (record.date or "")[:10]


def _lenient(field: str, got: Found, record: Record) -> bool:
    if field == "title":
        return fold(got.title or "") == fold(record.title or "")
    if field == "authors":  # a page that credits no person: the agency or outlet it credits instead
        want = {fold(name) for name in record.authors or []}
        return {fold(name) for name in got.authors or got.organizations} == want
    days = record.extra.get("date_local_candidates") or [record.date]
    return (got.date or "")[:10] in {day[:10] for day in days if day}


def _truth(field: str, record: Record) -> bool:
    value = getattr(record, field)
    return bool(value)


def _cache_file(system: str) -> Path:
    package = {"trafilatura": "trafilatura", "newspaper4k": "newspaper4k"}[system]
    return Path(tempfile.gettempdir()) / f"scrubber-metadata-{system}-{_package_version(package)}.json"


def run_system(name: str, extractor: Extractor, pages: list[Record], use_cache: bool) -> tuple[list[Found], float]:
    """Each page's result and the documents per second (of the pages actually run)."""
    cache: dict[str, Any] = {}
    cache_path = _cache_file(name) if name != "scrubber" else None
    if cache_path and use_cache and cache_path.exists():
        cache = json.loads(cache_path.read_text(encoding="utf-8"))
    results: list[Found] = []
    seconds, ran = 0.0, 0
    for record in pages:
        key = f"{record.corpus}/{record.id}"
        if key in cache:
            row = cache[key]
            results.append(Found(row["title"], row["authors"], row["date"]))
            continue
        start = time.perf_counter()
        found = extractor(record)
        elapsed = time.perf_counter() - start
        seconds += elapsed
        ran += 1
        results.append(found)
        cache[key] = {"title": found.title, "authors": found.authors, "date": found.date, "seconds": elapsed}
    if cache_path and ran:
        cache_path.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
    if not ran:  # every page from the cache: the speed recorded when they were run
        per_page = [cache[f"{r.corpus}/{r.id}"].get("seconds", 0.0) for r in pages]
        seconds, ran = sum(per_page), len(per_page)
    return results, (ran / seconds if seconds else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", choices=CORPORA, help="these corpora only")
    parser.add_argument("--split", choices=(STUDY, SCORE), help="this part only (default: both, reported apart)")
    parser.add_argument("--misses", choices=FIELDS, help="list the pages each system gets wrong on this field")
    parser.add_argument("--systems", nargs="+", default=["scrubber", "trafilatura", "newspaper4k"])
    parser.add_argument("--no-cache", action="store_true", help="run the third-party systems again")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")  # third-party date parsers warn about time zones on every page

    factories: dict[str, Callable[[], Extractor | None]] = {
        "scrubber": scrubber_system, "trafilatura": trafilatura_system, "newspaper4k": newspaper_system,
    }
    systems = {name: extractor for name in args.systems if (extractor := factories[name]()) is not None}
    corpora = [name for name in (args.only or CORPORA) if name in available()]
    splits = [args.split] if args.split else [STUDY, SCORE]
    header = "| corpus | part | pages | field | n | " + " | ".join(f"{name} exact / lenient" for name in systems)
    print(header + " |")
    print("|" + "---|" * (header.count("|")))
    speeds: dict[str, list[tuple[int, float]]] = {name: [] for name in systems}
    for corpus in corpora:
        for part in splits:
            pages = list(records(corpus, split=part))
            outputs = {}
            for name, extractor in systems.items():
                outputs[name], per_second = run_system(name, extractor, pages, not args.no_cache)
                speeds[name].append((len(pages), per_second))
            for field in FIELDS:
                scored = [i for i, record in enumerate(pages) if _truth(field, record)]
                if not scored:
                    continue
                cells = []
                for name in systems:
                    exact = sum(_exact(field, outputs[name][i], pages[i]) for i in scored) / len(scored)
                    lenient = sum(_lenient(field, outputs[name][i], pages[i]) for i in scored) / len(scored)
                    cells.append(f"{exact:.2f} / {lenient:.2f}")
                print(f"| {corpus} | {part} | {len(pages)} | {field} | {len(scored)} | " + " | ".join(cells) + " |")
                if args.misses == field:
                    for name in systems:
                        for i in scored:
                            got = outputs[name][i]
                            if not _exact(field, got, pages[i]):
                                print(f"    miss {name} {corpus}/{pages[i].id}: got {getattr(got, field)!r}"
                                      f" want {getattr(pages[i], field)!r}")
    for name, runs in speeds.items():
        total = sum(count for count, _ in runs)
        seconds = sum(count / speed for count, speed in runs if speed)
        print(f"{name}: {total / seconds if seconds else 0:.1f} docs/s")


if __name__ == "__main__":
    main()
