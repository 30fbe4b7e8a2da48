"""Stance metrics and data readers (no model needed)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from factsift.bench.datasets.stance import read_climate_fever, split_of
from factsift.bench.metrics.stance import (
    accuracy,
    expected_calibration_error,
    fit_temperature,
    macro_f1,
)
from factsift.errors import BenchmarkError
from factsift.stance.labels import NEI, REFUTES, SUPPORTS


def test_metrics_accuracy_and_macro_f1() -> None:
    gold = [0, 0, 1, 2]
    pred = [0, 1, 1, 2]
    assert accuracy(gold, pred) == pytest.approx(0.75)
    # F1 per label: 0 -> 2/3, 1 -> 2/3, 2 -> 1
    assert macro_f1(gold, pred) == pytest.approx((2 / 3 + 2 / 3 + 1) / 3)


def test_metrics_ece_zero_when_confidence_equals_accuracy() -> None:
    probs = np.array([[0.75, 0.25, 0.0]] * 4)
    assert expected_calibration_error([0, 0, 0, 1], probs) == pytest.approx(0.0)
    assert expected_calibration_error([1, 1, 1, 1], probs) == pytest.approx(0.75)


def test_metrics_temperature_softens_overconfident_logits() -> None:
    rng = np.random.default_rng(0)
    gold = rng.integers(0, 3, 400)
    logits = rng.normal(0, 1, (400, 3))
    logits[np.arange(400), gold] += 1.0  # right about half the time...
    logits *= 6.0  # ...but far too sure
    assert fit_temperature(logits, gold.tolist()) > 3.0


def test_datasets_climate_fever_maps_labels(tmp_path: Path) -> None:
    row = {
        "claim_id": "7",
        "claim": "Seas are rising.",
        "evidences": [
            {"evidence": "Sea level rose 20 cm.", "evidence_label": "SUPPORTS"},
            {"evidence": "Sea level fell.", "evidence_label": "REFUTES"},
            {"evidence": "Penguins swim.", "evidence_label": "NOT_ENOUGH_INFO"},
        ],
    }
    path = tmp_path / "cf.jsonl"
    path.write_text(json.dumps(row) + "\n")
    pairs = list(read_climate_fever(path))
    assert [p.label for p in pairs] == [SUPPORTS, REFUTES, NEI]
    assert {p.group for p in pairs} == {"climate-fever:7"}


def test_datasets_bad_record_names_file_and_format(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"claim": "no evidences"}\n')
    with pytest.raises(BenchmarkError, match=r"x\.jsonl:1.*--format"):
        list(read_climate_fever(path))
    with pytest.raises(BenchmarkError, match="not found"):
        list(read_climate_fever(tmp_path / "missing.jsonl"))


def test_datasets_split_by_claim_is_stable_and_proportioned() -> None:
    groups = [f"climate-fever:{i}" for i in range(3000)]
    parts = [split_of(g) for g in groups]
    assert parts == [split_of(g) for g in groups]
    assert 0.12 < parts.count("test") / 3000 < 0.18
    assert 0.12 < parts.count("dev") / 3000 < 0.18
