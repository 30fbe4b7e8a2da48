"""Surface features of a sentence that debates and news articles share.

The sentence embedding is a normalised average and the TF-IDF vector is L2-normalised, so
neither says how long a sentence is or whether it holds a number in any form; these few
counts do. No speaker, no position: articles have neither.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"[A-Za-z']+")
_NUMBER = re.compile(r"\d")
_PERCENT = re.compile(r"%|\bper ?cent\b", re.IGNORECASE)
_MONEY = re.compile(r"[$£€]|\b(?:dollars?|billions?|millions?|trillions?)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_COUNT_WORD = re.compile(
    r"\b(?:hundred|thousand|half|twice|double|triple|percent|number|times|rate)\b",
    re.IGNORECASE,
)
_FIRST_SINGULAR = re.compile(r"\b(?:i|me|my|mine|i'm|i've|i'll)\b", re.IGNORECASE)
_FIRST_PLURAL = re.compile(r"\b(?:we|us|our|ours|we're|we've|we'll)\b", re.IGNORECASE)
_SECOND = re.compile(r"\b(?:you|your|yours|you're|you've)\b", re.IGNORECASE)
_HEDGE = re.compile(
    r"\b(?:think|believe|maybe|perhaps|probably|might|hope|feel|guess|going to|gonna|will)\b",
    re.IGNORECASE,
)
_COMPARE = re.compile(
    r"\b(?:more|less|fewer|most|least|than|highest|lowest|largest|biggest|increased?|"
    r"decreased?|doubled|cut|raised?|lost|grew|fell)\b",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[\"“”]")

NAMES = (
    "log_tokens",
    "short",
    "number",
    "percent",
    "money",
    "year",
    "count_word",
    "first_singular",
    "first_plural",
    "second_person",
    "question",
    "quote",
    "hedge",
    "compare",
)


def _row(text: str) -> list[float]:
    tokens = len(_TOKEN.findall(text))
    stripped = text.rstrip()
    return [
        math.log1p(tokens) / 4.0,
        float(len(_WORD.findall(text)) < 6),
        float(bool(_NUMBER.search(text))),
        float(bool(_PERCENT.search(text))),
        float(bool(_MONEY.search(text))),
        float(bool(_YEAR.search(text))),
        float(bool(_COUNT_WORD.search(text))),
        float(bool(_FIRST_SINGULAR.search(text))),
        float(bool(_FIRST_PLURAL.search(text))),
        float(bool(_SECOND.search(text))),
        float(stripped.endswith("?")),
        float(bool(_QUOTE.search(text))),
        float(bool(_HEDGE.search(text))),
        float(bool(_COMPARE.search(text))),
    ]


def surface_features(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """One row of ``len(NAMES)`` values in [0, ~1.5] per text."""
    return np.array([_row(t) for t in texts], dtype=np.float64).reshape(len(texts), len(NAMES))
