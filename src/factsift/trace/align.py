"""Passage alignment between an article and one source: seed, extend, merge, filter.

The plan of the strongest PAN text-alignment systems (Sanchez-Perez et al. 2014):
1. Seeds: word ``SEED_N``-grams (lower-cased) that occur in both texts.
2. Extend: split the seeds into clusters wherever consecutive seeds are more than
   ``GAP`` words apart, alternating between the article's and the source's order until no
   cluster splits; each cluster is a fragment (a pair of word ranges).
3. Merge: fragments next to each other in the article whose source ranges are also close
   (in any order, so reordered sentences of one passage become one fragment).
4. Filter: drop fragments shorter than ``MIN_WORDS`` on either side or with too few seeds,
   and resolve overlaps in the article in favour of the longer fragment.
Character spans are taken from the word offsets.
"""

from __future__ import annotations

import bisect
import difflib
from collections import defaultdict
from dataclasses import dataclass

from factsift.trace.tokens import Tokens

SEED_N = 3
GAP = 10  # words between seeds inside one fragment
MERGE_GAP = 15  # words between fragments merged in the article
MERGE_SRC_GAP = 80  # words between their source ranges
MIN_WORDS = 12
MIN_SEEDS = 4
MAX_OCCURRENCES = 8  # n-grams more frequent than this in the source are not seeds
MIN_DENSITY = 0.4  # share of a fragment's article words inside shared n-grams


@dataclass(slots=True)
class Fragment:
    """Word ranges [a0, a1) in the article and [s0, s1) in the source, with seed count."""

    a0: int
    a1: int
    s0: int
    s1: int
    seeds: int


@dataclass(frozen=True, slots=True)
class Alignment:
    """A copied passage: character spans in the article and the source, and how close."""

    article_start: int
    article_end: int
    source_start: int
    source_end: int
    kind: str  # "verbatim" | "near-verbatim" | "paraphrase"
    similarity: float  # word-sequence similarity (difflib ratio), or cosine for paraphrase


def _ngrams(words: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1))]


def seeds(article: Tokens, source: Tokens, n: int = SEED_N) -> list[tuple[int, int]]:
    """Shared n-gram positions; an n-gram repeated in the source keeps one position only."""
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j, gram in enumerate(_ngrams(source.words, n)):
        index[gram].append(j)
    unique: list[tuple[int, int]] = []
    ambiguous: list[tuple[int, list[int]]] = []
    for i, gram in enumerate(_ngrams(article.words, n)):
        hits = index.get(gram)
        if not hits or len(hits) > MAX_OCCURRENCES:
            continue
        if len(hits) == 1:
            unique.append((i, hits[0]))
        else:
            ambiguous.append((i, hits))
    return sorted(unique + _disambiguate(unique, ambiguous))


def _disambiguate(
    anchors: list[tuple[int, int]], ambiguous: list[tuple[int, list[int]]]
) -> list[tuple[int, int]]:
    """For a repeated n-gram, the source position whose offset agrees with the nearest anchor.

    A copied passage maps each article word to one source word; without this, a phrase
    that the source repeats elsewhere would stretch the source range of the passage.
    """
    if not anchors:
        return [(i, j) for i, hits in ambiguous for j in hits]
    positions = [a[0] for a in anchors]
    out: list[tuple[int, int]] = []
    for i, hits in ambiguous:
        k = bisect.bisect_left(positions, i)
        near = [anchors[x] for x in (k - 1, k) if 0 <= x < len(anchors)]
        anchor = min(near, key=lambda a: abs(a[0] - i))
        offset = anchor[1] - anchor[0]
        out.append((i, min(hits, key=lambda j: abs((j - i) - offset))))
    return out


def _split(group: list[tuple[int, int]], axis: int) -> list[list[tuple[int, int]]]:
    ordered = sorted(group, key=lambda s: (s[axis], s[1 - axis]))
    parts: list[list[tuple[int, int]]] = [[ordered[0]]]
    for seed in ordered[1:]:
        if seed[axis] - parts[-1][-1][axis] > GAP:
            parts.append([])
        parts[-1].append(seed)
    return parts


