"""The claims stage's bisecting look-ups give what a plain scan gives (issue 20, D3: the
scans made a 2 MB text take minutes in this stage)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factsift.article import Article, Entity, Sentence, SourceInfo, Span
from factsift.stages.claims import entities_finder, sentence_finder

_SPANS = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 8)).map(lambda t: Span(t[0], t[0] + t[1])),
    max_size=12,
)


def _article(sentence_spans: list[Span], entity_spans: list[Span]) -> Article:
    return Article(
        text="x" * 80,
        source=SourceInfo(kind="text"),
        sentences=[Sentence(span=s, text="x" * (s.end - s.start)) for s in sentence_spans],
        entities=[Entity(span=e, text="x", label="ORG") for e in entity_spans],
    )


@given(_SPANS, st.booleans())
def test_claims_sentence_finder_agrees_with_sentence_at(spans: list[Span], tidy: bool) -> None:
    if tidy:  # what the language stage gives: in order, not overlapping
        ends = 0
        tidied = []
        for span in sorted(spans, key=lambda s: s.start):
            if span.start >= ends:
                tidied.append(span)
                ends = span.end
        spans = tidied
    article = _article(spans, [])
    find = sentence_finder(article)
    for offset in range(-1, 75):
        assert find(offset) == article.sentence_at(offset), offset


@given(_SPANS, _SPANS, st.booleans())
def test_claims_entities_finder_agrees_with_a_scan(
    sentences: list[Span], entities: list[Span], ordered: bool
) -> None:
    if ordered:
        entities = sorted(entities, key=lambda s: s.start)
    article = _article(sentences, entities)
    find = entities_finder(article.entities)
    for sentence in article.sentences:
        expected = [k for k, e in enumerate(article.entities) if sentence.span.contains(e.span)]
        assert find(sentence) == expected
