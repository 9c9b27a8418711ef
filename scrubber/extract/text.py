"""Find the article in a text dump: its title, byline, date, and the span of blocks that is the body.

The body is the densest run of prose (the maximum-sum run of block scores: sentence-like blocks score
their length, short unpunctuated lines cost a little, long unpunctuated ones — menus flattened into a
line — cost their length). The title is the fullest headline-like line of the few before that run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from scrubber.extract import Candidate, Extraction
from scrubber.extract.byline import parse_byline
from scrubber.extract.dates import find_date
from scrubber.extract.language import detect_language, language_sample
from scrubber.parse.text import MAX_WRAP_WIDTH, TextBlock, split_blocks
from scrubber.phrases import PhraseBook, PhraseSet, is_residue, phrase_book, phrase_set, row_items, with_defaults
from scrubber.scripts import (
    CLOSERS,
    OPENERS,
    SENTENCE_ENDS,
    chinese_function_share,
    count_words,
    hiragana_share,
    script_language,
    spaces_between_han_kana,
)

# a sentence ends inside the block: ". The" or "。" with more text after it (not "！" or "？": Chinese and
# Japanese headlines put them mid-line)
_SENTENCE_INSIDE = re.compile(
    rf"\w[.!?][{re.escape(CLOSERS)}]*\s+[{re.escape(OPENERS)}]?[A-ZÀ-ÖА-ЯЁ0-9]|\w。[{re.escape(CLOSERS)}]*\w"
)
# ... or the danda ("।", Hindi and its neighbours; "۔", Urdu): a pattern of its own, opening with it so
# that the scan for it is fast (every block is tested); a letter must follow, not a digit: "गीता २।४७" is a
# verse reference
_DANDA_INSIDE = re.compile(rf"[।॥۔][{re.escape(CLOSERS)}]*\s*[^\W\d]")
_HEADLINE_ENDS = ("?", "!", "？", "！", "؟", "…", "..")
_FOOTNOTE_MARKS = re.compile(r"(?:\s*\[\d{1,4}\])+$")
_QUOTED = re.compile(r"^['\"‘“«「『](.*)['\"’”»」』]$")
_DOMAIN_OR_URL = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,12}(?:/\S*)?$", re.IGNORECASE)
_MAX_HEADING_WORDS = 20
_APPEALS = frozenset({"cookie", "donation"})
_LONG_APPEAL_WORDS = 90
_MAX_TITLE_WORDS = 40
_PROSE_WORDS = 10
_TITLE_LOOKBACK = 12
_HEADLINE_WORDS = 12  # a headline's usual length: more words say no more that it is one
_HEADLINE_DISTANCE_COST = 1.0  # in words, a line further from the body
_CLAUSE_COMMAS = frozenset("、，")  # where Chinese and Japanese prose pauses
_BOX_LOOKAHEAD = 8
_TOC_NAMED_SECTIONS = 2  # links of a list that name lines after it: a table of contents
# a row of items run together in Chinese or Japanese (`_is_row_of_items`): spaces between characters,
# characters a piece on average, sentences at most
_ROW_SPACES = 3
_ROW_ITEM_CHARACTERS = 10
_ROW_MAX_SENTENCES = 2
_MENU_ITEMS = 3
_MENU_ITEM_CHARACTERS = 4
_PROSE_FUNCTION_SHARE = 0.2  # of a Chinese line's Han characters (`chinese_function_share`)
_PROSE_HIRAGANA_SHARE = 0.5  # of a Japanese line's characters (`hiragana_share`)
# a dump whose densest run holds this share of the words of its lines of prose length is the text of the
# article's container
_CONTAINER_SHARE = 0.95
# the items of a listing (`_listing_span`): lines between the teasers of two items at most (a product's
# title, tags, release date, reviews, price and buttons), and teasers besides the densest run's
_ITEM_GAP = 20
_MIN_ITEMS = 2
_MIN_TEMPLATE_ITEMS = 4  # items of a listing of short lines (`_template_span`)
_STORY_WORDS = 60  # of prose in a run that holds a story (`_holds_story`)
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W_]")
_HEAD_PROSE_LINES = 3  # lines that read as Chinese or Japanese prose: more than a head holds
# a line that opens with a full date followed by its time, weekday or nothing ("2024年5月3日 10:30 配信") or
# a news agency's dateline ("新华社北京11月17日电（记者…）"): the date of the story, not its headline, which
# may open with a date too ("7月1日电价上调", "2025年1月1日から変わること")
_HAN_KANA_DATELINE = re.compile(
    r"^\d{4}年\d{1,2}月\d{1,2}日(?=[\s\d(（]|$)|^\S{0,10}?\d{1,2}月\d{1,2}日[电電](?=[\s(（:：]|$)"
)


@dataclass
class TextLayout:
    """Where the parts of the article are in the block list."""

    kinds: list[str]
    body_start: int = 0
    body_stop: int = 0
    title: int | None = None
    byline: int | None = None
    date_block: int | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None

    @property
    def roles(self) -> set[int]:
        return {i for i in (self.title, self.byline, self.date_block) if i is not None}


def is_sentence_like(text: str) -> bool:
    # the pattern is tried at every word character: most lines hold none of the marks it needs, which
    # `in` finds faster (every block is tested)
    if _ends_a_sentence(text) or (
        ("." in text or "!" in text or "?" in text or "。" in text) and _SENTENCE_INSIDE.search(text)
    ):
        return True
    return not text.isascii() and bool(_DANDA_INSIDE.search(text))


def _ends_a_sentence(text: str) -> bool:
    """Whether the text ends with sentence punctuation, closing quotes and brackets and footnote marks
    ("... the map. [75]") aside."""
    if text.endswith("]"):
        text = _FOOTNOTE_MARKS.sub("", text)
    last = text.rstrip(CLOSERS)[-1:]
    return bool(last) and last in SENTENCE_ENDS


def _states(text: str) -> bool:
    """Whether a sentence-like text ends as a statement does, not with a headline's question or exclamation
    mark or a teaser's ellipsis, footnote marks aside ("Why now?[3]")."""
    return not _FOOTNOTE_MARKS.sub("", text).rstrip(CLOSERS).endswith(_HEADLINE_ENDS)


