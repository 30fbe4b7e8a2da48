"""Hostile cases for ``factsift kb search``: query text and stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from factsift.bench.hostile import payloads as p
from factsift.bench.hostile.model import ArgvBuilder, Case, Context, StoreKind, write_files

ENTRY = "kb search"

QUERIES: dict[str, str] = {
    "empty": "",
    "whitespace": " \t\n ",
    "punctuation": "!!! ??? ...",
    "fts-syntax": 'tide AND "six NEAR(a b) * OR NOT ^ -:',
    "sql-quote": "'; DROP TABLE factchecks; --",
    "bidi": f"tide{p.BIDI} at six",
    "ansi": f"tide {p.ANSI} six",
    "control": "tide\x01\x02\x7f six",
    "long-100k": "tide at six " * 8_000,
    "one-word-100k": "t" * 100_000,
    "number-like": "1e400 -0 NaN 0x7f",
    "emoji-zwj": "\U0001f468\u200d\U0001f469\u200d\U0001f467 tide",
    "surrogate-escaped": "tide \udcff\udcfe",  # undecodable argv bytes arrive as these
}


def search_argv(query: str, *extra: str) -> ArgvBuilder:
    def argv(c: Context) -> list[str]:
        return ["kb", "search", query, "--kb", str(c.kb), *extra]

    return argv


def cases() -> Iterator[Case]:
    for variant, query in QUERIES.items():
        yield Case(
            name=f"search:{variant}",
            entry=ENTRY,
            argv=search_argv(query),
        )
        yield Case(
            name=f"search:json:{variant}",
            entry=ENTRY,
            argv=search_argv(query, "--json"),
            terminal=False,
        )
    stores = {
        "garbage": b"not a database\x00" * 100,
        "empty-file": b"",
        "truncated": b"SQLite format 3\x00" + b"\x10\x00\x01\x01" + b"\x00" * 200,
    }
    for variant, data in stores.items():
        yield Case(
            name=f"search:store:{variant}",
            entry=ENTRY,
            argv=search_argv("tide at six"),
            write=write_files({"kb.sqlite3": data}),
            store=StoreKind.CUSTOM,
        )
    yield Case(
        name="search:store:read-only",
        entry=ENTRY,
        argv=search_argv("tide at six"),
        store=StoreKind.READ_ONLY,
    )
    yield Case(
        name="search:store:sidecar-garbage",
        entry=ENTRY,
        argv=search_argv("tide at six"),
        write=_spoil_sidecar,
    )


def _spoil_sidecar(folder: Path) -> None:
    """Garbage in every file of the matcher's folder beside the (already copied) store."""
    for file in (folder / "kb.sqlite3.factchecks").rglob("*"):
        if file.is_file():
            file.write_bytes(b"\x93NUMPY garbage" + b"\xff" * 100)
