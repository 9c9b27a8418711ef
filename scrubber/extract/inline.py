"""A block's text with its inline markup: links and emphasis as `Mark`s over the whitespace-collapsed
text, from trafilatura's output tree (``ref``, ``hi``) or from plain HTML (``a``, ``em``, ``strong``...).

The text is the element's text with whitespace collapsed, and block elements inside it (a heading and a
paragraph in a list item) kept apart by a space: "Deterrent" and "A home" never read "DeterrentA"."""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from scrubber.article import Mark, MarkKind

_EMPHASIS = {"em": "emphasis", "i": "emphasis", "strong": "strong", "b": "strong"}
_RENDITION = {"#i": "emphasis", "#b": "strong"}  # trafilatura's <hi rend="...">
# Block elements of trafilatura's output tree and of HTML: words on either side of one never join.
_BLOCKS = frozenset((
    "p", "head", "item", "list", "quote", "table", "row", "cell", "lb", "div", "section",
    "li", "ul", "ol", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "td", "th", "dd", "dt",
))


def _mark_of(element: etree._Element) -> tuple[MarkKind, str | None] | None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "ref" and element.get("target"):
        return "link", element.get("target")
    if tag == "a" and element.get("href"):
        return "link", element.get("href")
    kind = _RENDITION.get(element.get("rend") or "") if tag == "hi" else _EMPHASIS.get(tag)
    return (kind, None) if kind else None  # type: ignore[return-value]


class _Collapser:
    """Appends text with whitespace collapsed to single spaces, no space at either end."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.space = False

    def add(self, text: str | None) -> None:
        if not text:
            return
        if words := text.split():
            if self.length and (self.space or text[0].isspace()):
                self.parts.append(" ")
                self.length += 1
            joined = " ".join(words)
            self.parts.append(joined)
            self.length += len(joined)
            self.space = False
        self.space = self.space or text[-1].isspace()

    def gap(self) -> None:
        """Keep the next word apart from the last one."""
        self.space = True


def text_and_marks(element: etree._Element, skip: str | None = None) -> tuple[str, tuple[Mark, ...]]:
    """The element's collapsed text and the marks of the links and emphasis inside it; the text of the
    elements tagged ``skip`` inside it (a list item's nested list) is left out, their tails kept."""
    out = _Collapser()
    marks: list[Mark] = []

    def walk(node: etree._Element, top: bool) -> None:
        mark = None if top else _mark_of(node)
        block = not top and node.tag in _BLOCKS
        if block:
            out.gap()
        start = out.length
        # comments and processing instructions carry no text
        if isinstance(node.tag, str) and (top or node.tag != skip):
            out.add(node.text)
            for child in node:
                walk(child, False)
        if mark is not None and out.length > start:
            marks.append(Mark(start, out.length, mark[0], mark[1]))  # may begin with the space before it
        if block:
            out.gap()
        if not top:
            out.add(node.tail)

    walk(element, True)
    text = "".join(out.parts)
    marks = [replace(m, start=m.start + 1) if text[m.start] == " " else m for m in marks]
    return text, tuple(sorted(marks, key=lambda m: (m.start, -m.stop)))
