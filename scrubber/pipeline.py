"""The pipeline: source → parse → extract → cleaners → Article. `Scrubber` holds the configuration and
the loaded cleaners so that a batch pays for plugin discovery once."""

from __future__ import annotations

import logging
import os
import re
import warnings as python_warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrubber.article import Article, Block, Removed
from scrubber.cleaners.base import Cleaner, Page, Segment
from scrubber.config import Config, load_config
from scrubber.errors import ConfigError, InputError
from scrubber.extract import KEPT, Candidate, Extraction
from scrubber.extract.html import extract_html
from scrubber.extract.images import PageImage
from scrubber.extract.strategy import Favor
from scrubber.extract.text import extract_text
from scrubber.fetch import Fetcher, FetchOptions
from scrubber.parse.html import parse_html
from scrubber.phrases import with_defaults
from scrubber.plugins import CleanerSpec, load_cleaners
from scrubber.report import Explanation, html_report
from scrubber.scripts import count_words
from scrubber.sources import Format, Loaded, SourceLike, load

logger = logging.getLogger("scrubber")
NO_ARTICLE = "no article text found"
RECOVERED_AFTER_CLEANING = "recovered the body from the page's own blocks"
DESCRIBED = "the body is the page's own description: none of the text the page shows was kept"
_LOOKS_LIKE_A_NAME = re.compile(r"(?:https?://\S+|\S+\.(?:html?|txt|gz|warc))", re.IGNORECASE)


def _warn_if_path_like(source: SourceLike, stacklevel: int) -> None:
    """A str is always content; one that looks like a path or URL was almost surely meant as one."""
    if not isinstance(source, str) or len(source) > 4096 or "\n" in source:
        return
    text = source.strip()
    if _LOOKS_LIKE_A_NAME.fullmatch(text) or os.path.isfile(text):
        python_warnings.warn(
            f"scrubber got the str {text[:80]!r}, which looks like a path or URL, and scrubs it as text: "
            "pass pathlib.Path(...) to read a file, or use scrubber.fetch(url) for a URL",
            UserWarning,
            stacklevel=stacklevel + 1,
        )

# What became of a block: None when kept, else the cleaner that removed it and why.
Decision = tuple[str, str] | None


@dataclass(frozen=True)
class Judged:
    """One block with the decision taken on it: kept, or removed by ``cleaner`` for ``reason``."""

    segment: Segment
    cleaner: str | None = None
    reason: str | None = None

    @property
    def kept(self) -> bool:
        return self.cleaner is None


@dataclass(frozen=True)
class _Outcome:
    """A document run through extraction and the cleaners, before it is an `Article`."""

    extraction: Extraction
    page: Page
    decisions: list[Decision]
    warnings: list[str]
    cleaners: list[str]
    images: list[tuple[int, PageImage]]  # each image with the position of the block it comes before
    cleaned_away: bool = False  # whether the cleaners (not the switches) left no block of the body
    off_language: bool = False  # whether the page is not in the target language

    def article(self) -> Article:
        extraction = self.extraction
        article = Article(
            **extraction.metadata_fields(),
            page_type=extraction.page_type,
            removed=list(extraction.removed),
            warnings=list(self.warnings),
            cleaners=list(self.cleaners),
        )
        images = _placed_images(self.images, self.decisions, article.removed)
        for segment, decision in zip(self.page.segments, self.decisions, strict=True):
            article.body += images.get(segment.index, ())
            if decision is None:
                marks = extraction.candidates[segment.index].marks
                article.body.append(Block(segment.kind, segment.text, marks))  # type: ignore[arg-type]
            else:
                article.removed.append(Removed(segment.text, decision[0], decision[1], segment.kind))
        article.body += images.get(len(self.decisions), ())
        if not article.body:
            article.warnings.append(NO_ARTICLE)
            if self.cleaned_away and not self.off_language and extraction.description:
                # a page whose text a script writes (an app shell) still says what it holds, in its summary
                article.body.append(Block("paragraph", extraction.description))
                article.warnings.append(DESCRIBED)
        return article


