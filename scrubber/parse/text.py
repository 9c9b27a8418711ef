"""Plain-text dumps → blocks.

Handles the shapes copied-out text comes in: paragraphs separated by blank lines, one block per line,
hard-wrapped lines (re-joined), Markdown-ish text (headings, bullets, quotes, links), CRLF, tabs and
non-breaking spaces.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from scrubber.scripts import count_words, joins_without_space, printed_width

# invisible characters, and icon-font glyphs (private use), which a copy of a page brings along
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\ue000-\uf8ff]")
_BLANK_LINES = re.compile(r"\n\s*\n")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_MD_BULLET = re.compile(r"^[*\-+•·▪◦]\s+(.*)$")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+\S")  # "1. " or "1) ": an item of an ordered list; its number stays
_LIST_NUMBER = re.compile(r"^\d{1,3}[.)](?:\s|$)")  # also bare, when the item's text is a link on the next line
_MD_QUOTE = re.compile(r"^>\s?(.*)$")
# "(url)" or "(url "title")". A converter that wraps its lines (html2text) breaks a long URL after a hyphen
# and keeps the spaces of a query string as the page wrote them ("?text=Night trains\nreturn&url=…"); the
# query may run over one line end at most, so a stray "(" never makes the scan read on through the dump;
# a "?" opens the query only (were it also a character of the address, the scan could split it either way).
_MD_TARGET = r"\((?:[^()\s?]|(?<=-)\n|\([^)]*\))*(?:\?[^()\n]*(?:\n[^()\n]*)?)?(?:\s+\"[^\"]*\")?\)"
# Link and image text may run over lines (a converter keeps the blocks inside a link: "[Newsletter\n\n
# Newsletters](/newsletters)"), so both are taken out of the whole dump; no "[" inside keeps the scan linear.
_MD_IMAGE = re.compile(rf"!\[[^\[\]]*\]{_MD_TARGET}")
_MD_LINK = re.compile(rf"\[([^\[\]]*)\]{_MD_TARGET}")
_MD_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
# A text browser's dump (lynx, w3m) numbers each link where it stands, "[12]Home", and lists the targets
# at the end, "12. https://…": the numbers are no text of the page.
_LINK_NUMBER = re.compile(r"\[\d{1,4}\]")
_LINK_NUMBER_BEFORE_TEXT = re.compile(r"\[\d{1,4}\](?=[^\s\]])")
_MIN_LINK_NUMBERS = 3
# A list item that is a link points to another page (Markdown's "* [Headline](url)", all one link; a text
# browser's "* [7]Headline", a link first): its bullet is swapped for this mark before the link syntax goes.
_LINK_ITEM_MARK = "\ue000"
_MD_LINK_ITEM = re.compile(rf"^([ \t]*)[*\-+•]\s+\[([^\[\]]*)\]{_MD_TARGET}[ \t]*$", re.MULTILINE)
_NUMBERED_LINK_ITEM = re.compile(r"^([ \t]*)[*\-+•]\s+(?=\[\d{1,4}\]\S)", re.MULTILINE)
# a text browser's form controls: "(BUTTON) Search", a text field "____________________"
_FORM_CONTROL = re.compile(r"\(BUTTON\)|_{4,}")
_HANGING_INDENT = re.compile(rf"^[ \t]*[*\-+•·▪◦{_LINK_ITEM_MARK}][ \t]+\S.*\n[ \t]+[^\s*\-+•·▪◦]", re.MULTILINE)
_ITEM_MARKER = re.compile(r"(?:\d{1,3}[.)]|[*\-+•·▪◦])[ \t]+(?=\S)")  # the bullet or number of a list item
_BULLET_PREFIX = re.compile(rf"^(\s*[*\-+•·▪◦{_LINK_ITEM_MARK}]\s+)\S")
# A target is one word, but a text browser prints a query string as the page wrote it, spaces and all
# ("165. https://…/sharer.php?u=…&t=Hiking the Flat Irons").
_LINK_TARGET = re.compile(r"^\d{1,4}\.\s+(?:[a-z][\w+.-]*:|/|#)\S*(?:[?&=]\S*\s.*)?$", re.IGNORECASE)
_MIN_MARKDOWN_LINKS = 3  # links or images in Markdown syntax that make a dump Markdown
_MARKER_STARTS = frozenset("#*-+•·▪◦>" + _LINK_ITEM_MARK)  # first characters of a heading, bullet or quote line
_MARKUP_STARTS = _MARKER_STARTS | {"_"}  # ... or of a rule or a line in _italics_

# A dump counts as hard-wrapped when its wrapped lines end near one column in this range.
MAX_WRAP_WIDTH = 100
_WRAP_SLACK = 20
_MIN_WRAP_WIDTH = 50
_COLUMN_SLACK = 10  # a text browser wraps indented lines this much short of its widest ones at most
_CLOSERS = "'\"’”»)]）」』"
_SENTENCE_ENDS = ".!?。！？"
_MENU_HEADING_WORDS = 4  # a line of a menu that is no link: a heading over a column of it ("Catégories")
_HEADLINE_LEVEL = 2  # a page's headline is a heading of level 1 or 2; the lower levels are mostly rails of teasers


@dataclass(slots=True)  # made for every block: slots and no frozen checks keep that cheap
class TextBlock:
    """A block of a text dump: its text and what its markup says it is ("" when it says nothing)."""

    text: str
    marked: str = ""
    line_per_block: bool = False
    link_item: bool = False  # a list item that is a link's text (see _LINK_ITEM_MARK)
    # text under a link item, indented to where the item's text starts: what the link leads to (a menu
    # entry's or a teaser's description), no text of the page's own
    describes_link: bool = False
    opens_chunk: bool = False  # a blank line (or the dump's start) is before it: no wrap cut it from the line above


def normalize_text(text: str) -> str:
    """Unify line ends, drop invisible characters, Markdown links and images (their text stays) and a text
    browser's link numbers (spaces are folded line by line in `split_blocks`)."""
    text, numbered = _normalized(text)
    return _LINK_NUMBER.sub("", text) if numbered else text


