"""Bylines: tell a credit line ("By Jane Doe and John Roe, Reuters") from prose, and pull clean names."""

from __future__ import annotations

import re
from functools import lru_cache

from scrubber.phrases import with_defaults, words_of
from scrubber.scripts import WORD_AFTER, count_words, is_spaceless

_SPLIT = re.compile(r"\s*(?:,|;|\||/|•|·|\s-\s|\s–\s|\s—\s|\n|／|，|、|；|・)\s*")
# a name in a script of East Asia: two to four Han or Hangul characters, or a Japanese name of up to eight
# Han and kana characters, family and given name perhaps apart
_HAN, _HANGUL, _HAN_KANA = "[\u4e00-\u9fff]", "[\uac00-\ud7af]", "[\u3040-\u30ff\u4e00-\u9fff]"
_EAST_ASIAN_NAME = re.compile(f"^(?:{_HAN}{{2,4}}|{_HANGUL}{{2,4}}|{_HAN_KANA}{{1,4}} ?{_HAN_KANA}{{1,4}})$")
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЇІЄҐ][\w'’.\-]*|[a-zà-ÿ]{1,3}|(?:al|el|bin|ibn)-\w+)$")
_MAX_BYLINE_WORDS = 16
_PARTICLES = {"van", "von", "der", "de", "da", "del", "di", "du", "le", "la", "al", "bin", "ibn", "ten", "ter", "dos"}


@lru_cache(maxsize=64)
def _patterns(
    languages: tuple[str, ...],
) -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], re.Pattern[str] | None]:
    prefixes = "|".join(words_of("byline", "prefixes", languages))
    joiners = "|".join(re.escape(j) for j in words_of("byline", "joiners", languages))
    roles = frozenset(word.lower() for word in words_of("byline", "roles", languages))
    # "By Jane", "Author: Jane", "文／王小明", "記者王小明": the prefix ends where a word of a spaced script would
    prefix = re.compile(rf"^\s*(?:{prefixes}){WORD_AFTER}\s*(?=\S)", re.IGNORECASE)
    joiner = re.compile(rf"\s+(?:{joiners})\s+", re.IGNORECASE)
    suffixes = "|".join(words_of("byline", "suffixes", languages))
    # "홍길동 기자", "山田太郎記者": a title after the name
    suffix = re.compile(rf"\s*(?:{suffixes})\s*$") if suffixes else None
    return prefix, joiner, roles, suffix


def looks_like_name(part: str, roles: frozenset[str] = frozenset()) -> bool:
    if is_spaceless(part) or (part and "\uac00" <= part[0] <= "\ud7af"):
        return bool(_EAST_ASIAN_NAME.match(part)) and not any(role in part for role in roles)
    words = part.split()
    if not 1 < len(words) <= 5:
        return False
    if any(word.lower().strip(".,") in roles for word in words):
        return False
    capitalised = [w for w in words if w.lower() not in _PARTICLES]
    return bool(capitalised) and all(_NAME_WORD.match(word) and word[:1].isupper() for word in capitalised)


def split_authors(text: str, languages: tuple[str, ...] = ()) -> list[str]:
    """The person names in a byline, in order, without "By", dates, roles or agencies."""
    prefix, joiner, roles, suffix = _patterns(with_defaults(languages))
    text = prefix.sub("", text.strip())
    names: list[str] = []
    for part in _SPLIT.split(joiner.sub(",", text)):
        part = prefix.sub("", part).strip(" .:")
        if suffix:
            part = suffix.sub("", part)
        if looks_like_name(part, roles) and part not in names:
            names.append(part)
    return names


def parse_byline(text: str, languages: tuple[str, ...] = ()) -> list[str] | None:
    """The authors when ``text`` is a byline line ("By Jane Doe"), else None."""
    if count_words(text) > _MAX_BYLINE_WORDS:
        return None
    prefix, _, _, suffix = _patterns(with_defaults(languages))
    if not prefix.match(text) and not (suffix and suffix.search(text)):
        return None
    authors = split_authors(text, languages)
    return authors or None
