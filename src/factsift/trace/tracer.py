"""Trace an article's text to the reference corpus: copied passages, origin, added text.

Candidates come from MinHash + LSH over sliding word windows of the article; each candidate
document is then aligned with the article (``trace.align``). Where several documents hold
the same passage, the earliest-dated one is its origin. Documents identical to the article
(same URL or same text) are the article itself and are skipped; documents dated after the
article cannot be where it copied from and are listed apart.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from factsift.corpus.model import ReuseCandidate, StoredDocument
from factsift.corpus.passages import paragraphs
from factsift.store.base import KnowledgeStore
from factsift.trace.align import Alignment, align, word_diff
from factsift.trace.lsh import store_keys
from factsift.trace.minhash import MinHasher
from factsift.trace.paraphrase import Encoder, paraphrases
from factsift.trace.tokens import Tokens, tokenize

WINDOW = 60  # words per query window
STRIDE = 30
CANDIDATES = 20  # documents aligned per article
PARAPHRASE_CANDIDATES = 3  # documents without a lexical match checked for paraphrases
PARAPHRASE_MIN_HITS = 4  # LSH band collisions such a document needs (stock phrases give 1-2)
MIN_UNSOURCED_WORDS = 5
MIN_QUOTE_WORDS = 4
_UNDATED = "9999"


@dataclass(slots=True)
class CopiedPassage:
    alignment: Alignment
    doc: StoredDocument
    also_in: list[StoredDocument] = field(default_factory=list)  # later or equal copies


@dataclass(slots=True)
class QuoteTrace:
    start: int
    end: int
    text: str
    first: StoredDocument | None  # earliest-dated document holding the quote
    documents: int  # how many documents hold it


@dataclass(slots=True)
class TraceResult:
    corpus_size: int
    passages: list[CopiedPassage] = field(default_factory=list)
    unsourced: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[QuoteTrace] = field(default_factory=list)
    later_documents: list[StoredDocument] = field(default_factory=list)
    copied_chars: int = 0
    text_chars: int = 0
    origin: StoredDocument | None = None  # the source of most copied text
    headline: tuple[str, str] | None = None  # (source title, article title) when changed

    @property
    def copied_share(self) -> float:
        return self.copied_chars / self.text_chars if self.text_chars else 0.0


def _sha(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def query_windows(
    text: str, tokens: Tokens, window: int = WINDOW, stride: int = STRIDE
) -> list[str]:
    """Overlapping pieces of ``window`` words, every ``stride`` words, covering the text."""
    n = len(tokens.words)
    if n <= window:
        return [text] if n else []
    starts = list(range(0, n - window + 1, stride))
    if starts[-1] + window < n:
        starts.append(n - window)
    return [text[tokens.starts[s] : tokens.ends[s + window - 1]] for s in starts]


def candidate_documents(
    store: KnowledgeStore, text: str, tokens: Tokens, hasher: MinHasher, limit: int = CANDIDATES
) -> list[ReuseCandidate]:
    windows = query_windows(text, tokens)
    if not windows:
        return []
    keys: list[int] = []
    for signature in hasher.signatures(windows):
        keys.extend(store_keys(signature))
    return store.reuse_candidates(sorted(set(keys)), limit=limit)


def _is_self(doc: StoredDocument, url: str | None, text_hash: str) -> bool:
    return bool(url and doc.url and doc.url == url) or _sha(doc.text) == text_hash


def _date_key(doc: StoredDocument) -> str:
    return doc.date or _UNDATED


def choose_origins(found: list[tuple[Alignment, StoredDocument]]) -> list[CopiedPassage]:
    """One passage per article region: the earliest-dated document wins, longer first."""
    ranked = sorted(
        found,
        key=lambda p: (_date_key(p[1]), -(p[0].article_end - p[0].article_start), p[1].doc_id),
    )
    chosen: list[CopiedPassage] = []
    for alignment, doc in ranked:
        length = alignment.article_end - alignment.article_start
        covering = None
        for passage in chosen:
            a = passage.alignment
            overlap = min(a.article_end, alignment.article_end) - max(
                a.article_start, alignment.article_start
            )
            if overlap > 0.5 * length:
                covering = passage
                break
        if covering is not None:
            if doc.doc_id != covering.doc.doc_id and doc not in covering.also_in:
                covering.also_in.append(doc)
            continue
        chosen.append(CopiedPassage(alignment, doc))
    return sorted(chosen, key=lambda p: p.alignment.article_start)


def _union_length(spans: Sequence[tuple[int, int]]) -> int:
    total, end = 0, -1
    for s, e in sorted(spans):
        if e <= end:
            continue
        total += e - max(s, end)
        end = e
    return total


def unsourced_spans(text: str, copied: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraph pieces outside every copied span, with at least a few words."""
    out: list[tuple[int, int]] = []
    for p0, p1 in paragraphs(text):
        pos = p0
        for s, e in sorted(copied):
            if e <= pos or s >= p1:
                continue
            if s > pos:
                out.append((pos, s))
            pos = max(pos, e)
        if pos < p1:
            out.append((pos, p1))
    trimmed: list[tuple[int, int]] = []
    for s, e in out:
        piece = text[s:e]
        lead = len(piece) - len(piece.lstrip())
        s, e = s + lead, s + len(piece.rstrip())
        if len(re.findall(r"\w+", text[s:e])) >= MIN_UNSOURCED_WORDS:
            trimmed.append((s, e))
    return trimmed


