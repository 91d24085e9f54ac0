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


# a numeric character reference to no character ("&#99999999;", "&#xD800;", "&#0;")
_BAD_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")
_ENTRY = re.compile(rb"<(item|entry)[\s>].*?</\1\s*>", re.S | re.I)


def repair_char_refs(data: bytes) -> tuple[bytes, int]:
    """Replace character references that name no Unicode character with U+FFFD (the
    parser would fail on the whole feed); returns the data and how many were replaced."""
    count = 0

    def fix(m: re.Match[bytes]) -> bytes:
        nonlocal count
        value = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        if value == 0 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            count += 1
            return b"&#xFFFD;"
        return m.group(0)

    if b"&#" not in data:
        return data, 0
    return _BAD_REF.sub(fix, data), count


def parse_feed(data: bytes) -> list[FeedEntry | FeedError]:
    """The feed's entries, in order.  An entry the parser cannot read becomes a
    FeedError in its place and the others stand: each record stands alone."""
    data, _ = repair_char_refs(data)
    try:
        return _parse(data)
    except FeedError:
        raise
    except Exception as exc:  # a parser crash on one entry must not lose the others
        return _parse_each(data, exc)


def _parse_each(data: bytes, exc: Exception) -> list[FeedEntry | FeedError]:
    """Each entry read on its own, inside the feed's own header and footer."""
    spans = [m.span() for m in _ENTRY.finditer(data)]
    if not spans:
        raise FeedError(f"malformed feed: {exc.__class__.__name__}: {exc}") from None
    head, foot = data[: spans[0][0]], data[spans[-1][1] :]
    out: list[FeedEntry | FeedError] = []
    for a, b in spans:
        try:
            got = _parse(head + data[a:b] + foot)
            out.extend(got[:1] or [FeedError("entry could not be read")])
        except Exception as err:  # any parser failure is this entry's alone
            out.append(FeedError(f"entry could not be read: {err.__class__.__name__}: {err}"))
    return out


def _parse(data: bytes) -> list[FeedEntry | FeedError]:
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
    out: list[FeedEntry | FeedError] = []
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
