"""HTML or text, binary or not."""

from __future__ import annotations

from pathlib import PurePath

from factsift.ingest.sniff import HTML, TEXT, binary_kind, detect_content_type, looks_like_html


def test_ingest_sniff_html_starts() -> None:
    assert looks_like_html(b"\n  <!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html(b"<?xml version='1.0'?>\n<html xmlns='x'>")
    assert looks_like_html(b"<!-- saved page --><html>")
    assert looks_like_html(b"Some fragment <p>one</p><p>two</p>")


def test_ingest_sniff_utf16_html() -> None:
    assert looks_like_html("\ufeff<!DOCTYPE html><html><body>".encode("utf-16-le"))
    assert looks_like_html("\ufeff<html><body>".encode("utf-16-be"))


def test_ingest_sniff_text_is_not_html() -> None:
    assert not looks_like_html(b"Headline\n\nBody that mentions a <tag> once.\n")


def test_ingest_sniff_order_forced_declared_extension_bytes() -> None:
    html = b"<html><body><p>x</p></body></html>"
    assert detect_content_type(html, forced="text/plain") == TEXT
    assert detect_content_type(b"plain", declared="text/html; charset=utf-8") == HTML
    assert detect_content_type(html, path=PurePath("saved.txt")) == TEXT
    assert detect_content_type(b"plain words", path=PurePath("page.HTM")) == HTML
    assert detect_content_type(html, path=PurePath("page.dat")) == HTML
    assert detect_content_type(b"just words", path=PurePath("noext")) == TEXT


def test_ingest_sniff_binary_kinds() -> None:
    assert binary_kind(b"%PDF-1.4") == "a PDF document"
    assert binary_kind(b"\xef\xbb\xbfText with BOM") is None
    assert binary_kind("\ufeffUTF-16 text".encode("utf-16-le")) is None  # BOM: NULs expected
    assert binary_kind(b"RIFF\x00\x00\x00\x00WEBPVP8 ") is not None
    assert binary_kind(b"\x00\x00\x00\x18ftypmp42") is not None
    assert binary_kind(b"Tabs\tand\nnewlines\r\nare text\x0c") is None
