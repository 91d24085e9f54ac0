"""The Python API: a ledger is one SQLite file plus a stage configuration."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from claimledger.models import AddOptions, AddResult, ClaimQuery, Document
from claimledger.registry import Config
from claimledger.store import documents as docstore
from claimledger.store.db import DEFAULT_DB, connect


def default_db_path() -> str:
    return os.environ.get("CLAIMLEDGER_DB") or DEFAULT_DB


class Ledger:
    """A story's ledger.  ``Ledger(path)``; ``add``; ``documents``; ``export``."""

    def __init__(
        self, path: str | Path | None = None, config: Config | str | Path | None = None
    ) -> None:
        self.path = str(path or default_db_path())
        if not isinstance(config, Config):
            config = Config.load(config)
        self.config = config
        self._conn: sqlite3.Connection | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = connect(self.path)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest -------------------------------------------------------------

    def add(
        self, inputs: str | list[str], options: AddOptions | None = None, **overrides: Any
    ) -> AddResult:
        """Add files, folders, globs, URLs, feeds or "-" (stdin).  Never raises per input."""
        from claimledger.ingest.pipeline import Ingestor

        if isinstance(inputs, (str, Path)):
            inputs = [str(inputs)]
        opts = replace(options or AddOptions(), **overrides)
        analyzer = self._analyzer() if opts.analyze else None
        return Ingestor(self.conn, self.config, opts, analyzer=analyzer).run(list(inputs))

    def _analyzer(self) -> Any:
        try:
            from claimledger.extract.pipeline import make_analyzer
        except ImportError:
            return None
        return make_analyzer(self.config)

    # -- read ---------------------------------------------------------------

    def documents(
        self, outlet: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Document]:
        return list(docstore.iter_documents(self.conn, outlet=outlet, limit=limit, offset=offset))

    def document(self, doc_id: str) -> Document | None:
        return docstore.get(self.conn, doc_id)

    def search(self, query: str, limit: int = 50) -> list[tuple[Document, str]]:
        return docstore.search(self.conn, query, limit)

    def analyze(self, doc_ids: list[str] | None = None, on_progress: Any = None) -> int:
        """Re-run claim extraction over stored documents (all when ``doc_ids`` is None)."""
        from claimledger.extract.pipeline import analyze

        return analyze(self.conn, doc_ids, self.config, on_progress)

    def claims(self, query: ClaimQuery | None = None) -> list[dict[str, Any]]:
        """Claims as export-contract dicts, filtered by ``query``."""
        from claimledger.extract.store import find_claims

        return find_claims(self.conn, query or ClaimQuery())

    def claim(self, claim_id: str) -> dict[str, Any] | None:
        from claimledger.extract.store import get_claim

        return get_claim(self.conn, claim_id)

    # -- entities -----------------------------------------------------------

    def entities(self, type_: str | None = None) -> list[dict[str, Any]]:
        """Entities (cluster roots) with alias and claim counts, most quoted first."""
        from claimledger.link.service import listing

        return listing(self.conn, type_)

    def entity(self, ref: str) -> dict[str, Any]:
        """One entity by id, id prefix or name: aliases, attributes, conflicts, claims."""
        from claimledger.link.service import show

        return show(self.conn, ref)

    def merge_entities(self, a: str, b: str) -> str:
        """Merge B into A; the correction is kept and survives re-analysis."""
        from claimledger.link.service import merge

        return merge(self.conn, a, b)

    def split_entity(self, ref: str, aliases: list[str] | None = None) -> list[str]:
        from claimledger.link.service import split

        return split(self.conn, ref, aliases)

    def rename_entity(self, ref: str, name: str) -> str:
        from claimledger.link.service import rename

        return rename(self.conn, ref, name)

    # -- comparison ---------------------------------------------------------

    def propositions(
        self, status: str | None = None, min_docs: int = 1, limit: int | None = 200
    ) -> list[dict[str, Any]]:
        """Propositions (claims grouped across sources) with status and counts."""
        from claimledger.compare.views import list_propositions

        return list_propositions(self.conn, status, min_docs, limit)

    def proposition(self, prop_id: str) -> dict[str, Any] | None:
        """One proposition: claims, relations, the figures table and status over time."""
        from claimledger.compare.views import proposition

        return proposition(self.conn, prop_id)

    def timeline(self, prop_id: str | None = None, limit: int | None = 500) -> list[dict[str, Any]]:
        from claimledger.compare.views import timeline

        return timeline(self.conn, prop_id, limit)

    def coverage(self, min_docs: int = 1) -> dict[str, Any]:
        from claimledger.compare.views import coverage

        return coverage(self.conn, min_docs)

    # -- export -------------------------------------------------------------

    def export(self) -> dict[str, Any]:
        """The whole ledger as a dict that follows the export contract."""
        from claimledger.store.export import build_export

        return build_export(self.conn)

    def export_to(self, fp: IO[str], fmt: str = "json") -> None:
        from claimledger.store.export import write_export

        write_export(self.conn, fp, fmt)