def _normalized(text: str) -> tuple[str, bool]:
    """`normalize_text`, a text browser's link numbers kept, and whether the dump has them: they count in
    the length of the line they were printed on, which tells where the browser wrapped it."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if "](" in text:
        text = _MD_IMAGE.sub("", text)
        text = _MD_LINK.sub(r"\1", _MD_LINK_ITEM.sub(rf"\1{_LINK_ITEM_MARK} \2", text))
    numbered = "[" in text and len(_LINK_NUMBER_BEFORE_TEXT.findall(text)) >= _MIN_LINK_NUMBERS
    if numbered:
        text = _NUMBERED_LINK_ITEM.sub(rf"\1{_LINK_ITEM_MARK} ", text)
    if "(BUTTON)" in text or "____" in text:
        text = _FORM_CONTROL.sub("", text)
    return text, numbered


def _wrap_width(chunks: list[list[str]]) -> int | None:
    """The column a hard-wrapped dump was wrapped at, or None when lines are not wrapped.

    Lines cut at a column end near it, mostly in the middle of a sentence; a text browser's dump also
    has short lines (menus, list items), so only the lines of more than half the width are weighed.
    """
    inner_lines = [line for lines in chunks for line in lines[:-1]]
    # only a word longer than the column (a link) stands on a line past it; words past it are a paragraph
    # on one line, and a dump that has one is not wrapped (a converter wraps paragraphs only, not the
    # lines it marks as headings or list items)
    if any(len(line) > MAX_WRAP_WIDTH and not _starts_block(line) and count_words(line) > 1 for line in inner_lines):
        return None
    inner = [len(line) for line in inner_lines if len(line) <= MAX_WRAP_WIDTH]
    if len(inner) < 3:
        return None
    width = max(inner)
    if not _MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    # (line cut near the column, the line after it) in the same chunk
    full = [pair for lines in chunks for pair in pairwise(lines) if len(pair[0]) >= width - _WRAP_SLACK]
    wide = sum(length > width // 2 for length in inner)
    if len(full) < 3 or len(full) * 4 < wide * 3:
        return None
    # a cut falls mid-sentence, so the next line mostly goes on in lower case; a list of headlines does
    # neither
    sentence_ends = sum(line.rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS for line, _ in full)
    capitals = sum(after[0].isupper() for _, after in full)
    return width if sentence_ends * 2 < len(full) and capitals * 4 < len(full) * 3 else None


def _wrap_columns(chunks: list[list[str]], width: int) -> dict[int, int]:
    """The column a text browser wrapped the lines of each indentation at, from its lines as printed: it
    wraps an indented paragraph short of the widest line (lynx at 80 columns: 74, where a headline at
    the margin reaches 77), and a word longer than the room left stands past it. So the second longest
    line of an indentation is its column, where lines of that indentation come near the dump's width;
    the lines of an indentation that stay short of it (a menu) are cut at the dump's width."""
    lengths: dict[int, list[int]] = {}
    for lines in chunks:
        for line in lines[:-1]:
            if (printed := printed_width(line)) <= MAX_WRAP_WIDTH:
                lengths.setdefault(len(line) - len(line.lstrip(" ")), []).append(printed)
    columns = {}
    for indent, found in lengths.items():
        if len(found) >= 2 and (column := sorted(found)[-2]) >= width - _COLUMN_SLACK:
            columns[indent] = column
    return columns


