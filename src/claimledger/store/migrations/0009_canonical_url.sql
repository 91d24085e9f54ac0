-- The URL a page names as its own (<link rel=canonical>) is kept beside the URL it was
-- fetched from: a page cannot change where the ledger says it came from.
ALTER TABLE documents ADD COLUMN canonical_url TEXT;
