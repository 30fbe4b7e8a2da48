"""Encodings: byte-order marks, declared charsets, UTF-8, detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsift.errors import DecodeError
from factsift.ingest import load_article
from factsift.ingest.decode import codec_name, declared_in_html, decode_bytes
from factsift.settings import Options

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_ingest_decode_latin1_file() -> None:
    article = load_article(FIXTURES / "latin1.txt", Options())
    assert article.source.encoding in ("cp1252", "iso8859-1")
    assert "Hélène Baudry" in article.text
    assert "« Nous sommes prêts »" in article.text
    assert article.meta.title == "Café in Vellmar to reopen"


def test_ingest_decode_utf8_bom_stripped_and_line_endings_normalised() -> None:
    article = load_article(FIXTURES / "utf8-bom.txt", Options())
    assert article.source.encoding == "utf-8"
    assert article.text.startswith("Café in Vellmar")  # no BOM character left
    assert "\r" not in article.text
    assert article.meta.authors == ["Hélène Baudry"]
    assert article.meta.byline_span is not None
    assert article.span_text(article.meta.byline_span) == "By Hélène Baudry"


def test_ingest_decode_meta_charset() -> None:
    article = load_article(FIXTURES / "meta-charset.html", Options())
    assert article.source.encoding == "cp1252"
    assert article.meta.title == "Café in Vellmar to reopen"
    assert "council’s opposition" in article.text
    assert "Émile Roux" in article.text


def test_ingest_decode_utf16_html_file(tmp_path: Path) -> None:
    html = (FIXTURES / "article.html").read_text(encoding="utf-8")
    path = tmp_path / "saved-page"  # no extension: the content decides
    path.write_bytes(("\ufeff" + html).encode("utf-16-le"))
    article = load_article(path, Options())
    assert (article.source.encoding, article.source.content_type) == ("utf-16-le", "text/html")
    assert article.meta.title == "Council approves footbridge over the Lark"


def test_ingest_decode_http_charset_wins_over_meta() -> None:
    data = '<meta charset="utf-8"><p>Vellmar café</p>'.encode("cp1252")
    text, encoding = decode_bytes(data, "page", http_charset="windows-1252", html=True)
    assert (text.endswith("café</p>"), encoding) == (True, "cp1252")


def test_ingest_decode_bom_wins_over_declared() -> None:
    data = "\ufeff<meta charset='iso-8859-2'><p>Ärger</p>".encode("utf-16-le")
    text, encoding = decode_bytes(data, "page", http_charset="iso-8859-2", html=True)
    assert encoding == "utf-16-le" and "Ärger" in text


def test_ingest_decode_wrong_declaration_falls_back_to_utf8() -> None:
    data = "<meta charset='utf-16'><p>Zoë’s café</p>".encode()
    text, encoding = decode_bytes(data, "page", html=True)
    assert (encoding, "Zoë’s café" in text) == ("utf-8", True)


def test_ingest_decode_unknown_declared_charset_ignored() -> None:
    text, encoding = decode_bytes(b"<meta charset='x-nonsense'><p>ok</p>", "page", html=True)
    assert encoding == "utf-8" and text.endswith("ok</p>")


def test_ingest_decode_error_names_input() -> None:
    with pytest.raises(DecodeError, match=r"my-page\.html"):
        decode_bytes(bytes(range(128, 256)) * 4, "my-page.html")


def test_ingest_decode_declared_in_html_forms() -> None:
    assert declared_in_html(b'<?xml version="1.0" encoding="ISO-8859-1"?><html>') == "ISO-8859-1"
    assert declared_in_html(b"<head><meta charset=koi8-r>") == "koi8-r"
    http_equiv = b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
    assert declared_in_html(http_equiv) == "Shift_JIS"
    assert declared_in_html(b"<p>no declaration</p>") is None


def test_ingest_decode_codec_names() -> None:
    assert codec_name("ISO-8859-1") == "cp1252"  # as browsers read it
    assert codec_name("UTF8") == "utf-8"
    assert codec_name("no-such-charset") is None
