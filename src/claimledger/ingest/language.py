"""Language identification (recorded; English is what later stages analyse)."""

from __future__ import annotations

from typing import Protocol

from claimledger.registry import register


class LanguageDetector(Protocol):
    def detect(self, text: str) -> str | None: ...


class LangId:
    """py3langid, a compact offline model; short or unclear texts give None."""

    def __init__(self, min_chars: int = 40) -> None:
        self.min_chars = min_chars
        self._ident = None

    def detect(self, text: str) -> str | None:
        sample = text[:5000]
        if len(sample.strip()) < self.min_chars:
            return None
        if self._ident is None:
            from py3langid.langid import _load_identifier

            self._ident = _load_identifier(norm_probs=True)
        lang, prob = self._ident.classify(sample)  # type: ignore[attr-defined]
        return str(lang) if prob >= 0.5 else None


@register("claimledger.ingest.language.v1")
def make_language(**settings: int) -> LangId:
    return LangId(**settings)
