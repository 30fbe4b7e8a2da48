"""The knowledge interface that stages talk to, and the factory that picks a backend.

Only store implementations speak SQL. Stages call the methods below; a PostgreSQL backend
implements the same class. Capabilities add their methods here (abstract) and in each
backend.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from factsift.corpus.model import (
    DocumentRecord,
    PassageText,
    ReuseCandidate,
    StoredDocument,
    StoredPassage,
)
from factsift.errors import StoreError
from factsift.factchecks.models import FactCheck, FactCheckMatch
from factsift.notes.model import (
    Note,
    NoteListing,
    NoteRating,
    NoteScore,
    RaterScore,
    StatusChange,
)
from factsift.sources.model import (
    AuthorDocument,
    DomainLink,
    FamilyMember,
    RatingList,
    RatingRecord,
    SourceName,
    StoredRating,
)


@dataclass(frozen=True, slots=True)
class SourceMatch:
    """A source in the store that a name from the text may refer to."""

    source_id: int
    name: str  # the stored name or alias that matched
    domain: str | None
    score: float  # 1.0 for an exact match of the normalised name
    method: str  # "exact" | "fuzzy"


class KnowledgeStore(ABC):
    """Everything the checker can look up: sources, fact-checks, reference documents."""

    location: str

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Any]:
        """A write transaction: all of it is committed, or none of it."""

    @abstractmethod
    def stats(self) -> dict[str, int]:
        """Row counts of the main tables, for ``factsift kb stats``."""

    # -- sources --------------------------------------------------------------------------
    @abstractmethod
    def find_sources_by_name(self, name: str, limit: int = 5) -> list[SourceMatch]:
        """Sources whose name or alias matches ``name``, best first (empty if none)."""

    @abstractmethod
    def source_by_domain(self, domain: str) -> SourceMatch | None:
        """The source registered for a domain (after alias and rebrand resolution)."""

    # Ratings, lists, rebrands and aliases (factsift.sources); writes go in a transaction.
    @abstractmethod
    def ratings_for_source(self, source_id: int) -> list[StoredRating]:
        """Ratings of the source's domain, its former domains and aliases."""

    @abstractmethod
    def ratings_for_domains(self, domains: Iterable[str]) -> list[StoredRating]: ...

    @abstractmethod
    def source_family(self, source_id: int) -> list[FamilyMember]: ...

    @abstractmethod
    def current_domain(self, domain: str) -> str: ...

    @abstractmethod
    def rating_lists(self) -> list[RatingList]: ...

    @abstractmethod
    def iter_ratings(self, list_name: str | None = None) -> Iterator[StoredRating]: ...

    @abstractmethod
    def add_source(self, domain: str | None, name: str, names: list[str], origin: str) -> int: ...

    @abstractmethod
    def add_source_names(self, source_id: int, names: Iterable[SourceName]) -> int: ...

    @abstractmethod
    def set_source_name(self, source_id: int, name: str) -> None: ...

    @abstractmethod
    def upsert_rating_list(self, info: RatingList) -> int: ...

    @abstractmethod
    def replace_ratings(self, list_id: int, records: Iterable[RatingRecord]) -> int: ...

    @abstractmethod
    def add_domain_link(self, link: DomainLink) -> None: ...

    @abstractmethod
    def domain_links(self) -> list[DomainLink]: ...

    @abstractmethod
    def author_documents(self, name: str, limit: int = 50) -> list[AuthorDocument] | None: ...

    # -- reference corpus (trace) ----------------------------------------------------------
    @abstractmethod
    def add_documents(self, docs: Sequence[DocumentRecord]) -> int:
        """Store documents not stored yet (same key or same text: skipped); return the count."""

    @abstractmethod
    def reuse_candidates(self, band_keys: Sequence[int], limit: int = 20) -> list[ReuseCandidate]:
        """Documents whose passages share LSH band keys with the query, most hits first."""

    @abstractmethod
    def document(self, doc_id: int) -> StoredDocument | None: ...

    @abstractmethod
    def passages(self, doc_id: int) -> list[StoredPassage]: ...

    @abstractmethod
    def documents_with_phrase(self, text: str, limit: int = 50) -> list[int]:
        """Documents with a passage holding the words of ``text`` in this order."""

    @abstractmethod
    def corpus_size(self) -> int: ...

    @abstractmethod
    def import_checkpoint(self, source: str) -> tuple[int, bool]:
        """Records of an import source committed so far, and whether it finished."""

    @abstractmethod
    def set_import_checkpoint(self, source: str, position: int, done: bool = False) -> None: ...

    # -- reference corpus (evidence) -------------------------------------------------------
    @abstractmethod
    def search_passages(self, terms: Sequence[str], limit: int = 50) -> list[tuple[int, float]]:
        """Passages holding any of ``terms``, best BM25 first: (passage id, score)."""

    @abstractmethod
    def passage_texts(self, passage_ids: Sequence[int]) -> list[PassageText]:
        """Passages with their text and their document's metadata, in the order asked."""

    @abstractmethod
    def passages_missing_vectors(
        self, limit: int = 1000, after_id: int = 0
    ) -> list[tuple[int, str]]:
        """(passage id, text) of passages after ``after_id`` without a dense vector yet."""

    @abstractmethod
    def last_passage_id(self) -> int:
        """The highest passage id (0 for an empty corpus): what an import adds comes after."""

    @abstractmethod
    def add_passage_vectors(self, rows: Sequence[tuple[int, bytes]]) -> None:
        """Store (passage id, float16 vector bytes); call inside a transaction."""

    @abstractmethod
    def passage_vectors(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        """All passage vectors: (passage ids, float32 rows of unit vectors), by id."""

    @abstractmethod
    def passage_vector_count(self) -> int: ...

    @abstractmethod
    def passage_count(self) -> int:
        """Passages in the reference corpus (each may have one vector)."""

    # Fact-checks (factsift.factchecks); writes go in a transaction.
    @abstractmethod
    def upsert_factcheck(self, record: FactCheck) -> str:
        """Insert or update by key: "added", "updated" or "unchanged"."""

    @abstractmethod
    def factchecks_missing_vectors(self, model: str) -> list[tuple[int, str, str | None]]: ...

    @abstractmethod
    def put_factcheck_vectors(
        self, model: str, rows: Iterable[tuple[int, bytes, bytes | None]]
    ) -> None: ...

    @abstractmethod
    def factcheck_count(self, collection: str | None = None) -> int: ...

    @abstractmethod
    def factchecks_by_id(self, ids: Sequence[int]) -> dict[int, FactCheck]: ...

    @abstractmethod
    def search_factchecks_many(
        self, texts: Sequence[str], k: int = 5, date: str | None = None
    ) -> list[list[FactCheckMatch]]:
        """The top ``k`` fact-checks for each text, best first."""

    @abstractmethod
    def search_factchecks(self, text: str, k: int = 5) -> list[FactCheckMatch]: ...

    def refresh_factcheck_index(self) -> None:
        """After an import commits, save derived search files (none by default)."""
        return None

    def __enter__(self) -> KnowledgeStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@runtime_checkable
class NotesStore(Protocol):
    """Community notes, their ratings and scores (factsift.notes; docs/notes.md).

    A capability of its own rather than more methods on ``KnowledgeStore``: a backend
    implements it by subclassing it, and callers get it from ``notes_store(store)``.
    Writes go in ``transaction()``.
    """

    def transaction(self) -> AbstractContextManager[Any]: ...

    @abstractmethod
    def add_note(self, note: Note) -> None:
        """Store a new note (its id must be new)."""

    @abstractmethod
    def note(self, note_id: str) -> Note | None: ...

    @abstractmethod
    def note_ids(self) -> set[str]: ...

    @abstractmethod
    def list_notes(
        self,
        *,
        target: str | None = None,
        status: str | None = None,
        limit: int = 50,
    ) -> list[NoteListing]:
        """Notes newest first, with their latest score and rating count."""

    @abstractmethod
    def rate_note(self, rating: NoteRating) -> bool:
        """Store a rating; a rater's new rating of a note replaces the old (True if so)."""

    @abstractmethod
    def note_ratings(self, note_id: str) -> list[NoteRating]: ...

    @abstractmethod
    def upsert_notes(self, notes: Iterable[Note]) -> tuple[int, int]:
        """Insert or update notes in bulk (imports): (added, updated)."""

    @abstractmethod
    def upsert_note_ratings(self, ratings: Iterable[NoteRating]) -> tuple[int, int]:
        """Insert or update ratings in bulk (imports): (added, updated)."""

    @abstractmethod
    def iter_scoring_notes(self) -> Iterator[tuple[Note, NoteScore | None, int]]:
        """Every note with its latest score and the time (ms) of its last change to
        helpful / not helpful (-1 if none): what the scorer needs besides ratings."""

    @abstractmethod
    def iter_scoring_ratings(self) -> Iterator[tuple[str, str, str, str, int]]:
        """Every rating as (note id, rater, helpfulness, tags, created ms)."""

    @abstractmethod
    def save_note_scores(
        self, scores: Sequence[NoteScore], raters: Sequence[RaterScore]
    ) -> list[StatusChange]:
        """Replace the scores; record and return the notes whose status changed."""

    @abstractmethod
    def note_score(self, note_id: str) -> NoteScore | None: ...

    @abstractmethod
    def note_status_history(self, note_id: str) -> list[StatusChange]: ...


def notes_store(store: KnowledgeStore) -> NotesStore:
    """The store's notes capability, or a StoreError naming the fix."""
    if not isinstance(store, NotesStore):
        raise StoreError(
            f"The store '{store.location}' keeps no community notes. Use a SQLite store for --kb."
        )
    return store


def open_store(location: str | Path, *, create: bool = True) -> KnowledgeStore:
    """Open the store at a path (SQLite) or URL; ``create`` makes a missing SQLite file."""
    text = str(location)
    scheme = text.split("://", 1)[0].lower() if "://" in text else "sqlite"
    if scheme in {"sqlite", "file"}:
        from factsift.store.sqlite import SQLiteStore

        path = Path(text.split("://", 1)[1]) if "://" in text else Path(text)
        return SQLiteStore(path, create=create)
    if scheme in {"postgres", "postgresql"}:
        raise StoreError(
            f"PostgreSQL store '{text}' is not available in this version. "
            "Use a SQLite path for --kb (the default)."
        )
    raise StoreError(f"Unknown store type '{scheme}' in '{text}'. Give a file path for SQLite.")


def iter_batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
