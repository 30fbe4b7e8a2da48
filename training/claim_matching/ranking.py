"""MAP@5 of the cascade (re-ranker, then cross-encoder over its top K), and the weight of
the cross-encoder's logit that maximises it. Used on out-of-fold scores only."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

WEIGHTS = tuple(round(w, 2) for w in np.arange(0.0, 3.01, 0.1))


class Scored(Protocol):
    group: npt.NDArray[np.int32]
    label: npt.NDArray[np.float32]
    stage1: npt.NDArray[np.float64]
    added: npt.NDArray[np.bool_]
    relevant: npt.NDArray[np.int64]


def average_precision(labels: list[float], relevant: int, k: int = 5) -> float:
    hits, total = 0, 0.0
    for i, y in enumerate(labels[:k], start=1):
        if y:
            hits += 1
            total += hits / i
    return total / max(relevant, 1)


def cascade_map(
    pairs: Scored,
    rows: npt.NDArray[np.int64],
    ce: npt.NDArray[np.float32],
    weight: float,
    top: int,
    gate: tuple[float, float] = (0.0, 2.0),
) -> float:
    """MAP@5 when each query's ``top`` best by the re-ranker are re-ordered by
    logit + weight x cross-encoder logit (pairs added for training are left out). Only
    queries whose best re-ranker probability is in ``gate`` [low, high) are re-ordered."""
    keep = ~pairs.added[rows]
    rows, ce = rows[keep], ce[keep]
    groups = pairs.group[rows]
    total, count = 0.0, 0
    for g in np.unique(groups):
        mine = np.flatnonzero(groups == g)
        first = mine[np.argsort(-pairs.stage1[rows[mine]], kind="stable")]
        head, tail = first[:top], first[top:]
        best = 1.0 / (1.0 + np.exp(-pairs.stage1[rows[first[0]]]))
        if not gate[0] <= best < gate[1]:
            total += average_precision(pairs.label[rows[first]].tolist(), int(pairs.relevant[g]))
            count += 1
            continue
        final = pairs.stage1[rows[head]] + weight * ce[head]
        order = np.concatenate([head[np.argsort(-final, kind="stable")], tail])
        total += average_precision(pairs.label[rows[order]].tolist(), int(pairs.relevant[g]))
        count += 1
    return total / max(count, 1)


def best_weight(
    pairs: Scored, rows: npt.NDArray[np.int64], ce: npt.NDArray[np.float32], top: int
) -> dict[str, Any]:
    """The weight with the best MAP@5 (ties: the smaller weight), with the re-ranker alone."""
    scores = {w: cascade_map(pairs, rows, ce, w, top) for w in WEIGHTS}
    weight = max(WEIGHTS, key=lambda w: (round(scores[w], 6), -w))
    return {
        "weight": weight,
        "top": top,
        "map@5": round(scores[weight], 4),
        "map@5_reranker_alone": round(scores[0.0], 4),
        "map@5_cross_encoder_alone": round(cascade_map(pairs, rows, ce, 1e6, top), 4),
    }


def gated_share(pairs: Scored, rows: npt.NDArray[np.int64], gate: tuple[float, float]) -> float:
    """Share of the queries whose best re-ranker probability falls in ``gate``."""
    keep = rows[~pairs.added[rows]]
    best: dict[int, float] = {}
    for row in keep.tolist():
        g = int(pairs.group[row])
        best[g] = max(best.get(g, -np.inf), float(pairs.stage1[row]))
    probs = 1.0 / (1.0 + np.exp(-np.asarray(list(best.values()))))
    return float(((probs >= gate[0]) & (probs < gate[1])).mean()) if len(probs) else 0.0


def choose_gate(
    pairs: Scored, rows: npt.NDArray[np.int64], ce: npt.NDArray[np.float32], weight: float, top: int
) -> dict[str, Any]:
    """The narrowest band of best re-ranker probabilities, outside which the cross-encoder is
    skipped, that keeps MAP@5 within 0.001 of running it on every query: a query the
    re-ranker is already sure of costs no model runs."""
    everywhere = cascade_map(pairs, rows, ce, weight, top)
    bands = [(lo, hi) for lo in (0.0, 0.01, 0.02, 0.05) for hi in (0.5, 0.7, 0.8, 0.9, 0.95, 2.0)]
    kept = [b for b in bands if cascade_map(pairs, rows, ce, weight, top, b) >= everywhere - 0.001]
    gate = min(kept, key=lambda b: (gated_share(pairs, rows, b), b))
    return {
        "gate": list(gate),  # [low, high); high 2.0: no upper bound
        "share_scored": round(gated_share(pairs, rows, gate), 4),
        "map@5": round(cascade_map(pairs, rows, ce, weight, top, gate), 4),
        "map@5_every_query": round(everywhere, 4),
    }


def require_inputs(pairs: Path | None = None, run: Path | None = None) -> None:
    """Stop with a plain message when a pairs file or a training run's folder is missing."""
    if pairs is not None and not (pairs.is_file() and pairs.with_suffix(".json").is_file()):
        raise SystemExit(
            f"No pairs at {pairs} (and {pairs.with_suffix('.json').name} beside it): "
            "write them with 'python -m training.claim_matching.prepare --out PATH'."
        )
    if run is not None and not ((run / "log.json").is_file() and (run / "scores.npz").is_file()):
        raise SystemExit(
            f"{run} is not a training run's folder (log.json and scores.npz): give the "
            "--out folder of 'python -m training.claim_matching.train'."
        )
