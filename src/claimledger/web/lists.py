"""SQL for the web UI's lists and detail pages: LIMIT/OFFSET over indexed columns.

Each list asks for one row more than a page to know whether a next page exists.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from claimledger.web.queries import PER_PAGE, count, qmarks

_LIVE = (
    "EXISTS (SELECT 1 FROM entities m WHERE (m.id = e.id OR m.merged_into = e.id) AND ("
    " EXISTS (SELECT 1 FROM entity_aliases a WHERE a.entity_id = m.id)"
    " OR EXISTS (SELECT 1 FROM mentions x WHERE x.entity_id = m.id)))"
)


def overview_counts(conn: sqlite3.Connection) -> dict[str, Any]:
    status = dict(conn.execute("SELECT status, count(*) FROM propositions GROUP BY status"))
    return {
        "documents": count(conn, "SELECT count(*) FROM documents"),
        "outlets": count(conn, "SELECT count(DISTINCT outlet) FROM documents"),
        "claims": count(conn, "SELECT count(*) FROM claims"),
        "entities": count(
            conn, f"SELECT count(*) FROM entities e WHERE e.merged_into IS NULL AND {_LIVE}"
        ),
        "propositions": sum(status.values()),
        "propositions_by_status": status,
        "disputed": status.get("disputed", 0) + status.get("mixed", 0),
        "updated": status.get("updated", 0) + status.get("mixed", 0),
    }


def propositions_page(
    conn: sqlite3.Connection, status: str, min_docs: int, page: int
) -> dict[str, Any]:
    where: list[str] = ["n_docs >= ?"]
    args: list[Any] = [min_docs]
    if status:
        where.append("status = ?")
        args.append(status)
    src = " FROM propositions WHERE " + " AND ".join(where)
    rows = conn.execute(
        "SELECT id, label, status, n_claims, n_docs, n_outlets, first_seen, last_seen"
        f"{src} ORDER BY n_docs DESC, n_claims DESC, first_seen, id LIMIT ? OFFSET ?",
        [*args, PER_PAGE + 1, (page - 1) * PER_PAGE],
    ).fetchall()
    return {
        "items": [dict(r) for r in rows[:PER_PAGE]],
        "total": count(conn, "SELECT count(*)" + src, args),
        "has_next": len(rows) > PER_PAGE,
        "statuses": dict(conn.execute("SELECT status, count(*) FROM propositions GROUP BY 1")),
    }


def entities_page(conn: sqlite3.Connection, type_: str, name: str, page: int) -> dict[str, Any]:
    """Live cluster roots with their claim counts (claims of every member), most quoted first."""
    where, args = ["e.merged_into IS NULL", _LIVE], []
    if type_:
        where.append("e.type = ?")
        args.append(type_)
    if name:
        where.append("(e.name LIKE ? ESCAPE '\\' OR e.display_name LIKE ? ESCAPE '\\')")
        pat = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        args += [pat, pat]
    cond = " AND ".join(where)
    rows = conn.execute(
        "WITH RECURSIVE tree(id, root) AS (SELECT id, id FROM entities WHERE merged_into IS NULL"
        " UNION ALL SELECT e.id, t.root FROM entities e JOIN tree t ON e.merged_into = t.id),"
        " spk AS (SELECT speaker, count(*) AS n FROM claims WHERE speaker IS NOT NULL GROUP BY 1),"
        " counts AS (SELECT t.root, sum(spk.n) AS n FROM spk JOIN tree t ON t.id = spk.speaker"
        "  GROUP BY t.root)"
        " SELECT e.id, COALESCE(e.display_name, e.name) AS name, e.type, COALESCE(k.n, 0) AS claims"
        f" FROM entities e LEFT JOIN counts k ON k.root = e.id WHERE {cond}"
        " ORDER BY claims DESC, lower(COALESCE(e.display_name, e.name)), e.id LIMIT ? OFFSET ?",
        [*args, PER_PAGE + 1, (page - 1) * PER_PAGE],
    ).fetchall()
    return {
        "items": [dict(r) for r in rows[:PER_PAGE]],
        "total": count(conn, f"SELECT count(*) FROM entities e WHERE {cond}", args),
        "has_next": len(rows) > PER_PAGE,
        "types": [r[0] for r in conn.execute("SELECT DISTINCT type FROM entities ORDER BY 1")],
    }


def claims_by_speakers(conn: sqlite3.Connection, ids: list[str], page: int) -> dict[str, Any]:
    src = f" FROM claims c JOIN documents d ON d.id = c.doc WHERE c.speaker IN ({qmarks(ids)})"
    rows = conn.execute(
        "SELECT c.id, c.doc, c.text, c.kind, c.modality, c.cue, c.speaker, c.proposition,"
        f" d.outlet, d.published{src} ORDER BY d.published DESC, c.doc, c.seq LIMIT ? OFFSET ?",
        [*ids, PER_PAGE + 1, (page - 1) * PER_PAGE],
    ).fetchall()
    return {
        "items": [dict(r) for r in rows[:PER_PAGE]],
        "total": count(conn, "SELECT count(*)" + src, ids),
        "has_next": len(rows) > PER_PAGE,
    }


def documents_page(conn: sqlite3.Connection, outlet: str, page: int) -> dict[str, Any]:
    where, args = ("WHERE outlet = ?", [outlet]) if outlet else ("", [])
    rows = conn.execute(
        "SELECT d.id, d.title, d.outlet, d.author, d.published, d.duplicate_of,"
        " (SELECT count(*) FROM claims c WHERE c.doc = d.id) AS claims"
        f" FROM documents d {where} ORDER BY d.published DESC, d.rowid DESC LIMIT ? OFFSET ?",
        [*args, PER_PAGE + 1, (page - 1) * PER_PAGE],
    ).fetchall()
    outlets = conn.execute(
        "SELECT outlet, count(*) FROM documents WHERE outlet IS NOT NULL"
        " GROUP BY outlet ORDER BY 2 DESC, 1 LIMIT 100"
    ).fetchall()
    return {
        "items": [dict(r) for r in rows[:PER_PAGE]],
        "total": count(conn, f"SELECT count(*) FROM documents {where}", args),
        "has_next": len(rows) > PER_PAGE,
        "outlets": [{"value": o, "count": n} for o, n in outlets],
    }


def document_claims(conn: sqlite3.Connection, doc_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        'SELECT id, seq, start, "end", text, kind, modality, cue, speaker, speaker_name,'
        " proposition FROM claims WHERE doc = ? ORDER BY seq",
        (doc_id,),
    ).fetchall()
    return [dict(r) for r in rows]


def claim_row(conn: sqlite3.Connection, claim_id: str) -> sqlite3.Row | None:
    rows = conn.execute(
        "SELECT c.*, d.outlet, d.published, d.title, d.url, d.text AS doc_text,"
        " p.label AS prop_label, p.status AS prop_status FROM claims c"
        " JOIN documents d ON d.id = c.doc LEFT JOIN propositions p ON p.id = c.proposition"
        " WHERE c.id = ?",
        (claim_id,),
    ).fetchall()
    if not rows and len(claim_id) >= 4:
        rows = conn.execute(
            "SELECT c.*, d.outlet, d.published, d.title, d.url, d.text AS doc_text,"
            " p.label AS prop_label, p.status AS prop_status FROM claims c"
            " JOIN documents d ON d.id = c.doc LEFT JOIN propositions p ON p.id = c.proposition"
            " WHERE substr(c.id, 1, ?) = ? LIMIT 2",
            (len(claim_id), claim_id),
        ).fetchall()
    return rows[0] if len(rows) == 1 else None


def claim_relations(conn: sqlite3.Connection, claim_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT r.a, r.b, r.type, r.why, o.text AS other_text, d.outlet AS other_outlet"
        " FROM relations r JOIN claims o ON o.id = CASE WHEN r.a = ? THEN r.b ELSE r.a END"
        " JOIN documents d ON d.id = o.doc WHERE r.a = ? OR r.b = ? ORDER BY r.type",
        (claim_id, claim_id, claim_id),
    ).fetchall()
    return [dict(r) for r in rows]


def doc_titles(conn: sqlite3.Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    rows = conn.execute(
        f"SELECT id, title, outlet, published FROM documents WHERE id IN ({qmarks(ids)})", ids
    ).fetchall()
    return {r["id"]: dict(r) for r in rows}


def coverage_page(
    conn: sqlite3.Connection, min_docs: int, page: int, single_page: int
) -> dict[str, Any]:
    """A page of the outlet x proposition matrix and a page of single-outlet propositions."""
    cols = "id, label, status, n_claims, n_docs, n_outlets"
    rows = conn.execute(
        f"SELECT {cols} FROM propositions WHERE n_docs >= ?"
        " ORDER BY n_outlets DESC, n_docs DESC, label, id LIMIT ? OFFSET ?",
        (min_docs, PER_PAGE + 1, (page - 1) * PER_PAGE),
    ).fetchall()
    single = conn.execute(
        f"SELECT {cols} FROM propositions WHERE n_docs >= ? AND n_outlets <= 1"
        " ORDER BY n_docs DESC, n_claims DESC, label, id LIMIT ? OFFSET ?",
        (min_docs, PER_PAGE + 1, (single_page - 1) * PER_PAGE),
    ).fetchall()
    ids = [r["id"] for r in rows[:PER_PAGE]]
    cells: dict[str, dict[str, int]] = {}
    if ids:
        for prop, outlet, n in conn.execute(
            "SELECT c.proposition, COALESCE(d.outlet, '(unknown)'), count(*) FROM claims c"
            f" JOIN documents d ON d.id = c.doc WHERE c.proposition IN ({qmarks(ids)})"
            " GROUP BY 1, 2",
            ids,
        ):
            cells.setdefault(prop, {})[outlet] = n
    outlets = sorted({o for row in cells.values() for o in row})
    matrix = [
        dict(r) | {"outlets": {o: cells.get(r["id"], {}).get(o, 0) for o in outlets}}
        for r in rows[:PER_PAGE]
    ]
    return {
        "outlets": outlets,
        "matrix": {
            "items": matrix,
            "total": count(conn, "SELECT count(*) FROM propositions WHERE n_docs >= ?", [min_docs]),
            "has_next": len(rows) > PER_PAGE,
        },
        "single_outlet": {
            "items": [dict(r) for r in single[:PER_PAGE]],
            "total": count(
                conn,
                "SELECT count(*) FROM propositions WHERE n_docs >= ? AND n_outlets <= 1",
                [min_docs],
            ),
            "has_next": len(single) > PER_PAGE,
        },
    }


def loads(s: str | None) -> Any:
    return json.loads(s or "[]")
