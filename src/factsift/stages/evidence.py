"""Evidence: passages of the reference corpus about each claim, their stance, and a status.

For every claim: candidate passages by hybrid retrieval (``factsift.evidence.retrieval``),
minus those that cannot be independent evidence (copies, the article's own publisher,
published well after the article), cut to the sentences that speak to the claim, ranked by
similarity; the ``per_claim`` most similar get a stance from the project's model. A claim
gets a status ("supported", "refuted", "disputed") only when strong passages agree
(``factsift.evidence.verdict``); the finding cites each of them. Every claim's passages,
with stance and probabilities, go to ``article.extras["evidence"]``; with no store or an
empty corpus the section says so and no claim gets a status from evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from factsift.article import Article, Cite, Finding
from factsift.corpus.model import PassageText
from factsift.evidence.figures import figure_conflicts
from factsift.evidence.index import PassageMatrix
from factsift.evidence.retrieval import (
    FIRST_STAGE,
    SourceFilter,
    Window,
    as_date,
    best_window,
    copies_claim,
    distinct,
    fuse,
    match_terms,
    query_terms,
)
from factsift.evidence.verdict import MIN_SOURCES, STRONG, claim_verdict, is_strong
from factsift.store.base import KnowledgeStore

if TYPE_CHECKING:
    from factsift.stance.predictor import StanceResult

# (claims, passages) -> one stance per pair; the default is the packaged model.
StanceFn = Callable[[list[str], list[str]], list["StanceResult"]]
Vectors = npt.NDArray[np.float32]

PER_CLAIM = 3  # passages per claim given a stance (the slow step: ~50 pairs/s)
CANDIDATES = 12  # windows per claim embedded and ranked by similarity
MIN_RELEVANCE = 0.40  # cosine to the claim below which a window is not about the claim
AFTER_DAYS = 7
_COPY_FINDINGS = ("copied_passage", "headline_changed", "unsourced_text")
_SUMMARY = {
    "refuted": "Refuted by the reference corpus: {n} passage(s) from {d} documents contradict "
    "this claim (stance probability at least {floor:.2f}) and none supports it as strongly",
    "supported": "Supported by the reference corpus: {n} passage(s) from {d} documents support "
    "this claim (stance probability at least {floor:.2f}) and none contradicts it as strongly",
    "disputed": "Disputed in the reference corpus: {n} passages from {d} documents take "
    "opposite sides on this claim with stance probability at least {floor:.2f}",
}


class EvidenceStage:
    """Finds evidence passages for the article's claims in the reference corpus."""

    name = "evidence"
    requires = ("claims", "publisher", "trace")
    assigns = ("evidence",)

    def __init__(
        self,
        store: KnowledgeStore | None,
        *,
        after_days: int = AFTER_DAYS,
        per_claim: int = PER_CLAIM,
        stance: StanceFn | None = None,
    ) -> None:
        self.store = store
        self.stance = stance
        self.after_days = after_days
        self.per_claim = per_claim
        self._matrix: tuple[int, PassageMatrix] | None = None  # (vector count, matrix)

    def __call__(self, article: Article) -> Article:
        section: dict[str, Any] = {
            "status": "ok",
            "documents_searched": 0,
            "passages_with_vectors": 0,
            "strong_floor": STRONG,
            "min_sources": MIN_SOURCES,
            "after_days": self.after_days,
            "claims": [],
        }
        article.extras["evidence"] = section
        if self.store is None:
            section["status"] = "no_store"
            section["note"] = "No knowledge store was opened: no evidence was searched."
            return article
        documents = self.store.corpus_size()
        section["documents_searched"] = documents
        if documents == 0:
            section["status"] = "empty"
            section["note"] = (
                "The reference corpus is empty: no evidence was searched, so no claim has a "
                "status from evidence. Import documents with 'factsift corpus import'."
            )
            return article
        if not article.claims:
            return article
        source_filter = self._source_filter(article)
        section["article_date"] = (
            source_filter.article_date.isoformat() if source_filter.article_date else None
        )
        if source_filter.article_date is None:
            section["date_note"] = (
                "The article's date is unknown: evidence was not filtered by date."
            )
        from factsift.factchecks.vectors import encode

        matrix = self._passage_matrix()
        section["passages_with_vectors"] = len(matrix)
        # Vectors exist only for stored passages (deleted with them), so fewer vectors than
        # passages means some have none; two counts on small indexes, not a search.
        if self.store.passage_count() > len(matrix):
            section["vectors_note"] = (
                "Some passages have no vectors and were found by words only: run "
                "'factsift corpus index'."
            )
        claim_vecs = encode([c.text for c in article.claims])
        windows, excluded = self._windows(article, claim_vecs, matrix, source_filter)
        self._rank(claim_vecs, windows)
        stances = self._stance(article, windows)
        for index, claim_windows in enumerate(windows):
            entry = self._claim_entry(
                article.claims[index].text, index, claim_windows, stances, excluded[index]
            )
            section["claims"].append(entry)
            for finding in (self._finding(article, index, entry), _figures(article, index, entry)):
                if finding is not None:
                    article.findings.append(finding)
        return article

    # -- steps -----------------------------------------------------------------------------
    def _source_filter(self, article: Article) -> SourceFilter:
        from factsift.domains import registered_domain
        from factsift.names import squash

        domains: set[str] = set()
        names: set[str] = set()
        publisher = article.publisher
        for url in (article.meta.url, article.source.final_url, publisher and publisher.domain):
            if url and (domain := registered_domain(url)):
                domains.add(domain)
        for name in (publisher and publisher.name, article.meta.site_name):
            if name and (key := squash(name)):
                names.add(key)
        copied = {
            int(cite.ref.split(":")[1])
            for finding in article.findings
            if finding.kind in _COPY_FINDINGS
            for cite in finding.cites
            if cite.kind == "document" and cite.ref and cite.ref.startswith("corpus:")
        }
        return SourceFilter(
            article_date=as_date(article.meta.date),
            after_days=self.after_days,
            publisher_domains=domains,
            publisher_names=names,
            copied_docs=copied,
        )

    def _passage_matrix(self) -> PassageMatrix:
        assert self.store is not None
        count = self.store.passage_vector_count()
        if self._matrix is None or self._matrix[0] != count:
            self._matrix = (count, PassageMatrix.load(self.store))
        return self._matrix[1]

    def _windows(
        self,
        article: Article,
        claim_vecs: Vectors,
        matrix: PassageMatrix,
        source_filter: SourceFilter,
    ) -> tuple[list[list[Window]], list[Counter[str]]]:
        assert self.store is not None
        dense = matrix.top(claim_vecs, FIRST_STAGE)
        terms = [query_terms(c.text) for c in article.claims]
        fused: list[list[int]] = []
        for claim_terms, claim_dense in zip(terms, dense, strict=True):
            lexical = [pid for pid, _ in self.store.search_passages(claim_terms, FIRST_STAGE)]
            ranked = fuse(lexical, [pid for pid, _ in claim_dense])[:FIRST_STAGE]
            fused.append([pid for pid, _ in ranked])
        wanted = sorted({pid for ids in fused for pid in ids})
        passages: dict[int, PassageText] = {
            p.passage_id: p for p in self.store.passage_texts(wanted)
        }
        all_windows: list[list[Window]] = []
        all_excluded: list[Counter[str]] = []
        for claim, ids in zip(article.claims, fused, strict=True):
            excluded: Counter[str] = Counter()
            windows = []
            term_set = match_terms(claim.text)
            for pid in ids:
                passage = passages.get(pid)
                if passage is None:
                    continue
                reason = source_filter.reason(passage)
                if reason is None:
                    window = best_window(term_set, passage)
                    reason = "repeats_claim" if copies_claim(term_set, window) else None
                if reason is not None:
                    excluded[reason] += 1
                    continue
                windows.append(window)
            all_windows.append(distinct(windows)[:CANDIDATES])
            all_excluded.append(excluded)
        return all_windows, all_excluded

    def _rank(self, claim_vecs: Vectors, windows: list[list[Window]]) -> None:
        """Keep, per claim, the ``per_claim`` windows most similar to it (and similar enough)."""
        from factsift.factchecks.vectors import encode

        flat = [w for claim_windows in windows for w in claim_windows]
        vectors = encode([w.text for w in flat])
        position = 0
        for index, claim_windows in enumerate(windows):
            sims = vectors[position : position + len(claim_windows)] @ claim_vecs[index]
            position += len(claim_windows)
            for window, sim in zip(claim_windows, sims, strict=True):
                window.relevance = float(sim)
            kept = sorted(
                (w for w in claim_windows if w.relevance >= MIN_RELEVANCE),
                key=lambda w: -w.relevance,
            )
            claim_windows[:] = kept[: self.per_claim]

    def _stance(self, article: Article, windows: list[list[Window]]) -> dict[int, StanceResult]:
        """Stance of every kept window toward its claim, by ``id(window)``."""
        pairs = [(article.claims[i].text, w) for i, ws in enumerate(windows) for w in ws]
        if not pairs:
            return {}
        if self.stance is None:
            from factsift.stance import predict

            self.stance = predict
        results = self.stance([c for c, _ in pairs], [w.text for _, w in pairs])
        return {id(window): result for (_, window), result in zip(pairs, results, strict=True)}

    def _claim_entry(
        self,
        claim: str,
        index: int,
        windows: list[Window],
        stances: dict[int, StanceResult],
        excluded: Counter[str],
    ) -> dict[str, Any]:
        passages: list[dict[str, Any]] = []
        labels: list[tuple[str, float, int]] = []
        differ: set[int] = set()
        for position, window in enumerate(windows):
            result = stances[id(window)]
            labels.append((result.label, result.confidence, window.passage.doc_id))
            conflicts = figure_conflicts(claim, window.text)
            if conflicts:
                differ.add(position)
            p = window.passage
            passages.append(
                {
                    "doc_id": p.doc_id,
                    "passage_id": p.passage_id,
                    "source": p.label(),
                    "title": p.title,
                    "publisher": p.publisher,
                    "url": p.url,
                    "date": p.date,
                    "span": [window.start, window.end],
                    "text": window.text,
                    "relevance": round(window.relevance, 4),
                    "stance": result.label,
                    "probability": round(result.confidence, 4),
                    "probabilities": result.probabilities,
                    "abstained": result.abstained,
                    "strong": is_strong(result.label, result.confidence)
                    and not (conflicts and result.label == "supports"),
                    "figures_differ": [c.as_dict() for c in conflicts],
                }
            )
        verdict = claim_verdict(labels, figures_differ=differ)
        return {
            "claim": index,
            "status": verdict.status if verdict else "not_enough_evidence",
            "rests_on": verdict.passages if verdict else [],
            "passages": passages,
            "excluded": dict(sorted(excluded.items())),
        }

    def _finding(self, article: Article, index: int, entry: dict[str, Any]) -> Finding | None:
        if entry["status"] == "not_enough_evidence":
            return None
        strong = [entry["passages"][i] for i in entry["rests_on"]]
        first = strong[0]
        summary = (
            _SUMMARY[entry["status"]].format(
                n=len(strong), d=len({p["doc_id"] for p in strong}), floor=STRONG
            )
            + f'. First: "{first["text"]}" ({first["source"]}; {first["stance"]} '
            f"{first['probability']:.2f})."
        )
        cites = [
            Cite(
                "passage",
                f"{p['source']}: {p['stance']} ({p['probability']:.2f})",
                url=p["url"],
                ref=f"corpus:{p['doc_id']}:{p['span'][0]}-{p['span'][1]}",
            )
            for p in strong
        ]
        cites.append(Cite("article", "the claim in the article", span=article.claims[index].span))
        return Finding(
            kind=f"claim_{entry['status']}",
            summary=summary,
            cites=cites,
            claim=index,
            confidence=float(np.max([p["probability"] for p in strong])),
            data={"status": entry["status"], "passages": strong},
        )


def _figures(article: Article, index: int, entry: dict[str, Any]) -> Finding | None:
    """One finding naming the passages that give a figure of the claim differently."""
    differ = [p for p in entry["passages"] if p["figures_differ"]]
    if not differ:
        return None
    parts = []
    for p in differ:
        said = "; ".join(
            f"{', '.join(c['passage'])} where the claim says {c['claim']}"
            for c in p["figures_differ"]
        )
        parts.append(f"{p['source']} gives {said}")
    return Finding(
        kind="figures_differ",
        summary="A figure of this claim is given differently in the reference corpus: "
        + "; ".join(parts)
        + ". The figures are compared by rule; whether they describe the same thing is for "
        "the reader to judge.",
        cites=[
            *(
                Cite(
                    "passage",
                    p["source"],
                    url=p["url"],
                    ref=f"corpus:{p['doc_id']}:{p['span'][0]}-{p['span'][1]}",
                )
                for p in differ
            ),
            Cite("article", "the claim in the article", span=article.claims[index].span),
        ],
        claim=index,
        data={"passages": [p["passage_id"] for p in differ]},
    )
