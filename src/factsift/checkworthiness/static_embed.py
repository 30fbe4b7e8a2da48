"""WordLlama static sentence embeddings from the weights bundled in the ``wordllama`` wheel.

A sentence vector is the weighted average of 256-d token vectors (``l2_supercat``): no
neural network at run time, so it costs a tokenizer call and a table lookup (about 50x
faster than the MiniLM embedder). Optional (extra ``wordllama``); loaded only from the
package folder, with downloads disabled.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from factsift.embed import REINSTALL
from factsift.errors import ModelError

NAME = "wordllama-l2_supercat-256"
CONFIG = "l2_supercat"
DIM = 256


class StaticEmbeddingMissingError(ModelError):
    """The wordllama package (which bundles the static embedding weights) is missing or its
    weights cannot be loaded."""


@lru_cache(maxsize=1)
def _wordllama() -> Any:
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise StaticEmbeddingMissingError(
            "The package 'wordllama' is not installed. Run 'bash scripts/setup.sh' (it "
            "installs wordllama==0.4.0.post1, which bundles its weights)."
        )
    with _root_logging_kept():
        from wordllama import WordLlama  # type: ignore[import-untyped]

    # The wheel ships weights/ and tokenizers/ inside the package folder; pointing the cache
    # there and disabling downloads makes a missing file an error, never a network call.
    folder = Path(next(iter(spec.submodule_search_locations)))
    try:
        return WordLlama.load(config=CONFIG, dim=DIM, cache_dir=folder, disable_download=True)
    except Exception as exc:  # safetensors, tokenizers and wordllama each raise their own
        raise StaticEmbeddingMissingError(
            f"The wordllama weights in {folder} cannot be loaded ({exc}). {REINSTALL} "
            "(wordllama==0.4.0.post1)."
        ) from exc


@contextmanager
def _root_logging_kept() -> Iterator[None]:
    """wordllama calls ``logging.basicConfig(level=INFO)`` when imported, which would send
    every library's INFO lines (faiss: "Loading faiss with AVX2 support") to stderr, kept
    for factsift's one-line errors. Undo that: the root logger is the application's."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


def encode_static(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """256-d L2-normalised WordLlama vectors, one row per text."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    vectors = _wordllama().embed([t or " " for t in texts], norm=True, batch_size=256)
    return np.asarray(vectors, dtype=np.float32)
