"""Main text and metadata from HTML pages, through trafilatura.

trafilatura (with htmldate) is good at finding the article body but will, when
pushed, infer a date from a URL pattern, a copyright line or the download
day.  The ledger must not guess, so a date is kept only when the page itself
states it and it is plausible (not in the future, not before 1990).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Protocol

from claimledger.models import Cleaned
from claimledger.registry import register

_MONTHS = [
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
]  # fmt: skip


class HtmlExtractor(Protocol):
    def extract(self, html: str, url: str | None = None) -> Cleaned | None: ...


def date_is_evidenced(iso: str, html: str, url: str | None = None) -> bool:
    """Whether the page or its URL states this date in a recognisable form."""
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return False
    if d.year < 1990 or d > datetime.now(UTC).date():
        return False
    hay = html.lower()
    y, m, dd = f"{d.year:04d}", f"{d.month:02d}", f"{d.day:02d}"
    month = _MONTHS[d.month - 1]
    forms = [
        f"{y}-{m}-{dd}", f"{y}/{m}/{dd}", f"{y}{m}{dd}t", f"{dd}.{m}.{y}", f"{d.day}.{d.month}.{y}",
        f"{month} {d.day}, {y}", f"{month[:3]} {d.day}, {y}", f"{d.day} {month} {y}",
        f"{d.day} {month[:3]} {y}", f"{month[:3]}. {d.day}, {y}",
    ]  # fmt: skip
    if any(f in hay for f in forms):
        return True
    # A date that only the URL carries (…/2024/10/21/slug) is a statement by the site.
    return bool(url and re.search(rf"{y}[/-]{m}[/-]{dd}", url))


def _paragraphs(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines()]
    return "\n\n".join(ln for ln in lines if ln)


class TrafilaturaExtractor:
    """Body and metadata via trafilatura; the body then goes through the cleaner."""

    def __init__(self, favor_precision: bool = False) -> None:
        self.favor_precision = favor_precision

    def extract(self, html: str, url: str | None = None) -> Cleaned | None:
        import trafilatura

        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=self.favor_precision,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
        if doc is None:
            return None
        meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)  # type: ignore[call-overload]
        text = _paragraphs(meta.get("text") or "")
        title = (meta.get("title") or "").strip() or None
        if title and text.startswith(title):
            # trafilatura repeats the headline as the first line of the body
            text = text[len(title) :].lstrip()
        published = meta.get("date")
        if published and not date_is_evidenced(published, html, meta.get("url") or url):
            published = None
        lang = _html_lang(html)
        return Cleaned(
            text=text,
            title=title,
            author=(meta.get("author") or None),
            outlet=(meta.get("sitename") or None),
            published=published,
            url=meta.get("url") or url,
            language=lang,
        )


def _html_lang(html: str) -> str | None:
    m = re.search(r"<html[^>]*\blang\s*=\s*[\"']?([a-zA-Z]{2})", html[:5000])
    return m.group(1).lower() if m else None


@register("claimledger.ingest.html.v1")
def make_html(**settings: bool) -> TrafilaturaExtractor:
    return TrafilaturaExtractor(**settings)
