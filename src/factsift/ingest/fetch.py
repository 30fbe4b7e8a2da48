"""Fetch one article URL safely: checked addresses, pinned connections, hard limits.

Redirects are followed here, one hop at a time, so every hop's scheme and addresses are
checked before connecting. The default transport connects to the address that was checked
(the Host header and TLS server name keep the host name), so a DNS answer that changes
between check and connect (DNS rebinding) cannot redirect the connection. A transport
given by the caller (``httpx.MockTransport`` in tests, a proxy) is used as is: addresses
are still checked, but the connection is then up to that transport.

One deadline, set when the fetch starts, bounds all of it: DNS, connecting, the status
line, headers and every body chunk, across redirects (see ``deadline.py``).
"""

from __future__ import annotations

import ssl
import time
from dataclasses import dataclass

import httpcore
import httpx

from factsift.errors import (
    BinaryInputError,
    InputError,
    InputTooLargeError,
    NetworkError,
    URLRefusedError,
)
from factsift.ingest import addresses
from factsift.ingest.deadline import DeadlineBackend, fetch_deadline
from factsift.settings import FetchOptions

ALLOWED_SCHEMES = frozenset({"http", "https"})
ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
# Non-binary types that are still not articles (a feed or an API answer, say).
_TEXTUAL_PREFIXES = ("text/", "application/json", "application/xml", "application/ld+json")
PIN_EXTENSION = "factsift.connect_ip"
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded page, before decoding."""

    body: bytes
    url: str  # as given
    final_url: str  # after redirects
    media_type: str | None  # "text/html", ... or None when the server sent none
    charset: str | None  # from the Content-Type header


class PinnedTransport(httpx.BaseTransport):
    """Connects to the IP address the fetch checked, keeping the host name for Host and TLS."""

    def __init__(self, verify: ssl.SSLContext | bool = True) -> None:
        self._inner = httpx.HTTPTransport(verify=verify)
        # httpx takes no network backend, so its (still unused) connection pool is swapped
        # for one over DeadlineBackend: no connect, read or write outlasts the deadline.
        # test_fetch_hostile_server.py fails if a new httpx stops using ``_pool``.
        self._inner._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify),
            network_backend=DeadlineBackend(),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        ip = request.extensions.get(PIN_EXTENSION)
        if isinstance(ip, str):
            request = httpx.Request(
                request.method,
                request.url.copy_with(host=ip),
                headers=request.headers,  # keeps the original Host header
                stream=request.stream,
                extensions={**request.extensions, "sni_hostname": request.url.host},
            )
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def parse_http_url(url: str) -> httpx.URL:
    """The URL, if it is a well-formed http(s) URL with a host; ``URLRefusedError`` otherwise."""
    try:
        parsed = httpx.URL(url)
        host = parsed.host  # decodes an IDNA host, which can fail ("xn--a"): a ValueError
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise URLRefusedError(f"{url!r} is not a valid URL ({exc}). Give an http(s) URL.") from exc
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise URLRefusedError(
            f"Refused to fetch {url}: scheme {parsed.scheme or '(none)'!r} is not allowed. "
            "Only http and https URLs are fetched; save other documents to a file first."
        )
    if not host:
        raise URLRefusedError(f"Refused to fetch {url}: the URL has no host name.")
    return parsed


def split_content_type(header: str | None) -> tuple[str | None, str | None]:
    """Media type and charset of a Content-Type header, both lower case."""
    if not header:
        return None, None
    parts = [part.strip() for part in header.split(";")]
    media_type = parts[0].lower() or None
    charset = None
    for param in parts[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media_type, charset


def fetch_url(
    url: str, options: FetchOptions, *, transport: httpx.BaseTransport | None = None
) -> Fetched:
    """Download ``url`` within the limits of ``options``, following redirects one by one."""
    deadline = time.monotonic() + options.timeout
    own = transport is None
    client = httpx.Client(
        transport=PinnedTransport() if transport is None else transport,
        follow_redirects=False,
        trust_env=False,  # an environment proxy would bypass the address checks
        headers={"User-Agent": options.user_agent, "Accept": _ACCEPT},
    )
    try:
        with fetch_deadline(deadline):
            return _follow(client, url, options, deadline)
    finally:
        if own:
            client.close()


def _follow(client: httpx.Client, url: str, options: FetchOptions, deadline: float) -> Fetched:
    """Fetch ``url``, checking and following one redirect hop at a time."""
    current = parse_http_url(url)
    for _hop in range(options.max_redirects + 1):
        ip = _checked_address(current, options, deadline)
        location, fetched = _get_once(client, url, current, ip, options, deadline)
        if fetched is not None:
            return fetched
        current = parse_http_url(_redirect_target(current, location or ""))
    raise NetworkError(
        f"Too many redirects fetching {url}: stopped after {options.max_redirects}. "
        "Check the URL in a browser, or raise the limit with --max-redirects."
    )


def _redirect_target(current: httpx.URL, location: str) -> str:
    try:
        return str(current.join(location))
    except httpx.InvalidURL as exc:
        raise NetworkError(
            f"{current} redirects to an invalid address {location[:200]!r}. Check the URL in a "
            "browser, or save the page and check the file."
        ) from exc


def _remaining(deadline: float, url: str, timeout: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _timed_out(url, timeout)
    return left


def _timed_out(url: str, timeout: float) -> NetworkError:
    return NetworkError(
        f"Fetching {url} timed out after {timeout:g} s. Try again later, or raise the limit "
        "with --timeout."
    )


def _checked_address(current: httpx.URL, options: FetchOptions, deadline: float) -> str:
    """Resolve the URL's host, check every address, and return the one to connect to."""
    host = current.host
    addresses.check_name(host, str(current))
    literal = addresses.parse_ip(host)
    if literal is not None:
        resolved = [literal]
    else:
        port = current.port or (443 if current.scheme == "https" else 80)
        left = _remaining(deadline, str(current), options.timeout)
        resolved = addresses.resolve_host(host, port, left)
    addresses.check_host(host, resolved, str(current), allow_private=options.allow_private)
    return str(resolved[0])


