"""The verdict scale: PolitiFact and Snopes ratings, ClaimReview numbers, unknown ratings."""

from __future__ import annotations

import pytest

from factsift.factchecks.verdicts import Verdict, normalise_verdict, verdict_from_numeric


@pytest.mark.parametrize(
    ("rating", "verdict"),
    [
        ("pants-fire", Verdict.FALSE),
        ("Pants on Fire!", Verdict.FALSE),
        ("false", Verdict.FALSE),
        ("barely-true", Verdict.MOSTLY_FALSE),
        ("Mostly False", Verdict.MOSTLY_FALSE),
        ("half-true", Verdict.MIXED),
        ("Mixture", Verdict.MIXED),
        ("mostly-true", Verdict.MOSTLY_TRUE),
        ("TRUE", Verdict.TRUE),
        ("Correct Attribution", Verdict.TRUE),
        ("Misattributed", Verdict.FALSE),
        ("full-flop", Verdict.UNRATED),
        ("Miscaptioned", Verdict.UNRATED),
        ("Unproven", Verdict.UNRATED),
        ("something nobody uses", Verdict.UNRATED),
        ("", Verdict.UNRATED),
        (None, Verdict.UNRATED),
    ],
)
def test_verdicts_normalise_known_ratings(rating: str | None, verdict: Verdict) -> None:
    assert normalise_verdict(rating) is verdict


def test_verdicts_numeric_scale_maps_ends_and_middle() -> None:
    assert verdict_from_numeric(1, 1, 5) is Verdict.FALSE
    assert verdict_from_numeric(3, 1, 5) is Verdict.MIXED
    assert verdict_from_numeric(5, 1, 5) is Verdict.TRUE
    assert verdict_from_numeric(7, 1, 5) is Verdict.UNRATED
    assert verdict_from_numeric(2, 2, 2) is Verdict.UNRATED
