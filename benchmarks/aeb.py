"""Body accuracy on aeb-dev: scrubber against trafilatura (and readability-lxml / newspaper4k when
installed), in one run, with the benchmark's own metric. Usage: python benchmarks/aeb.py [--pages]"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from metric import AEB, page_f1, pages, summary, systems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", action="store_true", help="list pages where scrubber trails trafilatura")
    args = parser.parse_args()
    if not AEB.exists():
        sys.exit(f"benchmark data not found at {AEB}")
    data = list(pages())
    runners = systems(newspaper=True)
    outputs: dict[str, list[str]] = {name: [] for name in runners}
    seconds = dict.fromkeys(runners, 0.0)
    failures: dict[str, int] = {}
    for page_id, url, html, _ in data:  # systems take turns page by page so machine noise hits them alike
        for name, run in runners.items():
            start = time.perf_counter()
            try:
                outputs[name].append(run(html, url))
            except Exception as error:  # a peer that crashes on a page scores nothing on it
                failures[name] = failures.get(name, 0) + 1
                outputs[name].append("")
                print(f"{name} failed on {page_id[:12]}: {type(error).__name__}", file=sys.stderr)
            seconds[name] += time.perf_counter() - start
    expected = [truth for *_, truth in data]
    base_rate = len(data) / seconds["trafilatura"]
    print(f"aeb-dev: {len(data)} pages\n")
    print("| system | precision | recall | F1 | accuracy | docs/s | speed vs trafilatura |")
    print("|---|---|---|---|---|---|---|")
    for name in runners:
        score = summary(list(zip(outputs[name], expected, strict=True)))
        rate = len(data) / seconds[name]
        print(f"| {name} | {score['precision']:.3f} | {score['recall']:.3f} | {score['f1']:.3f} "
              f"| {score['accuracy']:.3f} | {rate:.1f} | {rate / base_rate:.2f}x |")
    worst = [
        (page_f1(mine, truth) - page_f1(theirs, truth), page_id)
        for (page_id, *_), mine, theirs, truth in zip(
            data, outputs["scrubber"], outputs["trafilatura"], expected, strict=True
        )
    ]
    for name, count in failures.items():
        print(f"\n{name} raised an exception on {count} page(s), scored as empty output")
    behind = sorted(item for item in worst if item[0] < -0.05)
    print(f"\npages where scrubber's F1 is more than 0.05 below trafilatura's: {len(behind)}")
    if args.pages:
        for delta, page_id in behind:
            print(f"  {delta:+.3f} {page_id}")


if __name__ == "__main__":
    main()
