"""Qualifiers, ranges and relative figures for the quantity extractor.

Split out of :mod:`claimledger.extract.quantities`: once the scanner there has
found the raw figures (``_Atom``), this module decides what they mean in their
context and builds the :class:`~claimledger.models.Quantity` objects.  It holds
the qualifier words ("up to", "more than", "500 or so"), ranges ("between 300
and 500", "1945-91"), vague magnitudes ("tens of thousands"), fractions
("two-thirds", "one in five") and the test for numbers that are labels
("Article 5").  The rules are described in the docstring of ``quantities.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from claimledger.extract.numbers import UNIT_WORDS, parse_digits, parse_number_words
from claimledger.extract.quantity_units import (
    _COUNT_NOUNS,
    _DASHES,
    _WORD_AFTER_RE,
    PEOPLE_NOUNS,
    _rx,
    _unit_after,
    _words,
)
from claimledger.models import Quantity

# --------------------------------------------------------------------------
# Raw figures, as the scanner in quantities.py finds them
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Atom:
    """One figure before qualifiers and units are attached."""

    start: int  # incl. a currency sign in front
    nstart: int  # where the numeral itself starts
    nend: int  # where the numeral itself ends
    end: int  # end of the core: numeral + scale + glued unit/currency
    value: Decimal | None
    kind: str  # "digit", "word", "vague", "fraction"
    currency: str | None = None
    unit: str | None = None  # unit found in the core (currency, percent, measure)
    qualifier: str | None = None
    low: Decimal | None = None
    scaled: bool = False
    plain: bool = False  # digits only, no separator, decimal, scale or currency
    yearlike: bool = False
    weak: bool = False  # a bare "one"
    date: bool = False  # day of the month, time of day: kills a range too
    after_dash: bool = False  # "…-100": only valid as the second end of a range
    compound: str | None = None  # "-strong", "-year-old": word glued after a hyphen


# --------------------------------------------------------------------------
# Word lists and regular expressions
# --------------------------------------------------------------------------

# Capitalised words after which a number is a label or a model, not a figure.
_LABELS = _words(
    """
    Article Art Resolution Section Sec Chapter Clause Paragraph Para Amendment Rule
    Route Highway Road Street Flight Unit Room Building Block Gate Level Phase Stage
    Page Vol Volume Issue No Nos Number Platform Terminal Track Line Act Title Part
    Annex Protocol Regulation Bill Directive Decree Order Item Exhibit Figure Fig Table
    Model Version Season Episode Round Group Category Class Grade Type Mark Mk Zone
    Sector Camp Base Hill Lot Case File Verse Day Week Formula Windows Apollo Minsk
    Covid COVID Leopard Challenger Patriot Boeing Airbus Tu Su Mig MiG Ka Mi Il An
    Yak Kh Iskander Tochka Shahed Geran Lancet Orlan Tornado Grad Uragan Smerch
    Tor Buk Pantsir Kalibr Zircon Kinzhal Sarmat Bulava Topol Yars Oniks Storm Point
    Hangar Lane Ward District Precinct Region Oblast Lot Pier Dock Berth Bay Exit
    """
)
_LABELS_ANYCASE = _words(
    """
    article art. resolution section sec. chapter clause paragraph para. amendment page
    p. pp. vol. no. nos. route highway flight platform terminal gate phase verse
    """
)
# Capitalised words that may stand before a figure (weekdays, sentence openers).
_CAP_OK = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday the these those all
    another only just some about around roughly approximately nearly almost over
    under below above between from to and or with of in on at by for since until
    up more less fewer at least estimated an a some around circa its their his her
    our your my killing killed wounding injuring leaving including among
    """
)

