"""The result types: an `Article` made of `Block`s, and the `Removed` record of what was cut."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from scrubber import render
from scrubber.sources import utf8_safe
from scrubber.version import __version__

BlockKind = Literal["paragraph", "heading", "list_item", "quote", "table_row", "caption", "image"]
MarkKind = Literal["link", "emphasis", "strong"]


@dataclass(frozen=True)
class Mark:
    """Inline markup over ``text[start:stop]`` of a block: a link (to ``href``), emphasis or strong."""

    start: int
    stop: int
    kind: MarkKind
    href: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}


@dataclass(frozen=True)
class Block:
    """One unit of the article body: a paragraph, a heading, a list item, a quote or a table row
    (its cells joined by `` | ``), with the links and emphasis of its text when extraction found any;
    or, with ``include_images``, an image: its ``src`` (absolute when the page URL is known), ``alt``
    text and ``caption``, and an empty ``text``."""

    kind: BlockKind
    text: str
    marks: tuple[Mark, ...] = ()
    src: str | None = None
    alt: str | None = None
    caption: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.text, str) and (text := utf8_safe(self.text)) is not self.text:
            object.__setattr__(self, "text", text)
        if self.src is None and self.alt is None and self.caption is None:
            return  # a text block: written out, as a page holds hundreds of them
        for name in ("src", "alt", "caption"):
            if isinstance(value := getattr(self, name), str) and (safe := utf8_safe(value)) is not value:
                object.__setattr__(self, name, safe)

    def __repr__(self) -> str:  # a text block's repr does not list the image fields it leaves empty
        values = {"kind": self.kind, "text": self.text, "marks": self.marks, "src": self.src, "alt": self.alt,
                  "caption": self.caption}
        return "Block(" + ", ".join(f"{name}={value!r}" for name, value in values.items() if value is not None) + ")"

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.marks:
            row["marks"] = [mark.to_dict() for mark in self.marks]
        row.update((name, value) for name in ("src", "alt", "caption") if (value := getattr(self, name)) is not None)
        return row


@dataclass(frozen=True)
class Removed:
    """A block that was cut from the document, which cleaner cut it and why."""

    text: str
    cleaner: str
    reason: str
    kind: str = "paragraph"

    def __post_init__(self) -> None:  # written out, not looped over: a page may remove hundreds of blocks
        if self.text.isascii() and self.reason.isascii() and self.cleaner.isascii() and self.kind.isascii():
            return  # most records: no character to replace
        if (text := utf8_safe(self.text)) is not self.text:
            object.__setattr__(self, "text", text)
        if (reason := utf8_safe(self.reason)) is not self.reason:
            object.__setattr__(self, "reason", reason)
        if (cleaner := utf8_safe(self.cleaner)) is not self.cleaner:  # a plugin's cleaner names itself
            object.__setattr__(self, "cleaner", cleaner)
        if (kind := utf8_safe(self.kind)) is not self.kind:
            object.__setattr__(self, "kind", kind)

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class Article:
    """A clean article: metadata, the body blocks in reading order and the record of removals."""

    title: str | None = None
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    date: str | None = None
    date_modified: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    image: str | None = None
    page_type: str = "unknown"
    body: list[Block] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cleaners: list[str] = field(default_factory=list)  # the cleaners that ran, in order
    scrubber_version: str = __version__  # with ``cleaners``, what it takes to reproduce the result

    def __post_init__(self) -> None:
        """Every string an article holds can be written as UTF-8, whatever the page's metadata held."""
        for name in ("title", "byline", "date", "date_modified", "site_name", "url", "language", "description",
                     "image"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, utf8_safe(value))
        self.authors = [utf8_safe(author) for author in self.authors]
        self.organizations = [utf8_safe(organization) for organization in self.organizations]
        self.warnings = [utf8_safe(warning) for warning in self.warnings]

    @property
    def text(self) -> str:
        """The body as plain text, blocks separated by blank lines; images are left out."""
        return "\n\n".join(block.text for block in self.body if block.kind != "image")

    @property
    def markdown(self) -> str:
        """The article as GitHub-flavoured Markdown (see `to_markdown`)."""
        return self.to_markdown()

    def to_markdown(self, *, front_matter: bool = False) -> str:
        """GitHub-flavoured Markdown: the title, then the body with headings, lists, block quotes, tables,
        links and emphasis; ``front_matter`` puts the metadata first as YAML between ``---`` lines."""
        return render.markdown(self, front_matter=front_matter)

    def to_html(self) -> str:
        """The clean article as a standalone HTML document, for readers and archives."""
        return render.html_document(self)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; this is exactly the shape `scrubber clean --format json` prints."""
        return {
            "title": self.title,
            "byline": self.byline,
            "authors": list(self.authors),
            "organizations": list(self.organizations),
            "date": self.date,
            "date_modified": self.date_modified,
            "site_name": self.site_name,
            "url": self.url,
            "language": self.language,
            "description": self.description,
            "image": self.image,
            "page_type": self.page_type,
            "body": [block.to_dict() for block in self.body],
            "text": self.text,
            "removed": [item.to_dict() for item in self.removed],
            "warnings": list(self.warnings),
            "cleaners": list(self.cleaners),
            "scrubber_version": self.scrubber_version,
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return render.json_text(self.to_dict(), indent)
