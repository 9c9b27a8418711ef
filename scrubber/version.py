"""The distribution's name on the package index and its version (the import package is ``scrubber``;
``scrubber`` on the index is an unrelated project)."""

DISTRIBUTION = "scrubber-news"
__version__ = "0.1.0"
