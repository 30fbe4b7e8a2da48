"""Clough & Stevenson's corpus of plagiarised short answers: classify the level of reuse.

Each of the 95 answers is compared with the Wikipedia text it was written from, and
classified as cut (near copy), light or heavy revision, or non-plagiarised, by thresholds on
one reuse score: word 3-gram containment, word containment, or the share of the answer
that ``trace.align`` aligns with the source. Which score and which thresholds are chosen by
leave-one-task-out cross-validation (5 folds, one per task a-e): each fold is classified
with the choice that is best on the other four, so the accuracy is measured on answers the
thresholds were not tuned on. There is no official split.
"""

from __future__ import annotations

import csv
import itertools
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from factsift.errors import BenchmarkError
from factsift.trace.align import align
from factsift.trace.tokens import tokenize

CLOUGH = Path("clough-stevenson-plagiarised-short-answers")
LEVELS = ("non", "heavy", "light", "cut")  # increasing reuse
QUANTILES = 24


def _ngrams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1))}


def features(answer: str, source: str) -> dict[str, float]:
    a, s = tokenize(answer), tokenize(source)
    a3, s3 = _ngrams(a.words, 3), _ngrams(s.words, 3)
    a1, s1 = set(a.words), set(s.words)
    covered = sum(x.article_end - x.article_start for x in align(answer, a, source, s))
    coverage = covered / max(1, len(answer.strip()))
    c3 = len(a3 & s3) / max(1, len(a3))
    return {
        "containment3": c3,
        "containment1": len(a1 & s1) / max(1, len(a1)),
        "aligned_share": coverage,
        "mean_c3_aligned": (c3 + coverage) / 2,
    }


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def load(root: Path) -> list[tuple[str, str, str, str]]:
    """(file, task, level, answer text) for each answer, and each task's source text."""
    folder = root / CLOUGH
    info = folder / "file_information.csv"
    if not info.is_file():
        raise BenchmarkError(
            f"Clough-Stevenson corpus not found at '{folder}'. Set FACTSIFT_DATA to the folder "
            "of the public data sets."
        )
    with info.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        (row["File"], row["Task"], row["Category"], _read(folder / row["File"]))
        for row in rows
        if row["Category"] in LEVELS
    ]


def _classify(values: np.ndarray[Any, Any], cuts: tuple[float, ...]) -> np.ndarray[Any, Any]:
    return np.searchsorted(np.asarray(cuts), values, side="right")


def _fit(
    x: dict[str, np.ndarray[Any, Any]], y: np.ndarray[Any, Any]
) -> tuple[str, tuple[float, ...], float]:
    best: tuple[str, tuple[float, ...], float] = ("", (), -1.0)
    for name, values in x.items():
        grid = np.unique(np.quantile(values, np.linspace(0.02, 0.98, QUANTILES)))
        for cuts in itertools.combinations(grid.tolist(), len(LEVELS) - 1):
            accuracy = float(np.mean(_classify(values, cuts) == y))
            if accuracy > best[2]:
                best = (name, cuts, accuracy)
    return best


def run_clough(root: Path) -> dict[str, Any]:
    answers = load(root)
    folder = root / CLOUGH
    sources = {t: _read(folder / f"orig_task{t}.txt") for t in sorted({a[1] for a in answers})}
    rows = [features(text, sources[task]) for _, task, _, text in answers]
    names = list(rows[0])
    x = {n: np.array([r[n] for r in rows]) for n in names}
    y = np.array([LEVELS.index(level) for _, _, level, _ in answers])
    tasks = np.array([task for _, task, _, _ in answers])
    predicted = np.zeros_like(y)
    chosen = []
    for task in sorted(set(tasks.tolist())):
        train, test = tasks != task, tasks == task
        name, cuts, _ = _fit({n: v[train] for n, v in x.items()}, y[train])
        predicted[test] = _classify(x[name][test], cuts)
        chosen.append(
            {"held_out_task": task, "score": name, "thresholds": [round(c, 3) for c in cuts]}
        )
    confusion = Counter((LEVELS[int(t)], LEVELS[int(p)]) for t, p in zip(y, predicted, strict=True))
    binary = float(np.mean((predicted > 0) == (y > 0)))
    return {
        "answers": len(answers),
        "accuracy_4class_cv": round(float(np.mean(predicted == y)), 4),
        "accuracy_plagiarised_vs_not_cv": round(binary, 4),
        "folds": chosen,
        "confusion": {f"{t}->{p}": n for (t, p), n in sorted(confusion.items())},
    }
