"""The matcher's sidecar files: written by imports, reused, rebuilt when stale."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from factsift.errors import ImportDataError
from factsift.factchecks import ann, bm25
from factsift.factchecks.importers import run_import
from factsift.factchecks.importers.base import BadRecord, Item
from factsift.factchecks.matching import ClaimMatcher, Doc
from factsift.factchecks.models import FactCheck
from factsift.factchecks.verdicts import Verdict
from factsift.store.base import open_store
from factsift.store.sqlite import SQLiteStore

CLAIMS = [
    "5G cell towers spread the coronavirus.",
    "Mexico paid for the border wall.",
    "The moon landing in 1969 was filmed in a Hollywood studio.",
    "Bees are going extinct because of pesticides.",
]


def _record(i: int, claim: str) -> FactCheck:
    return FactCheck(
        key=f"https://check.example/{i}",
        collection="test",
        claim=claim,
        verdict=Verdict.FALSE,
        publisher="Snopes",
    )


def _open(path: Path) -> SQLiteStore:
    store = open_store(path)
    assert isinstance(store, SQLiteStore)
    return store


@pytest.fixture()
def kb(kb_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FACTSIFT_CACHE", str(tmp_path / "cache"))
    store = _open(kb_path)
    run_import(store, "test", [_record(i, c) for i, c in enumerate(CLAIMS)], show_progress=False)
    store.close()
    return kb_path


def _generations(kb: Path) -> list[str]:
    return sorted(p.name for p in (kb.parent / f"{kb.name}.factchecks").glob("gen-*"))


def test_factchecks_sidecar_written_on_import(kb: Path) -> None:
    store = _open(kb)
    assert _generations(kb) == [f"gen-{store.factcheck_generation()}"]
    folder = kb.parent / f"{kb.name}.factchecks" / f"gen-{store.factcheck_generation()}"
    assert (folder / "meta.json").exists() and (folder / "bm25.postings.npy").exists()


def test_factchecks_sidecar_reused_on_next_open(kb: Path) -> None:
    store = _open(kb)
    top = store.search_factchecks("Did Mexico pay for the wall on the border?", k=1)
    assert top[0].factcheck.claim == CLAIMS[1]
    assert store.matcher_builds == 0  # opened from the files, not built from the tables
    # A plain ndarray over the mapping (no copy in memory; see bm25.mapped).
    assert isinstance(store.factcheck_matcher().claim_vecs.base, np.memmap)


def test_factchecks_sidecar_rebuilt_when_stale(kb: Path) -> None:
    store = _open(kb)
    old = _generations(kb)
    with store.transaction():  # a writer that does not refresh the sidecar
        store.upsert_factcheck(_record(9, "Drinking bleach cures the flu."))
    store.close()
    store = _open(kb)
    top = store.search_factchecks("Bleach cures flu", k=1)
    assert top[0].factcheck.claim == "Drinking bleach cures the flu."
    assert store.matcher_builds == 1
    assert _generations(kb) == [f"gen-{store.factcheck_generation()}"] != old
    store.close()
    store = _open(kb)
    store.search_factchecks("Bleach cures flu", k=1)
    assert store.matcher_builds == 0  # rebuilt once, saved, reused


def test_factchecks_failed_import_leaves_sidecar_valid(kb: Path) -> None:
    store = _open(kb)
    generation, files = store.factcheck_generation(), _generations(kb)

    def items() -> Iterator[Item]:
        yield _record(20, "Vaccines contain microchips.")
        yield BadRecord("bad.json", 3, "missing claim")

    with pytest.raises(ImportDataError):
        run_import(store, "bad", items(), strict=True, show_progress=False)
    assert store.factcheck_generation() == generation
    assert _generations(kb) == files
    store.close()
    store = _open(kb)
    assert store.search_factchecks("Mexico paid for the wall", k=1)[0].factcheck.claim == CLAIMS[1]
    assert store.matcher_builds == 0


def test_bm25_pruned_top_scores_are_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [["wall", "mexico"], ["wall"], ["wall", "wall", "bees"], ["bees"], ["moon", "wall"]]
    full = bm25.BM25Index(docs)
    monkeypatch.setattr(bm25, "PRUNE", 2)
    pruned = bm25.BM25Index(docs)
    assert len(pruned.imp_postings) < len(full.imp_postings)
    idx, scores = pruned.top(["wall", "mexico"], 3)
    exact = full.scores(["wall", "mexico"])
    assert idx[0] == 0 and np.allclose(scores, exact[idx])


def test_claim_matcher_save_load_with_ann(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("factsift.factchecks.matching.EXACT_BELOW", 0)
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(60, 384)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    docs = [Doc(100 + i, f"claim number {i} about topic{i}") for i in range(60)]
    built = ClaimMatcher(docs, vecs, None)
    assert built.ann is not None and ann.NPROBE > 0
    built.save(tmp_path)
    loaded = ClaimMatcher.load(tmp_path)
    assert loaded.ann is not None
    assert loaded.dense_top(vecs[7:8])[0][0] == 7
    query = ["claim number 7 about topic7"]
    saved_hits = [h.doc_id for h in loaded.search_many(query, k=5)[0]]
    assert saved_hits == [h.doc_id for h in built.search_many(query, k=5)[0]]


def test_factchecks_sidecar_of_older_format_is_replaced(kb: Path) -> None:
    store = _open(kb)
    folder = kb.parent / f"{kb.name}.factchecks" / f"gen-{store.factcheck_generation()}"
    (folder / "meta.json").write_text('{"format": 0, "generation": 0}', encoding="utf-8")
    store.search_factchecks("Mexico paid for the wall", k=1)
    assert store.matcher_builds == 1
    store.close()
    store = _open(kb)
    store.search_factchecks("Mexico paid for the wall", k=1)
    assert store.matcher_builds == 0
