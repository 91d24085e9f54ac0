"""Proposition and relation rows, and the claim views comparison reads."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from claimledger.compare.relate import ClaimView
from claimledger.link.store import root_map


def save_vectors(
    conn: sqlite3.Connection, ids: list[str], vecs: np.ndarray, topics: np.ndarray | None = None
) -> None:
    """Each claim's sentence vector and, where given, its topic vector (sentence and paragraph)."""
    tops: list[bytes | None] = (
        [t.astype(np.float16).tobytes() for t in topics]
        if topics is not None
        else [None] * len(ids)
    )
    conn.executemany(
        "INSERT OR REPLACE INTO claim_vectors(claim, vec, topic) VALUES (?, ?, ?)",
        [(i, v.astype(np.float16).tobytes(), t) for i, v, t in zip(ids, vecs, tops, strict=True)],
    )


def load_vectors(
    conn: sqlite3.Connection, ids: Iterable[str], column: str = "vec"
) -> dict[str, np.ndarray]:
    """Sentence vectors, or with ``column="topic"`` topic vectors (the sentence's where a
    claim has none, as in ledgers built before topics were stored)."""
    col = "COALESCE(topic, vec)" if column == "topic" else "vec"
    ids = list(ids)
    out: dict[str, np.ndarray] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        q = ",".join("?" * len(chunk))
        for cid, blob in conn.execute(
            f"SELECT claim, {col} FROM claim_vectors WHERE claim IN ({q})", chunk
        ):
            out[cid] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
    return out


def claim_views(
    conn: sqlite3.Connection,
    ids: Iterable[str],
    roots: dict[str, str] | None = None,
    links: dict[str, str] | None = None,
    bodies: dict[str, set[str]] | None = None,
) -> dict[str, ClaimView]:
    """Claims as comparison sees them: root speakers, entities in the sentence, dates.

    ``roots``, ``links`` and ``bodies`` (speaker -> affiliations) may be passed in to be
    read once for many calls."""
    ids = list(ids)
    roots = roots if roots is not None else root_map(conn)
    links = links if links is not None else stand_for(conn)
    bodies = bodies if bodies is not None else {}
    out: dict[str, ClaimView] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        q = ",".join("?" * len(chunk))
        rows = conn.execute(
            'SELECT c.id, c.doc, c.start, c."end", c.speaker, c.speaker_name, c.via, c.kind, c.modality,'
            " c.text, COALESCE(c.content, c.text) AS content, c.quantities, d.published, d.outlet,"
            " COALESCE(d.duplicate_of, d.id) AS doc_root"
            f" FROM claims c JOIN documents d ON d.id = c.doc WHERE c.id IN ({q})",
            chunk,
        ).fetchall()
        for r in rows:
            sp = roots.get(r["speaker"], r["speaker"]) if r["speaker"] else None
            ents = {
                roots.get(e, e)
                for (e,) in conn.execute(
                    'SELECT entity_id FROM mentions WHERE doc = ? AND start >= ? AND "end" <= ?',
                    (r["doc"], r["start"], r["end"]),
                )
            }
            ents |= {links[e] for e in list(ents) if e in links}
            if sp and sp not in bodies:
                bodies[sp] = _affiliations(conn, sp, roots)
            out[r["id"]] = ClaimView(
                id=r["id"], doc=r["doc"], doc_root=r["doc_root"], published=r["published"],
                outlet=r["outlet"], speaker=sp, speaker_name=r["speaker_name"],
                via=[roots.get(v, v) for v in json.loads(r["via"] or "[]")], kind=r["kind"],
                modality=r["modality"], text=r["text"], content=r["content"],
                quantities=json.loads(r["quantities"] or "[]"), entities=ents,
                affiliated=bodies.get(sp, set()) if sp else set(),
            )  # fmt: skip
    return out


def _affiliations(conn: sqlite3.Connection, entity: str, roots: dict[str, str]) -> set[str]:
    """Bodies a person is placed at ("regional secretary of the union"), as entity roots."""
    from claimledger.link.store import members as cluster

    members = cluster(conn, entity)
    q = ",".join("?" * len(members))
    rows = conn.execute(
        "SELECT DISTINCT al.entity_id FROM entity_attributes a JOIN entity_aliases al"
        f" ON al.alias = a.value WHERE a.key = 'affiliation' AND a.entity_id IN ({q})",
        members,
    ).fetchall()
    return {roots.get(r[0], r[0]) for r in rows} - {entity}


def stand_for(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(
        conn.execute(
            "SELECT entity_id, target_id FROM entity_links WHERE relation = 'stands_for'"
        ).fetchall()
    )


def members(conn: sqlite3.Connection, prop: str) -> list[str]:
    return [
        r[0]
        for r in conn.execute("SELECT id FROM claims WHERE proposition = ? ORDER BY rowid", (prop,))
    ]


def export_propositions(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    claims: dict[str, list[str]] = {}
    for cid, prop in conn.execute(
        "SELECT id, proposition FROM claims WHERE proposition IS NOT NULL ORDER BY rowid"
    ):
        claims.setdefault(prop, []).append(cid)
    for r in conn.execute("SELECT * FROM propositions ORDER BY rowid"):
        if r["id"] not in claims:
            continue
        yield {
            "id": r["id"],
            "label": r["label"],
            "claims": claims[r["id"]],
            "status": r["status"],
            "n_docs": r["n_docs"],
            "n_outlets": r["n_outlets"],
            "first_seen": r["first_seen"],
            "last_seen": r["last_seen"],
        }


def export_relations(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    for r in conn.execute(
        "SELECT a, b, type, why, proposition FROM relations ORDER BY proposition, a, b"
    ):
        yield dict(r)
