"""``factsift bench reuse`` and ``factsift bench reuse-scale``: text-reuse benchmarks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from factsift.cli.options import data_option
from factsift.settings import data_dir


def _print(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        click.echo(f"{key:<34} {json.dumps(value)}")


@click.command("reuse")
@click.option("--seed", default=1, show_default=True, help="Seed of the generated cases.")
@click.option("--cases", default=100, show_default=True, help="Generated articles.")
@click.option("--distractors", default=300, show_default=True, help="Unrelated documents.")
@click.option(
    "--texts",
    "politifact",
    default=3000,
    show_default=True,
    help="PolitiFact texts read (with all FakeNewsNet and FakeNewsCorpus sample texts).",
)
@click.option("--no-clough", is_flag=True, help="Skip the Clough-Stevenson classification.")
@click.option(
    "--paraphrase", is_flag=True, help="Also look for paraphrased sentences (MiniLM; slower)."
)
@data_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def reuse_command(
    seed: int,
    cases: int,
    distractors: int,
    politifact: int,
    no_clough: bool,
    paraphrase: bool,
    data: Path | None,
    as_json: bool,
) -> None:
    """Copied-passage detection on generated cases (PAN precision, recall, granularity,
    plagdet), and reuse-level accuracy on the Clough-Stevenson corpus."""
    from factsift.bench.reuse import run_reuse
    from factsift.bench.reuse_clough import run_clough

    root = data or data_dir()
    result = run_reuse(
        root,
        seed,
        cases=cases,
        distractors=distractors,
        politifact=politifact,
        paraphrase=paraphrase,
    )
    if not no_clough:
        result["clough_stevenson"] = run_clough(root)
    _print(result, as_json)


@click.command("reuse-scale")
@click.option("--docs", default=100_000, show_default=True, help="Documents to hash and index.")
@click.option("--seed", default=0, show_default=True, help="Seed of the synthetic documents.")
@click.option(
    "--store-docs",
    default=0,
    show_default=True,
    help="Also import this many documents into a temporary SQLite store and time its query.",
)
@click.option(
    "--texts",
    "politifact",
    default=3000,
    show_default=True,
    help="PolitiFact texts read for sentences (with FakeNewsNet and FakeNewsCorpus).",
)
@click.option(
    "--reference-sample",
    default=2000,
    show_default=True,
    help="Documents also hashed with datasketch, for the reference rate.",
)
@data_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def reuse_scale_command(
    docs: int,
    seed: int,
    store_docs: int,
    politifact: int,
    reference_sample: int,
    data: Path | None,
    as_json: bool,
) -> None:
    """MinHash hashing rate (and datasketch's), LSH index size, query latency of an article."""
    from factsift.bench.reuse_scale import run_scale

    result = run_scale(
        data or data_dir(),
        docs,
        seed,
        reference_sample=reference_sample,
        store_docs=store_docs,
        politifact=politifact,
    )
    _print(result, as_json)


reuse_commands = (reuse_command, reuse_scale_command)
