"""Cleaner discovery through the ``scrubber.cleaners`` entry-point group.

Built-in cleaners are registered in scrubber's own ``pyproject.toml`` through the same group, so they
are found, chosen and ordered exactly like third-party ones. By default only the built-in cleaners run:
an installed third-party cleaner is listed but runs only when named (``enable``, or an explicit list),
so that installing a package never changes results behind the user's back. Default order: by each
cleaner's ``order`` attribute (100 when absent; the phrase cleaners use 10 so that the most specific
reason is credited), then by name. An explicit list (API ``cleaners=``, CLI ``--cleaners``, config
``cleaners``) sets both the choice and the order; besides names it may hold cleaner objects or classes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.metadata import EntryPoint, entry_points
from typing import Any, TypeAlias

from scrubber.cleaners.base import Cleaner
from scrubber.errors import PluginError
from scrubber.version import DISTRIBUTION

# What may stand in a list of cleaners: an installed cleaner's name, a cleaner object, or a cleaner class
# (built with its options from the configuration, like an installed one).
CleanerSpec: TypeAlias = "str | Cleaner | type"

GROUP = "scrubber.cleaners"
logger = logging.getLogger("scrubber")


@dataclass(frozen=True)
class CleanerInfo:
    """An installed cleaner: its name, the package that provides it, and what it does."""

    name: str
    origin: str
    description: str
    error: str | None = None

    @property
    def builtin(self) -> bool:
        """Shipped with scrubber, so run by default (a third-party cleaner runs only when named)."""
        return _shipped(self.origin)


def _shipped(distribution: str) -> bool:
    """Whether a distribution is scrubber itself (names compared as the package index normalizes them)."""
    return re.sub(r"[-_.]+", "-", distribution).lower() == DISTRIBUTION


@lru_cache(maxsize=1)
def _entry_points() -> dict[str, EntryPoint]:
    found: dict[str, EntryPoint] = {}
    for point in sorted(entry_points(group=GROUP), key=lambda p: p.name):
        found.setdefault(point.name, point)
    return found


@cache
def _factory(name: str) -> Any:
    return _entry_points()[name].load()


def _origin(name: str) -> str:
    point = _entry_points()[name]
    return point.dist.name if point.dist else "?"


def default_order() -> list[str]:
    """Installed cleaners in default order; one that cannot even be imported sorts last."""

    def key(name: str) -> tuple[int, str]:
        try:
            return int(getattr(_factory(name), "order", 100)), name
        except Exception:
            return 1_000_000, name

    return sorted(_entry_points(), key=key)


def describe() -> list[CleanerInfo]:
    """Every installed cleaner in default order, with its package and description (or load error)."""
    infos = []
    for name in default_order():
        origin = _origin(name)
        try:
            description = str(getattr(_factory(name), "description", "")).strip().splitlines()[0]
            infos.append(CleanerInfo(name, origin, description))
        except Exception as error:  # a broken plugin is reported, not fatal
            infos.append(CleanerInfo(name, origin, "", f"{type(error).__name__}: {error}"))
    return infos


def load_cleaners(
    names: Iterable[CleanerSpec] | None = None,
    exclude: Iterable[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
    warnings: list[str] | None = None,
    enable: Iterable[str] = (),
) -> list[Cleaner]:
    """Instantiate the chosen cleaners in order: ``names`` (names, cleaner objects or classes), else the
    built-in cleaners plus the installed ones named in ``enable``. Unknown names and objects that are no
    cleaner raise `PluginError`; a plugin that fails to load is skipped and reported in ``warnings``."""
    installed = _entry_points()
    enable = list(enable)
    if names is None:
        chosen: list[CleanerSpec] = [
            name for name in default_order() if name in enable or _shipped(_origin(name))
        ]
    else:
        chosen = list({_spec_name(spec): spec for spec in names}.values())
    named = [spec for spec in [*chosen, *enable, *exclude] if isinstance(spec, str)]
    unknown = [name for name in named if name not in installed]
    if unknown:
        raise PluginError(f"unknown cleaner(s): {', '.join(unknown)}; installed: {', '.join(installed)}")
    options = options or {}
    excluded = set(exclude)
    cleaners: list[Cleaner] = []
    for spec in chosen:
        name = _spec_name(spec)
        if name in excluded:
            continue
        if not isinstance(spec, str | type):
            cleaners.append(spec)
            continue
        try:
            cleaner = (_factory(spec) if isinstance(spec, str) else spec)(**dict(options.get(name, {})))
        except TypeError as error:
            raise PluginError(f"bad options for cleaner {name!r}: {error}") from error
        except Exception as error:  # a broken plugin must not take the run down
            message = f"cleaner {name!r} failed to load and was skipped: {type(error).__name__}: {error}"
            logger.warning(message)
            if warnings is not None:
                warnings.append(message)
            continue
        cleaners.append(cleaner)
    return cleaners


def _spec_name(spec: object) -> str:
    """The name of a cleaner given by name, as an object or as a class; `PluginError` if it is none."""
    if isinstance(spec, str):
        return spec
    name = getattr(spec, "name", None)
    if not isinstance(name, str) or not name or not callable(getattr(spec, "judge", None)):
        raise PluginError(
            f"not a cleaner: {spec!r}; pass a cleaner's name, or an object or class with a str `name` "
            "and a `judge(page)` method"
        )
    return name
