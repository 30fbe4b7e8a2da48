"""Check-worthiness benchmark: the packaged model against a TF-IDF + logistic-regression
baseline trained in the same run on the same training corpus.

F1 is of the check-worthy class at each system's own threshold (the baseline's is chosen
the same way as the model's: F1-optimal on out-of-fold scores of the CLEF train debates,
5 folds grouped by debate). MAP is over the evaluation groups (debates) with at least one
check-worthy sentence.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from factsift.bench.datasets.checkworthiness import Sentence, normalise, read
from factsift.bench.datasets.checkworthiness_corpus import dev_debates, training_corpus
from factsift.bench.extras import require_scikit_learn
from factsift.bench.metrics.checkworthiness import (
    best_threshold,
    f1_positive,
    mean_average_precision,
)
from factsift.checkworthiness.features import TFIDF_OPTIONS
from factsift.checkworthiness.scorer import load_model, score_sentences
from factsift.errors import BenchmarkError

FOLDS = 5
SEED = 11


def _baseline_scores(
    clef: list[Sentence], extra: list[Sentence], eval_texts: list[str]
) -> tuple[npt.NDArray[np.float64], float]:
    """Baseline scores of the evaluation texts, and its out-of-fold F1-optimal threshold."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    def fit_score(train: list[Sentence], texts: list[str]) -> npt.NDArray[np.float64]:
        vec = TfidfVectorizer(**TFIDF_OPTIONS)
        x = vec.fit_transform([s.text for s in train])
        model = LogisticRegression(max_iter=2000, random_state=SEED)
        model.fit(x, [s.label for s in train])
        return np.asarray(model.predict_proba(vec.transform(texts))[:, 1], dtype=np.float64)

    names = sorted({s.group for s in clef})
    order = np.random.default_rng(SEED).permutation(names)
    fold_of = {n: i % FOLDS for i, n in enumerate(order)}
    oof = np.zeros(len(clef))
    for k in range(FOLDS):
        held = [i for i, s in enumerate(clef) if fold_of[s.group] == k]
        kept = [s for s in clef if fold_of[s.group] != k]
        oof[held] = fit_score(kept + extra, [clef[i].text for i in held])
    cut = best_threshold([s.label for s in clef], oof.tolist())
    return fit_score(clef + extra, eval_texts), cut


def _figures(
    sents: list[Sentence], scores: npt.NDArray[np.float64], cut: float
) -> dict[str, float]:
    labels = [s.label for s in sents]
    predicted = (scores >= cut).astype(int)
    tp = int(((predicted == 1) & (np.asarray(labels) == 1)).sum())
    return {
        "f1": round(f1_positive(labels, predicted.tolist()), 4),
        "precision": round(tp / max(1, int(predicted.sum())), 4),
        "recall": round(tp / max(1, sum(labels)), 4),
        "map": round(mean_average_precision([s.group for s in sents], labels, scores.tolist()), 4),
        "threshold": round(cut, 4),
    }


def run(path: Path, fmt: str, data_root: Path, dev_only: bool = False) -> dict[str, Any]:
    """Score ``path`` with the model and the baseline; figures as plain JSON-able data."""
    require_scikit_learn()  # for the baseline: say so before the model's long run
    sents = read(path, fmt)
    model = load_model()
    if dev_only:
        dev = set(model.meta["data"]["dev_debates"])
        sents = [s for s in sents if s.group in dev]
        if not sents:
            raise BenchmarkError(
                f"None of the model's dev debates are in {path}: --dev-only needs the CLEF-2020 "
                "task 5 training folder (../shared/data/clef2020-checkthat-task5-debates/training)."
            )
    if not any(s.label for s in sents):
        raise BenchmarkError(f"{path}: no check-worthy sentence (label 1); nothing to score.")
    texts = [s.text for s in sents]
    start = time.perf_counter()
    scores = np.asarray(score_sentences(texts))
    seconds = time.perf_counter() - start

    eval_keys = {normalise(t) for t in texts}
    # The model was trained on this corpus without the dev debates' texts.
    dev_keys = {normalise(s.text) for s in dev_debates(data_root)}
    model_clef, model_extra = training_corpus(data_root, dev_keys)
    seen = sum(1 for s in model_clef + model_extra if normalise(s.text) in eval_keys)
    clef, extra = training_corpus(data_root, eval_keys)
    base_scores, base_cut = _baseline_scores(clef, extra, texts)

    ours = _figures(sents, scores, model.threshold)
    base = _figures(sents, base_scores, base_cut)
    return {
        "data": str(path),
        "format": fmt,
        "dev_only": dev_only,
        "sentences": len(sents),
        "check_worthy": sum(s.label for s in sents),
        "groups": len({s.group for s in sents}),
        "model": ours,
        "baseline_tfidf_lr": base,
        "delta_f1_points": round(100 * (ours["f1"] - base["f1"]), 2),
        "delta_map_points": round(100 * (ours["map"] - base["map"]), 2),
        "model_sentences_per_s": round(len(sents) / seconds, 1),
        "eval_texts_in_model_training": seen,
        "baseline_training_sentences": len(clef) + len(extra),
    }
