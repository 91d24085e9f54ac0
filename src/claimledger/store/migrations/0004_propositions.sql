-- Cross-source comparison: claim vectors, propositions and relations.
CREATE TABLE claim_vectors (
    claim TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    vec BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE propositions (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    status TEXT NOT NULL,
    centroid BLOB,
    n_claims INTEGER NOT NULL DEFAULT 0,
    n_docs INTEGER NOT NULL DEFAULT 0,
    n_outlets INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX propositions_status ON propositions(status);

CREATE TABLE relations (
    a TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    why TEXT,
    proposition TEXT,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX relations_b ON relations(b);
CREATE INDEX relations_proposition ON relations(proposition);