def trace_quotes(
    store: KnowledgeStore,
    quotes: Sequence[tuple[int, int, str]],
    url: str | None,
    text_hash: str,
) -> list[QuoteTrace]:
    out: list[QuoteTrace] = []
    for start, end, quote in quotes:
        if len(re.findall(r"\w+", quote)) < MIN_QUOTE_WORDS:
            continue
        wanted = _norm(quote)
        docs = []
        for doc_id in store.documents_with_phrase(quote):
            doc = store.document(doc_id)
            if doc is not None and not _is_self(doc, url, text_hash) and wanted in _norm(doc.text):
                docs.append(doc)
        docs.sort(key=lambda d: (_date_key(d), d.doc_id))
        out.append(QuoteTrace(start, end, quote, docs[0] if docs else None, len(docs)))
    return out


def trace_text(
    store: KnowledgeStore | None,
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    date: str | None = None,
    quotes: Sequence[tuple[int, int, str]] = (),
    headline_span: tuple[int, int] | None = None,
    hasher: MinHasher | None = None,
    encoder: Encoder | None = None,
) -> TraceResult:
    """Everything the trace section reports about one article text."""
    size = store.corpus_size() if store is not None else 0
    result = TraceResult(corpus_size=size, text_chars=len(text))
    if store is None or size == 0:
        return result
    hasher = hasher or MinHasher()
    tokens = tokenize(text)
    text_hash = _sha(text)
    found: list[tuple[Alignment, StoredDocument]] = []
    unaligned: list[StoredDocument] = []  # candidates worth a paraphrase check
    for candidate in candidate_documents(store, text, tokens, hasher):
        doc = store.document(candidate.doc_id)
        if doc is None or _is_self(doc, url, text_hash):
            continue
        later = bool(date and doc.date and doc.date[:10] > date[:10])
        alignments = align(text, tokens, doc.text, tokenize(doc.text))
        if not alignments:
            if (
                not later
                and candidate.hits >= PARAPHRASE_MIN_HITS
                and len(unaligned) < PARAPHRASE_CANDIDATES
            ):
                unaligned.append(doc)
            continue
        if later:
            result.later_documents.append(doc)
            continue
        found.extend((a, doc) for a in alignments)
    if encoder is not None:
        found.extend(_paraphrased(encoder, text, found, unaligned))
    result.passages = choose_origins(found)
    spans = [(p.alignment.article_start, p.alignment.article_end) for p in result.passages]
    result.copied_chars = _union_length(spans)
    if result.passages:
        # The headline is compared with the origin's title instead (headline_changed).
        result.unsourced = [
            (s, e)
            for s, e in unsourced_spans(text, spans)
            if not (headline_span and s < headline_span[1] and headline_span[0] < e)
            and not (title and _norm(text[s:e]) == _norm(title))
        ]
        by_doc: dict[int, int] = {}
        for p in result.passages:
            length = p.alignment.article_end - p.alignment.article_start
            by_doc[p.doc.doc_id] = by_doc.get(p.doc.doc_id, 0) + length
        top = max(by_doc.items(), key=lambda kv: kv[1])[0]
        result.origin = next(p.doc for p in result.passages if p.doc.doc_id == top)
        if title and result.origin.title and _norm(title) != _norm(result.origin.title):
            result.headline = (result.origin.title, title)
    result.quotes = trace_quotes(store, quotes, url, text_hash)
    return result


