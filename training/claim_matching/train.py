"""Fine-tune MiniLM as the claim-matching cross-encoder, with out-of-fold scores.

    python -m training.claim_matching.train --pairs runs/claim-ce/pairs.npz \
        --base runs/claim-ce/base.fp16.safetensors --out runs/claim-ce/run

Input: the pairs of ``training.claim_matching.prepare``. Each configuration (epochs,
learning rate) is trained once per fold of the training queries (5 folds, split by query)
and scores the held-out fold: these out-of-fold scores are what the ranking weight is fitted
on, so the weight never sees a score the model was trained to give. The configuration
with the best out-of-fold MAP@5 (re-ranker logit + weight x cross-encoder logit over the
re-ranker's top 10) is then trained on all training queries and scores the dev queries
(reported, never used to choose). Word, position and type embeddings stay frozen (the
layers learn; 1,268 queries are few), so only the layers and the head are written out,
as fp16 parts of at most 15 MB each.

Loss per query: softmax cross-entropy over its candidates (the gold one must come first)
plus binary cross-entropy per pair (so a logit also means something on its own, for the
"same claim" decision). Runs on CUDA when there is a GPU, else on CPU (slow: smoke tests).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import torch
from safetensors.torch import save_file

from training.claim_matching.ranking import best_weight, require_inputs
from training.stance.cross_encoder import load_pretrained

GROUPS_PER_BATCH = 8
PART_BYTES = 15_000_000
# In order of priority: a run that runs out of --minutes skips the rest.
CONFIGS = [
    {"epochs": 3, "lr": 3e-5},
    {"epochs": 2, "lr": 3e-5},
    {"epochs": 4, "lr": 3e-5},
    {"epochs": 3, "lr": 6e-5},
    {"epochs": 6, "lr": 2e-5},
]


class Pairs:
    def __init__(self, path: Path) -> None:
        data = np.load(path)
        self.tokens = data["tokens"].astype(np.int64)
        self.segment = data["segment"].astype(np.int64)
        self.group = data["group"]
        self.label = data["label"].astype(np.float32)
        self.stage1 = data["stage1"].astype(np.float64)
        self.added = data["added"]
        self.meta: dict[str, Any] = json.loads(path.with_suffix(".json").read_text())
        self.fold = np.asarray([g["fold"] for g in self.meta["groups"]])
        self.relevant = np.asarray([g["relevant"] for g in self.meta["groups"]])
        self.rows: list[npt.NDArray[np.int64]] = [
            np.flatnonzero(self.group == g) for g in range(len(self.meta["groups"]))
        ]

    def batch(self, rows: npt.NDArray[np.int64], device: str) -> dict[str, torch.Tensor]:
        ids = self.tokens[rows]
        width = int((ids != 0).sum(axis=1).max())
        ids = ids[:, :width]
        mask = (ids != 0).astype(np.int64)
        types = (np.arange(width)[None, :] >= self.segment[rows][:, None]).astype(np.int64) * mask
        return {
            "input_ids": torch.from_numpy(ids).to(device),
            "attention_mask": torch.from_numpy(mask).to(device),
            "token_type_ids": torch.from_numpy(types).to(device),
        }


def train_model(
    pairs: Pairs, groups: list[int], config: dict[str, Any], base: Path, device: str, seed: int
) -> torch.nn.Module:
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = load_pretrained(base, num_labels=1, frozen_layers=0).to(device)
    params = [p for n, p in model.named_parameters() if n.startswith(("layers.", "classifier."))]
    optimiser = torch.optim.AdamW(params, lr=config["lr"], weight_decay=0.01)
    steps = config["epochs"] * -(-len(groups) // GROUPS_PER_BATCH)
    warmup = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup)))
    )
    model.train()
    for _ in range(config["epochs"]):
        order = rng.permutation(groups)
        for start in range(0, len(order), GROUPS_PER_BATCH):
            chosen = order[start : start + GROUPS_PER_BATCH]
            rows = np.concatenate([pairs.rows[g] for g in chosen])
            feeds = pairs.batch(rows, device)
            with torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
                logits = model(**feeds)[:, 0].float()
            labels = torch.from_numpy(pairs.label[rows]).to(device)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels)
            offset = 0
            listwise = []
            for g in chosen:
                n = len(pairs.rows[g])
                s, y = logits[offset : offset + n], labels[offset : offset + n]
                offset += n
                if y.sum() > 0:
                    listwise.append(torch.logsumexp(s, 0) - torch.logsumexp(s[y > 0], 0))
            if listwise:
                loss = loss + torch.stack(listwise).mean()
            optimiser.zero_grad(set_to_none=True)
            loss.backward()  # type: ignore[no-untyped-call]
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimiser.step()
            schedule.step()
    model.eval()
    return model


def score(model: torch.nn.Module, pairs: Pairs, groups: list[int], device: str) -> dict[int, float]:
    rows = np.concatenate([pairs.rows[g] for g in groups])
    out: dict[int, float] = {}
    with torch.no_grad():
        for start in range(0, len(rows), 256):
            chunk = rows[start : start + 256]
            logits = model(**pairs.batch(chunk, device))[:, 0].float().cpu().numpy()
            out.update(zip(chunk.tolist(), logits.tolist(), strict=True))
    return out


def save_parts(model: torch.nn.Module, out: Path) -> list[str]:
    """The trained tensors (layers and head) in fp16, split into files under PART_BYTES."""
    state = {
        n: t.detach().to("cpu", torch.float16).contiguous()
        for n, t in model.state_dict().items()
        if n.startswith(("layers.", "classifier."))
    }
    parts: list[dict[str, torch.Tensor]] = [{}]
    size = 0
    for name, tensor in state.items():
        nbytes = tensor.numel() * 2
        if size + nbytes > PART_BYTES and parts[-1]:
            parts.append({})
            size = 0
        parts[-1][name] = tensor
        size += nbytes
    names = []
    for i, part in enumerate(parts):
        names.append(f"weights.part{i}.safetensors")
        save_file(part, str(out / names[-1]))
    return names


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, required=True)
    parser.add_argument("--base", type=Path, required=True, help="MiniLM safetensors")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--minutes", type=float, default=7.0, help="stop trying configurations")
    parser.add_argument("--configs", type=int, default=len(CONFIGS))
    parser.add_argument(
        "--grid",
        default="",
        help="configurations to try instead of CONFIGS, as EPOCHS:LR,... (e.g. 3:1e-4,5:6e-5)",
    )
    parser.add_argument("--limit", type=int, default=0, help="training queries (smoke test)")
    parser.add_argument("--max-epochs", type=int, default=0, help="cap (smoke test)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    started = time.time()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    args.out.mkdir(parents=True, exist_ok=True)
    require_inputs(args.pairs)
    if not args.base.is_file():
        raise SystemExit(f"No MiniLM weights at {args.base}: see the model card, 'Reproduce'.")
    pairs = Pairs(args.pairs)
    train_groups = [g for g in range(len(pairs.rows)) if pairs.fold[g] >= 0]
    dev_groups = [g for g in range(len(pairs.rows)) if pairs.fold[g] < 0]
    if args.limit:
        train_groups = train_groups[: args.limit]
    folds = sorted({int(pairs.fold[g]) for g in train_groups})
    log: dict[str, Any] = {"device": device, "configs": [], "train_queries": len(train_groups)}
    oof_all: dict[str, npt.NDArray[np.float32]] = {}
    scored = np.asarray([r for g in train_groups for r in pairs.rows[g]])
    grid = [
        {"epochs": int(e), "lr": float(lr)}
        for e, lr in (item.split(":") for item in args.grid.split(",") if item)
    ]
    configs = [
        {**c, "epochs": min(c["epochs"], args.max_epochs or c["epochs"])}
        for c in (grid or CONFIGS)[: args.configs]
    ]
    for c, config in enumerate(configs):
        if c and (time.time() - started) / 60 > args.minutes:
            log["configs"].append({**config, "skipped": "out of time"})
            continue
        oof: dict[int, float] = {}
        for fold in folds:
            fit = [g for g in train_groups if pairs.fold[g] != fold]
            held = [g for g in train_groups if pairs.fold[g] == fold]
            model = train_model(pairs, fit, config, args.base, device, args.seed + fold)
            oof.update(score(model, pairs, held, device))
        values = np.asarray([oof[r] for r in scored], dtype=np.float32)
        oof_all[f"oof{c}"] = values
        quality = best_weight(pairs, scored, values, top=10)
        log["configs"].append({**config, "oof": quality, "minutes": (time.time() - started) / 60})
        print(json.dumps(log["configs"][-1]), flush=True)
    tried = [(i, c) for i, c in enumerate(log["configs"]) if "oof" in c]
    chosen, config = max(tried, key=lambda ic: ic[1]["oof"]["map@5"])
    log["chosen"] = chosen
    model = train_model(pairs, train_groups, configs[chosen], args.base, device, args.seed)
    dev = score(model, pairs, dev_groups, device) if dev_groups else {}
    dev_rows = np.asarray(sorted(dev), dtype=np.int64)
    arrays: dict[str, Any] = {
        "oof_rows": scored,
        "dev_rows": dev_rows,
        "dev": np.asarray([dev[r] for r in dev_rows.tolist()], dtype=np.float32),
        **oof_all,
    }
    np.savez(args.out / "scores.npz", **arrays)
    log["parts"] = save_parts(model, args.out)
    log["minutes"] = round((time.time() - started) / 60, 2)
    (args.out / "log.json").write_text(json.dumps(log, indent=2), encoding="utf-8")
    print(json.dumps(log), flush=True)


if __name__ == "__main__":
    main()
