"""One hash of scrubber's whole output, to show that a speed change changes no output.

Runs scrubber (its own cleaners, as every benchmark script does) on every page of aeb-dev and andy-aed and
on every 3rd page of wcxb-dev, with each page's URL, and prints a sha1 of the pages' ``Article.to_json()``
per corpus and over all of them. A commit that claims to be a speed change states "output identical
(fingerprint <overall hash>)", the same hash as before the change.

    python benchmarks/fingerprint.py [CORPUS ...]    # some of the corpora only: a quick check
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import records
from metric import builtin_scrubber

SAMPLES = (("aeb-dev", 1), ("andy-aed", 1), ("wcxb-dev", 3))  # corpus, every how many pages


def main() -> None:
    only = sys.argv[1:]
    engine = builtin_scrubber()
    overall = hashlib.sha1()
    total = 0
    for corpus, step in SAMPLES:
        if only and corpus not in only:
            continue
        digest = hashlib.sha1()
        chosen = list(records(corpus))[::step]
        for record in chosen:
            output = engine.scrub(record.html, url=record.url).to_json().encode()
            digest.update(output)
            overall.update(output)
        total += len(chosen)
        print(f"{corpus}: {len(chosen)} pages, sha1 {digest.hexdigest()}")
    print(f"overall: {total} pages, fingerprint {overall.hexdigest()}")


if __name__ == "__main__":
    main()
