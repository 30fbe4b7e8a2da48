"""The default pipeline: which stages run, in which order.

Stages do not import one another; they talk through the ``Article`` and the store.
"""

from __future__ import annotations

from factsift.pipeline import Pipeline, Stage
from factsift.settings import Options
from factsift.store.base import KnowledgeStore


def build_pipeline(store: KnowledgeStore | None, options: Options) -> Pipeline:
    from factsift.language import LanguageStage
    from factsift.stages.assess import AssessStage
    from factsift.stages.evidence import EvidenceStage
    from factsift.stages.factchecks import FactChecksStage
    from factsift.stages.publisher import PublisherStage
    from factsift.stages.sources import SourcesStage
    from factsift.stages.trace import TraceStage

    stages: list[Stage] = [
        LanguageStage(),
        PublisherStage(store),
        _claims_stage(),
    ]
    # Capability stages (fact-check matching, source ratings, trace, evidence) go here.
    stages.append(SourcesStage(store))
    stages.append(FactChecksStage(store))
    stages.append(TraceStage(store))
    if options.evidence:
        stages.append(EvidenceStage(store, after_days=options.evidence_after_days))
    stages.append(AssessStage())
    return Pipeline(stages)


def _claims_stage() -> Stage:
    """Claims scored by the packaged check-worthiness model (a broken install fails here)."""
    from factsift.checkworthiness import load_model, score_sentences, threshold
    from factsift.stages.claims import ClaimsStage

    load_model()
    return ClaimsStage(score_sentences, threshold)
