"""The note scorer: filters, two rounds of matrix factorisation, statuses.

    ratings ─ misleading filter ─ count filter (notes >= 5, raters >= 10, notes >= 5)
      └ round 1 fit ─ provisional statuses ─ rater helpfulness (agree ratio, author test)
          └ round 2 fit on helpful raters' ratings
              └ final: notes refitted with raters frozen, pseudo-raters (``current``)
                  └ status rules in order (rules.py) ─ explanation tags

Everything is vectorised over numpy columns; the only randomness is the factor
initialisation, drawn from ``seed``.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from factsift.notes.factorization import (
    FitReport,
    Parameters,
    Problem,
    fit,
    initial_parameters,
    solve_side,
)
from factsift.notes.helpfulness import RaterHelpfulness, rater_helpfulness
from factsift.notes.matrix import (
    CRH,
    CRNH,
    NO_STATUS,
    PUBLIC_STATUS,
    BoolArray,
    FloatArray,
    IntArray,
    ScoringInput,
)
from factsift.notes.model import NoteScore, RaterScore
from factsift.notes.rules import NoteStats, RuleSet, apply_rules, rule_set
from factsift.notes.tags import (
    NO_TAG,
    TopTags,
    helpful_top_tags,
    incorrect_flags,
    not_helpful_top_tags,
    outlier_flags,
    outlier_thresholds,
    tag_outliers,
)
from factsift.notes.vocabulary import HELPFUL_TAGS, NOT_HELPFUL_TAGS, NoteStatus

# Ratings of "not misleading" notes count only for notes created from this day on.
NOT_MISLEADING_SCORED_FROM_MS = int(datetime(2022, 10, 3, tzinfo=UTC).timestamp() * 1000)
DEFAULT_TOLERANCE = 1e-10


@dataclass
class ScoringResult:
    rules: str
    seed: int
    note_ids: list[str]
    participants: list[str]
    status: IntArray  # internal code (matrix.NMR, CRH, CRNH, FIRM_REJECT)
    decided_by: list[str]  # the rule that set each note's status
    intercept: FloatArray  # NaN: not in the final fit
    factor: FloatArray
    intercept_max: FloatArray
    num_ratings: IntArray
    first_tag: list[str | None]
    second_tag: list[str | None]
    rater_intercept: FloatArray  # round-2 parameters, NaN for raters not in it
    rater_factor: FloatArray
    agree_ratio: FloatArray
    rater_included: BoolArray
    rated: BoolArray  # participants with at least one scored rating
    summary: dict[str, Any] = field(default_factory=dict)

    def public_status(self, index: int) -> NoteStatus:
        return PUBLIC_STATUS[int(self.status[index])]

    def status_counts(self) -> dict[str, int]:
        counts = Counter(PUBLIC_STATUS[int(code)].value for code in self.status)
        return {s.value: counts.get(s.value, 0) for s in NoteStatus}

    def note_scores(self, scored_at: int) -> list[NoteScore]:
        return [
            NoteScore(
                note_id=note_id,
                status=self.public_status(i),
                rule=self.decided_by[i],
                intercept=_maybe(self.intercept[i]),
                factor=_maybe(self.factor[i]),
                num_ratings=int(self.num_ratings[i]),
                first_tag=self.first_tag[i],
                second_tag=self.second_tag[i],
                rules=self.rules,
                scored_at=scored_at,
            )
            for i, note_id in enumerate(self.note_ids)
        ]

    def rater_scores(self) -> list[RaterScore]:
        return [
            RaterScore(
                rater=participant,
                intercept=_maybe(self.rater_intercept[i]),
                factor=_maybe(self.rater_factor[i]),
                agree_ratio=_maybe(self.agree_ratio[i]),
                helpful=bool(self.rater_included[i]),
            )
            for i, participant in enumerate(self.participants)
            if self.rated[i]
        ]


def _maybe(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def count_filter(inp: ScoringInput, rows: IntArray, min_note: int, min_rater: int) -> IntArray:
    """Notes with >= min_note ratings, then raters with >= min_rater, then notes again."""
    note = inp.rating_note[rows]
    rows = rows[np.bincount(note, minlength=inp.n_notes)[note] >= min_note]
    rater = inp.rating_rater[rows]
    rows = rows[np.bincount(rater, minlength=inp.n_participants)[rater] >= min_rater]
    note = inp.rating_note[rows]
    kept: IntArray = rows[np.bincount(note, minlength=inp.n_notes)[note] >= min_note]
    return kept


def _empty_parameters(inp: ScoringInput) -> Parameters:
    return Parameters(
        mu=0.0,
        note_intercept=np.full(inp.n_notes, np.nan),
        note_factor=np.full(inp.n_notes, np.nan),
        rater_intercept=np.full(inp.n_participants, np.nan),
        rater_factor=np.full(inp.n_participants, np.nan),
    )


def fit_rows(
    inp: ScoringInput,
    rows: IntArray,
    rules: RuleSet,
    seed: int,
    tolerance: float,
    init: Parameters | None = None,
) -> tuple[Parameters, FitReport, int, int]:
    """Fit the ratings ``rows``; parameters come back indexed like ``inp`` (NaN: absent)."""
    out = _empty_parameters(inp)
    if len(rows) == 0:
        return out, FitReport(0.0, 0.0, 0, True, 0.0), 0, 0
    notes, note = np.unique(inp.rating_note[rows], return_inverse=True)
    raters, rater = np.unique(inp.rating_rater[rows], return_inverse=True)
    problem = Problem(note, rater, inp.rating_value[rows], len(notes), len(raters))
    start = None
    if init is not None:
        start = initial_parameters(problem, seed)
        start.mu = init.mu
        for target, source, ids in (
            (start.note_intercept, init.note_intercept, notes),
            (start.note_factor, init.note_factor, notes),
            (start.rater_intercept, init.rater_intercept, raters),
            (start.rater_factor, init.rater_factor, raters),
        ):
            known = ~np.isnan(source[ids])
            target[known] = source[ids][known]
    params, report = fit(
        problem,
        rules.penalties,
        init=start,
        seed=seed,
        use_factor=rules.use_factor,
        tolerance=tolerance,
    )
    out.mu = params.mu
    out.note_intercept[notes] = params.note_intercept
    out.note_factor[notes] = params.note_factor
    out.rater_intercept[raters] = params.rater_intercept
    out.rater_factor[raters] = params.rater_factor
    return out, report, len(notes), len(raters)


def refit_notes(
    inp: ScoringInput,
    rows: IntArray,
    frozen: Parameters,
    rules: RuleSet,
    ratings_per_note: float,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Final scoring: note parameters with raters and μ frozen, and the pseudo-rater bound.

    The note penalty is λ x (ratings per note of round two), which keeps the strength of
    the round-two regularisation (published final-scoring variant). Returns (intercept,
    factor, intercept_max) indexed like ``inp``.
    """
    intercept = np.full(inp.n_notes, np.nan)
    factor = np.full(inp.n_notes, np.nan)
    upper = np.full(inp.n_notes, np.nan)
    if len(rows) == 0:
        return intercept, factor, upper
    notes, note = np.unique(inp.rating_note[rows], return_inverse=True)
    rater = inp.rating_rater[rows]
    x = frozen.rater_factor[rater]
    y = inp.rating_value[rows] - frozen.mu - frozen.rater_intercept[rater]
    count = np.bincount(note, minlength=len(notes)).astype(np.float64)
    c_i = rules.penalties.note_intercept * ratings_per_note
    c_f = rules.penalties.note_factor * ratings_per_note

    def solve(extra: tuple[float, float] | None) -> tuple[FloatArray, FloatArray]:
        return solve_side(note, len(notes), count, x, y, c_i, c_f, rules.use_factor, extra)

    intercept[notes], factor[notes] = solve(None)
    # Pseudo-raters: the least lenient rater intercept at the extreme and middle factors,
    # each adding one "helpful" to every note; the highest intercept is the upper bound.
    fitted = ~np.isnan(frozen.rater_factor)
    low_intercept = float(np.nanmin(frozen.rater_intercept[fitted]))
    factors = frozen.rater_factor[fitted]
    bound = intercept[notes].copy()
    for pseudo_factor in (float(factors.min()), 0.0, float(factors.max())):
        extra = (pseudo_factor, 1.0 - frozen.mu - low_intercept)
        bound = np.maximum(bound, solve(extra)[0])
    upper[notes] = bound
    return intercept, factor, upper


