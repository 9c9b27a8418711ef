"""Phrase packs: per-language data files compiled once per process into one matcher per category.

Packs are the ``<lang>.toml`` files beside this module; ``all.toml`` holds language-independent patterns and
English always applies, because English residue (share bars, credits) shows up on pages of every
language.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate
from typing import Any

from scrubber.phrases.anchors import Gate, anchors
from scrubber.scripts import WORD_AFTER, WORD_BEFORE, count_words

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ALWAYS = ("all", "en")
# No residue line is longer than this; longer blocks skip the whole-line patterns.
MAX_LINE_CHARS = 300
_MIN_LINE_ANCHOR = 3
_KNOWN_TEXTS = 8192
_CURLY_QUOTES = (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'))
_LEADING = " -–—•*·>|:・■●◆▶"
_TRAILING = " .!?:;,…-–—|。！？：；、"


# Every cleaner looks at every block, so the matching forms of a block are computed once and cached.
@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Lower-case, straighten quotes and collapse whitespace: the form every pattern is matched on."""
    return _fold(" ".join(text.split()))


def normalize_all(texts: Sequence[str]) -> list[str]:
    """`normalize` of each text, done on all of them at once (a page's blocks).

    Block texts come from the parsers with their whitespace collapsed to single spaces; texts with
    doubled, leading or trailing spaces or line breaks are collapsed here (other whitespace, such as
    tabs, is the caller's to fold).
    """
    if not texts:
        return []
    # one text a line, each in the form `normalize` gives; lower-casing may change a line's length
    joined = "\n".join(texts)
    if (
        joined.count("\n") != len(texts) - 1
        or "  " in joined
        or "\n " in joined
        or " \n" in joined
        or joined[:1] == " "
        or joined[-1:] == " "
    ):
        joined = "\n".join(" ".join(text.split()) for text in texts)
    return _fold(joined).split("\n")


def _fold(text: str) -> str:
    """`normalize` for text whose whitespace is already collapsed (or that joins such lines)."""
    for curly, straight in _CURLY_QUOTES:
        if curly in text:
            text = text.replace(curly, straight)
    return text.lower()


@lru_cache(maxsize=8192)
def bare(text: str) -> str:
    """`normalize`, then drop bullets and end punctuation, for whole-line matches."""
    return normalize(text).lstrip(_LEADING).rstrip(_TRAILING)


@cache
def available_languages() -> tuple[str, ...]:
    """Every language with a phrase pack (``all`` excluded)."""
    files = resources.files("scrubber.phrases").iterdir()
    names = sorted(f.name[:-5] for f in files if f.name.endswith(".toml"))
    return tuple(name for name in names if name != "all")


@cache
def load_pack(language: str) -> dict[str, Any]:
    """The raw data of one language's pack, or an empty dict when there is none."""
    path = resources.files("scrubber.phrases").joinpath(f"{language}.toml")
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def with_defaults(languages: Iterable[str]) -> tuple[str, ...]:
    """The packs to use for a page: the language-independent one, English, then the page's own."""
    chosen = list(ALWAYS)
    for language in languages:
        if language and language not in chosen:
            chosen.append(language)
    return tuple(chosen)


def _alternation(patterns: Iterable[str], *, whole: bool) -> re.Pattern[str] | None:
    patterns = [p for p in patterns if p]
    if not patterns:
        return None
    body = "|".join(f"(?:{p})" for p in patterns)
    if whole:
        return re.compile(f"(?:{body})")
    return re.compile(f"{WORD_BEFORE}(?:{body}){WORD_AFTER}")


@dataclass(frozen=True)
class PhraseSet:
    """One category's patterns from several packs, compiled into three regexes."""

    lines: re.Pattern[str] | None
    phrases: re.Pattern[str] | None
    openers: re.Pattern[str] | None

    def is_line(self, text: str) -> bool:
        """Whether the whole block, bullets and end punctuation aside, is a residue line."""
        return bool(self.lines and len(text) <= MAX_LINE_CHARS and self.lines.fullmatch(bare(text)))

    def is_row(self, text: str) -> bool:
        """Whether the block is a row of residue lines run together ("Share · Post · Mail")."""
        items = row_items(text)
        return len(items) >= 2 and all(map(self.is_line, items))

    def hits(self, text: str) -> list[str]:
        """The distinct phrases found in the block, in order of appearance."""
        if not self.phrases:
            return []
        found: dict[str, None] = {}
        for match in self.phrases.finditer(normalize(text)):
            found.setdefault(match.group(0), None)
        return list(found)

    def opener(self, text: str) -> str | None:
        """The run-opening phrase the block starts with, if any."""
        if not self.openers:
            return None
        match = self.openers.match(bare(text))
        return match.group(0) if match else None


