-- Source ratings: independent rating lists, their ratings, and links between domains
-- (rebrands and aliases). See docs/sources.md for the normalised scale and the lineage.

-- One row per imported list (MBFC, Lin 2023, OpenSources...).
CREATE TABLE rating_lists (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,    -- short name used on the command line: "mbfc", "lin2023"
    title TEXT NOT NULL,          -- human title of the list
    publisher TEXT NOT NULL,      -- who made the list
    date TEXT,                    -- snapshot date of the list (ISO 8601, as precise as known)
    url TEXT,                     -- where the list is published
    scale TEXT NOT NULL,          -- how raw labels map to the normalised value
    roots TEXT NOT NULL,          -- comma-separated original raters the list rests on
    lineage TEXT NOT NULL,        -- prose: what the list derives from
    flags_only INTEGER NOT NULL DEFAULT 0,  -- 1: the list only names unreliable sites
    imported_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- One row per (list, domain, facet, rater): the raw value as the list gives it and the
-- normalised value (0 least .. 1 most reliable; NULL when the facet is not about reliability).
CREATE TABLE ratings (
    id INTEGER PRIMARY KEY,
    list_id INTEGER NOT NULL REFERENCES rating_lists(id) ON DELETE CASCADE,
    domain TEXT NOT NULL,         -- registered domain (or host for platform blogs)
    facet TEXT NOT NULL,          -- "factual" | "credibility" | "reliability" | "quality" | "flag" | "bias"
    rater TEXT NOT NULL,          -- who judged: "mbfc", "newsguard", "adfontes", ...
    roots TEXT NOT NULL,          -- comma-separated original raters this rating rests on
    raw_label TEXT,
    raw_score REAL,
    value REAL,
    date TEXT,
    record TEXT NOT NULL,         -- file and line of the record in the list
    url TEXT,                     -- the list's page for this domain, when it gives one
    note TEXT,
    UNIQUE (list_id, domain, facet, rater)
);
CREATE INDEX ratings_domain ON ratings(domain);

-- Links between domains: "rebrand" (domain became target) or "alias" (same site).
CREATE TABLE domain_links (
    domain TEXT NOT NULL,
    target TEXT NOT NULL,
    kind TEXT NOT NULL,           -- "rebrand" | "alias"
    date TEXT,
    origin TEXT NOT NULL,         -- "curated" or the list that states the link
    evidence TEXT NOT NULL,       -- what the link rests on, in words
    evidence_url TEXT,
    PRIMARY KEY (domain, target, origin)
);
CREATE INDEX domain_links_target ON domain_links(target);

-- Names compared without spaces: "NewsPunch" and "News Punch" meet here.
ALTER TABLE source_names ADD COLUMN name_squash TEXT NOT NULL DEFAULT '';
CREATE INDEX source_names_squash ON source_names(name_squash);
