"""Counterfactual contradictions built from SUPPORTS pairs (minimal-edit augmentation).

A passage that supports its claim is edited at a point the claim depends on, so that it now
contradicts the claim: a number or year shared by claim and passage is changed, a direction
word is swapped for its opposite (rose / fell), or a negation is inserted or removed in the
passage sentence closest to the claim. The edited pair is labelled REFUTES. This is the
"counterfactual data augmentation" used against lexical-overlap shortcuts in fact
verification (Schuster et al. 2019, "Towards Debiasing Fact Verification Models";
Kaushik et al. 2020, "Learning the Difference that Makes a Difference").
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from factsift.bench.datasets.stance import Pair
from factsift.stance.labels import REFUTES, SUPPORTS

_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w,]*\d)")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_DIRECTIONS = [
    ("rose", "fell"),
    ("rise", "fall"),
    ("rises", "falls"),
    ("risen", "fallen"),
    ("increased", "decreased"),
    ("increase", "decrease"),
    ("increases", "decreases"),
    ("increasing", "decreasing"),
    ("higher", "lower"),
    ("more", "fewer"),
    ("above", "below"),
    ("gained", "lost"),
    ("won", "lost"),
    ("grew", "shrank"),
    ("warmer", "cooler"),
    ("warming", "cooling"),
    ("larger", "smaller"),
    ("largest", "smallest"),
    ("highest", "lowest"),
    ("approved", "rejected"),
    ("supported", "opposed"),
    ("accepted", "rejected"),
]
_OPPOSITE = {a: b for a, b in _DIRECTIONS} | {b: a for a, b in _DIRECTIONS}
_AUX_WORDS = "is|are|was|were|has|have|had|will|can|could|should|would|does|did|do|may|must"
_AUX = re.compile(rf"\b({_AUX_WORDS})\b(?! not\b)(?!n't)")
_NEGATED = [
    (re.compile(r"\b(is|are|was|were|has|have|had|does|did|do|could|should|would)n't\b"), r"\1"),
    (re.compile(r"\bwon't\b"), "will"),
    (re.compile(r"\bcan't\b|\bcannot\b"), "can"),
    (re.compile(rf"\b({_AUX_WORDS}) not\b"), r"\1"),
    (re.compile(r"\bnever\b"), "once"),
    (re.compile(r"\bno longer\b"), "still"),
]
_WORD = re.compile(r"[a-z]+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _other_number(token: str, rng: random.Random) -> str:
    """A clearly different value written the way the original was."""
    plain = token.replace(",", "")
    if _YEAR.match(plain):
        return str(int(plain) + rng.choice([-1, 1]) * rng.randint(2, 12))
    if "." in plain:
        value = float(plain) * rng.choice([0.5, 0.6, 1.5, 1.8, 2.0])
        return f"{value:.{len(plain.split('.')[1])}f}"
    value = int(plain)
    new = (
        value * rng.choice([2, 3]) if value < 4 else round(value * rng.choice([0.5, 0.6, 1.5, 2.0]))
    )
    if new == value:
        new = value + rng.randint(2, 9)
    return f"{new:,}" if "," in token else str(new)


def change_number(pair: Pair, rng: random.Random) -> str | None:
    """Change a number the passage shares with the claim."""
    shared = set(_NUMBER.findall(pair.claim)) & set(_NUMBER.findall(pair.passage))
    if not shared:
        return None
    token = rng.choice(sorted(shared))
    new = _other_number(token, rng)
    pattern = re.compile(rf"(?<![\w.,]){re.escape(token)}(?![\w,]*\d)")
    return pattern.sub(new, pair.passage)


def swap_direction(pair: Pair, rng: random.Random) -> str | None:
    """Swap a direction word (rose -> fell) that the claim also uses or opposes."""
    claim_words = _words(pair.claim)
    found = [
        m
        for m in re.finditer(r"[A-Za-z]+", pair.passage)
        if m.group().lower() in _OPPOSITE
        and (m.group().lower() in claim_words or _OPPOSITE[m.group().lower()] in claim_words)
    ]
    if not found:
        return None
    m = rng.choice(found)
    word = _OPPOSITE[m.group().lower()]
    word = word.capitalize() if m.group()[0].isupper() else word
    return pair.passage[: m.start()] + word + pair.passage[m.end() :]


def flip_negation(pair: Pair, rng: random.Random) -> str | None:
    """Insert or remove a negation in the passage sentence that overlaps the claim most."""
    sentences = re.split(r"(?<=[.!?])\s+", pair.passage)
    claim_words = _words(pair.claim)
    best = max(range(len(sentences)), key=lambda i: len(_words(sentences[i]) & claim_words))
    sentence = sentences[best]
    if len(_words(sentence) & claim_words) < 3:
        return None
    for pattern, repl in _NEGATED:
        if pattern.search(sentence):
            edited = pattern.sub(repl, sentence, count=1)
            break
    else:
        aux = _AUX.search(sentence)
        if aux is None:
            return None
        edited = sentence[: aux.end()] + " not" + sentence[aux.end() :]
    sentences[best] = edited
    _ = rng  # negation edits are deterministic; rng kept for a uniform signature
    return " ".join(sentences)


Edit = Callable[[Pair, random.Random], "str | None"]
EDITS: tuple[Edit, ...] = (change_number, swap_direction, flip_negation)


def counterfactual(
    pair: Pair, rng: random.Random, edits: tuple[Edit, ...] = EDITS, max_words: int = 70
) -> Pair | None:
    """A REFUTES pair from a SUPPORTS pair, or None when no safe edit applies.

    The edits are tried in a seeded random order; the first that applies is used. Long
    passages are skipped: an edit past the model's token limit would be invisible to it.
    """
    if pair.label != SUPPORTS or len(pair.passage.split()) > max_words:
        return None
    order = list(edits)
    rng.shuffle(order)
    for edit in order:
        passage = edit(pair, rng)
        if passage and passage != pair.passage:
            return Pair(pair.claim, passage, REFUTES, pair.group)
    return None
