"""When two names may be one entity: transliteration variants, surnames, acronyms.

Merging two different people is worse than missing a merge, so every rule has
a guard: given names must agree (two Kims with different given names are two
people), short name parts must match exactly, and a bare surname joins a full
name only when exactly one candidate fits.
"""

from __future__ import annotations

import re
import unicodedata

from claimledger.link.keys import name_key

_VOWELS = set("aeiouy")


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def tokens(name: str) -> list[str]:
    """Name parts, hyphenated parts split ('Jong-hyun' -> 'jong', 'hyun')."""
    return name_key(name).replace("-", " ").split()


def edits(a: str, b: str) -> int:
    if abs(len(a) - len(b)) > 3:
        return 4
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def skeleton(word: str) -> str:
    """A rough phonetic key: the transliteration noise of Slavic and Korean names folded."""
    w = fold(word)
    for a, b in (("kh", "h"), ("ck", "k"), ("ph", "f"), ("ts", "c"), ("tz", "c"), ("cz", "ch"),
                 ("w", "v"), ("x", "ks"), ("q", "k"), ("j", "y"), ("ii", "i"), ("iy", "i"),
                 ("yy", "y"), ("ij", "i")):  # fmt: skip
        w = w.replace(a, b)
    w = re.sub(r"(.)\1+", r"\1", w)
    if not w:
        return w
    return w[0] + "".join(c for c in w[1:] if c not in _VOWELS)


def close(a: str, b: str) -> bool:
    """Two name parts that are spellings of one name (Andrei/Andrey, Zelensky/Zelenskyy)."""
    if a == b:
        return True
    if len(a) < 4 or len(b) < 4 or a[0] != b[0]:
        return False
    limit = 1 if min(len(a), len(b)) < 7 else 2
    return edits(a, b) <= limit or (skeleton(a) == skeleton(b) and edits(a, b) <= 3)


def _gender_clash(x: str, y: str) -> bool:
    """Maria/Mario, Paul/Paula, Ostrovsky/Ostrovskaya: a feminine ending on one side only."""
    return x != y and x.endswith("a") != y.endswith("a")


def persons_match(a: str, b: str) -> bool:
    """Full names that may be one person; both need two or more parts."""
    ta, tb = tokens(a), tokens(b)
    if len(ta) < 2 or len(tb) < 2:
        return False
    if len(ta) == len(tb):
        given = all(
            close(x, y) and not _gender_clash(x, y) for x, y in zip(ta[:-1], tb[:-1], strict=True)
        )
        return given and close(ta[-1], tb[-1])
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    # "Vladimir Putin" ~ "Vladimir Vladimirovich Putin": first and last agree, a middle part added
    words = len(fold(b if len(ta) < len(tb) else a).split())
    if len(short) == 2 and len(long_) == 3 and words == 3:  # not "Lee Min-ho" split at the hyphen
        return close(short[0], long_[0]) and close(short[1], long_[2]) and len(long_[1]) > 3
    return False


def surname_fits(single: str, full: str) -> bool:
    """A one-part name ('Sorsby') that can stand for a full name ('Anneli Sorsby')."""
    ts, tf = tokens(single), tokens(full)
    if len(ts) != 1 or len(tf) < 2:
        return False
    return close(ts[0], tf[-1]) and not _gender_clash(ts[0], tf[-1])


def initials(name: str) -> str:
    words = [
        w
        for w in re.findall(r"[A-Za-z][\w'’]*", name)
        if w.lower() not in {"of", "the", "and", "for", "de", "du"}
    ]
    return "".join(w[0] for w in words).upper()


def is_acronym(name: str) -> bool:
    s = name.strip().replace(".", "")
    return 2 <= len(s) <= 7 and s.isupper() and s.isalpha()