_VAGUE_RE = _rx(
    r"(?i)\b(?=[thsdam])(?:"
    r"(?P<pre>tens|hundreds)\h+of\h+(?P<base1>thousands|millions|billions)"
    r"|(?P<scores>scores)(?=\h+of\b)"
    r"|(?P<sev>several|a\h+few|a\h+couple(?:\h+of)?|many|a\h+handful\h+of)\h+(?P<sc1>dozen|hundred|thousand|million|billion)"
    r"(?:\h+(?P<sc2>thousand|million|billion))?(?!s)"
    r"|(?P<base2>dozens|hundreds|thousands|millions|billions|trillions)"
    r")\b"
)
_VAGUE_LOW = {
    "dozens": 12,
    "dozen": 12,
    "scores": 20,
    "hundreds": 100,
    "hundred": 100,
    "thousands": 10**3,
    "thousand": 10**3,
    "millions": 10**6,
    "million": 10**6,
    "billions": 10**9,
    "billion": 10**9,
    "trillions": 10**12,
    "tens": 10,
}

_SMALL = {
    "a": 1,
    "an": 1,
    **{w: n for w, n in UNIT_WORDS.items() if 1 <= n <= 10},
    "twenty": 20,
    "hundred": 100,
}
_DENOMS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
_SMALLW = "(?:a|an|one|two|three|four|five|six|seven|eight|nine)"
_DENW = "(?:thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)"
_INW = "(?:one|two|three|four|five|six|seven|eight|nine|ten|[0-9]{1,2})"
_INDEN = "(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|[0-9]{1,3})"
_FRACTION_RE = _rx(
    r"(?i)\b(?=[hatfsenoHATFSENO0-9])(?:"
    r"(?P<half>half)"
    r"|(?P<num>" + _SMALLW + r")(?:\h+|[-\u2010\u2011])(?P<den>" + _DENW + r")"
    r"|(?P<n2>" + _INW + r")\h+(?:in|out\h+of)\h+(?:every\h+)?(?P<d2>" + _INDEN + r")"
    r")\b"
)
_HALF_NEXT_RE = _rx(
    r"\h+(?:of|the|their|its|his|her|our|your|all|them|those|these|that|this)\b", re.I
)
_HALF_PREV_BAD_RE = _rx(
    r"(?i)\b(?:first|second|other|the|a|an|and|latter|former|last|next|top|bottom|"
    r"upper|lower|back|front|one|second-half|first-half)\h*$"
)
_POST_QUAL_RE = _rx(
    r"(?:\h+or\h+(?P<more>more|above|greater|higher)\b"
    r"|\h+or\h+(?P<less>fewer|less|under|below)\b"
    r"|\h+or\h+(?P<so>so|thereabouts)\b"
    r"|(?P<plus>\+(?![0-9])))",
    re.I,
)
# Qualifier words right before a figure; searched with ``$`` at the figure's
# start, so the leftmost (longest) phrase wins: "no more than" over "more than".
_QUAL_RE = _rx(
    r"""(?ix)(?<![A-Za-z])(?:
      (?P<between> (?:(?:anywhere|somewhere)\h+)? between )
    | (?P<from> (?:(?:anywhere|somewhere)\h+)? from )
    | (?P<at_most>
          (?:no|not)\h+(?:more|greater|higher|larger)\h+than
        | at\h+(?:the\h+)?most | a\h+maximum\h+of | up\h+to\h+a\h+maximum\h+of
        | (?:(?:just|slightly|well|far|a\h+little|a\h+bit)\h+)?
          (?:under | below | (?:fewer|less|lower)\h+than)
        | not\h+exceeding | no\h+higher\h+than )
    | (?P<up_to> up\h+to | as\h+(?:many|much|high|large)\h+as )
    | (?P<at_least>
          (?:(?:just|slightly|well|far|a\h+little|a\h+bit|much|considerably
              |significantly|substantially)\h+)?
          (?:over | above | (?:more|greater|higher)\h+than)
        | in\h+excess\h+of | at\h+least | upwards\h+of | no\h+(?:fewer|less)\h+than
        | not\h+less\h+than | a\h+minimum\h+of | north\h+of | exceeding )
    | (?P<approx>
          about | around | approximately | approx\.? | roughly | some | nearly | almost
        | (?:an\h+)?estimated(?:\h+at)? | close\h+to | circa | ca\. | c\.
        | just\h+about | more\h+or\h+less | approaching | (?:an?\h+)?approximate(?:ly)?
        | ~ )
    )\h*$"""
)
_NEGATION_RE = _rx(r"(?i)(?:\bnot|n['\u2019]t|\bnever)(?:\h+[\w'\u2019-]+){0,3}\h*$")
_CAP_WORD_BEFORE_RE = _rx(r"(?<![\w.])([A-Z][\w'\u2019.]*)\h+$")
_LABEL_ANYCASE_RE = _rx(
    r"(?i)(?<![\w.])(?:" + "|".join(re.escape(w) for w in sorted(_LABELS_ANYCASE)) + r")\h*$"
)
_SENT_START_RE = _rx(r"(?:^|[.!?:;\"\u201c\u201d(\[\n\u2014\u2013-])\h*$")


