"""Matching and the stage: hybrid search in a small store, findings with cites, no store."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsift.article import Article, Claim, Sentence, SourceInfo, Span
from factsift.factchecks.importers import run_import
from factsift.factchecks.matching import ClaimMatcher
from factsift.factchecks.models import FactCheck
from factsift.factchecks.verdicts import Verdict
from factsift.stages.factchecks import FactChecksStage, predates
from factsift.store.base import KnowledgeStore, open_store

RECORDS = [
    FactCheck(
        key="https://check.example/5g",
        collection="test",
        claim="5G cell towers spread the coronavirus.",
        title="Do 5G Towers Spread COVID-19?",
        rating="pants-fire",
        verdict=Verdict.FALSE,
        publisher="PolitiFact",
        url="https://check.example/5g",
        review_date="2020-04-10",
    ),
    FactCheck(
        key="https://check.example/wall",
        collection="test",
        claim="Mexico paid for the border wall.",
        title="Did Mexico Pay for the Wall?",
        rating="false",
        verdict=Verdict.FALSE,
        publisher="Snopes",
        url="https://check.example/wall",
    ),
    FactCheck(
        key="https://check.example/jobs",
        collection="test",
        claim="The unemployment rate for veterans is lower than for the general population.",
        rating="mostly-true",
        verdict=Verdict.MOSTLY_TRUE,
        publisher="PolitiFact",
        url="https://check.example/jobs",
        review_date="2012-10-25",
    ),
    FactCheck(
        key="https://check.example/moon",
        collection="test",
        claim="The moon landing in 1969 was filmed in a Hollywood studio.",
        publisher="Snopes",
        url="https://check.example/moon",
    ),
    FactCheck(
        key="https://check.example/bees",
        collection="test",
        claim="Bees are going extinct because of pesticides.",
        publisher="Snopes",
        url="https://check.example/bees",
    ),
]


@pytest.fixture()
def store(kb_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KnowledgeStore:
    monkeypatch.setenv("FACTSIFT_CACHE", str(tmp_path / "cache"))
    opened = open_store(kb_path)
    run_import(opened, "test", RECORDS, show_progress=False)
    return opened


def _article(sentences: list[str], date: str | None = None) -> Article:
    text = " ".join(sentences)
    article = Article(text=text, source=SourceInfo("text"))
    article.meta.date = date
    start = 0
    for i, sentence in enumerate(sentences):
        span = Span(start, start + len(sentence))
        article.sentences.append(Sentence(span, sentence))
        article.claims.append(Claim(sentence=i, span=span, text=sentence))
        start += len(sentence) + 1
    article.assigned.update({"sentences", "claims"})
    return article


def test_matching_finds_paraphrase_first(store: KnowledgeStore) -> None:
    matches = store.search_factchecks("Coronavirus is being spread by the new 5G towers", 3)
    assert matches[0].factcheck.url == "https://check.example/5g"
    assert matches[0].same_claim
    assert matches[0].score > matches[1].score


def test_matching_unrelated_text_is_not_the_same_claim(store: KnowledgeStore) -> None:
    matches = store.search_factchecks("The city council approved a budget for new parks.", 3)
    assert not any(m.same_claim for m in matches)


def test_factchecks_stage_adds_finding_with_cites(store: KnowledgeStore) -> None:
    article = _article(
        [
            "The mayor opened a new library on Monday morning.",
            "Veterans now have a lower unemployment rate than the general population.",
        ],
        date="2013-01-05",
    )
    FactChecksStage(store)(article)
    findings = [f for f in article.findings if f.kind == "previously_fact_checked"]
    assert len(findings) == 1
    finding = findings[0]
    assert finding.claim == 1
    kinds = [c.kind for c in finding.cites]
    assert kinds[0] == "factcheck" and "article" in kinds
    factcheck_cite = finding.cites[0]
    assert factcheck_cite.url == "https://check.example/jobs"
    assert factcheck_cite.label == "PolitiFact: mostly-true"
    assert factcheck_cite.ref is not None and factcheck_cite.ref.isdigit()
    assert finding.cites[-1].span == article.claims[1].span
    assert finding.data["verdict"] == "mostly_true"
    assert finding.data["rating"] == "mostly-true"
    assert finding.data["predates_article"] is True
    section = article.extras["factchecks"]
    assert section["status"] == "ok" and section["matched_claims"] == 1
    assert len(section["claims"]) == 2


def test_factchecks_stage_without_store_says_so() -> None:
    article = _article(["Mexico paid for the border wall, he said."])
    FactChecksStage(None)(article)
    assert article.findings == []
    assert article.extras["factchecks"]["status"] == "no_store"


def test_factchecks_stage_with_empty_store_says_so(kb_path: Path) -> None:
    article = _article(["Mexico paid for the border wall, he said."])
    with open_store(kb_path) as empty:
        FactChecksStage(empty)(article)
    assert article.findings == []
    assert article.extras["factchecks"]["status"] == "empty"


def test_factchecks_predates_needs_both_dates() -> None:
    assert predates("2020-01-01", "2020-06-01T10:00:00") is True
    assert predates("2021-01-01", "2020-06-01") is False
    assert predates(None, "2020-06-01") is None
    assert predates("2020-01-01", None) is None


def test_matching_splits_one_case_hashtags_into_indexed_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTSIFT_CACHE", str(tmp_path / "cache"))
    matcher = ClaimMatcher.from_records(RECORDS)
    cleaned, _ = matcher.encode_queries(["Who paid? #mexicowall @beesextinct #qqzzxxvv"])
    assert cleaned == ["Who paid? mexico wall bees extinct qqzzxxvv"]
