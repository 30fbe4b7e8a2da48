"""``factsift bench reuse``: text-reuse quality on generated cases (PAN measures).

Cases come from ``reuse_generator`` over real texts; the corpus (sources and distractors)
is imported into a temporary SQLite store and each case article is traced through
``trace.tracer.trace_text``, the same code the trace stage runs.
"""

from __future__ import annotations

import tempfile
import time
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

from factsift.bench.reuse_generator import ReuseSet, generate
from factsift.bench.reuse_metrics import Pair, score
from factsift.bench.reuse_texts import load_texts
from factsift.corpus.documents import build_documents
from factsift.store.base import KnowledgeStore
from factsift.store.sqlite import SQLiteStore
from factsift.trace.minhash import MinHasher
from factsift.trace.paraphrase import Encoder
from factsift.trace.tracer import trace_text

BENCH_URL = "bench:"


def load_corpus(store: KnowledgeStore, reuse_set: ReuseSet, hasher: MinHasher) -> None:
    records: list[dict[str, str | None]] = [
        {"url": BENCH_URL + t.key, "title": t.title, "text": t.text} for t in reuse_set.corpus
    ]
    with store.transaction():
        store.add_documents(build_documents(records, "bench", hasher))


def evaluate(
    store: KnowledgeStore, reuse_set: ReuseSet, hasher: MinHasher, encoder: Encoder | None = None
) -> dict[str, Any]:
    cases: list[Pair] = []
    detections: list[Pair] = []
    kinds: dict[str, list[Pair]] = defaultdict(list)
    headline_ok = origin_ok = 0
    started = time.perf_counter()
    for case in reuse_set.cases:
        for t in case.truth:
            pair = Pair(
                case.key,
                t.source_key,
                (t.article_start, t.article_end),
                (t.source_start, t.source_end),
            )
            cases.append(pair)
            kinds[t.obfuscation].append(pair)
        result = trace_text(store, case.text, title=case.title, hasher=hasher, encoder=encoder)
        for p in result.passages:
            a = p.alignment
            key = (p.doc.url or "").removeprefix(BENCH_URL)
            detections.append(
                Pair(
                    case.key, key, (a.article_start, a.article_end), (a.source_start, a.source_end)
                )
            )
        truth_keys = {t.source_key for t in case.truth}
        origin_key = (result.origin.url or "").removeprefix(BENCH_URL) if result.origin else None
        origin_ok += origin_key in truth_keys
        headline_ok += result.headline is not None and origin_key in truth_keys
    elapsed = time.perf_counter() - started
    overall = score(cases, detections)
    per_kind = {
        kind: round(
            score(
                pairs,
                [
                    d
                    for d in detections
                    if any(d.article == p.article and d.source == p.source for p in pairs)
                ],
            ).recall,
            4,
        )
        for kind, pairs in sorted(kinds.items())
    }
    n = len(reuse_set.cases)
    return {
        **{k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(overall).items()},
        "recall_by_obfuscation": per_kind,
        "origin_accuracy": round(origin_ok / n, 4) if n else None,
        "headline_change_detected": round(headline_ok / n, 4) if n else None,
        "seconds_per_article": round(elapsed / n, 4) if n else None,
    }


def run_reuse(
    data_root: Path,
    seed: int,
    cases: int = 50,
    distractors: int = 300,
    politifact: int = 3000,
    paraphrase: bool = False,
) -> dict[str, Any]:
    texts = load_texts(data_root, politifact_limit=politifact)
    reuse_set = generate(texts, seed, cases=cases, distractors=distractors)
    hasher = MinHasher()
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "bench.sqlite3")
        try:
            load_corpus(store, reuse_set, hasher)
            encoder = None
            if paraphrase:
                from factsift.embed import default_embedder

                encoder = default_embedder()
            figures = evaluate(store, reuse_set, hasher, encoder)
        finally:
            store.close()
    return {
        "benchmark": "reuse",
        "seed": seed,
        "paraphrase": paraphrase,
        "articles": len(reuse_set.cases),
        "corpus_documents": len(reuse_set.corpus),
        "texts_available": len(texts),
        **figures,
    }
