"""SQLite failures a user can cause (read-only file, full disk, locked, damaged), each as one
``StoreError`` naming the store and the fix.

SQLite reports them as ``sqlite3.OperationalError`` and friends; the result code (Python
3.11+: ``sqlite_errorcode``) tells them apart, with the message as a fallback.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from factsift.errors import StoreError

# Primary result codes (https://www.sqlite.org/rescode.html).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR = 3, 5, 6, 8, 10
_CORRUPT, _FULL, _CANTOPEN, _NOTADB = 11, 13, 14, 26
_BY_TEXT = {
    "readonly database": _READONLY,
    "disk is full": _FULL,
    "unable to open database file": _CANTOPEN,
    "database is locked": _BUSY,
    "disk i/o error": _IOERR,
    "malformed": _CORRUPT,
    "not a database": _NOTADB,
}


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF  # extended codes keep the primary one in the low byte
    text = str(exc).lower()
    return next((c for words, c in _BY_TEXT.items() if words in text), None)


def store_failure(exc: sqlite3.Error, path: Path) -> StoreError | None:
    """The user-facing error for ``exc`` on the store at ``path``; None for a bug (a
    constraint or SQL error), which must not pass for a problem of the user's files."""
    code = _code(exc)
    beside = f"'{path.name}-wal' and '{path.name}-shm'"
    if code == _FULL:
        return StoreError(
            f"Cannot write the knowledge store '{path}': disk full ({exc}); what was being "
            "written was rolled back. Free space on its disk, or give a store on another disk "
            "with --kb, and run the command again."
        )
    if code in (_READONLY, _PERM):
        return StoreError(
            f"The knowledge store '{path}' is read-only ({exc}). Make the file and its folder "
            f"writable (SQLite also writes {beside} beside it), or give another path with --kb."
        )
    if code == _CANTOPEN:
        return StoreError(
            f"Cannot open the knowledge store '{path}' ({exc}). Check that its folder exists "
            f"and is writable (SQLite creates {beside} beside it), or give another path "
            "with --kb."
        )
    if code in (_BUSY, _LOCKED):
        return StoreError(
            f"The knowledge store '{path}' is locked by another process ({exc}). Wait for "
            "that command to finish and run this one again."
        )
    if code == _IOERR:
        return StoreError(
            f"Disk error while using the knowledge store '{path}' ({exc}). Check the disk "
            "(is it full, removed or failing?), or give another path with --kb."
        )
    if code in (_CORRUPT, _NOTADB):
        return StoreError(
            f"'{path}' is not a knowledge store or is damaged ({exc}). Move it away to start "
            "a new store, or restore a backup."
        )
    return None
