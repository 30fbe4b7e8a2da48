"""Sentence boundaries that follow the layout of extracted text."""

from __future__ import annotations

from factsift.language.sentences import line_starts, paragraphs
from language_fixtures import analyse


def test_sentences_headline_without_period_is_its_own_sentence() -> None:
    text = (
        "Mayor Opens New Bridge Over River Quill\n\nThe bridge opened on Monday. Traffic was light."
    )
    article = analyse(text)
    assert [s.text for s in article.sentences] == [
        "Mayor Opens New Bridge Over River Quill",
        "The bridge opened on Monday.",
        "Traffic was light.",
    ]
    assert article.sentences[0].part == "headline"
    assert article.sentences[1].part == "body"


def test_sentences_line_without_final_period_does_not_merge_into_next() -> None:
    text = "The work began yesterday (Monday)\n\nAccording to the council, it will take a year."
    article = analyse(text)
    assert [s.text for s in article.sentences] == [
        "The work began yesterday (Monday)",
        "According to the council, it will take a year.",
    ]


def test_sentences_single_line_break_before_a_name_line_is_a_boundary() -> None:
    text = "The storm passed at noon.\nJane Roe\nAbout Jane Roe 12 Articles\nI write."
    article = analyse(text)
    assert "Jane Roe" in [s.text for s in article.sentences]


def test_sentences_spans_point_into_the_text() -> None:
    text = "  First line here\n\nSecond one.  Third one!  \n"
    article = analyse(text)
    for sentence in article.sentences:
        assert text[sentence.span.start : sentence.span.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_sentences_hard_wrapped_text_is_not_split_at_each_line() -> None:
    text = (
        "The committee met on Tuesday to review the proposal for the new\n"
        "library and decided after a long debate that the building should\n"
        "Open in spring, when the weather allows the work to finish on time\n"
        "and the staff can move the books from the old building downtown.\n"
    )
    # the third line starts in upper case but the line before is a full-width wrapped line
    assert text.index("Open in") not in line_starts(text)
    article = analyse(text)
    assert len(article.sentences) == 1


def test_sentences_line_starts_lower_case_continuation_is_not_a_boundary() -> None:
    text = "The minister said\nthat the plan was ready.\nNext Item"
    starts = line_starts(text)
    assert text.index("that") not in starts
    assert text.index("Next") in starts


def test_sentences_paragraphs_are_lines_unless_hard_wrapped() -> None:
    text = "One line.\nAnother line.\n\nThird."
    assert [text[a:b] for a, b in paragraphs(text)] == ["One line.", "Another line.", "Third."]


def test_sentences_empty_text_has_none() -> None:
    article = analyse("   \n\n  ")
    assert article.sentences == []
    assert article.attributions == []
    assert article.entities == []


def test_sentences_headline_from_meta_title_and_its_repeat() -> None:
    from factsift.article import Metadata

    text = "Ferry Late Again.\n\nThe ferry was late.\n\nFerry Late Again."
    article = analyse(text, Metadata(title="Ferry Late Again."))
    assert [s.part for s in article.sentences] == ["headline", "body", "headline"]


def test_sentences_first_line_of_two_sentences_is_body() -> None:
    article = analyse("The ferry was late. Nobody knew why\nThe crew was tired.")
    assert {s.part for s in article.sentences} == {"body"}
