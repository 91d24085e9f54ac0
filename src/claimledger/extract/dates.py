"""Find date expressions in news text and normalise them against an anchor.

The anchor is the article's publication date.  Everything here is plain
regular-expression code: it runs on every sentence, so it must stay fast and it
never raises.

Output contract (``DateRef``): ``value`` is ISO 8601 at ``precision`` -- "day"
("2024-10-18"), "month" ("2024-10") or "year" ("2024") -- or ``None``.
``DateRef.text`` is always ``text[start:end]`` with absolute offsets.

Decisions, in one place:

* What a match covers.  Plain prepositions are context, not part of the date:
  "in June 2024" gives the text "June 2024", "on Wednesday" gives "Wednesday",
  "since 2022" gives "2022".  Words that change the meaning are kept:
  "last Friday", "early November", "mid-2024", "earlier this month",
  "the beginning of October 2024", "three days ago".
* Coarser, never wrong.  When an expression names a span that has no ISO form
  at the allowed precisions, the value is the finest period that contains the
  whole span: "last week" / "this week" give the month when the Monday-Sunday
  week lies in one month, else the year, else None; "early November" gives
  the month; "mid-2024" and "the first half of 2024" give the year.
* Seasons give year precision with the year written ("autumn 2022" -> "2022",
  "winter 2022" -> "2022", an approximation for winter).  "last summer" /
  "this spring" / "next winter" are resolved against the anchor the same way.
* Decades ("the 1970s", "mid-1990s", "the '90s") are returned so that the text
  is kept, with value None and precision None: no allowed precision holds ten
  years.
* Ranges are one DateRef whose value is the start of the range at the range's
  precision: "1950-1953" and "1945-91" -> "1950"/"1945" (year);
  "June 18-19, 2024" -> "2024-06-18"; "June-August 2024" -> "2024-06".
  "2011-12" reads as a range of years, "2024-10" (end before start) as an ISO
  month.
* A date with no year ("December 4", "in June", "early November") takes its
  year from the anchor: the latest year that puts its month no more than
  ``FUTURE_MONTHS`` (2) calendar months after the anchor's month.  With the
  anchor 2024-10-21, "December 4" is 2024-12-04 (a planned event is plausible)
  but "January 10" is 2024-01-10 and "in June" is 2024-06.  "last June" is the
  latest June strictly before the anchor's month, "next June" the first after
  it, "this June" / "June of this year" the anchor's year, "earlier in October"
  the latest October not after the anchor's month.
* Weekdays: bare or "on Wednesday" is the latest such day on or before the
  anchor (news reports past events); "last Wednesday" is the latest strictly
  before; "next Monday" the first strictly after; "this Wednesday" the one in
  the anchor's Monday-Sunday week.
* "N days ago" and "N weeks ago" are day precision (weeks approximate: anchor
  minus 7N days); "N months ago" month; "N years/decades ago" year.
* Without an anchor every relative expression, and every absolute one that
  lacks a year, gets value None and precision None; dates that carry a year
  keep their values.
* What is not a date: counts and units ("155 mm", "12,000", "S-400", "105th",
  "2,000 a month"), clock times on their own ("17:12"; "Oct 19, 2024 17:12"
  gives only the date), "the 21st century", vague words ("recently", "soon",
  "in recent months", "at the time"), "the last year" / "the next week" (a span,
  not a point), modal "may" and the noun/verb "march".  Month names must be
  capitalised ("June") or in capitals ("JUNE").  A month name with neither a day
  nor a year counts only after a trigger word (in, on, since, until, by, from,
  during, before, after, of, last/next/this, early/late/mid, ...); "May" and
  "March" accept only the short list in, on, since, until, till, by, early,
  late, mid.  A bare four-digit year (1800-2199) counts only after a trigger
  ("in", "since", "by", "as early as", "at least", "of", ...) and not before a
  count noun ("in 2000 villages"), so "the 2022 invasion" is missed on purpose.
  "March and April" / "April and May" count the second month too.  "Russia
  Today" / "USA Today" and "Good Friday" / "Bloody Sunday" are names, not
  dates.  Slash dates (10/21/2024) are not read: their day/month order is
  ambiguous.  "this fall" is not read ("fall" only with a year).
* Overlaps: the longest match wins ("last Sunday, October 20, 2024" gives
  "Sunday, October 20, 2024").  Whitespace inside a date is at most four
  spaces or one line break (non-breaking and thin spaces count as spaces;
  unicode dashes as "-"), which also bounds how far a match can reach.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left
from collections.abc import Callable

from claimledger.models import DateRef
from claimledger.registry import register

__all__ = ["FUTURE_MONTHS", "DateExtractor", "find_dates", "make_dates"]

# How far after the anchor's month a date without a year may fall.
FUTURE_MONTHS = 2

# --------------------------------------------------------------------------
# Normalisation that keeps offsets: one character in, one character out.

_SPACES = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_FOLD: dict[str, str] = {
    **{c: " " for c in _SPACES},
    **{c: "-" for c in _DASHES},
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\r": "\n",
}
_FOLD_RX = re.compile("[" + re.escape("".join(_FOLD)) + "]")


def _fold(s: str) -> str:
    """Spaces, dashes and quotes to ASCII, one character for one."""
    return _FOLD_RX.sub(lambda m: _FOLD[m.group()], s)


# --------------------------------------------------------------------------
# Vocabulary

_FULL_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_NUM: dict[str, int] = {name: i + 1 for i, name in enumerate(_FULL_MONTHS)}
_ABBR = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_NUM.update(_ABBR)

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WD_NUM: dict[str, int] = {name: i for i, name in enumerate(_WEEKDAYS)}
_WD_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3}
_WD_ABBR.update({"fri": 4, "sat": 5, "sun": 6})
_WD_NUM.update(_WD_ABBR)

_NUM_WORDS = {
    "a": 1,
    "an": 1,
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
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}

_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _cased(words: list[str]) -> str:
    """Capitalised and upper-case spellings, longest first (no lower case)."""
    alts: list[str] = []
    for w in sorted(words, key=len, reverse=True):
        alts.append(w.capitalize())
        alts.append(w.upper())
    return "|".join(alts)


# Whitespace inside a date: a few spaces and at most one line break.  Every
# whitespace run in the patterns is bounded, so a match never reaches far from
# the gate hit it contains (see _GATES).
_SP = r"(?:[ \t]{0,4}\n[ \t]{0,4}|[ \t]{1,4})"
_MON_FULL = rf"(?:{_cased(_FULL_MONTHS)})\b"
_MON_ABBR = rf"(?:{_cased(list(_ABBR))})\b\.?"
_MON = rf"(?P<mon>{_MON_FULL}|{_MON_ABBR})"
_WD_FULL = rf"(?:{_cased(_WEEKDAYS)})\b"
_WD_ANY = rf"(?:{_cased(_WEEKDAYS)}|{_cased(list(_WD_ABBR))})\b\.?"
_WD_PREFIX = rf"(?:(?P<wd>{_WD_ANY}),?{_SP})?"
_ORD = r"(?:st|nd|rd|th)?"
# a day number: not part of a longer number, a decimal, a time or "12,000"
_DAY_END = r"(?![\w])(?![.:]\d)(?!,\d{3}(?!\d))"
_DAY = rf"(?P<d>[0-3]?\d){_ORD}{_DAY_END}"
_DAY2 = rf"(?:[ \t]{{0,4}}-[ \t]{{0,4}}(?P<d2>[0-3]?\d){_ORD}{_DAY_END})?"
_YEAR_END = r"(?![\w%])(?![.,:]\d)(?!-\d)"
_YEAR_TAIL = rf"(?:,[ \t]{{0,4}}|,?{_SP})(?P<y>[12]\d{{3}}){_YEAR_END}"
_NOT_AFTER_NUM = r"(?<![\w$€£¥#.,:/-])"

_MOD_MONTH = (
    r"(?P<mod>\b(?i:early|late|mid|end|"
    r"(?:the[ \t]{1,4})?(?:beginning|start|end|middle|first[ \t]{1,4}half|second[ \t]{1,4}half)[ \t]{1,4}of))"
)
_MOD_YEAR = (
    r"(?P<mod>\b(?i:early|late|mid|end|"
    r"(?:the[ \t]{1,4})?(?:beginning|start|end|middle|first[ \t]{1,4}half|second[ \t]{1,4}half|"
    r"(?:first|second|third|fourth|last)[ \t]{1,4}quarter)[ \t]{1,4}of)|Q[1-4])"
)

_C = re.compile

_RE_ISO = _C(r"(?<![\w./:-])(?P<y>[12]\d{3})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)(?!-\d)")
_RE_DOTS = _C(rf"{_NOT_AFTER_NUM}(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>[12]\d{{3}}){_YEAR_END}")
_RE_MDY = _C(rf"{_WD_PREFIX}{_MON}{_SP}{_DAY}{_DAY2}(?:{_YEAR_TAIL})?")
_RE_DMY = _C(
    rf"{_WD_PREFIX}{_NOT_AFTER_NUM}{_DAY}{_DAY2}{_SP}(?:(?i:of){_SP})?{_MON}(?:{_YEAR_TAIL})?"
)
_RE_MY = _C(rf"(?:{_MOD_MONTH}(?:-|{_SP}))?{_MON}(?:{_SP}(?i:of))?{_YEAR_TAIL}")
_RE_MONTH_RANGE = _C(
    rf"(?P<m1>{_MON_FULL}|{_MON_ABBR})[ \t]{{0,4}}(?P<sep>-|(?i:to|through|until|till|and)(?=[ \t]))"
    rf"[ \t]{{0,4}}(?P<m2>{_MON_FULL}|{_MON_ABBR})(?:{_YEAR_TAIL})?"
)
_RE_BARE_MONTH = _C(
    r"(?:(?P<mod>\b(?i:early|late|mid|end|earlier[ \t]{1,4}in|later[ \t]{1,4}in|last|next|this|"
    r"(?:the[ \t]{1,4})?(?:beginning|start|end|middle)[ \t]{1,4}of))(?:-|[ \t]{1,4}))?"
    rf"(?P<mon>{_MON_FULL})"
    r"(?:[ \t]{1,4}(?:(?i:of)[ \t]{1,4})?(?P<ry>(?i:this|last|next))[ \t]{1,4}(?i:year)\b)?"
)
_RE_YEAR_MOD = _C(rf"{_MOD_YEAR}(?:-|{_SP})(?:(?i:of){_SP})?(?P<y>[12]\d{{3}}){_YEAR_END}")
_RE_SEASON_YEAR = _C(
    r"(?:(?P<mod>\b(?i:early|late|mid))(?:-|[ \t]{1,4}))?"
    r"\b(?P<s>(?i:spring|summer|autumn|fall|winter))"
    rf"(?:{_SP}(?i:of))?,?{_SP}(?P<y>[12]\d{{3}}){_YEAR_END}"
)
_RE_SEASON_REL = _C(
    r"(?i:\b(?P<rel>last|this|next|earlier[ \t]{1,4}this|later[ \t]{1,4}this)[ \t]{1,4}"
    r"(?P<s>spring|summer|autumn|winter)\b)"
)
_RE_DECADE = _C(
    rf"{_NOT_AFTER_NUM}(?:(?P<mod>\b(?i:early|late|mid))(?:-|[ \t]{{1,4}}))?"
    r"(?P<dec>[12]\d{2}0|'\d0)'?s\b"
)
_RE_YEAR_SPAN = _C(
    rf"{_NOT_AFTER_NUM}(?P<y>[12]\d{{3}})[ \t]{{0,4}}-[ \t]{{0,4}}(?P<y2>\d{{4}}|\d{{2}})(?![\w%])(?![.,:/-]?\d)"
)
_RE_YEAR = _C(rf"{_NOT_AFTER_NUM}(?P<y>[12]\d{{3}}){_YEAR_END}")
_RE_DEICTIC = _C(
    r"(?i:\b(?P<w>the[ \t]{1,4}day[ \t]{1,4}before[ \t]{1,4}yesterday|the[ \t]{1,4}day[ \t]{1,4}after[ \t]{1,4}tomorrow|"
    r"today|yesterday|tomorrow|tonight|last[ \t]{1,4}night|"
    r"this[ \t]{1,4}(?:morning|afternoon|evening))\b)"
)
_RE_REL_UNIT = _C(
    r"(?i:\b(?:(?P<mod>early|late|earlier|later)[ \t]{1,4})?(?P<rel>last|this|next)[ \t]{1,4}"
    r"(?P<unit>week|month|year)\b)"
)
_RE_AGO = _C(
    r"(?i:\b(?P<n>\d{1,3}|" + "|".join(_NUM_WORDS) + r")[ \t]{1,4}"
    r"(?P<unit>days?|weeks?|months?|years?|decades?)[ \t]{1,4}ago\b)"
)
_RE_WEEKDAY = _C(
    r"(?:(?P<rel>\b(?i:last|this|next|past|coming))[ \t]{1,4})?"
    rf"(?P<wd>{_WD_FULL})"
    r"(?:[ \t]{1,4}(?i:morning|afternoon|evening|night)\b)?"
)

# what may stand before a bare year ("in 2023", "as early as 2023")
_YEAR_TRIGGER = _C(
    r"(?i:(?:\b(?:in|since|by|until|till|from|during|before|after|of|through|throughout|"
    r"around|circa|between|year|fiscal)|\bc\.|\bas[ \t]{1,4}(?:early|late|recently|far[ \t]{1,4}back)[ \t]{1,4}as|"
    r"\bat[ \t]{1,4}least|\b[12]\d{3}[ \t]{0,4}(?:to|and|or|through|until))[ \t]{0,4}\n?[ \t]{0,4})$"
)
# what may stand before a month name with neither day nor year ("in June",
# "April and May"); "May" and "March" accept the strict list only
_AFTER_MONTH = rf"|{_MON_FULL}[ \t]{{1,4}}(?i:and|or|to|through|until)[ \t]{{1,4}}$"
_MONTH_TRIGGER = _C(
    r"(?i:\b(?:in|on|since|until|till|by|from|during|before|after|of|through|throughout|"
    r"between|around)[ \t]{0,4}\n?[ \t]{0,4})$" + _AFTER_MONTH
)
_STRICT_MONTH_TRIGGER = _C(
    r"(?i:\b(?:in|on|since|until|till|by)[ \t]{0,4}\n?[ \t]{0,4})$" + _AFTER_MONTH
)
_AFTER_MID = _C(r"(?i:\bmid-)$")
_THE_BEFORE = _C(r"(?i:\bthe[ \t]{1,4})$")
_BETWEEN_BEFORE = _C(r"(?i:\bbetween[ \t]{1,4})$")
# named days that are not "the latest such weekday": "Good Friday", "Bloody Sunday"
_NAMED_DAY_BEFORE = _C(
    r"\b(?:Good|Black|Cyber|Ash|Easter|Palm|Bloody|Super|Holy|Maundy|Shrove|Blue)[ \t]{1,4}$"
)
_PROPER_BEFORE = _C(r"\b[A-Z][\w&-]*[ \t]{1,4}$")
_COUNT_NOUN = _C(
    r"(?i:[ \t]{1,4}(?:more[ \t]{1,4}|new[ \t]{1,4}|other[ \t]{1,4}|additional[ \t]{1,4})?"
    r"(?:soldiers|troops|troopers|servicemen|personnel|fighters|mercenaries|people|men|women|"
    r"children|civilians|workers|residents|refugees|prisoners|casualties|deaths|dead|killed|"
    r"wounded|injured|units|vehicles|tanks|drones|missiles|shells|rounds|rockets|bombs|km|"
    r"kilometres|kilometers|miles|metres|meters|tons|tonnes|kg|dollars|euros|rubles|roubles|"
    r"won|yuan|pounds|barrels|times|cases|votes|jobs|homes|houses|buildings|villages|"
    r"square|per[ \t]{1,4}cent|percent)\b)"
)

# --------------------------------------------------------------------------
# Date arithmetic (all total: bad input gives None, never an exception)

_Found = tuple[int, int, str | None, str | None]  # start, end, value, precision


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _month(y: int, m: int) -> str | None:
    return f"{y:04d}-{m:02d}" if 1 <= y <= 9999 and 1 <= m <= 12 else None


def _year(y: int) -> str | None:
    return f"{y:04d}" if 1 <= y <= 9999 else None


def _month_index(d: _dt.date) -> int:
    return d.year * 12 + d.month - 1


def _year_for_month(mon: int, anchor: _dt.date, mode: str, future: int) -> int:
    """The year of month ``mon`` (1-12) that ``mode`` picks relative to the anchor."""
    a = _month_index(anchor)
    m0 = mon - 1
    if mode == "this":
        return anchor.year
    if mode == "next":  # first strictly after the anchor's month
        return (a - m0) // 12 + 1
    if mode == "later":  # first on or after the anchor's month
        return -((m0 - a) // 12)
    if mode == "last":  # latest strictly before
        return (a - 1 - m0) // 12
    if mode == "earlier":  # latest on or before
        return (a - m0) // 12
    return (a + future - m0) // 12  # default: latest within the forward window


def _span_value(first: _dt.date, last: _dt.date) -> tuple[str | None, str | None]:
    """The finest allowed period that holds the whole span."""
    if (first.year, first.month) == (last.year, last.month):
        return _month(first.year, first.month), "month"
    if first.year == last.year:
        return _year(first.year), "year"
    return None, None


def _shift_months(d: _dt.date, k: int) -> tuple[int, int]:
    i = _month_index(d) + k
    return i // 12, i % 12 + 1


def _plus(anchor: _dt.date, days: int) -> str | None:
    try:
        return (anchor + _dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return None


def _vp(value: str | None, precision: str) -> tuple[str | None, str | None]:
    return (value, precision) if value is not None else (None, None)


def _month_of(name: str) -> int:
    return _MONTH_NUM.get(name.rstrip(".").lower(), 0)


# --------------------------------------------------------------------------
# Handlers: one per pattern; each returns (value, precision) or False to reject


class _Ctx:
    __slots__ = ("anchor", "future", "sub")

    def __init__(self, sub: str, anchor: _dt.date | None, future: int) -> None:
        self.sub = sub
        self.anchor = anchor
        self.future = future

    def before(self, pos: int, width: int = 40) -> str:
        return self.sub[max(0, pos - width) : pos]

    def looks_ahead(self, pos: int) -> bool:
        """Whether the clause a date at ``pos`` sits in looks ahead ("would publish its list
        on Monday", "will report by June")."""
        return bool(_FUTURE_NEAR.search(self.before(pos, 70)))

    def ahead(self, pos: int) -> int:
        """The forward window in months for a date at ``pos``: a year in a clause that looks
        ahead."""
        return max(self.future, 11) if self.looks_ahead(pos) else self.future


_Result = tuple[str | None, str | None] | None  # None = not a date

# a future marker earlier in the same clause as the date (no clause break between them)
_FUTURE_NEAR = re.compile(
    r"\b(will|would|shall|won't|wouldn't|is due|are due|due to|expected to|set to|going to|"
    r"plans? to|planned|scheduled)\b[^.,;:!?\"“”]*$",
    re.I,
)


def _iso(m: re.Match[str], c: _Ctx) -> _Result:
    v = _day(int(m["y"]), int(m["m"]), int(m["d"]))
    return (v, "day") if v else None


def _dots(m: re.Match[str], c: _Ctx) -> _Result:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not 1000 <= y <= 2199:
        return None
    v = _day(y, mo, d)
    return (v, "day") if v else None


def _month_day(m: re.Match[str], c: _Ctx) -> _Result:
    mon = _month_of(m["mon"])
    d = int(m["d"])
    if not mon or not 1 <= d <= 31:
        return None
    if m["d2"] is not None and not d < int(m["d2"]) <= 31:
        return None
    if m["y"] is not None:
        y = int(m["y"])
        if not 1000 <= y <= 2199:
            return None
        v = _day(y, mon, d)
        return (v, "day") if v else None
    if _day(2000, mon, d) is None:  # no such day in any year (2000 is a leap year)
        return None
    if c.anchor is None:
        return (None, None)
    y = _year_for_month(mon, c.anchor, "default", c.ahead(m.start()))
    for back in range(9):  # February 29 walks back to a leap year
        v = _day(y - back, mon, d)
        if v:
            return (v, "day")
    return (None, None)


def _month_year(m: re.Match[str], c: _Ctx) -> _Result:
    mon = _month_of(m["mon"])
    y = int(m["y"])
    if not mon or not 1000 <= y <= 2199:
        return None
    return _vp(_month(y, mon), "month")


def _month_range(m: re.Match[str], c: _Ctx) -> _Result:
    m1, m2 = _month_of(m["m1"]), _month_of(m["m2"])
    if not m1 or not m2 or m1 == m2:
        return None
    sep = m["sep"].lower()
    if sep == "and" and not _BETWEEN_BEFORE.search(c.before(m.start())):
        return None
    wrap = 1 if m1 > m2 else 0  # "December-February 2025" starts in 2024
    if m["y"] is not None:
        y = int(m["y"])
        if not 1000 <= y <= 2199:
            return None
        return _vp(_month(y - wrap, m1), "month")
    if c.anchor is None:
        return (None, None)
    y2 = _year_for_month(m2, c.anchor, "default", c.future)
    return _vp(_month(y2 - wrap, m1), "month")


_BARE_MODE = {"last": "last", "next": "next", "this": "this", "earlier": "earlier"}


def _bare_month(m: re.Match[str], c: _Ctx) -> _Result:
    mon = _month_of(m["mon"])
    mod = (m["mod"] or "").lower().split()
    ry = (m["ry"] or "").lower()
    name = m["mon"].lower()
    if not mod and not ry:
        before = c.before(m.start())
        strict = name in ("may", "march")
        trig = _STRICT_MONTH_TRIGGER if strict else _MONTH_TRIGGER
        if not (trig.search(before) or _AFTER_MID.search(before)):
            return None
    if c.anchor is None:
        return (None, None)
    if ry:
        y = c.anchor.year + {"this": 0, "last": -1, "next": 1}[ry]
    else:
        mode = _BARE_MODE.get(mod[0], "default") if mod else "default"
        if mod and mod[0] == "later":
            mode = "later"
        y = _year_for_month(mon, c.anchor, mode, c.ahead(m.start()))
    return _vp(_month(y, mon), "month")


def _year_mod(m: re.Match[str], c: _Ctx) -> _Result:
    y = int(m["y"])
    if not 1000 <= y <= 2199:
        return None
    return _vp(_year(y), "year")


def _season_year(m: re.Match[str], c: _Ctx) -> _Result:
    y = int(m["y"])
    if not 1000 <= y <= 2199:
        return None
    return _vp(_year(y), "year")


def _season_rel(m: re.Match[str], c: _Ctx) -> _Result:
    if c.anchor is None:
        return (None, None)
    rel = m["rel"].lower().split()[-1]
    start = _SEASON_START[m["s"].lower()]
    a = _month_index(c.anchor)
    s0 = start - 1
    if rel == "this":
        y = c.anchor.year
    elif rel == "last":  # latest season that ended before the anchor's month
        y = (a - 3 - s0) // 12
    else:  # next: the first that starts after the anchor's month
        y = (a - s0) // 12 + 1
    return _vp(_year(y), "year")


def _decade(m: re.Match[str], c: _Ctx) -> _Result:
    return (None, None)


def _year_span(m: re.Match[str], c: _Ctx) -> _Result:
    y1 = int(m["y"])
    s2 = m["y2"]
    if not 1800 <= y1 <= 2199:
        return None
    if _COUNT_NOUN.match(c.sub, m.end()):
        return None
    y2 = int(s2) if len(s2) == 4 else y1 // 100 * 100 + int(s2)
    if y1 < y2 <= y1 + 100:
        return _vp(_year(y1), "year")
    if len(s2) == 2 and 1 <= int(s2) <= 12:  # ISO year-month, "2024-10"
        return _vp(_month(y1, int(s2)), "month")
    return None


def _bare_year(m: re.Match[str], c: _Ctx) -> _Result:
    y = int(m["y"])
    if not 1800 <= y <= 2199:
        return None
    if not _YEAR_TRIGGER.search(c.before(m.start())):
        return None
    if _COUNT_NOUN.match(c.sub, m.end()):
        return None
    return _vp(_year(y), "year")


def _deictic(m: re.Match[str], c: _Ctx) -> _Result:
    w = " ".join(m["w"].lower().split())
    if w == "today" and m["w"][0] == "T" and _PROPER_BEFORE.search(c.before(m.start())):
        return None  # a name: "Russia Today", "USA Today"
    if c.anchor is None:
        return (None, None)
    shift = {
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
        "yesterday": -1,
        "tomorrow": 1,
        "last night": -1,
    }.get(w, 0)
    return _vp(_plus(c.anchor, shift), "day")


def _rel_unit(m: re.Match[str], c: _Ctx) -> _Result:
    rel = m["rel"].lower()
    if m["mod"] is None and rel in ("last", "next") and _THE_BEFORE.search(c.before(m.start())):
        return None  # "the last year of the war", "over the next week": spans
    if c.anchor is None:
        return (None, None)
    k = {"last": -1, "this": 0, "next": 1}[rel]
    unit = m["unit"].lower()
    a = c.anchor
    if unit == "year":
        return _vp(_year(a.year + k), "year")
    if unit == "month":
        y, mo = _shift_months(a, k)
        return _vp(_month(y, mo), "month")
    try:
        monday = a - _dt.timedelta(days=a.weekday()) + _dt.timedelta(weeks=k)
        return _span_value(monday, monday + _dt.timedelta(days=6))
    except OverflowError:
        return (None, None)


def _ago(m: re.Match[str], c: _Ctx) -> _Result:
    n_s = m["n"].lower()
    n = int(n_s) if n_s.isdigit() else _NUM_WORDS.get(n_s, 0)
    if n <= 0:
        return None
    if c.anchor is None:
        return (None, None)
    unit = m["unit"].lower().rstrip("s")
    a = c.anchor
    if unit == "day":
        return _vp(_plus(a, -n), "day")
    if unit == "week":
        return _vp(_plus(a, -7 * n), "day")
    if unit == "month":
        y, mo = _shift_months(a, -n)
        return _vp(_month(y, mo), "month")
    return _vp(_year(a.year - n * (10 if unit == "decade" else 1)), "year")


def _weekday(m: re.Match[str], c: _Ctx) -> _Result:
    rel = (m["rel"] or "").lower()
    if rel in ("last", "next", "past") and _THE_BEFORE.search(c.before(m.start())):
        return None  # "the last Friday of the month"
    if not rel and _NAMED_DAY_BEFORE.search(c.before(m.start())):
        return None
    if c.anchor is None:
        return (None, None)
    wd = _WD_NUM[m["wd"].lower()]
    a = c.anchor
    today = a.weekday()
    if rel in ("last", "past"):
        delta = -((today - wd) % 7 or 7)
    elif rel in ("next", "coming"):
        delta = (wd - today) % 7 or 7
    elif rel == "this":
        delta = wd - today
    elif c.looks_ahead(m.start()):
        delta = (wd - today) % 7 or 7  # "would publish the list on Monday": the next one
    else:
        delta = -((today - wd) % 7)
    return _vp(_plus(a, delta), "day")


def _variants(words: list[str]) -> str:
    return "|".join(v for w in words for v in (w, w.capitalize(), w.upper()))


# Gates: fast patterns (a literal or a character class first, no case folding)
# that every match of a rule contains.  A rule's full pattern only runs in a
# window around its gate's hits, which keeps long texts cheap.
_GATES: dict[str, tuple[re.Pattern[str], int, int]] = {
    # name: (pattern, how far a match may start before a hit, end after it).
    # The reaches exceed the longest match each rule allows (whitespace runs
    # are bounded), plus the few characters its lookaheads read.
    "mon": (_C(_cased([m[:3] for m in _FULL_MONTHS])), 64, 64),
    "year": (_C(r"[12]\d{3}|'\d0"), 64, 24),
    "wd": (_C(_cased(_WEEKDAYS)), 16, 24),
    "rel": (
        _C(
            _variants(
                ["today", "yesterday", "tomorrow", "tonight", "night", "morning", "afternoon"]
                + ["evening", "week", "month", "year", "spring", "summer", "autumn", "winter"]
            )
        ),
        32,
        8,
    ),
    "ago": (_C(_variants(["ago"])), 40, 8),
}

# Patterns in no particular order: the longest match wins an overlap.
_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], _Ctx], _Result], str]] = [
    (_RE_ISO, _iso, "year"),
    (_RE_DOTS, _dots, "year"),
    (_RE_MDY, _month_day, "mon"),
    (_RE_DMY, _month_day, "mon"),
    (_RE_MY, _month_year, "mon"),
    (_RE_MONTH_RANGE, _month_range, "mon"),
    (_RE_BARE_MONTH, _bare_month, "mon"),
    (_RE_YEAR_MOD, _year_mod, "year"),
    (_RE_SEASON_YEAR, _season_year, "year"),
    (_RE_SEASON_REL, _season_rel, "rel"),
    (_RE_DECADE, _decade, "year"),
    (_RE_YEAR_SPAN, _year_span, "year"),
    (_RE_YEAR, _bare_year, "year"),
    (_RE_DEICTIC, _deictic, "rel"),
    (_RE_REL_UNIT, _rel_unit, "rel"),
    (_RE_AGO, _ago, "ago"),
    (_RE_WEEKDAY, _weekday, "wd"),
]


