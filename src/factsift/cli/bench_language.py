"""``factsift bench language``: the language stage's speed next to spaCy alone."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress


@click.command("language")
@click.option(
    "--data",
    "data_path",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder holding article-extraction-benchmark/ [default: $FACTSIFT_DATA].",
)
@click.option(
    "--acceptance",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also time this text file (the acceptance article), as its own row.",
)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="Article bodies to use, first by page name.")  # fmt: skip
@click.option("--repeat", type=click.IntRange(min=1), default=1, show_default=True,
              help="Times over the texts (more gives steadier figures).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def language_command(
    data_path: Path | None, acceptance: Path | None, limit: int, repeat: int, as_json: bool
) -> None:
    """Articles/s of the language stage vs. spaCy with all components, same texts."""
    from factsift.bench.language import load_texts, run
    from factsift.settings import data_dir

    rows = {}
    if acceptance is not None:
        text = load_texts(data_path or data_dir(), 0, acceptance)
        rows["acceptance"] = run(text, repeat=max(repeat, 10))
    texts = load_texts(data_path or data_dir(), limit, None)
    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Parsing texts", total=len(texts) * repeat)
        rows["benchmark"] = run(texts, lambda _i: progress.advance(task), repeat=repeat)
    if as_json:
        click.echo(json.dumps({k: v.to_dict() for k, v in rows.items()}, indent=2))
        return
    for name, r in rows.items():
        click.echo(
            f"{name}: texts={r.texts} stage={r.stage_per_second:.2f} articles/s "
            f"spaCy={r.spacy_full_per_second:.2f} articles/s ratio={r.ratio_to_spacy:.2f} "
            f"rules={r.rules_share:.0%} of stage time (CPU seconds of this process)"
        )
