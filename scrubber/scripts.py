"""Measures of text that hold in every script.

Chinese, Japanese and Thai are written without spaces between words, so counting spaces calls a
paragraph of two hundred characters one word. Here such runs count by characters (two Han or kana
characters, or three letters of Thai and its neighbours, make about one word of a spaced language), sentences may end in
``。！？``, and in phrase matching a character of these scripts (or of Korean, whose particles cling to
the word before them) is never taken for the inside of a word.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Han, kana (with the half-width forms), and the scripts of South-East Asia (Thai, Lao, Myanmar, Khmer):
# scripts written without spaces between words.
_HAN_KANA = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_SOUTHEAST = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
_CJK_PUNCTUATION = "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_SPACELESS = re.compile(f"[{_HAN_KANA}{_SOUTHEAST}{_CJK_PUNCTUATION}]")
_HAN_KANA_RUN = re.compile(f"[{_HAN_KANA}]+")
_SOUTHEAST_RUN = re.compile(f"[{_SOUTHEAST}]+")
_HAN_KANA_PER_WORD = 2
_SOUTHEAST_PER_WORD = 3

# Characters after which a phrase may start, or before which it may end, though they are ``\w``.
_UNSPACED = f"{_HAN_KANA}{_SOUTHEAST}{_HANGUL}"
WORD_BEFORE = f"(?<![^\\W{_UNSPACED}])"
WORD_AFTER = f"(?![^\\W{_UNSPACED}])"
_UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")

SENTENCE_ENDS = ".!?…:;。！？；：．।॥؟۔"  # with the Devanagari danda and the Arabic and Urdu marks
CLOSERS = "'\"’”»)]）」』】〉》〕"
OPENERS = "'\"‘“«(（「『【〈《〔"


@lru_cache(maxsize=8192)  # every step measures the same blocks: the parser, the extractor, the cleaners
def count_words(text: str) -> int:
    """Words of ``text``: space-separated ones, plus runs of spaceless scripts counted by characters."""
    if text.isascii() or not _SPACELESS.search(text):
        return len(text.split())
    rest = _SOUTHEAST_RUN.sub(" ", _HAN_KANA_RUN.sub(" ", text)).split()
    spaced = sum(1 for token in rest if any(map(str.isalnum, token)))  # not the 、。 left between runs
    han_kana = sum(-(-len(run) // _HAN_KANA_PER_WORD) for run in _HAN_KANA_RUN.findall(text))
    southeast = sum(-(-len(run) // _SOUTHEAST_PER_WORD) for run in _SOUTHEAST_RUN.findall(text))
    return spaced + han_kana + southeast


def is_spaceless(text: str) -> bool:
    """Whether ``text`` holds characters of a script written without spaces between words (or the
    punctuation of such scripts)."""
    return not text.isascii() and bool(_SPACELESS.search(text))


# characters a terminal prints two columns wide (East Asian Wide and Fullwidth): Hangul, CJK punctuation,
# kana, Han, Yi, the full-width forms
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def printed_width(text: str) -> int:
    """The columns a terminal (a text browser's dump) gives ``text``: two for a wide character."""
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))


_HAN_KANA_OR_PUNCTUATION = re.compile(f"[{_HAN_KANA}{_CJK_PUNCTUATION}]")


def joins_without_space(left: str, right: str) -> bool:
    """Whether a line cut between characters ``left`` and ``right`` was cut inside Chinese or Japanese
    text, which has no spaces to cut at (Thai and its neighbours set phrases apart by spaces)."""
    return bool(_HAN_KANA_OR_PUNCTUATION.match(left) and _HAN_KANA_OR_PUNCTUATION.match(right))


_SPACE_IN_HAN_KANA = re.compile(f"(?<=[{_HAN_KANA}）」』】])[ \u3000]+(?=[{_HAN_KANA}（「『【0-9０-９①-⑳])")


def spaces_between_han_kana(text: str) -> int:
    """How often a space parts two characters of Chinese or Japanese text, whose sentences have none
    (brackets and quotes count as characters, and a digit or circled number after the space: the number
    of the next item of a ranking; not counted next to a comma or a sentence end, where a copied paragraph keeps the
    page's spacing around its links or between its sentences)."""
    return len(_SPACE_IN_HAN_KANA.findall(text)) if is_spaceless(text) else 0


# Chinese function words (particles, pronouns, copulas, adverbs, conjunctions), simplified and traditional:
# prose is full of them, headlines and menus leave them out
_CHINESE_FUNCTION_CHARACTERS = frozenset(
    "的了是在也就都而还還着著把被让讓这這那我你他她们們不有很要会會到说說和与與但却卻所以因为為如果虽雖然又已经經才再从從对對给給得地过過吧呢啊吗嗎之其将將"
)
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def chinese_function_share(text: str) -> float:
    """The share of a text's Han characters that are Chinese function words (0.0 without Han)."""
    han = _HAN.findall(text)
    return sum(char in _CHINESE_FUNCTION_CHARACTERS for char in han) / len(han) if han else 0.0


_HIRAGANA = re.compile("[\u3040-\u309f]")


def hiragana_share(text: str) -> float:
    """The share of a text's characters, spaces aside, that are hiragana (0.0 for a blank text)."""
    characters = len(text) - sum(map(str.isspace, text))
    return len(_HIRAGANA.findall(text)) / characters if characters else 0.0


def is_word_char(char: str) -> bool:
    """Whether ``char`` may be the inside of a word for phrase matching: what ``\\w`` matches, except
    characters of scripts whose words are not set apart by spaces."""
    return (char.isalnum() or char == "_") and not _UNSPACED_CHAR.match(char)


_SCRIPTS = (
    ("ja", re.compile("[\u3040-\u30ff\uff66-\uff9f]")),  # kana: only Japanese writes them
    ("ko", re.compile(f"[{_HANGUL}]")),
    ("th", re.compile("[\u0e00-\u0e7f]")),
    ("lo", re.compile("[\u0e80-\u0eff]")),
    ("my", re.compile("[\u1000-\u109f]")),
    ("km", re.compile("[\u1780-\u17ff]")),
    ("zh", re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")),  # Han without kana
)
_SCRIPTS_TOLD = re.compile("|".join(pattern.pattern for _, pattern in _SCRIPTS))
_SCRIPT_SHARE = 0.2  # of the letters
_KANA_IN_HAN = 0.05  # Japanese prose has kana in every sentence; Chinese quotes a few at most


def script_language(text: str) -> str | None:
    """The language a text's script tells (ja, ko, zh, th, lo, my, km) when enough of its letters are in one, else
    None (scripts shared by many languages, such as Latin and Cyrillic, tell nothing)."""
    if text.isascii() or not _SCRIPTS_TOLD.search(text):  # most pages: a quick scan and done
        return None
    letters = sum(map(str.isalpha, text))
    if not letters:
        return None
    counts = {language: len(pattern.findall(text)) for language, pattern in _SCRIPTS}
    if counts["ja"] >= _KANA_IN_HAN * letters and counts["ja"] + counts["zh"] >= _SCRIPT_SHARE * letters:
        return "ja"
    best = max((language for language in counts if language != "ja"), key=counts.__getitem__)
    return best if counts[best] >= _SCRIPT_SHARE * letters else None
