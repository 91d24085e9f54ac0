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
from claimledger.compare.relate import ClaimView, _same_body

_ADMISSION = re.compile(
    r"\b(?:admit(?:s|ted)?|acknowledg(?:e|es|ed)|conceded?|concedes|confirm(?:s|ed)? for the first"
    r" time|revers(?:ed|ing) (?:its|his|her|their|a|an|the) (?:earlier |previous )?(?:denial|position|stance)"
    r"|(?:withdr[ae]w|retract(?:s|ed)?) (?:its|his|her|their) (?:denial|statement|claim))\b",
    re.I,
)
_SIM = 0.15


def is_admission(v: ClaimView) -> bool:
    return v.polarity > 0 and bool(_ADMISSION.search(v.text))


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
        admits, denies = is_admission(v), v.stance < 0
        if not (admits or denies) or not v.published or not v.speaker:
            continue
        ids = [i for i in search(v.id) if i != v.id]
        if not ids:
            continue
        others = load_views(ids)
        vecs = cstore.load_vectors(conn, [v.id, *others])
        mine = _side(v, links)
        for o in others.values():
            if o.doc_root == v.doc_root or not o.published:
                continue
            theirs = _side(o, links)
            # the same side: one entity, or one body named two ways ("the agency")
            if not (mine & theirs) and not _same_body(v.speaker_name, o.speaker_name):
                continue
            if admits and o.stance < 0 and o.published[:10] < v.published[:10]:
                early, late = o, v
            elif denies and is_admission(o) and o.published[:10] > v.published[:10]:
                early, late = v, o
            else:
                continue
            shared = (early.entities & late.entities) - mine - theirs
            sim = (
                float(np.dot(vecs[early.id], vecs[late.id]))
                if early.id in vecs and late.id in vecs
                else 0.0
            )
            if not shared and sim < _SIM:
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