def _without_link_numbers(chunks: list[list[str]]) -> list[list[str]]:
    """A text browser's lines as text: link numbers and indentation left out."""
    return [[line for printed in lines if (line := " ".join(_LINK_NUMBER.sub("", printed).split()))]
            for lines in chunks]


def _is_link_target(line: str) -> bool:
    return line[0].isdigit() and bool(_LINK_TARGET.match(line))


def _marked(line: str) -> tuple[str, str]:
    """Strip Markdown from one line and say what it marked."""
    if "<" in line:  # the substitutions are skipped on the many lines that have no Markdown
        line = _MD_AUTOLINK.sub(r"\1", line)
    if "**" in line or "__" in line:
        line = " ".join(_MD_EMPHASIS.sub(r"\2", line).replace("**", "").split())  # and bold cut by a line end
    if "\\" in line:
        line = _MD_ESCAPE.sub(r"\1", line)
    if len(line) > 2 and line[0] == line[-1] and line[0] in "*_" and line[1] not in " *_":
        line = line[1:-1].strip()  # a line in *italics*, such as a byline
    if not line or not (line[0] in _MARKER_STARTS or line[0].isdigit()):
        return line, ""  # most lines: no block marker, so none of the patterns below can match
    if match := _MD_HEADING.match(line):
        return match.group(2), "heading"
    if match := _MD_BULLET.match(line):
        item = match.group(1)
        if heading := _MD_HEADING.match(item):  # a heading in a list, as menus and sidebars have them
            return heading.group(2), "heading"
        return item, "list_item"
    if line[0] == _LINK_ITEM_MARK:
        return line[1:].strip(), "link_item"
    if _NUMBERED.match(line):
        return line, "list_item"
    if match := _MD_QUOTE.match(line):
        return match.group(1), "quote"
    return line, ""


def _is_continuation(previous_length: int, line: str, width: int, measure: Callable[[str], int] = len) -> bool:
    """A wrapped line continues the previous one when its first word would not have fitted there."""
    first_word = line[0] if joins_without_space(line[0], line[0]) else line.split(" ", 1)[0]  # Han, kana break anywhere
    return previous_length + 1 + measure(first_word) > width and not (
        line[0] == _LINK_ITEM_MARK or _MD_BULLET.match(line) or _NUMBERED.match(line)
    )


