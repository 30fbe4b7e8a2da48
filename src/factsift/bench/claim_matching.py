"""Claim-matching benchmark: CheckThat! task 2 splits, given by path.

Metrics (reimplemented after the lab's definitions, trec_eval style):
- AP@k of a query = (1/R) * sum over ranks i <= k of P@i * rel(i), R = relevant fact-checks
  of the query in the qrels; MAP@k is its mean over queries in the qrels.
- MRR: mean of 1/rank of the first relevant fact-check (0 if not in the returned list).
- Recall@5: share of a query's relevant fact-checks in its top 5, averaged over queries.
Only queries that appear in the qrels are scored (the Train-Dev queries file holds both).
"""

from __future__ import annotations

import csv
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factsift.errors import BenchmarkError, ImportDataError
from factsift.factchecks.context import find_line, load_transcripts, with_context
from factsift.factchecks.importers import checkthat
from factsift.factchecks.importers.base import BadRecord
from factsift.factchecks.matching import ClaimMatcher
from factsift.factchecks.models import FactCheck
from factsift.factchecks.preprocess import tweet_date

DEPTH = 20  # ranked list length per query (MRR is computed over it)


@dataclass(slots=True)
class Split:
    vclaims: list[FactCheck]  # record.id = row number; keys end with the lab's vclaim id
    queries: dict[str, str]
    qrels: dict[str, set[str]]


def vclaim_id(record: FactCheck) -> str:
    return record.key.split(":", 1)[1]


def load_vclaims(path: Path) -> list[FactCheck]:
    """Verified claims of any of the three sets, detected from the path."""
    if not path.exists():
        raise BenchmarkError(f"No verified claims at '{path}'. Give the folder or file.")
    name = path.name
    candidates = (
        [
            path / n
            for n in (
                "vclaims.tar.gz",
                "politifact-vclaims.tar.gz",
                "vclaims",
                "politifact-vclaims",
                "verified_claims.docs.tsv",
            )
        ]
        if path.is_dir()
        else [path]
    )
    target = next((c for c in candidates if c.exists()), path)
    name = target.name
    try:
        if name.endswith(".tsv"):
            items = list(checkthat.read_2020(target))
        elif "politifact" in name:
            items = list(checkthat.read_2022_2b(target))
        elif name.startswith("vclaims"):
            items = list(checkthat.read_2022_2a(target))
        elif path.is_dir() and any(path.glob("*.json")):
            items = list(checkthat.read_2022_2a(path))
        else:
            raise BenchmarkError(
                f"Cannot tell the format of '{path}': expected vclaims.tar.gz, "
                "politifact-vclaims.tar.gz, a folder of vclaim JSON, or verified_claims.docs.tsv."
            )
    except ImportDataError as exc:
        raise BenchmarkError(str(exc)) from exc
    records = [item for item in items if not isinstance(item, BadRecord)]
    from dataclasses import replace

    return [replace(r, id=i) for i, r in enumerate(records)]


def load_queries(path: Path) -> dict[str, str]:
    """id -> text from a two-column TSV (a header row is skipped if it has no text)."""
    if not path.is_file():
        raise BenchmarkError(f"No queries file '{path}'.")
    queries: dict[str, str] = {}
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) >= 2 and row[0].strip():
                queries[row[0].strip()] = row[1]
    return queries


