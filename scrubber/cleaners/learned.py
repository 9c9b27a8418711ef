"""A learned residue score: a linear model over a block's words, shape, place and neighbours.

Appeals and prompts are written fresh by every outlet, so no phrase list is ever complete; this cleaner
scores each short block of the article body with a logistic model trained by ``tools/train_residue.py``
(on blocks of the shared corpora labelled by the ground-truth body, plus examples of our own writing) and
removes only what it is sure of. The model is package data (``scrubber/models/residue.json.gz``): a bias,
a threshold per page format and one weight per feature, loaded once per process. Scoring a block is a sum
of the weights of its features, done in plain Python: a block has a few dozen features, too few for an
array library's call overhead to pay. A page dump has some thirty short body blocks and is cleaned in
about two milliseconds, so blocks are scored by a sum that names no feature (`ResidueModel.log_odds`).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from itertools import repeat

from scrubber.cleaners.base import Page, Segment, Verdict
from scrubber.extract import KEPT

# Scripts written without spaces between words: their text is read as character pairs instead.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_UNSPACED_LIMIT = 120  # character pairs of the first this-many characters: enough to know a short block
_PUNCTUATION = str.maketrans(dict.fromkeys("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»“”„‘’…–—·•|", " "))
_SEPARATORS = re.compile(r"[|·•»›]| / ")
_WORD_BUCKETS = (1, 2, 3, 5, 8, 13, 20, 35, 60)


def words(normalized: str) -> set[str]:
    """The distinct words of a block's normalized text, punctuation set aside."""
    return {word for word in normalized.translate(_PUNCTUATION).split() if len(word) < 20}


def unspaced(text: str) -> bool:
    """Whether the text holds a script written without spaces (read by character pairs)."""
    return not text.isascii() and _UNSPACED.search(text) is not None


def _bucket(value: float, edges: Sequence[float]) -> int:
    """The index of the first edge at or above ``value`` (len(edges) past the last)."""
    return bisect_left(edges, value)


def _ending(text: str) -> str:
    last = text[-1:]
    if last.isalpha():
        return "letter"
    if last and last in ".!?:…;,。！？":
        return last
    return "digit" if last.isdigit() else "other"


@lru_cache(maxsize=4096)  # a block is shaped as itself and as each neighbour's neighbour
def _shape(segment: Segment) -> str:
    """What a block looks like without reading it: length, ending, whether it is in the body."""
    return f"{_bucket(segment.words, _WORD_BUCKETS)}:{_ending(segment.text)}:{int(segment.in_body)}"


def features(page: Page, position: int, categories: Sequence[Sequence[str]]) -> list[str]:
    """The named features of the block at ``position``: its words (character pairs for scripts without
    spaces), kind, link density, punctuation, phrase categories (its own and its neighbours'), and its
    shape, place and neighbours' shapes. ``categories`` holds each block's phrase categories
    (`phrase_categories`). Training and scoring share this function."""
    return [
        *_text_features(page, position),
        *_direct_features(page, position, categories),
        *_placed_features(page, position),
    ]


def _text_features(page: Page, position: int) -> list[str]:
    return ["w:" + word for word in words(page.normalized_texts[position])] + _pair_features(page, position)


def _pair_features(page: Page, position: int) -> list[str]:
    """Character pairs of a block in a script written without spaces (none for other blocks)."""
    if not unspaced(page.segments[position].text):
        return []
    head = page.normalized_texts[position][:_UNSPACED_LIMIT]
    return sorted({"c:" + head[i : i + 2] for i in range(len(head) - 1)})


def _direct_features(page: Page, position: int, categories: Sequence[Sequence[str]]) -> list[str]:
    segment = page.segments[position]
    fmt = page.format
    found = [f"{fmt}:kind:{segment.kind}", f"{fmt}:links:{_bucket(segment.link_density, (0.0, 0.3, 0.7))}"]
    if "?" in segment.text:
        found.append("question")
    if _SEPARATORS.search(segment.text):
        found.append("separators")
    found += ["p:" + category for category in categories[position]]
    if position > 0:
        found += ["prev-p:" + category for category in categories[position - 1]]
    if position + 1 < len(categories):
        found += ["next-p:" + category for category in categories[position + 1]]
    return found


def _placed_features(page: Page, position: int) -> list[str]:
    segments = page.segments
    fmt = page.format
    found = [
        f"{fmt}:shape:{_shape(segments[position])}",
        f"{fmt}:place:{_bucket(position / max(len(segments) - 1, 1), (0.1, 0.3, 0.7, 0.9))}",
        f"{fmt}:edge:{_body_edge(segments, position)}",
    ]
    for side, neighbour in (("prev", position - 1), ("next", position + 1)):
        shape = _shape(segments[neighbour]) if 0 <= neighbour < len(segments) else "none"
        found.append(f"{fmt}:{side}:{shape}")
    return found