def _windows(gate: tuple[re.Pattern[str], int, int], sub: str) -> list[tuple[int, int]]:
    """Merged [lo, hi) windows around the gate's hits."""
    rx, before, after = gate
    out: list[tuple[int, int]] = []
    n = len(sub)
    for m in rx.finditer(sub):
        lo = max(0, m.start() - before)
        hi = min(n, m.end() + after)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def _as_date(anchor: object) -> _dt.date | None:
    if isinstance(anchor, _dt.datetime):
        return anchor.date()
    if isinstance(anchor, _dt.date):
        return anchor
    if isinstance(anchor, str):
        try:
            return _dt.date.fromisoformat(anchor.strip()[:10])
        except ValueError:
            return None
    return None


def _select(found: list[_Found]) -> list[_Found]:
    """Longest first; drop anything overlapping an already kept match."""
    found.sort(key=lambda f: (f[0] - f[1], f[0]))
    starts: list[int] = []
    kept: list[_Found] = []
    for f in found:
        s, e = f[0], f[1]
        i = bisect_left(starts, s)
        if i > 0 and kept[i - 1][1] > s:
            continue
        if i < len(kept) and kept[i][0] < e:
            continue
        starts.insert(i, s)
        kept.insert(i, f)
    return kept


def find_dates(
    text: str,
    anchor: _dt.date | None,
    start: int = 0,
    end: int | None = None,
    *,
    future_months: int = FUTURE_MONTHS,
) -> list[DateRef]:
    """Date expressions in ``text[start:end]``, in text order, offsets into ``text``."""
    try:
        return _find(text, _as_date(anchor), start, end, future_months)
    except Exception:  # pragma: no cover - a bug must not stop a pipeline
        return []


