"""Hostile bytes: encodings, markup, JSON, CSV, WARC and URL forms that break readers.

Every builder is deterministic. The families take a valid sample and spoil it in one way
each, so one family serves every reader of that format: ``text_variants`` for any text file,
``json_variants`` for JSON, ``table_variants`` for CSV/TSV, ``warc_variants`` for WARC
archives. Families return ``{name: build}`` with ``build()`` giving the bytes, so listing
hundreds of cases costs nothing until one runs.
"""

from __future__ import annotations

import gzip
import json
import random
import zlib
from collections.abc import Callable
from functools import partial
from typing import Any

Build = Callable[[], bytes]  # payloads are built when a case writes them, not when listed

ARTICLE = (
    "Tide tables change\n\n"
    "By Ola Nordmann\n\n"
    "The harbour office said on Monday that high tide will come at six in the morning for "
    "the rest of the month, an hour later than printed in the almanac. Fishermen said the "
    "change would cost them 5 percent of their catch.\n"
)
BIDI = "\u202e\u2066\u200b\u200f\u2060\ufeff"  # RLO, LRI, ZWSP, RLM, WJ, ZWNBSP
ANSI = "\x1b[2J\x1b]0;pwned\x07\x1b[31m"  # clear screen, set window title, red
WORDS = (
    "the", "minister", "said", "that", "economy", "grew", "by", "five", "percent", "in", "last",
    "year", "while", "critics", "city", "argued", "figures", "were", "wrong", "and", "harbour",
    "office", "disagreed",
)  # fmt: skip


# -- plain text and encodings ----------------------------------------------------------
def text_variants(valid: bytes) -> dict[str, Build]:
    """One spoiled copy of ``valid`` (UTF-8 text or markup) per way of spoiling text."""
    text = valid.decode("utf-8")
    half = len(valid) // 2
    return {
        "empty": lambda: b"",
        "whitespace-only": lambda: b" \n\t\r\n \x0c  \n",
        "bom-utf8": lambda: b"\xef\xbb\xbf" + valid,
        "bom-utf16le": lambda: b"\xff\xfe" + text.encode("utf-16-le"),
        "bom-utf16be": lambda: b"\xfe\xff" + text.encode("utf-16-be"),
        "bom-utf32le": lambda: b"\xff\xfe\x00\x00" + text.encode("utf-32-le"),
        "bom-utf32be": lambda: b"\x00\x00\xfe\xff" + text.encode("utf-32-be"),
        "bom-only": lambda: b"\xef\xbb\xbf",
        "bom-utf16-odd-length": lambda: b"\xff\xfe" + text.encode("utf-16-le") + b"\x00",
        "utf16-no-bom": lambda: text.encode("utf-16-le"),
        "mixed-encodings": lambda: mixed_encodings(valid),
        "nul-early": lambda: valid[:half] + b"\x00" + valid[half:],
        "nul-late": lambda: valid + b"\n" + b"x" * 9000 + b"\x00\x00 tail\n",
        "invalid-utf8": lambda: valid.replace(b"a", b"\xe9\xff", 3),
        "overlong-utf8": lambda: valid + b"\xc0\xaf\xe0\x80\xaf\xf0\x80\x80\xaf\n",
        "cesu-surrogates": lambda: valid + b"\xed\xa0\x80\xed\xb0\x80\n",
        "binary-junk": lambda: bytes(random.Random(7).randrange(256) for _ in range(4096)),
        "control-chars": lambda: valid + ANSI.encode() + b"\x01\x02\x7f\n",
        "single-line-1e6": lambda: b"a" * 1_000_000,
        "crlf-cr-mix": lambda: valid.replace(b"\n", b"\r") + b"\r\n\r\n\n\r",
    }


