"""HTML text → one lxml tree, parsed safely: no network, no entity expansion, bounded size."""

from __future__ import annotations

import re
from itertools import islice

import lxml.html
from lxml import etree

from scrubber.errors import InputTooLargeError, UnsupportedFormatError

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_PARSER = lxml.html.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, recover=True, collect_ids=False
)


def parse_html(text: str, max_nodes: int = 500_000) -> lxml.html.HtmlElement:
    """Parse a page into an lxml tree, refusing trees with more than ``max_nodes`` elements."""
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        tree = lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as error:
        raise UnsupportedFormatError(f"cannot parse the HTML: {error}") from error
    if sum(1 for _ in islice(tree.iter(), max_nodes + 1)) > max_nodes:
        raise InputTooLargeError(f"the page has more than {max_nodes} elements")
    return tree
