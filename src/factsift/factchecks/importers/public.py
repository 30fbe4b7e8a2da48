"""The three public fact-check sets, by name, with their default places under data_dir()."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from factsift.factchecks.importers import checkthat
from factsift.factchecks.importers.base import ImportResult, Item
from factsift.factchecks.importers.runner import run_import
from factsift.settings import data_dir
from factsift.store.base import KnowledgeStore

Reader = Callable[[Path], Iterator[Item]]

PUBLIC_SETS: dict[str, tuple[Reader, Callable[[Path], int | None]]] = {
    checkthat.SET_2A: (
        checkthat.read_2022_2a,
        lambda p: checkthat.count_2022(checkthat.find_file(p, ("vclaims.tar.gz", "vclaims"), "2A")),
    ),
    checkthat.SET_2020: (checkthat.read_2020, checkthat.count_2020),
    checkthat.SET_2B: (
        checkthat.read_2022_2b,
        lambda p: checkthat.count_2022(
            checkthat.find_file(p, ("politifact-vclaims.tar.gz", "politifact-vclaims"), "2B")
        ),
    ),
}


def public_path(name: str, path: Path | None = None) -> Path:
    return path if path is not None else checkthat.default_path(name, data_dir())


def import_public(
    store: KnowledgeStore,
    name: str,
    path: Path | None = None,
    *,
    strict: bool = False,
    embed: bool = True,
    show_progress: bool = True,
    refresh: bool = True,
) -> ImportResult:
    """Import one public set by name (a key of ``PUBLIC_SETS``), all or nothing."""
    reader, counter = PUBLIC_SETS[name]
    folder = public_path(name, path)
    return run_import(
        store,
        name,
        reader(folder),
        total=counter(folder),
        strict=strict,
        embed=embed,
        show_progress=show_progress,
        refresh=refresh,
    )


def import_public_sets(
    store: KnowledgeStore,
    names: Iterable[str] = tuple(PUBLIC_SETS),
    *,
    strict: bool = False,
    embed: bool = True,
    show_progress: bool = True,
) -> list[ImportResult]:
    """Import several public sets, each in its own transaction, then rebuild the matcher's
    sidecar files once, not after each set (on the 43,856 public fact-checks one rebuild
    takes from seconds to minutes). If a set fails, the sets before it stay imported and
    the next search rebuilds the sidecar files for them."""
    results = [
        import_public(
            store, name, strict=strict, embed=embed, show_progress=show_progress, refresh=False
        )
        for name in names
    ]
    if any(result.changed for result in results):
        store.refresh_factcheck_index()
    return results
