"""Train the re-ranker on train splits and tune the "same claim" threshold on dev splits.

    python -m training.claim_matching.reranker [--data DIR] [--out PATH]

Training queries: CheckThat! 2022 task 2A train (tweets against Snopes) and 2022 task 2B
train (debates against PolitiFact). 2A train contains all 197 tweets of the 2020 task 2 dev
split, which the benchmark reports, so tweets whose text is in 2020 dev (or in 2022 2A dev)
are dropped from training; what is left is, tweet for tweet, the 2020 train split.
The threshold is tuned on 2022 2A dev and 2B dev: positives are queries whose top hit is
a gold fact-check, negatives the top hit of the same queries with their gold fact-checks
removed from the index (a claim nobody has checked yet).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import numpy.typing as npt

from factsift.bench.claim_matching import Split, load_split, vclaim_id
from factsift.factchecks.context import load_transcripts, with_context
from factsift.factchecks.features import FEATURES, feature_rows
from factsift.factchecks.importers.checkthat import TASK2_2022
from factsift.factchecks.matching import ClaimMatcher
from factsift.factchecks.preprocess import tweet_date
from factsift.factchecks.reranker import MODEL_FILE, Logistic, Reranker, decision_rows
from factsift.settings import data_dir

A = Path(TASK2_2022) / "subtask-2a--english"
B = Path(TASK2_2022) / "subtask-2b--english"
C = Path("clef2020-checkthat-task2-en-snopes")
# The shipped weights, in the source tree (this folder is not installed with factsift).
SHIPPED = Path(__file__).resolve().parents[2] / "src" / "factsift" / "factchecks" / MODEL_FILE


def _placeholder() -> Reranker:
    n = len(FEATURES)
    return Reranker(np.zeros(n), 0.0, np.zeros(n), np.ones(n), 0.5, {})


def _text_key(text: str) -> str:
    """The start of a tweet, normalised: the 2020 files cut signatures the 2022 ones keep."""
    return " ".join(text.lower().split())[:60]


def splits(data: Path) -> dict[str, tuple[Path, Path, Path]]:
    return {
        "2a-train": (
            data / A,
            data / A / "CT2022-Task2A-EN-Train-Dev_Queries.tsv",
            data / A / "CT2022-Task2A-EN-Train_QRELs.tsv",
        ),
        "2020-dev": (
            data / C,
            data / C / "dev/tweets.queries.tsv",
            data / C / "dev/tweet-vclaim-pairs.qrels",
        ),
        "2b-train": (
            data / B,
            data / B / "CT2022-Task2B-EN-Train-Dev_Queries.tsv",
            data / B / "CT2022-Task2B-EN-Train_QRELs.tsv",
        ),
        "2a-dev": (
            data / A,
            data / A / "CT2022-Task2A-EN-Train-Dev_Queries.tsv",
            data / A / "CT2022-Task2A-EN-Dev_QRELs.tsv",
        ),
        "2b-dev": (
            data / B,
            data / B / "CT2022-Task2B-EN-Train-Dev_Queries.tsv",
            data / B / "CT2022-Task2B-EN-Dev_QRELs.tsv",
        ),
    }


def examples(
    matcher: ClaimMatcher, split: Split, skip_texts: set[str]
) -> tuple[list[list[float]], list[float], int]:
    ids = [vclaim_id(r) for r in split.vclaims]
    qids = [q for q in split.qrels if _text_key(split.queries[q]) not in skip_texts]
    cleaned, vectors = matcher.encode_queries([split.queries[q] for q in qids])
    xs: list[list[float]] = []
    ys: list[float] = []
    for i, q in enumerate(qids):
        found = matcher.candidates(cleaned[i], vectors[i], tweet_date(split.queries[q]))
        rows = feature_rows(found)
        xs.extend(rows)
        ys.extend(1.0 if ids[c.index] in split.qrels[q] else 0.0 for c in found)
    return xs, ys, len(qids)


@dataclass(frozen=True, slots=True)
class BestCandidate:
    """The re-ranker's best candidate of one query's pool, for the "same claim" decision."""

    qid: str
    query: str  # cleaned, as the matcher and the cross-encoder read it
    row: int  # the fact-check's row in the matcher (and in split.vclaims)
    features: list[float]  # in FEATURES order
    gold: bool


def best_candidates(
    matcher: ClaimMatcher, split: Split, skip_texts: Collection[str] = frozenset()
) -> Iterator[BestCandidate]:
    """Per query, the best candidate (gold or wrong) and the best one left once the gold
    fact-checks are removed (a claim nobody has checked yet)."""
    ids = [vclaim_id(r) for r in split.vclaims]
    qids = [q for q in split.qrels if _text_key(split.queries[q]) not in skip_texts]
    cleaned, vectors = matcher.encode_queries([split.queries[q] for q in qids])
    for i, q in enumerate(qids):
        found = matcher.candidates(cleaned[i], vectors[i], tweet_date(split.queries[q]))
        for pool in (found, [c for c in found if ids[c.index] not in split.qrels[q]]):
            rows = feature_rows(pool)
            if not rows:
                continue
            best = int(np.argmax(matcher.reranker.predict(rows)))
            row = pool[best].index
            yield BestCandidate(q, cleaned[i], row, rows[best], ids[row] in split.qrels[q])


def top_examples(
    matcher: ClaimMatcher, split: Split, skip_texts: frozenset[str] = frozenset()
) -> tuple[list[list[float]], list[float]]:
    """Decision rows of best candidates: label 1 when the best is gold; 0 when it is wrong,
    and 0 for the best one left once the gold fact-checks are removed (nothing matches)."""
    picked = list(best_candidates(matcher, split, skip_texts))
    xs = decision_rows([c.features for c in picked])
    return xs, [1.0 if c.gold else 0.0 for c in picked]


def fit_logistic(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], l2: float = 1.0, iters: int = 50
) -> Logistic:
    """L2-regularised logistic regression by Newton's method on standardised features."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2)
    reg[-1] = 0.0  # no penalty on the bias
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + reg * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w[:-1], float(w[-1]), mean, scale


