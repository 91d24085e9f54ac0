"""Proposition and relation rows, and the claim views comparison reads."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from claimledger.compare.relate import ClaimView
from claimledger.extract.lexicon import (
    ORG_NOUNS,
    PRONOUNS_FIRST,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
)
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
    bodies: dict[str, Affiliation] | None = None,
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
            " COALESCE(d.duplicate_of, d.id) AS doc_root, c.core, d.story"
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
            ids_of, names_of = bodies.get(sp, _NO_BODY) if sp else _NO_BODY
            out[r["id"]] = ClaimView(
                id=r["id"], doc=r["doc"], doc_root=r["doc_root"], published=r["published"],
                outlet=r["outlet"], speaker=sp, speaker_name=r["speaker_name"],
                via=[roots.get(v, v) for v in json.loads(r["via"] or "[]")], kind=r["kind"],
                modality=r["modality"], text=r["text"], content=r["content"],
                quantities=json.loads(r["quantities"] or "[]"), entities=ents,
                affiliated=set(ids_of), body_names=set(names_of), core=r["core"],
                story=r["story"],
            )  # fmt: skip
    return out


Affiliation = tuple[frozenset[str], frozenset[str]]  # body entity roots, body names
_NO_BODY: Affiliation = (frozenset(), frozenset())
_PRONOUNS = PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_FIRST | {"its", "your"}


def _affiliations(conn: sqlite3.Connection, entity: str, roots: dict[str, str]) -> Affiliation:
    """Bodies a person is placed at ("regional secretary of the union"): as entity roots,
    and as the names their roles give ("the inspectorate's director", "company spokeswoman")."""
    from claimledger.link.store import members as cluster

    members = cluster(conn, entity)
    q = ",".join("?" * len(members))
    rows = conn.execute(
        "SELECT DISTINCT al.entity_id FROM entity_attributes a JOIN entity_aliases al"
        f" ON al.alias = a.value WHERE a.key = 'affiliation' AND a.entity_id IN ({q})",
        members,
    ).fetchall()
    names = set()
    for key, value in conn.execute(
        f"SELECT DISTINCT key, value FROM entity_attributes WHERE key IN ('affiliation', 'role')"
        f" AND entity_id IN ({q})",
        members,
    ):
        name = value if key == "affiliation" else role_body(value)
        if name:
            names.add(" ".join(name.lower().replace("\u2019", "'").split()))
    return frozenset({roots.get(r[0], r[0]) for r in rows} - {entity}), frozenset(names)


def role_body(role: str) -> str | None:
    """The body a role names: "inspectorate's director" -> "inspectorate", "Brennholt
    spokeswoman" -> "Brennholt", "director of the agency" -> "agency"; None for "engineer"."""
    role = " ".join(role.replace("\u2019", "'").split())
    m = re.match(r"(?:the\s+)?(.+?)'s?\s+\S", role, re.I)
    if m is None:
        m = re.search(r"\bof\s+(?:the\s+)?(.+)$", role, re.I)
    if m is None and len(role.split()) > 1:
        m = re.match(r"(.+)\s+\S+$", role)
        # "Brennholt spokeswoman", "foreign ministry spokeswoman"; not "chief executive"
        if m and not (m.group(1)[0].isupper() or m.group(1).split()[-1].lower() in ORG_NOUNS):
            m = None
    body = m.group(1).strip() if m else None
    return body if body and body.lower() not in _PRONOUNS else None


