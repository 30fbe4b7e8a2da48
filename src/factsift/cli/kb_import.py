"""``factsift kb import``: one subcommand per format; each capability adds its own."""

from __future__ import annotations

import click


@click.group("import")
def kb_import_group() -> None:
    """Import fact-checks, rating lists and documents into the knowledge store.

    Imports are idempotent (importing twice changes nothing) and transactional (a failed or
    interrupted import leaves the store as it was).
    """


def _register() -> None:
    from factsift.cli import kb_factchecks

    for command in kb_factchecks.IMPORT_COMMANDS:
        kb_import_group.add_command(command)
    from factsift.cli import kb_sources

    for command in kb_sources.IMPORT_COMMANDS:
        kb_import_group.add_command(command)


_register()
