"""``factsift check``: one article in, one report out."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from factsift.api import check
from factsift.cli.options import kb_option
from factsift.cli.output import check_output_path, write_output
from factsift.settings import DEFAULT_MAX_BYTES, Options


@click.command("check")
@click.argument("source")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="Report format: terminal text, JSON (versioned schema) or one HTML file.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--url", help="Original address of a saved page or pasted text (names the publisher)."
)
@kb_option
@click.option("--no-kb", is_flag=True, help="Do not open any knowledge store.")
@click.option(
    "--allow-private",
    is_flag=True,
    help=(
        "Allow fetching loopback and private-network addresses (never cloud metadata "
        "services; docs/address-policy.md)."
    ),
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest input accepted, in bytes.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=20.0,
    show_default=True,
    help="Seconds allowed to fetch a URL.",
)
@click.option(
    "--max-redirects",
    type=click.IntRange(min=0),
    default=5,
    show_default=True,
    help="Redirects followed when fetching a URL.",
)
@click.option(
    "--content-type",
    type=click.Choice(["html", "text"]),
    help="Treat the input as HTML or plain text instead of detecting it.",
)
@click.option(
    "--no-evidence",
    is_flag=True,
    help="Skip the evidence search in the reference corpus (no status from evidence).",
)
@click.option(
    "--evidence-after-days",
    type=click.IntRange(min=0),
    default=7,
    show_default=True,
    help="Corpus documents dated up to this many days after the article count as evidence.",
)
def check_command(
    source: str,
    fmt: str,
    out: Path | None,
    url: str | None,
    kb_path: Path | None,
    no_kb: bool,
    allow_private: bool,
    max_bytes: int,
    timeout: float,
    max_redirects: int,
    content_type: str | None,
    no_evidence: bool,
    evidence_after_days: int,
) -> None:
    """Check SOURCE (an HTML or text file, a URL, or - for standard input) and print a report."""
    if out is not None:
        check_output_path(out)  # before the check, which takes seconds
    options = Options.from_kwargs(
        kb_path=kb_path,
        url=url,
        use_store=not no_kb,
        evidence=not no_evidence,
        evidence_after_days=evidence_after_days,
        allow_private=allow_private,
        max_bytes=max_bytes,
        timeout=timeout,
        max_redirects=max_redirects,
        content_type={"html": "text/html", "text": "text/plain"}.get(content_type or ""),
    )
    report = check(source, options=options)
    if fmt == "json":
        rendered = report.to_json()
    elif fmt == "html":
        rendered = report.to_html()
    else:
        tty = out is None and sys.stdout.isatty()
        width = max(60, shutil.get_terminal_size((100, 24)).columns) if tty else 100
        rendered = report.to_text(width=width, color=tty)
    if out is None:
        click.echo(rendered)
    else:
        write_output(out, rendered + ("\n" if not rendered.endswith("\n") else ""))
        click.echo(f"Report written to {out}", err=True)