def _placed_images(
    images: list[tuple[int, PageImage]], decisions: list[Decision], removed: list[Removed]
) -> dict[int, list[Block]]:
    """The image blocks to put before each position of the body. An image goes with the text around it:
    kept when a block next to it is kept, else removed, credited to the cleaner that removed the block
    after it (or before); the images that are no pictures of the article (see extract/images.py) and
    repeats of one already placed go to ``removed``. Every image stands beside a text block
    (`blocks.with_images`)."""
    placed: dict[int, list[Block]] = {}
    seen: set[str] = set()
    for position, image in images:
        beside = [decisions[at] for at in (position, position - 1) if 0 <= at < len(decisions)]
        if image.left_out:
            removed.append(Removed(image.src, "include_images", image.left_out, "image"))
        elif image.src in seen:
            removed.append(Removed(image.src, "include_images", "the same image again", "image"))
        elif all(decision is not None for decision in beside):
            cleaner, reason = next(decision for decision in beside if decision is not None)
            removed.append(Removed(image.src, cleaner, f"an image beside removed blocks: {reason}", "image"))
        else:
            seen.add(image.src)
            placed.setdefault(position, []).append(Block("image", "", src=image.src, alt=image.alt,
                                                         caption=image.caption))
    return placed


def _without_images(candidates: list[Candidate]) -> tuple[list[Candidate], list[tuple[int, PageImage]]]:
    """The text blocks, which the cleaners judge, and the images with the position of the text block each
    comes before: images never change what the cleaners see."""
    texts: list[Candidate] = []
    images: list[tuple[int, PageImage]] = []
    for candidate in candidates:
        if candidate.image is not None:
            images.append((len(texts), candidate.image))
        else:
            texts.append(candidate)
    return texts, images


