"""Tell binary files from text, and HTML from plain text, without trusting names alone."""

from __future__ import annotations

import re
from pathlib import PurePath

from factsift.errors import BinaryInputError

HTML = "text/html"
TEXT = "text/plain"

# Leading bytes of common binary formats, with a name for the error message.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a zip archive (or an Office/EPUB document)"),
    (b"PK\x05\x06", "a zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program (ELF)"),
    (b"\xca\xfe\xba\xbe", "a program (Mach-O or Java class)"),
    (b"\x00asm", "a WebAssembly module"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg audio/video file"),
    (b"ID3", "an MP3 audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"%!PS", "a PostScript document"),
)

# C0 control bytes that never appear in text (tab, newlines, form feed and escape are allowed).
_CONTROL = frozenset(set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B})
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_BOMS_WITH_NULS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(
    rb"<(?:html|head|body|title|meta|p|div|article|br|script|style|h1|h2|a\s+href)\b[^>]*>",
    re.IGNORECASE,
)
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".xht"})
_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".rst"})


def binary_kind(data: bytes) -> str | None:
    """A name for the binary format of ``data`` (e.g. "a PDF document"), or ``None`` if text."""
    head = data[:8192]
    if head.startswith(b"\xef\xbb\xbf"):
        return None  # UTF-8 BOM: text
    if head.startswith(_BOMS_WITH_NULS):
        return None  # UTF-16/32 with a BOM: NUL bytes are expected
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF media file (WebP, WAV or AVI)"
    if head[4:8] == b"ftyp":
        return "an MP4/QuickTime media file"
    if head.startswith(b"BM") and len(head) > 14 and head[6:10] == b"\x00\x00\x00\x00":
        return "a BMP image"
    if head.startswith(b"BZh") and head[3:4].isdigit() and head[4:10] == b"1AY&SY":
        return "a bzip2 archive"
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)"
    if head and sum(byte in _CONTROL for byte in head) > len(head) // 10:
        return "binary data (it is mostly control characters)"
    return None


def reject_binary(data: bytes, label: str) -> None:
    """Raise ``BinaryInputError`` naming ``label`` if ``data`` is not text."""
    kind = binary_kind(data)
    if kind is not None:
        raise BinaryInputError(
            f"{label} looks like {kind}, not text or HTML. Give an HTML page or a text file "
            "(copy the article's text into a .txt file if needed)."
        )


def normalise_content_type(value: str | None) -> str | None:
    """Map user or server content types to ``HTML`` or ``TEXT``; ``None`` if unknown."""
    if value is None:
        return None
    value = value.split(";", 1)[0].strip().lower()
    if value in ("html", HTML, "application/xhtml+xml"):
        return HTML
    if value in ("text", TEXT):
        return TEXT
    return None


def looks_like_html(data: bytes) -> bool:
    """Sniff the first bytes: an HTML start, or several HTML tags early on."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):  # UTF-16/32: look at the characters, not the bytes
            head = head[len(bom) :].decode(encoding, "ignore").encode("utf-8")
            break
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAGS.findall(head)) >= 2


def detect_content_type(
    data: bytes,
    *,
    forced: str | None = None,
    declared: str | None = None,
    path: PurePath | None = None,
) -> str:
    """``HTML`` or ``TEXT``: forced option, then the server's type, the file name, the bytes."""
    for given in (forced, declared):
        known = normalise_content_type(given)
        if known is not None:
            return known
    if path is not None:
        suffix = path.suffix.lower()
        if suffix in _HTML_SUFFIXES:
            return HTML
        if suffix in _TEXT_SUFFIXES:
            return TEXT
    return HTML if looks_like_html(data) else TEXT
