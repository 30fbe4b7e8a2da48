"""Fit the "same claim" decision model with the cross-encoder's logit as a feature, tune its
threshold and floor on dev data, and write them into the shipped ``reranker.json``.

    PYTHONPATH=. .venv/bin/python -m training.claim_matching.decision \\
        --pairs runs/claim-ce/pairs2.npz --run runs/claim-ce/gpu2

Training examples are those of ``training.claim_matching.reranker`` (the best candidate of each
training query: 1 when gold, 0 when wrong; and the best one left once the gold fact-checks
are removed: 0), with the cross-encoder's **out-of-fold** logit of that pair (from the
training run's ``scores.npz``: the model that gave it never trained on that query). The
threshold maximises F0.5 on 2022 2A dev + 2B dev, scored with the packaged int8 model as at
run time. Floor and ceiling: the cross-encoder decides only candidates whose probability
under the decision model without it lies in [floor, ceiling) (below: not the same claim;
above: that model's "same claim" stands); of the pairs within 0.002 of the best F0.5 on the
same dev data, the one that reads the fewest candidates. ``--report`` splits are scored and
printed, never used to choose.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from factsift.bench.claim_matching import Split, load_split
from factsift.factchecks.cross_encoder import PairScorer, doc_text, packaged_dir
from factsift.factchecks.matching import ClaimMatcher
from factsift.factchecks.reranker import Reranker, decision_rows
from factsift.settings import data_dir
from training.claim_matching.ranking import require_inputs
from training.claim_matching.reranker import (
    SHIPPED,
    _text_key,
    best_candidates,
    fit_logistic,
    splits,
    tune_threshold,
)

TRAIN = ("2a-train", "2b-train")
TUNE = ("2a-dev", "2b-dev")
FLOORS = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
CEILINGS = (0.8, 0.85, 0.9, 0.95, 0.98, 0.99, 1.01)  # 1.01: the cross-encoder reads all
Rows = npt.NDArray[np.float64]


class OutOfFold:
    """The training run's out-of-fold logit of a (split, query, fact-check row) pair."""

    def __init__(self, pairs: Path, run: Path) -> None:
        data = np.load(pairs)
        meta = json.loads(pairs.with_suffix(".json").read_text(encoding="utf-8"))
        chosen = json.loads((run / "log.json").read_text(encoding="utf-8"))["chosen"]
        scores = np.load(run / "scores.npz")
        logit = dict(zip(scores["oof_rows"].tolist(), scores[f"oof{chosen}"].tolist(), strict=True))
        self.logit: dict[tuple[str, str, int], float] = {}
        for row, (g, doc) in enumerate(
            zip(data["group"].tolist(), data["doc"].tolist(), strict=True)
        ):
            if row in logit:
                group = meta["groups"][g]
                self.logit[(group["split"], group["qid"], doc)] = logit[row]


def examples(
    name: str,
    split: Split,
    matcher: ClaimMatcher,
    cross: OutOfFold | PairScorer,
    skip: set[str],
) -> tuple[Rows, Rows, Rows]:
    """Decision rows (with the cross-encoder logit last), labels, and the probability of the
    decision model without it, for the best candidates of ``training.best_candidates``."""
    xs, ys, base = [], [], []
    for best in best_candidates(matcher, split, skip):
        if isinstance(cross, OutOfFold):
            logit = cross.logit[(name, best.qid, best.row)]
        else:
            record = split.vclaims[best.row]
            logit = float(cross.logits(best.query, [doc_text(record.claim, record.title)])[0])
        row = decision_rows([best.features])[0]
        xs.append([*row, logit])
        ys.append(1.0 if best.gold else 0.0)
        base.append(float(matcher.reranker.same_claim_prob_rows([row])[0]))
    return np.asarray(xs), np.asarray(ys), np.asarray(base)


