"""HTML text → one lxml tree, parsed safely: no network, no entity expansion, bounded size.

The text comes from `scrubber.sources`, which has already dropped every character XML refuses. Inputs are
at most ``max_bytes`` long, so libxml2's own 10 MB text-node cap is lifted (``huge_tree``): a long text
node is kept whole. What the parser still gives up on (nesting deeper than 2,048 elements) and JSON-LD
nested too deeply to be read safely are reported in ``warnings``, never lost silently.
"""

from __future__ import annotations

import re
from itertools import islice

import lxml.html
from lxml import etree

from scrubber.errors import InputTooLargeError, UnsupportedFormatError

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
MAX_JSON_DEPTH = 100
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


def json_depth(text: str) -> int:
    """How deeply the arrays and objects of a JSON text nest (strings are skipped), without parsing it."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return MAX_JSON_DEPTH  # cannot be deeper than its number of openings: the common case, no scan
    depth = deepest = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _drop_deep_json_ld(tree: lxml.html.HtmlElement, warnings: list[str]) -> None:
    for script in tree.iter("script"):
        if "ld+json" in (script.get("type") or "").lower() and json_depth(script.text or "") > MAX_JSON_DEPTH:
            script.text = None
            warnings.append(f"JSON-LD nested deeper than {MAX_JSON_DEPTH} levels was ignored")


def parse_html(text: str, max_nodes: int = 50_000, warnings: list[str] | None = None) -> lxml.html.HtmlElement:
    """Parse a page into an lxml tree, refusing trees with more than ``max_nodes`` elements; what the
    parser had to give up is appended to ``warnings``."""
    notes = warnings if warnings is not None else []
    text = _XML_DECLARATION.sub("", text, count=1)
    parser = lxml.html.HTMLParser(  # one per page: its error log then belongs to this page alone
        remove_comments=True, remove_pis=True, no_network=True, recover=True, collect_ids=False, huge_tree=True
    )
    try:
        tree = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise UnsupportedFormatError(f"cannot parse the HTML: {error}") from error
    if sum(1 for _ in islice(tree.iter(), max_nodes + 1)) > max_nodes:
        raise InputTooLargeError(f"the page has more than {max_nodes} elements")
    for entry in parser.error_log:
        if entry.level == etree.ErrorLevels.FATAL:
            notes.append(f"the HTML parser stopped at line {entry.line}, the rest of the page is lost: "
                         f"{entry.message}")
    _drop_deep_json_ld(tree, notes)
    return tree
