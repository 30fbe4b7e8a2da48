"""Which sentence embedding a check-worthiness model file uses, and the WordLlama encoder."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import numpy as np
import pytest

from factsift.checkworthiness import static_embed
from factsift.checkworthiness.scorer import (
    ENCODERS,
    MINILM_NAME,
    CheckworthinessModelError,
    load_model_file,
)


def test_checkworthiness_embeddings_file_without_key_means_minilm(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"embedding_coef": [0.0] * 384, "intercept": 0, "threshold": 0.5}))
    assert load_model_file(path).encode is ENCODERS[MINILM_NAME]


def test_checkworthiness_embeddings_unknown_name_is_model_error(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"embedding": "glove", "embedding_coef": [], "intercept": 0}))
    with pytest.raises(CheckworthinessModelError, match="unknown embedding 'glove'"):
        load_model_file(path)


def test_checkworthiness_embeddings_wordllama_loads_offline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("wordllama")

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the WordLlama encoder tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    static_embed._wordllama.cache_clear()
    vectors = static_embed.encode_static(["Taxes rose 5 percent in 2019.", ""])
    assert vectors.shape == (2, static_embed.DIM)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert static_embed.encode_static([]).shape == (0, static_embed.DIM)
