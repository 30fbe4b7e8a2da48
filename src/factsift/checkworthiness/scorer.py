"""Run-time check-worthiness scoring: the exported linear model, numpy only.

The model is logistic regression over sentence embeddings (the packaged MiniLM; WordLlama
static vectors for candidate models: the file's "embedding" key names which) and, where
training selected them, TF-IDF unigrams and bigrams and a few surface features (length,
numbers, pronouns: ``surface.py``). The TF-IDF features are rebuilt
here exactly as sklearn's ``TfidfVectorizer`` makes them (lowercase, ``\\b\\w\\w+\\b``
tokens, sublinear tf, idf, L2 norm), so run time needs no sklearn.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from factsift.checkworthiness.static_embed import NAME as STATIC_NAME
from factsift.checkworthiness.static_embed import encode_static
from factsift.checkworthiness.surface import NAMES as SURFACE_NAMES
from factsift.checkworthiness.surface import surface_features
from factsift.embed import REINSTALL, default_embedder
from factsift.errors import ModelError

TOKEN = re.compile(r"(?u)\b\w\w+\b")
MINILM_NAME = "minilm-l6-v2-int8"

Encoder = Callable[[Sequence[str]], npt.NDArray[np.float32]]


def _encode_minilm(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    return default_embedder().encode(texts)


# Model files written before the "embedding" key existed used MiniLM.
ENCODERS: dict[str, Encoder] = {STATIC_NAME: encode_static, MINILM_NAME: _encode_minilm}


class CheckworthinessModelError(ModelError):
    """The packaged check-worthiness model is missing or malformed."""


@dataclass(frozen=True)
class TfidfFeatures:
    index: dict[str, int]
    idf: npt.NDArray[np.float64]
    coef: npt.NDArray[np.float64]
    max_n: int

    def terms(self, text: str) -> Counter[str]:
        tokens = TOKEN.findall(text.lower())
        grams: Counter[str] = Counter()
        for n in range(1, self.max_n + 1):
            for i in range(len(tokens) - n + 1):
                grams[" ".join(tokens[i : i + n])] += 1
        return grams

    def contribution(self, text: str) -> float:
        """coef . tfidf(text), computed over the text's known terms only."""
        idx, vals = [], []
        for term, count in self.terms(text).items():
            j = self.index.get(term)
            if j is not None:
                idx.append(j)
                vals.append((1.0 + math.log(count)) * self.idf[j])
        if not idx:
            return 0.0
        v = np.asarray(vals)
        return float(v @ self.coef[idx] / np.linalg.norm(v))


@dataclass(frozen=True)
class LinearModel:
    encode: Encoder
    embedding_coef: npt.NDArray[np.float32]
    intercept: float
    tfidf: TfidfFeatures | None
    threshold: float
    meta: dict[str, Any]
    surface_coef: npt.NDArray[np.float64] | None = None

    def logits(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        z = self.encode(texts).astype(np.float64) @ self.embedding_coef
        z += self.intercept
        if self.tfidf is not None:
            z += np.array([self.tfidf.contribution(t) for t in texts])
        if self.surface_coef is not None:
            z += surface_features(texts) @ self.surface_coef
        return np.asarray(z, dtype=np.float64)


@lru_cache(maxsize=1)
def load_model() -> LinearModel:
    """The packaged model (src/factsift/checkworthiness/model/checkworthiness.json)."""
    return load_model_file(
        resources.files("factsift.checkworthiness") / "model" / "checkworthiness.json"
    )


def load_model_file(ref: Traversable | Path) -> LinearModel:
    """A model file as written by training/checkworthiness/train.py."""
    try:
        raw = json.loads(ref.read_text(encoding="utf-8"))
        encoder_name = str(raw.get("embedding", MINILM_NAME))
        if encoder_name not in ENCODERS:
            raise ValueError(f"unknown embedding {encoder_name!r}")
        tfidf = None
        if "tfidf" in raw:
            t = raw["tfidf"]
            tfidf = TfidfFeatures(
                index={term: i for i, term in enumerate(t["vocabulary"])},
                idf=np.asarray(t["idf"], dtype=np.float64),
                coef=np.asarray(t["coef"], dtype=np.float64),
                max_n=int(t["options"]["ngram_range"][1]),
            )
        surface_coef = None
        if "surface" in raw:
            names = tuple(raw["surface"]["names"])
            if names != SURFACE_NAMES:  # the features are computed here, by name and order
                raise ValueError(f"surface features {names} differ from {SURFACE_NAMES}")
            surface_coef = np.asarray(raw["surface"]["coef"], dtype=np.float64)
        return LinearModel(
            surface_coef=surface_coef,
            encode=ENCODERS[encoder_name],
            embedding_coef=np.asarray(raw["embedding_coef"], dtype=np.float64),
            intercept=float(raw["intercept"]),
            tfidf=tfidf,
            threshold=float(raw["threshold"]),
            meta={
                k: raw[k]
                for k in ("kind", "embedding", "selection", "dev_metrics", "data")
                if k in raw
            },
        )
    except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise CheckworthinessModelError(
            f"The check-worthiness model at {ref} cannot be read ({exc}). {REINSTALL}, or "
            "retrain it with 'python -m training.checkworthiness.train'."
        ) from exc


def score_sentences(texts: Sequence[str]) -> list[float]:
    """Probability in [0, 1] that each sentence states a claim worth checking."""
    if not texts:
        return []
    z = load_model().logits(texts)
    return [float(v) for v in 1.0 / (1.0 + np.exp(-z))]
