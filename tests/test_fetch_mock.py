"""Fetching through a replaceable transport (httpx.MockTransport): no network at all."""

from __future__ import annotations

import gzip

import httpx
import pytest

from factsift.errors import InputTooLargeError, NetworkError, URLRefusedError
from factsift.ingest import addresses, load_article
from factsift.ingest.fetch import PIN_EXTENSION, split_content_type
from factsift.settings import FetchOptions, Options

PUBLIC = "93.184.215.14"
PAGE = (
    "<html><head><title>Lighthouse keeper retires</title></head><body><article>"
    "<h1>Lighthouse keeper retires</h1>"
    "<p>After forty years on Skarv point, the last lighthouse keeper of the coast handed over "
    "the keys on Friday to the coastal authority, which will run the light remotely.</p>"
    "<p>The keeper, Per Haugland, said he would miss the storms more than the calm days.</p>"
    "</article></body></html>"
)
DNS = {"news.example": [PUBLIC], "internal.example": ["10.0.0.5"], "dual.example": [PUBLIC, "::1"]}


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answers from a table instead of the network; records which names were asked."""
    asked: list[str] = []

    def resolve(host: str, port: int, timeout: float) -> list[addresses.IPAddress]:
        asked.append(host)
        if host not in DNS:
            raise NetworkError(f"Could not resolve host {host!r}")
        return [addresses.parse_ip(ip) for ip in DNS[host]]  # type: ignore[misc]

    monkeypatch.setattr(addresses, "resolve_host", resolve)
    return asked


def serve(handler: httpx.MockTransport | None = None) -> tuple[httpx.MockTransport, list[str]]:
    seen: list[str] = []

    def respond(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/moved":
            return httpx.Response(301, headers={"Location": "http://internal.example/secret"})
        if request.url.path == "/gzip":
            body = gzip.compress(PAGE.encode() * 50)
            headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
            return httpx.Response(200, headers=headers, content=body)
        if request.url.path == "/error":
            return httpx.Response(503, text="down")
        return httpx.Response(200, headers={"Content-Type": "text/html"}, text=PAGE)

    return httpx.MockTransport(respond), seen


def test_fetch_mock_public_host_success() -> None:
    transport, seen = serve()
    article = load_article("https://news.example/keeper", Options(), transport=transport)
    assert article.meta.title == "Lighthouse keeper retires"
    assert article.meta.url == "https://news.example/keeper"
    assert seen == ["https://news.example/keeper"]


def test_fetch_mock_request_carries_checked_address() -> None:
    got: list[object] = []

    def respond(request: httpx.Request) -> httpx.Response:
        got.append(request.extensions.get(PIN_EXTENSION))
        return httpx.Response(200, headers={"Content-Type": "text/html"}, text=PAGE)

    load_article("http://news.example/", Options(), transport=httpx.MockTransport(respond))
    assert got == [PUBLIC]


def test_fetch_mock_public_name_resolving_to_private_refused() -> None:
    transport, seen = serve()
    with pytest.raises(URLRefusedError) as err:
        load_article("http://internal.example/page", Options(), transport=transport)
    assert "internal.example resolves to 10.0.0.5" in str(err.value)
    assert seen == []


def test_fetch_mock_one_private_answer_among_public_refused() -> None:
    transport, seen = serve()
    with pytest.raises(URLRefusedError, match="loopback"):
        load_article("http://dual.example/", Options(), transport=transport)
    assert seen == []


def test_fetch_mock_redirect_to_private_name_refused(fake_dns: list[str]) -> None:
    transport, seen = serve()
    with pytest.raises(URLRefusedError, match=r"internal\.example"):
        load_article("http://news.example/moved", Options(), transport=transport)
    assert seen == ["http://news.example/moved"]
    assert fake_dns == ["news.example", "internal.example"]  # checked again on the redirect


def test_fetch_mock_metadata_host_refused_before_dns(fake_dns: list[str]) -> None:
    transport, seen = serve()
    with pytest.raises(URLRefusedError, match="metadata"):
        load_article(
            "http://metadata.google.internal/computeMetadata/v1/", Options(), transport=transport
        )
    assert seen == [] and fake_dns == []


def test_fetch_mock_gzip_body_counted_after_decompression() -> None:
    transport, _ = serve()
    compressed = len(gzip.compress(PAGE.encode() * 50))
    options = Options(fetch=FetchOptions(max_bytes=compressed * 3))
    with pytest.raises(InputTooLargeError):
        load_article("http://news.example/gzip", options, transport=transport)


def test_fetch_mock_http_error_names_url_and_status() -> None:
    transport, _ = serve()
    with pytest.raises(NetworkError, match="503") as err:
        load_article("http://news.example/error", Options(), transport=transport)
    assert "http://news.example/error" in str(err.value)


def test_fetch_mock_connection_error_becomes_network_error() -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection reset", request=request)

    with pytest.raises(NetworkError, match=r"news\.example"):
        load_article("http://news.example/", Options(), transport=httpx.MockTransport(fail))


def test_fetch_mock_unresolvable_host() -> None:
    with pytest.raises(NetworkError, match=r"nowhere\.example"):
        load_article("http://nowhere.example/", Options(), transport=serve()[0])


def test_fetch_mock_invalid_redirect_target() -> None:
    def respond(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://[::1/broken"})

    with pytest.raises(NetworkError, match=r"(?i)location"):
        load_article("http://news.example/", Options(), transport=httpx.MockTransport(respond))


def test_fetch_mock_split_content_type() -> None:
    assert split_content_type('text/HTML; Charset="ISO-8859-1"') == ("text/html", "iso-8859-1")
    assert split_content_type("text/plain") == ("text/plain", None)
    assert split_content_type(None) == (None, None)
