"""The `add` job: inputs in, one transaction per stored document.

Parsing and analysis happen outside the write transaction, in batches, so the
NLP model sees several documents at once; each document and everything
derived from it are then written in a single transaction, so a crash or a
kill never leaves half a document behind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any, Protocol

from claimledger.ingest.fetch import Fetcher, FetchError, FetchOptions
from claimledger.ingest.formats import Parser, normalise_date
from claimledger.ingest.sources import InputError, Source, expand, read_source
from claimledger.models import (
    AddOptions,
    AddResult,
    Document,
    DocumentIn,
    Failure,
    Note,
    RawInput,
)
from claimledger.registry import Config
from claimledger.store import documents as docstore
from claimledger.store.db import transaction

BATCH = 16


class OptionsError(ValueError):
    """An option of the run is invalid (the only error ``add`` raises; inputs never do)."""


class Analyzer(Protocol):
    """What runs on new documents before they are written (claim extraction)."""

    def prepare(self, docs: list[Document]) -> list[Any]: ...

    def write(self, conn: sqlite3.Connection, doc: Document, prepared: Any) -> None: ...


def _after_insert(doc_id: str) -> None:
    """Test seam: called inside each document's transaction, after the row is written."""


class Ingestor:
    def __init__(
        self,
        conn: sqlite3.Connection,
        config: Config | None = None,
        options: AddOptions | None = None,
        analyzer: Analyzer | None = None,
    ) -> None:
        self.conn = conn
        self.config = config or Config()
        self.options = options or AddOptions()
        self.fetcher = Fetcher(
            FetchOptions(
                timeout=self.options.timeout,
                max_bytes=self.options.max_bytes,
                max_redirects=self.options.max_redirects,
                max_requests=self.options.max_requests,
            )
        )
        fetch = self.fetcher.fetch if self.options.follow_feeds else None
        self.parser = Parser(
            self.config,
            fetch=fetch,
            max_feed_depth=self.options.max_feed_depth,
            max_feed_items=self.options.max_feed_items,
        )
        self.language = self.config.make("language")
        self.dedup = self.config.make("dedup")
        self.analyzer = analyzer
        if analyzer is not None and hasattr(analyzer, "time_budget"):
            analyzer.time_budget = self.options.time_budget or None
        if self.options.published and normalise_date(self.options.published) is None:
            raise OptionsError(f"--published: not an ISO date: {self.options.published!r}")

    # -- driving ------------------------------------------------------------

    def run(self, inputs: list[str]) -> AddResult:
        result = AddResult()
        sources, bad = expand(inputs, self.options.recursive)
        for origin, reason in bad:
            self._fail(result, Failure(origin, reason))
        if self.options.on_total:
            self.options.on_total(len(sources))
        batch: list[DocumentIn] = []
        try:
            for src in sources:
                for item in self._parse_source(src):
                    if isinstance(item, Failure):
                        self._fail(result, item)
                    elif isinstance(item, Note):
                        self._note(result, item)
                    else:
                        batch.append(item)
                if len(batch) >= BATCH:
                    self._flush(batch, result)
                    batch = []
                if self.options.on_progress:
                    self.options.on_progress(src.origin)
            self._flush(batch, result)
        finally:
            self.fetcher.close()
        return result

    def _note(self, result: AddResult, note: Note) -> None:
        result.notes.append(note)
        if self.options.on_note:
            self.options.on_note(note)

    def _fail(self, result: AddResult, failure: Failure) -> None:
        result.failed.append(failure)
        if self.options.on_failure:
            self.options.on_failure(failure)

    def _parse_source(self, src: Source) -> Iterator[DocumentIn | Failure | Note]:
        try:
            raw = self._read(src)
        except (InputError, FetchError) as exc:
            yield Failure(src.origin, str(exc))
            return
        try:
            yield from self.parser.parse(raw)
        except Exception as exc:  # a parser bug must not stop the batch
            yield Failure(src.origin, f"could not parse: {exc.__class__.__name__}: {exc}")

    def _read(self, src: Source) -> RawInput:
        if src.kind == "url":
            raw = self.fetcher.fetch(src.origin)
            from claimledger.ingest.sources import format_from_content_type, format_from_name

            raw.format = format_from_content_type(raw.content_type) or format_from_name(
                raw.url or ""
            )
            if raw.format == "text" and raw.data.lstrip()[:1] == b"<":
                raw.format = None  # servers label HTML as text/plain; sniff it
            return raw
        return read_source(src, self.options.max_bytes, self.options.timeout)

    # -- storing ------------------------------------------------------------

    def _prepare(self, doc: DocumentIn) -> DocumentIn:
        o = self.options
        if o.outlet:
            doc.outlet = o.outlet
        if o.title:
            doc.title = o.title
        if o.published:
            doc.published = normalise_date(o.published)
        detected = self.language.detect(doc.text)
        doc.language = detected or doc.language
        return doc

    def _flush(self, batch: list[DocumentIn], result: AddResult) -> None:
        fresh: list[Document] = []
        seen: set[str] = set()
        for doc in batch:
            doc = self._prepare(doc)
            doc_id = docstore.content_id(doc.text)
            if doc_id in seen or docstore.exists(self.conn, doc_id):
                result.duplicates.append(doc.origin)
                continue
            seen.add(doc_id)
            fields = {k: getattr(doc, k) for k in DocumentIn.__dataclass_fields__}
            fresh.append(Document(**fields, id=doc_id))
        if not fresh:
            return
        prepared: list[Any] = [None] * len(fresh)
        if self.analyzer is not None:
            try:
                prepared = self.analyzer.prepare(fresh)
            except Exception:  # one document's failure must not cost the batch
                prepared = [self._prepare_one(doc, result) for doc in fresh]
        for doc, prep in zip(fresh, prepared, strict=True):
            self._store(doc, prep, result)

    def _prepare_one(self, doc: Document, result: AddResult) -> Any:
        assert self.analyzer is not None
        try:
            return self.analyzer.prepare([doc])[0]
        except Exception as exc:
            self._note(result, Note(doc.origin, f"stored without claims: analysis failed"
                                                f" ({exc.__class__.__name__}: {exc})"))  # fmt: skip
            return None

    def _store(self, doc: Document, prepared: Any, result: AddResult) -> None:
        try:
            added = self._write(doc, prepared, result)
        except sqlite3.Error as exc:
            self._fail(result, Failure(doc.origin, f"database error: {exc}"))
            return
        except Exception as exc:  # writing its claims failed: the document still lands
            if prepared is None:
                raise
            self._note(result, Note(doc.origin, f"stored without claims: analysis failed"
                                                f" ({exc.__class__.__name__}: {exc})"))  # fmt: skip
            self._store(doc, None, result)
            return
        if added and getattr(prepared, "incomplete", False):
            budget = getattr(self.analyzer, "time_budget", None)
            self._note(result, Note(doc.origin, f"analysis stopped at its time budget ({budget:g}s);"
                                                f" stored with {len(prepared.claims)} claims, flagged"
                                                " analysis-incomplete (see --time-budget)"))  # fmt: skip

    def _write(self, doc: Document, prepared: Any, result: AddResult) -> bool:
        """One document and all derived from it in one transaction; False if already there."""
        sig = self.dedup.signature(doc.text)
        buckets = self.dedup.buckets(sig) if sig else []
        with transaction(self.conn):
            if docstore.exists(self.conn, doc.id):
                result.duplicates.append(doc.origin)
                return False
            dup_of = self._near_duplicate(sig, buckets)
            stored = docstore.insert(self.conn, doc, doc.id, duplicate_of=dup_of)
            _after_insert(doc.id)
            if sig:
                docstore.store_signature(self.conn, doc.id, sig, buckets)
            if self.analyzer is not None and prepared is not None:
                self.analyzer.write(self.conn, stored, prepared)
        result.added.append(doc.id)
        if dup_of:
            result.near_duplicates.append((doc.id, dup_of))
        return True

    def _near_duplicate(self, sig: bytes | None, buckets: list[str]) -> str | None:
        if not sig:
            return None
        best, best_sim = None, 0.0
        for other, other_sig in docstore.candidates(self.conn, buckets).items():
            sim = self.dedup.similarity(sig, other_sig)
            if sim >= self.dedup.threshold and sim > best_sim:
                best, best_sim = other, sim
        return docstore.root_of(self.conn, best) if best else None