def _rewrapped(lines: list[str], width: int, columns: dict[int, int] | None = None) -> list[str]:
    """The lines of a hard-wrapped chunk joined back into the lines they were cut from (joined once at
    the end: a chunk that is one long paragraph must not be copied once per line).

    With ``columns`` the lines are a text browser's, as it printed them (indented, with link numbers):
    a line goes on from the one before only if that one was cut, measured against the column the lines
    of its indentation were cut at (`_wrap_columns`); a rail of linked headlines has lines of about
    the column's length, and once one was joined the rest must not follow. Otherwise every line after
    a join goes on (a converter may cut a line at a hyphen, before a word that would have fitted)."""
    merged: list[list[str]] = []
    length = 0
    column = width
    # the indentations a line going on from the one before may have: a text browser indents every line of
    # a paragraph alike, and a list item's next lines where its text starts ("   1. [4]Headline")
    indents = (0, 0)
    for line in lines:
        text = line.lstrip(" ") if columns is not None else line
        if (merged and len(line) - len(text) in indents
                and _is_continuation(length, text, column, len if columns is None else printed_width)):
            # a line of Chinese or Japanese was cut between two characters, not at a space
            joint = "" if joins_without_space(merged[-1][-1][-1], text[0]) else " "
            merged[-1].append(joint + text)
            length += len(joint) + len(text)
        else:
            merged.append([line])
            length = len(line)
        if columns is not None:
            indent = len(line) - len(text)
            item = _ITEM_MARKER.match(text)
            length, indents = printed_width(line), (indent, indent + item.end() if item else indent)
            column = columns.get(indent, width)
    return ["".join(parts) for parts in merged]


def _starts_block(line: str) -> bool:
    """Whether a Markdown line opens a block of its own (heading, list item, quote, table row, rule)."""
    return line[0] in _MARKER_STARTS or line[0] == "|" or bool(_LIST_NUMBER.match(line))


def _hanging_joined(lines: list[str], width: int) -> list[str]:
    """The raw lines of a chunk, a list item's wrapped lines joined to it: a text browser wraps an item
    with a hanging indent, its next lines starting where the item's text starts. Only a line cut near
    the column goes on: short lines at that indent are the items of a nested list (a menu)."""
    joined: list[str] = []
    hang = 0  # the column the text of the list item on the line before starts at
    cut = False  # whether the line before ends near the column
    for line in lines:
        text = line.lstrip()
        if cut and text and len(line) - len(text) == hang and not _BULLET_PREFIX.match(line):
            joined[-1] += " " + text
        else:
            joined.append(line)
            bullet = _BULLET_PREFIX.match(line)
            hang = len(bullet.group(1)) if bullet else 0
        cut = bool(hang) and len(line) >= width - _WRAP_SLACK
    return joined


def _soft_joined(chunk: str) -> list[str]:
    """The lines of a chunk of Markdown, a line that goes on from the one before it joined to it.

    In Markdown a line end inside a paragraph is only a space, and converters keep the line ends of the
    page's source ("Fire\nis seen on ..."). A line goes on from the one before when it starts in lower
    case; lines in capitals (or in a script without case) are kept apart, as most are the items of a
    menu or a select box, one per line in the source, that Markdown would run together. Nothing goes
    on after a hard break (two spaces or a backslash at the line's end) or a list item; after a heading
    only where a converter wrapped it: converters put a blank line after a heading, so a plain line
    right under a heading line of a wrapped line's length that ends no sentence is the rest of it.
    """
    lines: list[str] = []
    breaks = True
    wrapped_heading = False
    for raw in chunk.split("\n"):
        line = " ".join(raw.split())
        if not line or _is_link_target(line):
            continue
        if (not breaks and line[0].islower()) or (
            wrapped_heading and not _starts_block(line) and line.rstrip(_CLOSERS)[-1:] not in _SENTENCE_ENDS
        ):
            lines[-1] += " " + line
        else:
            lines.append(line)
        breaks = raw.endswith(("  ", "\\")) or _starts_block(lines[-1])
        wrapped_heading = (
            lines[-1][0] == "#"
            and len(line) >= _MIN_WRAP_WIDTH
            and (heading := _MD_HEADING.match(lines[-1])) is not None
            and len(heading.group(1)) <= _HEADLINE_LEVEL
        )
    return lines


def _folded(raw_chunks: list[str], width: int | None = None, indented: bool = False) -> list[list[str]]:
    """Each chunk's lines with their spaces folded, link target lines left out (with the ``width`` of a
    wrapped dump, a list item's wrapped lines joined to it; ``indented``, each line keeps its indentation)."""
    chunks = []
    for chunk in raw_chunks:
        lines = chunk.split("\n")
        if width:
            lines = _hanging_joined(lines, width)
        kept = [(line[:len(line) - len(line.lstrip())] if indented else "") + folded for line in lines
                if (folded := " ".join(line.split())) and not _is_link_target(folded)]
        if kept:
            chunks.append(kept)
    return chunks


