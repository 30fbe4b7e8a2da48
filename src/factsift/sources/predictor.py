"""A predictor of factuality for domains no list knows, from features that use no list.

Two feature sets, both evaluated on Baly et al. 2018 (factuality high / mixed / low) with
its own five folds:

- ``name``: hand features of the domain name alone (``features.hand_features``), logistic
  regression. This is the model shipped in ``predictor_model.json`` and used in reports.
- ``name+articles``: the same plus Baly's precomputed URL-structure features and GloVe
  averages of the site's article titles (features of the site's articles, not of any
  list), RBF SVM. Benchmark only: reports have no article-title vectors for an unknown site.
- ``name+articles+metadata``: also Alexa rank, Twitter and Wikipedia presence (Baly's
  precomputed metadata); every feature the data set holds that uses no rating list.

The shipped model is weak (BENCHMARKS.md); reports show its output only as a prediction,
with its probabilities and its measured accuracy, never as a rating.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from factsift.errors import BenchmarkError
from factsift.sources.features import hand_features

LABELS = ("high", "low", "mixed")  # sorted, as scikit-learn orders classes
MODEL_FILE = "predictor_model.json"


@dataclass(frozen=True, slots=True)
class BalyData:
    domains: list[str]
    labels: list[str]
    folds: list[tuple[list[int], list[int]]]  # (train indexes, test indexes)
    folder: Path


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
    return BalyData(domains, labels, folds, folder)


ARTICLE_FEATURES = ("articles_title_glove", "url_structure")
METADATA_FEATURES = (
    "alexa",
    "has_twitter",
    "has_wikipedia",
    "twitter_created_at",
    "twitter_engagement",
    "twitter_haslocation",
    "twitter_urlmatch",
    "twitter_verified",
)
FEATURE_SETS = {
    "name": (),
    "name+articles": ARTICLE_FEATURES,
    "name+articles+metadata": ARTICLE_FEATURES + METADATA_FEATURES,
}


def _precomputed(data: BalyData, names: tuple[str, ...]) -> npt.NDArray[np.float64]:
    """Baly's precomputed per-medium features (none of them uses a rating list)."""
    base = data.folder / "emnlp18" / "features"
    columns = []
    for name in names:
        try:
            table = json.loads((base / f"{name}.json").read_text(encoding="utf-8"))
            columns.append(np.array([np.ravel(table[d]) for d in data.domains], dtype=float))
        except (OSError, KeyError, ValueError) as exc:
            raise BenchmarkError(
                f"Baly's precomputed feature file '{base / name}.json' is missing or "
                f"incomplete ({exc})."
            ) from exc
    return np.hstack(columns)


def feature_matrix(data: BalyData, feature_set: str) -> npt.NDArray[np.float64]:
    if feature_set not in FEATURE_SETS:
        raise BenchmarkError(
            f"Unknown feature set '{feature_set}': use one of {', '.join(FEATURE_SETS)}."
        )
    names = np.array([hand_features(d) for d in data.domains], dtype=float)
    extra = FEATURE_SETS[feature_set]
    return np.hstack([names, _precomputed(data, extra)]) if extra else names


def make_classifier(feature_set: str) -> Any:
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
    from sklearn.pipeline import make_pipeline  # type: ignore[import-untyped]
    from sklearn.preprocessing import StandardScaler  # type: ignore[import-untyped]
    from sklearn.svm import SVC  # type: ignore[import-untyped]

    if feature_set == "name":
        model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=3000)
    else:
        model = SVC(C=1.0, kernel="rbf", class_weight="balanced")
    return make_pipeline(StandardScaler(), model)


