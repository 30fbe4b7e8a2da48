"""Knowledge stores: the interface and its backends."""

from factsift.store.base import (
    KnowledgeStore,
    NotesStore,
    SourceMatch,
    notes_store,
    open_store,
)

__all__ = ["KnowledgeStore", "NotesStore", "SourceMatch", "notes_store", "open_store"]
