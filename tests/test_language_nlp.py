"""The spaCy parse of long texts: chunks are parsed and released one at a time (issue 20, D3).

Memory of a check grew about 2.8 GB per MB of text because every 100k-character chunk went
through the pipeline in one batch and all their Docs were kept until the stage ended.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from factsift.language import nlp as language_nlp
from language_fixtures import analyse


class _WatchedNlp:
    """The real pipeline, noting how far it parses ahead and how many of its Docs live on."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.made: list[weakref.ref[Any]] = []
        self.most_alive = 0  # chunk Docs alive at once, counted as each new one comes out
        self.most_ahead = 0  # chunks taken in but not yet handed out, at most

    def _note(self, doc: Any) -> Any:
        self.made.append(weakref.ref(doc))
        self.most_alive = max(self.most_alive, sum(ref() is not None for ref in self.made))
        return doc

    def __call__(self, text: str, **kwargs: Any) -> Any:
        self.most_ahead = max(self.most_ahead, 1)
        return self._note(self.nlp(text, **kwargs))

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> Iterator[Any]:
        taken = 0

        def counted() -> Iterator[str]:
            nonlocal taken
            for text in texts:
                taken += 1
                yield text

        for given, doc in enumerate(self.nlp.pipe(counted(), **kwargs)):
            self.most_ahead = max(self.most_ahead, taken - given)
            yield self._note(doc)


def test_nlp_long_text_holds_at_most_two_chunk_docs(monkeypatch: pytest.MonkeyPatch) -> None:
    watched = _WatchedNlp(language_nlp.load())
    monkeypatch.setattr(language_nlp, "load", lambda: watched)
    monkeypatch.setattr(language_nlp, "CHUNK_CHARS", 300)
    text = "The harbour board said the ferry was late. Mara Quill met the crew.\n\n" * 40
    article = analyse(text)
    assert len(article.sentences) == 80
    assert len(watched.made) >= 8  # the text really went through in many chunks
    assert watched.most_ahead == 1  # each chunk parsed alone, not batched with the rest
    assert watched.most_alive <= 2  # the one in use and the one being parsed


def test_nlp_parse_is_lazy(monkeypatch: pytest.MonkeyPatch) -> None:
    watched = _WatchedNlp(language_nlp.load())
    monkeypatch.setattr(language_nlp, "load", lambda: watched)
    monkeypatch.setattr(language_nlp, "CHUNK_CHARS", 300)
    chunks = language_nlp.parse("A ferry was late.\n\n" * 100)
    first = next(iter(chunks))
    assert first.offset == 0
    assert len(watched.made) == 1  # nothing parsed past the chunk asked for