def is_headline_like(text: str, max_words: int = _MAX_HEADING_WORDS) -> bool:
    """Short, not ending like a sentence (a question mark is allowed), not a bare URL or domain."""
    inner = _QUOTED.sub(r"\1", text.strip())
    if not 0 < count_words(inner) <= max_words or _DOMAIN_OR_URL.match(inner):
        return False
    return inner.endswith(("?", "？")) or not _ends_a_sentence(inner)


def _is_row_of_items(text: str) -> bool:
    """A line of Chinese or Japanese that spaces part into several pieces of a headline's length and that
    ends no sentence and holds two at most: items run together (a browser's copy of a list of headlines).
    Sentences of these scripts have no spaces; a link inside one may be set apart, but by spaces a few
    characters apart."""
    spaces = spaces_between_han_kana(text)
    return (spaces >= _ROW_SPACES and len(text) >= _ROW_ITEM_CHARACTERS * (spaces + 1)
            and text.count("。") <= _ROW_MAX_SENTENCES and not _ends_a_sentence(text)
            and script_language(text) in ("zh", "ja"))


def _is_menu_row(text: str) -> bool:
    """A line of Chinese or Japanese that spaces part into three or more pieces of a few characters: the
    items of a menu run together ("ホーム ニュース 経済 スポーツ"), not a headline."""
    pieces = text.split()
    return (len(pieces) >= _MENU_ITEMS and all(len(piece) <= _MENU_ITEM_CHARACTERS for piece in pieces)
            and script_language(text) in ("zh", "ja"))


def _reads_as_chinese_prose(text: str) -> bool:
    """A Chinese line that its function words mark as prose though it ends no sentence (a blog written
    a clause a line); not a menu, whose items hold them too ("关于我们 联系我们", "我的收藏 我的订阅")."""
    return (chinese_function_share(text) >= _PROSE_FUNCTION_SHARE and script_language(text) == "zh"
            and not _is_menu_row(text))