def _strings(value: Any) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


@lru_cache(maxsize=256)
def phrase_set(category: str, languages: tuple[str, ...], extra: tuple[str, ...] = ()) -> PhraseSet:
    """The compiled patterns of ``category`` for these packs, plus ``extra`` phrases (site rules)."""
    lines: list[str] = []
    phrases: list[str] = list(extra)
    openers: list[str] = []
    for language in languages:
        section = load_pack(language).get(category, {})
        lines += _strings(section.get("lines"))
        phrases += _strings(section.get("phrases"))
        openers += _strings(section.get("openers"))
    return PhraseSet(
        lines=_alternation(lines, whole=True),
        phrases=_alternation(phrases, whole=False),
        openers=_alternation(openers, whole=False),
    )


@lru_cache(maxsize=64)
def words_of(section: str, key: str, languages: tuple[str, ...]) -> tuple[str, ...]:
    """A word list (stopwords, byline prefixes, month names) merged over packs."""
    merged: list[str] = []
    for language in languages:
        merged += _strings(load_pack(language).get(section, {}).get(key))
    return tuple(dict.fromkeys(merged))


CATEGORIES = ("donation", "newsletter", "navigation", "share", "cookie", "credit")
# Sections of a pack that hold word lists, not patterns.
_WORD_SECTIONS = ("language", "byline")


class PhraseBook:
    """Every category of some packs behind one quick test, `categories`.

    Most blocks match nothing. One scan of a whole page for the literal anchors of every pattern (see
    `scrubber.phrases.anchors`), plus the few line patterns that have no anchor, tells which categories
    may match each block, so each cleaner runs its full patterns on a few blocks only.
    """

    def __init__(self, sections: dict[str, dict[str, list[str]]], sets: dict[str, PhraseSet]) -> None:
        anchored: dict[tuple[str, str], list[tuple[str, bool]]] = {}
        unanchored_lines: dict[str, list[str]] = {}
        unanchored: set[str] = set()
        unanchored_phrases: set[str] = set()
        for name, section in sections.items():
            for kind in ("lines", "phrases", "openers"):
                for pattern in section[kind]:
                    found = anchors(pattern)
                    if kind == "lines" and found and min(len(literal) for literal, _ in found) < _MIN_LINE_ANCHOR:
                        found = None  # a line is short: testing it whole is cheaper than finding "." or "x"
                    if found is not None:
                        anchored.setdefault((name, kind), []).extend(found)
                    elif kind == "lines":
                        unanchored_lines.setdefault(name, []).append(pattern)
                    else:
                        unanchored.add(name)
                        if kind == "phrases":
                            unanchored_phrases.add(name)
        self._gate: Gate[tuple[str, str]] = Gate(anchored)
        self._always = frozenset(unanchored)
        self._always_phrases = frozenset(unanchored_phrases)
        self._nothing = (self._always, self._always_phrases)
        self._unanchored_lines = _alternation([p for group in unanchored_lines.values() for p in group], whole=True)
        self._with_unanchored_lines = frozenset(unanchored_lines)
        self._sets = sets
        # for each text seen: its categories and those whose phrases it may hold (pages of a site share
        # their menus and footers)
        self._known: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        # the phrases found in each (category, text) asked about: the extractor asks of the blocks that
        # the cleaners ask of again
        self._hits: dict[tuple[str, str], tuple[str, ...]] = {}

    def categories(self, texts: Sequence[str], normalized: Sequence[str] | None = None) -> list[frozenset[str]]:
        """For each text, the categories whose lines, phrases or openers may match it (a superset of
        those that do, never less). ``normalized`` spares the work when the caller has `normalize_all`'s
        forms of the texts already."""
        known = self._learn(texts, normalized)
        return [known[text][0] for text in texts]

    def hits(self, category: str, text: str) -> list[str]:
        """`PhraseSet.hits` of ``category`` in ``text``, skipping the patterns when the anchor scan found
        none of the category's phrases in it (most texts that `categories` flags hold a line or an opener)."""
        flags = self._known.get(text) or self._learn([text])[text]
        if category not in flags[1]:
            return []
        found = self._hits.get((category, text))
        if found is None:
            if len(self._hits) >= _KNOWN_TEXTS:
                self._hits = {}  # as the memo of categories: a thread still reading the old one keeps it
            found = self._hits[category, text] = tuple(self._sets[category].hits(text))
        return list(found)

    def _learn(
        self, texts: Sequence[str], normalized: Sequence[str] | None = None
    ) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        """The memo, holding every one of ``texts``."""
        known = self._known
        new = {text: position for position, text in enumerate(texts) if text not in known}
        if new:
            if len(known) + len(new) > _KNOWN_TEXTS:
                # start a new memo (a thread still reading the old one keeps it), carrying this page's texts
                known = self._known = {text: known[text] for text in texts if text in known}
            lines = [normalized[position] for position in new.values()] if normalized else normalize_all(list(new))
            for text, line, labels in zip(new, lines, self._labels(lines), strict=True):
                # a whole-line pattern is tested on the line's `bare` form, derived here from `normalize`'s
                flat = line.lstrip(_LEADING).rstrip(_TRAILING) if len(text) <= MAX_LINE_CHARS else None
                known[text] = self._confirm(flat, labels)
        return known

    def _labels(self, lines: list[str]) -> list[set[tuple[str, str]]]:
        """The gate's labels of each normalized text, from one scan over all of them."""
        starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        found: list[set[tuple[str, str]]] = [set() for _ in lines]
        for position, labels in self._gate.matches("\n".join(lines)):
            found[bisect_right(starts, position) - 1] |= labels
        return found

    def _confirm(self, flat: str | None, labels: set[tuple[str, str]]) -> tuple[frozenset[str], frozenset[str]]:
        """The categories of a text and those whose phrases it may hold, from the gate's labels and its
        `bare` form (None when too long to be a line)."""
        unanchored = bool(flat is not None and self._unanchored_lines and self._unanchored_lines.fullmatch(flat))
        if not labels and not unanchored:
            return self._nothing  # most texts
        phrases = self._always_phrases.union(name for name, kind in labels if kind == "phrases")
        found = set(self._always)
        found.update(name for name, kind in labels if kind != "lines")
        if flat is not None:
            candidates = {name for name, kind in labels if kind == "lines"} - found
            if unanchored:
                candidates |= self._with_unanchored_lines - found
            for name in candidates:
                lines = self._sets[name].lines
                if lines and (lines.fullmatch(flat) or self._sets[name].is_row(flat)):
                    found.add(name)
        return frozenset(found), phrases


