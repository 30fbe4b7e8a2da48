"""``factsift bench extraction``: body extraction F1 on the article-extraction benchmark."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress


@click.command("extraction")
@click.option(
    "--data",
    "data_path",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the benchmark (ground-truth.json, html/) "
    "[default: $FACTSIFT_DATA/article-extraction-benchmark].",
)
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N pages by name.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def extraction_command(data_path: Path | None, limit: int | None, as_json: bool) -> None:
    """Token-shingle precision, recall and F1 of the extracted article body, and pages/s."""
    # Imported here so that other commands do not pay for loading trafilatura.
    from factsift.bench.extraction import default_data, load_pages, score_pages

    data = data_path or default_data()
    pages = load_pages(data, limit)
    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Extracting pages", total=len(pages))
        result = score_pages(pages, on_page=lambda _page: progress.advance(task))
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
        return
    click.echo(
        f"pages={result.pages} precision={result.precision:.3f} ± {result.precision_std:.3f} "
        f"recall={result.recall:.3f} ± {result.recall_std:.3f} "
        f"F1={result.f1:.3f} ± {result.f1_std:.3f} accuracy={result.accuracy:.3f} "
        f"pages/s={result.pages_per_second:.1f} failed={len(result.failed)}"
    )
