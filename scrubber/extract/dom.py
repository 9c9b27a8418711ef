"""Residue elements of the page's DOM: pruned before the main-content step when the evidence says so
(hidden, or marked as residue by class/id/role words, weighed against the prose they hold), and
figure captions lifted out of the figures that trafilatura drops."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from lxml import etree
from lxml.html import HtmlElement

from scrubber.article import Removed
from scrubber.extract.selectors import KEEP_MARK
from scrubber.parse.html import INVISIBLE, text_content

# Words in class, id, role, aria-label or data-* attributes that mark an element as residue. A strong
# marker names what the element is for (a newsletter box, a share bar); a weak one names a place in a
# template (a widget, a sidebar, comments), where blogs, forums and shops also put their content: it
# takes more than the word to cut prose there. A marker is a word of its own: letters or digits beside
# it make it part of another word or of a generated id ("container-83ad84a411" holds no "ad").
_STRONG_MARKERS = re.compile(
    r"(?<![a-z0-9])("
    r"newsletters?|signup|sign-up|donat(?:e|ion|ions)|support-us|paywall|"
    r"subscribe|subscription|share|sharing|social|cookies?|consent|gdpr|"
    r"banner|byline|advert\w*|ads?|ad-slot|sponsor\w*|outbrain|taboola|most-read|"
    r"breadcrumbs?|nav|navbar|navigation|menu|footer|read-more|more-stories|author-bio|"
    r"sr-only|sronly|visually-?hidden|screen-?reader(?:-only|-text)?|print-only|newsletter-signup|toolbar|"
    r"skip-link|inline-cta|cta"
    r")(?![a-z0-9])"
)
_WEAK_MARKERS = re.compile(
    r"(?<![a-z0-9])("
    r"contribut(?:e|ions?)|membership|promo|related|recommend(?:ed|ations?)|comments?|popular|trending|"
    r"sidebar|widget|tags|caption|credit|disclaimer"
    r")(?![a-z0-9])"
)
_CAMEL = re.compile(r"([a-z])([A-Z])")
# The hash that CSS modules and styled components append to a class name ("table_root__adKqa",
# "GridItems-dygJmn"): letters in mixed case or digits, no word of the template; removed before words
# are looked for, so that "adKqa" reads as no "ad".
_CLASS_HASH = re.compile(
    r"__(?=[\w-]{0,4}[A-Z0-9])[\w-]{5}(?![\w-])|(\b[A-Z][A-Za-z0-9]+)-(?=[a-z0-9]*[A-Z])[A-Za-z0-9]{5,6}(?![\w-])"
)
# Where the page's own blocks are the extraction (blocks.page_blocks), nothing else stands between them and
# the page's controls and overlays, which trafilatura drops or passes over on its own: buttons and other
# form controls say what a click does ("Show child attributes", "Add to cart"), and an overlay (a popup,
# a modal dialog, a popover) holds help, prompts or notices, never the page's text.
_CONTROL_TAGS = frozenset(("button", "select", "textarea"))
_OVERLAY_WORDS = r"popups?|modals?|dialogs?|popovers?"
_OVERLAY_MARKERS = re.compile(rf"(?<![a-z0-9])({_OVERLAY_WORDS})(?![a-z0-9])")
# A link styled as a button is a call to action ("Start free trial", "Shop now"); a card wrapped in one
# holds more words than a button's label.
_BUTTON_MARKERS = re.compile(r"(?<![a-z0-9])(buttons?|btn)(?![a-z0-9])")
_MAX_BUTTON_WORDS = 6
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HIDDEN = "hidden element"
# The controls that show a hidden part of the page on a click: tabs (role "tab", Bootstrap's toggles) and
# disclosure buttons (aria-expanded, the state of what they open); they name what they show by id.
_TOGGLE_ATTRIBUTES = frozenset(("role", "aria-expanded", "data-toggle", "data-bs-toggle"))
_BOOTSTRAP_TOGGLES = ("tab", "pill", "collapse")
_TOGGLE_TARGETS = ("aria-controls", "data-target", "data-bs-target", "href")
_IDS = etree.XPath("descendant-or-self::*/@id")
# What a button opens that is no pane of the page's content: a dialog, a popover or popout (an author's
# full bio), a dropdown of links or account settings.
_NOT_PANE = re.compile(rf"(?<![a-z0-9])({_OVERLAY_WORDS}|popouts?|dropdowns?)(?![a-z0-9])")
# A tab's pane named as such: a word of its own in the class that its shown sibling shares.
_PANE_WORDS = re.compile(r"(?<![a-z0-9])(tabs?|panes?|panels?)(?![a-z0-9])")
_PROTECTED_TAGS = {"html", "body", "main", "article", "h1"}
_MAX_GUARDED_PARAGRAPHS = 2
# An element holding more long paragraphs than that is content, whatever its class says; so is one
# holding the headline or something a site rule keeps (one XPath call for the three).
_GUARDED = etree.XPath(
    f"count(.//p[string-length(normalize-space()) > 120]) > {_MAX_GUARDED_PARAGRAPHS} or .//h1"
    f" or descendant-or-self::*[@{KEEP_MARK}]"
)
# Text outside links that makes an element under a weak marker content rather than residue.
_WEAK_MARKER_PROSE = 200
# Longer "captions" are paragraphs of the story that a layout put under a video or image.
_MAX_CAPTION_CHARS = 250
_HEADING_TAGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_WORDS = re.compile(r"[^\W_]+")
_MIN_ANCHOR_WORDS = 3
# Page builders (Elementor and the like) put each heading and short paragraph of a story in a slot of its
# own marked "widget", as they do the author box, the date line and the teasers around it: a slot that
# reads as prose (this share of its text outside links) is decided after the main-content step, by where
# it lies (see `PageSlots`).
_SLOT_WORD = "widget"
_SLOT_REASON = f"element marked {_SLOT_WORD!r}"
_SLOT_PROSE_SHARE = 0.5
_MARKER_ATTRIBUTES = frozenset(
    ("class", "id", "role", "aria-label", "data-component", "data-module", "data-testid", "itemprop")
)


class HiddenPanes:
    """The hidden panes of a page's tabs and disclosures (accordions, "show more" sections): content one
    click away, such as the specifications and the description of a product. A pane is known by the
    control that shows it (a tab or a button with aria-expanded naming it, or something inside it, by
    id; a button with aria-expanded right before it), or by its siblings: panes of one class named as
    tabs or panes, of which one is shown. Dialogs, popovers and dropdowns are not panes."""

    def __init__(self, root: HtmlElement) -> None:
        self._root = root
        self._toggled: set[str] | None = None  # read when the first hidden element is met

    def holds(self, element: HtmlElement) -> bool:
        markers = _markers_of(element)
        if markers and _NOT_PANE.search(_marker_words(markers)):
            return False
        return self._is_tab_pane(element) or self._is_toggled(element)

    def _is_toggled(self, element: HtmlElement) -> bool:
        previous = element.getprevious()
        while previous is not None and not isinstance(previous.tag, str):  # comments and instructions
            previous = previous.getprevious()
        if previous is not None and previous.get("aria-expanded") is not None:
            return True
        if self._toggled is None:
            self._toggled = {
                name.lstrip("#")
                for toggle in _toggles(self._root)
                for attribute in _TOGGLE_TARGETS
                for name in (toggle.get(attribute) or "").split()
                if attribute != "href" or name.startswith("#")
            }
        return bool(self._toggled) and any(name in self._toggled for name in cast("list[str]", _IDS(element)))

    @staticmethod
    def _is_tab_pane(element: HtmlElement) -> bool:
        kind = element.get("class")
        parent = element.getparent()
        if not kind or parent is None or not _PANE_WORDS.search(kind.lower()):
            return False
        return any(
            sibling is not element and sibling.tag == element.tag and sibling.get("class") == kind
            and not _is_hidden(sibling)
            for sibling in parent
        )


def _toggles(root: HtmlElement) -> list[HtmlElement]:
    """The tabs and disclosure buttons under ``root``. A walk that reads the attributes of the few
    elements that have one of `_TOGGLE_ATTRIBUTES`: an XPath comparing attribute values costs three times as
    much a page (it builds a node-set for every comparison on every element)."""
    found = []
    for element in root.iterdescendants(etree.Element):
        if _TOGGLE_ATTRIBUTES.isdisjoint(element.keys()):
            continue
        if (
            element.get("role") == "tab"
            or element.get("aria-expanded") is not None
            or element.get("data-toggle") in _BOOTSTRAP_TOGGLES
            or element.get("data-bs-toggle") in _BOOTSTRAP_TOGGLES
        ):
            found.append(element)
    return found


def _is_hidden(element: HtmlElement) -> bool:
    return element.get("hidden") is not None or bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def _reveal(element: HtmlElement) -> None:
    """Show a hidden pane as a click would: the attributes that hide it go (the main-content step drops
    elements hidden by style)."""
    for name in ("hidden", "style", "aria-hidden"):
        element.attrib.pop(name, None)


def _is_heading_anchor(element: HtmlElement, tag: str) -> bool:
    """Whether the element is a heading whose id holds its own text's words, whole and in order: an
    anchor for links to the section. A heading of a word or two may share them with a residue marker
    by chance ("Newsletter" with ``newsletter-signup``), so three words at least."""
    anchor = element.get("id")
    if not anchor or tag not in _HEADING_TAGS:
        return False
    words = _WORDS.findall(text_content(element).lower())
    return len(words) >= _MIN_ANCHOR_WORDS and f"-{'-'.join(words)}-" in f"-{'-'.join(_WORDS.findall(anchor.lower()))}-"


def _prose_chars(element: HtmlElement) -> int:
    """Characters of text outside links: what a reader reads rather than clicks."""
    linked = sum(len(text_content(link)) for link in element.iter("a"))
    return len(text_content(element)) - linked


def _marker_words(markers: str) -> str:
    """Marker attributes as lower-case words: generated hashes removed, camel case split."""
    return _CAMEL.sub(r"\1-\2", _CLASS_HASH.sub(r"\1", markers)).lower()


@lru_cache(maxsize=8192)
def _marker(markers: str) -> tuple[str, bool] | None:
    """The residue word in an element's marker attributes and whether it is a weak one (pages repeat
    the same classes over and over, so each set of markers is read once)."""
    markers = _marker_words(markers)
    if match := _STRONG_MARKERS.search(markers):
        return match.group(1), False
    if match := _WEAK_MARKERS.search(markers):
        return match.group(1), True
    return None


def _residue_reason(
    element: HtmlElement, tag: str, include_captions: bool, keep_comments: bool, own_blocks: bool
) -> str | None:
    if own_blocks and tag in _CONTROL_TAGS:
        return "a control of the page"
    if tag == "figcaption" and not include_captions:
        return "image caption" if len(text_content(element)) <= _MAX_CAPTION_CHARS else None
    markers = []
    hidden = False
    for name, value in element.items():  # one pass over the attributes: this runs for every element
        if name in _MARKER_ATTRIBUTES:
            markers.append(value)
        elif name == "hidden" or (name == "style" and _HIDDEN_STYLE.search(value)):
            hidden = True
    if hidden and element.get("role") != "tabpanel":  # a tab's panel is content one click away (code
        return _HIDDEN  # per platform, a product's details)
    joined = " ".join(markers)
    # a link or a button marked popup opens one; where the page's own blocks are the extraction, anything
    # marked so goes
    overlay = _overlay_word(joined) if joined and (own_blocks or tag in _BLOCKISH) else None
    if own_blocks and overlay:
        return _overlay_reason(overlay)
    found = _marker(joined) if joined else None
    if found is not None and _is_heading_anchor(element, tag):
        # an anchor made of the heading's own words ("h-what-is-social-shopping") names its text, not
        # its purpose
        joined = " ".join(value for name, value in element.items() if name in _MARKER_ATTRIBUTES and name != "id")
        found = _marker(joined) if joined else None
    otherwise = _overlay_reason(overlay) if overlay else None
    # the element or one inside it a quote: a walk in C that stops at the first (cheaper than an XPath call)
    if found is None or next(element.iter("blockquote"), None) is not None:
        return otherwise  # embedded posts and quotes are part of the story even inside "social" wrappers
    word, weak = found
    if word in ("caption", "credit") and (include_captions or len(text_content(element)) > _MAX_CAPTION_CHARS):
        return otherwise
    comments_kept = keep_comments and word.startswith("comment")
    if weak and (comments_kept or _prose_chars(element) >= _WEAK_MARKER_PROSE):
        return otherwise
    return f"element marked {word!r}"


_AN_OVERLAY = "(an overlay)"


def _overlay_reason(word: str) -> str:
    return f"element marked {word!r} {_AN_OVERLAY}"


def _markers_of(element: HtmlElement) -> str:
    """The element's marker attributes (class, id and the like) joined, as written (not cached: a cache
    keyed by element would keep past pages' trees alive)."""
    return " ".join(value for name, value in element.items() if name in _MARKER_ATTRIBUTES)


