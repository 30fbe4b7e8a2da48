"""Hostile cases for ``factsift check``: files, markup, addresses, servers, stores, --out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

from factsift.bench.hostile import payloads as p
from factsift.bench.hostile.common import import_argv
from factsift.bench.hostile.model import (
    ArgvBuilder,
    Case,
    Content,
    Context,
    Expect,
    StoreKind,
    Writer,
    write_files,
)

ENTRY = "check"
FETCH_LIMITS = ("--timeout", "2", "--max-redirects", "3")
REFUSED = frozenset({4})  # URLRefusedError or NetworkError: exit 4
# Text variants also tried without a file suffix and as HTML (where sniffing decides).
SNIFFED = frozenset(
    {"bom-utf16le", "utf16-no-bom", "mixed-encodings", "nul-early", "binary-junk", "invalid-utf8"}
)


def check_argv(name: str, *extra: str) -> ArgvBuilder:
    def argv(c: Context) -> list[str]:
        return ["check", c.path(name), "--kb", str(c.kb), *extra]

    return argv


def url_argv(url: str, *extra: str) -> ArgvBuilder:
    def argv(c: Context) -> list[str]:
        return ["check", url.replace("{server}", c.server), "--kb", str(c.kb), *extra]

    return argv


def file_case(
    name: str, filename: str, data: Content, *, extra: tuple[str, ...] = (), **kwargs: Any
) -> Case:
    """``check`` of one file holding ``data``."""
    return Case(
        name=name,
        entry=ENTRY,
        argv=check_argv(filename, *extra),
        write=write_files({filename: data}),
        **kwargs,
    )


def cases(huge_text_bytes: int, huge_text_limit_s: float) -> Iterator[Case]:
    yield from _text_files()
    yield from _markup()
    yield from _big(huge_text_bytes, huge_text_limit_s)
    yield from _addresses()
    yield from _server()
    yield from _out_and_options()
    yield from _stores()


def _text_files() -> Iterator[Case]:
    valid = p.ARTICLE.encode()
    must_read = {"bom-utf8", "bom-utf16le", "bom-utf16be", "bom-utf32le", "bom-utf32be"}
    for variant, data in p.text_variants(valid).items():
        expect = Expect.OK if variant in must_read else Expect.OK_OR_ERROR
        yield file_case(
            f"check:txt:{variant}",
            "article.txt",
            data,
            expect=expect,
        )
        if variant in SNIFFED:
            yield file_case(f"check:no-suffix:{variant}", "article", data)
    yield file_case("check:txt:bidi-headline", "article.txt", p.bidi_article(), defect="D5")
    yield file_case("check:txt:ansi-headline", "article.txt", p.ansi_article())
    review = p.claimreview(
        claimReviewed="The harbour office said high tide will come at six in the morning",
        author={"name": f"Harbour{p.BIDI} Checkers"},
    )
    yield Case(
        name="check:txt:bidi-factcheck-publisher",
        entry=ENTRY,
        argv=check_argv("article.txt"),
        before=(import_argv("kb import claimreview", "review.json"),),
        write=write_files({"article.txt": p.ARTICLE, "review.json": json.dumps([review])}),
        defect="D5",
        note="the report names the fact-check's publisher",
    )
    yield Case(
        name="check:stdin:bidi-headline",
        entry=ENTRY,
        argv=lambda c: ["check", "-", "--kb", str(c.kb)],  # the runner feeds the file "stdin"
        write=write_files({"stdin": p.bidi_article()}),
        defect="D5",
    )


def _markup() -> Iterator[Case]:
    for variant, data in p.html_variants().items():
        yield file_case(
            f"check:html:{variant}",
            "page.html",
            data,
            defect="D5" if variant == "bidi-title" else None,
            limit_s=60.0,
        )
    for variant, data in p.text_variants(p.html_page(p.ARTICLE_BODY)).items():
        if variant in SNIFFED:
            yield file_case(f"check:html-encoded:{variant}", "page.html", data)
    jsonld = {
        "jsonld-truncated": p.jsonld_page('{"@type": "NewsArticle", "headline": "Tide'),
        "jsonld-wrong-types": p.jsonld_page(
            '{"@type": 5, "headline": ["a", 1], "author": 7, "datePublished": {"x": 1},'
            ' "publisher": [null, 3], "@graph": "x"}'
        ),
        "jsonld-deep": p.jsonld_page(p.deep_json(50_000).decode()),
        "jsonld-bidi-author": p.jsonld_page(
            '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ola \u202eNord"},'
            ' "publisher": {"name": "Harbour\u200b News\u202e"}}'
        ),
        "jsonld-many-blocks": p.jsonld_page(*["{}"] * 5000),
    }
    for variant, page in jsonld.items():
        defect = "D5" if "bidi" in variant else None
        yield file_case(f"check:html:{variant}", "page.html", page, defect=defect)


def _big(size: int, limit_s: float) -> Iterator[Case]:
    yield file_case(
        "check:txt:huge-text",
        "article.txt",
        partial(p.huge_text, size),
        defect="D3",
        limit_s=limit_s,
        note=f"a {size:,}-byte article, within the default --max-bytes",
    )
    yield file_case(
        "check:txt:over-max-bytes",
        "article.txt",
        p.huge_text(20_000),
        extra=("--max-bytes", "10000"),
        expect=Expect.ERROR,
        error_codes=frozenset({3}),
    )


def _addresses() -> Iterator[Case]:
    for variant in p.ssrf_urls("http://127.0.0.1:1", "/"):
        path = f"/ssrf/{variant}"

        def argv(c: Context, variant: str = variant, path: str = path) -> list[str]:
            url = p.ssrf_urls(c.server, path)[variant]
            return ["check", url, "--kb", str(c.kb), *FETCH_LIMITS]

        yield Case(
            name=f"check:ssrf:{variant}",
            entry=ENTRY,
            argv=argv,
            expect=Expect.ERROR,
            error_codes=REFUSED,
            must_not_reach=path,
            limit_s=30.0,
        )
    for variant, url in p.ODD_URLS.items():
        yield Case(
            name=f"check:url:{variant}",
            entry=ENTRY,
            argv=url_argv(url, *FETCH_LIMITS),
            expect=Expect.ERROR,
            error_codes=frozenset({3, 4}),
            limit_s=30.0,
        )


def _server() -> Iterator[Case]:
    private = (*FETCH_LIMITS, "--allow-private")
    for variant, target in p.REDIRECT_TARGETS.items():
        yield Case(
            name=f"check:redirect:{variant}",
            entry=ENTRY,
            argv=url_argv(f"{{server}}/redirect?to={quote(target, safe='')}", *private),
            defect="D2" if variant in {"backslashes", "javascript"} else None,
            limit_s=30.0,
        )
    yield Case(
        name="check:redirect:metadata-even-with-flag",
        entry=ENTRY,
        argv=url_argv("{server}/redirect?to=http%3A%2F%2F169.254.169.254%2Flatest%2F", *private),
        expect=Expect.ERROR,
        error_codes=REFUSED,
        limit_s=30.0,
    )
    routes = (
        "drip-headers", "drip-body", "stall", "gzip-bomb", "bad-gzip", "length-too-long",
        "length-too-short", "length-twice", "bad-chunks", "http09", "bad-status", "huge-header",
        "close", "empty", "binary", "json", "no-type", "utf16-undeclared", "nul-body", "error-500",
    )  # fmt: skip
    for route in routes:
        yield Case(
            name=f"check:server:{route}",
            entry=ENTRY,
            argv=url_argv(f"{{server}}/{route}", *private),
            defect="D4" if route == "drip-headers" else None,
            limit_s=15.0,
            note="--timeout 2: the whole fetch must end within about 2 s",
        )
    for label in ("undefined", "idna", "utf-16", "x-unknown", "\xff\xfe"):
        content_type = quote(f"text/html; charset={label}", errors="surrogateescape")
        yield Case(
            name=f"check:server:charset-{label.encode('unicode_escape').decode()}",
            entry=ENTRY,
            argv=url_argv(f"{{server}}/header?type={content_type}", *private),
            limit_s=20.0,
        )


def _out_and_options() -> Iterator[Case]:
    article = {"article.txt": p.ARTICLE.encode()}
    outs = {
        "missing-folder": ("missing/deeper/report.html", "D13"),
        "parent-is-file": ("article.txt/report.html", None),
        "dev-full": ("/dev/full", None),
    }
    for variant, (target, defect) in outs.items():

        def argv(c: Context, target: str = target) -> list[str]:
            out = target if target.startswith("/") else c.path(target)
            return ["check", c.path("article.txt"), "--kb", str(c.kb), "--format", "html",
                    "--out", out]  # fmt: skip

        yield Case(
            name=f"check:out:{variant}",
            entry=ENTRY,
            argv=argv,
            write=write_files(article),
            defect=defect,
            terminal=False,
        )
    urls = {
        "unclosed-ipv6": "http://[oops/",
        "javascript": "javascript:alert(1)",
        "bidi-domain": "https://exa\u202emple.com/tide",
        "very-long": "https://example.com/" + "a" * 100_000,
        "no-scheme": "example.com",
        "empty": "",
    }
    for variant, url in urls.items():
        yield Case(
            name=f"check:url-option:{variant}",
            entry=ENTRY,
            argv=check_argv("article.txt", "--url", url),
            write=write_files(article),
        )
    for fmt in ("json", "html"):
        yield file_case(
            f"check:format-{fmt}:bidi-headline",
            "article.txt",
            p.bidi_article(),
            extra=("--format", fmt),
            terminal=False,
        )
    yield file_case("check:content-type-html:binary", "a.txt", b"\x00\x01" * 1000,
                    extra=("--content-type", "html"))  # fmt: skip
    yield Case(
        name="check:path:symlink-loop",
        entry=ENTRY,
        argv=check_argv("loop.txt"),
        write=_symlink_to_itself("loop.txt"),
    )
    yield Case(
        name="check:path:folder",
        entry=ENTRY,
        argv=check_argv("folder"),
        write=write_files({"folder/a.txt": p.ARTICLE.encode()}),
    )


def _stores() -> Iterator[Case]:
    article = {"article.txt": p.ARTICLE.encode()}
    stores: dict[str, bytes] = {
        "garbage": b"not a database\x00" * 100,
        "empty-file": b"",
        "truncated": b"SQLite format 3\x00" + b"\x10\x00\x01\x01" + b"\x00" * 200,
    }
    for variant, data in stores.items():
        yield Case(
            name=f"check:store:{variant}",
            entry=ENTRY,
            argv=check_argv("article.txt"),
            write=write_files({**article, "kb.sqlite3": data}),
            store=StoreKind.CUSTOM,
        )
    yield Case(
        name="check:store:read-only",
        entry=ENTRY,
        argv=check_argv("article.txt"),
        write=write_files(article),
        store=StoreKind.READ_ONLY,
    )


def _symlink_to_itself(name: str) -> Writer:
    def write(folder: Path) -> None:
        (folder / name).symlink_to(name)

    return write
