"""Quotations and their speakers (fictional texts)."""

from __future__ import annotations

from factsift.language.quotes import QuotedMask, find_quotes
from language_fixtures import analyse


def test_quotes_curly_quote_with_speaker_after() -> None:
    text = "“The ferry will run on time from Monday,” Mara Quill said."
    article = analyse(text)
    assert len(article.quotes) == 1
    quote = article.quotes[0]
    assert quote.text == "The ferry will run on time from Monday,"
    assert text[quote.span.start : quote.span.end] == quote.text
    assert quote.speaker == "Mara Quill"
    assert quote.speaker_span is not None
    assert text[quote.speaker_span.start : quote.speaker_span.end] == "Mara Quill"
    assert quote.sentence == 0


def test_quotes_straight_quotes_with_speaker_before() -> None:
    text = 'The captain said: "We will sail when the wind drops tonight."'
    article = analyse(text)
    assert [q.text for q in article.quotes] == ["We will sail when the wind drops tonight."]
    assert article.quotes[0].speaker == "The captain"


def test_quotes_continuation_takes_the_previous_speaker() -> None:
    text = (
        "“We know the plan well,” Col. Ada Finch said. “Our ships are ready. "
        "We leave at dawn.”\n\nThe harbour was quiet."
    )
    article = analyse(text)
    assert [q.speaker for q in article.quotes] == ["Col. Ada Finch", "Col. Ada Finch"]
    # the continuing quotation's sentences are attributed to her, carried from sentence 0
    carried = [a for a in article.attributions if a.carried_from is not None]
    assert [(a.sentence, a.carried_from, a.source) for a in carried] == [
        (1, 0, "Col. Ada Finch"),
        (2, 0, "Col. Ada Finch"),
    ]
    assert all(a.source_span is None for a in carried)


def test_quotes_multi_paragraph_quotation() -> None:
    text = (
        "Mara Quill said: “The first part of the plan is simple.\n\n"
        "“The second part of the plan is harder.”"
    )
    quotes = find_quotes(text)
    assert [q.closed for q in quotes] == [False, True]
    article = analyse(text)
    assert [q.speaker for q in article.quotes] == ["Mara Quill", "Mara Quill"]


def test_quotes_scare_quotes_are_not_reported() -> None:
    article = analyse('The so-called "experts" met again on Friday in the town hall.')
    assert article.quotes == []


def test_quotes_apostrophes_are_not_quotes() -> None:
    text = "The officials’ report didn’t say when the ferry’s engine was fixed."
    assert find_quotes(text) == []


def test_quotes_stray_mark_at_paragraph_end_is_dropped() -> None:
    text = 'He wrote "see below\n\nThe next paragraph has no quote.'
    assert find_quotes(text) == []


def test_quotes_mask_answers_inside_and_outside() -> None:
    text = "Before “inside words here” after."
    mask = QuotedMask(find_quotes(text))
    assert text.index("inside") in mask
    assert text.index("Before") not in mask
    assert text.index("after") not in mask
