"""Which original raters each rating rests on, so agreement is not overstated.

Several lists copy or aggregate others: Lin et al. 2023 aggregate NewsGuard, MBFC, Ad
Fontes Media, professional fact-checkers, Lasser et al. 2022 and the Iffy index; Baly et al.
2018 and most of Burdisso et al. 2024 take their labels from MBFC; FakeNewsCorpus and
hearvox's "opensources" file copy OpenSources. Each rating carries its *roots*; two ratings
are independent only when their roots do not overlap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from factsift.sources.model import StoredRating

# Original raters (roots), in words.
ROOTS: dict[str, str] = {
    "mbfc": "Media Bias/Fact Check",
    "newsguard": "NewsGuard",
    "adfontes": "Ad Fontes Media",
    "factcheckers": "professional fact-checkers (Pennycook & Rand 2019)",
    "lasser2022": "Lasser et al. 2022",
    "iffy": "Iffy index of unreliable sources",
    "opensources": "OpenSources (Zimdars)",
    "buzzfeed": "BuzzFeed News",
    "factcheck-org": "FactCheck.org",
    "fakenewscodex": "The Fake News Codex",
    "fakenewswatch": "Fake News Watch",
    "isitfakenews": "Is It Fake News? (own research)",
    "politifact": "PolitiFact",
    "snopes": "Snopes",
    "cbsnews": "CBS News",
    "wikipedia-fakenews": "Wikipedia: List of fake news websites",
    "wikipedia-rsp": "Wikipedia: Reliable sources/Perennial sources",
    "oii-junknews": "Oxford Internet Institute Junk News Aggregator",
    "idiap-manual": "Burdisso et al. 2024 manual labels",
}

# Per-rater roots inside Lin et al. 2023 (domain_ratings.csv columns).
LIN_RATER_ROOTS: dict[str, tuple[str, ...]] = {
    "adfontes": ("adfontes",),
    "factcheckers": ("factcheckers",),
    "mbfc": ("mbfc",),
    # Lasser et al. built their list from NewsGuard criteria and other lists (MBFC among
    # them); we count it as sharing both roots rather than overstate its independence.
    "lasser2022": ("lasser2022", "newsguard", "mbfc"),
}
LIN_PC1_ROOTS = ("newsguard", "mbfc", "adfontes", "factcheckers", "lasser2022", "iffy")

# Where Is It Fake News? credits a record to another list ("source" column).
ISITFAKENEWS_SOURCES: dict[str, str] = {
    "wikipedia": "wikipedia-fakenews",
    "cbs news": "cbsnews",
    "snopes.com": "snopes",
    "snopes": "snopes",
    "politifact": "politifact",
    "opensources": "opensources",
    "opensources.co": "opensources",
    "isitfakenews research": "isitfakenews",
    "buzzfeed": "buzzfeed",
}

# Burdisso et al. 2024 golden truth: label_source -> roots.
BURDISSO_SOURCES: dict[str, tuple[str, ...]] = {
    "mbfc": ("mbfc",),
    "newsguard": ("newsguard",),
    "wikipedia": ("wikipedia-rsp",),
    "manual": ("idiap-manual",),
}


def root_names(roots: Iterable[str]) -> list[str]:
    return [ROOTS.get(root, root) for root in roots]


@dataclass(frozen=True, slots=True)
class RatingSource:
    """One (list, rater) pair behind some ratings, and the roots it rests on."""

    list_name: str
    rater: str
    roots: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Independence:
    """A set of ratings split into independent lines of evidence."""

    independent: list[RatingSource]  # pairwise without a shared root
    shared: dict[str, list[RatingSource]]  # root -> the sources resting on it (2 or more)
    roots: list[str]  # every root behind the ratings


def independence(ratings: Iterable[StoredRating]) -> Independence:
    """Pick the largest set of rating sources with no root in common (greedy, fewest roots
    first, so a single-rater list is preferred to an aggregate that includes it)."""
    by_source: dict[tuple[str, str], set[str]] = {}
    for rating in ratings:
        if rating.value is None:
            continue  # bias, satire, "unknown": not judgements of reliability
        by_source.setdefault((rating.list_name, rating.rater), set()).update(rating.roots)
    sources = [
        RatingSource(name, rater, tuple(sorted(roots)))
        for (name, rater), roots in by_source.items()
    ]
    # Fewest roots first; among equals, the rater's own list before lists that copy it.
    sources.sort(key=lambda s: (len(s.roots), s.list_name != s.rater, s.list_name, s.rater))
    used: set[str] = set()
    independent: list[RatingSource] = []
    for source in sources:
        if used.isdisjoint(source.roots):
            independent.append(source)
            used.update(source.roots)
    shared: dict[str, list[RatingSource]] = {}
    for source in sources:
        for root in source.roots:
            shared.setdefault(root, []).append(source)
    shared = {root: items for root, items in sorted(shared.items()) if len(items) > 1}
    all_roots = sorted({root for s in sources for root in s.roots})
    return Independence(independent, shared, all_roots)
