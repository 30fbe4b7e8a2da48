"""Stance of an evidence passage toward a claim: supports, refutes or not enough info.

``predict(claims, passages)`` pairs ``claims[i]`` with ``passages[i]``. The model is the
project's MiniLM cross-encoder (int8 ONNX, run with onnxruntime); its card is
``model/README.md`` and its benchmark ``factsift bench stance``.
"""

from __future__ import annotations

from factsift.stance.labels import LABELS
from factsift.stance.predictor import StanceModel, StanceModelError, StanceResult, predict

__all__ = ["LABELS", "StanceModel", "StanceModelError", "StanceResult", "predict"]
