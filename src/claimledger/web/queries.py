"""SQL for the web UI's search: claims (claims_fts) and documents (documents_fts), facets.

A page is LIMIT/OFFSET; nothing here loads all claims.
Facets are counted over a sample of the first ``FACET_SAMPLE`` matches and
totals are counted up to ``COUNT_CAP``, so a page stays fast on a large ledger.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from claimledger.web.textview import HL_CLOSE, HL_OPEN, marked_parts

PER_PAGE = 50
FACET_SAMPLE = 2000
FACET_TOP = 25
COUNT_CAP = 10000
DOC_HITS = 10


class QueryError(ValueError):
    """A search the full-text engine cannot parse."""


@dataclass
class Filters:
    q: str = ""
    outlet: str = ""
    speaker: str = ""
    modality: str = ""
    status: str = ""
    date_from: str = ""
    date_to: str = ""

    def params(self) -> dict[str, str]:
        """As URL parameters (``from``/``to`` for the dates); unset ones are ""."""
        d = asdict(self)
        d["from"], d["to"] = d.pop("date_from"), d.pop("date_to")
        return d


def count(conn: sqlite3.Connection, sql: str, args: list[Any] | tuple[Any, ...] = ()) -> int:
    return int(conn.execute(sql, args).fetchone()[0])


def capped_count(conn: sqlite3.Connection, select_sql: str, args: list[Any]) -> tuple[int, bool]:
    """(n, capped): the number of rows ``select_sql`` returns, counted up to COUNT_CAP."""
    n = count(conn, f"SELECT count(*) FROM ({select_sql} LIMIT {COUNT_CAP + 1})", args)
    return min(n, COUNT_CAP), n > COUNT_CAP


def qmarks(items: list[Any]) -> str:
    return ",".join("?" * len(items))


# -- entities: roots and names ---------------------------------------------------


def roots_of(conn: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
    """Entity row id -> its cluster root, for just these ids."""
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    rows = conn.execute(
        "WITH RECURSIVE up(start, id, depth) AS ("
        f" SELECT id, id, 0 FROM entities WHERE id IN ({qmarks(ids)})"
        " UNION ALL SELECT up.start, e.merged_into, up.depth + 1 FROM up"
        " JOIN entities e ON e.id = up.id WHERE e.merged_into IS NOT NULL AND up.depth < 64)"
        " SELECT start, id FROM up ORDER BY depth",
        ids,
    ).fetchall()
    return {start: root for start, root in rows}


def names_of(conn: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    return dict(
        conn.execute(
            f"SELECT id, COALESCE(display_name, name) FROM entities WHERE id IN ({qmarks(ids)})",
            ids,
        ).fetchall()
    )


def member_ids(conn: sqlite3.Connection, root: str) -> list[str]:
    """The root and every entity row merged into it."""
    rows = conn.execute(
        "WITH RECURSIVE down(id) AS (SELECT ?"
        " UNION SELECT e.id FROM entities e JOIN down ON e.merged_into = down.id)"
        " SELECT id FROM down",
        (root,),
    ).fetchall()
    return [r[0] for r in rows]


# -- claim search ------------------------------------------------------------------


def _claim_source(f: Filters, speaker_ids: list[str] | None) -> tuple[str, list[str], list[Any]]:
    if f.q or f.modality or f.status or speaker_ids is not None:
        sql = " FROM claims c JOIN documents d ON d.id = c.doc"
    else:
        # walk documents newest first on their index: a page needs no sort of all claims
        sql = " FROM documents d CROSS JOIN claims c ON c.doc = d.id"
    where: list[str] = []
    args: list[Any] = []
    if f.q:
        sql += " JOIN claims_fts ON claims_fts.rowid = c.rowid"
        where.append("claims_fts MATCH ?")
        args.append(f.q)
    sql += " LEFT JOIN propositions p ON p.id = c.proposition"
    if f.outlet:
        where.append("d.outlet = ?")
        args.append(f.outlet)
    if speaker_ids is not None:
        where.append(f"c.speaker IN ({qmarks(speaker_ids)})")
        args += speaker_ids
    if f.modality:
        where.append("c.modality = ?")
        args.append(f.modality)
    if f.status:
        where.append("p.status = ?")
        args.append(f.status)
    if f.date_from:
        where.append("d.published >= ?")
        args.append(f.date_from)
    if f.date_to:
        where.append("d.published < ?")
        args.append(f.date_to + "\uffff")
    return sql + (" WHERE " + " AND ".join(where) if where else ""), where, args


def search_claims(
    conn: sqlite3.Connection, f: Filters, speaker_ids: list[str] | None, page: int
) -> dict[str, Any]:
    """One page of matching claims, the (capped) total, and facets over a sample."""
    source, _, args = _claim_source(f, speaker_ids)
    hl = f"highlight(claims_fts, 0, '{HL_OPEN}', '{HL_CLOSE}')" if f.q else "NULL"
    order = "claims_fts.rank" if f.q else "d.published DESC, d.rowid DESC, c.seq"
    try:
        rows = conn.execute(
            "SELECT c.id, c.doc, c.text, c.kind, c.modality, c.speaker, c.speaker_name, c.cue,"
            " c.proposition, d.outlet, d.published, d.title, p.status, p.label,"
            f" {hl} AS hl{source} ORDER BY {order} LIMIT ? OFFSET ?",
            [*args, PER_PAGE + 1, (page - 1) * PER_PAGE],
        ).fetchall()
        total, capped = capped_count(conn, "SELECT 1" + source, args)
        sample = conn.execute(
            "SELECT d.outlet, c.speaker, c.modality, p.status, d.published"
            f"{source} LIMIT {FACET_SAMPLE}",
            args,
        ).fetchall()
    except sqlite3.OperationalError as exc:
        if not f.q:
            raise
        raise QueryError(str(exc)) from exc
    roots = roots_of(conn, [r["speaker"] for r in rows] + [r[1] for r in sample])
    names = names_of(conn, list(roots.values()))
    items = []
    for r in rows[:PER_PAGE]:
        sp = roots.get(r["speaker"], r["speaker"]) if r["speaker"] else None
        items.append({
            "id": r["id"], "doc": r["doc"], "text": r["text"], "kind": r["kind"],
            "modality": r["modality"], "cue": r["cue"], "speaker": sp,
            "speaker_name": names.get(sp) if sp else r["speaker_name"],
            "outlet": r["outlet"], "published": r["published"], "title": r["title"],
            "proposition": r["proposition"], "status": r["status"], "label": r["label"],
            "highlight": marked_parts(r["hl"]) if r["hl"] else [[r["text"], False]],
        })  # fmt: skip
    return {
        "items": items,
        "total": total,
        "total_capped": capped,
        "has_next": len(rows) > PER_PAGE,
        "facets": _facets(sample, roots, names),
    }


def _facets(
    sample: list[sqlite3.Row], roots: dict[str, str], names: dict[str, str]
) -> dict[str, Any]:
    outlets: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    modalities: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    dates = []
    for outlet, speaker, modality, status, published in sample:
        if outlet:
            outlets[outlet] += 1
        if speaker:
            speakers[roots.get(speaker, speaker)] += 1
        modalities[modality] += 1
        if status:
            statuses[status] += 1
        if published:
            dates.append(published[:10])

    def top(c: Counter[str], label: dict[str, str] | None = None) -> list[dict[str, Any]]:
        ranked = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_TOP]
        return [{"value": v, "label": (label or {}).get(v, v), "count": n} for v, n in ranked]

    return {
        "sample": len(sample),
        "sampled": len(sample) >= FACET_SAMPLE,
        "outlet": top(outlets),
        "speaker": top(speakers, names),
        "modality": top(modalities),
        "status": top(statuses),
        "dates": {"min": min(dates), "max": max(dates)} if dates else None,
    }


def search_documents(conn: sqlite3.Connection, f: Filters) -> dict[str, Any]:
    """The best few documents for ``f.q`` (outlet and date filters apply)."""
    sql = " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
    where, args = ["documents_fts MATCH ?"], [f.q]
    for cond, val in (
        ("d.outlet = ?", f.outlet),
        ("d.published >= ?", f.date_from),
        ("d.published < ?", f.date_to and f.date_to + "\uffff"),
    ):
        if val:
            where.append(cond)
            args.append(val)
    sql += " WHERE " + " AND ".join(where)
    try:
        rows = conn.execute(
            "SELECT d.id, d.title, d.outlet, d.published,"
            f" snippet(documents_fts, 1, '{HL_OPEN}', '{HL_CLOSE}', ' … ', 16) AS snip"
            f"{sql} ORDER BY documents_fts.rank LIMIT {DOC_HITS}",
            args,
        ).fetchall()
        total, capped = capped_count(conn, "SELECT 1" + sql, args)
    except sqlite3.OperationalError as exc:
        raise QueryError(str(exc)) from exc
    items = [
        {k: r[k] for k in ("id", "title", "outlet", "published")}
        | {"snippet": marked_parts(r["snip"])}
        for r in rows
    ]
    return {"items": items, "total": total, "total_capped": capped}
