-- Looking a name up among aliases (affiliations of speakers, stand-for targets) by the
-- alias itself, not by the entity that carries it.
CREATE INDEX IF NOT EXISTS entity_aliases_alias ON entity_aliases(alias);
