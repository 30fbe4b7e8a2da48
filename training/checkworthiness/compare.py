"""Compare check-worthiness model files on the dev debates in one run: F1, P, R, MAP, speed.

    OMP_NUM_THREADS=1 .venv/bin/python -m training.checkworthiness.compare A.json B.json

Each file is scored through the run-time scorer (``load_model_file``) on the dev debates
named in the first file; sentences/s excludes loading (each scorer is warmed up first).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from factsift.bench.datasets.checkworthiness import read_clef_debate
from factsift.bench.datasets.checkworthiness_corpus import CLEF_DEBATES
from factsift.bench.metrics.checkworthiness import f1_positive, mean_average_precision
from factsift.checkworthiness.scorer import load_model_file
from factsift.settings import data_dir


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("models", type=Path, nargs="+")
    args = parser.parse_args()
    models = [load_model_file(path) for path in args.models]
    folder = data_dir() / CLEF_DEBATES
    names = sorted(models[0].meta["data"]["dev_debates"])
    sents = [s for name in names for s in read_clef_debate(folder / f"{name}.tsv")]
    texts, labels = [s.text for s in sents], [s.label for s in sents]
    for path, model in zip(args.models, models, strict=True):
        model.logits(texts[:8])  # load the embedder outside the timing
        start = time.perf_counter()
        scores = 1.0 / (1.0 + np.exp(-model.logits(texts)))
        seconds = time.perf_counter() - start
        predicted = (scores >= model.threshold).astype(int)
        tp = int((predicted & np.asarray(labels)).sum())
        row = {
            "model": str(path),
            "kind": model.meta.get("kind"),
            "sentences": len(texts),
            "f1": round(f1_positive(labels, predicted.tolist()), 4),
            "precision": round(tp / max(1, int(predicted.sum())), 4),
            "recall": round(tp / max(1, sum(labels)), 4),
            "map": round(
                mean_average_precision([s.group for s in sents], labels, scores.tolist()), 4
            ),
            "threshold": round(model.threshold, 4),
            "sentences_per_s": round(len(texts) / seconds, 1),
        }
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
