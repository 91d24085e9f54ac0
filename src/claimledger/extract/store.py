"""Claim rows: write one document's claims, read them back, export them."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from claimledger.models import ClaimQuery, DateRef, Quantity


@dataclass
class Claim:
    """One claim as stored: the contract's fields plus a few helpers."""

    doc: str
    seq: int
    start: int
    end: int
    text: str
    kind: str
    modality: str
    content: tuple[int, int] | None = None
    speaker: str | None = None  # entity id
    speaker_text: str | None = None
    speaker_span: tuple[int, int] | None = None
    speaker_name: str | None = None
    speaker_type: str | None = None
    via: list[str] = field(default_factory=list)  # entity ids
    via_names: list[tuple[str, str]] = field(default_factory=list)  # (name, type)
    cue: str | None = None
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    proposition: str | None = None
    extractor: str = "claimledger.extract.v1"
    core: str | None = None  # what is claimed, without attribution, hedges or negation

    @property
    def id(self) -> str:
        return "c" + hashlib.sha1(f"{self.doc}:{self.start}:{self.end}".encode()).hexdigest()[:15]


def delete_for_doc(
    conn: sqlite3.Connection, doc_id: str, refresh: Callable[..., None] | None = None
) -> None:
    """Remove what an earlier analysis of the document wrote (entity rows stay); the
    propositions it leaves are refreshed with ``refresh`` (the configured grouper's)."""
    props = [r[0] for r in conn.execute(
        "SELECT DISTINCT proposition FROM claims WHERE doc = ? AND proposition IS NOT NULL", (doc_id,))]  # fmt: skip
    for table in ("claims", "entity_aliases", "mentions", "entity_attributes", "acronyms"):
        conn.execute(f"DELETE FROM {table} WHERE doc = ?", (doc_id,))
    if refresh is not None:
        for p in props:
            refresh(conn, p, new=set())


def insert_claims(conn: sqlite3.Connection, doc_text: str, claims: list[Claim]) -> None:
    for c in claims:
        cs, ce = c.content if c.content else (None, None)
        ss, se = c.speaker_span if c.speaker_span else (None, None)
        conn.execute(
            'INSERT INTO claims(id, doc, seq, start, "end", text, content_start, content_end, content,'
            " speaker, speaker_text, speaker_start, speaker_end, speaker_name, via, cue, kind, modality,"
            " quantities, dates, proposition, extractor, speaker_type, core)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                c.id, c.doc, c.seq, c.start, c.end, c.text, cs, ce,
                doc_text[cs:ce] if cs is not None else None,
                c.speaker, c.speaker_text, ss, se, c.speaker_name, json.dumps(c.via), c.cue, c.kind,
                c.modality,
                json.dumps([_qdict(q) for q in c.quantities]),
                json.dumps([d.to_dict() for d in c.dates]),
                c.proposition, c.extractor, c.speaker_type, c.core,
            ),
        )  # fmt: skip
        conn.executemany(
            'INSERT INTO quantities(claim, idx, text, start, "end", value, low, high, unit, qualifier)'
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(c.id, i, q.text, q.start, q.end, q.value, q.low, q.high, q.unit, q.qualifier)
             for i, q in enumerate(c.quantities)],
        )  # fmt: skip
        conn.executemany(
            'INSERT INTO dates(claim, idx, text, start, "end", value, precision) VALUES (?,?,?,?,?,?,?)',
            [
                (c.id, i, d.text, d.start, d.end, d.value, d.precision)
                for i, d in enumerate(c.dates)
            ],
        )


def _qdict(q: Quantity) -> dict[str, Any]:
    return q.to_dict()


def row_to_export(row: sqlite3.Row, roots: dict[str, str] | None = None) -> dict[str, Any]:
    roots = roots or {}
    speaker = row["speaker"]
    return {
        "id": row["id"],
        "doc": row["doc"],
        "start": row["start"],
        "end": row["end"],
        "text": row["text"],
        "content": row["content"],
        "speaker": roots.get(speaker, speaker) if speaker else None,
        "speaker_text": row["speaker_text"],
        "speaker_name": row["speaker_name"],
        "via": [roots.get(v, v) for v in json.loads(row["via"] or "[]")],
        "cue": row["cue"],
        "kind": row["kind"],
        "modality": row["modality"],
        "quantities": json.loads(row["quantities"] or "[]"),
        "dates": json.loads(row["dates"] or "[]"),
        "proposition": row["proposition"],
    }


def export_claims(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    from claimledger.link.store import root_map

    roots = root_map(conn)
    for row in conn.execute(
        "SELECT c.* FROM claims c JOIN documents d ON d.id = c.doc ORDER BY d.rowid, c.seq"
    ):
        yield row_to_export(row, roots)


def find_claims(conn: sqlite3.Connection, q: ClaimQuery) -> list[dict[str, Any]]:
    sql = "SELECT c.*, d.outlet, d.published FROM claims c JOIN documents d ON d.id = c.doc"
    where: list[str] = []
    args: list[str | int] = []
    if q.text:
        sql += " JOIN claims_fts f ON f.rowid = c.rowid"
        where.append("claims_fts MATCH ?")
        args.append(q.text)
    if q.doc:
        where.append("(c.doc = ? OR substr(c.doc, 1, ?) = ?)")
        args += [q.doc, len(q.doc), q.doc]
    if q.speaker:
        where.append("(c.speaker = ? OR c.speaker_name LIKE ? OR c.speaker_text LIKE ?)")
        args += [q.speaker, f"%{q.speaker}%", f"%{q.speaker}%"]
    for col, val in (("c.modality", q.modality), ("c.kind", q.kind), ("d.outlet", q.outlet)):
        if val:
            where.append(f"{col} = ?")
            args.append(val)
    if q.attributed_only:
        where.append("c.kind != 'assertion'")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY COALESCE(d.published, '9999'), d.rowid, c.seq"
    if q.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [q.limit, q.offset]
    from claimledger.link.store import root_map

    roots = root_map(conn)
    out = []
    for row in conn.execute(sql, args):
        rec = row_to_export(row, roots)
        rec["outlet"], rec["published"] = row["outlet"], row["published"]
        out.append(rec)
    return out


def get_claim(conn: sqlite3.Connection, claim_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT c.*, d.outlet, d.published FROM claims c JOIN documents d ON d.id = c.doc"
        " WHERE c.id = ? OR substr(c.id, 1, ?) = ? LIMIT 2",
        (claim_id, len(claim_id), claim_id),
    ).fetchall()
    if len(row) != 1:
        return None
    from claimledger.link.store import root_map

    rec = row_to_export(row[0], root_map(conn))
    rec["outlet"], rec["published"] = row[0]["outlet"], row[0]["published"]
    return rec
