"""The store a case runs against: a seeded template, private copies, and before/after views.

"Unchanged" means the same ``PRAGMA integrity_check`` answer and the same row count in every
table. A failed command must leave the store unchanged; a successful one must leave it
intact (integrity "ok"), whatever it added.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from factsift.errors import BenchmarkError

SIDECAR_SUFFIX = ".factchecks"  # the matcher's files live in a folder beside the store
DISK_HEADROOM = 64 * 1024  # bytes a "full disk" store may still grow by


@dataclass(frozen=True, slots=True)
class StoreState:
    """What is compared before and after a command."""

    integrity: tuple[str, ...]
    counts: tuple[tuple[str, int], ...]

    @property
    def intact(self) -> bool:
        return self.integrity == ("ok",)

    def differences(self, after: StoreState) -> str:
        """What changed, in a few words (empty when nothing did)."""
        if self.integrity != after.integrity:
            return f"integrity_check was {self.integrity[:2]}, now {after.integrity[:2]}"
        before_counts, after_counts = dict(self.counts), dict(after.counts)
        changed = [
            f"{table} {before_counts.get(table, 0)}->{after_counts.get(table, 0)}"
            for table in sorted(set(before_counts) | set(after_counts))
            if before_counts.get(table, 0) != after_counts.get(table, 0)
        ]
        return ", ".join(changed[:4])


EMPTY = StoreState(("ok",), ())


def snapshot(path: Path) -> StoreState:
    """Integrity and row counts, read without writing (no store yet: empty and intact)."""
    if not path.exists():
        return EMPTY
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error as exc:
        return StoreState((f"cannot open: {exc}",), ())
    try:
        integrity = tuple(str(row[0]) for row in conn.execute("PRAGMA integrity_check"))
        tables = [
            str(row[0])
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if row[0] != "schema_migrations"
        ]
        counts = tuple(
            (table, int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]))  # noqa: S608
            for table in sorted(tables)
        )
    except sqlite3.Error as exc:
        return StoreState((f"cannot read: {exc}",), ())
    finally:
        conn.close()
    return StoreState(integrity, tuple((t, n) for t, n in counts if n))


def copy_store(template: Path, target: Path) -> None:
    """The store file, its WAL files if any, and the matcher's folder."""
    for suffix in ("", "-wal", "-shm"):
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copy2(source, target.with_name(target.name + suffix))
    sidecar = template.with_name(template.name + SIDECAR_SUFFIX)
    if sidecar.is_dir():
        shutil.copytree(sidecar, target.with_name(target.name + SIDECAR_SUFFIX))


def full_disk_limit(store: Path) -> int:
    """RLIMIT_FSIZE for a "full disk": the store may grow by a few pages, then writes fail."""
    return store.stat().st_size + DISK_HEADROOM


def make_read_only(store: Path) -> Callable[[], None]:
    """Make the store file unwritable; returns the undo. Root ignores file modes, so as
    root the file is made immutable (``chattr +i``) instead; ``BenchmarkError`` when
    neither works here."""
    if os.geteuid() != 0:
        mode = store.stat().st_mode
        store.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        return lambda: store.chmod(mode)
    chattr = shutil.which("chattr")
    if chattr is None:
        raise BenchmarkError("cannot make a file read-only as root here (no chattr)")
    done = subprocess.run([chattr, "+i", str(store)], capture_output=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BenchmarkError(
            f"cannot make a file read-only as root here (chattr: {done.stderr.decode().strip()})"
        )
    return lambda: _chattr_off(chattr, store)


def _chattr_off(chattr: str, store: Path) -> None:
    subprocess.run([chattr, "-i", str(store)], capture_output=True, check=False)  # noqa: S603
