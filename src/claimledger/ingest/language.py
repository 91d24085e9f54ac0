"""Language identification (recorded; English is what later stages analyse)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Protocol

from claimledger.registry import register


class LanguageDetector(Protocol):
    def detect(self, text: str) -> str | None: ...


class LangId:
    """py3langid, a compact offline model; short or unclear texts give None."""

    def __init__(self, min_chars: int = 40) -> None:
        self.min_chars = min_chars

    def detect(self, text: str) -> str | None:
        sample = text[:5000]
        if len(sample.strip()) < self.min_chars:
            return None
        lang, prob = _identifier().classify(sample)
        return str(lang) if prob >= 0.5 else None


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """The language model, loaded once per process."""
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


@register("claimledger.ingest.language.v1")
def make_language(**settings: int) -> LangId:
    return LangId(**settings)
