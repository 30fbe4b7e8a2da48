"""Entry point of the ``factsift`` command.

Library errors become one line on stderr and an exit code; no traceback reaches the user.

Exit codes: 0 success, 1 unexpected error, 2 usage error (click), 3 bad input (an article
or a file to import), 4 fetch refused or failed, 5 store error, 6 benchmark data missing,
7 packaged model missing or corrupt, 8 output cannot be written, 130 interrupted. The
exception tree behind them is drawn in factsift/errors.py.
"""

from __future__ import annotations

import sys

import click

from factsift import __version__
from factsift.cli.lazy import LazyGroup
from factsift.errors import (
    BenchmarkError,
    FactsiftError,
    FetchError,
    InputError,
    ModelError,
    OutputError,
    StoreError,
)

EXIT_CODES: list[tuple[type[FactsiftError], int]] = [
    (InputError, 3),
    (FetchError, 4),
    (StoreError, 5),
    (BenchmarkError, 6),
    (ModelError, 7),
    (OutputError, 8),
]


def exit_code_for(exc: FactsiftError) -> int:
    for kind, code in EXIT_CODES:
        if isinstance(exc, kind):
            return code
    return 1


COMMANDS = {
    "check": "factsift.cli.check:check_command",
    "kb": "factsift.cli.kb:kb_group",
    "corpus": "factsift.cli.corpus:corpus_group",
    "notes": "factsift.cli.notes:notes_group",
    "bench": "factsift.cli.bench:bench_group",
}


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factsift")
def cli() -> None:
    """factsift: check a news article the way a trained fact-checker does (SIFT).

    Every statement in a report cites what it rests on; where evidence is missing, the
    report says so.
    """


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="factsift", standalone_mode=False)
    except FactsiftError as exc:
        click.echo(f"factsift: error: {exc}", err=True)
        sys.exit(exit_code_for(exc))
    except click.exceptions.Abort:
        click.echo("factsift: interrupted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("factsift: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
