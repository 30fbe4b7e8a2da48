"""The note scorer on hand-made matrices: bridging, rule sets, determinism, rules one by one."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from factsift.notes import NoteInputError, score_notes
from factsift.notes.matrix import CRH, CRNH, FIRM_REJECT, NMR, NO_STATUS
from factsift.notes.rules import (
    GeneralCRH,
    Inertia,
    LargeFactor,
    MinMinorityNetHelpful,
    NoteStats,
    RaterBalance,
    UpperBoundCRNH,
    apply_rules,
    core_2022_rules,
    current_rules,
)
from factsift.notes.tags import top_tags
from notes_fixtures import CAMP, START, camps_world, matrix


def _status(rules: str, extra: dict[str, dict[int, float]] | None = None) -> dict[str, str]:
    inp, names = camps_world(extra)
    result = score_notes(inp, rules)
    return {name: result.public_status(i).value for i, name in enumerate(names)}


@pytest.mark.parametrize("rules", ["current", "core-2022"])
def test_notes_scorer_bridging_note_is_helpful_one_sided_is_not(rules: str) -> None:
    status = _status(rules)
    assert status["bridging"] == "helpful"
    assert status["one_sided"] == "needs_more_ratings"
    assert status["bad0"] == "not_helpful"


def test_notes_scorer_rule_sets_differ_on_a_note_few_minority_raters_saw() -> None:
    # All of camp A and three of camp B rate it helpful: a high intercept, but only three
    # net helpful ratings from the minority side: the current rules wait for more.
    few_b = dict.fromkeys(range(CAMP + 3), 1.0)
    inp, names = camps_world({"few_b": few_b})
    current = score_notes(inp, "current")
    core = score_notes(inp, "core-2022")
    i = names.index("few_b")
    assert core.public_status(i).value == "helpful"
    assert current.public_status(i).value == "needs_more_ratings"
    assert current.decided_by[i] == "net-helpful-minimum"


def test_notes_scorer_same_seed_same_numbers_other_seed_same_statuses() -> None:
    inp, _ = camps_world()
    first = score_notes(inp, "current", seed=3)
    again = score_notes(inp, "current", seed=3)
    other = score_notes(inp, "current", seed=4)
    assert np.array_equal(first.intercept, again.intercept, equal_nan=True)
    assert np.array_equal(first.factor, again.factor, equal_nan=True)
    assert np.array_equal(first.status, other.status)
    assert np.nanmax(np.abs(first.intercept - other.intercept)) < 1e-3


def test_notes_scorer_unknown_rule_set_names_the_choices() -> None:
    inp, _ = camps_world()
    with pytest.raises(NoteInputError, match="current, core-2022"):
        score_notes(inp, "core-2019")


def test_notes_scorer_helpful_needs_two_explanation_tags() -> None:
    inp, names = camps_world({"untagged": dict.fromkeys(range(2 * CAMP), 1.0)})
    untagged = names.index("untagged")
    tags = np.where(inp.rating_note == untagged, 0, inp.rating_tags)
    result = score_notes(replace(inp, rating_tags=tags), "current")
    assert result.public_status(names.index("bridging")).value == "helpful"
    assert result.public_status(untagged).value == "needs_more_ratings"
    assert result.decided_by[untagged] == "insufficient-explanation"
    assert result.first_tag[names.index("bridging")] == "helpfulGoodSources"


def test_notes_scorer_old_not_misleading_notes_are_not_scored() -> None:
    everyone_no = dict.fromkeys(range(2 * CAMP), 0.0)
    old = 1_614_556_800_000  # 2021-03-01: before ratings of such notes counted
    inp, names = camps_world(
        {"nm_old": everyone_no, "nm_new": everyone_no},
        misleading={"nm_old": False, "nm_new": False},
        created={"nm_old": old, "nm_new": START + 50 * 3_600_000},
    )
    result = score_notes(inp, "current")
    assert np.isnan(result.intercept[names.index("nm_old")])
    assert result.public_status(names.index("nm_old")).value == "needs_more_ratings"
    assert result.public_status(names.index("nm_new")).value == "not_helpful"


def test_notes_scorer_rater_who_disagrees_with_everyone_is_left_out_of_round_two() -> None:
    contrarian = 2 * CAMP
    inp, names = camps_world()
    notes = {}
    for i, name in enumerate(names):
        rows = inp.rating_note == i
        ratings = dict(zip(inp.rating_rater[rows].tolist(), inp.rating_value[rows], strict=True))
        liked = name.startswith("bad")
        disliked = name == "bridging"
        ratings[contrarian] = 1.0 if liked else 0.0 if disliked else 0.5
        notes[name] = ratings
    inp, _ = matrix(notes, 2 * CAMP + 1)
    result = score_notes(inp, "current")
    assert result.agree_ratio[contrarian] == 0.0
    assert not result.rater_included[contrarian]
    assert result.rater_included[:contrarian].all()
    assert np.isnan(result.rater_factor[contrarian])


def _stats(**values: object) -> NoteStats:
    n = 1
    base: dict[str, object] = {
        "num_ratings": np.array([20]),
        "intercept": np.array([0.45]),
        "factor": np.array([0.1]),
        "misleading": np.array([True]),
        "previous": np.array([NO_STATUS]),
        "intercept_max": np.array([np.nan]),
        "side_count": np.array([[10, 10]]),
        "side_mean": np.array([[0.8, 0.8]]),
        "net_min_helpful": np.array([10]),
        "net_min_ratio": np.array([0.5]),
        "tag_outlier": np.zeros(n, dtype=bool),
        "incorrect": np.zeros(n, dtype=bool),
        "helpful_tags_ok": np.ones(n, dtype=bool),
        "not_helpful_tags_ok": np.ones(n, dtype=bool),
    }
    base.update(values)
    return NoteStats(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "current", "core"),
    [
        ({}, CRH, CRH),
        ({"intercept": np.array([0.39])}, NMR, NMR),
        ({"intercept": np.array([0.25])}, FIRM_REJECT, NMR),  # firm reject below 0.30
        ({"factor": np.array([0.6])}, FIRM_REJECT, CRH),  # factor bound: current only
        ({"net_min_helpful": np.array([3])}, NMR, CRH),  # net-helpful minimum
        ({"net_min_helpful": np.array([5]), "net_min_ratio": np.array([0.04])}, NMR, CRH),
        ({"misleading": np.array([False])}, NMR, NMR),  # not-misleading notes never CRH
        ({"intercept": np.array([-0.2]), "factor": np.array([0.1])}, CRNH, CRNH),
        ({"intercept": np.array([0.1]), "intercept_max": np.array([-0.05])}, CRNH, FIRM_REJECT),
        ({"helpful_tags_ok": np.zeros(1, dtype=bool)}, NMR, NMR),
    ],
)
def test_notes_scorer_rules_decide_as_published(
    values: dict[str, object], current: int, core: int
) -> None:
    stats = _stats(**values)
    assert apply_rules(current_rules().rules, stats)[0][0] == current
    expected_core = NMR if core == FIRM_REJECT else core  # 2022 had no firm reject
    assert apply_rules(core_2022_rules().rules, stats)[0][0] == expected_core


def test_notes_scorer_inertia_keeps_a_helpful_note_down_to_0_39() -> None:
    rules = [GeneralCRH(), Inertia()]
    kept = _stats(intercept=np.array([0.395]), previous=np.array([CRH]))
    new = _stats(intercept=np.array([0.395]))
    dropped = _stats(intercept=np.array([0.385]), previous=np.array([CRH]))
    assert apply_rules(rules, kept)[0][0] == CRH
    assert apply_rules(rules, new)[0][0] == NMR
    assert apply_rules(rules, dropped)[0][0] == NMR


def test_notes_scorer_single_rules_fire_where_documented() -> None:
    status = np.array([CRH])
    assert LargeFactor().fires(_stats(factor=np.array([-0.51])), status)[0]
    assert not LargeFactor().fires(_stats(factor=np.array([-0.49])), status)[0]
    assert MinMinorityNetHelpful().fires(_stats(net_min_helpful=np.array([3])), status)[0]
    balance = _stats(net_min_helpful=np.array([9]), net_min_ratio=np.array([0.049]))
    assert RaterBalance().fires(balance, status)[0]
    assert not RaterBalance().fires(_stats(net_min_helpful=np.array([10])), status)[0]
    assert UpperBoundCRNH().fires(_stats(intercept_max=np.array([-0.041])), status)[0]
    assert not UpperBoundCRNH().fires(_stats(), status)[0]


def test_notes_scorer_top_tags_break_ties_towards_the_rarer_tag() -> None:
    counts = np.array([[0, 3, 0, 3, 0, 0, 5, 0, 1], [0, 0, 0, 2, 0, 0, 0, 0, 0]], dtype=float)
    top = top_tags(counts)
    assert top.first.tolist() == [6, 3]  # most used first
    assert top.second.tolist() == [1, -1]  # tie of 3 and 3: the earlier (rarer) tag
    assert top.enough.tolist() == [True, False]
