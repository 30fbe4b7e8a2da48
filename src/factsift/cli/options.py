"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

kb_option = click.option(
    "--kb",
    "kb_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="FACTSIFT_KB",
    help="Knowledge store path [env FACTSIFT_KB; default: user data directory].",
)

data_option = click.option(
    "--data",
    "data",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the public data sets [default: $FACTSIFT_DATA or ../shared/data].",
)
