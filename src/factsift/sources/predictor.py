"""A prediction of factuality for domains no list knows, from the domain name alone.

The model is a logistic regression over ``features.hand_features``, trained on Baly et al.
2018 and shipped as plain weights in ``predictor_model.json``: run time needs numpy only.
Training and evaluation are in the benchmark wing (``factsift.bench.sources_predictor``,
``factsift bench sources [--save-model PATH]``).

The shipped model is weak (BENCHMARKS.md); reports show its output only as a prediction,
with its probabilities and its measured accuracy, never as a rating.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from factsift.sources.features import hand_features

MODEL_FILE = "predictor_model.json"


@dataclass(frozen=True, slots=True)
class Prediction:
    label: str
    probabilities: dict[str, float]
    accuracy: float  # measured on Baly 2018 folds, in %
    macro_f1: float


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Any] | None:
    entry = resources.files("factsift.sources") / MODEL_FILE
    if not entry.is_file():
        return None
    weights: dict[str, Any] = json.loads(entry.read_text(encoding="utf-8"))
    return weights


def predict(domain: str) -> Prediction | None:
    """The shipped name model's prediction for a domain (None when no model is shipped)."""
    weights = _shipped()
    if weights is None:
        return None
    x = (np.array(hand_features(domain)) - np.array(weights["mean"])) / np.array(weights["scale"])
    logits = np.array(weights["coef"]) @ x + np.array(weights["intercept"])
    logits = logits / float(weights.get("temperature", 1.0))
    exp = np.exp(logits - logits.max())
    probs = exp / exp.sum()
    classes: list[str] = weights["classes"]
    best = int(np.argmax(probs))
    return Prediction(
        label=classes[best],
        probabilities={c: round(float(p), 3) for c, p in zip(classes, probs, strict=True)},
        accuracy=float(weights["evaluation"]["accuracy"]),
        macro_f1=float(weights["evaluation"]["macro_f1"]),
    )
