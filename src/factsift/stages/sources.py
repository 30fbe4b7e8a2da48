"""Investigate the source: ratings of the publisher from independent lists, its former
domains and aliases, and what the author box and the corpus say about the author."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from factsift.article import Article, Cite, Finding, Publisher
from factsift.domains import lookup_keys
from factsift.sources import authors, section
from factsift.sources.model import FamilyMember
from factsift.sources.predictor import Prediction, predict
from factsift.store.base import KnowledgeStore


class SourcesStage:
    name = "sources"
    requires = ("publisher",)
    assigns = ("source_ratings",)

    def __init__(self, store: KnowledgeStore | None) -> None:
        self.store = store

    def __call__(self, article: Article) -> Article:
        data, findings = self._ratings(article)
        box_data, box_findings = authors.author_box_signals(article)
        if box_data:
            data["author"] = box_data
            findings.extend(box_findings)
            if self.store is not None and article.author_box is not None:
                name = article.author_box.name
                documents = self.store.author_documents(name)
                if documents is not None:  # the store holds a reference corpus
                    corpus_data, corpus_findings = authors.corpus_signals(name, documents)
                    data["author"].update(corpus_data)
                    findings.extend(corpus_findings)
        article.extras["sources"] = data
        article.findings.extend(findings)
        return article

    def _ratings(self, article: Article) -> tuple[dict[str, Any], list[Finding]]:
        publisher = article.publisher
        if self.store is None:
            return {"status": "no_store"}, [
                Finding(
                    kind="source_unrated",
                    summary="No knowledge store was opened, so no rating list was searched. "
                    "Run 'factsift kb import public-ratings' and check without --no-kb.",
                    cites=[Cite(kind="rule", label="no knowledge store")],
                )
            ]
        lists = self.store.rating_lists()
        if publisher is None:
            return {"status": "no_publisher"}, [
                section.unrated_finding("an unidentified publisher", lists)
            ]
        source_id = self._source_id(publisher)
        family: list[FamilyMember] = self.store.source_family(source_id) if source_id else []
        domains = [m.domain for m in family]
        if publisher.domain and publisher.domain not in domains:
            extra = [k for k in lookup_keys(publisher.domain) if k not in domains]
            family = family or [FamilyMember(extra[0], "self")] if extra else family
            domains += [k for k in extra if k not in domains]
        if not domains:
            who = publisher.name or "the publisher"
            return {"status": "unresolved", "publisher": {"name": publisher.name}}, [
                section.unrated_finding(f"{who} (no known domain)", lists)
            ]
        ratings = self.store.ratings_for_domains(domains)
        data, findings = section.build(publisher, family, ratings, lists)
        listed = self.store.source_by_domain(domains[0])
        data.setdefault("publisher", {})["listed_name"] = listed.name if listed else None
        data["status"] = "rated" if data["ratings"] else "unrated"
        if not data["ratings"]:
            guess = predict(domains[0])
            if guess is not None:
                data["prediction"] = asdict(guess)
                findings.append(_prediction_finding(domains[0], guess))
        return data, findings

    def _source_id(self, publisher: Publisher) -> int | None:
        assert self.store is not None
        if publisher.domain:
            for key in lookup_keys(publisher.domain):
                match = self.store.source_by_domain(key)
                if match is not None:
                    return match.source_id
        if publisher.source_id is not None:
            return publisher.source_id
        if publisher.name:
            matches = self.store.find_sources_by_name(publisher.name)
            if matches:
                return matches[0].source_id
        return None


def _prediction_finding(domain: str, guess: Prediction) -> Finding:
    odds = ", ".join(f"{label} {p:.0%}" for label, p in guess.probabilities.items())
    return Finding(
        kind="source_prediction",
        summary=f"Prediction, not a rating: from its name alone, a model guesses factual "
        f"reporting '{guess.label}' for {domain} ({odds}). The model is weak: on Baly et al. "
        f"2018's held-out folds it is right {guess.accuracy:.0f}% of the time "
        f"(macro-F1 {guess.macro_f1:.0f}).",
        cites=[Cite(kind="rule", label="domain-name model trained on Baly et al. 2018 (MBFC)")],
        confidence=max(guess.probabilities.values()),
        data={"label": guess.label, "probabilities": guess.probabilities},
    )
