"""scrubber: turn a news page (HTML or a text dump) into a clean, structured article.

    >>> import scrubber
    >>> article = scrubber.scrub(pathlib.Path("page.html"))
    >>> article.title, article.text, article.removed
"""

from scrubber.article import Article, Block, Removed
from scrubber.batch import Result, scrub_many
from scrubber.cleaners.base import Cleaner, Page, Segment, Verdict
from scrubber.config import Config, SiteRules, load_config
from scrubber.errors import (
    BlockedURLError,
    ConfigError,
    DecodeError,
    EmptyInputError,
    FetchError,
    FetchTimeoutError,
    InputError,
    InputTooLargeError,
    PluginError,
    ProcessingTimeoutError,
    ScrubberError,
    UnsupportedFormatError,
)
from scrubber.fetch import FetchOptions
from scrubber.pipeline import Scrubber, fetch, scrub
from scrubber.version import __version__ as __version__

__all__ = [
    "Article",
    "Block",
    "BlockedURLError",
    "Cleaner",
    "Config",
    "ConfigError",
    "DecodeError",
    "EmptyInputError",
    "FetchError",
    "FetchOptions",
    "FetchTimeoutError",
    "InputError",
    "InputTooLargeError",
    "Page",
    "PluginError",
    "ProcessingTimeoutError",
    "Removed",
    "Result",
    "Scrubber",
    "ScrubberError",
    "Segment",
    "SiteRules",
    "UnsupportedFormatError",
    "Verdict",
    "fetch",
    "load_config",
    "scrub",
    "scrub_many",
]
