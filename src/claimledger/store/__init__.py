"""Storage: one SQLite file with numbered migrations, WAL and FTS5."""

from claimledger.store.db import DEFAULT_DB, StoreError, connect, transaction

__all__ = ["DEFAULT_DB", "StoreError", "connect", "transaction"]
