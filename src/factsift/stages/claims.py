"""Claims: the sentences worth checking, each with who it rests on and what it names."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import pairwise

from factsift.article import Article, Claim, Entity, Sentence, Span

Scorer = Callable[[Sequence[str]], list[float]]

MIN_WORDS = 6
# Sentence parts (set by the language layer) that can hold claims; the rest is page furniture.
CLAIM_PARTS = frozenset({"body", "headline"})
# Sentences the heuristic scorer keeps: an assertion with a name, a number or a source.
HEURISTIC_THRESHOLD = 0.5
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_FIRST_PERSON = re.compile(r"^\s*(i|we)\b", re.IGNORECASE)


def sentence_finder(article: Article) -> Callable[[int], int | None]:
    """``article.sentence_at`` by bisection when the sentences are in order (as the language
    stage gives them): a scan per entity made the stage quadratic (minutes at 2 MB of text)."""
    sentences = article.sentences
    if any(a.span.end > b.span.start for a, b in pairwise(sentences)):
        return article.sentence_at
    starts = [s.span.start for s in sentences]

    def find(offset: int) -> int | None:
        i = bisect_right(starts, offset) - 1
        return i if i >= 0 and offset < sentences[i].span.end else None

    return find


def entities_finder(entities: list[Entity]) -> Callable[[Sentence], list[int]]:
    """Indexes of the entities inside a sentence, by bisection when they are in order."""
    starts = [e.span.start for e in entities]
    ordered = all(a <= b for a, b in pairwise(starts))

    def find(sentence: Sentence) -> list[int]:
        span = sentence.span
        first, last = 0, len(entities)
        if ordered:
            first, last = bisect_left(starts, span.start), bisect_right(starts, span.end)
        return [k for k in range(first, last) if span.contains(entities[k].span)]

    return find


def heuristic_scores(article: Article) -> list[float]:
    """A transparent fallback: names, numbers and attributions make a sentence checkable."""
    sentence_at = sentence_finder(article)
    named = {sentence_at(e.span.start) for e in article.entities}
    attributed = {a.sentence for a in article.attributions}
    scores = []
    for i, sentence in enumerate(article.sentences):
        score = 0.2
        if i in named:
            score += 0.35
        if _DIGIT.search(sentence.text):
            score += 0.15
        if i in attributed:
            score += 0.3
        if sentence.text.rstrip().endswith("?") or _FIRST_PERSON.match(sentence.text):
            score -= 0.4
        scores.append(max(0.0, min(1.0, score)))
    return scores


class ClaimsStage:
    """Marks check-worthy sentences as claims.

    Skips the page's own furniture (badges, author box, byline) and repeated sentences, so
    a headline printed twice is one claim.
    """

    name = "claims"
    requires = ("sentences", "entities", "attributions", "badges", "author_box")
    assigns = ("claims",)

    def __init__(self, scorer: Scorer | None = None, threshold: float = 0.5) -> None:
        """``scorer`` is a trained check-worthiness model; without one the heuristic decides.

        With a model, a sentence is a claim when the model scores it at or above
        ``threshold`` OR the transparent heuristic keeps it: the model was trained on
        debate transcripts and scores reported news prose low, so it must not silently
        drop sourced factual sentences. The score shown is the model's.
        """
        self.scorer = scorer
        self.threshold = threshold
        self.method = "model" if scorer is not None else "heuristic"

    def __call__(self, article: Article) -> Article:
        furniture = [b.span for b in article.badges]
        if article.author_box is not None:
            furniture.append(article.author_box.span)
        if article.meta.byline_span is not None:
            furniture.append(article.meta.byline_span)
        candidates = [
            i
            for i, s in enumerate(article.sentences)
            if len(_WORD.findall(s.text)) >= MIN_WORDS
            and s.part in CLAIM_PARTS
            and not any(span.overlaps(s.span) for span in furniture)
        ]
        heuristic = heuristic_scores(article)
        if self.scorer is not None:
            texts = [article.sentences[i].text for i in candidates]
            scored = dict(zip(candidates, self.scorer(texts), strict=True))
            keep = {
                i
                for i in candidates
                if scored[i] >= self.threshold or heuristic[i] >= HEURISTIC_THRESHOLD
            }
        else:
            scored = {i: heuristic[i] for i in candidates}
            keep = {i for i in candidates if heuristic[i] >= HEURISTIC_THRESHOLD}
        by_sentence = {a.sentence: k for k, a in enumerate(article.attributions)}
        entities_in = entities_finder(article.entities)
        seen: set[str] = set()
        for i in candidates:
            sentence = article.sentences[i]
            key = " ".join(_WORD.findall(sentence.text.lower()))
            if i not in keep or key in seen:
                continue
            seen.add(key)
            article.claims.append(
                Claim(
                    sentence=i,
                    span=Span(sentence.span.start, sentence.span.end),
                    text=sentence.text,
                    checkworthiness=round(scored[i], 4),
                    checkworthiness_method=self.method,
                    attribution=by_sentence.get(i),
                    entities=entities_in(sentence),
                )
            )
        return article
