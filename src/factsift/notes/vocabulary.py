"""The fixed words of notes and ratings: helpfulness levels, reasons and tags.

Names follow the public Community Notes data (``helpfulGoodSources``,
``misleadingFactualError``...), so an imported dump and a note added here use the same
words. The command line accepts them in any case, with or without the prefix and with
dashes (``good-sources``, ``GoodSources``, ``helpfulGoodSources``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from factsift.notes.errors import NoteInputError


class Helpfulness(StrEnum):
    HELPFUL = "helpful"
    SOMEWHAT_HELPFUL = "somewhat_helpful"
    NOT_HELPFUL = "not_helpful"

    @property
    def value_num(self) -> float:
        """The number the scorer fits: 1, 0.5 or 0 (``helpfulNum`` in the published code)."""
        return _HELPFUL_NUM[self]


_HELPFUL_NUM = {
    Helpfulness.HELPFUL: 1.0,
    Helpfulness.SOMEWHAT_HELPFUL: 0.5,
    Helpfulness.NOT_HELPFUL: 0.0,
}


class Classification(StrEnum):
    MISLEADING = "misleading"
    NOT_MISLEADING = "not_misleading"


class NoteStatus(StrEnum):
    HELPFUL = "helpful"
    NOT_HELPFUL = "not_helpful"
    NEEDS_MORE_RATINGS = "needs_more_ratings"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


# Explanation tags in tie-break order: on equal counts the earlier (rarer) tag wins.
HELPFUL_TAGS: tuple[str, ...] = (
    "helpfulUnbiasedLanguage",
    "helpfulUniqueContext",
    "helpfulEmpathetic",
    "helpfulGoodSources",
    "helpfulAddressesClaim",
    "helpfulImportantContext",
    "helpfulClear",
    "helpfulInformative",
    "helpfulOther",
)
# ``notHelpfulArgumentativeOrInflammatory`` was renamed ``...OrBiased`` on 2021-12-15 (same
# question): both read as the new name. ``IrrelevantSources`` is not in the published
# tie-break list; it is placed before ``Other``.
NOT_HELPFUL_TAGS: tuple[str, ...] = (
    "notHelpfulOutdated",
    "notHelpfulSpamHarassmentOrAbuse",
    "notHelpfulHardToUnderstand",
    "notHelpfulOffTopic",
    "notHelpfulIncorrect",
    "notHelpfulArgumentativeOrBiased",
    "notHelpfulNoteNotNeeded",
    "notHelpfulMissingKeyPoints",
    "notHelpfulOpinionSpeculation",
    "notHelpfulSourcesMissingOrUnreliable",
    "notHelpfulOpinionSpeculationOrBias",
    "notHelpfulIrrelevantSources",
    "notHelpfulOther",
)
TAGS: tuple[str, ...] = HELPFUL_TAGS + NOT_HELPFUL_TAGS
TAG_BIT = {tag: 1 << i for i, tag in enumerate(TAGS)}
HELPFUL_MASK = sum(TAG_BIT[t] for t in HELPFUL_TAGS)
NOT_HELPFUL_MASK = sum(TAG_BIT[t] for t in NOT_HELPFUL_TAGS)
TAG_ALIASES = {"notHelpfulArgumentativeOrInflammatory": "notHelpfulArgumentativeOrBiased"}

MISLEADING_REASONS: tuple[str, ...] = (
    "misleadingFactualError",
    "misleadingManipulatedMedia",
    "misleadingOutdatedInformation",
    "misleadingMissingImportantContext",
    "misleadingUnverifiedClaimAsFact",
    "misleadingSatire",
    "misleadingOther",
)
NOT_MISLEADING_REASONS: tuple[str, ...] = (
    "notMisleadingFactuallyCorrect",
    "notMisleadingOutdatedButNotWhenWritten",
    "notMisleadingClearlySatire",
    "notMisleadingPersonalOpinion",
    "notMisleadingOther",
)
REASONS = MISLEADING_REASONS + NOT_MISLEADING_REASONS

_NOT_LETTERS = re.compile(r"[^a-z]")


def _key(text: str) -> str:
    return _NOT_LETTERS.sub("", text.lower())


def parse_helpfulness(text: str) -> Helpfulness:
    """``helpful``, ``somewhat`` / ``somewhat-helpful``, ``not-helpful`` (any case)."""
    key = _key(text)
    for level in Helpfulness:
        if key == _key(level.value):
            return level
    if key in {"somewhat", "partly"}:
        return Helpfulness.SOMEWHAT_HELPFUL
    if key in {"no", "unhelpful"}:
        return Helpfulness.NOT_HELPFUL
    if key == "yes":
        return Helpfulness.HELPFUL
    raise NoteInputError(
        f"Unknown helpfulness '{text}'. Use helpful, somewhat-helpful or not-helpful."
    )


def parse_classification(text: str) -> Classification:
    key = _key(text)
    if key in {"misleading", "misinformedorpotentiallymisleading"}:
        return Classification.MISLEADING
    if key == "notmisleading":
        return Classification.NOT_MISLEADING
    raise NoteInputError(f"Unknown classification '{text}'. Use misleading or not-misleading.")


def _short(name: str, prefixes: tuple[str, ...]) -> str:
    """The name's key without its first matching prefix (prefixes given as keys)."""
    key = _key(name)
    for prefix in prefixes:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def parse_tags(texts: Iterable[str], helpfulness: Helpfulness) -> tuple[str, ...]:
    """Tag names as given on the command line, checked against the helpfulness level.

    Helpful tags go with helpful ratings, not-helpful tags with not-helpful ones, and a
    somewhat-helpful rating may carry both (as in the rating form). A bare ``other`` is
    resolved by the level; on a somewhat-helpful rating it must be spelled out.
    """
    allowed: tuple[str, ...]
    if helpfulness is Helpfulness.HELPFUL:
        allowed = HELPFUL_TAGS
    elif helpfulness is Helpfulness.NOT_HELPFUL:
        allowed = NOT_HELPFUL_TAGS
    else:
        allowed = TAGS
    found: list[str] = []
    for text in texts:
        tag = _resolve(text, allowed)
        if tag not in found:
            found.append(tag)
    return tuple(sorted(found, key=TAGS.index))


