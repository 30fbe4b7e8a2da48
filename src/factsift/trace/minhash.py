"""Vectorised MinHash over word shingles (numpy; no per-shingle Python loop).

Texts are hashed in batches without a Python loop over words: the lower-cased UTF-8 bytes
are split into words by a byte table (ASCII letters, digits, ``_`` and non-ASCII bytes are
word bytes, except those of typographic quotes, dashes and spaces), each word is
hashed by tabulation (a random 64-bit value per position and byte, summed), and a shingle
of ``k`` words is a polynomial of its word hashes, mixed to 32 bits. The ``num_perm``
permutations are multiply-shift hashes ``((a * x + b) mod 2**64) >> 32`` with random odd
``a`` (a 2-universal family for 32-bit keys), evaluated for all shingles of many documents
at once and reduced per document with ``np.minimum.reduceat``. Parameters are fixed per
store: signatures made with other parameters are not comparable.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

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


_WORD_BYTE = np.zeros(256, dtype=bool)
for _lo, _hi in ((ord("a"), ord("z")), (ord("0"), ord("9")), (ord("_"), ord("_")), (128, 255)):
    _WORD_BYTE[_lo : _hi + 1] = True
_MAX_OFFSET = 64  # bytes of a word with their own table; longer words share the last one
_TABLE = np.random.default_rng(SEED ^ 0x5EED).integers(
    0, np.iinfo(np.uint64).max, size=(_MAX_OFFSET, 256), dtype=np.uint64, endpoint=True
)


def _blank_punctuation(data: npt.NDArray[np.uint8], is_word: npt.NDArray[np.bool_]) -> None:
    """Non-ASCII punctuation is not part of words: U+2000-U+206F (quotes, dashes, ellipsis,
    spaces; UTF-8 E2 80-81 xx) and U+00A0-U+00BF (no-break space, guillemets; C2 A0-BF)."""
    lead = np.flatnonzero((data[:-2] == 0xE2) & ((data[1:-1] == 0x80) | (data[1:-1] == 0x81)))
    for k in range(3):
        is_word[lead + k] = False
    lead = np.flatnonzero((data[:-1] == 0xC2) & (data[1:] >= 0xA0) & (data[1:] <= 0xBF))
    for k in range(2):
        is_word[lead + k] = False


def word_hashes(texts: Sequence[str]) -> tuple[U64, I64]:
    """64-bit hashes of the words of all texts, concatenated, and each text's word count."""
    parts = [t.lower().encode("utf-8") for t in texts]
    data = np.frombuffer(b" ".join(parts), dtype=np.uint8)
    lengths = np.fromiter((len(p) + 1 for p in parts), dtype=np.int64, count=len(parts))
    text_starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    is_word = _WORD_BYTE[data]
    _blank_punctuation(data, is_word)
    idx = np.flatnonzero(is_word)
    if idx.size == 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(len(texts), dtype=np.int64)
    first = np.empty(idx.size, dtype=bool)
    first[0] = True
    np.not_equal(idx[1:], idx[:-1] + 1, out=first[1:])
    starts = np.flatnonzero(first)
    sizes = np.diff(np.append(starts, idx.size))
    offset = np.arange(idx.size, dtype=np.int64) - np.repeat(starts, sizes)
    np.minimum(offset, _MAX_OFFSET - 1, out=offset)
    with np.errstate(over="ignore"):
        hashes = np.add.reduceat(_TABLE[offset, data[idx]], starts)
    bounds = np.searchsorted(idx[starts], np.append(text_starts, len(data)))
    return hashes.astype(np.uint64), np.diff(bounds).astype(np.int64)


def _polynomial(ids: U64, k: int) -> U64:
    """Hash of each run of ``k`` consecutive ids (``len(ids) - k + 1`` values)."""
    n = len(ids) - k + 1
    h = ids[:n].copy()
    with np.errstate(over="ignore"):
        for j in range(1, k):
            h *= _MULT
            h += ids[j : j + n]
    return h


def batch_shingles(texts: Sequence[str], k: int = SHINGLE) -> tuple[U64, I64]:
    """32-bit hashes (as uint64) of the word ``k``-shingles of all texts, and their offsets.

    All texts are hashed in one vectorised pass over their concatenated words; shingles
    that would cross from one text into the next are dropped. A text shorter than ``k``
    words is one shingle; an empty one has none. Repeated shingles are kept (they do not
    change a minimum).
    """
    ids, lengths = word_hashes(texts)
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


def shingle_hashes(text: str, k: int = SHINGLE) -> U64:
    """Distinct 32-bit hashes (as uint64) of the word ``k``-shingles of one text."""
    return np.unique(batch_shingles([text], k)[0])


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

    def signatures(self, texts: Sequence[str]) -> U32:
        """One signature row per text (all 0xFFFFFFFF for a text without words)."""
        shingles, offsets = batch_shingles(texts, self.shingle)
        return self._permuted_min(shingles, offsets)


def jaccard(sig_a: U32, sig_b: U32) -> float:
    """Estimated Jaccard similarity: the share of equal MinHash values."""
    return float(np.mean(sig_a == sig_b))


def to_bytes(signature: U32) -> bytes:
    return signature.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> U32:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)
