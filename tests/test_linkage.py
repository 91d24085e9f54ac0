"""v3 grouping: paragraph context, the ledger's background, merges and later statements."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from claimledger.compare import store as cstore
from claimledger.compare.linkage import CONTEXT_CHARS, content_words, context_of
from claimledger.ledger import Ledger
from claimledger.models import AddOptions


def test_context_is_the_paragraph_the_claim_sits_in() -> None:
    text = "Headline\n\nFirst line of the paragraph. The claim itself.\nNext paragraph."
    start = text.index("The claim")
    got = context_of(text, start, start + len("The claim itself."))
    assert got == "First line of the paragraph. The claim itself."


def test_a_long_paragraph_is_cut_around_the_claim() -> None:
    text = "x " * 2000 + "THE CLAIM." + " y" * 2000
    start = text.index("THE CLAIM")
    got = context_of(text, start, start + 10)
    assert "THE CLAIM." in got and len(got) <= CONTEXT_CHARS + 2


def test_content_words_leave_out_function_and_reporting_words() -> None:
    assert content_words("The agency said that 300 kilograms of ammonia escaped") == {
        "agency",
        "kilograms",
        "ammonia",
        "escaped",
    }


def test_topic_vectors_fall_back_to_the_sentence_vector(tmp_path: Path) -> None:
    """Ledgers built before topics were stored still group: the sentence vector stands in."""
    doc = tmp_path / "a.txt"
    doc.write_text(
        "The port authority said on Monday that 40 ships were waiting outside the harbour.\n\n"
        "The harbour master said the queue would clear by the end of the week.\n",
        encoding="utf-8",
    )
    with Ledger(tmp_path / "t.db") as led:
        led.add([str(doc)])
        conn = led.conn
        c1, c2 = [r[0] for r in conn.execute("SELECT claim FROM claim_vectors ORDER BY claim")][:2]
        a, b = np.eye(2, 384, dtype=np.float32)
        cstore.save_vectors(conn, [c1], a[None])  # no topic, as an older ledger has
        cstore.save_vectors(conn, [c2], b[None], np.full((1, 384), 0.5, dtype=np.float32))
        topics = cstore.load_vectors(conn, [c1, c2], column="topic")
        assert np.allclose(topics[c1], a) and np.allclose(topics[c2], 0.5)


def _integrity(conn: sqlite3.Connection) -> None:
    """Every grouped claim's proposition exists, and its counts match its members."""
    orphans = conn.execute(
        "SELECT COUNT(*) FROM claims c WHERE c.proposition IS NOT NULL AND NOT EXISTS"
        " (SELECT 1 FROM propositions p WHERE p.id = c.proposition)"
    ).fetchone()[0]
    assert orphans == 0
    for pid, n in conn.execute("SELECT id, n_claims FROM propositions").fetchall():
        assert n == len(cstore.members(conn, pid)), pid


@pytest.fixture(scope="module")
def sample_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from claimledger.demo import sample_dir

    path = tmp_path_factory.mktemp("v3") / "s.db"
    with Ledger(path) as led:
        led.add([str(p) for p in sorted(sample_dir().iterdir())])
    return path


def test_merges_leave_no_orphan_and_counts_hold(sample_ledger: Path) -> None:
    with Ledger(sample_ledger) as led:
        _integrity(led.conn)
        multi = led.conn.execute("SELECT COUNT(*) FROM propositions WHERE n_docs >= 3").fetchone()[
            0
        ]
        assert multi >= 3, "propositions gather claims from several outlets"


def test_the_background_is_kept_in_the_ledger(sample_ledger: Path) -> None:
    with Ledger(sample_ledger) as led:
        value, n = led.conn.execute(
            "SELECT value, n FROM compare_state WHERE key = 'background'"
        ).fetchone()
    assert 0.0 < value < 1.0 and n > 100


