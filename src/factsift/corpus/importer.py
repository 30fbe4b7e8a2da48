"""Import a reference corpus into the store: batched, idempotent, resumable, with progress.

Each batch of documents is written in one transaction together with the checkpoint (how
many records of the file are done), so an import that is killed leaves whole batches, and a
rerun starts after the last one. Documents already stored (same URL or same text) are
skipped, so importing a file twice adds nothing.

A WARC or gzipped JSONL file is first checked to be whole (``integrity.py``): a truncated
one is refused before anything is stored, or, when allowed, imported up to its last whole
record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from factsift.corpus.documents import build_documents
from factsift.corpus.integrity import Truncation, find_truncation
from factsift.corpus.readers import (
    Record,
    parse_mapping,
    read_csv,
    read_html_folder,
    read_jsonl,
    read_warc,
)
from factsift.errors import ImportDataError, InputError
from factsift.evidence.index import embed_missing
from factsift.store.base import KnowledgeStore
from factsift.trace.minhash import MinHasher

FORMATS = ("jsonl", "csv", "warc", "html")
BatchHook = Callable[[int], None]


@dataclass(slots=True)
class ImportResult:
    source: str
    format: str
    records: int = 0  # records read in this run (after the resumed position)
    added: int = 0  # documents new to the store
    skipped: int = 0  # records without text, or already stored
    resumed_from: int = 0  # records already done by an earlier run
    already_done: bool = False
    truncation: Truncation | None = None  # where the file stops short (when allowed)


def detect_format(path: Path) -> str:
    name = path.name.lower()
    if path.is_dir():
        return "html"
    if name.endswith((".jsonl", ".ndjson", ".jsonl.gz")):
        return "jsonl"
    if name.endswith((".warc", ".warc.gz", ".arc.gz")):
        return "warc"
    if name.endswith((".csv", ".tsv")):
        return "csv"
    raise ImportDataError(
        f"Cannot tell the format of '{path}' from its name. Give --format ({', '.join(FORMATS)})."
    )


def extract_html(html: str | bytes, url: str | None) -> Record | None:
    """The article in a page, through the same extraction as ``factsift check``."""
    from factsift.ingest import article_from_html

    try:
        article = article_from_html(html, url=url)
    except InputError:
        return None  # no article text in this page (a menu, an error page): skipped
    meta = article.meta
    return {
        "text": article.text,
        "url": meta.url or url,
        "title": meta.title,
        "date": meta.date,
        "publisher": meta.site_name,
        "author": ", ".join(meta.authors) or None,
    }


def _checkpoint_key(path: Path, fmt: str) -> str:
    """The file and its version: an edited file is a new import, not a resume."""
    resolved = path.resolve()
    if path.is_dir():
        return f"{fmt}:{resolved}"
    stat = path.stat()
    return f"{fmt}:{resolved}:{stat.st_size}:{stat.st_mtime_ns}"


def _records(
    path: Path,
    fmt: str,
    columns: str | None,
    on_bytes: Callable[[int], None] | None,
    limit: int | None,
) -> Iterator[Record | None]:
    if fmt == "jsonl":
        return read_jsonl(path, on_bytes, limit)
    if fmt == "csv":
        return read_csv(path, parse_mapping(columns), on_bytes)
    if fmt == "warc":
        return read_warc(path, extract_html, on_bytes, limit)
    return read_html_folder(path, extract_html)


def truncated_message(cut: Truncation) -> str:
    return (
        f"'{cut.path}' is truncated: {cut.where()}, after {cut.whole} whole "
        f"{cut.unit}s; nothing was imported. Copy or download the file again, or give "
        f"--allow-truncated to import the {cut.whole} whole {cut.unit}s."
    )


def import_corpus(
    store: KnowledgeStore,
    path: Path,
    fmt: str | None = None,
    *,
    columns: str | None = None,
    batch_size: int = 200,
    resume: bool = True,
    show_progress: bool = False,
    after_batch: BatchHook | None = None,
    vectors: bool = True,
    allow_truncated: bool = False,
) -> ImportResult:
    """Import one file or folder; ``after_batch(position)`` runs after each commit.

    With ``vectors`` each batch's passages are embedded for evidence retrieval in the same
    transaction (the slow part of an import); without, run ``factsift corpus index`` later.
    A truncated WARC or .jsonl.gz file raises ``ImportDataError`` before anything is
    stored; with ``allow_truncated`` its whole records are imported and
    ``result.truncation`` says where it stops.
    """
    path = Path(path)
    if not path.exists():
        raise ImportDataError(f"No such file or folder: '{path}'. Check the path.")
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise ImportDataError(f"Unknown corpus format '{fmt}'. Use one of: {', '.join(FORMATS)}.")
    if fmt == "html" and not path.is_dir():
        raise ImportDataError(f"'{path}' is not a folder. --format html reads a folder of pages.")
    source = _checkpoint_key(path, fmt)
    start, done = store.import_checkpoint(source) if resume else (0, False)
    result = ImportResult(source=str(path), format=fmt, resumed_from=start, already_done=done)
    if done:
        return result
    hasher = MinHasher()
    origin = path.name

    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    total = None if path.is_dir() else path.stat().st_size
    columns_ = (TextColumn("{task.description}"), BarColumn(), DownloadColumn())
    with Progress(*columns_, TimeRemainingColumn(), disable=not show_progress) as progress:
        check = progress.add_task(
            f"check {path.name}", total=total, visible=fmt == "warc" or path.suffix == ".gz"
        )
        cut = find_truncation(path, fmt, lambda pos: progress.update(check, completed=pos))
        if cut is not None and not allow_truncated:
            raise ImportDataError(truncated_message(cut))
        result.truncation = cut
        progress.update(check, visible=False)
        task = progress.add_task(f"import {path.name}", total=total)

        def on_bytes(pos: int) -> None:
            progress.update(task, completed=pos)

        batch: list[Record] = []
        position = 0

        def flush() -> None:
            docs = build_documents(batch, origin, hasher)
            with store.transaction():
                last = store.last_passage_id()
                added = store.add_documents(docs)
                if vectors and added:  # this batch's passages only; older ones: corpus index
                    embed_missing(store, after_id=last)
                store.set_import_checkpoint(source, position)
            result.added += added
            result.skipped += len(batch) - added
            batch.clear()
            if after_batch is not None:
                after_batch(position)

        limit = cut.whole if cut is not None else None
        records = _records(path, fmt, columns, on_bytes, limit)
        for position_before, record in enumerate(records):
            position = position_before + 1
            if position <= start:
                continue
            result.records += 1
            if record is None or not (record.get("text") or "").strip():
                result.skipped += 1
            else:
                batch.append(record)
            if path.is_dir():
                progress.update(task, advance=1)
            if len(batch) >= batch_size:
                flush()
        flush()
        with store.transaction():
            store.set_import_checkpoint(source, position, done=True)
    return result
