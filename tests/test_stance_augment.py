"""Counterfactual contradictions for stance training, and the PolitiFact passage reader."""

from __future__ import annotations

import random

from factsift.bench.datasets.stance import Pair, politifact_passage
from factsift.stance.labels import NEI, REFUTES, SUPPORTS
from training.stance.augment import (
    change_number,
    counterfactual,
    flip_negation,
    swap_direction,
)


def _pair(claim: str, passage: str, label: int = SUPPORTS) -> Pair:
    return Pair(claim, passage, label, "test:1")


def test_stance_augment_changes_a_year_shared_with_the_claim() -> None:
    pair = _pair("The dam was completed in 2004.", "Officials said the dam was completed in 2004.")
    edited = change_number(pair, random.Random(0))
    assert edited is not None and "2004" not in edited
    assert edited.startswith("Officials said the dam was completed in ")


def test_stance_augment_changes_a_number_with_thousands_separator() -> None:
    pair = _pair("The festival drew 4,000 visitors.", "Organisers counted 4,000 visitors.")
    edited = change_number(pair, random.Random(1))
    assert edited is not None and "4,000" not in edited
    assert edited.endswith(" visitors.") and "," in edited


def test_stance_augment_ignores_numbers_the_claim_lacks() -> None:
    pair = _pair("Prices went up.", "Prices rose 5 percent in 2020.")
    assert change_number(pair, random.Random(0)) is None


def test_stance_augment_swaps_a_direction_word_the_claim_uses() -> None:
    pair = _pair("Unemployment fell in March.", "The unemployment rate fell to 3.9 percent.")
    assert swap_direction(pair, random.Random(0)) == "The unemployment rate rose to 3.9 percent."


def test_stance_augment_inserts_and_removes_negation() -> None:
    rng = random.Random(0)
    added = flip_negation(_pair("A man is slicing a tomato", "The man is slicing a tomato"), rng)
    assert added == "The man is not slicing a tomato"
    removed = flip_negation(
        _pair("The senator did not vote for the bill", "The senator didn't vote for the bill."), rng
    )
    assert removed == "The senator did vote for the bill."


def test_stance_augment_counterfactual_only_from_short_supports_pairs() -> None:
    rng = random.Random(0)
    support = _pair("The dam was completed in 2004.", "The dam was completed in 2004.")
    made = counterfactual(support, rng)
    assert made is not None and made.label == REFUTES and made.group == support.group
    assert counterfactual(_pair(support.claim, support.passage, NEI), rng) is None
    long_passage = "The dam was completed in 2004. " + "Filler words go here. " * 30
    assert counterfactual(_pair(support.claim, long_passage), rng) is None


def test_stance_politifact_passage_drops_the_verdict() -> None:
    text = (
        "Intro paragraph that is long enough to count as a line.\n"
        "Our ruling\n"
        "Smith said the state ranks first in jobs, which is what the data show. "
        "Labor figures from 2019 confirm the state led the nation in job growth. "
        "We rate this claim True.\n"
        "Share the Facts PolitiFact Rating: True"
    )
    passage = politifact_passage(text)
    assert passage.startswith("Smith said the state ranks first")
    assert passage.endswith("led the nation in job growth.")
    assert "rate" not in passage.lower()
    assert politifact_passage("No verdict sentence in this text at all.") == ""
