"""The extraction quality gate: figures must not drop below the floors in eval/floors.json."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = importlib.util.spec_from_file_location("claimledger_eval_gate", ROOT / "eval" / "gate.py")
assert SPEC and SPEC.loader
gate = importlib.util.module_from_spec(SPEC)
sys.modules["claimledger_eval_gate"] = gate  # dataclasses look their module up
SPEC.loader.exec_module(gate)
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text())


def _check(name: str) -> None:
    folder = gate.corpora().get(name)
    if folder is None:
        pytest.skip(f"corpus {name!r} not present")
    figures = gate.run_corpus(name, folder).figures()
    low = {k: (v, FLOORS[name][k]) for k, v in figures.items() if v + 1e-9 < FLOORS[name].get(k, 0)}
    assert not low, f"{name}: figures below their floors (got, floor): {low}"


def test_sample_corpus_meets_floors() -> None:
    _check("sample")


def test_seed_corpus_meets_floors(seeds_dir: Path) -> None:
    _check("seeds")


HOLDOUTS = sorted(k for k in FLOORS if k.startswith("holdout"))


@pytest.mark.parametrize("name", HOLDOUTS)
def test_holdout_corpus_meets_floors(name: str) -> None:
    """Fictional stories in eval/holdout*, each first scored before any rule saw it."""
    assert (ROOT / "eval" / name).is_dir(), f"floors pinned for {name} but eval/{name} is missing"
    _check(name)


def test_scorer_counts_a_wrong_speaker_as_a_miss() -> None:
    """The gate itself must be able to fail: a wrong speaker is not a match."""
    export = {
        "documents": [
            {"id": "d", "origin": "x/a.txt", "text": "Anna Berg said the dam holds.", "title": None}
        ],
        "claims": [
            {
                "id": "c",
                "doc": "d",
                "start": 0,
                "end": 29,
                "text": "Anna Berg said the dam holds.",
                "speaker_name": "Carl Berg",
                "kind": "indirect",
                "quantities": [],
                "dates": [],
            }
        ],
    }
    gold = {
        "documents": {
            "a.txt": {
                "meta": {},
                "claims": [
                    {
                        "anchor": "the dam holds",
                        "speaker": "Anna Berg",
                        "quantities": [],
                        "dates": [],
                    }
                ],
            }
        }
    }
    sc = gate.score(export, gold)
    assert sc.attribution.tp == 0 and sc.attribution.fn == 1
    export["claims"][0]["speaker_name"] = "Anna Berg"
    assert gate.score(export, gold).attribution.tp == 1