def side_stats(
    inp: ScoringInput, rows: IntArray, rater_factor: FloatArray
) -> tuple[IntArray, FloatArray, IntArray, FloatArray]:
    """Per note and factor side (f_u < 0, f_u >= 0): counts, mean value, net helpful."""
    n = inp.n_notes
    note = inp.rating_note[rows]
    value = inp.rating_value[rows]
    side = (rater_factor[inp.rating_rater[rows]] >= 0).astype(np.int64)
    cell = note * 2 + side
    count = np.bincount(cell, minlength=2 * n).reshape(n, 2)
    total = np.bincount(cell, weights=value, minlength=2 * n).reshape(n, 2)
    helpful = np.bincount(cell, weights=value == 1.0, minlength=2 * n).reshape(n, 2)
    unhelpful = np.bincount(cell, weights=value == 0.0, minlength=2 * n).reshape(n, 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count > 0, total / np.maximum(count, 1), np.nan)
    net = np.clip((helpful - unhelpful).min(axis=1), 0, None).astype(np.int64)
    ratings = count.sum(axis=1)
    ratio = np.where(ratings > 0, net / np.maximum(ratings, 1), 0.0)
    return count.astype(np.int64), mean, net, ratio


def score_notes(
    inp: ScoringInput,
    rules: str | RuleSet = "current",
    *,
    seed: int = 0,
    tolerance: float = DEFAULT_TOLERANCE,
) -> ScoringResult:
    """Score every note of ``inp`` with a rule set (``current`` or ``core-2022``)."""
    rs = rules if isinstance(rules, RuleSet) else rule_set(rules)
    started = time.perf_counter()
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[name] = round(now - clock, 4)
        clock = now

    n_notes = inp.n_notes
    counted = inp.note_misleading | (inp.note_created >= NOT_MISLEADING_SCORED_FROM_MS)
    rows0 = np.flatnonzero(counted[inp.rating_note])
    num_ratings = np.bincount(inp.rating_note[rows0], minlength=n_notes).astype(np.int64)
    rows1 = count_filter(inp, rows0, rs.min_note_ratings, rs.min_rater_ratings)
    lap("filters")

    p1, report1, notes1, raters1 = fit_rows(inp, rows1, rs, seed, tolerance)
    lap("round_1")
    blank = np.full(n_notes, np.nan)
    basic = _stats(inp, num_ratings, p1.note_intercept, p1.note_factor, blank)
    basic.previous = np.full(n_notes, NO_STATUS, dtype=np.int64)
    provisional, _ = apply_rules(rs.provisional, basic)
    helpfulness = rater_helpfulness(inp, rows0, provisional, p1.note_intercept, rs.helpfulness)
    lap("helpfulness")

    rows2 = rows1[helpfulness.included[inp.rating_rater[rows1]]]
    p2, report2, notes2, raters2 = fit_rows(inp, rows2, rs, seed, tolerance, init=p1)
    lap("round_2")

    if rs.final_refit and notes2:
        rated = num_ratings >= rs.min_note_ratings
        has_params = ~np.isnan(p2.rater_factor)
        rows3 = rows0[rated[inp.rating_note[rows0]] & has_params[inp.rating_rater[rows0]]]
        intercept, factor, upper = refit_notes(inp, rows3, p2, rs, len(rows2) / notes2)
    else:
        rows3 = rows2
        intercept, factor, upper = p2.note_intercept, p2.note_factor, blank
    lap("final")

    stats = _stats(inp, num_ratings, intercept, factor, upper)
    _add_rating_stats(inp, stats, rs, rows0, rows3, p2, provisional)
    helpful_tags = helpful_top_tags(inp.rating_note[rows0], inp.rating_tags[rows0], n_notes)
    unhelpful_tags = not_helpful_top_tags(inp.rating_note[rows0], inp.rating_tags[rows0], n_notes)
    stats.helpful_tags_ok = helpful_tags.enough
    stats.not_helpful_tags_ok = unhelpful_tags.enough
    status, decided = apply_rules(rs.rules, stats)
    first, second = _explanations(status, helpful_tags, unhelpful_tags)
    lap("rules")

    result = ScoringResult(
        rules=rs.name,
        seed=seed,
        note_ids=inp.note_ids,
        participants=inp.participants,
        status=status,
        decided_by=[rs.rules[i].name for i in decided],
        intercept=intercept,
        factor=factor,
        intercept_max=upper,
        num_ratings=num_ratings,
        first_tag=first,
        second_tag=second,
        rater_intercept=p2.rater_intercept,
        rater_factor=p2.rater_factor,
        agree_ratio=helpfulness.agree_ratio,
        rater_included=helpfulness.included,
        rated=np.bincount(inp.rating_rater[rows0], minlength=inp.n_participants) > 0,
    )
    helpful_raters = int((helpfulness.included & ~np.isnan(p1.rater_factor)).sum())
    result.summary = _summary(
        inp, result, rows0, rows1, rows2, rows3, (report1, notes1, raters1),
        (report2, notes2, raters2), helpfulness, helpful_raters, seconds,
        time.perf_counter() - started,
    )  # fmt: skip
    return result


