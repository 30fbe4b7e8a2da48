"""Community notes in SQLite: notes, ratings, scores and the history of status changes.

Bulk imports go through ``executemany`` upserts that skip unchanged rows, so importing
the same dump twice changes nothing; callers hold the transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from factsift.notes.model import (
    Note,
    NoteListing,
    NoteRating,
    NoteScore,
    RaterScore,
    StatusChange,
    TargetKind,
)
from factsift.notes.vocabulary import Classification, Helpfulness, NoteStatus

_NOTE_COLUMNS = (
    "id, target_kind, target, summary, sources, classification, reasons, author, created_at, origin"
)
_NOTE_UPSERT = (
    f"INSERT INTO notes({_NOTE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "  # noqa: S608
    "ON CONFLICT(id) DO UPDATE SET target_kind = excluded.target_kind, "
    "target = excluded.target, summary = excluded.summary, sources = excluded.sources, "
    "classification = excluded.classification, reasons = excluded.reasons, "
    "author = excluded.author, created_at = excluded.created_at, origin = excluded.origin "
    "WHERE (notes.target_kind, notes.target, notes.summary, notes.sources, "
    "notes.classification, notes.reasons, notes.author, notes.created_at, notes.origin) "
    "IS NOT (excluded.target_kind, excluded.target, excluded.summary, excluded.sources, "
    "excluded.classification, excluded.reasons, excluded.author, excluded.created_at, "
    "excluded.origin)"
)
_RATING_UPSERT = (
    "INSERT INTO note_ratings(note_id, rater, helpfulness, tags, created_at) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT(note_id, rater) DO UPDATE SET "
    "helpfulness = excluded.helpfulness, tags = excluded.tags, "
    "created_at = excluded.created_at "
    "WHERE (note_ratings.helpfulness, note_ratings.tags, note_ratings.created_at) "
    "IS NOT (excluded.helpfulness, excluded.tags, excluded.created_at)"
)
_SCORE_COLUMNS = (
    "note_id, status, rule, intercept, factor, num_ratings, first_tag, second_tag, rules, scored_at"
)


def _note_row(note: Note) -> tuple[object, ...]:
    return (
        note.id,
        str(note.target_kind),
        note.target,
        note.summary,
        "\n".join(note.sources),
        str(note.classification),
        " ".join(note.reasons),
        note.author,
        note.created_at,
        note.origin,
    )


def _note(row: sqlite3.Row) -> Note:
    return Note(
        id=row["id"],
        target_kind=TargetKind(row["target_kind"]),
        target=row["target"],
        summary=row["summary"],
        sources=tuple(s for s in row["sources"].split("\n") if s),
        classification=Classification(row["classification"]),
        reasons=tuple(row["reasons"].split()),
        author=row["author"],
        created_at=int(row["created_at"]),
        origin=row["origin"],
    )


def _rating_row(rating: NoteRating) -> tuple[object, ...]:
    return (
        rating.note_id,
        rating.rater,
        str(rating.helpfulness),
        " ".join(rating.tags),
        rating.created_at,
    )


def _score(row: sqlite3.Row | dict[str, Any]) -> NoteScore:
    return NoteScore(
        note_id=row["note_id"],
        status=NoteStatus(row["status"]),
        rule=row["rule"],
        intercept=row["intercept"],
        factor=row["factor"],
        num_ratings=int(row["num_ratings"]),
        first_tag=row["first_tag"],
        second_tag=row["second_tag"],
        rules=row["rules"],
        scored_at=int(row["scored_at"]),
    )


def _change(row: sqlite3.Row) -> StatusChange:
    old = row["old_status"]
    return StatusChange(
        note_id=row["note_id"],
        old_status=None if old is None else NoteStatus(old),
        new_status=NoteStatus(row["new_status"]),
        changed_at=int(row["changed_at"]),
        rules=row["rules"],
    )


class SQLiteNotesMixin:
    conn: sqlite3.Connection

    def add_note(self, note: Note) -> None:
        self.conn.execute(
            f"INSERT INTO notes({_NOTE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
            _note_row(note),
        )

    def note(self, note_id: str) -> Note | None:
        row = self.conn.execute(
            f"SELECT {_NOTE_COLUMNS} FROM notes WHERE id = ?",  # noqa: S608
            (note_id,),
        ).fetchone()
        return None if row is None else _note(row)

    def note_ids(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT id FROM notes")}

    def list_notes(
        self,
        *,
        target: str | None = None,
        status: str | None = None,
        limit: int = 50,
    ) -> list[NoteListing]:
        where: list[str] = []
        params: list[object] = []
        if target is not None:
            where.append("n.target = ?")
            params.append(target)
        if status is not None:
            where.append("s.status = ?")
            params.append(status)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        columns = ", ".join(f"n.{c.strip()}" for c in _NOTE_COLUMNS.split(","))
        score_columns = ", ".join(
            f"s.{c.strip()} AS s_{c.strip()}" for c in _SCORE_COLUMNS.split(",")
        )
        rows = self.conn.execute(
            f"SELECT {columns}, {score_columns}, "  # noqa: S608
            "(SELECT count(*) FROM note_ratings r WHERE r.note_id = n.id) AS ratings "
            f"FROM notes n LEFT JOIN note_scores s ON s.note_id = n.id {clause} "
            "ORDER BY n.created_at DESC, n.id LIMIT ?",
            (*params, limit),
        ).fetchall()
        listings = []
        for row in rows:
            score = None
            if row["s_note_id"] is not None:
                values = {c.strip(): row[f"s_{c.strip()}"] for c in _SCORE_COLUMNS.split(",")}
                score = _score(values)
            listings.append(NoteListing(_note(row), score, int(row["ratings"])))
        return listings

    def rate_note(self, rating: NoteRating) -> bool:
        existed = self.conn.execute(
            "SELECT 1 FROM note_ratings WHERE note_id = ? AND rater = ?",
            (rating.note_id, rating.rater),
        ).fetchone()
        self.conn.execute(_RATING_UPSERT, _rating_row(rating))
        return existed is not None

    def note_ratings(self, note_id: str) -> list[NoteRating]:
        rows = self.conn.execute(
            "SELECT note_id, rater, helpfulness, tags, created_at FROM note_ratings "
            "WHERE note_id = ? ORDER BY created_at, rater",
            (note_id,),
        ).fetchall()
        return [
            NoteRating(
                note_id=row["note_id"],
                rater=row["rater"],
                helpfulness=Helpfulness(row["helpfulness"]),
                tags=tuple(row["tags"].split()),
                created_at=int(row["created_at"]),
            )
            for row in rows
        ]

    def _bulk(self, table: str, sql: str, rows: Iterable[tuple[object, ...]]) -> tuple[int, int]:
        before = int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608
        changes = self.conn.total_changes
        self.conn.executemany(sql, rows)
        changed = self.conn.total_changes - changes
        after = int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608
        return after - before, changed - (after - before)

    def upsert_notes(self, notes: Iterable[Note]) -> tuple[int, int]:
        return self._bulk("notes", _NOTE_UPSERT, (_note_row(n) for n in notes))

    def upsert_note_ratings(self, ratings: Iterable[NoteRating]) -> tuple[int, int]:
        return self._bulk("note_ratings", _RATING_UPSERT, (_rating_row(r) for r in ratings))

    def iter_scoring_notes(self) -> Iterator[tuple[Note, NoteScore | None, int]]:
        columns = ", ".join(f"n.{c.strip()}" for c in _NOTE_COLUMNS.split(","))
        score_columns = ", ".join(
            f"s.{c.strip()} AS s_{c.strip()}" for c in _SCORE_COLUMNS.split(",")
        )
        rows = self.conn.execute(
            f"SELECT {columns}, {score_columns}, "  # noqa: S608
            "(SELECT max(h.changed_at) FROM note_status_history h WHERE h.note_id = n.id "
            "AND h.new_status != 'needs_more_ratings') AS last_non_nmr "
            "FROM notes n LEFT JOIN note_scores s ON s.note_id = n.id ORDER BY n.rowid"
        )
        for row in rows:
            score = None
            if row["s_note_id"] is not None:
                values = {c.strip(): row[f"s_{c.strip()}"] for c in _SCORE_COLUMNS.split(",")}
                score = _score(values)
            last = row["last_non_nmr"]
            yield _note(row), score, -1 if last is None else int(last)

    def iter_scoring_ratings(self) -> Iterator[tuple[str, str, str, str, int]]:
        cursor = self.conn.execute(
            "SELECT note_id, rater, helpfulness, tags, created_at FROM note_ratings"
        )
        for row in cursor:
            yield row[0], row[1], row[2], row[3], int(row[4])

    def save_note_scores(
        self, scores: Sequence[NoteScore], raters: Sequence[RaterScore]
    ) -> list[StatusChange]:
        previous = {
            row[0]: row[1] for row in self.conn.execute("SELECT note_id, status FROM note_scores")
        }
        changes = [
            StatusChange(
                note_id=s.note_id,
                old_status=None if s.note_id not in previous else NoteStatus(previous[s.note_id]),
                new_status=s.status,
                changed_at=s.scored_at,
                rules=s.rules,
            )
            for s in scores
            if previous.get(s.note_id) != s.status.value
        ]
        self.conn.execute("DELETE FROM note_scores")
        self.conn.executemany(
            f"INSERT INTO note_scores({_SCORE_COLUMNS}) "  # noqa: S608
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    s.note_id,
                    s.status.value,
                    s.rule,
                    s.intercept,
                    s.factor,
                    s.num_ratings,
                    s.first_tag,
                    s.second_tag,
                    s.rules,
                    s.scored_at,
                )
                for s in scores
            ),
        )
        self.conn.executemany(
            "INSERT INTO note_status_history(note_id, old_status, new_status, changed_at, "
            "rules) VALUES (?, ?, ?, ?, ?)",
            (
                (
                    c.note_id,
                    None if c.old_status is None else c.old_status.value,
                    c.new_status.value,
                    c.changed_at,
                    c.rules,
                )
                for c in changes
            ),
        )
        scored_at = scores[0].scored_at if scores else 0
        self.conn.execute("DELETE FROM note_rater_scores")
        self.conn.executemany(
            "INSERT INTO note_rater_scores(rater, intercept, factor, agree_ratio, helpful, "
            "scored_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                (r.rater, r.intercept, r.factor, r.agree_ratio, int(r.helpful), scored_at)
                for r in raters
            ),
        )
        return changes

    def note_score(self, note_id: str) -> NoteScore | None:
        row = self.conn.execute(
            f"SELECT {_SCORE_COLUMNS} FROM note_scores WHERE note_id = ?",  # noqa: S608
            (note_id,),
        ).fetchone()
        return None if row is None else _score(row)

    def note_status_history(self, note_id: str) -> list[StatusChange]:
        rows = self.conn.execute(
            "SELECT note_id, old_status, new_status, changed_at, rules FROM note_status_history "
            "WHERE note_id = ? ORDER BY changed_at, id",
            (note_id,),
        ).fetchall()
        return [_change(row) for row in rows]
