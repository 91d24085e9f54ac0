"""Comparison under load: relations stay linear in the claims, copies fold into their first
copy, and what does not depend on the order documents arrive in is tested both ways."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from claimledger.demo import sample_dir
from claimledger.ledger import Ledger

pytestmark = pytest.mark.slow

TEMPLATE = """{head}

The relief fund set up after the mill closed has paid {n} euros to each former worker, its chair, Elsa Marrow, said on Monday.
"We expect to reach every family by {month}," Marrow said.
The union said that {k} workers were still waiting for their first payment.
Critics argued the sum was far too low for families who lost their income.
"""


def near_identical(folder: Path, n: int, vary: bool) -> None:
    rng = random.Random(7)
    for i in range(n):
        fields = {"head": f"Fund pays out ({i})", "n": 300, "month": "March", "k": 40}
        if vary:
            fields.update(n=rng.choice([300, 350, 400, 450, 500]), k=rng.randint(10, 90),
                          month=rng.choice(["March", "April", "May"]))  # fmt: skip
        (folder / f"d{i:03d}.txt").write_text(TEMPLATE.format(**fields), encoding="utf-8")


def counts(led: Ledger) -> tuple[int, int]:
    c = led.conn
    return (c.execute("SELECT count(*) FROM claims").fetchone()[0],
            c.execute("SELECT count(*) FROM relations").fetchone()[0])  # fmt: skip


def test_copies_fold_into_their_first_copy(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    near_identical(folder, 40, vary=False)
    with Ledger(tmp_path / "l.db") as led:
        assert led.add([str(folder)]).ok
        text_of = dict(led.conn.execute("SELECT id, text FROM claims").fetchall())
        pairs = led.conn.execute("SELECT a, b, why FROM relations").fetchall()
        export = led.export()
    groups: dict[str, int] = {}
    for t in text_of.values():
        groups[t] = groups.get(t, 0) + 1
    copied = {t: n for t, n in groups.items() if n >= 30}
    assert len(copied) >= 3
    for t, n in copied.items():
        among = [p for p in pairs if text_of[p[0]] == t and text_of[p[1]] == t]
        # quadratic: every copy against every copy (n * (n - 1) / 2 = 780)
        assert len(among) <= n - 1, (t[:40], n, len(among))
        assert all("(a copy)" in p[2] for p in among)
    inherited = [r for r in export["relations"] if r.get("copy_of")]
    assert all(r["why"].endswith("(as its first copy)") for r in inherited)


def test_relations_stay_linear_in_the_claims(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    near_identical(folder, 80, vary=True)
    with Ledger(tmp_path / "l.db") as led:
        assert led.add([str(folder)]).ok
        claims, relations = counts(led)
        limit = led._analyzer().grouper.o.relations  # type: ignore[attr-defined]
    assert relations <= limit * claims, (claims, relations)  # quadratic: about 14,000


def _export(paths: list[str], tmp: Path, name: str) -> dict[str, Any]:
    with Ledger(tmp / f"{name}.db") as led:
        for p in paths:  # one document at a time: the order is the one given
            assert led.add([p]).ok
        return led.export()


def test_what_does_not_depend_on_the_order_of_adding(tmp_path: Path) -> None:
    """Documents, claims and speakers are the same whatever the order; so is every relation
    between two claims that share a proposition in both orders.  The partition itself is
    built incrementally and may differ (docs/architecture.md, "Order")."""
    inputs = sorted(str(p) for p in sample_dir().iterdir() if p.is_file() and p.suffix != ".md"
                    and p.name != "README.md")  # fmt: skip
    a = _export(inputs, tmp_path, "forward")
    b = _export(inputs[::-1], tmp_path, "backward")

    def docs(ex: dict[str, Any]) -> list[Any]:
        return sorted((d["id"], d["title"], d["published"], d["text"]) for d in ex["documents"])

    def claims(ex: dict[str, Any]) -> list[Any]:
        return sorted((c["id"], c["start"], c["end"], c["kind"], c["modality"],
                       c.get("speaker_name")) for c in ex["claims"])  # fmt: skip

    assert docs(a) == docs(b)
    assert claims(a) == claims(b)

    def prop_of(ex: dict[str, Any]) -> dict[str, str]:
        return {c["id"]: c["proposition"] for c in ex["claims"] if c["proposition"]}

    pa, pb = prop_of(a), prop_of(b)

    def together(x: str, y: str) -> bool:
        return pa.get(x) == pa.get(y) is not None and pb.get(x) == pb.get(y) is not None

    def rels(ex: dict[str, Any]) -> set[tuple[str, str, str]]:
        return {(r["a"], r["b"], r["type"]) for r in ex["relations"] if together(r["a"], r["b"])}

    ra, rb = rels(a), rels(b)
    assert len(ra) > 30
    assert ra == rb


def test_one_run_builds_the_same_ledger_whatever_order_its_inputs_are_named_in(
    tmp_path: Path,
) -> None:
    inputs = sorted(str(p) for p in sample_dir().iterdir() if p.is_file() and p.name != "README.md")

    def run(paths: list[str], name: str) -> dict[str, Any]:
        with Ledger(tmp_path / f"{name}.db") as led:
            assert led.add(paths).ok
            return led.export()

    a, b = run(inputs, "forward"), run(inputs[::-1], "backward")

    def partition(ex: dict[str, Any]) -> set[frozenset[str]]:
        groups: dict[str, set[str]] = {}
        for c in ex["claims"]:
            groups.setdefault(c["proposition"] or c["id"], set()).add(c["id"])
        return {frozenset(g) for g in groups.values()}

    assert partition(a) == partition(b)
    assert {(r["a"], r["b"], r["type"]) for r in a["relations"]} == {
        (r["a"], r["b"], r["type"]) for r in b["relations"]
    }