def tune_threshold(
    positives: list[float], negatives: list[float], beta: float = 0.5
) -> tuple[float, dict[str, float]]:
    """The threshold with the best F-beta of "same claim" decisions. beta 0.5 weighs
    precision twice: telling a reader a claim was checked when it was not is the worse error."""
    best = (0.5, {"f_beta": -1.0})
    for t in np.arange(0.05, 0.96, 0.01):
        tp = sum(p >= t for p in positives)
        fp = sum(n >= t for n in negatives)
        fn = len(positives) - tp
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        b2 = beta * beta
        denom = b2 * precision + recall
        f_beta = (1 + b2) * precision * recall / denom if denom else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f_beta > best[1]["f_beta"]:
            best = (
                round(float(t), 2),
                {
                    "beta": beta,
                    "f_beta": round(f_beta, 4),
                    "f1": round(f1, 4),
                    "precision": round(precision, 4),
                    "recall": round(recall, 4),
                },
            )
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=SHIPPED)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--train-sets", default="2a-train,2b-train")
    parser.add_argument("--dev-sets", default="2a-dev,2b-dev")
    parser.add_argument(
        "--transcripts",
        type=Path,
        action="append",
        default=[],
        help="debate transcripts (folder or zip; repeatable): 2B lines get the line before "
        "and the speaker, as with 'bench claim-matching --transcripts'",
    )
    args = parser.parse_args(argv)
    data = args.data or data_dir()
    paths = splits(data)
    train_sets = args.train_sets.split(",")
    dev_sets = args.dev_sets.split(",")
    loaded = {name: load_split(*p) for name, p in paths.items()}
    lines = load_transcripts(args.transcripts) if args.transcripts else {}
    for name, split in loaded.items():
        if name.startswith("2b") and lines:
            split.queries = {q: with_context(q, t, lines) for q, t in split.queries.items()}
    dev_texts = {
        _text_key(split.queries[q])
        for name in ("2a-dev", "2020-dev")
        for split in [loaded[name]]
        for q in split.qrels
    }
    matchers: dict[Path, ClaimMatcher] = {}
    for name, (vclaims, _, _) in paths.items():
        if vclaims not in matchers and name in {*train_sets, *dev_sets}:
            matchers[vclaims] = ClaimMatcher.from_records(loaded[name].vclaims, _placeholder())
    xs: list[list[float]] = []
    ys: list[float] = []
    counts: dict[str, int] = {}
    for name in train_sets:
        x, y, counts[name] = examples(matchers[paths[name][0]], loaded[name], dev_texts)
        xs += x
        ys += y
        print(f"{name}: {len(x)} candidates, {int(sum(y))} positives")
    w, b, mean, scale = fit_logistic(np.asarray(xs), np.asarray(ys), l2=args.l2)
    ranker = Reranker(w, b, mean, scale, 0.5, {})
    dx: list[list[float]] = []
    dy: list[float] = []
    for name in train_sets:
        matchers[paths[name][0]].reranker = ranker
        x, y = top_examples(matchers[paths[name][0]], loaded[name], frozenset(dev_texts))
        dx += x
        dy += y
    decision = fit_logistic(np.asarray(dx), np.asarray(dy), l2=args.l2)
    model = Reranker(w, b, mean, scale, 0.5, {}, decision)
    positives: list[float] = []
    negatives: list[float] = []
    for name in dev_sets:
        matcher = matchers[paths[name][0]]
        matcher.reranker = ranker
        x, y = top_examples(matcher, loaded[name])
        probs = model.same_claim_prob_rows(x)
        positives += [float(p) for p, label in zip(probs, y, strict=True) if label]
        negatives += [float(p) for p, label in zip(probs, y, strict=True) if not label]
    threshold, quality = tune_threshold(positives, negatives)
    meta = {
        "trained": datetime.now(UTC).date().isoformat(),
        "train": [f"checkthat-2022-{name} ({counts[name]} queries)" for name in train_sets],
        "excluded_from_training": "tweets whose text is in 2020 task 2 dev or 2022 2a dev",
        "threshold_tuned_on": [f"checkthat-2022-{name}" for name in dev_sets],
        "threshold_dev": quality,
        "candidates": len(xs),
        "l2": args.l2,
        "transcripts": [str(p) for p in args.transcripts],
    }
    meta["decision_examples"] = len(dx)
    final = Reranker(w, b, mean, scale, threshold, meta, decision)
    args.out.write_text(json.dumps(final.to_json(), indent=2) + "\n", encoding="utf-8")
    print(json.dumps(final.to_json(), indent=2))


if __name__ == "__main__":
    main()
