"""Prior fact-checks: match each claim of the article to fact-checks in the store.

One "previously_fact_checked" finding per claim whose best match scores at or above the
re-ranker's threshold (the documented "same claim" threshold). Each finding cites the
fact-check(s) and the claim's span in the article. Every claim's top candidates, matched or
not, go to ``article.extras["factchecks"]``. Without a store, or with no fact-checks in it,
the stage adds no finding and says so in the extras instead.
"""

from __future__ import annotations

import re
from typing import Any

from factsift.article import Article, Cite, Finding
from factsift.factchecks.models import FactCheckMatch
from factsift.ingest.dates import first_iso_date
from factsift.store.base import KnowledgeStore

TOP_K = 3
_QUOTES = re.compile(r"[\"'“”‘’`]")


def predates(factcheck_date: str | None, article_date: str | None) -> bool | None:
    """True if the fact-check is older than the article; None when a date is missing."""
    checked, published = first_iso_date(factcheck_date), first_iso_date(article_date)
    if checked is None or published is None:
        return None
    return checked <= published


def match_data(match: FactCheckMatch, article_date: str | None) -> dict[str, Any]:
    fc = match.factcheck
    return {
        "store_id": fc.id,
        "claim": fc.claim,
        "claimant": fc.claimant,
        "verdict": str(fc.verdict),
        "rating": fc.rating,
        "publisher": fc.publisher,
        "date": fc.date,
        "url": fc.url,
        "title": fc.title,
        "collection": fc.collection,
        "score": match.score,
        "same_claim": match.same_claim,
        "predates_article": predates(fc.date, article_date),
    }


def _label(match: FactCheckMatch) -> str:
    fc = match.factcheck
    rating = fc.rating or str(fc.verdict)
    return f"{fc.publisher or 'Unknown publisher'}: {rating}"


class FactChecksStage:
    """Finds prior fact-checks of the article's claims."""

    name = "factchecks"
    requires = ("claims",)
    assigns = ("factchecks",)

    def __init__(self, store: KnowledgeStore | None, k: int = TOP_K) -> None:
        self.store = store
        self.k = k

    def __call__(self, article: Article) -> Article:
        section: dict[str, Any] = {"status": "ok", "fact_checks_searched": 0, "claims": []}
        article.extras["factchecks"] = section
        if self.store is None:
            section["status"] = "no_store"
            section["note"] = "No knowledge store was opened: prior fact-checks were not searched."
            return article
        count = self.store.factcheck_count()
        section["fact_checks_searched"] = count
        if count == 0:
            section["status"] = "empty"
            section["note"] = (
                "The knowledge store holds no fact-checks: prior fact-checks were not searched. "
                "Import some with 'factsift kb import'."
            )
            return article
        if not article.claims:
            return article
        results = self.store.search_factchecks_many(
            [c.text for c in article.claims], self.k, article.meta.date
        )
        for index, matches in enumerate(results):
            matches = _distinct(matches)
            section["claims"].append(
                {
                    "claim": index,
                    "matches": [match_data(m, article.meta.date) for m in matches],
                }
            )
            same = [m for m in matches if m.same_claim]
            if same:
                article.findings.append(self._finding(article, index, same))
        section["matched_claims"] = sum(
            1 for item in section["claims"] if any(m["same_claim"] for m in item["matches"])
        )
        return article

    def _finding(self, article: Article, index: int, same: list[FactCheckMatch]) -> Finding:
        claim = article.claims[index]
        best = same[0]
        fc = best.factcheck
        when = predates(fc.date, article.meta.date)
        timing = {
            True: "before the article",
            False: "after the article",
            None: "date relative to the article unknown",
        }[when]
        rating = f"{fc.rating} ({fc.verdict})" if fc.rating else "no rating recorded"
        summary = (
            f"Previously fact-checked by {fc.publisher or 'an unknown publisher'} "
            f'({fc.date or "undated"}, {timing}): "{fc.claim}" — {rating}.'
        )
        cites = [
            Cite("factcheck", _label(m), url=m.factcheck.url, ref=str(m.factcheck.id)) for m in same
        ]
        cites.append(Cite("article", "the claim in the article", span=claim.span))
        data = match_data(best, article.meta.date)
        data["other_matches"] = [match_data(m, article.meta.date) for m in same[1:]]
        return Finding(
            kind="previously_fact_checked",
            summary=summary,
            cites=cites,
            claim=index,
            confidence=best.score,
            data=data,
        )


def _distinct(matches: list[FactCheckMatch]) -> list[FactCheckMatch]:
    """Drop repeats of one fact-check imported twice (same claim up to quotes and case)."""
    seen: set[str] = set()
    out = []
    for match in matches:
        key = _QUOTES.sub("", " ".join(match.factcheck.claim.lower().split()))
        if key not in seen:
            seen.add(key)
            out.append(match)
    return out
