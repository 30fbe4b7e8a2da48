"""Classification and calibration metrics of the stance benchmark."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt


def accuracy(gold: Sequence[int], predicted: Sequence[int]) -> float:
    return float(np.mean(np.asarray(gold) == np.asarray(predicted))) if len(gold) else 0.0


def macro_f1(gold: Sequence[int], predicted: Sequence[int]) -> float:
    """Mean F1 over the labels present in the gold data."""
    g, p = np.asarray(gold), np.asarray(predicted)
    scores = []
    for label in np.unique(g):
        tp = int(((g == label) & (p == label)).sum())
        fp = int(((g != label) & (p == label)).sum())
        fn = int(((g == label) & (p != label)).sum())
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores)) if scores else 0.0


def expected_calibration_error(
    gold: Sequence[int], probabilities: npt.NDArray[np.float64], bins: int = 15
) -> float:
    """ECE of the top-label confidence over equal-width bins (Guo et al. 2017)."""
    conf = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == np.asarray(gold)
    edges = np.linspace(0.0, 1.0, bins + 1)
    ece = 0.0
    for lo, hi in itertools.pairwise(edges):
        inside = (conf > lo) & (conf <= hi)
        if inside.any():
            ece += inside.mean() * abs(conf[inside].mean() - correct[inside].mean())
    return float(ece)


def fit_temperature(logits: npt.NDArray[np.float64], gold: Sequence[int]) -> float:
    """Temperature minimising the negative log-likelihood (grid, then refine)."""
    y = np.asarray(gold)

    def nll(t: float) -> float:
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(y)), y].mean())

    grid = np.exp(np.linspace(np.log(0.2), np.log(10.0), 200))
    best = float(grid[int(np.argmin([nll(t) for t in grid]))])
    fine = np.linspace(best * 0.9, best * 1.1, 81)
    return float(fine[int(np.argmin([nll(t) for t in fine]))])
