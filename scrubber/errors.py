"""The exceptions scrubber raises. Every public entry point raises only these."""

from __future__ import annotations


class ScrubberError(Exception):
    """Base class of every error scrubber raises on purpose."""


class InputError(ScrubberError):
    """The input cannot be read: a missing file, a directory, an unreadable stream."""


class EmptyInputError(InputError):
    """The input holds no content at all (zero bytes or only whitespace)."""


class UnsupportedFormatError(InputError):
    """The input is neither HTML nor text (an image, a PDF, other binary data)."""


class InputTooLargeError(InputError):
    """The input is larger than the configured limit."""


class DecodeError(InputError):
    """The bytes cannot be decoded into readable text."""


class ConfigError(ScrubberError):
    """A configuration file or option is invalid."""


class PluginError(ScrubberError):
    """A cleaner plugin cannot be loaded or is unknown."""


class FetchError(ScrubberError):
    """A URL could not be fetched."""


class FetchTimeoutError(FetchError):
    """The server did not answer in time."""


class BlockedURLError(FetchError):
    """The URL is refused before any request: bad scheme, private address, robots.txt."""


class ProcessingTimeoutError(ScrubberError):
    """A document took longer than the per-document time limit in a batch run."""
