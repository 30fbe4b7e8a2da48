"""The reference corpus in SQLite: documents, passages, LSH keys, phrase index, checkpoints."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from factsift.corpus.model import (
    DocumentRecord,
    PassageText,
    ReuseCandidate,
    StoredDocument,
    StoredPassage,
)
from factsift.embed import DIM

_LOOKUP_CHUNK = 2000  # keys per lookup query
_IMPORT_CACHE_KB = 128 * 1024
_MAX_QUERY_TERMS = 8  # evidence queries: rarest terms kept
_MAX_TERM_SHARE = 0.05  # ... among those in at most this share of the passages


IdArray = npt.NDArray[np.int64]
VectorArray = npt.NDArray[np.float32]


def _save_vectors(folder: Path, name: str, ids: IdArray, vectors: VectorArray) -> None:
    """Write the vector copy (temporary files renamed into place); drop older copies."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for prefix, array in (("vectors", vectors), ("ids", ids)):  # ids last: marks complete
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".npy", dir=folder)
            with os.fdopen(fd, "wb") as handle:
                np.save(handle, array)
            os.replace(tmp, folder / f"{prefix}-{name}.npy")
        for old in folder.glob("*.npy"):
            if not old.name.endswith(f"-{name}.npy"):
                old.unlink(missing_ok=True)  # open memory maps stay valid (POSIX)
    except OSError:
        return  # read-only location: the vectors still work, read from the table


def _fts_any(terms: Sequence[str]) -> str | None:
    """An FTS5 query matching any of ``terms`` (each quoted, so no operator syntax)."""
    words = [w for t in terms for w in re.findall(r"\w+", t)]
    return " OR ".join(f'"{w}"' for w in dict.fromkeys(words)) or None


def _fts_phrase(text: str) -> str | None:
    """An FTS5 phrase query for the words of ``text`` (quoted, so no operator syntax)."""
    words = re.findall(r"\w+", text)
    return '"' + " ".join(words) + '"' if words else None


