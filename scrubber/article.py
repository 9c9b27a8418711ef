"""The result types: an `Article` made of `Block`s, and the `Removed` record of what was cut."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from scrubber.version import __version__

BlockKind = Literal["paragraph", "heading", "list_item", "quote", "table_row", "caption"]


@dataclass(frozen=True)
class Block:
    """One unit of the article body: a paragraph, a heading, a list item, a quote or a table row."""

    kind: BlockKind
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Removed:
    """A block that was cut from the document, which cleaner cut it and why."""

    text: str
    cleaner: str
    reason: str
    kind: str = "paragraph"

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class Article:
    """A clean article: metadata, the body blocks in reading order and the record of removals."""

    title: str | None = None
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    image: str | None = None
    body: list[Block] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cleaners: list[str] = field(default_factory=list)  # the cleaners that ran, in order
    scrubber_version: str = __version__  # with ``cleaners``, what it takes to reproduce the result

    @property
    def text(self) -> str:
        """The body as plain text, blocks separated by blank lines."""
        return "\n\n".join(block.text for block in self.body)

    @property
    def markdown(self) -> str:
        """The article as Markdown: title, then body with headings and list items marked."""
        parts = [f"# {self.title}"] if self.title else []
        for block in self.body:
            if block.kind == "heading":
                parts.append(f"## {block.text}")
            elif block.kind == "list_item":
                parts.append(f"- {block.text}")
            elif block.kind == "quote":
                parts.append(f"> {block.text}")
            else:
                parts.append(block.text)
        return "\n\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; this is exactly the shape `scrubber clean --format json` prints."""
        return {
            "title": self.title,
            "byline": self.byline,
            "authors": list(self.authors),
            "date": self.date,
            "site_name": self.site_name,
            "url": self.url,
            "language": self.language,
            "description": self.description,
            "image": self.image,
            "body": [block.to_dict() for block in self.body],
            "text": self.text,
            "removed": [item.to_dict() for item in self.removed],
            "warnings": list(self.warnings),
            "cleaners": list(self.cleaners),
            "scrubber_version": self.scrubber_version,
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