def _cluster(all_seeds: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Alternate splits by article and source position until no cluster splits."""
    done: list[list[tuple[int, int]]] = []
    todo: list[tuple[list[tuple[int, int]], int]] = [(all_seeds, 0)]
    while todo:
        group, axis = todo.pop()
        parts = _split(group, axis)
        if len(parts) > 1:
            todo.extend((part, 1 - axis) for part in parts)
            continue
        other = _split(group, 1 - axis)
        if len(other) > 1:
            todo.extend((part, axis) for part in other)
        else:
            done.append(group)
    return done


def _fragment(group: list[tuple[int, int]], n: int) -> Fragment:
    a = [s[0] for s in group]
    b = [s[1] for s in group]
    return Fragment(min(a), max(a) + n, min(b), max(b) + n, len(group))


def _gap(lo0: int, hi0: int, lo1: int, hi1: int) -> int:
    """Words between two ranges; 0 when they touch or overlap."""
    return max(0, max(lo0, lo1) - min(hi0, hi1))


def merge(fragments: list[Fragment]) -> list[Fragment]:
    merged: list[Fragment] = []
    for frag in sorted(fragments, key=lambda f: (f.a0, f.a1)):
        if merged:
            last = merged[-1]
            if (
                _gap(last.a0, last.a1, frag.a0, frag.a1) <= MERGE_GAP
                and _gap(last.s0, last.s1, frag.s0, frag.s1) <= MERGE_SRC_GAP
            ):
                merged[-1] = Fragment(
                    min(last.a0, frag.a0),
                    max(last.a1, frag.a1),
                    min(last.s0, frag.s0),
                    max(last.s1, frag.s1),
                    last.seeds + frag.seeds,
                )
                continue
        merged.append(frag)
    return merged


def _filter(fragments: list[Fragment]) -> list[Fragment]:
    """Long enough fragments; where two overlap in the article the longer keeps the overlap."""
    kept = [f for f in fragments if f.seeds >= MIN_SEEDS and _long_enough(f)]
    kept.sort(key=lambda f: -(f.a1 - f.a0))
    out: list[Fragment] = []
    for frag in kept:
        for other in out:
            if frag.a0 < other.a1 and other.a0 < frag.a1:
                frag = _trim(frag, other)
        if _long_enough(frag) and all(frag.a1 <= o.a0 or o.a1 <= frag.a0 for o in out):
            out.append(frag)
    return sorted(out, key=lambda f: f.a0)


def _long_enough(f: Fragment) -> bool:
    return f.a1 - f.a0 >= MIN_WORDS and f.s1 - f.s0 >= MIN_WORDS


def _trim(frag: Fragment, other: Fragment) -> Fragment:
    """The part of ``frag`` on the larger side of ``other`` in the article (source kept)."""
    before = other.a0 - frag.a0
    after = frag.a1 - other.a1
    if before >= after:
        return Fragment(frag.a0, min(frag.a1, other.a0), frag.s0, frag.s1, frag.seeds)
    return Fragment(max(frag.a0, other.a1), frag.a1, frag.s0, frag.s1, frag.seeds)


def _seed_cover(found: list[tuple[int, int]], n: int = SEED_N) -> set[int]:
    """Article word positions inside some seed n-gram."""
    return {i + k for i, _ in found for k in range(n)}


def word_similarity(a: list[str], b: list[str]) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def align(article_text: str, article: Tokens, source_text: str, source: Tokens) -> list[Alignment]:
    """Copied passages between an article and one source, in article order."""
    found = seeds(article, source)
    if not found:
        return []
    fragments = _filter(merge([_fragment(g, SEED_N) for g in _cluster(found)]))
    covered = _seed_cover(found)
    out: list[Alignment] = []
    for f in fragments:
        a_words = article.words[f.a0 : f.a1]
        s_words = source.words[f.s0 : f.s1]
        density = sum(1 for i in range(f.a0, f.a1) if i in covered) / (f.a1 - f.a0)
        if density < MIN_DENSITY:
            continue  # scattered shared phrases, not a copied passage
        sim = word_similarity(a_words, s_words)
        kind = "verbatim" if a_words == s_words else "near-verbatim"
        out.append(
            Alignment(
                article.starts[f.a0],
                article.ends[f.a1 - 1],
                source.starts[f.s0],
                source.ends[f.s1 - 1],
                kind,
                round(sim, 3),
            )
        )
    return out


def word_diff(source: str, article: str) -> list[tuple[str, str]]:
    """Word-level differences from the source to the article as (op, text) pairs.

    ``op`` is "equal", "delete" (only in the source) or "insert" (only in the article);
    a replacement is a delete followed by an insert.
    """
    a = source.split()
    b = article.split()
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i0, i1, j0, j1 in matcher.get_opcodes():
        if op == "equal":
            out.append(("equal", " ".join(a[i0:i1])))
            continue
        if i1 > i0:
            out.append(("delete", " ".join(a[i0:i1])))
        if j1 > j0:
            out.append(("insert", " ".join(b[j0:j1])))
    return out
