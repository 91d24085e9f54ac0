"""Turning numerals into values: digit strings and English number words.

Helpers for :mod:`claimledger.extract.quantities`; pure functions, no regex
scanning of running text happens here.

* :func:`parse_digits` reads one numeral written with digits, with the
  separators used in news copy: ``12,000``, ``12 000`` (any space, including
  no-break and thin spaces), ``1,234.5``, ``1.500.000``, the Indian
  ``1,50,000``, and the decimal comma ``2,5`` (a comma followed by one or two
  digits; a comma followed by exactly three digits is always a thousands
  separator, as it is in English copy, so ``1,500 million`` is 1.5 billion).
* :func:`parse_number_words` reads a run of English number words
  (``three``, ``twenty-five``, ``a hundred and fifty``, ``two and a half``,
  ``half a million``, ``a dozen``) and reports how many tokens it used.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

UNIT_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Multipliers that close a group ("three thousand", "two million").
BIG_SCALES: dict[str, int] = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
# Scale words and abbreviations that may follow a digit numeral ("2.5 million", "$3bn").
SCALE_WORDS: dict[str, int] = {
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "lakh": 10**5,
    "lakhs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
    "k": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "mio": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "bln": 10**9,
    "tn": 10**12,
    "trn": 10**12,
}

_SPACES = re.compile(r"\s+")
_COMMA_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_INDIAN = re.compile(r"[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}")
_DOT_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3}){2,}")
_DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]{1,2}")
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def parse_digits(raw: str) -> Decimal | None:
    """Value of one digit numeral, or None when ``raw`` is not one.

    >>> parse_digits("12,000"), parse_digits("2,5"), parse_digits("12\u202f000")
    (Decimal('12000'), Decimal('2.5'), Decimal('12000'))
    """
    s = _SPACES.sub("", raw)
    if not s:
        return None
    if _COMMA_THOUSANDS.fullmatch(s) or _INDIAN.fullmatch(s):
        s = s.replace(",", "")
    elif _DOT_THOUSANDS.fullmatch(s):
        s = s.replace(".", "")
    elif _DECIMAL_COMMA.fullmatch(s):
        s = s.replace(",", ".")
    elif not _PLAIN.fullmatch(s):
        return None
    try:
        return Decimal(s)
    except InvalidOperation:  # pragma: no cover - the patterns above exclude it
        return None


def _tokens(words: list[str]) -> list[str]:
    return [w.lower() for w in words]


def parse_number_words(words: list[str]) -> tuple[Decimal, int] | None:
    """Read English number words from the start of ``words``.

    ``words`` are single tokens (hyphenated compounds already split, so
    ``twenty-five`` arrives as ``["twenty", "five"]``).  Returns the value and
    the number of tokens used, or None when the first tokens are not a number.
    A trailing ``and`` or ``a`` that leads nowhere is not consumed.

    >>> parse_number_words(["a", "hundred", "and", "fifty", "soldiers"])
    (Decimal('150'), 4)
    >>> parse_number_words(["half", "a", "million"])
    (Decimal('500000.0'), 3)
    """
    toks = _tokens(words)
    n = len(toks)
    total = Decimal(0)
    current: Decimal | None = None  # value of the group being built
    i = 0
    best: tuple[Decimal, int] | None = None
    last_big = 10**16  # scales must fall: "two million three thousand"
    prev = ""  # kind of the previous consumed token

    def record(j: int) -> None:
        nonlocal best
        if current is not None or total:
            best = (total + (current or 0), j)

    # Openers that need a scale after them: "a hundred", "half a million".
    if (
        n >= 2
        and toks[0] in ("a", "an")
        and (toks[1] in BIG_SCALES or toks[1] in ("hundred", "dozen"))
    ):
        current = Decimal(1)
        i = 1
        prev = "a"
    elif (
        n >= 3
        and toks[0] == "half"
        and toks[1] in ("a", "an")
        and (toks[2] in BIG_SCALES or toks[2] in ("hundred", "dozen"))
    ):
        current = Decimal("0.5")
        i = 2
        prev = "a"
    while i < n:
        t = toks[i]
        if t in UNIT_WORDS or t in TENS_WORDS:
            v = UNIT_WORDS.get(t, TENS_WORDS.get(t, 0))
            if prev in ("", "and", "big", "hundred"):
                if prev == "and" and current is None and not total:
                    break
                current = (current or Decimal(0)) + v
                prev = "tens" if t in TENS_WORDS else "unit"
            elif prev == "tens" and 1 <= v <= 9:
                current = (current or Decimal(0)) + v
                prev = "unit"
            else:
                break
            i += 1
            record(i)
        elif t == "hundred":
            if prev not in ("unit", "tens", "a"):
                break
            if current is not None and current >= 100:
                break
            current = (current or Decimal(1)) * 100
            prev = "hundred"
            i += 1
            record(i)
        elif t == "dozen":
            if prev not in ("unit", "tens", "a"):
                break
            current = (current or Decimal(1)) * 12
            prev = "dozen"
            i += 1
            record(i)
            break
        elif t in BIG_SCALES:
            scale = BIG_SCALES[t]
            if prev not in ("unit", "tens", "hundred", "a", "half") or scale >= last_big:
                break
            total += (current if current is not None else Decimal(1)) * scale
            current = None
            last_big = scale
            prev = "big"
            i += 1
            record(i)
        elif t == "and":
            # "a hundred and fifty", "two thousand and three", "one and a half"
            if i + 1 >= n or prev not in ("hundred", "big", "unit", "tens"):
                break
            nxt = toks[i + 1]
            if nxt == "a" and i + 2 < n and toks[i + 2] == "half" and prev in ("unit", "tens"):
                current = (current or Decimal(0)) + Decimal("0.5")
                prev = "half"
                i += 3
                record(i)
                continue
            if prev in ("hundred", "big") and (nxt in UNIT_WORDS or nxt in TENS_WORDS):
                prev = "and"
                i += 1
                continue
            break
        else:
            break
    return best
