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
_CHUNK = 6144  # shingles per block: 128 x 6144 x 8 bytes = 6 MiB stays in cache (measured)

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]


def _mix(x: U64) -> U64:
    """A 64-bit finaliser (from splitmix64) so nearby word hashes spread over all bits."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


class _WordHashes(dict[str, int]):
    """CRC32 of each word, remembered: news vocabularies are small, lookups are cheap."""

    limit = 2_000_000

    def __missing__(self, word: str) -> int:
        if len(self) >= self.limit:
            self.clear()
        value = zlib.crc32(word.encode("utf-8"))
        self[word] = value
        return value


_WORD_HASHES = _WordHashes()


def _word_ids(tokens: Sequence[str]) -> U64:
    return np.fromiter(map(_WORD_HASHES.__getitem__, tokens), dtype=np.uint64, count=len(tokens))


def _polynomial(ids: U64, k: int) -> U64:
    """Hash of each run of ``k`` consecutive ids (``len(ids) - k + 1`` values)."""
    n = len(ids) - k + 1
    h = ids[:n].copy()
    with np.errstate(over="ignore"):
        for j in range(1, k):
            h *= _MULT
            h += ids[j : j + n]
    return h


def batch_shingles(docs: Sequence[Sequence[str]], k: int = SHINGLE) -> tuple[U64, I64]:
    """32-bit hashes (as uint64) of the word ``k``-shingles of all docs, and each doc's offset.

    All docs are hashed in one vectorised pass over their concatenated words; shingles that
    would cross from one doc into the next are dropped. A doc shorter than ``k`` words is
    one shingle; an empty doc has none. Repeated shingles are kept (they do not change a
    minimum).
    """
    lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
    ids = _word_ids([w for d in docs for w in d])
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    counts = np.where(lengths >= k, lengths - k + 1, np.minimum(lengths, 1))
    if len(ids) >= k:
        valid = np.zeros(len(ids) - k + 1, dtype=bool)
        full = lengths >= k
        marks = np.zeros(len(ids) - k + 2, dtype=np.int64)
        np.add.at(marks, starts[full], 1)
        np.add.at(marks, starts[full] + counts[full], -1)
        valid = np.cumsum(marks[:-1]) > 0
        hashes = _polynomial(ids, k)[valid]
    else:
        hashes = np.zeros(0, dtype=np.uint64)
    short = np.nonzero((lengths > 0) & (lengths < k))[0]
    if len(short):  # rare: texts of one or two words, hashed alone and spliced in
        pieces: list[U64] = []
        pos = 0
        full_counts = np.where(lengths >= k, counts, 0)
        full_offsets = np.concatenate(([0], np.cumsum(full_counts)[:-1]))
        for d in short.tolist():
            cut = int(full_offsets[d])
            pieces.append(hashes[pos:cut])
            pieces.append(_polynomial(ids[starts[d] : starts[d] + lengths[d]], int(lengths[d])))
            pos = cut
        pieces.append(hashes[pos:])
        hashes = np.concatenate(pieces)
    with np.errstate(over="ignore"):
        hashes = _mix(hashes) >> np.uint64(32)
    offsets = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
    return hashes, offsets


def shingle_hashes(tokens: Sequence[str], k: int = SHINGLE) -> U64:
    """Distinct 32-bit hashes (as uint64) of the word ``k``-shingles of one token list."""
    return np.unique(batch_shingles([tokens], k)[0])


class MinHasher:
    """Signatures of ``num_perm`` uint32 values; the same seed gives the same permutations."""

    def __init__(self, num_perm: int = NUM_PERM, shingle: int = SHINGLE, seed: int = SEED):
        rng = np.random.default_rng(seed)
        self.num_perm = num_perm
        self.shingle = shingle
        self.a = (rng.integers(0, 2**62, size=num_perm, dtype=np.uint64) << np.uint64(1)) | 1
        self.b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
        self._buffer = np.empty((num_perm, _CHUNK), dtype=np.uint64)

    def _permuted_min(self, shingles: U64, offsets: I64) -> U32:
        """Per-segment minima of all permutations; segments start at ``offsets``."""
        out = np.full((len(offsets), self.num_perm), _EMPTY, dtype=np.uint32)
        if len(shingles) == 0:
            return out
        bounds = np.append(offsets, len(shingles))
        a, b, shift = self.a[:, None], self.b[:, None], np.uint64(32)
        for lo in range(0, len(shingles), _CHUNK):
            hi = min(lo + _CHUNK, len(shingles))
            vals = self._buffer[:, : hi - lo]
            with np.errstate(over="ignore"):
                np.multiply(a, shingles[None, lo:hi], out=vals)
                vals += b
            vals >>= shift
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
        """One signature row per token list (all-0xFFFFFFFF for an empty one)."""
        shingles, offsets = batch_shingles(docs, self.shingle)
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
