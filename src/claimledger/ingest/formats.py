"""From raw bytes to candidate documents, one parser per format.

A container (JSON lines, a feed) yields several candidates; one bad record
becomes one failure and the others go on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from claimledger.ingest.feeds import FeedError, looks_like_feed, parse_feed
from claimledger.ingest.sources import InputError, decode, is_binary, sha256
from claimledger.models import Cleaned, DocumentIn, Failure, RawInput
from claimledger.registry import Config

MIN_WORDS = 5
Result = DocumentIn | Failure


def normalise_date(value: Any) -> str | None:
    """An ISO 8601 date or datetime from common forms; None when unsure."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return None
    s = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            return date.fromisoformat(s).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?[T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?", s):
            dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
            return dt.isoformat(timespec="minutes" if dt.second == 0 else "seconds")
        if re.fullmatch(r"\d{4}-\d{2}", s):
            return s
    except ValueError:
        return None
    try:
        dt = parsedate_to_datetime(s)
        return dt.isoformat(timespec="minutes" if dt.second == 0 else "seconds")
    except (TypeError, ValueError, IndexError):
        pass
    from claimledger.ingest.datelines import parse_date_line

    return parse_date_line(s)


def sniff(raw: RawInput, text: str) -> str:
    head = text[:2000].lstrip().lower()
    if head.startswith(("<?xml", "<rss", "<feed", "<rdf")) and looks_like_feed(raw.data):
        return "feed"
    if head.startswith(("<!doctype html", "<html")) or re.search(
        r"<(body|article|p|div)[\s>]", head
    ):
        return "html"
    if head.startswith("{") or head.startswith("["):
        stripped = text.strip()
        if "\n" in stripped and stripped.startswith("{") and not stripped.endswith("}\n"):
            lines = [ln for ln in stripped.splitlines() if ln.strip()]
            if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines[:3]):
                return "jsonl"
        return "json"
    return "text"


