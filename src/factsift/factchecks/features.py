"""Features of a (query, fact-check) candidate pair, for the re-ranker.

Every feature is computed from the first-stage lists of this query only (no global
statistics), so the re-ranker transfers between collections of different sizes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FEATURES = (
    "bm25_rel",  # BM25 (claim+title+summary) / best BM25 of this query
    "bm25_log",  # log(1 + BM25)
    "bm25_claim_rel",  # BM25 on the claim alone / best of this query
    "cos_claim",  # cosine(query, claim)
    "cos_title",  # cosine(query, title); cosine(query, claim) without a title
    "cos_max",
    "cos_margin",  # cos_max minus the best cos_max of the other candidates
    "inv_rank_bm25",  # 1/(1+rank) in the BM25 list, 0 if absent
    "inv_rank_dense",  # 1/(1+rank) in the dense list, 0 if absent
    "claim_covered",  # share of the claim's tokens found in the query
    "query_covered",  # share of the query's tokens found in the claim and title
    "bm25_body_rel",  # BM25 on the start of the fact-check's article / best of this query
    "inv_rank_body",  # 1/(1+rank) in the article-text BM25 list, 0 if absent
    "date_known",  # 1 when both the query's and the fact-check's dates are known
    "date_near_30",  # exp(-|days apart| / 30), 0 when a date is unknown
    "date_near_365",  # exp(-|days apart| / 365), 0 when a date is unknown
)

# Features of the "same claim" decision: neither relative to the candidate list nor
# dependent on the collection's size (BM25's idf is) or on tweet-like dating.
DECISION_FEATURES = (
    "cos_claim",
    "cos_title",
    "cos_max",
    "claim_covered",
    "query_covered",
)


@dataclass(slots=True)
class Candidate:
    index: int  # row in the matcher
    bm25: float = 0.0
    bm25_claim: float = 0.0
    cos_claim: float = 0.0
    cos_title: float = 0.0
    rank_bm25: int | None = None
    rank_dense: int | None = None
    claim_covered: float = 0.0
    query_covered: float = 0.0
    bm25_body: float = 0.0
    rank_body: int | None = None
    days_apart: float | None = None  # query date minus fact-check date, when both known

    @property
    def cos_max(self) -> float:
        return max(self.cos_claim, self.cos_title)


def feature_rows(candidates: list[Candidate]) -> list[list[float]]:
    """One feature vector per candidate, in FEATURES order."""
    if not candidates:
        return []
    best_bm25 = max(c.bm25 for c in candidates) or 1.0
    best_claim = max(c.bm25_claim for c in candidates) or 1.0
    best_body = max(c.bm25_body for c in candidates) or 1.0
    cos_sorted = sorted((c.cos_max for c in candidates), reverse=True)
    rows = []
    for c in candidates:
        is_top = c.cos_max >= cos_sorted[0]
        other_best = (cos_sorted[1] if len(cos_sorted) > 1 else 0.0) if is_top else cos_sorted[0]
        rows.append(
            [
                c.bm25 / best_bm25,
                math.log1p(c.bm25),
                c.bm25_claim / best_claim,
                c.cos_claim,
                c.cos_title,
                c.cos_max,
                c.cos_max - other_best,
                0.0 if c.rank_bm25 is None else 1.0 / (1 + c.rank_bm25),
                0.0 if c.rank_dense is None else 1.0 / (1 + c.rank_dense),
                c.claim_covered,
                c.query_covered,
                c.bm25_body / best_body,
                0.0 if c.rank_body is None else 1.0 / (1 + c.rank_body),
                0.0 if c.days_apart is None else 1.0,
                0.0 if c.days_apart is None else math.exp(-abs(c.days_apart) / 30),
                0.0 if c.days_apart is None else math.exp(-abs(c.days_apart) / 365),
            ]
        )
    return rows
