"""Grouping claims into propositions, incrementally, and keeping relations current.

For each new claim, candidates come from the full-text index (BM25 over the
claim's content words): a blocking step, so the cost of adding an article does
not grow with the number of pairs in the ledger.  Candidates are re-ranked by
sentence-embedding similarity, with a bonus for shared entities (capitals and
bodies counted as the country they stand for) and compatible figures.  A claim
joins the best proposition above the threshold, or starts a new one.  Only the
propositions a new article touches are recomputed.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from claimledger.compare import store as cstore
from claimledger.compare.admissions import cross_updates
from claimledger.compare.figures import unit_family
from claimledger.compare.relate import (
    UPDATE_SIM,
    ClaimView,
    admits_denial,
    classify,
    restates,
    status,
)
from claimledger.link.store import root_map
from claimledger.registry import register
from claimledger.store.db import now_iso

_STOP = set(
    ["the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "that", "this", "these", "those", "it", "its", "their", "his", "her", "they", "them", "he", "she", "we", "you", "i", "not", "no", "said", "says", "say", "told", "would", "could", "should", "will", "may", "might", "can", "also", "than", "then", "there", "here", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "all", "any", "some", "more", "most", "other", "such", "into", "over", "after", "before", "about", "against", "between", "during", "without", "within", "under", "up", "down", "out", "off", "again", "further", "once"]
)  # fmt: skip


@dataclass
class CompareOptions:
    join: float = 0.5  # similarity (with bonuses) needed to join a proposition
    centroid: float = 0.4  # v1: and to the proposition's centroid, against chaining
    overlap_weight: float = 1.0  # weight of the share of content words two claims have in common
    related: float = 0.55  # pairs less similar than this get no relation
    candidates: int = 50
    min_words: int = 5
    entity_bonus: float = 0.04
    figure_bonus: float = 0.05
    # v2: same-document neighbours and proposition-level linkage
    neighbour_window: int = 2  # claims this close in the same document are candidates
    neighbour_bonus: float = 0.15  # ... and the same speaker continuing gets this much
    linkage: float = 0.25  # mean score to the proposition's members, against chaining
    members: int = 32  # members per candidate proposition read for the linkage test
    relations: int = 24  # other members a new claim is related to at most, the most similar


class Grouper(Protocol):
    def assign(self, conn: sqlite3.Connection, claim_ids: list[str], vecs: np.ndarray,
               keywords: list[list[str]], topics: np.ndarray | None = None) -> set[str]: ...  # fmt: skip


def eligible(text: str, kind: str, min_words: int) -> bool:
    return len(text.split()) >= min_words


def keywords_of(span: Any) -> list[str]:
    """Content words of a spaCy span, for candidate retrieval."""
    out: list[str] = []
    for t in span:
        if t.pos_ in {"PROPN", "NOUN", "NUM", "VERB", "ADJ"} and not t.is_stop and len(t.text) > 2:
            w = re.sub(r"[^\w]", "", t.lemma_.lower() if t.pos_ != "PROPN" else t.lower_)
            if w and w not in _STOP and w not in out:
                out.append(w)
    return out[:24]


class EmbeddingGrouper:
    def __init__(self, options: CompareOptions | None = None) -> None:
        self.o = options or CompareOptions()
        # entity roots, stand-for links and speakers' affiliations, read once per assign()
        self._maps: tuple[dict[str, str], dict[str, str], dict[str, cstore.Affiliation]] | None = (
            None
        )
        self._hits: dict[str, list[str]] = {}  # each new claim's search hits, for reuse
        self._copy_of: dict[str, str] = {}  # a copy's first copy, set by _pairs
        self._affected: set[str] = set()  # the members whose relations _pairs recomputes

    def _views(self, conn: sqlite3.Connection, ids: list[str]) -> dict[str, ClaimView]:
        if self._maps is None:
            return cstore.claim_views(conn, ids)
        return cstore.claim_views(conn, ids, *self._maps)

    def assign(self, conn: sqlite3.Connection, claim_ids: list[str], vecs: np.ndarray,
               keywords: list[list[str]], topics: np.ndarray | None = None) -> set[str]:  # fmt: skip
        """Put each claim in a proposition; returns the propositions touched.

        ``topics`` (each sentence read with its paragraph) are stored, not used: v3 reads them."""
        touched: set[str] = set()
        if not claim_ids:
            return touched
        cstore.save_vectors(conn, claim_ids, vecs, topics)
        self._maps = (root_map(conn), cstore.stand_for(conn), {})
        try:
            touched = self._assign(conn, claim_ids, vecs, keywords)
            # a speaker this document places at a body ("X of the nurses' association") may
            # turn an earlier "corroborates" with that body into "repeats": re-read those pairs
            for prop, ids in cstore.claims_of_newly_placed(conn, claim_ids, self._maps[0]).items():
                self.refresh(conn, prop, new=ids)
            return touched
        finally:
            self._maps = None
            self._hits = {}

    def _assign(self, conn: sqlite3.Connection, claim_ids: list[str], vecs: np.ndarray,
                keywords: list[list[str]]) -> set[str]:  # fmt: skip
        touched: set[str] = set()
        views = self._views(conn, claim_ids)
        for cid, vec, kws in zip(claim_ids, vecs, keywords, strict=True):
            view = views.get(cid)
            if view is None:
                continue
            prop = self._best(conn, view, vec, kws)
            if prop is None:
                prop = "p" + hashlib.sha1(cid.encode()).hexdigest()[:15]
                conn.execute(
                    "INSERT OR IGNORE INTO propositions(id, label, status, centroid, n_claims, updated_at)"
                    " VALUES (?, ?, 'single_source', ?, 0, ?)",
                    (prop, _label(view), vec.astype(np.float32).tobytes(), now_iso()),
                )
            conn.execute("UPDATE claims SET proposition = ? WHERE id = ?", (prop, cid))
            self._update_centroid(conn, prop, vec)
            touched.add(prop)
        for prop in touched:
            self.refresh(conn, prop, new=set(claim_ids))
        # an admission and the denial it supersedes seldom share a proposition; their
        # candidates are the hits the claim's own placement searched for
        links = self._maps[1] if self._maps is not None else cstore.stand_for(conn)
        cross_updates(conn, views, links, lambda cid: self._hits.get(cid, []),
                      lambda ids: self._views(conn, ids))  # fmt: skip
        return touched

    def _best(
        self, conn: sqlite3.Connection, view: ClaimView, vec: np.ndarray, kws: list[str]
    ) -> str | None:
        rows = self._search(conn, kws, "c.doc != ?", view.doc)
        self._hits[view.id] = [r[0] for r in rows]
        if not rows:
            return None
        ids = [r[0] for r in rows]
        props = {r[0]: r[1] for r in rows}
        words, cvecs, cviews = self._pair_inputs(conn, ids)
        mine = _stems(view.text)
        best, best_score = None, 0.0
        for cid, cv in cvecs.items():
            other = cviews.get(cid)
            if other is None:
                continue
            shared = mine & words.get(cid, set())
            figs = self._figures_match(view, other)
            if not shared and not (view.entities & other.entities) and not figs:
                continue  # nothing concrete in common: same story, different point
            score = self._pair_score(view, vec, mine, other, cv, words.get(cid, set()))
            if score > best_score:
                best, best_score = props[cid], score
        if best is None or best_score < self.o.join:
            return None
        row = conn.execute("SELECT centroid FROM propositions WHERE id = ?", (best,)).fetchone()
        if row and row[0]:
            c = np.frombuffer(row[0], dtype=np.float32)
            if float(vec @ c) / max(float(np.linalg.norm(c)), 1e-9) < self.o.centroid:
                return None
        return best

    def _search(
        self, conn: sqlite3.Connection, kws: list[str], where: str, arg: str
    ) -> list[tuple[str, str]]:
        """BM25 candidates for the content words: the blocking step."""
        if not kws:
            return []
        query = " OR ".join(f'"{k}"' for k in kws)
        try:
            return [
                (r[0], r[1])
                for r in conn.execute(
                    "SELECT c.id, c.proposition FROM claims_fts f JOIN claims c ON c.rowid = f.rowid"
                    f" WHERE claims_fts MATCH ? AND c.proposition IS NOT NULL AND {where}"
                    " ORDER BY rank LIMIT ?",
                    (query, arg, self.o.candidates),
                )
            ]
        except sqlite3.OperationalError:
            return []

    def _pair_inputs(
        self, conn: sqlite3.Connection, ids: list[str]
    ) -> tuple[dict[str, set[str]], dict[str, np.ndarray], dict[str, ClaimView]]:
        words = {r[0]: _stems(r[1]) for r in conn.execute(
            f"SELECT id, text FROM claims WHERE id IN ({','.join('?' * len(ids))})", ids)}  # fmt: skip
        cvecs = cstore.load_vectors(conn, ids)
        return words, cvecs, self._views(conn, [i for i in ids if i in cvecs])

    def _pair_score(self, view: ClaimView, vec: np.ndarray, mine: set[str], other: ClaimView,
                    cv: np.ndarray, theirs: set[str]) -> float:  # fmt: skip
        overlap = len(mine & theirs) / max(1, len(mine | theirs))
        return float(vec @ cv) + self.o.overlap_weight * overlap + self._bonus(view, other)

    def _figures_match(self, a: ClaimView, b: ClaimView) -> bool:
        from claimledger.compare.figures import comparable, figures_of

        fa, fb = figures_of(a.quantities, a.text), figures_of(b.quantities, b.text)
        return any(comparable(x, y) for x in fa for y in fb)

    def _bonus(self, a: ClaimView, b: ClaimView) -> float:
        bonus = self.o.entity_bonus * min(2, len(a.entities & b.entities))
        fa = {unit_family(q.get("unit")) for q in a.quantities} - {None}
        fb = {unit_family(q.get("unit")) for q in b.quantities} - {None}
        if fa and fb:
            bonus += self.o.figure_bonus if fa & fb else -self.o.figure_bonus
        return bonus

    def _update_centroid(self, conn: sqlite3.Connection, prop: str, vec: np.ndarray) -> None:
        row = conn.execute(
            "SELECT centroid, n_claims FROM propositions WHERE id = ?", (prop,)
        ).fetchone()
        n = int(row[1] or 0)
        c = np.frombuffer(row[0], dtype=np.float32) if row[0] else np.zeros_like(vec)
        c = (c * n + vec) / (n + 1)
        conn.execute("UPDATE propositions SET centroid = ?, n_claims = ? WHERE id = ?",
                     (c.astype(np.float32).tobytes(), n + 1, prop))  # fmt: skip

    def _pairs(self, ordered: list[ClaimView], vecs: dict[str, np.ndarray],
               fresh: set[str]) -> list[tuple[ClaimView, ClaimView]]:  # fmt: skip
        """The pairs of members to relate, each earlier claim first; bounded per claim.

        Identical copies (the same words in other documents: wire copies, a relayed quote)
        fold into their first copy: a copy is related to that copy only, as a repeat, so
        500 copies give 499 relations, not 124,750.  Every other new member is related to
        at most ``relations`` others, the most similar first.  Which copy is first, and
        which members are most similar, depends only on the members, not on the order in
        which they were added; the cap can make the result depend on that order only when
        a claim has more than ``relations`` candidates."""
        first: dict[str, ClaimView] = {}
        for v in ordered:
            first.setdefault(copy_key(v), v)
        # a new claim that is the first copy of its words takes over the other copies:
        # they are read again too; a new claim that is a later copy touches only itself
        keys = {copy_key(v) for v in ordered if v.id in fresh and first[copy_key(v)] is v}
        affected = [v for v in ordered if v.id in fresh or copy_key(v) in keys]
        reps = [v for v in ordered if first[copy_key(v)] is v]
        pos = {v.id: k for k, v in enumerate(ordered)}
        self._copy_of = {}
        out: dict[tuple[str, str], tuple[ClaimView, ClaimView]] = {}

        def pair(x: ClaimView, y: ClaimView) -> None:
            a, b = (x, y) if pos[x.id] < pos[y.id] else (y, x)
            out.setdefault((a.id, b.id), (a, b))

        for x in affected:
            rep = first[copy_key(x)]
            if rep is not x:
                if rep.doc != x.doc:
                    self._copy_of[x.id] = rep.id
                    pair(rep, x)
                continue
            cands = [y for y in reps if y.doc != x.doc and y.id != x.id]
            if len(cands) > self.o.relations:
                vx = vecs.get(x.id)
                cands.sort(key=lambda y: (
                    -(float(vx @ vecs[y.id]) if vx is not None and y.id in vecs else -1.0), y.id))  # fmt: skip
                cands = cands[: self.o.relations]
            for y in cands:
                pair(x, y)
        self._affected = {v.id for v in affected}
        return [out[k] for k in sorted(out, key=lambda k: (pos[k[0]], pos[k[1]]))]

    def refresh(self, conn: sqlite3.Connection, prop: str, new: set[str] | None = None) -> None:
        """Relations of the new members with the rest, then status, label and counts."""
        ids = cstore.members(conn, prop)
        if not ids:
            conn.execute("DELETE FROM propositions WHERE id = ?", (prop,))
            return
        views = self._views(conn, ids)
        vecs = cstore.load_vectors(conn, ids)
        topics: dict[str, np.ndarray] | None = None  # read only when an admission needs them
        ordered = sorted(views.values(), key=lambda v: (v.published or "9999", v.id))
        fresh = new if new is not None else set(ids)
        pairs = self._pairs(ordered, vecs, fresh)
        cstore.drop_relations_among(conn, self._affected, set(ids))
        for a, b in pairs:
            sim = float(vecs[a.id] @ vecs[b.id]) if a.id in vecs and b.id in vecs else 0.0
            if (
                a.id in self._copy_of
                and self._copy_of[a.id] == b.id
                or (self._copy_of.get(b.id) == a.id)
            ):
                got: tuple[str, str] | None = (
                    ("repeats", cstore.COPY_WHY) if a.polarity != 0 else None
                )
            else:
                got = classify(a, b, sim, self.o.related)
                admitted = admits_denial(a, b) if got is None or got[0] != "updates" else None
                if admitted:
                    # a short denial ("The network rejected the claim.") says what it denies
                    # only with its paragraph: an admission is read against that
                    if topics is None:
                        topics = cstore.load_vectors(conn, ids, column="topic")
                    if _topic_sim(topics, a, b) >= UPDATE_SIM:
                        got = ("updates", admitted)
            conn.execute(
                "DELETE FROM relations WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)",
                (a.id, b.id, b.id, a.id),
            )
            if got:
                conn.execute(
                    "INSERT INTO relations(a, b, type, why, proposition) VALUES (?,?,?,?,?)",
                    (b.id, a.id, got[0], got[1], prop),
                )
        types = [
            r[0] for r in conn.execute("SELECT type FROM relations WHERE proposition = ?", (prop,))
        ]
        sources = _independent_sources(list(views.values()))
        docs = {v.doc for v in views.values()}
        outlets = {v.outlet for v in views.values() if v.outlet}
        dates = sorted(v.published[:10] for v in views.values() if v.published)
        conn.execute(
            "UPDATE propositions SET status = ?, label = ?, n_claims = ?, n_docs = ?, n_outlets = ?,"
            " first_seen = ?, last_seen = ?, updated_at = ? WHERE id = ?",
            (status(types, sources), _label(_central(conn, prop, ordered)), len(ids), len(docs),
             len(outlets), dates[0] if dates else None, dates[-1] if dates else None, now_iso(), prop),
        )  # fmt: skip


COPY_MIN_WORDS = 8


def copy_key(view: ClaimView) -> str:
    """Claims of one speaker with the same words, whatever the case and spacing, are copies
    of one claim; a short stock phrase ("declined to comment") is no copy: ``view.id``."""
    words = view.text.lower().split()
    if len(words) < COPY_MIN_WORDS:
        return view.id
    return f"{view.speaker or view.speaker_name or ''}|{' '.join(words)}"


_STEM_STOP = _STOP | {
    "also",
    "after",
    "before",
    "about",
    "more",
    "said",
    "says",
    "told",
    "according",
}


def _stems(text: str) -> set[str]:
    """Crude stems of the content words, for overlap between two claims."""
    return {w[:6] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _STEM_STOP}


def _independent_sources(views: list[ClaimView]) -> int:
    """Distinct original sources: a speaker relayed by several outlets counts once."""
    seen: set[str] = set()
    # an outlet restating a named source adds no source of its own; the earliest dated
    # named claim is the one any restatement is measured against
    named = [v for v in views if v.speaker and v.polarity > 0]
    first = min(named, key=lambda v: (v.published or "9999")[:10], default=None)
    for v in views:
        if v.polarity <= 0 or (first is not None and restates(v, first)):
            continue
        seen.add(v.speaker or f"doc:{v.doc_root}")
    return len(seen)


def _central(conn: sqlite3.Connection, prop: str, ordered: list[ClaimView]) -> ClaimView:
    row = conn.execute("SELECT centroid FROM propositions WHERE id = ?", (prop,)).fetchone()
    if not row or not row[0] or len(ordered) < 3:
        return ordered[0]
    c = np.frombuffer(row[0], dtype=np.float32)
    vecs = cstore.load_vectors(conn, [v.id for v in ordered])
    return max(ordered, key=lambda v: float(vecs[v.id] @ c) if v.id in vecs else -1.0)


def _label(view: ClaimView) -> str:
    s = " ".join((view.content or view.text).split()).strip(" “”\"'‘’,")
    s = re.sub(r"^(that|whether)\s+", "", s, flags=re.I)
    s = s[:1].upper() + s[1:]
    return s if len(s) <= 140 else s[:137].rsplit(" ", 1)[0] + "…"


@register("claimledger.compare.group.v1")
def make_grouper(**settings: float) -> EmbeddingGrouper:
    return EmbeddingGrouper(CompareOptions(**settings))  # type: ignore[arg-type]


class LinkageGrouper(EmbeddingGrouper):
    """v2: candidates also from the claim's own document, joined by proposition, not by pair.

    A careful reader groups claims by what they are about, and in one article the
    sentences next to each other, from the same speaker, usually continue one point.
    So the neighbours in the same document are candidates too (with a bonus when the
    same speaker goes on), and a claim joins the proposition whose members it is
    closest to on the whole: the best pair must clear ``join`` and the mean over the
    members found must clear ``linkage``, which stops one loose pair from chaining
    two topics together.
    """

    def _best(
        self, conn: sqlite3.Connection, view: ClaimView, vec: np.ndarray, kws: list[str]
    ) -> str | None:
        rows = self._search(conn, kws, "c.id != ?", view.id)
        self._hits[view.id] = [r[0] for r in rows]
        seq = conn.execute("SELECT seq FROM claims WHERE id = ?", (view.id,)).fetchone()
        near: set[str] = set()
        if seq is not None and self.o.neighbour_window > 0:
            for cid, prop in conn.execute(
                "SELECT id, proposition FROM claims WHERE doc = ? AND proposition IS NOT NULL"
                " AND seq BETWEEN ? AND ? AND id != ?",
                (view.doc, seq[0] - int(self.o.neighbour_window), seq[0], view.id),
            ):
                rows.append((cid, prop))
                near.add(cid)
        if not rows:
            return None
        props = {r[0]: r[1] for r in rows}
        # every member of every candidate proposition, for the linkage test
        pids = sorted(set(props.values()))
        members: dict[str, str] = {}
        for pid in pids:  # the hits, then the latest members, up to a cap per proposition
            hits = [cid for cid, p in props.items() if p == pid][: self.o.members]
            members.update((cid, pid) for cid in hits)
            for (cid,) in conn.execute(
                "SELECT id FROM claims WHERE proposition = ? ORDER BY rowid DESC LIMIT ?",
                (pid, max(0, self.o.members - len(hits))),
            ):
                members[cid] = pid
        ids = list(members)
        words, cvecs, cviews = self._pair_inputs(conn, ids)
        mine = _stems(view.text)
        scores: dict[str, list[float]] = {}
        for cid, cv in cvecs.items():
            other = cviews.get(cid)
            if other is None:
                continue
            score = self._pair_score(view, vec, mine, other, cv, words.get(cid, set()))
            if cid in near and view.speaker is not None and view.speaker == other.speaker:
                score += self.o.neighbour_bonus
            if other.doc == view.doc and cid not in near:
                score -= self.o.neighbour_bonus  # the same article moving on to another point
            scores.setdefault(members[cid], []).append(score)
        passing = sorted(
            ((max(ss), sum(ss) / len(ss), pid) for pid, ss in scores.items()
             if max(ss) >= self.o.join and sum(ss) / len(ss) >= self.o.linkage),
            reverse=True,
        )  # fmt: skip
        if not passing:
            return None
        return passing[0][2]


@register("claimledger.compare.group.v2")
def make_linkage_grouper(**settings: float) -> LinkageGrouper:
    return LinkageGrouper(CompareOptions(**settings))  # type: ignore[arg-type]


@register("claimledger.compare.group.v3")
def make_average_link_grouper(**settings: float) -> Any:
    """v3 (compare/linkage.py): claims read with their paragraphs, joined and merged by
    average linkage."""
    from claimledger.compare.linkage import AverageLinkGrouper, LinkageOptions

    return AverageLinkGrouper(LinkageOptions(**settings))  # type: ignore[arg-type]


def _topic_sim(topics: dict[str, np.ndarray], a: ClaimView, b: ClaimView) -> float:
    """Similarity of two claims read with their paragraphs; 0 where a vector is missing."""
    if a.id in topics and b.id in topics:
        return float(topics[a.id] @ topics[b.id])
    return 0.0
