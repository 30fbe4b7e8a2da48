"""The training corpus of the check-worthiness model, and its split by debate.

The CLEF-2020 task 5 training debates are split by debate into train and dev (the official
test gold is withheld here); ClaimBuster, CheckThat! 2022 tweets and the CLEF-2019 debates
that CLEF-2020 lacks add training data only. Training sentences whose text also occurs in a
dev debate are dropped (ClaimBuster draws on the same presidential debates).
"""

from __future__ import annotations

import random
from pathlib import Path

from factsift.bench.datasets.checkworthiness import (
    Sentence,
    normalise,
    read_checkthat_tweets,
    read_claimbuster,
    read_clef2019,
    read_clef_debate,
)

CLEF_DEBATES = "clef2020-checkthat-task5-debates/training"
EXTRA_SOURCES = (
    ("claimbuster", "claimbuster-and-clef-debates/two_class/kfold_30ncs.json"),
    ("checkthat22", "clef2022-checkthat-task1-en/CT22_english_1A_checkworthy_train.tsv"),
    ("checkthat22", "clef2022-checkthat-task1-en/CT22_english_1B_claim_train.tsv"),
)
# CLEF-2019 task 1 debates and speeches of events that the CLEF-2020 task 5 training folder
# lacks (checked by date and by text overlap). The other CLEF-2019 files are the same events
# as CLEF-2020 debates, some of them dev debates (Trump's RNC, Nashville and Paris climate
# speeches, segmented differently), so they are left out whole, not just by exact text.
CLEF2019_FILES = (
    "claimbuster-and-clef-debates/clef19/CT19-T1-Training.csv",
    "claimbuster-and-clef-debates/clef19/CT19-T1-Test.csv",
)
CLEF2019_NEW_DEBATES = frozenset(
    {
        "20151219_3_dem",
        "20160129_7_gop",
        "20170928_trump_tax",
        "20180131_state_union",
        "20180916_trump_miami",
        "20180926_un_press",
        "20181010_medicare",
        "20182601_trump_world",
        "20190108_oval_office",
        "20190205_trump_state",
        "20190215_trump_emergency",
    }
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


def is_debate(sentence: Sentence) -> bool:
    """True for a sentence of a CLEF debate (weighted like the CLEF-2020 train debates)."""
    return sentence.group.startswith("clef2019:")


def training_corpus(
    root: Path, exclude_texts: set[str], clef2019: bool = False
) -> tuple[list[Sentence], list[Sentence]]:
    """(CLEF-2020 train-debate sentences, extra sentences), without any text in
    ``exclude_texts``; with ``clef2019`` extra also holds the CLEF-2019 new debates."""
    debates = clef_debates(root)
    train_names, _ = split_debates([s.group for s in debates])
    keep = set(train_names)
    clef = [s for s in debates if s.group in keep and normalise(s.text) not in exclude_texts]
    extra: list[Sentence] = []
    for _name, rel in EXTRA_SOURCES:
        path = root / rel
        rows = read_claimbuster(path) if path.suffix == ".json" else read_checkthat_tweets(path)
        extra += [s for s in rows if normalise(s.text) not in exclude_texts]
    if clef2019:
        for rel in CLEF2019_FILES:
            rows = read_clef2019(root / rel, CLEF2019_NEW_DEBATES)
            extra += [s for s in rows if normalise(s.text) not in exclude_texts]
    return clef, extra


def dev_debates(root: Path) -> list[Sentence]:
    debates = clef_debates(root)
    _, dev_names = split_debates([s.group for s in debates])
    keep = set(dev_names)
    return [s for s in debates if s.group in keep]
