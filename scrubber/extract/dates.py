"""Dates written out on a page ("March 3, 2025", "3 mars 2025", "2025-03-03 10:15") → ISO 8601."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from scrubber.phrases import load_pack, with_defaults

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?")
# East Asian order, year first: 2024年5月3日 (Chinese, Japanese), 2024년 5월 3일 (Korean)
_YEAR_FIRST = re.compile(r"(?<!\d)(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)")
# year first: "2024年5月3日" (Chinese, Japanese), "2024년 5월 3일" (Korean), "2024.05.03", "2024/5/3"
_YEAR_FIRST = re.compile(
    r"(?<!\d)(\d{4})\s*(?:年|년|[./])\s*(\d{1,2})\s*(?:月|월|[./])\s*(\d{1,2})(?:\s*[日일])?(?!\d)"
)
_TIME = re.compile(r"(?<!\d)(\d{1,2})[:.h](\d{2})(?!\d)\s*(am|pm|a\.m\.|p\.m\.)?", re.IGNORECASE)


@lru_cache(maxsize=64)
def _month_numbers(languages: tuple[str, ...]) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for language in languages:
        byline = load_pack(language).get("byline", {})
        for key in ("months", "month_genitives", "month_abbreviations"):
            for number, name in enumerate(byline.get(key, []), start=1):
                numbers.setdefault(str(name).lower(), number)
    return numbers


@lru_cache(maxsize=64)
def _month_patterns(languages: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = "|".join(sorted(map(re.escape, _month_numbers(languages)), key=len, reverse=True))
    # an abbreviation may run on a letter or two before its dot ("нояб." for "ноя", "Sept." for "sep")
    names = rf"(?:{names})(?:\w{{0,2}}\.)?"
    month_first = re.compile(rf"(?<!\w)({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.IGNORECASE)
    day_first = re.compile(rf"(?<!\d)(\d{{1,2}})\.?(?:st|nd|rd|th)?\s+(?:de\s+)?({names}),?\s+(?:de\s+)?(\d{{4}})",
                           re.IGNORECASE)
    return month_first, day_first


def _month(name: str, months: dict[str, int]) -> int:
    """The number of a month name as matched, dropping the letters an abbreviation ran on with."""
    name = name.lower().rstrip(".")
    return next(months[name[:len(name) - cut]] for cut in range(3) if name[:len(name) - cut] in months)


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _with_time(day: str, text: str) -> str:
    match = _TIME.search(text)
    if not match:
        return day
    hour, minute = int(match.group(1)), int(match.group(2))
    suffix = (match.group(3) or "").lower().replace(".", "")
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return day
    return f"{day}T{hour:02d}:{minute:02d}"


def find_date(text: str, languages: tuple[str, ...] = ()) -> str | None:
    """The first date written in ``text`` as ISO 8601 (with the time when one is given), or None."""
    languages = with_defaults(languages)
    if match := _ISO.search(text):
        found = _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if found and match.group(4):
            return f"{found}T{int(match.group(4)):02d}:{match.group(5)}"
        return found
    if match := _YEAR_FIRST.search(text):
        found = _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if found:
            return _with_time(found, text[match.end():])
    months = _month_numbers(languages)
    month_first, day_first = _month_patterns(languages)
    if match := month_first.search(text):
        found = _valid(int(match.group(3)), _month(match.group(1), months), int(match.group(2)))
        if found:
            return _with_time(found, text[match.end():])
    if match := day_first.search(text):
        found = _valid(int(match.group(3)), _month(match.group(2), months), int(match.group(1)))
        if found:
            return _with_time(found, text[match.end():])
    if match := _NUMERIC.search(text):
        first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        day, month = (second, first) if first <= 12 < second else (first, second)
        found = _valid(year, month, day)
        if found:
            return _with_time(found, text[match.end():])
    return None