def _get_once(
    client: httpx.Client,
    given: str,
    current: httpx.URL,
    ip: str,
    options: FetchOptions,
    deadline: float,
) -> tuple[str | None, Fetched | None]:
    """One request: a redirect target, or the fetched page."""
    shown = str(current)
    left = _remaining(deadline, shown, options.timeout)
    request = client.build_request(
        "GET", current, timeout=httpx.Timeout(left), extensions={PIN_EXTENSION: ip}
    )
    try:
        response = _send(client, request, shown)
        try:
            if response.is_redirect:
                return response.headers["location"], None
            if response.status_code >= 400:
                raise NetworkError(
                    f"Fetching {shown} failed: HTTP {response.status_code} "
                    f"{response.reason_phrase}. Check the URL, or save the page from a browser "
                    "and check the file."
                )
            media_type, charset = split_content_type(response.headers.get("content-type"))
            _check_media_type(shown, media_type)
            body = _read_limited(response, shown, options, deadline)
        finally:
            response.close()
    except httpx.TimeoutException as exc:
        raise _timed_out(shown, options.timeout) from exc
    except httpx.HTTPError as exc:
        raise NetworkError(
            f"Fetching {shown} failed: {type(exc).__name__}: {exc or 'connection error'}. "
            "Check the URL and your network connection."
        ) from exc
    return None, Fetched(body, given, shown, media_type, charset)


def _send(client: httpx.Client, request: httpx.Request, url: str) -> httpx.Response:
    """Send one request; a Location header no URL parser accepts becomes a ``NetworkError``.

    httpx parses the Location of every redirect answer, even when it does not follow it,
    and raises ``InvalidURL`` (not an ``HTTPError``) or an IDNA ``UnicodeError`` from there.
    """
    try:
        return client.send(request, stream=True)
    except (httpx.InvalidURL, UnicodeError) as exc:
        raise NetworkError(
            f"Fetching {url} failed: the server redirects to an invalid address ({exc}). "
            "Check the URL in a browser, or save the page and check the file."
        ) from exc


def _check_media_type(url: str, media_type: str | None) -> None:
    if media_type is None or media_type in ARTICLE_TYPES:
        return
    fix = "factsift checks HTML pages and plain text; give the article's page instead."
    if media_type.startswith(_TEXTUAL_PREFIXES):
        raise InputError(f"{url} is {media_type}, not an article page. {fix}")
    raise BinaryInputError(f"{url} is {media_type} (binary), not an article page. {fix}")


def _read_limited(
    response: httpx.Response, url: str, options: FetchOptions, deadline: float
) -> bytes:
    """The decoded body, stopping as soon as it passes ``max_bytes`` or the deadline."""
    limit = options.max_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(url, limit, f"the server announces {int(declared)} bytes")
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > limit:
            raise _too_large(url, limit, "the download passed it")
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise _timed_out(url, options.timeout)
    return b"".join(chunks)


def _too_large(url: str, limit: int, why: str) -> InputTooLargeError:
    return InputTooLargeError(
        f"{url} is larger than the limit of {limit} bytes ({why}). Raise the limit with "
        "--max-bytes if the page is really an article."
    )
