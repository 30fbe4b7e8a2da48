"""Surface features, their block in a model file, and the CLEF-2019 debates in the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from factsift.bench.datasets.checkworthiness import read_clef2019
from factsift.bench.datasets.checkworthiness_corpus import (
    CLEF2019_FILES,
    CLEF2019_NEW_DEBATES,
    CLEF_DEBATES,
    training_corpus,
)
from factsift.checkworthiness.scorer import CheckworthinessModelError, load_model_file
from factsift.checkworthiness.static_embed import DIM, NAME
from factsift.checkworthiness.surface import NAMES, surface_features
from factsift.errors import BenchmarkError


def test_checkworthiness_features_surface_values() -> None:
    rows = surface_features(
        [
            "Unemployment fell to 3.5 percent in 2019, and we spent $700 billion.",
            "Do you think so?",
        ]
    )
    assert rows.shape == (2, len(NAMES))
    first, second = (dict(zip(NAMES, row, strict=True)) for row in rows)
    for name in ("number", "percent", "money", "year", "first_plural", "compare"):
        assert first[name] == 1.0, name
    assert first["question"] == 0.0 and first["short"] == 0.0
    assert second["question"] == 1.0 and second["short"] == 1.0
    assert second["second_person"] == 1.0 and second["hedge"] == 1.0
    assert second["number"] == 0.0
    assert first["log_tokens"] > second["log_tokens"] > 0.0
    assert surface_features([]).shape == (0, len(NAMES))


def _model_file(tmp_path: Path, surface: dict[str, object]) -> Path:
    path = tmp_path / "m.json"
    raw = {"embedding": NAME, "embedding_coef": [0.0] * DIM, "intercept": 0.0, "threshold": 0.5}
    path.write_text(json.dumps({**raw, "surface": surface}))
    return path


def test_checkworthiness_features_surface_block_adds_to_logits(tmp_path: Path) -> None:
    pytest.importorskip("wordllama")
    coef = [0.0] * len(NAMES)
    coef[NAMES.index("number")] = 2.0
    model = load_model_file(_model_file(tmp_path, {"names": list(NAMES), "coef": coef}))
    z = model.logits(["We spent 700 dollars.", "We spent a lot."])
    assert np.allclose(z, [2.0, 0.0])


def test_checkworthiness_features_renamed_surface_block_is_model_error(tmp_path: Path) -> None:
    path = _model_file(tmp_path, {"names": ["length"], "coef": [1.0]})
    with pytest.raises(CheckworthinessModelError, match="surface features"):
        load_model_file(path)


def test_checkworthiness_features_clef2019_reader_keeps_named_debates(tmp_path: Path) -> None:
    path = tmp_path / "ct19.csv"
    path.write_text(
        "line_number,speaker,text,label,file_name\n"
        '1,A,"Taxes rose, a lot.",1,20190108_oval_office.tsv\n'
        "2,B,Thank you.,0,20160926_1pres.tsv\n"
    )
    rows = read_clef2019(path, frozenset({"20190108_oval_office"}))
    assert [(s.text, s.label, s.group) for s in rows] == [
        ("Taxes rose, a lot.", 1, "clef2019:20190108_oval_office")
    ]
    with pytest.raises(BenchmarkError, match="No CLEF-2019 task 1 file"):
        read_clef2019(tmp_path / "none.csv", frozenset())


@pytest.mark.data
def test_checkworthiness_features_clef2019_debates_are_new_events(data_dir: Path) -> None:
    # An event that CLEF-2020 also holds (same date) could be a dev debate segmented
    # differently, which exact-text dropping would not catch.
    clef2020_dates = {p.name[:8] for p in (data_dir / CLEF_DEBATES).glob("*.tsv")}
    assert not {name[:8] for name in CLEF2019_NEW_DEBATES} & clef2020_dates
    keep = CLEF2019_NEW_DEBATES
    rows = [s for rel in CLEF2019_FILES for s in read_clef2019(data_dir / rel, keep)]
    assert {s.group for s in rows} == {f"clef2019:{n}" for n in CLEF2019_NEW_DEBATES}
    _, extra = training_corpus(data_dir, set(), clef2019=True)
    _, without = training_corpus(data_dir, set())
    assert len(extra) - len(without) == len(rows)
