"""Hybrid matching of claims to fact-checks: BM25 + dense vectors, fused, then re-ranked.

First stage: the ``FIRST_STAGE`` best fact-checks by BM25 (claim, title and summary) and
the ``FIRST_STAGE`` best by cosine similarity of MiniLM vectors (claim or title); their
union is scored by the logistic re-ranker (``reranker.py``) over the features in
``features.py``. The "same claim" decision model's probability is the match score; at or
above its threshold (tuned on dev data) a match counts as "the same claim". Where the
cross-encoder (``cross_encoder.py``) runs, the returned candidates that the decision model
is unsure of are decided again with its logit as one more feature.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from factsift.embed import DIM
from factsift.factchecks.ann import EXACT_BELOW, VectorIndex
from factsift.factchecks.bm25 import BM25Index, IntArray, mapped
from factsift.factchecks.cross_encoder import PairScorer, default_scorer, doc_text
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
HalfMatrix = npt.NDArray[np.float16]
_SAVED = ("doc_ids", "days", "claim_vecs", "title_vecs", "title_row")
# Rows -> what the cross-encoder reads of those fact-checks (``cross_encoder.doc_text``).
DocTexts = Callable[[Sequence[int]], list[str]]


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
    """The matcher over a set of fact-checks: arrays only, so it can be saved and mmapped."""

    def __init__(
        self,
        docs: Sequence[Doc],
        claim_vecs: Matrix,
        title_vecs: Matrix | None,
        reranker: Reranker | None = None,
        first_stage: int = FIRST_STAGE,
    ) -> None:
        self.doc_ids = np.asarray([d.doc_id for d in docs], dtype=np.int64)
        claim_tokens = [tokens(d.claim) for d in docs]
        full = [
            claim + tokens(" ".join(t for t in (d.title, d.summary) if t))
            for claim, d in zip(claim_tokens, docs, strict=True)
        ]
        self.days = np.asarray([_day(d.date) for d in docs], dtype=np.float64)  # NaN: unknown
        self.bm25 = BM25Index(full)
        self.bm25_claim = BM25Index(claim_tokens)
        # Fact-check articles quote the checked words (a debate line, a post) near the top.
        bodies = [tokens(d.body[:BODY_CHARS]) if d.body else [] for d in docs]
        self.bm25_body = BM25Index(bodies) if any(bodies) else None
        self.claim_vecs: HalfMatrix = np.asarray(claim_vecs, dtype=np.float16)
        # Titles only where there is one; title_row: its row in title_vecs, -1 for none.
        titled = (
            np.zeros(0, dtype=np.int64)
            if title_vecs is None
            else np.flatnonzero(np.abs(title_vecs).sum(axis=1) > 0)
        )
        self.title_row = np.full(len(docs), -1, dtype=np.int32)
        self.title_row[titled] = np.arange(len(titled), dtype=np.int32)
        self.title_vecs: HalfMatrix = (
            np.zeros((0, self.claim_vecs.shape[1]), dtype=np.float16)
            if title_vecs is None
            else np.asarray(title_vecs[titled], dtype=np.float16)
        )
        self.ann = self._build_ann()
        self.reranker = reranker if reranker is not None else Reranker.load()
        self.first_stage = first_stage
        self.texts: DocTexts | None = lambda rows: [
            doc_text(docs[r].claim, docs[r].title) for r in rows
        ]
        self.use_cross_encoder = True

    def __len__(self) -> int:
        return len(self.doc_ids)

    def _build_ann(self) -> VectorIndex | None:
        titled = np.flatnonzero(self.title_row >= 0)  # in title_vecs order
        if len(self.doc_ids) + len(titled) < EXACT_BELOW:
            return None
        rows = np.arange(len(self.doc_ids), dtype=np.int64)
        return VectorIndex.build(
            np.concatenate([self.claim_vecs, self.title_vecs]),
            np.concatenate([rows, titled.astype(np.int64)]),
        )

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

    # -- persistence -----------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        """Write the matcher's arrays into ``folder`` (which must exist)."""
        for name in _SAVED:
            np.save(folder / f"{name}.npy", getattr(self, name))
        self.bm25.save(folder, "bm25")
        self.bm25_claim.save(folder, "bm25_claim")
        if self.bm25_body is not None:
            self.bm25_body.save(folder, "bm25_body")
        if self.ann is not None:
            self.ann.save(folder / "vectors.faiss")

    @classmethod
    def load(cls, folder: Path, reranker: Reranker | None = None) -> ClaimMatcher:
        """Open a saved matcher; arrays are memory-mapped read-only."""
        matcher = cls.__new__(cls)
        for name in _SAVED:
            setattr(matcher, name, mapped(folder / f"{name}.npy"))
        matcher.bm25 = BM25Index.load(folder, "bm25")
        matcher.bm25_claim = BM25Index.load(folder, "bm25_claim")
        has_body = (folder / "bm25_body.vocab.json").exists()
        matcher.bm25_body = BM25Index.load(folder, "bm25_body") if has_body else None
        ann = folder / "vectors.faiss"
        matcher.ann = VectorIndex.load(ann) if ann.exists() else None
        matcher.reranker = reranker if reranker is not None else Reranker.load()
        matcher.first_stage = FIRST_STAGE
        matcher.texts = None  # the arrays hold no text: the store gives it (``texts``)
        matcher.use_cross_encoder = True
        return matcher

    # -- searching -------------------------------------------------------------------------
    def dense_top(self, query_vecs: Matrix) -> list[IntArray]:
        """Rows of the ``first_stage`` best fact-checks by max(cos claim, cos title), per query.

        Approximate (``ann``) on large sets, exact below ``EXACT_BELOW`` vectors."""
        k = self.first_stage
        out: list[IntArray] = []
        if self.ann is not None:
            _, labels = self.ann.search(query_vecs, 2 * k)  # a title and its claim: one row
            for row in labels:
                seen = dict.fromkeys(int(i) for i in row if i >= 0)
                out.append(np.fromiter(seen, dtype=np.int64, count=len(seen))[:k])
            return out
        for start in range(0, len(query_vecs), QUERY_BATCH):
            batch = np.asarray(query_vecs[start : start + QUERY_BATCH], dtype=np.float32)
            cos = batch @ np.asarray(self.claim_vecs, dtype=np.float32).T
            titled = np.flatnonzero(np.asarray(self.title_row) >= 0)
            if len(titled):
                title = batch @ np.asarray(self.title_vecs, dtype=np.float32).T
                cos[:, titled] = np.maximum(cos[:, titled], title)
            for row in cos:
                kk = min(k, len(row))
                if kk == 0:
                    out.append(np.zeros(0, dtype=np.int64))
                    continue
                idx = np.argpartition(-row, kk - 1)[:kk]
                out.append(idx[np.argsort(-row[idx], kind="stable")].astype(np.int64))
        return out

    def candidates(
        self,
        query: str,
        query_vec: Matrix,
        query_date: str | None = None,
        dense: IntArray | None = None,
    ) -> list[Candidate]:
        """The union of the BM25 and dense first-stage lists, with raw scores."""
        q_tokens = tokens(query)
        found: dict[int, Candidate] = {}
        idx, scores = self.bm25.top(q_tokens, self.first_stage)
        for rank, (i, s) in enumerate(zip(idx.tolist(), scores.tolist(), strict=True)):
            found[i] = Candidate(i, bm25=s, rank_bm25=rank)
        # ``dense``: this query's dense list, found for many queries at once by search_many.
        d_idx = dense if dense is not None else self.dense_top(query_vec[None, :])[0]
        for rank, i in enumerate(d_idx.tolist()):
            found.setdefault(i, Candidate(i)).rank_dense = rank
        if self.bm25_body is not None:
            b_idx, _ = self.bm25_body.top(q_tokens, self.first_stage)
            for rank, i in enumerate(b_idx.tolist()):
                found.setdefault(i, Candidate(i)).rank_body = rank
        order = np.fromiter(found, dtype=np.int64, count=len(found))
        if len(order) == 0:
            return []
        # Exact scores of the candidates only (binary search in the postings).
        bm25_all, in_full = self.bm25.doc_scores(q_tokens, order)
        claim_scores, in_claim = self.bm25_claim.doc_scores(q_tokens, order)
        claim_terms = np.asarray(self.bm25_claim.doc_terms)[order]
        body_scores = (
            self.bm25_body.doc_scores(q_tokens, order)[0] if self.bm25_body is not None else None
        )
        vec = np.asarray(query_vec, dtype=np.float32)
        cos_claim = np.asarray(self.claim_vecs[order], dtype=np.float32) @ vec
        title_rows = np.asarray(self.title_row[order])
        has_title = title_rows >= 0
        cos_title = np.zeros(len(order), dtype=np.float32)
        if has_title.any():
            picked = self.title_vecs[title_rows[has_title]]
            cos_title[has_title] = np.asarray(picked, dtype=np.float32) @ vec
        days = np.asarray(self.days[order])
        n_query = len(set(q_tokens))
        q_day = _day(query_date)
        for j, i in enumerate(order.tolist()):
            c = found[i]
            c.bm25 = float(bm25_all[j])
            c.bm25_claim = float(claim_scores[j])
            if body_scores is not None:
                c.bm25_body = float(body_scores[j])
            c.cos_claim = float(cos_claim[j])
            # No title: the claim stands for it.
            c.cos_title = float(cos_title[j]) if has_title[j] else c.cos_claim
            c.claim_covered = float(in_claim[j] / claim_terms[j]) if claim_terms[j] else 0.0
            c.query_covered = float(in_full[j] / n_query) if n_query else 0.0
            apart = q_day - days[j]
            c.days_apart = None if np.isnan(apart) else float(apart)
        return list(found.values())

    def knows(self, word: str) -> bool:
        """Whether ``word`` (index form) occurs in the fact-checks' claims, titles or summaries."""
        term = tokens(word)
        return len(term) == 1 and term[0] in self.bm25.vocab

    def encode_queries(self, texts: Sequence[str]) -> tuple[list[str], Matrix]:
        cleaned = [clean_query(t, self.knows) or t for t in texts]
        return cleaned, encode(cleaned)

    def search_many(
        self, texts: Sequence[str], k: int = 5, date: str | None = None
    ) -> list[list[Hit]]:
        """Top ``k`` for each text; ``date``: when the texts were written (ISO), if known."""
        cleaned, vectors = self.encode_queries(texts)
        dense = self.dense_top(vectors)
        return [self.rank(cleaned[i], vectors[i], k, date, dense[i]) for i in range(len(cleaned))]

    def rank(
        self,
        query: str,
        query_vec: Matrix,
        k: int,
        query_date: str | None = None,
        dense: IntArray | None = None,
    ) -> list[Hit]:
        """Re-ranked top ``k`` for one cleaned query and its vector."""
        found = self.candidates(query, query_vec, query_date, dense)
        rows = feature_rows(found)
        probs = self.reranker.predict(rows)
        order = np.argsort(-probs, kind="stable")[:k]
        same = self.reranker.same_claim_prob(rows, probs)
        decided = np.asarray(same >= self.reranker.threshold)
        scorer = self.cross_encoder() if self.reranker.decision_ce is not None else None
        cross = self._cross_decide(scorer, query, found, rows, same, order)
        if scorer is not None:
            # Below the floor: not the same claim (were the floor above the first threshold).
            decided[[j for j in order.tolist() if same[j] < self.reranker.floor_ce]] = False
        for j, (_, p) in cross.items():
            same[j] = p
            decided[j] = p >= self.reranker.threshold_ce
        hits = []
        for j in order.tolist():
            features = dict(zip(FEATURE_NAMES, (round(v, 4) for v in rows[j]), strict=True))
            if j in cross:
                features["cross_encoder"] = round(cross[j][0], 4)
            hits.append(
                Hit(
                    doc_id=int(self.doc_ids[found[j].index]),
                    index=found[j].index,
                    score=round(float(same[j]), 4),
                    same_claim=bool(decided[j]),
                    features=features,
                )
            )
        return hits

    def cross_encoder(self) -> PairScorer | None:
        """The packaged cross-encoder, unless turned off for this matcher, not installed, or
        without the fact-checks' texts (a saved matcher the store did not give them to)."""
        if not self.use_cross_encoder or self.texts is None:
            return None
        return default_scorer()

    def _cross_decide(
        self,
        scorer: PairScorer | None,
        query: str,
        found: list[Candidate],
        rows: list[list[float]],
        same: npt.NDArray[np.float64],
        order: IntArray,
    ) -> dict[int, tuple[float, float]]:
        """Candidate -> (cross-encoder logit, decision probability with it), for the returned
        candidates the decision model without it puts between the floor and the ceiling."""
        if scorer is None or self.texts is None:
            return {}
        low, high = self.reranker.floor_ce, self.reranker.ceiling_ce
        picked = [j for j in order.tolist() if low <= same[j] < high]
        if not picked:
            return {}
        logits = scorer.logits(query, self.texts([found[j].index for j in picked]))
        probs = self.reranker.same_claim_prob_ce([rows[j] for j in picked], logits)
        return {j: (float(c), float(p)) for j, c, p in zip(picked, logits, probs, strict=True)}

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
