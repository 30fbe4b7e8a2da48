"""Fetching from a real HTTP server started by the test on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from factsift.errors import (
    BinaryInputError,
    InputError,
    InputTooLargeError,
    NetworkError,
    URLRefusedError,
)
from factsift.ingest import addresses, load_article
from factsift.ingest.fetch import PinnedTransport
from factsift.settings import FetchOptions, Options

PAGE = (Path(__file__).parent / "fixtures" / "ingest" / "article.html").read_bytes()
BIG = b"<p>" + b"word " * 40_000 + b"</p>"


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    hits: list[tuple[str, str | None]]


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        self.server.hits.append((self.path, self.headers.get("Host")))
        url = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        if url.path == "/article":
            self._send(200, "text/html; charset=utf-8", PAGE)
        elif url.path == "/text":
            self._send(
                200, "text/plain", b"Tide tables change\n\nBy Ola Nordmann\n\nHigh tide at six."
            )
        elif url.path.startswith("/loop/"):
            hop = int(url.path.rsplit("/", 1)[1])
            if hop >= int(query.get("stop", "1000")):
                self._send(200, "text/html", PAGE)
            else:
                self._redirect(f"/loop/{hop + 1}?stop={query.get('stop', '1000')}")
        elif url.path == "/redirect":
            self._redirect(query["to"])
        elif url.path == "/big":
            self._send(200, "text/html", BIG)
        elif url.path == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the body ends when the connection closes
            for start in range(0, len(BIG), 8192):
                self.wfile.write(BIG[start : start + 8192])
        elif url.path == "/slow":
            time.sleep(3)
            self._send(200, "text/html", PAGE)
        elif url.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b"word ")
                self.wfile.flush()
                time.sleep(0.1)
        elif url.path == "/image":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        elif url.path == "/json":
            self._send(200, "application/json", b'{"headline": "not a page"}')
        else:
            self._send(404, "text/html", b"<h1>Not found</h1>")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.hits = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def base(server: Server) -> str:
    server.hits.clear()
    return f"http://127.0.0.1:{server.server_address[1]}"


def private(**limits: float) -> Options:
    return Options(fetch=FetchOptions(allow_private=True, **limits))  # type: ignore[arg-type]


def test_fetch_server_success_with_allow_private(base: str) -> None:
    article = load_article(f"{base}/article", private())
    assert article.meta.title == "Council approves footbridge over the Lark"
    assert article.source.kind == "url"
    assert article.source.location == f"{base}/article"
    assert article.source.final_url == f"{base}/article"
    assert article.source.content_type == "text/html"
    assert article.source.bytes_read == len(PAGE)
    # The address fetched wins over the page's own canonical URL, which is kept aside.
    assert article.meta.url == f"{base}/article"
    assert article.extras["ingest"]["page_url"].startswith("https://gazette.example/")


def test_fetch_server_plain_text(base: str) -> None:
    article = load_article(f"{base}/text", private())
    assert article.source.content_type == "text/plain"
    assert article.meta.authors == ["Ola Nordmann"]
    assert article.meta.url == f"{base}/text"


def test_fetch_server_loopback_refused_without_allow_private(server: Server, base: str) -> None:
    with pytest.raises(URLRefusedError) as err:
        load_article(f"{base}/article", Options())
    assert "127.0.0.1" in str(err.value) and "loopback" in str(err.value)
    assert server.hits == []  # refused before connecting


def test_fetch_server_redirect_to_loopback_refused(
    server: Server, base: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A public page that redirects to the local server is stopped at the redirect."""

    def public(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": f"{base}/article"})

    real = PinnedTransport()

    class Router(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.host == "news.example":
                return httpx.MockTransport(public).handle_request(request)
            return real.handle_request(request)

    def resolve(host: str, port: int, timeout: float) -> list[addresses.IPAddress]:
        return [addresses.parse_ip("93.184.215.14")]  # type: ignore[list-item]

    monkeypatch.setattr(addresses, "resolve_host", resolve)
    with pytest.raises(URLRefusedError, match=r"127\.0\.0\.1"):
        load_article("http://news.example/story", Options(), transport=Router())
    assert server.hits == []


def test_fetch_server_redirect_to_metadata_refused_even_when_private_allowed(base: str) -> None:
    target = "http://169.254.169.254/latest/meta-data/"
    with pytest.raises(URLRefusedError, match="metadata"):
        load_article(f"{base}/redirect?to={target}", private())


def test_fetch_server_redirect_to_other_scheme_refused(base: str) -> None:
    with pytest.raises(URLRefusedError, match="scheme"):
        load_article(f"{base}/redirect?to=file:///etc/passwd", private())


def test_fetch_server_redirects_followed_within_limit(base: str) -> None:
    article = load_article(f"{base}/loop/0?stop=3", private(max_redirects=3))
    assert article.source.final_url == f"{base}/loop/3?stop=3"
    assert article.source.location == f"{base}/loop/0?stop=3"


def test_fetch_server_redirect_limit(server: Server, base: str) -> None:
    with pytest.raises(NetworkError, match=r"(?i)too many redirects"):
        load_article(f"{base}/loop/0", private(max_redirects=2))
    assert len(server.hits) == 3  # the first request and two redirects, no more


@pytest.mark.parametrize("path", ["/big", "/big-chunked"])
def test_fetch_server_size_limit(base: str, path: str) -> None:
    with pytest.raises(InputTooLargeError) as err:
        load_article(f"{base}{path}", private(max_bytes=50_000))
    assert path in str(err.value) and "--max-bytes" in str(err.value)


def test_fetch_server_slow_response_times_out(base: str) -> None:
    # /slow answers after 3 s: the fetch succeeds unless the 0.5 s limit cuts it off.
    with pytest.raises(NetworkError, match="timed out"):
        load_article(f"{base}/slow", private(timeout=0.5))


def test_fetch_server_trickling_body_hits_total_time_limit(base: str) -> None:
    # /trickle sends a chunk every 0.1 s for 3 s: no single read waits 0.6 s, so only a
    # limit on the whole fetch raises.
    with pytest.raises(NetworkError, match="timed out"):
        load_article(f"{base}/trickle", private(timeout=0.6))


def test_fetch_server_binary_content_type_refused(base: str) -> None:
    with pytest.raises(BinaryInputError, match="image/png"):
        load_article(f"{base}/image", private())


def test_fetch_server_other_text_type_refused(base: str) -> None:
    with pytest.raises(InputError, match="application/json") as err:
        load_article(f"{base}/json", private())
    assert not isinstance(err.value, BinaryInputError)


def test_fetch_server_404(base: str) -> None:
    with pytest.raises(NetworkError) as err:
        load_article(f"{base}/gone", private())
    assert "404" in str(err.value) and f"{base}/gone" in str(err.value)


def test_fetch_server_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again before the fetch: nothing listens
    with pytest.raises(NetworkError, match=f"127.0.0.1:{port}"):
        load_article(f"http://127.0.0.1:{port}/", private())


def test_fetch_server_connection_pinned_to_checked_address(
    server: Server, base: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name is resolved once; the connection goes to that address with the name as Host."""
    calls: list[str] = []

    def resolve(host: str, port: int, timeout: float) -> list[addresses.IPAddress]:
        calls.append(host)
        return [addresses.parse_ip("127.0.0.1")]  # type: ignore[list-item]

    monkeypatch.setattr(addresses, "resolve_host", resolve)
    port = server.server_address[1]
    article = load_article(f"http://news.example:{port}/article", private())
    assert article.meta.title == "Council approves footbridge over the Lark"
    assert calls == ["news.example"]
    assert server.hits == [("/article", f"news.example:{port}")]