@lru_cache(maxsize=8192)
def _overlay_word(markers: str) -> str | None:
    """The word in an element's marker attributes that marks it as an overlay (pages repeat the same
    classes over and over, so each set of markers is read once: the pruner asks for every block element)."""
    match = _OVERLAY_MARKERS.search(_marker_words(markers))
    return match.group(1) if match else None


_BLOCKISH = frozenset((
    "p", "div", "li", "br", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote",
    "dd", "dt", "ul", "ol", "nav", "header", "footer", "aside", "figure", "figcaption", "form", "button", "pre",
    "table", "main", "address", "details", "summary",
))


def spaced_text(element: HtmlElement) -> str:
    """The element's text with its block elements kept apart by spaces, whitespace collapsed: a box that
    says "Sign up" followed by one that says "Get the news" reads "Sign up Get the news", where lxml's
    ``text_content`` glues "upGet". Scripts and style sheets inside it (CSS-in-JS libraries put one in
    each element they style) are left out."""
    parts: list[str] = []
    walk = etree.iterwalk(element, events=("start", "end"))
    for event, node in walk:
        gap = " " if node is not element and node.tag in _BLOCKISH else ""
        if event == "start":
            if node.tag in INVISIBLE and node is not element:
                walk.skip_subtree()  # its end event still comes, with the tail
            else:
                parts += (gap, node.text or "")
        else:
            parts += (gap, node.tail or "" if node is not element else "")
    return " ".join("".join(parts).split())


