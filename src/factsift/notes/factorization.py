"""One-factor matrix factorisation with intercepts, fitted by alternating least squares.

The model of the published scorer: a rating r of note n by rater u is predicted as

    r̂ = μ + i_u + i_n + f_u · f_n

and fitted by minimising (the published code's normalised loss)

    mean over ratings (r - r̂)²
      + λ_fu·mean_u(f_u²) + λ_iu·mean_u(i_u²) + λ_fn·mean_n(f_n²) + λ_in·mean_n(i_n²) + λ_μ·μ²

with λ_i = 0.15 for intercepts and λ_f = 0.03 for factors: intercepts are held back five
times harder than factors, so agreement that the factor can explain (raters on one side
liking notes on their side) goes to the factor, and only what is left goes to the note's
intercept.

The published code minimises this with PyTorch's Adam (full batch, learning rate 1.0 or
0.2, stop when the loss moves less than 1e-7). Here it is minimised by alternating least
squares: with the raters fixed, the loss is a separate ridge regression in (i_n, f_n) for
each note, solved exactly as a 2x2 system (and the same for raters, and μ in closed form).
Each step lowers the loss, so the fit needs no learning rate and no clipping, reaches the
same minimum in a few hundred numpy passes over the ratings, and given the same seed gives
the same numbers on any machine. The note-only solve is also exactly what final scoring
and the pseudo-raters need (refit notes with raters frozen).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from factsift.notes.matrix import FloatArray, IntArray


@dataclass(frozen=True, slots=True)
class Penalties:
    """λ of each parameter table (the published Core values)."""

    note_intercept: float = 0.15
    note_factor: float = 0.03
    rater_intercept: float = 0.15
    rater_factor: float = 0.03
    global_intercept: float = 0.15


@dataclass(slots=True)
class Parameters:
    mu: float
    note_intercept: FloatArray
    note_factor: FloatArray
    rater_intercept: FloatArray
    rater_factor: FloatArray

    def copy(self) -> Parameters:
        return Parameters(
            self.mu,
            self.note_intercept.copy(),
            self.note_factor.copy(),
            self.rater_intercept.copy(),
            self.rater_factor.copy(),
        )


@dataclass(frozen=True, slots=True)
class FitReport:
    loss: float  # the normalised loss above, at the end
    mse: float  # mean squared error on the training ratings
    iterations: int
    converged: bool
    seconds: float


class Problem:
    """Ratings numbered densely from 0 (every note and rater has at least one rating)."""

    def __init__(
        self, note: IntArray, rater: IntArray, value: FloatArray, n_notes: int, n_raters: int
    ) -> None:
        self.note = note
        self.rater = rater
        self.value = value
        self.n_notes = n_notes
        self.n_raters = n_raters
        self.note_count = np.bincount(note, minlength=n_notes).astype(np.float64)
        self.rater_count = np.bincount(rater, minlength=n_raters).astype(np.float64)

    @property
    def n_ratings(self) -> int:
        return len(self.value)


def initial_parameters(problem: Problem, seed: int) -> Parameters:
    """Factors Xavier-uniform, intercepts and μ zero (as the published model starts)."""
    rng = np.random.default_rng(seed)
    note_bound = np.sqrt(6.0 / (problem.n_notes + 1))
    rater_bound = np.sqrt(6.0 / (problem.n_raters + 1))
    return Parameters(
        mu=0.0,
        note_intercept=np.zeros(problem.n_notes),
        note_factor=rng.uniform(-note_bound, note_bound, problem.n_notes),
        rater_intercept=np.zeros(problem.n_raters),
        rater_factor=rng.uniform(-rater_bound, rater_bound, problem.n_raters),
    )


def group_sum(group: IntArray, values: FloatArray, size: int) -> FloatArray:
    """Sum of ``values`` per group (0 .. size-1)."""
    return np.asarray(np.bincount(group, weights=values, minlength=size), dtype=np.float64)


def solve_side(
    group: IntArray,
    size: int,
    count: FloatArray,
    x: FloatArray,
    y: FloatArray,
    c_intercept: float,
    c_factor: float,
    use_factor: bool,
    extra: tuple[float, float] | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Per group g, minimise Σ (y - i_g - f_g·x)² + c_i·i_g² + c_f·f_g² exactly.

    ``extra`` = (x, y) adds one more observation to every group (a pseudo-rater's rating).
    """
    n = count.copy()
    sy = group_sum(group, y, size)
    if extra is not None:
        n += 1.0
        sy += extra[1]
    if not use_factor:
        return sy / (n + c_intercept), np.zeros(size)
    sx = group_sum(group, x, size)
    sxx = group_sum(group, x * x, size)
    sxy = group_sum(group, x * y, size)
    if extra is not None:
        sx += extra[0]
        sxx += extra[0] * extra[0]
        sxy += extra[0] * extra[1]
    a11 = n + c_intercept
    a22 = sxx + c_factor
    det = a11 * a22 - sx * sx  # > 0: both diagonal terms carry a positive penalty
    return (a22 * sy - sx * sxy) / det, (a11 * sxy - sx * sy) / det


