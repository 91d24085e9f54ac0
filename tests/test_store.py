"""The SQLite store: migrations, pragmas, full-text search, content ids, near-duplicates."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimledger.ledger import Ledger
from claimledger.models import AddOptions
from claimledger.store import documents as docstore
from claimledger.store.db import migrate, migrations

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
NO_ANALYZE = AddOptions(analyze=False)

FERRY_LAST = (
    "Talks are expected to resume on Wednesday morning at the offices of the "
    "conciliation service in Harlow."
)
FERRY_BAKERY = "takings were down by roughly a third"


def article(name: str) -> str:
    return (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")


# -- migrations and pragmas ---------------------------------------------------


def test_migrations_are_recorded(ledger: Ledger) -> None:
    rows = ledger.conn.execute(
        "SELECT version, name, applied_at FROM schema_migrations ORDER BY version"
    ).fetchall()
    bundled = migrations()
    assert bundled, "no bundled migrations found"
    assert [(r[0], r[1]) for r in rows] == [(v, n) for v, n, _ in bundled]
    assert (1, "0001_documents") in [(r[0], r[1]) for r in rows]
    assert all(r[2] for r in rows)
    tables = {
        r[0] for r in ledger.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    assert {"documents", "documents_fts", "minhash", "minhash_bands"} <= tables


def test_migrations_idempotent_on_reopen(db_path: Path, write_file) -> None:
    path = write_file("ferry.txt", article("ferry_strike"))
    with Ledger(db_path) as first:
        added = first.add(str(path), NO_ANALYZE).added
        before = [
            tuple(r) for r in first.conn.execute("SELECT * FROM schema_migrations ORDER BY version")
        ]
    assert len(added) == 1
    for _ in range(2):
        with Ledger(db_path) as again:
            rows = [
                tuple(r)
                for r in again.conn.execute("SELECT * FROM schema_migrations ORDER BY version")
            ]
            assert rows == before
            assert migrate(again.conn) == []
            assert [d.id for d in again.documents()] == added


def test_journal_mode_is_wal(ledger: Ledger, db_path: Path) -> None:
    assert ledger.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    # WAL is a property of the file: a plain connection sees it too
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    finally:
        raw.close()


def test_foreign_keys_are_enforced(ledger: Ledger) -> None:
    assert ledger.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        ledger.conn.execute(
            "INSERT INTO minhash(doc_id, signature) VALUES ('no-such-document', x'00')"
        )


# -- full-text search ------------------------------------------------------------


def test_fts_search_finds_a_word(ledger: Ledger, write_file) -> None:
    ferry = write_file("ferry.txt", article("ferry_strike"))
    water = write_file("water.txt", article("reservoir"))
    result = ledger.add([str(ferry), str(water)], NO_ANALYZE)
    assert len(result.added) == 2
    ferry_id = next(d.id for d in ledger.documents() if d.origin == str(ferry))

    hits = ledger.search("wheelhouse")
    assert [d.id for d, _ in hits] == [ferry_id]
    assert "[wheelhouse]" in hits[0][1].lower()

    hits = ledger.search("bowser")
    assert len(hits) == 1 and "Greyling Moor" in hits[0][0].text
    assert ledger.search("Quillfeather") == []


# -- content-hash ids and exact duplicates -----------------------------------------


def test_same_text_twice_is_one_document(ledger: Ledger, write_file) -> None:
    text = article("reservoir")
    a = write_file("copies/evening-edition.txt", text)
    b = write_file("morning-edition.txt", text)
    # inputs are read in sorted order, whatever order they are named in
    result = ledger.add([str(b), str(a)], NO_ANALYZE)
    assert len(result.added) == 1
    assert result.duplicates == [str(b)]
    assert result.summary() == "1 added, 1 duplicates, 0 failed"
    doc = ledger.document(result.added[0])
    assert doc is not None and doc.origin == str(a)
    assert doc.id == docstore.content_id(doc.text)
    assert docstore.count(ledger.conn) == 1

    # a later run with the same content is a no-op as well
    again = ledger.add(str(b), NO_ANALYZE)
    assert again.added == [] and again.duplicates == [str(b)]
    assert docstore.count(ledger.conn) == 1


def test_whitespace_differences_give_the_same_id(ledger: Ledger, write_file) -> None:
    text = article("library")
    a = write_file("unix.txt", text)
    b = write_file("windows.txt", text.replace("\n", "\r\n"))
    result = ledger.add([str(a), str(b)], NO_ANALYZE)
    assert len(result.added) == 1
    assert len(result.duplicates) == 1


# -- near-duplicates ---------------------------------------------------------------


def test_one_sentence_changed_is_marked_near_duplicate(ledger: Ledger, write_file) -> None:
    original = article("ferry_strike")
    assert len(original.split()) >= 150
    assert FERRY_LAST in original and FERRY_BAKERY in original
    syndicated = original.replace(
        FERRY_LAST, "Both sides are due back at the negotiating table on Thursday afternoon."
    )
    second_copy = syndicated.replace(FERRY_BAKERY, "takings were down by nearly half")
    unrelated = article("reservoir")

    first = ledger.add(str(write_file("herald.txt", original)), NO_ANALYZE)
    assert len(first.added) == 1 and first.near_duplicates == []
    first_id = first.added[0]

    second = ledger.add(str(write_file("wire-copy.txt", syndicated)), NO_ANALYZE)
    assert len(second.added) == 1, "a near-duplicate is stored, not dropped"
    second_id = second.added[0]
    assert second_id != first_id
    assert ledger.document(second_id).duplicate_of == first_id
    assert second.near_duplicates == [(second_id, first_id)]
    assert "marked near-duplicate" in second.summary()

    # a copy of the copy points at the first stored version, not at the copy
    third = ledger.add(str(write_file("reprint.txt", second_copy)), NO_ANALYZE)
    assert len(third.added) == 1
    assert ledger.document(third.added[0]).duplicate_of == first_id

    other = ledger.add(str(write_file("water.txt", unrelated)), NO_ANALYZE)
    assert len(other.added) == 1 and other.near_duplicates == []
    assert ledger.document(other.added[0]).duplicate_of is None
    assert ledger.document(first_id).duplicate_of is None
