"""Train the check-worthiness model: logistic regression over sentence embeddings
(WordLlama static vectors by default, which need the ``wordllama`` extra; the packaged
MiniLM with ``--embedding minilm``), TF-IDF n-grams and, where selected, surface features
(``factsift.checkworthiness.surface``), seeded and CPU only.

    OMP_NUM_THREADS=1 .venv/bin/python -m training.checkworthiness.train [--cache emb.npz]

With no options it rebuilds the shipped v2. ``--clef2019 --surface`` trains the v3 candidate
(measured, not shipped: see the model card): the CLEF-2019 debates that CLEF-2020 lacks as
more training data, and a grid over the surface features instead of over TF-IDF.

Model selection and the decision threshold use 5-fold cross-validation grouped by debate
over the CLEF-2020 task 5 *train* debates; the dev debates (held out by debate) are scored
once, at the end, and their figures go into the model card. Writes
src/factsift/checkworthiness/model/checkworthiness.json (or ``--output``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

from factsift.bench.datasets.checkworthiness import Sentence, normalise
from factsift.bench.datasets.checkworthiness_corpus import (
    CLEF2019_FILES,
    CLEF2019_NEW_DEBATES,
    CLEF_DEBATES,
    DEV_DEBATES,
    EXTRA_SOURCES,
    SPLIT_SEED,
    dev_debates,
    is_debate,
    split_debates,
    training_corpus,
)
from factsift.bench.metrics.checkworthiness import (
    best_threshold,
    f1_positive,
    mean_average_precision,
)
from factsift.checkworthiness.features import TFIDF_OPTIONS
from factsift.checkworthiness.scorer import MINILM_NAME
from factsift.checkworthiness.static_embed import NAME as STATIC_NAME
from factsift.checkworthiness.static_embed import encode_static
from factsift.checkworthiness.surface import NAMES as SURFACE_NAMES
from factsift.checkworthiness.surface import surface_features
from factsift.embed import default_embedder
from factsift.settings import data_dir

MODEL_FILE = Path(__file__).resolve().parents[2] / "src/factsift/checkworthiness/model"
SEED = 11
FOLDS = 5


EMBEDDINGS = {"wordllama": STATIC_NAME, "minilm": MINILM_NAME}


def embed(texts: list[str], kind: str, cache: Path | None) -> npt.NDArray[np.float32]:
    """Sentence embeddings; for MiniLM an optional cache file saves re-encoding."""
    if kind == "wordllama":  # static vectors: seconds for the whole corpus, no cache needed
        return encode_static(texts)
    known: dict[str, npt.NDArray[np.float32]] = {}
    if cache and cache.exists():
        with np.load(cache, allow_pickle=False) as data:
            known = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
    missing = sorted({t for t in texts if t not in known})
    if missing:
        vectors = default_embedder().encode(missing, batch_size=128)
        known.update(zip(missing, vectors, strict=True))
        if cache:
            keys = list(known)
            np.savez(cache, texts=np.array(keys), vectors=np.stack([known[k] for k in keys]))
    return np.stack([known[t] for t in texts]).astype(np.float32)


def design(
    emb: npt.NDArray[np.float32],
    texts: list[str],
    vec: TfidfVectorizer | None,
    surface: bool,
    tfidf: sparse.csr_matrix | None = None,
) -> npt.NDArray[np.float32] | sparse.csr_matrix:
    """Feature blocks in export order: embedding, TF-IDF (``tfidf`` if given, else
    ``vec.transform(texts)``), surface features. Embeddings alone stay dense and TF-IDF comes
    from ``fit_transform`` when fitting, as in v2, so that v2 rebuilds byte-identically."""
    if vec is None and not surface:
        return emb
    blocks = [sparse.csr_matrix(emb)]
    if vec is not None:
        blocks.append(vec.transform(texts) if tfidf is None else tfidf)
    if surface:
        blocks.append(sparse.csr_matrix(surface_features(texts)))
    return sparse.hstack(blocks).tocsr()


def fit(
    emb: npt.NDArray[np.float32],
    texts: list[str],
    labels: npt.NDArray[np.int64],
    weights: npt.NDArray[np.float64],
    c: float,
    use_tfidf: bool,
    surface: bool,
) -> tuple[LogisticRegression, TfidfVectorizer | None]:
    vec = TfidfVectorizer(**TFIDF_OPTIONS) if use_tfidf else None
    tfidf = vec.fit_transform(texts) if vec is not None else None
    model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    model.fit(design(emb, texts, vec, surface, tfidf), labels, sample_weight=weights)
    return model, vec


def score(
    model: LogisticRegression,
    vec: TfidfVectorizer | None,
    emb: npt.NDArray[np.float32],
    texts: list[str],
    surface: bool,
) -> npt.NDArray[np.float64]:
    x = design(emb, texts, vec, surface)
    return np.asarray(model.predict_proba(x)[:, 1], dtype=np.float64)


def weights_of(sents: list[Sentence], clef_weight: float) -> npt.NDArray[np.float64]:
    """CLEF debate sentences weigh ``clef_weight``, ClaimBuster and tweets 1."""
    return np.array([clef_weight if is_debate(s) else 1.0 for s in sents])


def out_of_fold(
    clef: list[Sentence],
    extra: list[Sentence],
    emb_clef: npt.NDArray[np.float32],
    emb_extra: npt.NDArray[np.float32],
    c: float,
    clef_weight: float,
    use_tfidf: bool,
    surface: bool,
) -> npt.NDArray[np.float64]:
    """Scores of each CLEF train sentence from a model that never saw its debate."""
    names = sorted({s.group for s in clef})
    rng = np.random.default_rng(SEED)
    fold_of = {n: i % FOLDS for i, n in enumerate(rng.permutation(names))}
    folds = np.array([fold_of[s.group] for s in clef])
    oof = np.zeros(len(clef))
    for k in range(FOLDS):
        tr, te = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        texts = [clef[i].text for i in tr] + [s.text for s in extra]
        labels = np.array([clef[i].label for i in tr] + [s.label for s in extra])
        weights = np.concatenate([np.full(len(tr), clef_weight), weights_of(extra, clef_weight)])
        emb = np.vstack([emb_clef[tr], emb_extra])
        model, vec = fit(emb, texts, labels, weights, c, use_tfidf, surface)
        oof[te] = score(model, vec, emb_clef[te], [clef[i].text for i in te], surface)
    return oof


def evaluate(
    sents: list[Sentence], scores: npt.NDArray[np.float64], cut: float
) -> dict[str, float]:
    labels = [s.label for s in sents]
    return {
        "f1": round(f1_positive(labels, (scores >= cut).astype(int).tolist()), 4),
        "map": round(mean_average_precision([s.group for s in sents], labels, scores.tolist()), 4),
    }


def export(
    model: LogisticRegression,
    vec: TfidfVectorizer | None,
    threshold: float,
    meta: dict[str, object],
    dim: int,
    out: Path,
) -> Path:
    coef = model.coef_[0]
    vocab_size = len(vec.vocabulary_) if vec is not None else 0
    if len(coef) > dim + vocab_size:
        surface = coef[dim + vocab_size :]
        meta = {
            **meta,
            "surface": {
                "names": list(SURFACE_NAMES),
                "coef": [round(float(v), 6) for v in surface],
            },
        }
    payload: dict[str, object] = {
        **meta,
        "threshold": threshold,
        "intercept": float(model.intercept_[0]),
        "embedding_coef": [round(float(v), 6) for v in coef[:dim]],
    }
    if vec is not None:
        vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
        payload["tfidf"] = {
            "options": {
                k: list(v) if isinstance(v, tuple) else v for k, v in TFIDF_OPTIONS.items()
            },
            "vocabulary": vocab,
            "idf": [round(float(v), 5) for v in vec.idf_],
            "coef": [round(float(v), 6) for v in coef[dim : dim + vocab_size]],
        }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedding", choices=sorted(EMBEDDINGS), default="wordllama")
    parser.add_argument(
        "--cache", type=Path, help="MiniLM embedding cache (.npz), outside the repo"
    )
    parser.add_argument("--output", type=Path, default=MODEL_FILE / "checkworthiness.json")
    parser.add_argument("--no-export", action="store_true")
    parser.add_argument(
        "--clef2019", action="store_true", help="train on the CLEF-2019 new debates too (v3)"
    )
    parser.add_argument(
        "--surface", action="store_true", help="grid over the surface features (v3)"
    )
    args = parser.parse_args()

    root = data_dir()
    dev = dev_debates(root)
    clef, extra = training_corpus(root, {normalise(s.text) for s in dev}, clef2019=args.clef2019)
    emb_all = embed([s.text for s in clef + extra + dev], args.embedding, args.cache)
    emb_clef, emb_extra, emb_dev = np.split(emb_all, [len(clef), len(clef) + len(extra)])
    print(f"train: {len(clef)} CLEF + {len(extra)} extra sentences; dev: {len(dev)}")

    # v2's grid switched TF-IDF on and off (on won); v3's switches the surface features.
    grid = (
        [(t, False, c, w) for t in (False, True) for c in (0.5, 2.0) for w in (1.0, 3.0)]
        if not args.surface
        else [(True, s, c, w) for s in (False, True) for c in (0.5, 2.0) for w in (1.0, 3.0)]
    )
    results = []
    for use_tfidf, surface, c, clef_weight in grid:
        oof = out_of_fold(clef, extra, emb_clef, emb_extra, c, clef_weight, use_tfidf, surface)
        cut = best_threshold([s.label for s in clef], oof.tolist())
        cv = evaluate(clef, oof, cut)
        row = {"tfidf": use_tfidf, "C": c, "clef_weight": clef_weight, **cv, "cut": cut}
        if args.surface:
            row = {"surface": surface, **row}
        print(json.dumps(row), flush=True)
        results.append((cv["map"] + cv["f1"], row))
    best = max(results, key=lambda r: r[0])[1]
    print("selected (by CV MAP+F1 on train debates):", json.dumps(best))

    texts = [s.text for s in clef + extra]
    labels = np.array([s.label for s in clef + extra])
    weights = np.concatenate(
        [np.full(len(clef), best["clef_weight"]), weights_of(extra, best["clef_weight"])]
    )
    surface = bool(best.get("surface", False))
    model, vec = fit(
        np.vstack([emb_clef, emb_extra]),
        texts,
        labels,
        weights,
        best["C"],
        bool(best["tfidf"]),
        surface,
    )
    dev_scores = score(model, vec, emb_dev, [s.text for s in dev], surface)
    dev_metrics = evaluate(dev, dev_scores, best["cut"])
    print("dev (held-out debates):", json.dumps(dev_metrics))
    if args.no_export:
        return
    train_names, dev_names = split_debates([s.group for s in clef + dev])
    label = {"wordllama": "WordLlama static", "minilm": "MiniLM"}[args.embedding]
    meta: dict[str, object] = {
        "kind": f"logistic regression over {label} embeddings"
        + (" + TF-IDF" if best["tfidf"] else "")
        + (" + surface features" if surface else ""),
        "embedding": EMBEDDINGS[args.embedding],
        "selection": best,
        "dev_metrics": dev_metrics,
        "data": {
            "clef_debates": CLEF_DEBATES,
            "split_seed": SPLIT_SEED,
            "dev_debate_count": DEV_DEBATES,
            "dev_debates": dev_names,
            "train_debates": train_names,
            "extra_sources": [rel for _, rel in EXTRA_SOURCES],
            "train_sentences": {"clef": len(clef), "extra": len(extra)},
        },
    }
    if args.clef2019:
        data = meta["data"]
        assert isinstance(data, dict)
        data["extra_sources"] += list(CLEF2019_FILES)
        data["clef2019_debates"] = sorted(CLEF2019_NEW_DEBATES)
    print("wrote", export(model, vec, best["cut"], meta, emb_all.shape[1], args.output))


if __name__ == "__main__":
    main()
