"""``factsift bench``: benchmarks run on demand; results go into BENCHMARKS.md."""

from __future__ import annotations

import click

from factsift.cli.lazy import LazyGroup

BENCHMARKS = {
    "extraction": "factsift.cli.bench_extraction:extraction_command",
    "pipeline": "factsift.cli.bench_pipeline:pipeline_command",
    "language": "factsift.cli.bench_language:language_command",
    "sources": "factsift.cli.bench_sources:bench_sources_command",
    "claim-matching": "factsift.cli.bench_claim_matching:claim_matching_command",
    "claim-matching-scale": "factsift.cli.bench_claim_matching:claim_matching_scale_command",
    "reuse": "factsift.cli.bench_reuse:reuse_command",
    "reuse-scale": "factsift.cli.bench_reuse:reuse_scale_command",
    "checkworthiness": "factsift.cli.bench_checkworthiness:bench_checkworthiness_command",
    "stance": "factsift.cli.bench_stance:bench_stance_command",
    "evidence": "factsift.cli.bench_evidence:bench_evidence_command",
    "evidence-scale": "factsift.cli.bench_evidence:bench_evidence_scale_command",
    "figures": "factsift.cli.bench_figures:bench_figures_command",
    "notes": "factsift.cli.bench_notes:notes_command",
    "notes-sim": "factsift.cli.bench_notes:notes_sim_command",
    "memory": "factsift.cli.bench_memory:memory_command",
    "hostile": "factsift.cli.bench_hostile:hostile_command",
}


@click.group("bench", cls=LazyGroup, lazy=BENCHMARKS)
def bench_group() -> None:
    """Run a benchmark and print its figures (see BENCHMARKS.md)."""
