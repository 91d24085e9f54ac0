"""Document-level flags: opinion piece, speculation disclaimer, anonymous sourcing."""

from __future__ import annotations

from claimledger.extract.lexicon import ANONYMOUS_MARKERS, OPINION_MARKERS, SPECULATION_DISCLAIMER


def document_flags(text: str, existing: list[str] | None = None) -> list[str]:
    low = " ".join(text.lower().replace("’", "'").split())
    flags = set(existing or [])
    if any(m in low for m in SPECULATION_DISCLAIMER):
        flags.add("speculation-disclaimer")
    if any(m in low for m in OPINION_MARKERS):
        flags.add("opinion")
    if any(m in low for m in ANONYMOUS_MARKERS):
        flags.add("anonymous-sourcing")
    return sorted(flags)


def is_disclaimer(sentence: str) -> bool:
    """A sentence that disclaims the article rather than claiming anything."""
    low = " ".join(sentence.lower().replace("’", "'").split())
    markers = SPECULATION_DISCLAIMER + ("information is taken from open sources", "do not impose", "does not impose",
                                        "contributed to this article",
        "views expressed in opinion",
        "do not necessarily reflect",
        "does not necessarily reflect", "contributed to this report",
                                        "was translated from", "contributed reporting",
                                        "editor's note", "editors' note", "interview by ",
                                        "has been condensed", "edited for length", "edited for clarity",
                                        "writes a fortnightly", "writes a weekly", "writes a monthly",
                                        "is a columnist", "is a regular contributor")  # fmt: skip
    return any(m in low for m in markers)
