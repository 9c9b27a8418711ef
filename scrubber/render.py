"""An `Article` as GitHub-flavoured Markdown (optionally with YAML front matter) or as a standalone HTML
document: headings, lists, block quotes, tables, links, emphasis and images kept."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator, Sequence
from itertools import groupby
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrubber.article import Article, Block, Mark

FRONT_MATTER_FIELDS = ("title", "byline", "authors", "date", "site_name", "url", "language", "description",
                       "image", "scrubber_version")
CELL_SEPARATOR = " | "  # how extraction joins a table row's cells
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_BLOCK_START = re.compile(r"^(?:#{1,6}\s|[-+=]|\d{1,9}(?=[.)]\s))")


_LINE_BREAKERS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_text(value: object, indent: int | None = None) -> str:
    """JSON with non-ASCII text kept readable, except the characters that readers split lines on
    (NEL, LINE and PARAGRAPH SEPARATOR: Python's ``str.splitlines`` does), so that a JSON Lines
    row is always one line."""
    return json.dumps(value, ensure_ascii=False, indent=indent).translate(_LINE_BREAKERS)


def _spans(text: str, marks: Sequence[Mark], escape: Callable[[str], str],
           opening: Callable[[Mark], str], closing: Callable[[Mark], str]) -> str:
    """``text`` escaped, with each mark's opening and closing markup around its span. Marks must nest:
    one that crosses an earlier, enclosing mark is left out."""
    chosen: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -m.stop)):
        inside = [m for m in chosen if m.start <= mark.start < m.stop]
        if 0 <= mark.start < mark.stop <= len(text) and all(mark.stop <= m.stop for m in inside):
            chosen.append(mark)
    events: list[tuple[int, int, str]] = []  # (position, order, markup): closings before openings
    for depth, mark in enumerate(chosen):
        events.append((mark.start, 1_000_000 + depth, opening(mark)))
        events.append((mark.stop, -depth, closing(mark)))
    events.sort(key=lambda event: (event[0], event[1]))
    out, position = [], 0
    for at, _, markup in events:
        out.append(escape(text[position:at]))
        out.append(markup)
        position = at
    out.append(escape(text[position:]))
    return "".join(out)


def _markdown_escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _markdown_inline(block: Block) -> str:
    def opening(mark: Mark) -> str:
        return {"link": "[", "emphasis": "*", "strong": "**"}[mark.kind]

    def closing(mark: Mark) -> str:
        if mark.kind == "link":
            return f"]({_markdown_url(mark.href or '')})"
        return opening(mark)

    text = _spans(block.text, block.marks, _markdown_escape, opening, closing)
    # a paragraph must not turn into a heading, a list or a rule: escape the punctuation that would
    start = _BLOCK_START.match(text)
    if start is None:
        return text
    at = start.end() if start.group().isdigit() else 0
    return text[:at] + "\\" + text[at:]


def _markdown_url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _markdown_image(block: Block) -> str:
    """``![alt](src)``, the caption in emphasis on the line below."""
    image = f"![{_markdown_escape(block.alt or '')}]({_markdown_url(block.src or '')})"
    return f"{image}\n*{_markdown_escape(block.caption)}*" if block.caption else image


def _shown(body: Sequence[Block]) -> Iterator[Block]:
    """The blocks to render: a caption block that repeats the caption of the image before it (with both
    ``include_captions`` and ``include_images``) is shown once, with the image."""
    previous: Block | None = None
    for block in body:
        repeated = previous is not None and previous.kind == "image" and previous.caption == block.text
        if not (block.kind == "caption" and repeated):
            yield block
        previous = block


def _cells(block: Block) -> list[str]:
    return [_markdown_escape(cell) for cell in block.text.split(CELL_SEPARATOR)]


def _markdown_table(rows: list[Block]) -> str:
    """Consecutive table rows as a GFM table; the first row is its header."""
    cells = [_cells(row) for row in rows]
    width = max(len(row) for row in cells)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in cells]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)


def _markdown_blocks(body: Sequence[Block]) -> Iterator[str]:
    for kind, run in groupby(_shown(body), key=lambda block: block.kind):
        blocks = list(run)
        if kind == "table_row":
            yield _markdown_table(blocks)
        elif kind == "list_item":
            yield "\n".join(f"- {_markdown_inline(block)}" for block in blocks)
        elif kind == "quote":
            yield "\n>\n".join(f"> {_markdown_inline(block)}" for block in blocks)
        elif kind == "image":
            yield from (_markdown_image(block) for block in blocks)
        else:
            for block in blocks:
                text = _markdown_inline(block)
                yield {"heading": f"## {text}", "caption": f"*{text}*"}.get(kind, text)


def yaml_front_matter(article: Article) -> str:
    """The article's metadata as YAML front matter (every value a JSON scalar or list, which is YAML)."""
    lines = ["---"]
    for name in FRONT_MATTER_FIELDS:
        value = getattr(article, name)
        if value not in (None, [], ""):
            lines.append(f"{name}: {json_text(value)}")
    lines.append("---")
    return "\n".join(lines)


def markdown(article: Article, *, front_matter: bool = False) -> str:
    """The article as GitHub-flavoured Markdown (`Article.to_markdown`)."""
    parts = [yaml_front_matter(article)] if front_matter else []
    if article.title:
        parts.append(f"# {_markdown_escape(article.title)}")
    parts.extend(_markdown_blocks(article.body))
    return "\n\n".join(parts)


def _html_inline(block: Block) -> str:
    def opening(mark: Mark) -> str:
        if mark.kind == "link":
            return f'<a href="{html.escape(mark.href or "")}">'
        return {"emphasis": "<em>", "strong": "<strong>"}[mark.kind]

    def closing(mark: Mark) -> str:
        return {"link": "</a>", "emphasis": "</em>", "strong": "</strong>"}[mark.kind]

    return _spans(block.text, block.marks, html.escape, opening, closing)


def _html_figure(block: Block) -> str:
    alt = html.escape(block.alt or "")
    caption = f"<figcaption>{html.escape(block.caption)}</figcaption>" if block.caption else ""
    return f'<figure><img src="{html.escape(block.src or "")}" alt="{alt}">{caption}</figure>'


def _html_blocks(body: Sequence[Block]) -> Iterator[str]:
    for kind, run in groupby(_shown(body), key=lambda block: block.kind):
        blocks = list(run)
        if kind == "table_row":
            rows = ["<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in block.text.split(CELL_SEPARATOR))
                    + "</tr>" for block in blocks]
            yield "<table>\n" + "\n".join(rows) + "\n</table>"
        elif kind == "list_item":
            yield "<ul>\n" + "\n".join(f"<li>{_html_inline(block)}</li>" for block in blocks) + "\n</ul>"
        elif kind == "quote":
            yield "<blockquote>\n" + "\n".join(f"<p>{_html_inline(b)}</p>" for b in blocks) + "\n</blockquote>"
        elif kind == "image":
            yield from (_html_figure(block) for block in blocks)
        else:
            tag = {"heading": "h2", "caption": "figcaption"}.get(kind, "p")
            yield from (f"<{tag}>{_html_inline(block)}</{tag}>" for block in blocks)


def html_document(article: Article) -> str:
    """The clean article as a standalone HTML5 document (`Article.to_html`)."""
    escape = html.escape
    head = ['<meta charset="utf-8">', f"<title>{escape(article.title or '')}</title>"]
    if article.url:
        head.append(f'<link rel="canonical" href="{escape(article.url)}">')
    head += [f'<meta name="author" content="{escape(author)}">' for author in article.authors]
    if article.description:
        head.append(f'<meta name="description" content="{escape(article.description)}">')
    header = [f"<h1>{escape(article.title)}</h1>"] if article.title else []
    if article.byline:
        header.append(f'<p class="byline">{escape(article.byline)}</p>')
    if article.date:
        header.append(f'<p><time datetime="{escape(article.date)}">{escape(article.date)}</time></p>')
    language = f' lang="{escape(article.language)}"' if article.language else ""
    return "\n".join([
        f"<!DOCTYPE html>\n<html{language}>\n<head>", *head, "</head>\n<body>\n<article>",
        *header, *_html_blocks(article.body), "</article>\n</body>\n</html>",
    ])
