"""A hostile web server on 127.0.0.1 for the fetch cases: odd redirects, dripping answers,
lying headers. Cases reach it with ``--allow-private``; the SSRF cases reach for it without
that flag and must be refused before any request arrives (``requested`` tells).
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

ARTICLE = (
    b"<html><head><title>Tide tables change</title></head><body><article>"
    b"<h1>Tide tables change</h1><p>By Ola Nordmann</p>"
    b"<p>The harbour office said on Monday that high tide will come at six in the morning "
    b"for the rest of the month, an hour later than printed in the almanac.</p>"
    b"<p>Fishermen said the change would cost them a day of work each week.</p>"
    b"</article></body></html>"
)
DRIP_SECONDS = 1.0  # one byte per second: a read timeout alone never fires


class HostileServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.paths: list[str] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up mid-answer are what the cases do on purpose: no report."""

    def requested(self, prefix: str) -> bool:
        """Whether any request for a path starting with ``prefix`` arrived."""
        with self.lock:
            return any(path.startswith(prefix) for path in self.paths)


class _Handler(BaseHTTPRequestHandler):
    server: HostileServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the bench prints its own table."""

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.paths.append(self.path)
        url = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        route = ROUTES.get(url.path)
        if route is None:
            self._send(200, "text/html; charset=utf-8", ARTICLE)
        else:
            route(self, query)

    # -- helpers ------------------------------------------------------------------------
    def _send(self, status: int, content_type: str | None, body: bytes) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _raw(self, data: bytes) -> None:
        """Bytes as they are, no status line added; then close."""
        self.close_connection = True
        self.wfile.write(data)
        self.wfile.flush()

    def _drip(self, data: bytes) -> None:
        self.close_connection = True
        for byte in data:
            if self.server.stopping.is_set():
                return
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return
            time.sleep(DRIP_SECONDS)


def _redirect(handler: _Handler, query: dict[str, str]) -> None:
    """302 to ``?to=`` as given (percent-decoded); ``?raw=`` puts its bytes unencoded."""
    target = query.get("to", "")
    handler.close_connection = True
    handler.wfile.write(b"HTTP/1.1 302 Found\r\nContent-Length: 0\r\nLocation: ")
    handler.wfile.write(target.encode("utf-8", "surrogateescape") + b"\r\n\r\n")
    handler.wfile.flush()


def _drip_headers(handler: _Handler, query: dict[str, str]) -> None:
    handler._drip(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + ARTICLE)


def _drip_body(handler: _Handler, query: dict[str, str]) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n"
    handler.wfile.write(head)
    handler._drip(ARTICLE)


def _stall(handler: _Handler, query: dict[str, str]) -> None:
    """Accept, then say nothing until the client gives up."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not handler.server.stopping.is_set():
        time.sleep(0.1)


def _header(handler: _Handler, query: dict[str, str]) -> None:
    """200 with a Content-Type given in ``?type=`` (raw bytes allowed)."""
    value = unquote(query.get("type", "text/html"), errors="surrogateescape")
    raw = value.encode("utf-8", "surrogateescape")
    handler._raw(
        b"HTTP/1.1 200 OK\r\nContent-Type: "
        + raw
        + b"\r\nContent-Length: "
        + str(len(ARTICLE)).encode()
        + b"\r\n\r\n"
        + ARTICLE
    )


def _gzip_bomb(handler: _Handler, query: dict[str, str]) -> None:
    body = gzip.compress(b"\0" * (64 << 20), compresslevel=9)
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Encoding", "gzip")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _fixed(data: bytes) -> Callable[[_Handler, dict[str, str]], None]:
    def route(handler: _Handler, query: dict[str, str]) -> None:
        handler._raw(data)

    return route


def _body(content_type: str, data: bytes) -> Callable[[_Handler, dict[str, str]], None]:
    def route(handler: _Handler, query: dict[str, str]) -> None:
        handler._send(200, content_type, data)

    return route


ROUTES: dict[str, Callable[[_Handler, dict[str, str]], None]] = {
    "/redirect": _redirect,
    "/drip-headers": _drip_headers,
    "/drip-body": _drip_body,
    "/stall": _stall,
    "/header": _header,
    "/gzip-bomb": _gzip_bomb,
    "/bad-gzip": _fixed(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
        b"Content-Length: 12\r\n\r\nnot gzip!!!!"
    ),
    "/length-too-long": _fixed(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n" + ARTICLE
    ),
    "/length-too-short": _fixed(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10\r\n\r\n" + ARTICLE
    ),
    "/length-twice": _fixed(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10\r\n"
        b"Content-Length: 20\r\n\r\n" + ARTICLE
    ),
    "/bad-chunks": _fixed(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"zz\r\nhello\r\n0\r\n\r\n"
    ),
    "/http09": _fixed(b"<html><body><p>no status line at all</p></body></html>"),
    "/bad-status": _fixed(b"HTTP/1.1 999999 Odd\r\nContent-Length: 0\r\n\r\n"),
    "/huge-header": _fixed(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n"
    ),
    "/close": _fixed(b""),
    "/empty": _body("text/html", b""),
    "/binary": _body("image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
    "/json": _body("application/json", b'{"not": "an article"}'),
    "/no-type": _fixed(
        b"HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n<p>no content type, short body.</p>\n\n\n"
    ),
    "/utf16-undeclared": _body(
        "text/plain", "Tide tables change\n\nHigh tide at six.".encode("utf-16-le")
    ),
    "/nul-body": _body("text/html", b"<p>NUL\0inside</p>" * 100),
    "/error-500": _fixed(b"HTTP/1.1 500 Oops\r\nContent-Length: 4\r\n\r\noops"),
}


@contextmanager
def running() -> Iterator[HostileServer]:
    """The server on a free port, in a thread, for the duration of the block."""
    server = HostileServer()
    thread = threading.Thread(target=server.serve_forever, name="hostile server", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
