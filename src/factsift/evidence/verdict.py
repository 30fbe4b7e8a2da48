"""From the stance of each evidence passage to a claim-level status, or none.

A status is given only when the evidence is strong and consistent:
- a passage is *strong* when the stance model's calibrated probability of its label
  (supports or refutes) is at least ``STRONG`` (0.60);
- a side is *corroborated* when strong passages from at least ``MIN_SOURCES`` (2) different
  documents take it: one document is never enough;
- "refuted": the refuting side is corroborated and no passage strongly supports the claim;
  "supported": the reverse; "disputed": both sides are corroborated;
- otherwise no status: the claim stays "not enough evidence", however many weaker or
  uncorroborated passages were found.
A "supports" passage that gives one of the claim's figures differently (a year, a
percentage, an amount: ``factsift.evidence.figures``) never counts as support: the stance
model does not read changed numbers reliably, and agreement "apart from the figure" is not
support for the figure.
Chosen on Climate-FEVER dev claims (``factsift bench evidence --split dev``; BENCHMARKS.md,
"Evidence"): with the v2 stance model, one strong passage per side at any floor from 0.5 to
0.8 gave statuses that were right 43-59% of the time; two agreeing documents at 0.60 gave
0.82 (9 of 11; 0.79, 11 of 14, with the model scoring one pair at a time). The sample is
small; docs/evidence.md says what that means.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

STRONG = 0.60
MIN_SOURCES = 2
SUPPORTS, REFUTES = "supports", "refutes"


@dataclass(frozen=True, slots=True)
class Verdict:
    status: str  # "supported" | "refuted" | "disputed"
    passages: list[int]  # indexes of the strong passages it rests on


def is_strong(label: str, probability: float, floor: float = STRONG) -> bool:
    return label in (SUPPORTS, REFUTES) and probability >= floor


def claim_verdict(
    stances: Sequence[tuple[str, float, int]],
    floor: float = STRONG,
    min_sources: int = MIN_SOURCES,
    figures_differ: Collection[int] = (),
) -> Verdict | None:
    """``stances``: (label, calibrated probability of that label, document id) per passage.

    ``figures_differ``: indexes of passages giving a figure of the claim differently.
    """
    supports = [
        i
        for i, (lab, p, _) in enumerate(stances)
        if lab == SUPPORTS and p >= floor and i not in figures_differ
    ]
    refutes = [i for i, (lab, p, _) in enumerate(stances) if lab == REFUTES and p >= floor]
    support_docs = {stances[i][2] for i in supports}
    refute_docs = {stances[i][2] for i in refutes}
    if len(support_docs) >= min_sources and len(refute_docs) >= min_sources:
        return Verdict("disputed", sorted(supports + refutes))
    if len(refute_docs) >= min_sources and not supports:
        return Verdict("refuted", refutes)
    if len(support_docs) >= min_sources and not refutes:
        return Verdict("supported", supports)
    return None
