"""From the stance of each evidence passage to a claim-level status, or none.

A status is given only when the evidence is strong and consistent:
- a passage counts as strong when the stance model's calibrated probability of its label
  (supports or refutes) is at least ``STRONG`` (0.80);
- "refuted": at least one strong refuting passage and no strong supporting one;
- "supported": at least one strong supporting passage and no strong refuting one;
- "disputed": strong passages on both sides;
- otherwise no status: the claim stays "not enough evidence", however many weak passages
  were found.
The floor is deliberately higher than the stance model's own abstention floor because one
wrong status misleads more than a missing one (docs/evidence.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

STRONG = 0.80
SUPPORTS, REFUTES = "supports", "refutes"


@dataclass(frozen=True, slots=True)
class Verdict:
    status: str  # "supported" | "refuted" | "disputed"
    passages: list[int]  # indexes of the strong passages it rests on


def is_strong(label: str, probability: float, floor: float = STRONG) -> bool:
    return label in (SUPPORTS, REFUTES) and probability >= floor


def claim_verdict(stances: Sequence[tuple[str, float]], floor: float = STRONG) -> Verdict | None:
    """``stances``: (label, calibrated probability of that label) per passage."""
    supports = [i for i, (lab, p) in enumerate(stances) if lab == SUPPORTS and p >= floor]
    refutes = [i for i, (lab, p) in enumerate(stances) if lab == REFUTES and p >= floor]
    if supports and refutes:
        return Verdict("disputed", sorted(supports + refutes))
    if refutes:
        return Verdict("refuted", refutes)
    if supports:
        return Verdict("supported", supports)
    return None
