"""Plain records of the reference corpus, shared by importers, the store and the tracer."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class PassageRecord:
    """A passage of a document to store: offsets into the text and its MinHash signature."""

    seq: int
    start: int
    end: int
    signature: bytes  # uint32 MinHash values, little endian (see trace.minhash)
    band_keys: list[int] = field(default_factory=list)  # LSH keys (see trace.lsh)


@dataclass(slots=True)
class DocumentRecord:
    """A reference document ready for the store (passages already split and hashed)."""

    key: str  # the URL, or "sha256:<hex>" of the text when there is no URL
    text: str
    content_hash: str
    origin: str  # the file or data set it came from
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601 as given
    passages: list[PassageRecord] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document as the store returns it."""

    doc_id: int
    key: str
    text: str
    url: str | None
    title: str | None
    publisher: str | None
    author: str | None
    date: str | None

    def label(self) -> str:
        """Title, publisher and date, for citations."""
        parts = [self.title or self.url or self.key]
        if self.publisher:
            parts.append(self.publisher)
        if self.date:
            parts.append(self.date)
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class StoredPassage:
    passage_id: int
    doc_id: int
    seq: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ReuseCandidate:
    """A document that shares LSH buckets with the query, and how many."""

    doc_id: int
    hits: int  # band collisions summed over the query's windows


@dataclass(frozen=True, slots=True)
class PassageText:
    """A stored passage with its text and its document's metadata (for evidence)."""

    passage_id: int
    doc_id: int
    start: int  # character offsets into the document's text
    end: int
    text: str
    doc_key: str
    url: str | None
    title: str | None
    publisher: str | None
    date: str | None

    def label(self) -> str:
        """Title, publisher and date, for citations."""
        parts = [self.title or self.url or self.doc_key]
        if self.publisher:
            parts.append(self.publisher)
        if self.date:
            parts.append(self.date)
        return " · ".join(parts)
