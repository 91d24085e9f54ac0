"""Find the figures a news sentence carries: counts, money, percentages, ranges.

Plain rule and regular-expression code, no model: it runs on every sentence of
every article, so it has to be fast, and it never raises (an unexpected error
is logged and gives ``[]``).

``find_quantities(text, start=0, end=None)`` looks only at ``text[start:end]``
and returns :class:`~claimledger.models.Quantity` objects with absolute
offsets; ``q.text == text[q.start:q.end]`` always holds and results never
overlap.  A quantity's text covers the figure together with its qualifier
words ("up to", "between ... and"), its currency sign or scale word, and its
unit noun when the unit follows the figure with at most three modifiers in
between ("12,000 Estavian soldiers").

This module holds the public entry points and the scanner that finds the raw
figures (digits, number words, masked spans).  The word lists and unit reading
live in :mod:`~claimledger.extract.quantity_units`; qualifiers, ranges, vague
magnitudes, fractions and the building of :class:`Quantity` objects live in
:mod:`~claimledger.extract.quantity_qualifiers`.

Decisions, in one place:

* **Qualifiers.**  ``at_least``: over, above, more than, greater than, in
  excess of, at least, upwards of, no fewer/less than, a minimum of, "500 or
  more", "500+", "500-plus".  "More than" is treated as ``at_least`` (strictly
  it is a lower bound that excludes the figure; we do not keep that nuance).
  ``at_most``: at most, no/not more than, fewer/less than, under, below, a
  maximum of, "500 or fewer"; "more than" with a negation shortly before it
  ("did not send more than 500") is ``at_most`` too.  ``up_to``: up to, as
  many/much as.  ``approx``: about, around, approximately, roughly, some,
  nearly, almost, (an) estimated, close to, circa, ~, "500 or so", "500-odd".
* **Ranges** ("between 300 and 500", "300 to 500", "300-500", "from 300 to
  500", "anywhere between 300 to 500", "two or three") give ``value=None``,
  ``low``/``high`` (ordered) and ``qualifier="range"``.  A scale, currency or
  unit written on one end applies to both ("$1-2bn" is 1e9..2e9 USD).
* **Vague magnitudes** ("dozens", "hundreds of", "thousands", "tens of
  thousands", "several hundred", "a few thousand", "scores of") are kept with
  ``value=None`` and ``qualifier="approx"``; ``low`` carries the order of
  magnitude the word names (12 for "dozens", 100 for "hundreds", 10,000 for
  "tens of thousands") as a floor, ``high`` is None.
* **Fractions** ("half of that", "more than half", "a third of", "two-thirds",
  "one in five") are relative figures: ``value`` is the fraction (0.5,
  0.333..., 0.2), ``unit="fraction"``; the qualifier slot works as usual
  ("nearly half" -> approx).  The thing it is a fraction of is not part of it.
  "Half a million" is a plain 500,000.
* **Number words**: "three", "twenty-five", "a hundred", "a thousand", "two
  and a half", "half a million", "a dozen".  A bare "one" (and "a", "an") is
  not a quantity ("one thing is clear"); "one" counts inside a larger number,
  in a range ("one or two") and right before a people noun ("one soldier").
  Number words written with a capital in mid-sentence ("Group of Seven") are
  names and are skipped.
* **Numerals**: "12,000", "12 000" (any space), "2.5", "1.500.000",
  "1,50,000"; a comma before exactly three digits is a thousands separator,
  before one or two digits a decimal comma ("2,5 million" = 2,500,000).
  Signs are not read ("-5" is 5).  Scale words and abbreviations: thousand,
  million, billion, trillion, lakh, crore, bn, mn, mln, tn, and "k" glued to
  the number ("10k").  "m" means million after a currency ("$5m") or glued
  before a counted noun ("1.5m people"); otherwise it is metres ("a 5m wall").
* **Currencies** give ISO codes as the unit: $ -> USD (also US$, C$ -> CAD, A$
  -> AUD, HK$, NZ$, S$, R$ -> BRL, NT$ -> TWD), EUR, GBP, ¥ -> JPY, ₽, ₴, ₩, ₹,
  ₪, ₺, the codes themselves, and the words dollars, euros, rubles/roubles,
  hryvnias, won, yen, yuan, rupees, pounds sterling, shekels, lira, zloty...
  ("Canadian dollars" -> CAD).  "$2,000 (€1850) a month" gives two
  quantities; rate words ("a month") are not part of the unit.
* **Units** are the noun after the figure, lower-cased as written for counted
  things ("soldiers", "troops", "shells", "homes"), normalised for measures
  (km, miles, m, mm, km2, kg, tonnes, percent, percentage points, ...) and
  time spans (seconds ... years, decades; "a 20-day truce" -> "days").  A
  calibre between a count and its noun is its own quantity: "550,000 155 mm
  shells" gives 550,000 "shells" (text "550,000") and 155 "mm".
* **Not quantities**: ordinals ("2nd", "105th", "first"), names with numbers
  ("S-400", "Su-27", "F-16", "M1 Abrams", "Leopard 2", "Article 5", "No. 10",
  "2S19"), years ("2023", "in 2024", "1950-1953", "1945-91", "the 1970s",
  "'90s"), days of the month next to a month name ("June 18, 2024", "18
  June"), times ("17:12", "5 p.m.", "0600 GMT"), phone numbers, numbers in
  URLs and e-mail addresses, numeric dates, footnote markers ("[3]",
  "said.3").  A four-digit number from 1800 to 2100 without separators is a
  year unless it carries a currency, a percent sign or measure, or a known
  counted noun follows ("2000 troops", "$2000").
"""