def _resolve(text: str, allowed: tuple[str, ...]) -> str:
    key = _key(text)
    names = {tag: tag for tag in TAGS} | TAG_ALIASES
    exact = {names[n] for n in names if _key(n) == key}
    short = {names[n] for n in names if _short(n, ("nothelpful", "helpful")) == key}
    candidates = sorted(exact or ({t for t in short if t in allowed} or short), key=TAGS.index)
    listing = ", ".join(_dash(t) for t in allowed)
    if not candidates:
        raise NoteInputError(f"Unknown rating tag '{text}'. Use one of: {listing}.")
    if len(candidates) > 1:
        spelled = " or ".join(_dash(t, full=True) for t in candidates)
        raise NoteInputError(f"Rating tag '{text}' is ambiguous here. Write {spelled}.")
    tag = candidates[0]
    if tag not in allowed:
        raise NoteInputError(
            f"Rating tag '{text}' does not go with this helpfulness. Use one of: {listing}."
        )
    return tag


def parse_reasons(texts: Iterable[str], classification: Classification) -> tuple[str, ...]:
    """Reasons for the classification (``factual-error``, ``missing-important-context``...)."""
    allowed = (
        MISLEADING_REASONS
        if classification is Classification.MISLEADING
        else NOT_MISLEADING_REASONS
    )
    prefixes = ("notmisleading", "misleading")
    found: list[str] = []
    for text in texts:
        key = _key(text)
        matches = [r for r in allowed if key in {_key(r), _short(r, prefixes)}]
        if not matches:
            names = ", ".join(_dash(r) for r in allowed)
            raise NoteInputError(
                f"Unknown reason '{text}' for a {classification.value.replace('_', '-')} "
                f"note. Use one of: {names}."
            )
        if matches[0] not in found:
            found.append(matches[0])
    if not found:
        names = ", ".join(_dash(r) for r in allowed)
        raise NoteInputError(f"A note needs at least one --reason. Use one of: {names}.")
    return tuple(sorted(found, key=REASONS.index))


def _dash(name: str, *, full: bool = False) -> str:
    """``helpfulGoodSources`` -> ``good-sources`` (``helpful-good-sources`` when full)."""
    if not full:
        for prefix in ("notHelpful", "helpful", "notMisleading", "misleading"):
            if name.startswith(prefix):
                name = name[len(prefix) :]
                break
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def tag_names(mask: int) -> tuple[str, ...]:
    return tuple(tag for tag in TAGS if mask & TAG_BIT[tag])


def tag_mask(tags: Iterable[str]) -> int:
    mask = 0
    for tag in tags:
        bit = TAG_BIT.get(TAG_ALIASES.get(tag, tag))
        if bit is not None:
            mask |= bit
    return mask


def display_tag(tag: str) -> str:
    """``helpfulGoodSources`` -> ``good sources``: how tags read in a listing."""
    return _dash(tag).replace("-", " ")