def quality(decided: npt.NDArray[np.bool_], y: Rows) -> dict[str, float]:
    tp = float((decided & (y > 0)).sum())
    fp = float((decided & (y == 0)).sum())
    fn = float((~decided & (y > 0)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f0.5": round(f, 4), "n": len(y)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, required=True, help="prepare's pairs (with doc)")
    parser.add_argument("--run", type=Path, required=True, help="the training run's folder")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument(
        "--report", default="2020-dev", help="more splits to score, comma-separated"
    )
    parser.add_argument("--out", type=Path, default=None, help="default: the shipped reranker.json")
    args = parser.parse_args(argv)
    require_inputs(args.pairs, args.run)
    data = args.data or data_dir()
    paths = splits(data)
    a = data / "clef2022-checkthat-task2" / "subtask-2a--english"
    b = data / "clef2022-checkthat-task2" / "subtask-2b--english"
    paths["2a-devtest"] = (
        a,
        a / "CT2022-Task2A-EN-Dev-Test_Queries.tsv",
        a / "CT2022-Task2A-EN-Dev-Test_QRELs.tsv",
    )
    paths["2b-devtest"] = (
        b,
        b / "CT2022-Task2B-EN-Dev-Test_Queries.tsv",
        b / "CT2022-Task2B-EN-Dev-Test_QRELs.tsv",
    )
    report = [n for n in args.report.split(",") if n]
    loaded = {n: load_split(*paths[n]) for n in (*TRAIN, *TUNE, *report)}
    skip = {
        _text_key(loaded[n].queries[q])
        for n in ("2a-dev", "2020-dev")
        if n in loaded
        for q in loaded[n].qrels
    }
    if "2020-dev" not in loaded:
        skip |= {_text_key(t) for t in load_split(*paths["2020-dev"]).queries.values()}
    shipped = Reranker.load(args.out)
    matchers: dict[Path, ClaimMatcher] = {}
    for name, split in loaded.items():
        if paths[name][0] not in matchers:
            matchers[paths[name][0]] = ClaimMatcher.from_records(split.vclaims, shipped)
    oof = OutOfFold(args.pairs, args.run)
    train = [examples(n, loaded[n], matchers[paths[n][0]], oof, skip) for n in TRAIN]
    x = np.vstack([t[0] for t in train])
    y = np.concatenate([t[1] for t in train])
    model = fit_logistic(x, y, l2=1.0)
    scorer = PairScorer(packaged_dir())
    scored = {
        n: examples(n, loaded[n], matchers[paths[n][0]], scorer, set()) for n in (*TUNE, *report)
    }
    with_ce = Reranker(
        shipped.weights,
        shipped.bias,
        shipped.mean,
        shipped.scale,
        shipped.threshold,
        shipped.meta,
        shipped.decision,
        model,
    )
    tx = np.vstack([scored[n][0] for n in TUNE])
    ty = np.concatenate([scored[n][1] for n in TUNE])
    tbase = np.concatenate([scored[n][2] for n in TUNE])
    p = with_ce.same_claim_prob_ce_rows(tx)
    positives = [float(v) for v, label in zip(p, ty, strict=True) if label]
    negatives = [float(v) for v, label in zip(p, ty, strict=True) if not label]
    threshold, tuned = tune_threshold(positives, negatives)

    def decide(prob: Rows, base: Rows, floor: float, ceiling: float) -> npt.NDArray[np.bool_]:
        inside = (base >= floor) & (base < ceiling)
        return np.asarray(
            (inside & (prob >= threshold)) | ((base >= ceiling) & (base >= shipped.threshold))
        )

    bands = [(f, c) for f in FLOORS for c in CEILINGS if c > shipped.threshold]
    scores = {b: quality(decide(p, tbase, *b), ty)["f0.5"] for b in bands}
    best = max(scores.values())
    kept = [b for b in bands if scores[b] >= best - 0.002]
    floor, ceiling = min(kept, key=lambda b: (int(((tbase >= b[0]) & (tbase < b[1])).sum()), b))
    figures: dict[str, Any] = {}
    for name, (sx, sy, sbase) in scored.items():
        sp = with_ce.same_claim_prob_ce_rows(sx)
        figures[name] = {
            "without_cross_encoder": quality(sbase >= shipped.threshold, sy),
            "with_cross_encoder": quality(decide(sp, sbase, floor, ceiling), sy),
        }
    meta = dict(shipped.meta)
    meta["decision_cross_encoder"] = {
        "train": f"out-of-fold logits of {args.run.name}, {len(y)} examples",
        "threshold_tuned_on": list(TUNE),
        "threshold_dev": tuned,
        "bands_within_f0.5_of_best": 0.002,
        "figures": figures,
    }
    final = Reranker(
        shipped.weights,
        shipped.bias,
        shipped.mean,
        shipped.scale,
        shipped.threshold,
        meta,
        shipped.decision,
        model,
        threshold,
        floor,
        ceiling,
    )
    out = args.out or SHIPPED
    # Written whole, then renamed: an interrupted run leaves the shipped file as it was.
    partial = out.with_suffix(".json.partial")
    partial.write_text(json.dumps(final.to_json(), indent=2) + "\n", encoding="utf-8")
    partial.replace(out)
    print(
        json.dumps(
            {"threshold": threshold, "floor": floor, "ceiling": ceiling, "figures": figures},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
