"""Fetching from hostile servers on 127.0.0.1: broken redirect addresses, dripped answers.

Loopback is let through with ``allow_private=True``, as in test_fetch_server.py.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from factsift.errors import FetchError, NetworkError
from factsift.ingest import load_article
from factsift.settings import FetchOptions, Options

# Location values a server may send that no URL parser accepts as they are. The first is
# the one from issue 20: browsers read the backslashes as slashes.
BAD_LOCATIONS = [
    "http:\\\\127.0.0.1\\x",
    "http://:80/",
    "ftp:x",
    "http://xn--a/",
    "http://xn--/",
    "http://[::1/broken",
    "http://999.1.1.1/",
]
HANG_GUARD_S = 10.0  # far above the 2 s limit: only stops a hung fetch from hanging the suite


class RedirectHandler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        index = int(self.path.strip("/") or 0)
        self.send_response(302)
        self.send_header("Location", BAD_LOCATIONS[index])
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def redirect_base() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), RedirectHandler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def private(timeout: float = 20.0) -> Options:
    return Options(fetch=FetchOptions(allow_private=True, timeout=timeout))


@pytest.mark.parametrize("index", range(len(BAD_LOCATIONS)))
def test_fetch_hostile_server_invalid_location_is_fetch_error(
    redirect_base: str, index: int
) -> None:
    with pytest.raises(FetchError) as err:
        load_article(f"{redirect_base}/{index}", private())
    assert redirect_base in str(err.value)  # names the hop that failed
    assert "\n" not in str(err.value)


def test_fetch_hostile_server_invalid_location_cli_one_line_exit_4(redirect_base: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "factsift", "check", "--no-kb", "--allow-private",
         f"{redirect_base}/0"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 4, done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert done.stderr.startswith("factsift: error: ")


class DripServer:
    """Sends ``head`` at once, then ``dripped`` one byte every ``gap`` seconds.

    It stops when the client hangs up or the test ends.
    """

    def __init__(self, head: bytes, dripped: bytes, gap: float = 0.5) -> None:
        self.head, self.dripped, self.gap = head, dripped, gap
        self.stop = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)  # the request
                conn.sendall(self.head)
                for byte in self.dripped:
                    if self.stop.wait(self.gap):
                        return
                    conn.sendall(bytes([byte]))
            except OSError:
                return  # the client gave up: what the tests want

    def close(self) -> None:
        self.stop.set()
        self.listener.close()


@pytest.fixture()
def drip() -> Iterator[Callable[..., DripServer]]:
    servers: list[DripServer] = []

    def start(head: bytes, dripped: bytes, gap: float = 0.5) -> DripServer:
        server = DripServer(head, dripped, gap)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def fetch_in_thread(url: str, timeout: float) -> BaseException | None:
    """What fetching ``url`` raised, or ``None``; fails the test if it is still running."""
    outcome: list[BaseException | None] = []

    def work() -> None:
        try:
            load_article(url, private(timeout=timeout))
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(HANG_GUARD_S)
    assert not worker.is_alive(), f"the fetch with --timeout {timeout} was still running"
    return outcome[0]


# 60 bytes at 2 per second: 30 s of dripping before the headers end.
DRIPPED_HEADERS = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Drip: " + b"a" * 13 + b"\r\n\r\n"
)


def test_fetch_hostile_server_dripped_status_line_and_headers_time_out(
    drip: Callable[..., DripServer],
) -> None:
    server = drip(b"", DRIPPED_HEADERS)
    url = f"http://127.0.0.1:{server.port}/story"
    raised = fetch_in_thread(url, timeout=2)
    assert isinstance(raised, NetworkError), raised
    assert url in str(raised) and "--timeout" in str(raised)


def test_fetch_hostile_server_dripped_body_times_out(
    drip: Callable[..., DripServer],
) -> None:
    body = b"word " * 12
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % len(body)
    server = drip(head, body)
    url = f"http://127.0.0.1:{server.port}/story"
    raised = fetch_in_thread(url, timeout=2)
    assert isinstance(raised, NetworkError), raised
    assert url in str(raised) and "--timeout" in str(raised)


def test_fetch_hostile_server_deadline_spans_redirects(drip: Callable[..., DripServer]) -> None:
    """A redirect that takes most of the time leaves only the rest for the next hop."""
    # 120 bytes, 0.2 s apart: each well within the 0.8 s a fresh read would get; 24 s in all.
    headers = DRIPPED_HEADERS.replace(b"X-Drip: ", b"X-Drip: " + b"b" * 53)
    slow_target = drip(b"", headers, 0.2)
    location = f"http://127.0.0.1:{slow_target.port}/next"
    redirect = f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n"
    first = drip(b"", redirect.encode(), 1.2 / len(redirect))  # about 1.2 s of the 2 s
    raised = fetch_in_thread(f"http://127.0.0.1:{first.port}/story", timeout=2)
    assert isinstance(raised, NetworkError), raised
    assert "--timeout" in str(raised)
