"""Scale benchmark of claim matching: real fact-checks plus a synthetic scale-up.

Synthetic records are built from the real ones so that the term statistics stay realistic:
each takes the words of a real claim, swaps a third of them for words of another real
claim, and gets the real claim's vector plus Gaussian noise (renormalised); embedding a
million texts on 2 cores would take hours, and the timing of the search does not depend on
where a vector came from. Reported: index build rate, memory, first-stage queries/s on one
core (BM25 and dense separately, and both), and the end-to-end time of matching a
40-sentence article (cleaning, query embedding, first stages, features, re-ranking, and the
"same claim" decision with the cross-encoder), with and without the cross-encoder.
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

from factsift.factchecks.cross_encoder import doc_text
from factsift.factchecks.importers import checkthat
from factsift.factchecks.importers.base import BadRecord
from factsift.factchecks.matching import ClaimMatcher, Doc
from factsift.factchecks.models import FactCheck
from factsift.factchecks.preprocess import tokens
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
    built = ClaimMatcher(docs, vectors, None)
    build = time.perf_counter() - started
    # What a check does: open the saved sidecar (memory-mapped) instead of building.
    with tempfile.TemporaryDirectory(prefix="factsift-scale-") as tmp:
        started = time.perf_counter()
        built.save(Path(tmp))
        save_s = time.perf_counter() - started
        del built
        started = time.perf_counter()
        matcher = ClaimMatcher.load(Path(tmp))
        load_s = time.perf_counter() - started
        # As the store does: the cross-encoder reads the texts of the candidates it decides.
        matcher.texts = lambda rows: [doc_text(docs[r].claim, docs[r].title) for r in rows]
        index_mb = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 2**20
        figures = _time_queries(matcher, real, rng, queries)
    figures.update(
        {
            "index_build_seconds": round(build, 2),
            "index_build_records_per_s": round(n_records / build, 1),
            "sidecar_save_seconds": round(save_s, 2),
            "sidecar_open_seconds": round(load_s, 3),
            "sidecar_mb": round(index_mb, 1),
        }
    )
    return {
        "records": n_records,
        "real_records": len(real),
        "synthetic_records": n_records - len(real),
        "threads": os.environ.get("OMP_NUM_THREADS", "default"),
        "ann": "faiss IVF fp16" if matcher.ann is not None else "exact",
        "process_peak_rss_mb": round(max(rss_before, _rss_mb()), 1),
        **figures,
    }


def _time_queries(
    matcher: ClaimMatcher, real: list[FactCheck], rng: random.Random, queries: int
) -> dict[str, Any]:
    """First stages one query at a time, then first stages + re-rank, then an article."""
    sample = [real[rng.randrange(len(real))].claim for _ in range(queries)]
    cleaned, qvecs = matcher.encode_queries(sample)
    qtokens = [tokens(q) for q in cleaned]
    started = time.perf_counter()
    for toks in qtokens:
        matcher.bm25.top(toks, matcher.first_stage)
    bm25_s = time.perf_counter() - started
    started = time.perf_counter()
    for v in qvecs:
        matcher.dense_top(v[None, :])
    dense_s = time.perf_counter() - started
    started = time.perf_counter()
    for start in range(0, len(qvecs), 40):
        matcher.dense_top(qvecs[start : start + 40])
    dense_batched_s = time.perf_counter() - started
    started = time.perf_counter()
    for toks, v in zip(qtokens, qvecs, strict=True):
        matcher.bm25.top(toks, matcher.first_stage)
        matcher.dense_top(v[None, :])
    both_s = time.perf_counter() - started
    started = time.perf_counter()
    for i, q in enumerate(cleaned):
        matcher.rank(q, qvecs[i], 5)
    full_s = time.perf_counter() - started
    article = [real[rng.randrange(len(real))].claim for _ in range(40)]
    scorer = matcher.cross_encoder()
    before = scorer.pairs_scored if scorer is not None else 0
    started = time.perf_counter()
    matcher.search_many(article, 3)
    article_s = time.perf_counter() - started
    pairs = (scorer.pairs_scored - before) if scorer is not None else 0
    matcher.use_cross_encoder = False
    started = time.perf_counter()
    matcher.search_many(article, 3)
    article_plain_s = time.perf_counter() - started
    matcher.use_cross_encoder = True
    return {
        "first_stage_bm25_queries_per_s": round(queries / bm25_s, 1),
        "first_stage_dense_queries_per_s": round(queries / dense_s, 1),
        "first_stage_dense_queries_per_s_batches_of_40": round(queries / dense_batched_s, 1),
        "first_stage_bm25_and_dense_queries_per_s": round(queries / both_s, 1),
        "first_stage_plus_rerank_queries_per_s": round(queries / full_s, 1),
        "article_40_sentences_seconds": round(article_s, 3),
        "article_40_sentences_cross_encoder_pairs": pairs,
        "article_40_sentences_seconds_without_cross_encoder": round(article_plain_s, 3),
    }