# --------------------------------------------------------------------------
# Implementation
# --------------------------------------------------------------------------


def _sentence_initial(s: str, a: int) -> bool:
    return _SENT_START_RE.search(s, max(0, a - 6), a) is not None


# ---- vague magnitudes and fractions -----------------------------------------


def _vague_atom(s: str, m: re.Match[str]) -> _Atom:
    g = m.groupdict()
    if g["base1"]:
        low = _VAGUE_LOW[g["pre"].lower()] * _VAGUE_LOW[g["base1"].lower()]
    elif g["scores"]:
        low = 20
    elif g["sev"]:
        low = _VAGUE_LOW[g["sc1"].lower()] * (_VAGUE_LOW[g["sc2"].lower()] if g["sc2"] else 1)
    else:
        low = _VAGUE_LOW[g["base2"].lower()]
    return _Atom(
        start=m.start(),
        nstart=m.start(),
        nend=m.end(),
        end=m.end(),
        value=None,
        kind="vague",
        qualifier="approx",
        low=Decimal(low),
    )


def _fraction_atom(s: str, m: re.Match[str]) -> _Atom | None:
    a, b = m.start(), m.end()
    if m.group("half"):
        before = s[max(0, a - 24) : a]
        if _HALF_PREV_BAD_RE.search(before):
            return None
        if not _HALF_NEXT_RE.match(s, b) and not _QUAL_RE.search(before):
            return None
        value = Decimal("0.5")
    elif m.group("den"):
        num = m.group("num").lower()
        den = _DENOMS[m.group("den").lower()]
        k = _SMALL[num]
        plural = m.group("den").lower().endswith("s")
        if k >= den or (k > 1) != plural:
            return None
        if not plural and not _OF_RE.match(s, b):
            return None  # "a third country", "the third quarter"
        value = Decimal(k) / Decimal(den)
    else:
        num_v = _small_value(m.group("n2"))
        den_v = _small_value(m.group("d2"))
        if num_v is None or den_v is None or not 0 < num_v < den_v:
            return None
        if a > 0 and (s[a - 1].isalnum() or s[a - 1] in ",."):
            return None
        value = Decimal(num_v) / Decimal(den_v)
    return _Atom(start=a, nstart=a, nend=b, end=b, value=value, kind="fraction", unit="fraction")


def _small_value(w: str) -> int | None:
    if w.isdigit():
        return int(w)
    w = w.lower()
    if w in _SMALL:
        return _SMALL[w]
    got = parse_number_words([w])
    return int(got[0]) if got else None


# ---- putting figures together ------------------------------------------------


def _assemble(s: str, atoms: list[_Atom]) -> list[Quantity]:
    out: list[Quantity] = []
    limit = 0  # a qualifier may not reach back into the previous figure
    i = 0
    n = len(atoms)
    while i < n:
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < n else None
        if b is not None:
            conn = _range_connector(s, a, b, limit)
            if conn is not None and a.start >= limit:
                i += 2
                q = _make_range(s, a, b, conn, limit)
                if q is not None:
                    out.append(q)
                    limit = q.end
                continue
        i += 1
        if a.after_dash or a.date or a.start < limit:
            continue
        q = _make_single(s, a, limit)
        if q is not None:
            out.append(q)
            limit = q.end
    return out


