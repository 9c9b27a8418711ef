"""Fetching against a real HTTP server on 127.0.0.1 started by the test."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

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
        elif self.path == "/cp1251":
            # the header lies (says latin-1); the page's own meta tag is also missing: detection decides
            self.send(200, CYRILLIC.encode("cp1251"), content_type="text/html")
        else:
            self.send(404, b"not found")


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
