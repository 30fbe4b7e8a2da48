"""Helpers for the language tests: run the stage on a short text, find things in it."""

from __future__ import annotations

from factsift.article import Article, Attribution, Metadata, SourceInfo
from factsift.language import LanguageStage

_STAGE = LanguageStage()


def analyse(text: str, meta: Metadata | None = None) -> Article:
    article = Article(text=text, source=SourceInfo(kind="text"), meta=meta or Metadata())
    return _STAGE(article)


def sentence_index(article: Article, words: str) -> int:
    """Index of the one sentence that contains ``words``."""
    found = [i for i, s in enumerate(article.sentences) if words in s.text]
    assert len(found) == 1, f"{words!r} is in sentences {found}: {article.sentences}"
    return found[0]


def attribution_at(article: Article, words: str) -> Attribution | None:
    """The attribution of the sentence that contains ``words``, or None."""
    index = sentence_index(article, words)
    found = [a for a in article.attributions if a.sentence == index]
    assert len(found) <= 1, f"more than one attribution for sentence {index}: {found}"
    return found[0] if found else None
