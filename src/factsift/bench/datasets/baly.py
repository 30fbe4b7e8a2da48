"""Reader of Baly et al. 2018 (media factuality high / mixed / low) and its five folds.

Besides labels, the data set ships precomputed per-medium features (article-title GloVe
averages, URL structure, Alexa rank, Twitter and Wikipedia presence); none of them uses a
rating list, so the predictor benchmark may use them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from factsift.errors import BenchmarkError

LABELS = ("high", "low", "mixed")  # sorted, as scikit-learn orders classes


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


def precomputed(data: BalyData, names: tuple[str, ...]) -> npt.NDArray[np.float64]:
    """Baly's precomputed per-medium features, one row per medium of ``data``."""
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
