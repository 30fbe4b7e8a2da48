"""The training corpus of the check-worthiness model, and its split by debate.

The CLEF-2020 task 5 training debates are split by debate into train and dev (the official
test gold is withheld here); ClaimBuster and CheckThat! 2022 tweets add training data only.
Training sentences whose text also occurs in a dev debate are dropped (ClaimBuster draws on
the same presidential debates).
"""

from __future__ import annotations

import random
from pathlib import Path

from factsift.checkworthiness.datasets import (
    Sentence,
    normalise,
    read_checkthat_tweets,
    read_claimbuster,
    read_clef_debate,
)

CLEF_DEBATES = "clef2020-checkthat-task5-debates/training"
EXTRA_SOURCES = (
    ("claimbuster", "claimbuster-and-clef-debates/two_class/kfold_30ncs.json"),
    ("checkthat22", "clef2022-checkthat-task1-en/CT22_english_1A_checkworthy_train.tsv"),
    ("checkthat22", "clef2022-checkthat-task1-en/CT22_english_1B_claim_train.tsv"),
)
DEV_DEBATES = 10
SPLIT_SEED = 7


def split_debates(names: list[str], seed: int = SPLIT_SEED) -> tuple[list[str], list[str]]:
    """(train, dev) debate names: a seeded shuffle, the last DEV_DEBATES held out."""
    shuffled = sorted(set(names))
    random.Random(seed).shuffle(shuffled)
    return sorted(shuffled[:-DEV_DEBATES]), sorted(shuffled[-DEV_DEBATES:])


def clef_debates(root: Path) -> list[Sentence]:
    return read_clef_debate(root / CLEF_DEBATES)


def training_corpus(root: Path, exclude_texts: set[str]) -> tuple[list[Sentence], list[Sentence]]:
    """(CLEF train-debate sentences, extra sentences), without any text in ``exclude_texts``."""
    debates = clef_debates(root)
    train_names, _ = split_debates([s.group for s in debates])
    keep = set(train_names)
    clef = [s for s in debates if s.group in keep and normalise(s.text) not in exclude_texts]
    extra: list[Sentence] = []
    for _name, rel in EXTRA_SOURCES:
        path = root / rel
        rows = read_claimbuster(path) if path.suffix == ".json" else read_checkthat_tweets(path)
        extra += [s for s in rows if normalise(s.text) not in exclude_texts]
    return clef, extra


def dev_debates(root: Path) -> list[Sentence]:
    debates = clef_debates(root)
    _, dev_names = split_debates([s.group for s in debates])
    keep = set(dev_names)
    return [s for s in debates if s.group in keep]
