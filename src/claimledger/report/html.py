"""The briefing as one self-contained HTML file: inline CSS and SVG, no script, works offline.

Article text is hostile input: everything from the ledger goes through
``html.escape``, and only http(s) URLs ever become links.
"""

from __future__ import annotations

from html import escape
from typing import Any

from claimledger.report.data import Briefing, Citation
from claimledger.report.svg import COLOURS, coverage_chart, timeline_chart

CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.7em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}h3{font-size:1.1em}
table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:.92em}th,td{border:1px solid #ddd;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#f6f6f6}.status{display:inline-block;padding:0 .5em;border-radius:3px;color:#fff;font-size:.85em}
blockquote{margin:.3em 0 1em;padding:.3em .8em;border-left:3px solid #ccc;background:#fafafa}
mark{background:#fff2a8}.cite{font-size:.85em;white-space:nowrap}.muted{color:#666}.src{margin-bottom:1em}
"""


def e(s: Any) -> str:
    return escape(str(s if s is not None else ""), quote=True)


def _status(s: str) -> str:
    return f'<span class="status" style="background:{COLOURS.get(s, "#7f8c8d")}">{e(s)}</span>'


def _cite(c: Citation) -> str:
    return f'<a class="cite" href="#{e(c.claim)}">{e(c.source)}, {e(c.date)}</a>'


def render(b: Briefing, title: str = "Briefing") -> str:
    o = b.overview
    period = " to ".join(p for p in o["period"] if p) or "undated"
    parts = [f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{e(title)}</title>"
             f'<meta name="viewport" content="width=device-width,initial-scale=1"><style>{CSS}</style></head><body>',
             f"<h1>{e(title)}</h1>", "<h2 id=\"overview\">Overview</h2><ul>",
             f"<li>Documents: {o['documents']} ({o['near_duplicates']} near-duplicate copies set aside)</li>",
             f"<li>Outlets: {len(o['outlets'])} ({e(', '.join(o['outlets']))})</li>",
             f"<li>Period: {e(period)}</li>",
             f"<li>Claims: {o['claims']} ({o['attributed']} attributed)</li>",
             f"<li>People: {o['people']}</li></ul>"]  # fmt: skip
    for heading, props in (
        ("Disputed propositions", b.disputed),
        ("Updated propositions", b.updated),
    ):
        parts.append(f"<h2>{e(heading)}</h2>")
        if not props:
            parts.append('<p class="muted">None found.</p>')
        for p in props:
            parts.append(f"<h3>{e(p['label'])}</h3><p>{_status(p['status'])} {p['n_claims']} claims in "
                         f"{p['n_docs']} documents, {e(p['first_seen'] or '?')} to {e(p['last_seen'] or '?')}</p>")  # fmt: skip
            parts.append("<table><tr><th>Speaker</th><th>Outlet</th><th>Date</th><th>Modality</th><th>Figures</th>"
                         "<th>Says</th></tr>")  # fmt: skip
            for c in p["claims"]:
                cit = c["cite"]
                figs = "; ".join(q.get("text", "") for q in c.get("quantities", [])) or "–"
                parts.append(f"<tr><td>{e(c['speaker_name'] or '(the outlet itself)')}</td><td>{e(cit.outlet)}</td>"
                             f"<td>{e(cit.date)}</td><td>{e(c['modality'])}</td><td>{e(figs)}</td>"
                             f"<td>“{e(cit.sentence)}” {_cite(cit)}</td></tr>")  # fmt: skip
            parts.append("</table>")
            rel = [r for r in p["relations"] if r["type"] in {"contradicts", "updates"}][:6]
            if rel:
                parts.append("<ul>")
                for r in rel:
                    a, bb = b.citations.get(r["a"]), b.citations.get(r["b"])
                    if a and bb:
                        parts.append(
                            f"<li>{_cite(a)} <strong>{e(r['type'])}</strong> {_cite(bb)}: {e(r['why'])}</li>"
                        )
                parts.append("</ul>")
    parts.append('<h2 id="timeline">Timeline</h2>')
    parts.append(timeline_chart(b.timeline))
    parts.append(
        "<table><tr><th>Date</th><th>Outlet</th><th>Speaker</th><th>Modality</th><th>Status</th><th>Claim</th></tr>"
    )
    for r in b.timeline:
        cit = r["cite"]
        date = e(r["date"]) + (
            ' <span class="muted">(event)</span>' if r["date_kind"] == "event" else ""
        )
        parts.append(f"<tr><td>{date}</td><td>{e(r['outlet'])}</td><td>{e(r['speaker_name'] or '–')}</td>"
                     f"<td>{e(r['modality'])}</td><td>{_status(r['status'])}</td><td>“{e(cit.sentence)}” {_cite(cit)}</td></tr>")  # fmt: skip
    parts.append('</table><h2 id="entities">Entities whose attributes differ between sources</h2>')
    if not b.conflicts:
        parts.append('<p class="muted">None found.</p>')
    for item in b.conflicts:
        ent = item["entity"]
        parts.append(f"<h3>{e(ent['name'])}</h3><p class=\"muted\">Also written: "
                     f"{e(', '.join(a for a in ent['aliases'] if a != ent['name']))}</p><ul>")  # fmt: skip
        for c in item["conflicts"]:
            for v in c["values"]:
                srcs = ", ".join(f"{e((item['sources'].get(d) or {}).get('outlet'))} "
                                 f"{e(str((item['sources'].get(d) or {}).get('published') or '')[:10])}" for d in v["docs"])  # fmt: skip
                parts.append(
                    f"<li>{e(c['key'])}: <strong>{e(v['value'])}</strong> according to {srcs}</li>"
                )
        parts.append("</ul>")
    parts.append('<h2 id="coverage">Coverage</h2>')
    parts.append(coverage_chart(b.coverage))
    cov = b.coverage
    if cov.get("matrix"):
        parts.append(f"<p>{len(cov['single_outlet'])} of {len(cov['matrix'])} propositions carried by two or more "
                     "documents appear in one outlet only.</p>")  # fmt: skip
    parts.append(
        '<h2 id="methods">Methods</h2><ul>'
        + "".join(f"<li>{e(m)}</li>" for m in b.methods)
        + "</ul>"
    )
    parts.append('<h2 id="sources">Sources</h2>')
    for c in sorted(b.citations.values(), key=lambda c: (c.date, c.outlet or "", c.claim)):
        link = (f' <a href="{e(c.url)}" rel="noreferrer noopener">original</a>'
                if c.url and c.url.lower().startswith(("http://", "https://")) else "")  # fmt: skip
        parts.append(f'<div class="src" id="{e(c.claim)}"><strong>{e(c.source)}, {e(c.date)}</strong>, '
                     f"“{e(c.title)}” <span class=\"muted\">(document {e(c.doc)}, claim {e(c.claim)})</span>{link}"
                     f"<blockquote>{e(c.paragraph[: c.start])}<mark>{e(c.sentence)}</mark>{e(c.paragraph[c.end :])}</blockquote></div>")  # fmt: skip
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