def mixed_encodings(valid: bytes) -> bytes:
    """UTF-8, windows-1252, Shift-JIS and UTF-16 pieces in one file."""
    return (
        valid
        + "Caf\u00e9 cr\u00e8me \u201cquoted\u201d\n".encode("cp1252")
        + "\u65e5\u672c\u8a9e\u306e\u6587\n".encode("shift_jis")
        + "caf\u00e9 in UTF-8 again\n".encode()
        + "wide".encode("utf-16-le")
        + b"\n"
    )


def bidi_article() -> bytes:
    """Bidi overrides and zero-width characters in the headline and the byline (D5)."""
    return (
        f"Minister \u202eslaw\u202c resigns{BIDI} today\n\n"
        f"By Ola \u2066Nord\u200bmann\n\n" + ARTICLE.split("\n\n", 2)[2]
    ).encode()


def ansi_article() -> bytes:
    """Terminal escape sequences in the headline."""
    return (f"Tide tables {ANSI}change\n\n" + ARTICLE.split("\n\n", 1)[1]).encode()


def huge_text(size: int) -> bytes:
    """An article of ``size`` bytes of plausible sentences (D3)."""
    rng = random.Random(3)
    parts = ["Harbour report\n\n"]
    total = len(parts[0])
    while total < size:
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25)))
        sentence = words[0].upper() + words[1:] + ". "
        if rng.random() < 0.1:
            sentence += "\n\n"
        parts.append(sentence)
        total += len(sentence)
    return "".join(parts).encode()[:size]


# -- HTML ------------------------------------------------------------------------------
def html_page(body: str, head: str = "", title: str = "Tide tables change") -> bytes:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>{head}"
        f"</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode("utf-8", "surrogatepass")


ARTICLE_BODY = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])


def html_variants() -> dict[str, Build]:
    """Markup that strains the HTML extractor."""
    deep = 100_000
    return {
        "huge-attribute": lambda: html_page(
            f"<div data-x='{'A' * 1_000_000}'>" + ARTICLE_BODY + "</div>"
        ),
        "deep-nesting": lambda: html_page("<div>" * deep + ARTICLE_BODY + "</div>" * deep),
        "deep-unclosed": lambda: html_page("<span><b><i>" * 30_000 + ARTICLE_BODY),
        "many-tags": lambda: html_page(ARTICLE_BODY + "<p>x</p>" * 100_000),
        "many-br": lambda: html_page(ARTICLE_BODY + "<br>" * 100_000),
        "unclosed-comment": lambda: html_page(ARTICLE_BODY + "<!-- never closed " + "x" * 1000),
        "unclosed-script": lambda: html_page("<script>var a = '" + "x" * 10_000 + ARTICLE_BODY),
        "cdata-and-pi": lambda: html_page("<![CDATA[ ]]> <?php echo 1; ?>" + ARTICLE_BODY),
        "only-tags": lambda: (
            b"<html><head></head><body>" + b"<div></div>" * 1000 + b"</body></html>"
        ),
        "angle-garbage": lambda: b"<<<<>>>><</</<!<?<html" * 5000,
        "entities": lambda: html_page(
            ARTICLE_BODY + "<p>&#0; &#xD800; &#x110000; &#99999999999; &bogus;</p>"
        ),
        "bidi-title": lambda: html_page(
            ARTICLE_BODY,
            head=f"<meta property='og:site_name' content='Harbour{BIDI} News'>",
            title=f"Tide \u202etables\u202c change{BIDI}",
        ),
        "ansi-title": lambda: html_page(ARTICLE_BODY, title=f"Tide {ANSI} change"),
        **{f"meta-charset-{label}": partial(meta_charset, label) for label in CHARSET_LABELS},
        "xml-encoding-undefined": lambda: (
            b"<?xml version='1.0' encoding='undefined'?><html><body>"
            + ARTICLE_BODY.encode()
            + b"\xe9</body></html>"
        ),
    }


# Labels that Python's codecs know but that are not text encodings, or that fail oddly.
CHARSET_LABELS = ("undefined", "idna", "punycode", "utf-7", "rot13", "base64", "x-unknown")


