"""Relative figures that point back at a number: "half of that", "twice that".

A reader takes "the fund holds 2.5 million euros, and roughly half of that has
been paid" as about 1.25 million euros, and "about 140 postponed; the nurses put
it at more than twice that" as more than 280 operations.  So a fraction or a
multiplier that refers to a figure ("of that", "of them", "that figure", "of the
260 km line") takes that figure's unit and is scaled from it.  The figure is the
one named inside the fraction's own phrase ("of the 260 km line"), else the last
one written before it in the same or the previous paragraph.  Where there is no
such figure, a fraction stays a bare fraction (``unit="fraction"``) and a
multiplier is not a quantity: nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from claimledger.extract.quantity_qualifiers import _QUAL_RE
from claimledger.models import Quantity

# "of that", "of them", "of that figure", "of this amount"
_ANAPHOR = re.compile(
    r"\s+of\s+(?:that|this|it|them|those|these)(?:\s+(?:figure|number|amount|total|sum|estimate|"
    r"count|tally|toll))?\b",
    re.I,
)
# "of the 260 km line": the figure comes inside the phrase
_OF_THE = re.compile(r"\s+of\s+(?:the|a|an|its|their|his|her)\s+", re.I)
_MULTIPLIER = re.compile(
    r"(?i)(?<![\w-])(?P<k>twice|double|three\s+times|four\s+times|five\s+times|ten\s+times)\s+"
    r"(?:that|this|it|the\s+(?:official|police|government|previous|earlier)\s+(?:figure|number|count|estimate|total))"
    r"(?:\s+(?:figure|number|amount|total|sum|estimate|count))?\b"
)
_FACTORS = {
    "twice": 2,
    "double": 2,
    "three times": 3,
    "four times": 4,
    "five times": 5,
    "ten times": 10,
}
_WINDOW = 700  # how far back (characters) an antecedent figure may be


def resolve_relative(
    text: str,
    lo: int,
    hi: int,
    found: list[Quantity],
    scan: Callable[[str, int, int], list[Quantity]],
) -> list[Quantity]:
    """Scale fractions and multipliers in ``text[lo:hi]`` by the figure they refer to."""
    out: list[Quantity] = []
    for q in found:
        if q.unit != "fraction" or q.value is None:
            out.append(q)
            continue
        after = text[q.end : min(len(text), q.end + 60)]
        base: Quantity | None = None
        if _ANAPHOR.match(after):
            base = _before(text, q.start, scan)
        else:
            m = _OF_THE.match(after)
            if m is not None:
                nxt = next((o for o in found if o.start >= q.end and o.unit != "fraction"), None)
                if nxt is not None and nxt.start - q.end <= m.end() + 2:
                    base = nxt
        out.append(_scaled(q, base, Decimal(str(q.value))) if base is not None else q)
    span = text[lo:hi]
    for m in _MULTIPLIER.finditer(span):
        a, b = lo + m.start(), lo + m.end()
        if any(o.start < b and a < o.end for o in out):
            continue
        base = _before(text, a, scan)
        if base is None:
            continue
        k = Decimal(_FACTORS[" ".join(m.group("k").lower().split())])
        # "more than twice that": the qualifier words figures take, read the same way
        left = _QUAL_RE.search(text, max(lo, a - 40), a)
        qual = None
        if left is not None and left.lastgroup not in ("between", "from"):
            qual, a = left.lastgroup, left.start()
        q = Quantity(text=text[a:b], start=a, end=b, value=None, qualifier=qual)
        out.append(_scaled(q, base, k))
    out.sort(key=lambda x: x.start)
    return out


def _before(text: str, at: int, scan: Callable[[str, int, int], list[Quantity]]) -> Quantity | None:
    """The last plain figure before ``at``, in this paragraph or the one before."""
    start = max(0, at - _WINDOW)
    cut = text.rfind("\n", start, at)
    if cut >= 0:  # no further back than the previous paragraph
        prev = text.rfind("\n", start, max(start, cut - 1))
        start = prev + 1 if prev >= 0 else start
    cands = [
        c for c in scan(text, start, at)
        if c.unit not in {"fraction", "%", "percent"} and (c.value is not None or c.high is not None)
    ]  # fmt: skip
    return cands[-1] if cands else None


def _scaled(q: Quantity, base: Quantity, k: Decimal) -> Quantity:
    def mul(v: float | None) -> float | None:
        if v is None:
            return None
        return float(Decimal(str(v)) * k)

    qual = q.qualifier
    if base.qualifier == "range" and base.value is None:
        return Quantity(q.text, q.start, q.end, None, mul(base.low), mul(base.high), base.unit,
                        "range")  # fmt: skip
    return Quantity(q.text, q.start, q.end, mul(base.value), None, None, base.unit, qual)
