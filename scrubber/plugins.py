"""Cleaner discovery through the ``scrubber.cleaners`` entry-point group.

Built-in cleaners are registered in scrubber's own ``pyproject.toml`` through the same group, so they
are found, chosen and ordered exactly like third-party ones. Default order: by each cleaner's ``order``
attribute (100 when absent; the phrase cleaners use 10 so that the most specific reason is credited),
then by name. An explicit list
(API ``cleaners=``, CLI ``--cleaners``, config ``cleaners``) sets both the choice and the order.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from scrubber.cleaners.base import Cleaner
from scrubber.errors import PluginError

GROUP = "scrubber.cleaners"
logger = logging.getLogger("scrubber")


@dataclass(frozen=True)
class CleanerInfo:
    """An installed cleaner: its name, the package that provides it, and what it does."""

    name: str
    origin: str
    description: str
    error: str | None = None


@lru_cache(maxsize=1)
def _entry_points() -> dict[str, EntryPoint]:
    found: dict[str, EntryPoint] = {}
    for point in sorted(entry_points(group=GROUP), key=lambda p: p.name):
        found.setdefault(point.name, point)
    return found


@cache
def _factory(name: str) -> Any:
    return _entry_points()[name].load()


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
        point = _entry_points()[name]
        origin = point.dist.name if point.dist else "?"
        try:
            description = str(getattr(_factory(name), "description", "")).strip().splitlines()[0]
            infos.append(CleanerInfo(name, origin, description))
        except Exception as error:  # a broken plugin is reported, not fatal
            infos.append(CleanerInfo(name, origin, "", f"{type(error).__name__}: {error}"))
    return infos


def load_cleaners(
    names: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
    warnings: list[str] | None = None,
) -> list[Cleaner]:
    """Instantiate the chosen cleaners in order. Unknown names raise `PluginError`; a plugin that
    fails to load is skipped and reported in ``warnings``."""
    installed = _entry_points()
    chosen = default_order() if names is None else list(dict.fromkeys(names))
    unknown = [name for name in [*chosen, *exclude] if name not in installed]
    if unknown:
        raise PluginError(f"unknown cleaner(s): {', '.join(unknown)}; installed: {', '.join(installed)}")
    options = options or {}
    cleaners: list[Cleaner] = []
    for name in chosen:
        if name in set(exclude):
            continue
        try:
            cleaner = _factory(name)(**dict(options.get(name, {})))
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
