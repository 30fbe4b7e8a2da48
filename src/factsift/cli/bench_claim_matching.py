"""``factsift bench claim-matching`` and ``claim-matching-scale``."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("claim-matching")
@click.option(
    "--vclaims",
    type=click.Path(exists=True, path_type=Path),
    required=True,
    help="Verified claims: a CheckThat! task 2 folder, a vclaims tarball or a .tsv file.",
)
@click.option(
    "--queries",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="Queries TSV of the split (tweets or debate sentences).",
)
@click.option(
    "--qrels",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="Relevance judgements (qrels TSV) of the same split.",
)
@click.option(
    "--transcripts",
    type=click.Path(exists=True, path_type=Path),
    multiple=True,
    help="Debate transcripts (folder of TSV or .zip; repeatable): a task 2B line found in "
    "one is matched with the line before it and its speaker.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def claim_matching_command(
    vclaims: Path, queries: Path, qrels: Path, transcripts: tuple[Path, ...], as_json: bool
) -> None:
    """MAP@1, MAP@5, MRR and Recall@5 of the hybrid matcher and of BM25 alone on one split."""
    from factsift.bench.claim_matching import run_benchmark

    result = run_benchmark(vclaims, queries, qrels, transcripts=transcripts)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"{result['n_queries']} queries, {result['n_vclaims']} fact-checks")
    for name in ("hybrid", "bm25_baseline"):
        scores = result[name]
        click.echo(
            f"{name:<14} MAP@1 {scores['map@1']:.4f}  MAP@5 {scores['map@5']:.4f}  "
            f"MRR {scores['mrr']:.4f}  Recall@5 {scores['recall@5']:.4f}"
        )


@click.command("claim-matching-scale")
@click.option(
    "--records",
    type=click.IntRange(min=1000),
    default=1_000_000,
    show_default=True,
    help="Fact-check records to index (real ones, then a synthetic scale-up).",
)
@click.option(
    "--queries",
    type=click.IntRange(min=10),
    default=200,
    show_default=True,
    help="First-stage queries to time.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def claim_matching_scale_command(records: int, queries: int, as_json: bool) -> None:
    """Index build rate, memory, first-stage queries/s and a 40-sentence article, at scale."""
    from factsift.bench.claim_matching_scale import run_scale

    result = run_scale(records, queries=queries)
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            click.echo(f"{key:<40} {value}")
