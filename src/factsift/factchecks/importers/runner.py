"""One import: every record and its vectors in one transaction, with progress bars."""

from __future__ import annotations

from collections.abc import Iterable

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from factsift.errors import ImportDataError
from factsift.factchecks.importers.base import BadRecord, ImportResult, Item
from factsift.factchecks.vectors import MODEL_NAME, encode, to_blob
from factsift.store.base import KnowledgeStore


def _progress(show: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        disable=not show,
        transient=False,
    )


def run_import(
    store: KnowledgeStore,
    source: str,
    items: Iterable[Item],
    *,
    total: int | None = None,
    strict: bool = False,
    embed: bool = True,
    show_progress: bool = True,
    refresh: bool = True,
) -> ImportResult:
    """Write ``items`` to the store; all or nothing. ``strict``: any bad record aborts.

    ``refresh``: rebuild the matcher's sidecar files after the commit when something
    changed; a caller importing several sets in a row passes False and refreshes once."""
    result = ImportResult(source)
    with _progress(show_progress) as progress, store.transaction():
        task = progress.add_task(f"import {source}", total=total)
        for item in items:
            if isinstance(item, BadRecord):
                if strict:
                    raise ImportDataError(
                        f"Bad record at {item}. Import of {source} aborted (--strict): "
                        "nothing of it was written. Fix the record or drop --strict."
                    )
                result.bad.append(item)
            else:
                outcome = store.upsert_factcheck(item)
                if outcome == "added":
                    result.added += 1
                elif outcome == "updated":
                    result.updated += 1
                else:
                    result.unchanged += 1
            progress.advance(task)
        if embed:
            result.vectors = embed_missing(store, progress)
    if refresh and result.changed:
        store.refresh_factcheck_index()  # after the commit: the matcher's sidecar files
    return result


def embed_missing(store: KnowledgeStore, progress: Progress | None = None) -> int:
    """Compute and store vectors for fact-checks that have none; call in a transaction."""
    rows = store.factchecks_missing_vectors(MODEL_NAME)
    if not rows:
        return 0
    texts = [claim for _, claim, _ in rows] + [title for _, _, title in rows if title]
    task = progress.add_task("embed", total=len(texts)) if progress is not None else None

    def advance(n: int) -> None:
        if progress is not None and task is not None:
            progress.advance(task, n)

    vectors = encode(texts, progress=advance)
    claim_vecs = vectors[: len(rows)]
    title_iter = iter(vectors[len(rows) :])
    store.put_factcheck_vectors(
        MODEL_NAME,
        (
            (fid, to_blob(claim_vecs[i]), to_blob(next(title_iter)) if title else None)
            for i, (fid, _, title) in enumerate(rows)
        ),
    )
    return len(rows)
