"""SQLite connection handling: WAL, foreign keys, numbered migrations.

Migrations are the ``NNNN_name.sql`` files beside this module, applied in
order and recorded in ``schema_migrations`` so that opening an older ledger
brings it up to date.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

DEFAULT_DB = "claimledger.db"


class StoreError(RuntimeError):
    """The ledger file cannot be opened or migrated."""


def follow(conn: sqlite3.Connection, table: str, column: str, key: str) -> str:
    """The end of a chain of ``column`` pointers in ``table`` from row ``key`` (cycle-safe):
    a near-duplicate's first copy, a merged entity's cluster root."""
    seen = set()
    while key not in seen:
        seen.add(key)
        row = conn.execute(f"SELECT {column} FROM {table} WHERE id = ?", (key,)).fetchone()  # noqa: S608
        if row is None or row[0] is None:
            return key
        key = row[0]
    return key


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def migrations() -> list[tuple[int, str, str]]:
    """All bundled migrations as (version, name, sql), in order."""
    out = []
    folder = resources.files("claimledger.store") / "migrations"
    for entry in folder.iterdir():
        name = entry.name
        if not name.endswith(".sql"):
            continue
        version = int(name.split("_", 1)[0])
        out.append((version, name[:-4], entry.read_text(encoding="utf-8")))
    return sorted(out)


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (and migrate) a ledger; autocommit mode, transactions are explicit."""
    path = str(path)
    try:
        if readonly:
            uri = f"file:{Path(path).resolve()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open ledger {path}: {exc}") from exc
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA foreign_keys = ON")
        check_ledger(conn, path)
        if not readonly:
            _set_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
    except sqlite3.OperationalError as exc:  # locked, read-only, disk full ...
        conn.close()
        raise StoreError(f"cannot open ledger {path}: {exc}") from exc
    except sqlite3.DatabaseError as exc:  # not a database, or a damaged one
        conn.close()
        raise StoreError(not_a_ledger(path, exc)) from exc
    except StoreError:
        conn.close()
        raise
    return conn


def not_a_ledger(path: str, exc: Exception) -> str:
    """The one line shown for a file that cannot be read as a ledger."""
    return f"{path} cannot be read as a claimledger ledger: {exc} (is it a ledger, and whole?)"


def check_ledger(conn: sqlite3.Connection, path: str) -> None:
    """Refuse a file that is not SQLite, or an SQLite database of another program."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if names and "schema_migrations" not in names:
        raise StoreError(
            f"{path} is an SQLite database of another program, not a claimledger ledger"
        )


def _set_wal(conn: sqlite3.Connection, wait: float = 30.0) -> None:
    """WAL mode, set once for the file; another process setting it at the same moment
    makes the pragma fail with "locked" instead of waiting, so it is retried."""
    deadline = time.monotonic() + wait
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise StoreError(f"the ledger stayed locked for {wait:g}s: {exc}") from exc
            time.sleep(0.05)


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply pending migrations; return their names.

    All of them run in one transaction under the write lock (BEGIN IMMEDIATE, which
    waits out the busy timeout), and the versions applied are read again once the lock
    is held: two processes opening a new ledger at once never both migrate it."""
    todo = migrations()
    if _has_migrations_table(conn):
        done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
        if all(v in done for v, _, _ in todo):
            return []
    names = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        done = applied_versions(conn)
        for version, name, sql in todo:
            if version in done:
                continue
            # executescript would COMMIT first; run statement by statement instead.
            for stmt in _split_sql(sql):
                conn.execute(stmt)
            conn.execute(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, now_iso()),
            )
            names.append(name)
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
            raise
        raise StoreError(f"migration failed: {exc}") from exc
    return names


def _has_migrations_table(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    return row is not None


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    stmts, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                stmts.append(buf.strip())
            buf = ""
    if buf.strip():
        stmts.append(buf.strip())
    return stmts


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic unit of work: everything inside lands together or not at all."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
