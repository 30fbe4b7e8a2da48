"""The hostile cases, all or the CI slice, and the entry points they must cover."""

from __future__ import annotations

from factsift.bench.hostile import (
    cases_check,
    cases_corpus,
    cases_factchecks,
    cases_ratings,
    cases_search,
)
from factsift.bench.hostile.common import cli_command
from factsift.bench.hostile.model import Case

SLICES = ("ci", "all")
HUGE_TEXT_BYTES = {"ci": 400_000, "all": 9_000_000}  # D3: the default --max-bytes is 10 MB
HUGE_TEXT_LIMIT_S = {"ci": 30.0, "all": 90.0}

# The slice the test suite runs: one case per defect of issue 20 (D2-D13), the SSRF
# refusals, and one case of each kind of new defect the full run found.
CI_CASES = frozenset(
    {
        "check:redirect:backslashes",  # D2
        "check:txt:huge-text",  # D3 (400 kB here, 9 MB in the full run)
        "check:server:drip-headers",  # D4
        "check:txt:bidi-headline",  # D5
        "search:bidi-publisher-after-csv-import",  # D5
        "corpus:csv:invalid-utf8",  # D6
        "corpus:warc:truncated-gz",  # D7
        "claimreview:json:deep-array",  # D8
        "claimreview:folder:symlink-loop",  # D9
        "ratings-csv:option:map-with-commas",  # D10
        "claimreview:store:read-only",  # D11
        "claimreview:store:full-disk",  # D12
        "check:out:missing-folder",  # D13
        "check:ssrf:decimal-ipv4",
        "check:ssrf:ipv4-mapped-ipv6",
        "check:redirect:metadata-even-with-flag",
        "check:server:gzip-bomb",
        "corpus:warc:non-http-records",
        "check:url:file-scheme",
        "check:txt:bom-utf16le",
        "corpus:jsonl:blank-and-invalid-lines",
        "search:fts-syntax",
        "check:html:meta-charset-undefined",
        "claimreview:json:lone-surrogate",
        "factchecks-csv:csv:huge-field",
        "lin2023:ragged-rows",
        "burdisso2024:hostile-domains",
        "mbfc:wrong-types:source-fields-lists",
        "ratings-csv:option:label-not-number",
        "corpus:warc:bad-http-status",
    }
)


def entry_points() -> list[str]:
    """``check``, every ``kb import`` subcommand the CLI lists, ``corpus import``, ``kb search``."""
    import click

    group = cli_command("kb import")
    assert isinstance(group, click.Group)
    importers = group.list_commands(click.Context(group))
    return ["check", *(f"kb import {name}" for name in importers), "corpus import", "kb search"]


def generate(slice_name: str = "all") -> list[Case]:
    """Every case of the slice, in a stable order; names are unique."""
    if slice_name not in SLICES:
        raise ValueError(f"unknown slice {slice_name!r}; use one of {', '.join(SLICES)}")
    everything = [
        *cases_check.cases(HUGE_TEXT_BYTES[slice_name], HUGE_TEXT_LIMIT_S[slice_name]),
        *cases_factchecks.cases(),
        *cases_ratings.cases(),
        *cases_corpus.cases(),
        *cases_search.cases(),
    ]
    names = [case.name for case in everything]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"duplicate case names: {duplicates}")
    missing = CI_CASES - set(names)
    if missing:
        raise ValueError(f"CI_CASES names no such case: {sorted(missing)}")
    if slice_name == "ci":
        return [case for case in everything if case.name in CI_CASES]
    return everything
