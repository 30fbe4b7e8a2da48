"""Candidate evidence for a claim: BM25 and dense retrieval fused, filtered, cut to windows.

First stage: the ``FIRST_STAGE`` best passages by BM25 (SQLite FTS5 over passage text) and
the ``FIRST_STAGE`` best by cosine of MiniLM vectors, fused by reciprocal rank (k=60, the
usual constant: it needs no score calibration between the two lists). Filters then drop
passages that cannot be independent evidence: from documents the article copied from or
that copy it (the trace stage's findings), from the article's own publisher, and dated
more than ``after_days`` after the article. Each surviving passage is cut to the window of
one or two sentences that shares most words with the claim, since the stance model reads
at most 128 tokens; windows are ranked by cosine to the claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from factsift.corpus.model import PassageText
from factsift.corpus.passages import paragraphs, sentences
from factsift.factchecks.preprocess import STOPWORDS, tokens
from factsift.ingest.dates import first_iso_date

FIRST_STAGE = 40
RRF_K = 60
MAX_QUERY_TERMS = 24
MAX_WINDOW_WORDS = 70
MIN_WINDOW_WORDS = 8
_WORD = re.compile(r"\w+")


def query_terms(text: str) -> list[str]:
    """The claim's content words, lower-cased, in order, each once (for an OR query)."""
    words = [w.lower() for w in _WORD.findall(text)]
    keep = [w for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return list(dict.fromkeys(keep))[:MAX_QUERY_TERMS]


def fuse(*rankings: Sequence[int], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion of ranked id lists: (id, score), best first."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank + 1)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def as_date(text: str | None) -> date | None:
    """The first ISO date (or year-month, as its first day) in ``text``; None when none."""
    return first_iso_date(text, month_ok=True)


@dataclass(slots=True)
class SourceFilter:
    """Which passages may serve as independent evidence for this article's claims."""

    article_date: date | None = None
    after_days: int = 7  # evidence up to this many days after the article counts as "around"
    publisher_domains: set[str] = field(default_factory=set)
    publisher_names: set[str] = field(default_factory=set)  # squashed names
    copied_docs: set[int] = field(default_factory=set)  # documents sharing text with it

    def reason(self, passage: PassageText) -> str | None:
        """Why this passage is excluded ("copy", "same_publisher", "after_article"), or None."""
        from factsift.domains import registered_domain
        from factsift.names import squash

        if passage.doc_id in self.copied_docs:
            return "copy"
        domain = registered_domain(passage.url) if passage.url else None
        if domain and domain in self.publisher_domains:
            return "same_publisher"
        if passage.publisher and squash(passage.publisher) in self.publisher_names:
            return "same_publisher"
        published = as_date(passage.date)
        latest = self.article_date + timedelta(days=self.after_days) if self.article_date else None
        if latest is not None and published is not None and published > latest:
            return "after_article"
        return None


@dataclass(slots=True)
class Window:
    """The part of a passage read as evidence: one or two sentences, offsets in the document."""

    passage: PassageText
    start: int
    end: int
    text: str
    overlap: int  # claim words it shares
    relevance: float = 0.0  # cosine to the claim


def match_terms(text: str) -> set[str]:
    """Content words with a light suffix strip, so "vaccines" meets "vaccine" (windows)."""
    return set(tokens(text))


def best_window(claim_terms: set[str], passage: PassageText) -> Window:
    """The one- or two-sentence window of ``passage`` sharing most words with the claim.

    ``claim_terms`` come from ``match_terms``.
    """
    # Sentences inside paragraphs: a headline line has no full stop but is its own unit.
    spans = [s for ps, pe in paragraphs(passage.text) for s in sentences(passage.text, ps, pe)]
    spans = spans or [(0, len(passage.text))]
    best: tuple[int, int, int, int, int] | None = None  # (full, overlap, -words, start, end)
    for i, (start, _end) in enumerate(spans):
        for stop in (i, i + 1):
            if stop >= len(spans):
                continue
            w_end = spans[stop][1]
            chunk = passage.text[start:w_end]
            length = len(_WORD.findall(chunk))
            if stop > i and length > MAX_WINDOW_WORDS:
                continue
            # A headline or fragment says too little to take a stance on: last resort only.
            full = int(length >= MIN_WINDOW_WORDS)
            key = (full, len(claim_terms & match_terms(chunk)), -length, start, w_end)
            if best is None or key[:3] > best[:3]:
                best = key
    assert best is not None  # spans is never empty
    _, overlap, _, start, end = best
    text = passage.text[start:end].strip()
    offset = (
        passage.start
        + start
        + (len(passage.text[start:end]) - len(passage.text[start:end].lstrip()))
    )
    return Window(passage, offset, offset + len(text), text, overlap)


def copies_claim(claim_terms: set[str], window: Window, threshold: float = 0.8) -> bool:
    """The window repeats the claim nearly word for word (a copy, not independent evidence)."""
    words = match_terms(window.text)
    if not words or not claim_terms:
        return False
    return len(words & claim_terms) / len(words | claim_terms) >= threshold


def distinct(windows: Iterable[Window]) -> list[Window]:
    """Drop repeated window texts (the same wire story in several documents): first kept."""
    seen: set[str] = set()
    out = []
    for window in windows:
        key = " ".join(query_terms(window.text))
        if key in seen:
            continue
        seen.add(key)
        out.append(window)
    return out
