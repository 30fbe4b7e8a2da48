"""LSH banding of MinHash signatures, and an in-memory index for large corpora.

``BANDS`` x ``ROWS`` = 64 x 2 over 128 permutations: a pair of passages with Jaccard
similarity ``s`` shares at least one band with probability ``1 - (1 - s**2)**64``: 0.93 at
s = 0.2, 0.9994 at s = 0.33 (a window half over a copied passage), 0.03 at s = 0.02
(unrelated texts sharing stock phrases). Recall matters more than precision here: the
alignment that follows rejects false candidates, and candidates are ranked by band hits.
With two rows a band's key is its two 32-bit values packed exactly into 64 bits.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from factsift.trace.minhash import NUM_PERM

BANDS = 64
ROWS = NUM_PERM // BANDS
_EMPTY = 0xFFFFFFFF

I64 = npt.NDArray[np.int64]


def band_keys(signatures: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint64]:
    """Keys of shape (n, BANDS): band index mixed into the packed band values."""
    sig = np.atleast_2d(signatures).astype(np.uint64)
    if ROWS != 2:
        raise ValueError(f"band_keys packs two rows per band; ROWS is {ROWS}")
    packed = (sig[:, 0::2] << np.uint64(32)) | sig[:, 1::2]
    salt = (np.arange(BANDS, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))[None, :]
    with np.errstate(over="ignore"):
        return packed ^ salt


def store_keys(signature: npt.NDArray[np.uint32]) -> list[int]:
    """Band keys of one signature as signed 64-bit ints (SQLite INTEGER); none if empty."""
    if np.all(signature == _EMPTY):
        return []
    keys = band_keys(signature)[0] & np.uint64(0x7FFFFFFFFFFFFFFF)
    return [int(k) for k in keys]


class LSHIndex:
    """Sorted band keys in numpy arrays: lookups are one ``searchsorted`` per band.

    Built once from all signatures (``build``); memory is 12 bytes per band per item.
    """

    def __init__(self) -> None:
        self.keys: list[npt.NDArray[np.uint64]] = []
        self.items: list[npt.NDArray[np.int32]] = []
        self.size = 0

    def build(self, signatures: npt.NDArray[np.uint32], ids: Sequence[int] | None = None) -> None:
        keys = band_keys(signatures)
        item_ids = np.arange(len(keys), dtype=np.int32) if ids is None else np.asarray(ids)
        self.keys, self.items = [], []
        for band in range(BANDS):
            order = np.argsort(keys[:, band], kind="stable")
            self.keys.append(keys[order, band])
            self.items.append(item_ids[order].astype(np.int32))
        self.size = len(keys)

    def nbytes(self) -> int:
        return sum(k.nbytes for k in self.keys) + sum(i.nbytes for i in self.items)

    def query(self, signatures: npt.NDArray[np.uint32]) -> tuple[I64, I64]:
        """Items sharing a band with any query signature, and their hit counts, best first."""
        qkeys = band_keys(signatures)
        found: list[npt.NDArray[np.int32]] = []
        for band in range(BANDS):
            col = self.keys[band]
            q = qkeys[:, band]
            lo = np.searchsorted(col, q, side="left")
            hi = np.searchsorted(col, q, side="right")
            for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
                if b > a:
                    found.append(self.items[band][a:b])
        if not found:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        ids, counts = np.unique(np.concatenate(found), return_counts=True)
        order = np.argsort(-counts, kind="stable")
        return ids[order].astype(np.int64), counts[order].astype(np.int64)
