"""Reading sources: files, bytes, standard input, and the errors bad input gives."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from factsift.errors import (
    BinaryInputError,
    DecodeError,
    InputError,
    InputTooLargeError,
    NothingExtractedError,
    SourceNotFoundError,
    URLRefusedError,
)
from factsift.ingest import load_article
from factsift.ingest.read import read_limited
from factsift.settings import FetchOptions, Options

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TEXT = b"Harbour road to close\n\nThe harbour road in Vellmar will close for six weeks.\n"


def test_ingest_read_missing_file_names_path_and_fix(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-article.html"
    with pytest.raises(SourceNotFoundError) as err:
        load_article(missing, Options())
    message = str(err.value)
    assert str(missing) in message
    assert "http://" in message and "standard input" in message


def test_ingest_read_missing_file_given_as_string(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFoundError):
        load_article(str(tmp_path / "absent.txt"), Options())


def test_ingest_read_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        load_article(tmp_path, Options())


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "zip"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"plain start\x00\x00\x00 then NULs", "NUL"),
        (bytes(range(1, 9)) * 100, "control"),
    ],
)
def test_ingest_read_binary_input_refused(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "article.html"  # the name must not fool the check
    path.write_bytes(data)
    with pytest.raises(BinaryInputError) as err:
        load_article(path, Options())
    assert kind in str(err.value)
    assert str(path) in str(err.value)


def test_ingest_read_over_size_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(TEXT * 100)
    options = Options(fetch=FetchOptions(max_bytes=len(TEXT) * 10))
    with pytest.raises(InputTooLargeError) as err:
        load_article(path, options)
    assert str(path) in str(err.value) and "--max-bytes" in str(err.value)


def test_ingest_read_file_exactly_at_limit_accepted(tmp_path: Path) -> None:
    path = tmp_path / "exact.txt"
    path.write_bytes(TEXT)
    article = load_article(path, Options(fetch=FetchOptions(max_bytes=len(TEXT))))
    assert article.source.bytes_read == len(TEXT)


class CountingStream(io.BytesIO):
    """A stream that records how many bytes were asked for."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.delivered = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.delivered += len(chunk)
        return chunk


def test_ingest_read_limited_reads_at_most_one_byte_over() -> None:
    stream = CountingStream(b"x" * 5_000_000)
    with pytest.raises(InputTooLargeError):
        read_limited(stream, 1000, "the stream")
    assert stream.delivered == 1001


def test_ingest_read_over_size_bytes_refused() -> None:
    with pytest.raises(InputTooLargeError, match="input bytes"):
        load_article(TEXT * 10, Options(fetch=FetchOptions(max_bytes=20)))


def test_ingest_read_empty_file_nothing_extracted(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(NothingExtractedError) as err:
        load_article(path, Options())
    assert str(path) in str(err.value)


def test_ingest_read_whitespace_only_nothing_extracted(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"  \n\r\n\t\n")
    with pytest.raises(NothingExtractedError):
        load_article(path, Options())


def test_ingest_read_html_without_text_nothing_extracted(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"<html><head><title></title></head><body><div></div></body></html>")
    with pytest.raises(NothingExtractedError) as err:
        load_article(path, Options())
    assert "--content-type text" in str(err.value)


def test_ingest_read_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(DecodeError) as err:
        load_article(path, Options())
    assert str(path) in str(err.value) and "UTF-8" in str(err.value)


def test_ingest_read_text_file_source_info(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(TEXT)
    article = load_article(path, Options())
    assert article.text == TEXT.decode()
    assert article.source.kind == "file"
    assert article.source.location == str(path)
    assert article.source.content_type == "text/plain"
    assert article.source.encoding == "utf-8"
    assert article.source.bytes_read == len(TEXT)
    assert article.source.final_url is None


def test_ingest_read_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(TEXT), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    article = load_article("-", Options())
    assert article.source.kind == "stdin"
    assert article.meta.title == "Harbour road to close"


def test_ingest_read_stdin_over_size(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(TEXT * 50), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    with pytest.raises(InputTooLargeError, match="standard input"):
        load_article("-", Options(fetch=FetchOptions(max_bytes=100)))


def test_ingest_read_bytes_source() -> None:
    article = load_article(TEXT, Options(url="https://harbour.example/road"))
    assert article.source.kind == "text"
    assert article.meta.url == "https://harbour.example/road"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://files.example/a.html"])
def test_ingest_read_other_schemes_refused(url: str) -> None:
    with pytest.raises(URLRefusedError, match="scheme"):
        load_article(url, Options())


def test_ingest_read_content_type_option_forces_text() -> None:
    html = (FIXTURES / "article.html").read_bytes()
    article = load_article(html, Options(content_type="text/plain"))
    assert article.source.content_type == "text/plain"
    assert article.text.startswith("<!DOCTYPE html>")
