"""`claimledger add` / `analyze` / `claims` / `export` through CliRunner with extraction on.

The article is invented for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimledger.cli import cli

ARTICLE = """Mira Solberg, a hydrologist at Kettle University, inspected the Brennick dam on Sunday.

Solberg said the old sluice gates were rusting badly.

“The levee is sound and the pumps are running at full power,” Solberg said.

Solberg denied that the dam had leaked during the February storm.

The town council will vote on the repairs next week.
"""
OUTLET = "Harbour Gazette"


def invoke(runner: Any, db: Path, *args: str) -> Any:
    return runner.invoke(cli, ["--db", str(db), "-q", *args])


@pytest.fixture
def added(runner: Any, db_path: Path, write_file: Any) -> Path:
    path = write_file("dam.txt", ARTICLE)
    res = invoke(runner, db_path, "add", "--outlet", OUTLET, "--published", "2025-03-10", str(path))
    assert res.exit_code == 0, res.output
    return db_path


def claims_json(runner: Any, db: Path, *args: str) -> list[dict[str, Any]]:
    res = invoke(runner, db, "claims", "--json", *args)
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert isinstance(rows, list)
    return rows


def test_claims_table_lists_speaker(runner: Any, added: Path) -> None:
    res = invoke(runner, added, "claims")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].split() == [
        "id",
        "outlet",
        "published",
        "speaker_name",
        "cue",
        "kind",
        "modality",
        "text",
    ]
    body = "\n".join(lines[2:])
    assert "Mira Solberg" in body
    assert "rusting badly" in body
    assert OUTLET in body
    assert res.stdout == invoke(runner, added, "claims", "list").stdout


def test_claims_json(runner: Any, added: Path) -> None:
    rows = claims_json(runner, added)
    texts = [r["text"] for r in rows]
    assert "Solberg said the old sluice gates were rusting badly." in texts
    assert "The town council will vote on the repairs next week." in texts
    for r in rows:
        assert r["outlet"] == OUTLET
        assert r["published"] == "2025-03-10"
        assert r["id"] and r["doc"]
    said = next(r for r in rows if "rusting" in r["text"])
    assert said["speaker_name"] == "Mira Solberg"
    assert said["speaker"]  # an entity id
    assert said["kind"] == "indirect"
    own = next(r for r in rows if "town council" in r["text"])
    assert own["speaker"] is None and own["kind"] == "assertion"


def test_claims_filter_speaker(runner: Any, added: Path) -> None:
    rows = claims_json(runner, added, "--speaker", "Solberg")
    assert {r["speaker_name"] for r in rows} == {"Mira Solberg"}
    assert len(rows) == 3
    by_id = claims_json(runner, added, "--speaker", rows[0]["speaker"])
    assert [r["id"] for r in by_id] == [r["id"] for r in rows]
    assert claims_json(runner, added, "--speaker", "Lindqvist") == []


def test_claims_filter_modality(runner: Any, added: Path) -> None:
    rows = claims_json(runner, added, "--modality", "denied")
    assert [r["text"] for r in rows] == [
        "Solberg denied that the dam had leaked during the February storm."
    ]
    assert rows[0]["modality"] == "denied"
    bad = invoke(runner, added, "claims", "--modality", "unsure")
    assert bad.exit_code == 2


def test_claims_filter_kind_and_attributed(runner: Any, added: Path) -> None:
    quotes = claims_json(runner, added, "--kind", "direct_quote")
    assert [r["text"] for r in quotes] == [
        "“The levee is sound and the pumps are running at full power,” Solberg said."
    ]
    attributed = claims_json(runner, added, "--attributed")
    assert attributed and all(r["kind"] != "assertion" for r in attributed)
    assert len(attributed) < len(claims_json(runner, added))


def test_claims_search(runner: Any, added: Path) -> None:
    rows = claims_json(runner, added, "--search", "levee")
    assert len(rows) == 1
    assert "levee" in rows[0]["text"]
    assert claims_json(runner, added, "--search", "zeppelin") == []


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR"])
def test_claims_malformed_search(runner: Any, added: Path, query: str) -> None:
    res = invoke(runner, added, "claims", "--search", query)
    assert res.exit_code == 1
    assert "bad search query" in res.stderr
    assert "Traceback" not in res.output


def test_claims_show(runner: Any, added: Path) -> None:
    row = next(r for r in claims_json(runner, added) if "denied" in r["text"])
    res = invoke(runner, added, "claims", "show", row["id"])
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout)
    assert rec["id"] == row["id"]
    assert rec["text"] == row["text"]
    assert rec["speaker_name"] == "Mira Solberg"
    assert rec["modality"] == "denied"
    assert rec["cue"] == "denied"


def test_claims_show_unknown(runner: Any, added: Path) -> None:
    res = invoke(runner, added, "claims", "show", "cnotaclaim000000")
    assert res.exit_code == 1
    assert "no claim" in res.stderr


def test_analyze_without_arguments_is_usage_error(runner: Any, added: Path) -> None:
    res = invoke(runner, added, "analyze")
    assert res.exit_code == 2
    assert "--all" in res.stderr


def test_analyze_all_keeps_claim_ids(runner: Any, added: Path) -> None:
    before = claims_json(runner, added)
    res = invoke(runner, added, "analyze", "--all")
    assert res.exit_code == 0, res.output
    after = claims_json(runner, added)
    assert [r["id"] for r in after] == [r["id"] for r in before]
    assert after == before


def test_analyze_one_document(runner: Any, added: Path) -> None:
    before = claims_json(runner, added)
    res = invoke(runner, added, "analyze", before[0]["doc"])
    assert res.exit_code == 0, res.output
    assert claims_json(runner, added) == before


def test_add_without_analysis_then_analyze(runner: Any, db_path: Path, write_file: Any) -> None:
    path = write_file("dam.txt", ARTICLE)
    res = invoke(runner, db_path, "add", "--no-analyze", str(path))
    assert res.exit_code == 0, res.output
    assert claims_json(runner, db_path) == []
    assert invoke(runner, db_path, "analyze", "--all").exit_code == 0
    assert any(r["speaker_name"] == "Mira Solberg" for r in claims_json(runner, db_path))


def test_export_json_contract_with_claims(
    runner: Any, added: Path, tmp_path: Path, schema: dict
) -> None:
    import jsonschema

    out = tmp_path / "export.json"
    res = invoke(runner, added, "export", "--format", "json", "-o", str(out))
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert not errors, [e.message for e in errors[:5]]
    assert data["claims"]
    docs = {d["id"]: d for d in data["documents"]}
    entities = {e["id"]: e for e in data["entities"]}
    for c in data["claims"]:
        text = docs[c["doc"]]["text"]
        assert c["text"] == text[c["start"] : c["end"]]
        if c["content"] is not None:
            assert c["content"] in text
        if c["speaker"] is not None:
            assert c["speaker"] in entities
        for q in c["quantities"] + c["dates"]:
            assert text[q["start"] : q["end"]] == q["text"]
    speakers = {entities[c["speaker"]]["name"] for c in data["claims"] if c["speaker"]}
    assert "Mira Solberg" in speakers
