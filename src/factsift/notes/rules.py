"""Status rules, each a small object, and the two rule sets built from them.

Rules run in order over all notes at once; each rule names the notes it fires on and the
status it sets, and the last rule that fires decides. Numbers are the published ones
(docs/notes.md lists each with its source).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from factsift.notes.errors import NoteInputError
from factsift.notes.factorization import Penalties
from factsift.notes.helpfulness import HelpfulnessRules
from factsift.notes.matrix import CRH, CRNH, FIRM_REJECT, NMR, BoolArray, FloatArray, IntArray
from factsift.notes.tags import IncorrectRules


@dataclass(slots=True)
class NoteStats:
    """Everything the rules read, one entry per note."""

    num_ratings: IntArray
    intercept: FloatArray  # NaN: not in the fit
    factor: FloatArray
    misleading: BoolArray
    previous: IntArray  # status code of the previous run, -1 if none
    intercept_max: FloatArray  # pseudo-rater upper bound, NaN when not computed
    side_count: IntArray  # (notes, 2): ratings from raters with factor < 0, >= 0
    side_mean: FloatArray  # (notes, 2): their mean rating value (NaN without ratings)
    net_min_helpful: IntArray  # min over sides of (helpful - not helpful), at least 0
    net_min_ratio: FloatArray  # net_min_helpful / ratings from raters with a factor
    tag_outlier: BoolArray
    incorrect: BoolArray
    helpful_tags_ok: BoolArray  # two helpful tags each chosen twice
    not_helpful_tags_ok: BoolArray

    @property
    def fitted(self) -> BoolArray:
        result: BoolArray = ~np.isnan(self.intercept)
        return result


class Rule:
    """Fires on some notes and sets their status."""

    name = "rule"
    sets = NMR

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name})"


def _at_least(values: FloatArray, threshold: float) -> BoolArray:
    result: BoolArray = np.nan_to_num(values, nan=-np.inf) >= threshold
    return result


def _below(values: FloatArray, threshold: float) -> BoolArray:
    result: BoolArray = np.nan_to_num(values, nan=np.inf) < threshold
    return result


class DefaultNMR(Rule):
    name = "default"

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        return np.ones(len(status), dtype=bool)


@dataclass(repr=False)
class GeneralCRH(Rule):
    threshold: float = 0.40
    min_ratings: int = 5
    name = "general-crh"
    sets = CRH

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        enough = stats.num_ratings >= self.min_ratings
        result: BoolArray = enough & stats.misleading & _at_least(stats.intercept, self.threshold)
        return result


@dataclass(repr=False)
class GeneralCRNH(Rule):
    intercept: float = -0.05
    factor_multiplier: float = 0.8
    min_ratings: int = 5
    name = "general-crnh"
    sets = CRNH

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        line = self.intercept - self.factor_multiplier * np.abs(stats.factor)
        low = np.nan_to_num(stats.intercept, nan=np.inf) <= np.nan_to_num(line, nan=-np.inf)
        result: BoolArray = (stats.num_ratings >= self.min_ratings) & low
        return result


@dataclass(repr=False)
class UpperBoundCRNH(Rule):
    """Even the most favourable pseudo-rater cannot lift the note: not helpful."""

    threshold: float = -0.04
    name = "ucb-crnh"
    sets = CRNH

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        return _below(stats.intercept_max, self.threshold)


@dataclass(repr=False)
class RatioCRNH(Rule):
    min_per_side: int = 3
    max_side_mean: float = 0.40
    max_average: float = 0.30
    name = "ratio-crnh"
    sets = CRNH

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        mean = np.nan_to_num(stats.side_mean, nan=np.inf)
        result: BoolArray = (
            (stats.side_count >= self.min_per_side).all(axis=1)
            & (mean <= self.max_side_mean).all(axis=1)
            & (mean.mean(axis=1) <= self.max_average)
        )
        return result


@dataclass(repr=False)
class NotMisleadingCRNH(Rule):
    """A note saying "not misleading" that raters do not back is not helpful."""

    threshold: float = -0.15
    min_ratings: int = 5
    name = "not-misleading-crnh"
    sets = CRNH

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        result: BoolArray = (
            ~stats.misleading
            & (stats.num_ratings >= self.min_ratings)
            & _below(stats.intercept, self.threshold)
        )
        return result


@dataclass(repr=False)
class Inertia(Rule):
    """A note helpful in the previous run keeps its status down to threshold - delta."""

    threshold: float = 0.40
    delta: float = 0.01
    min_ratings: int = 5
    name = "crh-inertia"
    sets = CRH

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        result: BoolArray = (
            (stats.previous == CRH)
            & (status != CRH)
            & (stats.num_ratings >= self.min_ratings)
            & _at_least(stats.intercept, self.threshold - self.delta)
        )
        return result


class TagOutlierReject(Rule):
    name = "tag-outlier"
    sets = FIRM_REJECT

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        result: BoolArray = (status != CRNH) & stats.tag_outlier
        return result


@dataclass(repr=False)
class TagOutlierSuperThreshold(Rule):
    """2022: a helpful note with outlying not-helpful tags needs a higher intercept."""

    super_threshold: float = 0.50
    name = "tag-outlier-super-threshold"
    sets = NMR

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        high = _at_least(stats.intercept, self.super_threshold)
        result: BoolArray = (status == CRH) & stats.tag_outlier & ~high
        return result


class IncorrectReject(Rule):
    name = "incorrect-filter"
    sets = FIRM_REJECT

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        result: BoolArray = (status != CRNH) & stats.incorrect
        return result


@dataclass(repr=False)
class LargeFactor(Rule):
    """A helpful candidate liked by one side only (large |factor|) is held back."""

    bound: float = 0.50
    name = "large-factor"
    sets = FIRM_REJECT

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        large = np.nan_to_num(np.abs(stats.factor), nan=0.0) > self.bound
        result: BoolArray = (status == CRH) & large
        return result


@dataclass(repr=False)
class FirmReject(Rule):
    threshold: float = 0.30
    name = "firm-reject"
    sets = FIRM_REJECT

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        result: BoolArray = (status != CRNH) & _below(stats.intercept, self.threshold)
        return result


@dataclass(repr=False)
class MinMinorityNetHelpful(Rule):
    """Helpful needs net helpful ratings (helpful - not helpful) from both sides."""

    minimum: int = 4
    name = "net-helpful-minimum"
    sets = NMR

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        result: BoolArray = (status == CRH) & (stats.net_min_helpful < self.minimum)
        return result


@dataclass(repr=False)
class RaterBalance(Rule):
    min_ratio: float = 0.05
    low: int = 4
    high: int = 10
    name = "rater-balance"
    sets = NMR

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        net = stats.net_min_helpful
        result: BoolArray = (
            (status == CRH)
            & (net >= self.low)
            & (net < self.high)
            & (stats.net_min_ratio < self.min_ratio)
        )
        return result


class InsufficientExplanation(Rule):
    name = "insufficient-explanation"
    sets = NMR

    def fires(self, stats: NoteStats, status: IntArray) -> BoolArray:
        result: BoolArray = ((status == CRH) & ~stats.helpful_tags_ok) | (
            (status == CRNH) & ~stats.not_helpful_tags_ok
        )
        return result


def apply_rules(rules: list[Rule], stats: NoteStats) -> tuple[IntArray, IntArray]:
    """(status code per note, index of the deciding rule per note)."""
    n = len(stats.num_ratings)
    status = np.full(n, NMR, dtype=np.int64)
    decided = np.zeros(n, dtype=np.int64)
    for index, rule in enumerate(rules):
        fired = rule.fires(stats, status)
        status[fired] = rule.sets
        decided[fired] = index
    return status, decided


@dataclass(frozen=True)
class RuleSet:
    name: str
    rules: list[Rule]
    provisional: list[Rule]  # for rater helpfulness, before round two
    penalties: Penalties = field(default_factory=Penalties)
    helpfulness: HelpfulnessRules = field(default_factory=HelpfulnessRules)
    incorrect: IncorrectRules = field(default_factory=IncorrectRules)
    min_note_ratings: int = 5
    min_rater_ratings: int = 10
    final_refit: bool = True  # refit notes with raters frozen, plus pseudo-raters
    tag_outlier_min_total: float = 2.5
    tag_outlier_percentile: float = 95.0
    use_factor: bool = True  # False only to show what the factor term does (ablation)
    description: str = field(default="", compare=False)


def _provisional() -> list[Rule]:
    return [DefaultNMR(), GeneralCRH(), GeneralCRNH(), NotMisleadingCRNH()]


def current_rules() -> RuleSet:
    """The published Core scorer, less the parts that need data or models we do not have."""
    return RuleSet(
        name="current",
        rules=[
            DefaultNMR(),
            GeneralCRH(),
            GeneralCRNH(),
            UpperBoundCRNH(),
            RatioCRNH(),
            NotMisleadingCRNH(),
            Inertia(),
            TagOutlierReject(),
            IncorrectReject(),
            LargeFactor(),
            FirmReject(),
            MinMinorityNetHelpful(),
            RaterBalance(),
            InsufficientExplanation(),
        ],
        provisional=_provisional(),
        description="published Core rules (pseudo-raters, factor bound, net-helpful minimums)",
    )


def core_2022_rules() -> RuleSet:
    """The minimal core of the December 2022 scorer."""
    return RuleSet(
        name="core-2022",
        rules=[
            DefaultNMR(),
            GeneralCRH(),
            GeneralCRNH(),
            NotMisleadingCRNH(),
            Inertia(),
            TagOutlierSuperThreshold(),
            InsufficientExplanation(),
        ],
        provisional=_provisional(),
        final_refit=False,
        tag_outlier_min_total=1.5,
        description="2022-12 minimal core (no pseudo-raters, factor bound or minimums)",
    )


RULE_SETS = {"current": current_rules, "core-2022": core_2022_rules}


def rule_set(name: str) -> RuleSet:
    factory = RULE_SETS.get(name)
    if factory is None:
        raise NoteInputError(
            f"Unknown rule set '{name}'. Use one of: {', '.join(RULE_SETS)} (--rules)."
        )
    return factory()
