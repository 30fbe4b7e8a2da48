"""PAN text-alignment measures: character precision, recall, granularity, plagdet.

As defined by Potthast et al. (2010, "An Evaluation Framework for Plagiarism Detection")
and used at PAN 2012-2015, macro-averaged. A case and a detection are pairs of character
ranges (article, source) for one (article, source document) pair; a detection detects a
case when they overlap in both documents. Characters of both documents count:

    rec  = mean over cases s of |U_{r detects s} (s ∩ r)| / |s|
    prec = mean over detections r of |U_{s detected by r} (s ∩ r)| / |r|
    gran = mean over detected cases of the number of detections that detect it
    plagdet = F1(prec, rec) / log2(1 + gran)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Range = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Pair:
    """Ranges in the article and in the source, for one (article, source document) pair."""

    article: str
    source: str
    a: Range
    s: Range


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    granularity: float
    plagdet: float
    cases: int
    detections: int


def _length(r: Range) -> int:
    return max(0, r[1] - r[0])


def _overlap(x: Range, y: Range) -> Range | None:
    lo, hi = max(x[0], y[0]), min(x[1], y[1])
    return (lo, hi) if hi > lo else None


def _union(ranges: Sequence[Range]) -> int:
    total, end = 0, -(10**18)
    for lo, hi in sorted(ranges):
        if hi <= end:
            continue
        total += hi - max(lo, end)
        end = hi
    return total


def detects(r: Pair, s: Pair) -> bool:
    same = r.article == s.article and r.source == s.source
    return same and _overlap(r.a, s.a) is not None and _overlap(r.s, s.s) is not None


def _covered(target: Pair, others: Sequence[Pair]) -> float:
    a_parts = [o for x in others if (o := _overlap(target.a, x.a))]
    s_parts = [o for x in others if (o := _overlap(target.s, x.s))]
    size = _length(target.a) + _length(target.s)
    return (_union(a_parts) + _union(s_parts)) / size if size else 0.0


def score(cases: Sequence[Pair], detections: Sequence[Pair]) -> Scores:
    by_case = [[r for r in detections if detects(r, s)] for s in cases]
    by_detection = [[s for s in cases if detects(r, s)] for r in detections]
    recall = (
        sum(_covered(s, rs) for s, rs in zip(cases, by_case, strict=True)) / len(cases)
        if cases
        else 1.0
    )
    precision = (
        sum(_covered(r, ss) for r, ss in zip(detections, by_detection, strict=True))
        / len(detections)
        if detections
        else (1.0 if not cases else 0.0)
    )
    detected = [len(rs) for rs in by_case if rs]
    granularity = sum(detected) / len(detected) if detected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    plagdet = f1 / math.log2(1 + granularity)
    return Scores(precision, recall, granularity, plagdet, len(cases), len(detections))
