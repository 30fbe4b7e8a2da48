"""Bytes to text: byte-order mark, declared charset, UTF-8, then detection.

The order follows browsers (WHATWG encoding sniffing): a BOM wins over everything, then
the HTTP header, then the page's own ``<meta charset>``; without any of these, valid UTF-8
is taken as UTF-8 and charset-normalizer guesses the rest.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from factsift.errors import DecodeError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""")
# Browsers read these labels as windows-1252 (a superset), and so do we.
_AS_CP1252 = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252"})
# A declared UTF-16/32 in a page without a BOM is wrong: the markup itself is ASCII.
_NEVER_DECLARED = frozenset(
    {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}
)
_WESTERN_DEFAULT = "cp1252"


def codec_name(label: str | None) -> str | None:
    """Python's codec name for a charset label, or ``None`` if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _WESTERN_DEFAULT if name in _AS_CP1252 else name


def declared_in_html(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (``<meta>`` or XML declaration)."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    return match.group(1).decode("ascii", "replace")


def decode_bytes(
    data: bytes, label: str, *, http_charset: str | None = None, html: bool = False
) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; ``DecodeError`` names ``label``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                why = f"it starts with a {encoding} byte-order mark but {exc}"
                raise _error(label, why) from exc
    candidates = [http_charset, declared_in_html(data) if html else None]
    for candidate in candidates:
        name = codec_name(candidate)
        if name is None or name in _NEVER_DECLARED:
            continue
        decoded = _try(data, name)
        if decoded is not None:
            return decoded, name
        if name == _WESTERN_DEFAULT:
            return data.decode("latin-1"), "iso8859-1"  # cp1252 leaves five bytes undefined
    decoded = _try(data, "utf-8")
    if decoded is not None:
        return decoded, "utf-8"
    guessed = _guess(data)
    if guessed is not None:
        return guessed
    raise _error(label, "no likely encoding fits its bytes")


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's guess, preferring windows-1252 among equally plausible ones.

    On short Western text, several single-byte code pages decode without "chaos" and the
    detector's first pick is often a Central European one (é read as č); windows-1252 is the
    web's default for such text, so it wins ties.
    """
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.chaos <= best.chaos + 0.01 and _WESTERN_DEFAULT in match.could_be_from_charset:
            decoded = _try(data, _WESTERN_DEFAULT)
            if decoded is not None:
                return decoded, _WESTERN_DEFAULT
    name = codec_name(best.encoding) or best.encoding
    return str(best), name


def _error(label: str, why: str) -> DecodeError:
    return DecodeError(
        f"Cannot decode {label} as text: {why}. Convert it to UTF-8 (for example with "
        "`iconv -f ENCODING -t UTF-8`), or declare its charset in the page."
    )
