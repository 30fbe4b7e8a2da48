"""Imports into a store that cannot be written (read-only, full disk): one line, exit 5, and
the store exactly as it was (row counts and SQLite's integrity check)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cli_checks import (
    STORE_ERROR,
    assert_one_line_error,
    can_mount_tmpfs,
    full_disk_connect,
    read_only,
    run_main,
    snapshot,
)
from trace_fixtures import ORIGINAL, UNRELATED

ROOT = Path(__file__).resolve().parent.parent


def _corpus(folder: Path, name: str, n: int) -> Path:
    path = folder / name
    rows = [
        {"url": f"https://{name}.test/{i}", "text": f"{name} report {i}. " + ORIGINAL}
        for i in range(n)
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _claimreview(folder: Path) -> Path:
    path = folder / "reviews.json"
    reviews = [
        {
            "@type": "ClaimReview",
            "url": f"https://checks.test/{i}",
            "claimReviewed": f"Claim number {i} about the flood barrier.",
            "reviewRating": {"alternateName": "False"},
        }
        for i in range(300)  # enough to need new pages (a full disk shows)
    ]
    path.write_text(json.dumps(reviews), encoding="utf-8")
    return path


def _factchecks_csv(folder: Path) -> Path:
    path = folder / "checks.csv"
    rows = "".join(f"The dam was sold for {i} million dollars,false\n" for i in range(300))
    path.write_text("Claim,Verdict\n" + rows, encoding="utf-8")
    return path


def _ratings_csv(folder: Path) -> Path:
    path = folder / "ratings.csv"
    rows = "".join(f"site{i}.example.com,ok\n" for i in range(300))
    path.write_text("site,rating\n" + rows, encoding="utf-8")
    return path


# name -> (makes the input, the command's arguments after it)
IMPORTS: dict[str, tuple[Callable[[Path], Path], list[str]]] = {
    "corpus import": (
        lambda d: _corpus(d, "new.jsonl", 3),
        ["--no-vectors", "--quiet"],
    ),
    "kb import claimreview": (_claimreview, ["--no-vectors", "--quiet"]),
    "kb import factchecks-csv": (
        _factchecks_csv,
        ["--map", "claim=Claim,rating=Verdict", "--no-vectors", "--quiet"],
    ),
    "kb import ratings-csv": (
        _ratings_csv,
        ["--list", "mine", "--map", "domain=site", "--map", "label=rating"],
    ),
}


def _args(name: str, folder: Path, kb: Path) -> list[str]:
    make, extra = IMPORTS[name]
    return [*name.split(), str(make(folder)), *extra, "--kb", str(kb)]


def _store_with_data(tmp_path: Path) -> Path:
    """A store holding a corpus and a rating list, closed (no -wal file beside it)."""
    kb = tmp_path / "store" / "kb.sqlite3"
    kb.parent.mkdir()
    first = _corpus(tmp_path, "old.jsonl", 2)
    assert (
        run_main(["corpus", "import", str(first), "--no-vectors", "--quiet", "--kb", str(kb)]) == 0
    )
    ratings = tmp_path / "old-ratings.csv"
    ratings.write_text("site,rating\nold.example,ok\n", encoding="utf-8")
    args = ["kb", "import", "ratings-csv", str(ratings), "--list", "old", "--map", "domain=site"]
    assert run_main([*args, "--kb", str(kb)]) == 0
    assert not Path(f"{kb}-wal").exists()
    return kb


@pytest.mark.parametrize("target", ["file", "folder"])
@pytest.mark.parametrize("name", sorted(IMPORTS))
def test_store_read_only_import_is_one_line_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, target: str
) -> None:
    kb = _store_with_data(tmp_path)
    before = snapshot(kb)
    args = _args(name, tmp_path, kb)
    capsys.readouterr()
    with read_only(kb if target == "file" else kb.parent):
        code = run_main(args)
    err = capsys.readouterr().err
    assert code == STORE_ERROR, err
    line = assert_one_line_error(err, str(kb))
    assert "writable" in line  # the fix: make it writable, or give another --kb
    assert snapshot(kb) == before and before[1] == "ok"


@pytest.mark.parametrize("name", sorted(IMPORTS))
def test_store_full_disk_import_rolls_back_and_says_disk_full(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    kb = _store_with_data(tmp_path)
    before = snapshot(kb)
    args = _args(name, tmp_path, kb)
    capsys.readouterr()
    with monkeypatch.context() as patch:
        full_disk_connect(patch)
        code = run_main(args)
    err = capsys.readouterr().err
    assert code == STORE_ERROR, err
    line = assert_one_line_error(err, "disk full", str(kb))
    assert "rollback" not in line  # the cause, not the failed clean-up
    assert snapshot(kb) == before and before[1] == "ok"


def test_store_full_disk_when_creating_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = tmp_path / "new.sqlite3"
    source = _corpus(tmp_path, "c.jsonl", 1)
    full_disk_connect(monkeypatch)
    code = run_main(["corpus", "import", str(source), "--no-vectors", "--quiet", "--kb", str(kb)])
    assert code == STORE_ERROR
    assert_one_line_error(capsys.readouterr().err, "disk full", str(kb))


@pytest.mark.skipif(not can_mount_tmpfs(), reason="cannot mount a tmpfs here (needs root)")
def test_store_full_tmpfs_import_rolls_back_and_says_disk_full(tmp_path: Path) -> None:
    """A real full disk: a 600 KiB tmpfs in a private mount namespace."""
    disk = tmp_path / "disk"
    disk.mkdir()
    small = _corpus(tmp_path, "small.jsonl", 2)
    big = tmp_path / "big.jsonl"
    rows = [
        {"url": f"https://big.test/{i}", "text": f"Story {i}. {UNRELATED} {ORIGINAL} " * 3}
        for i in range(400)
    ]
    big.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    kb = disk / "kb.sqlite3"
    (tmp_path / "before").mkdir()
    (tmp_path / "after").mkdir()
    # One batch: the whole import is one transaction, so all of it must roll back.
    factsift = (
        f"'{sys.executable}' -m factsift corpus import --no-vectors --quiet --batch-size 1000 "
        f"--kb '{kb}'"
    )
    script = (
        f"mount -t tmpfs -o size=600k tmpfs '{disk}' || exit 99\n"
        f"{factsift} '{small}' || exit 98\n"
        f"cp '{kb}'* '{tmp_path}/before/'\n"
        f"{factsift} '{big}' 2> '{tmp_path}/err.txt'\n"
        f"echo $? > '{tmp_path}/code.txt'\n"
        f"cp '{kb}'* '{tmp_path}/after/'\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(["unshare", "-m", "sh", "-c", script], env=env, check=False)
    assert proc.returncode == 0
    err = (tmp_path / "err.txt").read_text(encoding="utf-8")
    assert int((tmp_path / "code.txt").read_text()) == STORE_ERROR, err
    assert_one_line_error(err, "disk full", str(kb))
    after = snapshot(tmp_path / "after" / kb.name)
    assert after == snapshot(tmp_path / "before" / kb.name) and after[1] == "ok"


def test_store_full_disk_under_the_embedding_cache_only_slows_the_import(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fact-check vector cache is an optimisation: a full disk under it must not stop
    an import whose store has room."""
    kb = tmp_path / "kb.sqlite3"
    monkeypatch.setenv("FACTSIFT_CACHE", str(tmp_path / "cache"))
    first = tmp_path / "first.csv"
    first.write_text("Claim\nThe dam was sold for 4.2 million\n", "utf-8")
    args = ["kb", "import", "factchecks-csv", "--map", "claim=Claim", "--quiet", "--kb", str(kb)]
    assert run_main([*args, str(first)]) == 0  # makes the cache
    assert (tmp_path / "cache" / "embeddings.sqlite3").is_file()
    more = tmp_path / "more.csv"  # 20 new vectors: the cache needs new pages
    more.write_text("Claim\n" + "".join(f"Claim {i} about the dam\n" for i in range(20)), "utf-8")
    capsys.readouterr()
    full_disk_connect(monkeypatch, only="embeddings.sqlite3")
    code = run_main([*args, str(more)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "added 20" in captured.out and "embedded 20" in captured.out
