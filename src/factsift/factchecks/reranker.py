"""The re-ranker: logistic regression over ``features.FEATURES``, trained on train splits.

Weights live in ``reranker.json`` beside this module (written by
``python -m training.claim_matching.reranker`` from a source checkout), with the feature
names, the standardisation and the "same claim" threshold tuned on dev data. Scores are
probabilities in [0, 1].
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
CE_DECISION_FEATURES = (*DECISION_FEATURES, "cross_encoder")
# weights, bias, mean, scale of a logistic regression over standardised features
Logistic = tuple[npt.NDArray[np.float64], float, npt.NDArray[np.float64], npt.NDArray[np.float64]]


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
    decision: Logistic | None = None
    # The same decision with the cross-encoder's logit as one more feature
    # (CE_DECISION_FEATURES), used wherever the cross-encoder runs, with its own threshold.
    # Only candidates the decision model without it puts in [floor_ce, ceiling_ce) are read
    # by the cross-encoder: below, not the same claim; at or above, the first model's "same
    # claim" stands (a 6-layer model must not veto a near-verbatim match). Both bounds were
    # chosen on dev data; they also save model runs.
    decision_ce: Logistic | None = None
    threshold_ce: float = 0.5
    floor_ce: float = 0.0
    ceiling_ce: float = 1.01

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
        return _logistic(self.decision, np.asarray(rows, dtype=np.float64))

    def same_claim_prob_ce(
        self, rows: list[list[float]], cross: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.float64]:
        """Decision probabilities with the cross-encoder's logit of each candidate."""
        if self.decision_ce is None:
            raise ValueError("this re-ranker has no cross-encoder decision model")
        if not rows:
            return np.zeros(0)
        x = np.column_stack([np.asarray(decision_rows(rows), dtype=np.float64), cross])
        return self.same_claim_prob_ce_rows(x)

    def same_claim_prob_ce_rows(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Decision probabilities of decision rows with the cross-encoder's logit appended."""
        if self.decision_ce is None:
            raise ValueError("this re-ranker has no cross-encoder decision model")
        return _logistic(self.decision_ce, np.asarray(x, dtype=np.float64))

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
            else {"features": list(DECISION_FEATURES), **_logistic_json(self.decision)},
            "decision_cross_encoder": None
            if self.decision_ce is None
            else {
                "features": list(CE_DECISION_FEATURES),
                **_logistic_json(self.decision_ce),
                "threshold": round(self.threshold_ce, 4),
                "floor": round(self.floor_ce, 4),
                "ceiling": round(self.ceiling_ce, 4),
            },
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reranker:
        if list(data["features"]) != list(FEATURES):
            raise ValueError("reranker.json was trained on other features; retrain it")
        ce = data.get("decision_cross_encoder")
        return cls(
            weights=np.asarray(data["weights"], dtype=np.float64),
            bias=float(data["bias"]),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            threshold=float(data["threshold"]),
            meta=dict(data.get("meta", {})),
            decision=_logistic_from(data.get("decision"), DECISION_FEATURES),
            decision_ce=_logistic_from(ce, CE_DECISION_FEATURES),
            threshold_ce=float(ce["threshold"]) if ce else 0.5,
            floor_ce=float(ce.get("floor", 0.0)) if ce else 0.0,
            ceiling_ce=float(ce.get("ceiling", 1.01)) if ce else 1.01,
        )

    @classmethod
    def load(cls, path: Path | None = None) -> Reranker:
        if path is None:
            text = (resources.files("factsift.factchecks") / MODEL_FILE).read_text("utf-8")
        else:
            text = path.read_text("utf-8")
        return cls.from_json(json.loads(text))


def decision_rows(rows: list[list[float]]) -> list[list[float]]:
    """Decision features of candidates (absolute ones only; see DECISION_FEATURES)."""
    picks = [FEATURES.index(name) for name in DECISION_FEATURES]
    return [[row[i] for i in picks] for row in rows]


def _logistic(model: Logistic, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    w, b, mean, scale = model
    return 1.0 / (1.0 + np.exp(-(((x - mean) / scale) @ w + b)))


def _logistic_json(model: Logistic) -> dict[str, Any]:
    w, b, mean, scale = model
    return {
        "weights": [round(float(v), 6) for v in w],
        "bias": round(float(b), 6),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
    }


def _logistic_from(data: dict[str, Any] | None, features: tuple[str, ...]) -> Logistic | None:
    if not data:
        return None
    if list(data.get("features", features)) != list(features):
        raise ValueError("reranker.json's decision model has other features; retrain it")
    return (
        np.asarray(data["weights"], dtype=np.float64),
        float(data["bias"]),
        np.asarray(data["mean"], dtype=np.float64),
        np.asarray(data["scale"], dtype=np.float64),
    )
