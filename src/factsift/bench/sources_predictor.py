"""The unrated-domain predictor on Baly et al. 2018, with its own five folds.

Feature sets, all without any rating list:

- ``name``: hand features of the domain name alone (``sources.features.hand_features``),
  logistic regression. This is the model shipped in ``sources/predictor_model.json`` and
  used in reports (``sources.predictor`` runs it from those weights, without scikit-learn).
- ``name+articles``: the same plus Baly's precomputed URL-structure features and GloVe
  averages of the site's article titles (features of the site's articles, not of any
  list), RBF SVM. Benchmark only: reports have no article-title vectors for an unknown site.
- ``name+articles+metadata``: also Alexa rank, Twitter and Wikipedia presence (Baly's
  precomputed metadata); every feature the data set holds that uses no rating list.

The training of the shipped weights (``train_name_model``) lives here rather than in the
top-level ``training/`` folder: ``factsift bench sources --save-model`` runs it from an
installed factsift, which ships only ``src/factsift`` and so cannot import ``training``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from factsift.bench.datasets.baly import BalyData, precomputed
from factsift.bench.extras import require_scikit_learn
from factsift.errors import BenchmarkError
from factsift.sources.features import hand_features

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


def feature_matrix(data: BalyData, feature_set: str) -> npt.NDArray[np.float64]:
    if feature_set not in FEATURE_SETS:
        raise BenchmarkError(
            f"Unknown feature set '{feature_set}': use one of {', '.join(FEATURE_SETS)}."
        )
    names = np.array([hand_features(d) for d in data.domains], dtype=float)
    extra = FEATURE_SETS[feature_set]
    return np.hstack([names, precomputed(data, extra)]) if extra else names


def make_classifier(feature_set: str) -> Any:
    require_scikit_learn()
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
    require_scikit_learn()
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
