"""A predictor of factuality for domains no list knows, from the domain name alone.

Trained and evaluated on Baly et al. 2018 (factuality high / mixed / low) with its own five
folds. It is weak (see BENCHMARKS.md): the report shows its output only as a prediction with
its probabilities, never as a rating.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from factsift.errors import BenchmarkError
from factsift.sources.features import domain_text, hand_features

LABELS = ("low", "mixed", "high")


@dataclass(frozen=True, slots=True)
class BalyData:
    domains: list[str]
    labels: list[str]
    folds: list[tuple[list[int], list[int]]]  # (train indexes, test indexes)


def load_baly(folder: Path) -> BalyData:
    corpus = folder / "emnlp18" / "corpus.tsv"
    splits = folder / "emnlp18" / "splits.json"
    if not corpus.is_file() or not splits.is_file():
        raise BenchmarkError(
            f"Baly et al. 2018 data not found under '{folder}'. Set FACTSIFT_DATA to the "
            "folder holding baly-news-media-reliability."
        )
    domains: list[str] = []
    labels: list[str] = []
    index: dict[str, int] = {}
    for line in corpus.read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) < 4 or cells[3] not in LABELS:
            continue
        index[cells[1]] = len(domains)
        domains.append(cells[1])
        labels.append(cells[3])
    raw: dict[str, dict[str, list[str]]] = json.loads(splits.read_text(encoding="utf-8"))
    folds = []
    for key in sorted(raw):
        train = [index[d] for d in raw[key]["train"] if d in index]
        test = [index[d] for d in raw[key]["test"] if d in index]
        folds.append((train, test))
    return BalyData(domains, labels, folds)


def make_model(seed: int = 0) -> Any:
    """Character n-grams of the name plus hand features, logistic regression."""
    from scipy.sparse import csr_matrix, hstack  # type: ignore[import-untyped]
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from sklearn.pipeline import make_pipeline  # type: ignore[import-untyped]
    from sklearn.preprocessing import StandardScaler  # type: ignore[import-untyped]

    class NameFeatures:
        def __init__(self) -> None:
            self.ngrams = TfidfVectorizer(
                analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True
            )
            self.scaler = StandardScaler()

        def fit(self, domains: list[str], y: Any = None) -> NameFeatures:
            self.ngrams.fit([domain_text(d) for d in domains])
            self.scaler.fit(np.array([hand_features(d) for d in domains]))
            return self

        def transform(self, domains: list[str]) -> Any:
            grams = self.ngrams.transform([domain_text(d) for d in domains])
            hand = self.scaler.transform(np.array([hand_features(d) for d in domains]))
            return hstack([grams, csr_matrix(hand)]).tocsr()

        def get_params(self, deep: bool = True) -> dict[str, Any]:
            return {}

    return make_pipeline(
        NameFeatures(),
        LogisticRegression(C=2.0, class_weight="balanced", max_iter=2000, random_state=seed),
    )


def evaluate(data: BalyData, folds: list[int] | None = None) -> dict[str, Any]:
    """Accuracy and macro-F1 over the given folds (all five by default)."""
    from sklearn.metrics import accuracy_score, f1_score  # type: ignore[import-untyped]

    chosen = folds if folds is not None else list(range(len(data.folds)))
    y_true: list[str] = []
    y_pred: list[str] = []
    per_fold = []
    for k in chosen:
        train, test = data.folds[k]
        model = make_model()
        model.fit([data.domains[i] for i in train], [data.labels[i] for i in train])
        predicted = list(model.predict([data.domains[i] for i in test]))
        truth = [data.labels[i] for i in test]
        per_fold.append(
            {
                "fold": k,
                "accuracy": round(100 * accuracy_score(truth, predicted), 1),
                "macro_f1": round(100 * f1_score(truth, predicted, average="macro"), 1),
            }
        )
        y_true += truth
        y_pred += predicted
    return {
        "folds": per_fold,
        "accuracy": round(float(np.mean([f["accuracy"] for f in per_fold])), 1),
        "macro_f1": round(float(np.mean([f["macro_f1"] for f in per_fold])), 1),
        "pooled_macro_f1": round(100 * f1_score(y_true, y_pred, average="macro"), 1),
        "n_test": len(y_true),
    }
