"""Statements: claims in other documents of one story that say the same thing.

Precision comes first: two claims are one statement only on evidence a reader can check,
and the evidence is kept (``statement_links``) as the reason.  The rules, tried in order
for a pair of claims from two documents; the first that fires links them:

- ``copy``: the same words from the same speaker (a wire copy, a syndicated article);
- ``same_quote``: the same quoted words, six or more, relayed by another outlet;
- ``same_figure``: the same figure for the same count, at the same stage (planned,
  arrived, revised) and with the same qualifier, in sentences that read alike;
- ``paraphrase``: sentences that read very much alike (MiniLM cosine at least 0.88),
  with the same stance and no figure between them that differs.

A statement is a connected group of links; its id comes from its earliest claim, so it
does not depend on the order the claims arrived in.  Conditionals and hypotheticals are
never the same statement as a report, and money never meets people (``figures``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from claimledger.compare.figures import Figure, comparable, figures_of
from claimledger.compare.relate import ClaimView

_WORD = re.compile(r"[^\W_]+")
_QUOTED = re.compile(r"[“\"«„]([^”\"»“]{12,})[”\"»“]")
COPY_MIN_WORDS = 8
QUOTE_MIN_WORDS = 6


@dataclass
class Pair:
    """Two claims as the statement rules read them."""

    a: ClaimView
    b: ClaimView
    sim: float  # cosine of the sentence vectors
    stance_a: str
    stance_b: str
    figs_a: list[Figure] = field(default_factory=list)
    figs_b: list[Figure] = field(default_factory=list)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def quoted(v: ClaimView) -> list[list[str]]:
    """The quoted passages of a claim, as words (a direct quote's content is one)."""
    out = [words(m.group(1)) for m in _QUOTED.finditer(v.text)]
    if v.kind == "direct_quote" and v.content:
        out.append(words(v.content))
    return [q for q in out if len(q) >= QUOTE_MIN_WORDS]


def _shingles(ws: list[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + n]) for i in range(max(0, len(ws) - n + 1))}


def _speakers_agree(p: Pair) -> bool:
    a, b = p.a.speaker, p.b.speaker
    return a is None or b is None or a == b


def _copy(p: Pair) -> str | None:
    wa, wb = words(p.a.text), words(p.b.text)
    if len(wa) >= COPY_MIN_WORDS and wa == wb and p.a.speaker == p.b.speaker:
        return "the same words"
    return None


def _same_quote(p: Pair) -> str | None:
    if not _speakers_agree(p) or p.stance_a == "conditional" or p.stance_b == "conditional":
        return None
    for qa in quoted(p.a):
        sa = _shingles(qa)
        for qb in quoted(p.b):
            sb = _shingles(qb)
            if sa and sb and len(sa & sb) / min(len(sa), len(sb)) >= 0.6:
                return f"the same quote relayed: “{' '.join(qa[:8])}…”"
    return None


def same_count(x: Figure, y: Figure) -> bool:
    """Two figures that give the same number for the same count."""
    if not comparable(x, y) or (x.qualifier or "exact") != (y.qualifier or "exact"):
        return False
    if x.stage != y.stage:
        return False
    return x.lo is not None and x.lo == y.lo and x.hi == y.hi


def _same_figure(p: Pair) -> str | None:
    if p.stance_a != p.stance_b or "conditional" in (p.stance_a, p.stance_b) or p.sim < 0.55:
        return None
    for x in p.figs_a:
        for y in p.figs_b:
            if same_count(x, y):
                return f"the same figure for the same count: {x.text}"
    return None


def _paraphrase(p: Pair) -> str | None:
    if p.sim < 0.88 or p.stance_a != p.stance_b or not _speakers_agree(p):
        return None
    for x in p.figs_a:
        for y in p.figs_b:
            if comparable(x, y) and not same_count(x, y):
                return None  # "17 injured" and "31 injured" are not one statement
    return f"says the same in other words (similarity {p.sim:.2f})"


RULES: list[tuple[str, Callable[[Pair], str | None]]] = [
    ("copy", _copy),
    ("same_quote", _same_quote),
    ("same_figure", _same_figure),
    ("paraphrase", _paraphrase),
]


def link(p: Pair, disabled: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """(rule, why) when the two claims say the same thing, else None."""
    if p.a.doc == p.b.doc:
        return None  # one article saying a thing twice is one source, not two statements
    if p.stance_a == "asks" or p.stance_b == "asks":
        return None
    for name, rule in RULES:
        if name in disabled:
            continue
        why = rule(p)
        if why:
            return name, why
    return None


def make_pair(a: ClaimView, b: ClaimView, vecs: dict[str, np.ndarray],
              stances: dict[str, str]) -> Pair:  # fmt: skip
    sim = float(vecs[a.id] @ vecs[b.id]) if a.id in vecs and b.id in vecs else 0.0
    return Pair(a, b, sim, stances.get(a.id, "asserts"), stances.get(b.id, "asserts"),
                figures_of(a.quantities, a.text), figures_of(b.quantities, b.text))  # fmt: skip


def components(members: list[str], links: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Connected groups of ``members`` under ``links``, each keyed by its first member in
    ``members``'s order (callers pass them earliest first)."""
    parent = {m: m for m in members}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    rank = {m: i for i, m in enumerate(members)}
    for a, b in links:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                keep, drop = (ra, rb) if rank[ra] < rank[rb] else (rb, ra)
                parent[drop] = keep
    out: dict[str, list[str]] = {}
    for m in members:
        out.setdefault(find(m), []).append(m)
    return out


def statement_id(first_claim: str) -> str:
    return "t" + hashlib.sha1(first_claim.encode()).hexdigest()[:15]
