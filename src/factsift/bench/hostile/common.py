"""What the case modules share: command lines of the importers, folders with link loops."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import click

from factsift.bench.hostile.model import ArgvBuilder, Context, Writer


@cache
def cli_command(entry: str) -> click.Command:
    """The click command of an entry point such as ``"kb import mbfc"``."""
    from factsift.cli.main import cli

    command: click.Command = cli
    for word in entry.split():
        assert isinstance(command, click.Group), entry
        found = command.get_command(click.Context(command), word)
        if found is None:
            raise KeyError(f"no command {entry!r}")
        command = found
    return command


def has_option(entry: str, option: str) -> bool:
    return any(option in param.opts for param in cli_command(entry).params)


def import_argv(entry: str, *names: str, extra: tuple[str, ...] = ()) -> ArgvBuilder:
    """``ENTRY PATH... --kb STORE [--quiet] EXTRA`` with paths inside the case's folder."""
    quiet = ("--quiet",) if has_option(entry, "--quiet") else ()

    def argv(c: Context) -> list[str]:
        paths = [c.path(name) for name in names]
        return [*entry.split(), *paths, "--kb", str(c.kb), *quiet, *extra]

    return argv


def symlink_loops(files: dict[str, bytes], *, suffix: str, where: str = "folder") -> Writer:
    """A folder with good files, a link to its own parent, a link to itself named like an
    input file, and a dangling link (D9)."""

    def write(root: Path) -> None:
        folder = root / where
        (folder / "sub").mkdir(parents=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        (folder / "sub" / "up").symlink_to("..", target_is_directory=True)
        (folder / f"self{suffix}").symlink_to(f"self{suffix}")
        (folder / f"dangling{suffix}").symlink_to(f"nowhere{suffix}")

    return write
