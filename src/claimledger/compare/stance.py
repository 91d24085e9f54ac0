"""A claim's stance toward what it is about: asserts, denies, hedges, conditional, asks.

Extraction's modality says how a claim is put ("asserted", "hedged", "denied" ...); the
stance also reads what is put: "X said no gas escaped" denies, "it would not need more
than 1,500" is a hypothetical and never a count, "if the results confirm ..." is a
condition.  Each rule is a small named function, tried in order; the first that fires
gives the stance, and its name is the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from claimledger.compare.relate import ClaimView

STANCES = ("asserts", "denies", "hedges", "conditional", "asks")

# "if", "unless", "would need", "could reach": a condition or a hypothetical, not a report
_CONDITION = re.compile(
    r"\b(?:if|unless|provided that|in case|as long as|were to|should (?:they|it|he|she|we))\b", re.I
)
_HYPOTHETICAL = re.compile(r"\b(?:would|could|might)(?:\s+not|n't)?\s+(?!have\b)\w+", re.I)
_NEGATED_MODAL = re.compile(r"\b(?:would|could|might)(?:\s+not|n't)\s+(?!have\b)\w+", re.I)
_PAST_MODAL = re.compile(r"\b(?:would|could|might)(?:\s+not|n't)?\s+have\b", re.I)


def _asks(v: ClaimView) -> bool:
    return v.modality == "question"


def _conditional(v: ClaimView) -> bool:
    c = v.content or v.text
    if _CONDITION.search(c):
        return True
    if _PAST_MODAL.search(c):
        return False  # "would have been": what was, seen from later
    # "would not need more than 1,500": what might be, never a count; a reported "it
    # would send troops" is a plan (the future of a past report), not a hypothetical
    return bool(_NEGATED_MODAL.search(c)) or (
        bool(_HYPOTHETICAL.search(c)) and v.kind == "assertion"
    )


def _denies(v: ClaimView) -> bool:
    return v.polarity < 0 or v.stance < 0


def _hedges(v: ClaimView) -> bool:
    return v.modality in ("hedged", "speculative")


RULES: list[tuple[str, str, Callable[[ClaimView], bool]]] = [
    ("question", "asks", _asks),
    ("condition or hypothetical", "conditional", _conditional),
    ("denial or negated content", "denies", _denies),
    ("hedged or speculative", "hedges", _hedges),
]


def stance_of(v: ClaimView, disabled: frozenset[str] = frozenset()) -> tuple[str, str]:
    """(stance, the rule that gave it); "asserts" when no rule fires."""
    for name, stance, rule in RULES:
        if name not in disabled and rule(v):
            return stance, name
    return "asserts", "plain statement"
