"""Page metadata from the tree: JSON-LD, OpenGraph and meta tags, the canonical link, visible headline
and byline. Cheap on purpose: a dictionary walk over the head, no date guessing over the whole page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

from scrubber.extract.byline import looks_like_name, split_authors
from scrubber.extract.dates import find_date

_ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report|NewsArticle|WebPage|LiveBlogPosting)$")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—·•:»]\s+")
_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "date", "pubdate", "publishdate",
    "publish-date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
    "article.published", "published_time", "cxenseparse:recs:publishtime", "og:updated_time",
)
_BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or contains(@class,'byline') or contains(@class,'author-name')"
    " or contains(@class,'article-author') or contains(@id,'byline')]"
)


@dataclass
class Metadata:
    title: str | None = None
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    image: str | None = None


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _json_ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    if isinstance(value, dict) and not str(value.get("@type", "")).endswith("Organization"):
        return _names(value.get("name"))
    return []


def _first_string(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value:
        return _first_string(value[0])
    if isinstance(value, dict):
        return _first_string(value.get("url") or value.get("name"))
    return None


def iso_date(value: str | None) -> str | None:
    """A date or date-time string in whatever form → ISO 8601 (date, or date and time)."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return find_date(value)
    if parsed.hour == parsed.minute == parsed.second == 0 and len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


def clean_title(title: str, site_name: str | None, headline: str | None) -> str:
    """Drop a site name glued to the headline ("Headline | Site")."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) == 1:
        return title
    if headline and headline in parts:
        return headline
    site = (site_name or "").lower()
    kept = [part for part in parts if part.lower() != site and site not in part.lower()] if site else parts
    return max(kept or parts, key=len)


def extract_metadata(tree: HtmlElement, url: str | None = None) -> Metadata:
    meta: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        content = element.get("content")
        if key and content and key not in meta:
            meta[key] = content.strip()
    found = Metadata()
    ld: dict[str, Any] = {}
    publisher: str | None = None
    for item in _json_ld_objects(tree):
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds) and not ld.get("headline"):
            ld = item
        if not publisher and isinstance(item.get("publisher"), dict):
            publisher = _first_string(item["publisher"].get("name"))
    h1 = next((_text(h) for h in tree.iterfind(".//h1") if _text(h)), None)
    found.site_name = meta.get("og:site_name") or publisher or meta.get("application-name")
    headline = _first_string(ld.get("headline")) or meta.get("og:title") or meta.get("twitter:title")
    page_title = next((_text(t) for t in tree.iterfind(".//title")), None)
    if h1 and (not headline or h1.lower() in headline.lower() or headline.lower() in h1.lower()):
        found.title = h1
    elif headline or page_title:
        found.title = clean_title(headline or page_title or "", found.site_name, h1)
    canonical = next((link.get("href") for link in tree.iterfind(".//link") if link.get("rel") == "canonical"), None)
    found.url = urljoin(url or "", canonical) if canonical else (meta.get("og:url") or url)
    found.language = (tree.get("lang") or meta.get("og:locale") or meta.get("content-language") or "").strip() or None
    found.description = _first_string(ld.get("description")) or meta.get("og:description") or meta.get("description")
    image = _first_string(ld.get("image")) or meta.get("og:image") or meta.get("twitter:image")
    found.image = urljoin(found.url or "", image) if image else None
    found.date = iso_date(_first_string(ld.get("datePublished")))
    for key in _DATE_KEYS:
        if found.date:
            break
        found.date = iso_date(meta.get(key))
    if not found.date:
        found.date = next((iso_date(t.get("datetime")) for t in tree.iterfind(".//time") if t.get("datetime")), None)
    visible = [_text(element) for element in tree.xpath(_BYLINE_XPATH)[:5]]
    found.byline = next((line for line in visible if 0 < len(line.split()) <= 16), None)
    names = _names(ld.get("author")) or _names(meta.get("author")) or [found.byline or ""]
    for name in names:
        for author in split_authors(name) or ([name.strip()] if looks_like_name(name.strip()) else []):
            if author not in found.authors and not author.startswith("http"):
                found.authors.append(author)
    return found
