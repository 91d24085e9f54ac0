"""Exports: JSON (the contract in export.schema.json), JSON lines and CSV.

JSON is one object holding the whole ledger.  JSON lines has one record per
line, each tagged with its ``type``, so large ledgers stream.  CSV writes the
claims table, the view most users open in a spreadsheet.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from typing import IO, Any

from claimledger.store import documents as docstore

FORMAT = "claimledger-export/1"


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?", (name,)
    ).fetchone()
    return row is not None


def iter_documents(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    for doc in docstore.iter_documents(conn):
        yield doc.to_dict()


def iter_entities(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    if not _has_table(conn, "entities"):
        return
    from claimledger.link.store import export_entities

    yield from export_entities(conn)


def iter_claims(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    if not _has_table(conn, "claims"):
        return
    from claimledger.extract.store import export_claims

    yield from export_claims(conn)


def iter_propositions(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    if not _has_table(conn, "propositions"):
        return
    from claimledger.compare.store import export_propositions

    yield from export_propositions(conn)


def iter_relations(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    if not _has_table(conn, "relations"):
        return
    from claimledger.compare.store import export_relations

    yield from export_relations(conn)


SECTIONS = {
    "documents": iter_documents,
    "entities": iter_entities,
    "claims": iter_claims,
    "propositions": iter_propositions,
    "relations": iter_relations,
}


def build_export(conn: sqlite3.Connection) -> dict[str, Any]:
    out: dict[str, Any] = {"format": FORMAT}
    for name, fn in SECTIONS.items():
        out[name] = list(fn(conn))
    return out


def write_export(conn: sqlite3.Connection, fp: IO[str], fmt: str = "json") -> None:
    if fmt == "json":
        json.dump(build_export(conn), fp, ensure_ascii=False, indent=2)
        fp.write("\n")
    elif fmt == "jsonl":
        fp.write(json.dumps({"type": "format", "format": FORMAT}) + "\n")
        for name, fn in SECTIONS.items():
            kind = name[:-1] if name != "entities" else "entity"
            for rec in fn(conn):
                fp.write(json.dumps({"type": kind, **rec}, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        _write_csv(conn, fp)
    else:
        raise ValueError(f"unknown export format {fmt!r} (json, jsonl, csv)")


def _write_csv(conn: sqlite3.Connection, fp: IO[str]) -> None:
    """Claims with their document's metadata; documents alone when no claims exist."""
    claims = list(iter_claims(conn))
    w = csv.writer(fp)
    if not claims:
        cols = ["id", "origin", "url", "outlet", "author", "title", "published", "language",
                "duplicate_of", "flags"]  # fmt: skip
        w.writerow(cols)
        for d in iter_documents(conn):
            w.writerow([_cell(d.get(c)) for c in cols])
        return
    docs = {d["id"]: d for d in iter_documents(conn)}
    cols = ["id", "doc", "outlet", "published", "start", "end", "speaker", "speaker_text", "cue",
            "kind", "modality", "text", "quantities", "dates", "proposition"]  # fmt: skip
    w.writerow(cols)
    for c in claims:
        d = docs.get(c["doc"], {})
        row = {**c, "outlet": d.get("outlet"), "published": d.get("published")}
        w.writerow([_cell(row.get(k)) for k in cols])


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, dict)):
        return spreadsheet_safe(json.dumps(v, ensure_ascii=False))
    if isinstance(v, (int, float)):
        return str(v)
    return spreadsheet_safe(str(v))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A text cell a spreadsheet will not run as a formula (OWASP's advice: a leading
    ``= + - @``, tab or carriage return gets a single quote before it).  Numbers are
    written as numbers by the caller and never pass through here."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell
