"""The briefing as Markdown: tables for who said what, every line cited."""

from __future__ import annotations

from typing import Any

from claimledger.report.data import Briefing, Citation


def _md(s: Any) -> str:
    """Table-safe text: no pipes or newlines, no raw HTML."""
    return (
        " ".join(str(s or "").split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    )


def _ref(c: Citation) -> str:
    return f"[{_md(c.source)}, {c.date}](#{c.claim})"


def _figures(claim: dict[str, Any]) -> str:
    return "; ".join(q.get("text", "") for q in claim.get("quantities", [])) or "–"


def render(b: Briefing, title: str = "Briefing") -> str:
    o = b.overview
    out = [f"# {_md(title)}", ""]
    period = " to ".join(p for p in o["period"] if p) or "undated"
    out += [
        "## Overview", "",
        f"- Documents: {o['documents']} ({o['near_duplicates']} near-duplicate copies set aside)",
        f"- Outlets: {len(o['outlets'])} ({_md(', '.join(o['outlets']))})",
        f"- Period: {period}",
        f"- Claims: {o['claims']} ({o['attributed']} attributed to a named or vague source)",
        f"- People named as speakers or in the text: {o['people']}", "",
    ]  # fmt: skip
    for heading, props in (
        ("Disputed propositions", b.disputed),
        ("Updated propositions", b.updated),
    ):
        out += [f"## {heading}", ""]
        if not props:
            out += ["None found.", ""]
        for p in props:
            out += [f"### {_md(p['label'])}", "",
                    f"Status: **{p['status']}**, {p['n_claims']} claims in {p['n_docs']} documents "
                    f"({p['first_seen'] or '?'} to {p['last_seen'] or '?'}).", "",
                    "| Speaker | Outlet | Date | Modality | Figures | Says (cited) |",
                    "|---|---|---|---|---|---|"]  # fmt: skip
            for c in p["claims"]:
                cit = c["cite"]
                out.append(f"| {_md(c['speaker_name'] or '(the outlet itself)')} | {_md(cit.outlet)} | {cit.date} | "
                           f"{c['modality']} | {_md(_figures(c))} | “{_md(cit.sentence)}” {_ref(cit)} |")  # fmt: skip
            rel = [r for r in p["relations"] if r["type"] in {"contradicts", "updates"}]
            if rel:
                out += ["", "Why:"]
                for r in rel[:6]:
                    a, bb = b.citations.get(r["a"]), b.citations.get(r["b"])
                    if a and bb:
                        out.append(f"- {_ref(a)} **{r['type']}** {_ref(bb)}: {_md(r['why'])}")
            changes = _changes(p)
            if changes:
                out += ["", "How it changed: " + " → ".join(changes)]
            out.append("")
    out += [
        "## Timeline",
        "",
        "| Date | Outlet | Speaker | Modality | Status | Claim |",
        "|---|---|---|---|---|---|",
    ]
    for r in b.timeline:
        cit = r["cite"]
        date = f"{r['date']}" + (" (event)" if r["date_kind"] == "event" else "")
        out.append(f"| {date} | {_md(r['outlet'])} | {_md(r['speaker_name'] or '–')} | {r['modality']} | "
                   f"{r['status']} | “{_md(cit.sentence)}” {_ref(cit)} |")  # fmt: skip
    out += ["", "## Entities whose attributes differ between sources", ""]
    if not b.conflicts:
        out += ["None found.", ""]
    for e in b.conflicts:
        ent = e["entity"]
        out.append(
            f"- **{_md(ent['name'])}** (also: {_md(', '.join(a for a in ent['aliases'] if a != ent['name']))})"
        )
        for c in e["conflicts"]:
            for v in c["values"]:
                srcs = ", ".join(f"{_md((e['sources'].get(d) or {}).get('outlet'))} {str((e['sources'].get(d) or {}).get('published') or '')[:10]}"
                                 for d in v["docs"])  # fmt: skip
                out.append(f"  - {c['key']}: {_md(v['value'])} (according to {srcs})")
    out += ["", "## Coverage", ""]
    cov = b.coverage
    if cov.get("matrix"):
        outs = cov["outlets"]
        out.append("| Proposition | Status | " + " | ".join(_md(o) for o in outs) + " |")
        out.append("|---|---|" + "---|" * len(outs))
        for m in cov["matrix"][:30]:
            cells = " | ".join("●" if m["outlets"][o] else "" for o in outs)
            out.append(f"| {_md(m['label'][:80])} | {m['status']} | {cells} |")
        out += ["", f"{len(cov['single_outlet'])} of {len(cov['matrix'])} propositions (carried by 2+ documents) "
                "appear in one outlet only.", ""]  # fmt: skip
    out += ["## Methods", ""] + [f"- {_md(m)}" for m in b.methods] + ["", "## Sources", ""]
    for c in sorted(b.citations.values(), key=lambda c: (c.date, c.outlet or "", c.claim)):
        url = f" <{c.url}>" if c.url and c.url.startswith(("http://", "https://")) else ""
        out += [f'<a id="{c.claim}"></a>', f"**{_md(c.source)}, {c.date}**, "
                f"“{_md(c.title)}” (document `{c.doc}`, claim `{c.claim}`){url}", "",
                f"> {_md(c.paragraph[: c.start])}**{_md(c.sentence)}**{_md(c.paragraph[c.end :])}", ""]  # fmt: skip
    return "\n".join(out) + "\n"


def _changes(p: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for t in p.get("timeline", []):
        label = f"{t['status']} ({t['date'] or 'undated'})"
        if not out or not out[-1].startswith(t["status"]):
            out.append(label)
    return out if len(out) > 1 else []