_GAP_RE = _rx(
    r"\h*(?:(?P<dash>[" + _DASHES + r"])|(?P<to>to|through)|(?P<and>and)|(?P<or>or))\h*",
    re.I,
)


def _range_connector(s: str, a: _Atom, b: _Atom, limit: int) -> str | None:
    """How two neighbouring figures are linked, or None if they are not a range."""
    if a.kind in ("vague", "fraction") or b.kind in ("vague", "fraction"):
        return None
    if a.value is None or b.value is None or b.start - a.end > 12:
        return None
    if a.compound is not None or (a.qualifier is not None and a.kind == "digit"):
        return None  # "500-strong to", "500-odd or"
    m = _GAP_RE.fullmatch(s, a.end, b.start)
    if m is None:
        return None
    if m.group("dash"):
        return "dash"
    if m.group("and"):
        left = _QUAL_RE.search(s, max(limit, a.start - 40), a.start)
        return "and" if left is not None and left.lastgroup == "between" else None
    if m.group("or"):
        # "two or three days", "10 or 15 percent"; not "61% or 61 percent" (a restatement)
        if a.unit is not None or a.currency is not None or b.value <= a.value:
            return None
        return "or"
    if m.group("to") and (
        b.value < a.value or _CHANGE_RE.search(s, max(limit, a.start - 48), a.start)
    ):
        return None  # "revised the toll from 14 to 13", "rose from 31 to 34": two figures
    return "to"


# a figure that changed: "rose from 31 to 34", "revised ... from 14 to 13"
_CHANGE_RE = re.compile(
    r"\b(?:rose|risen|rises|rising|fell|fallen|falls|climbed|climbs|jumped|dropped|drops|"
    r"increased|decreased|raised|lowered|cut|revised|corrected|updated|grew|grown|doubled|"
    r"halved|went up|went down|gone up|gone down)\b[^.;:!?]*\bfrom\s+\S*$",
    re.I,
)


def _make_range(s: str, a: _Atom, b: _Atom, conn: str, limit: int) -> Quantity | None:
    if a.date or b.date:
        return None  # "June 18-20", "18 to 20 June", "9-11 p.m."
    lowv, highv = a.value, b.value
    assert lowv is not None and highv is not None
    ra, rb = s[a.nstart : a.nend], s[b.nstart : b.nend]
    # "1945-91", "150-60": the second end abbreviates the first
    if (
        conn == "dash"
        and a.plain
        and b.plain
        and a.kind == b.kind == "digit"
        and len(rb) < len(ra)
        and highv < lowv
    ):
        expanded = Decimal(ra[: len(ra) - len(rb)] + rb)
        if expanded > lowv:
            highv = expanded
    years = a.yearlike and b.plain and highv == int(highv) and 1800 <= highv <= 2100
    # a scale written on the second end only: "1-2 million", "between 2 and 3 billion"
    if b.scaled and not a.scaled and a.kind == b.kind == "digit" and a.unit in (None, a.currency):
        bare = parse_digits(rb)
        if bare and lowv < bare:
            lowv = lowv * (highv / bare)
    currency = a.currency or b.currency
    unit = b.unit or a.unit or currency
    end = b.end
    strong = unit is not None
    if unit is None or b.compound == "strong":
        u, uend, adjacent, known = _unit_after(s, end, any_noun=b.compound == "strong")
        if u is not None:
            unit = u
            strong = strong or known
            if adjacent:
                end = uend
    if years and not strong:
        return None  # "1950-1953", "2014 to 2022"
    pq = _POST_QUAL_RE.match(s, end)
    if pq is not None and pq.group("so"):
        end = pq.end()
    start = a.start
    left = _QUAL_RE.search(s, max(limit, start - 40), start)
    if left is not None and left.lastgroup in ("between", "from", "approx"):
        start = left.start()
    lo_, hi_ = (lowv, highv) if lowv <= highv else (highv, lowv)
    return Quantity(
        text=s[start:end],
        start=start,
        end=end,
        value=None,
        low=float(lo_),
        high=float(hi_),
        unit=unit,
        qualifier="range",
    )


