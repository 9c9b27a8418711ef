"""Bylines: tell a credit line ("By Jane Doe and John Roe, Reuters") from prose, and pull clean names."""

from __future__ import annotations

import re
from functools import lru_cache

from scrubber.phrases import with_defaults, words_of

_SPLIT = re.compile(r"\s*(?:,|;|\||/|•|·|\s-\s|\s–\s|\s—\s|\n)\s*")
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЇІЄҐ][\w'’.\-]*|[a-zà-ÿ]{1,3}|(?:al|el|bin|ibn)-\w+)$")
_MAX_BYLINE_WORDS = 16
_PARTICLES = {"van", "von", "der", "de", "da", "del", "di", "du", "le", "la", "al", "bin", "ibn", "ten", "ter", "dos"}


@lru_cache(maxsize=64)
def _patterns(languages: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    prefixes = "|".join(words_of("byline", "prefixes", languages))
    joiners = "|".join(re.escape(j) for j in words_of("byline", "joiners", languages))
    roles = frozenset(word.lower() for word in words_of("byline", "roles", languages))
    prefix = re.compile(rf"^\s*(?:{prefixes})\s+(?=\S)", re.IGNORECASE)
    joiner = re.compile(rf"\s+(?:{joiners})\s+", re.IGNORECASE)
    return prefix, joiner, roles


def looks_like_name(part: str, roles: frozenset[str] = frozenset()) -> bool:
    words = part.split()
    if not 1 < len(words) <= 5:
        return False
    if any(word.lower().strip(".,") in roles for word in words):
        return False
    capitalised = [w for w in words if w.lower() not in _PARTICLES]
    return bool(capitalised) and all(_NAME_WORD.match(word) and word[:1].isupper() for word in capitalised)


def split_authors(text: str, languages: tuple[str, ...] = ()) -> list[str]:
    """The person names in a byline, in order, without "By", dates, roles or agencies."""
    prefix, joiner, roles = _patterns(with_defaults(languages))
    text = prefix.sub("", text.strip())
    names: list[str] = []
    for part in _SPLIT.split(joiner.sub(",", text)):
        part = prefix.sub("", part).strip(" .:")
        if looks_like_name(part, roles) and part not in names:
            names.append(part)
    return names


def parse_byline(text: str, languages: tuple[str, ...] = ()) -> list[str] | None:
    """The authors when ``text`` is a byline line ("By Jane Doe"), else None."""
    if len(text.split()) > _MAX_BYLINE_WORDS:
        return None
    prefix, _, _ = _patterns(with_defaults(languages))
    if not prefix.match(text):
        return None
    authors = split_authors(text, languages)
    return authors or None
