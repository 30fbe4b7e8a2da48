"""Stance benchmark: accuracy, macro-F1 and expected calibration error of the packaged model.

Climate-FEVER and AVeriTeC are scored on their held-out part by default (the split by claim
used in training, ``factsift.bench.datasets.stance.split_of``); FEVER-Symmetric is never trained
on and is scored whole. Predictions are the model's final labels (abstentions count as
"not enough info"), so on two-class data a "not enough info" answer counts as wrong;
``accuracy_supports_refutes`` gives the two-way accuracy (argmax over the two) as well.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from factsift.bench.datasets.stance import READERS, split_of
from factsift.bench.metrics.stance import accuracy, expected_calibration_error, macro_f1
from factsift.errors import BenchmarkError
from factsift.stance.labels import LABELS, NEI
from factsift.stance.predictor import default_model

FORMATS = ("climate-fever", "fever-symmetric", "averitec")
SPLITS = ("default", "all", "train", "dev", "test")
DEFAULT_SPLIT = {"climate-fever": "test", "averitec": "test", "fever-symmetric": "all"}


def run(path: Path, fmt: str, split: str = "default", limit: int = 0) -> dict[str, Any]:
    if fmt not in FORMATS:
        raise BenchmarkError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")
    chosen = DEFAULT_SPLIT[fmt] if split == "default" else split
    pairs = [p for p in READERS[fmt](path) if chosen == "all" or split_of(p.group) == chosen]
    if limit:
        pairs = pairs[:limit]
    if not pairs:
        raise BenchmarkError(f"{path}: no pairs in split {chosen!r}; try --split all.")
    model = default_model()
    claims, passages = [p.claim for p in pairs], [p.passage for p in pairs]
    start = time.perf_counter()
    results = model.predict(claims, passages)
    seconds = time.perf_counter() - start
    gold = [p.label for p in pairs]
    predicted = [LABELS.index(r.label) for r in results]
    probs = np.array([[r.probabilities[name] for name in LABELS] for r in results])
    two_way = [int(row[1] > row[0]) for row in probs]
    has_nei = NEI in gold
    return {
        "data": str(path),
        "format": fmt,
        "split": chosen,
        "pairs": len(pairs),
        "claims": len({p.group for p in pairs}),
        "labels": {name: gold.count(i) for i, name in enumerate(LABELS)},
        "accuracy": round(accuracy(gold, predicted), 4),
        "macro_f1": round(macro_f1(gold, predicted), 4),
        "ece": round(expected_calibration_error(gold, probs), 4),
        "accuracy_supports_refutes": None if has_nei else round(accuracy(gold, two_way), 4),
        "abstained": sum(r.abstained for r in results),
        "pairs_per_s": round(len(pairs) / seconds, 1),
        "model": model.card.get("onnx"),
        "temperature": model.temperature,
        "min_confidence": model.min_confidence,
    }
