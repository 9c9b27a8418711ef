"""The images of a page, for ``include_images``: what each ``<img>`` shows (its real source, resolved to
an absolute URL, its alt text and its figure's caption) and whether it is an image at all rather than a
tracking pixel, an icon or an inline ``data:`` URI.

trafilatura decides which images belong to the main content and where (its ``<graphic>`` elements); the
facts come from the page itself, read before the DOM is pruned (captions go with the residue). To tie the
two together, each ``<img>`` gets a token as its ``src``, the only attribute trafilatura keeps besides
``alt`` and ``title``; tokens pass its "is this an image file" test, so lazy-loaded images (a ``data:``
placeholder in ``src``, the real one in ``data-src`` or a ``srcset``) reach it too.

trafilatura's choice of text moves on some pages when it keeps images, so the text comes from the usual
pass and the images from a second one, placed beside the same text blocks (`blocks.with_images`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from scrubber.parse.html import text_content

_TOKEN = "https://scrubber.invalid/image/{}.png"  # .invalid: a reserved name that never resolves
_TOKEN_PATTERN = re.compile(r"https://scrubber\.invalid/image/(\d+)\.png")
# Where lazy-loading scripts keep the real source, in order of preference; a data-*srcset holds several.
_LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-full-src")
_LAZY_SRCSETS = ("data-srcset", "data-lazy-srcset")
# Declared sizes (in CSS pixels) at or below which an image is a tracking pixel or an icon.
_PIXEL_SIZE = 2
_ICON_SIZE = 32
# File names that say what the image is for: a spacer or counter, or a piece of the interface.
_PIXEL_NAME = re.compile(
    r"(?:^|[-_.])(?:pixel|spacer|1x1|beacon)(?:[-_.]|$)|^(?:blank|transparent|clear)\.\w+$", re.IGNORECASE
)
_ICON_NAME = re.compile(r"(?:^|[-_.])(?:icons?|favicon|sprites?)(?:[-_.]|$)|\.ico$", re.IGNORECASE)
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$")
_STYLE_SIZE = re.compile(r"(?<![-\w])(width|height)\s*:\s*(\d+(?:\.\d+)?)px", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageImage:
    """One ``<img>`` of the page: its source (absolute when the page URL is known), alt text and the
    caption of the figure it is in; ``left_out`` says why it is no image of the article, when it is not."""

    src: str
    alt: str | None = None
    caption: str | None = None
    left_out: str | None = None


def _resolved(src: str, base: str | None) -> str:
    if base:
        return urljoin(base, src)
    return "https:" + src if src.startswith("//") else src


def _largest(srcset: str) -> str | None:
    """The largest candidate of a ``srcset`` ("a.jpg 400w, b.jpg 800w" or "a.jpg 1x, b.jpg 2x")."""
    best: tuple[float, str] | None = None
    for candidate in srcset.split(","):
        parts = candidate.split()
        if not parts or parts[0].startswith("data:"):
            continue
        descriptor = parts[1] if len(parts) > 1 else "1x"
        try:
            size = float(descriptor[:-1]) if descriptor[-1:] in ("w", "x") else 1.0
        except ValueError:
            size = 1.0
        if best is None or size > best[0]:
            best = (size, parts[0])
    return best[1] if best else None


def _source(image: HtmlElement) -> str | None:
    """The real source: a lazy-loading attribute's (``src`` then holds a placeholder), else ``src``, else
    the largest of the ``srcset`` of the image or of its ``<picture>``; None when only ``data:`` is left."""
    for name in _LAZY_SOURCES:
        value = (image.get(name) or "").strip()
        if value and not value.startswith("data:"):
            return value
    for name in _LAZY_SRCSETS:
        if found := _largest(image.get(name) or ""):
            return found
    src = (image.get("src") or "").strip()
    if src and not src.startswith("data:"):
        return src
    srcsets = [image.get("srcset") or ""]
    picture = image.getparent()
    if picture is not None and picture.tag == "picture":
        srcsets += [source.get("srcset") or source.get("data-srcset") or "" for source in picture.iter("source")]
    return next((found for srcset in srcsets if (found := _largest(srcset))), None)


def _declared_size(image: HtmlElement) -> tuple[float | None, float | None]:
    sizes: dict[str, float] = {}
    for name in ("width", "height"):
        if match := _SIZE.match(image.get(name) or ""):
            sizes[name] = float(match.group(1))
    for name, value in _STYLE_SIZE.findall(image.get("style") or ""):
        sizes.setdefault(name.lower(), float(value))
    return sizes.get("width"), sizes.get("height")


def _left_out(src: str | None, image: HtmlElement) -> str | None:
    if src is None:
        return "an inline data: URI, not a link to an image"
    width, height = _declared_size(image)
    declared = [size for size in (width, height) if size is not None]
    size = f" ({width:g}×{height:g})" if width is not None and height is not None else ""
    name = urlsplit(src).path.rsplit("/", 1)[-1]
    if (declared and max(declared) <= _PIXEL_SIZE) or _PIXEL_NAME.search(name):
        return "a tracking pixel or spacer" + size
    if (declared and max(declared) <= _ICON_SIZE) or _ICON_NAME.search(name):
        return "an icon" + size
    return None


def _caption(image: HtmlElement) -> str | None:
    figure = next(image.iterancestors("figure"), None)
    if figure is None:
        return None
    caption = next(figure.iter("figcaption"), None)
    text = " ".join(text_content(caption).split()) if caption is not None else ""
    return text or None


def _base_url(tree: HtmlElement, url: str | None) -> str | None:
    """The URL relative sources are resolved against: the page's ``<base href>`` (itself resolved
    against the page URL), else the page URL."""
    base = tree.find(".//base[@href]")
    href = str(base.get("href") or "").strip() if base is not None else ""
    if href and (url or urlsplit(href).scheme in ("http", "https")):
        return urljoin(url or href, href)
    return url


def catalogue_images(tree: HtmlElement, url: str | None) -> list[PageImage]:
    """The facts of every ``<img>`` of the page, in document order; each ``<img>`` gets the token of its
    number as ``src``, and no other source for trafilatura to prefer. Call it before the DOM is pruned
    (captions go with the residue)."""
    base = _base_url(tree, url)
    catalogue = []
    for image in tree.iter("img"):
        source = _source(image)
        # an image with nothing but a data: URI is recorded by the URI's head ("data:image/png;base64,…")
        src = _resolved(source, base) if source else str(image.get("src") or "").split(",", 1)[0] + ",…"
        alt = " ".join((image.get("alt") or "").split()) or None
        catalogue.append(PageImage(src, alt, _caption(image), _left_out(source, image)))
        for name in ("data-src", "srcset"):
            image.attrib.pop(name, None)
        image.set("src", _TOKEN.format(len(catalogue) - 1))
    return catalogue


def image_of(graphic_src: str | None, catalogue: list[PageImage]) -> PageImage | None:
    """The page image behind a ``<graphic>`` of trafilatura's output, by its token."""
    match = _TOKEN_PATTERN.fullmatch(graphic_src or "")
    number = int(match.group(1)) if match else -1
    return catalogue[number] if 0 <= number < len(catalogue) else None
