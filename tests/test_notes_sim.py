"""Simulated camps (factsift.bench.notes_sim): the three behaviours bridging promises.

Each behaviour is also checked with the factor term removed from the model, where it must
break: otherwise these tests could not fail.
"""

from __future__ import annotations

import numpy as np
import pytest

from factsift.bench.notes_sim import (
    BRIDGING,
    ONE_SIDED_A,
    ONE_SIDED_B,
    SimConfig,
    World,
    add_brigade,
    build_world,
    without_factor,
)
from factsift.notes.matrix import CRH
from factsift.notes.rules import RuleSet, rule_set
from factsift.notes.scorer import score_notes

SEED = 0


@pytest.fixture(scope="module")
def world() -> World:
    return build_world(SimConfig(seed=SEED))


def _helpful(world: World, rules: RuleSet | str) -> np.ndarray:
    return score_notes(world.inp, rules, seed=SEED).status == CRH


def test_notes_sim_notes_both_camps_like_reach_helpful(world: World) -> None:
    helpful = _helpful(world, "current")
    bridging = world.note_kind == BRIDGING
    assert helpful[bridging].mean() >= 0.8
    assert not helpful[~bridging].any()


def test_notes_sim_notes_one_camp_likes_stay_below_helpful(world: World) -> None:
    one_sided = np.isin(world.note_kind, (ONE_SIDED_A, ONE_SIDED_B))
    assert not _helpful(world, "current")[one_sided].any()
    # The same world without f_u·f_n: majority-camp notes pass as helpful.
    assert _helpful(world, without_factor("current"))[one_sided].sum() >= 3


def _brigaded(world: World, rules: RuleSet, size: int) -> bool:
    target = int(world.notes_of(ONE_SIDED_A)[0])
    result = score_notes(add_brigade(world, size, target, 1.0), rules, seed=SEED)
    return bool(result.status[target] == CRH)


def test_notes_sim_brigade_of_200_cannot_make_a_one_sided_note_helpful(world: World) -> None:
    assert not _brigaded(world, rule_set("current"), 0)
    assert not _brigaded(world, rule_set("current"), 200)
    # Without the factor term, a brigade of 200 in lockstep does it.
    assert _brigaded(world, without_factor("current"), 200)