def _body_edge(segments: Sequence[Segment], position: int) -> int:
    """How far the block is from the nearest end of its run of body (or non-body) blocks, up to 3."""
    inside = segments[position].in_body
    for distance in range(3):
        for neighbour in (position - distance - 1, position + distance + 1):
            if not 0 <= neighbour < len(segments) or segments[neighbour].in_body != inside:
                return distance
    return 3


def _at_body(segments: Sequence[Segment], position: int) -> bool:
    """Whether the block is in the body or next to a block that is."""
    return any(segments[i].in_body for i in range(max(position - 1, 0), min(position + 2, len(segments))))


def phrase_categories(page: Page) -> list[list[str]]:
    """Each block's phrase categories (from the page's shared phrase scan)."""
    categories: list[list[str]] = [[] for _ in page.segments]
    for category, positions in page.phrase_positions.items():
        for position in positions:
            categories[position].append(category)
    return categories


@dataclass(frozen=True)
class ResidueModel:
    """A logistic model over named features: bias, one weight per feature, and the removal threshold
    for each page format."""

    weights: dict[str, float]
    bias: float
    thresholds: dict[str, float]
    max_words: int

    def score(self, names: Sequence[str]) -> float:
        """The residue probability of a block with these (distinct) features."""
        weights = self.weights
        return _sigmoid(self.bias + sum(weights.get(name, 0.0) for name in names))

    @cached_property
    def word_weights(self) -> dict[str, float]:
        return {name[2:]: weight for name, weight in self.weights.items() if name.startswith("w:")}

    def log_odds(self, page: Page, position: int, categories: Sequence[Sequence[str]]) -> float:
        """The log-odds of the block at ``position``: the sum that `score` takes of `features`, worked
        out without naming each word (the cleaner scores every short body block this way)."""
        weights = self.weights
        # words of 20 characters or more are never features, and so have no weight here either
        found = set(page.normalized_texts[position].translate(_PUNCTUATION).split())
        total = self.bias + sum(map(self.word_weights.get, found, repeat(0.0)))
        names = (*_pair_features(page, position), *_direct_features(page, position, categories),
                 *_placed_features(page, position))
        return total + sum(weights.get(name, 0.0) for name in names)

    def evidence(self, names: Sequence[str], count: int = 3) -> list[str]:
        """The block's words that weigh most towards residue."""
        found = sorted({name for name in names if name.startswith("w:") and self.weights.get(name, 0.0) > 0})
        found.sort(key=lambda name: -self.weights[name])
        return [name[2:] for name in found[:count]]


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-value))


@cache
def residue_model() -> ResidueModel:
    """The packaged model, read once per process."""
    data = json.loads(gzip.decompress((resources.files("scrubber") / "models" / "residue.json.gz").read_bytes()))
    return ResidueModel(data["weights"], data["bias"], data["thresholds"], data["max_words"])


class LearnedCleaner:
    """Removes body blocks that the learned residue model scores at or above its threshold.

    Only blocks of at most ``max_words`` words are scored, those inside the body and those right next to
    it: the extractor leaves the other blocks out anyway, and scoring a block just outside the body names
    what it is (an appeal after the last paragraph) at the cost of a few blocks a page. ``threshold``
    overrides the model's own (a probability; higher removes less).
    """

    name = "learned"
    order = 200  # after the phrase and structural cleaners, whose reasons are more specific
    description = "Body blocks a learned model scores as residue (appeals and prompts in any wording)."

    def __init__(self, threshold: float | None = None, max_words: int | None = None) -> None:
        self.threshold = threshold
        self.max_words = max_words

    def judge(self, page: Page) -> Iterator[Verdict]:
        model = residue_model()
        threshold = model.thresholds[page.format] if self.threshold is None else self.threshold
        max_words = model.max_words if self.max_words is None else self.max_words
        if threshold >= 1.0:
            return
        log_odds = math.log(threshold / (1.0 - threshold)) if threshold > 0.0 else -math.inf
        categories: list[list[str]] | None = None
        segments = page.segments
        for position, segment in enumerate(segments):
            if segment.words > max_words or segment.hint == KEPT or not _at_body(segments, position):
                continue
            if categories is None:
                categories = phrase_categories(page)
            if model.log_odds(page, position, categories) < log_odds:
                continue
            names = features(page, position, categories)
            score = model.score(names)
            evidence = ", ".join(model.evidence(names))
            reason = f"learned residue score {score:.2f}" + (f" ({evidence})" if evidence else "")
            yield Verdict.remove(segment, reason, score)
