"""The matrix factorisation: a minimum of the published loss, deterministic, oriented."""

from __future__ import annotations

import numpy as np

from factsift.notes.factorization import Penalties, Problem, fit, gradient_norm
from notes_fixtures import camps_world


def _problem(seed: int = 0) -> Problem:
    rng = np.random.default_rng(seed)
    pairs = np.unique(rng.integers(0, 30, 400) * 40 + rng.integers(0, 40, 400))
    note, rater = pairs // 40, pairs % 40
    side = np.where(rater < 25, -1.0, 1.0)
    slant = np.where(note % 3 == 0, 0.0, np.where(note % 3 == 1, -1.0, 1.0))
    value = (rng.random(len(note)) < 1 / (1 + np.exp(-(2 * side * slant)))).astype(float)
    _, note = np.unique(note, return_inverse=True)
    _, rater = np.unique(rater, return_inverse=True)
    return Problem(note, rater, value, int(note.max()) + 1, int(rater.max()) + 1)


def test_notes_factorization_fit_is_a_minimum_of_the_loss() -> None:
    problem = _problem()
    params, report = fit(problem, Penalties(), tolerance=1e-13, max_iterations=10000)
    assert report.converged
    assert gradient_norm(problem, Penalties(), params) < 1e-6


def test_notes_factorization_same_seed_gives_identical_numbers() -> None:
    problem = _problem()
    first, _ = fit(problem, Penalties(), seed=5)
    second, _ = fit(problem, Penalties(), seed=5)
    assert np.array_equal(first.note_intercept, second.note_intercept)
    assert np.array_equal(first.rater_factor, second.rater_factor)
    assert first.mu == second.mu


def test_notes_factorization_other_seed_reaches_the_same_minimum() -> None:
    problem = _problem()
    first, _ = fit(problem, Penalties(), seed=1, tolerance=1e-13, max_iterations=10000)
    second, _ = fit(problem, Penalties(), seed=2, tolerance=1e-13, max_iterations=10000)
    assert np.abs(first.note_intercept - second.note_intercept).max() < 1e-4


def test_notes_factorization_larger_group_of_raters_gets_the_negative_factor() -> None:
    params, _ = fit(_problem(), Penalties())
    factors = params.rater_factor
    assert np.count_nonzero(factors < 0) >= np.count_nonzero(factors > 0)


def _fit_camps() -> tuple[dict[str, float], dict[str, float]]:
    inp, names = camps_world()
    problem = Problem(inp.rating_note, inp.rating_rater, inp.rating_value, len(names), 24)
    params, _ = fit(problem, Penalties())
    intercept = dict(zip(names, params.note_intercept.tolist(), strict=True))
    factor = dict(zip(names, params.note_factor.tolist(), strict=True))
    return intercept, factor


def test_notes_factorization_bridging_note_scores_above_one_sided_note() -> None:
    intercept, factor = _fit_camps()
    # Same number of helpful ratings from camp A; only the bridging note also has camp B.
    assert intercept["bridging"] > 0.4
    assert intercept["bridging"] - intercept["one_sided"] > 0.3
    assert abs(factor["bridging"]) < 0.1
    assert abs(factor["one_sided"]) > 0.5


def test_notes_factorization_without_factor_term_the_camps_are_not_explained() -> None:
    inp, names = camps_world()
    problem = Problem(inp.rating_note, inp.rating_rater, inp.rating_value, len(names), 24)
    with_factor, report = fit(problem, Penalties())
    without, report_without = fit(problem, Penalties(), use_factor=False)
    assert report_without.mse > report.mse + 0.1
    assert not without.note_factor.any()
    assert with_factor.note_factor.any()
