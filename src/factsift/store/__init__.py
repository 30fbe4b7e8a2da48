"""Knowledge stores: the interface and its backends."""

from factsift.store.base import KnowledgeStore, SourceMatch, open_store

__all__ = ["KnowledgeStore", "SourceMatch", "open_store"]