def _make_single(s: str, a: _Atom, limit: int) -> Quantity | None:
    if a.kind in ("digit", "word"):
        if a.value is None:
            return None
        if a.plain and not a.yearlike and _is_label(s, a):
            return None  # "Article 5", "Leopard 2", "No. 10"
    unit = a.unit
    end = a.end
    qualifier = a.qualifier
    if a.kind in ("digit", "word"):
        pq = _POST_QUAL_RE.match(s, end)  # "500 or more soldiers", "500+"
        if pq is not None:
            qualifier = _post_qualifier(pq)
            end = pq.end()
    known = unit is not None
    if (unit is None and a.kind != "fraction") or a.compound == "strong":
        noun_at = end
        if a.kind == "vague":
            of = _OF_RE.match(s, end)
            if of is not None:
                noun_at = of.end()
        u, uend, adjacent, known_noun = _unit_after(s, noun_at, any_noun=a.compound == "strong")
        if u is not None:
            unit = u
            known = known or known_noun
            if adjacent:
                end = uend
                pq = _POST_QUAL_RE.match(s, end)  # "500 soldiers or more"
                if pq is not None and qualifier is None and not pq.group("plus"):
                    qualifier = _post_qualifier(pq)
                    end = pq.end()
    if a.yearlike and not known:
        return None  # "in 2024", "the 2022 invasion", "around 2000"
    if a.weak and unit not in PEOPLE_NOUNS:
        return None  # "one thing is clear"
    start = a.start
    left = _QUAL_RE.search(s, max(limit, start - 40), start)
    if left is not None and left.lastgroup not in ("between", "from"):
        kind = left.lastgroup
        if (
            kind == "at_least"
            and _MORE_THAN_RE.search(left.group())
            and _NEGATION_RE.search(s, max(limit, left.start() - 40), left.start())
        ):
            kind = "at_most"  # "did not send more than 500": an upper bound
        qualifier = kind
        start = left.start()
    if a.kind == "vague":
        return Quantity(
            text=s[start:end],
            start=start,
            end=end,
            value=None,
            low=float(a.low) if a.low is not None else None,
            high=None,
            unit=unit,
            qualifier="approx",
        )
    return Quantity(
        text=s[start:end],
        start=start,
        end=end,
        value=float(a.value) if a.value is not None else None,
        low=None,
        high=None,
        unit=unit,
        qualifier=qualifier,
    )


_OF_RE = _rx(r"\h+of\b", re.I)
_MORE_THAN_RE = _rx(r"(?i)(?:more|greater|higher)\h+than")


def _is_label(s: str, a: _Atom) -> bool:
    """A bare number that names something: "Article 5", "Leopard 2", "No. 10"."""
    win_start = max(0, a.start - 24)
    if _LABEL_ANYCASE_RE.search(s, win_start, a.start):
        return True
    cw = _CAP_WORD_BEFORE_RE.search(s, win_start, a.start)
    if cw is None:
        return False
    bare = cw.group(1).rstrip(".")
    if bare in _LABELS:
        return True
    if bare.lower() in _CAP_OK or _sentence_initial(s, cw.start()):
        return False
    # A proper noun mid-sentence, then a bare number: a model or a name
    # ("Boeing 737 jets"), unless the text is in title case and a counted noun
    # follows ("Army Sends 300 Troops").
    nxt = _WORD_AFTER_RE.match(s, a.end)
    if nxt is None:
        return True
    w = nxt.group("w")
    return not (w[:1].isupper() and w.lower() in _COUNT_NOUNS)


def _post_qualifier(pq: re.Match[str]) -> str:
    if pq.group("more") or pq.group("plus"):
        return "at_least"
    if pq.group("less"):
        return "at_most"
    return "approx"
