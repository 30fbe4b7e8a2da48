"""An in-memory BM25 index over numpy arrays (Okapi BM25, k1=1.2, b=0.75 by default).

Chosen over SQLite FTS5 after measuring (BENCHMARKS.md, "Claim matching"): long tweet
queries become 20-40 term OR-queries, which FTS5 answers in tens of milliseconds on
large tables; precomputed per-posting weights summed with numpy answer far faster.

Two copies of the postings: sorted by document (exact scores of given documents, by binary
search) and impact-ordered, cut to the ``PRUNE`` highest weights per term (the first stage:
frequent terms would otherwise cost a scatter over hundreds of thousands of postings per
query at 1M fact-checks). The arrays can be saved as .npy files and opened memory-mapped.
``top`` reuses two scratch arrays of the index's size: one index serves one thread at a time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float32]
RESCORE = 4  # best partial sums re-scored exactly, per result wanted
PRUNE = 1000  # postings per term kept for the first stage (highest BM25 weight first)
_ARRAYS = ("offsets", "postings", "weights", "doc_terms", "imp_offsets", "imp_postings",
           "imp_weights")  # fmt: skip


class BM25Index:
    """Postings per term with precomputed BM25 weights; query = sum of weights."""

    vocab: dict[str, int]
    offsets: npt.NDArray[np.int64]
    postings: npt.NDArray[np.int32]
    weights: FloatArray
    doc_terms: npt.NDArray[np.int32]  # distinct terms per document
    imp_offsets: npt.NDArray[np.int64]
    imp_postings: npt.NDArray[np.int32]
    imp_weights: FloatArray

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
        per_term = np.bincount(pair_terms, minlength=len(vocab))
        df = per_term.astype(np.float32)
        idf = np.log1p((self.n_docs - df + 0.5) / (df + 0.5))
        avgdl = float(lengths.mean()) if self.n_docs else 1.0
        norm = k1 * (1.0 - b + b * lengths[pair_docs] / max(avgdl, 1e-9))
        tf32 = tf.astype(np.float32)
        self.weights = (idf[pair_terms] * tf32 * (k1 + 1.0) / (tf32 + norm)).astype(np.float32)
        self.postings = pair_docs.astype(np.int32)
        self.offsets = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(per_term, out=self.offsets[1:])
        self.doc_terms = np.bincount(pair_docs, minlength=self.n_docs).astype(np.int32)
        # Impact order: within each term, highest weight first; keep the first PRUNE.
        order = np.lexsort((-self.weights, pair_terms))
        rank = np.arange(len(order), dtype=np.int64) - self.offsets[pair_terms[order]]
        keep = order[rank < PRUNE]
        self.imp_postings = self.postings[keep]
        self.imp_weights = self.weights[keep]
        self.imp_offsets = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(np.minimum(per_term, PRUNE), out=self.imp_offsets[1:])
        self._buffer: FloatArray | None = None
        self._slot: npt.NDArray[np.int32] | None = None

    # -- persistence -----------------------------------------------------------------------
    def save(self, folder: Path, prefix: str) -> None:
        for name in _ARRAYS:
            np.save(folder / f"{prefix}.{name}.npy", getattr(self, name))
        terms = sorted(self.vocab, key=self.vocab.__getitem__)
        meta = {"n_docs": self.n_docs, "terms": terms}
        (folder / f"{prefix}.vocab.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, prefix: str) -> BM25Index:
        """Open saved arrays memory-mapped (read-only, shared by the page cache)."""
        index = cls.__new__(cls)
        meta = json.loads((folder / f"{prefix}.vocab.json").read_text(encoding="utf-8"))
        index.n_docs = int(meta["n_docs"])
        index.vocab = {term: i for i, term in enumerate(meta["terms"])}
        for name in _ARRAYS:
            setattr(index, name, mapped(folder / f"{prefix}.{name}.npy"))
        index._buffer = None
        index._slot = None
        return index

    @property
    def nbytes(self) -> int:
        return sum(int(getattr(self, name).nbytes) for name in _ARRAYS)

    # -- scoring ---------------------------------------------------------------------------
    def _term_counts(self, query: Sequence[str]) -> list[tuple[int, int]]:
        counts: dict[int, int] = {}
        for token in query:
            t = self.vocab.get(token)
            if t is not None:
                counts[t] = counts.get(t, 0) + 1
        return list(counts.items())

    def scores(self, query: Sequence[str]) -> FloatArray:
        """Exact BM25 score of every document (repeated query terms count again)."""
        out = np.zeros(self.n_docs, dtype=np.float32)
        for t, n in self._term_counts(query):
            lo, hi = self.offsets[t], self.offsets[t + 1]
            out[self.postings[lo:hi]] += self.weights[lo:hi] * n
        return out

    def doc_scores(self, query: Sequence[str], docs: IntArray) -> tuple[FloatArray, IntArray]:
        """Exact scores of ``docs`` and how many distinct query terms each holds."""
        score = np.zeros(len(docs), dtype=np.float32)
        present = np.zeros(len(docs), dtype=np.int64)
        if len(docs) == 0:
            return score, present
        for t, n in self._term_counts(query):
            lo, hi = int(self.offsets[t]), int(self.offsets[t + 1])
            plist = self.postings[lo:hi]
            pos = np.searchsorted(plist, docs)
            np.minimum(pos, hi - lo - 1, out=pos)
            hit = plist[pos] == docs
            score += self.weights[lo + pos] * hit * n
            present += hit
        return score, present

    def top(self, query: Sequence[str], k: int) -> tuple[IntArray, FloatArray]:
        """The ``k`` best documents by the pruned postings, with their exact scores."""
        pairs = self._term_counts(query)
        if not pairs or k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if self._buffer is None or self._slot is None:
            self._buffer = np.zeros(self.n_docs, dtype=np.float32)
            self._slot = np.zeros(self.n_docs, dtype=np.int32)
        buffer, slot = self._buffer, self._slot
        ids = np.concatenate(
            [self.imp_postings[self.imp_offsets[t] : self.imp_offsets[t + 1]] for t, _ in pairs]
        )
        for t, n in pairs:
            lo, hi = self.imp_offsets[t], self.imp_offsets[t + 1]
            buffer[self.imp_postings[lo:hi]] += self.imp_weights[lo:hi] * n
        # Distinct touched documents: each id's slot ends up holding one of its positions.
        slot[ids] = np.arange(len(ids), dtype=np.int32)
        touched = ids[slot[ids] == np.arange(len(ids), dtype=np.int32)].astype(np.int64)
        partial = buffer[touched]
        buffer[touched] = 0.0  # leave the buffer clean for the next query
        if all(self.imp_offsets[t + 1] - self.imp_offsets[t] < PRUNE for t, _ in pairs):
            return _top_of(touched, partial, k)  # nothing was cut: the sums are exact
        if len(touched) > RESCORE * k:
            # Re-score a margin of the best partial sums exactly: pruning may under-count.
            touched = touched[np.argpartition(-partial, RESCORE * k - 1)[: RESCORE * k]]
        exact, _ = self.doc_scores(query, touched)
        return _top_of(touched, exact, k)


def mapped(path: Path) -> npt.NDArray[Any]:
    """The array in ``path`` memory-mapped read-only, as a plain ndarray over the mapping.

    Slicing an ``np.memmap`` goes through Python-level subclass hooks on every slice; at
    1M records those hooks took 30% of a BM25 query (41,000 slices per 300 queries). A plain
    view of the same pages reads the same bytes and keeps the mapping alive."""
    array: npt.NDArray[Any] = np.load(path, mmap_mode="r").view(np.ndarray)
    return array


def _top_of(docs: IntArray, scores: FloatArray, k: int) -> tuple[IntArray, FloatArray]:
    # Ties go to the lower document index, as in a full scan.
    order = np.argsort(docs, kind="stable")
    docs, scores = docs[order], scores[order]
    idx, best = top_k(scores, k)
    return docs[idx], best


def top_k(scores: FloatArray, k: int) -> tuple[IntArray, FloatArray]:
    k = min(k, len(scores))
    if k == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    idx = np.argpartition(-scores, k - 1)[:k]
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    keep = scores[idx] > 0
    return idx[keep].astype(np.int64), scores[idx][keep]
