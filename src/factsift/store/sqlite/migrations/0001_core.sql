-- Sources: publishers known by domain and by name (names include aliases and rebrands).
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    domain TEXT UNIQUE,           -- registered domain, lower case; NULL for name-only sources
    name TEXT NOT NULL
);
CREATE TABLE source_names (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    name TEXT NOT NULL,           -- as written in the list
    name_norm TEXT NOT NULL,      -- normalised for matching (see names.normalise_name)
    origin TEXT NOT NULL,         -- which list or curated table gave the name
    PRIMARY KEY (source_id, name_norm, origin)
);
CREATE INDEX source_names_norm ON source_names(name_norm);
