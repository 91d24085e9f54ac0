"""Briefings: a cited summary of the ledger as Markdown or self-contained HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_report(ledger: Any, path: str | Path, title: str | None = None) -> Path:
    """Write a briefing; the format follows the suffix (.md or .html)."""
    from claimledger.report import html, markdown
    from claimledger.report.data import build

    path = Path(path)
    fmt = path.suffix.lower()
    if fmt not in {".md", ".markdown", ".html", ".htm"}:
        raise ValueError(f"report: unknown format {path.suffix!r} (use .md or .html)")
    briefing = build(ledger.conn)
    title = title or "claimledger briefing"
    text = (
        html.render(briefing, title)
        if fmt in {".html", ".htm"}
        else markdown.render(briefing, title)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
