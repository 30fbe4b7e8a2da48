"""Vectorised MinHash over word shingles (numpy; no per-shingle Python loop).

Each word is hashed once with CRC32; a shingle of ``k`` words is a polynomial of its word
hashes, mixed to 32 bits. The ``num_perm`` permutations are multiply-shift hashes
``((a * x + b) mod 2**64) >> 32`` with random odd ``a`` (a 2-universal family for 32-bit
keys), evaluated for all shingles of many documents at once and reduced per document with
``np.minimum.reduceat``. Parameters are fixed per store: signatures made with other
parameters are not comparable.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from factsift.trace.tokens import words as split_words

NUM_PERM = 128
SHINGLE = 3
SEED = 20260101
_MULT = np.uint64(0x9E3779B97F4A7C15)
_EMPTY = np.uint32(0xFFFFFFFF)
_CHUNK = 1 << 15  # shingles per vectorised block: 128 x 32k x 8 bytes = 32 MiB

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]


def _mix(x: U64) -> U64:
    """A 64-bit finaliser (from splitmix64) so nearby word hashes spread over all bits."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(tokens: Sequence[str], k: int = SHINGLE) -> U64:
    """Distinct 32-bit hashes (as uint64) of the word ``k``-shingles of ``tokens``."""
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    ids = np.fromiter(
        (zlib.crc32(t.encode("utf-8")) for t in tokens), dtype=np.uint64, count=len(tokens)
    )
    n = max(1, len(ids) - k + 1)  # a text shorter than k words is one shingle
    h = ids[:n].copy()
    with np.errstate(over="ignore"):
        for j in range(1, min(k, len(ids))):
            h = h * _MULT + ids[j : j + n]
        h = _mix(h) >> np.uint64(32)
    return np.unique(h)


class MinHasher:
    """Signatures of ``num_perm`` uint32 values; the same seed gives the same permutations."""

    def __init__(self, num_perm: int = NUM_PERM, shingle: int = SHINGLE, seed: int = SEED):
        rng = np.random.default_rng(seed)
        self.num_perm = num_perm
        self.shingle = shingle
        self.a = (rng.integers(0, 2**62, size=num_perm, dtype=np.uint64) << np.uint64(1)) | 1
        self.b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)

    def _permuted_min(self, shingles: U64, offsets: npt.NDArray[np.int64]) -> U32:
        """Per-segment minima of all permutations; segments start at ``offsets``."""
        out = np.full((len(offsets), self.num_perm), _EMPTY, dtype=np.uint32)
        if len(shingles) == 0:
            return out
        bounds = np.append(offsets, len(shingles))
        for lo in range(0, len(shingles), _CHUNK):
            hi = min(lo + _CHUNK, len(shingles))
            with np.errstate(over="ignore"):
                vals = (self.a[:, None] * shingles[None, lo:hi] + self.b[:, None]) >> np.uint64(32)
            # segments overlapping [lo, hi)
            first = int(np.searchsorted(bounds, lo, side="right")) - 1
            last = int(np.searchsorted(bounds, hi, side="left"))
            seg_starts = np.clip(bounds[first:last], lo, hi) - lo
            seg_ends = np.clip(bounds[first + 1 : last + 1], lo, hi) - lo
            nonempty = seg_ends > seg_starts
            if not nonempty.any():
                continue
            idx = np.arange(first, last)[nonempty]
            mins = np.minimum.reduceat(vals, seg_starts[nonempty], axis=1).T.astype(np.uint32)
            out[idx] = np.minimum(out[idx], mins)
        return out

    def signatures_of_tokens(self, docs: Sequence[Sequence[str]]) -> U32:
        """One signature row per token list."""
        parts = [shingle_hashes(tokens, self.shingle) for tokens in docs]
        lengths = np.array([len(p) for p in parts], dtype=np.int64)
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
        shingles = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
        return self._permuted_min(shingles, offsets)

    def signatures(self, texts: Sequence[str]) -> U32:
        """One signature row per text (words lower-cased, punctuation ignored)."""
        return self.signatures_of_tokens([split_words(t) for t in texts])


def jaccard(sig_a: U32, sig_b: U32) -> float:
    """Estimated Jaccard similarity: the share of equal MinHash values."""
    return float(np.mean(sig_a == sig_b))


def to_bytes(signature: U32) -> bytes:
    return signature.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> U32:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)
