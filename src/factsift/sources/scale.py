"""The one normalised scale of source ratings.

Every rating keeps its raw label or score; ``value`` puts it on one scale from 0 (least
reliable) to 1 (most reliable), so lists can be compared. Anchors:

    0.0   fabricated news, hoaxes (a "fake" label, MBFC factual "very low")
    0.2   low factual reporting; conspiracy, junk science, hate
    0.35  flagged as unreliable, extreme bias or misleading without a stronger label
    0.5   mixed factual reporting
    0.7   mostly factual; "political" (verifiable, but one-sided)
    0.85  high factual reporting; "reliable"
    1.0   very high factual reporting

Numeric scores are rescaled linearly (NewsGuard 0..100 -> /100; Lin et al. already 0..1).
Labels that say nothing about reliability (a political bias, "satire", "unknown") get no
value (``None``) and are shown with their raw label only. A list that only names unreliable
sites says nothing about sites it leaves out.
"""

from __future__ import annotations

# MBFC factual reporting, and the same labels in Baly et al. 2018 and Burdisso et al. 2024.
FACTUAL = {
    "very-low": 0.0,
    "very low": 0.0,
    "low": 0.2,
    "mixed": 0.5,
    "mostly-factual": 0.7,
    "mostly factual": 0.7,
    "high": 0.85,
    "very-high": 1.0,
    "very high": 1.0,
}

# MBFC's overall credibility rating.
CREDIBILITY = {
    "low-credibility": 0.15,
    "low credibility": 0.15,
    "medium-credibility": 0.5,
    "medium credibility": 0.5,
    "high-credibility": 0.85,
    "high credibility": 0.85,
}

# OpenSources types (also used by FakeNewsCorpus, hearvox's copies, Fake News Codex,
# Fake News Watch, Is It Fake News?). The most severe type of a site wins.
FLAG_TYPES = {
    "fake": 0.0,
    "fake-hoax": 0.0,
    "fake news": 0.0,
    "hoax": 0.0,
    "imposter site": 0.0,
    "imposter": 0.0,
    "fake or satirical": 0.1,
    "conspiracy": 0.2,
    "junksci": 0.2,
    "hate": 0.2,
    "rumor": 0.2,
    "some fake stories": 0.2,
    "unreliable": 0.35,
    "unrealiable": 0.35,  # sic, in OpenSources
    "misleading": 0.35,
    "warning": 0.35,
    "bias": 0.35,
    "clickbait": 0.35,
    "state": 0.35,
    "junk news": 0.2,
    "political": 0.7,
    "reliable": 0.85,
}
NO_VALUE_TYPES = frozenset({"satire", "satirical", "parody site", "parody", "unknown", "", "blog"})

# Burdisso et al. 2024 golden truth labels (from MBFC, NewsGuard, Wikipedia RSP, manual).
BURDISSO_LABELS = {1: 0.85, 0: 0.5, -1: 0.15, -2: 0.0}


def flag_value(types: list[str]) -> tuple[float | None, str]:
    """Value of a site's list types (most severe wins) and the normalised label used."""
    known = [(FLAG_TYPES[t], t) for t in (x.strip().lower() for x in types) if t in FLAG_TYPES]
    if not known:
        return None, ", ".join(t for t in types if t) or "listed"
    value, label = min(known)
    return value, label


def clamp01(value: float) -> float:
    return min(1.0, max(0.0, value))
