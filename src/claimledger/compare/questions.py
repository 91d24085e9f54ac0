"""Questions: the contested questions of a story that its claims answer.

A question is what a careful reader asks of the coverage: how many troops are in Russia,
whether ammonia escaped, who confirmed it.  Inside one story, every two claims get the
probability that they answer one question, from a small logistic model over what can be
measured without a model that reads meaning (no NLI or instruction model ships offline):

- the cosine of the sentences, and of the sentences read with their paragraphs;
- the content words they share, weighted by how rare each is in the story (what every
  article of the story says weighs little), and the rarest of them;
- figures of the same kind of count, and the same value;
- the same speaker, the same article and how close in it, shared entities, both denials.

The weights are data (``question_weights.json``), fitted by ``eval/fit_questions.py`` on
the project's own annotated corpora, never on the real articles it is measured on.  Claims
join by average linkage above ``threshold`` (the mean over members, so one loose pair
cannot chain two topics), and a question that would hold more than ``max_share`` of the
story's claims is cut again at a stricter bar.  What answers no question stays ungrouped:
better than a junk drawer.  Over a whole story the result does not depend on the order in
which the claims arrived.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

from claimledger.compare.figures import Figure, comparable, figures_of, unit_family
from claimledger.compare.relate import ClaimView
from claimledger.compare.statements import same_count
from claimledger.extract.lexicon import STOP_WORDS

_WORD = re.compile(r"[^\W\d_]{4,}")
FEATURES = ("cos", "topic", "shared_words", "rarest_word", "same_doc", "near", "same_speaker",
            "comparable_figure", "same_count", "same_value", "entities", "both_deny",
            "cos_x_topic")  # fmt: skip


@dataclass
class Member:
    view: ClaimView
    vec: np.ndarray
    topic: np.ndarray
    seq: int
    stance: str
    words: set[str] = field(default_factory=set)
    figures: list[Figure] = field(default_factory=list)


def content_words(text: str) -> set[str]:
    return {w for w in (m.lower() for m in _WORD.findall(text)) if w not in STOP_WORDS}


def make_member(view: ClaimView, vec: np.ndarray, topic: np.ndarray | None, seq: int,
                stance: str) -> Member:  # fmt: skip
    return Member(view, vec, topic if topic is not None else vec, seq, stance,
                  content_words(view.text), figures_of(view.quantities, view.text))  # fmt: skip


@lru_cache(maxsize=1)
def weights() -> tuple[np.ndarray, float]:
    """The fitted weights and bias of the pair model."""
    text = (resources.files("claimledger.compare") / "question_weights.json").read_text("utf-8")
    data = json.loads(text)
    return np.array([data["weights"][f] for f in FEATURES], dtype=np.float64), float(data["bias"])


def features(members: list[Member]) -> Iterator[tuple[int, np.ndarray]]:
    """Pair features as (index into FEATURES, an n x n plane), one plane at a time so that
    a story of thousands of claims never holds them all; vectorised."""
    from scipy import sparse

    n = len(members)
    V = np.stack([m.vec for m in members]).astype(np.float32)
    T = np.stack([m.topic for m in members]).astype(np.float32)
    V /= np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-9)
    T /= np.maximum(np.linalg.norm(T, axis=1, keepdims=True), 1e-9)
    cos, top = V @ V.T, T @ T.T
    yield 0, cos
    yield 1, top
    yield 12, cos * top
    del cos, top
    # words: a binary member x word matrix, weighted by rarity in the story
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, m in enumerate(members):
        for w in m.words:
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
    if vocab:
        B = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocab)))
        df = np.asarray(B.sum(axis=0)).ravel()
        idf = np.log((n + 1) / (df + 0.5))
        S = np.asarray((B.multiply(idf) @ B.T).todense(), dtype=np.float32)
        total = np.asarray(B @ idf, dtype=np.float32).ravel()
        yield 2, S / np.maximum(total[:, None] + total[None, :] - S, 1e-9)
        del S
        Bc = B.tocsc()
        rare = np.zeros((n, n), dtype=np.float32)
        for k in np.argsort(idf):  # rarest last, so it wins
            if df[k] < 2 or df[k] > max(2, n // 4):
                continue
            ix = Bc.indices[Bc.indptr[k] : Bc.indptr[k + 1]]
            rare[np.ix_(ix, ix)] = idf[k]
        yield 3, rare / 10
        del rare
    docs = np.array([hash(m.view.doc) for m in members])
    seqs = np.array([m.seq for m in members], dtype=np.float64)
    same_doc = docs[:, None] == docs[None, :]
    yield 4, same_doc.astype(np.float32)
    yield 5, np.where(same_doc, np.exp(-np.abs(seqs[:, None] - seqs[None, :]) / 3), 0.0)
    del same_doc
    spk = np.array([hash(m.view.speaker) if m.view.speaker else i for i, m in enumerate(members)])
    has = np.array([m.view.speaker is not None for m in members])
    yield 6, ((spk[:, None] == spk[None, :]) & has[:, None] & has[None, :]).astype(np.float32)
    deny = np.array([m.stance == "denies" for m in members], dtype=np.float32)
    yield 11, deny[:, None] * deny[None, :]
    ents: dict[str, int] = {}
    er, ec = [], []
    for i, m in enumerate(members):
        for e in m.view.entities:
            er.append(i)
            ec.append(ents.setdefault(e, len(ents)))
    if ents:
        E = sparse.csr_matrix((np.ones(len(er)), (er, ec)), shape=(n, len(ents)))
        yield 10, np.minimum(np.asarray((E @ E.T).todense(), dtype=np.float32), 3) / 3
    with_figs = [i for i, m in enumerate(members) if m.figures]
    planes = {k: np.zeros((n, n), dtype=np.float32) for k in (7, 8, 9)} if with_figs else {}
    for x, i in enumerate(with_figs):
        a = members[i].figures
        for j in with_figs[x + 1 :]:
            b = members[j].figures
            planes[7][i, j] = planes[7][j, i] = any(
                comparable(p, q) and bool(p.context & q.context) for p in a for q in b)  # fmt: skip
            planes[8][i, j] = planes[8][j, i] = any(same_count(p, q) for p in a for q in b)
            planes[9][i, j] = planes[9][j, i] = any(
                p.lo is not None and p.lo == q.lo for p in a for q in b)  # fmt: skip
    yield from planes.items()


def feature_tensor(members: list[Member]) -> np.ndarray:
    """All pair features at once, shape (n, n, len(FEATURES)), for fitting the weights."""
    n = len(members)
    F = np.zeros((n, n, len(FEATURES)), dtype=np.float32)
    for k, plane in features(members):
        F[:, :, k] = plane
    return F


def probabilities(members: list[Member]) -> np.ndarray:
    """The pair model's probability that two claims answer one question."""
    w, b = weights()
    n = len(members)
    logit = np.full((n, n), b, dtype=np.float32)
    for k, plane in features(members):
        logit += np.float32(w[k]) * plane
    p = 1.0 / (1.0 + np.exp(-logit))
    np.fill_diagonal(p, 1.0)
    return p


