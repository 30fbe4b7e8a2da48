"""An in-memory BM25 index over numpy arrays (Okapi BM25, k1=1.2, b=0.75 by default).

Chosen over SQLite FTS5 after measuring (BENCHMARKS.md, "Claim matching"): long tweet
queries become 20-40 term OR-queries, which FTS5 answers in tens of milliseconds on
large tables; precomputed per-posting weights summed with numpy answer far faster, and
the index is rebuilt from the store in seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float32]


class BM25Index:
    """Postings per term with precomputed BM25 weights; query = sum of weights."""

    def __init__(self, docs: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.n_docs = len(docs)
        counts = np.fromiter((len(doc) for doc in docs), dtype=np.int64, count=self.n_docs)
        lengths = counts.astype(np.float32)
        flat = list(chain.from_iterable(docs))
        # Term ids in order of first appearance; map() keeps the loop in C.
        vocab = {token: i for i, token in enumerate(dict.fromkeys(flat))}
        self.vocab = vocab
        terms = np.fromiter(map(vocab.__getitem__, flat), dtype=np.int64, count=len(flat))
        dids = np.repeat(np.arange(self.n_docs, dtype=np.int64), counts)
        # Count (term, doc) pairs: sort by a combined key, then run-length.
        key = terms * max(self.n_docs, 1) + dids
        uniq, tf = np.unique(key, return_counts=True)
        pair_terms = uniq // max(self.n_docs, 1)
        pair_docs = uniq % max(self.n_docs, 1)
        df = np.bincount(pair_terms, minlength=len(vocab)).astype(np.float32)
        idf = np.log1p((self.n_docs - df + 0.5) / (df + 0.5))
        avgdl = float(lengths.mean()) if self.n_docs else 1.0
        norm = k1 * (1.0 - b + b * lengths[pair_docs] / max(avgdl, 1e-9))
        tf32 = tf.astype(np.float32)
        self.weights = (idf[pair_terms] * tf32 * (k1 + 1.0) / (tf32 + norm)).astype(np.float32)
        self.postings = pair_docs.astype(np.int32)
        self.offsets = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(np.bincount(pair_terms, minlength=len(vocab)), out=self.offsets[1:])

    def scores(self, query: Sequence[str]) -> FloatArray:
        """BM25 score of every document for the query (repeated query terms count again)."""
        out = np.zeros(self.n_docs, dtype=np.float32)
        for token in query:
            t = self.vocab.get(token)
            if t is None:
                continue
            lo, hi = self.offsets[t], self.offsets[t + 1]
            out[self.postings[lo:hi]] += self.weights[lo:hi]
        return out

    def top(self, query: Sequence[str], k: int) -> tuple[IntArray, FloatArray]:
        """Indexes and scores of the ``k`` best documents with a positive score."""
        scores = self.scores(query)
        return top_k(scores, k)


def top_k(scores: FloatArray, k: int) -> tuple[IntArray, FloatArray]:
    k = min(k, len(scores))
    if k == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    idx = np.argpartition(-scores, k - 1)[:k]
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    keep = scores[idx] > 0
    return idx[keep].astype(np.int64), scores[idx][keep]
