"""Files written for the user: one per input in an output folder, under safe names, atomically."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_STEM = 80


def safe_name(input_id: str, suffix: str, label: str | None = None) -> str:
    """A file name for an input (a path or a URL) that stays inside any folder: readable (from ``label``,
    e.g. a WARC record's URL, when given), no separators, no leading dot, and a short hash of the whole
    id so that two inputs never share a name."""
    shown = label or input_id
    try:
        parts = urlsplit(shown)
        readable = f"{parts.hostname or ''}{parts.path}" if parts.scheme in ("http", "https") else Path(shown).name
    except ValueError:  # not a valid URL after all ("http://[::1/broken")
        readable = shown
    for ending in (".gz", ".html", ".htm", ".txt"):
        readable = readable.removesuffix(ending)
    stem = _UNSAFE.sub("-", readable).strip(".-")[:_MAX_STEM] or "input"
    digest = hashlib.sha1(input_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{stem}-{digest}{suffix}"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader (or a crash) never sees a half-written file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
