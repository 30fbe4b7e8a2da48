"""Fact-checks in SQLite: records, their vectors, and search through the matcher.

The matcher (BM25 + vectors + re-ranker, ``factsift.factchecks.matching``) is built in
memory from the table on first search and rebuilt when the table changes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from factsift.factchecks.matching import BODY_CHARS
from factsift.factchecks.models import FactCheck, FactCheckMatch
from factsift.factchecks.verdicts import Verdict

if TYPE_CHECKING:
    from factsift.factchecks.matching import ClaimMatcher

_COLUMNS = (
    "key, collection, claim, title, summary, claimant, claim_date, review_date, rating, "
    "verdict, publisher, url, language, body"
)
_FIELDS = [c.strip() for c in _COLUMNS.split(",")]


def _record(row: sqlite3.Row) -> FactCheck:
    values = {name: row[name] for name in _FIELDS}
    values["verdict"] = Verdict(values["verdict"])
    return FactCheck(id=int(row["id"]), **values)


class SQLiteFactChecksMixin:
    conn: sqlite3.Connection
    _matcher: ClaimMatcher | None = None
    _matcher_version: tuple[int, int, int] | None = None

    def upsert_factcheck(self, record: FactCheck) -> str:
        """Insert or update by key; returns "added", "updated" or "unchanged"."""
        digest = record.content_hash()
        row = self.conn.execute(
            "SELECT id, content_hash FROM factchecks WHERE key = ?", (record.key,)
        ).fetchone()
        values = [getattr(record, name) for name in _FIELDS]
        values[_FIELDS.index("verdict")] = str(record.verdict)
        if row is None:
            self.conn.execute(
                f"INSERT INTO factchecks({_COLUMNS}, content_hash) "  # noqa: S608
                f"VALUES ({', '.join('?' * (len(_FIELDS) + 1))})",
                (*values, digest),
            )
            return "added"
        if row["content_hash"] == digest:
            return "unchanged"
        assignments = ", ".join(f"{name} = ?" for name in _FIELDS)
        self.conn.execute(
            f"UPDATE factchecks SET {assignments}, content_hash = ? WHERE id = ?",  # noqa: S608
            (*values, digest, row["id"]),
        )
        # The text may have changed: its vectors must be computed again.
        self.conn.execute("DELETE FROM factcheck_vectors WHERE factcheck_id = ?", (row["id"],))
        return "updated"

    def factchecks_missing_vectors(self, model: str) -> list[tuple[int, str, str | None]]:
        """(id, claim, title) of fact-checks with no vectors from ``model``."""
        rows = self.conn.execute(
            "SELECT f.id, f.claim, f.title FROM factchecks f LEFT JOIN factcheck_vectors v "
            "ON v.factcheck_id = f.id AND v.model = ? WHERE v.factcheck_id IS NULL "
            "ORDER BY f.id",
            (model,),
        ).fetchall()
        return [(int(r[0]), str(r[1]), r[2]) for r in rows]

    def put_factcheck_vectors(
        self, model: str, rows: Iterable[tuple[int, bytes, bytes | None]]
    ) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO factcheck_vectors(factcheck_id, model, claim_vec, title_vec) "
            "VALUES (?, ?, ?, ?)",
            ((fid, model, claim, title) for fid, claim, title in rows),
        )

    def factcheck_count(self, collection: str | None = None) -> int:
        if collection is None:
            row = self.conn.execute("SELECT count(*) FROM factchecks").fetchone()
        else:
            row = self.conn.execute(
                "SELECT count(*) FROM factchecks WHERE collection = ?", (collection,)
            ).fetchone()
        return int(row[0])

    def factchecks_by_id(self, ids: Sequence[int]) -> dict[int, FactCheck]:
        found: dict[int, FactCheck] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            rows = self.conn.execute(
                f"SELECT id, {_COLUMNS} FROM factchecks "  # noqa: S608
                f"WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            found.update((int(r["id"]), _record(r)) for r in rows)
        return found

    def iter_factcheck_index_rows(
        self, model: str
    ) -> Iterator[
        tuple[
            int,
            str,
            str,
            str | None,
            str | None,
            bytes | None,
            bytes | None,
            str | None,
            str | None,
        ]
    ]:
        """(id, key, claim, title, summary, claim_vec, title_vec, date, body start)."""
        cursor = self.conn.execute(
            "SELECT f.id, f.key, f.claim, f.title, f.summary, v.claim_vec, v.title_vec, "
            "coalesce(f.review_date, f.claim_date), substr(f.body, 1, ?) "
            "FROM factchecks f LEFT JOIN factcheck_vectors v "
            "ON v.factcheck_id = f.id AND v.model = ? ORDER BY f.id",
            (BODY_CHARS, model),
        )
        for row in cursor:
            yield (int(row[0]), row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8])

    def _factcheck_version(self) -> tuple[int, int, int]:
        row = self.conn.execute(
            "SELECT count(*), coalesce(max(id), 0), "
            "(SELECT count(*) FROM factcheck_vectors) FROM factchecks"
        ).fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    def factcheck_matcher(self) -> ClaimMatcher:
        """The in-memory matcher over this store, rebuilt when the table changed."""
        from factsift.factchecks.matching import ClaimMatcher

        version = self._factcheck_version()
        if self._matcher is None or self._matcher_version != version:
            self._matcher = ClaimMatcher.from_store(self)  # type: ignore[arg-type]
            self._matcher_version = version
        return self._matcher

    def search_factchecks_many(
        self, texts: Sequence[str], k: int = 5, date: str | None = None
    ) -> list[list[FactCheckMatch]]:
        """The top ``k`` fact-checks for each text, best first (empty lists if none).

        ``date``: when the texts were written (ISO), used as a matching feature if known."""
        if not texts or self.factcheck_count() == 0:
            return [[] for _ in texts]
        matcher = self.factcheck_matcher()
        hits = matcher.search_many(list(texts), k, date)
        ids = sorted({hit.doc_id for row in hits for hit in row})
        records = self.factchecks_by_id(ids)
        return [
            [
                FactCheckMatch(
                    factcheck=records[hit.doc_id],
                    score=hit.score,
                    same_claim=hit.same_claim,
                    features=hit.features,
                )
                for hit in row
                if hit.doc_id in records
            ]
            for row in hits
        ]

    def search_factchecks(self, text: str, k: int = 5) -> list[FactCheckMatch]:
        return self.search_factchecks_many([text], k)[0]


def vector_blob(vector: np.ndarray[Any, Any]) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()
