"""Evidence benchmark on Climate-FEVER: open retrieval over a corpus, stance, claim status.

Climate-FEVER gives each claim five evidence sentences (labelled supports / refutes / not
enough info) and a claim label (SUPPORTS, REFUTES, DISPUTED, NOT_ENOUGH_INFO). Here every
evidence sentence of the file becomes one corpus document (labels unused), and the evidence
stage runs for the claims of one split (by claim, ``bench.datasets.stance.split_of``: the stance
model never trained on the dev/test claims) exactly as in ``factsift check``: hybrid
retrieval over all ~6,000 sentences, filters, stance, and the claim-status rule.

Figures: ``recall_at_k`` (claims with a gold supports/refutes sentence among the passages
given a stance), claim-status accuracy and macro-F1 over the four labels, coverage (claims
given a status) and precision of the statuses given, and the same at other strong-passage
floors and source counts (recomputed from the stored probabilities), so the rule can be
chosen on dev.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from factsift.article import Article, Claim, SourceInfo, Span
from factsift.bench.datasets.stance import split_of
from factsift.bench.extras import require_scikit_learn
from factsift.corpus.documents import build_documents
from factsift.errors import BenchmarkError
from factsift.evidence.index import embed_missing
from factsift.evidence.verdict import MIN_SOURCES, STRONG, claim_verdict
from factsift.trace.minhash import MinHasher

STATUS_TO_LABEL = {
    "supported": "SUPPORTS",
    "refuted": "REFUTES",
    "disputed": "DISPUTED",
    "not_enough_evidence": "NOT_ENOUGH_INFO",
}
LABELS = ("SUPPORTS", "REFUTES", "DISPUTED", "NOT_ENOUGH_INFO")
FLOORS = (0.5, 0.6, 0.7, 0.8, 0.9)


def read_claims(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise BenchmarkError(
            f"Climate-FEVER data not found at {path}: point --data at climate-fever.jsonl "
            "(../shared/data/climate-fever)."
        )
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not all(key in row for key in ("claim_id", "claim", "claim_label", "evidences")):
                    raise KeyError("claim_id, claim, claim_label or evidences")
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise BenchmarkError(
                    f"{path}:{line_no}: not a Climate-FEVER record ({exc})."
                ) from exc
            rows.append(row)
    return rows


def _build_corpus(store: Any, rows: list[dict[str, Any]]) -> None:
    """One document per distinct evidence sentence, with its vectors (cached by text)."""
    records, seen = [], set()
    for row in rows:
        for ev in row["evidences"]:
            if ev["evidence_id"] in seen:
                continue
            seen.add(ev["evidence_id"])
            records.append(
                {
                    "text": ev["evidence"],
                    "url": f"https://en.wikipedia.org/wiki/{ev['article'].replace(' ', '_')}"
                    f"#{ev['evidence_id']}",
                    "title": ev["article"],
                    "publisher": "Wikipedia",
                }
            )
    hasher = MinHasher()
    for start in range(0, len(records), 1000):
        docs = build_documents(records[start : start + 1000], "climate-fever", hasher)
        with store.transaction():
            store.add_documents(docs)
            embed_missing(store)


def _article(rows: list[dict[str, Any]]) -> Article:
    text, claims = "", list[Claim]()
    for row in rows:
        claim = " ".join(str(row["claim"]).split())
        start = len(text)
        text += claim + "\n\n"
        claims.append(Claim(sentence=len(claims), span=Span(start, start + len(claim)), text=claim))
    return Article(text=text, source=SourceInfo(kind="text"), claims=claims)


def _scores(gold: list[str], predicted: list[str]) -> dict[str, float | None]:
    from sklearn.metrics import f1_score  # type: ignore[import-untyped]

    given = [(g, p) for g, p in zip(gold, predicted, strict=True) if p != "NOT_ENOUGH_INFO"]
    return {
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold), 4),
        "macro_f1": round(
            float(f1_score(gold, predicted, labels=list(LABELS), average="macro", zero_division=0)),
            4,
        ),
        "coverage": round(len(given) / len(gold), 4),
        "status_precision": round(sum(g == p for g, p in given) / len(given), 4) if given else None,
        "statuses_given": len(given),
    }


def run(
    path: Path, split: str = "test", limit: int = 0, kb: Path | None = None, pool: str = "all"
) -> dict[str, Any]:
    """Score one split; ``pool`` "all": the corpus holds every claim's evidence sentences,
    "scored": only those of the claims scored (a small, fast corpus for the CI gate)."""
    from factsift.stages.evidence import EvidenceStage
    from factsift.store.base import open_store

    require_scikit_learn()  # for the scores: say so before the long run
    rows = read_claims(path)
    chosen = [
        r for r in rows if split == "all" or split_of(f"climate-fever:{r['claim_id']}") == split
    ]
    if limit:
        chosen = chosen[:limit]
    if not chosen:
        raise BenchmarkError(f"{path}: no claims in split {split!r}; try --split all.")
    with tempfile.TemporaryDirectory() as tmp:
        store_path = kb or Path(tmp) / "evidence-bench.sqlite3"
        with open_store(store_path) as store:
            started = time.perf_counter()
            if store.corpus_size() == 0:
                _build_corpus(store, rows if pool == "all" else chosen)
            built = time.perf_counter() - started
            article = _article(chosen)
            stage = EvidenceStage(store)
            started = time.perf_counter()
            stage(article)
            seconds = time.perf_counter() - started
            documents = store.corpus_size()
            texts: dict[int, str] = {}
            for entry in article.extras["evidence"]["claims"]:
                for p in entry["passages"]:
                    doc = store.document(p["doc_id"])
                    texts[p["doc_id"]] = doc.text if doc else ""
    entries = article.extras["evidence"]["claims"]
    gold = [str(r["claim_label"]) for r in chosen]
    predicted = [STATUS_TO_LABEL[e["status"]] for e in entries]
    found = with_gold = 0
    for row, entry in zip(chosen, entries, strict=True):
        wanted = {
            ev["evidence"] for ev in row["evidences"] if ev["evidence_label"] != "NOT_ENOUGH_INFO"
        }
        if not wanted:
            continue
        with_gold += 1
        got = {texts[p["doc_id"]] for p in entry["passages"]}
        found += bool(wanted & got)
    by_floor = {}  # "floor/sources": the status rule at another floor and source count
    for floor in FLOORS:
        for sources in (1, 2):
            statuses = []
            for entry in entries:
                stances = [(p["stance"], p["probability"], p["doc_id"]) for p in entry["passages"]]
                verdict = claim_verdict(stances, floor, sources)
                status = verdict.status if verdict else "not_enough_evidence"
                statuses.append(STATUS_TO_LABEL[status])
            by_floor[f"{floor}/{sources}"] = _scores(gold, statuses)
    return {
        "data": str(path),
        "split": split,
        "claims": len(chosen),
        "labels": {label: gold.count(label) for label in LABELS},
        "corpus_documents": documents,
        "pool": pool,
        "passages_per_claim": stage.per_claim,
        "recall_at_k": round(found / with_gold, 4) if with_gold else None,
        "claims_with_gold_evidence": with_gold,
        "strong_floor": STRONG,
        "min_sources": MIN_SOURCES,
        **_scores(gold, predicted),
        "always_not_enough_evidence_accuracy": round(gold.count("NOT_ENOUGH_INFO") / len(gold), 4),
        "by_floor": by_floor,
        "corpus_build_s": round(built, 1),
        "seconds": round(seconds, 1),
        "claims_per_s": round(len(chosen) / seconds, 2) if seconds else None,
    }
