"""Is a corpus archive whole? A cut-off download or copy of a WARC or gzip file reads as a
shorter file: warcio and gzip stop quietly (or fail half-way), so the importer checks
first, before it stores anything, and can say where the file stops.

WARC (and ARC) records are framed by their headers: a record is whole when its headers end
and its ``Content-Length`` bytes follow. A gzip file is whole when its last member ends.
The check reads the file once (decompressing it when gzipped) and keeps nothing.
"""

from __future__ import annotations

import zlib
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from factsift.errors import ImportDataError

_CHUNK = 1 << 20  # bytes of the file read at a time
_OUT_MAX = 8 << 20  # most decompressed bytes per step
_MAX_HEADER_LINE = 64 << 10
_GZIP_MAGIC = b"\x1f\x8b"
Progress = Callable[[int], None]  # called with the bytes of the file read so far


@dataclass(frozen=True, slots=True)
class Truncation:
    """Where a file stops: after ``whole`` complete units (records or lines)."""

    path: Path
    unit: str  # "record" (WARC) or "line" (JSONL)
    whole: int
    offset: int  # record: the byte of the file where it starts; line: where the file ends
    detail: str  # what is missing

    def where(self) -> str:
        if self.unit == "line":
            return (
                f"line {self.whole + 1} is incomplete ({self.detail}; the file ends at byte "
                f"{self.offset})"
            )
        return (
            f"record {self.whole + 1} (starting at byte {self.offset}) is incomplete "
            f"({self.detail})"
        )


class _Reader:
    """The file's bytes, gunzipped if gzip, each chunk with the file offset where it starts
    (gzip: where the member holding it starts, so exact when, as usual in WARC files, each
    record is its own member)."""

    def __init__(self, handle: IO[bytes], gzipped: bool, on_bytes: Progress | None) -> None:
        self.handle = handle
        self.on_bytes = on_bytes
        self.gzipped = gzipped
        self.size = 0  # bytes of the file read so far
        self.member = 0  # gzip: where the member being decompressed starts
        self.segments: deque[tuple[int, bytes]] = deque()  # (file offset, data)
        self.chunks = self._gunzip() if gzipped else self._plain()
        self.cut: str | None = None  # set when the gzip data ends inside a member

    def _read(self) -> bytes:
        data = self.handle.read(_CHUNK)
        self.size += len(data)
        if self.on_bytes is not None:
            self.on_bytes(self.size)
        return data

    def _plain(self) -> Iterator[tuple[int, bytes]]:
        while data := self._read():
            yield self.size - len(data), data

    def _gunzip(self) -> Iterator[tuple[int, bytes]]:
        member = position = 0  # where the current member starts; where ``data`` starts
        inflate = zlib.decompressobj(wbits=31)
        started = False  # whether the current member has had any input
        data = b""
        while True:
            if not data:
                data = self._read()
                if not data:
                    if started and not inflate.eof:
                        self.cut = "the gzip data ends before the end of its member"
                    return
            started = True
            try:
                out = inflate.decompress(data, _OUT_MAX)  # bounded: no decompression bomb
            except zlib.error as exc:
                raise ImportDataError(
                    f"'{self.handle.name}' holds unreadable gzip data at byte {member} ({exc}). "
                    "Check the file, or give it uncompressed."
                ) from exc
            if out:
                yield member, out
            if inflate.eof:  # the member ended; what is left of ``data`` starts the next
                rest = inflate.unused_data
                position += len(data) - len(rest)
                member, data, started = position, rest, False
                self.member = member
                inflate = zlib.decompressobj(wbits=31)
            else:
                tail = inflate.unconsumed_tail
                position += len(data) - len(tail)
                data = tail

    def _fill(self) -> bool:
        for chunk in self.chunks:
            self.segments.append(chunk)
            return True
        return False

    def chunk(self) -> bytes:
        """The next piece of the (decompressed) data; b"" at the end."""
        if not self.segments and not self._fill():
            return b""
        return self.segments.popleft()[1]

    def offset(self) -> int:
        """Where the next unread byte (or its gzip member) starts in the file."""
        if not self.segments and not self._fill():
            return self.member if self.gzipped else self.size
        return self.segments[0][0]

    def readline(self, limit: int) -> bytes:
        """The next line with its newline (without one at the end of the data); raises
        when longer than ``limit``."""
        parts: list[bytes] = []
        size = 0
        while self.segments or self._fill():
            offset, data = self.segments.popleft()
            end = data.find(b"\n")
            if end >= 0 and end + 1 < len(data):
                rest = data[end + 1 :]
                self.segments.appendleft((offset if self.gzipped else offset + end + 1, rest))
                data = data[: end + 1]
            parts.append(data)
            size += len(data)
            if size > limit:
                raise _TooLong
            if end >= 0:
                break
        return b"".join(parts)

    def skip(self, count: int) -> int:
        """Drop ``count`` bytes; returns how many there were."""
        done = 0
        while done < count and (self.segments or self._fill()):
            offset, data = self.segments.popleft()
            take = min(count - done, len(data))
            if take < len(data):
                self.segments.appendleft((offset if self.gzipped else offset + take, data[take:]))
            done += take
        return done