def _find(
    text: str, anchor: _dt.date | None, start: int, end: int | None, future: int
) -> list[DateRef]:
    if not isinstance(text, str) or not text:
        return []
    n = len(text)
    start = min(max(int(start or 0), 0), n)
    end = n if end is None else min(max(int(end), 0), n)
    if end <= start:
        return []
    sub = _fold(text[start:end])
    ctx = _Ctx(sub, anchor, future)
    n_sub = len(sub)
    windows = {name: _windows(gate, sub) for name, gate in _GATES.items()}
    found: list[_Found] = []
    for rx, handler, gate in _RULES:
        for lo, hi in windows[gate]:
            for m in rx.finditer(sub, lo, hi):
                if m.end() == hi < n_sub:
                    continue  # may have been cut short by the window
                res = handler(m, ctx)
                if res is not None:
                    found.append((m.start(), m.end(), res[0], res[1]))
    out = []
    for s, e, value, precision in _select(found):
        if e > s:
            out.append(DateRef(text[start + s : start + e], start + s, start + e, value, precision))
    return out


class DateExtractor:
    """The ``dates`` stage: ``find(text, anchor, start, end) -> list[DateRef]``."""

    def __init__(self, future_months: int = FUTURE_MONTHS) -> None:
        self.future_months = future_months

    def find(
        self, text: str, anchor: _dt.date | None, start: int = 0, end: int | None = None
    ) -> list[DateRef]:
        # In a sentence about the future ("will report in June"), a month or day
        # without a year is the next one, not the last one.
        future = self.future_months
        if _FUTURE_TENSE.search(text, start, len(text) if end is None else end):
            future = max(future, 11)
        return find_dates(text, anchor, start, end, future_months=future)


_FUTURE_TENSE = re.compile(
    r"\b(will|won't|shall|expected to|is due|are due|due to|scheduled|planned for|plans to|"
    r"is set to|are set to|going to|upcoming|next)\b",
    re.I,
)


@register("claimledger.extract.dates.v1")
def make_dates(future_months: int = FUTURE_MONTHS) -> DateExtractor:
    return DateExtractor(future_months=future_months)
