"""Corpus importers: formats, idempotence, resume after an interrupted import, errors."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli_checks import BAD_INPUT, assert_one_line_error, run_main, snapshot
from factsift.cli.main import cli, main
from factsift.corpus.importer import import_corpus
from factsift.errors import ImportDataError
from factsift.store.base import KnowledgeStore, open_store
from trace_fixtures import ORIGINAL, UNRELATED


def _page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | News</nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>(c) 2025</footer></body></html>"
    )


def _texts(n: int) -> list[str]:
    return [
        f"Report number {i}. " + ORIGINAL.replace("Westmere", f"Westmere-{i}") for i in range(n)
    ]


def _jsonl(path: Path, n: int) -> Path:
    rows = [
        {"url": f"https://news.test/{i}", "title": f"T{i}", "text": t}
        for i, t in enumerate(_texts(n))
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        pages = [
            ("https://gazette.test/flood", "Flood barrier", ORIGINAL),
            ("https://alvern.test/cheese", "Cheese market", UNRELATED),
        ]
        for url, title, body in pages:
            payload = _page(title, body).encode("utf-8")
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=headers
            )
            writer.write_record(record)
        request = writer.create_warc_record(
            "https://gazette.test/flood",
            "request",
            payload=io.BytesIO(b"GET /flood HTTP/1.1\r\n\r\n"),
        )
        writer.write_record(request)
    return path


@pytest.fixture()
def store(tmp_path: Path) -> KnowledgeStore:
    return open_store(tmp_path / "kb.sqlite3")


def test_corpus_import_jsonl_twice_adds_nothing(store: KnowledgeStore, tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "c.jsonl", 5)
    first = import_corpus(store, source)
    assert (first.added, store.corpus_size()) == (5, 5)
    assert store.passages(1) and all(p.end > p.start for p in store.passages(1))
    again = import_corpus(store, source, resume=False)  # read everything again
    assert again.added == 0 and store.corpus_size() == 5


def test_corpus_import_warc_twice_adds_nothing(store: KnowledgeStore, tmp_path: Path) -> None:
    warc = _warc(tmp_path / "pages.warc.gz")
    first = import_corpus(store, warc)
    assert first.added == 2
    doc = store.document(1)
    assert doc is not None and doc.url == "https://gazette.test/flood"
    assert "movable flood barrier" in doc.text and "Home | News" not in doc.text
    assert import_corpus(store, warc).added == 0  # finished checkpoint
    assert import_corpus(store, warc, resume=False).added == 0  # same URLs
    assert store.corpus_size() == 2


def test_corpus_import_csv_with_column_mapping(store: KnowledgeStore, tmp_path: Path) -> None:
    source = tmp_path / "c.csv"
    source.write_text(
        "id,link,headline,content,site\n"
        f'1,https://a.test/1,Flood,"{ORIGINAL}",Gazette\n'
        f'2,https://a.test/2,Cheese,"{UNRELATED}",Alvern Post\n',
        encoding="utf-8",
    )
    mapping = "url=link,title=headline,text=content,publisher=site"
    assert import_corpus(store, source, columns=mapping).added == 2
    doc = store.document(2)
    assert doc is not None and (doc.title, doc.publisher) == ("Cheese", "Alvern Post")


def test_corpus_import_csv_without_text_column_names_the_fix(
    store: KnowledgeStore, tmp_path: Path
) -> None:
    source = tmp_path / "c.csv"
    source.write_text("id,body\n1,hello\n", encoding="utf-8")
    with pytest.raises(ImportDataError, match="--columns text=COLUMN"):
        import_corpus(store, source)


def test_corpus_import_html_folder(store: KnowledgeStore, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "flood.html").write_text(_page("Flood barrier", ORIGINAL), encoding="utf-8")
    (folder / "notes.txt").write_text("not a page", encoding="utf-8")
    result = import_corpus(store, folder)
    assert result.added == 1
    doc = store.document(1)
    assert doc is not None and "steel gates" in doc.text


def test_corpus_import_malformed_jsonl_line_names_the_line(
    store: KnowledgeStore, tmp_path: Path
) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text('{"text": "fine text here"}\n{not json\n', encoding="utf-8")
    with pytest.raises(ImportDataError, match=r"bad\.jsonl:2"):
        import_corpus(store, source)
    assert store.corpus_size() == 0  # the failing batch was rolled back


def test_corpus_import_resumes_after_failure_past_a_checkpoint(
    store: KnowledgeStore, tmp_path: Path
) -> None:
    source = _jsonl(tmp_path / "c.jsonl", 10)

    def fail_after_first_batch(position: int) -> None:
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C after the first commit

    with pytest.raises(KeyboardInterrupt):
        import_corpus(store, source, batch_size=4, after_batch=fail_after_first_batch)
    assert store.corpus_size() == 4
    assert store.import_checkpoint(_key(store)) == (4, False)
    rerun = import_corpus(store, source, batch_size=4)
    assert rerun.resumed_from == 4 and rerun.records == 6 and rerun.added == 6
    assert store.corpus_size() == 10


def _key(store: KnowledgeStore) -> str:
    from factsift.store.sqlite import SQLiteStore

    assert isinstance(store, SQLiteStore)
    return str(store.conn.execute("SELECT source FROM corpus_import_checkpoints").fetchone()[0])


def test_corpus_import_killed_process_then_rerun_completes(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "c.jsonl", 12)
    kb = tmp_path / "kb.sqlite3"
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from factsift.corpus.importer import import_corpus\n"
        "from factsift.store.base import open_store\n"
        "def kill(position):\n"
        "    if position >= 5:\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        f"import_corpus(open_store({str(kb)!r}), Path({str(source)!r}), batch_size=5, "
        "after_batch=kill)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == -9  # killed, not finished
    with open_store(kb) as store:
        assert store.corpus_size() == 5
        rerun = import_corpus(store, source, batch_size=5)
        assert rerun.resumed_from == 5 and rerun.added == 7
        assert store.corpus_size() == 12


def test_corpus_cli_import_and_stats(tmp_path: Path, kb_path: Path) -> None:
    source = _jsonl(tmp_path / "c.jsonl", 3)
    runner = CliRunner()
    result = runner.invoke(cli, ["corpus", "import", str(source), "--json", "--kb", str(kb_path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["added"] == 3
    result = runner.invoke(cli, ["corpus", "stats", "--json", "--kb", str(kb_path)])
    assert json.loads(result.output)["documents"] == 3
    result = runner.invoke(cli, ["corpus", "import", str(source), "--kb", str(kb_path)])
    assert "0 added" in result.output and "already imported" in result.output


def test_corpus_cli_unknown_format_is_one_line_error(
    tmp_path: Path, kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "c.xml"
    source.write_text("<x/>", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["corpus", "import", str(source)])
    assert exit_info.value.code == 3  # bad input, not a store error
    err = capsys.readouterr().err.strip()
    assert err.startswith("factsift: error:") and "--format" in err and "\n" not in err


def test_corpus_import_gzipped_jsonl(store: KnowledgeStore, tmp_path: Path) -> None:
    import gzip

    plain = _jsonl(tmp_path / "c.jsonl", 3)
    packed = tmp_path / "c.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert import_corpus(store, packed).added == 3


# -- bad input through the CLI: one line, exit 3, nothing kept (issue 20) ------------------


def _corpus_cli(*args: str) -> int:
    return run_main(["corpus", "import", *args, "--no-vectors", "--quiet"])


def test_corpus_import_csv_not_utf8_is_one_line_naming_the_line(
    tmp_path: Path, kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "c.csv"
    good = f'url,text\nhttps://a.test/1,"{ORIGINAL}"\n'.encode()
    bad = b'https://a.test/2,"caf\xe9 au lait in Alvern"\n'
    source.write_bytes(good + bad)
    code = _corpus_cli(str(source), "--kb", str(kb_path))
    err = capsys.readouterr().err
    assert code == BAD_INPUT, err
    bad_line = good.count(b"\n") + 1  # physical lines: the quoted text spans several
    offset = len(good) + bad.index(b"\xe9")
    assert_one_line_error(err, f"{source}:{bad_line}", "UTF-8", f"byte {offset}")
    counts, integrity = snapshot(kb_path)
    assert counts["corpus_documents"] == 0 and integrity == "ok"  # the batch rolled back


def test_corpus_import_deeply_nested_jsonl_is_one_line(
    tmp_path: Path, kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "deep.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    source.write_text('{"text": "fine"}\n{"text": "x", "extra": ' + deep + "}\n", "utf-8")
    code = _corpus_cli(str(source), "--kb", str(kb_path))
    err = capsys.readouterr().err
    assert code == BAD_INPUT, err
    assert_one_line_error(err, f"{source}:2", "nested")


def _warc_pages(path: Path, n: int, *, gzip: bool = True) -> list[int]:
    """A WARC of ``n`` HTML responses; returns the byte offset of each record."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for i, text in enumerate(_texts(n)):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            payload = io.BytesIO(_page(f"Report {i}", text).encode("utf-8"))
            writer.write_record(
                writer.create_warc_record(
                    f"https://gazette.test/{i}", "response", payload=payload, http_headers=headers
                )
            )
    with path.open("rb") as handle:
        iterator = ArchiveIterator(handle)
        return [iterator.get_record_offset() for _ in iterator]