@dataclass
class Slot:
    """A page-builder slot that reads as prose, pruned like the other residue: ``element`` (out of the
    tree now), its ``position`` in the page's order of elements, and its entry in the removal record."""

    element: HtmlElement
    position: int
    removed: Removed


@dataclass
class PageSlots:
    """The prose slots of a page builder that `prune` took out, and the page order of the elements it
    left (filled only when there are slots): a slot between the first and the last paragraph of the
    main content is a piece of the story cut into slots; one before or after it is the template's."""

    slots: list[Slot] = field(default_factory=list)
    order: dict[HtmlElement, int] = field(default_factory=dict)


def enclosing_slot(element: HtmlElement) -> HtmlElement | None:
    """The nearest element around ``element`` marked as a page-builder slot (its word "widget")."""
    for ancestor in element.iterancestors():
        markers = _markers_of(ancestor)
        if markers and _marker(markers) == (_SLOT_WORD, True):
            return ancestor
    return None


def _reads_as_prose(element: HtmlElement) -> bool:
    text = len(text_content(element))
    return text > 0 and _prose_chars(element) >= _SLOT_PROSE_SHARE * text


def prune(
    tree: HtmlElement,
    include_captions: bool = False,
    keep_comments: bool = False,
    own_blocks: bool = False,
    slots: PageSlots | None = None,
    overlays: list[HtmlElement] | None = None,
) -> list[Removed]:
    """Remove residue elements in place (their tail text stays); return what was removed and why.
    ``keep_comments`` spares elements marked as comments: a forum's posts, or comments asked for;
    ``own_blocks`` (the page's own blocks are the extraction) also removes controls and overlays;
    else the overlays (block elements marked popup, modal, dialog or popover) stay in the tree, and are
    added to ``overlays`` when it is given (see `overlay_texts`); ``slots`` receives the page-builder
    slots among the removed elements that read as prose. The hidden panes of tabs and disclosures are
    shown, not removed (see `HiddenPanes`)."""
    removed: list[Removed] = []
    residue: list[HtmlElement] = []
    prose_slots: list[tuple[HtmlElement, Removed]] = []
    body = tree.find("body")
    # a walk in C; an element's verdict reads its own subtree only, which no verdict before it touches,
    # so residue is dropped after the walk, which passes over the inside of each residue element
    root = body if body is not None else tree
    panes = HiddenPanes(root)
    walk = etree.iterwalk(root, events=("start",))
    for _, element in walk:
        tag = element.tag
        if not isinstance(tag, str) or tag in _PROTECTED_TAGS:
            continue
        reason = _residue_reason(element, tag, include_captions, keep_comments, own_blocks)
        if reason == _HIDDEN and panes.holds(element):
            _reveal(element)  # shown, it is weighed like any other element
            reason = _residue_reason(element, tag, include_captions, keep_comments, own_blocks)
        if reason and not own_blocks and reason.endswith(_AN_OVERLAY):
            if overlays is not None and not _GUARDED(element):
                overlays.append(element)
        elif reason and not _GUARDED(element):
            # itertext in C, pieces joined by spaces: a residue box's "Sign up" and "Get the news" stay
            # apart (an inline tag inside a word splits it, a small price in the removal record)
            text = " ".join(" ".join(element.itertext()).split())
            if text:
                removed.append(Removed(text=text, cleaner="dom", reason=reason, kind="element"))
                if slots is not None and reason == _SLOT_REASON and _reads_as_prose(element):
                    prose_slots.append((element, removed[-1]))
            residue.append(element)
            walk.skip_subtree()
    if slots is not None and prose_slots:
        slots.order = {element: position for position, element in enumerate(tree.iter())}
        slots.slots = [Slot(element, slots.order[element], record) for element, record in prose_slots]
    for element in residue:
        element.drop_tree()
    return removed


