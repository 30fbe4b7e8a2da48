-- Reference corpus for tracing reuse: documents, passages with MinHash signatures, LSH keys.
CREATE TABLE corpus_documents (
    id INTEGER PRIMARY KEY,
    doc_key TEXT NOT NULL UNIQUE,     -- URL, or 'sha256:<hex>' of the text when no URL
    content_hash TEXT NOT NULL,       -- sha256 of the text
    url TEXT,
    title TEXT,
    publisher TEXT,
    author TEXT,
    date TEXT,                        -- ISO 8601 as given
    origin TEXT NOT NULL,             -- file or data set it was imported from
    text TEXT NOT NULL
);
CREATE INDEX corpus_documents_hash ON corpus_documents(content_hash);
CREATE TABLE corpus_passages (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES corpus_documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,           -- character offsets into corpus_documents.text
    end INTEGER NOT NULL,
    signature BLOB NOT NULL,          -- MinHash, 128 little-endian uint32 (trace.minhash)
    UNIQUE (doc_id, seq)
);
-- One row per LSH band of each passage (trace.lsh); looked up by key.
CREATE TABLE corpus_lsh (
    band_key INTEGER NOT NULL,
    passage_id INTEGER NOT NULL REFERENCES corpus_passages(id) ON DELETE CASCADE
);
CREATE INDEX corpus_lsh_key ON corpus_lsh(band_key);
CREATE INDEX corpus_lsh_passage ON corpus_lsh(passage_id);
-- Passage text for phrase lookups (quote tracing); contentless, rowid = passage id.
CREATE VIRTUAL TABLE corpus_fts USING fts5(text, content='', tokenize='unicode61');
-- How far an import of one file got, so a rerun resumes after the last committed batch.
CREATE TABLE corpus_import_checkpoints (
    source TEXT PRIMARY KEY,          -- file path, size and modification time
    position INTEGER NOT NULL,        -- records committed so far
    done INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
