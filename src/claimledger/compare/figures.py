"""Reconciling figures: when do two numbers about the same thing disagree?

A planned total ("up to 12,000"), an arrived count ("1,500 have arrived") and
a revised estimate ("now around 3,000") describe different stages, so they do
not contradict each other.  Two figures conflict only when they count the same
kind of thing at the same stage and their qualifiers cannot both hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# unit families: figures compare only within one family
_PEOPLE = {"people", "persons", "soldiers", "troops", "servicemen", "personnel", "fighters", "men",
           "women", "civilians", "residents", "workers", "casualties", "deaths", "dead", "injured",
           "wounded", "evacuees", "refugees", "volunteers", "officers", "firefighters", "children",
           "families", "households", "victims", "staff", "employees", "members", "recruits"}  # fmt: skip
_STAGE_WORDS = {
    "planned": r"\b(plan|plans|planned|want|wants|intend|intends|prepared to|ready to|will send|to send|"
    r"to provide|could send|may send|pledge|pledged|promise|promised|up to)\b",
    "arrived": r"\b(already|arrived|have arrived|has arrived|disembark\w*|deployed|are in|were in|"
    r"have been sent|has sent|sent|landed|stationed)\b",
    "revised": r"\b(upped|raised|revised|increased|lowered|now (?:estimates?|puts?|says?)|updated|"
    r"corrected|new estimate|latest estimate)\b",
}
APPROX_TOLERANCE = 0.25
EXACT_TOLERANCE = 0.02


@dataclass
class Figure:
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str | None
    stage: str | None
    text: str
    context: frozenset[str] = frozenset()  # content words right after the figure
    alone: bool = True  # the only figure of its kind in its sentence

    @property
    def lo(self) -> float | None:
        return self.low if self.value is None else self.value

    @property
    def hi(self) -> float | None:
        return self.high if self.value is None else self.value


def unit_family(unit: str | None) -> str | None:
    if not unit:
        return None
    u = unit.lower()
    if u in _PEOPLE or u.rstrip("s") in {p.rstrip("s") for p in _PEOPLE}:
        return "people"
    if len(u) == 3 and u.isupper() or u in {"usd", "eur", "gbp", "rub", "krw", "uah", "jpy", "cny"}:
        return "money:" + u.upper()
    return u


def stage_of(sentence: str, q: dict[str, Any]) -> str | None:
    if q.get("qualifier") == "up_to":
        return "planned"
    low = sentence.lower()
    for stage in ("revised", "arrived", "planned"):
        if re.search(_STAGE_WORDS[stage], low):
            return stage
    return None


_WORDS = re.compile(r"[a-z]{4,}")
_FILLER = {"people", "that", "with", "were", "have", "been", "from", "their", "about", "more", "than",
           "said", "says", "night", "last", "this", "which", "they", "while", "some"}  # fmt: skip


def figure(q: dict[str, Any], sentence: str, others: int = 1) -> Figure:
    """A figure with the stage and the few words that say what it counts."""
    text = q.get("text", "")
    at = sentence.find(text)
    after = sentence[at + len(text) : at + len(text) + 30] if at >= 0 else ""
    after = re.split(r"\d|\band\b|[,;]", after)[0]  # stop at the next figure or clause
    before = sentence[max(0, at - 25) : at] if at >= 0 else ""
    before = re.split(r"\d|\band\b|[,;]", before)[-1]
    ctx = frozenset(w for w in _WORDS.findall((before + " " + after).lower()) if w not in _FILLER)
    return Figure(q.get("value"), q.get("low"), q.get("high"), q.get("unit"), q.get("qualifier"),
                  stage_of(sentence, q), text, ctx, others <= 1)  # fmt: skip


def figures_of(quantities: list[dict[str, Any]], sentence: str) -> list[Figure]:
    fams = [unit_family(q.get("unit")) for q in quantities]
    return [figure(q, sentence, fams.count(f)) for q, f in zip(quantities, fams, strict=True)]


def comparable(a: Figure, b: Figure) -> bool:
    fa, fb = unit_family(a.unit), unit_family(b.unit)
    if fa is None or fb is None:
        return False
    if fa != fb:
        return False
    if a.unit == "fraction" or b.unit == "fraction":
        return False
    # the same kind of count: each the only such figure in its sentence, or the words
    # around them name the same thing ("evacuated", "injured")
    if not (a.alone and b.alone) and not (a.context & b.context):
        return False
    return a.stage == b.stage or a.stage is None or b.stage is None


def conflict(a: Figure, b: Figure) -> str | None:
    """Why two comparable figures cannot both hold, or None when they can."""
    if not comparable(a, b):
        return None
    if a.stage != b.stage and a.stage and b.stage:
        return None
    qa, qb = a.qualifier or "exact", b.qualifier or "exact"
    lo_a, hi_a, lo_b, hi_b = a.lo, a.hi, b.lo, b.hi
    if lo_a is None or lo_b is None:
        return None
    # an interval each figure allows
    ia, ib = _interval(qa, lo_a, hi_a), _interval(qb, lo_b, hi_b)
    if ia[0] <= ib[1] and ib[0] <= ia[1]:
        return None
    return f"{a.text} ({qa}) and {b.text} ({qb}) cannot both hold for {unit_family(a.unit)}"


def _interval(q: str, lo: float, hi: float | None) -> tuple[float, float]:
    hi = lo if hi is None else hi
    if q == "up_to" or q == "at_most":
        return (0.0, hi * (1 + EXACT_TOLERANCE))
    if q == "at_least":
        return (lo * (1 - EXACT_TOLERANCE), float("inf"))
    if q == "approx":
        return (lo * (1 - APPROX_TOLERANCE), hi * (1 + APPROX_TOLERANCE))
    if q == "range":
        return (lo * (1 - EXACT_TOLERANCE), hi * (1 + EXACT_TOLERANCE))
    return (lo * (1 - EXACT_TOLERANCE), hi * (1 + EXACT_TOLERANCE))