def _spaceless(text: str) -> str:
    return "".join(text.split())


_OVERLAY_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "blockquote", "td", "div")


def overlay_texts(tree: HtmlElement, overlays: list[HtmlElement]) -> set[str]:
    """The texts of the blocks inside ``overlays`` (found by `prune`) that the page shows nowhere else,
    without spaces. A dialog's notice or a popover's form sits in the page's markup wherever the
    template put it, often inside the container the main-content step takes; the elements stay in the
    tree (removing them moves that step's choice of container) and a block that is only such a text is
    dropped afterwards."""
    if not overlays:
        return set()
    taken = set(overlays)
    outermost = [overlay for overlay in overlays if not any(up in taken for up in overlay.iterancestors())]
    # an element's text is one piece of the body's text: cut out, the overlays and scripts leave what
    # the page shows elsewhere
    body = tree.find("body")
    root = body if body is not None else tree
    outside = _spaceless(text_content(root))
    texts: set[str] = set()
    for overlay in outermost:
        blocks = (overlay, *overlay.iter(_OVERLAY_BLOCK_TAGS))
        texts.update(text for block in blocks if (text := _spaceless(text_content(block))))
        outside = outside.replace(_spaceless(text_content(overlay)), " ", 1)
    if doubtful := {text for text in texts if text in outside}:  # scripts cut out only where it matters
        for script in root.iter(*INVISIBLE):
            if code := _spaceless(text_content(script)):
                outside = outside.replace(code, " ", 1)
        texts -= {text for text in doubtful if text in outside}
    return texts


