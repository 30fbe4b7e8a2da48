"""Acceptance: a rewritten copy of a report is traced to the original through the stage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factsift.article import Article, Metadata, Quote, SourceInfo, Span
from factsift.corpus.importer import import_corpus
from factsift.stages.trace import TraceStage
from factsift.store.base import KnowledgeStore, open_store
from trace_fixtures import (
    COPY,
    COPY_DATE,
    COPY_PUBLISHER,
    COPY_TITLE,
    COPY_URL,
    FRAMING,
    ORIGINAL,
    ORIGINAL_DATE,
    ORIGINAL_PUBLISHER,
    ORIGINAL_TITLE,
    ORIGINAL_URL,
    QUOTE,
    UNRELATED,
)


def _article(text: str, title: str | None = None, url: str | None = None) -> Article:
    article = Article(
        text=text,
        source=SourceInfo(kind="text"),
        meta=Metadata(title=title, url=url, date=COPY_DATE),
    )
    start = text.find(QUOTE)
    if start >= 0:
        article.quotes.append(Quote(Span(start, start + len(QUOTE)), QUOTE, sentence=0))
    article.assigned.update({"sentences", "quotes"})
    return article


def _records() -> list[dict[str, str]]:
    return [
        {
            "url": ORIGINAL_URL,
            "title": ORIGINAL_TITLE,
            "text": ORIGINAL,
            "date": ORIGINAL_DATE,
            "publisher": ORIGINAL_PUBLISHER,
        },
        {
            "url": COPY_URL,
            "title": COPY_TITLE,
            "text": COPY,
            "date": COPY_DATE,
            "publisher": COPY_PUBLISHER,
        },
        {
            "url": "https://alvern.test/cheese",
            "title": "Cheese market",
            "text": UNRELATED,
            "date": "2025-01-02",
        },
    ]


@pytest.fixture()
def corpus_store(tmp_path: Path) -> KnowledgeStore:
    source = tmp_path / "corpus.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in _records()), encoding="utf-8")
    store = open_store(tmp_path / "kb.sqlite3")
    import_corpus(store, source)
    return store


def test_trace_stage_names_original_as_origin_of_rewritten_copy(
    corpus_store: KnowledgeStore,
) -> None:
    article = TraceStage(corpus_store)(_article(COPY, COPY_TITLE, COPY_URL))
    section = article.extras["trace"]
    assert section["status"] == "copied"
    assert section["origin"]["url"] == ORIGINAL_URL
    assert section["origin"]["publisher"] == ORIGINAL_PUBLISHER
    # Everything but the framing paragraph is copied: the share is the copy's body.
    body = len(COPY) - len(FRAMING)
    assert section["copied_share"] == pytest.approx(body / len(COPY), abs=0.05)
    kinds = {f.kind for f in article.findings}
    assert {"copied_passage", "unsourced_text", "headline_changed", "quote_origin"} <= kinds
    copied = [f for f in article.findings if f.kind == "copied_passage"]
    for finding in copied:
        cite_kinds = {c.kind for c in finding.cites}
        assert cite_kinds == {"document", "article"}
        assert any(c.url == ORIGINAL_URL for c in finding.cites)
    # The copy changed a few words, so the passage is near-verbatim with a diff that shows them.
    passage = section["passages"][0]
    assert passage["kind"] == "near-verbatim"
    assert ["delete", "debate"] in passage["diff"] and ["insert", "fight"] in passage["diff"]


def test_trace_stage_marks_added_framing_paragraph_as_unsourced(
    corpus_store: KnowledgeStore,
) -> None:
    article = TraceStage(corpus_store)(_article(COPY, COPY_TITLE, COPY_URL))
    unsourced = [f for f in article.findings if f.kind == "unsourced_text"]
    assert len(unsourced) == 1
    span = next(c.span for c in unsourced[0].cites if c.kind == "article")
    assert span is not None and COPY[span.start : span.end] == FRAMING


def test_trace_stage_reports_headline_change_and_quote_first_appearance(
    corpus_store: KnowledgeStore,
) -> None:
    article = TraceStage(corpus_store)(_article(COPY, COPY_TITLE, COPY_URL))
    headline = article.extras["trace"]["headline"]
    assert headline["source_title"] == ORIGINAL_TITLE
    assert headline["article_title"] == COPY_TITLE
    quote = article.extras["trace"]["quotes"][0]
    assert quote["first_appearance"]["url"] == ORIGINAL_URL
    assert quote["documents"] == 1  # the copy itself is not counted


def test_trace_stage_original_is_not_a_copy_of_its_later_copy(
    corpus_store: KnowledgeStore,
) -> None:
    article = _article(ORIGINAL, ORIGINAL_TITLE, ORIGINAL_URL)
    article.meta.date = ORIGINAL_DATE
    article = TraceStage(corpus_store)(article)
    section = article.extras["trace"]
    assert section["status"] == "no_match"
    assert [d["url"] for d in section["later_documents"]] == [COPY_URL]
    assert not [f for f in article.findings if f.kind == "copied_passage"]


@pytest.mark.parametrize("empty", ["no store", "empty corpus"])
def test_trace_stage_without_corpus_claims_nothing(empty: str, tmp_path: Path) -> None:
    store = None if empty == "no store" else open_store(tmp_path / "kb.sqlite3")
    article = TraceStage(store)(_article(COPY, COPY_TITLE))
    section = article.extras["trace"]
    assert section["status"] == "no_corpus"
    assert "nothing to compare" in section["summary"]
    assert article.findings == []


def test_trace_stage_unrelated_text_has_no_copied_passage(corpus_store: KnowledgeStore) -> None:
    text = (
        "A new library opened in the northern district on Monday, with a reading room for "
        "children and a cafe run by volunteers from the neighbourhood association. The "
        "building was once a tram depot and kept its iron roof beams and tall windows."
    )
    article = TraceStage(corpus_store)(_article(text, "Library opens"))
    assert article.extras["trace"]["status"] == "no_match"
    assert article.findings == []


def test_trace_check_end_to_end_names_origin_and_added_paragraph(
    tmp_path: Path, kb_path: Path
) -> None:
    import factsift

    source = tmp_path / "corpus.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in _records()), encoding="utf-8")
    with open_store(kb_path) as store:
        import_corpus(store, source)
    page = tmp_path / "copy.txt"
    page.write_text(COPY_TITLE + "\n\n" + COPY, encoding="utf-8")
    report = json.loads(factsift.check(str(page), kb_path=kb_path, url=COPY_URL).to_json())
    trace = report["sections"]["trace"]
    assert trace["origin"]["url"] == ORIGINAL_URL
    assert 0.6 < trace["copied_share"] < 0.85
    assert [u["text"] for u in trace["unsourced"]] == [FRAMING]
    assert trace["headline"]["article_title"] == COPY_TITLE
    kinds = [f["kind"] for f in report["findings"]]
    assert "copied_passage" in kinds and "unsourced_text" in kinds


def test_trace_stage_detects_paraphrased_sentences(corpus_store: KnowledgeStore) -> None:
    # Reworded sentence by sentence (MiniLM cosine 0.905 with the original sentence).
    paraphrased = (
        "Critics had said the gates would damage the fishing fleet, which goes through the "
        "mouth of the harbour day and night, and that the town would need higher property "
        "taxes to pay its part of the cost."
    )
    copied = ORIGINAL.split("\n\n")[0]
    text = copied + "\n\n" + paraphrased
    article = TraceStage(corpus_store)(_article(text, "Gates row"))
    section = article.extras["trace"]
    kinds = [(p["kind"], p["source"]["url"], p["article_span"]) for p in section["passages"]]
    assert kinds == [
        ("verbatim", ORIGINAL_URL, [0, len(copied) - 1]),
        ("paraphrase", ORIGINAL_URL, [len(copied) + 2, len(text)]),
    ]
    assert section["unsourced"] == []


def test_trace_stage_without_embedding_model_says_paraphrase_is_off(
    corpus_store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import factsift.embed

    def missing() -> None:
        raise factsift.embed.ModelMissingError("The model package 'x' is not installed.")

    monkeypatch.setattr(factsift.embed, "default_embedder", missing)
    article = TraceStage(corpus_store)(_article(COPY, COPY_TITLE, COPY_URL))
    section = article.extras["trace"]
    assert section["status"] == "copied"  # lexical tracing still works
    assert section["note"].startswith("Paraphrase detection is off")
