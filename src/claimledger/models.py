"""Plain data objects passed between the pipeline stages.

Stages take one options object and return one result dataclass, so that the
CLI, the Python API and the tests all speak the same types.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass
class RawInput:
    """Bytes as they arrived, before any parsing."""

    origin: str
    data: bytes
    url: str | None = None
    content_type: str | None = None
    # "html", "text", "json", "jsonl", "feed" or None (sniff it)
    format: str | None = None
    # metadata already known from the container (a feed entry, a JSON record)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Cleaned:
    """What a parser or cleaner made of one input: a body and its metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    # document-level flags the cleaner noticed, e.g. "opinion", "speculation-disclaimer"
    flags: list[str] = field(default_factory=list)
    # the boilerplate lines it dropped, kept for debugging and tests
    removed: list[str] = field(default_factory=list)


@dataclass
class DocumentIn:
    """A document ready to be stored."""

    origin: str
    text: str
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    format: str | None = None
    raw_sha256: str | None = None
    flags: list[str] = field(default_factory=list)
    # the URL the page names as its own (<link rel=canonical>); ``url`` is where it was got
    canonical_url: str | None = None


@dataclass
class Document(DocumentIn):
    """A stored document."""

    id: str = ""
    duplicate_of: str | None = None
    added_at: str | None = None
    story: str | None = None  # the story comparison put it in

    def to_dict(self, with_text: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "origin": self.origin,
            "url": self.url,
            "outlet": self.outlet,
            "author": self.author,
            "title": self.title,
            "published": self.published,
            "language": self.language,
            "duplicate_of": self.duplicate_of,
            "flags": list(self.flags),
            "format": self.format,
            "added_at": self.added_at,
            "canonical_url": self.canonical_url,
            "story": self.story,
        }
        if with_text:
            d["text"] = self.text
        return d


@dataclass
class Failure:
    """One input that could not be added, and why, in words a user can act on."""

    origin: str
    reason: str


@dataclass
class Note:
    """Something the user should know about an input that was still added (or skipped as
    harmless): a repaired encoding, a field ignored, a limit reached."""

    origin: str
    message: str


ProgressFn = Callable[[str], None]


@dataclass
class AddOptions:
    """Everything `add` can be told; CLI flags map one to one."""

    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0
    max_redirects: int = 5
    follow_feeds: bool = True
    analyze: bool = True
    recursive: bool = True
    # feed following: feed levels read (a feed linked from a feed is level 2), entries read
    # per feed, and HTTP requests per run; each limit reached is reported, never silent
    max_feed_depth: int = 2
    max_feed_items: int = 500
    max_requests: int = 5000
    # seconds one document's analysis may take; it is then stored with the claims found
    # so far and flagged "analysis-incomplete"; None or 0: no limit
    time_budget: float | None = 300.0
    # called once with the number of inputs found, then with each finished origin
    on_total: Callable[[int], None] | None = None
    on_progress: ProgressFn | None = None
    # called with each Failure as it happens (stderr lines)
    on_failure: Callable[[Failure], None] | None = None
    # called with each Note (an input added with a repair, a limit reached)
    on_note: Callable[[Note], None] | None = None


@dataclass
class AddResult:
    """The outcome of one `add` run."""

    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    near_duplicates: list[tuple[str, str]] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        near = (
            f" ({len(self.near_duplicates)} marked near-duplicate)" if self.near_duplicates else ""
        )
        return (
            f"{len(self.added)} added{near}, {len(self.duplicates)} duplicates, "
            f"{len(self.failed)} failed"
        )


@dataclass
class Quantity:
    """A figure found in a claim. Offsets are into the document text."""

    text: str
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    # up_to, at_least, at_most, approx, range, or None
    qualifier: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "qualifier": self.qualifier,
        }


@dataclass
class DateRef:
    """A date expression; ``value`` is ISO 8601 at ``precision``, or None if unanchored."""

    text: str
    start: int
    end: int
    value: str | None
    # "day", "month", "year", or None when value is None
    precision: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "precision": self.precision,
        }


@dataclass
class ClaimQuery:
    """Filters for listing claims; every field narrows the result."""

    doc: str | None = None
    speaker: str | None = None  # entity id, or a name matched against speaker names
    modality: str | None = None
    kind: str | None = None
    outlet: str | None = None
    text: str | None = None  # full-text query (FTS5 syntax)
    attributed_only: bool = False
    limit: int | None = 100
    offset: int = 0
