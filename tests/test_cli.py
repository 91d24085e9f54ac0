"""The `claimledger` command through click's CliRunner: docs, search, export, --db, --quiet."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimledger.cli import cli
from claimledger.ledger import Ledger

ARTICLES = Path(__file__).parent / "fixtures" / "articles"

STORIES = [
    ("ferry_strike", "Ferry crews walk out", "Kestrel Bay Herald", "2024-11-04"),
    ("reservoir", "Hosepipe ban for three districts", "Orrin Valley Post", "2024-08-15"),
    ("library", "Library keeps its Sunday hours", "Ashcombe Courier", "2024-09-20"),
]


def article(name: str) -> str:
    return (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")


def invoke(runner, db: Path | None, *args: str, **kw):
    pre = ["--db", str(db)] if db is not None else []
    return runner.invoke(cli, [*pre, *args], **kw)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A ledger with three JSON records added through the CLI, built once per module."""
    root = tmp_path_factory.mktemp("cli-template")
    paths = []
    for name, title, outlet, day in STORIES:
        rec = {"title": title, "outlet": outlet, "published": day, "text": article(name)}
        path = root / f"{name}.json"
        path.write_text(json.dumps(rec), encoding="utf-8")
        paths.append(str(path))
    db = root / "template.db"
    res = CliRunner().invoke(cli, ["--db", str(db), "-q", "add", "--no-analyze", *paths])
    assert res.exit_code == 0, res.output
    assert res.stderr.strip() == "3 added, 0 duplicates, 0 failed"
    with Ledger(db) as led:
        ids = {d.title: d.id for d in led.documents()}
    assert len(ids) == 3
    return db, ids


@pytest.fixture
def filled(template: tuple[Path, dict[str, str]], db_path: Path) -> dict[str, str]:
    """A private copy of the template ledger at ``db_path``; returns title -> id."""
    src, ids = template
    for suffix in ("", "-wal"):
        if Path(f"{src}{suffix}").exists():
            shutil.copyfile(f"{src}{suffix}", f"{db_path}{suffix}")
    return dict(ids)


def test_docs_table_lists_titles(runner, db_path: Path, filled: dict[str, str]) -> None:
    res = invoke(runner, db_path, "docs")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].split() == [
        "id",
        "outlet",
        "published",
        "title",
        "author",
        "language",
        "duplicate_of",
    ]
    assert set(lines[1]) <= {"-", " "}
    assert len(lines) == 2 + len(STORIES)
    for _, title, outlet, _ in STORIES:
        row = next(ln for ln in lines[2:] if filled[title] in ln)
        assert title in row and outlet in row
    # ordered by publication date
    order = [next(t for t, i in filled.items() if ln.startswith(i)) for ln in lines[2:]]
    assert order == [
        "Hosepipe ban for three districts",
        "Library keeps its Sunday hours",
        "Ferry crews walk out",
    ]
    # `docs` is `docs list`
    assert invoke(runner, db_path, "docs", "list").stdout == res.stdout


