-- The entity layer: name mentions, clusters of names (merged_into), attributes
-- with their sources, acronyms defined in the text, stand-for links kept apart
-- from merges, and the user's corrections, replayed after every linking run.
ALTER TABLE entities ADD COLUMN merged_into TEXT REFERENCES entities(id);
ALTER TABLE entities ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN display_name TEXT;
CREATE INDEX entities_merged_into ON entities(merged_into);
CREATE INDEX entities_type ON entities(type);

ALTER TABLE claims ADD COLUMN speaker_type TEXT;

CREATE TABLE mentions (
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities(id),
    PRIMARY KEY (doc, start, "end")
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE entity_attributes (
    entity_id TEXT NOT NULL REFERENCES entities(id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (entity_id, key, value, doc)
) WITHOUT ROWID;
CREATE INDEX entity_attributes_doc ON entity_attributes(doc);

CREATE TABLE acronyms (
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    short TEXT NOT NULL,
    long TEXT NOT NULL,
    PRIMARY KEY (doc, short, long)
) WITHOUT ROWID;
CREATE INDEX acronyms_short ON acronyms(short);

CREATE TABLE entity_links (
    entity_id TEXT NOT NULL REFERENCES entities(id),
    target_id TEXT NOT NULL REFERENCES entities(id),
    relation TEXT NOT NULL,
    why TEXT,
    PRIMARY KEY (entity_id, target_id, relation)
) WITHOUT ROWID;

CREATE TABLE entity_corrections (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    action TEXT NOT NULL,
    args TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Blocking keys: candidate pairs for linking come from shared blocks, never all pairs.
CREATE TABLE entity_blocks (
    block TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities(id),
    PRIMARY KEY (block, entity_id)
) WITHOUT ROWID;
