"""``factsift bench sources``: rating coverage, agreement between lists, unrated predictor."""

from __future__ import annotations

import json
from pathlib import Path

import click

from factsift.bench.datasets.baly import load_baly
from factsift.bench.sources import run
from factsift.bench.sources_predictor import evaluate, train_name_model
from factsift.cli.output import check_output_path, write_output
from factsift.settings import data_dir, default_kb_path
from factsift.store.base import open_store


@click.command("sources")
@click.option(
    "--kb",
    "kb_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="FACTSIFT_KB",
    help="Store with the rating lists imported (factsift kb import public-ratings).",
)
@click.option(
    "--fold",
    "folds",
    type=click.IntRange(0, 4),
    multiple=True,
    help="Evaluate the predictor on these Baly folds only [default: all five].",
)
@click.option(
    "--save-model",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also train the name model on all of Baly 2018 and write its weights (JSON) here.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def bench_sources_command(
    kb_path: Path | None, folds: tuple[int, ...], save_model: Path | None, as_json: bool
) -> None:
    """Coverage, pairwise agreement (Spearman) and the unrated-domain predictor."""
    if save_model is not None:
        check_output_path(save_model, "--save-model")  # before minutes of work
    with open_store(kb_path or default_kb_path(), create=False) as store:
        result = run(store, data_dir(), folds=list(folds) or None)
    if save_model is not None:
        baly = load_baly(data_dir() / "baly-news-media-reliability")
        weights = train_name_model(baly, evaluate(baly, "name"))
        write_output(save_model, json.dumps(weights, indent=1) + "\n", "--save-model")
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    for name, cov in result["coverage"].items():
        click.echo(f"coverage {name}: {cov['rated']}/{cov['domains']} = {cov['coverage']}")
    for row in result["agreement"]:
        click.echo(f"spearman {row['a']} ~ {row['b']}: {row['spearman']} (n={row['domains']})")
    for key in ("name", "name+articles", "name+articles+metadata"):
        p = result["predictor"].get(key)
        if p:
            click.echo(f"predictor [{key}]: accuracy {p['accuracy']} macro-F1 {p['macro_f1']}")
