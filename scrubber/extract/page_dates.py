"""A page's publication and modification dates: the page's explicit signals first (JSON-LD, meta tags,
microdata), and the dates the page shows and htmldate's fast search only when a page gives none, so that search
runs on few pages (its extensive search is never run). A placeholder (0001-01-01, the Unix epoch) or a future
date is no date."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta, timezone
from itertools import chain, islice
from typing import Any, cast

from htmldate import find_date as search_date
from lxml import etree
from lxml.html import HtmlElement

from scrubber.extract.dates import find_date
from scrubber.parse.html import INVISIBLE

_PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished", "datecreated",
    "pubdate", "publishdate", "publish-date", "publish_date", "published_time", "article.published",
    "article_date_original", "original-publish-date", "dc.date.issued", "dcterms.issued", "dc.date.created",
    "dcterms.created", "dc.date", "date", "citation_publication_date", "citation_date", "sailthru.date",
    "parsely-pub-date", "cxenseparse:recs:publishtime", "rnews:datepublished", "published",
)
_MODIFIED_KEYS = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified", "dcterms.modified",
    "dc.date.modified", "modified_time", "article.updated", "last-modified", "lastmod",
)
_EARLIEST_YEAR = 1900  # before that a page's date is a placeholder (0001-01-01) or a parsing accident
_EPOCH = "1970-01-01"
_ITEMPROP = etree.XPath("//*[@itemprop=$prop]")
_MIN_DATE_TEXT, _MAX_DATE_TEXT = 6, 80  # characters: a date line, not a paragraph that mentions one
# a date line ("Posted March 3, 2025"), not a credit that holds one ("Audio: Radio One | 24.04.2024 | Jane Doe")
_MAX_DATE_LINE = 40
_DIGIT = re.compile(r"\d")
_WESTMOST, _EASTMOST = timedelta(hours=12), timedelta(hours=14)  # behind and ahead of UTC, the time zones
_ZONE_STEP = timedelta(minutes=15)  # the offsets of time zones are whole quarter hours
_MAX_SHOWN = 5  # date texts read for the date a page shows: the header's, not a list of other stories'
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d?)[/-](\d\d?)(?=[/._-]|$)")


def iso_date(value: str | None) -> str | None:
    """A date or date-time string in whatever form → ISO 8601 (date, or date and time with its offset)."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return find_date(value)
    if parsed.hour == parsed.minute == parsed.second == 0 and len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.replace(microsecond=0).isoformat()  # to the second: "…T23:15:57.183Z" is no "….183000"


def plausible_date(value: Any, today: date | None = None) -> str | None:
    """``value`` as ISO 8601 when it is a real date: not a placeholder, not in the future."""
    found = iso_date(value) if isinstance(value, str) else None
    if not found or found.startswith(_EPOCH) or int(found[:4]) < _EARLIEST_YEAR:
        return None
    latest = (today or date.today()) + timedelta(days=1)  # a page's time zone may be ahead of ours
    return found if found[:10] <= latest.isoformat() else None


def url_date(url: str | None) -> str | None:
    """The day a URL names in its path (``/2024/05/03/``, ``/2024-05-03/``), if it is a plausible one."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    try:
        return plausible_date(date(*map(int, match.groups())).isoformat())
    except ValueError:
        return None


def _utc_day_next_to(instant: str, day: str) -> bool:
    if not instant.endswith(("+00:00", "Z")) or len(instant) <= 10:
        return False
    return abs((date.fromisoformat(instant[:10]) - date.fromisoformat(day)).days) == 1


def _in_utc(value: str) -> bool:
    """An instant in UTC or with no offset: the calendar day its reader is shown may differ."""
    return len(value) > 10 and (value.endswith("+00:00") or _instant(value) is None)


def _instant(value: str) -> datetime | None:
    if len(value) <= 10:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else None


def _local_form(first: str, others: Iterable[str]) -> str:
    """``first``, or the same instant as another signal gives it in the publisher's own offset (a page may
    state "2017-02-24T01:18:13Z" in JSON-LD and "2017-02-23T17:18:13-08:00" in its meta tags or a
    ``<time>``): the calendar day is the publisher's."""
    instant = _instant(first)
    if instant is None or instant.utcoffset():
        return first
    return next((other for other in others if (moment := _instant(other)) is not None and moment == instant
                 and moment.utcoffset()), first)


def _as_shown(stated: str, shown: str) -> str | None:
    """``stated`` as the page shows it when ``shown`` is the same date: the same calendar day, or the same
    instant at a time the page shows in its own time zone (a UTC instant "2023-12-23T03:00Z" shown as
    "December 22, 2023 10:00 PM" is "2023-12-22T22:00-05:00")."""
    if stated[:10] == shown[:10]:
        return stated
    if len(shown) <= 10 or not _in_utc(stated):
        return None
    utc = datetime.fromisoformat(stated).replace(tzinfo=None)
    offset = datetime.fromisoformat(shown) - utc.replace(second=0, microsecond=0)
    if offset % _ZONE_STEP or not -_WESTMOST <= offset <= _EASTMOST:
        return None
    return (utc + offset).replace(tzinfo=timezone(offset)).isoformat()


