"""Every command has help text and loads; the README documents each top-level command."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from factsift.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent


def _walk(group: click.Group, prefix: str) -> Iterator[tuple[str, click.Command]]:
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, f"{prefix} {name} does not load"
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from _walk(command, f"{prefix} {name}")


def test_cli_docs_every_command_has_help() -> None:
    missing = [path for path, command in _walk(cli, "factsift") if not (command.help or "").strip()]
    assert not missing, f"commands without help text: {missing}"


def test_cli_docs_every_option_has_help() -> None:
    missing = [
        f"{path} {param.opts[0]}"
        for path, command in _walk(cli, "factsift")
        for param in command.params
        if isinstance(param, click.Option) and not param.hidden and not (param.help or "").strip()
    ]
    assert not missing, f"options without help text: {missing}"


def test_cli_docs_readme_names_each_top_level_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.list_commands(click.Context(cli)):
        assert f"factsift {name}" in readme, name
