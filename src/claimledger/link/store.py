"""Entity rows: find or create by name, record aliases, export."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from claimledger.link.keys import entity_id, name_key
from claimledger.store.db import now_iso

PERSONISH = {"PERSON"}


def get_or_create(
    conn: sqlite3.Connection, name: str, type_: str, alias: str | None, doc: str
) -> str | None:
    """The id of the entity called ``name``; created on first sight."""
    key = name_key(name)
    if not key:
        return None
    type_ = type_ if type_ in {"PERSON", "ORG", "GPE", "NORP", "GROUP"} else "GROUP"
    eid = entity_id(type_, key)
    conn.execute(
        "INSERT OR IGNORE INTO entities(id, name, type, key, created_at) VALUES (?,?,?,?,?)",
        (eid, " ".join(name.split()), type_, key, now_iso()),
    )
    for a in {name, alias} - {None, ""}:
        conn.execute(
            "INSERT OR IGNORE INTO entity_aliases(entity_id, alias, doc) VALUES (?,?,?)",
            (eid, " ".join(str(a).split()), doc),
        )
    return eid


def export_entities(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    aliases: dict[str, list[str]] = {}
    for row in conn.execute("SELECT DISTINCT entity_id, alias FROM entity_aliases ORDER BY alias"):
        aliases.setdefault(row[0], []).append(row[1])
    for row in conn.execute("SELECT id, name, type FROM entities ORDER BY name"):
        al = aliases.get(row[0], [])
        if row[1] not in al:
            al = [row[1], *al]
        yield {"id": row[0], "name": row[1], "type": row[2], "aliases": al, "attributes": []}