def claims_of_newly_placed(
    conn: sqlite3.Connection, claim_ids: list[str], roots: dict[str, str]
) -> dict[str, set[str]]:
    """Earlier claims (by proposition) of speakers whose affiliation or role the documents of
    ``claim_ids`` state for the first time."""
    from claimledger.link.store import members as cluster

    q = ",".join("?" * len(claim_ids))
    docs = [
        r[0] for r in conn.execute(f"SELECT DISTINCT doc FROM claims WHERE id IN ({q})", claim_ids)
    ]
    if not docs:
        return {}
    dq = ",".join("?" * len(docs))
    placed = {
        roots.get(e, e)
        for (e,) in conn.execute(
            "SELECT DISTINCT a.entity_id FROM entity_attributes a WHERE a.key IN ('affiliation', 'role')"
            f" AND a.doc IN ({dq}) AND NOT EXISTS (SELECT 1 FROM entity_attributes o WHERE"
            f" o.entity_id = a.entity_id AND o.key = a.key AND o.value = a.value AND o.doc NOT IN ({dq}))",
            docs + docs,
        )
    }
    out: dict[str, set[str]] = {}
    for root in placed:
        ids = cluster(conn, root)
        eq = ",".join("?" * len(ids))
        for cid, prop in conn.execute(
            f"SELECT id, proposition FROM claims WHERE speaker IN ({eq}) AND proposition IS NOT NULL"
            f" AND doc NOT IN ({dq})",
            ids + docs,
        ):
            out.setdefault(prop, set()).add(cid)
    return out


def record_merge(conn: sqlite3.Connection, old: str, new: str) -> None:
    """``old`` was merged into ``new``: earlier merges into ``old`` now lead to ``new``."""
    from claimledger.store.db import now_iso

    conn.execute("UPDATE proposition_merges SET new = ? WHERE new = ?", (new, old))
    conn.execute("DELETE FROM proposition_merges WHERE old = ?", (new,))  # ``new`` is live
    conn.execute(
        "INSERT OR REPLACE INTO proposition_merges(old, new, merged_at) VALUES (?, ?, ?)",
        (old, new, now_iso()),
    )


def merged_into(conn: sqlite3.Connection, prop: str) -> str | None:
    """The proposition that took in ``prop`` (by full id), if it was merged."""
    row = conn.execute("SELECT new FROM proposition_merges WHERE old = ?", (prop,)).fetchone()
    return row[0] if row else None


def stand_for(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(
        conn.execute(
            "SELECT entity_id, target_id FROM entity_links WHERE relation = 'stands_for'"
        ).fetchall()
    )


def drop_relations_among(conn: sqlite3.Connection, claims: set[str], members: set[str]) -> None:
    """Delete the relations between one of ``claims`` and one of ``members``: what a
    proposition's refresh computes again (relations to other propositions stay)."""
    ids = sorted(claims)
    gone: list[tuple[str, str]] = []
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        q = ",".join("?" * len(chunk))
        gone += [
            (r[0], r[1])
            for r in conn.execute(
                f"SELECT a, b FROM relations WHERE a IN ({q}) UNION"
                f" SELECT a, b FROM relations WHERE b IN ({q})",
                chunk + chunk,
            )
            if r[0] in members and r[1] in members
        ]
    conn.executemany("DELETE FROM relations WHERE a = ? AND b = ?", gone)


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


COPY_WHY = "the same words as the earlier claim (a copy)"


def export_relations(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Stored relations, then those a copy carries through its first copy.

    A copy is stored with one relation, ``repeats`` its first copy (see
    ``EmbeddingGrouper._pairs``); the export spells out the first copy's other
    relations for it too, marked ``copy_of``, so that a reader of any one copy sees
    what the claim is related to."""
    rows = [
        dict(r)
        for r in conn.execute(
            "SELECT a, b, type, why, proposition FROM relations ORDER BY proposition, a, b"
        )
    ]
    yield from rows
    copies = {r["a"]: r["b"] for r in rows if r["why"] == COPY_WHY}
    if not copies:
        return
    of: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if r["why"] != COPY_WHY:
            of.setdefault(r["a"], []).append(r)
            of.setdefault(r["b"], []).append(r)
    have = {(r["a"], r["b"]) for r in rows} | {(r["b"], r["a"]) for r in rows}
    for copy, first in copies.items():
        for r in of.get(first, []):
            a, b = (copy, r["b"]) if r["a"] == first else (r["a"], copy)
            if a == b or (a, b) in have or copies.get(a if b == copy else b) == first:
                continue
            have |= {(a, b), (b, a)}
            yield {**r, "a": a, "b": b, "why": f"{r['why']} (as its first copy)", "copy_of": first}
