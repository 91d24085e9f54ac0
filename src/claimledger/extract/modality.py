"""How sure a claim is: asserted, hedged, speculative, denied, or a question.

Checked on the claim's content (the part after the attribution), with the
cue verb itself as a signal: "denied" and "does not confirm" deny, "believes"
and "estimates" hedge, "predicted" speculates.
"""

from __future__ import annotations

import re
from typing import Protocol

from claimledger.extract.lexicon import (
    DENIAL_PHRASES,
    HEDGE_PHRASES,
    HEDGE_WORDS,
    SPECULATIVE_PHRASES,
)
from claimledger.registry import register

_DENY_CUES = {"deny", "reject", "dismiss", "refute", "dispute"}
_HEDGE_CUES = {
    "believe",
    "think",
    "suspect",
    "estimate",
    "expect",
    "doubt",
    "suggest",
    "reckon",
    "fear",
    "assume",
    "guess",
}
_SPEC_CUES = {"predict", "speculate", "forecast"}
_ADMIT_CUES = {"admit", "acknowledge", "concede"}
_PASSIVE_REPORT = re.compile(
    r"\b(is|are|was|were|been)\s+(said|reported|believed|thought|rumou?red|alleged)\b"
)
_WORD = re.compile(r"[a-z’']+")
_COND = re.compile(r"\b(if|unless|should|whether)\b[^.?!]*\b(would|could|might|will|may)\b", re.I)


class ModalityClassifier(Protocol):
    def classify(
        self,
        content: str,
        cue_lemma: str | None = None,
        negated_cue: bool = False,
        cue: str | None = None,
    ) -> str: ...


class RuleModality:
    def classify(
        self,
        content: str,
        cue_lemma: str | None = None,
        negated_cue: bool = False,
        cue: str | None = None,
    ) -> str:
        s = " ".join(content.split())
        low = s.lower().replace("’", "'")
        if s.rstrip('”"’» )').endswith("?"):
            return "question"
        if (cue_lemma in _DENY_CUES) or (
            negated_cue and cue_lemma in {"confirm", "say", "know", "believe", "think", "see"}
        ):
            return "denied"
        admits = cue_lemma in _ADMIT_CUES and not negated_cue
        # "admitted that the memo, which it had called a forgery, was genuine": the denial
        # words tell of the earlier position, not of this statement
        if not admits and (
            any(p in low for p in DENIAL_PHRASES)
            or (cue and any(p in cue.lower() for p in DENIAL_PHRASES))
        ):
            return "denied"
        if (
            cue_lemma in _SPEC_CUES
            or _COND.search(s)
            or any(p in low for p in SPECULATIVE_PHRASES if p != "if ")
        ):
            return "speculative"
        words = set(_WORD.findall(low))
        if "may" in words and not re.search(r"\bmay\b", s):
            words.discard("may")  # the month "May", not the modal
        passive_report = bool(cue and _PASSIVE_REPORT.search(cue))
        if (
            cue_lemma in _HEDGE_CUES
            or passive_report
            or words & HEDGE_WORDS
            or any(p in low for p in HEDGE_PHRASES)
        ):
            return "hedged"
        return "asserted"


@register("claimledger.extract.modality.v1")
def make_modality() -> RuleModality:
    return RuleModality()
