"""Helpers shared by the attribution and comparison tests (imported, not collected)."""

from __future__ import annotations

from claimledger.compare.relate import ClaimView
from claimledger.extract.store import Claim


def find(claims: list[Claim], sub: str) -> Claim:
    hits = [c for c in claims if sub in c.text]
    assert hits, f"no claim contains {sub!r}; claims: {[c.text for c in claims]}"
    return hits[0]


def view(cid: str, text: str, *, doc: str = "d1", published: str | None = "2025-03-10",
         speaker: str | None = None, via: list[str] | None = None, modality: str = "asserted",
         quantities: list[dict] | None = None, outlet: str = "Outlet A",
         body_names: set[str] | None = None, entities: set[str] | None = None) -> ClaimView:  # fmt: skip
    """A claim as comparison sees it; a speaker makes it indirect speech, none an assertion."""
    return ClaimView(id=cid, doc=doc, doc_root=doc, published=published, outlet=outlet, speaker=speaker,
                     speaker_name=speaker, via=via or [], kind="indirect" if speaker else "assertion",
                     modality=modality, text=text, content=text, quantities=quantities or [],
                     body_names=body_names or set(), entities=entities or set())  # fmt: skip
