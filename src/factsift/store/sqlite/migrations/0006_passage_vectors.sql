-- Dense vectors of reference-corpus passages, for evidence retrieval (factsift.evidence).
-- One row per passage: MiniLM unit vector as 384 little-endian float16. Filled at corpus
-- import, or later by 'factsift corpus index' for passages imported without vectors.
CREATE TABLE corpus_passage_vectors (
    passage_id INTEGER PRIMARY KEY REFERENCES corpus_passages(id) ON DELETE CASCADE,
    vec BLOB NOT NULL
);
