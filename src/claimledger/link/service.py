"""Entity queries and user corrections, as the CLI and the Python API use them."""

from __future__ import annotations

import sqlite3
from typing import Any

from claimledger.link import store
from claimledger.link.keys import name_key
from claimledger.link.resolve import apply_corrections
from claimledger.store.db import transaction


class EntityError(LookupError):
    """An entity reference that matches nothing, or more than one entity."""


def find(conn: sqlite3.Connection, ref: str) -> str:
    """The root id for an id, a unique id prefix, or an exact name or alias."""
    row = conn.execute("SELECT id FROM entities WHERE id = ?", (ref,)).fetchone()
    if row is None and len(ref) >= 4:
        rows = conn.execute(
            "SELECT id FROM entities WHERE substr(id, 1, ?) = ? LIMIT 2", (len(ref), ref)
        ).fetchall()
        row = rows[0] if len(rows) == 1 else None
    if row is not None:
        return store.root_of(conn, row[0])
    key = name_key(ref)
    ids = {r[0] for r in conn.execute("SELECT id FROM entities WHERE key = ?", (key,))}
    ids |= {
        r[0] for r in conn.execute("SELECT entity_id FROM entity_aliases WHERE alias = ?", (ref,))
    }
    ids |= {r[0] for r in conn.execute("SELECT id FROM entities WHERE display_name = ?", (ref,))}
    roots = {store.root_of(conn, i) for i in ids}
    if len(roots) == 1:
        return roots.pop()
    if not roots:
        raise EntityError(f"no entity matches {ref!r}")
    raise EntityError(f"{ref!r} matches {len(roots)} entities; use an id")


def listing(conn: sqlite3.Connection, type_: str | None = None) -> list[dict[str, Any]]:
    counts = store.roots_with_claims(conn)
    out = []
    for row in store.live_roots(conn):
        if type_ and row["type"] != type_:
            continue
        ids = store.members(conn, row["id"])
        out.append(
            {
                "id": row["id"],
                "name": store.display_name(row),
                "type": row["type"],
                "aliases": len(store.aliases_of(conn, ids)),
                "claims": counts.get(row["id"], 0),
            }
        )
    out.sort(key=lambda e: (-e["claims"], e["name"].lower()))
    return out


def show(conn: sqlite3.Connection, ref: str, claim_limit: int = 200) -> dict[str, Any]:
    """Aliases, attributes, conflicts, stand-for links and claims of one entity."""
    from claimledger.extract.store import row_to_export

    root = find(conn, ref)
    roots = store.root_map(conn)
    counts = store.roots_with_claims(conn)
    d = store.describe(conn, root, counts.get(root, 0))
    ids = d.pop("members")
    # bodies that stand for this one ("Oslo" for Norway), listed apart
    reps = conn.execute(
        "SELECT DISTINCT entity_id FROM entity_links WHERE relation = 'stands_for' AND target_id IN"
        f" ({','.join('?' * len(ids))})",
        ids,
    ).fetchall()
    rep_roots = {store.root_of(conn, r[0]) for r in reps} - {root}
    d["represented_by"] = [
        {"id": r, "name": store.display_name(store_row(conn, r))} for r in sorted(rep_roots)
    ]
    speakers = ids + [m for r in rep_roots for m in store.members(conn, r)]
    q = ",".join("?" * len(speakers))
    rows = conn.execute(
        f"SELECT c.*, d.outlet, d.published FROM claims c JOIN documents d ON d.id = c.doc"
        f" WHERE c.speaker IN ({q}) ORDER BY COALESCE(d.published, '9999'), c.seq LIMIT ?",
        [*speakers, claim_limit],
    ).fetchall()
    claims = []
    for r in rows:
        rec = row_to_export(r, roots)
        rec["outlet"], rec["published"] = r["outlet"], r["published"]
        rec["through"] = None if rec["speaker"] == root else rec["speaker"]
        claims.append(rec)
    d["claims"] = claims
    return d


def store_row(conn: sqlite3.Connection, eid: str) -> sqlite3.Row:
    return conn.execute("SELECT * FROM entities WHERE id = ?", (eid,)).fetchone()


def merge(conn: sqlite3.Connection, a: str, b: str) -> str:
    """Merge B's entity into A's; recorded, so re-analysis keeps it."""
    ra, rb = find(conn, a), find(conn, b)
    if ra == rb:
        return ra
    with transaction(conn):
        store.record_correction(conn, "merge", {"a": ra, "b": rb})
        apply_corrections(conn)
    return store.root_of(conn, ra)


def split(conn: sqlite3.Connection, ref: str, aliases: list[str] | None = None) -> list[str]:
    """Detach names from an entity: each named alias (or ``ref`` itself) becomes its own."""
    root = find(conn, ref)
    ids = store.members(conn, root)
    targets: list[str] = []
    if aliases:
        for alias in aliases:
            key = name_key(alias)
            hit = [i for i in ids if store_row(conn, i)["key"] == key]
            hit += [r[0] for r in conn.execute(
                f"SELECT DISTINCT entity_id FROM entity_aliases WHERE alias = ? AND entity_id IN ({','.join('?' * len(ids))})",
                [alias, *ids])]  # fmt: skip
            if not hit:
                raise EntityError(f"{alias!r} is not a name of entity {root}")
            for h in hit:
                if h not in targets:
                    targets.append(h)
    else:
        row = conn.execute(
            "SELECT id FROM entities WHERE id = ? OR substr(id, 1, ?) = ?", (ref, len(ref), ref)
        ).fetchone()
        if row is None or row[0] == root and len(ids) == 1:
            raise EntityError(f"{ref!r} is not merged with anything; name an alias to split off")
        targets = [row[0]] if row[0] != root else [i for i in ids if i != root]
    with transaction(conn):
        for t in targets:
            store.record_correction(conn, "split", {"id": t, "from": [root]})
        apply_corrections(conn)
    return targets


def rename(conn: sqlite3.Connection, ref: str, name: str) -> str:
    root = find(conn, ref)
    with transaction(conn):
        store.record_correction(conn, "rename", {"id": root, "name": name})
        apply_corrections(conn)
    return root