from __future__ import annotations

import bisect
import logging
import re

from claimledger.extract.numbers import SCALE_WORDS, parse_digits, parse_number_words
from claimledger.extract.quantity_qualifiers import (
    _FRACTION_RE,
    _VAGUE_RE,
    _assemble,
    _Atom,
    _fraction_atom,
    _sentence_initial,
    _vague_atom,
)
from claimledger.extract.quantity_relative import resolve_relative
from claimledger.extract.quantity_units import (
    _APOS,
    _CORE_UNIT_RE,
    _COUNT_NOUNS,
    _CURRENCY_CODE_BEFORE_RE,
    _CURRENCY_SUFFIX_RE,
    _DOLLAR_LETTERS_RE,
    _DOLLAR_PREFIX,
    _JOIN,
    _SYMBOLS,
    _UNIT_ALTS,
    CURRENCY_WORDS,
    TIME_UNITS,
    _code_for,
    _count_noun_follows,
    _rx,
    _words,
)
from claimledger.extract.quantity_units import ISO_CODES as ISO_CODES
from claimledger.extract.quantity_units import PEOPLE_NOUNS as PEOPLE_NOUNS
from claimledger.extract.quantity_units import THING_NOUNS as THING_NOUNS
from claimledger.models import Quantity
from claimledger.registry import register

log = logging.getLogger(__name__)

__all__ = ["QuantityExtractor", "find_quantities", "make_quantities"]

# --------------------------------------------------------------------------
# Regular expressions
# --------------------------------------------------------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DIGITS_RE = _rx(
    r"(?<![0-9])(?:"
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])"
    r"|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?![0-9])"
    r"|[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9])"
    r"|[0-9]{1,3}(?:[ \u00a0\u2009\u202f\u2007][0-9]{3}(?![0-9])(?!\h?(?:mm|millimet)|[-\u2010\u2011]mm))+(?:\.[0-9]+)?(?![0-9])"
    r"|[0-9]{1,3},[0-9]{1,2}(?![0-9])"
    r"|[0-9]+(?:\.[0-9]+)?"
    r")"
)

_NUM_WORDS = sorted(
    _words(
        """zero one two three four five six seven eight nine ten eleven twelve thirteen
        fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
        seventy eighty ninety hundred thousand million billion trillion dozen"""
    ),
    key=lambda w: (-len(w), w),
)
_NW = "(?:" + "|".join(_NUM_WORDS) + ")"
_WORDS_RE = _rx(
    r"(?i)\b(?=[zotfsenhmbda])(?:(?:an?|half\h+an?)\h+(?:hundred|thousand|million|billion"
    r"|trillion|dozen)|" + _NW + r")\b"
    r"(?:(?:\h+|[-\u2010\u2011])(?:(?:and\h+(?:a\h+half|" + _NW + r"))"
    r"|" + _NW + r")\b)*"
)
_WORD_TOKEN_RE = _rx(r"[A-Za-z]+")


