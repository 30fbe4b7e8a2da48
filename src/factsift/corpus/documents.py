"""Turn imported records into stored documents: key, passages, MinHash signatures, LSH keys."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from factsift.corpus.model import DocumentRecord, PassageRecord
from factsift.corpus.passages import split_passages
from factsift.trace.lsh import store_keys
from factsift.trace.minhash import MinHasher, to_bytes


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_key(url: str | None, text: str) -> str:
    """The URL when there is one (so a re-crawl is the same document), else the text's hash."""
    return url.strip() if url and url.strip() else "sha256:" + content_hash(text)


def build_documents(
    records: Sequence[dict[str, str | None]], origin: str, hasher: MinHasher
) -> list[DocumentRecord]:
    """Documents with passages hashed in one vectorised batch; records without text dropped."""
    docs: list[DocumentRecord] = []
    pieces: list[str] = []
    for record in records:
        text = (record.get("text") or "").strip()
        if not text:
            continue
        doc = DocumentRecord(
            key=document_key(record.get("url"), text),
            text=text,
            content_hash=content_hash(text),
            origin=origin,
            url=record.get("url"),
            title=record.get("title"),
            publisher=record.get("publisher"),
            author=record.get("author"),
            date=record.get("date"),
        )
        for seq, (start, end) in enumerate(split_passages(text)):
            doc.passages.append(PassageRecord(seq=seq, start=start, end=end, signature=b""))
            pieces.append(text[start:end])
        docs.append(doc)
    signatures = hasher.signatures(pieces)
    row = 0
    for doc in docs:
        for passage in doc.passages:
            passage.signature = to_bytes(signatures[row])
            passage.band_keys = store_keys(signatures[row])
            row += 1
    return docs
