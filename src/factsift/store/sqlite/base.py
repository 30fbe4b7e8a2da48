"""SQLite connection, transactions and migrations.

One file in WAL mode; writes go through ``transaction()`` which takes the write lock at
once (``BEGIN IMMEDIATE``) so a failed import rolls back whole. A failure the user can
cause (read-only file, full disk...) leaves it as a ``StoreError`` naming the store and the
fix (``failures.py``). Migrations are the
``migrations/NNNN_name.sql`` files beside this module, applied in order, each in its own
transaction and recorded in ``schema_migrations``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from importlib import resources
from pathlib import Path

from factsift.errors import StoreError
from factsift.store.sqlite.failures import store_failure


def _migration_files() -> list[tuple[str, str]]:
    folder = resources.files("factsift.store.sqlite") / "migrations"
    files = sorted(
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    )
    return files


class SQLiteBase:
    """Connection handling shared by the SQLite store's capability mixins."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        if not self.path.exists() and not create:
            raise StoreError(
                f"No knowledge store at '{self.path}'. Run 'factsift kb import' to create one, "
                "or give another path with --kb."
            )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: we issue BEGIN/COMMIT ourselves.
            self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=30.0)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            raise store_failure(exc, self.path) or StoreError(
                f"Cannot open the knowledge store '{self.path}': {exc}. "
                "Check the path, or move the file away to start a new store."
            ) from exc
        except OSError as exc:
            raise StoreError(f"Cannot create the knowledge store '{self.path}': {exc}") from exc

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
        )
        done = {row[0] for row in self.conn.execute("SELECT name FROM schema_migrations")}
        for name, sql in _migration_files():
            if name in done:
                continue
            with self.transaction():
                # executescript would COMMIT on its own; run statement by statement instead.
                for statement in _split_sql(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations(name) VALUES (?)", (name,))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes inside commit together or not at all; nested calls join the outer one."""
        if self.conn.in_transaction:
            yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            failure = store_failure(exc, self.path)
            if failure is not None:
                raise failure from exc
            raise
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as exc:
            self._rollback()
            failure = store_failure(exc, self.path) if isinstance(exc, sqlite3.Error) else None
            if failure is not None:
                raise failure from exc
            raise

    def _rollback(self) -> None:
        """Undo the open transaction. After some errors (a full disk, an I/O error) SQLite
        has undone it already, and a ROLLBACK then fails with "no transaction is active":
        that must not replace the error that caused it."""
        if not self.conn.in_transaction:
            return
        with suppress(sqlite3.Error):
            self.conn.execute("ROLLBACK")

    def _close_quietly(self) -> None:
        if getattr(self, "conn", None) is not None:
            with suppress(sqlite3.Error):
                self.conn.close()

    def close(self) -> None:
        self.conn.close()

    def count(self, table: str) -> int:
        row = self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
        return int(row[0])

    def applied_migrations(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM schema_migrations")]


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, using SQLite's own idea of a complete statement."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in buffer.splitlines()
    ):
        raise StoreError(f"Incomplete SQL statement at the end of a migration: {buffer[:80]!r}")
    return statements
