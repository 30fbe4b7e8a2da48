"""Evidence retrieval at scale: first-stage latency over a large synthetic corpus.

Passages are three real Climate-FEVER evidence sentences drawn at random (about 80 words,
real vocabulary and term frequencies); vectors are random unit vectors (the search cost does
not depend on their values), so no embedding is needed to build a large store. Measures the
two first stages the evidence stage runs per claim: the FTS5 BM25 query and the exact dense
product, for Climate-FEVER claims as queries. Stance and window ranking cost the same at any
corpus size (a fixed number of candidates per claim) and are measured by ``bench evidence``.
"""

from __future__ import annotations

import os
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from factsift.bench.evidence import read_claims
from factsift.corpus.model import DocumentRecord, PassageRecord
from factsift.embed import DIM
from factsift.evidence.index import PassageMatrix
from factsift.evidence.retrieval import FIRST_STAGE, query_terms

BATCH = 20_000


def _sentences_and_claims(path: Path) -> tuple[list[str], list[str]]:
    rows = read_claims(path)
    sentences = [str(ev["evidence"]) for row in rows for ev in row["evidences"]]
    return sentences, [str(row["claim"]) for row in rows]


def run(path: Path, passages: int, queries: int = 50, seed: int = 5) -> dict[str, Any]:
    from factsift.store.base import open_store

    sentences, claims = _sentences_and_claims(path)
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    with tempfile.TemporaryDirectory() as tmp:
        store_path = Path(tmp) / "scale.sqlite3"
        with open_store(store_path) as store:
            started = time.perf_counter()
            for lo in range(0, passages, BATCH):
                docs = []
                for i in range(lo, min(passages, lo + BATCH)):
                    text = " ".join(rng.choice(sentences) for _ in range(3))
                    docs.append(
                        DocumentRecord(
                            key=f"synthetic:{i}",
                            text=text,
                            content_hash=f"synthetic:{i}",
                            origin="scale",
                            passages=[PassageRecord(0, 0, len(text), b"")],
                        )
                    )
                vectors = nrng.standard_normal((len(docs), DIM)).astype(np.float32)
                vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
                with store.transaction():
                    store.add_documents(docs)
                    first = lo + 1  # passage ids follow insertion order in a fresh store
                    store.add_passage_vectors(
                        [(first + j, v.astype(np.float16).tobytes()) for j, v in enumerate(vectors)]
                    )
            build_s = time.perf_counter() - started
            started = time.perf_counter()
            matrix = PassageMatrix.load(store)  # from the table; writes the copy beside it
            load_s = time.perf_counter() - started
            started = time.perf_counter()
            matrix = PassageMatrix.load(store)  # what every later check does: the copy
            reload_s = time.perf_counter() - started
            chosen = claims[:queries]
            terms = [query_terms(c) for c in chosen]
            started = time.perf_counter()
            for claim_terms in terms:
                store.search_passages(claim_terms, FIRST_STAGE)
            bm25_s = time.perf_counter() - started
            qvecs = nrng.standard_normal((len(chosen), DIM)).astype(np.float32)
            started = time.perf_counter()
            matrix.top(qvecs, FIRST_STAGE)
            dense_s = time.perf_counter() - started
            started = time.perf_counter()
            without_vectors = store.passage_count() - store.passage_vector_count()  # each check
            probe_s = time.perf_counter() - started
            size = os.path.getsize(store_path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "passages": passages,
        "queries": len(chosen),
        "build_s": round(build_s, 1),
        "store_mb": round(size / 2**20, 1),
        "vectors_first_load_s": round(load_s, 2),
        "vectors_load_s": round(reload_s, 3),
        "vectors_memory_mb": round(matrix.vectors.nbytes / 2**20, 1),
        "bm25_ms_per_claim": round(1000 * bm25_s / len(chosen), 2),
        "dense_ms_per_claim": round(1000 * dense_s / len(chosen), 2),
        "vectors_missing_probe_ms": round(1000 * probe_s, 2),
        "passages_without_vectors": without_vectors,
        "first_stage_ms_per_claim": round(1000 * (bm25_s + dense_s) / len(chosen), 2),
        "peak_rss_mb": round(peak / 2**20, 1),
    }
