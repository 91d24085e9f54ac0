"""RSS and Atom feeds: each entry becomes an article.

An entry that carries the full article (``content:encoded`` or a long
description) is used as it is; an entry with only a teaser has its linked
article fetched.  Feeds are parsed with feedparser, which copes with the many
dialects found in the wild.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

FULL_TEXT_WORDS = 120


class FeedError(Exception):
    """The data is not a usable feed."""


@dataclass
class FeedEntry:
    link: str | None
    title: str | None
    author: str | None
    published: str | None
    content_html: str | None
    outlet: str | None

    @property
    def has_full_text(self) -> bool:
        if not self.content_html:
            return False
        words = re.sub(r"<[^>]+>", " ", self.content_html).split()
        return len(words) >= FULL_TEXT_WORDS


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return bool(re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head))


def parse_feed(data: bytes) -> list[FeedEntry]:
    import feedparser

    parsed: Any = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None) or "not a feed"
        raise FeedError(f"malformed feed: {reason}")
    if not parsed.entries:
        if not parsed.get("version"):
            raise FeedError("malformed feed: no RSS or Atom structure found")
        raise FeedError("feed has no entries")
    outlet = (parsed.feed.get("title") or "").strip() or None
    out = []
    for e in parsed.entries:
        content = None
        if e.get("content"):
            content = max((c.get("value") or "" for c in e.content), key=len) or None
        summary = e.get("summary") or None
        if not content or (summary and len(summary) > len(content)):
            content = summary or content
        published = None
        for key in ("published_parsed", "updated_parsed"):
            t = e.get(key)
            if t:
                y, mo, d, h, mi, sec = t[:6]
                published = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{sec:02d}"
                break
        out.append(
            FeedEntry(
                link=e.get("link"),
                title=(e.get("title") or "").strip() or None,
                author=(e.get("author") or "").strip() or None,
                published=published,
                content_html=content,
                outlet=outlet,
            )
        )
    return out