def _stats(
    inp: ScoringInput,
    num_ratings: IntArray,
    intercept: FloatArray,
    factor: FloatArray,
    upper: FloatArray,
) -> NoteStats:
    n = inp.n_notes
    no = np.zeros(n, dtype=bool)
    return NoteStats(
        num_ratings=num_ratings,
        intercept=intercept,
        factor=factor,
        misleading=inp.note_misleading,
        previous=inp.previous_status,
        intercept_max=upper,
        side_count=np.zeros((n, 2), dtype=np.int64),
        side_mean=np.full((n, 2), np.nan),
        net_min_helpful=np.zeros(n, dtype=np.int64),
        net_min_ratio=np.zeros(n),
        tag_outlier=no,
        incorrect=no,
        helpful_tags_ok=no,
        not_helpful_tags_ok=no,
    )


def _add_rating_stats(
    inp: ScoringInput,
    stats: NoteStats,
    rs: RuleSet,
    rows0: IntArray,
    rows3: IntArray,
    raters: Parameters,
    provisional: IntArray,
) -> None:
    """Side counts, tag outliers and incorrect votes from the final ratings."""
    stats.side_count, stats.side_mean, stats.net_min_helpful, stats.net_min_ratio = side_stats(
        inp, rows3, raters.rater_factor
    )
    fitted_notes = ~np.isnan(stats.intercept)
    fitted_raters = ~np.isnan(raters.rater_factor)
    note_factor = np.nan_to_num(stats.factor)
    rater_factor = np.nan_to_num(raters.rater_factor)
    note = inp.rating_note[rows3]
    rater = inp.rating_rater[rows3]
    tags = inp.rating_tags[rows3]
    outliers = tag_outliers(
        note, rater, tags, note_factor, rater_factor, fitted_notes, fitted_raters, inp.n_notes
    )
    thresholds = outlier_thresholds(
        outliers, fitted_notes & (provisional == CRH), rs.tag_outlier_percentile
    )
    stats.tag_outlier = outlier_flags(outliers, thresholds, rs.tag_outlier_min_total)
    stats.incorrect = incorrect_flags(
        note,
        rater,
        tags,
        inp.rating_rater[rows0],
        inp.rating_tags[rows0],
        note_factor,
        rater_factor,
        inp.n_notes,
        rs.incorrect,
    )


