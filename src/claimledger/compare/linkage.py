"""v3 grouping: claims read with their paragraphs, joined by average linkage, incrementally.

What a careful reader puts together is a question of the story ("how long did the fire
burn?", "are the log pages genuine?"), and its claims often share little wording: a short
answer in an interview, a follow-up that names only a figure, a denial and a later
admission.  Three signals, each measured on the gold groups of the evaluation corpora:

* the sentence vector mixed with the vector of its paragraph (``topic``): a claim is
  read with the sentences around it;
* the content words two claims share, each weighted by how rare it is in the ledger
  (words that every claim of the story uses weigh little);
* figures of the same kind of count, and more so the same value.

A claim joins the proposition whose members it is closest to on average (average
linkage, not the single best pair, which chains topics together).  After a document's
claims are placed, the propositions it touched merge with their candidates while the
mean score between their members clears the same bar: the step of agglomerative
clustering, restricted to what the new document touches.  Candidates still come from the
full-text index, so the cost does not grow with the ledger.
"""

from __future__ import annotations

import hashlib
import math
import re
import sqlite3
from dataclasses import dataclass, field

import numpy as np

from claimledger.compare import store as cstore
from claimledger.compare.admissions import cross_updates
from claimledger.compare.figures import comparable, figures_of
from claimledger.compare.group import _STEM_STOP, CompareOptions, EmbeddingGrouper, _label
from claimledger.compare.relate import ClaimView, classify
from claimledger.store.db import now_iso

_WORD = re.compile(r"[^\W\d_]{4,}")
CONTEXT_CHARS = 1000  # at most this much of a paragraph is read around a claim


