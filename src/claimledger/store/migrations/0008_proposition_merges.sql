-- Grouping merges propositions as articles arrive; a merged proposition's id (in a saved
-- link, a briefing, an earlier export) still leads to the proposition that took it in.
CREATE TABLE proposition_merges (
    old TEXT PRIMARY KEY,
    new TEXT NOT NULL,
    merged_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX proposition_merges_new ON proposition_merges(new);
