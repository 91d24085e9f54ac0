-- Documents, their full-text index, and the MinHash bands used to find
-- near-duplicates without comparing every pair.
CREATE TABLE documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    author TEXT,
    title TEXT,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    duplicate_of TEXT REFERENCES documents(id),
    flags TEXT NOT NULL DEFAULT '[]',
    format TEXT,
    raw_sha256 TEXT,
    added_at TEXT NOT NULL
);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
CREATE INDEX documents_raw_sha256 ON documents(raw_sha256);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE minhash (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    signature BLOB NOT NULL
);
CREATE TABLE minhash_bands (
    band INTEGER NOT NULL,
    bucket TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, doc_id)
) WITHOUT ROWID;
