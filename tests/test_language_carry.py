"""Attributions carried to following sentences (fictional texts)."""

from __future__ import annotations

from factsift.article import AttributionKind
from language_fixtures import analyse, attribution_at

EXCERPT = (
    "Ferry Strike Enters Third Week\n\n"
    "The Quill Gazette report: The strike has closed the northern route.\n\n"
    "Talks between the union and the owners broke down on Friday. "
    "The owners offered a new contract, according to union officials.\n\n"
    "Passengers have turned to the coastal bus.\n\n"
    "Jane Roe\n"
    "About Jane Roe 120 Articles\n"
    "I write about ferries.\n"
)


def test_carry_lead_in_block_runs_over_following_paragraphs() -> None:
    article = analyse(EXCERPT)
    lead = attribution_at(article, "northern route")
    assert lead is not None
    assert (lead.source, lead.kind, lead.cue) == (
        "The Quill Gazette",
        AttributionKind.NEWS_OUTLET,
        "report:",
    )
    lead_index = lead.sentence
    for words in ("Talks between", "coastal bus"):
        carried = attribution_at(article, words)
        assert carried is not None
        assert carried.carried_from == lead_index
        assert carried.source == "The Quill Gazette"
        assert carried.source_span is None


def test_carry_nearer_explicit_attribution_wins_inside_a_block() -> None:
    article = analyse(EXCERPT)
    inner = attribution_at(article, "new contract")
    assert inner is not None
    assert (inner.source, inner.kind, inner.carried_from) == (
        "union officials",
        AttributionKind.ANONYMOUS,
        None,
    )


def test_carry_block_stops_at_the_author_box() -> None:
    article = analyse(EXCERPT)
    for words in ("About Jane Roe", "I write about ferries"):
        assert attribution_at(article, words) is None
    assert attribution_at(article, "Ferry Strike") is None  # the headline is before it


def test_carry_speaker_lead_in_covers_its_paragraph_only() -> None:
    text = (
        "Mara Quill said: the ferry is late. The crew is tired.\n\nThe harbour reopened on Monday."
    )
    article = analyse(text)
    assert attribution_at(article, "crew") is not None
    assert attribution_at(article, "crew").carried_from == 0  # type: ignore[union-attr]
    assert attribution_at(article, "harbour reopened") is None


def test_carry_paraphrase_after_said_is_not_carried() -> None:
    text = "Mara Quill said the ferry was late. The harbour reopened on Monday."
    article = analyse(text)
    assert attribution_at(article, "harbour reopened") is None


def test_carry_quote_block_after_colon_ends_with_the_quote() -> None:
    text = (
        "The Quill Gazette wrote: “The strike is over. Ferries run again.”\n\n"
        "The harbour reopened on Monday."
    )
    article = analyse(text)
    assert attribution_at(article, "Ferries run") is not None
    assert attribution_at(article, "harbour reopened") is None
