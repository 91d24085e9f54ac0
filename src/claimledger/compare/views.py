"""Read-side views of the comparison: proposition details, figures, timeline, coverage."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from claimledger.compare.figures import conflict, figures_of, unit_family
from claimledger.link.store import root_map


def list_propositions(
    conn: sqlite3.Connection, status: str | None = None, min_docs: int = 1, limit: int | None = 200
) -> list[dict[str, Any]]:
    sql = "SELECT * FROM propositions WHERE n_docs >= ?"
    args: list[Any] = [min_docs]
    if status:
        sql += " AND status = ?"
        args.append(status)
    sql += " ORDER BY n_docs DESC, n_claims DESC, first_seen"
    if limit:
        sql += " LIMIT ?"
        args.append(limit)
    return [
        {
            k: r[k]
            for k in (
                "id",
                "status",
                "n_claims",
                "n_docs",
                "n_outlets",
                "first_seen",
                "last_seen",
                "label",
            )
        }
        for r in conn.execute(sql, args)
    ]


def _claims(conn: sqlite3.Connection, prop: str) -> list[dict[str, Any]]:
    roots = root_map(conn)
    rows = conn.execute(
        "SELECT c.*, d.outlet, d.published, d.title FROM claims c JOIN documents d ON d.id = c.doc"
        " WHERE c.proposition = ? ORDER BY COALESCE(d.published, '9999'), c.rowid",
        (prop,),
    ).fetchall()
    out = []
    for r in rows:
        sp = roots.get(r["speaker"], r["speaker"]) if r["speaker"] else None
        name = None
        if sp:
            row = conn.execute(
                "SELECT COALESCE(display_name, name) FROM entities WHERE id = ?", (sp,)
            ).fetchone()
            name = row[0] if row else r["speaker_name"]
        out.append({
            "id": r["id"], "doc": r["doc"], "outlet": r["outlet"], "published": r["published"],
            "title": r["title"], "speaker": sp, "speaker_name": name or r["speaker_name"],
            "speaker_text": r["speaker_text"], "kind": r["kind"], "modality": r["modality"],
            "cue": r["cue"], "text": r["text"], "start": r["start"], "end": r["end"],
            "quantities": json.loads(r["quantities"]), "dates": json.loads(r["dates"]),
        })  # fmt: skip
    return out


def figures_table(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per figure: value, range, qualifier, unit, stage, speaker, document, date,
    and the other figures it cannot be reconciled with (and why)."""
    rows = []
    for c in claims:
        for q, f in zip(c["quantities"], figures_of(c["quantities"], c["text"]), strict=True):
            rows.append({
                "claim": c["id"], "text": q.get("text"), "value": q.get("value"), "low": q.get("low"),
                "high": q.get("high"), "qualifier": q.get("qualifier"), "unit": q.get("unit"),
                "family": unit_family(q.get("unit")), "stage": f.stage, "speaker": c["speaker_name"],
                "outlet": c["outlet"], "doc": c["doc"], "published": c["published"], "conflicts": [],
                "_fig": f,
            })  # fmt: skip
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            if a["claim"] == b["claim"]:
                continue
            why = conflict(a["_fig"], b["_fig"])
            if why:
                a["conflicts"].append({"claim": b["claim"], "why": why})
                b["conflicts"].append({"claim": a["claim"], "why": why})
    for r in rows:
        r.pop("_fig")
    return rows


def proposition(conn: sqlite3.Connection, prop: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT * FROM propositions WHERE id = ? OR substr(id, 1, ?) = ? LIMIT 2",
        (prop, len(prop), prop),
    ).fetchall()
    merged_from = None
    if not row:
        from claimledger.compare.store import merged_into

        new = merged_into(conn, prop)  # an old link: the proposition that took this one in
        row = conn.execute("SELECT * FROM propositions WHERE id = ?", (new,)).fetchall()
        merged_from = prop
    if len(row) != 1:
        return None
    r = row[0]
    claims = _claims(conn, r["id"])
    rels = [dict(x) for x in conn.execute(
        "SELECT a, b, type, why FROM relations WHERE proposition = ? ORDER BY type", (r["id"],))]  # fmt: skip
    return {
        "id": r["id"], "label": r["label"], "status": r["status"], "n_claims": r["n_claims"],
        "n_docs": r["n_docs"], "n_outlets": r["n_outlets"], "first_seen": r["first_seen"],
        "last_seen": r["last_seen"], "claims": claims, "relations": rels,
        "figures": figures_table(claims), "timeline": _status_over_time(claims, rels),
        **({"merged_from": merged_from} if merged_from else {}),
    }  # fmt: skip


