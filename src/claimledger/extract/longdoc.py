"""Long and hostile documents: bounded parser work, sections, a time budget.

spaCy refuses texts over ``nlp.max_length`` (E088) and needs about 1 GB of
memory per 100,000 characters it parses at once; its tokenizer is quadratic in
the length of a run of text without whitespace ("((((...").  So:

- a run of more than ``LONG_RUN`` non-space characters is tokenized in pieces;
- a document longer than ``SECTION_CHARS`` is analysed section by section, cut at
  paragraph breaks, and every offset is shifted back into the whole stored text;
- a per-document time budget stops the analysis early: the document is stored
  with the claims found so far and flagged ``analysis-incomplete``.

Sections are read on their own: a pronoun at the top of a section is not
resolved to a person named in the section before.  Real articles are far
shorter than a section; this only changes what happens to very long texts.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from typing import Any

SECTION_CHARS = 100_000
LONG_RUN = 1_000
_RUN = re.compile(r"\S{" + str(LONG_RUN) + ",}")
_PIECE = 100
INCOMPLETE_FLAG = "analysis-incomplete"
_DEADLINE_KEY = "claimledger.deadline"
_INCOMPLETE_KEY = "claimledger.incomplete"


class GuardedTokenizer:
    """spaCy's tokenizer, with runs of thousands of non-space characters cut into
    pieces first, so that tokenizing stays linear in the text's length."""

    def __init__(self, base: Any) -> None:
        self.base = base

    def __call__(self, text: str) -> Any:
        runs = [m.span() for m in _RUN.finditer(text)]
        if not runs:
            return self.base(text)
        from spacy.tokens import Doc

        parts: list[Any] = []
        pos = 0
        for a, b in runs:
            if a > pos:
                parts.append(self.base(text[pos:a]))
            for k in range(a, b, _PIECE):
                parts.append(self.base(text[k : min(b, k + _PIECE)]))
            pos = b
        if pos < len(text):
            parts.append(self.base(text[pos:]))
        doc = Doc.from_docs(parts, ensure_whitespace=False)
        if doc.text != text:  # pragma: no cover - spaCy keeps every character
            raise ValueError("tokenizer pieces do not rebuild the text")
        return doc

    def __getattr__(self, name: str) -> Any:  # rules, vocab, to_disk ... of the base
        return getattr(self.base, name)


def sections(text: str, size: int = SECTION_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into spans of at most ``size`` characters that cover it exactly,
    at a paragraph break where there is one in the second half of the window, else
    at a line break, a sentence end or a space, else anywhere."""
    out: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        lo, hi = start + size // 2, start + size
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            k = text.rfind(sep, lo, hi)
            if k != -1:
                cut = k + len(sep)
                break
        if cut <= start:
            cut = hi
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


def set_deadline(sdoc: Any, deadline: float | None) -> None:
    """Give a parsed document the moment by which its analysis must stop."""
    if deadline is not None:
        sdoc.user_data[_DEADLINE_KEY] = deadline


def over_budget(sdoc: Any) -> bool:
    """Whether the document's time budget is spent; rules check it between units."""
    deadline = sdoc.user_data.get(_DEADLINE_KEY)
    return deadline is not None and time.monotonic() > deadline


def mark_incomplete(sdoc: Any) -> None:
    sdoc.user_data[_INCOMPLETE_KEY] = True


def was_incomplete(sdoc: Any) -> bool:
    return bool(sdoc.user_data.get(_INCOMPLETE_KEY))


def shift_claim(claim: Any, delta: int, seq: int) -> Any:
    """A claim found in a section, with its offsets moved into the whole text."""

    def span(p: tuple[int, int] | None) -> tuple[int, int] | None:
        return (p[0] + delta, p[1] + delta) if p is not None else None

    return replace(
        claim,
        seq=seq,
        start=claim.start + delta,
        end=claim.end + delta,
        content=span(claim.content),
        speaker_span=span(claim.speaker_span),
        quantities=[replace(q, start=q.start + delta, end=q.end + delta) for q in claim.quantities],
        dates=[replace(d, start=d.start + delta, end=d.end + delta) for d in claim.dates],
    )


def shift_entities(ents: Any, delta: int) -> Any:
    """A section's mentions and attributes, with offsets moved into the whole text."""
    return replace(
        ents,
        mentions=[replace(m, start=m.start + delta, end=m.end + delta) for m in ents.mentions],
        attributes=[replace(a, start=a.start + delta, end=a.end + delta) for a in ents.attributes],
    )
