"""Sentence splits the parser gets wrong: headlines cut mid-line, stray closing quotes."""

from __future__ import annotations

from factsift.article import Article
from factsift.language.nlp import load, sentence_spans
from factsift.language.sentences import is_punctuation, may_start
from language_fixtures import analyse

_HEADLINE = "Harlow Board Secretly Approved Ferry Sale, Officials Say"


def _texts(article: Article) -> list[str]:
    for sentence in article.sentences:
        span = sentence.span
        assert article.text[span.start : span.end] == sentence.text
    return [s.text for s in article.sentences]


def _assert_well_formed(article: Article) -> None:
    for text in _texts(article):
        assert not is_punctuation(text), f"punctuation-only sentence {text!r}"
        assert text[0] not in ",;:.!?)]}”’", f"sentence starts with punctuation: {text!r}"


def test_sentence_fixes_repeated_title_case_headline_is_not_cut_at_its_comma() -> None:
    text = (
        f"{_HEADLINE}\n\nFact checked by The Harlow Civic Desk\n{_HEADLINE}\n\n"
        "The board of Harlow sold the ferry line to a private firm last week."
    )
    article = analyse(text)
    _assert_well_formed(article)
    assert _texts(article)[:3] == [_HEADLINE, "Fact checked by The Harlow Civic Desk", _HEADLINE]


def test_sentence_fixes_closing_quote_after_period_stays_with_its_sentence() -> None:
    text = (
        'Mayor Ida Quell said the board acted lawfully. "We held a vote," Quell said. '
        '"Nothing was hidden."\n\nThe firm did not comment.'
    )
    article = analyse(text)
    _assert_well_formed(article)
    assert '"Nothing was hidden."' in _texts(article)


def test_sentence_fixes_quote_ending_in_question_or_exclamation_mark_is_kept_whole() -> None:
    text = (
        'The clerk asked one thing. "Who signed the order?”\n\n'
        'A resident shouted back. "Nobody told us!"\n\nThe meeting ended at nine.'
    )
    article = analyse(text)
    _assert_well_formed(article)
    sentences = _texts(article)
    assert '"Who signed the order?”' in sentences
    assert '"Nobody told us!"' in sentences


def test_sentence_fixes_curly_quotes_and_parenthesis_after_period_belong_to_the_sentence() -> None:
    text = (
        "“The ferry will run until May.” The board said so on Monday.\n\n"
        "The line carried 900 people a day. (The figure is from the board’s own count.)\n\n"
        "Fares rose twice last year."
    )
    article = analyse(text)
    _assert_well_formed(article)
    sentences = _texts(article)
    assert "“The ferry will run until May.”" in sentences
    assert "(The figure is from the board’s own count.)" in sentences


def test_sentence_fixes_headline_line_with_comma_is_one_sentence() -> None:
    text = (
        "Flood Waters Reach Old Town, Bridge Closed Until Friday\n\n"
        "Water rose over the river wall on Sunday night."
    )
    article = analyse(text)
    _assert_well_formed(article)
    assert _texts(article)[0] == "Flood Waters Reach Old Town, Bridge Closed Until Friday"


def test_sentence_fixes_separator_line_is_not_a_sentence() -> None:
    text = "The vote was close.\n\n______\n\nThe count took two hours."
    article = analyse(text)
    _assert_well_formed(article)
    assert _texts(article) == ["The vote was close.", "The count took two hours."]


def test_sentence_fixes_may_start_rules() -> None:
    text = 'He left. "Why?" she asked, (and) then "secret." Next'
    assert may_start(text, 0)
    assert may_start(text, text.index('"Why'))  # an opening quote after a period
    assert not may_start(text, text.index('" she'))  # a straight quote glued to "?" closes
    assert not may_start(text, text.index(", (and"))
    assert not may_start(text, text.index("(and"))  # no sentence-final mark before it
    assert may_start(text, text.index("Next"))  # after a period and its closing quote
    assert may_start("Line one\nLine two", 9)  # a line start: the layout rules decide


def _pieces(text: str, cuts: list[str]) -> list[str]:
    """``sentence_spans`` over a doc whose sentence starts are set by hand at ``cuts``."""
    doc = load().make_doc(text)
    starts = {text.index(cut) for cut in cuts}
    for token in doc[1:]:
        token.is_sent_start = token.idx in starts
    return [span.text.strip() for span in sentence_spans(doc)]


def test_sentence_fixes_sentence_spans_mend_cuts_the_parser_makes() -> None:
    text = 'Ferry Sale Approved, Officials Say\n\n"It was not secret." Then "Fine."'
    cuts = [", Officials", '"It', '" Then', "Then", '"Fine']
    assert _pieces(text, cuts) == [
        "Ferry Sale Approved, Officials Say",
        '"It was not secret."',
        'Then "Fine."',
    ]


def test_sentence_fixes_sentence_spans_closing_quote_on_its_own_line_joins() -> None:
    text = 'He said: "We will see.\n"\n\n____\n\nThe end.'
    cuts = ['"\n\n', "____", "The end"]
    assert _pieces(text, cuts) == ['He said: "We will see.\n"', "The end."]


def test_sentence_fixes_sentence_spans_leading_punctuation_joins_the_next() -> None:
    assert _pieces('" The board met.', ["The"]) == ['" The board met.']
