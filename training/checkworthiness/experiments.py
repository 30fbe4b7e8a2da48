"""Cross-validation experiments behind check-worthiness v3 (training debates only).

    OMP_NUM_THREADS=1 .venv/bin/python -m training.checkworthiness.experiments [--only v2,c19surf]

Every figure is F1 (at the F1-optimal cut) and MAP per debate over out-of-fold scores of the
40 CLEF-2020 train debates, 5 folds grouped by debate (the folds of ``train.py``); the dev
debates are never scored here. Stage-1 variants are logistic regressions over WordLlama
vectors + TF-IDF (+ options); context variants are a second logistic regression over the
stage-1 out-of-fold logits of a sentence and its neighbours, cross-validated on the same
folds. Prints one JSON line per variant; about a minute per stage-1 variant on one core.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.neural_network import MLPClassifier  # type: ignore[import-untyped]

from factsift.bench.datasets.checkworthiness import Sentence, normalise
from factsift.bench.datasets.checkworthiness_corpus import dev_debates, is_debate, training_corpus
from factsift.bench.metrics.checkworthiness import (
    best_threshold,
    f1_positive,
    mean_average_precision,
)
from factsift.checkworthiness.features import TFIDF_OPTIONS
from factsift.checkworthiness.static_embed import encode_static
from factsift.checkworthiness.surface import surface_features
from factsift.settings import data_dir
from training.checkworthiness.train import FOLDS, SEED

Array = npt.NDArray[np.float64]

# Stage-1 variants: C, CLEF weight, CLEF-2019 debates, surface features, and extras.
STAGE1: dict[str, dict[str, Any]] = {
    "v2": {"C": 2.0, "w": 3.0},
    "v2+surf": {"C": 2.0, "w": 3.0, "surface": True},
    "v2+c19": {"C": 2.0, "w": 3.0, "c19": True},
    "c19surf": {"C": 2.0, "w": 3.0, "c19": True, "surface": True},
    "c19surf-C0.5": {"C": 0.5, "w": 3.0, "c19": True, "surface": True},
    "c19surf-C1": {"C": 1.0, "w": 3.0, "c19": True, "surface": True},
    "c19surf-C8": {"C": 8.0, "w": 3.0, "c19": True, "surface": True},
    "c19surf-w6": {"C": 2.0, "w": 6.0, "c19": True, "surface": True},
    "c19surf-emb-x3": {"C": 2.0, "w": 3.0, "c19": True, "surface": True, "emb_scale": 3.0},
    "c19surf-surf-x3": {"C": 2.0, "w": 3.0, "c19": True, "surface": True, "surf_scale": 3.0},
    "c19surf-pos-x3": {"C": 2.0, "w": 3.0, "c19": True, "surface": True, "pos_w": 3.0},
    "c19surf-no-tweets": {"C": 2.0, "w": 3.0, "c19": True, "surface": True, "tweets": False},
    "c19surf-clef-only": {"C": 2.0, "w": 1.0, "c19": True, "surface": True, "extra": False},
    "c19surf-ctx-emb-1": {"C": 2.0, "w": 3.0, "c19": True, "surface": True, "ctx_emb": 1.0},
    "c19surf-ctx-emb-0.5": {"C": 2.0, "w": 3.0, "c19": True, "surface": True, "ctx_emb": 0.5},
}
# Second-stage context features over stage-1 logits (see ``context_features``).
CONTEXT = ("self", "n1", "n1n2", "n1max", "n1n2max", "mean", "doc", "n1doc", "meandoc", "n1rel")
STACKED = ("v2", "v2+surf", "v2+c19", "c19surf", "c19surf-clef-only")


class Data:
    """The training corpus with CLEF-2019 debates at the end, embeddings and features."""

    def __init__(self) -> None:
        root = data_dir()
        dev_keys = {normalise(s.text) for s in dev_debates(root)}
        self.clef, extra_all = training_corpus(root, dev_keys, clef2019=True)
        self.sents: list[Sentence] = self.clef + extra_all
        self.texts = [s.text for s in self.sents]
        self.labels = np.array([s.label for s in self.sents])
        n_clef = len(self.clef)
        kinds = ["clef"] * n_clef + [
            "c19" if is_debate(s) else "tweet" if s.group.startswith("CT22") else "cb"
            for s in extra_all
        ]
        self.kind = np.array(kinds)
        self.emb = encode_static(self.texts).astype(np.float64)
        self.surface = surface_features(self.texts)
        # isolated sentences (ClaimBuster, tweets) get their own group: no neighbours
        groups = [
            s.group if k in ("clef", "c19") else f"x{i}"
            for i, (s, k) in enumerate(zip(self.sents, kinds, strict=True))
        ]
        self.neighbours = neighbour_mean(self.emb, groups)
        names = sorted({s.group for s in self.clef})
        order = np.random.default_rng(SEED).permutation(names)
        fold_of = {n: i % FOLDS for i, n in enumerate(order)}
        self.folds = np.array([fold_of[s.group] for s in self.clef])
        self.groups = [s.group for s in self.clef]


def neighbour_mean(emb: Array, groups: list[str]) -> Array:
    """Mean of the previous and next vectors in the same group; zeros for a lone sentence."""
    out = np.zeros_like(emb)
    for i, group in enumerate(groups):
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(groups) and groups[j] == group]
        if near:
            out[i] = emb[near].mean(axis=0)
    return out


def design(d: Data, idx: npt.NDArray[np.int64], vec: Any, cfg: dict[str, Any]) -> Any:
    blocks = [sparse.csr_matrix(d.emb[idx] * cfg.get("emb_scale", 1.0))]
    if cfg.get("ctx_emb"):
        blocks.append(sparse.csr_matrix(d.neighbours[idx] * cfg["ctx_emb"]))
    blocks.append(vec.transform([d.texts[i] for i in idx]))
    if cfg.get("surface"):
        blocks.append(sparse.csr_matrix(d.surface[idx] * cfg.get("surf_scale", 1.0)))
    return sparse.hstack(blocks).tocsr()


def training_rows(d: Data, fold: int, cfg: dict[str, Any]) -> npt.NDArray[np.int64]:
    keep = (d.kind == "clef") & np.isin(np.arange(len(d.kind)), np.flatnonzero(d.folds != fold))
    if cfg.get("extra", True):
        keep |= d.kind == "cb"
        keep |= (d.kind == "tweet") & cfg.get("tweets", True)
    keep |= (d.kind == "c19") & bool(cfg.get("c19"))
    return np.flatnonzero(keep)


def stage1(d: Data, cfg: dict[str, Any]) -> Array:
    """Out-of-fold logits of the CLEF train sentences."""
    z = np.zeros(len(d.clef))
    for k in range(FOLDS):
        tr, te = training_rows(d, k, cfg), np.flatnonzero(d.folds == k)
        vec = TfidfVectorizer(**TFIDF_OPTIONS).fit([d.texts[i] for i in tr])
        w = np.where(np.isin(d.kind[tr], ("clef", "c19")), cfg["w"], 1.0)
        w = w * np.where(d.labels[tr] == 1, cfg.get("pos_w", 1.0), 1.0)
        model = LogisticRegression(C=cfg["C"], max_iter=3000, random_state=SEED)
        model.fit(design(d, tr, vec, cfg), d.labels[tr], sample_weight=w)
        z[te] = model.decision_function(design(d, te, vec, cfg))
    return z


def mlp(d: Data, hidden: int = 64) -> Array:
    """Out-of-fold logits of a small MLP over WordLlama + surface features."""
    x = np.hstack([d.emb, d.surface])
    z = np.zeros(len(d.clef))
    for k in range(FOLDS):
        tr, te = training_rows(d, k, {"c19": True}), np.flatnonzero(d.folds == k)
        w = np.where(np.isin(d.kind[tr], ("clef", "c19")), 3.0, 1.0)
        model = MLPClassifier(
            hidden_layer_sizes=(hidden,),
            alpha=1e-3,
            max_iter=20,
            batch_size=256,
            random_state=SEED,
        )
        model.fit(x[tr], d.labels[tr], sample_weight=w)
        p = np.clip(model.predict_proba(x[te])[:, 1], 1e-7, 1 - 1e-7)
        z[te] = np.log(p / (1 - p))
    return z


def context_features(z: Array, groups: list[str], kind: str) -> Array:
    """Per sentence: own logit, and neighbours' logits (same debate; the debate mean pads)."""
    rows: list[list[float]] = []
    start = 0
    while start < len(z):
        end = start
        while end < len(z) and groups[end] == groups[start]:
            end += 1
        doc = z[start:end]
        mu = float(doc.mean())
        pad = np.concatenate([[mu, mu], doc, [mu, mu]])
        for t in range(len(doc)):
            p1, n1, p2, n2 = pad[t + 1], pad[t + 3], pad[t], pad[t + 4]
            row = [float(doc[t])]
            if "n1" in kind:
                row += [p1, n1]
            if "n2" in kind:
                row += [p2, n2]
            if "max" in kind:
                row += [max(p1, n1, p2, n2)]
            if "mean" in kind:
                row += [(p1 + n1) / 2]
            if "doc" in kind:
                row += [mu]
            if "rel" in kind:
                row += [float(doc[t]) - mu]
            rows.append(row)
        start = end
    return np.array(rows)


