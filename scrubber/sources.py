"""Inputs → decoded documents. Knows bytes, text, paths and compression; never parses HTML.

A `str` is always content, never a path or a URL (use `pathlib.Path` and `scrubber.fetch`), so what a
caller passes is never guessed at.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from charset_normalizer import from_bytes

from scrubber.errors import (
    DecodeError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    UnsupportedFormatError,
)

Format = Literal["html", "text"]
SourceLike = str | bytes | bytearray | Path

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_HTML_SNIFF = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|main|section|span|a\s|h[1-6]|table|br)\b",
    re.IGNORECASE,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"RIFF": "a RIFF media file",
    b"\x00\x00\x01\x00": "an icon",
    b"OggS": "an Ogg media file",
    b"\x7fELF": "an executable",
}
# Characters XML (so lxml) refuses, and DEL: removed from every input once, before anything parses it.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Every byte but those of the control characters above (each is a byte of its own in UTF-8, and no other
# character's UTF-8 holds a byte below 0x80), and every byte but those of binary data's control codes:
# deleting them in C finds those characters four times as fast as a regex scan.
_NOT_CONTROL_BYTES = bytes(sorted(set(range(256)) - {*range(0x09), 0x0b, *range(0x0e, 0x20), 0x7f}))
_NOT_BINARY_BYTES = bytes(sorted(set(range(256)) - {*range(0x09), 0x0b, *range(0x0e, 0x1b), *range(0x1c, 0x20)}))
_MAX_CONTROL_SHARE = 0.02
_NOT_CHARSETS = frozenset({"undefined", "punycode", "idna", "unicode-escape", "raw-unicode-escape", "utf-7",
                           "mbcs", "oem"})
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Loaded:
    """A decoded input: its text, whether it is HTML or text, and where it came from."""

    text: str
    format: Format
    name: str
    encoding: str | None = None


def sniff_format(head: bytes) -> Format:
    """HTML when the first kilobytes hold HTML tags, else text."""
    return "html" if _HTML_SNIFF.search(head[:4096]) else "text"


def _gunzip(data: bytes, limit: int) -> bytes:
    """Every member of a gzip stream (concatenated files are one stream); a cut-off stream is an error."""
    out = bytearray()
    while True:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += decompressor.decompress(data, limit + 1 - len(out))
        except zlib.error as error:
            raise DecodeError(f"corrupt gzip data: {error}") from error
        if len(out) > limit:
            raise InputTooLargeError(f"input is larger than {limit} bytes once decompressed")
        if not decompressor.eof:
            raise DecodeError("gzip data is truncated")
        data = decompressor.unused_data.lstrip(b"\0")  # zero padding after a member is allowed
        if not data:
            return bytes(out)
        if data[:2] != b"\x1f\x8b":
            raise DecodeError("gzip data is followed by garbage")


def _codec(name: str | None) -> str | None:
    """The codec a declared charset names, or None for unknown names and for codecs that are not
    character sets (``base64``, ``rot13``, ``undefined``, ``punycode``, escapes, UTF-7)."""
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().strip("\"'"))
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


def decode(data: bytes, declared: str | None = None, format: Format | None = None) -> tuple[str, str]:
    """Bytes → text: BOM, then UTF-8, then the declared or ``<meta>`` charset, then detection.

    Valid UTF-8 wins over a declared charset: pages that declare a Latin charset and are UTF-8 are
    common, and UTF-8 read as a single-byte charset is mojibake, while text in another charset is
    almost never valid UTF-8 by chance."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff"), encoding
    candidates = ["utf-8", _codec(declared)]
    if format != "text":
        match = _META_CHARSET.search(data[:4096])
        candidates.append(_codec(match.group(1).decode("ascii", "ignore")) if match else None)
    for encoding in filter(None, candidates):
        if encoding in ("utf-16", "utf-32"):
            continue  # declared without a BOM: a known lie on HTML pages
        try:
            return data.decode(encoding), encoding
        except UnicodeError:
            continue
    best = from_bytes(data[:200_000]).best()
    if best is None or not best.encoding:
        raise DecodeError("cannot tell the text encoding of the input")
    return utf8_safe(data.decode(best.encoding, errors="replace")), best.encoding  # UTF-7 can yield surrogates


def check_binary(data: bytes, name: str) -> None:
    """Refuse known binary formats by their signature, and bytes full of control codes."""
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UnsupportedFormatError(f"{name}: input is {what}, not HTML or text")
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return  # UTF-16/32 text is full of NUL bytes
    sample = data[:65536]
    if len(sample.translate(None, _NOT_BINARY_BYTES)) > _MAX_CONTROL_SHARE * len(sample):
        raise UnsupportedFormatError(f"{name}: input looks like binary data, not HTML or text")