def scaled_penalties(problem: Problem, penalties: Penalties) -> dict[str, float]:
    """The λ's of the normalised loss, rescaled for the summed squared error."""
    n = float(problem.n_ratings)
    return {
        "ni": penalties.note_intercept * n / problem.n_notes,
        "nf": penalties.note_factor * n / problem.n_notes,
        "ri": penalties.rater_intercept * n / problem.n_raters,
        "rf": penalties.rater_factor * n / problem.n_raters,
        "mu": penalties.global_intercept * n,
    }


def loss(problem: Problem, penalties: Penalties, p: Parameters) -> tuple[float, float]:
    """(normalised loss, mean squared error)."""
    predicted = (
        p.mu
        + p.rater_intercept[problem.rater]
        + p.note_intercept[problem.note]
        + p.rater_factor[problem.rater] * p.note_factor[problem.note]
    )
    mse = float(np.mean((problem.value - predicted) ** 2))
    total = (
        mse
        + penalties.rater_factor * float(np.mean(p.rater_factor**2))
        + penalties.rater_intercept * float(np.mean(p.rater_intercept**2))
        + penalties.note_factor * float(np.mean(p.note_factor**2))
        + penalties.note_intercept * float(np.mean(p.note_intercept**2))
        + penalties.global_intercept * p.mu * p.mu
    )
    return total, mse


def fit(
    problem: Problem,
    penalties: Penalties,
    *,
    init: Parameters | None = None,
    seed: int = 0,
    use_factor: bool = True,
    tolerance: float = 1e-7,
    max_iterations: int = 3000,
) -> tuple[Parameters, FitReport]:
    """Alternate exact note, rater and μ updates until the loss moves by <= ``tolerance``."""
    started = time.perf_counter()
    p = initial_parameters(problem, seed) if init is None else init.copy()
    if not use_factor:
        p.note_factor[:] = 0.0
        p.rater_factor[:] = 0.0
    c = scaled_penalties(problem, penalties)
    note, rater, value = problem.note, problem.rater, problem.value
    previous = np.inf
    current, mse = loss(problem, penalties, p)
    iterations = 0
    converged = False
    while iterations < max_iterations:
        iterations += 1
        p.note_intercept, p.note_factor = solve_side(
            note,
            problem.n_notes,
            problem.note_count,
            p.rater_factor[rater],
            value - p.mu - p.rater_intercept[rater],
            c["ni"],
            c["nf"],
            use_factor,
        )
        p.rater_intercept, p.rater_factor = solve_side(
            rater,
            problem.n_raters,
            problem.rater_count,
            p.note_factor[note],
            value - p.mu - p.note_intercept[note],
            c["ri"],
            c["rf"],
            use_factor,
        )
        rest = (
            value
            - p.rater_intercept[rater]
            - p.note_intercept[note]
            - p.rater_factor[rater] * p.note_factor[note]
        )
        p.mu = float(rest.sum() / (problem.n_ratings + c["mu"]))
        previous, (current, mse) = current, loss(problem, penalties, p)
        if abs(previous - current) <= tolerance:
            converged = True
            break
    orient(p)
    report = FitReport(current, mse, iterations, converged, time.perf_counter() - started)
    return p, report


def orient(p: Parameters) -> None:
    """Flip all factors when fewer than half of the raters (non-zero factor) are negative.

    The loss cannot tell f from -f; the published code fixes the sign so that the larger
    group of raters has the negative factor.
    """
    nonzero = p.rater_factor[p.rater_factor != 0]
    if len(nonzero) and np.count_nonzero(nonzero < 0) < len(nonzero) / 2:
        p.rater_factor = -p.rater_factor
        p.note_factor = -p.note_factor


def gradient_norm(problem: Problem, penalties: Penalties, p: Parameters) -> float:
    """Largest absolute partial derivative of the normalised loss: ~0 at a minimum."""
    n = problem.n_ratings
    residual = problem.value - (
        p.mu
        + p.rater_intercept[problem.rater]
        + p.note_intercept[problem.note]
        + p.rater_factor[problem.rater] * p.note_factor[problem.note]
    )
    r = -2.0 * residual / n
    parts = [
        np.bincount(problem.note, r, problem.n_notes)
        + 2 * penalties.note_intercept * p.note_intercept / problem.n_notes,
        np.bincount(problem.note, r * p.rater_factor[problem.rater], problem.n_notes)
        + 2 * penalties.note_factor * p.note_factor / problem.n_notes,
        np.bincount(problem.rater, r, problem.n_raters)
        + 2 * penalties.rater_intercept * p.rater_intercept / problem.n_raters,
        np.bincount(problem.rater, r * p.note_factor[problem.note], problem.n_raters)
        + 2 * penalties.rater_factor * p.rater_factor / problem.n_raters,
        np.array([r.sum() + 2 * penalties.global_intercept * p.mu]),
    ]
    return float(max(np.abs(part).max() for part in parts))