def split_blocks(text: str) -> list[TextBlock]:
    """Cut a dump into blocks in reading order."""
    markdown = text.count("](") >= _MIN_MARKDOWN_LINKS
    text, numbered = _normalized(text)
    raw_chunks = _BLANK_LINES.split(text)
    columns = None
    if markdown and len(raw_chunks) > 2:
        chunks = [lines for chunk in raw_chunks if (lines := _soft_joined(chunk))]
        width = _wrap_width(chunks)
    else:
        # a text browser's lines are measured as it printed them, indented and with its link numbers: they
        # count in the width it wrapped at
        chunks = _folded(raw_chunks, indented=numbered)
        # whether the dump is wrapped is told from its text, the lines as they were cut (before list items
        # are joined)
        width = _wrap_width(_without_link_numbers(chunks) if numbered else chunks)
        if width and numbered:
            widths = [printed_width(line) for lines in chunks for line in lines[:-1]]
            width = max((printed for printed in widths if printed <= MAX_WRAP_WIDTH), default=width)
        if width and _HANGING_INDENT.search(text):
            chunks = _folded(raw_chunks, width, numbered)
        if width and numbered:
            columns = _wrap_columns(chunks, width)
    line_per_block = len(chunks) <= 2
    blocks: list[TextBlock] = []
    for lines in chunks:
        chunk_start = len(blocks)
        item_column = None  # where the text of the link item above starts, in a text browser's dump
        for printed in _rewrapped(lines, width, columns) if width else lines:
            line = " ".join(_LINK_NUMBER.sub("", printed).split()) if numbered else printed
            if not line:
                continue
            describes_link = False
            if numbered:  # only a text browser's lines keep their indentation
                describes_link, item_column = _under_link_item(printed, item_column)
            if not (line[0] in _MARKUP_STARTS or line[0].isdigit() or "**" in line or "__" in line
                    or "\\" in line or "<" in line):
                blocks.append(TextBlock(line, "", line_per_block, describes_link=describes_link))  # most lines
                continue
            if line[0] in "-*_" and _MD_RULE.match(line):
                continue
            clean, marked = _marked(line)
            if clean:
                link_item = marked == "link_item"
                blocks.append(TextBlock(clean, "list_item" if link_item else marked, line_per_block, link_item,
                                        describes_link))
        if len(blocks) > chunk_start:
            blocks[chunk_start].opens_chunk = True
    if numbered:
        _describe_menus_only(blocks)
    return blocks


def _describe_menus_only(blocks: list[TextBlock]) -> None:
    """Keep the marks of text under link items in menus only, where most items have none (a mega-menu's
    entries with a blurb here and there): where most items are described, the list is what the page
    lists (a directory, a list of stories) and the descriptions are its text. A list runs on over
    blank lines and short lines (a menu's column headings) up to a line of text that describes no link."""
    start = 0
    for position in range(len(blocks) + 1):
        if position < len(blocks) and (blocks[position].link_item or blocks[position].describes_link
                                       or count_words(blocks[position].text) <= _MENU_HEADING_WORDS):
            continue
        items = blocks[start:position]
        described = sum(block.link_item and after.describes_link for block, after in pairwise(items))
        if described * 2 >= sum(block.link_item for block in items):
            for block in items:
                block.describes_link = False
        start = position + 1


def _under_link_item(printed: str, item_column: int | None) -> tuple[bool, int | None]:
    """Whether a text browser's line (as printed, indented) stands where the text of the link item above
    it starts (``item_column``), under the link it describes, and the column the lines after it must
    start at to describe a link: this line's text column if it is a link item, else the same column
    while lines describe one."""
    text = printed.lstrip(" ")
    if text[0] == _LINK_ITEM_MARK and (bullet := _BULLET_PREFIX.match(printed)):
        return False, len(bullet.group(1))
    describes = len(printed) - len(text) == item_column and not _ITEM_MARKER.match(text)
    return describes, item_column if describes else None
