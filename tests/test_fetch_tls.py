"""HTTPS through the pinned transport: connect to the checked address, verify the name."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from factsift.errors import NetworkError
from factsift.ingest import addresses, load_article
from factsift.ingest.fetch import PinnedTransport
from factsift.settings import FetchOptions, Options

PAGE = (Path(__file__).parent / "fixtures" / "ingest" / "article.html").read_bytes()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """An HTTPS server on 127.0.0.1 whose self-signed certificate names news.example."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", "/CN=news.example", "-addext", "subjectAltName=DNS:news.example"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1], cert
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    def resolve(host: str, port: int, timeout: float) -> list[addresses.IPAddress]:
        return [addresses.parse_ip("127.0.0.1")]  # type: ignore[list-item]

    monkeypatch.setattr(addresses, "resolve_host", resolve)


def client_context(cert: Path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(cert))


def test_fetch_tls_pinned_connection_verifies_host_name(tls_server: tuple[int, Path]) -> None:
    port, cert = tls_server
    options = Options(fetch=FetchOptions(allow_private=True))
    transport = PinnedTransport(verify=client_context(cert))
    article = load_article(f"https://news.example:{port}/story", options, transport=transport)
    assert article.meta.title == "Council approves footbridge over the Lark"
    assert article.source.final_url == f"https://news.example:{port}/story"


def test_fetch_tls_certificate_for_another_name_fails(tls_server: tuple[int, Path]) -> None:
    port, cert = tls_server
    options = Options(fetch=FetchOptions(allow_private=True))
    transport = PinnedTransport(verify=client_context(cert))
    with pytest.raises(NetworkError, match=r"other\.example") as err:
        load_article(f"https://other.example:{port}/story", options, transport=transport)
    assert "CERTIFICATE_VERIFY_FAILED" in str(err.value) or "match" in str(err.value)
