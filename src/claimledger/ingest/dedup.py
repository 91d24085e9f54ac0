"""Near-duplicate detection with MinHash and banded LSH.

Syndicated copies of an article differ by a headline, a byline or a sentence;
their word 5-shingle sets still overlap heavily.  Each document's MinHash
signature is cut into bands; documents sharing a band bucket are candidates,
and only candidates are compared, so adding to a large ledger stays cheap.
"""

from __future__ import annotations

import hashlib
import re
from typing import Protocol

import numpy as np
from datasketch import MinHash

from claimledger.registry import register

_WORD = re.compile(r"\w+", re.UNICODE)


class NearDuplicateIndex(Protocol):
    threshold: float

    def signature(self, text: str) -> bytes | None: ...

    def buckets(self, signature: bytes) -> list[str]: ...

    def similarity(self, a: bytes, b: bytes) -> float: ...


class MinHashLSH:
    """MinHash over word shingles; ``bands`` x ``rows`` must equal ``num_perm``."""

    def __init__(
        self, num_perm: int = 128, bands: int = 16, shingle: int = 5, threshold: float = 0.7
    ) -> None:
        if num_perm % bands:
            raise ValueError("num_perm must be a multiple of bands")
        self.num_perm, self.bands, self.rows = num_perm, bands, num_perm // bands
        self.shingle, self.threshold = shingle, threshold

    def signature(self, text: str) -> bytes | None:
        words = [w.lower() for w in _WORD.findall(text)]
        if len(words) < self.shingle:
            return None
        grams = {
            " ".join(words[i : i + self.shingle]).encode("utf-8")
            for i in range(len(words) - self.shingle + 1)
        }
        mh = MinHash(num_perm=self.num_perm, seed=1)
        mh.update_batch(list(grams))
        return np.asarray(mh.hashvalues, dtype=np.uint64).tobytes()

    def buckets(self, signature: bytes) -> list[str]:
        hv = np.frombuffer(signature, dtype=np.uint64)
        out = []
        for b in range(self.bands):
            chunk = hv[b * self.rows : (b + 1) * self.rows].tobytes()
            out.append(hashlib.blake2b(chunk, digest_size=8).hexdigest())
        return out

    def similarity(self, a: bytes, b: bytes) -> float:
        x, y = np.frombuffer(a, dtype=np.uint64), np.frombuffer(b, dtype=np.uint64)
        if len(x) != len(y):
            return 0.0
        return float(np.count_nonzero(x == y)) / len(x)


@register("claimledger.ingest.dedup.v1")
def make_minhash(**settings: float) -> MinHashLSH:
    return MinHashLSH(**settings)  # type: ignore[arg-type]