class Scrubber:
    """A configured scrubber. Reuse one for many documents: cleaners are loaded once.

    ``cleaners`` picks cleaners and their order: names of installed cleaners, cleaner objects or cleaner
    classes (default: the built-in cleaners); ``enable`` adds installed third-party cleaners by name to
    the default; ``exclude`` removes some; ``config`` is a `Config` or the path of a TOML file. The
    switches (``include_tables``, ``favor``, ``target_language``...; see `Config`) override the
    configuration's when given.
    """

    def __init__(
        self,
        *,
        cleaners: Sequence[CleanerSpec] | None = None,
        exclude: Sequence[str] = (),
        enable: Sequence[str] = (),
        config: Config | str | Path | None = None,
        options: Mapping[str, Mapping[str, Any]] | None = None,
        include_captions: bool | None = None,
        include_comments: bool | None = None,
        include_tables: bool | None = None,
        include_links: bool | None = None,
        include_images: bool | None = None,
        favor: Favor | None = None,
        target_language: str | None = None,
    ) -> None:
        base = config if isinstance(config, Config) else load_config(config)
        changes: dict[str, Any] = {}
        try:
            if cleaners is not None:
                changes["cleaners"] = tuple(cleaners)
            if exclude:
                changes["exclude"] = tuple(dict.fromkeys([*base.exclude, *exclude]))
            if enable:
                changes["enable"] = tuple(dict.fromkeys([*base.enable, *enable]))
            if options:
                changes["options"] = {**base.options, **options}
        except TypeError as error:  # not sequences of names, not a mapping
            raise ConfigError(f"bad argument: {error}") from error
        switches = {
            "include_captions": include_captions, "include_comments": include_comments,
            "include_tables": include_tables, "include_links": include_links, "include_images": include_images,
            "favor": favor, "target_language": target_language,
        }
        changes.update((name, value) for name, value in switches.items() if value is not None)
        self.config = replace(base, **changes)
        self.warnings: list[str] = []
        self.cleaners: list[Cleaner] = load_cleaners(
            self.config.cleaners, self.config.exclude, self.config.options, self.warnings, self.config.enable
        )

    def scrub(self, source: SourceLike, *, url: str | None = None, format: Format | None = None) -> Article:
        """Turn an HTML page or a text dump (str, bytes or Path) into an `Article`."""
        _warn_if_path_like(source, stacklevel=2)
        return self.scrub_loaded(load(source, format=format, max_bytes=self.config.max_bytes), url)

    def scrub_loaded(self, loaded: Loaded, url: str | None = None) -> Article:
        """Scrub an input already read and decoded (by a fetcher or a WARC reader)."""
        return self._decide(loaded, url).article()

    def fetch(self, url: str, *, fetcher: Fetcher | None = None, options: FetchOptions | None = None) -> Article:
        """Fetch ``url`` and scrub it; the final URL after redirects feeds per-site rules and ``url``."""
        if fetcher is not None:
            loaded, final_url = fetcher.fetch(url)
        else:
            with Fetcher(options) as own:
                loaded, final_url = own.fetch(url)
        return self.scrub_loaded(loaded, final_url)

    def explain(
        self, source: SourceLike, *, url: str | None = None, format: Format | None = None
    ) -> tuple[Article, list[Judged]]:
        """The article and every block with the decision taken on it, in reading order."""
        _warn_if_path_like(source, stacklevel=2)
        return self.explain_loaded(load(source, format=format, max_bytes=self.config.max_bytes), url)

    def explain_html(
        self, source: SourceLike, *, url: str | None = None, format: Format | None = None, only_removed: bool = False
    ) -> str:
        """A standalone HTML report of `explain`: kept blocks plain, removed ones struck through and
        coloured by cleaner with the reason on hover, and a summary per cleaner at the top."""
        _warn_if_path_like(source, stacklevel=2)
        article, judged = self.explain_loaded(load(source, format=format, max_bytes=self.config.max_bytes), url)
        name = str(source) if isinstance(source, Path) else url or "<input>"
        return html_report([Explanation.of(name, article, judged)], only_removed)

    def explain_loaded(self, loaded: Loaded, url: str | None = None) -> tuple[Article, list[Judged]]:
        """`explain` for an input already read and decoded."""
        outcome = self._decide(loaded, url)
        pairs = zip(outcome.page.segments, outcome.decisions, strict=True)
        return outcome.article(), [Judged(segment, *(decision or (None, None))) for segment, decision in pairs]

    def _decide(self, loaded: Loaded, url: str | None) -> _Outcome:
        if url is not None and not isinstance(url, str):
            raise InputError(f"url must be a str, not {type(url).__name__}")
        warnings = list(self.warnings)
        if url is not None and not _valid_url(url):
            warnings.append(f"the page URL {url!r} is not a valid URL and was ignored")
            url = None
        if loaded.format != "html":
            return self._cleaned(extract_text(loaded.text, url), loaded.format, warnings)

        def extract(recovering: bool = False) -> Extraction:
            return extract_html(
                parse_html(loaded.text, self.config.max_nodes, [] if recovering else warnings, checked=recovering),
                url,
                self.config.include_captions,
                self.config.rules_for,
                include_comments=self.config.include_comments,
                favor=self.config.favor,
                fresh_tree=lambda: parse_html(loaded.text, self.config.max_nodes, checked=True),
                include_images=self.config.include_images,
                recovering=recovering,
            )

        outcome = self._cleaned(extract(), loaded.format, list(warnings))
        if outcome.cleaned_away and outcome.page.segments:
            # the cleaners removed all of the main content: the page's own blocks, judged in turn
            retry = self._cleaned(extract(recovering=True), loaded.format, list(warnings))
            if not retry.cleaned_away:
                retry.warnings.append(f"{RECOVERED_AFTER_CLEANING}: the cleaners removed every block of the "
                                      "main content")
                return retry
        return outcome

    def _cleaned(self, extraction: Extraction, format: Format, warnings: list[str]) -> _Outcome:
        """The extraction judged by the cleaners and the configuration's switches."""
        texts, images = _without_images(extraction.candidates)
        extraction = replace(extraction, candidates=texts)
        extra: dict[str, tuple[str, ...]] = {}
        for site in self.config.rules_for(extraction.url):
            for category, phrases in site.phrases.items():
                extra[category] = extra.get(category, ()) + phrases
        segments = [
            Segment(i, c.kind, c.text, count_words(c.text), c.in_body, c.link_density, c.hint)
            for i, c in enumerate(extraction.candidates)
        ]
        languages = with_defaults([extraction.language] if extraction.language else [])
        page = Page(segments, languages, format, extraction.url, extra, extraction.page_type)
        warnings += extraction.warnings
        ran: list[str] = []
        judged = self._judge(page, warnings, ran)
        decisions = self._switched_off(page, extraction.language, judged, warnings)
        if not self.config.include_links:
            for candidate in extraction.candidates:
                candidate.marks = tuple(mark for mark in candidate.marks if mark.kind != "link")
        cleaned_away = all(decision is not None for decision in judged)
        off_language = self._off_language(extraction.language) is not None
        return _Outcome(extraction, page, decisions, warnings, ran, images, cleaned_away, off_language)

    def _switched_off(
        self, page: Page, language: str | None, decisions: list[Decision], warnings: list[str]
    ) -> list[Decision]:
        """Blocks the configuration's switches leave out, credited to the switch: every block of a page
        not in ``target_language`` (when its language is known), table rows without ``include_tables``."""
        if reason := self._off_language(language):
            warnings.append(reason)
            return [("target_language", reason)] * len(decisions)
        if not self.config.include_tables:
            off = ("include_tables", "tables are left out (include_tables is off)")
            return [off if seg.kind == "table_row" else dec for seg, dec in zip(page.segments, decisions, strict=True)]
        return decisions

    def _off_language(self, language: str | None) -> str | None:
        """Why the page is left out for its language, or None when it is not."""
        target = self.config.target_language
        if target and language and language != target:
            return f"the page's language {language!r} is not the target language {target!r}"
        return None

    def _judge(self, page: Page, warnings: list[str], ran: list[str]) -> list[Decision]:
        """Run every cleaner (the names of those that ran go to ``ran``); the first cleaner (in order)
        that drops a block is credited, and a keep verdict from any cleaner, or a site rule's keep,
        protects the block."""
        drops: dict[int, Decision] = {}
        kept = {segment.index for segment in page.segments if segment.hint == KEPT}
        for cleaner in self.cleaners:
            try:
                verdicts = list(cleaner.judge(page))
            except Exception as error:  # a broken plugin costs its own verdicts, never the article
                message = f"cleaner {cleaner.name!r} failed and was skipped: {type(error).__name__}: {error}"
                logger.warning(message)
                warnings.append(message)
                continue
            ran.append(cleaner.name)
            for verdict in verdicts:
                for index in range(max(verdict.start, 0), min(verdict.stop, len(page.segments))):
                    if not verdict.drop:
                        kept.add(index)
                    elif index not in drops:
                        drops[index] = (cleaner.name, verdict.reason)
        outside = ("extract", "outside the article's main text")
        return [
            None if segment.index in kept else drops.get(segment.index) or (None if segment.in_body else outside)
            for segment in page.segments
        ]