# A consent manager's words: its banner and preference centre (a dialog that explains each kind of
# cookie in long paragraphs) are no part of the page's text, however much prose they hold.
_CONSENT_MARKERS = re.compile(r"(?<![a-z0-9])(cookies?|consent|gdpr)(?![a-z0-9])")


def drop_consent_dialogs(tree: HtmlElement) -> list[Removed]:
    """Remove the overlays (elements marked dialog, modal, popup or popover) that are or sit in an
    element whose class or id says cookie, consent or gdpr; return what was removed. A consent manager's preference
    centre holds long paragraphs, so the pruner spares it as content (see `_GUARDED`), and it may be
    the longest prose on a page whose own text is short (a forum thread)."""
    found: list[HtmlElement] = []
    headline = next(tree.iter("h1"), None)
    boxes: set[HtmlElement] = set()
    # consent managers name their boxes in class and id; reading only those two keeps this walk cheap
    for element in tree.iter(etree.Element):
        class_, id_ = element.get("class"), element.get("id")
        if (class_ or id_) and _is_consent_marked(class_, id_):
            if element.tag in _PROTECTED_TAGS or _holds_page(element, headline):
                continue  # a wrapper of the page ("cookies-accepted"), not a consent manager's box
            if any(up in boxes for up in element.iterancestors()):
                continue  # inside a box already taken
            boxes.add(element)
            found += [inner for inner in element.iter() if _is_overlay(inner)]
    taken = set(found)
    removed: list[Removed] = []
    for overlay in found:
        if any(up in taken for up in overlay.iterancestors()):
            continue
        if text := " ".join(" ".join(overlay.itertext()).split()):
            removed.append(Removed(text=text, cleaner="dom", reason="a consent manager's dialog", kind="element"))
        overlay.drop_tree()
    return removed


