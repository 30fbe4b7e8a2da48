"""``factsift bench stance``: accuracy, macro-F1 and ECE of the stance model."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from factsift.bench.stance import FORMATS, SPLITS

F = TypeVar("F", bound=Callable[..., Any])


def pair_data_options(command: F) -> F:
    """--data, --format and --split of the benchmarks reading labelled claim-passage pairs."""
    command = click.option(
        "--split",
        type=click.Choice(SPLITS),
        default="default",
        show_default=True,
        help="Part by claim (default: test for climate-fever and averitec, all for fever).",
    )(command)
    command = click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        required=True,
        help="Which data set --data holds.",
    )(command)
    return click.option(
        "--data",
        "data_path",
        type=click.Path(path_type=Path),
        required=True,
        help="climate-fever.jsonl, fever_symmetric_*.jsonl or AVeriTeC train/dev .json.",
    )(command)


@click.command("stance")
@pair_data_options
@click.option("--limit", type=int, default=0, help="Score only the first N pairs.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_stance_command(data_path: Path, fmt: str, split: str, limit: int, as_json: bool) -> None:
    """Score claim-evidence pairs with the stance model."""
    from factsift.bench.stance import run

    result = run(data_path, fmt, split, limit)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(
        f"{result['pairs']} pairs ({result['split']}): accuracy {result['accuracy']:.4f}  "
        f"macro-F1 {result['macro_f1']:.4f}  ECE {result['ece']:.4f}  "
        f"{result['pairs_per_s']} pairs/s"
    )
