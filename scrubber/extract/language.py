"""Language identification by stopwords from the phrase packs: fast, dependency-free, good enough
to pick phrase packs (which is all scrubber needs it for)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from scrubber.phrases import available_languages, words_of
from scrubber.scripts import count_words, script_language

_WORD = re.compile(r"\w+")
_SAMPLE_CHARS = 2000
_MIN_HITS = 5
_PROSE_WORDS = 5  # a block of six words or more is prose enough to count stopwords in


@cache
def _stopword_languages() -> dict[str, tuple[str, ...]]:
    """Each stopword of the packs and the languages it belongs to."""
    languages_of: dict[str, tuple[str, ...]] = {}
    for lang in available_languages():
        for word in words_of("language", "stopwords", (lang,)):
            languages_of[word] = (*languages_of.get(word, ()), lang)
    return languages_of


def language_sample(blocks: Iterable[str]) -> str:
    """Text to identify a page's language by: its first prose-like blocks (menus and headlines hold few
    stopwords), or the first blocks whatever they are when there is little prose."""
    prose: list[str] = []
    first: list[str] = []
    prose_size = first_size = 0
    for text in blocks:
        if first_size < _SAMPLE_CHARS:
            first.append(text)
            first_size += len(text) + 1
        if count_words(text) > _PROSE_WORDS:
            prose.append(text)
            prose_size += len(text) + 1
            if prose_size >= _SAMPLE_CHARS:
                break
    return " ".join(prose if prose_size >= _SAMPLE_CHARS // 10 else first)


def detect_language(text: str, declared: str | None = None) -> str | None:
    """The ISO 639-1 code of the packs' language that best fits ``text``.

    A script only one language writes (kana, Hangul, Thai; Han without kana is Chinese) decides first.
    A declared language (``<html lang>``, Content-Language) wins when the text does not clearly say
    otherwise; ``None`` when there is too little text to tell.
    """
    if by_script := script_language(text[:_SAMPLE_CHARS]):
        return by_script
    languages_of = _stopword_languages()
    scores = dict.fromkeys(available_languages(), 0)
    for word in _WORD.findall(text[:_SAMPLE_CHARS].lower()):
        for lang in languages_of.get(word, ()):
            scores[lang] += 1
    best = max(scores, key=lambda lang: scores[lang], default=None)
    declared = (declared or "").split("-")[0].split("_")[0].strip().lower() or None
    if best is None or scores[best] < _MIN_HITS:
        return declared
    if declared in scores and scores[declared] * 2 >= scores[best]:
        return declared
    return best
