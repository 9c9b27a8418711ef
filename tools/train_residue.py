"""Train the learned residue model (scrubber/models/residue.json.gz) of the `learned` cleaner.

Reproducible: the same corpora, examples file and seed give the same model file byte for byte.

1. Blocks. Every page with a body of the corpora in ../shared/benchmarks (read through
   benchmarks/corpus.py) is run through scrubber with no cleaner, as HTML and as two text dumps of it
   (benchmarks/dumps.py: a page dump, one block a line, and an article dump of readability-lxml's
   container). A recording cleaner keeps each `Page` exactly as the cleaners see it.
2. Labels. A block is article when its words (lower-cased ``\\w+`` tokens) occur in the same order in the
   truth body, or when at least half its 4-word shingles do; residue when under a fifth do; in between
   it is left out. Blocks longer than the cleaner's ``max_words`` are left out too (it never scores them).
3. Own examples. tools/residue_examples.tsv holds residue (appeals, newsletter prompts, share rows,
   cookie notices, navigation lines) and article sentences of our own writing in 13 languages; each is
   put into the body of a few studied pages at a random (seeded) place, so its neighbours are real.
4. Model. scikit-learn's logistic regression over the named features of `scrubber.cleaners.learned`
   (features seen on fewer than ``MIN_COUNT`` training blocks are dropped), trained ONLY on the `study`
   part of the split. Per page format, the threshold is the lowest score (at least ``FLOOR``) at which
   the body blocks it would remove are at least ``PRECISION`` residue, each studied block scored by a
   model fitted without its page (``FOLDS`` folds by page); both parts are reported.

Usage: python tools/train_residue.py [--cache FOLDER] [--out scrubber/models/residue.json.gz]
Needs: scikit-learn, html-text, readability-lxml (pip install scikit-learn html-text readability-lxml).
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from corpus import SCORE, STUDY, available, records
from dumps import article_dump, page_dump

from scrubber import EmptyInputError, Page, Scrubber, Segment, Verdict
from scrubber.cleaners.learned import features, phrase_categories

ROOT = Path(__file__).resolve().parents[1]
SEED = 14
MAX_WORDS = 60  # the cleaner scores body blocks up to this long: short blocks are where residue hides
MIN_COUNT = 3
# Of removed body blocks, per page format; most of the rest are credits and captions that some truths
# keep. HTML bodies have already lost most residue to the DOM pruning, so a removal there must be surer.
PRECISION = {"text": 0.9, "html": 0.97}
FLOOR = 0.95
REGULARIZATION = 0.5
FOLDS = 3
EXAMPLE_COPIES = 4
OWN_WEIGHT = 30.0  # a few hundred examples among half a million corpus blocks: they must be heard
EXAMPLES = Path(__file__).with_name("residue_examples.tsv")
_TOKEN = re.compile(r"\w+")


@dataclass
class Recorded:
    """A page as the cleaners saw it, with where it came from and the truth body's token string."""

    corpus: str
    id: str
    split: str
    mode: str
    page: Page
    truth: str


class _Recorder:
    name = "recorder"
    description = "Keeps the pages it is shown."

    def __init__(self) -> None:
        self.pages: list[Page] = []

    def judge(self, page: Page) -> list[Verdict]:
        self.pages.append(page)
        return []


def _tokens(text: str) -> list[str]:
    return [token.lower() for token in _TOKEN.findall(text)]


def _inputs(html: bytes) -> dict[str, bytes | str]:
    """The page as HTML and as the two dumps (a dump maker that cannot read the page gives none)."""
    found: dict[str, bytes | str] = {"html": html}
    for mode, make in (("page dump", page_dump), ("article dump", article_dump)):
        try:
            found[mode] = make(html)
        except Exception:  # readability-lxml raises on some encodings; that page has no such dump
            continue
    return found


