"""The re-ranker: logistic regression over ``features.FEATURES``, trained on train splits.

Weights live in ``reranker.json`` beside this module (written by
``python -m factsift.factchecks.training``), with the feature names, the standardisation
and the "same claim" threshold tuned on dev data. Scores are probabilities in [0, 1].
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from factsift.factchecks.features import DECISION_FEATURES, FEATURES

MODEL_FILE = "reranker.json"


@dataclass(frozen=True, slots=True)
class Reranker:
    weights: npt.NDArray[np.float64]
    bias: float
    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    threshold: float  # decision probability at or above which a match is "the same claim"
    meta: dict[str, Any]
    # The "same claim" decision: a second logistic regression over absolute features
    # (DECISION_FEATURES). Ranking features are relative to the candidate list, so they
    # cannot tell a match from "nothing in the store matches"; measured on a 200-record
    # store, a ranker-based decision called a filler sentence the same claim.
    decision: (
        tuple[npt.NDArray[np.float64], float, npt.NDArray[np.float64], npt.NDArray[np.float64]]
        | None
    ) = None

    def same_claim_prob(
        self, rows: list[list[float]], probs: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.float64]:
        """Probability that each candidate is the same claim (ranker prob without a decision
        model)."""
        if self.decision is None or not rows:
            return probs
        return self.same_claim_prob_rows(decision_rows(rows))

    def same_claim_prob_rows(self, rows: list[list[float]]) -> npt.NDArray[np.float64]:
        """Decision probabilities of rows built by ``decision_rows``."""
        if self.decision is None:
            raise ValueError("this re-ranker has no decision model")
        if not rows:
            return np.zeros(0)
        w, b, mean, scale = self.decision
        x = (np.asarray(rows, dtype=np.float64) - mean) / scale
        return 1.0 / (1.0 + np.exp(-(x @ w + b)))

    def predict(self, rows: list[list[float]]) -> npt.NDArray[np.float64]:
        if not rows:
            return np.zeros(0)
        x = (np.asarray(rows, dtype=np.float64) - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(x @ self.weights + self.bias)))

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "weights": [round(float(w), 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "threshold": round(self.threshold, 4),
            "decision": None
            if self.decision is None
            else {
                "features": list(DECISION_FEATURES),
                "weights": [round(float(w), 6) for w in self.decision[0]],
                "bias": round(self.decision[1], 6),
                "mean": [round(float(v), 6) for v in self.decision[2]],
                "scale": [round(float(v), 6) for v in self.decision[3]],
            },
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reranker:
        if list(data["features"]) != list(FEATURES):
            raise ValueError("reranker.json was trained on other features; retrain it")
        return cls(
            weights=np.asarray(data["weights"], dtype=np.float64),
            bias=float(data["bias"]),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            threshold=float(data["threshold"]),
            meta=dict(data.get("meta", {})),
            decision=None
            if not data.get("decision")
            else (
                np.asarray(data["decision"]["weights"], dtype=np.float64),
                float(data["decision"]["bias"]),
                np.asarray(data["decision"]["mean"], dtype=np.float64),
                np.asarray(data["decision"]["scale"], dtype=np.float64),
            ),
        )

    @classmethod
    def load(cls, path: Path | None = None) -> Reranker:
        if path is None:
            text = (resources.files("factsift.factchecks") / MODEL_FILE).read_text("utf-8")
        else:
            text = path.read_text("utf-8")
        return cls.from_json(json.loads(text))


def fit_logistic(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], l2: float = 1.0, iters: int = 50
) -> tuple[npt.NDArray[np.float64], float, npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """L2-regularised logistic regression by Newton's method on standardised features."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2)
    reg[-1] = 0.0  # no penalty on the bias
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + reg * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w[:-1], float(w[-1]), mean, scale


def decision_rows(rows: list[list[float]]) -> list[list[float]]:
    """Decision features of candidates (absolute ones only; see DECISION_FEATURES)."""
    picks = [FEATURES.index(name) for name in DECISION_FEATURES]
    return [[row[i] for i in picks] for row in rows]
