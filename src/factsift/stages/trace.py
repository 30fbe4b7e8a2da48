"""Trace: which passages were copied from earlier documents, from where, and what was added.

Findings cite both the source document and the article span, so the report can mark the
passage. With no store, or an empty corpus, the section says there is nothing to compare
with and no finding claims copying.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from factsift.article import Article, Cite, Finding, Span
from factsift.corpus.model import StoredDocument
from factsift.store.base import KnowledgeStore
from factsift.trace.tracer import TraceResult, section, trace_text


def _doc_cite(doc: StoredDocument) -> Cite:
    return Cite("document", doc.label(), url=doc.url, ref=f"corpus:{doc.doc_id}")


_HOW = {
    "verbatim": "copied word for word from",
    "near-verbatim": "copied with a few words changed from",
    "paraphrase": "paraphrased from",
}


class _LazyEncoder:
    """Loads the packaged MiniLM on the first paraphrase check (most articles need none)."""

    def __init__(self) -> None:
        self.note: str | None = None  # why paraphrase detection is off, when it is

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> npt.NDArray[np.float32]:
        from factsift.embed import DIM, ModelMissingError, default_embedder

        try:
            return default_embedder().encode(texts, batch_size)
        except ModelMissingError as exc:
            self.note = f"Paraphrase detection is off: {exc}"
            return np.zeros((len(texts), DIM), dtype=np.float32)  # matches nothing


class TraceStage:
    name = "trace"
    requires = ("sentences", "quotes")
    assigns = ("trace",)

    def __init__(self, store: KnowledgeStore | None, *, paraphrase: bool = True) -> None:
        self.store = store
        self.encoder = _LazyEncoder() if paraphrase else None

    def __call__(self, article: Article) -> Article:
        meta = article.meta
        quotes = [(q.span.start, q.span.end, q.text) for q in article.quotes]
        headline = meta.headline_span
        result = trace_text(
            self.store,
            article.text,
            title=meta.title,
            url=meta.url or article.source.final_url,
            date=meta.date,
            quotes=quotes,
            encoder=self.encoder,
            headline_span=(headline.start, headline.end) if headline else None,
        )
        article.extras["trace"] = section(result, article.text)
        if self.encoder is not None and self.encoder.note:
            article.extras["trace"]["note"] = self.encoder.note
        article.findings.extend(_findings(article, result))
        return article


def _findings(article: Article, result: TraceResult) -> list[Finding]:
    out: list[Finding] = []
    for p in result.passages:
        a = p.alignment
        span = Span(a.article_start, a.article_end)
        out.append(
            Finding(
                kind="copied_passage",
                summary=(
                    f"A passage of {a.article_end - a.article_start} characters was "
                    f"{_HOW[a.kind]} {p.doc.label()}."
                ),
                cites=[_doc_cite(p.doc), Cite("article", "copied passage", span=span)],
                confidence=a.similarity,
                data={
                    "kind": a.kind,
                    "source_span": [a.source_start, a.source_end],
                    "also_in": [d.doc_id for d in p.also_in],
                },
            )
        )
    if result.passages and result.origin is not None:
        for start, end in result.unsourced:
            out.append(
                Finding(
                    kind="unsourced_text",
                    summary=(
                        "This text is not in the document the rest was copied from, and was not "
                        "found elsewhere in the reference corpus: it was added, or its source "
                        "is not in the corpus."
                    ),
                    cites=[
                        Cite("article", "added text", span=Span(start, end)),
                        _doc_cite(result.origin),
                    ],
                )
            )
    if result.headline is not None and result.origin is not None:
        source_title, article_title = result.headline
        headline_span = article.meta.headline_span
        out.append(
            Finding(
                kind="headline_changed",
                summary=(
                    f"The headline differs from the origin's: '{source_title}' became "
                    f"'{article_title}'."
                ),
                cites=[
                    _doc_cite(result.origin),
                    Cite("article", "headline", span=headline_span),
                ],
                data={"source_title": source_title, "article_title": article_title},
            )
        )
    for q in result.quotes:
        if q.first is None:
            continue
        out.append(
            Finding(
                kind="quote_origin",
                summary=(
                    f"This quote first appears in {q.first.label()} "
                    f"({q.documents} reference document(s) hold it)."
                ),
                cites=[_doc_cite(q.first), Cite("article", "quote", span=Span(q.start, q.end))],
                data={"documents": q.documents},
            )
        )
    return out
