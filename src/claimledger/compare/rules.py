"""Relation rules of comparison v4: an ordered list of small named rules.

For two claims of one question (``a`` published no later than ``b``), the first rule
that fires gives the relation, its reason (``why``) and its confidence: the precision
the rule was measured to have on annotated coverage (``confidence.json``, written by
``eval/calibrate.py``; a rule never measured gets the cautious prior beside it).  Only
relations at or above the bar (``BAR``) count toward a status and are shown as
established; the rest are shown as "possible".

Stance decides more than wording: a hypothetical ("would not need more than 1,500") or
a condition never contradicts a count; figures are compared only when they count the
same thing at the same stage (planned, arrived, revised) on nearby dates, and money
never meets people (``figures.comparable``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from claimledger.compare.figures import comparable, conflict, figures_of
from claimledger.compare.relate import (
    NEGATION,
    REVISION,
    UPDATE_SIM,
    ClaimView,
    admits_denial,
    official,
    revised_figure,
    same_body,
    same_origin,
)

BAR = 0.7
SAME_TIME_DAYS = 3  # figures this close in time count the same moment
OPPOSE_SIM = 0.65  # a denial opposes only a claim about much the same thing


@dataclass
class Context:
    """What a rule may read about a pair."""

    a: ClaimView
    b: ClaimView
    sim: float  # cosine of the sentence vectors
    stance_a: str
    stance_b: str
    same_statement: bool = False  # linked as one statement (statements.py)

    @property
    def later(self) -> bool:
        da, db = (self.a.published or "")[:10], (self.b.published or "")[:10]
        return bool(da and db and db > da)

    @property
    def days_apart(self) -> int | None:
        from datetime import date

        try:
            da = date.fromisoformat((self.a.published or "")[:10])
            db = date.fromisoformat((self.b.published or "")[:10])
        except ValueError:
            return None
        return abs((db - da).days)

    @property
    def hypothetical(self) -> bool:
        return "conditional" in (self.stance_a, self.stance_b)


Rule = Callable[[Context], str | None]


def _copy(c: Context) -> str | None:
    if c.a.text.split() == c.b.text.split() and c.a.speaker == c.b.speaker and c.a.doc != c.b.doc:
        return "the same words as the earlier claim (a copy)"
    return None


def _admission(c: Context) -> str | None:
    return admits_denial(c.a, c.b) if c.sim >= UPDATE_SIM else None


def _official_confirmation(c: Context) -> str | None:
    a, b = c.a, c.b
    if not c.later or c.hypothetical or c.sim < UPDATE_SIM:
        return None
    unsettled = c.stance_a == "denies" or (c.stance_a == "hedges" and a.speaker is not None)
    if unsettled and c.stance_b == "asserts" and official(b) and not NEGATION.search(b.content):
        return (f"a later official statement ({(b.published or '')[:10]}) confirms what was"
                f" {'denied' if c.stance_a == 'denies' else 'unconfirmed'} on {(a.published or '')[:10]}")  # fmt: skip
    return None


def _revised_figure(c: Context) -> str | None:
    a, b = c.a, c.b
    if not c.later or c.hypothetical:
        return None
    own = bool(a.speaker and a.speaker == b.speaker) or same_body(a.speaker_name, b.speaker_name)
    got = revised_figure(a, b) if own else None
    return f"{b.speaker_name or 'the source'} revised its figure: {got}" if got else None


def _retraction(c: Context) -> str | None:
    a, b = c.a, c.b
    if c.later and a.speaker and a.speaker == b.speaker and REVISION.search(b.content) \
            and not REVISION.search(a.content):  # fmt: skip
        return f"{b.speaker_name or 'the source'} revised its own earlier statement"
    return None


def _same_source(c: Context) -> str | None:
    why = same_origin(c.a, c.b)
    return f"not independent: {why}" if why and c.stance_a == c.stance_b else None


def _figure_clash(c: Context) -> str | None:
    if c.hypothetical or c.a.doc_root == c.b.doc_root:
        return None
    days = c.days_apart
    if days is not None and days > SAME_TIME_DAYS:
        return None  # counts on different days may both be right: a number moves
    for x in figures_of(c.a.quantities, c.a.text):
        for y in figures_of(c.b.quantities, c.b.text):
            if comparable(x, y) and x.stage == y.stage:
                why = conflict(x, y)
                if why:
                    return f"incompatible figures: {why}"
    return None


def _opposite_stance(c: Context) -> str | None:
    pair = {c.stance_a, c.stance_b}
    if pair == {"asserts", "denies"} and c.sim >= OPPOSE_SIM:
        which = "denies" if c.stance_a == "denies" else "asserts"
        return f"opposite stances: one {which}, the other {'asserts' if which == 'denies' else 'denies'}"
    return None


def _independent_same(c: Context) -> str | None:
    if c.same_statement and c.stance_a == c.stance_b and c.stance_a in ("asserts", "denies"):
        return "independent sources say the same"
    return None


def _adds_detail(c: Context) -> str | None:
    a, b = c.a, c.b
    if c.sim >= 0.6 and b.quantities and not a.quantities and len(b.content) > 1.5 * len(a.content):
        return "adds figures the earlier claim lacks"
    return None


# (name, relation type, rule, prior confidence): tried in order, the first that fires wins
RULES: list[tuple[str, str, Rule, float]] = [
    ("copy", "repeats", _copy, 0.95),
    ("admission", "updates", _admission, 0.6),
    ("revised_figure", "updates", _revised_figure, 0.6),
    ("retraction", "updates", _retraction, 0.5),
    ("official_confirmation", "updates", _official_confirmation, 0.4),
    ("same_source", "repeats", _same_source, 0.8),
    ("figure_clash", "contradicts", _figure_clash, 0.5),
    ("opposite_stance", "contradicts", _opposite_stance, 0.4),
    ("independent_same", "corroborates", _independent_same, 0.8),
    ("adds_detail", "elaborates", _adds_detail, 0.4),
]


@lru_cache(maxsize=1)
def measured() -> dict[str, float]:
    """The precision each rule was measured to have (``confidence.json``), read once."""
    try:
        text = (resources.files("claimledger.compare") / "confidence.json").read_text("utf-8")
    except FileNotFoundError:
        return {}
    return {k: float(v["precision"]) for k, v in json.loads(text).get("rules", {}).items()
            if v.get("n", 0) >= 5}  # fmt: skip


def relate(c: Context, disabled: frozenset[str] = frozenset(),
           confidence: dict[str, float] | None = None) -> tuple[str, str, str, float] | None:  # fmt: skip
    """(type, why, rule, confidence) for the pair, or None when no rule fires."""
    if c.a.doc == c.b.doc or "asks" in (c.stance_a, c.stance_b):
        return None
    conf = confidence if confidence is not None else measured()
    for name, kind, rule, prior in RULES:
        if name in disabled:
            continue
        why = rule(c)
        if why:
            return kind, why, name, conf.get(name, prior)
    return None
