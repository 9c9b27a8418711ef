"""The article-extraction-benchmark metric (see ../shared/benchmarks/aeb-dev/README.md)."""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrubber import Scrubber

AEB = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "aeb-dev"
_TOKEN = re.compile(r"\w+")
_PUNCTUATION = re.compile(r"[^\w\s]")


def fold(text: str) -> str:
    """Text compared leniently: case, accents and punctuation folded, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < 4:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def page_scores(predicted: str, expected: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one page, normalised so they sum to 1."""
    got, want = shingles(predicted), shingles(expected)
    tp = sum((got & want).values())
    fp = sum(got.values()) - tp
    fn = sum(want.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_f1(predicted: str, expected: str) -> float:
    tp, fp, fn = page_scores(predicted, expected)
    if fp == fn == 0:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def summary(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Precision, recall, F1 and accuracy over (predicted, expected) pairs."""
    precisions, recalls, exact = [], [], 0
    for predicted, expected in pairs:
        tp, fp, fn = page_scores(predicted, expected)
        if fp == 0 and fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
        else:
            if tp + fp > 0:
                precisions.append(tp / (tp + fp))
            if tp + fn > 0:
                recalls.append(tp / (tp + fn))
        exact += _TOKEN.findall(predicted or "") == _TOKEN.findall(expected or "")
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": exact / max(len(pairs), 1)}


def pages(root: Path = AEB) -> Iterator[tuple[str, str, bytes, str]]:
    """(id, url, html bytes, expected body) for every page of the set."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        yield page_id, truth[page_id]["url"], html, truth[page_id]["articleBody"]


def builtin_scrubber() -> Scrubber:
    """A scrubber with scrubber's own cleaners only: plugins installed beside it (the test suite installs
    an example one) must not move the numbers."""
    from scrubber import Scrubber
    from scrubber.plugins import describe
    from scrubber.version import DISTRIBUTION

    return Scrubber(cleaners=[info.name for info in describe() if info.origin == DISTRIBUTION])


def word_prf(predicted: str, expected: str) -> tuple[float, float, float]:
    """WCXB's metric: precision, recall, F1 of the bags of lower-cased ``\\w+`` tokens of one page."""
    got = Counter(token.lower() for token in _TOKEN.findall(predicted or ""))
    want = Counter(token.lower() for token in _TOKEN.findall(expected or ""))
    return _prf(got, want)


def bigram_prf(predicted: str, expected: str) -> tuple[float, float, float]:
    """Character-bigram precision, recall, F1 (spaces ignored): the fair score for CJK text."""
    return _prf(_bigrams(predicted), _bigrams(expected))


def _bigrams(text: str) -> Counter[str]:
    letters = "".join((text or "").split())
    return Counter(letters[i : i + 2] for i in range(len(letters) - 1))


def _prf(got: Counter[Any], want: Counter[Any]) -> tuple[float, float, float]:
    if not got and not want:
        return 1.0, 1.0, 1.0
    tp = sum((got & want).values())
    precision = tp / sum(got.values()) if got else 0.0
    recall = tp / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return precision, recall, f1


Runner = Callable[[bytes, str | None], str]


def systems(newspaper: bool = False) -> dict[str, Runner]:
    """scrubber (its own cleaners) and the peers installed here, each a function of (html, url) to text;
    newspaper4k only when asked (it is slow)."""
    import trafilatura

    engine = builtin_scrubber()
    found: dict[str, Runner] = {
        "scrubber": lambda html, url: engine.scrub(html, url=url).text,
        "trafilatura": lambda html, url: trafilatura.extract(html, url=url) or "",
        "trafilatura precision": lambda html, url: trafilatura.extract(html, url=url, favor_precision=True) or "",
    }
    try:
        import html_text
        from readability import Document

        found["readability-lxml"] = lambda html, url: html_text.extract_text(Document(html).summary())
    except ImportError:
        pass
    if not newspaper:
        return found
    try:
        from newspaper import Article

        def newspaper4k(html: bytes, url: str | None) -> str:
            article = Article(url or "", fetch_images=False)  # it would fetch each image over the network
            article.download(input_html=html.decode("utf-8", "replace"))
            article.parse()
            return str(article.text)

        found["newspaper4k"] = newspaper4k
    except ImportError:
        pass
    return found
