"""What raters' tags say about a note: explanation tags, tag outliers, "incorrect" votes.

- Explanation tags: a helpful or not-helpful status needs two tags of its kind, each
  chosen by at least two raters; the top two are shown with the status.
- Tag outliers: a not-helpful tag counts more when raters close to the note in factor
  space use it (weight 1 / (1 + (d / d40)^5)); a note whose weighted share of a tag is
  above the 95th percentile of helpful notes is held back.
- Incorrect filter: "incorrect" votes from raters near the note, weighed against how
  often those raters call anything incorrect.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from factsift.notes.matrix import BoolArray, FloatArray, IntArray
from factsift.notes.vocabulary import HELPFUL_TAGS, NOT_HELPFUL_MASK, NOT_HELPFUL_TAGS, TAG_BIT

NO_TAG = -1
OUTLIER_TAGS = tuple(t for t in NOT_HELPFUL_TAGS if t != "notHelpfulHardToUnderstand")
INCORRECT_BIT = TAG_BIT["notHelpfulIncorrect"]


def tag_counts(note: IntArray, tags: IntArray, n_notes: int, names: tuple[str, ...]) -> FloatArray:
    """Ratings per note carrying each tag: shape (notes, tags)."""
    counts = np.zeros((n_notes, len(names)))
    for column, name in enumerate(names):
        has = (tags & TAG_BIT[name]) != 0
        counts[:, column] = np.bincount(note[has], minlength=n_notes)
    return counts


@dataclass(frozen=True, slots=True)
class TopTags:
    first: IntArray  # index into the tag tuple, NO_TAG if none
    second: IntArray
    enough: BoolArray  # at least ``min_tags`` tags reach ``min_count``


def top_tags(counts: FloatArray, min_count: int = 2, min_tags: int = 2) -> TopTags:
    """Two most used tags per note; ties go to the earlier (rarer) tag in the tuple."""
    n_notes, n_tags = counts.shape
    usable = counts >= min_count
    # Larger is better: count first, then earlier position in the tie-break order.
    key = np.where(usable, counts * (n_tags + 1) + (n_tags - np.arange(n_tags)), -1.0)
    order = np.argsort(-key, axis=1, kind="stable")[:, :2] if n_tags else np.zeros((n_notes, 0))
    rows = np.arange(n_notes)
    first = np.where(usable[rows, order[:, 0]], order[:, 0], NO_TAG).astype(np.int64)
    second = np.where(usable[rows, order[:, 1]], order[:, 1], NO_TAG).astype(np.int64)
    enough = usable.sum(axis=1) >= min_tags
    return TopTags(first, second, enough)


def helpful_top_tags(note: IntArray, tags: IntArray, n_notes: int) -> TopTags:
    return top_tags(tag_counts(note, tags, n_notes, HELPFUL_TAGS))


def not_helpful_top_tags(note: IntArray, tags: IntArray, n_notes: int) -> TopTags:
    return top_tags(tag_counts(note, tags, n_notes, NOT_HELPFUL_TAGS))


def _zscore(values: FloatArray) -> FloatArray:
    if len(values) == 0:
        return values
    std = float(values.std())
    centred: FloatArray = values - values.mean()
    return centred / std if std > 0 else centred


@dataclass(frozen=True, slots=True)
class TagOutliers:
    total: FloatArray  # (notes, OUTLIER_TAGS): weighted count of the tag
    ratio: FloatArray  # weighted count / sum of weights of the note's ratings


def tag_outliers(
    note: IntArray,
    rater: IntArray,
    tags: IntArray,
    note_factor: FloatArray,
    rater_factor: FloatArray,
    fitted_notes: BoolArray,
    fitted_raters: BoolArray,
    n_notes: int,
) -> TagOutliers:
    """Distance-weighted not-helpful tag totals and ratios per note."""
    zn = np.zeros(n_notes)
    zn[fitted_notes] = _zscore(note_factor[fitted_notes])
    zr = np.zeros(len(rater_factor))
    zr[fitted_raters] = _zscore(rater_factor[fitted_raters])
    total = np.zeros((n_notes, len(OUTLIER_TAGS)))
    ratio = np.zeros_like(total)
    if len(note) == 0:
        return TagOutliers(total, ratio)
    distance = np.abs(zr[rater] - zn[note])
    typical = float(np.percentile(distance, 40))
    weight = 1.0 / (1.0 + (distance / typical) ** 5) if typical > 0 else (distance == 0) * 1.0
    weight_sum = np.bincount(note, weights=weight, minlength=n_notes)
    for column, name in enumerate(OUTLIER_TAGS):
        has = (tags & TAG_BIT[name]) != 0
        total[:, column] = np.bincount(note[has], weights=weight[has], minlength=n_notes)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(weight_sum[:, None] > 0, total / weight_sum[:, None], 0.0)
    return TagOutliers(total, np.asarray(ratio, dtype=np.float64))


def outlier_thresholds(outliers: TagOutliers, helpful: BoolArray, percentile: float) -> FloatArray:
    """Per tag: the percentile of the weighted ratio over helpful notes (inf if none)."""
    if not helpful.any():
        return np.full(len(OUTLIER_TAGS), np.inf)
    return np.asarray(np.percentile(outliers.ratio[helpful], percentile, axis=0))


def outlier_flags(outliers: TagOutliers, thresholds: FloatArray, min_total: float) -> BoolArray:
    fired = (outliers.total > min_total) & (outliers.ratio > thresholds[None, :])
    return np.asarray(fired.any(axis=1), dtype=bool)


@dataclass(frozen=True, slots=True)
class IncorrectRules:
    half_width: float = 0.3  # rater and note factors this close (after clipping)
    clip: float = 0.4
    min_incorrect: int = 2
    min_voters: int = 3
    min_score: float = 2.5


def incorrect_flags(
    note: IntArray,
    rater: IntArray,
    tags: IntArray,
    history_rater: IntArray,
    history_tags: IntArray,
    note_factor: FloatArray,
    rater_factor: FloatArray,
    n_notes: int,
    rules: IncorrectRules,
) -> BoolArray:
    """Notes that nearby raters call incorrect more than those raters usually do.

    ``note``/``rater``/``tags`` are the scored ratings (raters with factors);
    ``history_*`` all ratings, for each rater's share of not-helpful ratings tagged
    incorrect.
    """
    n_raters = len(rater_factor)
    tagged = (history_tags & NOT_HELPFUL_MASK) != 0
    rated = np.bincount(history_rater[tagged], minlength=n_raters).astype(np.float64)
    incorrect = np.bincount(
        history_rater[tagged],
        weights=(history_tags[tagged] & INCORRECT_BIT) != 0,
        minlength=n_raters,
    )
    rate = np.where(rated > 0, incorrect / np.maximum(rated, 1), 0.0)
    near = (tags & NOT_HELPFUL_MASK) != 0
    near &= (
        np.abs(
            np.clip(rater_factor[rater], -rules.clip, rules.clip)
            - np.clip(note_factor[note], -rules.clip, rules.clip)
        )
        < rules.half_width
    )
    voters = np.bincount(note[near], minlength=n_notes)
    votes = np.bincount(note[near], weights=(tags[near] & INCORRECT_BIT) != 0, minlength=n_notes)
    expected = np.bincount(note[near], weights=rate[rater[near]], minlength=n_notes)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = votes / np.log1p(expected)
    flags: BoolArray = (
        (votes >= rules.min_incorrect)
        & (voters >= rules.min_voters)
        & (np.nan_to_num(score, nan=0.0) >= rules.min_score)
    )
    return flags
