"""Stories: documents about the same evolving events, grouped as they arrive.

A document's profile is its entities (the roots of the names it mentions) and its
content words, each weighted by how rare it is among the ledger's documents: the names
and words every article shares weigh little, those of one story weigh much.  A new
document joins the story whose profile it shares most of, scored as

    score = entity_weight * (share of the document's entity weight the story has)
          + (1 - entity_weight) * (cosine of the two word profiles)

and discounted when the document is dated far from the story; below ``join`` it starts a
story of its own.  Candidates come from an index of the stories' strongest terms, so the
cost does not grow with the number of stories.  A near-duplicate joins its original's
story.  Questions, statements and relations never cross a story.
"""

from __future__ import annotations

import hashlib
import math
import re
import sqlite3
from dataclasses import dataclass
from datetime import date

from claimledger.extract.lexicon import STOP_WORDS
from claimledger.registry import register
from claimledger.store.db import now_iso

_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass
class StoryOptions:
    join: float = 0.15  # the score a document needs to join a story
    entity_weight: float = 0.3
    doc_words: int = 60  # the strongest words of a document kept in its profile
    story_terms: int = 400  # the strongest terms of a story kept in its profile
    candidates: int = 20  # stories scored for each new document
    far_days: int = 60  # a document this far from a story's dates counts half
    headline_weight: float = 3.0  # a headline word counts this many times
    lead_weight: float = 2.0  # a word of the first lead_chars characters counts this much
    lead_chars: int = 600


