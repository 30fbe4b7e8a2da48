"""Explicit attributions: the source, its kind and the cue (fictional texts)."""

from __future__ import annotations

import pytest

from factsift.article import AttributionKind
from language_fixtures import analyse, attribution_at


def _one(text: str, words: str | None = None) -> tuple[str | None, AttributionKind, str | None]:
    article = analyse(text)
    attribution = attribution_at(article, words or text[:20])
    assert attribution is not None, f"no attribution in {text!r}"
    return attribution.source, attribution.kind, attribution.cue


def test_attribution_named_person_with_role_and_said() -> None:
    text = "Lt. Mara Quill, a Harbour Authority spokeswoman, said the ferry was late."
    article = analyse(text)
    attribution = attribution_at(article, "ferry")
    assert attribution is not None
    assert attribution.kind is AttributionKind.NAMED_PERSON
    assert attribution.source == "Lt. Mara Quill"
    assert attribution.role == "a Harbour Authority spokeswoman"
    assert attribution.cue == "said"
    assert attribution.source_span is not None and attribution.cue_span is not None
    assert text[attribution.source_span.start : attribution.source_span.end] == "Lt. Mara Quill"
    assert text[attribution.cue_span.start : attribution.cue_span.end] == "said"
    assert attribution.carried_from is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("According to a senior army official, the convoy left at dawn.", "a senior army official"),
        ("The convoy left at dawn, U.S. officials said.", "U.S. officials"),
        (
            "Sources familiar with the talks said the deal was close.",
            "Sources familiar with the talks",
        ),
        ("The deal is close, according to officials.", "officials"),
    ],
)
def test_attribution_anonymous_sources(text: str, source: str) -> None:
    assert _one(text)[:2] == (source, AttributionKind.ANONYMOUS)


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ("The Ministry of Ports said the harbour would reopen.", "The Ministry of Ports", "said"),
        ("The Pentagon warned Freedonia to stay out of the strait.", "The Pentagon", "warned"),
        (
            "The harbour will reopen, according to the Defense Department.",
            "the Defense Department",
            "according to",
        ),
    ],
)
def test_attribution_organisations(text: str, source: str, cue: str) -> None:
    assert _one(text) == (source, AttributionKind.ORGANISATION, cue)


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        (
            "The mayor arrived late, the Quill news agency reported on Monday.",
            "the Quill news agency",
            "reported",
        ),
        ("Reuters reported that the port was closed.", "Reuters", "reported"),
        (
            "The port was closed, according to The New York Times.",
            "The New York Times",
            "according to",
        ),
        ("The WSJ said the port was closed.", "The WSJ", "said"),
    ],
)
def test_attribution_news_outlets(text: str, source: str, cue: str) -> None:
    assert _one(text) == (source, AttributionKind.NEWS_OUTLET, cue)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "A report by the harbour board found that the crane was unsafe.",
            "A report by the harbour board",
        ),
        ("According to the court filing, the company owed 3 million dollars.", "the court filing"),
        (
            "A study published last year shows that the river is cleaner.",
            "A study published last year",
        ),
    ],
)
def test_attribution_documents(text: str, source: str) -> None:
    assert _one(text)[:2] == (source, AttributionKind.DOCUMENT)


def test_attribution_refusal_to_comment_is_a_cue_with_negation() -> None:
    source, kind, cue = _one("Col. Ada Finch wouldn't comment on the plan.")
    assert (source, kind, cue) == (
        "Col. Ada Finch",
        AttributionKind.NAMED_PERSON,
        "wouldn't comment",
    )
    assert (
        _one("A spokesman for the ferry company declined to comment.")[2] == "declined to comment"
    )


def test_attribution_pronoun_resolves_to_the_named_source_before() -> None:
    text = "Mara Quill said the ferry was late. She added that the crew was tired."
    article = analyse(text)
    attribution = attribution_at(article, "crew")
    assert attribution is not None
    assert attribution.kind is AttributionKind.NAMED_PERSON
    assert attribution.source == "Mara Quill"
    assert attribution.cue == "added"


def test_attribution_hearsay_without_source_is_kind_none() -> None:
    for text in (
        "The mayor reportedly left the city on Friday.",
        "It is said that the bridge will close.",
    ):
        _source, kind, _cue = _one(text)
        assert kind is AttributionKind.NONE


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon is a large building near the river.",
        "Reuters has an office in the old town.",
        "Officials visited the school on Tuesday.",
        "The company agreed to pay the workers more.",
        "Police found the car near the bridge.",
        "The council responded to the flood with new walls.",
        "Tell me one thing that surprised you.",
        "I said it before and I say it again: the plan is good.",
    ],
)
def test_attribution_mere_mentions_are_not_attributions(text: str) -> None:
    article = analyse(text)
    assert article.attributions == [], article.attributions


def test_attribution_cue_inside_a_quote_is_the_speakers_words() -> None:
    text = "“Officials said nothing to us,” Mara Quill said."
    source, kind, cue = _one(text)
    assert (source, kind, cue) == ("Mara Quill", AttributionKind.NAMED_PERSON, "said")


def test_attribution_one_per_sentence_at_most() -> None:
    text = "According to the harbour board, Mara Quill said the ferry was late."
    article = analyse(text)
    assert len(article.attributions) == 1
    assert article.attributions[0].sentence == 0


def test_attribution_dateline_is_not_part_of_the_source() -> None:
    text = "QUILLTOWN, Freedonia (AP) - Harbour officials said on Monday that the ferry was late."
    source, kind, _cue = _one(text, "Harbour officials")
    assert (source, kind) == ("Harbour officials", AttributionKind.ANONYMOUS)


def test_attribution_title_before_a_name_is_a_named_person() -> None:
    text = "Former harbour master Oskar Velmont testified that the crane was unsafe."
    source, kind, _cue = _one(text, "crane")
    assert kind is AttributionKind.NAMED_PERSON
    assert source is not None and source.endswith("Oskar Velmont")
