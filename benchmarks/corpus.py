"""The shared corpora of ../shared/benchmarks/ as one kind of record, and the fixed study/score split.

Every benchmark script reads pages through `records` so that all of them split alike: a page is in the
part we *study* (look at, tune on) or in the part we only *score*, decided by a hash of its corpus and id,
never by hand. A change that helps the studied part and not the scored one is fitting, not progress."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
CORPORA = ("aeb-dev", "wcxb-dev", "andy-aed", "fundus", "readability", "newspaper4k", "goose3", "postlight")
STUDY, SCORE = "study", "score"
_STUDY_SHARE = 50  # of every 100 hash buckets


def split_of(corpus: str, page_id: str) -> str:
    """``study`` or ``score``: half of every corpus each, fixed by a hash of the corpus name and page id."""
    digest = hashlib.sha256(f"{corpus}/{page_id}".encode()).digest()
    return STUDY if int.from_bytes(digest[:4], "big") % 100 < _STUDY_SHARE else SCORE


@dataclass
class Record:
    """One page of a corpus with what its truth says (``None`` where the source gives nothing)."""

    corpus: str
    id: str
    html: bytes
    url: str | None
    body: str | None
    title: str | None = None
    authors: list[str] | None = None
    date: str | None = None
    lang: str | None = None
    page_type: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def split(self) -> str:
        return split_of(self.corpus, self.id)


def available(root: Path = SHARED) -> list[str]:
    return [name for name in CORPORA if (root / name).is_dir()]


def records(corpus: str, root: Path = SHARED, split: str | None = None) -> Iterator[Record]:
    """Every page of ``corpus`` in id order (only one part when ``split`` is given)."""
    folder = root / corpus
    if corpus == "aeb-dev":
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        rows = {key: {"body": value["articleBody"], "url": value["url"]} for key, value in truth.items()}
    else:
        rows = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    known = {"body", "title", "authors", "date", "lang", "url", "page_type"}
    for page_id in sorted(rows):
        if split is not None and split_of(corpus, page_id) != split:
            continue
        row = rows[page_id]
        html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        yield Record(
            corpus=corpus,
            id=page_id,
            html=html,
            url=row.get("url"),
            body=row.get("body"),
            title=row.get("title"),
            authors=row.get("authors"),
            date=row.get("date"),
            lang=row.get("lang"),
            page_type=row.get("page_type"),
            extra={key: value for key, value in row.items() if key not in known},
        )
