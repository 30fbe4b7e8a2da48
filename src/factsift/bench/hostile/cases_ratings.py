"""Hostile cases for the rating-list importers: each public list, ``public-ratings`` and
``ratings-csv``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from factsift.bench.hostile import payloads as p
from factsift.bench.hostile.common import import_argv, symlink_loops
from factsift.bench.hostile.model import Case, Content, Context, Expect, StoreKind, write_files

RATINGS_CSV = "kb import ratings-csv"
MANY_ROWS = 20_000

Table = tuple[str, list[str], list[str], str]  # (file under the list's folder, header, row, sep)

_HEARVOX_HEADERS = {
    "buzzfeed-2018-12.csv": ["domain", "2018", "2017", "2016", "yrs", "network"],
    "factcheck-org-2018.csv": ["domain", "name", "description", "date"],
    "fake-news-codex-2018-06.csv": [
        "domain", "name", "type", "fake_news_codex_url", "description", "url", "date",
    ],
    "fake-news-watch-2016-01.csv": ["domain", "category"],
    "is-it-fake-news-2018-11.csv": [
        "domain", "name", "category", "name-2", "note", "note_date", "source", "source_url",
        "url", "date_added",
    ],
    "junk-news-aggregator-2018-01.csv": ["domain", "criteria-1", "criteria-2"],
    "politifact-2017-11.csv": ["domain", "type_of_site", "registration"],
    "snopes-2017-12.csv": ["domain", ""],
    "wikipedia-2018-11.tsv": ["domain", "name", "notes", "footnotes"],
    "opensources-2017-04.csv": ["domain", "type", "2nd type", "3rd type", "notes"],
}  # fmt: skip


def _hearvox_tables() -> list[Table]:
    tables = []
    for name, header in _HEARVOX_HEADERS.items():
        row = ["fake.example.com", *(["x"] * (len(header) - 1))]
        tables.append((name, header, row, "\t" if name.endswith(".tsv") else ","))
    return tables


# The files each public list reads, with a valid header and row.
LISTS: dict[str, list[Table]] = {
    "lin2023": [(
        "domain_ratings.csv",
        ["domain", "pc1", "afm", "fc", "mbfc", "lewandowsky_mean"],
        ["news.example.com", "0.8", "0.7", "0.6", "0.5", "0.4"],
        ",",
    )],
    "baly": [
        (
            f"{edition}/corpus.tsv",
            ["source_url", "source_url_normalized", "ref", "fact", "bias"],
            ["http://news.example.com/", "news.example.com", "http://mbfc.x/", "high", "left"],
            "\t",
        )
        for edition in ("emnlp18", "acl2020")
    ],
    "burdisso2024": [(
        "golden_truth/golden_truth_dataset.csv",
        ["domain", "reliability_label", "newsguard_score", "label_source"],
        ["news.example.com", "1", "", "mbfc"],
        ",",
    )],
    "opensources": [(
        "sources.csv",
        ["", "type", "2nd type", "3rd type", "Source Notes (things to know?)", ""],
        ["news.example.com", "bias", "", "", "", ""],
        ",",
    )],
    "fakenewscorpus-websites": [(
        "websites.csv",
        ["", "url", "type", "2nd_type", "3rd_type", "active"],
        ["0", "news.example.com", "bias", "", "", ""],
        ",",
    )],
    "hearvox": _hearvox_tables(),
}  # fmt: skip


def _table(header: list[str], rows: list[list[str]], sep: str) -> bytes:
    return "".join(sep.join(cells) + "\n" for cells in [header, *rows]).encode(
        "utf-8", "surrogatepass"
    )


def _list_files(name: str, spoil: int, data: Content) -> dict[str, Content]:
    """Every file of the list valid, except table number ``spoil``, which holds ``data``."""
    files: dict[str, Content] = {}
    for index, (file, header, row, sep) in enumerate(LISTS[name]):
        files[f"list/{file}"] = data if index == spoil else _table(header, [row], sep)
    return files


def cases() -> Iterator[Case]:
    yield from _public_lists()
    yield from _mbfc()
    yield from _public_ratings()
    yield from _ratings_csv()


def _public_lists() -> Iterator[Case]:
    for name, tables in LISTS.items():
        entry = f"kb import {name}"
        _, header, row, sep = tables[0]
        for variant, data in p.table_variants(header, row, sep).items():
            yield Case(
                name=f"{name}:{variant}",
                entry=entry,
                argv=import_argv(entry, "list"),
                write=write_files(_list_files(name, 0, data)),
            )
        domain_at = 1 if name == "fakenewscorpus-websites" else 0
        rows = []
        for domain in p.HOSTILE_DOMAINS:
            cells = list(row)
            cells[domain_at] = domain
            rows.append(cells)
        yield Case(
            name=f"{name}:hostile-domains",
            entry=entry,
            argv=import_argv(entry, "list"),
            write=write_files(_list_files(name, 0, _table(header, rows, sep))),
        )
        yield Case(name=f"{name}:missing-folder", entry=entry, argv=import_argv(entry, "none"))
        yield Case(
            name=f"{name}:empty-folder",
            entry=entry,
            argv=import_argv(entry, "list"),
            write=write_files({"list/README": b""}),
        )


def _mbfc() -> Iterator[Case]:
    entry = "kb import mbfc"
    source = {
        "domain": "news.example.com",
        "name": "Harbour News",
        "url": "https://mbfc.example/harbour-news/",
        "bias": "left-center",
        "questionable": [],
        "reporting": "high",
        "credibility": "high-credibility",
    }
    valid: dict[str, Any] = {"date": "2024-03-04", "sources": [source], "aliases": {}}
    for variant, data in p.json_variants(valid).items():
        yield Case(
            name=f"mbfc:json:{variant}",
            entry=entry,
            argv=import_argv(entry, "list"),
            write=write_files({"list/combined_v5.json": data}),
        )
    wrong: dict[str, dict[str, Any]] = {
        "sources-number": {"sources": 5},
        "sources-of-strings": {"sources": ["news.example.com", None, 3]},
        "source-fields-lists": {
            "sources": [
                {
                    **source,
                    "reporting": ["high"],
                    "credibility": {"a": 1},
                    "questionable": 5,
                    "bias": [1],
                }
            ]
        },
        "aliases-list": {"aliases": ["a.com", "b.com"]},
        "aliases-hostile": {"aliases": {d: "news.example.com" for d in p.HOSTILE_DOMAINS}},
        "date-object": {"date": {"y": 2024}},
        "bidi-name": {"sources": [{**source, "name": f"Harbour{p.BIDI} News"}]},
        "hostile-domains": {"sources": [{**source, "domain": d} for d in p.HOSTILE_DOMAINS]},
    }
    for variant, change in wrong.items():
        yield Case(
            name=f"mbfc:wrong-types:{variant}",
            entry=entry,
            argv=import_argv(entry, "list"),
            write=write_files({"list/combined_v5.json": json.dumps({**valid, **change})}),
        )


def _public_ratings() -> Iterator[Case]:
    def argv(c: Context) -> list[str]:
        return ["kb", "import", "public-ratings", "--kb", str(c.kb)]

    spoiled = p.table_variants(*LISTS["lin2023"][0][1:3])["invalid-utf8"]
    layouts: dict[str, dict[str, Content]] = {
        "empty-data-folder": {"README": b""},
        "lin2023-invalid-utf8": {"lin2023-domain-quality-ratings/domain_ratings.csv": spoiled},
        "mbfc-deep-json": {"mbfc-mbfcext-scrape/combined_v5.json": p.deep_object()},
    }
    for variant, files in layouts.items():
        yield Case(
            name=f"public-ratings:{variant}",
            entry="kb import public-ratings",
            argv=argv,
            write=write_files(files),
        )


def _ratings_csv() -> Iterator[Case]:
    header, row = ["site", "rating", "label"], ["news.example.com", "0.5", "reliable"]
    base = ("--list", "mylist", "--map", "domain=site", "--map", "score=rating")
    for variant, data in p.table_variants(header, row).items():
        yield Case(
            name=f"ratings-csv:{variant}",
            entry=RATINGS_CSV,
            argv=import_argv(RATINGS_CSV, "ratings.csv", extra=base),
            write=write_files({"ratings.csv": data}),
        )
    good = write_files({"ratings.csv": _table(header, [row], ",")})
    options: dict[str, tuple[str, ...]] = {
        "map-with-commas": ("--list", "mylist", "--map", "domain=site,score=rating"),
        "label-not-number": (*base, "--label", "reliable=abc"),
        "label-no-key": (*base, "--label", "=1"),
        "score-range-words": (*base, "--score-range", "low:high"),
        "score-range-one-number": (*base, "--score-range", "1"),
        "score-range-reversed": (*base, "--score-range", "1:0"),
        "score-range-nan": (*base, "--score-range", "nan:inf"),
        "map-unknown-field": ("--list", "mylist", "--map", "domain=site", "--map", "x=y"),
        "map-missing-column": ("--list", "mylist", "--map", "domain=nothing"),
        "list-name-bidi": ("--list", f"my{p.BIDI}list", "--map", "domain=site"),
        "date-garbage": (*base, "--date", "\x01\x02 not a date"),
    }
    for variant, extra in options.items():
        expect = Expect.OK if variant == "map-with-commas" else Expect.OK_OR_ERROR
        yield Case(
            name=f"ratings-csv:option:{variant}",
            entry=RATINGS_CSV,
            argv=import_argv(RATINGS_CSV, "ratings.csv", extra=extra),
            write=good,
            expect=expect,
            defect="D10" if variant == "map-with-commas" else None,
            terminal=variant != "list-name-bidi",  # the user's own argument comes back
            note="FIELD=COLUMN,... as every other importer's --map takes it",
        )

    def many() -> bytes:
        rows = [[f"site{i}.example.com", str(i % 100 / 100), "reliable"] for i in range(MANY_ROWS)]
        return _table(header, rows, ",")

    yield Case(
        name="ratings-csv:store:full-disk",
        entry=RATINGS_CSV,
        argv=import_argv(RATINGS_CSV, "ratings.csv", extra=base),
        write=write_files({"ratings.csv": many}),
        store=StoreKind.FULL_DISK,
        defect="D12",
    )
    yield Case(
        name="ratings-csv:store:read-only",
        entry=RATINGS_CSV,
        argv=import_argv(RATINGS_CSV, "ratings.csv", extra=base),
        write=good,
        store=StoreKind.READ_ONLY,
        defect="D11",
    )
    yield Case(
        name="ratings-csv:folder-symlink-loop-as-file",
        entry=RATINGS_CSV,
        argv=import_argv(RATINGS_CSV, "folder/self.csv", extra=base),
        write=symlink_loops({}, suffix=".csv"),
    )
