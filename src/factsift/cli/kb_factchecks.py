"""Fact-check commands: ``kb import claimreview|factchecks-csv|checkthat-*|public-factchecks``
and ``kb search``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from factsift.cli.options import kb_option as kb_path_option
from factsift.factchecks.importers.base import ImportResult
from factsift.store.base import KnowledgeStore

strict_option = click.option(
    "--strict", is_flag=True, help="Abort the whole import at the first bad record."
)
quiet_option = click.option("--quiet", is_flag=True, help="No progress bars.")
no_embed_option = click.option(
    "--no-vectors", is_flag=True, help="Skip computing sentence vectors (lexical search only)."
)


def _report(results: list[ImportResult]) -> None:
    for result in results:
        for bad in result.bad[:20]:
            click.echo(f"bad record: {bad}", err=True)
        if len(result.bad) > 20:
            click.echo(f"... and {len(result.bad) - 20} more bad records", err=True)
        click.echo(result.summary())


def _open(kb_path: Path | None) -> KnowledgeStore:
    from factsift.settings import default_kb_path
    from factsift.store.base import open_store

    return open_store(kb_path or default_kb_path())


@click.command("claimreview")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@kb_path_option
@strict_option
@quiet_option
@no_embed_option
def import_claimreview(
    paths: tuple[Path, ...], kb_path: Path | None, strict: bool, quiet: bool, no_vectors: bool
) -> None:
    """Import schema.org ClaimReview: HTML pages with JSON-LD (files or folders), JSON lists
    of ClaimReview objects, or Google Fact Check Tools claims:search responses."""
    from factsift.factchecks.importers.claimreview import list_files, read_claimreview
    from factsift.factchecks.importers.runner import run_import

    list_files(list(paths))  # fails early on a missing path
    with _open(kb_path) as store:
        result = run_import(
            store,
            "claimreview",
            read_claimreview(list(paths)),
            strict=strict,
            embed=not no_vectors,
            show_progress=not quiet,
        )
    _report([result])


@click.command("factchecks-csv")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--map",
    "mapping",
    multiple=True,
    help="Column mapping FIELD=COLUMN, repeated or comma-separated (fields: key, claim, "
    "title, summary, claimant, claim_date, review_date, rating, publisher, url, language, "
    "body). Columns already named like a field need no mapping.",
)
@click.option("--delimiter", help="Field separator (default: tab for .tsv, else comma).")
@kb_path_option
@strict_option
@quiet_option
@no_embed_option
def import_csv(
    file: Path,
    mapping: tuple[str, ...],
    delimiter: str | None,
    kb_path: Path | None,
    strict: bool,
    quiet: bool,
    no_vectors: bool,
) -> None:
    """Import fact-checks from a CSV or TSV file with a column mapping."""
    from factsift.factchecks.importers.runner import run_import
    from factsift.factchecks.importers.tabular import parse_mapping, read_table

    columns = parse_mapping(",".join(mapping))
    with _open(kb_path) as store:
        result = run_import(
            store,
            f"csv:{file.name}",
            read_table(file, columns, delimiter),
            strict=strict,
            embed=not no_vectors,
            show_progress=not quiet,
        )
    _report([result])


def _public_command(name: str, help_text: str) -> click.Command:
    @click.command(name, help=help_text)
    @click.argument("path", required=False, type=click.Path(path_type=Path))
    @kb_path_option
    @strict_option
    @quiet_option
    @no_embed_option
    def command(
        path: Path | None, kb_path: Path | None, strict: bool, quiet: bool, no_vectors: bool
    ) -> None:
        from factsift.factchecks.importers.public import import_public

        with _open(kb_path) as store:
            result = import_public(
                store, name, path, strict=strict, embed=not no_vectors, show_progress=not quiet
            )
        _report([result])

    return command


@click.command("public-factchecks")
@kb_path_option
@strict_option
@quiet_option
@no_embed_option
def import_public_all(kb_path: Path | None, strict: bool, quiet: bool, no_vectors: bool) -> None:
    """Import the three public CheckThat! sets found under the data folder
    ($FACTSIFT_DATA, default ../shared/data), each in its own transaction; the matcher's
    files are rebuilt once at the end."""
    from factsift.factchecks.importers.public import import_public_sets

    with _open(kb_path) as store:
        results = import_public_sets(
            store, strict=strict, embed=not no_vectors, show_progress=not quiet
        )
    _report(results)


IMPORT_COMMANDS: list[click.Command] = [
    import_claimreview,
    import_csv,
    _public_command(
        "checkthat-2022-2a",
        "Import CheckThat! 2022 task 2A Snopes fact-checks (vclaims.tar.gz) from PATH "
        "[default: <data>/clef2022-checkthat-task2/subtask-2a--english].",
    ),
    _public_command(
        "checkthat-2022-2b",
        "Import CheckThat! 2022 task 2B PolitiFact fact-checks (politifact-vclaims.tar.gz) "
        "from PATH [default: <data>/clef2022-checkthat-task2/subtask-2b--english].",
    ),
    _public_command(
        "checkthat-2020-2",
        "Import CheckThat! 2020 task 2 Snopes verified claims (verified_claims.docs.tsv) "
        "from PATH [default: <data>/clef2020-checkthat-task2-en-snopes].",
    ),
    import_public_all,
]


@click.command("search")
@click.argument("text")
@click.option(
    "-k", "k", type=click.IntRange(1, 100), default=5, show_default=True, help="Results to show."
)
@kb_path_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def kb_search(text: str, k: int, kb_path: Path | None, as_json: bool) -> None:
    """Fact-checks in the store that match TEXT, best first, with their scores."""
    with _open(kb_path) as store:
        matches = store.search_factchecks(text, k)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "score": round(m.score, 4),
                        "same_claim": m.same_claim,
                        **m.factcheck.to_dict(),
                        "body": None,
                    }
                    for m in matches
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if not matches:
        click.echo("No fact-checks in the store match this text.")
    for rank, match in enumerate(matches, start=1):
        fc = match.factcheck
        same = "same claim" if match.same_claim else "related"
        rating = f"{fc.verdict} ({fc.rating})" if fc.rating else str(fc.verdict)
        click.echo(f"{rank}. [{match.score:.3f} {same}] {fc.claim}")
        click.echo(f"   {fc.publisher or '?'} · {rating} · {fc.date or 'date unknown'}")
        if fc.url:
            click.echo(f"   {fc.url}")
