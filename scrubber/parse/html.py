"""HTML text → one lxml tree, parsed safely: no network, no entity expansion, bounded size.

The text comes from `scrubber.sources`, which has already dropped every character XML refuses. Inputs are
at most ``max_bytes`` long, so libxml2's own 10 MB text-node cap is lifted (``huge_tree``): a long text
node is kept whole. What the parser still gives up on (nesting deeper than 2,048 elements) and JSON-LD
nested too deeply to be read safely are reported in ``warnings``, never lost silently.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import cast

import lxml.html
from lxml import etree

from scrubber.errors import InputTooLargeError, UnsupportedFormatError

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# libxml2 checks each attribute of a tag against all the others, so tags with thousands of attributes
# cost seconds (of 2,464 benchmark pages, the most in one tag is 136). Tags are scanned as the parser
# reads them: not inside comments, scripts and styles, and ">" inside a quoted value does not end one.
MAX_ATTRIBUTES = 512
# A page may hold 4 attributes per allowed element (the most of 2,464 benchmark pages: 39,076 in all).
ATTRIBUTES_PER_NODE = 4
INVISIBLE = ("script", "style", "noscript", "template")  # tags whose text no reader sees
_OPAQUE = re.compile(r"<!--|<(script|style)\b", re.IGNORECASE)
_TAG = re.compile(r"""<[A-Za-z](?>[^>"'=]++|=\s*+"[^"]*+"|=\s*+'[^']*+'|[="'])*+""")
_QUOTED_VALUE = re.compile(r"""=\s*+(?:"[^"]*+"|'[^']*+')""")
_ATTRIBUTE_TOKEN = re.compile(r"[^\s/=]++")
# A tag that could hold that many: each attribute takes a name and a separator, at least two units (a
# character, or a whole quoted value).
_LONG_TAG = re.compile(rf"""<[A-Za-z](?>[^>"'=]|=\s*+"[^"]*+"|=\s*+'[^']*+'|[="']){{{2 * MAX_ATTRIBUTES}}}""")
# lxml.html picks each element's class in Python (forms and inputs get classes of their own), once for
# every element proxy that any later step creates; one class for all, picked in C, serves every step.
_ELEMENT_CLASSES = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)
_COUNT_ELEMENTS = etree.XPath("count(//*)")
_COUNT_ATTRIBUTES = etree.XPath("count(//@*)")
MAX_JSON_DEPTH = 100
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


# what pages wrap a script's JSON in, for XHTML or for browsers of long ago: "<![CDATA[ … ]]>",
# "//<![CDATA[ … //]]>", "/*<![CDATA[*/ … /*]]>*/", "<!-- … -->", Drupal's "<!--//--><![CDATA[//><!-- … //--><!]]>";
# a byte order mark before it, a semicolon after it (longer tokens first: "//><!--" before "//")
_SCRIPT_OPENINGS = ("<![CDATA[", "//><!--", "<!--", "-->", "//", "/*", "*/", "\ufeff")
_SCRIPT_CLOSINGS = ("<!]]>", "]]>", "-->", "//", "/*", "*/", ";")


def script_json(text: str) -> str:
    """The JSON of a script, without the wrappings around it (JSON can neither open nor end with one)."""
    start, stop = 0, len(text)
    while True:
        while start < stop and text[start].isspace():
            start += 1
        opening = next((token for token in _SCRIPT_OPENINGS if text.startswith(token, start)), "")
        if not opening:
            break
        start += len(opening)
    while True:
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        closing = next((token for token in _SCRIPT_CLOSINGS if text.endswith(token, start, stop)), "")
        if not closing:
            break
        stop -= len(closing)
    return text[start:stop]


