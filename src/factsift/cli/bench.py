"""``factsift bench``: benchmarks run on demand; results go into BENCHMARKS.md."""

from __future__ import annotations

import click

from factsift.cli.bench_extraction import extraction_command


@click.group("bench")
def bench_group() -> None:
    """Run a benchmark and print its figures."""


bench_group.add_command(extraction_command)

from factsift.cli.bench_pipeline import pipeline_command  # noqa: E402

bench_group.add_command(pipeline_command)

from factsift.cli.bench_sources import bench_sources_command  # noqa: E402

bench_group.add_command(bench_sources_command)

from factsift.cli.bench_claim_matching import (  # noqa: E402
    claim_matching_command,
    claim_matching_scale_command,
)

bench_group.add_command(claim_matching_command)
bench_group.add_command(claim_matching_scale_command)

from factsift.cli.bench_reuse import reuse_commands  # noqa: E402

for _command in reuse_commands:
    bench_group.add_command(_command)

from factsift.cli.bench_language import language_command  # noqa: E402

bench_group.add_command(language_command)

from factsift.cli.bench_checkworthiness import bench_checkworthiness_command  # noqa: E402
from factsift.cli.bench_stance import bench_stance_command  # noqa: E402

bench_group.add_command(bench_checkworthiness_command)
bench_group.add_command(bench_stance_command)
