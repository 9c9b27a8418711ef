"""Fetching against a real HTTP server on 127.0.0.1 started by the test."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

import scrubber
from scrubber import BlockedURLError, FetchError, FetchOptions, InputTooLargeError, UnsupportedFormatError
from tests.conftest import FIXTURES

PAGE = (FIXTURES / "html" / "article_with_residue.html").read_bytes()
CYRILLIC = "<html><body><h1>Новости</h1><p>Это длинный абзац текста о событиях дня, который должен " \
           "остаться читаемым после декодирования страницы в правильной кодировке.</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        count = Handler.hits[self.path]
        if self.path == "/article":
            self.send(200, PAGE)
        elif self.path == "/redirect":
            self.send(302, b"", headers={"Location": "/article"})
        elif self.path == "/loop":
            self.send(302, b"", headers={"Location": "/loop"})
        elif self.path == "/busy":
            if count == 1:
                self.send(429, b"slow down", headers={"Retry-After": "1"})
            else:
                self.send(200, PAGE)
        elif self.path == "/broken":
            self.send(500, b"oops")
        elif self.path == "/slow":
            time.sleep(2)
            self.send(200, PAGE)
        elif self.path == "/huge":
            self.send(200, b"<p>" + b"x" * 3_000_000 + b"</p>")
        elif self.path == "/pdf":
            self.send(200, b"%PDF-1.4 ...", content_type="application/pdf")
        elif self.path == "/drip":
            self.drip(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n", body=True)
        elif self.path == "/drip-headers":
            self.drip(b"HTTP/1.0 200 OK\r\n" + b"X-Slow: " + b"a" * 200, body=False)
        elif self.path == "/short":  # promises more than it sends, then hangs up
            self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
                             + PAGE)
        elif self.path == "/bogus-length":
            self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: abc\r\n\r\n" + PAGE)
        elif self.path == "/backslash":
            port = self.server.server_address[1]
            self.send(302, b"", headers={"Location": f"http://127.0.0.1:{port}\\@example.com/article"})
        elif self.path == "/bad-location":
            self.send(302, b"", headers={"Location": "http://[::1/broken"})
        elif self.path == "/nan-retry":
            if count == 1:
                self.send(503, b"busy", headers={"Retry-After": "nan"})
            else:
                self.send(200, PAGE)
        elif self.path == "/bogus-charset":
            self.send(200, PAGE, content_type="text/html; charset=base64")
        elif self.path == "/robots.txt":
            self.send(200, b"# padding\n" * 200_000 + b"User-agent: *\nDisallow: /\n", content_type="text/plain")
        elif self.path == "/cp1251":
            # the header lies (says latin-1); the page's own meta tag is also missing: detection decides
            self.send(200, CYRILLIC.encode("cp1251"), content_type="text/html")
        else:
            self.send(404, b"not found")


    def drip(self, head: bytes, body: bool) -> None:
        """Headers, then one byte every 0.1 s: each read is well within any read timeout."""
        try:
            self.wfile.write(head)
            for _ in range(300):
                self.wfile.write(b"x" if body else b"a")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up on purpose (size limits, timeouts) are not errors here


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


LOCAL = FetchOptions(allow_private=True, retries=2, backoff=0.05, read_timeout=1.0)


def test_fetch_page(server: str) -> None:
    article = scrubber.fetch(f"{server}/article", options=LOCAL)
    assert article.title == "Port Strike Ends After Nine Days"
    assert len(article.body) == 6


def test_redirect_gives_final_url_and_limit_holds(server: str) -> None:
    article = scrubber.Scrubber().fetch(f"{server}/redirect", options=LOCAL)
    assert article.title == "Port Strike Ends After Nine Days"
    with pytest.raises(FetchError, match="redirects"):
        scrubber.fetch(f"{server}/loop", options=LOCAL)


def test_retry_after_429(server: str) -> None:
    start = time.monotonic()
    article = scrubber.fetch(f"{server}/busy", options=LOCAL)
    assert article.body and time.monotonic() - start >= 0.9


def test_server_errors_and_timeouts(server: str) -> None:
    with pytest.raises(FetchError, match="HTTP 500"):
        scrubber.fetch(f"{server}/broken", options=LOCAL)
    with pytest.raises(scrubber.FetchTimeoutError):
        scrubber.fetch(f"{server}/slow", options=FetchOptions(allow_private=True, retries=0, read_timeout=0.3))


def test_limits_and_content_types(server: str) -> None:
    with pytest.raises(InputTooLargeError):
        scrubber.fetch(f"{server}/huge", options=FetchOptions(allow_private=True, max_bytes=1_000_000))
    with pytest.raises(UnsupportedFormatError, match="application/pdf"):
        scrubber.fetch(f"{server}/pdf", options=LOCAL)


def test_wrong_charset_is_detected(server: str) -> None:
    article = scrubber.fetch(f"{server}/cp1251", options=LOCAL)
    assert "длинный абзац" in article.text


def test_private_addresses_and_schemes_refused(server: str) -> None:
    with pytest.raises(BlockedURLError, match="non-public"):
        scrubber.fetch(f"{server}/article")
    with pytest.raises(BlockedURLError, match="http"):
        scrubber.fetch("file:///etc/passwd")


def test_dripping_server_is_cut_by_the_total_deadline(server: str) -> None:
    options = FetchOptions(allow_private=True, retries=0, read_timeout=1.0, total_timeout=1.5)
    for path in ("/drip", "/drip-headers"):
        start = time.monotonic()
        with pytest.raises(scrubber.FetchTimeoutError, match="time budget"):
            scrubber.fetch(f"{server}{path}", options=options)
        assert time.monotonic() - start < 4


def test_deadline_covers_retry_waits(server: str) -> None:
    options = FetchOptions(allow_private=True, retries=5, backoff=1.0, total_timeout=1.0, connect_timeout=0.2)
    start = time.monotonic()
    with pytest.raises(FetchError):
        scrubber.fetch("http://127.0.0.1:9/", options=options)  # the discard port: refused, retried
    assert time.monotonic() - start < 2


def test_lying_content_length(server: str) -> None:
    with pytest.raises(FetchError, match="reading the body failed"):
        scrubber.fetch(f"{server}/short", options=LOCAL)
    article = scrubber.fetch(f"{server}/bogus-length", options=LOCAL)
    assert article.title == "Port Strike Ends After Nine Days"


def test_backslash_and_credentials_in_the_authority_are_refused(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    before = dict(Handler.hits)
    for url in (f"http://127.0.0.1:{port}\\@example.com/article", f"http://user:pw@127.0.0.1:{port}/article",
                f"http://example.com@127.0.0.1:{port}/article"):
        for options in (LOCAL, FetchOptions(retries=0)):
            with pytest.raises(BlockedURLError):
                scrubber.fetch(url, options=options)
    with pytest.raises(BlockedURLError):
        scrubber.fetch(f"{server}/backslash", options=LOCAL)
    assert Handler.hits.get("/article") == before.get("/article")


def test_malformed_urls_and_answers_are_fetch_errors(server: str) -> None:
    for url in ("http://example.com:99999/", "http://[::1", "http://" + "a" * 64 + ".com/", "http://a..b/",
                "http://\udcff.com/", "http://exa mple.com/", "http:///path", "ftp://example.com/"):
        with pytest.raises(BlockedURLError):
            scrubber.fetch(url, options=FetchOptions(retries=0))
    with pytest.raises(BlockedURLError, match="Location"):
        scrubber.fetch(f"{server}/bad-location", options=LOCAL)
    assert scrubber.fetch(f"{server}/nan-retry", options=LOCAL).body
    assert scrubber.fetch(f"{server}/bogus-charset", options=LOCAL).body
    with pytest.raises(scrubber.InputError):
        scrubber.fetch(123)  # type: ignore[arg-type]


def test_robots_txt_is_read_up_to_the_size_limit(server: str) -> None:
    """A robots.txt over the limit is read up to it: the rule past 1 MB is never seen."""
    options = FetchOptions(allow_private=True, respect_robots=True, max_bytes=1_000_000, retries=0)
    assert scrubber.fetch(f"{server}/article", options=options).body


def test_robots_host_that_refuses_connections() -> None:
    options = FetchOptions(allow_private=True, respect_robots=True, retries=0, connect_timeout=0.5)
    with pytest.raises(FetchError, match="connection failed"):
        scrubber.fetch("http://127.0.0.1:9/page", options=options)


@pytest.fixture
def rebinding(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A resolver stub: ``rebind.test`` answers a public address, then loopback, alternately."""
    real = socket.getaddrinfo
    answers: list[str] = []

    def resolve(host: object, port: object, *args: Any, **kwargs: Any) -> Any:
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)  # type: ignore[arg-type]
        address = "127.0.0.1" if len(answers) % 2 else "93.184.216.34"
        answers.append(address)
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    yield answers


