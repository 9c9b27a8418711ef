"""Fetching pages over HTTP(S) with requests: one pooled session per `Fetcher` (one per worker),
timeouts and a total time budget per fetch, retries with back-off on connection errors, 429 and 5xx
(honouring Retry-After), a redirect limit, a body-size cap, content-type checks, SSRF protection and an
optional per-host delay.

SSRF protection is enforced where the socket is opened: the host is resolved once, every address is
checked, and the connection goes to the checked address, so neither a URL that parsers read differently
nor a DNS answer that changes between check and connect (rebinding) reaches a private host.
"""

from __future__ import annotations

import http.client
import ipaddress
import math
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, fields
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import LocationParseError, NameResolutionError
from urllib3.util import parse_url

from scrubber.errors import (
    BlockedURLError,
    ConfigError,
    FetchError,
    FetchTimeoutError,
    InputError,
    InputTooLargeError,
    ScrubberError,
    UnsupportedFormatError,
)
from scrubber.sources import Format, Loaded, load_bytes

_ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
_RETRY_STATUS = {429, 500, 502, 503, 504}
# What the network layers raise on hostile or broken servers; each becomes a FetchError.
_TRANSIENT = (requests.Timeout, requests.ConnectionError)
_NETWORK_ERRORS = (requests.RequestException, urllib3.exceptions.HTTPError, http.client.HTTPException, OSError,
                   ValueError)


@dataclass(frozen=True)
class FetchOptions:
    """How pages are fetched. Defaults are safe for crawling the open web."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 120.0  # one fetch: robots.txt, redirects, retries, waits and the body
    retries: int = 3
    backoff: float = 0.5
    max_retry_after: float = 60.0
    max_redirects: int = 10
    max_bytes: int = 20 * 1024 * 1024
    user_agent: str = "scrubber-news/0.1 (+https://pypi.org/project/scrubber-news/)"
    allow_private: bool = False
    respect_robots: bool = False
    per_host_delay: float = 0.0

    def __post_init__(self) -> None:
        for option in fields(self):
            value = getattr(self, option.name)
            expected = type(option.default)
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                continue
            if type(value) is not expected:
                raise ConfigError(f"FetchOptions.{option.name} must be a {expected.__name__}, not {value!r}")
        for name in ("connect_timeout", "read_timeout", "total_timeout"):
            if not 0 < getattr(self, name) < math.inf:
                raise ConfigError(f"FetchOptions.{name} must be a positive number of seconds")
        for name in ("backoff", "max_retry_after", "per_host_delay"):
            if not 0 <= getattr(self, name) < math.inf:
                raise ConfigError(f"FetchOptions.{name} must be zero or a positive number of seconds")
        for name in ("retries", "max_redirects"):
            if getattr(self, name) < 0:
                raise ConfigError(f"FetchOptions.{name} must not be negative")
        if self.max_bytes <= 0:
            raise ConfigError("FetchOptions.max_bytes must be positive")
        if any(ch in self.user_agent for ch in "\r\n\0"):
            raise ConfigError("FetchOptions.user_agent must be one line")


def _checked_url(url: object) -> tuple[str, int]:
    """The host and port the HTTP client will connect to for ``url``; refuse URLs that are not plain
    http(s) with an unambiguous host. urllib3 parses the URL here exactly as it will for the request."""
    if not isinstance(url, str):
        raise InputError(f"a URL must be a str, not {type(url).__name__}")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        raise BlockedURLError(f"{url!r}: URL holds control characters")
    try:
        parts = parse_url(url)
    except LocationParseError as error:
        raise BlockedURLError(f"{url}: malformed URL: {error}") from error
    if parts.scheme not in ("http", "https"):
        raise BlockedURLError(f"{url}: only http and https URLs are fetched")
    if not parts.host:
        raise BlockedURLError(f"{url}: no host in URL")
    authority = url.split("//", 1)[1] if "//" in url else ""
    for stop in "/?#":
        authority = authority.split(stop, 1)[0]
    if any(ch in authority for ch in "\\@ ") or parts.auth:
        raise BlockedURLError(f"{url}: backslashes, spaces and credentials in the host part are refused")
    try:
        other = urlsplit(url).hostname or ""
        other = other if other.isascii() else other.encode("idna").decode("ascii")
    except (ValueError, UnicodeError) as error:
        raise BlockedURLError(f"{url}: malformed URL or host name: {error}") from error
    host = parts.host.strip("[]").lower()
    if other != host:  # two parsers disagree on the host: refuse rather than guess
        raise BlockedURLError(f"{url}: ambiguous host ({host!r} or {other!r})")
    if ":" not in host:
        try:
            host.encode("idna")
        except UnicodeError as error:
            raise BlockedURLError(f"{url}: invalid host name: {error}") from error
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if not 0 < port < 65536:
        raise BlockedURLError(f"{url}: port {port} is out of range")
    return host, port


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _Deadline:
    """The time budget of one fetch. When it runs out, the socket in use is shut down: a server that
    drips bytes (each read within the read timeout) cannot hold a fetch forever."""

    def __init__(self, seconds: float, allow_private: bool) -> None:
        self.seconds = seconds
        self.allow_private = allow_private
        self.end = time.monotonic() + seconds
        self.expired = False
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def check(self, url: str) -> None:
        if self.expired or self.remaining() <= 0:
            raise FetchTimeoutError(f"{url}: fetch took longer than its time budget of {self.seconds:g} s")

    def sleep(self, seconds: float, url: str) -> None:
        if seconds >= self.remaining():
            raise FetchTimeoutError(f"{url}: waiting {seconds:g} s more would exceed the time budget "
                                    f"of {self.seconds:g} s")
        time.sleep(seconds)

    def watch(self, sock: socket.socket | None) -> None:
        """Put the socket now in use under this deadline."""
        if sock is None:
            return
        with self._lock:
            self._socket = sock
        if self.expired:
            self._shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        self.expired = True
        with self._lock:
            sock = self._socket
        if sock is not None:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with suppress(OSError):  # the plain socket's shutdown wakes a blocked read, TLS or not
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


_current = threading.local()  # the `_Deadline` of the fetch running in this thread


def _running() -> _Deadline | None:
    deadline: _Deadline | None = getattr(_current, "deadline", None)
    return deadline


class _GuardedConnection(HTTPConnection):
    """Resolves its host once, refuses non-public addresses (unless the fetch allows them), connects to
    the checked address, and puts itself under the running fetch's deadline."""

    def _new_conn(self) -> socket.socket:
        deadline = _running()
        host = self._dns_host
        try:
            infos = socket.getaddrinfo(host, self.port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as lookup_error:
            raise NameResolutionError(self.host, self, socket.gaierror(str(lookup_error))) from lookup_error
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not (deadline and deadline.allow_private):
            for address in addresses:
                if not _public(address):
                    raise BlockedURLError(f"host {self.host} resolves to non-public address {address}; "
                                          "to fetch it anyway pass allow_private=True (command line: --allow-private)")
        failure: Exception | None = None
        for address in addresses:
            self._dns_host = address  # urllib3 connects to _dns_host; TLS still checks the name in `host`
            try:
                sock = super()._new_conn()
                if deadline:
                    deadline.watch(sock)
                return sock
            except (OSError, urllib3.exceptions.HTTPError) as error:
                failure = error
            finally:
                self._dns_host = host
        raise failure or NameResolutionError(self.host, self, socket.gaierror("no address"))

    def connect(self) -> None:
        super().connect()
        if deadline := _running():
            deadline.watch(self.sock)  # the TLS socket, when there is one

    def request(self, *args: Any, **kwargs: Any) -> None:
        super().request(*args, **kwargs)
        if deadline := _running():
            deadline.watch(self.sock)  # a pooled connection reused by this fetch


class _GuardedHTTPSConnection(_GuardedConnection, HTTPSConnection):
    pass


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class _GuardedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}