def _truncate(path: Path, size: int) -> None:
    with path.open("r+b") as handle:
        handle.truncate(size)


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_corpus_import_truncated_warc_says_where_and_keeps_nothing(
    tmp_path: Path, kb_path: Path, capsys: pytest.CaptureFixture[str], gzip: bool
) -> None:
    source = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    offsets = _warc_pages(source, 3, gzip=gzip)
    _truncate(source, (offsets[1] + offsets[2]) // 2)  # in the middle of record 2
    code = _corpus_cli(str(source), "--batch-size", "1", "--kb", str(kb_path))
    err = capsys.readouterr().err
    assert code == BAD_INPUT, err
    assert_one_line_error(err, str(source), "record 2", f"byte {offsets[1]}", "--allow-truncated")
    counts, integrity = snapshot(kb_path)
    assert counts["corpus_documents"] == 0 and integrity == "ok"  # not even record 1


def test_corpus_import_truncated_warc_allowed_keeps_the_whole_records(
    tmp_path: Path, kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "crawl.warc.gz"
    offsets = _warc_pages(source, 3)
    _truncate(source, offsets[2] + 40)  # record 3 cut inside its headers
    code = _corpus_cli(str(source), "--allow-truncated", "--kb", str(kb_path))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("factsift: warning: ")
    assert "record 3" in lines[0] and f"byte {offsets[2]}" in lines[0]
    assert "2 added" in captured.out
    assert snapshot(kb_path)[0]["corpus_documents"] == 2


def test_corpus_import_truncated_jsonl_gz_is_one_line(
    tmp_path: Path, kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import gzip

    noise = random.Random(0)  # text that compresses little, so a cut keeps whole lines
    rows = [{"text": f"Report {i}. {ORIGINAL} {noise.randbytes(600).hex()}"} for i in range(6)]
    packed = tmp_path / "c.jsonl.gz"
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode())
    packed.write_bytes(data[: len(data) * 2 // 3])
    code = _corpus_cli(str(packed), "--batch-size", "1", "--kb", str(kb_path))
    err = capsys.readouterr().err
    assert code == BAD_INPUT, err
    assert_one_line_error(err, str(packed), "truncated", "--allow-truncated")
    assert snapshot(kb_path)[0]["corpus_documents"] == 0
    assert _corpus_cli(str(packed), "--allow-truncated", "--kb", str(kb_path)) == 0
    added = snapshot(kb_path)[0]["corpus_documents"]
    assert 0 < added < 6  # the whole lines before the cut


def test_corpus_import_html_folder_with_symlink_loops(
    tmp_path: Path, kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "flood.html").write_text(_page("Flood barrier", ORIGINAL), encoding="utf-8")
    (folder / "self.html").symlink_to("self.html")  # ELOOP when opened
    (folder / "sub" / "up").symlink_to("..")  # a cycle when followed
    code = _corpus_cli(str(folder), "--kb", str(kb_path))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "1 added" in captured.out
