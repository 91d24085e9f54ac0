-- Entities (speakers and named mentions), claims, and the figures and dates
-- claims carry.  Quantities and dates are also kept as JSON on the claim row
-- for the export; the tables make them queryable (and browsable in Datasette).
CREATE TABLE entities (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    key TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX entities_key ON entities(key);

CREATE TABLE entity_aliases (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (entity_id, alias, doc)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_doc ON entity_aliases(doc);

CREATE TABLE claims (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    content_start INTEGER,
    content_end INTEGER,
    content TEXT,
    speaker TEXT REFERENCES entities(id),
    speaker_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_name TEXT,
    via TEXT NOT NULL DEFAULT '[]',
    cue TEXT,
    kind TEXT NOT NULL,
    modality TEXT NOT NULL,
    quantities TEXT NOT NULL DEFAULT '[]',
    dates TEXT NOT NULL DEFAULT '[]',
    proposition TEXT,
    extractor TEXT NOT NULL
);
CREATE INDEX claims_doc ON claims(doc, seq);
CREATE INDEX claims_speaker ON claims(speaker);
CREATE INDEX claims_modality ON claims(modality);
CREATE INDEX claims_proposition ON claims(proposition);

CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, speaker_text, speaker_name, content='claims', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, text, speaker_text, speaker_name)
    VALUES (new.rowid, new.text, new.speaker_text, new.speaker_name);
END;
CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, speaker_text, speaker_name)
    VALUES ('delete', old.rowid, old.text, old.speaker_text, old.speaker_name);
END;
CREATE TRIGGER claims_au AFTER UPDATE OF text, speaker_text, speaker_name ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, speaker_text, speaker_name)
    VALUES ('delete', old.rowid, old.text, old.speaker_text, old.speaker_name);
    INSERT INTO claims_fts(rowid, text, speaker_text, speaker_name)
    VALUES (new.rowid, new.text, new.speaker_text, new.speaker_name);
END;

CREATE TABLE quantities (
    claim TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value REAL,
    low REAL,
    high REAL,
    unit TEXT,
    qualifier TEXT,
    PRIMARY KEY (claim, idx)
) WITHOUT ROWID;
CREATE INDEX quantities_unit ON quantities(unit);

CREATE TABLE dates (
    claim TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value TEXT,
    precision TEXT,
    PRIMARY KEY (claim, idx)
) WITHOUT ROWID;
CREATE INDEX dates_value ON dates(value);