def _explanations(
    status: IntArray, helpful: TopTags, unhelpful: TopTags
) -> tuple[list[str | None], list[str | None]]:
    first: list[str | None] = [None] * len(status)
    second: list[str | None] = [None] * len(status)
    for code, tags, names in ((CRH, helpful, HELPFUL_TAGS), (CRNH, unhelpful, NOT_HELPFUL_TAGS)):
        for i in np.flatnonzero(status == code):
            if tags.first[i] != NO_TAG:
                first[i] = names[tags.first[i]]
            if tags.second[i] != NO_TAG:
                second[i] = names[tags.second[i]]
    return first, second


def _summary(
    inp: ScoringInput,
    result: ScoringResult,
    rows0: IntArray,
    rows1: IntArray,
    rows2: IntArray,
    rows3: IntArray,
    round1: tuple[FitReport, int, int],
    round2: tuple[FitReport, int, int],
    helpfulness: RaterHelpfulness,
    helpful_raters: int,
    seconds: dict[str, float],
    total: float,
) -> dict[str, Any]:
    def fit_summary(rows: IntArray, fitted: tuple[FitReport, int, int]) -> dict[str, Any]:
        report, notes, raters = fitted
        return {
            "ratings": len(rows),
            "notes": notes,
            "raters": raters,
            "loss": round(report.loss, 6),
            "mse": round(report.mse, 6),
            "iterations": report.iterations,
            "converged": report.converged,
        }

    return {
        "rules": result.rules,
        "seed": result.seed,
        "notes": inp.n_notes,
        "ratings": inp.n_ratings,
        "ratings_counted": len(rows0),
        "round_1": fit_summary(rows1, round1),
        "helpful_raters": helpful_raters,  # of the round-one raters
        "valid_ratings": helpfulness.valid_ratings,
        "round_2": fit_summary(rows2, round2),
        "final_ratings": len(rows3),
        "scored_notes": int((~np.isnan(result.intercept)).sum()),
        "statuses": result.status_counts(),
        "decided_by": dict(Counter(result.decided_by).most_common()),
        "seconds": seconds,
        "seconds_total": round(total, 3),
    }
