"""``factsift kb import <list>``: the public rating lists, and any CSV of ratings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from factsift.cli.options import kb_option
from factsift.settings import data_dir, default_kb_path
from factsift.sources.importers import PUBLIC_LISTS, import_parsed, import_public_list
from factsift.sources.importers.generic import parse, parse_pairs
from factsift.sources.model import ImportResult
from factsift.store.base import open_store

MAX_BAD_SHOWN = 20


def _report(results: list[ImportResult]) -> None:
    for r in results:
        skipped = "".join(f"; skipped {n} ({why})" for why, n in r.skipped.items())
        click.echo(
            f"{r.list_name}: {r.ratings:,} ratings of {r.domains:,} domains, {r.names:,} new "
            f"names, {r.links} links, {len(r.bad_rows)} bad rows{skipped}"
        )
        for bad in r.bad_rows[:MAX_BAD_SHOWN]:
            click.echo(f"  bad row {bad}", err=True)
        if len(r.bad_rows) > MAX_BAD_SHOWN:
            click.echo(f"  ... and {len(r.bad_rows) - MAX_BAD_SHOWN} more", err=True)


def _run(kb_path: Path | None, label: str, work: Callable[..., list[ImportResult]]) -> None:
    with (
        open_store(kb_path or default_kb_path()) as store,
        Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True
        ) as bar,
    ):
        task = bar.add_task(label, total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        results = work(store, progress)
    _report(results)


def _public_command(name: str) -> click.Command:
    folder, _ = PUBLIC_LISTS[name]

    @click.command(
        name,
        help=f"Import the {name} rating list from PATH "
        f"[default: DATA/{folder}, DATA = $FACTSIFT_DATA or ../shared/data].",
    )
    @click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
    @kb_option
    def command(path: Path | None, kb_path: Path | None) -> None:
        where = path or data_dir() / folder
        _run(kb_path, name, lambda store, p: import_public_list(store, name, where, p))

    return command


@click.command("public-ratings")
@kb_option
def public_ratings_command(kb_path: Path | None) -> None:
    """Import every public rating list found under the data directory, one by one."""
    root = data_dir()
    for name, (folder, _) in PUBLIC_LISTS.items():
        where = root / folder
        if not where.is_dir():
            click.echo(f"{name}: {where} not found, skipped", err=True)
            continue
        _run(kb_path, name, lambda store, p, n=name, w=where: import_public_list(store, n, w, p))


@click.command("ratings-csv")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--list", "list_name", required=True, help="Short name of the list (e.g. 'mylist').")
@click.option(
    "--map",
    "mapping",
    multiple=True,
    required=True,
    help="FIELD=COLUMN for domain (required), label, score, name, date, url; repeat it or "
    "separate pairs with commas (domain=site,score=rating).",
)
@click.option(
    "--label",
    "labels",
    multiple=True,
    help="LABEL=VALUE: a label's value on the 0 (unreliable)..1 (reliable) scale.",
)
@click.option("--score-range", help="LOW:HIGH of the score column, rescaled to 0..1.")
@click.option("--title", help="Title of the list.")
@click.option("--date", help="Date of the list (ISO 8601).")
@click.option("--root", help="Original rater the list rests on [default: the list name].")
@kb_option
def ratings_csv_command(
    file: Path,
    list_name: str,
    mapping: tuple[str, ...],
    labels: tuple[str, ...],
    score_range: str | None,
    title: str | None,
    date: str | None,
    root: str | None,
    kb_path: Path | None,
) -> None:
    """Import a CSV or TSV of ratings with a column mapping."""
    label_values = {k.lower(): float(v) for k, v in parse_pairs(labels, "--label").items()}
    span = None
    if score_range:
        low, _, high = score_range.partition(":")
        span = (float(low), float(high))
    parsed = parse(
        file,
        list_name=list_name,
        mapping=parse_pairs(mapping, "--map", commas=True),
        labels=label_values,
        score_range=span,
        title=title,
        date=date,
        root=root,
    )
    _run(kb_path, list_name, lambda store, p: import_parsed(store, [parsed], p))


IMPORT_COMMANDS = [
    *(_public_command(name) for name in PUBLIC_LISTS),
    public_ratings_command,
    ratings_csv_command,
]
