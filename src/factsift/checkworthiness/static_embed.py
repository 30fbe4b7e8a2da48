"""WordLlama static sentence embeddings from the weights bundled in the ``wordllama`` wheel.

A sentence vector is the weighted average of 256-d token vectors (``l2_supercat``): no
neural network at run time, so it costs a tokenizer call and a table lookup (about 50x
faster than the MiniLM embedder). Optional (extra ``wordllama``); loaded only from the
package folder, with downloads disabled.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from factsift.errors import FactsiftError

NAME = "wordllama-l2_supercat-256"
CONFIG = "l2_supercat"
DIM = 256


class StaticEmbeddingMissingError(FactsiftError):
    """The wordllama package (which bundles the static embedding weights) is missing."""


@lru_cache(maxsize=1)
def _wordllama() -> Any:
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise StaticEmbeddingMissingError(
            "The package 'wordllama' is not installed; run \"pip install -e '.[wordllama]'\" "
            "(wordllama==0.4.0.post1 bundles its weights)."
        )
    from wordllama import WordLlama  # type: ignore[import-untyped]

    # The wheel ships weights/ and tokenizers/ inside the package folder; pointing the cache
    # there and disabling downloads makes a missing file an error, never a network call.
    folder = Path(next(iter(spec.submodule_search_locations)))
    try:
        return WordLlama.load(config=CONFIG, dim=DIM, cache_dir=folder, disable_download=True)
    except (OSError, ValueError) as exc:
        raise StaticEmbeddingMissingError(
            f"The wordllama weights in {folder} cannot be loaded ({exc}); reinstall "
            "wordllama==0.4.0.post1."
        ) from exc


def encode_static(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """256-d L2-normalised WordLlama vectors, one row per text."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    vectors = _wordllama().embed([t or " " for t in texts], norm=True, batch_size=256)
    return np.asarray(vectors, dtype=np.float32)
