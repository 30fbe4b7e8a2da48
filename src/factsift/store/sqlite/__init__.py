"""The embedded default store: one SQLite file in WAL mode.

``SQLiteStore`` is assembled from one mixin per capability (sources, fact-checks,
reference corpus, notes...), each in its own module, over ``SQLiteBase``.
"""

from __future__ import annotations

from factsift.store.base import KnowledgeStore, NotesStore
from factsift.store.sqlite.base import SQLiteBase
from factsift.store.sqlite.corpus import SQLiteCorpusMixin
from factsift.store.sqlite.factchecks import SQLiteFactChecksMixin
from factsift.store.sqlite.notes import SQLiteNotesMixin
from factsift.store.sqlite.sources import SQLiteSourcesMixin


class SQLiteStore(
    SQLiteNotesMixin,
    SQLiteFactChecksMixin,
    SQLiteCorpusMixin,
    SQLiteSourcesMixin,
    SQLiteBase,
    KnowledgeStore,
    NotesStore,
):
    """The SQLite implementation of the knowledge interface."""

    def stats(self) -> dict[str, int]:
        rows = self.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name != 'schema_migrations' ORDER BY name"
        ).fetchall()
        virtual = [r[0] for r in rows if (r[1] or "").upper().startswith("CREATE VIRTUAL")]
        # A full-text index keeps shadow tables named "<index>_<part>": not the user's data.
        return {
            name: self.count(name)
            for name, _sql in rows
            if name not in virtual and not any(name.startswith(v + "_") for v in virtual)
        }


__all__ = ["SQLiteStore"]