def utf8_safe(text: str) -> str:
    """``text`` with each lone surrogate (which UTF-8 cannot encode) replaced by U+FFFD."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")  # fails on a surrogate only; three times as fast as searching for one
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _holds_control(text: str, utf8: bytes | None = None) -> bool:
    """Whether ``text`` holds a character of `_CONTROL`; ``utf8``: the text's UTF-8 bytes, when the caller
    decoded it from them (encoding it again cost a third of loading a page)."""
    if "\ufffe" in text or "\uffff" in text:
        return True
    encoded = utf8 if utf8 is not None else text.encode("utf-8", "surrogatepass")
    return bool(encoded.translate(None, _NOT_CONTROL_BYTES))


def check_text(text: str, name: str, *, decoded: bool = False, utf8: bytes | None = None) -> str:
    """Refuse text that is mostly control characters; drop the stray ones and every other character
    XML refuses (form feeds become line breaks, lone surrogates U+FFFD), so parsers never see them.
    ``decoded``: the text comes from decoding bytes, which never yields a lone surrogate; ``utf8``: those
    bytes, when the text is exactly their strict UTF-8 decoding."""
    if _holds_control(text, utf8):  # most pages have none
        sample = text[:100_000]
        if sample and len(_CONTROL.findall(sample)) / len(sample) > _MAX_CONTROL_SHARE:
            raise UnsupportedFormatError(f"{name}: input looks like binary data, not HTML or text")
        text = _CONTROL.sub("", text)
    if "\f" in text:
        text = text.replace("\f", "\n")
    if not decoded:
        text = utf8_safe(text)
    if not text.strip():
        raise EmptyInputError(f"{name}: input holds no text")
    return text


def load_bytes(
    data: bytes, *, name: str = "<bytes>", format: Format | None = None, encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Loaded:
    """Decode raw bytes (possibly gzip-compressed) into a `Loaded` document."""
    if len(data) > max_bytes:
        raise InputTooLargeError(f"{name}: input is {len(data)} bytes, the limit is {max_bytes}")
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, max_bytes)
    if not data.strip():
        raise EmptyInputError(f"{name}: input is empty")
    check_binary(data, name)
    chosen = format or sniff_format(data)
    try:
        text, used = decode(data, encoding, chosen)
    except DecodeError as error:
        raise DecodeError(f"{name}: {error}") from error
    utf8 = data if used == "utf-8" and not data.startswith(codecs.BOM_UTF8) else None  # a BOM's text is cut
    return Loaded(check_text(text, name, decoded=True, utf8=utf8), chosen, name, used)


def load_str(text: str, *, name: str = "<string>", format: Format | None = None,
             max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    if len(text) > max_bytes:
        raise InputTooLargeError(f"{name}: input is {len(text)} characters, the limit is {max_bytes}")
    if not text.strip():
        raise EmptyInputError(f"{name}: input is empty")
    chosen = format or sniff_format(text[:4096].encode("utf-8", "replace"))
    return Loaded(check_text(text, name), chosen, name, None)


def _read_regular_file(path: Path, name: str, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes of a regular file. Devices, FIFOs and sockets are refused without
    waiting: a FIFO is opened non-blocking, and ``/dev/zero`` never ends."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as error:
        raise InputError(f"{name}: no such file") from error
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        raise InputError(f"{name}: cannot open: {getattr(error, 'strerror', None) or error}") from error
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name}: is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{name}: not a regular file (a device, FIFO or socket)")
        if info.st_size > max_bytes:
            raise InputTooLargeError(f"{name}: file is {info.st_size} bytes, the limit is {max_bytes}")
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read(max_bytes + 1)
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from error
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:  # the file grew while it was read
        raise InputTooLargeError(f"{name}: file is over the limit of {max_bytes} bytes")
    return data


def load_path(path: Path, *, format: Format | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    name = utf8_safe(str(path))  # a file name that is not UTF-8 holds surrogate escapes
    data = _read_regular_file(path, name, max_bytes)
    if format is None and path.suffix.lower() in (".txt", ".text", ".md") and data[:2] != b"\x1f\x8b":
        format = "text"
    return load_bytes(data, name=name, format=format, max_bytes=max_bytes)


def load(source: SourceLike, *, format: Format | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Any accepted input → a decoded document."""
    if format not in (None, "html", "text"):
        raise InputError(f"format must be 'html' or 'text', not {format!r}")
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise InputError(f"max_bytes must be a positive int, not {max_bytes!r}")
    if isinstance(source, Path):
        return load_path(source, format=format, max_bytes=max_bytes)
    if isinstance(source, (bytes, bytearray)):
        return load_bytes(bytes(source), format=format, max_bytes=max_bytes)
    if isinstance(source, str):
        return load_str(source, format=format, max_bytes=max_bytes)
    raise InputError(f"cannot scrub a {type(source).__name__}: pass str, bytes or pathlib.Path")


__all__ = ["Loaded", "decode", "load", "load_bytes", "sniff_format", "utf8_safe"]
