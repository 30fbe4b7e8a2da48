"""The verdict scale and how publishers' ratings map onto it.

Six values: false, mostly_false, mixed, mostly_true, true, unrated (which also holds
"other" ratings such as PolitiFact's Flip-O-Meter or Snopes' "Miscaptioned"). The original
rating text is always kept beside the normalised verdict. The table is documented in
docs/factchecks.md; keep the two in step.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Verdict(StrEnum):
    FALSE = "false"
    MOSTLY_FALSE = "mostly_false"
    MIXED = "mixed"
    MOSTLY_TRUE = "mostly_true"
    TRUE = "true"
    UNRATED = "unrated"


# Keys are ratings lower-cased with runs of non-letters collapsed to one space.
RATING_TABLE: dict[str, Verdict] = {
    # PolitiFact Truth-O-Meter (slugs and display names)
    "pants fire": Verdict.FALSE,
    "pants on fire": Verdict.FALSE,
    "false": Verdict.FALSE,
    "barely true": Verdict.MOSTLY_FALSE,
    "mostly false": Verdict.MOSTLY_FALSE,
    "half true": Verdict.MIXED,
    "mostly true": Verdict.MOSTLY_TRUE,
    "true": Verdict.TRUE,
    # PolitiFact Flip-O-Meter: about consistency, not truth
    "full flop": Verdict.UNRATED,
    "half flip": Verdict.UNRATED,
    "no flip": Verdict.UNRATED,
    # Snopes
    "mixture": Verdict.MIXED,
    "mixed": Verdict.MIXED,
    "correct attribution": Verdict.TRUE,
    "misattributed": Verdict.FALSE,
    "fake": Verdict.FALSE,
    "scam": Verdict.FALSE,
    "legend": Verdict.FALSE,
    "labeled satire": Verdict.UNRATED,
    "satire": Verdict.UNRATED,
    "miscaptioned": Verdict.UNRATED,
    "outdated": Verdict.UNRATED,
    "unproven": Verdict.UNRATED,
    "unfounded": Verdict.UNRATED,
    "research in progress": Verdict.UNRATED,
    "lost legend": Verdict.UNRATED,
    "originated as satire": Verdict.UNRATED,
    # Common ClaimReview alternateName values of other publishers
    "incorrect": Verdict.FALSE,
    "wrong": Verdict.FALSE,
    "not true": Verdict.FALSE,
    "four pinocchios": Verdict.FALSE,
    "three pinocchios": Verdict.MOSTLY_FALSE,
    "two pinocchios": Verdict.MIXED,
    "one pinocchio": Verdict.MOSTLY_TRUE,
    "geppetto checkmark": Verdict.TRUE,
    "misleading": Verdict.MOSTLY_FALSE,
    "partly false": Verdict.MIXED,
    "partly true": Verdict.MIXED,
    "half truth": Verdict.MIXED,
    "missing context": Verdict.MIXED,
    "needs context": Verdict.MIXED,
    "correct": Verdict.TRUE,
    "accurate": Verdict.TRUE,
    "unverified": Verdict.UNRATED,
    "no evidence": Verdict.UNRATED,
}

# ClaimReview numeric ratings: position of ratingValue between worstRating and bestRating.
_NUMERIC_STEPS = [
    Verdict.FALSE,
    Verdict.MOSTLY_FALSE,
    Verdict.MIXED,
    Verdict.MOSTLY_TRUE,
    Verdict.TRUE,
]


def rating_key(rating: str) -> str:
    return re.sub(r"[^a-z]+", " ", rating.lower()).strip()


def normalise_verdict(rating: str | None) -> Verdict:
    """The verdict for a rating text; ``unrated`` when it is missing or unknown."""
    if not rating:
        return Verdict.UNRATED
    key = rating_key(rating)
    if key in RATING_TABLE:
        return RATING_TABLE[key]
    try:
        return Verdict(key.replace(" ", "_"))
    except ValueError:
        return Verdict.UNRATED


def verdict_from_numeric(value: float, worst: float, best: float) -> Verdict:
    """Map a numeric ClaimReview rating onto the five-step scale."""
    if best == worst:
        return Verdict.UNRATED
    position = (value - worst) / (best - worst)
    if not 0.0 <= position <= 1.0:
        return Verdict.UNRATED
    return _NUMERIC_STEPS[min(4, round(position * 4))]