def _reads_as_japanese_prose(text: str) -> bool:
    """A Japanese line that its hiragana (particles, endings of verbs) mark as prose: headlines are
    written in kanji and katakana, with a particle here and there."""
    return hiragana_share(text) >= _PROSE_HIRAGANA_SHARE and script_language(text) == "ja"


def _score(block: TextBlock, sentence_like: bool) -> int:
    words = count_words(block.text)
    if block.describes_link:
        return -1  # what a menu entry or a teaser links to weighs as its link does
    if block.link_item and not (sentence_like and _states(block.text)):
        return -1  # a link to another story (a list of headlines, which ask and exclaim)
    # an item in Chinese or Japanese that ends no sentence is weighed as a line: counted by characters, a
    # list of headlines or a photo caption would otherwise outweigh the story
    if block.marked in ("list_item", "quote") and (sentence_like or script_language(block.text) not in ("zh", "ja")):
        return words if words >= _PROSE_WORDS // 2 else -1
    # a blog's clauses set apart by spaces (no sentence ends) read as prose, not as items
    if (words > _MAX_HEADING_WORDS and _is_row_of_items(block.text)
            and not (_reads_as_chinese_prose(block.text) or _reads_as_japanese_prose(block.text))):
        return -words
    if sentence_like:
        return words if words >= _PROSE_WORDS else 1
    # words that start in lower case or with a digit: many in prose, tables and recipes, few in menus
    # and lists of headlines, which are Title Cased
    initials = [token[0] for token in block.text.split(" ")]
    capitals = sum(map(str.isupper, initials))
    lowercase = words - capitals
    if words <= _MAX_HEADING_WORDS:
        if not capitals and not any(map(str.islower, initials)):
            # a script without case (Han, kana, Hangul, Thai, ...): short lines are menus as often as not
            if words >= _PROSE_WORDS // 2 and _reads_as_chinese_prose(block.text):
                return words // 2
            return -3 if words <= _PROSE_WORDS else 0
        # at least 40%; a menu run together on one line (a browser's copy) costs a point a word
        return 0 if words > 3 and lowercase * 5 >= words * 2 else -max(3, words)
    if not (capitals or _CLAUSE_COMMAS.intersection(block.text)) and script_language(block.text) in ("zh", "ja"):
        # a long line of Chinese or Japanese with no sentence end and no comma is a headline or a row of
        # them: prose this long pauses at a comma (a script without case has no lower case to go by)
        return words // 2 if _reads_as_chinese_prose(block.text) else 0
    return words // 2 if lowercase * 2 >= words else -words  # at least half


def _is_residue_row(text: str, packs: tuple[str, ...]) -> bool:
    """Residue, or a row of residue items ("Share · Post · Mail", "Facebook Twitter Email"): buttons and
    links run together on one line, which must never be taken for a headline."""
    if is_residue(text, packs):
        return True
    items = row_items(text)
    return len(items) >= 2 and all(is_residue(item, packs) for item in items)


def _names_sections(blocks: list[TextBlock], run: range) -> bool:
    """Whether a run of link items is a table of contents: most of its links name lines after it (the
    story's section headings), where a menu's or a rail's name other pages, the current one at most."""
    later = {block.text.casefold() for block in blocks[run.stop:] if not block.link_item}
    named = sum(blocks[position].text.casefold() in later for position in run)
    return named >= _TOC_NAMED_SECTIONS and named * 2 >= len(run)


def _goes_on(blocks: list[TextBlock], position: int) -> bool:
    """Whether the line after this one goes on with its sentence: its first word is in lower case, it is
    no marked block and ends a sentence (a text browser wrapped a paragraph there and the parser did not
    join it back); a credit ("myfloridahouse.gov") or a button ("play") under a headline ends none, and a
    sentence may open with a name written in lower case first ("iPhone sales…", "eBay said…")."""
    after = position + 1
    return (after < len(blocks) and not blocks[after].marked and blocks[after].text[0].islower()
            and blocks[after].text.split(" ", 1)[0].islower() and is_sentence_like(blocks[after].text))


