"""Speed and memory on aeb-dev, run by hand (never a timed unit test).

HTML: scrubber with its defaults, trafilatura.extract with its defaults and with metadata, and the floor
(lxml parsing the page and collecting its text) take turns page by page in one process, so machine noise
hits them alike. Text: scrubber on the page and article dumps of benchmarks/dumps.py against the floor
of reading and splitting them. Then memory over repeated passes and over a stream of distinct pages
(wcxb-dev, where present: what lives on from past pages shows there), and the batch API with 1 and N workers.
Usage: python benchmarks/speed.py [--passes 10] [--stream 400] [--workers 2] [--cold]
                                  [--only html|text|memory|batch ...]
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from metric import AEB, builtin_scrubber, pages

import scrubber
from scrubber.sources import load

Run = Callable[[object], object]


def rss_mb() -> float:
    """Current resident memory of this process."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def html_floor(html: object) -> object:
    import lxml.html

    return " ".join(lxml.html.fromstring(html).itertext())


def html_systems() -> dict[str, Run]:
    import trafilatura

    engine = builtin_scrubber()
    return {
        "scrubber": lambda html: engine.scrub(html),  # type: ignore[arg-type]
        "trafilatura.extract": lambda html: trafilatura.extract(html),
        "trafilatura.extract +metadata": lambda html: trafilatura.extract(html, with_metadata=True),
        "floor: lxml parse + text": html_floor,
    }


def text_systems() -> dict[str, Run]:
    engine = builtin_scrubber()
    return {
        "scrubber": lambda text: engine.scrub(text, format="text"),  # type: ignore[arg-type]
        "floor: read + split lines": lambda text: [line.split() for line in str(text).splitlines()],
    }


def unlike(text: str) -> str:
    """The dump with a digit before every line: same languages, no line in common with the original."""
    return "\n".join(f"0 {line}" for line in text.split("\n"))


def unlike_html(html: bytes) -> str:
    """The page with a digit before every text outside scripts and styles: same markup, metadata and
    languages, no block text in common with the original."""
    import lxml.html

    tree = lxml.html.document_fromstring(load(html).text)
    for element in tree.iter():
        if element.text and element.text.strip() and element.tag not in ("script", "style"):
            element.text = f"0 {element.text}"
        if element.tail and element.tail.strip():
            element.tail = f"0 {element.tail}"
    return str(lxml.html.tostring(tree, encoding="unicode"))


def take_turns(
    systems: dict[str, Run], documents: list[object], warm_up: list[object] | None = None
) -> dict[str, list[float]]:
    """Seconds per document for each system, the systems taking turns document by document, after
    each has run once over ``warm_up`` (default: the first document): imports, compiled patterns."""
    for run in systems.values():
        for document in warm_up or documents[:1]:
            run(document)
    timings: dict[str, list[float]] = {name: [] for name in systems}
    for document in documents:
        for name, run in systems.items():
            start = time.perf_counter()
            run(document)
            timings[name].append(time.perf_counter() - start)
    return timings


def table(title: str, timings: dict[str, list[float]], base: str, floor: str) -> None:
    print(f"\n{title}\n")
    print("| system | docs/s | median ms | p95 ms | vs " + base + " | vs floor |")
    print("|---|---|---|---|---|---|")
    rate = {name: len(times) / sum(times) for name, times in timings.items()}
    for name, times in timings.items():
        p95 = statistics.quantiles(times, n=20)[-1] * 1000
        print(f"| {name} | {rate[name]:.1f} | {statistics.median(times) * 1000:.2f} | {p95:.2f} "
              f"| {rate[name] / rate[base]:.2f}x | {rate[name] / rate[floor]:.2f}x |")


def memory(documents: list[bytes], passes: int) -> None:
    engine = builtin_scrubber()
    after = []
    for _ in range(passes):
        for html in documents:
            engine.scrub(html)
        gc.collect()
        after.append(rss_mb())
    print(f"\nmemory: resident MB after each of {passes} passes of scrubber over the set: "
          + " ".join(f"{value:.0f}" for value in after))
    print(f"growth from pass 2 to pass {passes}: {after[-1] - after[min(1, passes - 1)]:+.1f} MB; "
          f"peak resident memory of this process: {peak_rss_mb():.0f} MB")


