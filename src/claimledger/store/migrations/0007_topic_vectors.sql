-- Grouping reads each claim with its paragraph: a second vector per claim (the
-- sentence's, mixed with its paragraph's), and how many claims use each word, for
-- weighting the words two claims share.
ALTER TABLE claim_vectors ADD COLUMN topic BLOB;
CREATE VIRTUAL TABLE IF NOT EXISTS claims_vocab USING fts5vocab(claims_fts, 'row');
-- Running figures grouping keeps about the whole ledger, such as the mean score of two
-- unrelated claims (the background a proposition's members must stand out from).
CREATE TABLE compare_state (
    key TEXT PRIMARY KEY,
    value REAL NOT NULL,
    n INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
