"""Fact-checks in SQLite: records, their vectors, and search through the matcher.

The matcher (BM25 + vectors + ANN index + re-ranker, ``factsift.factchecks.matching``) is
kept as sidecar files beside the store (``<store>.factchecks/gen-<N>/``, .npy arrays opened
memory-mapped, a faiss index), written after each import that changed fact-checks commits.
``N`` is the store's fact-check generation (bumped by triggers on every change, rolled back
with a failed import), so a sidecar of another generation is stale: it is then rebuilt from
the tables once and saved. Writes go to a temporary folder renamed into place when
complete, so a reader never sees half a sidecar.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from factsift.factchecks.matching import BODY_CHARS
from factsift.factchecks.models import FactCheck, FactCheckMatch
from factsift.factchecks.verdicts import Verdict

if TYPE_CHECKING:
    from factsift.factchecks.matching import ClaimMatcher, DocTexts

_COLUMNS = (
    "key, collection, claim, title, summary, claimant, claim_date, review_date, rating, "
    "verdict, publisher, url, language, body"
)
_FIELDS = [c.strip() for c in _COLUMNS.split(",")]
SIDECAR_FORMAT = 2


def _record(row: sqlite3.Row) -> FactCheck:
    values = {name: row[name] for name in _FIELDS}
    values["verdict"] = Verdict(values["verdict"])
    return FactCheck(id=int(row["id"]), **values)


class SQLiteFactChecksMixin:
    conn: sqlite3.Connection
    _matcher: ClaimMatcher | None = None
    _matcher_version: int | None = None

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

    path: Path
    matcher_builds = 0  # times the matcher was built from the tables (not loaded)

    def factcheck_generation(self) -> int:
        row = self.conn.execute("SELECT generation FROM factcheck_generation").fetchone()
        return int(row[0])

    def factcheck_sidecar_dir(self) -> Path | None:
        """The folder of this store's matcher files; None for an in-memory store."""
        if str(self.path) == ":memory:":
            return None
        return self.path.parent / f"{self.path.name}.factchecks"

    def _sidecar(self, generation: int) -> Path | None:
        folder = self.factcheck_sidecar_dir()
        return None if folder is None else folder / f"gen-{generation}"

    def _load_sidecar(self, generation: int) -> ClaimMatcher | None:
        from factsift.factchecks.matching import ClaimMatcher

        folder = self._sidecar(generation)
        if folder is None or not (folder / "meta.json").exists():
            return None
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            if meta.get("format") != SIDECAR_FORMAT or meta.get("generation") != generation:
                return None
            return ClaimMatcher.load(folder)
        except (OSError, ValueError, RuntimeError):
            return None  # unreadable: rebuilt from the tables

    def _save_sidecar(self, matcher: ClaimMatcher, generation: int) -> None:
        """Write into a temporary folder, then rename it into place; drop older ones."""
        final = self._sidecar(generation)
        if final is None:
            return
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=final.parent))
            try:
                matcher.save(tmp)
                meta = {"format": SIDECAR_FORMAT, "generation": generation, "docs": len(matcher)}
                (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
                if final.exists() and self._load_sidecar(generation) is None:
                    shutil.rmtree(final)  # unreadable or of an older format
                os.rename(tmp, final)
            except (OSError, RuntimeError):  # RuntimeError: faiss failed to write its index
                shutil.rmtree(tmp, ignore_errors=True)
                if self._load_sidecar(generation) is None:
                    raise
                return  # another process wrote this generation first
            for old in final.parent.iterdir():
                if old != final and old.name.startswith("gen-"):
                    shutil.rmtree(old, ignore_errors=True)  # open mmaps stay valid (POSIX)
        except (OSError, RuntimeError):
            return  # read-only location, full disk: the matcher still works, in memory

    def factcheck_matcher(self) -> ClaimMatcher:
        """The matcher over this store: cached, else the sidecar, else built and saved."""
        from factsift.factchecks.matching import ClaimMatcher

        generation = self.factcheck_generation()
        if self._matcher is not None and self._matcher_version == generation:
            return self._matcher
        matcher = self._load_sidecar(generation)
        if matcher is None:
            matcher = ClaimMatcher.from_store(self)  # type: ignore[arg-type]
            self.matcher_builds += 1
            if not self.conn.in_transaction:  # uncommitted rows must not reach the sidecar
                self._save_sidecar(matcher, generation)
        matcher.texts = self._doc_texts(matcher)
        self._matcher = matcher
        self._matcher_version = generation
        return matcher

    def _doc_texts(self, matcher: ClaimMatcher) -> DocTexts:
        """What the cross-encoder reads of the matcher's rows, read from the store."""
        from factsift.factchecks.cross_encoder import doc_text

        def texts(rows: Sequence[int]) -> list[str]:
            ids = [int(matcher.doc_ids[r]) for r in rows]
            found = self.factchecks_by_id(ids)
            return [doc_text(found[i].claim, found[i].title) if i in found else "" for i in ids]

        return texts

    def refresh_factcheck_index(self) -> None:
        """After an import commits: make the sidecar current (a no-op if it already is)."""
        if self.conn.in_transaction:
            return  # inside an outer transaction: the next search rebuilds it
        generation = self.factcheck_generation()
        if self.factcheck_count() == 0:
            return
        if self._load_sidecar(generation) is None:
            self._matcher = None
            self.factcheck_matcher()

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
