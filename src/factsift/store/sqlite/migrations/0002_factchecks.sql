-- Fact-checks (ClaimReview-shaped). `key` makes imports idempotent; `content_hash` tells an
-- unchanged record from an updated one.
CREATE TABLE factchecks (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    collection TEXT NOT NULL,
    claim TEXT NOT NULL,
    title TEXT,
    summary TEXT,
    claimant TEXT,
    claim_date TEXT,
    review_date TEXT,
    rating TEXT,                  -- original rating text
    verdict TEXT NOT NULL,        -- false | mostly_false | mixed | mostly_true | true | unrated
    publisher TEXT,
    url TEXT,
    language TEXT,
    body TEXT,
    content_hash TEXT NOT NULL
);
CREATE INDEX factchecks_collection ON factchecks(collection);
-- Sentence vectors of claim and title (float16, unit length), written by the same import.
CREATE TABLE factcheck_vectors (
    factcheck_id INTEGER PRIMARY KEY REFERENCES factchecks(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    claim_vec BLOB NOT NULL,
    title_vec BLOB
);