def test_dns_rebinding_cannot_reach_loopback(server: str, rebinding: list[str]) -> None:
    port = server.rsplit(":", 1)[1]
    before = Handler.hits.get("/article")
    options = FetchOptions(retries=0, connect_timeout=0.3)
    with pytest.raises(FetchError):  # the checked public address is the one connected to: unreachable here
        scrubber.fetch(f"http://rebind.test:{port}/article", options=options)
    with pytest.raises(BlockedURLError, match="non-public"):  # the next answer is loopback: refused
        scrubber.fetch(f"http://rebind.test:{port}/article", options=options)
    assert Handler.hits.get("/article") == before
    assert rebinding == ["93.184.216.34", "127.0.0.1"]


def test_nonsense_fetch_options_are_config_errors() -> None:
    for bad in ({"read_timeout": 0}, {"connect_timeout": -1}, {"total_timeout": float("nan")},
                {"max_bytes": float("inf")}, {"retries": -1}, {"user_agent": "a\r\nX-Evil: 1"}):
        with pytest.raises(scrubber.ConfigError):
            FetchOptions(**bad)  # type: ignore[arg-type]


def test_international_host_names_are_fetched(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An IDN host is what both URL parsers agree on once IDNA-encoded: not ambiguous, fetched."""
    real = socket.getaddrinfo
    asked: list[object] = []

    def resolve(host: object, port: object, *args: Any, **kwargs: Any) -> Any:
        asked.append(host)
        return real("127.0.0.1" if host == "xn--bcher-kva.test" else host, port, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    port = server.rsplit(":", 1)[1]
    assert scrubber.fetch(f"http://bücher.test:{port}/article", options=LOCAL).body
    assert "xn--bcher-kva.test" in asked
