"""Two small inline SVG pictures for the HTML briefing: a timeline and a coverage matrix."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

COLOURS = {"disputed": "#c0392b", "updated": "#2471a3", "mixed": "#8e44ad", "corroborated": "#229954",
           "single_source": "#7f8c8d", None: "#7f8c8d"}  # fmt: skip


def _d(s: str | None) -> date | None:
    try:
        return date.fromisoformat((s or "")[:10])
    except ValueError:
        return None


def timeline_chart(rows: list[dict[str, Any]], width: int = 760) -> str:
    """Dots per claim on a date axis, one lane per outlet, coloured by proposition status."""
    pts = [(r, d) for r in rows if (d := _d(r["date"]))]
    if not pts:
        return "<p>No dated claims to chart.</p>"
    lanes = sorted({r["outlet"] or "unknown" for r, _ in pts})
    lo, hi = min(d for _, d in pts), max(d for _, d in pts)
    span = max((hi - lo).days, 1)
    left, lane_h = 170, 26
    height = 40 + lane_h * len(lanes)
    out = [f'<svg class="chart" role="img" aria-label="Timeline of claims by outlet" viewBox="0 0 {width} {height}" '
           f'width="100%" xmlns="http://www.w3.org/2000/svg">']  # fmt: skip
    for i, lane in enumerate(lanes):
        y = 20 + i * lane_h
        out.append(f'<text x="4" y="{y + 5}" font-size="12">{escape(lane[:26])}</text>')
        out.append(f'<line x1="{left}" y1="{y}" x2="{width - 10}" y2="{y}" stroke="#ddd"/>')
    for r, d in pts:
        x = left + (width - left - 20) * (d - lo).days / span
        y = 20 + lanes.index(r["outlet"] or "unknown") * lane_h
        title = escape(f"{r['date']} {r['outlet'] or ''}: {r['text'][:160]}")
        out.append(f'<a href="#{escape(r["claim"])}"><circle cx="{x:.1f}" cy="{y}" r="5" '
                   f'fill="{COLOURS.get(r.get("status"), "#7f8c8d")}"><title>{title}</title></circle></a>')  # fmt: skip
    y = height - 8
    out.append(f'<text x="{left}" y="{y}" font-size="11">{lo.isoformat()}</text>')
    out.append(f'<text x="{width - 90}" y="{y}" font-size="11">{hi.isoformat()}</text>')
    out.append("</svg>")
    return "".join(out)


def coverage_chart(cov: dict[str, Any], width: int = 760, max_rows: int = 25) -> str:
    """Outlets across, propositions down; a filled cell where an outlet carries a proposition."""
    matrix = cov.get("matrix", [])[:max_rows]
    outlets = cov.get("outlets", [])
    if not matrix or not outlets:
        return "<p>No proposition is carried by more than one document.</p>"
    left, top, cell = 330, 110, min(40, (width - 330) // max(1, len(outlets)))
    height = top + cell * len(matrix) + 10
    out = [f'<svg class="chart" role="img" aria-label="Coverage matrix: which outlet carried which proposition" '
           f'viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">']  # fmt: skip
    for j, o in enumerate(outlets):
        x = left + j * cell + cell / 2
        out.append(f'<text x="{x:.0f}" y="{top - 6}" font-size="11" transform="rotate(-45 {x:.0f} {top - 6})">'
                   f"{escape(o[:22])}</text>")  # fmt: skip
    for i, m in enumerate(matrix):
        y = top + i * cell
        out.append(
            f'<text x="4" y="{y + cell * 0.65:.0f}" font-size="11">{escape(m["label"][:52])}</text>'
        )
        for j, o in enumerate(outlets):
            n = m["outlets"].get(o, 0)
            fill = COLOURS.get(m["status"], "#7f8c8d") if n else "#f4f4f4"
            out.append(f'<rect x="{left + j * cell}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{fill}">'
                       f"<title>{escape(o)}: {n} claim(s)</title></rect>")  # fmt: skip
    out.append("</svg>")
    return "".join(out)
