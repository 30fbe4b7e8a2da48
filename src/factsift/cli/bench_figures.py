"""``factsift bench figures``: how the figure-conflict rule does on labelled pairs."""

from __future__ import annotations

import json
from pathlib import Path

import click

from factsift.cli.bench_stance import pair_data_options


@click.command("figures")
@pair_data_options
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_figures_command(data_path: Path, fmt: str, split: str, as_json: bool) -> None:
    """Where the evidence stage's figure-conflict rule fires, and the gold stance there."""
    from factsift.bench.figures import run

    result = run(data_path, fmt, split)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    share = result["supports_share_fired"]
    click.echo(
        f"{result['pairs']} pairs ({result['split']}): rule fired on {result['fired']} "
        f"{result['fired_by_gold']}; gold 'supports' among them "
        f"{'-' if share is None else f'{share:.2f}'} (all pairs {result['supports_share_all']:.2f})"
    )
