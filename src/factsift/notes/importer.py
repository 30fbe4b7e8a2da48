"""Read the public Community Notes (Birdwatch) download: ``notes-*.tsv``, ``ratings-*.tsv``.

Columns are found by name, so both layouts read:

- 2021 (v1): ``participantId`` for authors and raters, binary ``helpful`` /
  ``notHelpful`` (rows with neither carry no rating and are skipped), the first tag set;
- current: ``noteAuthorParticipantId`` / ``raterParticipantId``, ``helpfulnessLevel``
  (HELPFUL, SOMEWHAT_HELPFUL, NOT_HELPFUL; it wins over the binary columns when set) and
  the later tags. Unknown columns (``version``, ``ratedOnTweetId``...) are ignored.

The import is one transaction of ``executemany`` upserts: importing the same folder twice
changes nothing, and a later dump adds its new notes and ratings.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from factsift.errors import ImportDataError
from factsift.notes.model import Note, NoteRating, TargetKind, urls_in
from factsift.notes.vocabulary import (
    REASONS,
    TAG_ALIASES,
    TAG_BIT,
    TAGS,
    Classification,
    Helpfulness,
    tag_names,
)
from factsift.store.base import NotesStore

ORIGIN = "birdwatch"
_LEVELS = {
    "HELPFUL": Helpfulness.HELPFUL,
    "SOMEWHAT_HELPFUL": Helpfulness.SOMEWHAT_HELPFUL,
    "NOT_HELPFUL": Helpfulness.NOT_HELPFUL,
}
_CLASSIFICATIONS = {
    "MISINFORMED_OR_POTENTIALLY_MISLEADING": Classification.MISLEADING,
    "NOT_MISLEADING": Classification.NOT_MISLEADING,
}
MAX_BAD_SHOWN = 20


@dataclass
class ImportCounts:
    rows: int = 0
    added: int = 0
    updated: int = 0
    skipped: int = 0  # ratings with no helpfulness, or on notes not in the dump


@dataclass
class BirdwatchImport:
    folder: Path
    notes: ImportCounts = field(default_factory=ImportCounts)
    ratings: ImportCounts = field(default_factory=ImportCounts)
    bad: list[str] = field(default_factory=list)  # "file:line: why"

    def summary(self) -> str:
        return (
            f"birdwatch {self.folder}: notes {self.notes.rows} read, {self.notes.added} added, "
            f"{self.notes.updated} updated; ratings {self.ratings.rows} read, "
            f"{self.ratings.added} added, {self.ratings.updated} updated, "
            f"{self.ratings.skipped} skipped (no helpfulness or unknown note); "
            f"{len(self.bad)} bad rows"
        )


@dataclass(frozen=True)
class DumpFiles:
    notes: list[Path]
    ratings: list[Path]


def find_dump(folder: Path) -> DumpFiles:
    if not folder.is_dir():
        raise ImportDataError(
            f"'{folder}' is not a folder. Give the folder holding notes-00000.tsv and "
            "ratings-00000.tsv of a Community Notes download."
        )
    notes = sorted(folder.glob("notes-*.tsv"))
    ratings = sorted(folder.glob("ratings-*.tsv"))
    if not notes:
        raise ImportDataError(
            f"No notes-*.tsv in '{folder}'. Give the folder of a Community Notes (Birdwatch) "
            "download, with notes-00000.tsv and ratings-00000.tsv."
        )
    return DumpFiles(notes, ratings)


def _rows(path: Path, bad: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row by column name); rows with the wrong number of fields go to bad."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader, None)
            if header is None:
                return
            width = len(header)
            for number, fields in enumerate(reader, start=2):
                if len(fields) != width:
                    bad.append(f"{path.name}:{number}: {len(fields)} fields, header has {width}")
                    continue
                yield number, dict(zip(header, fields, strict=True))
    except UnicodeDecodeError as exc:
        raise ImportDataError(
            f"'{path}' is not UTF-8 text ({exc.reason} at byte {exc.start}). "
            "Give the TSV file as downloaded."
        ) from exc


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.readline().rstrip("\r\n").split("\t")


def _pick(path: Path, header: list[str], *names: str) -> str:
    for name in names:
        if name in header:
            return name
    raise ImportDataError(
        f"'{path}' has no column {' or '.join(names)}. "
        "Give a notes or ratings file of the Community Notes download (TSV with a header)."
    )


def _millis(text: str) -> int:
    return int(float(text)) if "." in text or "e" in text.lower() else int(text)


def read_notes(path: Path, bad: list[str]) -> Iterator[Note]:
    header = _header(path)
    note_id = _pick(path, header, "noteId")
    author = _pick(path, header, "noteAuthorParticipantId", "participantId")
    created = _pick(path, header, "createdAtMillis")
    classification = _pick(path, header, "classification")
    tweet = "tweetId" if "tweetId" in header else None
    summary = "summary" if "summary" in header else None
    reasons = [name for name in REASONS if name in header]
    for number, row in _rows(path, bad):
        try:
            kind = _CLASSIFICATIONS[row[classification]]
            when = _millis(row[created])
        except (KeyError, ValueError):
            bad.append(
                f"{path.name}:{number}: bad classification '{row[classification]}' "
                f"or createdAtMillis '{row[created]}'"
            )
            continue
        text = row[summary] if summary else ""
        yield Note(
            id=row[note_id],
            target_kind=TargetKind.POST,
            target=row[tweet] if tweet else "",
            summary=text,
            sources=urls_in(text),
            classification=kind,
            reasons=tuple(name for name in reasons if row[name] == "1"),
            author=row[author],
            created_at=when,
            origin=ORIGIN,
        )


def _helpfulness(row: dict[str, str]) -> Helpfulness | None:
    level = row.get("helpfulnessLevel", "")
    if level:
        return _LEVELS.get(level)
    if row.get("helpful") == "1":
        return Helpfulness.HELPFUL
    if row.get("notHelpful") == "1":
        return Helpfulness.NOT_HELPFUL
    return None


def read_ratings(
    path: Path, bad: list[str], counts: ImportCounts, known: set[str]
) -> Iterator[NoteRating]:
    """Ratings of notes in ``known``; the rest (and ratings with no value) are counted."""
    header = _header(path)
    note_id = _pick(path, header, "noteId")
    rater = _pick(path, header, "raterParticipantId", "participantId")
    created = _pick(path, header, "createdAtMillis")
    if not {"helpfulnessLevel", "helpful"} & set(header):
        _pick(path, header, "helpfulnessLevel", "helpful")
    tag_columns = [(name, TAG_ALIASES.get(name, name)) for name in (*TAGS, *TAG_ALIASES)]
    present = [(column, tag) for column, tag in tag_columns if column in header]
    for number, row in _rows(path, bad):
        counts.rows += 1
        level = _helpfulness(row)
        if level is None or row[note_id] not in known:
            counts.skipped += 1
            continue
        try:
            when = _millis(row[created])
        except ValueError:
            bad.append(f"{path.name}:{number}: bad createdAtMillis '{row[created]}'")
            continue
        tags = tag_names(_mask(row, present))
        yield NoteRating(row[note_id], row[rater], level, tags, when)


def _mask(row: dict[str, str], present: list[tuple[str, str]]) -> int:
    mask = 0
    for column, tag in present:
        if row[column] == "1":
            mask |= TAG_BIT[tag]
    return mask


def read_dump(folder: Path) -> tuple[list[Note], list[NoteRating], list[str]]:
    """Notes, ratings and bad rows of a dump folder, read into memory (benchmarks)."""
    files = find_dump(folder)
    bad: list[str] = []
    notes = [note for path in files.notes for note in read_notes(path, bad)]
    known = {note.id for note in notes}
    counts = ImportCounts()
    ratings = [r for path in files.ratings for r in read_ratings(path, bad, counts, known)]
    return notes, ratings, bad


def import_birdwatch(store: NotesStore, folder: Path, *, strict: bool = False) -> BirdwatchImport:
    """Import a dump folder into the store in one transaction."""
    files = find_dump(folder)
    result = BirdwatchImport(folder)
    with store.transaction():
        seen: set[str] = set()

        def notes() -> Iterator[Note]:
            for path in files.notes:
                for note in read_notes(path, result.bad):
                    result.notes.rows += 1
                    seen.add(note.id)
                    yield note

        result.notes.added, result.notes.updated = store.upsert_notes(notes())
        known = store.note_ids() if files.ratings else seen
        for path in files.ratings:
            added, updated = store.upsert_note_ratings(
                read_ratings(path, result.bad, result.ratings, known)
            )
            result.ratings.added += added
            result.ratings.updated += updated
        if strict and result.bad:
            raise ImportDataError(
                f"{len(result.bad)} bad rows in '{folder}' (first: {result.bad[0]}); nothing "
                "was imported. Fix the rows, or import without --strict to skip them."
            )
    return result
