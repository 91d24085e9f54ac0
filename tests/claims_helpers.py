"""Helpers shared by the attribution tests (imported, not collected)."""

from __future__ import annotations

from claimledger.extract.store import Claim


def find(claims: list[Claim], sub: str) -> Claim:
    hits = [c for c in claims if sub in c.text]
    assert hits, f"no claim contains {sub!r}; claims: {[c.text for c in claims]}"
    return hits[0]
