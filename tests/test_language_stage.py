"""The language stage as a whole: protocol, model loading, long texts, offsets."""

from __future__ import annotations

from itertools import pairwise

import pytest

import factsift.language
from factsift.article import Article, SourceInfo
from factsift.language import LanguageStage
from factsift.language import nlp as language_nlp
from factsift.language.nlp import chunk_bounds, load
from factsift.pipeline import Pipeline, Stage
from language_fixtures import analyse


def test_stage_exports_only_the_stage() -> None:
    assert factsift.language.__all__ == ["LanguageStage"]


def test_stage_declares_what_it_requires_and_assigns() -> None:
    stage = LanguageStage()
    assert isinstance(stage, Stage)
    assert stage.name == "language"
    assert stage.requires == ("text",)
    assert set(stage.assigns) == {
        "sentences", "entities", "quotes", "attributions", "badges", "author_box",
        "publisher_candidates",
    }  # fmt: skip
    article = Pipeline([stage])(Article(text="A short text.", source=SourceInfo(kind="text")))
    assert set(stage.assigns) <= article.assigned


def test_stage_model_is_loaded_once_without_unused_components() -> None:
    nlp = load()
    assert load() is nlp
    assert "lemmatizer" not in nlp.pipe_names
    assert nlp.pipe_names.index(language_nlp.LINE_COMPONENT) < nlp.pipe_names.index("parser")


def test_stage_entities_do_not_cross_lines() -> None:
    text = "Fact checked by The Lantern Voice Community\nIran Backs Iraq Campaign\n\nMore text."
    article = analyse(text)
    for entity in article.entities:
        assert "\n" not in entity.text
        assert text[entity.span.start : entity.span.end] == entity.text


def test_stage_chunk_bounds_cut_at_line_breaks_and_cover_the_text() -> None:
    text = ("A sentence of some words here.\n" * 40) + "x" * 500
    bounds = list(chunk_bounds(text, 200))
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    for (_, end), (start, _) in pairwise(bounds):
        assert end == start
    assert all(b - a <= 200 for a, b in bounds)
    assert all(text[b - 1] == "\n" for a, b in bounds[:-4])


def test_stage_long_text_in_chunks_keeps_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language_nlp, "CHUNK_CHARS", 300)
    paragraph = "The harbour board said the ferry was late. Mara Quill met the crew.\n\n"
    text = paragraph * 12
    article = analyse(text)
    assert len(article.sentences) == 24
    for sentence in article.sentences:
        assert text[sentence.span.start : sentence.span.end] == sentence.text
    assert [a.sentence for a in article.attributions] == list(range(0, 24, 2))
    for entity in article.entities:
        assert text[entity.span.start : entity.span.end] == entity.text


def test_stage_rules_handle_hostile_lines() -> None:
    """Long runs of spaces and marks: no badge, box or furniture, and no regex blow-up
    (these took minutes before the line-length limits)."""
    from factsift.article import Metadata
    from factsift.language.author_box import find_author_box
    from factsift.language.badges import find_badges
    from factsift.language.layout import furniture
    from factsift.language.quotes import find_quotes

    for text in (
        "Verified by a" + " " * 50_000 + "b\n",
        "© 2024 a" + " " * 50_000 + "b\n",
        "By A" + ", " * 30_000,
        '"' * 100_001,
    ):
        assert find_badges(text) == []
        assert find_author_box(text) is None
        assert [r.part for r in furniture(text, Metadata())] in ([], ["headline"])
        find_quotes(text)