def _cut_before(blocks: list[TextBlock], position: int, languages: tuple[str, ...]) -> bool:
    """Whether this line goes on from the plain line before it, which ends no sentence and is no byline
    ("By Jane Doe" over a story that opens in lower case: "de Blasio said…")."""
    before = blocks[position - 1]
    return (not before.marked and not _ends_a_sentence(before.text) and _goes_on(blocks, position - 1)
            and not parse_byline(before.text, languages))


def _wrap_cuts(blocks: list[TextBlock]) -> list[bool]:
    """Whether a text browser's wrap cut each line from the line before it: both are plain lines of one
    chunk (no blank line between), the chunk's lines are no longer than a wrap width and the line's first
    word would not have fitted after the line before within the chunk's longest line."""
    cuts = [False] * len(blocks)
    openings = [position for position, block in enumerate(blocks) if block.opens_chunk or position == 0]
    for first, stop in pairwise([*openings, len(blocks)]):
        width = max(len(block.text) for block in blocks[first:stop])
        if width > MAX_WRAP_WIDTH:
            continue
        for position in range(first + 1, stop):
            before, block = blocks[position - 1], blocks[position]
            cuts[position] = (not (before.marked or block.marked)
                              and len(before.text) + 1 + len(block.text.split(" ", 1)[0]) > width)
    return cuts


def _paragraph_start(cuts: list[bool], position: int) -> int:
    """The first line of the wrapped paragraph that this line belongs to."""
    while cuts[position]:
        position -= 1
    return position


def _wrapped_prose(blocks: list[TextBlock], cuts: list[bool], position: int) -> bool:
    """Whether this line opens a wrapped paragraph that, joined back, is prose: its lines score as short
    lines (a text browser cut its sentences), the paragraph as a whole as prose."""
    if cuts[position] or position + 1 == len(blocks) or not cuts[position + 1]:
        return False
    stop = position + 1
    while stop < len(blocks) and cuts[stop]:
        stop += 1
    text = " ".join(block.text for block in blocks[position:stop])
    return count_words(text) >= _PROSE_WORDS and is_sentence_like(text)


def _headline(blocks: list[TextBlock], start: int, roles: set[int], packs: tuple[str, ...]) -> int | None:
    """The headline among the lines before the body: a marked heading, else the fullest headline-like
    line, the nearer the better. Between a headline and its story a page puts short lines (the author's
    name, a photo credit, "Save this story"), which a headline outweighs by its length, and a table of
    contents, whose links are not counted and whose sections after it (the first may come before the
    body) are no headline; the headline it may name too comes before it. A line of a few short pieces
    ("ホーム ニュース 経済 スポーツ") is more likely a menu than a headline: it is taken only when no other
    line is headline-like."""
    head: list[int] = []  # the nearest lines first
    sections: set[int] = set()  # lines after a table of contents that it names
    position = start
    while position > 0 and len(head) < _TITLE_LOOKBACK:
        position -= 1
        if not blocks[position].link_item:
            head.append(position)
            continue
        stop = position + 1
        while position > 0 and blocks[position - 1].link_item:
            position -= 1
        if _names_sections(blocks, range(position, stop)):
            names = {block.text.casefold() for block in blocks[position:stop]}
            sections.update(line for line in head if blocks[line].text.casefold() in names)
        else:
            head.extend(reversed(range(position, stop)))
    head = head[:_TITLE_LOOKBACK]
    best, best_rank = None, (False, float("-inf"))
    for distance, position in enumerate(head):
        block = blocks[position]
        if position in roles or block.marked in ("list_item", "quote") or block.text[0] in "(（":
            continue  # a credit or a caption in brackets is no headline
        words = count_words(block.text)
        if words < 2 or not is_headline_like(block.text, _MAX_TITLE_WORDS) or _is_residue_row(block.text, packs):
            continue
        if _HAN_KANA_DATELINE.search(block.text) or position in sections:
            continue
        if position + 1 not in roles and _goes_on(blocks, position):
            continue  # the first piece of a sentence cut by a wrap
        score = min(words, _HEADLINE_WORDS) - distance * _HEADLINE_DISTANCE_COST
        if block.marked == "heading":  # a Markdown dump marks the page's headline
            score += _HEADLINE_WORDS
        rank = (not _is_menu_row(block.text), score)
        if rank > best_rank:
            best, best_rank = position, rank
    return best


