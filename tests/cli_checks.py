"""Helpers for failure tests: run the CLI in-process, snapshot a store, make paths read-only."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from factsift.cli.main import main

# The exit codes of factsift.cli.main, by name.
BAD_INPUT, STORE_ERROR, MODEL_ERROR, OUTPUT_ERROR = 3, 5, 7, 8


def run_main(args: list[str]) -> int:
    """The exit status of ``factsift ARGS`` run through the real entry point."""
    try:
        main(args)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def assert_one_line_error(err: str, *words: str) -> str:
    """stderr holds exactly one ``factsift: error:`` line (no traceback) with ``words``."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("factsift: error: "), err
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def snapshot(path: Path) -> tuple[dict[str, int], str]:
    """Row counts of every table, and SQLite's integrity check, of the store at ``path``."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        counts = {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}
        integrity = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()
    return counts, integrity


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file or folder unwritable, also for root (``chattr +i``); restored after."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], check=False).returncode:
        pytest.skip("running as root where 'chattr +i' does not work: cannot make it read-only")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def full_disk_connect(monkeypatch: pytest.MonkeyPatch, only: str | None = None) -> None:
    """Every SQLite connection opened from now on (``only``: to a path ending so) may not
    grow its database file.

    ``PRAGMA max_page_count`` below the current size is clamped to it, so the first write
    that needs a new page fails with SQLITE_FULL ("database or disk is full"), as on a full
    disk.
    """
    real = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = real(database, *args, **kwargs)
        if only is None or str(database).endswith(only):
            conn.execute("PRAGMA max_page_count = 1")
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)


def can_mount_tmpfs() -> bool:
    """Whether this process may mount a small tmpfs in a private mount namespace."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    with tempfile.TemporaryDirectory() as folder:
        probe = subprocess.run(
            [unshare, "-m", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs '{folder}'"],
            capture_output=True,
            check=False,
        )
    return probe.returncode == 0
