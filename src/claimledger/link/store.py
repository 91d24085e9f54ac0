"""Entity rows: find or create by name, clusters (``merged_into``), export.

An entity row exists per (type, name key); linking groups rows into clusters by
pointing ``merged_into`` at the cluster's root.  The root is what the export,
the CLI and claims' ``speaker`` show.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from claimledger.link.keys import entity_id, name_key
from claimledger.store.db import follow, now_iso

TYPES = {"PERSON", "ORG", "GPE", "NORP", "GROUP"}
CONFLICT_KEYS = ("affiliation", "nationality")


def get_or_create(
    conn: sqlite3.Connection, name: str, type_: str, alias: str | None, doc: str
) -> str | None:
    """The id of the entity row for ``name``; created on first sight, alias recorded."""
    eid, _ = ensure(conn, name, type_)
    if eid is None:
        return None
    for a in {name, alias} - {None, ""}:
        conn.execute(
            "INSERT OR IGNORE INTO entity_aliases(entity_id, alias, doc) VALUES (?,?,?)",
            (eid, " ".join(str(a).split()), doc),
        )
    return eid


_LEAD_WORDS = {"neither", "nor", "either", "both", "and", "but", "the", "a", "an"}
_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "i", "we", "me",
             "my", "our", "us", "it", "its"}  # fmt: skip


def clean_alias(alias: str | None, name: str) -> str | None:
    """A surface form worth listing as an alias: a name, not a pronoun or "a report"."""
    if not alias:
        return None
    words = re.sub(r"[\[\]]", "", alias).split()
    while words and words[0].lower() in _LEAD_WORDS:
        words.pop(0)
    out = " ".join(words).strip(" ,.;:")
    if not out or out.lower() in _PRONOUNS or not any(c.isupper() for c in out):
        return None
    if name_key(name) and name_key(name).split()[-1] not in name_key(out).split():
        return None  # "a report" standing for a body is context, not one of its names
    return out


def ensure(conn: sqlite3.Connection, name: str, type_: str) -> tuple[str | None, bool]:
    """(id, created) for the row of ``name``."""
    key = name_key(name)
    if not key:
        return None, False
    type_ = type_ if type_ in TYPES else "GROUP"
    eid = entity_id(type_, key)
    cur = conn.execute(
        "INSERT OR IGNORE INTO entities(id, name, type, key, created_at) VALUES (?,?,?,?,?)",
        (eid, " ".join(name.split()), type_, key, now_iso()),
    )
    return eid, cur.rowcount > 0


def root_of(conn: sqlite3.Connection, eid: str) -> str:
    """The cluster root a merged entity row points to."""
    return follow(conn, "entities", "merged_into", eid)


def root_map(conn: sqlite3.Connection) -> dict[str, str]:
    """Every merged entity row -> its cluster root (roots are left out)."""
    parent = dict(
        conn.execute(
            "SELECT id, merged_into FROM entities WHERE merged_into IS NOT NULL"
        ).fetchall()
    )
    out = {}
    for eid in parent:
        r, seen = eid, set()
        while r in parent and r not in seen:
            seen.add(r)
            r = parent[r]
        out[eid] = r
    return out


def members(conn: sqlite3.Connection, root: str) -> list[str]:
    """The root and every row merged into it (directly or through others)."""
    out, frontier = [root], [root]
    while frontier:
        rows = conn.execute(
            f"SELECT id FROM entities WHERE merged_into IN ({','.join('?' * len(frontier))})",
            frontier,
        ).fetchall()
        frontier = [r[0] for r in rows if r[0] not in out]
        out += frontier
    return out


def merge_into(conn: sqlite3.Connection, root: str, other: str, lock: bool = False) -> None:
    """Point ``other``'s whole cluster at ``root``."""
    root, other_root = root_of(conn, root), root_of(conn, other)
    if root == other_root:
        return
    for m in members(conn, other_root):
        conn.execute(
            "UPDATE entities SET merged_into = ?, locked = MAX(locked, ?) WHERE id = ?",
            (root, int(lock), m),
        )
    if lock:
        conn.execute("UPDATE entities SET locked = 1 WHERE id = ?", (root,))


def display_name(row: sqlite3.Row | dict[str, Any]) -> str:
    return str(row["display_name"] or row["name"])


