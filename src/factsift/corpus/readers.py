"""Readers of reference-corpus files: each yields plain records, in a stable order.

A record is a dict with ``text`` and, when known, ``url``, ``title``, ``date``,
``publisher`` and ``author``. Readers yield ``None`` for an entry that holds no usable text
(an empty line, a WARC request record) so that positions stay stable for resuming.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import IO, Any, cast

from factsift.errors import ImportDataError

Record = dict[str, str | None]
FIELDS = ("url", "title", "text", "date", "publisher", "author")
Progress = Callable[[int], None]  # called with the bytes read so far
Extract = Callable[[str | bytes, str | None], Record | None]  # (page, url) -> record


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    text = str(value).strip()
    return text or None


def _gunzipped(raw: IO[bytes], path: Path) -> AbstractContextManager[IO[bytes]]:
    if path.name.endswith(".gz"):
        return cast(AbstractContextManager[IO[bytes]], gzip.GzipFile(fileobj=raw))
    return nullcontext(raw)


def read_jsonl(
    path: Path, on_bytes: Progress | None = None, limit: int | None = None
) -> Iterator[Record | None]:
    """One record per line; ``limit``: read that many lines at most (the whole lines of a
    truncated file)."""
    with path.open("rb") as raw_file, _gunzipped(raw_file, path) as handle:
        lines = iter(handle)
        number = 0
        while limit is None or number < limit:
            try:
                raw = next(lines)
            except StopIteration:
                return
            except (EOFError, OSError, zlib.error) as exc:  # a cut or damaged .gz file
                raise ImportDataError(
                    f"{path}: the compressed data is damaged or truncated after line {number} "
                    f"({exc}). Copy the file again, or give --allow-truncated to import the "
                    "whole lines before the cut."
                ) from exc
            number += 1
            if on_bytes is not None:
                on_bytes(raw_file.tell())  # compressed bytes for .gz, as the bar's total
            yield _json_record(path, number, raw)


def _json_record(path: Path, number: int, raw: bytes) -> Record | None:
    if not raw.strip():
        return None
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ImportDataError(
            f"{path}:{number}: not a JSON object ({exc}). Each line of a JSONL corpus "
            "must be one object with at least a 'text' field."
        ) from exc
    except RecursionError:
        raise ImportDataError(
            f"{path}:{number}: JSON nested too deeply to read. Each line of a JSONL corpus "
            "must be one object with at least a 'text' field (a string)."
        ) from None
    if not isinstance(obj, dict):
        raise ImportDataError(
            f"{path}:{number}: a JSON {type(obj).__name__}, not an object. Each line "
            "must be an object with at least a 'text' field."
        )
    return {name: _clean(obj.get(name)) for name in FIELDS}


def parse_mapping(spec: str | None) -> dict[str, str]:
    """``"text=content,url=link"`` -> ``{"text": "content", "url": "link"}``."""
    mapping = {name: name for name in FIELDS}
    if not spec:
        return mapping
    for part in spec.split(","):
        if "=" not in part:
            raise ImportDataError(
                f"Column mapping part '{part}' has no '='. Write FIELD=COLUMN pairs separated "
                f"by commas, e.g. 'text=content,title=title' (fields: {', '.join(FIELDS)})."
            )
        name, column = (x.strip() for x in part.split("=", 1))
        if name not in FIELDS:
            raise ImportDataError(
                f"Unknown field '{name}' in the column mapping. Fields: {', '.join(FIELDS)}."
            )
        mapping[name] = column
    return mapping


def read_csv(
    path: Path, mapping: Mapping[str, str], on_bytes: Progress | None = None
) -> Iterator[Record | None]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open("rb") as raw:
        where = [0]  # the physical line being read, for errors

        def lines() -> Iterator[str]:
            """Lines decoded one by one, so that a bad byte is reported with its line."""
            offset = 0
            for number, data in enumerate(raw, start=1):
                where[0] = number
                try:
                    yield data.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    raise ImportDataError(
                        f"{path}:{number}: not UTF-8 ({exc.reason} at byte "
                        f"{offset + exc.start}). Re-save the file as UTF-8 (e.g. 'iconv -f "
                        "windows-1252 -t utf-8')."
                    ) from None
                offset += len(data)

        reader = csv.DictReader(lines(), delimiter="\t" if path.suffix == ".tsv" else ",")
        try:
            columns = reader.fieldnames or []
            if mapping["text"] not in columns:
                raise ImportDataError(
                    f"{path}: no column '{mapping['text']}' for the text (columns: "
                    f"{', '.join(columns[:20])}). Map it with --columns text=COLUMN."
                )
            for row in reader:
                if on_bytes is not None:
                    on_bytes(raw.tell())
                yield {name: _clean(row.get(column)) for name, column in mapping.items()}
        except csv.Error as exc:
            raise ImportDataError(
                f"{path}:{where[0]}: malformed CSV ({exc}). Check the quoting of that line."
            ) from exc


def read_html_folder(folder: Path, extract: Extract) -> Iterator[Record | None]:
    """Every .html/.htm file under ``folder``, in sorted order, through ``extract``.

    Links to folders are not followed (no cycles); links that lead nowhere (a loop,
    a missing target) are not files and are left out, like any other non-page."""
    files = sorted(
        p for p in folder.rglob("*") if p.suffix.lower() in {".html", ".htm"} and p.is_file()
    )
    for file in files:
        try:
            page = file.read_bytes()
        except OSError as exc:
            raise ImportDataError(
                f"Cannot read '{file}' ({exc.strerror}). Fix its permissions, or move it out "
                f"of '{folder}'."
            ) from exc
        record = extract(page, None)
        if record is not None and not record.get("url"):
            record["url"] = file.resolve().as_uri()
        yield record


def read_warc(
    path: Path,
    extract: Extract,
    on_bytes: Progress | None = None,
    limit: int | None = None,
) -> Iterator[Record | None]:
    """HTML responses of a WARC file (gzipped or not), through ``extract``; ``limit``: the
    first records only (the whole ones of a truncated file)."""
    try:
        from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
        from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - warcio is a dependency
        raise ImportDataError("Reading WARC files needs warcio: pip install warcio") from exc
    with path.open("rb") as handle:
        records = iter(ArchiveIterator(handle))
        number = 0
        while limit is None or number < limit:
            try:
                record = next(records)
            except StopIteration:
                return
            # warcio fails in its own ways on damaged input (AttributeError on a cut header).
            except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError) as exc:
                raise ImportDataError(
                    f"{path}: record {number + 1} is not a readable WARC record ({exc!r}). "
                    "Give a whole .warc or .warc.gz file."
                ) from exc
            number += 1
            if on_bytes is not None:
                on_bytes(handle.tell())
            yield _warc_record(record, extract)


def _warc_record(record: Any, extract: Extract) -> Record | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if (record.http_headers.get_statuscode() or "").strip() != "200":
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if "html" not in content_type:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        body: bytes = record.content_stream().read()
    except (OSError, EOFError, ValueError, zlib.error):
        return None  # a body whose Content-Encoding cannot be undone: skipped
    out = extract(body, url)
    if out is not None:
        out["url"] = out.get("url") or url
        if not out.get("date"):  # the capture date: the page existed by then
            out["date"] = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    return out