class SQLiteCorpusMixin:
    conn: sqlite3.Connection
    path: Path

    def add_documents(self, docs: Sequence[DocumentRecord]) -> int:
        """Insert documents not stored yet (by key or identical text); return how many."""
        # 64 LSH rows per passage go into a B-tree keyed at random: a larger page cache than
        # SQLite's 2 MB default measured 30% faster imports (it applies to this connection).
        self.conn.execute(f"PRAGMA cache_size = {-_IMPORT_CACHE_KB}")
        added = 0
        lsh_rows: list[tuple[int, int | None]] = []
        fts_rows: list[tuple[int | None, str]] = []
        for doc in docs:
            exists = self.conn.execute(
                "SELECT 1 FROM corpus_documents WHERE doc_key = ? OR content_hash = ? LIMIT 1",
                (doc.key, doc.content_hash),
            ).fetchone()
            if exists:
                continue
            cur = self.conn.execute(
                "INSERT INTO corpus_documents(doc_key, content_hash, url, title, publisher, "
                "author, date, origin, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.key,
                    doc.content_hash,
                    doc.url,
                    doc.title,
                    doc.publisher,
                    doc.author,
                    doc.date,
                    doc.origin,
                    doc.text,
                ),
            )
            doc_id = cur.lastrowid
            for passage in doc.passages:
                pcur = self.conn.execute(
                    "INSERT INTO corpus_passages(doc_id, seq, start, end, signature) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (doc_id, passage.seq, passage.start, passage.end, passage.signature),
                )
                pid = pcur.lastrowid
                lsh_rows.extend((key, pid) for key in passage.band_keys)
                fts_rows.append((pid, doc.text[passage.start : passage.end]))
            added += 1
        self.conn.executemany(
            "INSERT INTO corpus_lsh(band_key, passage_id) VALUES (?, ?)", lsh_rows
        )
        self.conn.executemany("INSERT INTO corpus_fts(rowid, text) VALUES (?, ?)", fts_rows)
        return added

    def reuse_candidates(self, band_keys: Sequence[int], limit: int = 20) -> list[ReuseCandidate]:
        """Documents whose passages share LSH band keys with the query, most hits first."""
        hits: dict[int, int] = {}
        keys = list(band_keys)
        for lo in range(0, len(keys), _LOOKUP_CHUNK):
            chunk = keys[lo : lo + _LOOKUP_CHUNK]
            rows = self.conn.execute(
                "SELECT p.doc_id, count(*) FROM corpus_lsh l JOIN corpus_passages p "
                "ON p.id = l.passage_id WHERE l.band_key IN (SELECT value FROM json_each(?)) "
                "GROUP BY p.doc_id",
                (json.dumps(chunk),),
            ).fetchall()
            for doc_id, count in rows:
                hits[int(doc_id)] = hits.get(int(doc_id), 0) + int(count)
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [ReuseCandidate(doc_id, count) for doc_id, count in ranked]

    def document(self, doc_id: int) -> StoredDocument | None:
        row = self.conn.execute(
            "SELECT id, doc_key, text, url, title, publisher, author, date "
            "FROM corpus_documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            return None
        return StoredDocument(*tuple(row))

    def passages(self, doc_id: int) -> list[StoredPassage]:
        rows = self.conn.execute(
            "SELECT id, doc_id, seq, start, end FROM corpus_passages WHERE doc_id = ? ORDER BY seq",
            (doc_id,),
        ).fetchall()
        return [StoredPassage(*tuple(row)) for row in rows]

    def documents_with_phrase(self, text: str, limit: int = 50) -> list[int]:
        """Ids of documents with a passage holding the words of ``text`` in order."""
        query = _fts_phrase(text)
        if query is None:
            return []
        rows = self.conn.execute(
            "SELECT DISTINCT p.doc_id FROM corpus_fts f JOIN corpus_passages p "
            "ON p.id = f.rowid WHERE corpus_fts MATCH ? LIMIT ?",
            (query, limit),
        ).fetchall()
        return [int(row[0]) for row in rows]

    def corpus_size(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM corpus_documents").fetchone()[0])

    def import_checkpoint(self, source: str) -> tuple[int, bool]:
        """Records committed so far for an import source, and whether it finished."""
        row = self.conn.execute(
            "SELECT position, done FROM corpus_import_checkpoints WHERE source = ?", (source,)
        ).fetchone()
        return (int(row[0]), bool(row[1])) if row else (0, False)

    def set_import_checkpoint(self, source: str, position: int, done: bool = False) -> None:
        self.conn.execute(
            "INSERT INTO corpus_import_checkpoints(source, position, done) VALUES (?, ?, ?) "
            "ON CONFLICT(source) DO UPDATE SET position = excluded.position, "
            "done = excluded.done, updated_at = CURRENT_TIMESTAMP",
            (source, position, int(done)),
        )

    # -- evidence retrieval ----------------------------------------------------------------
    def search_passages(self, terms: Sequence[str], limit: int = 50) -> list[tuple[int, float]]:
        """Passages matching any of ``terms``, best BM25 first: (passage id, score > 0).

        Only the ``_MAX_QUERY_TERMS`` rarest terms found in at most ``_MAX_TERM_SHARE`` of
        the passages are searched (the two rarest when none is that rare): a term in many
        passages adds little BM25 weight but makes FTS5 walk a long posting list.
        """
        query = _fts_any(self._selective_terms(terms))
        if query is None:
            return []
        rows = self.conn.execute(
            "SELECT rowid, bm25(corpus_fts) FROM corpus_fts WHERE corpus_fts MATCH ? "
            "ORDER BY rank LIMIT ?",
            (query, limit),
        ).fetchall()
        return [(int(pid), -float(score)) for pid, score in rows]  # FTS5: lower is better

    def _selective_terms(self, terms: Sequence[str]) -> list[str]:
        words = list(dict.fromkeys(w.lower() for t in terms for w in re.findall(r"\w+", t)))
        if not words:
            return []
        total = int(self.conn.execute("SELECT count(*) FROM corpus_passages").fetchone()[0])
        found: list[tuple[int, str]] = []
        for word in words:
            row = self.conn.execute(
                "SELECT doc FROM corpus_fts_vocab WHERE term = ?", (word,)
            ).fetchone()
            if row is not None:
                found.append((int(row[0]), word))
        found.sort()
        rare = [w for df, w in found if df <= _MAX_TERM_SHARE * total]
        return (rare or [w for _, w in found[:2]])[:_MAX_QUERY_TERMS]

    def passage_texts(self, passage_ids: Sequence[int]) -> list[PassageText]:
        """Passages with their text and document metadata, in the order asked."""
        found: dict[int, PassageText] = {}
        ids = list(dict.fromkeys(passage_ids))
        for lo in range(0, len(ids), _LOOKUP_CHUNK):
            rows = self.conn.execute(
                "SELECT p.id, p.doc_id, p.start, p.end, "
                "substr(d.text, p.start + 1, p.end - p.start), d.doc_key, d.url, d.title, "
                "d.publisher, d.date FROM corpus_passages p JOIN corpus_documents d "
                "ON d.id = p.doc_id WHERE p.id IN (SELECT value FROM json_each(?))",
                (json.dumps(ids[lo : lo + _LOOKUP_CHUNK]),),
            ).fetchall()
            for row in rows:
                found[int(row[0])] = PassageText(*tuple(row))
        return [found[i] for i in ids if i in found]

    def passages_missing_vectors(
        self, limit: int = 1000, after_id: int = 0
    ) -> list[tuple[int, str]]:
        """(passage id, text) of passages with id > ``after_id`` and no vector, oldest first."""
        rows = self.conn.execute(
            "SELECT p.id, substr(d.text, p.start + 1, p.end - p.start) FROM corpus_passages p "
            "JOIN corpus_documents d ON d.id = p.doc_id WHERE p.id > ? AND NOT EXISTS "
            "(SELECT 1 FROM corpus_passage_vectors v WHERE v.passage_id = p.id) "
            "ORDER BY p.id LIMIT ?",
            (after_id, limit),
        ).fetchall()
        return [(int(pid), str(text)) for pid, text in rows]

    def add_passage_vectors(self, rows: Sequence[tuple[int, bytes]]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO corpus_passage_vectors(passage_id, vec) VALUES (?, ?)", rows
        )

    def passage_vectors(self) -> tuple[IdArray, VectorArray]:
        """Every passage vector: (passage ids, float32 rows), by passage id.

        Reading 200,000 vectors from the table takes seconds, so a copy is kept beside the
        store (``<store>.evidence/vectors-<count>-<first>-<last>.npy``, opened memory-mapped)
        and rebuilt when vectors are added. Vectors are only ever added (import, 'corpus
        index'), so count and id range identify the set.
        """
        count, first, last = self.conn.execute(
            "SELECT count(*), min(passage_id), max(passage_id) FROM corpus_passage_vectors"
        ).fetchone()
        folder = (
            None
            if str(self.path) == ":memory:"
            else self.path.parent / f"{self.path.name}.evidence"
        )
        name = f"{count}-{first}-{last}"
        if folder is not None and count and not self.conn.in_transaction:
            try:
                ids = np.load(folder / f"ids-{name}.npy")
                vectors = np.load(folder / f"vectors-{name}.npy", mmap_mode="r")
                if len(ids) == count and vectors.shape == (count, DIM):
                    return ids, vectors
            except (OSError, ValueError):
                pass  # missing or unreadable: read the table
        rows = self.conn.execute(
            "SELECT passage_id, vec FROM corpus_passage_vectors ORDER BY passage_id"
        ).fetchall()
        ids = np.asarray([int(r[0]) for r in rows], dtype=np.int64)
        blob = b"".join(bytes(r[1]) for r in rows)
        vectors = np.frombuffer(blob, dtype=np.float16).reshape(len(rows), DIM).astype(np.float32)
        if folder is not None and count and not self.conn.in_transaction:
            _save_vectors(folder, name, ids, vectors)
        return ids, vectors

    def last_passage_id(self) -> int:
        return int(
            self.conn.execute("SELECT coalesce(max(id), 0) FROM corpus_passages").fetchone()[0]
        )

    def passage_vector_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM corpus_passage_vectors").fetchone()[0])

    def passage_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM corpus_passages").fetchone()[0])
