"""Rater helpfulness: which raters the second round listens to.

A rater counts in round two when their early ratings agreed with the provisional status
of the notes they rated (agree ratio >= 0.66), and, if they wrote notes, when their notes
did not do badly (published author test). Raters with no valid ratings are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from factsift.notes.matrix import CRH, CRNH, BoolArray, FloatArray, IntArray, ScoringInput

HOUR_MS = 3_600_000
# Notes created before this day: the first 5 ratings within 48 h count. Later notes: the
# ratings within 48 h made before the note's latest helpful / not-helpful status.
FIRST_RATINGS_UNTIL_MS = 1_652_918_400_000  # 2022-05-19T00:00:00Z


@dataclass(frozen=True, slots=True)
class HelpfulnessRules:
    window_hours: float = 48.0
    first_ratings: int = 5
    min_agree_ratio: float = 0.66
    crnh_weight: float = 5.0  # author score: CRH share - 5 x CRNH share
    min_author_difference: float = 0.0
    min_mean_note_score: float = 0.05


@dataclass(frozen=True, slots=True)
class RaterHelpfulness:
    agree_ratio: FloatArray  # per participant, NaN without valid ratings
    author_ok: BoolArray
    included: BoolArray
    valid_ratings: int


def valid_ratings(
    inp: ScoringInput, provisional: IntArray, rules: HelpfulnessRules, rows: IntArray
) -> IntArray:
    """Rows (of ``rows``) that are valid ratings for rater helpfulness."""
    note = inp.rating_note[rows]
    created = inp.rating_created[rows]
    note_created = inp.note_created[note]
    age = created - note_created
    in_window = (age >= 0) & (age <= rules.window_hours * HOUR_MS)
    scored = np.isin(provisional[note], (CRH, CRNH))
    early = note_created < FIRST_RATINGS_UNTIL_MS
    limit = inp.last_non_nmr[note]
    before_status = (limit < 0) | (created <= limit)
    keep = in_window & scored & (early | before_status)
    # Early notes: only the first few ratings by time (of those in the window).
    candidates = np.flatnonzero(keep & early)
    if len(candidates):
        order = candidates[np.lexsort((created[candidates], note[candidates]))]
        groups = note[order]
        starts = np.r_[0, np.flatnonzero(np.diff(groups)) + 1]
        rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
        keep[order[rank >= rules.first_ratings]] = False
    value = inp.rating_value[rows]
    keep &= (value == 0.0) | (value == 1.0)
    return rows[keep]


def rater_helpfulness(
    inp: ScoringInput,
    rows: IntArray,
    provisional: IntArray,
    note_intercept: FloatArray,
    rules: HelpfulnessRules,
) -> RaterHelpfulness:
    """Agree ratio and author test of every participant; ``included`` = both pass."""
    n = inp.n_participants
    valid = valid_ratings(inp, provisional, rules, rows)
    note = inp.rating_note[valid]
    value = inp.rating_value[valid]
    success = ((value == 1.0) & (provisional[note] == CRH)) | (
        (value == 0.0) & (provisional[note] == CRNH)
    )
    total = np.bincount(inp.rating_rater[valid], minlength=n).astype(np.float64)
    agreed = np.bincount(inp.rating_rater[valid], weights=success, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        agree = np.where(total > 0, agreed / np.maximum(total, 1), np.nan)
    author_ok = author_test(inp, provisional, note_intercept, rules)
    included = author_ok & (np.nan_to_num(agree, nan=-1.0) >= rules.min_agree_ratio)
    return RaterHelpfulness(agree, author_ok, included, len(valid))


def author_test(
    inp: ScoringInput, provisional: IntArray, note_intercept: FloatArray, rules: HelpfulnessRules
) -> BoolArray:
    """Authors pass when their scored notes lean helpful, or when they wrote none."""
    n = inp.n_participants
    scored = np.flatnonzero(~np.isnan(note_intercept) & (inp.note_author >= 0))
    author = inp.note_author[scored]
    count = np.bincount(author, minlength=n).astype(np.float64)
    crh = np.bincount(author, weights=provisional[scored] == CRH, minlength=n)
    crnh = np.bincount(author, weights=provisional[scored] == CRNH, minlength=n)
    intercepts = np.bincount(author, weights=note_intercept[scored], minlength=n)
    safe = np.maximum(count, 1)
    difference = crh / safe - rules.crnh_weight * crnh / safe
    mean_score = intercepts / safe
    passes = (difference >= rules.min_author_difference) & (mean_score >= rules.min_mean_note_score)
    result: BoolArray = (count == 0) | passes
    return result