def json_depth(text: str) -> int:
    """How deeply the arrays and objects of a JSON text nest (strings are skipped), without parsing it."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return MAX_JSON_DEPTH  # cannot be deeper than its number of openings: the common case, no scan
    depth = deepest = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def text_content(element: etree._Element) -> str:
    """The texts inside ``element`` joined, its tail aside: what lxml.html's ``text_content()`` gives,
    written out in C, three times as fast as that method (it sets up an XPath on every call)."""
    return etree.tostring(element, method="text", encoding=str, with_tail=False)


def _drop_deep_json_ld(tree: lxml.html.HtmlElement, warnings: list[str]) -> None:
    for script in tree.iter("script"):
        json_ld = "ld+json" in (script.get("type") or "").lower()
        if json_ld and json_depth(script_json(script.text or "")) > MAX_JSON_DEPTH:
            script.text = None
            warnings.append(f"JSON-LD nested deeper than {MAX_JSON_DEPTH} levels was ignored")


@lru_cache(maxsize=16)
def _closing(marker: str) -> re.Pattern[str]:
    """Where a comment, script or style ends: its closing marker in any case (lower-casing the whole
    page to find it cost more than the rest of the scan)."""
    return re.compile(re.escape(marker), re.IGNORECASE | re.ASCII)


def _most_attributes(text: str) -> int:
    """The most attribute names (an upper bound) any tag of ``text`` holds, in one linear scan."""
    if not _LONG_TAG.search(text):
        return 0  # no tag is long enough to hold that many: the common case, one scan in C
    most, position = 0, 0
    while position < len(text):
        opaque = _OPAQUE.search(text, position)
        stop = opaque.start() if opaque else len(text)
        for tag in _TAG.finditer(text, position, stop):
            if tag.end() - tag.start() > 2 * MAX_ATTRIBUTES:  # shorter tags cannot hold that many
                most = max(most, len(_ATTRIBUTE_TOKEN.findall(_QUOTED_VALUE.sub("", tag.group()))) - 1)
        if opaque is None:
            break
        closing = _closing("-->" if opaque.group(1) is None else f"</{opaque.group(1).lower()}").search(
            text, opaque.end()
        )
        position = len(text) if closing is None else closing.end()
    return most


def _check_size(tree: lxml.html.HtmlElement, max_nodes: int, chars: int) -> None:
    """Refuse a tree of more than ``max_nodes`` elements or 4 attributes per allowed element in all, parsed
    from ``chars`` characters of HTML."""
    if cast(float, _COUNT_ELEMENTS(tree)) > max_nodes:
        raise InputTooLargeError(f"the page has more than {max_nodes} elements")
    most = ATTRIBUTES_PER_NODE * max_nodes
    # each attribute takes a character of its name and one that parts it from what comes before it (a
    # space, a quote): a page of fewer than twice as many characters cannot hold too many, and is not
    # counted (on most pages, the count costs more than the rest of this check)
    if chars >= 2 * most and cast(float, _COUNT_ATTRIBUTES(tree)) > most:  # each costs every later step time
        raise InputTooLargeError(f"the page has more than {most} attributes")


# A page that React renders on the server streams each part that was not ready at first (a Suspense
# boundary) as a hidden <div id="S:n"> at the end of the body, with a script that moves it into its
# placeholder, <template id="B:n"> or <template id="P:n">: the browser shows it there. Without the
# script it is hidden text after the footer; it is moved into place as the browser would. An app's
# identifierPrefix goes before each id ("appS:0").
_ID_VALUE_BEFORE = re.compile(r"""\bid\s*=\s*["']?\w*$""", re.IGNORECASE)
_ID_LOOKBACK = 64  # characters: the attribute name, its quote and an identifierPrefix
_STREAMED_SEGMENTS = etree.XPath("//div[@hidden][contains(@id, 'S:')]")
_SEGMENT_PLACEHOLDERS = etree.XPath("//template[contains(@id, 'B:') or contains(@id, 'P:')]")
# $RC("B:1","S:1") fills a boundary, and so does $RR("B:1","S:1",[...]) when the boundary has stylesheets
_FILLS_BOUNDARY = re.compile(r'\$R[CR]\("(\w*B:\w+)","(\w*S:\w+)"')
_FILLS_PLACEHOLDER = re.compile(r'\$RS\("(\w*S:\w+)","(\w*P:\w+)"\)')
_SEGMENT_NUMBER = re.compile(r"^(\w*)S:(\w+)$")


