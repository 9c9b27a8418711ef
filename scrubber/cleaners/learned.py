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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from itertools import repeat

from scrubber.cleaners.base import Page, Segment, Verdict
from scrubber.extract import KEPT

# Scripts written without spaces between words: their text is read as character pairs instead.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_UNSPACED_LIMIT = 120  # character pairs of the first this-many characters: enough to know a short block
# Punctuation, read as spaces between words (a regex replaces it several times as fast as str.translate)
_PUNCTUATION = re.compile("[" + re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»“”„‘’…–—·•") + "]")
_SEPARATORS = re.compile(r"[|·•»›]| / ")
_WORD_BUCKETS = (1, 2, 3, 5, 8, 13, 20, 35, 60)
_PLACES = (0.1, 0.3, 0.7, 0.9)  # of the page, from its first block to its last
_LINKS = (0.0, 0.3, 0.7)  # link density
_EDGES = 3  # the farthest `_body_edge` tells apart
_NEIGHBOURS = ("", "prev-", "next-")  # a block's own phrase categories, its previous and next block's


def words(normalized: str) -> set[str]:
    """The distinct words of a block's normalized text, punctuation set aside."""
    return {word for word in _PUNCTUATION.sub(" ", normalized).split() if len(word) < 20}


def unspaced(text: str) -> bool:
    """Whether the text holds a script written without spaces (read by character pairs)."""
    return not text.isascii() and _UNSPACED.search(text) is not None


def _bucket(value: float, edges: Sequence[float]) -> int:
    """The index of the first edge at or above ``value`` (len(edges) past the last)."""
    return bisect_left(edges, value)


def _has_separators(text: str) -> bool:
    """Whether the text holds a separator of run-together links or buttons ("Home | News", "A · B")."""
    if text.isascii():  # the quick test of most blocks: the pattern's only ASCII separators
        return "|" in text or " / " in text
    return _SEPARATORS.search(text) is not None


def _ending(text: str) -> str:
    last = text[-1:]
    if last.isalpha():
        return "letter"
    if last and last in ".!?:…;,。！？":
        return last
    return "digit" if last.isdigit() else "other"


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
        *_placed_features(page, position, _shapes(page.segments)),
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
    found = [f"{fmt}:kind:{segment.kind}", f"{fmt}:links:{_bucket(segment.link_density, _LINKS)}"]
    if "?" in segment.text:
        found.append("question")
    if _has_separators(segment.text):
        found.append("separators")
    found += ["p:" + category for category in categories[position]]
    if position > 0:
        found += ["prev-p:" + category for category in categories[position - 1]]
    if position + 1 < len(categories):
        found += ["next-p:" + category for category in categories[position + 1]]
    return found


def _placed_features(page: Page, position: int, shape: Callable[[int], str]) -> list[str]:
    """Shape, place and neighbours' shapes; ``shape`` gives the shape of a position ("none" off the page)."""
    fmt = page.format
    return [
        f"{fmt}:shape:{shape(position)}",
        f"{fmt}:place:{_bucket(position / max(len(page.segments) - 1, 1), _PLACES)}",
        f"{fmt}:edge:{_body_edge(page.segments, position)}",
        f"{fmt}:prev:{shape(position - 1)}",
        f"{fmt}:next:{shape(position + 1)}",
    ]


def _shapes(segments: Sequence[Segment]) -> Callable[[int], str]:
    """The shape of each position, each worked out once (it weighs for the block and its neighbours)."""
    known: dict[int, str] = {}

    def shape(at: int) -> str:
        found = known.get(at)
        if found is None:
            found = known[at] = _shape(segments[at]) if 0 <= at < len(segments) else "none"
        return found

    return shape


