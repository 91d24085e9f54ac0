"""Reading and writing documents.

Document ids are content hashes of the cleaned text, so the same article
added twice, from any path or URL, maps to the same id and the second add is a
no-op.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from claimledger.models import Document, DocumentIn
from claimledger.store.db import follow, now_iso

_WS = re.compile(r"\s+")


def content_id(text: str) -> str:
    """The id of a document: a hash of its text with whitespace normalised."""
    norm = _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def exists(conn: sqlite3.Connection, doc_id: str) -> bool:
    return conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None


def insert(
    conn: sqlite3.Connection,
    doc: DocumentIn,
    doc_id: str,
    duplicate_of: str | None = None,
) -> Document:
    """Insert one document row (the FTS index follows by trigger)."""
    added_at = now_iso()
    conn.execute(
        "INSERT INTO documents(id, origin, url, outlet, author, title, published, language,"
        " text, duplicate_of, flags, format, raw_sha256, added_at, canonical_url)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            doc_id,
            doc.origin,
            doc.url,
            doc.outlet,
            doc.author,
            doc.title,
            doc.published,
            doc.language,
            doc.text,
            duplicate_of,
            json.dumps(sorted(set(doc.flags))),
            doc.format,
            doc.raw_sha256,
            added_at,
            doc.canonical_url,
        ),
    )
    return Document(
        **{k: getattr(doc, k) for k in DocumentIn.__dataclass_fields__},
        id=doc_id,
        duplicate_of=duplicate_of,
        added_at=added_at,
    )


def set_flags(conn: sqlite3.Connection, doc_id: str, flags: Iterable[str]) -> None:
    conn.execute(
        "UPDATE documents SET flags = ? WHERE id = ?", (json.dumps(sorted(set(flags))), doc_id)
    )


def _row_to_doc(row: sqlite3.Row) -> Document:
    d: dict[str, Any] = dict(row)
    d.pop("rowid", None)
    d["flags"] = json.loads(d.get("flags") or "[]")
    return Document(**d)


def get(conn: sqlite3.Connection, doc_id: str) -> Document | None:
    """A document by id, or by a unique id prefix of at least 4 characters."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None and len(doc_id) >= 4:
        rows = conn.execute(
            "SELECT * FROM documents WHERE substr(id, 1, ?) = ? LIMIT 2", (len(doc_id), doc_id)
        ).fetchall()
        row = rows[0] if len(rows) == 1 else None
    return _row_to_doc(row) if row else None


def iter_documents(
    conn: sqlite3.Connection,
    *,
    outlet: str | None = None,
    include_duplicates: bool = True,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[Document]:
    sql = "SELECT * FROM documents WHERE 1=1"
    args: list[Any] = []
    if outlet:
        sql += " AND outlet = ?"
        args.append(outlet)
    if not include_duplicates:
        sql += " AND duplicate_of IS NULL"
    sql += " ORDER BY COALESCE(published, '9999'), rowid"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [limit, offset]
    for row in conn.execute(sql, args):
        yield _row_to_doc(row)


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])


def search(conn: sqlite3.Connection, query: str, limit: int = 50) -> list[tuple[Document, str]]:
    """Full-text search; returns documents with a highlighted snippet."""
    rows = conn.execute(
        "SELECT d.*, snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snip"
        " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
        " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
        (query, limit),
    ).fetchall()
    out = []
    for r in rows:
        d = dict(r)
        snip = d.pop("snip")
        out.append((_row_to_doc(d), snip))  # type: ignore[arg-type]
    return out


# --- near-duplicate index -------------------------------------------------


def store_signature(
    conn: sqlite3.Connection, doc_id: str, signature: bytes, buckets: list[str]
) -> None:
    conn.execute("INSERT INTO minhash(doc_id, signature) VALUES (?, ?)", (doc_id, signature))
    conn.executemany(
        "INSERT OR IGNORE INTO minhash_bands(band, bucket, doc_id) VALUES (?, ?, ?)",
        [(i, b, doc_id) for i, b in enumerate(buckets)],
    )


def candidates(conn: sqlite3.Connection, buckets: list[str]) -> dict[str, bytes]:
    """Documents sharing at least one LSH band bucket, with their signatures."""
    if not buckets:
        return {}
    clauses = " OR ".join("(b.band = ? AND b.bucket = ?)" for _ in buckets)
    args: list[Any] = []
    for i, b in enumerate(buckets):
        args += [i, b]
    rows = conn.execute(
        "SELECT DISTINCT m.doc_id, m.signature FROM minhash_bands b"
        f" JOIN minhash m ON m.doc_id = b.doc_id WHERE {clauses}",
        args,
    ).fetchall()
    return {r[0]: r[1] for r in rows}


def root_of(conn: sqlite3.Connection, doc_id: str) -> str:
    """Follow duplicate_of links to the first stored copy."""
    return follow(conn, "documents", "duplicate_of", doc_id)