def _names_a_segment(text: str) -> bool:
    """Whether an id of the page holds "S:": the literal is found in C, then only the few characters
    before each hit are read (a regex that opens with the attribute name tries every position, a few
    ms a page)."""
    at = text.find("S:")
    while at != -1:
        start = max(0, at - _ID_LOOKBACK)
        # the substring test spares the regex on pages full of "S:" (a hostile page: 1 s a megabyte)
        if "id" in text[start:at].lower() and _ID_VALUE_BEFORE.search(text, start, at):
            return True
        at = text.find("S:", at + 2)
    return False


def _place_streamed_segments(tree: lxml.html.HtmlElement, text: str) -> None:
    """Move React's streamed segments into their placeholders, as its script does in a browser."""
    # React's placeholders are <template>s: a page without one (most) is left at once by a walk in C, before
    # the scan of the page's text for a segment's name (0.18 ms an aeb-dev page) and the XPath walks
    if next(tree.iter("template"), None) is None or not _names_a_segment(text):
        return
    segments = cast(list[lxml.html.HtmlElement], _STREAMED_SEGMENTS(tree))
    if not segments:
        return
    body = tree.find("body")
    placeholders = {  # one in <head> would take the segment out of the text
        element.get("id", ""): element
        for element in cast(list[lxml.html.HtmlElement], _SEGMENT_PLACEHOLDERS(tree))
        if body is not None and body in element.iterancestors()
    }
    # the script names each pair: $RC("B:1","S:1") fills a boundary, $RS("S:5","P:5") a placeholder; where
    # the page was saved without its scripts, a segment goes to the placeholder P:n of its number (React
    # numbers segments and placeholders from one counter), else to a boundary B:n, a guess (another counter)
    named = {segment: target for target, segment in _FILLS_BOUNDARY.findall(text)}
    named.update(_FILLS_PLACEHOLDER.findall(text))
    for segment in segments:
        key = segment.get("id", "")
        number = _SEGMENT_NUMBER.match(key)
        if number is None:
            continue  # an id that only holds "S:" somewhere
        prefix, count = number.groups()
        numbered = (f"{prefix}{kind}:{count}" for kind in "PB" if f"{prefix}{kind}:{count}" in placeholders)
        placeholder = placeholders.get(named.get(key) or next(numbered, ""))
        parent = placeholder.getparent() if placeholder is not None else None
        if placeholder is None or parent is None or segment in placeholder.iterancestors():
            continue  # no place for it, or a place inside itself
        if segment.text:
            before = placeholder.getprevious()
            if before is not None:
                before.tail = (before.tail or "") + segment.text
            else:
                parent.text = (parent.text or "") + segment.text
        for child in list(segment):  # beside the placeholder, not by index: an index walks the siblings
            placeholder.addprevious(child)
        placeholder.drop_tree()  # its tail stays, after the segment's children
        segment.drop_tree()


def _shown(element: etree._Element) -> bool:
    return isinstance(element.tag, str) and element.tag not in INVISIBLE


def _last_character(element: etree._Element, known: dict[etree._Element, str]) -> str:
    """The last character of the element's shown text ("" when it holds none). Read from the end without
    recursion (a page nests deeper than Python's limit), and kept in ``known`` for every element read: the
    elements side by side nest in one another, and a walk of each one's subtree goes over a deep page's
    empty wrappers once for every wrapper around them (1,000 wrappers around 40,000 empty elements: 90 s)."""
    if not len(element):
        return element.text[-1] if element.text else ""
    if element in known:
        return known[element]
    frames = [(element, reversed(element))]
    found = ""
    while frames:
        node, children = frames[-1]
        child = None if found else next(children, None)
        if child is None:
            frames.pop()
            known[node] = found = found or (node.text[-1] if node.text else "")
        elif child.tail:
            found = child.tail[-1]
        elif not _shown(child):
            continue
        elif not len(child):
            found = child.text[-1] if child.text else ""
        elif child in known:
            found = known[child]
        else:
            frames.append((child, reversed(child)))
    return found