def meta_charset(label: str) -> bytes:
    return (
        f"<html><head><meta charset='{label}'><title>Tide</title></head><body>"
        f"{ARTICLE_BODY}<p>caf\u00e9</p></body></html>"
    ).encode("cp1252")


def jsonld_page(*blocks: str, body: str = ARTICLE_BODY) -> bytes:
    scripts = "".join(f'<script type="application/ld+json">{b}</script>' for b in blocks)
    return html_page(body, head=scripts)


# -- JSON --------------------------------------------------------------------------------
def deep_json(depth: int = 100_000) -> bytes:
    """Arrays nested ``depth`` deep (D8)."""
    return b"[" * depth + b"]" * depth


def deep_object(depth: int = 100_000) -> bytes:
    return b'{"a":' * depth + b"1" + b"}" * depth


def json_variants(valid: Any) -> dict[str, Build]:
    """One spoiled copy of the JSON value ``valid`` per way of spoiling JSON."""
    text = json.dumps(valid, ensure_ascii=False)
    return {
        "empty": lambda: b"",
        "whitespace-only": lambda: b"  \n\t ",
        "truncated": lambda: text.encode()[: len(text) // 2],
        "trailing-garbage": lambda: text.encode() + b" }}]] garbage",
        "deep-array": lambda: deep_json(),
        "deep-object": lambda: deep_object(),
        "huge-integer": lambda: _append(text, "1" * 5000),
        "lone-surrogate": lambda: json.dumps(with_surrogates(valid)).encode(),
        "nan-infinity": lambda: b"[NaN, Infinity, -Infinity, 1e400]",
        "bom-utf16": lambda: b"\xff\xfe" + text.encode("utf-16-le"),
        "invalid-utf8": lambda: text.encode().replace(b"e", b"\xff", 2),
        "nul-bytes": lambda: text.encode().replace(b" ", b"\x00", 3),
        "top-level-string": lambda: b'"just a string"',
        "top-level-null": lambda: b"null",
        "top-level-number": lambda: b"42",
        "nested-empty": lambda: b"[[[[]]], {}, [{}], null]",
    }


def _append(text: str, member: str) -> bytes:
    """``text`` (a JSON object or list) with one more member, written as given."""
    if text.startswith("{"):
        return (text[:-1] + f', "zz": {member}}}').encode()
    if text.startswith("["):
        return (text[:-1] + f", {member}]").encode()
    return f"[{text}, {member}]".encode()


def with_surrogates(value: Any) -> Any:
    """Every string value (not keys, not ``@`` fields) with a lone surrogate appended; JSON
    writes it as the escape ``\\ud800``, which Python's reader turns into a lone one."""
    if isinstance(value, dict):
        return {k: v if k.startswith("@") else with_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [with_surrogates(v) for v in value]
    if isinstance(value, str):
        return value + "\ud800"
    return value


def claimreview(**overrides: Any) -> dict[str, Any]:
    """A valid ClaimReview, with fields replaced or removed (``None`` removes)."""
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://factcheck.example/tide",
        "claimReviewed": "High tide will come at six in the morning for the rest of the month",
        "author": {"@type": "Organization", "name": "Harbour Checkers"},
        "datePublished": "2024-03-04",
        "reviewRating": {"@type": "Rating", "alternateName": "False", "ratingValue": 1},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"name": "The harbour office"},
            "datePublished": "2024-03-01",
        },
    }
    for key, value in overrides.items():
        if value is None:
            review.pop(key, None)
        else:
            review[key] = value
    return review


