"""Parse a publication date written as a line of text ("Oct 19, 2024 17:12").

Strict on purpose: a line that is not clearly one date gives None, because a
wrong publication date would skew every relative date in the article.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for m in names
}  # fmt: skip
_MON = r"(?P<mon>[A-Za-z]{3,9})\.?"
_DAYNAME = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = r"(?:[,\s]+(?:at\s+)?(?P<h>\d{1,2}):(?P<mi>\d{2})(?:\s*(?P<ampm>[ap]\.?m\.?))?)?"
_PATTERNS = [
    re.compile(
        rf"^{_DAYNAME}{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}}){_TIME}", re.I
    ),
    re.compile(
        rf"^{_DAYNAME}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON},?\s+(?P<y>\d{{4}}){_TIME}", re.I
    ),
    re.compile(
        r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T\s]+(?P<h>\d{2}):(?P<mi>\d{2}))?", re.I
    ),
    re.compile(rf"^(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}}){_TIME}", re.I),
]


def parse_date_line(line: str, *, trailing_ok: bool = True) -> str | None:
    """ISO date (or date and minute) for a line that states one date, else None.

    ``trailing_ok`` lets short trailers through ("17:12 207" view counters,
    "| Updated"), but never more words of running text.
    """
    s = line.strip().strip("*_|#").strip()
    s = re.sub(
        r"^(published|posted|updated|last updated|date)\s*[:\-]?\s*(on\s+)?", "", s, flags=re.I
    )
    for pat in _PATTERNS:
        m = pat.match(s)
        if not m:
            continue
        rest = s[m.end() :].strip()
        if rest and (not trailing_ok or len(rest.split()) > 3 or re.search(r"[a-z]{4,}", rest)):
            return None
        g = m.groupdict()
        if g.get("mon"):
            mon = MONTHS.get(g["mon"].lower().rstrip("."))
            if mon is None:
                return None
        else:
            mon = int(g["m"])
        try:
            d = date(int(g["y"]), mon, int(g["d"]))
        except ValueError:
            return None
        if not 1900 <= d.year <= 2100:
            return None
        if g.get("h") is not None:
            h, mi = int(g["h"]), int(g["mi"])
            ampm = (g.get("ampm") or "").lower().replace(".", "")
            if ampm == "pm" and h < 12:
                h += 12
            if ampm == "am" and h == 12:
                h = 0
            if h > 23 or mi > 59:
                return d.isoformat()
            return f"{d.isoformat()}T{h:02d}:{mi:02d}"
        return d.isoformat()
    return None
