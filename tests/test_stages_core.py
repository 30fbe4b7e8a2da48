"""Publisher, claims and assess stages on hand-built articles (no language model needed)."""

from __future__ import annotations

from pathlib import Path

from factsift.article import (
    Article,
    Attribution,
    AttributionKind,
    AuthorBox,
    Badge,
    Entity,
    Metadata,
    PublisherCandidate,
    Sentence,
    SourceInfo,
    Span,
)
from factsift.stages.assess import AssessStage
from factsift.stages.claims import ClaimsStage
from factsift.stages.publisher import PublisherStage
from factsift.store import open_store

TEXT = (
    "Fact checked by The Lantern Ledger Community\n"
    "Officials said the council sold the dam for 4 million dollars last week.\n"
    "The mayor of Riverton said the sale followed every rule of the town.\n"
    "Is this the end of the town as we know it?\n"
    "About Tom Avery 8210 Articles\n"
)


def _article(url: str | None = None) -> Article:
    article = Article(text=TEXT, source=SourceInfo(kind="text"), meta=Metadata(url=url))
    offset = 0
    for line in TEXT.splitlines(keepends=True):
        body = line.rstrip("\n")
        article.sentences.append(Sentence(Span(offset, offset + len(body)), body))
        offset += len(line)
    s = article.sentences
    badge_span = s[0].span
    article.badges = [
        Badge(badge_span, s[0].text, "Fact checked by", "The Lantern Ledger Community")
    ]
    article.author_box = AuthorBox(s[4].span, "Tom Avery", 8210)
    start = TEXT.index("Riverton")
    article.entities = [Entity(Span(start, start + 8), "Riverton", "GPE")]
    article.attributions = [
        Attribution(
            1,
            AttributionKind.ANONYMOUS,
            "Officials",
            Span(s[1].span.start, s[1].span.start + 9),
            "said",
        ),
        Attribution(2, AttributionKind.NAMED_PERSON, "The mayor of Riverton", None, "said"),
    ]
    name_start = TEXT.index("The Lantern Ledger")
    article.publisher_candidates = [
        PublisherCandidate("The Lantern Ledger", "badge", Span(name_start, name_start + 18))
    ]
    article.assigned |= {
        "sentences",
        "entities",
        "quotes",
        "attributions",
        "badges",
        "author_box",
        "publisher_candidates",
    }
    return article


def _run(article: Article, kb: Path | None) -> Article:
    store = open_store(kb) if kb else None
    try:
        for stage in (PublisherStage(store), ClaimsStage(), AssessStage()):
            article = stage(article)
            article.assigned.update(stage.assigns)
    finally:
        if store:
            store.close()
    return article


def test_publisher_from_text_resolves_through_store(kb_path: Path) -> None:
    with open_store(kb_path) as store, store.transaction():
        store.add_source("lanternledger.example", "Lantern Ledger", [], "test")  # type: ignore[attr-defined]
    article = _run(_article(), kb_path)
    assert article.publisher is not None
    assert article.publisher.domain == "lanternledger.example"
    assert article.publisher.method == "badge"


def test_publisher_from_text_without_store_match_says_domain_unknown(kb_path: Path) -> None:
    article = _run(_article(), kb_path)
    assert article.publisher is not None and article.publisher.domain is None
    finding = next(f for f in article.findings if f.kind == "publisher_identified")
    assert "domain is unknown" in finding.summary


def test_publisher_from_url_wins_over_text(kb_path: Path) -> None:
    article = _run(_article("https://www.lanternledger.example/story"), kb_path)
    assert article.publisher is not None
    assert (article.publisher.method, article.publisher.domain) == ("url", "lanternledger.example")


def test_claims_skip_badges_author_box_and_questions() -> None:
    article = _run(_article(), None)
    texts = [c.text for c in article.claims]
    assert texts == [article.sentences[1].text, article.sentences[2].text]
    assert article.claims[0].attribution == 0


def test_assess_reports_badge_as_self_applied_and_claims_without_evidence() -> None:
    article = _run(_article(), None)
    kinds = [f.kind for f in article.findings]
    assert "self_applied_badge" in kinds
    assert all(c.status == "not_enough_evidence" for c in article.claims)
    share = next(f for f in article.findings if f.kind == "anonymous_source_share")
    assert share.data["anonymous"] == 1 and share.data["claims"] == 2
    assert all(f.cites for f in article.findings)