# Values of the wrong type for every field the ClaimReview reader looks at.
WRONG_TYPES: dict[str, Any] = {
    "claim-number": {"claimReviewed": 5},
    "claim-list": {"claimReviewed": ["a", "b"]},
    "claim-object": {"claimReviewed": {"text": 1}},
    "rating-string": {"reviewRating": "False"},
    "rating-number": {"reviewRating": 3},
    "rating-list-of-lists": {"reviewRating": [[1]]},
    "rating-values-wrong": {
        "reviewRating": {"ratingValue": "abc", "bestRating": [], "worstRating": {}}
    },
    "rating-best-equals-worst": {
        "reviewRating": {"ratingValue": 3, "bestRating": 3, "worstRating": 3}
    },
    "rating-nan-inf": {"reviewRating": {"ratingValue": "nan", "bestRating": "inf"}},
    "rating-bool": {"reviewRating": {"ratingValue": True, "bestRating": False}},
    "author-number": {"author": 5},
    "author-list-of-numbers": {"author": [5, None]},
    "author-name-object": {"author": {"name": {"name": {"name": 7}}}},
    "url-number": {"url": 12345},
    "url-javascript": {"url": "javascript:alert(1)"},
    "item-string": {"itemReviewed": "a claim"},
    "item-list-of-null": {"itemReviewed": [None]},
    "dates-wrong": {"datePublished": 20240304, "itemReviewed": {"datePublished": ["2024"]}},
    "dates-impossible": {"datePublished": "2024-13-45"},
    "type-list": {"@type": ["ClaimReview", 5, None]},
    "type-number": {"@type": 5},
    "language-object": {"inLanguage": {"name": 5}},
    "graph-string": {"@graph": "not a list"},
}


def google_claims() -> dict[str, Any]:
    """A Google Fact Check Tools answer with a bad entry of every kind."""
    return {
        "claims": [
            5,
            None,
            {"text": 5},
            {"text": "x", "claimReview": "x"},
            {"text": "x", "claimReview": [5, {"publisher": "x", "url": 5}]},
            {"text": "Tide at six", "claimReview": [{"publisher": {"name": 5, "site": []}}]},
        ]
    }


# -- CSV / TSV -------------------------------------------------------------------------
def table_variants(header: list[str], row: list[str], delimiter: str = ",") -> dict[str, Build]:
    """One spoiled copy of a one-row table per way of spoiling CSV."""

    def line(cells: list[str]) -> str:
        return delimiter.join(_quote(cell, delimiter) for cell in cells) + "\n"

    good = line(header) + line(row)
    return {
        "header-only": lambda: line(header).encode(),
        "empty": lambda: b"",
        "invalid-utf8": lambda: (good + line(["caf\udce9" if c else c for c in row])).encode(
            "utf-8", "surrogateescape"
        ),
        "bom-utf16": lambda: b"\xff\xfe" + good.encode("utf-16-le"),
        "ragged-rows": lambda: (
            good + line(row[:1]) + line([*row, "extra", "more"]) + delimiter * 5 + "\n"
        ).encode(),
        "unbalanced-quote": lambda: (
            good + delimiter.join(row[:-1]) + f'{delimiter}"open' + "\n" + good
        ).encode(),
        "unbalanced-quote-long": lambda: (good + '"' + "x" * 200_000 + "\n").encode(),
        "huge-field": lambda: (good + line([*row[:-1], "y" * 1_000_000])).encode(),
        "columns-1e5": lambda: (line([f"c{i}" for i in range(100_000)]) * 2).encode(),
        "nul-bytes": lambda: good.replace(row[0], row[0] + "\x00", 1).encode(),
        "blank-lines": lambda: ("\n\n" + line(header) + "\n\n" + line(row) + "\n\n").encode(),
        "duplicate-header": lambda: (line([*header, *header]) + line([*row, *row])).encode(),
        "cr-only": lambda: good.replace("\n", "\r").encode(),
    }


