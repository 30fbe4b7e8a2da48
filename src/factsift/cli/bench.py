"""``factsift bench``: benchmarks run on demand; results go into BENCHMARKS.md."""

from __future__ import annotations

import click


@click.group("bench")
def bench_group() -> None:
    """Run a benchmark and print its figures."""
