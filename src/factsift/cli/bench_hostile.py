"""``factsift bench hostile``: hostile inputs through every entry point, counted by outcome."""

from __future__ import annotations

import fnmatch
import json
import sys

import click


@click.command("hostile")
@click.option(
    "--slice",
    "slice_name",
    type=click.Choice(["ci", "all"]),
    default="all",
    show_default=True,
    help="Which cases: the small CI slice or all of them.",
)
@click.option(
    "--only",
    "only",
    multiple=True,
    help="Run the cases of this entry point only, e.g. 'check' or 'kb import mbfc' (repeatable).",
)
@click.option("--case", "patterns", multiple=True, help="Run cases whose name matches this glob.")
@click.option("--jobs", default=2, show_default=True, type=click.IntRange(1, 32),
              help="Cases run at the same time.")  # fmt: skip
@click.option("--list", "list_only", is_flag=True, help="List the cases, run nothing.")
@click.option("--keep", is_flag=True, help="Keep each case's folder (printed) to rerun it.")
@click.option("--json", "as_json", is_flag=True, help="Print every result as JSON.")
def hostile_command(
    slice_name: str,
    only: tuple[str, ...],
    patterns: tuple[str, ...],
    jobs: int,
    list_only: bool,
    keep: bool,
    as_json: bool,
) -> None:
    """Run hostile inputs through check, every importer, corpus import and kb search.

    Prints the cases per entry point by outcome (ok / clean error / traceback / hang /
    store changed / wrong) and lists the failures; exits with 1 if any case failed.
    """
    from factsift.bench.hostile import report
    from factsift.bench.hostile.generator import entry_points, generate
    from factsift.bench.hostile.runner import environment, run_cases
    from factsift.errors import BenchmarkError

    entries = entry_points()
    unknown = [entry for entry in only if entry not in entries]
    if unknown:
        raise BenchmarkError(
            f"Unknown entry point(s) {', '.join(map(repr, unknown))}. Entry points: "
            f"{', '.join(entries)}."
        )
    cases = [
        case
        for case in generate(slice_name)
        if (not only or case.entry in only)
        and (not patterns or any(fnmatch.fnmatchcase(case.name, pat) for pat in patterns))
    ]
    if list_only:
        for case in cases:
            tag = f" [{case.defect}]" if case.defect else ""
            click.echo(f"{case.entry}\t{case.name}{tag}")
        return
    shown = [entry for entry in entries if not only or entry in only]

    def progress(result: object) -> None:
        if not as_json:
            click.echo(".", nl=False, err=True)

    with environment(keep=keep) as env:
        if keep:
            click.echo(f"case folders: {env.root}", err=True)
        results = run_cases(cases, env, jobs=jobs, on_result=progress)
    if not as_json:
        click.echo("", err=True)
    if as_json:
        rows = [
            {
                "name": r.case.name,
                "entry": r.case.entry,
                "defect": r.case.defect,
                "outcome": r.outcome.value,
                "exit_code": r.exit_code,
                "seconds": round(r.seconds, 2),
                "detail": r.detail,
            }
            for r in results
        ]
        click.echo(json.dumps(rows, indent=2))
    else:
        click.echo(f"{len(results)} cases ({slice_name} slice), {jobs} at a time\n")
        click.echo(report.table(results, shown))
        lines = report.failures(results)
        if lines:
            click.echo(f"\nfailures ({len(lines)}):")
            for line in lines:
                click.echo(f"  {line}")
    if report.has_failures(results):
        sys.exit(1)