def aliases_of(conn: sqlite3.Connection, ids: list[str]) -> list[str]:
    q = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT DISTINCT alias FROM entity_aliases WHERE entity_id IN ({q})"
        f" UNION SELECT DISTINCT text FROM mentions WHERE entity_id IN ({q})"
        f" UNION SELECT name FROM entities WHERE id IN ({q})",
        ids * 3,
    ).fetchall()
    return sorted({a for r in rows if (a := tidy_alias(r[0]))})


def tidy_alias(s: str) -> str:
    """'North Korea’s' -> 'North Korea'; '[Vladimir] Putin' -> 'Vladimir Putin'."""
    s = " ".join(re.sub(r"[\[\]]", "", s).split())
    s = re.sub(r"[’']s$", "", s)
    return s.strip(" ,.;:-–—")


def attributes_of(conn: sqlite3.Connection, ids: list[str]) -> list[dict[str, Any]]:
    q = ",".join("?" * len(ids))
    rows = conn.execute(
        f'SELECT key, value, doc, start, "end" FROM entity_attributes WHERE entity_id IN ({q})'
        " ORDER BY key, value, doc",
        ids,
    ).fetchall()
    return [dict(r) for r in rows]


def conflicts(attrs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Attributes on which sources disagree (the same expert at two universities)."""
    from claimledger.link.keys import name_key as _k

    out = []
    for key in CONFLICT_KEYS:
        values: dict[str, dict[str, Any]] = {}
        for a in attrs:
            if a["key"] == key:
                v = values.setdefault(_k(a["value"]), {"value": a["value"], "docs": []})
                if a["doc"] not in v["docs"]:
                    v["docs"].append(a["doc"])
        if len(values) > 1:
            out.append({"key": key, "values": list(values.values())})
    return out


def roots_with_claims(conn: sqlite3.Connection) -> dict[str, int]:
    counts: dict[str, int] = {}
    for eid, n in conn.execute(
        "SELECT speaker, count(*) FROM claims WHERE speaker IS NOT NULL GROUP BY speaker"
    ):
        r = root_of(conn, eid)
        counts[r] = counts.get(r, 0) + n
    return counts


def live_roots(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Roots of clusters that still have a mention, an alias or a claim."""
    return conn.execute(
        "SELECT e.* FROM entities e WHERE e.merged_into IS NULL AND EXISTS ("
        " SELECT 1 FROM entities m WHERE (m.id = e.id OR m.merged_into = e.id) AND ("
        "  EXISTS (SELECT 1 FROM entity_aliases a WHERE a.entity_id = m.id)"
        "  OR EXISTS (SELECT 1 FROM mentions x WHERE x.entity_id = m.id)"
        "  OR EXISTS (SELECT 1 FROM entity_links l WHERE l.target_id = m.id)))"
        " ORDER BY e.name"
    ).fetchall()


def describe(conn: sqlite3.Connection, root: str, claims: int | None = None) -> dict[str, Any]:
    row = conn.execute("SELECT * FROM entities WHERE id = ?", (root,)).fetchone()
    ids = members(conn, root)
    attrs = attributes_of(conn, ids)
    links = conn.execute(
        "SELECT l.relation, l.target_id, l.why, t.name FROM entity_links l"
        " JOIN entities t ON t.id = l.target_id WHERE l.entity_id IN"
        f" ({','.join('?' * len(ids))})",
        ids,
    ).fetchall()
    name = display_name(row)
    aliases = aliases_of(conn, ids)
    if name not in aliases:
        aliases = [name, *aliases]
    return {
        "id": root,
        "name": name,
        "type": row["type"],
        "aliases": aliases,
        "attributes": [{k: a[k] for k in ("key", "value", "doc", "start", "end")} for a in attrs],
        "conflicts": conflicts(attrs),
        "stands_for": [
            {"id": root_of(conn, lk["target_id"]), "name": lk["name"], "why": lk["why"]}
            for lk in links
            if lk["relation"] == "stands_for"
        ],
        "members": ids,
        "claims": claims,
    }


def export_entities(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    counts = roots_with_claims(conn)
    for row in live_roots(conn):
        d = describe(conn, row["id"], counts.get(row["id"], 0))
        d.pop("members")
        yield d


def record_correction(conn: sqlite3.Connection, action: str, args: dict[str, Any]) -> None:
    conn.execute(
        "INSERT INTO entity_corrections(action, args, created_at) VALUES (?,?,?)",
        (action, json.dumps(args), now_iso()),
    )


def corrections(conn: sqlite3.Connection) -> Iterable[tuple[str, dict[str, Any]]]:
    for action, args in conn.execute("SELECT action, args FROM entity_corrections ORDER BY seq"):
        yield action, json.loads(args)
