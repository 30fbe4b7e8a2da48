"""Scale benchmark of claim matching: real fact-checks plus a synthetic scale-up.

Synthetic records are built from the real ones so that the term statistics stay realistic:
each takes the words of a real claim, swaps a third of them for words of another real
claim, and gets the real claim's vector plus Gaussian noise (renormalised); embedding a
million texts on 2 cores would take hours, and the timing of the search does not depend on
where a vector came from. Reported: index build rate, memory, first-stage queries/s on one
core (BM25 and dense separately, and both), and the end-to-end time of matching a
40-sentence article (cleaning, query embedding, first stages, features, re-ranking).
"""

from __future__ import annotations

import os
import random
import resource
import time
from pathlib import Path
from typing import Any

import numpy as np

from factsift.factchecks.importers import checkthat
from factsift.factchecks.importers.base import BadRecord
from factsift.factchecks.matching import ClaimMatcher, Doc
from factsift.factchecks.models import FactCheck
from factsift.factchecks.vectors import encode
from factsift.settings import data_dir

SEED = 13


def real_records(data: Path) -> list[FactCheck]:
    records: list[FactCheck] = []
    for name, reader in (
        (checkthat.SET_2A, checkthat.read_2022_2a),
        (checkthat.SET_2B, checkthat.read_2022_2b),
        (checkthat.SET_2020, checkthat.read_2020),
    ):
        path = checkthat.default_path(name, data)
        if path.exists():
            records.extend(r for r in reader(path) if not isinstance(r, BadRecord))
    return records


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_scale(n_records: int, data: Path | None = None, queries: int = 200) -> dict[str, Any]:
    """Build a matcher over ``n_records`` fact-checks and time its parts."""
    rng = random.Random(SEED)
    real = real_records(data or data_dir())
    if not real:
        from factsift.errors import BenchmarkError

        raise BenchmarkError("No public fact-check sets found under the data folder.")
    real = real[:n_records]
    real_vecs = encode([r.claim for r in real])
    docs = [Doc(i, r.claim, r.title, None) for i, r in enumerate(real)]
    words = [r.claim.split() for r in real]
    vec_rows = list(range(len(real)))
    np_rng = np.random.default_rng(SEED)
    for i in range(len(real), n_records):
        base = rng.randrange(len(real))
        donor = words[rng.randrange(len(real))]
        text = list(words[base])
        for j in range(0, len(text), 3):
            if donor:
                text[j] = donor[rng.randrange(len(donor))]
        docs.append(Doc(i, " ".join(text), None, None))
        vec_rows.append(base)
    vectors = real_vecs[vec_rows]
    synthetic = slice(len(real), n_records)
    vectors[synthetic] += np_rng.normal(0, 0.05, size=vectors[synthetic].shape).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    rss_before = _rss_mb()
    started = time.perf_counter()
    matcher = ClaimMatcher(docs, vectors, None)
    build = time.perf_counter() - started
    index_mb = (
        matcher.bm25.weights.nbytes
        + matcher.bm25.postings.nbytes
        + matcher.bm25_claim.weights.nbytes
        + matcher.bm25_claim.postings.nbytes
        + matcher.claim_vecs.nbytes
    ) / 2**20
    sample = [real[rng.randrange(len(real))].claim for _ in range(queries)]
    cleaned, qvecs = matcher.encode_queries(sample)
    from factsift.factchecks.preprocess import tokens

    qtokens = [tokens(q) for q in cleaned]
    started = time.perf_counter()
    for toks in qtokens:
        matcher.bm25.top(toks, matcher.first_stage)
    bm25_s = time.perf_counter() - started
    started = time.perf_counter()
    for v in qvecs:
        scores = matcher.claim_vecs @ v
        np.argpartition(-scores, matcher.first_stage)[: matcher.first_stage]
    dense_s = time.perf_counter() - started
    started = time.perf_counter()
    for start in range(0, len(qvecs), 40):
        batch_scores, _ = matcher.cosines(qvecs[start : start + 40])
        for row in batch_scores:
            np.argpartition(-row, matcher.first_stage)[: matcher.first_stage]
    dense_batched_s = time.perf_counter() - started
    started = time.perf_counter()
    for i, q in enumerate(cleaned):
        matcher.rank(q, qvecs[i], 5)
    full_s = time.perf_counter() - started
    article = [real[rng.randrange(len(real))].claim for _ in range(40)]
    started = time.perf_counter()
    matcher.search_many(article, 3)
    article_s = time.perf_counter() - started
    return {
        "records": n_records,
        "real_records": len(real),
        "synthetic_records": n_records - len(real),
        "threads": os.environ.get("OMP_NUM_THREADS", "default"),
        "index_build_seconds": round(build, 2),
        "index_build_records_per_s": round(n_records / build, 1),
        "index_arrays_mb": round(index_mb, 1),
        "process_peak_rss_mb": round(max(rss_before, _rss_mb()), 1),
        "first_stage_bm25_queries_per_s": round(queries / bm25_s, 1),
        "first_stage_dense_queries_per_s": round(queries / dense_s, 1),
        "first_stage_dense_queries_per_s_batches_of_40": round(queries / dense_batched_s, 1),
        "first_stage_plus_rerank_queries_per_s": round(queries / full_s, 1),
        "article_40_sentences_seconds": round(article_s, 3),
    }
