"""Figure-conflict rule on labelled claim-evidence pairs: when it fires, what is the gold stance?

The rule (``factsift.evidence.figures``) is used to stop a "supports" label from counting
towards a "supported" status, so the figure that matters is how rarely gold *supports*
pairs are among those it fires on, against their share of all pairs. No model runs: the
benchmark is fast and reads the same files and splits as ``factsift bench stance``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from factsift.bench.datasets.stance import READERS, split_of
from factsift.bench.stance import DEFAULT_SPLIT, FORMATS
from factsift.errors import BenchmarkError
from factsift.evidence.figures import figure_conflicts
from factsift.stance.labels import LABELS, SUPPORTS


def run(path: Path, fmt: str, split: str = "default") -> dict[str, Any]:
    if fmt not in FORMATS:
        raise BenchmarkError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")
    chosen = DEFAULT_SPLIT[fmt] if split == "default" else split
    pairs = [p for p in READERS[fmt](path) if chosen == "all" or split_of(p.group) == chosen]
    if not pairs:
        raise BenchmarkError(f"{path}: no pairs in split {chosen!r}; try --split all.")
    gold: Counter[str] = Counter()
    fired: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for pair in pairs:
        label = LABELS[pair.label]
        gold[label] += 1
        conflicts = figure_conflicts(pair.claim, pair.passage)
        if conflicts:
            fired[label] += 1
            kinds.update(c.kind for c in conflicts)
    total_fired = sum(fired.values())
    supports = LABELS[SUPPORTS]
    return {
        "data": str(path),
        "format": fmt,
        "split": chosen,
        "pairs": len(pairs),
        "gold": dict(gold),
        "fired": total_fired,
        "fired_by_gold": dict(fired),
        "conflict_kinds": dict(kinds),
        "supports_share_all": round(gold[supports] / len(pairs), 4),
        "supports_share_fired": round(fired[supports] / total_fired, 4) if total_fired else None,
    }
