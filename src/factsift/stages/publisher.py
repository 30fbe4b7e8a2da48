"""Who published the article: from its URL, else from names the page gives itself."""

from __future__ import annotations

from factsift.article import Article, Cite, Finding, Publisher, PublisherCandidate
from factsift.domains import registered_domain
from factsift.store.base import KnowledgeStore

# Which kinds of name in the text say most reliably who published it.
CANDIDATE_PRIORITY = {"site_name": 0, "copyright": 1, "badge": 2, "byline": 3, "author_box": 4}
UNRESOLVED_CONFIDENCE = 0.5  # a name from the text that no source in the store knows


class PublisherStage:
    name = "publisher"
    requires = ("publisher_candidates",)
    assigns = ("publisher",)

    def __init__(self, store: KnowledgeStore | None) -> None:
        self.store = store

    def __call__(self, article: Article) -> Article:
        url = article.meta.url or article.source.final_url
        if url is None and article.source.kind == "url":
            url = article.source.location
        publisher = self._from_url(article, url) if url else None
        if publisher is None:
            publisher = self._from_text(article)
        article.publisher = publisher
        article.findings.append(_finding(article, publisher))
        return article

    def _from_url(self, article: Article, url: str) -> Publisher | None:
        domain = registered_domain(url)
        if domain is None:
            return None
        match = self.store.source_by_domain(domain) if self.store else None
        name = match.name if match else article.meta.site_name
        return Publisher(
            name=name,
            domain=domain,
            method="url",
            evidence=url,
            source_id=match.source_id if match else None,
        )

    def _from_text(self, article: Article) -> Publisher | None:
        candidates = sorted(
            article.publisher_candidates, key=lambda c: CANDIDATE_PRIORITY.get(c.where, 9)
        )
        if self.store is not None:
            for candidate in candidates:
                matches = self.store.find_sources_by_name(candidate.name)
                if matches:
                    best = matches[0]
                    return _publisher(candidate, best.name, best.domain, best.source_id, best.score)
        if candidates:
            first = candidates[0]
            return _publisher(first, first.name, None, None, UNRESOLVED_CONFIDENCE)
        return None


def _publisher(
    candidate: PublisherCandidate,
    name: str,
    domain: str | None,
    source_id: int | None,
    confidence: float,
) -> Publisher:
    return Publisher(
        name=name,
        domain=domain,
        method=candidate.where,
        evidence=candidate.name,
        evidence_span=candidate.span,
        source_id=source_id,
        confidence=confidence,
    )


def _finding(article: Article, publisher: Publisher | None) -> Finding:
    if publisher is None:
        return Finding(
            kind="publisher_unknown",
            summary="The publisher could not be identified: no URL was given and the text "
            "names no site in a badge, byline, author box or copyright line. Give --url.",
            cites=[Cite(kind="rule", label="no publisher name found in the text")],
        )
    who = publisher.name or publisher.domain or "unknown"
    if publisher.method == "url":
        cite = Cite(kind="url", label=publisher.evidence, url=publisher.evidence)
        how = f"from its address ({publisher.domain})"
    else:
        where = publisher.method.replace("_", " ")
        cite = Cite(
            kind="article", label=f"{where}: {publisher.evidence}", span=publisher.evidence_span
        )
        how = f'from the {where} naming "{publisher.evidence}"'
    resolved = (
        f", known in the store as {publisher.domain}"
        if publisher.domain and publisher.method != "url"
        else ""
    )
    unresolved = (
        "; no source in the store matches this name, so its domain is unknown"
        if publisher.domain is None
        else ""
    )
    return Finding(
        kind="publisher_identified",
        summary=f"Published by {who}, identified {how}{resolved}{unresolved}.",
        cites=[cite],
        confidence=publisher.confidence,
        data={"name": publisher.name, "domain": publisher.domain, "method": publisher.method},
    )
