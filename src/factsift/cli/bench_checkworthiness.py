"""``factsift bench checkworthiness``: the model against a TF-IDF + LR baseline."""

from __future__ import annotations

import json
from pathlib import Path

import click

from factsift.bench.datasets.checkworthiness import FORMATS
from factsift.settings import data_dir


@click.command("checkworthiness")
@click.option(
    "--data",
    "data_path",
    type=click.Path(path_type=Path),
    required=True,
    help="A CLEF debate TSV or folder of them, or a ClaimBuster JSON file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="clef-debate",
    show_default=True,
    help="Layout of --data: CLEF debate TSV files or ClaimBuster JSON.",
)
@click.option(
    "--dev-only",
    is_flag=True,
    help="Score only the model's held-out dev debates (with the CLEF-2020 training folder).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_checkworthiness_command(data_path: Path, fmt: str, dev_only: bool, as_json: bool) -> None:
    """F1 (check-worthy class) and MAP per debate, model vs TF-IDF + LR baseline.

    The baseline is trained in the same run on the model's training corpus (from
    $FACTSIFT_DATA or ../shared/data), minus any sentence of the evaluation data.
    """
    from factsift.bench.checkworthiness import run

    result = run(data_path, fmt, data_dir(), dev_only=dev_only)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    for system in ("model", "baseline_tfidf_lr"):
        fig = result[system]
        click.echo(
            f"{system:18} F1 {fig['f1']:.4f}  P {fig['precision']:.4f}  R {fig['recall']:.4f}  "
            f"MAP {fig['map']:.4f}  (threshold {fig['threshold']})"
        )
    click.echo(
        f"{result['sentences']} sentences, {result['check_worthy']} check-worthy, "
        f"{result['groups']} groups; F1 {result['delta_f1_points']:+.2f} points over baseline; "
        f"{result['model_sentences_per_s']} sentences/s"
    )
