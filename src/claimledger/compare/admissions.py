"""A later admission updates an earlier denial by the same side, across propositions.

"There is not a single serviceman in Meskat" in March and "the minister acknowledged for
the first time that fighters are there" in September seldom read alike, so the two
rarely land in one proposition; a reader still sees the second supersede the first.
The rule is narrow, and it names its reasons:

* the later claim admits: it is asserted and says so ("admitted", "acknowledged",
  "conceded", "confirmed for the first time", "reversing");
* the earlier claim denies, by the same side: the same speaker, the body it speaks for,
  or the country a capital or ministry stands for;
* both documents have a publication date and the admission's is later (nothing is
  guessed);
* they share a named entity besides the speakers, or their sentences are at least
  loosely similar.

Candidates come from the full-text index (the grouper's blocking step), so the cost
does not grow with the ledger.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

import numpy as np

from claimledger.compare import store as cstore
from claimledger.compare.relate import ADMISSION, ClaimView, same_body

# a speaker taking back what they said: "we were wrong", "I withdraw it", "I apologise"
_CORRECTION = re.compile(
    r"\b(?:(?:was|were|is|am|are|been) (?:wrong|mistaken|incorrect|untrue|false)|got (?:it|this|that)"
    r" wrong|apologi[sz](?:e|es|ed|ing)|withdr[ae]w(?:s|n)?|retract(?:s|ed)?)\b",
    re.I,
)
_SIM = 0.15
_OWN_TOPIC = 0.5  # a correction and the speaker's earlier denial: their paragraphs alike
_OWN_LIMIT = 50  # the speaker's most recent claims looked at
_RECOUNTED = 0.5  # an article recounts a denial: one of its sentences reads like it


def is_admission(v: ClaimView) -> bool:
    return v.polarity > 0 and bool(ADMISSION.search(v.text))


def corrects_itself(v: ClaimView) -> bool:
    """The speaker takes back an earlier statement, in so many words."""
    return v.polarity > 0 and bool(_CORRECTION.search(v.content or v.text))


def _own_claims(conn: sqlite3.Connection, v: ClaimView) -> list[str]:
    """The same speaker's other claims, most recently published first (a bounded look-up,
    through the claims' speaker index, so the cost does not grow with the ledger)."""
    from claimledger.link.store import members

    if not v.speaker:
        return []
    ids = members(conn, v.speaker)
    q = ",".join("?" * len(ids))
    return [
        r[0]
        for r in conn.execute(
            f"SELECT c.id FROM claims c JOIN documents d ON d.id = c.doc WHERE c.speaker IN ({q})"
            " AND c.doc != ? AND d.published IS NOT NULL ORDER BY d.published DESC LIMIT ?",
            (*ids, v.doc, _OWN_LIMIT),
        )
    ]


def _recounted(conn: sqlite3.Connection, v: ClaimView, own: list[ClaimView]) -> str | None:
    """The speaker's earlier denial that the admission's own article recounts.

    "That statement was wrong, and I withdraw it." names nothing, but the article that
    reports it usually says what the statement was ("eight days after he told the town
    there was no evidence"): of the speaker's earlier denials, the one closest to another
    sentence of that article, if close enough."""
    early = [
        o
        for o in own
        # a denial in so many words: "did not mention" is no position to take back
        if o.polarity < 0 and o.published and o.published[:10] < (v.published or "")[:10]
    ]
    if not early:
        return None
    doc_ids = [
        r[0] for r in conn.execute("SELECT id FROM claims WHERE doc = ? AND id != ?", (v.doc, v.id))
    ]
    vecs = cstore.load_vectors(conn, [*doc_ids, *(o.id for o in early)])
    article = np.array([vecs[i] for i in doc_ids if i in vecs])
    if not len(article):
        return None
    best, best_sim = None, _RECOUNTED
    for o in early:
        if o.id in vecs:
            sim = float((article @ vecs[o.id]).max())
            if sim >= best_sim:
                best, best_sim = o.id, sim
    return best


def _side(v: ClaimView, links: dict[str, str]) -> set[str]:
    """Who a claim speaks for: its speaker, the bodies the speaker speaks for, and what
    a capital or a ministry stands for."""
    if not v.speaker:
        return set()
    side = {v.speaker} | v.affiliated
    return side | {links[e] for e in list(side) if e in links}


def cross_updates(
    conn: sqlite3.Connection,
    views: dict[str, ClaimView],
    links: dict[str, str],
    search: Callable[[str], list[str]],
    load_views: Callable[[list[str]], dict[str, ClaimView]],
) -> int:
    """Add "updates" relations between new claims and earlier denials or later admissions.

    ``search`` gives candidate claim ids for a claim (the blocking step's hits); returns
    how many relations were added."""
    added = 0
    for v in views.values():
        admits, denies = is_admission(v) or corrects_itself(v), v.stance < 0
        if not (admits or denies) or not v.published or not v.speaker:
            continue
        hits = [i for i in search(v.id) if i != v.id]
        own = set(_own_claims(conn, v))
        ids = list(dict.fromkeys([*hits, *own]))
        if not ids:
            continue
        others = load_views(ids)
        vecs = cstore.load_vectors(conn, [v.id, *others])
        topics = cstore.load_vectors(conn, [v.id, *own], column="topic")
        mine = _side(v, links)
        recounted = _recounted(conn, v, [others[i] for i in own if i in others]) if admits else None
        for o in others.values():
            if o.doc_root == v.doc_root or not o.published:
                continue
            theirs = _side(o, links)
            # the same side: one entity, or one body named two ways ("the agency")
            if not (mine & theirs) and not same_body(v.speaker_name, o.speaker_name):
                continue
            if admits and o.stance < 0 and o.published[:10] < v.published[:10]:
                early, late = o, v
            elif (
                denies
                and (is_admission(o) or corrects_itself(o))
                and o.published[:10] > v.published[:10]
            ):
                early, late = v, o
            else:
                continue
            shared = (early.entities & late.entities) - mine - theirs
            sim = (
                float(np.dot(vecs[early.id], vecs[late.id]))
                if early.id in vecs and late.id in vecs
                else 0.0
            )
            # "That statement was wrong" names nothing: its paragraph must read like the denial's
            topical = (
                o.id in own
                and early.id in topics
                and late.id in topics
                and float(topics[early.id] @ topics[late.id]) >= _OWN_TOPIC
            )
            if not shared and sim < _SIM and not topical and o.id != recounted:
                continue
            row = conn.execute(
                "SELECT type FROM relations WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)",
                (late.id, early.id, early.id, late.id),
            ).fetchone()
            if row is not None and row[0] == "updates":
                continue
            conn.execute(
                "DELETE FROM relations WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)",
                (late.id, early.id, early.id, late.id),
            )
            prop = conn.execute(
                "SELECT proposition FROM claims WHERE id = ?", (late.id,)
            ).fetchone()
            why = (
                f"{late.speaker_name or 'the same side'} admits on {(late.published or '')[:10]}"
                f" what was denied on {(early.published or '')[:10]}"
            )
            conn.execute(
                "INSERT INTO relations(a, b, type, why, proposition) VALUES (?,?,?,?,?)",
                (late.id, early.id, "updates", why, prop[0] if prop else None),
            )
            added += 1
    return added
