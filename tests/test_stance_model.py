"""The packaged stance model: predictions, abstention, and its CI quality gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsift.bench.datasets.stance import READERS, split_of
from factsift.bench.metrics.stance import accuracy, macro_f1
from factsift.errors import InputError
from factsift.stance import LABELS, predict
from factsift.stance.predictor import default_model

# Quality gate on small slices never trained on; minimums pinned a few points under the
# figures measured when the model was committed (see src/factsift/stance/model/README.md).
# Measured (model v2 scored one pair at a time, 2026-11-26): 0.474 macro-F1 on the first 300
# held-out Climate-FEVER pairs (batched: 0.492; v1: 0.360; random labels score 0.31, always
# "not enough info" 0.26); 0.660 two-way accuracy on the first 150 FEVER-Symmetric pairs
# (batched: 0.633; v1: 0.613; chance 0.5). Both far below the targets: see the card.
GATE_CLIMATE_PAIRS = 300
GATE_FEVER_PAIRS = 150
GATE_MIN_CLIMATE_MACRO_F1 = 0.46
GATE_MIN_FEVER_SR_ACCURACY = 0.60


def test_stance_predict_returns_calibrated_probabilities() -> None:
    results = predict(
        ["The Eiffel Tower is in Paris.", "The Eiffel Tower is in Paris."],
        ["The Eiffel Tower is a landmark in Paris, France.", "Bananas are yellow."],
    )
    assert len(results) == 2
    for r in results:
        assert r.label in LABELS
        assert set(r.probabilities) == set(LABELS)
        assert sum(r.probabilities.values()) == pytest.approx(1.0, abs=1e-4)


def test_stance_low_confidence_answers_not_enough_info() -> None:
    model = default_model()
    claims = ["Coal use rose.", "Coal use rose.", "It rained in May."]
    passages = ["Coal use fell sharply.", "Coal use rose by 5%.", "Prices went up."]
    probs = model.probabilities(claims, passages)
    for row, result in zip(probs, model.predict(claims, passages), strict=True):
        if row.max() < model.min_confidence:
            assert result.label == "not enough info"
        else:
            assert result.label == LABELS[int(row.argmax())] and not result.abstained


def test_stance_of_a_pair_does_not_depend_on_the_other_pairs() -> None:
    # The int8 model quantises activations per input tensor: batched, a pair's logits would
    # move with its batch mates. Scoring must give each pair the same result alone or not.
    model = default_model()
    claims = ["Coal use rose in 2019.", "The dam was completed in 1998.", "Crime fell."]
    passages = [
        "Coal consumption increased by 5% in 2019, the agency said.",
        "The dam was completed in 2004, six years behind schedule, officials said.",
        "Police recorded 12 percent more burglaries and robberies than a year earlier.",
    ]
    together = model.logits(claims, passages)
    for i in range(len(claims)):
        alone = model.logits([claims[i]], [passages[i]])[0]
        assert alone.tolist() == together[i].tolist()


def test_stance_mismatched_inputs_raise_input_error() -> None:
    with pytest.raises(InputError, match="one passage per claim"):
        predict(["a claim"], [])
    assert predict([], []) == []


@pytest.mark.data
def test_stance_gate_climate_fever_held_out_claims(data_dir: Path) -> None:
    path = data_dir / "climate-fever" / "climate-fever.jsonl"
    pairs = [p for p in READERS["climate-fever"](path) if split_of(p.group) == "test"]
    pairs = pairs[:GATE_CLIMATE_PAIRS]
    results = predict([p.claim for p in pairs], [p.passage for p in pairs])
    predicted = [LABELS.index(r.label) for r in results]
    assert macro_f1([p.label for p in pairs], predicted) >= GATE_MIN_CLIMATE_MACRO_F1


@pytest.mark.data
def test_stance_gate_fever_symmetric(data_dir: Path) -> None:
    path = data_dir / "fever-symmetric" / "symmetric_v0.2" / "fever_symmetric_dev.jsonl"
    pairs = list(READERS["fever-symmetric"](path))[:GATE_FEVER_PAIRS]
    results = predict([p.claim for p in pairs], [p.passage for p in pairs])
    two_way = [int(r.probabilities["refutes"] > r.probabilities["supports"]) for r in results]
    assert accuracy([p.label for p in pairs], two_way) >= GATE_MIN_FEVER_SR_ACCURACY
