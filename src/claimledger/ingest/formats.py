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

from claimledger.ingest.feeds import FeedError, looks_like_feed, parse_feed, repair_char_refs
from claimledger.ingest.fetch import AlreadyFetched
from claimledger.ingest.sources import InputError, decode_with_note, is_binary, sha256
from claimledger.models import Cleaned, DocumentIn, Failure, Note, RawInput
from claimledger.registry import Config

MIN_WORDS = 5
Result = DocumentIn | Failure | Note
ENCODING_FLAG = "encoding-repaired"
# record fields, each with the names JSON exports use for it
RECORD_FIELDS = {
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date", "datePublished"),
    "outlet": ("outlet", "source", "site_name"),
    "author": ("author", "byline"),
}


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

    def __init__(
        self,
        config: Config,
        fetch: Callable[[str], RawInput] | None = None,
        max_feed_depth: int = 2,
        max_feed_items: int = 500,
    ) -> None:
        self.cleaner = config.make("cleaner")
        self.html = config.make("html")
        self.fetch = fetch
        self.max_feed_depth = max_feed_depth
        self.max_feed_items = max_feed_items

    def parse(self, raw: RawInput, depth: int = 0) -> Iterator[Result]:
        """Candidate documents of one input, with a Failure for each part that cannot be
        used and a Note for each repair; ``depth`` counts the feeds this input was reached
        through."""
        if not raw.data.strip():
            yield Failure(raw.origin, "empty document")
            return
        if is_binary(raw.data):
            yield Failure(raw.origin, "binary file, not text")
            return
        try:
            text, repaired = decode_with_note(raw.data, raw.meta.get("charset"))
        except InputError as exc:
            yield Failure(raw.origin, str(exc))
            return
        if not text.strip():
            yield Failure(raw.origin, "empty document (only whitespace)")
            return
        if "\x00" in text:
            n = text.count("\x00")
            text = text.replace("\x00", "")
            raw.data = raw.data.replace(b"\x00", b"")
            yield Note(raw.origin, f"{n} NUL character{'s' if n != 1 else ''} removed")
        if repaired:
            yield Note(raw.origin, repaired)
        fmt = raw.format or sniff(raw, text)
        if fmt == "html" and looks_like_feed(raw.data):
            fmt = "feed"
        if fmt == "feed":
            yield from self._feed(raw, text, depth)
            return
        handler = {"text": self._text, "html": self._html, "json": self._json,
                   "jsonl": self._jsonl}[fmt]  # fmt: skip
        for item in handler(raw, text):
            if repaired and isinstance(item, DocumentIn):
                item.flags = sorted(set(item.flags) | {ENCODING_FLAG})
            yield item

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
        # a fetched page's address is where it was fetched from; what the page says of
        # itself (<link rel=canonical>) is kept beside it, never in its place
        canonical = cleaned.url if cleaned.url and cleaned.url != raw.url else None
        return DocumentIn(
            origin=origin,
            text=text,
            canonical_url=canonical,
            url=raw.url or meta.get("url") or cleaned.url,
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

    def _record(self, raw: RawInput, rec: Any, origin: str) -> Iterator[Result]:
        if not isinstance(rec, dict):
            yield Failure(origin, "JSON record is not an object")
            return
        meta: dict[str, str | None] = {}
        for key, names in RECORD_FIELDS.items():
            name, value = next(((n, rec[n]) for n in names if rec.get(n) not in (None, "")),
                               (names[0], None))  # fmt: skip
            got, why = record_field(key, value)
            if why:
                yield Note(origin, f"ignored field {name!r}: {why}")
            meta[key] = got
        sub = RawInput(origin=origin, data=raw.data, meta=meta)
        body = rec.get("text") or rec.get("body") or rec.get("content")
        html = rec.get("html")
        if isinstance(body, str) and body.strip():
            cleaned = self.cleaner.clean_body(body)
            yield self._finish(sub, cleaned, "json", origin)
        elif isinstance(html, str) and html.strip():
            got_html = self._clean_html(html, meta["url"])
            if got_html is None:
                yield Failure(origin, "no article text found in the record's html")
            else:
                yield self._finish(sub, got_html, "json", origin)
        else:
            yield Failure(origin, "record has no 'text' or 'html' field")

    def _record_safely(self, raw: RawInput, rec: Any, origin: str) -> Iterator[Result]:
        """One record, and a Failure of its own if anything in it breaks: each record
        stands alone."""
        try:
            yield from self._record(raw, rec, origin)
        except Exception as exc:
            yield Failure(origin, f"could not read the record: {exc.__class__.__name__}: {exc}")

    def _json(self, raw: RawInput, text: str) -> Iterator[Result]:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Failure(raw.origin, f"malformed JSON: {exc.msg} at line {exc.lineno}")
            return
        except RecursionError:
            yield Failure(raw.origin, "malformed JSON: nested too deeply")
            return
        records = data if isinstance(data, list) else [data]
        if not records:
            yield Failure(raw.origin, "JSON holds no records")
        for i, rec in enumerate(records, 1):
            origin = raw.origin if len(records) == 1 else f"{raw.origin}#{i}"
            yield from self._record_safely(raw, rec, origin)

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
            except RecursionError:
                yield Failure(origin, f"malformed JSON on line {lineno}: nested too deeply")
                continue
            yield from self._record_safely(raw, rec, origin)
        if n == 0:
            yield Failure(raw.origin, "JSON lines file holds no records")

    def _feed(self, raw: RawInput, text: str, depth: int = 0) -> Iterator[Result]:
        if depth >= self.max_feed_depth:
            yield Failure(raw.origin, f"a feed {depth + 1} levels down, not read"
                                      f" (limit {self.max_feed_depth}; see --max-feed-depth)")  # fmt: skip
            return
        data, bad_refs = repair_char_refs(raw.data)
        if bad_refs:
            yield Note(raw.origin, f"{bad_refs} character reference{'s' if bad_refs != 1 else ''}"
                                   " to no character replaced by U+FFFD")  # fmt: skip
        try:
            entries = parse_feed(data)
        except FeedError as exc:
            yield Failure(raw.origin, str(exc))
            return
        if len(entries) > self.max_feed_items:
            yield Note(raw.origin, f"the feed has {len(entries)} entries; read the first"
                                   f" {self.max_feed_items} (see --max-feed-items)")  # fmt: skip
            entries = entries[: self.max_feed_items]
        for i, e in enumerate(entries, 1):
            # an entry used as carried by the feed is "FEED#n"; a fetched article is its URL
            origin = f"{raw.origin}#{i}"
            if isinstance(e, FeedError):
                yield Failure(origin, str(e))
                continue
            try:
                yield from self._entry(raw, e, origin, depth)
            except Exception as exc:  # one entry's failure is its own
                yield Failure(origin, f"could not read the entry: {exc.__class__.__name__}: {exc}")

    def _entry(self, raw: RawInput, e: Any, origin: str, depth: int) -> Iterator[Result]:
        meta = {"title": e.title, "outlet": e.outlet, "author": e.author,
                "published": e.published, "url": e.link}  # fmt: skip
        if not e.has_full_text and e.link and self.fetch is not None:
            try:
                page = self.fetch(e.link)
            except AlreadyFetched as exc:
                yield Note(e.link, f"{exc}; not fetched again")
                return
            except Exception as exc:  # FetchError and friends
                # a teaser is not the article: report it rather than store it quietly
                yield Failure(e.link, f"feed entry link: {exc}")
                return
            page.meta.update({k: v for k, v in meta.items() if v and k != "url"})
            yield from self.parse(page, depth + 1)
            return
        if not e.content_html:
            yield Failure(origin, "feed entry has no content and no fetchable link")
            return
        sub = RawInput(origin=origin, data=e.content_html.encode("utf-8"), meta=meta)
        got = self._clean_html(
            f"<html><body><article>{e.content_html}</article></body></html>", e.link
        )
        if got is None:
            yield Failure(origin, "feed entry has no article text")
            return
        yield self._finish(sub, got, "feed", origin)


def record_field(key: str, value: Any) -> tuple[str | None, str | None]:
    """A record's metadata field as text, or None and why it was ignored: a number, a
    list or an object where text belongs is not turned into a title such as "nan"."""
    if value is None or value == "":
        return None, None
    if key == "author" and isinstance(value, list):
        if all(isinstance(a, str) for a in value):
            return (", ".join(a.strip() for a in value if a.strip()) or None), None
        return None, "a list with items that are not names"
    if not isinstance(value, str):
        return None, f"not text (a JSON {_json_kind(value)})"
    return value.strip() or None, None


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__
