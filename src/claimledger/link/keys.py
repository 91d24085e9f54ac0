"""Name keys and content-hash ids for entities."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from claimledger.extract.speakers import strip_titles


def name_key(name: str) -> str:
    """Case, accents, titles, possessives and punctuation folded away."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[’']s\b", "", s)
    s = strip_titles(s)
    s = re.sub(r"^(the)\s+", "", s, flags=re.I)
    return " ".join(re.findall(r"[a-z0-9]+", s.lower()))


def entity_id(type_: str, key: str) -> str:
    return "e" + hashlib.sha1(f"{type_}\x1f{key}".encode()).hexdigest()[:15]