def collect(corpus: str) -> list[Recorded]:
    recorder = _Recorder()
    engine = Scrubber(cleaners=[])
    engine.cleaners = [recorder]
    found: list[Recorded] = []
    for record in records(corpus):
        if not record.body or record.extra.get("body_kind") == "prefix":
            continue
        truth = " " + " ".join(_tokens(record.body)) + " "
        for mode, source in _inputs(record.html).items():
            recorder.pages.clear()
            try:
                engine.scrub(source, url=record.url, format="html" if mode == "html" else "text")
            except EmptyInputError:
                continue
            found += [Recorded(corpus, record.id, record.split, mode, page, truth) for page in recorder.pages]
    print(f"collected {corpus}: {len(found)} pages", file=sys.stderr)
    return found


def collect_all(cache: Path | None) -> list[Recorded]:
    """Every corpus's pages, each corpus kept in ``cache`` (a folder) once collected."""
    found: list[Recorded] = []
    for corpus in available():
        kept = cache / f"{corpus}.pickle" if cache else None
        if kept and kept.exists():
            found += pickle.loads(kept.read_bytes())
            continue
        pages = collect(corpus)
        if kept:
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.write_bytes(pickle.dumps(pages))
        found += pages
    return found


def label(text: str, truth: str) -> int | None:
    """1 residue, 0 article, None when the truth does not tell."""
    tokens = _tokens(text)
    if not tokens:
        return None
    if " " + " ".join(tokens) + " " in truth:
        return 0
    if len(tokens) < 4:
        return 1
    shingles = [" ".join(tokens[i : i + 4]) for i in range(len(tokens) - 3)]
    share = sum(" " + shingle + " " in truth for shingle in shingles) / len(shingles)
    return 0 if share >= 0.5 else 1 if share < 0.2 else None


def examples() -> list[tuple[int, str, str]]:
    """(label, language, text) of our own examples."""
    rows = []
    for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, language, text = line.split("\t")
            rows.append((1 if kind == "residue" else 0, language, text))
    return rows


def with_block(page: Page, text: str, rng: random.Random) -> tuple[Page, int]:
    """The page with ``text`` put into its body at a random place, and that place."""
    body = [segment.index for segment in page.segments if segment.in_body] or [0]
    at = rng.choice(body)
    block = Segment(at, "paragraph", text, text.count(" ") + 1)
    shifted = [segment._replace(index=segment.index + 1) for segment in page.segments[at:]]
    segments = [*page.segments[:at], block, *shifted]
    return Page(segments, page.languages, page.format, page.url, page.extra_phrases), at


@dataclass
class Sample:
    names: list[str]
    label: int
    split: str
    in_body: bool
    page: str  # corpus/id: the blocks of one page (in every mode) stay in one fold
    format: str
    text: str
    own: bool = False  # one of our own examples: trained on, never used to set or report the threshold
    weight: float = 1.0


def samples(pages: list[Recorded], rng: random.Random) -> Iterator[Sample]:
    for recorded in pages:
        page = recorded.page
        categories = phrase_categories(page)
        for position, segment in enumerate(page.segments):
            if segment.words > MAX_WORDS:
                continue
            value = label(segment.text, recorded.truth)
            if value is not None:
                names = features(page, position, categories)
                key = f"{recorded.corpus}/{recorded.id}"
                yield Sample(names, value, recorded.split, segment.in_body, key, page.format, segment.text)
    hosts = [recorded.page for recorded in pages if recorded.split == STUDY and recorded.page.segments]
    rows = examples()
    # Each language's residue and article examples weigh the same in total: in a language the corpora
    # hardly hold, a word seen only in residue examples would otherwise mark all its text as residue.
    per_kind = Counter((value, language) for value, language, _ in rows)
    for number, (value, language, text) in enumerate(rows):
        share = sum(count for (_, other), count in per_kind.items() if other == language) / 2
        weight = OWN_WEIGHT * share / per_kind[value, language]
        for _ in range(EXAMPLE_COPIES):
            page, at = with_block(rng.choice(hosts), text, rng)
            names = features(page, at, phrase_categories(page))
            yield Sample(names, value, STUDY, True, f"own/{number}", page.format, text, True, weight)


