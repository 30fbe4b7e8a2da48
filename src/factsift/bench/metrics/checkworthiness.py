"""Ranking and classification metrics of the check-worthiness benchmark."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np


def f1_positive(labels: Sequence[int], predicted: Sequence[int]) -> float:
    """F1 of the check-worthy class."""
    y = np.asarray(labels)
    p = np.asarray(predicted)
    tp = int(((y == 1) & (p == 1)).sum())
    if tp == 0:
        return 0.0
    precision = tp / int((p == 1).sum())
    recall = tp / int((y == 1).sum())
    return 2 * precision * recall / (precision + recall)


def average_precision(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Average precision of one ranking (ties broken by original order)."""
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    y = np.asarray(labels)[order]
    if y.sum() == 0:
        return 0.0
    hits = np.cumsum(y)
    precision_at_hit = hits[y == 1] / (np.flatnonzero(y == 1) + 1)
    return float(precision_at_hit.mean())


def mean_average_precision(
    groups: Sequence[str], labels: Sequence[int], scores: Sequence[float]
) -> float:
    """MAP over groups (debates) that hold at least one check-worthy sentence."""
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, group in enumerate(groups):
        by_group[group].append(i)
    values = []
    for idx in by_group.values():
        ys = [labels[i] for i in idx]
        if sum(ys):
            values.append(average_precision(ys, [scores[i] for i in idx]))
    return float(np.mean(values)) if values else 0.0


def best_threshold(labels: Sequence[int], scores: Sequence[float]) -> float:
    """The score cut that maximises F1 (used on out-of-fold predictions, never on dev)."""
    s = np.asarray(scores, dtype=np.float64)
    candidates = np.unique(np.quantile(s, np.linspace(0.80, 0.999, 400)))
    f1s = [f1_positive(labels, (s >= t).astype(int).tolist()) for t in candidates]
    return float(candidates[int(np.argmax(f1s))])