def memory_over_a_stream(count: int) -> None:
    """Resident memory while scrubber reads distinct pages, as a batch of millions does: a cache that
    holds past pages' trees grows here, where passes over one small set hide it."""
    from corpus import SHARED, records

    if not (SHARED / "wcxb-dev").exists():
        print("\nmemory over a stream: wcxb-dev not found, skipped")
        return
    engine = builtin_scrubber()
    checkpoints = []
    for number, record in enumerate(records("wcxb-dev"), 1):
        if number > count:
            break
        engine.scrub(record.html, url=record.url)
        if number % 100 == 0:
            gc.collect()
            checkpoints.append(f"{number}: {rss_mb():.0f}")
    print(f"\nmemory over a stream of {count} distinct wcxb-dev pages, resident MB after each 100: "
          + " · ".join(checkpoints))


def batch(documents: list[bytes], workers: int) -> None:
    """The batch API (as `scrubber clean --workers N` runs it) over the pages saved as files."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, html in enumerate(documents):
            path = Path(folder) / f"{number:03}.html"
            path.write_bytes(html)
            paths.append(str(path))
        print("\nbatch API over the pages as files\n")
        print("| workers | docs/s | scaling |")
        print("|---|---|---|")
        rates = {}
        for count in sorted({1, workers}):
            for _ in scrubber.scrub_many(paths[:8], workers=count):
                pass  # warm the pool up
            start = time.perf_counter()
            rows = sum(1 for _ in scrubber.scrub_many(paths * 3, workers=count))
            rates[count] = rows / (time.perf_counter() - start)
            print(f"| {count} | {rates[count]:.1f} | {rates[count] / rates[1]:.2f}x |")
        print(f"\npeak resident memory of one worker process: {peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")


PARTS = ("html", "text", "memory", "batch")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passes", type=int, default=10, help="passes over the set for the memory check")
    parser.add_argument("--stream", type=int, default=400, help="distinct pages for the stream memory check")
    parser.add_argument("--workers", type=int, default=2, help="workers for the batch scaling check")
    parser.add_argument("--cold", action="store_true", help="HTML: warm up on the first page only, not on look-alikes")
    parser.add_argument("--only", choices=PARTS, action="append", help="run only this part (repeatable)")
    args = parser.parse_args()
    parts = args.only or PARTS
    if not AEB.exists():
        sys.exit(f"benchmark data not found at {AEB}")
    documents = [html for _, _, html, _ in pages()]
    print(f"aeb-dev: {len(documents)} pages, Python {sys.version.split()[0]}")
    if "html" in parts:
        # Warming up on look-alikes loads what each system loads on first use (phrase packs, date
        # parsers' locales, jusText's stop lists), whichever system meets it first, and no measured
        # block text sits in a cache; --cold warms up on the first page only.
        warm_up = documents[:1] if args.cold else [unlike_html(html) for html in documents]
        table("HTML pages", take_turns(html_systems(), list(documents), list(warm_up)), "trafilatura.extract",
              "floor: lxml parse + text")
    if "text" in parts:
        from dumps import dumps

        made = dumps()
        for shape, column in (("page dumps", 1), ("article dumps", 2)):
            texts: list[object] = [row[column] for row in made if row[column].strip()]
            # Warming up on look-alikes compiles every language's phrase pack (once per process, some
            # tens of ms each) while no measured line sits in a cache.
            warm_up: list[object] = [unlike(str(text)) for text in texts]
            table(f"text: {shape}", take_turns(text_systems(), texts, warm_up), "scrubber",
                  "floor: read + split lines")
    if "memory" in parts:
        memory(documents, args.passes)
        memory_over_a_stream(args.stream)
    if "batch" in parts:
        batch(documents, args.workers)


if __name__ == "__main__":
    main()
