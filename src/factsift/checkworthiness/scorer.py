"""Run-time check-worthiness scoring: the exported linear model, numpy only.

The model is logistic regression over the packaged MiniLM sentence embeddings and,
where training selected it, TF-IDF unigrams and bigrams. The TF-IDF features are rebuilt
here exactly as sklearn's ``TfidfVectorizer`` makes them (lowercase, ``\\b\\w\\w+\\b``
tokens, sublinear tf, idf, L2 norm), so run time needs no sklearn.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from factsift.embed import default_embedder
from factsift.errors import FactsiftError

TOKEN = re.compile(r"(?u)\b\w\w+\b")


class CheckworthinessModelError(FactsiftError):
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
    embedding_coef: npt.NDArray[np.float32]
    intercept: float
    tfidf: TfidfFeatures | None
    threshold: float
    meta: dict[str, Any]

    def logits(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        z = default_embedder().encode(texts).astype(np.float64) @ self.embedding_coef
        z += self.intercept
        if self.tfidf is not None:
            z += np.array([self.tfidf.contribution(t) for t in texts])
        return np.asarray(z, dtype=np.float64)


@lru_cache(maxsize=1)
def load_model() -> LinearModel:
    """The packaged model (src/factsift/checkworthiness/model/checkworthiness.json)."""
    ref = resources.files("factsift.checkworthiness") / "model" / "checkworthiness.json"
    try:
        raw = json.loads(ref.read_text(encoding="utf-8"))
        tfidf = None
        if "tfidf" in raw:
            t = raw["tfidf"]
            tfidf = TfidfFeatures(
                index={term: i for i, term in enumerate(t["vocabulary"])},
                idf=np.asarray(t["idf"], dtype=np.float64),
                coef=np.asarray(t["coef"], dtype=np.float64),
                max_n=int(t["options"]["ngram_range"][1]),
            )
        return LinearModel(
            embedding_coef=np.asarray(raw["embedding_coef"], dtype=np.float64),
            intercept=float(raw["intercept"]),
            tfidf=tfidf,
            threshold=float(raw["threshold"]),
            meta={k: raw[k] for k in ("kind", "selection", "dev_metrics", "data") if k in raw},
        )
    except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise CheckworthinessModelError(
            f"The check-worthiness model at {ref} cannot be read ({exc}); reinstall factsift "
            "or retrain it with 'python -m training.checkworthiness.train'."
        ) from exc


def score_sentences(texts: Sequence[str]) -> list[float]:
    """Probability in [0, 1] that each sentence states a claim worth checking."""
    if not texts:
        return []
    z = load_model().logits(texts)
    return [float(v) for v in 1.0 / (1.0 + np.exp(-z))]