def _body_edge(segments: Sequence[Segment], position: int) -> int:
    """How far the block is from the nearest end of its run of body (or non-body) blocks, up to 3."""
    inside = segments[position].in_body
    for distance in range(3):
        for neighbour in (position - distance - 1, position + distance + 1):
            if not 0 <= neighbour < len(segments) or segments[neighbour].in_body != inside:
                return distance
    return 3


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

    @cached_property
    def _tables(self) -> dict[str, _Tables]:
        return {fmt: _Tables.of(self.weights, fmt) for fmt in ("html", "text")}

    def log_odds(self, page: Page, positions: Sequence[int], categories: Sequence[Sequence[str]]) -> list[float]:
        """The log-odds of the blocks at ``positions``: the sums that `score` takes of `features`, worked
        out in one pass over the page from weights looked up by value (`_Tables`), no feature named (the
        cleaner scores every short block near the body this way)."""
        word_weight = self.word_weights.get
        pair_weight = self.weights.get
        tables = self._tables[page.format]
        segments = page.segments
        texts = page.normalized_texts
        last = len(segments) - 1
        shapes = [tables.none] * (len(segments) + 2)  # [0] and [-1] are off the page
        for near in {near for position in positions for near in (position - 1, position, position + 1)}:
            if 0 <= near <= last:
                shapes[near + 1] = tables.shape.get(_shape(segments[near]), _NO_WEIGHTS)
        no_categories: list[str] = []
        scores = []
        for position in positions:
            segment = segments[position]
            text = segment.text
            # words of 20 characters or more are never features, and so have no weight here either
            total = self.bias + sum(map(word_weight, set(_PUNCTUATION.sub(" ", texts[position]).split()), repeat(0.0)))
            if not text.isascii():  # character pairs: none in an ASCII block (`_pair_features`)
                total += sum(map(pair_weight, _pair_features(page, position), repeat(0.0)))
            total += tables.kind.get(segment.kind, 0.0) + tables.links[_bucket(segment.link_density, _LINKS)]
            if "?" in text:
                total += tables.question
            if _has_separators(text):
                total += tables.separators
            own = categories[position]
            before = categories[position - 1] if position > 0 else no_categories
            after = categories[position + 1] if position < last else no_categories
            if own or before or after:  # most blocks and their neighbours are in no phrase category
                for side, listed in enumerate((own, before, after)):
                    for category in listed:
                        total += tables.category.get(category, _NO_WEIGHTS)[side]
            total += shapes[position + 1][0] + shapes[position][1] + shapes[position + 2][2]
            total += tables.place[_bucket(position / max(last, 1), _PLACES)]
            total += tables.edge[_body_edge(segments, position)]
            scores.append(total)
        return scores

    def evidence(self, names: Sequence[str], count: int = 3) -> list[str]:
        """The block's words that weigh most towards residue."""
        found = sorted({name for name in names if name.startswith("w:") and self.weights.get(name, 0.0) > 0})
        found.sort(key=lambda name: -self.weights[name])
        return [name[2:] for name in found[:count]]


_NO_WEIGHTS = (0.0, 0.0, 0.0)


@dataclass(frozen=True)
class _Tables:
    """The weights of one page format's features other than words and character pairs, by the value
    the feature names (`features`): what `ResidueModel.log_odds` adds up. Shapes and phrase categories
    weigh three ways: as the block's own, as its previous block's, as its next block's."""

    kind: dict[str, float]
    links: tuple[float, ...]
    place: tuple[float, ...]
    edge: tuple[float, ...]
    shape: dict[str, tuple[float, float, float]]
    none: tuple[float, float, float]  # the "shape" of a neighbour off the page
    category: dict[str, tuple[float, float, float]]
    question: float
    separators: float

    @classmethod
    def of(cls, weights: dict[str, float], fmt: str) -> _Tables:
        def valued(prefix: str) -> dict[str, float]:
            return {name[len(prefix):]: weight for name, weight in weights.items() if name.startswith(prefix)}

        def three_ways(prefixes: Sequence[str]) -> dict[str, tuple[float, float, float]]:
            tables = [valued(prefix) for prefix in prefixes]
            keys = set().union(*tables)
            return {key: (tables[0].get(key, 0.0), tables[1].get(key, 0.0), tables[2].get(key, 0.0)) for key in keys}

        def by_bucket(kind: str, count: int) -> tuple[float, ...]:
            return tuple(weights.get(f"{fmt}:{kind}:{bucket}", 0.0) for bucket in range(count))

        shapes = three_ways([f"{fmt}:shape:", f"{fmt}:prev:", f"{fmt}:next:"])
        return cls(
            kind=valued(f"{fmt}:kind:"),
            links=by_bucket("links", len(_LINKS) + 1),
            place=by_bucket("place", len(_PLACES) + 1),
            edge=by_bucket("edge", _EDGES + 1),
            shape=shapes,
            none=shapes.get("none", _NO_WEIGHTS),
            category=three_ways([f"{side}p:" for side in _NEIGHBOURS]),
            question=weights.get("question", 0.0),
            separators=weights.get("separators", 0.0),
        )


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
        segments = page.segments
        in_body = [segment.in_body for segment in segments] + [False]  # [-1] and [len]: off the page
        positions = [
            position
            for position, segment in enumerate(segments)
            if segment.words <= max_words and segment.hint != KEPT
            and (in_body[position - 1] or segment.in_body or in_body[position + 1])
        ]
        if not positions:
            return
        categories = phrase_categories(page)
        for position, odds in zip(positions, model.log_odds(page, positions, categories), strict=True):
            if odds < log_odds:
                continue
            names = features(page, position, categories)
            score = model.score(names)
            evidence = ", ".join(model.evidence(names))
            reason = f"learned residue score {score:.2f}" + (f" ({evidence})" if evidence else "")
            yield Verdict.remove(segments[position], reason, score)
