"""Comparison v4 (opt-in while it is measured, see docs/architecture.md): stories,
statements and questions on ledgers built with ``[stages] group = ...group.v4``."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.demo import sample_dir
from claimledger.ledger import Ledger
from claimledger.registry import Config

pytestmark = pytest.mark.slow
HOLDOUT = Path(__file__).resolve().parents[1] / "eval" / "holdout4"


def v4() -> Config:
    cfg = Config()
    cfg.stages["group"] = "claimledger.compare.group.v4"
    return cfg


def test_two_unrelated_stories_stay_apart(tmp_path: Path) -> None:
    sample = [str(p) for p in sample_dir().iterdir() if p.is_file() and p.name != "README.md"]
    other = [str(p) for p in HOLDOUT.iterdir() if p.is_file() and p.name != "README.md"]
    with Ledger(tmp_path / "l.db", config=v4()) as led:
        assert led.add(sample).ok
        assert led.add(other).ok
        conn = led.conn
        story = dict(conn.execute("SELECT origin, story FROM documents").fetchall())
        assert all(story.values())
        s_sample = {story[o] for o in sample if o in story}
        s_other = {story[o] for o in other if o in story}
        assert not s_sample & s_other
        # nothing joins two stories: a question's claims and a relation's two ends share one
        crossing = conn.execute(
            "SELECT count(*) FROM (SELECT proposition FROM claims WHERE proposition IS NOT NULL"
            " GROUP BY proposition HAVING count(DISTINCT story) > 1)"
        ).fetchone()[0]
        assert crossing == 0
        bad = conn.execute(
            "SELECT count(*) FROM relations r JOIN claims a ON a.id = r.a JOIN claims b"
            " ON b.id = r.b WHERE a.story != b.story"
        ).fetchone()[0]
        assert bad == 0


def test_no_question_holds_more_than_a_tenth_of_its_story(tmp_path: Path) -> None:
    sample = [str(p) for p in sample_dir().iterdir() if p.is_file() and p.name != "README.md"]
    with Ledger(tmp_path / "l.db", config=v4()) as led:
        assert led.add(sample).ok
        conn = led.conn
        for story, n in conn.execute("SELECT story, count(*) FROM claims GROUP BY story"):
            biggest = conn.execute(
                "SELECT max(k) FROM (SELECT count(*) AS k FROM claims WHERE story = ?"
                " AND proposition IS NOT NULL GROUP BY proposition)",
                (story,),
            ).fetchone()[0]
            assert biggest is None or biggest <= max(3, n // 10), (story, n, biggest)
        labels = [r[0] for r in conn.execute("SELECT label FROM propositions")]
        assert labels and all(
            t.startswith(("Whether ", "Number of ", "Amount in ")) for t in labels
        )
        stances = {
            r[0]
            for r in conn.execute("SELECT DISTINCT stance FROM claims WHERE stance IS NOT NULL")
        }
        assert (
            stances <= {"asserts", "denies", "hedges", "conditional", "asks"}
            and "denies" in stances
        )
