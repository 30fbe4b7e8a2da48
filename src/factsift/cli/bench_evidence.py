"""``factsift bench evidence``: evidence retrieval, stance and claim status on Climate-FEVER."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("evidence")
@click.option(
    "--data",
    "data_path",
    type=click.Path(path_type=Path),
    required=True,
    help="climate-fever.jsonl (every evidence sentence becomes a corpus document).",
)
@click.option(
    "--split",
    type=click.Choice(["dev", "test", "train", "all"]),
    default="test",
    show_default=True,
    help="Claims scored (split by claim, as in stance training).",
)
@click.option("--limit", type=int, default=0, help="Score only the first N claims.")
@click.option(
    "--kb",
    "kb_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Keep the benchmark corpus in this store (reused when it exists) [default: temporary].",
)
@click.option(
    "--pool",
    type=click.Choice(["all", "scored"]),
    default="all",
    show_default=True,
    help="Corpus: the evidence sentences of every claim, or only of the claims scored.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_evidence_command(
    data_path: Path, split: str, limit: int, kb_path: Path | None, pool: str, as_json: bool
) -> None:
    """Retrieve evidence for Climate-FEVER claims from their pooled evidence sentences."""
    from factsift.bench.evidence import run

    result = run(data_path, split, limit, kb_path, pool)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(
        f"{result['claims']} claims ({split}): recall@{result['passages_per_claim']} "
        f"{result['recall_at_k']}  status accuracy {result['accuracy']}  macro-F1 "
        f"{result['macro_f1']}  coverage {result['coverage']}  precision "
        f"{result['status_precision']}  ({result['claims_per_s']} claims/s)"
    )


@click.command("evidence-scale")
@click.option(
    "--data",
    "data_path",
    type=click.Path(path_type=Path),
    required=True,
    help="climate-fever.jsonl (its sentences make the synthetic passages; claims the queries).",
)
@click.option(
    "--passages",
    type=click.IntRange(min=1),
    default=200_000,
    show_default=True,
    help="Synthetic passages in the store (three random evidence sentences each).",
)
@click.option(
    "--queries",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Climate-FEVER claims timed as queries.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_evidence_scale_command(
    data_path: Path, passages: int, queries: int, as_json: bool
) -> None:
    """First-stage evidence retrieval latency over a large synthetic corpus."""
    from factsift.bench.evidence_scale import run

    result = run(data_path, passages, queries)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(
        f"{passages:,} passages: BM25 {result['bm25_ms_per_claim']} ms/claim, dense "
        f"{result['dense_ms_per_claim']} ms/claim, vectors {result['vectors_memory_mb']} MB"
    )
