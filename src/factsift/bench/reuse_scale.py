"""``factsift bench reuse-scale``: MinHash hashing rate, LSH index size and query latency.

Documents are a synthetic scale-up of real texts: each is 15 to 25 sentences drawn at
random from the sentences of the benchmark texts, so documents are distinct but share
sentences as news does. Query articles are real texts that are not in the corpus. The
in-memory ``LSHIndex`` is measured at ``docs``; the SQLite store that the trace stage uses
(documents split into passages, one LSH row per band) optionally at ``store_docs``. In the
same run, datasketch's ``MinHash`` (same shingles, same number of permutations) hashes a
sample of the same documents as the reference rate.
"""

from __future__ import annotations

import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from factsift.bench.reuse_texts import load_texts
from factsift.corpus.documents import build_documents
from factsift.corpus.passages import paragraphs, sentences
from factsift.errors import BenchmarkError
from factsift.store.sqlite import SQLiteStore
from factsift.trace.lsh import LSHIndex
from factsift.trace.minhash import NUM_PERM, SHINGLE, MinHasher
from factsift.trace.tokens import tokenize, words
from factsift.trace.tracer import candidate_documents, query_windows

BATCH = 2000


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def synthetic_documents(pool: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(pool, k=rng.randint(15, 25))) for _ in range(count)]


def datasketch_rate(docs: list[str]) -> float | None:
    """Documents/s of datasketch's MinHash over the same word shingles."""
    try:
        from datasketch import MinHash  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        return None
    started = time.perf_counter()
    for doc in docs:
        tokens = words(doc)
        shingles = {
            " ".join(tokens[i : i + SHINGLE]).encode("utf-8")
            for i in range(max(1, len(tokens) - SHINGLE + 1))
        }
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch(list(shingles))
    return len(docs) / (time.perf_counter() - started)


def store_figures(
    pool: list[str], count: int, seed: int, query_texts: list[str], hasher: MinHasher
) -> dict[str, Any]:
    """Import rate into a temporary SQLite store and the latency of the trace stage's query."""
    records: list[dict[str, str | None]] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "scale.sqlite3")
        try:
            started = time.perf_counter()
            for lo in range(0, count, BATCH):
                batch = synthetic_documents(pool, min(BATCH, count - lo), seed * 7_000_003 + lo)
                records = [{"text": text} for text in batch]
                with store.transaction():
                    store.add_documents(build_documents(records, "scale", hasher))
            import_seconds = time.perf_counter() - started
            latencies = []
            for text in query_texts:
                started = time.perf_counter()
                candidate_documents(store, text, tokenize(text), hasher)
                latencies.append((time.perf_counter() - started) * 1000)
        finally:
            store.close()
    latencies.sort()
    return {
        "store_docs": count,
        "store_import_docs_per_s": round(count / import_seconds, 1),
        "store_query_ms_median": round(statistics.median(latencies), 2),
        "store_query_ms_p95": round(latencies[int(0.95 * (len(latencies) - 1))], 2),
    }


def run_scale(
    data_root: Path,
    docs: int,
    seed: int = 0,
    reference_sample: int = 2000,
    queries: int = 50,
    store_docs: int = 0,
    politifact: int = 3000,
) -> dict[str, Any]:
    if docs < 1:
        raise BenchmarkError(f"--docs must be at least 1, not {docs}.")
    texts = load_texts(data_root, politifact_limit=politifact)
    rng = random.Random(seed)
    rng.shuffle(texts)
    query_texts = [t.text for t in texts[:queries]]
    pool: list[str] = []
    for t in texts[queries:]:
        for p0, p1 in paragraphs(t.text):
            pool.extend(t.text[s:e] for s, e in sentences(t.text, p0, p1))
    hasher = MinHasher()
    signatures = np.empty((docs, NUM_PERM), dtype=np.uint32)
    hash_seconds = 0.0
    words_total = 0
    sample: list[str] = []
    for lo in range(0, docs, BATCH):
        batch = synthetic_documents(pool, min(BATCH, docs - lo), seed * 1_000_003 + lo)
        if len(sample) < reference_sample:
            sample.extend(batch[: reference_sample - len(sample)])
        started = time.perf_counter()
        signatures[lo : lo + len(batch)] = hasher.signatures(batch)
        hash_seconds += time.perf_counter() - started
        words_total += sum(len(b.split()) for b in batch)
    started = time.perf_counter()
    index = LSHIndex()
    index.build(signatures)
    index_seconds = time.perf_counter() - started

    started = time.perf_counter()
    hasher.signatures(sample)
    ours_sample_rate = len(sample) / (time.perf_counter() - started)
    reference = datasketch_rate(sample)

    latencies: list[float] = []
    candidates: list[int] = []
    for text in query_texts:
        started = time.perf_counter()
        windows = query_windows(text, tokenize(text))
        ids, _counts = index.query(hasher.signatures(windows))
        latencies.append((time.perf_counter() - started) * 1000)
        candidates.append(len(ids))
    latencies.sort()
    stored = store_figures(pool, store_docs, seed, query_texts, hasher) if store_docs else {}
    return {
        "benchmark": "reuse-scale",
        "docs": docs,
        "mean_words_per_doc": round(words_total / docs, 1),
        "num_perm": NUM_PERM,
        "hash_docs_per_s": round(docs / hash_seconds, 1),
        "index_build_s": round(index_seconds, 2),
        "index_mb": round(index.nbytes() / 2**20, 1),
        "signatures_mb": round(signatures.nbytes / 2**20, 1),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "reference_sample_docs": len(sample),
        "ours_docs_per_s_on_sample": round(ours_sample_rate, 1),
        "datasketch_docs_per_s_on_sample": round(reference, 1) if reference else None,
        "speedup_vs_datasketch": round(ours_sample_rate / reference, 2) if reference else None,
        "query_articles": len(latencies),
        "query_ms_median": round(statistics.median(latencies), 2),
        "query_ms_p95": round(latencies[int(0.95 * (len(latencies) - 1))], 2),
        "query_candidates_median": int(statistics.median(candidates)),
        **stored,
    }
