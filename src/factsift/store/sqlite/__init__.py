"""The embedded default store: one SQLite file in WAL mode.

``SQLiteStore`` is assembled from one mixin per capability (sources, fact-checks,
reference corpus...), each in its own module, over ``SQLiteBase``.
"""

from __future__ import annotations

from factsift.store.base import KnowledgeStore
from factsift.store.sqlite.base import SQLiteBase
from factsift.store.sqlite.corpus import SQLiteCorpusMixin
from factsift.store.sqlite.factchecks import SQLiteFactChecksMixin
from factsift.store.sqlite.sources import SQLiteSourcesMixin


class SQLiteStore(
    SQLiteFactChecksMixin, SQLiteCorpusMixin, SQLiteSourcesMixin, SQLiteBase, KnowledgeStore
):
    """The SQLite implementation of the knowledge interface."""

    def stats(self) -> dict[str, int]:
        rows = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'schema_migrations' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        ).fetchall()
        return {row[0]: self.count(row[0]) for row in rows}


__all__ = ["SQLiteStore"]
