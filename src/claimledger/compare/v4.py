"""Comparison v4: stories, statements, questions and relations a fact-checker can check.

For each new document (``place_document``), then its claims (``assign``):

1. the document joins a story (``stories.py``); nothing below ever crosses a story;
2. each claim gets its stance (``stance.py``): asserts, denies, hedges, conditional, asks;
3. statements (``statements.py``): the new claims are linked to claims of other documents
   of the story that say the same thing (the same quote relayed, the same figure for the
   same count ...); a statement is a connected group of such links;
4. questions (``questions.py``): the story's claims are grouped again, as a whole, into
   the questions they answer; a question holds no more than ``max_share`` of the story;
5. relations (``rules.py``): every claim is related to the most similar claims of other
   documents in its question, by named rules whose measured precision is the relation's
   confidence; below ``rules.BAR`` a relation is only "possible";
6. each question's status: ``corroborated`` when two or more independent sources assert
   one statement, ``disputed`` with a contradiction above the bar, ``updated`` with an
   update above the bar, ``mixed`` with both, else ``single_source``.

A story of more than ``regroup_max`` claims is not regrouped whole: new claims join the
question they are closest to (average probability over its members) or stay ungrouped.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass

import numpy as np

from claimledger.compare import store as cstore
from claimledger.compare.questions import Member, cluster, label, make_member, probabilities
from claimledger.compare.relate import STATUS_ORDER, ClaimView, restates, same_origin
from claimledger.compare.rules import BAR, Context, relate
from claimledger.compare.stance import stance_of
from claimledger.compare.statements import components, link, make_pair, statement_id
from claimledger.compare.stories import StoryAssigner, StoryOptions
from claimledger.link.store import root_map
from claimledger.registry import register
from claimledger.store.db import now_iso


@dataclass
class V4Options:
    threshold: float = 0.75  # the pair probability average linkage needs to join a question
    max_share: float = 0.1  # the largest share of a story's claims one question may hold
    relations: int = 12  # most similar claims of other documents a claim is related to
    regroup_max: int = 1500  # stories up to this size are regrouped whole
    statement_candidates: int = 400  # claims of the story a new claim is tested against


class StoryGrouper:
    """claimledger.compare.group.v4 (see the module docstring)."""

    def __init__(self, options: V4Options | None = None,
                 stories: StoryAssigner | None = None) -> None:  # fmt: skip
        self.o = options or V4Options()
        self.stories = stories or StoryAssigner(StoryOptions())

    # -- the stage's entry points ---------------------------------------------------------

    def place_document(self, conn: sqlite3.Connection, doc: str) -> str:
        """Put a stored document in a story; returns the story id."""
        return self.stories.assign(conn, doc, root_map(conn))

    def assign(self, conn: sqlite3.Connection, claim_ids: list[str], vecs: np.ndarray,
               keywords: list[list[str]], topics: np.ndarray | None = None) -> set[str]:  # fmt: skip
        """Statements, questions and relations for a document's new claims; returns the
        questions touched."""
        if not claim_ids:
            return set()
        cstore.save_vectors(conn, claim_ids, vecs, topics)
        row = conn.execute(
            "SELECT d.id, d.story FROM claims c JOIN documents d ON d.id = c.doc WHERE c.id = ?",
            (claim_ids[0],),
        ).fetchone()
        story = row[1] or self.place_document(conn, row[0])
        return self.regroup(conn, story, set(claim_ids))

    def refresh(self, conn: sqlite3.Connection, prop: str, new: set[str] | None = None) -> None:
        """Recompute a question's relations and status (after claims left it)."""
        row = conn.execute("SELECT story FROM propositions WHERE id = ?", (prop,)).fetchone()
        if row is None or row[0] is None:
            return
        self.regroup(conn, row[0], new or set())

    # -- one story ------------------------------------------------------------------------

    def regroup(self, conn: sqlite3.Connection, story: str, new: set[str]) -> set[str]:
        ids = [r[0] for r in conn.execute(
            "SELECT c.id FROM claims c JOIN claim_vectors v ON v.claim = c.id JOIN documents d"
            " ON d.id = c.doc WHERE d.story = ? ORDER BY COALESCE(d.published, '9999'), c.id",
            (story,))]  # fmt: skip
        if not ids:
            return set()
        conn.execute(
            f"UPDATE claims SET story = ? WHERE id IN ({','.join('?' * len(ids))})", [story, *ids]
        )
        roots = root_map(conn)
        views = cstore.claim_views(conn, ids, roots)
        vec = cstore.load_vectors(conn, ids)
        top = cstore.load_vectors(conn, ids, column="topic")
        seq = dict(conn.execute(
            f"SELECT id, seq FROM claims WHERE id IN ({','.join('?' * len(ids))})", ids))  # fmt: skip
        stances = {}
        for cid, v in views.items():
            stances[cid] = stance_of(v)[0]
        conn.executemany("UPDATE claims SET stance = ? WHERE id = ?",
                         [(s, cid) for cid, s in stances.items()])  # fmt: skip
        ordered = [i for i in ids if i in views and i in vec]
        members = [make_member(views[i], vec[i], top.get(i), int(seq.get(i) or 0), stances[i])
                   for i in ordered]  # fmt: skip
        self._statements(conn, story, members, vec, stances, new)
        groups = self._questions(conn, story, members, new)
        return self._relate(conn, story, members, groups, vec, stances, new)

    def _statements(self, conn: sqlite3.Connection, story: str, members: list[Member],
                    vec: dict[str, np.ndarray], stances: dict[str, str], new: set[str]) -> None:  # fmt: skip
        """Link the new claims to what says the same; rebuild the story's statements."""
        by_id = {m.view.id: m for m in members}
        for cid in sorted(new):
            me = by_id.get(cid)
            if me is None:
                continue
            cands = self._nearest(me, members, self.o.statement_candidates)
            for other in cands:
                a, b = sorted((me.view, other.view), key=_when)
                got = link(make_pair(a, b, vec, stances))
                if got:
                    conn.execute(
                        "INSERT OR REPLACE INTO statement_links(a, b, rule, why, story)"
                        " VALUES (?,?,?,?,?)", (a.id, b.id, got[0], got[1], story))  # fmt: skip
        links = [(r[0], r[1]) for r in conn.execute(
            "SELECT a, b FROM statement_links WHERE story = ?", (story,))]  # fmt: skip
        groups = components([m.view.id for m in members], links)
        conn.execute("DELETE FROM statements WHERE story = ?", (story,))
        rows: list[tuple[object, ...]] = []
        assign: list[tuple[str | None, str]] = []
        for first, ids in groups.items():
            if len(ids) < 2:
                assign.append((None, first))
                continue
            sid = statement_id(first)
            stance = max(
                {stances[i] for i in ids}, key=lambda s: ([stances[i] for i in ids].count(s), s)
            )
            text = by_id[first].view.core or by_id[first].view.text
            rows.append((sid, story, " ".join(text.split())[:200], stance, len(ids),
                         _sources([by_id[i].view for i in ids]), now_iso()))  # fmt: skip
            assign += [(sid, i) for i in ids]
        conn.executemany(
            "INSERT INTO statements(id, story, label, stance, n_claims, n_sources, updated_at)"
            " VALUES (?,?,?,?,?,?,?)", rows)  # fmt: skip
        conn.executemany("UPDATE claims SET statement = ? WHERE id = ?", assign)

    def _nearest(self, me: Member, members: list[Member], k: int) -> list[Member]:
        others = [m for m in members if m.view.doc != me.view.doc]
        if len(others) <= k:
            return others
        sims = np.array([float(me.vec @ m.vec) for m in others])
        return [others[i] for i in np.argsort(-sims, kind="stable")[:k]]

    def _questions(self, conn: sqlite3.Connection, story: str, members: list[Member],
                   new: set[str]) -> list[list[int]]:  # fmt: skip
        """Group the story's claims into questions and write them; returns the groups."""
        if len(members) > self.o.regroup_max:
            return self._join_questions(conn, story, members, new)
        groups = cluster(members, self.o.threshold, self.o.max_share, len(members))
        P = probabilities(members) if groups else None
        old = {r[0] for r in conn.execute("SELECT id FROM propositions WHERE story = ?", (story,))}
        conn.execute("UPDATE claims SET proposition = NULL WHERE story = ?", (story,))
        keep: set[str] = set()
        for g in groups:
            first = members[g[0]].view.id
            pid = "p" + hashlib.sha1(first.encode()).hexdigest()[:15]
            text, kind = label(members, g, P)
            keep.add(pid)
            conn.execute(
                "INSERT INTO propositions(id, label, status, n_claims, updated_at, story, kind)"
                " VALUES (?, ?, 'single_source', ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                " label = excluded.label, n_claims = excluded.n_claims, story = excluded.story,"
                " kind = excluded.kind", (pid, text, len(g), now_iso(), story, kind))  # fmt: skip
            conn.executemany("UPDATE claims SET proposition = ? WHERE id = ?",
                             [(pid, members[k].view.id) for k in g])  # fmt: skip
        for pid in old - keep:
            conn.execute("DELETE FROM propositions WHERE id = ?", (pid,))
        return groups

    def _join_questions(self, conn: sqlite3.Connection, story: str, members: list[Member],
                        new: set[str]) -> list[list[int]]:  # fmt: skip
        """A story too large to regroup whole: each new claim joins the question whose
        members it is closest to on average, above the threshold."""
        index = {m.view.id: k for k, m in enumerate(members)}
        current: dict[str, list[int]] = {}
        for cid, pid in conn.execute(
            "SELECT id, proposition FROM claims WHERE story = ? AND proposition IS NOT NULL",
            (story,),
        ):
            if cid in index:
                current.setdefault(pid, []).append(index[cid])
        for cid in sorted(new):
            k = index.get(cid)
            if k is None:
                continue
            near = self._nearest(members[k], members, 60)
            cand = {conn.execute("SELECT proposition FROM claims WHERE id = ?",
                                 (m.view.id,)).fetchone()[0] for m in near} - {None}  # fmt: skip
            best, best_p = None, self.o.threshold
            for pid in sorted(cand):
                sub = [members[k]] + [members[j] for j in current.get(pid, [])[:30]]
                P = probabilities(sub)
                mean = float(P[0, 1:].mean()) if len(sub) > 1 else 0.0
                if mean > best_p:
                    best, best_p = pid, mean
            if best is not None:
                conn.execute("UPDATE claims SET proposition = ? WHERE id = ?", (best, cid))
                current.setdefault(best, []).append(k)
        return [sorted(g) for g in current.values()]

    # -- relations and status -------------------------------------------------------------

    def _relate(self, conn: sqlite3.Connection, story: str, members: list[Member],
                groups: list[list[int]], vec: dict[str, np.ndarray], stances: dict[str, str],
                new: set[str]) -> set[str]:  # fmt: skip
        stmt = dict(conn.execute("SELECT id, statement FROM claims WHERE story = ?", (story,)))
        wanted: dict[tuple[str, str], tuple[Member, Member]] = {}
        for g in groups:
            for i in g:
                me = members[i]
                others = [members[j] for j in g if members[j].view.doc != me.view.doc]
                others.sort(key=lambda m: (-float(me.vec @ m.vec), m.view.id))
                for o in others[: self.o.relations]:
                    a, b = sorted((me, o), key=lambda m: _when(m.view))
                    wanted[(a.view.id, b.view.id)] = (a, b)
        have = {(r[0], r[1]): r[2] for r in conn.execute(
            "SELECT b, a, rule FROM relations WHERE story = ?", (story,))}  # fmt: skip
        for pair in set(have) - set(wanted):
            conn.execute("DELETE FROM relations WHERE a = ? AND b = ?", (pair[1], pair[0]))
        by_id = {m.view.id: m for m in members}
        touched: set[str] = set()
        for (x, y), (a, b) in sorted(wanted.items()):
            if (x, y) in have and x not in new and y not in new:
                continue
            same = stmt.get(x) is not None and stmt.get(x) == stmt.get(y)
            ctx = Context(a.view, b.view, float(vec[x] @ vec[y]), stances[x], stances[y], same)
            got = relate(ctx)
            conn.execute("DELETE FROM relations WHERE a = ? AND b = ?", (y, x))
            if got:
                kind, why, rule, conf = got
                prop = conn.execute("SELECT proposition FROM claims WHERE id = ?", (y,)).fetchone()[
                    0
                ]
                conn.execute(
                    "INSERT OR REPLACE INTO relations(a, b, type, why, proposition, confidence,"
                    " story, rule) VALUES (?,?,?,?,?,?,?,?)",
                    (y, x, kind, why, prop, conf, story, rule),
                )
        for g in groups:
            pid = conn.execute("SELECT proposition FROM claims WHERE id = ?",
                               (members[g[0]].view.id,)).fetchone()[0]  # fmt: skip
            if pid:
                self._status(conn, pid, [by_id[members[k].view.id].view for k in g], stmt)
                touched.add(pid)
        return touched

    def _status(self, conn: sqlite3.Connection, pid: str, views: list[ClaimView],
                stmt: dict[str, str | None]) -> None:  # fmt: skip
        conn.execute("UPDATE relations SET proposition = ? WHERE a IN ({}) AND b IN ({})".format(
            ",".join("?" * len(views)), ",".join("?" * len(views))),
            [pid, *[v.id for v in views], *[v.id for v in views]])  # fmt: skip
        strong = {r[0] for r in conn.execute(
            "SELECT type FROM relations WHERE proposition = ? AND confidence >= ?", (pid, BAR))}  # fmt: skip
        by_stmt: dict[str, list[ClaimView]] = {}
        for v in views:
            s = stmt.get(v.id)
            if s:
                by_stmt.setdefault(s, []).append(v)
        corroborated = any(_sources([v for v in vs if v.polarity > 0]) >= 2
                           for vs in by_stmt.values())  # fmt: skip
        if "updates" in strong and "contradicts" in strong:
            status = "mixed"
        elif "updates" in strong:
            status = "updated"
        elif "contradicts" in strong:
            status = "disputed"
        else:
            status = "corroborated" if corroborated else "single_source"
        assert status in STATUS_ORDER
        docs = {v.doc for v in views}
        outlets = {v.outlet for v in views if v.outlet}
        dates = sorted(v.published[:10] for v in views if v.published)
        conn.execute(
            "UPDATE propositions SET status = ?, n_claims = ?, n_docs = ?, n_outlets = ?,"
            " first_seen = ?, last_seen = ?, updated_at = ? WHERE id = ?",
            (status, len(views), len(docs), len(outlets), dates[0] if dates else None,
             dates[-1] if dates else None, now_iso(), pid),
        )  # fmt: skip


def _when(v: ClaimView) -> tuple[str, str]:
    return ((v.published or "9999")[:10], v.id)


def _sources(views: list[ClaimView]) -> int:
    """Independent sources among claims: those not relaying one another count once."""
    groups: list[list[ClaimView]] = []
    for v in sorted(views, key=_when):
        for g in groups:
            if any(same_origin(v, o) or restates(v, o) or restates(o, v) for o in g):
                g.append(v)
                break
        else:
            groups.append([v])
    return len(groups)


@register("claimledger.compare.group.v4")
def make_story_grouper(**settings: float) -> StoryGrouper:
    story_keys = {f"story_{k}": k for k in StoryOptions.__dataclass_fields__}
    story = {story_keys[k]: v for k, v in settings.items() if k in story_keys}
    own = {k: v for k, v in settings.items() if k not in story_keys}
    return StoryGrouper(V4Options(**own), StoryAssigner(StoryOptions(**story)))  # type: ignore[arg-type]
