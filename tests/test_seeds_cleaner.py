"""The cleaner on the real seed captures in ../shared/corpus/seeds.

Expectations are short anchors (names, dates, a few words), never copied
sentences: the seeds are only read at test time.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from claimledger.ingest.cleaner import TextCleaner
from claimledger.models import Cleaned

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"

if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
    pytest.skip(f"seed corpus not found at {SEEDS}", allow_module_level=True)

pytestmark = pytest.mark.seeds

SEED_FILES = sorted(SEEDS.glob("*.txt"))

# Per seed: what its conventions state.  "title" etc. are exact; "*_starts" / "*_has" are anchors.
EXPECTED: dict[str, dict[str, Any]] = {
    "000_e7cf763260c0dfc4.txt": {  # headline first, outlet only in notes and "Exclusively to"
        "title_starts": "Andrey Lankov, a Korea expert",
        "outlet": "UWI",
        "author": None,
        "published": None,
        "url": None,
    },
    "001_a49e530cc75b486a.txt": {  # lead paragraph first, outlet only via "told X", cookie banner
        "title": None,
        "outlet": "DW",
        "author": None,
        "published": None,
    },
    "002_f05a7119bd12d99d.txt": {  # markdown headline, byline, date line, disclaimer, url
        "title_has": "Warm Words into Practice",
        "author": "Anthony V. Rinna",
        "published": "2024-10-21",
        "url_has": "themoscowtimes.com/2024/10/21/",
        "outlet": "The Moscow Times",
        "flags": {"opinion"},
        "text_has": ["put at anywhere between"],
    },
    "003_bb7e55ba3e52fc9a.txt": {  # date line, breadcrumb, sign-off, speculation disclaimer
        "title_starts": "How official recognition",
        "author": "Xiao Duong",
        "published": "2025-04-28",
        "outlet": "Head-Post.com",
        "flags": {"speculation-disclaimer"},
        "text_has": ["DOES NOT CLAIM TO BE TRUE"],
    },
    "004_8c60641240e76014.txt": {  # site-name line, question headline, date with view count
        "title_starts": "North Korea sending",
        "outlet": "Fakti",
        "published": "2024-10-19T17:12",
        "author": None,
    },
}

FORBIDDEN = [
    re.compile(
        r"we use (?:technologies like )?cookies|consenting|accept all|manage preferences", re.I
    ),
    re.compile(r"^Home(?:[A-Z][a-z]+[A-Z]|\s*[>»›|/])", re.M),
    re.compile(r"^(?:related articles?|related article:|most popular|most read)\b", re.I | re.M),
    re.compile(r"^send your\b", re.I | re.M),
    re.compile(r"original url", re.I),
    re.compile(r"\[email", re.I),
    re.compile(r"\*\*|</?u>"),
]


@pytest.fixture(scope="module")
def results() -> dict[str, Cleaned]:
    cleaner = TextCleaner()
    return {p.name: cleaner.clean(p.read_text(encoding="utf-8")) for p in SEED_FILES}


def test_every_seed_has_expectations() -> None:
    assert {p.name for p in SEED_FILES} <= set(EXPECTED)


@pytest.mark.parametrize("name", [p.name for p in SEED_FILES])
def test_no_boilerplate_remains(results: dict[str, Cleaned], name: str) -> None:
    r = results[name]
    assert len(r.text.split()) > 300
    for pat in FORBIDDEN:
        assert not pat.search(r.text), (pat.pattern, pat.search(r.text))
    assert "\n\n\n" not in r.text
    if r.title:
        assert not r.text.startswith(r.title)


@pytest.mark.parametrize("name", [p.name for p in SEED_FILES])
def test_seed_metadata(results: dict[str, Cleaned], name: str) -> None:
    r = results[name]
    exp = EXPECTED.get(name)
    if exp is None:
        pytest.skip(f"no expectations written for {name}")
    for key in ("title", "author", "outlet", "published", "url"):
        if key in exp:
            assert getattr(r, key) == exp[key], key
    if "title_starts" in exp:
        assert r.title and r.title.startswith(exp["title_starts"])
    if "title_has" in exp:
        assert r.title and exp["title_has"] in r.title
    if "url_has" in exp:
        assert r.url and exp["url_has"] in r.url
    assert set(r.flags) == exp.get("flags", set())
    for anchor in exp.get("text_has", []):
        assert anchor in r.text
