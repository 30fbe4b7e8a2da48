"""Evidence retrieval helpers and the claim-status rules, without a store."""

from __future__ import annotations

from datetime import date

from factsift.corpus.model import PassageText
from factsift.evidence.retrieval import (
    SourceFilter,
    as_date,
    best_window,
    copies_claim,
    distinct,
    fuse,
    match_terms,
    query_terms,
)
from factsift.evidence.verdict import STRONG, claim_verdict, is_strong


def _passage(text: str, *, start: int = 100, **meta: str | None) -> PassageText:
    fields: dict[str, str | None] = {
        "url": "https://news.example/a",
        "title": "A report",
        "publisher": "Example News",
        "date": "2024-03-01",
    }
    fields.update(meta)
    return PassageText(
        passage_id=7,
        doc_id=3,
        start=start,
        end=start + len(text),
        text=text,
        doc_key=str(fields["url"]),
        url=fields["url"],
        title=fields["title"],
        publisher=fields["publisher"],
        date=fields["date"],
    )


def test_evidence_query_terms_drop_stop_words_and_repeats() -> None:
    terms = query_terms("The dam was completed in 1998, and the dam cost $12 million.")
    assert terms == ["dam", "completed", "1998", "cost", "12", "million"]


def test_evidence_fuse_rewards_items_found_by_both_rankings() -> None:
    fused = [item for item, _ in fuse([1, 2, 3], [3, 4])]
    assert fused[0] == 3  # third lexically, first by vectors: beats a single first place
    assert set(fused) == {1, 2, 3, 4}


def test_evidence_as_date_reads_iso_dates_and_rejects_others() -> None:
    assert as_date("2024-03-14T10:00:00Z") == date(2024, 3, 14)
    assert as_date("2024-02") == date(2024, 2, 1)
    assert as_date("March 2024") is None
    assert as_date("2024-13-40") is None


def test_evidence_source_filter_reasons() -> None:
    rules = SourceFilter(
        article_date=date(2024, 3, 14),
        after_days=7,
        publisher_domains={"thepeoplesvoice.tv"},
        publisher_names={"peoplesvoice"},
        copied_docs={9},
    )
    assert rules.reason(_passage("x")) is None
    assert rules.reason(_passage("x", date="2024-03-21")) is None  # within 7 days after
    assert rules.reason(_passage("x", date="2024-03-22")) == "after_article"
    assert rules.reason(_passage("x", date=None)) is None  # undated documents are kept
    assert rules.reason(_passage("x", url="https://www.thepeoplesvoice.tv/x")) == ("same_publisher")
    assert rules.reason(_passage("x", publisher="The People's Voice")) == "same_publisher"
    copied = PassageText(1, 9, 0, 1, "x", "k", None, None, None, None)
    assert rules.reason(copied) == "copy"


def test_evidence_best_window_picks_the_sentences_about_the_claim_with_document_offsets() -> None:
    text = (
        "Bridge works delayed\n\n"
        "Forecasters expect rain. The Harbor Bridge repairs will not be finished before June, "
        "officials said. Farmers were pleased."
    )
    passage = _passage(text, start=500)
    window = best_window(
        set(query_terms("The Harbor Bridge repairs were finished in May.")), passage
    )
    assert window.text.startswith("The Harbor Bridge repairs will not be finished")
    assert window.text.endswith("officials said.")
    # Offsets point into the document: the passage starts at 500 in its document.
    local = text.index("The Harbor Bridge")
    assert (window.start, window.end) == (500 + local, 500 + local + len(window.text))


def test_evidence_copies_claim_and_distinct() -> None:
    claim = match_terms("The Harbor Bridge repairs were completed in February.")
    same = best_window(claim, _passage("The Harbor Bridge repairs were completed in February."))
    other = best_window(claim, _passage("Harbor Bridge repairs will not end before June."))
    assert copies_claim(claim, same)
    assert not copies_claim(claim, other)
    assert distinct([same, other, same]) == [same, other]


def test_evidence_verdict_needs_strong_passages_from_two_documents() -> None:
    assert claim_verdict([]) is None
    # One document is never enough, however confident.
    assert claim_verdict([("refutes", 0.99, 1), ("refutes", 0.98, 1)]) is None
    assert claim_verdict([("refutes", STRONG - 0.01, 1), ("refutes", 0.9, 2)]) is None
    refuted = claim_verdict(
        [("refutes", 0.93, 1), ("not enough info", 0.9, 3), ("refutes", 0.7, 2)]
    )
    assert refuted is not None and refuted.status == "refuted" and refuted.passages == [0, 2]
    supported = claim_verdict([("supports", 0.85, 4), ("supports", 0.81, 5)])
    assert supported is not None and supported.status == "supported"
    # A strong passage the other way blocks the status (not consistent) ...
    assert claim_verdict([("supports", 0.9, 1), ("supports", 0.9, 2), ("refutes", 0.7, 3)]) is None
    # ... unless that side is corroborated too: then the claim is disputed.
    both = [("supports", 0.9, 1), ("supports", 0.9, 2), ("refutes", 0.8, 3), ("refutes", 0.7, 4)]
    disputed = claim_verdict(both)
    assert disputed is not None and disputed.status == "disputed"
    assert claim_verdict([("refutes", 0.95, 1)], min_sources=1) is not None
    assert not is_strong("not enough info", 0.99)


def test_evidence_best_window_prefers_a_sentence_to_a_headline() -> None:
    text = "Barrier cost rises\n\nThe barrier will cost 61 million euros, the water authority said."
    window = best_window(match_terms("The barrier will cost 48 million euros."), _passage(text))
    assert window.text.startswith("The barrier will cost 61 million")
