"""Export the trained stance cross-encoder to ONNX (fp32 and int8), calibrate on dev, and
write the packaged model with its figures.

    OMP_NUM_THREADS=1 .venv/bin/python -m training.stance.export --run runs/stance

Calibration (temperature scaling) and the confidence floor use the Climate-FEVER dev claims
only; the reported figures are on Climate-FEVER test claims (never trained on, never used
for calibration), the whole FEVER-Symmetric dev set (never trained on) and AVeriTeC test
claims.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import torch

from factsift.bench.datasets.stance import READERS, Pair, split_of
from factsift.bench.metrics.stance import (
    accuracy,
    expected_calibration_error,
    fit_temperature,
    macro_f1,
)
from factsift.settings import data_dir
from factsift.stance.labels import LABELS, NEI
from factsift.stance.predictor import StanceModel
from training.stance.cross_encoder import CrossEncoder, export_onnx
from training.stance.train import MAX_TOKENS

PACKAGE = Path(__file__).resolve().parents[2] / "src/factsift/stance/model"
EVAL_SETS = {
    "climate-fever": ("climate-fever/climate-fever.jsonl", "test"),
    "fever-symmetric": ("fever-symmetric/symmetric_v0.2/fever_symmetric_dev.jsonl", "all"),
    "averitec": ("averitec/train.json", "test"),
}


def to_onnx(checkpoint: Path, out: Path) -> None:
    model = CrossEncoder()
    model.load_state_dict(torch.load(checkpoint, weights_only=True)["model"])
    export_onnx(model, out)


def quantise(src: Path, dst: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8)


def session(folder: Path, onnx_name: str) -> StanceModel:
    card = {"onnx": onnx_name, "temperature": 1.0, "min_confidence": 0.0, "max_tokens": MAX_TOKENS}
    (folder / "stance.json").write_text(json.dumps(card), encoding="utf-8")
    return StanceModel(folder, threads=1)


def pairs_of(name: str, split: str) -> list[Pair]:
    rel, _ = EVAL_SETS.get(name, ("", ""))
    path = data_dir() / rel
    return [p for p in READERS[name](path) if split == "all" or split_of(p.group) == split]


def predict_labels(probs: np.ndarray, floor: float) -> list[int]:
    top = probs.argmax(axis=1)
    low = probs.max(axis=1) < floor
    return [NEI if lo else int(t) for t, lo in zip(top, low, strict=True)]


def figures(gold: list[int], probs: np.ndarray, floor: float) -> dict[str, Any]:
    predicted = predict_labels(probs, floor)
    out: dict[str, Any] = {
        "pairs": len(gold),
        "accuracy": round(accuracy(gold, predicted), 4),
        "macro_f1": round(macro_f1(gold, predicted), 4),
        "ece": round(expected_calibration_error(gold, probs), 4),
    }
    if NEI not in gold:
        out["accuracy_supports_refutes"] = round(
            accuracy(gold, [int(r[1] > r[0]) for r in probs]), 4
        )
    return out


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--run", type=Path, required=True, help="training output folder")
    parser.add_argument("--limit", type=int, default=0, help="pairs per set (smoke test)")
    parser.add_argument("--no-write", action="store_true", help="print figures only")
    parser.add_argument("--checkpoint", type=Path, help="default: RUN/checkpoint.pt")
    parser.add_argument(
        "--package", type=Path, default=PACKAGE, help="where to write (default: the package)"
    )
    args = parser.parse_args()
    torch.set_num_threads(1)
    log = [json.loads(line) for line in (args.run / "log.jsonl").read_text().splitlines()]
    checkpoint = args.checkpoint or args.run / "checkpoint.pt"
    steps = int(torch.load(checkpoint, weights_only=True)["step"])

    cut = args.limit or None
    dev = pairs_of("climate-fever", "dev")[:cut]
    evals = {name: pairs_of(name, split)[:cut] for name, (_, split) in EVAL_SETS.items()}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        to_onnx(checkpoint, tmp / "stance.fp32.onnx")
        quantise(tmp / "stance.fp32.onnx", tmp / "stance.int8.onnx")
        variants: dict[str, dict[str, Any]] = {}
        for onnx_name in ("stance.fp32.onnx", "stance.int8.onnx"):
            model = session(tmp, onnx_name)
            dev_logits = model.logits([p.claim for p in dev], [p.passage for p in dev])
            dev_gold = [p.label for p in dev]
            temperature = fit_temperature(dev_logits.astype(np.float64), dev_gold)
            dev_probs = softmax(dev_logits / temperature)
            floors = [0.0, *np.round(np.arange(0.40, 0.81, 0.05), 2).tolist()]
            floor = max(floors, key=lambda f: macro_f1(dev_gold, predict_labels(dev_probs, f)))
            result: dict[str, Any] = {
                "temperature": round(temperature, 4),
                "min_confidence": floor,
                "climate-fever-dev": figures(dev_gold, dev_probs, floor),
                "climate-fever-dev-uncalibrated": figures(dev_gold, softmax(dev_logits), 0.0),
            }
            for name, pairs in evals.items():
                z = model.logits([p.claim for p in pairs], [p.passage for p in pairs])
                result[name] = figures([p.label for p in pairs], softmax(z / temperature), floor)
            variants[onnx_name] = result
            print(onnx_name, json.dumps(result), flush=True)
        fp32, int8 = variants["stance.fp32.onnx"], variants["stance.int8.onnx"]
        # int8 is shipped if it keeps dev macro-F1 within one point
        keep_int8 = (
            int8["climate-fever-dev"]["macro_f1"] >= fp32["climate-fever-dev"]["macro_f1"] - 0.01
        )
        chosen = "stance.int8.onnx" if keep_int8 else "stance.fp32.onnx"
        if args.no_write:
            return
        args.package.mkdir(parents=True, exist_ok=True)
        for old in args.package.glob("*.onnx"):
            old.unlink()
        shutil.copy(tmp / chosen, args.package / chosen)
    card = {
        "onnx": chosen,
        "labels": list(LABELS),
        "max_tokens": MAX_TOKENS,
        "temperature": variants[chosen]["temperature"],
        "min_confidence": variants[chosen]["min_confidence"],
        "training_steps": steps,
        "training_args": log[0],
        "figures": variants[chosen],
        "figures_fp32": fp32,
    }
    (args.package / "stance.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print("wrote", args.package / chosen)


if __name__ == "__main__":
    main()
