"""Hybrid matching of claims to fact-checks: BM25 + dense vectors, fused, then re-ranked.

First stage: the ``FIRST_STAGE`` best fact-checks by BM25 (claim, title and summary) and
the ``FIRST_STAGE`` best by cosine similarity of MiniLM vectors (claim or title); their
union is scored by the logistic re-ranker (``reranker.py``) over the features in
``features.py``. The re-ranker's probability is the match score; at or above its
threshold (tuned on dev data) a match counts as "the same claim".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from factsift.embed import DIM
from factsift.factchecks.bm25 import BM25Index, top_k
from factsift.factchecks.features import FEATURES as FEATURE_NAMES
from factsift.factchecks.features import Candidate, feature_rows
from factsift.factchecks.models import FactCheck
from factsift.factchecks.preprocess import clean_query, tokens
from factsift.factchecks.reranker import Reranker
from factsift.factchecks.vectors import MODEL_NAME, encode, from_blob

if TYPE_CHECKING:
    from factsift.store.base import KnowledgeStore

FIRST_STAGE = 30
BODY_CHARS = 1500  # of a fact-check's article text, indexed for BM25
QUERY_BATCH = 64  # queries scored against all vectors in one matrix product
Matrix = npt.NDArray[np.float32]


@dataclass(slots=True)
class Hit:
    doc_id: int  # store id (or the row's id given to the matcher)
    index: int  # row in the matcher
    score: float
    same_claim: bool
    features: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class Doc:
    doc_id: int
    claim: str
    title: str | None = None
    summary: str | None = None
    date: str | None = None  # ISO date of the fact-check (review, else claim)
    body: str | None = None  # the start of the fact-check's article, when known


class ClaimMatcher:
    """The in-memory matcher over a set of fact-checks."""

    def __init__(
        self,
        docs: Sequence[Doc],
        claim_vecs: Matrix,
        title_vecs: Matrix | None,
        reranker: Reranker | None = None,
        first_stage: int = FIRST_STAGE,
    ) -> None:
        self.docs = list(docs)
        self.doc_ids = np.asarray([d.doc_id for d in docs], dtype=np.int64)
        self.claim_tokens = [tokens(d.claim) for d in docs]
        full = [
            claim + tokens(" ".join(t for t in (d.title, d.summary) if t))
            for claim, d in zip(self.claim_tokens, docs, strict=True)
        ]
        self.full_sets = [frozenset(t) for t in full]
        self.days = np.asarray([_day(d.date) for d in docs], dtype=np.float64)  # NaN: unknown
        self.bm25 = BM25Index(full)
        self.bm25_claim = BM25Index(self.claim_tokens)
        # Fact-check articles quote the checked words (a debate line, a post) near the top.
        bodies = [tokens(d.body[:BODY_CHARS]) if d.body else [] for d in docs]
        self.bm25_body = BM25Index(bodies) if any(bodies) else None
        self.claim_vecs = np.ascontiguousarray(claim_vecs, dtype=np.float32)
        self.title_vecs = (
            None if title_vecs is None else np.ascontiguousarray(title_vecs, dtype=np.float32)
        )
        self.has_title = (
            np.zeros(len(docs), dtype=bool)
            if self.title_vecs is None
            else np.abs(self.title_vecs).sum(axis=1) > 0
        )
        self.reranker = reranker if reranker is not None else Reranker.load()
        self.first_stage = first_stage

    def __len__(self) -> int:
        return len(self.docs)

    # -- building --------------------------------------------------------------------------
    @classmethod
    def from_records(
        cls, records: Sequence[FactCheck], reranker: Reranker | None = None
    ) -> ClaimMatcher:
        """A matcher over records (vectors from the cache or the model)."""
        docs = [
            Doc(r.id if r.id is not None else i, r.claim, r.title, r.summary, r.date, r.body)
            for i, r in enumerate(records)
        ]
        return cls.from_docs(docs, reranker)

    @classmethod
    def from_docs(cls, docs: Sequence[Doc], reranker: Reranker | None = None) -> ClaimMatcher:
        claim_vecs = encode([d.claim for d in docs])
        titled = [i for i, d in enumerate(docs) if d.title]
        title_vecs = np.zeros_like(claim_vecs)
        if titled:
            title_vecs[titled] = encode([docs[i].title or "" for i in titled])
        return cls(docs, claim_vecs, title_vecs, reranker)

    @classmethod
    def from_store(cls, store: KnowledgeStore) -> ClaimMatcher:
        """A matcher over every fact-check in the store, using its stored vectors."""
        rows = list(store.iter_factcheck_index_rows(MODEL_NAME))  # type: ignore[attr-defined]
        docs = [Doc(r[0], r[2], r[3], r[4], r[7], r[8]) for r in rows]
        claim_vecs = np.zeros((len(rows), DIM), dtype=np.float32)
        title_vecs = np.zeros((len(rows), DIM), dtype=np.float32)
        missing = []
        for i, row in enumerate(rows):
            vec = from_blob(row[5])
            if vec is None:
                missing.append(i)
                continue
            claim_vecs[i] = vec
            title = from_blob(row[6])
            if title is not None:
                title_vecs[i] = title
        if missing:
            # Imported with --no-vectors: compute now (cached by text), not stored.
            claim_vecs[missing] = encode([docs[i].claim for i in missing])
        return cls(docs, claim_vecs, title_vecs)

    # -- searching -------------------------------------------------------------------------
    def candidates(
        self,
        query: str,
        query_vec: Matrix,
        query_date: str | None = None,
        dense: tuple[Matrix, Matrix | None] | None = None,
    ) -> list[Candidate]:
        """The union of the BM25 and dense first-stage lists, with raw scores."""
        q_tokens = tokens(query)
        found: dict[int, Candidate] = {}
        idx, scores = self.bm25.top(q_tokens, self.first_stage)
        for rank, (i, s) in enumerate(zip(idx.tolist(), scores.tolist(), strict=True)):
            found[i] = Candidate(i, bm25=s, rank_bm25=rank)
        # ``dense``: this query's cosines, computed for many queries at once by search_many.
        cos_claim, cos_title = dense if dense is not None else self.cosines(query_vec[None, :])
        cos_claim = cos_claim.reshape(-1)
        cos = cos_claim if cos_title is None else np.maximum(cos_claim, cos_title.reshape(-1))
        d_idx, _ = top_k(cos, self.first_stage)
        for rank, i in enumerate(d_idx.tolist()):
            found.setdefault(i, Candidate(i)).rank_dense = rank
        body_scores = None
        if self.bm25_body is not None:
            body_scores = self.bm25_body.scores(q_tokens)
            b_idx, _ = top_k(body_scores, self.first_stage)
            for rank, i in enumerate(b_idx.tolist()):
                found.setdefault(i, Candidate(i)).rank_body = rank
        order = np.fromiter(found, dtype=np.int64, count=len(found))
        if len(order) == 0:
            return []
        bm25_all = self.bm25.scores(q_tokens)[order] if idx.size < len(order) else None
        claim_scores = self.bm25_claim.scores(q_tokens)[order]
        q_set = set(q_tokens)
        q_day = _day(query_date)
        for j, i in enumerate(order.tolist()):
            c = found[i]
            if bm25_all is not None:
                c.bm25 = float(bm25_all[j])
            c.bm25_claim = float(claim_scores[j])
            if body_scores is not None:
                c.bm25_body = float(body_scores[i])
            c.cos_claim = float(cos_claim[i])
            if self.title_vecs is not None and self.has_title[i]:
                c.cos_title = float(self.title_vecs[i] @ query_vec)
            else:
                c.cos_title = c.cos_claim  # no title: the claim stands for it
            claim_set = set(self.claim_tokens[i])
            c.claim_covered = len(claim_set & q_set) / len(claim_set) if claim_set else 0.0
            c.query_covered = len(q_set & self.full_sets[i]) / len(q_set) if q_set else 0.0
            apart = q_day - self.days[i]
            c.days_apart = None if np.isnan(apart) else float(apart)
        return list(found.values())

    def encode_queries(self, texts: Sequence[str]) -> tuple[list[str], Matrix]:
        cleaned = [clean_query(t) or t for t in texts]
        return cleaned, encode(cleaned)

    def search_many(
        self, texts: Sequence[str], k: int = 5, date: str | None = None
    ) -> list[list[Hit]]:
        """Top ``k`` for each text; ``date``: when the texts were written (ISO), if known."""
        cleaned, vectors = self.encode_queries(texts)
        hits: list[list[Hit]] = []
        for start in range(0, len(cleaned), QUERY_BATCH):
            claim_cos, title_cos = self.cosines(vectors[start : start + QUERY_BATCH])
            for j in range(claim_cos.shape[0]):
                dense = (claim_cos[j], None if title_cos is None else title_cos[j])
                i = start + j
                hits.append(self.rank(cleaned[i], vectors[i], k, date, dense))
        return hits

    def cosines(self, query_vecs: Matrix) -> tuple[Matrix, Matrix | None]:
        """Cosines of queries to every claim and title: one matrix product for a batch."""
        claim = query_vecs @ self.claim_vecs.T
        title = None if self.title_vecs is None else query_vecs @ self.title_vecs.T
        return claim, title

    def rank(
        self,
        query: str,
        query_vec: Matrix,
        k: int,
        query_date: str | None = None,
        dense: tuple[Matrix, Matrix | None] | None = None,
    ) -> list[Hit]:
        """Re-ranked top ``k`` for one cleaned query and its vector."""
        found = self.candidates(query, query_vec, query_date, dense)
        rows = feature_rows(found)
        probs = self.reranker.predict(rows)
        order = np.argsort(-probs, kind="stable")[:k]
        same = self.reranker.same_claim_prob(rows, probs)
        threshold = self.reranker.threshold
        return [
            Hit(
                doc_id=int(self.doc_ids[found[j].index]),
                index=found[j].index,
                score=round(float(same[j]), 4),
                same_claim=bool(same[j] >= threshold),
                features=dict(zip(FEATURE_NAMES, (round(v, 4) for v in rows[j]), strict=True)),
            )
            for j in order.tolist()
        ]

    def rank_bm25(self, query: str, k: int) -> list[int]:
        """The BM25-only baseline: row indexes of the top ``k``."""
        idx, _ = self.bm25.top(tokens(query), k)
        return [int(i) for i in idx]


def rows_to_ids(matcher: ClaimMatcher, rows: Iterable[int]) -> list[int]:
    return [int(matcher.doc_ids[i]) for i in rows]


def _day(text: str | None) -> float:
    """Days since 1970 of an ISO date (its first 10 characters); NaN when unknown."""
    if not text or len(text) < 10:
        return float("nan")
    try:
        return float(np.datetime64(text[:10], "D").astype(np.int64))
    except ValueError:
        return float("nan")