def phrase_book(languages: tuple[str, ...], extra: Mapping[str, Sequence[str]] | None = None) -> PhraseBook:
    """The `PhraseBook` of these packs plus ``extra`` phrases by category (site rules)."""
    key = tuple(sorted((category, tuple(phrases)) for category, phrases in (extra or {}).items()))
    return _phrase_book(languages, key)


@lru_cache(maxsize=64)
def _phrase_book(languages: tuple[str, ...], extra: tuple[tuple[str, tuple[str, ...]], ...]) -> PhraseBook:
    sections: dict[str, dict[str, list[str]]] = {}
    for category, phrases in extra:
        sections.setdefault(category, {"lines": [], "phrases": [], "openers": []})["phrases"] += phrases
    for language in languages:
        for name, section in load_pack(language).items():
            if name in _WORD_SECTIONS or not isinstance(section, dict):
                continue
            merged = sections.setdefault(name, {"lines": [], "phrases": [], "openers": []})
            for key in merged:
                merged[key] += _strings(section.get(key))
    more = dict(extra)
    sets = {name: phrase_set(name, languages, more.get(name, ())) for name in sections}
    return PhraseBook(sections, sets)



_ROW_SEPARATOR = re.compile(r"\s*[·•|/｜]\s*")
# whether a line holds a separator: the same answer as `_ROW_SEPARATOR.search`, without trying the spaces
# before one at every character
_HAS_ROW_SEPARATOR = re.compile(r"[·•|/｜]")
_MAX_ROW_CHARS = 120


def row_items(text: str) -> list[str]:
    """The items of a line that may be a row of buttons or links run together: split at separators
    ("Share · Post · Mail"), or at spaces when there are none ("Facebook Twitter Email"); [] when the
    line is too long to be one."""
    if len(text) > _MAX_ROW_CHARS:
        return []
    return [item for item in (_ROW_SEPARATOR.split(text) if _HAS_ROW_SEPARATOR.search(text) else text.split()) if item]


def is_residue(text: str, languages: tuple[str, ...], max_words: int = 20) -> bool:
    """Whether any category's patterns mark this short text as residue (used to vet headline candidates)."""
    if count_words(text) > max_words:
        return False
    book = phrase_book(languages)
    for category in book.categories([text])[0].intersection(CATEGORIES):  # the categories that may match
        phrases = phrase_set(category, languages)
        if phrases.is_line(text) or book.hits(category, text) or phrases.opener(text):
            return True
    return False