def _holds_page(element: HtmlElement, headline: HtmlElement | None) -> bool:
    """Whether ``element`` holds the page's main element or its first ``<h1>`` (a consent dialog may
    have an ``<h1>`` of its own, after the page's)."""
    if next(element.iter("main"), None) is not None:
        return True
    return headline is not None and (headline is element or any(up is element for up in headline.iterancestors()))


def _is_consent_marked(class_: str | None, id_: str | None) -> bool:
    markers = f"{class_ or ''} {id_ or ''}"
    lowered = markers.lower()  # most elements hold none of the words: skip the word split for them
    if "cookie" not in lowered and "consent" not in lowered and "gdpr" not in lowered:
        return False
    return _CONSENT_MARKERS.search(_marker_words(markers)) is not None


def _is_overlay(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str) or element.tag in _PROTECTED_TAGS:
        return False
    markers = _markers_of(element)
    return bool(markers) and _overlay_word(markers) is not None


def button_labels(tree: HtmlElement) -> set[str]:
    """The labels of the page's links styled as buttons (class words "button", "btn"), lower-cased with
    whitespace collapsed. The links stay in the tree: removing elements before the main-content step
    moves its choice of container, so a block that is only such a label is dropped afterwards."""
    labels: set[str] = set()
    for link in tree.iter("a"):
        markers = link.get("class")
        if markers and _is_button_class(markers):
            words = text_content(link).split()
            if 0 < len(words) <= _MAX_BUTTON_WORDS:
                labels.add(" ".join(words).lower())
    return labels


@lru_cache(maxsize=8192)
def _is_button_class(markers: str) -> bool:
    """Whether a link's class words style it as a button (a page repeats its link classes: read once)."""
    return bool(_BUTTON_MARKERS.search(_marker_words(markers)))


def lift_captions(tree: HtmlElement) -> set[str]:
    """Turn each ``<figcaption>`` into a paragraph after its figure (trafilatura drops figures) and
    return the caption texts, so their blocks can be marked as captions."""
    captions: set[str] = set()
    for caption in list(tree.iter("figcaption")):
        text = " ".join(text_content(caption).split())
        figure = caption.getparent()
        if not text or figure is None:
            continue
        paragraph = etree.Element("p")
        paragraph.text = text
        (figure if figure.tag == "figure" else caption).addnext(paragraph)
        caption.drop_tree()
        captions.add(text)
    return captions
