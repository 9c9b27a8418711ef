"""Per-site rules on the page tree: elements a site's rules drop or keep, by CSS selector or XPath.

A selector that starts with ``/``, ``./`` or ``(`` is XPath; anything else is CSS (through cssselect).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from lxml import etree
from lxml.cssselect import CSSSelector, SelectorError
from lxml.html import HtmlElement

from scrubber.article import Removed
from scrubber.errors import ConfigError
from scrubber.parse.html import text_content

KEEP_MARK = "data-scrubber-keep"
_BOILERPLATE_TAGS = {"aside", "nav", "header", "footer", "form"}
_NAMING_ATTRIBUTES = ("class", "id", "role")


@lru_cache(maxsize=512)
def compile_selector(selector: str) -> etree.XPath:
    """The compiled form of a CSS selector or an XPath expression; `ConfigError` when it is invalid."""
    try:
        if selector.lstrip().startswith(("/", "./", "(")):
            return etree.XPath(selector)
        return CSSSelector(selector)
    except (etree.XPathSyntaxError, SelectorError) as error:
        raise ConfigError(f"invalid selector {selector!r}: {error}") from error


def _select(tree: HtmlElement, selector: str) -> list[HtmlElement]:
    try:
        found = compile_selector(selector)(tree)
    except etree.XPathEvalError as error:
        raise ConfigError(f"selector {selector!r} cannot be evaluated: {error}") from error
    return [element for element in found if isinstance(element, HtmlElement)] if isinstance(found, list) else []


def drop_selected(tree: HtmlElement, selectors: Iterable[tuple[str, str]]) -> list[Removed]:
    """Remove the elements that ``(domain, selector)`` pairs select; return what went and why."""
    removed: list[Removed] = []
    for domain, selector in selectors:
        for element in _select(tree, selector):
            if element.getparent() is None:
                continue
            text = " ".join(text_content(element).split())
            if text:
                removed.append(Removed(text, "site", f"site rule for {domain}: drop {selector!r}", "element"))
            element.drop_tree()
    return removed


def mark_kept(tree: HtmlElement, selectors: Iterable[str]) -> list[str]:
    """Mark the elements the selectors keep and return their texts.

    DOM pruning spares a marked element; so that the main-content extractor does not drop it for its
    tag or class either, a kept ``aside``, ``nav``, ``header``, ``footer`` or ``form`` becomes a plain
    ``div`` and loses the attributes that name it.
    """
    texts: list[str] = []
    for selector in selectors:
        for element in _select(tree, selector):
            if element.tag in _BOILERPLATE_TAGS:
                element.tag = "div"
            for name in _NAMING_ATTRIBUTES:
                element.attrib.pop(name, None)
            element.set(KEEP_MARK, "")
            texts.append(" ".join(text_content(element).split()))
    return texts
