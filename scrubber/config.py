"""Configuration: which cleaners run, their options, per-site rules and limits, from TOML or code.

Default file: ``$SCRUBBER_CONFIG``, else ``$XDG_CONFIG_HOME/scrubber/config.toml`` (``~/.config/...``)
when it exists. See docs/cleaners.md for a full example.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args
from urllib.parse import urlsplit

from scrubber.errors import ConfigError
from scrubber.extract.selectors import compile_selector
from scrubber.extract.strategy import Favor
from scrubber.sources import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from scrubber.plugins import CleanerSpec

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@dataclass(frozen=True)
class SiteRules:
    """Extra rules for one domain and its subdomains."""

    domain: str
    drop: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def matches(self, url: str | None) -> bool:
        host = (urlsplit(url).hostname or "") if url else ""
        return host == self.domain or host.endswith("." + self.domain)


# The switches of what an article keeps, settable alike in code, on the command line and in the file.
SWITCHES = ("include_captions", "include_comments", "include_tables", "include_links", "include_images", "favor",
            "target_language")


@dataclass(frozen=True)
class Config:
    """Everything that can be set: from keyword arguments, a TOML file, or both.

    ``favor`` trades completeness for cleanliness in main-content extraction ("balanced", the default;
    "precision": leave out doubtful blocks; "recall": keep them). ``target_language`` (ISO 639-1) keeps
    the body only of pages in that language; other pages come back empty, each block in ``removed``.
    """

    cleaners: tuple[CleanerSpec, ...] | None = None  # None: the built-in cleaners, plus ``enable``
    exclude: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()  # third-party cleaners to run beside the built-in ones
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    sites: tuple[SiteRules, ...] = ()
    include_captions: bool = False
    include_comments: bool = False
    include_tables: bool = True
    include_links: bool = True
    include_images: bool = False
    favor: Favor = "balanced"
    target_language: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_nodes: int = 50_000  # the largest of 2,464 benchmark pages has 15,793

    def __post_init__(self) -> None:
        """Values set in code are checked like those read from a file: a bad one is a `ConfigError`."""
        if self.cleaners is not None and not (
            isinstance(self.cleaners, (tuple, list)) and all(_cleaner_like(item) for item in self.cleaners)
        ):
            raise ConfigError(f"cleaners must be names, cleaner objects or cleaner classes, not {self.cleaners!r}")
        for name in ("exclude", "enable"):
            if not _all_strings(getattr(self, name)):
                raise ConfigError(f"{name} must be names (strings), not {getattr(self, name)!r}")
        if not isinstance(self.options, Mapping) or not all(
            isinstance(name, str) and isinstance(value, Mapping) for name, value in self.options.items()
        ):
            raise ConfigError("options must map a cleaner name to a mapping of its options")
        if not isinstance(self.sites, tuple) or not all(isinstance(site, SiteRules) for site in self.sites):
            raise ConfigError("sites must be a tuple of SiteRules")
        for name in ("max_bytes", "max_nodes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ConfigError(f"limits: {name} must be a positive whole number, not {value!r}")
        for name in SWITCHES:
            value = getattr(self, name)
            if name.startswith("include_") and not isinstance(value, bool):
                raise ConfigError(f"{name} must be true or false, not {value!r}")
        if self.favor not in get_args(Favor):
            raise ConfigError(f"favor must be one of {', '.join(get_args(Favor))}, not {self.favor!r}")
        language = self.target_language
        if language is not None and not (isinstance(language, str) and language.isalpha() and len(language) == 2):
            raise ConfigError(f"target_language must be a two-letter ISO 639-1 code, not {language!r}")
        if language is not None:
            object.__setattr__(self, "target_language", language.lower())

    def rules_for(self, url: str | None) -> list[SiteRules]:
        return [rules for rules in self.sites if rules.matches(url)]


def _all_strings(value: Any) -> bool:
    return isinstance(value, (tuple, list)) and all(isinstance(item, str) for item in value)


def _cleaner_like(item: Any) -> bool:
    """A cleaner's name, or an object or class with a str ``name`` and a ``judge`` method."""
    named = isinstance(getattr(item, "name", None), str)
    return isinstance(item, str) or (named and callable(getattr(item, "judge", None)))


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(value)