def _status_over_time(
    claims: list[dict[str, Any]], rels: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The proposition's status as each dated claim arrived."""
    from claimledger.compare.relate import status

    seen: set[str] = set()
    sources: set[str] = set()
    out = []
    for c in claims:
        seen.add(c["id"])
        if c["modality"] != "denied":
            sources.add(c["speaker"] or f"doc:{c['doc']}")
        types = [r["type"] for r in rels if r["a"] in seen and r["b"] in seen]
        out.append({"date": (c["published"] or "")[:10] or None, "claim": c["id"], "outlet": c["outlet"],
                    "status": status(types, len(sources))})  # fmt: skip
    return out


def timeline(
    conn: sqlite3.Connection, prop: str | None = None, limit: int | None = 500
) -> list[dict[str, Any]]:
    """Claims in order of the event date they report, else of publication."""
    roots = root_map(conn)
    sql = (
        "SELECT c.id, c.doc, c.text, c.modality, c.speaker, c.speaker_name, c.dates, c.proposition,"
        " d.outlet, d.published, p.status, p.label FROM claims c JOIN documents d ON d.id = c.doc"
        " LEFT JOIN propositions p ON p.id = c.proposition WHERE c.kind != 'assertion' OR c.dates != '[]'"
    )
    args: list[Any] = []
    if prop:
        sql += " AND c.proposition = ?"
        args.append(prop)
    rows = []
    for r in conn.execute(sql, args):
        dates = [d for d in json.loads(r["dates"]) if d.get("value")]
        event = dates[0]["value"] if dates else None
        sp = roots.get(r["speaker"], r["speaker"]) if r["speaker"] else None
        rows.append({
            "date": event or ((r["published"] or "")[:10] or None), "date_kind": "event" if event else "published",
            "published": r["published"], "outlet": r["outlet"], "speaker": sp, "speaker_name": r["speaker_name"],
            "modality": r["modality"], "proposition": r["proposition"], "status": r["status"],
            "label": r["label"], "claim": r["id"], "doc": r["doc"], "text": r["text"],
        })  # fmt: skip
    rows.sort(key=lambda x: (x["date"] or "9999", x["published"] or "9999"))
    return rows[:limit] if limit else rows


def coverage(conn: sqlite3.Connection, min_docs: int = 1) -> dict[str, Any]:
    """Outlet x proposition matrix, and the propositions only one outlet carries."""
    cells: dict[str, dict[str, int]] = {}
    for prop, outlet, n in conn.execute(
        "SELECT c.proposition, COALESCE(d.outlet, '(unknown)'), count(*) FROM claims c"
        " JOIN documents d ON d.id = c.doc WHERE c.proposition IS NOT NULL GROUP BY 1, 2"
    ):
        cells.setdefault(prop, {})[outlet] = n
    props = {
        r["id"]: r
        for r in conn.execute("SELECT * FROM propositions WHERE n_docs >= ?", (min_docs,))
    }
    outlets = sorted({o for row in cells.values() for o in row})
    matrix = [
        {"proposition": p, "label": props[p]["label"], "status": props[p]["status"],
         "outlets": {o: cells[p].get(o, 0) for o in outlets}}
        for p in sorted(props, key=lambda p: (-len(cells.get(p, {})), props[p]["label"])) if p in cells
    ]  # fmt: skip
    only_one = [m for m in matrix if sum(1 for v in m["outlets"].values() if v) == 1]
    return {"outlets": outlets, "matrix": matrix, "single_outlet": only_one}
