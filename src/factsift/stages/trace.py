"""Trace: which passages were copied from earlier documents, from where, and what was added.

Findings cite both the source document and the article span, so the report can mark the
passage. With no store, or an empty corpus, the section says there is nothing to compare
with and no finding claims copying.
"""

from __future__ import annotations

from factsift.article import Article, Cite, Finding, Span
from factsift.corpus.model import StoredDocument
from factsift.store.base import KnowledgeStore
from factsift.trace.paraphrase import Encoder
from factsift.trace.tracer import TraceResult, section, trace_text


def _doc_cite(doc: StoredDocument) -> Cite:
    return Cite("document", doc.label(), url=doc.url, ref=f"corpus:{doc.doc_id}")


_HOW = {
    "verbatim": "copied word for word from",
    "near-verbatim": "copied with a few words changed from",
    "paraphrase": "paraphrased from",
}


class TraceStage:
    name = "trace"
    requires = ("sentences", "quotes")
    assigns = ("trace",)

    def __init__(self, store: KnowledgeStore | None, *, paraphrase: bool = True) -> None:
        self.store = store
        self.paraphrase = paraphrase
        self.note: str | None = None  # why paraphrase detection is off, when it is

    def _encoder(self) -> Encoder | None:
        if not self.paraphrase:
            return None
        from factsift.embed import ModelMissingError, default_embedder

        try:
            return default_embedder()
        except ModelMissingError as exc:
            self.note = f"Paraphrase detection is off: {exc}"
            return None

    def __call__(self, article: Article) -> Article:
        meta = article.meta
        quotes = [(q.span.start, q.span.end, q.text) for q in article.quotes]
        result = trace_text(
            self.store,
            article.text,
            title=meta.title,
            url=meta.url or article.source.final_url,
            date=meta.date,
            quotes=quotes,
            encoder=self._encoder()
            if self.store is not None and self.store.corpus_size()
            else None,
            headline_span=(meta.headline_span.start, meta.headline_span.end)
            if meta.headline_span
            else None,
        )
        article.extras["trace"] = section(result, article.text)
        if self.note:
            article.extras["trace"]["note"] = self.note
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
                        "This text is not in the source the rest was copied from, nor in any "
                        "other reference document: it was added."
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