def load_qrels(path: Path) -> dict[str, set[str]]:
    """query id -> relevant vclaim ids, from TREC qrels (qid 0 docid relevance)."""
    if not path.is_file():
        raise BenchmarkError(f"No qrels file '{path}'.")
    qrels: dict[str, set[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 4:
            raise BenchmarkError(f"{path}:{number}: expected 'qid 0 docid relevance'.")
        if parts[3] != "0":
            qrels.setdefault(parts[0], set()).add(parts[2])
    return qrels


def load_split(vclaims: Path, queries: Path, qrels: Path) -> Split:
    split = Split(load_vclaims(vclaims), load_queries(queries), load_qrels(qrels))
    missing = [q for q in split.qrels if q not in split.queries]
    if missing:
        raise BenchmarkError(
            f"{len(missing)} query ids of '{qrels}' are not in '{queries}' "
            f"(first: {missing[0]}). Give the queries file of the same split."
        )
    return split


def score_run(ranked: dict[str, list[str]], qrels: dict[str, set[str]]) -> dict[str, float]:
    """MAP@1, MAP@5, MRR and Recall@5 of ranked vclaim ids per query."""
    total = {"map@1": 0.0, "map@3": 0.0, "map@5": 0.0, "mrr": 0.0, "recall@5": 0.0}
    for qid, relevant in qrels.items():
        ranking = ranked.get(qid, [])
        for k in (1, 3, 5):
            hits, ap = 0, 0.0
            for i, doc in enumerate(ranking[:k], start=1):
                if doc in relevant:
                    hits += 1
                    ap += hits / i
            total[f"map@{k}"] += ap / len(relevant)
        first = next((i for i, doc in enumerate(ranking, start=1) if doc in relevant), None)
        total["mrr"] += 1.0 / first if first else 0.0
        total["recall@5"] += len(relevant & set(ranking[:5])) / len(relevant)
    n = max(len(qrels), 1)
    return {name: round(value / n, 4) for name, value in total.items()}


def run_benchmark(
    vclaims: Path,
    queries: Path,
    qrels: Path,
    *,
    matcher: ClaimMatcher | None = None,
    transcripts: Sequence[Path] = (),
) -> dict[str, Any]:
    """Hybrid matcher and the BM25-only baseline on one split, with timings.

    ``transcripts``: folders or zips of debate transcripts; a query whose line is found in
    one gets the line before it and its speaker (``factchecks.context``), for both systems."""
    split = load_split(vclaims, queries, qrels)
    lines = load_transcripts(transcripts) if transcripts else {}
    started = time.perf_counter()
    if matcher is None:
        matcher = ClaimMatcher.from_records(split.vclaims)
    built = time.perf_counter() - started
    ids = [vclaim_id(r) for r in split.vclaims]
    qids = list(split.qrels)
    texts = [with_context(q, split.queries[q], lines) for q in qids]
    started = time.perf_counter()
    cleaned, vectors = matcher.encode_queries(texts)
    dates = [tweet_date(t) for t in texts]
    hybrid = {
        q: [ids[h.index] for h in matcher.rank(cleaned[i], vectors[i], DEPTH, dates[i])]
        for i, q in enumerate(qids)
    }
    hybrid_time = time.perf_counter() - started
    started = time.perf_counter()
    baseline = {
        q: [ids[i] for i in matcher.rank_bm25(cleaned[j], DEPTH)] for j, q in enumerate(qids)
    }
    bm25_time = time.perf_counter() - started
    hybrid_groups, group_qrels = collapse_duplicates(split, hybrid)
    baseline_groups, _ = collapse_duplicates(split, baseline)
    return {
        "vclaims": str(vclaims),
        "queries": str(queries),
        "qrels": str(qrels),
        "n_vclaims": len(split.vclaims),
        "n_queries": len(qids),
        "queries_with_context": sum(find_line(q, lines) is not None for q in qids),
        "hybrid": score_run(hybrid, split.qrels),
        "bm25_baseline": score_run(baseline, split.qrels),
        # Not the lab's metric: fact-checks whose claims are equal up to quote marks and case
        # (the 2020 file holds 184 such groups, one member of each in the qrels) count as one.
        "hybrid_duplicates_collapsed": score_run(hybrid_groups, group_qrels),
        "bm25_duplicates_collapsed": score_run(baseline_groups, group_qrels),
        "seconds": {
            "index_build": round(built, 2),
            "hybrid_queries": round(hybrid_time, 2),
            "bm25_queries": round(bm25_time, 3),
        },
        "reranker": matcher.reranker.meta,
    }


def _claim_key(text: str) -> str:
    return re.sub(r"[\"'“”‘’`]", "", " ".join(text.lower().split()))


def collapse_duplicates(
    split: Split, ranked: dict[str, list[str]]
) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """Rankings and qrels over groups of fact-checks whose claims are equal up to quotes and
    case: a group counts once, where its first member is ranked."""
    key = {vclaim_id(r): _claim_key(r.claim) for r in split.vclaims}
    collapsed = {}
    for q, ranking in ranked.items():
        seen: list[str] = []
        for doc in ranking:
            if key.get(doc, doc) not in seen:
                seen.append(key.get(doc, doc))
        collapsed[q] = seen
    qrels = {q: {key.get(g, g) for g in gold} for q, gold in split.qrels.items()}
    return collapsed, qrels