def evaluate(
    data: BalyData, feature_set: str = "name", folds: list[int] | None = None
) -> dict[str, Any]:
    """Accuracy and macro-F1 (mean over folds, in %) on the given folds (default: all)."""
    from sklearn.metrics import accuracy_score, f1_score  # type: ignore[import-untyped]

    features = feature_matrix(data, feature_set)
    labels = np.array(data.labels)
    chosen = folds if folds is not None else list(range(len(data.folds)))
    per_fold = []
    for k in chosen:
        train, test = data.folds[k]
        model = make_classifier(feature_set).fit(features[train], labels[train])
        predicted = model.predict(features[test])
        per_fold.append(
            {
                "fold": k,
                "accuracy": round(100 * float(accuracy_score(labels[test], predicted)), 1),
                "macro_f1": round(
                    100 * float(f1_score(labels[test], predicted, average="macro")), 1
                ),
            }
        )
    return {
        "features": feature_set,
        "folds": per_fold,
        "accuracy": round(float(np.mean([f["accuracy"] for f in per_fold])), 1),
        "macro_f1": round(float(np.mean([f["macro_f1"] for f in per_fold])), 1),
    }


def train_name_model(data: BalyData, scores: dict[str, Any]) -> dict[str, Any]:
    """Fit the name model on all of Baly 2018 and return its weights as plain data."""
    features, labels = feature_matrix(data, "name"), np.array(data.labels)
    model = make_classifier("name").fit(features, labels)
    scaler, regression = model[0], model[-1]
    return {
        "temperature": fit_temperature(data, features, labels),
        "model": "logistic regression on features.hand_features, standardised",
        "trained_on": "Baly et al. 2018 emnlp18 corpus.tsv, all 1,066 media (labels from MBFC)",
        "evaluation": {k: scores[k] for k in ("accuracy", "macro_f1")},
        "classes": [str(c) for c in regression.classes_],
        "mean": scaler.mean_.tolist(),
        "scale": scaler.scale_.tolist(),
        "coef": regression.coef_.tolist(),
        "intercept": regression.intercept_.tolist(),
    }


def fit_temperature(
    data: BalyData, features: npt.NDArray[np.float64], labels: npt.NDArray[Any]
) -> float:
    """Temperature that makes held-out probabilities honest (lowest log loss over the folds):
    the raw model is far more confident than its accuracy warrants."""
    logits: list[npt.NDArray[np.float64]] = []
    truth: list[int] = []
    for train, test in data.folds:
        model = make_classifier("name").fit(features[train], labels[train])
        logits.append(model.decision_function(features[test]))
        classes = list(model[-1].classes_)
        truth += [classes.index(y) for y in labels[test]]
    stacked = np.vstack(logits)
    best, best_loss = 1.0, float("inf")
    for temperature in np.arange(1.0, 20.01, 0.25):
        scaled = stacked / temperature
        scaled -= scaled.max(axis=1, keepdims=True)
        log_probs = scaled - np.log(np.exp(scaled).sum(axis=1, keepdims=True))
        loss = -float(np.mean(log_probs[np.arange(len(truth)), truth]))
        if loss < best_loss:
            best, best_loss = float(temperature), loss
    return best


@dataclass(frozen=True, slots=True)
class Prediction:
    label: str
    probabilities: dict[str, float]
    accuracy: float  # measured on Baly 2018 folds, in %
    macro_f1: float


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Any] | None:
    entry = resources.files("factsift.sources") / MODEL_FILE
    if not entry.is_file():
        return None
    weights: dict[str, Any] = json.loads(entry.read_text(encoding="utf-8"))
    return weights


def predict(domain: str) -> Prediction | None:
    """The shipped name model's prediction for a domain (None when no model is shipped)."""
    weights = _shipped()
    if weights is None:
        return None
    x = (np.array(hand_features(domain)) - np.array(weights["mean"])) / np.array(weights["scale"])
    logits = np.array(weights["coef"]) @ x + np.array(weights["intercept"])
    logits = logits / float(weights.get("temperature", 1.0))
    exp = np.exp(logits - logits.max())
    probs = exp / exp.sum()
    classes: list[str] = weights["classes"]
    best = int(np.argmax(probs))
    return Prediction(
        label=classes[best],
        probabilities={c: round(float(p), 3) for c, p in zip(classes, probs, strict=True)},
        accuracy=float(weights["evaluation"]["accuracy"]),
        macro_f1=float(weights["evaluation"]["macro_f1"]),
    )