class Parser:
    """Turns RawInputs into DocumentIns with the configured cleaner and HTML stages."""

    def __init__(self, config: Config, fetch: Callable[[str], RawInput] | None = None) -> None:
        self.cleaner = config.make("cleaner")
        self.html = config.make("html")
        self.fetch = fetch

    def parse(self, raw: RawInput) -> Iterator[Result]:
        if not raw.data.strip():
            yield Failure(raw.origin, "empty document")
            return
        if is_binary(raw.data):
            yield Failure(raw.origin, "binary file, not text")
            return
        try:
            text = decode(raw.data, raw.meta.get("charset"))
        except InputError as exc:
            yield Failure(raw.origin, str(exc))
            return
        if not text.strip():
            yield Failure(raw.origin, "empty document (only whitespace)")
            return
        fmt = raw.format or sniff(raw, text)
        if fmt == "html" and looks_like_feed(raw.data):
            fmt = "feed"
        handler = {
            "text": self._text,
            "html": self._html,
            "json": self._json,
            "jsonl": self._jsonl,
            "feed": self._feed,
        }[fmt]
        yield from handler(raw, text)

    # -- formats ----------------------------------------------------------

    def _finish(
        self, raw: RawInput, cleaned: Cleaned, fmt: str, origin: str | None = None
    ) -> Result:
        origin = origin or raw.origin
        meta = raw.meta
        text = cleaned.text.strip()
        if len(text.split()) < MIN_WORDS:
            return Failure(origin, "no article text found")
        title = meta.get("title") or cleaned.title
        if title and not text.startswith(title):
            # Headlines carry claims ("Name, role: statement"), and every claim
            # needs offsets into the stored text, so the headline leads it.
            text = f"{title.strip()}\n\n{text}"
        return DocumentIn(
            origin=origin,
            text=text,
            url=meta.get("url") or cleaned.url or raw.url,
            outlet=meta.get("outlet") or cleaned.outlet,
            author=meta.get("author") or cleaned.author,
            title=title,
            published=normalise_date(meta.get("published")) or cleaned.published,
            language=cleaned.language,
            format=fmt,
            raw_sha256=sha256(raw.data),
            flags=list(cleaned.flags),
        )

    def _text(self, raw: RawInput, text: str) -> Iterator[Result]:
        yield self._finish(raw, self.cleaner.clean(text), "text")

    def _clean_html(self, html: str, url: str | None) -> Cleaned | None:
        got = self.html.extract(html, url)
        if got is None:
            return None
        body = self.cleaner.clean_body(got.text)
        got.text, got.flags = body.text, sorted(set(got.flags) | set(body.flags))
        got.removed = body.removed
        return got

    def _html(self, raw: RawInput, text: str) -> Iterator[Result]:
        got = self._clean_html(text, raw.url)
        if got is None:
            yield Failure(raw.origin, "no article text found in the HTML")
            return
        yield self._finish(raw, got, "html")

    def _record(self, raw: RawInput, rec: Any, origin: str) -> Result:
        if not isinstance(rec, dict):
            return Failure(origin, "JSON record is not an object")
        fields = {
            "title": rec.get("title") or rec.get("headline"),
            "url": rec.get("url") or rec.get("link"),
            "published": rec.get("published") or rec.get("date") or rec.get("datePublished"),
            "outlet": rec.get("outlet") or rec.get("source") or rec.get("site_name"),
            "author": rec.get("author") or rec.get("byline"),
        }
        if isinstance(fields["author"], list):
            fields["author"] = ", ".join(str(a) for a in fields["author"])
        meta = {k: (str(v).strip() if v is not None else None) for k, v in fields.items()}
        sub = RawInput(origin=origin, data=raw.data, url=meta["url"], meta=meta)
        body = rec.get("text") or rec.get("body") or rec.get("content")
        html = rec.get("html")
        if isinstance(body, str) and body.strip():
            cleaned = self.cleaner.clean_body(body)
            return self._finish(sub, cleaned, "json", origin)
        if isinstance(html, str) and html.strip():
            got = self._clean_html(html, meta["url"])
            if got is None:
                return Failure(origin, "no article text found in the record's html")
            return self._finish(sub, got, "json", origin)
        return Failure(origin, "record has no 'text' or 'html' field")

    def _json(self, raw: RawInput, text: str) -> Iterator[Result]:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Failure(raw.origin, f"malformed JSON: {exc.msg} at line {exc.lineno}")
            return
        records = data if isinstance(data, list) else [data]
        if not records:
            yield Failure(raw.origin, "JSON holds no records")
        for i, rec in enumerate(records, 1):
            origin = raw.origin if len(records) == 1 else f"{raw.origin}#{i}"
            yield self._record(raw, rec, origin)

    def _jsonl(self, raw: RawInput, text: str) -> Iterator[Result]:
        n = 0
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            n += 1
            origin = f"{raw.origin}#{n}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Failure(origin, f"malformed JSON on line {lineno}: {exc.msg}")
                continue
            yield self._record(raw, rec, origin)
        if n == 0:
            yield Failure(raw.origin, "JSON lines file holds no records")

    def _feed(self, raw: RawInput, text: str) -> Iterator[Result]:
        try:
            entries = parse_feed(raw.data)
        except FeedError as exc:
            yield Failure(raw.origin, str(exc))
            return
        for i, e in enumerate(entries, 1):
            # an entry used as carried by the feed is "FEED#n"; a fetched article is its URL
            origin = f"{raw.origin}#{i}"
            meta = {
                "title": e.title,
                "outlet": e.outlet,
                "author": e.author,
                "published": e.published,
                "url": e.link,
            }
            if not e.has_full_text and e.link and self.fetch is not None:
                try:
                    page = self.fetch(e.link)
                except Exception as exc:  # FetchError and friends
                    # a teaser is not the article: report it rather than store it quietly
                    yield Failure(e.link, f"feed entry link: {exc}")
                    continue
                else:
                    page.meta.update({k: v for k, v in meta.items() if v and k != "url"})
                    yield from self.parse(page)
                    continue
            if not e.content_html:
                yield Failure(origin, "feed entry has no content and no fetchable link")
                continue
            sub = RawInput(
                origin=origin, data=e.content_html.encode("utf-8"), url=e.link, meta=meta
            )
            got = self._clean_html(
                f"<html><body><article>{e.content_html}</article></body></html>", e.link
            )
            if got is None:
                yield Failure(origin, "feed entry has no article text")
                continue
            yield self._finish(sub, got, "feed", origin)
