"""``factsift bench pipeline``: whole-pipeline speed next to its parts, and start-up time."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress


@click.command("pipeline")
@click.option(
    "--data",
    "data_path",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the article-extraction benchmark "
    "[default: $FACTSIFT_DATA/article-extraction-benchmark].",
)
@click.option("--limit", type=click.IntRange(min=1), help="Use only the first N pages by name.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def pipeline_command(data_path: Path | None, limit: int | None, as_json: bool) -> None:
    """Articles/s of the whole pipeline vs. extraction and spaCy alone, in one run."""
    from factsift.bench.pipeline import run

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Checking pages", total=limit or 181)
        result = run(data_path, limit=limit, on_page=lambda _page: progress.advance(task))
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
        return
    click.echo(
        f"pages={result.pages} pipeline={result.pipeline_pages_per_second:.1f} pages/s "
        f"parts={result.parts_pages_per_second:.1f} pages/s "
        f"(extraction {result.extraction_seconds:.1f} s + spaCy {result.spacy_seconds:.1f} s) "
        f"ratio={result.ratio_to_parts:.2f} start-up={result.startup_seconds:.2f} s"
    )
