"""Extraction: from a parsed document to metadata plus candidate blocks, each marked in or out of the body."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from scrubber.article import Mark, Removed
from scrubber.extract.images import PageImage

# The hint of a block that a per-site "keep" rule protects from every cleaner.
KEPT = "kept by site rule"


@dataclass(slots=True)  # made for every block: slots and no frozen checks keep that cheap
class Candidate:
    """A block the extractor found, before the cleaners judge it; ``hint`` carries what the extractor
    knows that the text does not say (`KEPT`)."""

    kind: str
    text: str
    in_body: bool = True
    link_density: float = 0.0
    hint: str = ""
    marks: tuple[Mark, ...] = ()  # links and emphasis in ``text`` (see extract/inline.py)
    image: PageImage | None = None  # the image of an "image" block (with ``include_images``), whose text is ""


@dataclass
class Metadata:
    """What a page says about itself: its title, credits, dates, URL, language, summary and lead image
    (see extract/metadata.py); an `Extraction` carries the same fields on to the `Article`."""

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

    def metadata_fields(self) -> dict[str, Any]:
        """The metadata fields by name, lists copied: to build an `Extraction` or an `Article` from it."""
        return {name: list(value) if isinstance(value, list) else value
                for name, value in ((item.name, getattr(self, item.name)) for item in fields(Metadata))}


@dataclass
class Extraction(Metadata):
    """What an extractor hands on: metadata, candidate blocks and what it cut itself."""

    candidates: list[Candidate] = field(default_factory=list)
    page_type: str = "unknown"
    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
