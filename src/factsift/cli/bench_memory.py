"""``factsift bench memory``: peak memory of ``factsift check`` against input size."""

from __future__ import annotations

import json
from pathlib import Path

import click

from factsift.cli.options import data_option

HEADER = f"{'size MB':>8}  {'input bytes':>12}  {'peak RSS MB':>11}  {'wall s':>8}  status"


def _sizes(_ctx: click.Context, _param: click.Parameter, value: str) -> list[float]:
    try:
        sizes = [float(part) for part in value.split(",") if part.strip()]
    except ValueError:
        sizes = []
    if not sizes or any(not 0 < s <= 1024 for s in sizes):
        raise click.BadParameter(f"{value!r}: give sizes in MB, comma-separated, e.g. 0.1,0.5,1")
    return sizes


@click.command("memory")
@click.option(
    "--sizes",
    default="0.1,0.5,1,2,5,10",
    show_default=True,
    callback=_sizes,
    help="Input sizes in MB (2**20 bytes), comma-separated; each is checked in a fresh process.",
)
@click.option(
    "--kb",
    "kb_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Check against this store (an absent file is created empty) [default: --no-kb].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="Report format the check renders (the report is discarded).",
)
@data_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def memory_command(
    sizes: list[float], kb_path: Path | None, fmt: str, data: Path | None, as_json: bool
) -> None:
    """Peak RSS and wall time of `factsift check` on texts of real prose of each size."""
    from factsift.bench.memory import MemoryRow, run
    from factsift.settings import data_dir

    def echo(row: MemoryRow) -> None:
        if not as_json:
            status = "ok" if row.exit_code == 0 else row.error.splitlines()[-1][:80]
            click.echo(
                f"{row.size_mb:>8g}  {row.input_bytes:>12,}  {row.peak_rss_mb:>11,.0f}  "
                f"{row.wall_seconds:>8.1f}  {status}"
            )

    if not as_json:
        click.echo(HEADER)
    rows = run(data or data_dir(), sizes, kb=kb_path, fmt=fmt, on_row=echo)
    if as_json:
        click.echo(json.dumps([row.to_dict() for row in rows], indent=2))