def test_docs_json(runner, db_path: Path, filled: dict[str, str]) -> None:
    res = invoke(runner, db_path, "docs", "--json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert isinstance(rows, list) and len(rows) == 3
    assert {r["id"] for r in rows} == set(filled.values())
    assert {r["title"] for r in rows} == set(filled)
    assert all("text" not in r for r in rows)
    lib = next(r for r in rows if r["title"] == "Library keeps its Sunday hours")
    assert lib["outlet"] == "Ashcombe Courier" and lib["published"] == "2024-09-20"


def test_docs_json_filters(runner, db_path: Path, filled: dict[str, str]) -> None:
    res = invoke(runner, db_path, "docs", "--json", "--outlet", "Orrin Valley Post")
    assert [r["title"] for r in json.loads(res.stdout)] == ["Hosepipe ban for three districts"]
    res = invoke(runner, db_path, "docs", "--json", "--limit", "1", "--offset", "1")
    assert [r["title"] for r in json.loads(res.stdout)] == ["Library keeps its Sunday hours"]


def test_docs_csv(runner, db_path: Path, filled: dict[str, str]) -> None:
    res = invoke(runner, db_path, "docs", "--csv")
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert rows[0] == ["id", "outlet", "published", "title", "author", "language", "duplicate_of"]
    assert len(rows) == 4
    assert {r[0] for r in rows[1:]} == set(filled.values())
    assert {r[3] for r in rows[1:]} == set(filled)


def test_docs_show_by_id_and_prefix(runner, db_path: Path, filled: dict[str, str]) -> None:
    doc_id = filled["Ferry crews walk out"]
    full = invoke(runner, db_path, "docs", "show", doc_id)
    assert full.exit_code == 0, full.output
    assert f"id: {doc_id}" in full.stdout
    assert "outlet: Kestrel Bay Herald" in full.stdout
    assert "the Marram Star, would run a reduced timetable" in full.stdout
    short = invoke(runner, db_path, "docs", "show", doc_id[:6])
    assert short.exit_code == 0, short.output
    assert short.stdout == full.stdout
    as_json = json.loads(invoke(runner, db_path, "docs", "show", "--json", doc_id[:8]).stdout)
    assert as_json["id"] == doc_id
    assert "Priya Oldcastle" in as_json["text"]


def test_docs_show_unknown_id(runner, db_path: Path, filled: dict[str, str]) -> None:
    unknown = "f" * 16 if not any(i.startswith("ffff") for i in filled.values()) else "0" * 16
    res = invoke(runner, db_path, "docs", "show", unknown)
    assert res.exit_code == 1
    assert f"no document with id '{unknown}'" in res.stderr
    assert res.stdout == ""
    assert "Traceback" not in res.output


def test_docs_show_prefix_is_literal(runner, db_path: Path, write_file) -> None:
    path = write_file("only.txt", article("wind_farm"))
    assert invoke(runner, db_path, "-q", "add", "--no-analyze", str(path)).exit_code == 0
    res = invoke(runner, db_path, "docs", "show", "____")
    assert res.exit_code == 1, res.stdout
    assert "no document with id" in res.stderr


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_export_to_file(
    runner, db_path: Path, tmp_path: Path, filled: dict[str, str], fmt: str
) -> None:
    out = tmp_path / f"out.{fmt}"
    res = invoke(runner, db_path, "export", "--format", fmt, "-o", str(out))
    assert res.exit_code == 0, res.output
    assert res.stdout == ""
    assert f"wrote {out}" in res.stderr
    content = out.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(content)
        assert data["format"] == "claimledger-export/1"
        assert {d["id"] for d in data["documents"]} == set(filled.values())
        assert all(d["text"] for d in data["documents"])
        for key in ("entities", "claims", "propositions", "relations"):
            assert isinstance(data[key], list)
    elif fmt == "jsonl":
        recs = [json.loads(ln) for ln in content.splitlines()]
        assert recs[0] == {"type": "format", "format": "claimledger-export/1"}
        docs = [r for r in recs if r["type"] == "document"]
        assert {d["id"] for d in docs} == set(filled.values())
    else:
        rows = list(csv.DictReader(io.StringIO(content)))
        assert rows, content
        assert "id" in rows[0] and "published" in rows[0]
        # without claims the CSV lists documents; with claims it lists claims of those documents
        key = "doc" if "doc" in rows[0] else "id"
        assert {r[key] for r in rows} <= set(filled.values())


def test_export_to_stdout(runner, db_path: Path, filled: dict[str, str]) -> None:
    res = invoke(runner, db_path, "export")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert len(data["documents"]) == 3


def test_export_json_matches_contract(
    runner, db_path: Path, tmp_path: Path, filled: dict[str, str], schema: dict
) -> None:
    import jsonschema

    out = tmp_path / "export.json"
    res = invoke(runner, db_path, "export", "--format", "json", "-o", str(out))
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert errors == [], [e.message for e in errors[:5]]
    # the validator itself must be able to say no
    bad = dict(data, documents=[{k: v for k, v in data["documents"][0].items() if k != "text"}])
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))