def _appeals(blocks: list[TextBlock], scores: list[int], packs: tuple[str, ...]) -> list[int]:
    """Positions of the prose blocks that a cookie notice or an appeal for money says enough of (a phrase
    in a short block, two in a long one) for the cleaners to drop them: a banner of such prose must not
    carry the menus after it into the body."""
    found = []
    book = phrase_book(packs)
    flags = book.categories([block.text for block in blocks])
    for position, (block, may, score) in enumerate(zip(blocks, flags, scores, strict=True)):
        if score <= 0 or not _APPEALS & may:
            continue
        words = count_words(block.text)
        if words > _LONG_APPEAL_WORDS:
            continue
        for category in _APPEALS & may:
            hits = book.hits(category, block.text)
            if len(hits) >= 2 or (hits and words <= _MAX_HEADING_WORDS):
                found.append(position)
                break
    return found


def _densest_run(scores: list[int]) -> tuple[int, int]:
    """The ``[start, stop)`` of the maximum-sum run of scores (Kadane)."""
    best, best_span = 0, (0, 0)
    total, start = 0, 0
    for position, score in enumerate(scores):
        if total <= 0:
            total, start = 0, position
        total += score
        if total > best:
            best, best_span = total, (start, position + 1)
    return best_span


def _paragraph_scores(blocks: list[TextBlock], scores: list[int], cuts: list[bool], appeals: set[int],
                      start: int, stop: int) -> list[int]:
    """The scores of the paragraphs that the lines ``[start, stop)`` belong to, in order: a paragraph that
    a wrap cut into lines (`_wrap_cuts`) is scored joined back, since its lines, which seldom end a
    sentence, score as short lines; one holding a line of prose that asks for consent or money
    (`_appeals`) costs what it weighs."""
    found = []
    position = _paragraph_start(cuts, start)
    while position < stop:
        end = position + 1
        while end < len(blocks) and cuts[end]:
            end += 1
        if end - position == 1:
            found.append(scores[position])
        else:
            lines = blocks[position:end]
            text = " ".join(block.text for block in lines)
            # a link's description wrapped into lines weighs as its link does, joined back as well
            joined = TextBlock(text, describes_link=all(block.describes_link for block in lines))
            score = _score(joined, is_sentence_like(text))
            found.append(-abs(score) if appeals.intersection(range(position, end)) else score)
        position = end
    return found


def _holds_story(paragraphs: list[int]) -> bool:
    """Whether the scores of a run's paragraphs (`_paragraph_scores`) hold a story: two prose paragraphs
    with one line at most between them (a subheading, a caption), and `_STORY_WORDS` of prose. The items
    of a listing (a shop's category, a blog's front page) each have one paragraph of teaser between lines
    of their own: title, tags, date, price, buttons; a notice over a listing or a forum ("JavaScript is
    disabled...", a newsletter's consent, a catalogue's two lines of introduction) is too short a story."""
    return sum(score for score in paragraphs if score > 0) >= _STORY_WORDS and any(
        first >= _PROSE_WORDS and max(paragraphs[offset + 1:offset + 3]) >= _PROSE_WORDS
        for offset, first in enumerate(paragraphs[:-1]))


def _listing_span(scores: list[int], start: int, stop: int) -> tuple[int, int]:
    """The span of the items around the densest run of a dump that holds no story: the run is the teaser
    of one item (whose title and tags cost more than it weighs), and the body is the list of them. Prose
    paragraphs at most `_ITEM_GAP` lines apart are the teasers of items next to each other, if there are
    `_MIN_ITEMS` of them besides the run: a single paragraph further on is a box or a notice of its own."""
    prose = [position for position, score in enumerate(scores) if score >= _PROSE_WORDS]
    after: list[int] = []
    for position in (position for position in prose if position >= stop):
        if position - (after[-1] + 1 if after else stop) >= _ITEM_GAP:
            break
        after.append(position)
    before: list[int] = []
    for position in (position for position in reversed(prose) if position < start):
        if (before[-1] if before else start) - position > _ITEM_GAP:
            break
        before.append(position)
    if len(before) + len(after) < _MIN_ITEMS:
        return start, stop
    return (before[-1] if before else start), (after[-1] + 1 if after else stop)