def _valid_url(url: str) -> bool:
    try:
        urlsplit(url).port  # noqa: B018 - parsing the port is what raises on "host:99999"
    except ValueError:
        return False
    return True


_default: Scrubber | None = None


def default_scrubber() -> Scrubber:
    """The process-wide scrubber with default settings (created on first use)."""
    global _default
    if _default is None:
        _default = Scrubber()
    return _default


def scrub(
    source: SourceLike,
    *,
    url: str | None = None,
    format: Format | None = None,
    cleaners: Sequence[CleanerSpec] | None = None,
    exclude: Sequence[str] = (),
    enable: Sequence[str] = (),
    config: Config | str | Path | None = None,
    include_captions: bool | None = None,
    include_comments: bool | None = None,
    include_tables: bool | None = None,
    include_links: bool | None = None,
    include_images: bool | None = None,
    favor: Favor | None = None,
    target_language: str | None = None,
) -> Article:
    """Turn an HTML page or a text dump into a clean `Article`.

    ``source`` is the content as ``str`` or ``bytes``, or a ``pathlib.Path`` to read; HTML and text
    are told apart by themselves unless ``format`` says. A ``str`` is never taken for a path or URL
    (one that looks like a path or URL gets a `UserWarning` saying so). The other arguments are those of
    `Scrubber`; for many documents build one `Scrubber` and reuse it.
    """
    _warn_if_path_like(source, stacklevel=2)
    overrides = (cleaners, config, include_captions, include_comments, include_tables, include_links, include_images,
                 favor, target_language)
    if not exclude and not enable and all(value is None for value in overrides):
        scrubber = default_scrubber()
    else:
        scrubber = Scrubber(
            cleaners=cleaners, exclude=exclude, enable=enable, config=config, include_captions=include_captions,
            include_comments=include_comments, include_tables=include_tables, include_links=include_links,
            include_images=include_images, favor=favor, target_language=target_language,
        )
    return scrubber.scrub_loaded(load(source, format=format, max_bytes=scrubber.config.max_bytes), url)


def fetch(url: str, *, options: FetchOptions | None = None, config: Config | str | Path | None = None) -> Article:
    """Fetch a page over HTTP(S) and scrub it. Raises `FetchError` and its subclasses on failure."""
    scrubber = default_scrubber() if config is None else Scrubber(config=config)
    return scrubber.fetch(url, options=options)
