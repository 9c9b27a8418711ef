"""The cleaner interface: what a cleaner sees (a `Page` of `Segment`s) and what it returns (`Verdict`s)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, NamedTuple, Protocol, runtime_checkable

from scrubber.phrases import normalize_all, phrase_book


class Segment(NamedTuple):
    """A block of the document as cleaners see it: text plus the features the parser measured.

    An immutable record (a named tuple: a page has a few hundred, made for every document). ``text``
    has its whitespace collapsed to single spaces; ``words`` counts its words; ``in_body`` says
    whether the extractor placed the block inside the article (cleaners judge every block so that each
    removal carries the most specific reason); ``link_density`` is the share of the text inside links
    (HTML); ``hint`` carries what the extractor knows that the text does not say.
    """

    index: int  # type: ignore[assignment]  # the position in the page, shadowing tuple.index on purpose
    kind: str
    text: str
    words: int
    in_body: bool = True
    link_density: float = 0.0
    hint: str = ""


@dataclass(frozen=True)
class Page:
    """Everything a cleaner may look at: the segments in reading order and facts about the page."""

    segments: Sequence[Segment]
    languages: tuple[str, ...] = ("all", "en")
    format: Literal["html", "text"] = "text"
    url: str | None = None
    extra_phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # what the page is (see `scrubber.Article.page_type`): a listing's links are its content
    page_type: str = "unknown"

    @cached_property
    def normalized_texts(self) -> list[str]:
        """Each segment's text lower-cased, quotes straightened, spaces collapsed (see `normalize`)."""
        return normalize_all([segment.text for segment in self.segments])

    @cached_property
    def phrase_positions(self) -> dict[str, list[int]]:
        """For each phrase category, the positions of the segments its patterns may match (a superset;
        computed once for all cleaners)."""
        book = phrase_book(self.languages, self.extra_phrases)
        positions: dict[str, list[int]] = {}
        texts = [segment.text for segment in self.segments]
        for position, categories in enumerate(book.categories(texts, self.normalized_texts)):
            for category in categories:
                positions.setdefault(category, []).append(position)
        return positions


@dataclass(frozen=True)
class Verdict:
    """A judgement on the segments ``start`` to ``stop`` (exclusive): drop them or protect them."""

    start: int
    stop: int
    drop: bool
    reason: str
    confidence: float = 1.0

    @classmethod
    def remove(cls, segment: Segment, reason: str, confidence: float = 1.0) -> Verdict:
        return cls(segment.index, segment.index + 1, True, reason, confidence)


@runtime_checkable
class Cleaner(Protocol):
    """A cleaner: a named object that judges a page's segments.

    Register one under the entry-point group ``scrubber.cleaners``; the entry point names a class or a
    factory called with the cleaner's options from the configuration file as keyword arguments.
    """

    name: str
    description: str

    def judge(self, page: Page) -> Iterable[Verdict]:
        """Return verdicts for the segments this cleaner has an opinion on; silence means keep."""
        ...


# A short link: a block of at most this many words, at least this share of its text inside links (a menu's
# item, a pager's "Next Topic", a "Back to all posts")
SHORT_LINK_WORDS = 6
SHORT_LINK_SHARE = 0.9


def is_short_link(segment: Segment) -> bool:
    """Whether ``segment`` is a short link (`SHORT_LINK_WORDS`, `SHORT_LINK_SHARE`), what menus and pagers
    are made of."""
    return 0 < segment.words <= SHORT_LINK_WORDS and segment.link_density >= SHORT_LINK_SHARE


def quote(text: str, limit: int = 60) -> str:
    """A short quotation of a block for a human-readable reason."""
    flat = " ".join(text.split())
    return f"'{flat}'" if len(flat) <= limit else f"'{flat[: limit - 1]}…'"
