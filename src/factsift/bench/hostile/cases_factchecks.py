"""Hostile cases for the fact-check importers: ``kb import claimreview``, ``factchecks-csv``,
the CheckThat! sets and ``public-factchecks``."""

from __future__ import annotations

import io
import json
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from factsift.bench.hostile import payloads as p
from factsift.bench.hostile.common import import_argv, symlink_loops
from factsift.bench.hostile.model import Case, StoreKind, Writer, write_files
from factsift.bench.hostile.payloads import Build

CLAIMREVIEW = "kb import claimreview"
FACTCHECKS_CSV = "kb import factchecks-csv"
CHECKTHAT_2A = "kb import checkthat-2022-2a"
CHECKTHAT_2B = "kb import checkthat-2022-2b"
CHECKTHAT_2020 = "kb import checkthat-2020-2"
PUBLIC = "kb import public-factchecks"
MANY_RECORDS = 3000  # enough rows to outgrow a "full disk"


def cases() -> Iterator[Case]:
    yield from _claimreview()
    yield from _factchecks_csv()
    yield from _checkthat()


def _claimreview() -> Iterator[Case]:
    valid = [p.claimreview()]
    for variant, data in p.json_variants(valid).items():
        yield Case(
            name=f"claimreview:json:{variant}",
            entry=CLAIMREVIEW,
            argv=import_argv(CLAIMREVIEW, "reviews.json"),
            write=write_files({"reviews.json": data}),
            defect="D8" if variant in {"deep-array", "deep-object"} else None,
        )
    for variant, fields in p.WRONG_TYPES.items():
        reviews = json.dumps([p.claimreview(**fields)]).encode()
        yield Case(
            name=f"claimreview:wrong-types:{variant}",
            entry=CLAIMREVIEW,
            argv=import_argv(CLAIMREVIEW, "reviews.json"),
            write=write_files({"reviews.json": reviews}),
        )
    missing = {
        "no-fields": {"@type": "ClaimReview"},
        "only-claim": {"@type": "ClaimReview", "claimReviewed": "Tide at six"},
        "empty-object": {},
    }
    for variant, obj in missing.items():
        yield Case(
            name=f"claimreview:missing:{variant}",
            entry=CLAIMREVIEW,
            argv=import_argv(CLAIMREVIEW, "reviews.json"),
            write=write_files({"reviews.json": json.dumps([obj]).encode()}),
        )
    yield Case(
        name="claimreview:google:bad-entries",
        entry=CLAIMREVIEW,
        argv=import_argv(CLAIMREVIEW, "claims.json"),
        write=write_files({"claims.json": json.dumps(p.google_claims()).encode()}),
    )
    review = json.dumps(p.claimreview())
    pages = {
        "jsonld-truncated": p.jsonld_page(review[: len(review) // 2]),
        "jsonld-unclosed-script": p.html_page(
            '<script type="application/ld+json">' + review + p.ARTICLE_BODY
        ),
        "jsonld-deep": p.jsonld_page(p.deep_json().decode()),
        "jsonld-entities": p.jsonld_page(review.replace('"', "&quot;")),
        "jsonld-many-blocks": p.jsonld_page(*[review] * 2000),
        "huge-attribute": p.jsonld_page(review).replace(
            b"<article>", b"<article data-x='" + b"A" * 1_000_000 + b"'>"
        ),
        "bidi-publisher": p.jsonld_page(
            json.dumps(p.claimreview(author={"name": f"Harbour{p.BIDI} Checkers"}))
        ),
    }
    for variant, page in pages.items():
        yield Case(
            name=f"claimreview:html:{variant}",
            entry=CLAIMREVIEW,
            argv=import_argv(CLAIMREVIEW, "page.html"),
            write=write_files({"page.html": page}),
            defect="D8" if variant == "jsonld-deep" else None,
        )
    for variant, data in p.text_variants(p.jsonld_page(review)).items():
        yield Case(
            name=f"claimreview:html-encoded:{variant}",
            entry=CLAIMREVIEW,
            argv=import_argv(CLAIMREVIEW, "page.html"),
            write=write_files({"page.html": data}),
        )
    yield from _claimreview_folders(review)
    yield from _claimreview_stores()


def _claimreview_folders(review: str) -> Iterator[Case]:
    yield Case(
        name="claimreview:folder:symlink-loop",
        entry=CLAIMREVIEW,
        argv=import_argv(CLAIMREVIEW, "folder"),
        write=symlink_loops({"good.json": f"[{review}]".encode()}, suffix=".json"),
        defect="D9",
    )
    yield Case(
        name="claimreview:folder:folder-named-json",
        entry=CLAIMREVIEW,
        argv=import_argv(CLAIMREVIEW, "folder"),
        write=write_files({"folder/x.json/inner.txt": b"", "folder/a.json": f"[{review}]"}),
    )
    yield Case(
        name="claimreview:folder:bidi-newline-file-name",
        entry=CLAIMREVIEW,
        argv=import_argv(CLAIMREVIEW, "folder"),
        write=write_files({"folder/bad\u202e\nname.json": b"{}"}),
        note="the bad-record line names the file",
    )
    yield Case(
        name="claimreview:missing-path",
        entry=CLAIMREVIEW,
        argv=import_argv(CLAIMREVIEW, "no-such.json"),
    )


def _claimreview_stores() -> Iterator[Case]:
    new = json.dumps([p.claimreview(url="https://factcheck.example/new")]).encode()
    yield Case(
        name="claimreview:store:read-only",
        entry=CLAIMREVIEW,
        argv=import_argv(CLAIMREVIEW, "reviews.json"),
        write=write_files({"reviews.json": new}),
        store=StoreKind.READ_ONLY,
        defect="D11",
    )

    def many() -> bytes:
        reviews = [
            p.claimreview(
                url=f"https://factcheck.example/{i}",
                claimReviewed=f"Claim {i}: the harbour office moved high tide by {i} minutes "
                + "and said so in a long statement " * 4,
            )
            for i in range(MANY_RECORDS)
        ]
        return json.dumps(reviews).encode()

    yield Case(
        name="claimreview:store:full-disk",
        entry=CLAIMREVIEW,
        argv=import_argv(CLAIMREVIEW, "reviews.json", extra=("--no-vectors",)),
        write=write_files({"reviews.json": many}),
        store=StoreKind.FULL_DISK,
        defect="D12",
    )
    yield Case(
        name="claimreview:store:garbage",
        entry=CLAIMREVIEW,
        argv=import_argv(CLAIMREVIEW, "reviews.json"),
        write=write_files({"reviews.json": new, "kb.sqlite3": b"garbage\x00" * 512}),
        store=StoreKind.CUSTOM,
    )


def _factchecks_csv() -> Iterator[Case]:
    header = ["claim", "rating", "publisher", "url", "review_date"]
    row = ["High tide at six", "False", "Harbour Checkers", "https://fc.example/1", "2024-03-04"]
    for delimiter, suffix in ((",", "csv"), ("\t", "tsv")):
        for variant, data in p.table_variants(header, row, delimiter).items():
            yield Case(
                name=f"factchecks-csv:{suffix}:{variant}",
                entry=FACTCHECKS_CSV,
                argv=import_argv(FACTCHECKS_CSV, f"checks.{suffix}"),
                write=write_files({f"checks.{suffix}": data}),
            )
    good = ("\t".join(header) + "\n" + "\t".join(row) + "\n").encode()
    options: dict[str, tuple[str, ...]] = {
        "delimiter-empty": ("--delimiter", ""),
        "delimiter-two-chars": ("--delimiter", "ab"),
        "delimiter-quote": ("--delimiter", '"'),
        "delimiter-newline": ("--delimiter", "\n"),
        "map-empty-column": ("--map", "claim="),
        "map-no-equals": ("--map", "claim"),
        "map-unknown-field": ("--map", "nonsense=claim"),
        "map-twice": ("--map", "claim=claim,claim=rating"),
        "map-bidi": ("--map", "claim=cl\u202eaim"),
    }
    for variant, extra in options.items():
        yield Case(
            name=f"factchecks-csv:option:{variant}",
            entry=FACTCHECKS_CSV,
            argv=import_argv(FACTCHECKS_CSV, "checks.tsv", extra=extra),
            write=write_files({"checks.tsv": good}),
            terminal=False,  # the user's own argument may come back in the message
        )
    bidi = "\t".join(header) + "\n" + "\t".join([*row[:2], f"Harbour{p.BIDI}", *row[3:]]) + "\n"
    yield Case(
        name="search:bidi-publisher-after-csv-import",
        entry="kb search",
        argv=lambda c: ["kb", "search", "High tide at six", "--kb", str(c.kb)],
        before=(import_argv(FACTCHECKS_CSV, "checks.tsv"),),
        write=write_files({"checks.tsv": bidi.encode()}),
        defect="D5",
    )


def _checkthat() -> Iterator[Case]:
    vclaim = {"vclaim_id": "vclaim-sno-tide", "vclaim": "High tide at six", "title": "Tide"}
    politifact = {
        "vclaim_id": "pf-1",
        "vclaim": "High tide at six",
        "truth_label": "false",
        "url": "/factchecks/2024/mar/04/x/",
        "date": "stated on March 1, 2024 in a post",
    }
    sets = ((CHECKTHAT_2A, "vclaims.tar.gz", vclaim), (CHECKTHAT_2B, "politifact-vclaims.tar.gz",
                                                      politifact))  # fmt: skip
    for entry, tarball, sample in sets:
        short = entry.rsplit(" ", 1)[1]
        for variant, data in p.json_variants(sample).items():
            yield Case(
                name=f"{short}:member:{variant}",
                entry=entry,
                argv=import_argv(entry, "set"),
                write=write_tarball(f"set/{tarball}", {"vclaims/a.json": data}),
            )
        archives = {
            "truncated": _tar_bytes({"vclaims/a.json": json.dumps(sample).encode() * 50})[:700],
            "garbage": b"\x1f\x8b\x08\x00" + b"garbage" * 100,
            "empty": b"",
            "not-gzip": b"plain text, not an archive\n",
        }
        for variant, archive in archives.items():
            yield Case(
                name=f"{short}:archive:{variant}",
                entry=entry,
                argv=import_argv(entry, "set"),
                write=write_files({f"set/{tarball}": archive}),
            )
        yield Case(
            name=f"{short}:archive:symlink-and-traversal-members",
            entry=entry,
            argv=import_argv(entry, "set"),
            write=_odd_tarball(f"set/{tarball}", sample),
        )
        yield Case(
            name=f"{short}:folder:symlink-loop",
            entry=entry,
            argv=import_argv(entry, "set"),
            write=symlink_loops(
                {"a.json": json.dumps(sample).encode()},
                suffix=".json",
                where="set/" + tarball.removesuffix(".tar.gz"),
            ),
            defect="D9",
        )
        yield Case(name=f"{short}:missing-path", entry=entry, argv=import_argv(entry, "nothing"))
    header, row = ["", "vclaim", "title"], ["0", "High tide at six", "Tide"]
    for variant, data in p.table_variants(header, row, "\t").items():
        yield Case(
            name=f"checkthat-2020-2:tsv:{variant}",
            entry=CHECKTHAT_2020,
            argv=import_argv(CHECKTHAT_2020, "verified_claims.docs.tsv"),
            write=write_files({"verified_claims.docs.tsv": data}),
        )
    layouts: dict[str, Writer] = {
        "empty-data-folder": write_files({"README": b""}),
        "2a-garbage": write_files(
            {"clef2022-checkthat-task2/subtask-2a--english/vclaims.tar.gz": b"garbage"}
        ),
        "2020-invalid-utf8": write_files(
            {"clef2020-checkthat-task2-en-snopes/verified_claims.docs.tsv": b"\tv\tt\n0\t\xff\t\n"}
        ),
    }
    for variant, write in layouts.items():
        yield Case(
            name=f"public-factchecks:{variant}",
            entry=PUBLIC,
            argv=lambda c: ["kb", "import", "public-factchecks", "--kb", str(c.kb), "--quiet"],
            write=write,
        )


def _tar_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def write_tarball(name: str, members: dict[str, Build]) -> Writer:
    """A .tar.gz of the members, built when the case runs."""
    return write_files({name: lambda: _tar_bytes({n: build() for n, build in members.items()})})


def _odd_tarball(name: str, sample: dict[str, Any]) -> Writer:
    def write(folder: Path) -> None:
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
            link = tarfile.TarInfo("vclaims/link.json")
            link.type = tarfile.SYMTYPE
            link.linkname = "/etc/passwd"
            tar.addfile(link)
            data = json.dumps(sample).encode()
            for member in ("../../escape.json", "/abs/path.json", "vclaims/ok.json"):
                info = tarfile.TarInfo(member)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(buffer.getvalue())

    return write
