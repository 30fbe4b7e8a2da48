"""Issue 3 acceptance: the People's Voice article about Tikrit (read from ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsift.article import Article, Attribution, AttributionKind, SourceInfo
from factsift.language import LanguageStage


@pytest.fixture(scope="module")
def article(acceptance_path: Path) -> Article:
    text = acceptance_path.read_text(encoding="utf-8")
    return LanguageStage()(Article(text=text, source=SourceInfo(kind="file")))


def _at(article: Article, words: str) -> Attribution:
    index = next(i for i, s in enumerate(article.sentences) if words in s.text)
    found = [a for a in article.attributions if a.sentence == index]
    assert len(found) == 1, f"sentence {index} has {found}"
    return found[0]


def _cue(article: Article, attribution: Attribution) -> str:
    assert attribution.cue_span is not None
    return article.span_text(attribution.cue_span)


def test_acceptance_badge_is_self_applied(article: Article) -> None:
    assert len(article.badges) == 1
    badge = article.badges[0]
    assert badge.text == "Fact checked by The People's Voice Community"
    assert badge.claimed_by == "The People's Voice Community"
    assert badge.self_applied
    assert ("The People's Voice", "badge") in [
        (c.name, c.where) for c in article.publisher_candidates
    ]


def test_acceptance_author_box(article: Article) -> None:
    box = article.author_box
    assert box is not None
    assert (box.name, box.article_count) == ("Niamh Harris", 14992)
    assert box.description is not None
    assert box.description.startswith("I am an alternative health practitioner")


def test_acceptance_headline_is_not_merged(article: Article) -> None:
    assert (
        article.sentences[0].text == "Iran Backs Iraq Military Campaign to Reclaim Tikrit From ISIS"
    )
    assert any(s.text == "The Operation to retake Tikrit began yesterday (Monday)"
               for s in article.sentences)  # fmt: skip


def test_acceptance_anonymous_military_official(article: Article) -> None:
    attribution = _at(article, "supplying drones")
    assert attribution.kind is AttributionKind.ANONYMOUS
    assert attribution.source == "a US military official"
    assert _cue(article, attribution) == "According to"


def test_acceptance_fars_news_agency(article: Article) -> None:
    attribution = _at(article, "Qasem Soleimani")
    assert attribution.kind is AttributionKind.NEWS_OUTLET
    assert attribution.source == "the Fars news agency"
    assert attribution.cue == "reported"


def test_acceptance_wsj_report_carried_over_following_paragraphs(article: Article) -> None:
    lead = _at(article, "The WSJ report:")
    assert (lead.kind, lead.source, lead.cue) == (AttributionKind.NEWS_OUTLET, "The WSJ", "report:")
    for words in ("new spotlight", "Tehran has wielded", "In general, when Shiite",
                  "Having an overwhelmingly", "hasn’t conducted airstrikes"):  # fmt: skip
        carried = _at(article, words)
        assert (carried.kind, carried.source, carried.carried_from) == (
            AttributionKind.NEWS_OUTLET,
            "The WSJ",
            lead.sentence,
        ), words


def test_acceptance_col_warren_named_spokesman(article: Article) -> None:
    attribution = _at(article, "Col. Steve Warren")
    assert attribution.kind is AttributionKind.NAMED_PERSON
    assert attribution.source == "Col. Steve Warren"
    assert attribution.role == "a Defense Department spokesman"
    assert attribution.cue == "said"
    quoted = _at(article, "Our presence in Iraq")
    assert quoted.kind is AttributionKind.NAMED_PERSON and quoted.carried_from is not None
    refused = _at(article, "wouldn’t comment")
    assert (refused.source, refused.cue) == ("Col. Warren", "wouldn’t comment")


def test_acceptance_us_officials_inner_attribution_wins(article: Article) -> None:
    according = _at(article, "steered clear")
    assert (according.kind, according.source, according.cue, according.carried_from) == (
        AttributionKind.ANONYMOUS,
        "U.S. officials",
        "according to",
        None,
    )
    said = _at(article, "key reasons")
    assert (said.kind, said.source, said.cue) == (
        AttributionKind.ANONYMOUS,
        "U.S. officials",
        "said",
    )


def test_acceptance_spans_point_into_the_text(article: Article) -> None:
    for attribution in article.attributions:
        for span in (attribution.source_span, attribution.cue_span, attribution.role_span):
            if span is not None:
                assert 0 <= span.start < span.end <= len(article.text)
        if attribution.source_span is not None:
            assert article.span_text(attribution.source_span) == attribution.source
    for quote in article.quotes:
        assert article.span_text(quote.span) == quote.text
