"""``factsift bench notes-sim``: the note scorer on simulated raters with known answers.

Raters belong to camp A (position -1), camp B (+1) or neither (0). Notes are of four
kinds: *bridging* (good context both camps find helpful), *one-sided A* / *one-sided B*
(liked by one camp, disliked by the other) and *bad* (liked by nobody). A rater finds a
note helpful with probability

    sigmoid(quality[kind] + 3 x position[rater] x slant[kind] + leniency[rater] + noise[note])

Only bridging notes should be shown as helpful. The simulation measures the precision of
"helpful" against the number of raters per note, the brigade of lockstep accounts needed
to change a status, and the time and memory to score a million ratings.
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from factsift.notes.matrix import (
    CRH,
    NO_STATUS,
    BoolArray,
    FloatArray,
    IntArray,
    ScoringInput,
)
from factsift.notes.rules import RuleSet, rule_set
from factsift.notes.scorer import ScoringResult, score_notes
from factsift.notes.vocabulary import TAG_BIT

BRIDGING, ONE_SIDED_A, ONE_SIDED_B, BAD = 0, 1, 2, 3
KINDS = ("bridging", "one_sided_a", "one_sided_b", "bad")
QUALITY = np.array([3.0, 0.0, 0.0, -2.5])
SLANT = np.array([0.0, -1.0, 1.0, 0.0])  # camp A sits at -1: slant -1 pleases camp A
SLANT_WEIGHT = 3.0
CAMP_A, CAMP_B, NEUTRAL, BRIGADE = 0, 1, 2, 3
POSITION = np.array([-1.0, 1.0, 0.0, -1.0])
START_MS = 1_700_000_000_000  # Nov 2023: after the 2022 rule changes, all ratings in 48 h count
HOUR_MS = 3_600_000
HELPFUL_TAG_POOL = ("helpfulClear", "helpfulGoodSources", "helpfulImportantContext")
NOT_HELPFUL_TAG_POOL = (
    "notHelpfulMissingKeyPoints",
    "notHelpfulArgumentativeOrBiased",
    "notHelpfulIncorrect",
)


@dataclass(frozen=True)
class SimConfig:
    raters: int = 150
    notes: int = 120
    ratings_per_note: int = 20
    camp_shares: tuple[float, float, float] = (0.60, 0.25, 0.15)  # A, B, neither
    kind_shares: tuple[float, float, float, float] = (0.2, 0.25, 0.15, 0.4)
    seed: int = 0


@dataclass
class World:
    config: SimConfig
    rater_camp: IntArray
    note_kind: IntArray
    inp: ScoringInput

    def notes_of(self, kind: int) -> IntArray:
        return np.flatnonzero(self.note_kind == kind)


def _tags(rng: np.random.Generator, helpful: BoolArray) -> IntArray:
    """Two or so tags per rating, of the kind that matches the rating."""
    tags = np.zeros(len(helpful), dtype=np.int64)
    for pool, side in ((HELPFUL_TAG_POOL, helpful), (NOT_HELPFUL_TAG_POOL, ~helpful)):
        for name in pool:
            chosen = side & (rng.random(len(helpful)) < 0.6)
            tags[chosen] |= TAG_BIT[name]
    return tags


def build_world(config: SimConfig) -> World:
    rng = np.random.default_rng(config.seed)
    camp = rng.choice(3, size=config.raters, p=np.array(config.camp_shares)).astype(np.int64)
    kind = rng.choice(4, size=config.notes, p=np.array(config.kind_shares)).astype(np.int64)
    leniency = rng.normal(0.0, 0.4, config.raters)
    noise = rng.normal(0.0, 0.4, config.notes)
    # Each note is rated by ratings_per_note raters drawn at random (duplicates dropped).
    k = min(config.ratings_per_note, config.raters)
    note = np.repeat(np.arange(config.notes), k)
    rater = rng.integers(0, config.raters, size=len(note))
    pairs = np.unique(note * config.raters + rater)
    note, rater = pairs // config.raters, pairs % config.raters
    logit = (
        QUALITY[kind[note]]
        + SLANT_WEIGHT * POSITION[camp[rater]] * SLANT[kind[note]]
        + leniency[rater]
        + noise[note]
    )
    helpful = rng.random(len(note)) < 1.0 / (1.0 + np.exp(-logit))
    created = START_MS + np.sort(rng.integers(0, 30 * 24, config.notes)) * HOUR_MS
    delay = np.minimum(rng.exponential(8.0, len(note)), 47.0) * HOUR_MS
    inp = ScoringInput.from_arrays(
        n_notes=config.notes,
        n_participants=config.raters,
        rating_note=note,
        rating_rater=rater,
        rating_value=helpful.astype(np.float64),
        note_created=created.astype(np.int64),
        rating_created=(created[note] + delay).astype(np.int64),
        rating_tags=_tags(rng, helpful),
    )
    return World(config, camp, kind, inp)


def add_brigade(
    world: World, size: int, target: int, target_value: float, seed: int = 0
) -> ScoringInput:
    """``size`` new camp-A accounts rating in lockstep: ``target_value`` on the target, and
    the ratings a camp-A member would give on 15 other notes to earn a good record."""
    if size == 0:
        return world.inp
    inp = world.inp
    rng = np.random.default_rng(seed)
    others = np.setdiff1d(np.arange(inp.n_notes), [target])
    cover = rng.choice(others, size=min(15, len(others)), replace=False)
    liked = (world.note_kind[cover] == BRIDGING) | (world.note_kind[cover] == ONE_SIDED_A)
    script_notes = np.r_[target, cover]
    script_values = np.r_[target_value, liked.astype(np.float64)]
    accounts = inp.n_participants + np.arange(size)
    note = np.tile(script_notes, size)
    rater = np.repeat(accounts, len(script_notes))
    value = np.tile(script_values, size)
    created = inp.note_created[note] + HOUR_MS  # early: every brigade rating is valid
    helpful = value == 1.0
    tags = np.where(
        helpful,
        TAG_BIT["helpfulClear"] | TAG_BIT["helpfulGoodSources"],
        TAG_BIT["notHelpfulIncorrect"] | TAG_BIT["notHelpfulMissingKeyPoints"],
    ).astype(np.int64)
    return replace(
        inp,
        participants=[*inp.participants, *(f"brigade{i}" for i in range(size))],
        rating_note=np.r_[inp.rating_note, note],
        rating_rater=np.r_[inp.rating_rater, rater],
        rating_value=np.r_[inp.rating_value, value],
        rating_created=np.r_[inp.rating_created, created],
        rating_tags=np.r_[inp.rating_tags, tags],
    )


def quality(world: World, result: ScoringResult) -> dict[str, Any]:
    """Precision and recall of "helpful" against the bridging notes."""
    shown = result.status == CRH
    bridging = world.note_kind == BRIDGING
    right = int((shown & bridging).sum())
    return {
        "helpful": int(shown.sum()),
        "precision": round(right / shown.sum(), 3) if shown.any() else None,
        "recall": round(right / bridging.sum(), 3) if bridging.any() else None,
        "one_sided_helpful": int(
            (shown & np.isin(world.note_kind, (ONE_SIDED_A, ONE_SIDED_B))).sum()
        ),
        "bad_helpful": int((shown & (world.note_kind == BAD)).sum()),
    }


# Rules that read factors (the sign of each rater's, or distances in factor space).
FACTOR_RULES = (
    "ratio-crnh",
    "tag-outlier",
    "tag-outlier-super-threshold",
    "incorrect-filter",
    "large-factor",
    "net-helpful-minimum",
    "rater-balance",
)


def without_factor(rules: str) -> RuleSet:
    """The same rules with f_u·f_n removed from the model: what bridging buys.

    Rules that read factors (which side a rater is on, distances between rater and note)
    mean nothing without them and are dropped too: what is left is a plain intercept
    model with the same thresholds.
    """
    base = rule_set(rules)
    kept = [rule for rule in base.rules if rule.name not in FACTOR_RULES]
    return replace(base, rules=kept, use_factor=False, name=f"{rules} without factor")


def precision_curve(
    per_note: tuple[int, ...], seeds: int, rules: str, raters: int, notes: int
) -> list[dict[str, Any]]:
    """Precision and recall of "helpful" for k raters per note (notes scaled so that each
    rater still makes about 15 ratings and passes the 10-rating filter)."""
    rows = []
    for k in per_note:
        count = max(notes, -(-raters * 15 // k))
        for label, rs in (("with factor", rule_set(rules)), ("no factor", without_factor(rules))):
            totals = {"helpful": 0, "right": 0, "bridging": 0, "one_sided": 0, "bad": 0}
            for seed in range(seeds):
                world = build_world(
                    SimConfig(raters=raters, notes=count, ratings_per_note=k, seed=seed)
                )
                result = score_notes(world.inp, rs, seed=seed)
                q = quality(world, result)
                totals["helpful"] += q["helpful"]
                totals["right"] += round((q["precision"] or 0) * q["helpful"])
                totals["bridging"] += int((world.note_kind == BRIDGING).sum())
                totals["one_sided"] += q["one_sided_helpful"]
                totals["bad"] += q["bad_helpful"]
            rows.append(
                {
                    "raters_per_note": k,
                    "notes": count * seeds,
                    "model": label,
                    "helpful": totals["helpful"],
                    "precision": (
                        round(totals["right"] / totals["helpful"], 3) if totals["helpful"] else None
                    ),
                    "recall": round(totals["right"] / totals["bridging"], 3),
                    "one_sided_helpful": totals["one_sided"],
                    "bad_helpful": totals["bad"],
                }
            )
    return rows


BRIGADE_SIZES = (0, 5, 10, 20, 50, 100, 150, 200)


def brigade_effect(
    world: World, rules: RuleSet, sizes: tuple[int, ...] = BRIGADE_SIZES
) -> dict[str, Any]:
    """Smallest lockstep brigade that promotes a one-sided note / demotes a helpful one."""
    base = score_notes(world.inp, rules, seed=world.config.seed)
    promote = [int(n) for n in world.notes_of(ONE_SIDED_A) if base.status[n] != CRH]
    demote = [int(n) for n in world.notes_of(BRIDGING) if base.status[n] == CRH]
    out: dict[str, Any] = {"rules": rules.name, "use_factor": rules.use_factor}
    for label, targets, value, wanted in (
        ("promote_one_sided", promote[:1], 1.0, True),
        ("demote_helpful", demote[:1], 0.0, False),
    ):
        if not targets:
            out[label] = {"target": None}
            continue
        target = targets[0]
        trail = []
        needed = None
        for size in sizes:
            result = score_notes(add_brigade(world, size, target, value), rules, seed=0)
            status = result.public_status(target).value
            intercept = result.intercept[target]
            trail.append(
                {
                    "size": size,
                    "status": status,
                    "intercept": None if np.isnan(intercept) else round(float(intercept), 3),
                    "factor": None
                    if np.isnan(result.factor[target])
                    else round(float(result.factor[target]), 3),
                }
            )
            if needed is None and (result.status[target] == CRH) == wanted and size > 0:
                needed = size
        out[label] = {"target": target, "brigade_needed": needed, "trail": trail}
    return out


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def speed(ratings: int, rules: str, seed: int) -> dict[str, Any]:
    """Time and memory to score ``ratings`` synthetic ratings (40 per note, 25 per rater)."""
    per_note = 40
    config = SimConfig(
        raters=max(50, ratings // 25),
        notes=max(10, ratings // per_note),
        ratings_per_note=per_note,
        seed=seed,
    )
    started = time.perf_counter()
    world = build_world(config)
    built = time.perf_counter() - started
    tracemalloc.start()
    started = time.perf_counter()
    result = score_notes(world.inp, rules, seed=seed)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "ratings": world.inp.n_ratings,
        "notes": world.inp.n_notes,
        "raters": world.inp.n_participants,
        "generate_seconds": round(built, 2),
        "score_seconds": round(elapsed, 2),
        "seconds_by_stage": result.summary["seconds"],
        "iterations": [
            result.summary["round_1"]["iterations"],
            result.summary["round_2"]["iterations"],
        ],
        "peak_traced_mb": round(peak / 2**20, 1),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "statuses": result.status_counts(),
        "quality": quality(world, result),
    }


def run_sim(
    *,
    seed: int,
    rules: str,
    ratings: int | None,
    seeds: int = 3,
    raters: int = 400,
    notes: int = 300,
    per_note: tuple[int, ...] = (5, 10, 20, 40, 80),
) -> dict[str, Any]:
    if ratings:
        return {"speed": speed(ratings, rules, seed)}
    world = build_world(SimConfig(raters=raters, notes=notes, ratings_per_note=20, seed=seed))
    base = score_notes(world.inp, rules, seed=seed)
    return {
        "world": {
            "raters": raters,
            "notes": notes,
            "kinds": {name: int((world.note_kind == i).sum()) for i, name in enumerate(KINDS)},
        },
        "base": quality(world, base),
        "precision_curve": precision_curve(per_note, seeds, rules, raters, notes),
        "brigade": brigade_effect(world, rule_set(rules)),
        "brigade_no_factor": brigade_effect(world, without_factor(rules)),
    }


__all__ = [
    "BRIDGING",
    "NO_STATUS",
    "ONE_SIDED_A",
    "ONE_SIDED_B",
    "FloatArray",
    "SimConfig",
    "World",
    "add_brigade",
    "build_world",
    "run_sim",
]