class StoryAssigner:
    """claimledger.compare.stories.v1 (see the module docstring)."""

    def __init__(self, options: StoryOptions | None = None) -> None:
        self.o = options or StoryOptions()
        self._rev: tuple[dict[str, str], dict[str, list[str]]] | None = None

    # -- profiles ------------------------------------------------------------------------

    def profile(
        self, conn: sqlite3.Connection, doc: str, roots: dict[str, str]
    ) -> dict[str, float]:
        """The document's terms ("e:ROOT", "w:word") with their weights in it (1 + log of
        the count); rarity is applied when documents are compared, with the ledger's
        counts of that moment, so that a story's first documents are not weighed with
        the counts of a ledger of one."""
        text = conn.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()[0]
        tf: dict[str, float] = {}
        # the headline and the lead say what the story is; the rest adds its details
        head = text.split("\n", 1)[0]
        for part, weight in ((text, 1.0), (head, self.o.headline_weight - 1.0),
                             (text[: self.o.lead_chars], self.o.lead_weight - 1.0)):  # fmt: skip
            for w in _WORD.findall(part.lower()):
                if w not in STOP_WORDS and weight > 0:
                    tf[f"w:{w}"] = tf.get(f"w:{w}", 0.0) + weight
        for (eid,) in conn.execute("SELECT entity_id FROM mentions WHERE doc = ?", (doc,)):
            t = f"e:{roots.get(eid, eid)}"
            tf[t] = tf.get(t, 0.0) + 1.0
        raw = {t: 1 + math.log(k) for t, k in tf.items()}
        idf = self.idf(conn, list(raw), roots)
        keep = sorted(raw, key=lambda t: (-raw[t] * idf.get(t, 1.0), t))
        words = [t for t in keep if t.startswith("w:")][: self.o.doc_words]
        return {t: raw[t] for t in words + [t for t in keep if t.startswith("e:")]}

    def idf(
        self, conn: sqlite3.Connection, terms: list[str], roots: dict[str, str]
    ) -> dict[str, float]:
        """Smoothed inverse document frequency of each term in the ledger now."""
        n = max(1, conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        words = _df(conn, "SELECT term, doc FROM documents_vocab WHERE term IN ({})",
                    [t[2:] for t in terms if t.startswith("w:")])  # fmt: skip
        if self._rev is None or self._rev[0] is not roots:  # once per root map
            self._rev = (roots, reverse_roots(roots))
        ents = entity_df(conn, [t[2:] for t in terms if t.startswith("e:")], self._rev[1])
        out = {}
        for t in terms:
            df = words.get(t[2:], 0) if t.startswith("w:") else ents.get(t[2:], 0)
            out[t] = 1.0 + math.log((n + 1) / (df + 1))
        return out

    def score(self, doc: dict[str, float], story: dict[str, float], idf: dict[str, float]) -> float:
        de = {t: w * idf.get(t, 1.0) for t, w in doc.items() if t.startswith("e:")}
        dw = {t: w * idf.get(t, 1.0) for t, w in doc.items() if t.startswith("w:")}
        sw = {t: w * idf.get(t, 1.0) for t, w in story.items() if t.startswith("w:")}
        ent = sum(w for t, w in de.items() if t in story) / sum(de.values()) if de else 0.0
        norm = math.sqrt(sum(w * w for w in dw.values())) * math.sqrt(
            sum(w * w for w in sw.values())
        )
        words = sum(w * sw.get(t, 0.0) for t, w in dw.items()) / norm if norm else 0.0
        if not de:
            return words
        return self.o.entity_weight * ent + (1 - self.o.entity_weight) * words

    # -- assigning -----------------------------------------------------------------------

    def assign(self, conn: sqlite3.Connection, doc: str, roots: dict[str, str]) -> str:
        """Put ``doc`` in a story (its original's, if it is a near-duplicate); returns it."""
        row = conn.execute(
            "SELECT d.story, o.story, d.published FROM documents d"
            " LEFT JOIN documents o ON o.id = d.duplicate_of WHERE d.id = ?",
            (doc,),
        ).fetchone()
        old, original, published = row[0], row[1], row[2]
        prof = self.profile(conn, doc, roots)
        conn.execute("DELETE FROM doc_terms WHERE doc = ?", (doc,))
        conn.executemany("INSERT INTO doc_terms(doc, term, weight) VALUES (?,?,?)",
                         [(doc, t, w) for t, w in prof.items()])  # fmt: skip
        story = original or (old if old else self._best(conn, prof, published, roots))
        if story is None:
            story = "s" + hashlib.sha1(doc.encode()).hexdigest()[:15]
            conn.execute("INSERT OR IGNORE INTO stories(id, label, updated_at) VALUES (?, '', ?)",
                         (story, now_iso()))  # fmt: skip
        conn.execute("UPDATE documents SET story = ? WHERE id = ?", (story, doc))
        conn.execute("UPDATE claims SET story = ? WHERE doc = ?", (story, doc))
        self.refresh(conn, story)
        return story

    def _best(self, conn: sqlite3.Connection, prof: dict[str, float], published: str | None,
              roots: dict[str, str]) -> str | None:  # fmt: skip
        idf = self.idf(conn, list(prof), roots)
        strongest = sorted(prof, key=lambda t: (-prof[t] * idf[t], t))[:40]
        if not strongest:
            return None
        q = ",".join("?" * len(strongest))
        cands = [r[0] for r in conn.execute(
            f"SELECT story, SUM(weight) AS w FROM story_terms WHERE term IN ({q})"
            " GROUP BY story ORDER BY w DESC, story LIMIT ?", [*strongest, self.o.candidates])]  # fmt: skip
        best, best_score = None, self.o.join
        for s in cands:
            terms = dict(conn.execute("SELECT term, weight FROM story_terms WHERE story = ?", (s,)))
            missing = [t for t in terms if t not in idf]
            idf.update(self.idf(conn, missing, roots) if missing else {})
            sc = self.score(prof, terms, idf) * self._nearness(conn, s, published)
            if sc > best_score or (sc == best_score and best is not None and s < best):
                best, best_score = s, sc
        return best

    def _nearness(self, conn: sqlite3.Connection, story: str, published: str | None) -> float:
        row = conn.execute("SELECT first_seen, last_seen FROM stories WHERE id = ?",
                           (story,)).fetchone()  # fmt: skip
        day = _day(published)
        lo, hi = (_day(row[0]), _day(row[1])) if row else (None, None)
        if day is None or lo is None or hi is None:
            return 1.0
        gap = max((lo - day).days, (day - hi).days, 0)
        return 1.0 if gap <= self.o.far_days else 0.5

    def refresh(self, conn: sqlite3.Connection, story: str) -> None:
        """A story's profile, dates, count and label, from its documents' profiles."""
        docs = [r[0] for r in conn.execute("SELECT id FROM documents WHERE story = ?", (story,))]
        if not docs:
            conn.execute("DELETE FROM stories WHERE id = ?", (story,))
            conn.execute("DELETE FROM story_terms WHERE story = ?", (story,))
            return
        q = ",".join("?" * len(docs))
        terms: dict[str, float] = {}
        for t, w in conn.execute(f"SELECT term, weight FROM doc_terms WHERE doc IN ({q})", docs):
            terms[t] = terms.get(t, 0.0) + w
        top = sorted(terms.items(), key=lambda x: (-x[1], x[0]))[: self.o.story_terms]
        conn.execute("DELETE FROM story_terms WHERE story = ?", (story,))
        conn.executemany("INSERT INTO story_terms(story, term, weight) VALUES (?,?,?)",
                         [(story, t, w) for t, w in top])  # fmt: skip
        dates = sorted(r[0][:10] for r in conn.execute(
            f"SELECT published FROM documents WHERE id IN ({q}) AND published IS NOT NULL", docs))  # fmt: skip
        conn.execute(
            "UPDATE stories SET label = ?, n_docs = ?, first_seen = ?, last_seen = ?,"
            " updated_at = ? WHERE id = ?",
            (story_label(conn, top), len(docs), dates[0] if dates else None,
             dates[-1] if dates else None, now_iso(), story),
        )  # fmt: skip


def story_label(conn: sqlite3.Connection, terms: list[tuple[str, float]]) -> str:
    """The story's strongest names, then its strongest words: "Brennholt Agrochem, Varrow:
    ammonia, evacuation"."""
    names: list[str] = []
    for t, _ in terms:
        if t.startswith("e:") and len(names) < 3:
            row = conn.execute("SELECT COALESCE(display_name, name) FROM entities WHERE id = ?",
                               (t[2:],)).fetchone()  # fmt: skip
            if row and row[0] and row[0] not in names:
                names.append(row[0])
    words = [t[2:] for t, _ in terms if t.startswith("w:")][:3]
    if names and words:
        return f"{', '.join(names)}: {', '.join(words)}"
    return ", ".join(names or words) or "untitled story"


def reverse_roots(roots: dict[str, str]) -> dict[str, list[str]]:
    """Each cluster root -> the entity rows merged into it."""
    rev: dict[str, list[str]] = {}
    for e, r in roots.items():
        rev.setdefault(r, []).append(e)
    return rev


def entity_df(
    conn: sqlite3.Connection, roots_: list[str], rev: dict[str, list[str]]
) -> dict[str, int]:
    """Documents mentioning each entity (its merged names counted as one); ``rev`` is
    ``reverse_roots`` of the ledger's root map."""
    if not roots_:
        return {}
    members: dict[str, str] = {r: r for r in roots_}
    for r in roots_:
        members.update({e: r for e in rev.get(r, [])})
    ids = list(members)
    seen: dict[str, set[str]] = {}
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        q = ",".join("?" * len(chunk))
        for eid, doc in conn.execute(
            f"SELECT DISTINCT entity_id, doc FROM mentions WHERE entity_id IN ({q})", chunk
        ):
            seen.setdefault(members[eid], set()).add(doc)
    return {r: len(d) for r, d in seen.items()}


def _df(conn: sqlite3.Connection, sql: str, terms: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(terms), 400):
        chunk = terms[i : i + 400]
        out.update(dict(conn.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()))
    return out


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@register("claimledger.compare.stories.v1")
def make_stories(**settings: float) -> StoryAssigner:
    return StoryAssigner(StoryOptions(**settings))  # type: ignore[arg-type]
