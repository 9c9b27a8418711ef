"""Fetching pages over HTTP(S) with requests: one pooled session per `Fetcher` (one per worker),
timeouts, retries with back-off on connection errors, 429 and 5xx (honouring Retry-After), a redirect
limit, a body-size cap, content-type checks, SSRF protection and an optional per-host delay."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests

from scrubber.errors import BlockedURLError, FetchError, FetchTimeoutError, InputTooLargeError, UnsupportedFormatError
from scrubber.sources import Format, Loaded, load_bytes

_ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
_RETRY_STATUS = {429, 500, 502, 503, 504}
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchOptions:
    """How pages are fetched. Defaults are safe for crawling the open web."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5
    max_retry_after: float = 60.0
    max_redirects: int = 10
    max_bytes: int = 20 * 1024 * 1024
    user_agent: str = "scrubber-news/0.1 (+https://pypi.org/project/scrubber-news/)"
    allow_private: bool = False
    respect_robots: bool = False
    per_host_delay: float = 0.0


def check_url(url: str, allow_private: bool = False) -> None:
    """Refuse non-http(s) URLs and, unless allowed, hosts that resolve to non-public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BlockedURLError(f"{url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise BlockedURLError(f"{url}: no host in URL")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise FetchError(f"{url}: cannot resolve host: {error}") from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise BlockedURLError(
                f"{url}: host resolves to non-public address {address}; to fetch it anyway pass "
                "allow_private=True (command line: --allow-private)"
            )


def _retry_after(response: requests.Response, fallback: float, cap: float) -> float:
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return fallback
    try:
        delay = float(value)
    except ValueError:
        try:
            delay = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return fallback
    return min(max(delay, 0.0), cap)


class Fetcher:
    """Fetches pages with one pooled `requests.Session`. Not shared across processes."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self.session = requests.Session()
        self.session.headers["User-Agent"] = self.options.user_agent
        self.session.max_redirects = self.options.max_redirects
        self._last_hit: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _polite_wait(self, host: str) -> None:
        if self.options.per_host_delay <= 0:
            return
        with self._lock:
            wait = self._last_hit.get(host, 0.0) + self.options.per_host_delay - time.monotonic()
            self._last_hit[host] = time.monotonic() + max(wait, 0.0)
        if wait > 0:
            time.sleep(wait)

    def _allowed_by_robots(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            parser = RobotFileParser()
            try:
                response = self._get(urljoin(root, "/robots.txt"))
                parser.parse(response.text.splitlines() if response.status_code == 200 else [])
            except FetchError:
                parser.parse([])
            self._robots[root] = parser
        return self._robots[root].can_fetch(self.options.user_agent, url)

    def _get(self, url: str) -> requests.Response:
        """One GET following redirects by hand, so every hop is checked before it is requested."""
        options = self.options
        for _ in range(options.max_redirects + 1):
            check_url(url, options.allow_private)
            self._polite_wait(urlsplit(url).netloc)
            response = self.session.get(
                url, timeout=(options.connect_timeout, options.read_timeout), stream=True, allow_redirects=False
            )
            if response.status_code in _REDIRECTS and "Location" in response.headers:
                response.close()
                url = urljoin(url, response.headers["Location"])
                continue
            return response
        raise FetchError(f"{url}: more than {options.max_redirects} redirects")

    def fetch(self, url: str) -> tuple[Loaded, str]:
        """Fetch ``url``; return the decoded page and the final URL after redirects."""
        options = self.options
        if options.respect_robots and not self._allowed_by_robots(url):
            raise BlockedURLError(f"{url}: disallowed by robots.txt")
        delay = options.backoff
        for attempt in range(options.retries + 1):
            try:
                response = self._get(url)
            except requests.Timeout as error:
                if attempt == options.retries:
                    raise FetchTimeoutError(f"{url}: timed out") from error
            except requests.ConnectionError as error:
                if attempt == options.retries:
                    raise FetchError(f"{url}: connection failed: {error}") from error
            except requests.RequestException as error:
                raise FetchError(f"{url}: {error}") from error
            else:
                if response.status_code in _RETRY_STATUS and attempt < options.retries:
                    wait = _retry_after(response, delay, options.max_retry_after)
                    response.close()
                    time.sleep(wait)
                    delay *= 2
                    continue
                return self._read(response), response.url
            time.sleep(delay)
            delay *= 2
        raise FetchError(f"{url}: gave up after {options.retries + 1} attempts")  # pragma: no cover

    def _read(self, response: requests.Response) -> Loaded:
        url = response.url
        with response:
            if response.status_code >= 400:
                raise FetchError(f"{url}: HTTP {response.status_code} {response.reason}")
            kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if kind and kind not in _ACCEPTED_TYPES:
                raise UnsupportedFormatError(f"{url}: content type {kind} is not HTML or text")
            declared = int(response.headers.get("Content-Length") or 0)
            if declared > self.options.max_bytes:
                raise InputTooLargeError(f"{url}: body is {declared} bytes, the limit is {self.options.max_bytes}")
            chunks, size = [], 0
            try:
                for chunk in response.iter_content(64 * 1024):
                    size += len(chunk)
                    if size > self.options.max_bytes:
                        raise InputTooLargeError(f"{url}: body is over the limit of {self.options.max_bytes} bytes")
                    chunks.append(chunk)
            except requests.RequestException as error:
                raise FetchError(f"{url}: reading the body failed: {error}") from error
        fmt: Format | None = "text" if kind == "text/plain" else "html" if kind else None
        declared_charset = response.encoding if "charset" in response.headers.get("Content-Type", "") else None
        return load_bytes(b"".join(chunks), name=url, format=fmt, encoding=declared_charset,
                          max_bytes=self.options.max_bytes)