def _first_plausible(values: Iterable[Any]) -> str | None:
    return next((found for value in values if (found := plausible_date(value))), None)


def _microdata(tree: HtmlElement, prop: str) -> Iterator[str]:
    """Microdata dates: searched only when the head had none (an XPath over the whole page costs)."""
    for element in cast(list[HtmlElement], _ITEMPROP(tree, prop=prop)):
        if value := element.get("datetime") or element.get("content"):
            yield value


def _shown_form(tree: HtmlElement, languages: tuple[str, ...], instant: str) -> str | None:
    """A UTC ``instant`` as the page shows it to its reader, from the first few dates the page shows."""
    shown_dates = (shown for text in _date_texts(tree) if (shown := find_date(text, languages)))
    return next((form for shown in islice(shown_dates, _MAX_SHOWN) if (form := _as_shown(instant, shown))), None)


def _date_texts(tree: HtmlElement) -> Iterator[str]:
    """The short texts of the page's body, in order, that may be a date line."""
    body = tree.find("body")
    if body is None:
        return
    # the text after an element counts too: a date shown after its calendar icon is the icon's tail
    for event, element in etree.iterwalk(body, events=("start", "end")):
        if event == "start":
            value = element.text if isinstance(element.tag, str) and element.tag not in INVISIBLE else None
        else:
            parent = element.getparent()
            value = element.tail if element is not body and parent is not None and parent.tag not in INVISIBLE else None
        if value and _MIN_DATE_TEXT <= len(text := value.strip()) <= _MAX_DATE_TEXT and _DIGIT.search(text):
            yield text


def _date_line(tree: HtmlElement, languages: tuple[str, ...]) -> tuple[str | None, list[str]]:
    """The first text of the page's body up to `_MAX_DATE_LINE` characters that is a plausible date, and
    the longer date texts before it (all of them where there is none): what is left to read for the
    first date text up to `_MAX_DATE_TEXT` characters, without a second walk over the page."""
    longer: list[str] = []
    for text in _date_texts(tree):
        if len(text) > _MAX_DATE_LINE:
            longer.append(text)
        elif found := plausible_date(find_date(text, languages)):
            return found, longer
    return None, longer


def page_dates(
    tree: HtmlElement, url: str | None, article: Mapping[str, Any], meta: Mapping[str, str],
    languages: tuple[str, ...] = (), image: str | None = None, posted: str | None = None,
) -> tuple[str | None, str | None]:
    """(published, modified) of a page, given its JSON-LD article object, its meta tags by lower-cased key, the
    languages it declares (for month names), the address of its image and the JSON-LD `datePosted` of a job
    offer (any on the page, so taken only where the page shows no date of its own)."""
    stated = [found for value in chain([article.get("datePublished"), article.get("dateCreated")],
                                       (meta.get(key) for key in _PUBLISHED_KEYS))
              if (found := plausible_date(value))]
    times = (value for time in tree.iterfind(".//time") if (value := plausible_date(time.get("datetime"))))
    published = (_local_form(stated[0], chain(stated[1:], times)) if stated
                 else _first_plausible(_microdata(tree, "datePublished")))
    in_url = url_date(url)
    if published and in_url and _utc_day_next_to(published, in_url):
        published = in_url  # the URL has the local calendar day of an instant the page gives in UTC
    published = published or in_url or _first_plausible(time.get("datetime") for time in tree.iterfind(".//time"))
    modified = _first_plausible(chain([article.get("dateModified")], (meta.get(key) for key in _MODIFIED_KEYS),
                                      _microdata(tree, "dateModified")))
    if published and _in_utc(published) and published[:10] != in_url:
        published = _shown_form(tree, languages, published) or published
    if published is None:
        # the first date line the page shows ("Posted March 3, 2025": htmldate's fast mode may take another
        # story's date from the markup, or read "03-09-2026" day first), then htmldate's fast mode (markup,
        # date elements, timestamps in the text), then the first short text of the page that is a date, then
        # a job offer's JSON-LD `datePosted` (only here: a job ad beside a story is no date of the story's),
        # then the day in the path of the page's image (a photo's upload folder). htmldate falls back on the page's
        # stated modification date when it finds no publication date: that is taken last. htmldate's extensive
        # search is not run: ten times slower than the rest, it alone found a right date on 2 of 2,331 pages (a
        # meta tag named "published" and the image's path, both read now) and mostly a bare year (a copyright
        # line, a namespace URL ".../2005/gml/b") as the 1st of January.
        line, longer = _date_line(tree, languages)
        published = line or plausible_date(search_date(tree, extensive_search=False, original_date=True, url=url))
        if not published or _is_modified(published, modified):
            fallback = published
            # the first date text: every shorter one before the date line (if any) is no date
            published = (_first_plausible(find_date(text, languages) for text in longer) or line
                         or plausible_date(posted) or url_date(image))
            published = published or fallback
    if modified and published and modified[:10] < published[:10]:
        modified = None
    return published, modified


def _is_modified(found: str | None, modified: str | None) -> bool:
    return bool(found and modified and found[:10] == modified[:10])