# Things that hide numbers: URLs, e-mail, phone numbers, numeric dates, footnotes.
# Each is only run when a cheap test says it may match.
_URL_RE = _rx(r"(?:https?://|ftp://|www\.)[^\s<>\"']+")
_EMAIL_RE = _rx(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PLUS_PHONE_RE = _rx(r"\+[0-9]{1,3}(?:[ .\-]?\(?[0-9]{1,4}\)?){2,5}(?![0-9])")
_PAREN_RE = _rx(r"\(0?[0-9]{2,4}\)[ .\-]?[0-9]{3,4}[ .\-]?[0-9]{3,4}(?![0-9])|\([0-9]{1,2}\)")
_FOOTNOTE_RE = _rx(r"\[[0-9]{1,3}\]")
_DIGIT_MASK_RE = _rx(
    r"(?<![0-9])(?=[0-9])(?:"
    r"[0-9]{3}[.\-][0-9]{3}[.\-][0-9]{4}"  # 555-123-4567
    r"|[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}"  # 2024-06-18
    r"|[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}"  # 18/06/2024
    r")(?![0-9])"
)


def _masks(s: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _DIGIT_MASK_RE.finditer(s)]
    if "://" in s or "www." in s:
        spans.extend((m.start(), m.end()) for m in _URL_RE.finditer(s))
    if "@" in s:
        spans.extend((m.start(), m.end()) for m in _EMAIL_RE.finditer(s))
    if "+" in s:
        spans.extend((m.start(), m.end()) for m in _PLUS_PHONE_RE.finditer(s))
    if "(" in s:
        spans.extend((m.start(), m.end()) for m in _PAREN_RE.finditer(s))
    if "[" in s:
        spans.extend((m.start(), m.end()) for m in _FOOTNOTE_RE.finditer(s))
    spans.sort()
    # merge overlaps so that one bisect answers "is this inside a mask?"
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


_GLUED_RE = _rx(r"[A-Za-z][A-Za-z0-9]*")
_GLUED_SCALES = {"k", "K", "m", "mn", "mln", "bn", "b", "bln", "tn", "trn", "M", "B", "Bn"}
_GLUED_SKIP = {"st", "nd", "rd", "th", "s", "am", "pm", "AM", "PM", "x", "X", "G"}

_SCALE_RE = _rx(
    r"\h*(?P<w>hundred|thousand|million|billion|trillion|lakhs?|crores?|bn|mn|mln|bln|tn"
    r"|trn|m|k)\b(?![" + _JOIN + r"](?:[a-z]))",
    re.I,
)
_COMPOUND_RE = _rx(
    r"[" + _JOIN + r"](?P<w>[A-Za-z]+)(?:[" + _JOIN + r"](?P<w2>[A-Za-z]+))?(?![A-Za-z0-9])"
)
_TIME_AFTER_RE = _rx(
    r"\h*(?:a\.m\.?|p\.m\.?|am\b|pm\b|GMT\b|UTC\b|BST\b|CET\b|CEST\b|EET\b|EEST\b|EST\b|"
    r"EDT\b|PST\b|PDT\b|MSK\b|Zulu\b|local\h+time|o['\u2019]clock)",
    re.I,
)
_MONTH_AFTER_RE = _rx(r"\h+(?:of\h+)?" + _MONTH + r"(?![A-Za-z])")
_MONTH_BEFORE_RE = _rx(r"(?<![A-Za-z])" + _MONTH + r"\h+(?:the\h+)?$|(?<![A-Za-z])" + _MONTH + r"$")


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every figure in ``text[start:end]``, in order, with absolute offsets."""
    try:
        return _find_quantities_strict(text, start, end)
    except Exception:  # a safety net; the tests run the strict form without it
        log.exception("quantity extraction failed; no quantities for this span")
        return []


class QuantityExtractor:
    """The ``quantities`` pipeline stage."""

    name = "claimledger.extract.quantities.v1"

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
        return find_quantities(text, start, end)

    __call__ = find


@register("claimledger.extract.quantities.v1")
def make_quantities() -> QuantityExtractor:
    return QuantityExtractor()


# --------------------------------------------------------------------------
# Implementation
# --------------------------------------------------------------------------


def _find_quantities_strict(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    if not isinstance(text, str) or not text:
        return []
    lo, hi, _ = slice(start, end).indices(len(text))
    if hi <= lo:
        return []
    s = text[lo:hi]
    if (
        not any(c.isdigit() for c in s)
        and not _has_number_word(s)
        and not _MULTIPLIER_HINT.search(s)
    ):
        return []
    out = [_shift(q, lo) for q in _scan(s)]
    return resolve_relative(text, lo, hi, out, _plain_scan)


def _plain_scan(text: str, start: int, end: int) -> list[Quantity]:
    """Figures in a span, without relative resolution (the antecedent search)."""
    return [_shift(q, start) for q in _scan(text[start:end])]


_MULTIPLIER_HINT = re.compile(r"(?i)\b(?:twice|double|times)\b")


_QUICK_WORD_RE = _rx(
    r"(?i)" + _NW + r"|half|thirds?|quarters?|dozens|scores|hundreds|thousands|millions|billions"
)


def _has_number_word(s: str) -> bool:
    return _QUICK_WORD_RE.search(s) is not None


def _shift(q: Quantity, off: int) -> Quantity:
    if off:
        q.start += off
        q.end += off
    return q


def _scan(s: str) -> list[Quantity]:
    masks = _masks(s)
    mask_starts = [a for a, _ in masks]

    def masked(a: int, b: int) -> bool:
        i = bisect.bisect_right(mask_starts, b - 1) - 1
        return i >= 0 and masks[i][1] > a

    atoms: list[_Atom] = []
    for m in _DIGITS_RE.finditer(s):
        if masked(m.start(), m.end()):
            continue
        a = _digit_atom(s, m)
        if a is not None:
            atoms.append(a)
    for m in _WORDS_RE.finditer(s):
        if masked(m.start(), m.end()):
            continue
        atoms.extend(_word_atoms(s, m))
    for m in _VAGUE_RE.finditer(s):
        atoms.append(_vague_atom(s, m))
    for m in _FRACTION_RE.finditer(s):
        if masked(m.start(), m.end()):
            continue
        a = _fraction_atom(s, m)
        if a is not None:
            atoms.append(a)
    atoms = _resolve_overlaps(atoms)
    return _assemble(s, atoms)


def _resolve_overlaps(atoms: list[_Atom]) -> list[_Atom]:
    atoms.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[_Atom] = []
    for a in atoms:
        if kept and a.start < kept[-1].end:
            if (a.end - a.start) > (kept[-1].end - kept[-1].start):
                kept[-1] = a
            continue
        kept.append(a)
    return kept


# ---- digit numerals --------------------------------------------------------


def _digit_atom(s: str, m: re.Match[str]) -> _Atom | None:
    a, b = m.start(), m.end()
    raw = m.group()
    n = len(s)
    prev = s[a - 1] if a > 0 else " "
    prev2 = s[a - 2] if a > 1 else " "
    after_dash = False
    # --- what stands right before the numeral
    currency: str | None = None
    cstart = a
    if prev and (prev.isalpha() or prev == "_"):
        code = _CURRENCY_CODE_BEFORE_RE.search(s, max(0, a - 5), a)
        if code is None:
            return None  # "M1", "G7", "MH17", "soldiers12"
        currency = _code_for(code.group("code"))
        cstart = code.start()
    elif prev in _JOIN:
        if prev2.isalpha() or prev2 in "/_":
            return None  # "Su-27", "S-400", "COVID-19"
        if prev2.isdigit():
            after_dash = True  # "50-100", "1945-91": the range code decides
    elif prev in "\u2012\u2013\u2014\u2015\u2212" and prev2.isdigit():
        after_dash = True
    elif prev in "/\\#@^:" or prev in _APOS:
        return None  # "24/7", "#3", "'90s", "17:12"
    elif prev in ".," and (prev2.isalnum() or prev2 in ')]"\u201d' + _APOS):
        return None  # footnote marker "said.3", list "1,2,3", version "v1.2"
    if currency is None:
        sym_pos = a - 1
        if sym_pos >= 0 and s[sym_pos] in _H_CHARS:
            sym_pos -= 1
        if sym_pos >= 0 and s[sym_pos] in _SYMBOLS:
            currency = _SYMBOLS[s[sym_pos]]
            cstart = sym_pos
            if s[sym_pos] == "$":
                lm = _DOLLAR_LETTERS_RE.search(s, max(0, sym_pos - 4), sym_pos)
                if lm is not None:
                    currency = _DOLLAR_PREFIX.get(lm.group(1), "USD")
                    cstart = lm.start()
            elif sym_pos > 0 and s[sym_pos - 1].isalpha():
                currency = None  # "A€3"? not a currency we know
                return None
        elif a >= 3:
            code = _CURRENCY_CODE_BEFORE_RE.search(s, max(0, a - 5), a)
            if code is not None and code.end() == a:
                currency = _code_for(code.group("code"))
                cstart = code.start()
    # --- what stands right after it
    if b < n:
        nxt = s[b]
        if nxt in ":/" and b + 1 < n and s[b + 1].isdigit():
            return None  # "17:12", "9/11", "2023/24"
        if nxt in ".," and b + 1 < n and s[b + 1].isdigit():
            return None  # "1.2.3", "1,2,3"
        if nxt in _APOS and b + 1 < n and s[b + 1] == "s":
            return None  # "1990's"
    value = parse_digits(raw)
    if value is None:
        return None
    digits_only = raw.isdigit()
    atom = _Atom(
        start=cstart,
        nstart=a,
        nend=b,
        end=b,
        value=value,
        kind="digit",
        currency=currency,
        unit=currency,
        after_dash=after_dash,
    )
    pos = b
    # glued letters: scale, unit, ordinal or model number
    g = _GLUED_RE.match(s, pos) if pos < n and s[pos].isalpha() else None
    if g is not None:
        word = g.group()
        if word in _GLUED_SKIP or word.lower() in ("st", "nd", "rd", "th", "am", "pm"):
            return None
        if word in _GLUED_SCALES:
            low = word.lower()
            if low == "m" and currency is None and not _count_noun_follows(s, g.end()):
                pass  # metres: the unit code below reads it
            elif low == "b" and currency is None:
                return None
            elif low == "k" and word == "K" and currency is None:
                return None  # "9K720"-style names are caught above; bare "5K" is odd
            else:
                atom.value = value * SCALE_WORDS[low]
                atom.scaled = True
                pos = g.end()
        if pos == b:
            cu = _CORE_UNIT_RE.match(s, pos)
            if cu is None or cu.group("sp"):
                return None  # "2S19", "9M723", "5G": names, not figures
    else:
        sc = _SCALE_RE.match(s, pos)
        if sc is not None:
            w = sc.group("w").lower()
            # "5 m" without a currency is five metres; "5 hundred" is left alone
            if not ((w in ("m", "k") and currency is None) or w == "hundred"):
                atom.value = value * SCALE_WORDS[w]
                atom.scaled = True
                pos = sc.end()
    atom.end = pos
    atom.plain = digits_only and not atom.scaled and currency is None
    if atom.plain and len(raw) == 4 and raw[0] != "0" and 1800 <= int(raw) <= 2100:
        atom.yearlike = True
    _core_suffix(s, atom)
    # --- dates and times
    if (
        atom.plain
        and atom.value is not None
        and atom.value <= 31
        and atom.unit is None
        and (_MONTH_BEFORE_RE.search(s, max(0, a - 14), a) or _MONTH_AFTER_RE.match(s, atom.end))
    ):
        atom.date = True  # "June 18", "18 June"
    if atom.unit is None and atom.currency is None and _TIME_AFTER_RE.match(s, atom.end):
        atom.date = True
    return atom


_H_CHARS = " \t\u00a0\u2009\u202f\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a"


def _core_suffix(s: str, atom: _Atom) -> None:
    """Percent, measure units, hyphen compounds and trailing currency signs."""
    pos = atom.end
    n = len(s)
    if pos >= n:
        return
    if atom.currency is None:
        cu = _CORE_UNIT_RE.match(s, pos)
        if cu is not None:
            for i, (_pat, canon) in enumerate(_UNIT_ALTS):
                got = cu.group(f"u{i}")
                if got is not None:
                    atom.unit = canon if canon is not None else got
                    atom.end = cu.end()
                    break
        if atom.unit is None:
            cs = _CURRENCY_SUFFIX_RE.match(s, pos)
            if cs is not None:
                atom.currency = _SYMBOLS[cs.group("sym")] if cs.group("sym") else None
                if atom.currency is None:
                    atom.currency = _code_for(cs.group("code"))
                atom.unit = atom.currency
                atom.end = cs.end()
                atom.plain = False
                atom.yearlike = False
                return
    if atom.unit is None:
        cm = _COMPOUND_RE.match(s, atom.end)
        if cm is not None:
            _apply_compound(atom, cm)


def _apply_compound(atom: _Atom, cm: re.Match[str]) -> None:
    w = cm.group("w").lower()
    w2 = (cm.group("w2") or "").lower()
    if w == "odd" or w == "something" or w == "ish":
        atom.qualifier = "approx"
    elif w == "plus":
        atom.qualifier = "at_least"
    elif w == "strong":
        atom.compound = "strong"
    elif w in ("year", "years") and w2 == "old":
        atom.unit = "years"
    elif w in TIME_UNITS:
        atom.unit = TIME_UNITS[w]
    elif w in ("mm", "millimetre", "millimeter", "calibre", "caliber"):
        atom.unit = "mm"
    elif w in ("km", "kilometre", "kilometer"):
        atom.unit = "km"
    elif w in ("mile", "miles"):
        atom.unit = "miles"
    elif w in ("metre", "meter"):
        atom.unit = "m"
    elif w in ("percent", "per"):
        atom.unit = "percent"
    elif w in CURRENCY_WORDS:
        atom.unit = atom.currency = CURRENCY_WORDS[w]
    elif w in ("fold", "times"):
        atom.unit = "times"
    elif atom.kind == "word" and w not in _COUNT_NOUNS:
        atom.weak = True  # "two-way", "one-sided", "three-dimensional": idioms
        atom.value = None
        return
    elif atom.yearlike:
        return  # "a 2024-style ...": still a year
    else:
        atom.unit = w  # "a 10-point plan", "a 27-member bloc", "155-mm"
    atom.end = cm.end()
    atom.plain = False
    atom.yearlike = False


# ---- number words ----------------------------------------------------------


def _word_atoms(s: str, m: re.Match[str]) -> list[_Atom]:
    toks = [
        (t.group(), m.start() + t.start(), m.start() + t.end())
        for t in _WORD_TOKEN_RE.finditer(m.group())
    ]
    out: list[_Atom] = []
    i = 0
    while i < len(toks):
        if toks[i][0].lower() == "and":
            i += 1
            continue
        got = parse_number_words([t[0] for t in toks[i:]])
        if got is None:
            i += 1
            continue
        value, used = got
        first, last = toks[i], toks[i + used - 1]
        a, b = first[1], last[2]
        i += used
        prev = s[a - 1] if a > 0 else " "
        if prev.isalnum() or prev in _JOIN or (b < len(s) and s[b].isdigit()):
            continue
        word0 = first[0]
        if word0[0].isupper() and not _sentence_initial(s, a):
            continue  # "Group of Seven", "Ocean's Eleven"
        atom = _Atom(start=a, nstart=a, nend=b, end=b, value=value, kind="word")
        atom.weak = used == 1 and word0.lower() in ("one", "zero")
        _core_suffix(s, atom)
        if atom.value is None:
            continue
        if atom.unit is None and _WORD_TIME_RE.match(s, atom.end):
            continue  # "five o'clock", "ten p.m."
        out.append(atom)
    return out


_WORD_TIME_RE = _rx(r"\h*(?:o['\u2019]clock|[ap]\.m\.?|[ap]m\b)", re.I)