def _first_character(element: etree._Element) -> str:
    """The first character of the element's shown text ("" when it holds none), read without recursion.
    Asked only of an element whose neighbour before it ends in a small letter: when two such elements nest,
    the outer one's reading stops at the inner one's neighbour (it holds text), so no element is read twice
    and nothing need be kept."""
    if element.text:
        return element.text[0]
    frames = [(element, iter(element))]
    found = ""
    while frames and not found:
        node, children = frames[-1]
        child = next(children, None)
        if child is None:
            frames.pop()
            found = node.tail[0] if frames and node.tail else ""
        elif _shown(child):
            frames.append((child, iter(child)))
            found = child.text[0] if child.text else ""
        else:
            found = child.tail[0] if child.tail else ""
    return found


def _space_glued_words(tree: lxml.html.HtmlElement) -> None:
    """Put a space between two elements side by side whose texts would run into one word across a
    change of case ("The North Face" and "Wawona 6 Tent", a shop tile's brand and name set on lines of
    their own by the page's style sheet, read "FaceWawona" without it): a word does not go on with a
    capital after a small letter, so the page's styles must set them apart. Not inside `<pre>` or `<code>`:
    there the page's white space is kept as written, and a highlighter's tokens ("get" and "Name") are one
    identifier."""
    literal = {element for block in tree.iter("pre", "code") for element in block.iterdescendants()}
    last: dict[etree._Element, str] = {}  # ends read only where two elements meet with no text between
    for element in tree.iterdescendants():  # not the root: what may lie beside it is outside the page's tree
        if element.tail:
            continue
        follower = element.getnext()
        if follower is None or not _shown(element) or not _shown(follower) or element in literal:
            continue
        if _last_character(element, last).islower() and _first_character(follower).isupper():
            element.tail = " "


def parse_html(
    text: str, max_nodes: int = 50_000, warnings: list[str] | None = None, checked: bool = False
) -> lxml.html.HtmlElement:
    """Parse a page into an lxml tree, refusing pages with more than ``max_nodes`` elements, a tag with
    more than `MAX_ATTRIBUTES` attributes or more than 4 attributes per allowed element in all; what the
    parser had to give up is appended to ``warnings``. ``checked``: the page passed these size checks
    in an earlier parse (a second tree of the same page), which are not run again."""
    notes = warnings if warnings is not None else []
    text = _XML_DECLARATION.sub("", text, count=1)
    if not checked and _most_attributes(text) > MAX_ATTRIBUTES:
        raise InputTooLargeError(f"an element has more than {MAX_ATTRIBUTES} attributes")
    parser = lxml.html.HTMLParser(  # one per page: its error log then belongs to this page alone
        remove_comments=True, remove_pis=True, no_network=True, recover=True, collect_ids=False, huge_tree=True
    )
    parser.set_element_class_lookup(_ELEMENT_CLASSES)
    try:
        tree = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise UnsupportedFormatError(f"cannot parse the HTML: {error}") from error
    if not checked:
        _check_size(tree, max_nodes, len(text))
    for entry in parser.error_log:
        if entry.level == etree.ErrorLevels.FATAL:
            notes.append(f"the HTML parser stopped at line {entry.line}, the rest of the page is lost: "
                         f"{entry.message}")
    _drop_deep_json_ld(tree, notes)
    _place_streamed_segments(tree, text)
    _space_glued_words(tree)
    return tree
