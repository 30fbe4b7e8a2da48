"""Paraphrased sentences: article sentences whose meaning matches a source sentence.

Sentences left over by the lexical alignment are embedded with the packaged MiniLM model
(``factsift.embed``) and paired with the most similar sentence of the same candidate
document; pairs at or above ``THRESHOLD`` cosine are paraphrases. Adjacent paraphrased
sentences from one document become one passage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from factsift.corpus.passages import paragraphs, sentences
from factsift.trace.align import Alignment

THRESHOLD = 0.88  # cosine; measured on Clough-Stevenson (docs/trace.md): few false pairs above
MIN_WORDS = 8  # shorter sentences match too easily
MERGE_GAP = 3  # characters of whitespace between merged sentences


class Encoder(Protocol):
    def encode(self, texts: Sequence[str], batch_size: int = 64) -> npt.NDArray[np.float32]: ...


def sentence_spans(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for p0, p1 in paragraphs(text):
        out.extend(sentences(text, p0, p1))
    return [(s, e) for s, e in out if len(re.findall(r"\w+", text[s:e])) >= MIN_WORDS]


def _outside(span: tuple[int, int], covered: Sequence[tuple[int, int]]) -> bool:
    s, e = span
    inside = sum(max(0, min(e, ce) - max(s, cs)) for cs, ce in covered)
    return inside < 0.5 * (e - s)


def paraphrases(
    encoder: Encoder,
    article: str,
    article_covered: Sequence[tuple[int, int]],
    sources: Sequence[tuple[str, Sequence[tuple[int, int]]]],
    threshold: float = THRESHOLD,
) -> list[list[Alignment]]:
    """For each source (text, its spans already aligned), the paraphrase alignments."""
    todo = [sp for sp in sentence_spans(article) if _outside(sp, article_covered)]
    if not todo or not sources:
        return [[] for _ in sources]
    source_spans = [
        [sp for sp in sentence_spans(text) if _outside(sp, covered)] for text, covered in sources
    ]
    texts = [article[s:e] for s, e in todo]
    for (text, _), spans in zip(sources, source_spans, strict=True):
        texts.extend(text[s:e] for s, e in spans)
    vectors = encoder.encode(texts)
    a_vec = vectors[: len(todo)]
    out: list[list[Alignment]] = []
    offset = len(todo)
    for spans in source_spans:
        s_vec = vectors[offset : offset + len(spans)]
        offset += len(spans)
        if not spans:
            out.append([])
            continue
        sims = a_vec @ s_vec.T
        best = sims.argmax(axis=1)
        pairs = [
            (todo[i], spans[int(best[i])], float(sims[i, best[i]]))
            for i in range(len(todo))
            if sims[i, best[i]] >= threshold
        ]
        out.append(_merge(article, pairs))
    return out


def _merge(
    article: str, pairs: list[tuple[tuple[int, int], tuple[int, int], float]]
) -> list[Alignment]:
    merged: list[list[float]] = []
    for (a0, a1), (s0, s1), sim in sorted(pairs):
        if merged and not article[int(merged[-1][1]) : a0].strip():
            last = merged[-1]
            last[1], last[2], last[3] = a1, min(last[2], s0), max(last[3], s1)
            last[4] = min(last[4], sim)
            continue
        merged.append([a0, a1, s0, s1, sim])
    return [
        Alignment(int(a0), int(a1), int(s0), int(s1), "paraphrase", round(sim, 3))
        for a0, a1, s0, s1, sim in merged
    ]