def _matrix(study: list[Sample]) -> tuple[Any, Any]:
    """The vectorizer fitted on the features seen on at least MIN_COUNT studied blocks, and the matrix."""
    from sklearn.feature_extraction import DictVectorizer

    counts = Counter(name for sample in study for name in set(sample.names))
    kept = {name for name, count in counts.items() if count >= MIN_COUNT}
    vectorizer = DictVectorizer()
    return vectorizer, vectorizer.fit_transform([dict.fromkeys(set(s.names) & kept, 1) for s in study])


def _fit(matrix: Any, labels: list[int], weights: list[float]) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=REGULARIZATION, max_iter=3000).fit(matrix, labels, sample_weight=weights)


def train(study: list[Sample]) -> tuple[dict[str, float], float, list[float]]:
    """The weights and bias of the model fitted on every studied block, and each studied block's score
    from a model fitted without its page (3 folds by page), to set the threshold on unseen pages."""
    from sklearn.model_selection import GroupKFold

    vectorizer, matrix = _matrix(study)
    labels = [sample.label for sample in study]
    weights = [sample.weight for sample in study]
    held_out = [0.0] * len(study)
    for fitted, kept_out in GroupKFold(FOLDS).split(matrix, labels, [sample.page for sample in study]):
        fold = _fit(matrix[fitted], [labels[i] for i in fitted], [weights[i] for i in fitted])
        for i, score in zip(kept_out, fold.predict_proba(matrix[kept_out])[:, 1], strict=True):
            held_out[i] = float(score)
    model = _fit(matrix, labels, weights)
    names = vectorizer.get_feature_names_out()
    weights = {str(name): round(float(weight), 3) for name, weight in zip(names, model.coef_[0], strict=True)}
    kept = {name: weight for name, weight in sorted(weights.items()) if abs(weight) >= 0.005}
    return kept, round(float(model.intercept_[0]), 3), held_out


def choose_threshold(scored: list[tuple[float, int]], precision: float) -> float:
    """The lowest score (at least FLOOR) above which removals are at least ``precision`` residue."""
    ordered = sorted(scored, reverse=True)
    best, residue = 1.0, 0
    for count, (score, value) in enumerate(ordered, 1):
        residue += value
        if residue / count >= precision and score >= FLOOR:
            best = score
    return round(best, 3)


def report(name: str, scored: Iterable[tuple[float, int]], threshold: float) -> None:
    rows = list(scored)
    removed = [value for score, value in rows if score >= threshold]
    residue = sum(value for _, value in rows)
    print(f"{name}: {len(rows)} body blocks, {residue} residue; removed {len(removed)}, of which "
          f"{len(removed) - sum(removed)} article; residue recall {sum(removed) / max(residue, 1):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, help="keep the collected pages in this folder between runs")
    parser.add_argument("--out", type=Path, default=ROOT / "scrubber" / "models" / "residue.json.gz")
    args = parser.parse_args()
    pages = collect_all(args.cache)
    rng = random.Random(SEED)
    every = list(samples(pages, rng))
    study = [sample for sample in every if sample.split == STUDY]
    weights, bias, held_out = train(study)
    from scrubber.cleaners.learned import ResidueModel

    model = ResidueModel(weights, bias, dict.fromkeys(PRECISION, 1.0), MAX_WORDS)
    print(f"{len(weights)} weights, bias {bias}")
    thresholds = {}
    for fmt, precision in PRECISION.items():
        unseen = [(score, s.label) for score, s in zip(held_out, study, strict=True)
                  if s.in_body and not s.own and s.format == fmt]
        thresholds[fmt] = threshold = choose_threshold(unseen, precision)
        scored = [(model.score(s.names), s.label) for s in every if s.split == SCORE and s.in_body and s.format == fmt]
        print(f"{fmt}: threshold {threshold}")
        report("  study (scored by folds without the page)", unseen, threshold)
        report("  score", scored, threshold)
    data = {"bias": bias, "thresholds": thresholds, "max_words": MAX_WORDS, "weights": weights}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