def test_search(runner, db_path: Path, filled: dict[str, str]) -> None:
    res = invoke(runner, db_path, "search", "hosepipe", "--json")
    assert res.exit_code == 0, res.output
    hits = json.loads(res.stdout)
    assert [h["id"] for h in hits] == [filled["Hosepipe ban for three districts"]]
    assert "[hosepipe" in hits[0]["snippet"].lower()
    table = invoke(runner, db_path, "search", "readathon")
    assert table.exit_code == 0
    assert filled["Library keeps its Sunday hours"] in table.stdout
    assert filled["Ferry crews walk out"] not in table.stdout
    none = invoke(runner, db_path, "search", "zeppelin", "--json")
    assert json.loads(none.stdout) == []


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR", "title:"])
def test_malformed_search_query(runner, db_path: Path, filled: dict[str, str], query: str) -> None:
    res = invoke(runner, db_path, "search", query)
    assert res.exit_code == 1, res.output
    assert "bad search query" in res.stderr
    assert "Traceback" not in res.output
    assert isinstance(res.exception, SystemExit)


def test_db_option_and_env(runner, tmp_path: Path, write_file) -> None:
    path = str(write_file("bridge.txt", article("bridge_repair")))
    by_option = tmp_path / "by-option.db"
    by_env = tmp_path / "by-env.db"
    res = runner.invoke(cli, ["--db", str(by_option), "-q", "add", "--no-analyze", path])
    assert res.exit_code == 0, res.output
    assert by_option.is_file()
    res = runner.invoke(
        cli, ["-q", "add", "--no-analyze", path], env={"CLAIMLEDGER_DB": str(by_env)}
    )
    assert res.exit_code == 0, res.output
    assert by_env.is_file()
    for db in (by_option, by_env):
        with Ledger(db) as led:
            assert len(led.documents()) == 1
    # reading through the env var sees the ledger it names
    res = runner.invoke(cli, ["docs", "--json"], env={"CLAIMLEDGER_DB": str(by_env)})
    assert len(json.loads(res.stdout)) == 1
    # --db wins over the environment
    other = tmp_path / "other.db"
    res = runner.invoke(
        cli, ["--db", str(other), "docs", "--json"], env={"CLAIMLEDGER_DB": str(by_env)}
    )
    assert res.exit_code == 0 and json.loads(res.stdout) == []


def test_quiet_prints_no_progress(runner, db_path: Path, write_file, data_dir: Path) -> None:
    for loud_name, quiet_name in [
        ("ferry_strike", "bridge_repair"),
        ("reservoir", "youth_orchestra"),
        ("library", "wind_farm"),
    ]:
        write_file(f"loud/{loud_name}.txt", article(loud_name))
        write_file(f"quiet/{quiet_name}.txt", article(quiet_name))
    loud = invoke(runner, db_path, "add", "--no-analyze", str(data_dir / "loud"))
    assert loud.exit_code == 0, loud.output
    assert "Adding" in loud.stderr, "the progress bar shows without --quiet"
    quiet = invoke(runner, db_path, "--quiet", "add", "--no-analyze", str(data_dir / "quiet"))
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr.strip().splitlines() == ["3 added, 0 duplicates, 0 failed"]
    assert quiet.stdout == ""


def test_version_and_help(runner) -> None:
    res = runner.invoke(cli, ["--version"])
    assert res.exit_code == 0 and res.stdout.startswith("claimledger, version ")
    res = runner.invoke(cli, ["add", "--help"])
    assert res.exit_code == 0 and "--no-analyze" in res.stdout


def test_demo_prints_the_briefing_and_the_serve_command(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    res = CliRunner().invoke(cli, ["--quiet", "demo", "--dir", str(out)])
    assert res.exit_code == 0, res.output
    lines = {ln.split(":", 1)[0]: ln.split(":", 1)[1].strip() for ln in res.stdout.splitlines()}
    md, html = Path(lines["Briefing (md)"]), Path(lines["Briefing (html)"])
    assert md.is_file() and html.is_file() and (out / "export.json").is_file()
    assert lines["Serve"].endswith(f"--db {out / 'claimledger.db'} serve")
    text = md.read_text(encoding="utf-8")
    for section in ("## Overview", "## Timeline", "## Coverage", "## Methods"):
        assert section in text
    assert "](#c" in text  # lines cite claims
