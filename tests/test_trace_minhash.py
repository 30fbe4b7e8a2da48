"""MinHash signatures and LSH banding."""

from __future__ import annotations

import random

import numpy as np
import pytest

from factsift.trace.lsh import BANDS, LSHIndex, store_keys
from factsift.trace.minhash import (
    MinHasher,
    batch_shingles,
    jaccard,
    shingle_hashes,
    word_hashes,
)


def _words(rng: random.Random, n: int) -> list[str]:
    return [f"w{rng.randrange(5000)}" for _ in range(n)]


def test_minhash_estimates_jaccard_within_sampling_error() -> None:
    rng = random.Random(3)
    hasher = MinHasher()
    errors = []
    for _ in range(40):
        base = _words(rng, 300)
        other = base[:]
        for i in rng.sample(range(300), rng.randrange(10, 200)):
            other[i] = f"x{rng.randrange(10**6)}"
        texts = [" ".join(base), " ".join(other)]
        a, b = (set(shingle_hashes(t).tolist()) for t in texts)
        truth = len(a & b) / len(a | b)
        sig = hasher.signatures(texts)
        errors.append(jaccard(sig[0], sig[1]) - truth)
    # 128 permutations: standard error <= 0.045; the mean error shows bias.
    assert abs(float(np.mean(errors))) < 0.03
    assert float(np.std(errors)) < 0.06


def test_minhash_batch_equals_one_by_one() -> None:
    rng = random.Random(1)
    docs = [" ".join(_words(rng, n)) for n in (0, 1, 2, 3, 50, 7000)]
    hasher = MinHasher()
    together = hasher.signatures(docs)
    alone = np.vstack([hasher.signatures([d]) for d in docs])
    assert (together == alone).all()
    assert (together[0] == 0xFFFFFFFF).all()  # empty text: no shingles
    assert not (together[1] == 0xFFFFFFFF).all()  # one word is one shingle


def test_minhash_shingle_offsets_skip_document_boundaries() -> None:
    hashes, offsets = batch_shingles(["a b c", "d e f g"])
    assert len(hashes) == 1 + 2 and offsets.tolist() == [0, 1]


def test_minhash_text_ignores_case_and_punctuation() -> None:
    hasher = MinHasher()
    sig = hasher.signatures(["The Mayor said: “No” — 10 times!", "the mayor said no 10 times"])
    assert jaccard(sig[0], sig[1]) == 1.0
    other = hasher.signatures(["the mayor said yes 10 times"])
    assert jaccard(sig[0], other[0]) < 1.0


def test_minhash_word_hashes_split_words_like_text() -> None:
    hashes, counts = word_hashes(["Élan vital, déjà-vu", "", "élan VITAL"])
    assert counts.tolist() == [4, 0, 2]
    assert hashes[0] == hashes[4] and hashes[1] == hashes[5]  # case-folded, accents kept
    assert len(set(hashes[:4].tolist())) == 4


def test_lsh_index_finds_near_duplicate_and_not_unrelated() -> None:
    rng = random.Random(7)
    hasher = MinHasher()
    docs = [_words(rng, 200) for _ in range(200)]
    query = docs[42][:]
    for i in rng.sample(range(200), 20):
        query[i] = "changed"
    index = LSHIndex()
    index.build(hasher.signatures([" ".join(d) for d in docs]))
    ids, counts = index.query(hasher.signatures([" ".join(query)]))
    assert ids[0] == 42 and counts[0] > BANDS // 4
    assert len(ids) < 5


def test_lsh_store_keys_are_signed_64_bit_and_empty_for_empty_text() -> None:
    hasher = MinHasher()
    sig = hasher.signatures(["some words to hash here", ""])
    keys = store_keys(sig[0])
    assert len(keys) == BANDS and all(0 <= k < 2**63 for k in keys)
    assert store_keys(sig[1]) == []


@pytest.mark.parametrize("num_perm", [64, 128])
def test_minhash_same_seed_same_signature(num_perm: int) -> None:
    a = MinHasher(num_perm=num_perm).signatures(["one two three four"])
    b = MinHasher(num_perm=num_perm).signatures(["one two three four"])
    assert a.shape == (1, num_perm) and (a == b).all()