def _quote(cell: str, delimiter: str) -> str:
    if any(ch in cell for ch in (delimiter, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


# Domain cells a rating list may hold.
HOSTILE_DOMAINS = (
    "[::1",
    "http://[oops/",
    "a" * 300 + ".com",
    "exa\u202emple.com",
    "xn--.com",
    "xn--zz-.com",
    "\u4f8b\u3048.jp",
    "..com",
    "-.com",
    ".",
    "127.0.0.1",
    "localhost",
    "%41.com",
    "http://user:pw@example.com:99999/",
    "ex ample.com",
    "javascript:alert(1)",
)


# -- WARC ------------------------------------------------------------------------------
def warc_record(
    uri: str = "https://news.example/tide",
    body: bytes | None = None,
    *,
    warc_type: str = "response",
    http_head: bytes = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n",
    length_delta: int = 0,
    version: bytes = b"WARC/1.0",
) -> bytes:
    """One WARC record; ``length_delta`` makes its Content-Length lie."""
    payload = (http_head if warc_type == "response" else b"") + (
        html_page(ARTICLE_BODY) if body is None else body
    )
    head = (
        version + b"\r\n"
        b"WARC-Type: " + warc_type.encode() + b"\r\n"
        b"WARC-Target-URI: " + uri.encode("utf-8", "surrogateescape") + b"\r\n"
        b"WARC-Date: 2024-03-04T10:00:00Z\r\n"
        b"WARC-Record-ID: <urn:uuid:"
        + str(zlib.crc32(uri.encode("utf-8", "surrogateescape"))).encode()
        + b">\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(payload) + length_delta).encode() + b"\r\n\r\n"
    )
    return head + payload + b"\r\n\r\n"


def _members(*records: bytes) -> bytes:
    """A .warc.gz as it should be: one gzip member per record."""
    return b"".join(gzip.compress(record) for record in records)


def warc_variants() -> dict[str, Build]:
    """WARC archives, gzipped per record unless named ``plain``."""
    one = warc_record()
    two = warc_record("https://news.example/other")
    gz_one, gz_two = gzip.compress(one), gzip.compress(two)
    big = warc_record("https://news.example/big", html_page(ARTICLE_BODY * 400))
    gz_big = gzip.compress(big)
    return {
        "truncated-gz": lambda: gz_one + gz_big[: len(gz_big) // 2],
        "truncated-gz-header": lambda: gz_one + gz_big[:12],
        "truncated-plain": lambda: one + big[: len(big) // 2],
        "length-too-long-plain": lambda: warc_record(length_delta=5000) + two,
        "length-too-short-plain": lambda: warc_record(length_delta=-200) + two,
        "length-negative-plain": lambda: warc_record(length_delta=-(10**6)),
        "length-not-number-plain": lambda: one.replace(
            b"Content-Length: ", b"Content-Length: x", 1
        ),
        "non-http-records": lambda: _members(
            warc_record(warc_type="warcinfo", body=b"software: x\r\n"),
            warc_record(warc_type="resource", body=b"<p>resource</p>"),
            warc_record(warc_type="metadata", body=b"a: b\r\n"),
            warc_record(warc_type="request", body=b"GET / HTTP/1.1\r\n\r\n"),
        ),
        "zero-length-records": lambda: _members(
            warc_record(body=b"", http_head=b""), warc_record(warc_type="resource", body=b"")
        ),
        "one-gzip-member-for-all": lambda: gzip.compress(one + two),
        "concatenated-with-garbage": lambda: gz_one + b"GARBAGE\x00\xff" * 100 + gz_two,
        "garbage-only": lambda: (
            b"\x1f\x8b" + bytes(random.Random(5).randrange(256) for _ in range(2048))
        ),
        "bad-http-status": lambda: gzip.compress(
            warc_record(http_head=b"HTTP/1.1 abc Weird\r\nContent-Type: text/html\r\n\r\n")
        ),
        "no-http-status-line": lambda: gzip.compress(warc_record(http_head=b"\r\n\r\n")),
        "http-headers-invalid-utf8": lambda: gzip.compress(
            warc_record(http_head=b"HTTP/1.1 200 OK\r\nContent-Type: text/html\xff\xfe\r\n\r\n")
        ),
        "hostile-target-uri": lambda: gzip.compress(
            warc_record("javascript:alert(1)\u202e" + "x" * 100_000)
        ),
        "unknown-version": lambda: gzip.compress(warc_record(version=b"WARC/9.9")),
        "html-payload-deep": lambda: gzip.compress(
            warc_record(body=html_page("<div>" * 50_000 + ARTICLE_BODY))
        ),
        "chunked-payload": lambda: gzip.compress(
            warc_record(
                http_head=b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n",
                body=b"zz\r\n<p>bad chunk</p>\r\n0\r\n\r\n",
            )
        ),
        "empty": lambda: b"",
    }


# -- URLs ------------------------------------------------------------------------------
def ssrf_urls(base: str, path: str) -> dict[str, str]:
    """Ways of writing the local server's address; each must be refused without the
    --allow-private flag, before any request reaches ``path``."""
    port = base.rsplit(":", 1)[1]
    return {
        "loopback": f"{base}{path}",
        "localhost": f"http://localhost:{port}{path}",
        "localhost-dot": f"http://LOCALHOST.:{port}{path}",
        "ipv6-loopback": f"http://[::1]:{port}{path}",
        "ipv4-mapped-ipv6": f"http://[::ffff:127.0.0.1]:{port}{path}",
        "decimal-ipv4": f"http://2130706433:{port}{path}",
        "hex-ipv4": f"http://0x7f000001:{port}{path}",
        "octal-ipv4": f"http://0177.0.0.1:{port}{path}",
        "short-ipv4": f"http://127.1:{port}{path}",
        "userinfo": f"http://news.example.com@127.0.0.1:{port}{path}",
        "percent-host": f"http://%31%32%37.0.0.1:{port}{path}",
        "idn-fullwidth": f"http://\uff11\uff12\uff17.0.0.1:{port}{path}",
        "uppercase-scheme": f"HTTP://127.0.0.1:{port}{path}",
        "unspecified": f"http://0.0.0.0:{port}{path}",
        "spaces-around": f"  {base}{path}  ",
    }


# Addresses that must be refused or fail cleanly (no server behind them).
ODD_URLS: dict[str, str] = {
    "metadata-ip": "http://169.254.169.254/latest/meta-data/",
    "metadata-name": "http://metadata.google.internal/computeMetadata/v1/",
    "ipv6-zone": "http://[fe80::1%25eth0]/",
    "ipv6-unclosed": "http://[::1/",
    "file-scheme": "file:///etc/passwd",
    "ftp-scheme": "ftp://127.0.0.1/file.txt",
    "javascript-scheme": "javascript:alert(1)",
    "data-scheme": "data:text/html,<p>hi</p>",
    "gopher-scheme": "gopher://127.0.0.1:70/_x",
    "no-host": "http:///path",
    "port-out-of-range": "http://127.0.0.1:99999/",
    "space-in-host": "http://exa mple.com/",
    "control-in-host": "http://exa\x01mple.com/",
    "tab-newline": "http://example.com/\t\n/x",
    "punycode-invalid": "http://xn--/",
    "punycode": "http://xn--80ak6aa92e.xn--p1ai/",
    "idn": "http://b\u00fccher.example/",
    "very-long": "http://example.com/" + "a" * 100_000,
    "very-long-host": "http://" + "a" * 70_000 + ".com/",
    "bidi-host": "http://exa\u202emple.com/",
    "percent-garbage": "http://example.com/%zz%%",
}

# Redirect targets the local server answers with (through --allow-private).
REDIRECT_TARGETS: dict[str, str] = {
    "backslashes": "http:\\\\127.0.0.1\\x",  # D2
    "backslash-path": "/\\\\evil.example/x",
    "javascript": "javascript:alert(1)",
    "file": "file:///etc/passwd",
    "metadata": "http://169.254.169.254/latest/meta-data/",
    "ipv6-unclosed": "http://[::1/",
    "empty": "",
    "non-ascii": "/caf\u00e9/\u202e",
    "control": "/a\x01b",
    "very-long": "/" + "a" * 60_000,
    "scheme-relative": "//127.0.0.1:1/x",
}