def test_grouping_is_the_same_on_a_second_run(sample_ledger: Path, tmp_path: Path) -> None:
    """The background's random draw is seeded by the claims: a rerun groups alike."""
    from claimledger.demo import sample_dir

    def groups(path: Path) -> set[frozenset[str]]:
        with Ledger(path) as led:
            rows = led.conn.execute(
                "SELECT proposition, id FROM claims WHERE proposition IS NOT NULL"
            ).fetchall()
        out: dict[str, set[str]] = {}
        for p, c in rows:
            out.setdefault(p, set()).add(c)
        return {frozenset(v) for v in out.values()}

    with Ledger(tmp_path / "again.db") as led:
        led.add([str(p) for p in sorted(sample_dir().iterdir())])
    assert groups(tmp_path / "again.db") == groups(sample_ledger)


def _denial_then_finding(tmp_path: Path) -> tuple[Path, Path]:
    first = tmp_path / "first.txt"
    first.write_text(
        "Fire at the Orlow fertiliser works\n\n"
        "A fire broke out at the Orlow fertiliser works on Sunday night. Firefighters "
        "brought it under control by morning.\n\n"
        "Kessling Chemicals denied that any ammonia had escaped from the works during the fire.\n",
        encoding="utf-8",
    )
    later = tmp_path / "later.txt"
    later.write_text(
        "Inspectors find ammonia leak at Orlow works\n\n"
        "The national industrial safety inspectorate said on Tuesday that about 400 "
        "kilograms of ammonia had escaped from the Orlow works during the fire.\n\n"
        "The inspectorate said the leak came from a corroded valve.\n",
        encoding="utf-8",
    )
    return first, later


def _updates(tmp_path: Path) -> list[tuple[str, str]]:
    first, later = _denial_then_finding(tmp_path)
    with Ledger(tmp_path / "u.db") as led:
        led.add([str(first)], AddOptions(outlet="Harbour Post", published="2025-03-02"))
        led.add([str(later)], AddOptions(outlet="Wire Service", published="2025-03-20"))
        ex = led.export()
        _integrity(led.conn)
    text = {c["id"]: c["text"] for c in ex["claims"]}
    return [(text[r["a"]], text[r["b"]]) for r in ex["relations"] if r["type"] == "updates"]


def test_a_later_official_finding_updates_an_earlier_denial(tmp_path: Path) -> None:
    updates = _updates(tmp_path)
    assert any("inspectorate" in a and "denied" in b for a, b in updates), updates


def test_the_update_is_found_even_when_the_two_are_not_grouped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every claim kept apart, the update still comes from the search hits."""
    from claimledger.compare.linkage import AverageLinkGrouper

    search = AverageLinkGrouper._join  # still searches (the hits are the candidates) ...

    def apart(self: AverageLinkGrouper, conn: sqlite3.Connection, me: object, kws: list) -> None:
        search(self, conn, me, kws)  # type: ignore[arg-type]
        return None  # ... but joins nothing

    monkeypatch.setattr(AverageLinkGrouper, "_join", apart)
    monkeypatch.setattr(
        AverageLinkGrouper, "_merge", lambda self, conn, placed, moved: set(placed.values())
    )
    updates = _updates(tmp_path)
    assert any("inspectorate" in a and "denied" in b for a, b in updates), updates


def test_merged_proposition_ids_lead_to_the_proposition_that_took_them_in(
    sample_ledger: Path,
) -> None:
    with Ledger(sample_ledger) as led:
        merges = led.conn.execute("SELECT old, new FROM proposition_merges").fetchall()
        live = {r[0] for r in led.conn.execute("SELECT id FROM propositions")}
        assert merges, "the sample's articles merge some propositions"
        for old, new in merges:
            assert old not in live and new in live  # chains are kept flat
            got = led.proposition(old)
            assert got is not None and got["id"] == new and got["merged_from"] == old
        assert led.proposition("p-never-existed") is None


def test_merges_stay_flat_and_never_loop(ledger: Ledger) -> None:
    """B into A, then A into B (B's id made again by its first claim): A leads to B, and B,
    live again, is not taken for merged."""
    conn = ledger.conn
    cstore.record_merge(conn, "pB", "pA")
    cstore.record_merge(conn, "pC", "pB")  # none merged into C yet: plain
    cstore.record_merge(conn, "pA", "pB")
    rows = dict(conn.execute("SELECT old, new FROM proposition_merges").fetchall())
    assert rows == {"pA": "pB", "pC": "pB"}
    assert cstore.merged_into(conn, "pB") is None
