-- Comparison v4: documents grouped into stories; inside a story, claims that say the same
-- thing form statements, and statements answer questions (the export's propositions).
-- Propositions and relations never cross stories.
CREATE TABLE stories (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    n_docs INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT,
    updated_at TEXT NOT NULL
);
-- what a story is about: entity roots ("e:ID") and content words ("w:word"), weighted
CREATE TABLE story_terms (
    story TEXT NOT NULL,
    term TEXT NOT NULL,
    weight REAL NOT NULL,
    PRIMARY KEY (story, term)
) WITHOUT ROWID;
CREATE INDEX story_terms_term ON story_terms(term);
-- each document's own profile, so a story can be rebuilt without re-reading the text
CREATE TABLE doc_terms (
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    term TEXT NOT NULL,
    weight REAL NOT NULL,
    PRIMARY KEY (doc, term)
) WITHOUT ROWID;
ALTER TABLE documents ADD COLUMN story TEXT;
CREATE INDEX documents_story ON documents(story);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_vocab USING fts5vocab(documents_fts, 'row');

CREATE TABLE statements (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    story TEXT,
    proposition TEXT,
    label TEXT NOT NULL,
    stance TEXT,
    n_claims INTEGER NOT NULL DEFAULT 0,
    n_sources INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE INDEX statements_story ON statements(story);
CREATE INDEX statements_proposition ON statements(proposition);
ALTER TABLE claims ADD COLUMN statement TEXT;
ALTER TABLE claims ADD COLUMN story TEXT;
ALTER TABLE claims ADD COLUMN stance TEXT;
-- what the claim says happened or is so, without attribution, hedges or negation
ALTER TABLE claims ADD COLUMN core TEXT;
CREATE INDEX claims_statement ON claims(statement);
CREATE INDEX claims_story ON claims(story);
ALTER TABLE propositions ADD COLUMN story TEXT;
ALTER TABLE propositions ADD COLUMN kind TEXT;
CREATE INDEX propositions_story ON propositions(story);
-- how sure the rule that made a relation is (its measured precision); below the bar a
-- relation is shown as "possible" and does not count toward a status
ALTER TABLE relations ADD COLUMN confidence REAL;
ALTER TABLE relations ADD COLUMN story TEXT;
ALTER TABLE relations ADD COLUMN rule TEXT;
CREATE INDEX relations_story ON relations(story);
-- the evidence that two claims say the same thing (the same quote relayed, the same figure
-- for the same count ...): statements are the connected groups of these links
CREATE TABLE statement_links (
    a TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    why TEXT NOT NULL,
    story TEXT,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX statement_links_b ON statement_links(b);
CREATE INDEX statement_links_story ON statement_links(story);