class _TooLong(Exception):
    """A header line longer than any WARC or ARC header: not such a file."""


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == _GZIP_MAGIC


def find_truncation(path: Path, fmt: str, on_bytes: Progress | None = None) -> Truncation | None:
    """Where ``path`` stops short, or None when it is whole (or cannot be checked: plain
    JSONL, CSV and HTML folders have no framing to check)."""
    if fmt == "warc":
        return _check_warc(path, on_bytes)
    if fmt == "jsonl" and _is_gzip(path):
        return _check_lines(path, on_bytes)
    return None


def _check_lines(path: Path, on_bytes: Progress | None) -> Truncation | None:
    """A gzipped JSONL file: whole when its gzip data ends properly."""
    with path.open("rb") as handle:
        reader = _Reader(handle, True, on_bytes)
        lines = 0
        while data := reader.chunk():
            lines += data.count(b"\n")
        if reader.cut is None:
            return None
        return Truncation(path, "line", lines, reader.size, reader.cut)


def _check_warc(path: Path, on_bytes: Progress | None) -> Truncation | None:
    with path.open("rb") as handle:
        reader = _Reader(handle, _is_gzip(path), on_bytes)
        records = 0
        last = -1  # where the last whole record starts
        while True:
            start, line = _next_header_line(reader, path, records)
            if not line:
                if reader.cut is None:
                    return None
                # The data ends inside a gzip member whose CRC never came: its record
                # cannot be trusted (or, when the member holds no data yet, the next one).
                if records and start == last:
                    return Truncation(path, "record", records - 1, start, reader.cut)
                return Truncation(path, "record", records, start, reader.cut)
            if not line.endswith(b"\n"):
                return Truncation(path, "record", records, start, "its headers are cut off")
            if line.startswith(b"WARC/"):
                length, detail = _warc_headers(reader, path, records)
                if detail is not None:
                    return Truncation(path, "record", records, start, detail)
            else:
                length = _arc_length(line)
            if length is None:
                raise ImportDataError(
                    f"'{path}': record {records + 1} (at byte {start}) has no valid length in "
                    "its headers: this is not a WARC or ARC file, or it is damaged."
                )
            got = reader.skip(length)
            if got < length:
                detail = f"its content has {got} of {length} bytes"
                return Truncation(path, "record", records, start, detail)
            records += 1
            last = start


def _next_header_line(reader: _Reader, path: Path, records: int) -> tuple[int, bytes]:
    """The first line of the next record and where it starts, past the blank lines that
    end the one before."""
    while True:
        start = reader.offset()
        line = _header_line(reader, path, records)
        if line not in (b"\r\n", b"\n"):
            return start, line


def _header_line(reader: _Reader, path: Path, records: int) -> bytes:
    try:
        return reader.readline(_MAX_HEADER_LINE)
    except _TooLong:
        raise ImportDataError(
            f"'{path}': record {records + 1} has a header line over {_MAX_HEADER_LINE} bytes: "
            "this is not a WARC or ARC file, or it is damaged."
        ) from None


def _warc_headers(reader: _Reader, path: Path, records: int) -> tuple[int | None, str | None]:
    """(Content-Length, None) once the headers end; (None, why) when the file ends first."""
    length = None
    while True:
        line = _header_line(reader, path, records)
        if not line.endswith(b"\n"):
            return None, "its headers are cut off"
        if line in (b"\r\n", b"\n"):
            return length, None
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            try:
                length = int(value.strip())
            except ValueError:
                length = None
            if length is not None and length < 0:
                length = None


def _arc_length(line: bytes) -> int | None:
    """The length (last field) of an ARC record's one-line header."""
    fields = line.split()
    try:
        return int(fields[-1]) if len(fields) >= 3 else None
    except ValueError:
        return None