def cluster(members: list[Member], threshold: float, max_share: float,
            story_size: int) -> list[list[int]]:  # fmt: skip
    """Groups of member indices (two or more each) by average linkage on the pair model."""
    if len(members) < 2:
        return []
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    P = probabilities(members)
    cap = max(3, int(max_share * story_size))

    def cut(idx: list[int], bar: float) -> list[list[int]]:
        if len(idx) < 2:
            return []
        D = 1.0 - P[np.ix_(idx, idx)]
        np.fill_diagonal(D, 0.0)
        Z = linkage(squareform(np.clip(D, 0, 1), checks=False), method="average")
        labels = fcluster(Z, t=1.0 - bar, criterion="distance")
        groups: dict[int, list[int]] = {}
        for k, lab in zip(idx, labels, strict=True):
            groups.setdefault(int(lab), []).append(k)
        out = []
        for g in groups.values():
            if len(g) > cap and bar < 0.995:
                out += cut(g, min(0.995, bar + (1 - bar) / 2))  # too big: a stricter bar
            elif len(g) >= 2:
                out.append(sorted(g))
        return out

    return sorted(cut(list(range(len(members))), threshold), key=lambda g: g[0])


def label(members: list[Member], group: list[int], P: np.ndarray | None = None) -> tuple[str, str]:
    """(label, kind) of a question: "Number of people evacuated" for a count, "Whether
    ammonia had escaped from the site" for anything else; never a quote or a headline."""
    figs = [f for k in group for f in members[k].figures if unit_family(f.unit)]
    counted = [k for k in group if any(unit_family(f.unit) for f in members[k].figures)]
    if figs and 2 * len(counted) >= len(group):
        fams: dict[str, int] = {}
        for f in figs:
            fam = unit_family(f.unit) or ""
            fams[fam] = fams.get(fam, 0) + 1
        fam = max(fams, key=lambda x: (fams[x], x))
        units = [f.unit for f in figs if unit_family(f.unit) == fam and f.unit]
        unit = max(set(units), key=lambda u: (units.count(u), u)) if units else fam
        ctx: dict[str, int] = {}
        for f in figs:
            for w in f.context:
                if w not in STOP_WORDS and w != unit.lower():
                    ctx[w] = ctx.get(w, 0) + 1
        what = max(ctx, key=lambda w: (ctx[w], w)) if ctx else ""
        if fam.startswith("money:"):
            return (f"Amount in {unit}" + (f": {what}" if what else ""), "count")
        return (f"Number of {unit.lower()}" + (f" {what}" if what else ""), "count")
    central = max(group, key=lambda k: (sum(float(P[k, j]) for j in group) if P is not None else 0,
                                        bool(members[k].view.core), -k))  # fmt: skip
    core = members[central].view.core or members[central].view.content or members[central].view.text
    core = " ".join(core.split()).rstrip(".;:,")
    words = core.split()
    if words and words[0].lower() in STOP_WORDS | {"the", "a", "an"}:
        words[0] = words[0].lower()
    text = " ".join(words)
    if len(text) > 90:
        text = text[:87].rsplit(" ", 1)[0] + "…"
    return f"Whether {text}", "event"
