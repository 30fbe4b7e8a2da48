"""Read the raw bytes of a source (file, standard input, bytes, URL) within the size limit."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import httpx

from factsift.article import SourceInfo
from factsift.errors import InputError, InputTooLargeError, SourceNotFoundError
from factsift.ingest.fetch import fetch_url
from factsift.settings import FetchOptions

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
STDIN = "-"


@dataclass(slots=True)
class RawInput:
    """Bytes of the input and what is known about them before decoding."""

    data: bytes
    source: SourceInfo
    label: str  # how error messages name the input
    path: Path | None = None
    media_type: str | None = None  # from the server
    charset: str | None = None  # from the server


def is_url(source: str) -> bool:
    """Whether ``source`` is written as a URL (any scheme; unsafe schemes are refused later)."""
    return bool(_SCHEME.match(source.strip()))


def read_source(
    source: str | Path | bytes,
    fetch: FetchOptions,
    *,
    transport: httpx.BaseTransport | None = None,
) -> RawInput:
    """The input's bytes: a file path, a URL, ``"-"`` for standard input, or raw bytes."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        label = "the input bytes"
        _check_size(len(data), fetch.max_bytes, label)
        return RawInput(data, SourceInfo(kind="text", bytes_read=len(data)), label)
    if isinstance(source, str) and source == STDIN:
        label = "standard input"
        data = read_limited(sys.stdin.buffer, fetch.max_bytes, label)
        return RawInput(data, SourceInfo(kind="stdin", location=STDIN, bytes_read=len(data)), label)
    if isinstance(source, str) and is_url(source):
        page = fetch_url(source.strip(), fetch, transport=transport)
        info = SourceInfo(
            kind="url",
            location=page.url,
            content_type=page.media_type,
            bytes_read=len(page.body),
            final_url=page.final_url,
        )
        return RawInput(page.body, info, page.final_url, None, page.media_type, page.charset)
    return read_file(Path(source), fetch.max_bytes)


def read_file(path: Path, max_bytes: int) -> RawInput:
    """A file's bytes, reading at most ``max_bytes + 1`` of them."""
    label = str(path)
    shown = label if len(label) <= 200 else label[:200] + "..."
    try:
        with path.open("rb") as handle:
            data = read_limited(handle, max_bytes, label)
    except FileNotFoundError as exc:
        raise SourceNotFoundError(
            f"No such file: {shown}. Check the path, or give a URL starting with http:// or "
            "https://, or - to read standard input (to check text held in memory, pass it "
            "as bytes)."
        ) from exc
    except IsADirectoryError as exc:
        raise InputError(
            f"{shown} is a folder, not a file. Give one HTML or text file (folders of pages "
            "are imported with `factsift kb import`)."
        ) from exc
    except PermissionError as exc:
        raise InputError(f"Cannot read {shown}: permission denied. Check its permissions.") from exc
    except OSError as exc:
        raise InputError(f"Cannot read {shown}: {exc.strerror or exc}.") from exc
    info = SourceInfo(kind="file", location=label, bytes_read=len(data))
    return RawInput(data, info, label, path)


def read_limited(stream: BinaryIO, max_bytes: int, label: str) -> bytes:
    """Read up to ``max_bytes``; ``InputTooLargeError`` as soon as one more byte exists."""
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = stream.read(min(1 << 20, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    _check_size(total, max_bytes, label)
    return b"".join(chunks)


def _check_size(size: int, max_bytes: int, label: str) -> None:
    if size > max_bytes:
        raise InputTooLargeError(
            f"{label} is larger than the limit of {max_bytes} bytes. Raise the limit with "
            "--max-bytes (max_bytes=) if it is really one article, or cut it down."
        )