def _site(domain: str, table: Any) -> SiteRules:
    if not isinstance(table, dict):
        raise ConfigError(f"[sites.{domain!r}] must be a table")
    unknown = set(table) - {"drop", "keep", "phrases"}
    if unknown:
        raise ConfigError(f"[sites.{domain!r}]: unknown key(s) {', '.join(sorted(unknown))}")
    phrases = table.get("phrases", {})
    if not isinstance(phrases, dict):
        raise ConfigError(f"[sites.{domain!r}.phrases] must map a category to phrases")
    drop = _strings(table.get("drop", []), f"sites.{domain}.drop")
    keep = _strings(table.get("keep", []), f"sites.{domain}.keep")
    for selector in drop + keep:
        compile_selector(selector)  # a bad selector is reported when the configuration is read
    return SiteRules(
        domain=domain.lower().lstrip("."),
        drop=drop,
        keep=keep,
        phrases={cat: _strings(value, f"sites.{domain}.phrases.{cat}") for cat, value in phrases.items()},
    )


def parse_config(data: Mapping[str, Any], where: str = "config") -> Config:
    """Validate the TOML mapping and build a `Config`."""
    known = {"cleaners", "exclude", "enable", "options", "sites", "limits", *SWITCHES}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    options = data.get("options", {})
    if not isinstance(options, dict) or not all(isinstance(v, dict) for v in options.values()):
        raise ConfigError(f"{where}: [options.<cleaner>] must be tables")
    limits = data.get("limits", {})
    sites = data.get("sites", {})
    if not isinstance(limits, dict) or not isinstance(sites, dict):
        raise ConfigError(f"{where}: [limits] and [sites] must be tables")
    unknown = set(limits) - {"max_bytes", "max_nodes"}
    if unknown:
        raise ConfigError(f"{where}: unknown limit(s) {', '.join(sorted(unknown))}")
    try:
        return Config(
            cleaners=_strings(data["cleaners"], "cleaners") if "cleaners" in data else None,
            exclude=_strings(data.get("exclude", []), "exclude"),
            enable=_strings(data.get("enable", []), "enable"),
            options=options,
            sites=tuple(_site(domain, table) for domain, table in sites.items()),
            **{name: data[name] for name in SWITCHES if name in data},
            max_bytes=limits.get("max_bytes", DEFAULT_MAX_BYTES),
            max_nodes=limits.get("max_nodes", Config.max_nodes),
        )
    except ConfigError as error:
        raise ConfigError(f"{where}: {error}") from error


def default_path() -> Path | None:
    """The configuration file used when none is named, if it exists. A home folder that cannot be
    found or read (a locked-down service account) means no configuration file."""
    if explicit := os.environ.get("SCRUBBER_CONFIG"):
        return Path(explicit)
    try:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        path = base / "scrubber" / "config.toml"
        return path if path.is_file() else None
    except (OSError, RuntimeError, KeyError):
        return None


def load_config(path: str | Path | None = None) -> Config:
    """Read a TOML configuration file; with no path, the default file or the defaults."""
    if path is not None and not isinstance(path, (str, Path)):
        raise ConfigError(f"config must be a Config, a path or None, not {type(path).__name__}")
    chosen = Path(path) if path is not None else default_path()
    if chosen is None:
        return Config()
    try:
        data = tomllib.loads(chosen.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{chosen}: cannot read configuration: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise ConfigError(f"{chosen}: configuration is not UTF-8 text: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{chosen}: invalid TOML: {error}") from error
    except ValueError as error:  # a NUL in the path
        raise ConfigError(f"{chosen!r}: cannot read configuration: {error}") from error
    return parse_config(data, str(chosen))