def _retry_after(response: requests.Response, fallback: float, cap: float) -> float:
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return fallback
    try:
        delay = float(value)
    except ValueError:
        try:
            delay = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, OverflowError):
            return fallback
    return min(max(delay, 0.0), cap) if math.isfinite(delay) else fallback


def _declared_length(response: requests.Response) -> int:
    value = response.headers.get("Content-Length", "").strip()
    return int(value) if value.isdigit() and len(value) < 20 else 0  # a bogus length is no length


class Fetcher:
    """Fetches pages with one pooled `requests.Session`. Not shared across processes."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        if options is not None and not isinstance(options, FetchOptions):
            raise ConfigError(f"options must be FetchOptions, not {type(options).__name__}")
        self.options = options or FetchOptions()
        self.session = requests.Session()
        self.session.trust_env = False  # no proxies or .netrc credentials from the environment
        adapter = _GuardedAdapter(max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = self.options.user_agent
        self._last_hit: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _polite_wait(self, host: str, deadline: _Deadline, url: str) -> None:
        if self.options.per_host_delay <= 0:
            return
        with self._lock:
            wait = self._last_hit.get(host, 0.0) + self.options.per_host_delay - time.monotonic()
            self._last_hit[host] = time.monotonic() + max(wait, 0.0)
        if wait > 0:
            deadline.sleep(wait, url)

    def _allowed_by_robots(self, url: str, deadline: _Deadline) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            parser = RobotFileParser()
            lines: list[str] = []
            try:
                with self._get(urljoin(root, "/robots.txt"), deadline) as response:
                    if response.status_code == 200:
                        lines = self._body(response, deadline, cut=True).decode("utf-8", "replace").splitlines()
            except FetchTimeoutError:
                raise
            except ScrubberError:
                pass  # no readable robots.txt (refused, broken): nothing is disallowed
            parser.parse(lines)
            self._robots[root] = parser
        return self._robots[root].can_fetch(self.options.user_agent, url)

    def _get(self, url: str, deadline: _Deadline) -> requests.Response:
        """One GET following redirects by hand, so every hop is checked before it is requested."""
        options = self.options
        for _ in range(options.max_redirects + 1):
            _checked_url(url)
            self._polite_wait(urlsplit(url).netloc, deadline, url)
            deadline.check(url)
            timeout = (min(options.connect_timeout, deadline.remaining()),
                       min(options.read_timeout, deadline.remaining()))
            try:
                response = self.session.get(url, timeout=timeout, stream=True, allow_redirects=False)
                target = self.session.get_redirect_target(response)
            except BlockedURLError as error:
                raise BlockedURLError(f"{url}: {error}") from None
            except ValueError as error:  # the URL was checked: requests choked on the Location it prepares
                raise BlockedURLError(f"{url}: bad redirect Location: {error}") from error
            except requests.Timeout as error:
                raise FetchTimeoutError(f"{url}: timed out") from error
            except requests.ConnectionError as error:
                deadline.check(url)
                raise FetchError(f"{url}: connection failed: {error}") from error
            except _NETWORK_ERRORS as error:
                deadline.check(url)
                raise FetchError(f"{url}: {type(error).__name__}: {error}") from error
            if target is None:
                return response
            response.close()
            try:
                url = urljoin(url, target)
            except ValueError as error:
                raise BlockedURLError(f"{url}: bad redirect Location {target!r}: {error}") from error
        raise FetchError(f"{url}: more than {options.max_redirects} redirects")

    def fetch(self, url: str) -> tuple[Loaded, str]:
        """Fetch ``url``; return the decoded page and the final URL after redirects."""
        options = self.options
        _checked_url(url)
        with self._deadline() as deadline:
            if options.respect_robots and not self._allowed_by_robots(url, deadline):
                raise BlockedURLError(f"{url}: disallowed by robots.txt")
            delay = options.backoff
            for attempt in range(options.retries + 1):
                try:
                    response = self._get(url, deadline)
                except BlockedURLError:
                    raise
                except FetchError as error:  # timeouts and failed connections are tried again
                    if attempt == options.retries or not isinstance(error.__cause__, _TRANSIENT):
                        raise
                    deadline.sleep(delay, url)
                    delay *= 2
                    continue
                if response.status_code in _RETRY_STATUS and attempt < options.retries:
                    wait = _retry_after(response, delay, options.max_retry_after)
                    response.close()
                    deadline.sleep(wait, url)
                    delay *= 2
                    continue
                return self._read(response, deadline), response.url
        raise FetchError(f"{url}: gave up after {options.retries + 1} attempts")  # pragma: no cover

    @contextmanager
    def _deadline(self) -> Iterator[_Deadline]:
        deadline = _Deadline(self.options.total_timeout, self.options.allow_private)
        outer = _running()
        _current.deadline = deadline
        try:
            yield deadline
        finally:
            _current.deadline = outer
            deadline.cancel()

    def _body(self, response: requests.Response, deadline: _Deadline, cut: bool = False) -> bytes:
        """The body read within the deadline: over ``max_bytes`` it is refused, or ``cut`` there."""
        url, limit = response.url, self.options.max_bytes
        declared = _declared_length(response)
        if declared > limit and not cut:
            raise InputTooLargeError(f"{url}: body is {declared} bytes, the limit is {limit}")
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > limit:
                    if cut:
                        chunks.append(chunk[: limit - size])
                        break
                    raise InputTooLargeError(f"{url}: body is over the limit of {limit} bytes")
                chunks.append(chunk)
        except _NETWORK_ERRORS as error:
            deadline.check(url)
            raise FetchError(f"{url}: reading the body failed: {error}") from error
        deadline.check(url)  # a body cut short by the deadline is not a page
        return b"".join(chunks)

    def _read(self, response: requests.Response, deadline: _Deadline) -> Loaded:
        url = response.url
        with response:
            if response.status_code >= 400:
                raise FetchError(f"{url}: HTTP {response.status_code} {response.reason}")
            content_type = response.headers.get("Content-Type", "")
            kind = content_type.split(";")[0].strip().lower()
            if kind and kind not in _ACCEPTED_TYPES:
                raise UnsupportedFormatError(f"{url}: content type {kind} is not HTML or text")
            data = self._body(response, deadline)
        fmt: Format | None = "text" if kind == "text/plain" else "html" if kind else None
        declared_charset = response.encoding if "charset" in content_type.lower() else None
        return load_bytes(data, name=url, format=fmt, encoding=declared_charset, max_bytes=self.options.max_bytes)
