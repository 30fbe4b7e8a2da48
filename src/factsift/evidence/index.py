"""Dense vectors of reference-corpus passages: written at import, searched at check time.

Vectors are the packaged MiniLM's unit vectors stored as float16 (768 bytes a passage).
``index_missing`` embeds passages that have none, one committed batch at a time, so an
interrupted run keeps its work and a rerun continues. ``PassageMatrix`` holds all vectors
for exact search (a matrix product): float32, about 154 MB per 100,000 passages, memory-mapped
from the store's copy when it has one (``store.passage_vectors``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from factsift.embed import DIM
from factsift.factchecks.vectors import encode, to_blob
from factsift.store.base import KnowledgeStore

BATCH = 256
Progress = Callable[[int], None]


def embed_missing(store: KnowledgeStore, limit: int = 100_000, after_id: int = 0) -> int:
    """Embed passages (after ``after_id``) without vectors, in the caller's transaction."""
    rows = store.passages_missing_vectors(limit, after_id)
    if not rows:
        return 0
    vectors = encode([text for _, text in rows])
    store.add_passage_vectors(
        [(pid, to_blob(vec)) for (pid, _), vec in zip(rows, vectors, strict=True)]
    )
    return len(rows)


def index_missing(store: KnowledgeStore, progress: Progress | None = None) -> int:
    """Embed every passage that has no vector yet, a committed batch at a time."""
    done = 0
    while True:
        with store.transaction():
            added = embed_missing(store, BATCH)
        if not added:
            return done
        done += added
        if progress is not None:
            progress(added)


@dataclass(slots=True)
class PassageMatrix:
    """All passage vectors of a store, for exact cosine search."""

    ids: npt.NDArray[np.int64]
    vectors: npt.NDArray[np.float32]  # float32 rows, possibly a memory map of the copy

    @classmethod
    def load(cls, store: KnowledgeStore) -> PassageMatrix:
        ids, vectors = store.passage_vectors()
        if not len(ids):
            return cls(np.zeros(0, dtype=np.int64), np.zeros((0, DIM), dtype=np.float32))
        return cls(ids, vectors)

    def __len__(self) -> int:
        return len(self.ids)

    def top(self, queries: npt.NDArray[np.float32], k: int) -> list[list[tuple[int, float]]]:
        """Per query, the ``k`` most similar passages: (passage id, cosine)."""
        if not len(self.ids) or not len(queries):
            return [[] for _ in range(len(queries))]
        sims = queries.astype(np.float32) @ self.vectors.T
        k = min(k, len(self.ids))
        out = []
        for row in sims:
            best = np.argpartition(-row, k - 1)[:k]
            best = best[np.argsort(-row[best], kind="stable")]
            out.append([(int(self.ids[i]), float(row[i])) for i in best])
        return out
