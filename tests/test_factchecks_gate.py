"""Quality gate: MAP@5 and "same claim" calls on a small slice of CheckThat! 2022 2A dev.

The slice: the first 40 dev queries of the qrels, against an index of their gold
fact-checks plus hard distractors: the 10 best BM25 hits of each query over all 14,231
fact-checks (about 340 in all), so that only the final ranking separates gold from
look-alikes. The full benchmark runs on demand (`factsift bench claim-matching`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factsift.bench.claim_matching import load_split, score_run, vclaim_id
from factsift.factchecks.bm25 import BM25Index
from factsift.factchecks.matching import ClaimMatcher
from factsift.factchecks.preprocess import clean_query, tokens

MIN_MAP5 = 0.92  # measured 0.96 (2026-11-25); see BENCHMARKS.md "Claim matching"
# "Same claim" at each query's top hit, with the cross-encoder deciding the unsure ones:
# measured 25 right, 0 wrong (2026-11-26; the first model alone: 31 right, 0 wrong on this
# slice; over all of 2A dev and dev-test the cross-encoder gains, see BENCHMARKS.md).
MIN_SAME_RIGHT = 22
MAX_SAME_WRONG = 1
QUERIES = 40
DISTRACTORS = 10


def test_factchecks_gate_map5_on_2a_dev_slice(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTSIFT_CACHE", str(tmp_path / "cache"))
    folder = data_dir / "clef2022-checkthat-task2" / "subtask-2a--english"
    split = load_split(
        folder,
        folder / "CT2022-Task2A-EN-Train-Dev_Queries.tsv",
        folder / "CT2022-Task2A-EN-Dev_QRELs.tsv",
    )
    qrels = dict(list(split.qrels.items())[:QUERIES])
    gold = set().union(*qrels.values())
    lexical = BM25Index([tokens(f"{r.claim} {r.title or ''}") for r in split.vclaims])
    chosen = {i for i, r in enumerate(split.vclaims) if vclaim_id(r) in gold}
    for q in qrels:
        chosen.update(lexical.top(tokens(clean_query(split.queries[q])), DISTRACTORS)[0].tolist())
    records = sorted((split.vclaims[i] for i in chosen), key=vclaim_id)
    matcher = ClaimMatcher.from_records(records)
    ids = [vclaim_id(r) for r in records]
    cleaned, vectors = matcher.encode_queries([split.queries[q] for q in qrels])
    hits = {q: matcher.rank(cleaned[i], vectors[i], 5) for i, q in enumerate(qrels)}
    ranked = {q: [ids[h.index] for h in row] for q, row in hits.items()}
    scores = score_run(ranked, qrels)
    assert scores["map@5"] >= MIN_MAP5, scores
    said = [(ids[row[0].index] in qrels[q]) for q, row in hits.items() if row[0].same_claim]
    assert sum(said) >= MIN_SAME_RIGHT, said
    assert len(said) - sum(said) <= MAX_SAME_WRONG, said
    assert any("cross_encoder" in h.features for row in hits.values() for h in row)