def _template_key(text: str) -> str:
    """What the lines a listing's template prints for every item share: the first two words, numbers
    aside ("4.5 out of 5 stars", "12 comments", "Tech conference in Chicago")."""
    return _DIGITS.sub("0", " ".join(text.casefold().split(" ", 2)[:2]))


def _template_span(blocks: list[TextBlock]) -> tuple[int, int] | None:
    """The widest span of a dump that a listing's template repeats over: lines of one key (a label, a
    rating, a count) at least `_MIN_TEMPLATE_ITEMS` times, each at most `_ITEM_GAP` lines after the
    one before and not next to it (a menu's items are). Overlapping chains of keys (a date, a title, a
    place) join into one span."""
    places: dict[str, list[int]] = {}
    for position, block in enumerate(blocks):
        if _WORD.search(block.text):  # not a separator ("|", "›") between the items of a breadcrumb
            places.setdefault(_template_key(block.text), []).append(position)
    chains: list[tuple[int, int]] = []
    for positions in places.values():
        if len(positions) < _MIN_TEMPLATE_ITEMS:
            continue
        first = 0
        for index in range(1, len(positions) + 1):
            if index == len(positions) or not 1 < positions[index] - positions[index - 1] <= _ITEM_GAP:
                if index - first >= _MIN_TEMPLATE_ITEMS:
                    chains.append((positions[first], positions[index - 1] + 1))
                first = index
    spans: list[tuple[int, int]] = []
    for start, stop in sorted(chains):
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(stop, spans[-1][1]))
        else:
            spans.append((start, stop))
    return max(spans, key=lambda span: span[1] - span[0], default=None)


def _matches(book: PhraseBook, phrases: PhraseSet, category: str, text: str) -> bool:
    return phrases.is_line(text) or bool(book.hits(category, text))


def _prose_resumes(scores: list[int], position: int, ends: set[int]) -> bool:
    """Two prose paragraphs in a row soon after ``position`` and before the next line that ends the
    article: lists of stories alternate a headline with a one-sentence teaser, so they never have two."""
    window = []
    for after in range(position + 1, min(position + 1 + _BOX_LOOKAHEAD, len(scores))):
        if after in ends:
            break
        window.append(scores[after])
    return any(a >= _PROSE_WORDS and b >= _PROSE_WORDS for a, b in pairwise(window))


def _body_end(blocks: list[TextBlock], scores: list[int], start: int, stop: int, packs: tuple[str, ...]) -> int:
    """Where the body ends: at the first line heading comments or the footer that has a third of the run's
    prose before it, or heading other stories that has most of it before, unless prose resumes right
    after that box."""
    article_end, other_stories = phrase_set("article_end", packs), phrase_set("other_stories", packs)
    book = phrase_book(packs)  # its per-block answers are cached and reused by the cleaners
    ends, boxes = set(), set()
    flags = book.categories([block.text for block in blocks[start:stop]])
    for position, may in zip(range(start, stop), flags, strict=True):
        text = blocks[position].text
        if count_words(text) > _MAX_HEADING_WORDS:
            continue
        if "article_end" in may and _matches(book, article_end, "article_end", text):
            ends.add(position)
        if "other_stories" in may and _matches(book, other_stories, "other_stories", text):
            boxes.add(position)
    prose = [max(score, 0) for score in scores[start:stop]]
    total = sum(prose)
    before = 0
    for offset, position in enumerate(range(start, stop)):
        if before:
            # comments can outweigh the story, so their heading needs only a third of the prose before it
            if position in ends and before * 2 >= total - before:
                return position
            if position in boxes and before > total - before and not _prose_resumes(scores, position, ends):
                return position
        before += prose[offset]
    return stop


