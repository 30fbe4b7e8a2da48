"""``factsift bench notes`` and ``factsift bench notes-sim``: the note scorer's figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from factsift.cli.options import data_option
from factsift.notes.rules import RULE_SETS


def _print(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(result, indent=2, default=float))
        return
    for key, value in result.items():
        click.echo(f"{key:<22} {json.dumps(value, default=float)}")


@click.command("notes")
@data_option
@click.option("--seed", default=0, show_default=True, help="Seed of the factor initialisation.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def notes_command(data: Path | None, seed: int, as_json: bool) -> None:
    """Score the 2021 Birdwatch dumps: statuses, distributions, fit time, stability
    between the March and May dumps, and what the factor separates."""
    from factsift.bench.notes import run_notes_bench
    from factsift.settings import data_dir

    _print(run_notes_bench(data or data_dir(), seed), as_json)


@click.command("notes-sim")
@click.option("--seed", default=0, show_default=True, help="Seed of the simulated world.")
@click.option(
    "--rules",
    type=click.Choice(sorted(RULE_SETS)),
    default="current",
    show_default=True,
    help="Status rules to simulate.",
)
@click.option(
    "--ratings",
    type=int,
    help="Only time scoring this many synthetic ratings (e.g. 1000000), with peak memory.",
)
@click.option("--seeds", default=3, show_default=True, help="Worlds per point of the curve.")
@click.option("--raters", default=400, show_default=True, help="Raters in each world.")
@click.option("--notes", default=300, show_default=True, help="Notes in each world (at least).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def notes_sim_command(
    seed: int,
    rules: str,
    ratings: int | None,
    seeds: int,
    raters: int,
    notes: int,
    as_json: bool,
) -> None:
    """Simulated camps and neutral raters: precision of "helpful" against raters per note,
    the lockstep brigade needed to change a status, and (--ratings) speed and memory."""
    from factsift.bench.notes_sim import run_sim

    result = run_sim(
        seed=seed, rules=rules, ratings=ratings, seeds=seeds, raters=raters, notes=notes
    )
    _print(result, as_json)