def stage2(d: Data, z: Array, kind: str, c: float = 1.0) -> Array:
    x = context_features(z, d.groups, kind)
    out = np.zeros(len(z))
    for k in range(FOLDS):
        tr = d.folds != k
        model = LogisticRegression(C=c, max_iter=1000).fit(x[tr], d.labels[: len(z)][tr])
        out[~tr] = model.decision_function(x[~tr])
    return out


def report(d: Data, tag: str, z: Array) -> None:
    labels = d.labels[: len(z)].tolist()
    scores = 1.0 / (1.0 + np.exp(-z))
    cut = best_threshold(labels, scores.tolist())
    f1 = f1_positive(labels, (scores >= cut).astype(int).tolist())
    value_map = mean_average_precision(d.groups, labels, scores.tolist())
    print(json.dumps({"variant": tag, "f1": round(f1, 4), "map": round(value_map, 4)}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="comma-separated stage-1 variants (default: all)")
    parser.add_argument("--no-mlp", action="store_true")
    args = parser.parse_args()
    wanted = args.only.split(",") if args.only else list(STAGE1)
    d = Data()
    logits: dict[str, Array] = {}
    for tag in wanted:
        logits[tag] = stage1(d, STAGE1[tag])
        report(d, tag, logits[tag])
    for tag in (t for t in STACKED if t in logits):
        for kind in CONTEXT:
            report(d, f"{tag} | context {kind}", stage2(d, logits[tag], kind))
        report(d, f"{tag} | context doc, C 0.1", stage2(d, logits[tag], "doc", 0.1))
    if not args.no_mlp:
        z = mlp(d)
        report(d, "mlp64", z)
        if "c19surf" in logits:
            for a in (0.3, 0.5, 0.7):
                report(d, f"{a} c19surf + {1 - a:.1f} mlp64", a * logits["c19surf"] + (1 - a) * z)


if __name__ == "__main__":
    main()