def _paraphrased(
    encoder: Encoder,
    text: str,
    found: list[tuple[Alignment, StoredDocument]],
    unaligned: list[StoredDocument],
) -> list[tuple[Alignment, StoredDocument]]:
    """Paraphrased sentences of documents that share passages or LSH buckets with the text."""
    docs: dict[int, StoredDocument] = {d.doc_id: d for _, d in found}
    docs.update((d.doc_id, d) for d in unaligned)
    covered = [(a.article_start, a.article_end) for a, _ in found]
    sources = [
        (d.text, [(a.source_start, a.source_end) for a, x in found if x.doc_id == d.doc_id])
        for d in docs.values()
    ]
    out: list[tuple[Alignment, StoredDocument]] = []
    for doc, alignments in zip(
        docs.values(), paraphrases(encoder, text, covered, sources), strict=True
    ):
        out.extend((a, doc) for a in alignments)
    return out


def doc_json(doc: StoredDocument) -> dict[str, Any]:
    return {
        "id": doc.doc_id,
        "title": doc.title,
        "publisher": doc.publisher,
        "date": doc.date,
        "url": doc.url,
        "label": doc.label(),
    }


def section(result: TraceResult, text: str) -> dict[str, Any]:
    """The plain-JSON trace section for ``article.extras["trace"]``."""
    if result.corpus_size == 0:
        return {
            "status": "no_corpus",
            "summary": "The reference corpus holds nothing to compare with; no copying "
            "can be claimed or ruled out. Import documents with 'factsift corpus import'.",
            "corpus_documents": 0,
            "passages": [],
            "unsourced": [],
            "quotes": [],
        }
    passages = []
    for p in result.passages:
        a = p.alignment
        source_text = p.doc.text[a.source_start : a.source_end]
        article_text = text[a.article_start : a.article_end]
        passages.append(
            {
                "article_span": [a.article_start, a.article_end],
                "kind": a.kind,
                "similarity": a.similarity,
                "source": doc_json(p.doc),
                "source_span": [a.source_start, a.source_end],
                "source_text": source_text,
                "diff": [list(pair) for pair in word_diff(source_text, article_text)],
                "also_in": [doc_json(d) for d in p.also_in],
            }
        )
    if result.passages:
        origin = result.origin.label() if result.origin else "unknown"
        summary = (
            f"{result.copied_share:.0%} of the text was found in {len(result.passages)} "
            f"passage(s) of earlier documents; origin: {origin}."
        )
    else:
        summary = (
            f"No passage of this text was found in the {result.corpus_size} reference "
            "documents. That does not show it is original: the corpus may not hold the source."
        )
    return {
        "status": "copied" if result.passages else "no_match",
        "summary": summary,
        "corpus_documents": result.corpus_size,
        "copied_share": round(result.copied_share, 4),
        "origin": doc_json(result.origin) if result.origin else None,
        "passages": passages,
        "unsourced": [{"span": [s, e], "text": text[s:e]} for s, e in result.unsourced],
        "headline": (
            {
                "source_title": result.headline[0],
                "article_title": result.headline[1],
                "diff": [list(x) for x in word_diff(result.headline[0], result.headline[1])],
            }
            if result.headline
            else None
        ),
        "quotes": [
            {
                "span": [q.start, q.end],
                "text": q.text,
                "first_appearance": doc_json(q.first) if q.first else None,
                "documents": q.documents,
            }
            for q in result.quotes
        ],
        "later_documents": [doc_json(d) for d in result.later_documents],
    }
