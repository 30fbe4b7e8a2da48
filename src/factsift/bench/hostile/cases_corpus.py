"""Hostile cases for ``factsift corpus import``: JSONL, CSV, WARC and folders of pages."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from typing import Any

from factsift.bench.hostile import payloads as p
from factsift.bench.hostile.common import import_argv, symlink_loops
from factsift.bench.hostile.model import Case, Content, Expect, StoreKind, write_files
from factsift.bench.hostile.payloads import Build

ENTRY = "corpus import"
MANY_DOCUMENTS = 3000


def corpus_case(
    name: str, filename: str, data: Content, *, extra: tuple[str, ...] = (), **kwargs: Any
) -> Case:
    """``corpus import`` of one file holding ``data`` (vectors off: the readers are tested)."""
    return Case(
        name=name,
        entry=ENTRY,
        argv=import_argv(ENTRY, filename, extra=("--no-vectors", *extra)),
        write=write_files({filename: data}),
        **kwargs,
    )


def cases() -> Iterator[Case]:
    yield from _jsonl()
    yield from _csv()
    yield from _warc()
    yield from _html_folders()
    yield from _stores()


def _document(**fields: object) -> dict[str, object]:
    return {
        "url": "https://news.example/tide",
        "title": "Tide tables change",
        "text": p.ARTICLE,
        "date": "2024-03-04",
        "publisher": "Harbour News",
        **fields,
    }


def _jsonl() -> Iterator[Case]:
    good = json.dumps(_document())
    lines = {
        "blank-and-invalid-lines": f"{good}\n\n   \n{{not json\n{good}\n",
        "array-line": f"{good}\n[1, 2]\n",
        "wrong-types": json.dumps(_document(text=["a", 5], title={"x": 1}, url=7, date=None)),
        "text-number": json.dumps(_document(text=12345)),
        "bidi-title": json.dumps(_document(title=f"Tide{p.BIDI}", publisher=f"Harbour{p.BIDI}")),
        "no-newline-at-end": good,
    }
    for variant, text in lines.items():
        yield corpus_case(
            f"corpus:jsonl:{variant}",
            "docs.jsonl",
            text.encode(),
        )
    for variant, build in p.json_variants(_document()).items():
        yield corpus_case(f"corpus:jsonl-line:{variant}", "docs.jsonl", _then(build, good))
    compressed = gzip.compress((good + "\n").encode() * 200)
    gz = {
        "truncated": compressed[: len(compressed) // 2],
        "not-gzip": b"plain text\n",
        "garbage-after": compressed + b"\x00garbage" * 10,
    }
    for variant, archive in gz.items():
        yield corpus_case(f"corpus:jsonl-gz:{variant}", "docs.jsonl.gz", archive)
    yield corpus_case("corpus:jsonl:invalid-utf8", "docs.jsonl", good.encode()[:-2] + b'\xff"}\n')


def _then(build: Build, line: str) -> Build:
    """The spoiled line, then a good one."""
    return lambda: build() + b"\n" + line.encode() + b"\n"


def _csv() -> Iterator[Case]:
    header = ["url", "title", "text", "publisher"]
    row = ["https://news.example/tide", "Tide tables change", p.ARTICLE, "Harbour News"]
    for variant, data in p.table_variants(header, row).items():
        yield corpus_case(
            f"corpus:csv:{variant}",
            "docs.csv",
            data,
            defect="D6" if variant in {"invalid-utf8", "bom-utf16"} else None,
        )
    columns = {
        "columns-no-equals": "text",
        "columns-unknown-field": "body=text",
        "columns-empty": "text=",
        "columns-bidi": "text=te\u202ext",
    }
    good = ",".join(header) + "\n" + ",".join(f'"{c}"' for c in row) + "\n"
    for variant, spec in columns.items():
        yield corpus_case(
            f"corpus:csv:{variant}",
            "docs.csv",
            good.encode(),
            extra=("--columns", spec),
            terminal=False,  # the user's own argument may come back in the message
        )


def _warc() -> Iterator[Case]:
    for variant, data in p.warc_variants().items():
        plain = variant.endswith("-plain")
        name = "crawl.warc" if plain else "crawl.warc.gz"
        truncated = variant.startswith("truncated")
        yield corpus_case(
            f"corpus:warc:{variant}",
            name,
            data,
            expect=Expect.ERROR if truncated else Expect.OK_OR_ERROR,
            defect="D7" if truncated else None,
            note="a truncated archive must be reported, not imported in part as if whole"
            if truncated
            else "",
        )


def _html_folders() -> Iterator[Case]:
    page = p.html_page(p.ARTICLE_BODY)
    yield Case(
        name="corpus:html:symlink-loop",
        entry=ENTRY,
        argv=import_argv(ENTRY, "folder", extra=("--no-vectors",)),
        write=symlink_loops({"good.html": page}, suffix=".html"),
        defect="D9",
    )
    for variant, data in p.html_variants().items():
        yield Case(
            name=f"corpus:html:{variant}",
            entry=ENTRY,
            argv=import_argv(ENTRY, "folder", extra=("--no-vectors",)),
            write=write_files({"folder/page.html": data}),
        )
    yield Case(
        name="corpus:html:bidi-newline-file-name",
        entry=ENTRY,
        argv=import_argv(ENTRY, "folder", extra=("--no-vectors",)),
        write=write_files({"folder/bad\u202e\nname.html": page}),
    )
    yield Case(
        name="corpus:html:file-not-folder",
        entry=ENTRY,
        argv=import_argv(ENTRY, "page.html", extra=("--no-vectors", "--format", "html")),
        write=write_files({"page.html": page}),
    )
    yield Case(
        name="corpus:unknown-suffix",
        entry=ENTRY,
        argv=import_argv(ENTRY, "docs.bin", extra=("--no-vectors",)),
        write=write_files({"docs.bin": b"\x00" * 10}),
    )


def _stores() -> Iterator[Case]:
    good = json.dumps(_document(url="https://news.example/new")) + "\n"
    yield corpus_case(
        "corpus:store:read-only", "docs.jsonl", good.encode(), store=StoreKind.READ_ONLY,
        defect="D11",
    )  # fmt: skip

    def many() -> bytes:
        return "".join(
            json.dumps(
                _document(url=f"https://news.example/{i}", text=f"Story {i}. " + p.ARTICLE * 3)
            )
            + "\n"
            for i in range(MANY_DOCUMENTS)
        ).encode()

    yield corpus_case(
        "corpus:store:full-disk",
        "docs.jsonl",
        many,
        store=StoreKind.FULL_DISK,
        extra=("--batch-size", "100000"),
        defect="D12",
        note="one batch: the failed batch must leave nothing behind",
    )
