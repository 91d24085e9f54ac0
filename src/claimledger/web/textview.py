"""Pure helpers that cut stored text into pieces for the templates.

Nothing here produces HTML: every function returns plain strings (or lists of
them) and the Jinja2 templates, with autoescape on, decide where a ``<mark>``
or an ``<a>`` goes.  Article text is hostile input and is never trusted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlencode

# markers that FTS5 highlight()/snippet() wrap matches in; split away before rendering
HL_OPEN, HL_CLOSE = "\x02", "\x03"

_PARA = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_HTTP_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`\\]+", re.IGNORECASE)


def marked_parts(s: str | None) -> list[list[Any]]:
    """``"a \\x02b\\x03 c"`` -> ``[["a ", False], ["b", True], [" c", False]]``."""
    if not s:
        return []
    out: list[list[Any]] = []
    for i, chunk in enumerate(re.split(r"[\x02\x03]", s)):
        if chunk:
            out.append([chunk, i % 2 == 1])
    return out


def clamp_span(text: str, start: Any, end: Any) -> tuple[int, int]:
    """Offsets forced into ``0 <= start <= end <= len(text)``."""
    n = len(text)
    try:
        s = max(0, min(int(start), n))
        e = max(s, min(int(end), n))
    except (TypeError, ValueError):
        return 0, 0
    return s, e


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph; paragraphs are split on blank lines."""
    out, pos = [], 0
    for m in _PARA.finditer(text):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def paragraph_around(text: str, start: Any, end: Any) -> dict[str, Any]:
    """The paragraph(s) holding ``text[start:end]``, cut into before / mark / after."""
    s, e = clamp_span(text, start, end)
    ps = 0
    for m in _PARA.finditer(text, 0, s):
        ps = m.end()
    nxt = _PARA.search(text, e)
    pe = nxt.start() if nxt else len(text)
    if ps > s:  # the claim starts inside a paragraph break (should not happen)
        ps = s
    return {
        "before": text[ps:s],
        "mark": text[s:e],
        "after": text[e:pe],
        "start": ps,
        "end": pe,
    }


def paragraphs_with_claims(
    text: str, spans: Sequence[tuple[int, int, str]]
) -> list[list[dict[str, Any]]]:
    """The text as paragraphs of segments ``{"text", "claim", "first"}``.

    ``claim`` is None outside claims; ``first`` marks a claim's first segment.

    ``spans`` are (start, end, claim id).  Where two claims overlap, the first
    one keeps the text; every claim is still listed apart by the caller.
    """
    ordered = sorted((*clamp_span(text, s, e), cid) for s, e, cid in spans)
    paras: list[list[dict[str, Any]]] = []
    seen: set[str] = set()
    i = 0
    for ps, pe in paragraph_bounds(text):
        while i < len(ordered) and ordered[i][1] <= ps:
            i += 1
        segs: list[dict[str, Any]] = []
        cursor = ps
        j = i
        while j < len(ordered) and ordered[j][0] < pe:
            s, e, cid = ordered[j]
            j += 1
            s, e = max(s, cursor), min(e, pe)
            if s >= e:
                continue
            if s > cursor:
                segs.append({"text": text[cursor:s], "claim": None, "first": False})
            segs.append({"text": text[s:e], "claim": cid, "first": cid not in seen})
            seen.add(cid)
            cursor = e
        if cursor < pe:
            segs.append({"text": text[cursor:pe], "claim": None, "first": False})
        paras.append(segs)
    return paras


def http_url(url: Any) -> str | None:
    """``url`` when it is a plain http(s) URL fit for an href, else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if _HTTP_URL.fullmatch(url) else None


def seg(value: Any) -> str:
    """One URL path segment, quoted (ids come from the data and are not trusted)."""
    return quote(str(value), safe="")


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` from ``params`` with ``changes`` applied (None or "" drops a key)."""
    merged = {**params, **changes}
    items = [(k, str(v)) for k, v in merged.items() if v not in (None, "")]
    return "?" + urlencode(items) if items else "?"


def number(value: Any) -> str:
    """4000.0 -> "4,000"; 2.5 -> "2.5"; None -> ""."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return f"{int(value):,}"
        return f"{value:,.6g}" if abs(value) < 1e15 else str(value)
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def value_range(low: Any, high: Any) -> str:
    """(100, None) -> "≥ 100"; (None, 5) -> "≤ 5"; (1, 5) -> "1–5"; (None, None) -> ""."""
    if low is not None and high is not None:
        return f"{number(low)}–{number(high)}"
    if low is not None:
        return f"≥ {number(low)}"
    if high is not None:
        return f"≤ {number(high)}"
    return ""


def short(text: Any, limit: int = 160) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"
