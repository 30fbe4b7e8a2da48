"""``factsift corpus``: the reference corpus that ``trace`` compares articles with."""

from __future__ import annotations

import json
from pathlib import Path

import click

from factsift.cli.options import kb_option
from factsift.settings import default_kb_path
from factsift.store.base import open_store


@click.group("corpus")
def corpus_group() -> None:
    """Import and inspect the reference corpus (earlier articles) used to trace copying."""


@corpus_group.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "warc", "html"]),
    help="Input format [default: from the file name; a folder is read as HTML pages].",
)
@click.option(
    "--columns",
    help="CSV column mapping FIELD=COLUMN,... (fields: url, title, text, date, publisher, "
    "author), e.g. 'text=content,publisher=domain'.",
)
@click.option("--batch-size", default=200, show_default=True, help="Documents per transaction.")
@click.option(
    "--restart", is_flag=True, help="Ignore the checkpoint of an earlier run and read all again."
)
@click.option(
    "--no-vectors",
    is_flag=True,
    help="Do not embed passages for evidence search now (faster; run 'corpus index' later).",
)
@click.option(
    "--allow-truncated",
    is_flag=True,
    help="Import the whole records of a truncated WARC or .jsonl.gz file (with a warning) "
    "instead of refusing the file.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@kb_option
def corpus_import(
    paths: tuple[Path, ...],
    fmt: str | None,
    columns: str | None,
    batch_size: int,
    restart: bool,
    no_vectors: bool,
    allow_truncated: bool,
    quiet: bool,
    as_json: bool,
    kb_path: Path | None,
) -> None:
    """Import JSONL, CSV or WARC files, or folders of HTML pages.

    Reruns resume after the last committed batch and add nothing twice. Passages are
    embedded for evidence search as they are imported, unless --no-vectors. A WARC or
    .jsonl.gz file is checked to be whole first: a truncated one is refused (exit 3)
    unless --allow-truncated.
    """
    from factsift.corpus.importer import import_corpus

    results = []
    with open_store(kb_path or default_kb_path()) as store:
        for path in paths:
            result = import_corpus(
                store,
                path,
                fmt,
                columns=columns,
                batch_size=batch_size,
                resume=not restart,
                show_progress=not quiet and not as_json,
                vectors=not no_vectors,
                allow_truncated=allow_truncated,
            )
            results.append(result)
            cut = result.truncation
            if cut is not None:
                click.echo(
                    f"factsift: warning: '{path}' is truncated: {cut.where()}; imported the "
                    f"{cut.whole} whole {cut.unit}s before it (--allow-truncated).",
                    err=True,
                )
            if not as_json:
                note = " (already imported)" if result.already_done else ""
                resumed = f", resumed after {result.resumed_from}" if result.resumed_from else ""
                click.echo(
                    f"{path}: {result.added} added, {result.skipped} skipped, "
                    f"{result.records} records read{resumed}{note}"
                )
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "path": r.source,
                        "format": r.format,
                        "added": r.added,
                        "skipped": r.skipped,
                        "records": r.records,
                        "resumed_from": r.resumed_from,
                        "already_done": r.already_done,
                        "truncated": None
                        if r.truncation is None
                        else {
                            "whole": r.truncation.whole,
                            "unit": r.truncation.unit,
                            "offset": r.truncation.offset,
                            "detail": r.truncation.detail,
                        },
                    }
                    for r in results
                ],
                indent=2,
            )
        )


@corpus_group.command("stats")
@kb_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def corpus_stats(kb_path: Path | None, as_json: bool) -> None:
    """Documents, passages and LSH keys in the reference corpus."""
    path = kb_path or default_kb_path()
    with open_store(path, create=False) as store:
        tables = store.stats()
    counts = {
        "documents": tables.get("corpus_documents", 0),
        "passages": tables.get("corpus_passages", 0),
        "lsh_keys": tables.get("corpus_lsh", 0),
        "passage_vectors": tables.get("corpus_passage_vectors", 0),
        "imports": tables.get("corpus_import_checkpoints", 0),
    }
    if as_json:
        click.echo(json.dumps({"store": str(path), **counts}, indent=2))
        return
    click.echo(f"store: {path}")
    for name, count in counts.items():
        click.echo(f"  {name:<16} {count:>10,}")


@corpus_group.command("index")
@kb_option
@click.option("--quiet", is_flag=True, help="No progress bar.")
def corpus_index(kb_path: Path | None, quiet: bool) -> None:
    """Embed the passages that have no vector yet (for evidence search).

    Needed after 'corpus import --no-vectors'. Each batch is committed, so an interrupted
    run keeps its work and a rerun continues where it stopped.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from factsift.evidence.index import index_missing

    path = kb_path or default_kb_path()
    with open_store(path, create=False) as store:
        tables = store.stats()
        missing = tables.get("corpus_passages", 0) - tables.get("corpus_passage_vectors", 0)
        columns = (BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, disable=quiet) as progress:
            task = progress.add_task("embed passages", total=max(missing, 0))
            done = index_missing(store, lambda n: progress.advance(task, n))
    click.echo(f"{path}: {done} passages embedded")
