"""Importers of the public rating lists, by name, and the whole set at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from factsift.sources.importers import baly, burdisso, hearvox, lin2023, mbfc, opensources
from factsift.sources.importers.common import ParsedList, Progress, load
from factsift.sources.model import ImportResult
from factsift.sources.rebrands import curated_links
from factsift.store.base import KnowledgeStore

Parser = Callable[[Path], list[ParsedList]]

# name -> (folder under the data directory, parser of that folder)
PUBLIC_LISTS: dict[str, tuple[str, Parser]] = {
    "lin2023": (lin2023.FOLDER, lambda p: [lin2023.parse(p)]),
    "mbfc": (mbfc.FOLDER, lambda p: [mbfc.parse(p)]),
    "baly": (baly.FOLDER, lambda p: [baly.parse(p, "emnlp18"), baly.parse(p, "acl2020")]),
    "burdisso2024": (burdisso.FOLDER, lambda p: [burdisso.parse(p)]),
    "opensources": (opensources.OPENSOURCES_FOLDER, lambda p: [opensources.parse_opensources(p)]),
    "hearvox": (hearvox.FOLDER, hearvox.parse_all),
    "fakenewscorpus-websites": (
        opensources.FAKENEWSCORPUS_FOLDER,
        lambda p: [opensources.parse_fakenewscorpus(p)],
    ),
}


def load_curated(store: KnowledgeStore) -> int:
    """Write the curated rebrand table (idempotent); returns the number of links."""
    links = curated_links()
    with store.transaction():
        for link in links:
            for end in (link.domain, link.target):
                store.add_source(end, end, [], "curated")
            store.add_domain_link(link)
    return len(links)


def import_parsed(
    store: KnowledgeStore, lists: list[ParsedList], progress: Progress | None = None
) -> list[ImportResult]:
    """Load parsed lists and the curated rebrands in one transaction."""
    with store.transaction():
        results = [load(store, parsed, progress) for parsed in lists]
        load_curated(store)
    for parsed, result in zip(lists, results, strict=True):
        result.skipped = dict(parsed.skipped)
    return results


def import_public_list(
    store: KnowledgeStore, name: str, folder: Path, progress: Progress | None = None
) -> list[ImportResult]:
    """Parse one public list from its folder and load it (one transaction)."""
    _, parser = PUBLIC_LISTS[name]
    return import_parsed(store, parser(folder), progress)
