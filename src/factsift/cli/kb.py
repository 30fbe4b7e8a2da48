"""``factsift kb``: the knowledge store (import, stats, search)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from factsift.cli.options import kb_option
from factsift.settings import default_kb_path
from factsift.store.base import open_store


@click.group("kb")
def kb_group() -> None:
    """Build and query the knowledge store."""


@kb_group.command("stats")
@kb_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def kb_stats(kb_path: Path | None, as_json: bool) -> None:
    """Row counts of the store's tables."""
    path = kb_path or default_kb_path()
    with open_store(path, create=False) as store:
        stats = store.stats()
    if as_json:
        click.echo(json.dumps({"store": str(path), "tables": stats}, indent=2))
        return
    click.echo(f"store: {path}")
    for table, count in stats.items():
        click.echo(f"  {table:<28} {count:>10,}")


def _register_subcommands() -> None:
    from factsift.cli import kb_factchecks, kb_import

    kb_group.add_command(kb_import.kb_import_group)
    kb_group.add_command(kb_factchecks.kb_search)


_register_subcommands()
