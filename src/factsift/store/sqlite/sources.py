"""Sources (publishers) in the SQLite store: lookup by domain and by name."""

from __future__ import annotations

import difflib
import sqlite3

from factsift.names import normalise_name, strip_group_suffix
from factsift.store.base import SourceMatch

FUZZY_THRESHOLD = 0.88  # difflib ratio; below this two names are not taken as one source


class SQLiteSourcesMixin:
    conn: sqlite3.Connection

    def source_by_domain(self, domain: str) -> SourceMatch | None:
        row = self.conn.execute(
            "SELECT id, name, domain FROM sources WHERE domain = ?", (domain.lower(),)
        ).fetchone()
        if row is None:
            return None
        return SourceMatch(row["id"], row["name"], row["domain"], 1.0, "exact")

    def find_sources_by_name(self, name: str, limit: int = 5) -> list[SourceMatch]:
        wanted = {normalise_name(name), strip_group_suffix(name)} - {""}
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        rows = self.conn.execute(
            "SELECT DISTINCT s.id, n.name, s.domain FROM source_names n "  # noqa: S608
            f"JOIN sources s ON s.id = n.source_id WHERE n.name_norm IN ({marks}) LIMIT ?",
            (*wanted, limit),
        ).fetchall()
        if rows:
            return [SourceMatch(r["id"], r["name"], r["domain"], 1.0, "exact") for r in rows]
        return self._fuzzy_sources(wanted, limit)

    def _fuzzy_sources(self, wanted: set[str], limit: int) -> list[SourceMatch]:
        # Candidates share the first word; keeps the scan small on large stores.
        firsts = {w.split()[0] for w in wanted}
        found: dict[int, SourceMatch] = {}
        for first in firsts:
            rows = self.conn.execute(
                "SELECT s.id, n.name, n.name_norm, s.domain FROM source_names n "
                "JOIN sources s ON s.id = n.source_id WHERE n.name_norm >= ? AND n.name_norm < ?",
                (first, first + "\uffff"),
            ).fetchall()
            for row in rows:
                score = max(
                    difflib.SequenceMatcher(None, w, row["name_norm"]).ratio() for w in wanted
                )
                if score >= FUZZY_THRESHOLD:
                    best = found.get(row["id"])
                    if best is None or score > best.score:
                        found[row["id"]] = SourceMatch(
                            row["id"], row["name"], row["domain"], round(score, 3), "fuzzy"
                        )
        return sorted(found.values(), key=lambda m: -m.score)[:limit]

    def add_source(self, domain: str | None, name: str, names: list[str], origin: str) -> int:
        """Insert or find a source and record its names; call inside a transaction."""
        if domain:
            self.conn.execute(
                "INSERT INTO sources(domain, name) VALUES (?, ?) ON CONFLICT(domain) DO NOTHING",
                (domain.lower(), name),
            )
            row = self.conn.execute(
                "SELECT id FROM sources WHERE domain = ?", (domain.lower(),)
            ).fetchone()
            source_id = int(row[0])
        else:
            cursor = self.conn.execute(
                "INSERT INTO sources(domain, name) VALUES (NULL, ?)", (name,)
            )
            source_id = int(cursor.lastrowid or 0)
        for alias in {name, *names}:
            norm = normalise_name(alias)
            if norm:
                self.conn.execute(
                    "INSERT OR IGNORE INTO source_names(source_id, name, name_norm, origin) "
                    "VALUES (?, ?, ?, ?)",
                    (source_id, alias, norm, origin),
                )
        return source_id