def context_of(text: str, start: int, end: int) -> str:
    """The paragraph around ``text[start:end]``: the lines it sits on, at most
    ``CONTEXT_CHARS`` characters centred on the claim."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b < 0 else b
    if b - a > CONTEXT_CHARS:
        extra = max(0, CONTEXT_CHARS - (end - start)) // 2
        a, b = max(a, start - extra), min(b, end + extra)
    return text[a:b]


def content_words(text: str) -> set[str]:
    """Lower-cased words of four letters or more, less function and reporting words."""
    return {w for w in (m.lower() for m in _WORD.findall(text)) if w not in _STEM_STOP}


@dataclass
class Member:
    """A claim as average linkage scores it."""

    view: ClaimView
    topic: np.ndarray
    words: set[str]
    figures: list = field(default_factory=list)  # type: ignore[type-arg]
    weight: float = 0.0  # the summed weights of its words


@dataclass
class LinkageOptions(CompareOptions):
    # how far the mean score of a claim to a proposition's members (or between two
    # propositions' members) must stand above the ledger's background, the mean score of
    # two claims taken at random: a story told in one vocabulary raises every score
    margin: float = 0.15
    background_sample: int = 64  # stored claims scored against each new document's
    background_weight: int = 20000  # pairs the running background remembers at most
    word_weight: float = 1.0  # weight of the rarity-weighted share of content words
    figure_weight: float = 0.5  # same kind of count; twice that for the same value
    merge_members: int = 24  # members read per proposition when testing a merge
    merge_candidates: int = 12  # propositions of each new claim's best hits tested for a merge


class AverageLinkGrouper(EmbeddingGrouper):
    """claimledger.compare.group.v3: paragraph-aware vectors, average linkage, merges."""

    def __init__(self, options: LinkageOptions | None = None) -> None:
        opts = options or LinkageOptions()
        super().__init__(opts)
        self.lo = opts
        self._idf: dict[str, float] = {}
        self._n = 1
        self._bar = 0.0
        self._cache: dict[str, Member] = {}  # claims scored during one assign()

    def _assign(self, conn: sqlite3.Connection, claim_ids: list[str], vecs: np.ndarray,
                keywords: list[list[str]]) -> set[str]:  # fmt: skip
        """Place each claim, merge what they bring together; returns the propositions touched.

        Called by ``assign``, which has stored the vectors (topics included)."""
        # claims in the ledger, for word weights: the largest rowid is near enough and free
        self._n = max(1, conn.execute("SELECT MAX(rowid) FROM claims").fetchone()[0] or 1)
        try:
            return self._place(conn, claim_ids, vecs, keywords)
        finally:
            self._idf = {}
            self._cache = {}

    # -- scoring -------------------------------------------------------------------------

    def _weights(self, conn: sqlite3.Connection, words: set[str]) -> None:
        """Inverse claim frequencies of words not yet looked up, from the full-text vocabulary."""
        todo = [w for w in words if w not in self._idf]
        for i in range(0, len(todo), 400):
            chunk = todo[i : i + 400]
            seen = dict(conn.execute(
                f"SELECT term, doc FROM claims_vocab WHERE term IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall())  # fmt: skip
            for w in chunk:
                self._idf[w] = math.log((self._n + 1) / (int(seen.get(w, 0)) + 1))

    def _members(self, conn: sqlite3.Connection, ids: list[str]) -> dict[str, Member]:
        out = {c: self._cache[c] for c in ids if c in self._cache}
        todo = [c for c in ids if c not in out]
        views = self._views(conn, todo) if todo else {}
        topics = cstore.load_vectors(conn, list(views), column="topic")
        made = [
            Member(v, topics[cid], content_words(v.content or v.text), figures_of(v.quantities, v.text))
            for cid, v in views.items() if cid in topics
        ]  # fmt: skip
        self._weights(conn, set().union(*(m.words for m in made)) if made else set())
        for m in made:
            m.weight = sum(self._idf[w] for w in m.words)
            out[m.view.id] = self._cache[m.view.id] = m
        return out

    def score(self, a: Member, b: Member) -> float:
        """Topic similarity, plus rare shared words, plus matching figures."""
        s = float(a.topic @ b.topic)
        shared = sum(self._idf.get(w, 0.0) for w in a.words & b.words)
        total = a.weight + b.weight - shared  # the weight of the union
        if total > 0:
            s += self.lo.word_weight * shared / total
        fig = 0.0
        for x in a.figures:
            for y in b.figures:
                if comparable(x, y):
                    same = x.lo is not None and (
                        x.lo == y.lo or (x.hi is not None and x.hi == y.hi)
                    )
                    fig = max(fig, 1.0 if same else 0.5)
        return s + self.lo.figure_weight * fig

    # -- placing and merging -------------------------------------------------------------

    def _place(self, conn: sqlite3.Connection, claim_ids: list[str], vecs: np.ndarray,
               keywords: list[list[str]]) -> set[str]:  # fmt: skip
        placed: dict[str, str] = {}
        new = self._members(conn, claim_ids)
        self._bar = self._background(conn, new) + self.lo.margin
        for cid, vec, kws in zip(claim_ids, vecs, keywords, strict=True):
            me = new.get(cid)
            if me is None:
                continue
            prop = self._join(conn, me, kws)
            if prop is None:
                prop = "p" + hashlib.sha1(cid.encode()).hexdigest()[:15]
                conn.execute(
                    "INSERT OR IGNORE INTO propositions(id, label, status, centroid, n_claims, updated_at)"
                    " VALUES (?, ?, 'single_source', ?, 0, ?)",
                    (prop, _label(me.view), vec.astype(np.float32).tobytes(), now_iso()),
                )
            conn.execute("UPDATE claims SET proposition = ? WHERE id = ?", (prop, cid))
            self._update_centroid(conn, prop, vec)
            placed[cid] = prop
        moved: set[str] = set()
        live = self._merge(conn, placed, moved)
        for prop in live:
            self.refresh(conn, prop, new=set(claim_ids) | moved)
        links = self._maps[1] if self._maps is not None else cstore.stand_for(conn)
        views = {cid: m.view for cid, m in new.items()}
        cross_updates(conn, views, links, lambda cid: self._hits.get(cid, []),
                      lambda ids: self._views(conn, ids))  # fmt: skip
        self._later_statements(conn, new)
        return live

    def _later_statements(self, conn: sqlite3.Connection, new: dict[str, Member]) -> int:
        """ "updates" between a new claim and a search hit in another proposition.

        A denial and the official statement that later settles it ("no ammonia escaped",
        then "the inspectorate said 300 kg escaped") often read too differently to share a
        proposition.  The pair is still taken when it is at least as close as members of
        one proposition must be (the linkage bar), and the relation rules, which look at
        dates, polarity and who speaks, call it an update."""
        hits = {h for cid in new for h in self._hits.get(cid, [])}
        if not hits:
            return 0
        ids = list(hits | set(new))
        props = dict(conn.execute(
            f"SELECT id, proposition FROM claims WHERE id IN ({','.join('?' * len(ids))})", ids
        ).fetchall())  # fmt: skip
        others = self._members(conn, list(hits))
        vecs = cstore.load_vectors(conn, ids)
        added = 0
        for cid, me in new.items():
            for h in self._hits.get(cid, []):
                o = others.get(h)
                if o is None or props.get(h) == props.get(cid) or h == cid:
                    continue
                a, b = sorted((me.view, o.view), key=lambda v: (v.published or "")[:10])
                if not a.published or not b.published or a.published[:10] == b.published[:10]:
                    continue
                if a.doc_root == b.doc_root or self.score(me, o) < self._bar:
                    continue
                sim = float(vecs[a.id] @ vecs[b.id]) if a.id in vecs and b.id in vecs else 0.0
                got = classify(a, b, sim, self.o.related)
                if got is None or got[0] != "updates":
                    continue
                row = conn.execute(
                    "SELECT type FROM relations WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)",
                    (a.id, b.id, b.id, a.id),
                ).fetchone()
                if row is not None:
                    continue
                conn.execute(
                    "INSERT INTO relations(a, b, type, why, proposition) VALUES (?,?,?,?,?)",
                    (b.id, a.id, got[0], got[1], props.get(b.id)),
                )
                added += 1
        return added

    def _background(self, conn: sqlite3.Connection, new: dict[str, Member]) -> float:
        """The ledger's mean score between unrelated claims, kept as a running mean.

        Each document scores its claims against a few stored claims drawn at random (by a
        seed made of its claim ids, so a rerun draws the same); the first document, with
        nothing stored, scores its own claims against each other."""
        if not new:
            return self._stored_background(conn)[0]
        docs = {m.view.doc for m in new.values()}
        top = conn.execute("SELECT MAX(rowid) FROM claims").fetchone()[0] or 0
        seed = int(hashlib.sha1("".join(sorted(new)).encode()).hexdigest()[:8], 16)
        picks = np.random.default_rng(seed).integers(1, top + 1, size=self.lo.background_sample * 2)
        q = ",".join("?" * len(picks))
        ids = [r[0] for r in conn.execute(
            f"SELECT id, doc FROM claims WHERE rowid IN ({q})", [int(x) for x in picks]
        ) if r[1] not in docs][: self.lo.background_sample]  # fmt: skip
        others = self._members(conn, ids) if ids else {}
        mine = list(new.values())
        if others:
            pairs = [self.score(a, b) for a in mine for b in others.values()]
        else:  # at most background_sample of them, evenly spread: pairs grow as a square
            step = max(1, -(-len(mine) // self.lo.background_sample))
            mine = mine[::step]
            pairs = [self.score(a, b) for i, a in enumerate(mine) for b in mine[i + 1 :]]
        value, n = self._stored_background(conn)
        if pairs:
            m = min(n, self.lo.background_weight)
            value = (value * m + sum(pairs)) / (m + len(pairs))
            n = m + len(pairs)
            conn.execute(
                "INSERT OR REPLACE INTO compare_state(key, value, n) VALUES ('background', ?, ?)",
                (value, n),
            )
        return value

    def _stored_background(self, conn: sqlite3.Connection) -> tuple[float, int]:
        row = conn.execute("SELECT value, n FROM compare_state WHERE key = 'background'").fetchone()
        return (float(row[0]), int(row[1])) if row else (0.25, 0)

    def _join(self, conn: sqlite3.Connection, me: Member, kws: list[str]) -> str | None:
        """The proposition whose members ``me`` is closest to on average, above the bar."""
        rows = self._search(conn, kws, "c.id != ?", me.view.id)
        self._hits[me.view.id] = [r[0] for r in rows]
        if not rows:
            return None
        props: dict[str, list[str]] = {}
        for cid, pid in rows:
            props.setdefault(pid, []).append(cid)
        members = self._sample(conn, props, self.o.members)
        scored = self._members(conn, [c for ids in members.values() for c in ids])
        best, best_mean = None, self._bar
        for pid, ids in members.items():
            ss = [self.score(me, scored[c]) for c in ids if c in scored]
            if ss and sum(ss) / len(ss) >= best_mean:
                best, best_mean = pid, sum(ss) / len(ss)
        return best

    def _sample(self, conn: sqlite3.Connection, props: dict[str, list[str]],
                cap: int) -> dict[str, list[str]]:  # fmt: skip
        """Members read per proposition: the search hits, then the latest, up to ``cap``."""
        out: dict[str, list[str]] = {}
        for pid, hits in props.items():
            ids = list(dict.fromkeys(hits))[:cap]
            if len(ids) < cap:
                ids += [r[0] for r in conn.execute(
                    "SELECT id FROM claims WHERE proposition = ? ORDER BY rowid DESC LIMIT ?",
                    (pid, cap),
                ) if r[0] not in ids][: cap - len(ids)]  # fmt: skip
            out[pid] = ids
        return out

    def _merge(self, conn: sqlite3.Connection, placed: dict[str, str],
               moved: set[str]) -> set[str]:  # fmt: skip
        """Merge the propositions new claims were ``placed`` in with their candidates while
        the mean score between their members clears the bar; returns the propositions left
        to refresh, and adds the claims that changed proposition to ``moved``."""
        live = set(placed.values())
        cands: dict[str, set[str]] = {}
        for cid, mine in placed.items():  # candidates: the propositions of its search hits
            hits = self._hits.get(cid, [])
            if hits:
                q = ",".join("?" * len(hits))
                prop_of = dict(conn.execute(
                    f"SELECT id, proposition FROM claims WHERE id IN ({q})"
                    " AND proposition IS NOT NULL", hits).fetchall())  # fmt: skip
                ranked = dict.fromkeys(prop_of[h] for h in hits if h in prop_of)  # best hits first
                ranked.pop(mine, None)
                cands.setdefault(mine, set()).update(list(ranked)[: self.lo.merge_candidates])
        cache: dict[str, dict[str, Member]] = {}

        def sample(pid: str) -> dict[str, Member]:
            if pid not in cache:
                ids = self._sample(conn, {pid: []}, self.lo.merge_members)[pid]
                cache[pid] = self._members(conn, ids)
            return cache[pid]

        means: dict[tuple[str, str], float] = {}

        def mean(p: str, q: str) -> float:
            key = (p, q) if p < q else (q, p)
            if key not in means:
                mp, mq = sample(p), sample(q)
                ss = [self.score(a, b) for a in mp.values() for b in mq.values()]
                means[key] = sum(ss) / len(ss) if ss else 0.0
            return means[key]

        while True:
            best: tuple[float, str, str] | None = None
            for p in sorted(live):
                for q in sorted(cands.get(p, set())):
                    m = mean(p, q)
                    if m >= self._bar and (best is None or m > best[0]):
                        best = (m, p, q)
            if best is None:
                return live
            _, p, q = best
            if len(cstore.members(conn, q)) > len(cstore.members(conn, p)):
                p, q = q, p  # the smaller moves: its claims are the ones read again
            moved.update(cstore.members(conn, q))
            self._absorb(conn, p, q)
            live.discard(q)
            live.add(p)
            cands[p] = (cands.get(p, set()) | cands.pop(q, set())) - {p, q}
            for other in cands.values():
                if q in other:
                    other.discard(q)
                    other.add(p)
            for k in (p, q):
                cache.pop(k, None)
            means = {k: v for k, v in means.items() if p not in k and q not in k}

    def _absorb(self, conn: sqlite3.Connection, p: str, q: str) -> None:
        """Move every claim and relation of ``q`` into ``p``; the centroid is their mean."""
        rows = conn.execute(
            "SELECT id, centroid, n_claims FROM propositions WHERE id IN (?, ?)", (p, q)
        ).fetchall()
        cen = {r[0]: (r[1], int(r[2] or 0)) for r in rows}
        conn.execute("UPDATE claims SET proposition = ? WHERE proposition = ?", (p, q))
        conn.execute("UPDATE relations SET proposition = ? WHERE proposition = ?", (p, q))
        if p in cen and q in cen and cen[p][0] and cen[q][0]:
            (bp, np_), (bq, nq) = cen[p], cen[q]
            c = np.frombuffer(bp, dtype=np.float32) * np_ + np.frombuffer(bq, dtype=np.float32) * nq
            c = c / max(1, np_ + nq)
            conn.execute("UPDATE propositions SET centroid = ?, n_claims = ? WHERE id = ?",
                         (c.astype(np.float32).tobytes(), np_ + nq, p))  # fmt: skip
        conn.execute("DELETE FROM propositions WHERE id = ?", (q,))
        cstore.record_merge(conn, q, p)
