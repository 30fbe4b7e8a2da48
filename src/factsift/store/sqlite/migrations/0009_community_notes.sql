-- Community notes (docs/notes.md): notes on articles, claims or posts, readers' ratings of
-- them, the statuses the bridging scorer gives them, and the history of status changes.

CREATE TABLE notes (
    id TEXT PRIMARY KEY,            -- "fs-..." for notes added here; the dump's noteId on import
    target_kind TEXT NOT NULL,      -- "article" | "claim" | "post"
    target TEXT NOT NULL,           -- article URL or id, claim text, or post (tweet) id
    summary TEXT NOT NULL,          -- the note text, stored as given
    sources TEXT NOT NULL DEFAULT '',   -- source URLs, one per line
    classification TEXT NOT NULL,   -- "misleading" | "not_misleading"
    reasons TEXT NOT NULL DEFAULT '',   -- reason names (misleadingFactualError ...), space-separated
    author TEXT NOT NULL,           -- participant id of the author
    created_at INTEGER NOT NULL,    -- ms since the epoch
    origin TEXT NOT NULL            -- "local" | "birdwatch"
);
CREATE INDEX notes_target ON notes(target);
CREATE INDEX notes_created ON notes(created_at);

-- One rating per rater per note: rating again replaces the row.
CREATE TABLE note_ratings (
    note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    rater TEXT NOT NULL,            -- participant id
    helpfulness TEXT NOT NULL,      -- "helpful" | "somewhat_helpful" | "not_helpful"
    tags TEXT NOT NULL DEFAULT '',  -- tag names (helpfulGoodSources ...), space-separated
    created_at INTEGER NOT NULL,
    PRIMARY KEY (note_id, rater)
) WITHOUT ROWID;
CREATE INDEX note_ratings_rater ON note_ratings(rater);

-- The latest scoring run: one row per note.
CREATE TABLE note_scores (
    note_id TEXT PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE,
    status TEXT NOT NULL,           -- "helpful" | "not_helpful" | "needs_more_ratings"
    rule TEXT NOT NULL,             -- the status rule that decided ("general-crh" ...)
    intercept REAL,                 -- NULL when the note was not in the fit
    factor REAL,
    num_ratings INTEGER NOT NULL,
    first_tag TEXT,                 -- explanation tags of a helpful / not-helpful status
    second_tag TEXT,
    rules TEXT NOT NULL,            -- rule set: "current" | "core-2022"
    scored_at INTEGER NOT NULL
);
CREATE INDEX note_scores_status ON note_scores(status);

-- Every status change a scoring run made (old_status NULL: the note's first scoring).
CREATE TABLE note_status_history (
    id INTEGER PRIMARY KEY,
    note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    old_status TEXT,
    new_status TEXT NOT NULL,
    changed_at INTEGER NOT NULL,
    rules TEXT NOT NULL
);
CREATE INDEX note_status_history_note ON note_status_history(note_id, changed_at);

-- Raters as the latest run saw them: round-two parameters and helpfulness.
CREATE TABLE note_rater_scores (
    rater TEXT PRIMARY KEY,
    intercept REAL,
    factor REAL,
    agree_ratio REAL,
    helpful INTEGER NOT NULL,       -- 1: counted in the second round
    scored_at INTEGER NOT NULL
);
