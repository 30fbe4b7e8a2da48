"""Approximate nearest neighbours over claim and title vectors (faiss IVF, float16 codes).

An inverted-file index: k-means centroids (``lists`` of them, about 2 sqrt(N)), each vector
stored in its nearest centroid's list as float16; a query scans the ``NPROBE`` lists whose
centroids are nearest. Chosen over HNSW for build time on 2 cores (a 1M-vector HNSW graph
takes many minutes; IVF trains on a sample and assigns in one matrix product) and because
faiss installs as a wheel here (hnswlib 0.8.0 is source only). Below ``EXACT_BELOW``
vectors the matcher uses an exact matrix product instead.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

EXACT_BELOW = 50_000
NPROBE = 24
TRAIN_SAMPLE = 64 * 1024
SEED = 13
Matrix = npt.NDArray[np.float32]

# faiss logs INFO lines when imported ("Loading faiss with AVX2 support"); should the root
# logger print INFO, they would land on stderr, which is kept for one-line errors.
logging.getLogger("faiss").setLevel(logging.WARNING)


class VectorIndex:
    """Inner-product search (vectors are unit length: cosine) returning row labels."""

    def __init__(self, index: Any) -> None:
        self.index = index

    @classmethod
    def build(cls, vectors: Matrix, labels: npt.NDArray[np.int64]) -> VectorIndex:
        import faiss

        n, dim = vectors.shape
        lists = int(max(1, min(4096, 2 * np.sqrt(n), n // 39)))  # faiss: >= 39 points a list
        quantizer = faiss.IndexFlatIP(dim)
        index = faiss.IndexIVFScalarQuantizer(
            quantizer, dim, lists, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT
        )
        rng = np.random.default_rng(SEED)
        sample = vectors[rng.choice(n, size=min(n, TRAIN_SAMPLE), replace=False)]
        index.train(np.ascontiguousarray(sample, dtype=np.float32))
        for start in range(0, n, 100_000):
            chunk = np.ascontiguousarray(vectors[start : start + 100_000], dtype=np.float32)
            index.add_with_ids(chunk, labels[start : start + 100_000])
        index.nprobe = NPROBE
        return cls(index)

    def search(self, queries: Matrix, k: int) -> tuple[Matrix, npt.NDArray[np.int64]]:
        """(similarities, labels) of the ``k`` nearest per query; label -1 pads."""
        sims, labels = self.index.search(np.ascontiguousarray(queries, dtype=np.float32), k)
        return sims, labels

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path) -> VectorIndex:
        import faiss

        index = faiss.read_index(str(path), faiss.IO_FLAG_READ_ONLY)
        faiss.extract_index_ivf(index).nprobe = NPROBE
        return cls(index)