def _body_start(blocks: list[TextBlock], scores: list[int], cuts: list[bool], start: int, stop: int) -> int:
    """Where the body opens in the densest run ``[start, stop)``: at its first prose paragraph (a line, or
    a wrapped paragraph whose lines joined back are prose: `_wrap_cuts`), the short
    lines before it being headline, byline and date (unless the dump holds no such paragraph at all). In
    the text of the article's container (the run holds nearly all its lines of prose length), lines
    before that paragraph of which several read as Chinese or Japanese prose are the body written a
    clause a line, no head: it opens at the first of them long enough to be prose."""
    opening = next((position for position in range(start, stop)
                    if scores[position] >= _PROSE_WORDS or _wrapped_prose(blocks, cuts, position)), start)
    head = blocks[start:opening]
    prose_lines = sum(_reads_as_chinese_prose(block.text) or _reads_as_japanese_prose(block.text) for block in head)
    if prose_lines < _HEAD_PROSE_LINES:
        return opening
    # lines of prose length: the headline, byline and date before the run are short
    words = [count_words(block.text) for block in blocks]
    prose = [count if count >= _PROSE_WORDS else 0 for count in words]
    if sum(prose[start:stop]) < _CONTAINER_SHARE * sum(prose):
        return opening
    return next((position for position in range(start, opening) if words[position] >= _PROSE_WORDS), opening)


def locate(blocks: list[TextBlock], languages: tuple[str, ...]) -> TextLayout:
    """Lay out a dump: body span, headline, byline and date, and the kind of each block."""
    layout = TextLayout(kinds=[block.marked or "paragraph" for block in blocks])
    if not blocks:
        return layout
    packs = with_defaults(languages)
    sentence_like = [is_sentence_like(block.text) for block in blocks]
    scores = [_score(block, sentence) for block, sentence in zip(blocks, sentence_like, strict=True)]
    appeals = set(_appeals(blocks, scores, packs))
    for position in appeals:
        scores[position] = -abs(scores[position])  # prose that asks for consent or money is no article
    start, stop = _densest_run(scores)
    cuts = _wrap_cuts(blocks)
    story = _holds_story(_paragraph_scores(blocks, scores, cuts, appeals, start, stop))
    if not story:
        start, stop = _listing_span(scores, start, stop)
    # the run opens at the first line that scores, which may be the last of a wrapped paragraph
    start = _body_start(blocks, scores, cuts, _paragraph_start(cuts, start), stop)
    if not story and (listing := _template_span(blocks)):
        start, stop = min(start, listing[0]), max(stop, listing[1])
    # the line the body goes on from is part of it (a wrap cut its first sentence there)
    while start > 0 and _cut_before(blocks, start, languages):
        start -= 1
    start = _paragraph_start(cuts, start)
    stop = _body_end(blocks, scores, start, stop, packs)
    layout.body_start, layout.body_stop = start, stop
    head = range(max(0, start - _TITLE_LOOKBACK), start)
    for position in head:
        text = blocks[position].text
        if layout.byline is None and (authors := parse_byline(text, languages)):
            layout.byline, layout.authors = position, authors
            if date := find_date(text, languages):
                layout.date = date
            continue
        if layout.date is None and count_words(text) <= 12 and (date := find_date(text, languages)):
            layout.date_block, layout.date = position, date
    layout.title = _headline(blocks, start, layout.roles, packs)
    for position in range(start, stop):
        block = blocks[position]
        if block.marked:
            continue
        follows_prose = position + 1 < len(blocks) and sentence_like[position + 1]
        if follows_prose and is_headline_like(block.text):
            layout.kinds[position] = "heading"
    return layout


def extract_text(text: str, url: str | None = None) -> Extraction:
    """Extract the article of a plain-text dump."""
    blocks = split_blocks(text)
    language = detect_language(language_sample(block.text for block in blocks))
    layout = locate(blocks, (language,) if language else ())
    extraction = Extraction(url=url, language=language, authors=layout.authors, date=layout.date)
    if layout.title is not None:
        extraction.title = blocks[layout.title].text
    if layout.byline is not None:
        extraction.byline = blocks[layout.byline].text
    roles = layout.roles
    for position, block in enumerate(blocks):
        if position in roles:
            continue
        in_body = layout.body_start <= position < layout.body_stop
        extraction.candidates.append(Candidate(layout.kinds[position], block.text, in_body))
    return extraction
