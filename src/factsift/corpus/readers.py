"""Readers of reference-corpus files: each yields plain records, in a stable order.

A record is a dict with ``text`` and, when known, ``url``, ``title``, ``date``,
``publisher`` and ``author``. Readers yield ``None`` for an entry that holds no usable text
(an empty line, a WARC request record) so that positions stay stable for resuming.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
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


def read_jsonl(path: Path, on_bytes: Progress | None = None) -> Iterator[Record | None]:
    with path.open("rb") as raw_file, _gunzipped(raw_file, path) as handle:
        for number, raw in enumerate(handle, start=1):
            if on_bytes is not None:
                on_bytes(raw_file.tell())  # compressed bytes for .gz, as the bar's total
            if not raw.strip():
                yield None
                continue
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise ImportDataError(
                    f"{path}:{number}: not a JSON object ({exc}). Each line of a JSONL corpus "
                    "must be one object with at least a 'text' field."
                ) from exc
            if not isinstance(obj, dict):
                raise ImportDataError(
                    f"{path}:{number}: a JSON {type(obj).__name__}, not an object. Each line "
                    "must be an object with at least a 'text' field."
                )
            yield {name: _clean(obj.get(name)) for name in FIELDS}


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
    with path.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t" if path.suffix == ".tsv" else ",")
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


def read_html_folder(folder: Path, extract: Extract) -> Iterator[Record | None]:
    """Every .html/.htm file under ``folder``, in sorted order, through ``extract``."""
    files = sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in {".html", ".htm"}
    )
    for file in files:
        record = extract(file.read_bytes(), None)
        if record is not None and not record.get("url"):
            record["url"] = file.resolve().as_uri()
        yield record


def read_warc(
    path: Path,
    extract: Extract,
    on_bytes: Progress | None = None,
) -> Iterator[Record | None]:
    """HTML responses of a WARC file (gzipped or not), through ``extract``."""
    try:
        from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
        from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - warcio is a dependency
        raise ImportDataError("Reading WARC files needs warcio: pip install warcio") from exc
    with path.open("rb") as handle:
        try:
            for record in ArchiveIterator(handle):
                if on_bytes is not None:
                    on_bytes(handle.tell())
                yield _warc_record(record, extract)
        except ArchiveLoadFailed as exc:
            raise ImportDataError(
                f"{path}: not a readable WARC file ({exc}). Give a .warc or .warc.gz file."
            ) from exc


def _warc_record(record: Any, extract: Extract) -> Record | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if int(record.http_headers.get_statuscode() or 0) != 200:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if "html" not in content_type:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    body: bytes = record.content_stream().read()
    out = extract(body, url)
    if out is not None:
        out["url"] = out.get("url") or url
        if not out.get("date"):  # the capture date: the page existed by then
            out["date"] = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    return out
