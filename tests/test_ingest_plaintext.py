"""Plain text: kept as given, headline, byline and date read from the layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsift.errors import NothingExtractedError
from factsift.ingest import article_from_text, load_article
from factsift.ingest.plaintext import byline, read_layout
from factsift.settings import Options

STORY = (
    "Ferry to Holm island cancelled for a week\n"
    "\n"
    "By Jonas Eriksen and Ada Lindqvist | March 3, 2024\n"
    "\n"
    "The ferry to Holm island will not run this week, the operator said on Monday.\n"
    "Repairs to the landing stage are expected to take six days.\n"
)


def test_ingest_plaintext_text_kept_as_given() -> None:
    article = article_from_text(STORY)
    assert article.text == STORY
    assert article.source.content_type == "text/plain"


def test_ingest_plaintext_headline_byline_date() -> None:
    article = article_from_text(STORY, url="https://holm.example/ferry")
    meta = article.meta
    assert meta.title == "Ferry to Holm island cancelled for a week"
    assert meta.headline_span is not None
    assert article.span_text(meta.headline_span) == meta.title
    assert meta.authors == ["Jonas Eriksen", "Ada Lindqvist"]
    assert meta.byline_span is not None
    assert article.span_text(meta.byline_span).startswith("By Jonas Eriksen")
    assert meta.date == "2024-03-03"
    assert meta.url == "https://holm.example/ferry"


def test_ingest_plaintext_separate_date_line() -> None:
    text = "Storm closes the coast road\n\nPublished: 14 February 2024, 08:15 CET\n\nBody.\n"
    layout = read_layout(text)
    assert layout.date == "2024-02-14"
    assert layout.date_span is not None
    assert text[layout.date_span.start : layout.date_span.end].startswith("Published")
    assert layout.authors == []


def test_ingest_plaintext_first_line_with_period_is_not_a_headline() -> None:
    layout = read_layout("The ferry did not run today.\nIt will run tomorrow.\n")
    assert layout.title is None and layout.headline_span is None


def test_ingest_plaintext_long_first_line_is_not_a_headline() -> None:
    layout = read_layout(("word " * 40).strip() + "\n\nBody\n")
    assert layout.title is None


def test_ingest_plaintext_leading_blank_lines_and_indent() -> None:
    text = "\n\n   Storm closes the coast road  \nBody text follows here.\n"
    layout = read_layout(text)
    assert layout.headline_span is not None
    headline = text[layout.headline_span.start : layout.headline_span.end]
    assert headline == "Storm closes the coast road"


@pytest.mark.parametrize(
    ("line", "authors", "date"),
    [
        ("By Jonas Eriksen", ["Jonas Eriksen"], None),
        ("by J. R. Haldane, March 3, 2024", ["J. R. Haldane"], "2024-03-03"),
        ("Written by Ines de la Vega", ["Ines de la Vega"], None),
        ("By Ada Lindqvist, Reuters", ["Ada Lindqvist"], None),
        ("Jonas Eriksen | 2024-03-05", ["Jonas Eriksen"], "2024-03-05"),
        ("Author: Marit Olsen", ["Marit Olsen"], None),
    ],
)
def test_ingest_plaintext_byline_forms(line: str, authors: list[str], date: str | None) -> None:
    assert byline(line) == (authors, date)


@pytest.mark.parametrize(
    "line",
    [
        "Fact checked by The Harbour Voice Community",
        "Jonas Eriksen",  # a name alone is not a byline without "By"
        "By the time the ferry arrived, the storm had passed.",
        "Ferry | Holm island",
    ],
)
def test_ingest_plaintext_not_bylines(line: str) -> None:
    assert byline(line) is None


def test_ingest_plaintext_empty_text_raises() -> None:
    with pytest.raises(NothingExtractedError, match="text given"):
        article_from_text(" \n\n ")


def test_ingest_plaintext_acceptance_article_layout(acceptance_path: Path) -> None:
    article = load_article(acceptance_path, Options())
    first_line = article.text.split("\n", 1)[0]
    assert article.meta.title == first_line
    assert article.meta.headline_span is not None
    assert article.meta.headline_span.start == 0
    # The badge line under the headline is not a byline, and the author box at the end is
    # left to the language layer.
    assert article.meta.byline_span is None
    assert article.meta.authors == []
    assert article.text == acceptance_path.read_text(encoding="utf-8").replace("\r\n", "\n")
