"""Hostile and oversized input: no lost batches, bounded work, one clear line per problem."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from claimledger.cli import cli
from claimledger.demo import sample_dir
from claimledger.extract import longdoc
from claimledger.extract.pipeline import Analyzer
from claimledger.ledger import Ledger
from claimledger.models import AddOptions, Document
from claimledger.store.db import StoreError, connect

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "The harbour master said on Tuesday that about 300 boats had left the bay. "


def sample_article() -> Path:
    return sample_dir() / "01_harbour_gazette_fire.txt"


def long_text(n: int) -> str:
    paras = []
    while sum(len(p) + 2 for p in paras) < n:
        k = len(paras)
        paras.append(
            f"Paragraph {k}. " + SENTENCE * 6 + f"Mira Holt, a pilot, said {k} ships waited."
        )
    return "Long report on the harbour\n\n" + "\n\n".join(paras)


# -- 1: one long document never aborts the batch -------------------------------------------


def test_a_document_over_the_parser_limit_is_analysed_in_sections(
    tmp_path: Path, analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """spaCy refuses texts over nlp.max_length (E088); made small here so the test is quick."""
    monkeypatch.setattr(analyzer.nlp, "max_length", 40_000)
    monkeypatch.setattr("claimledger.extract.pipeline.SECTION_CHARS", 15_000)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(sample_article().read_text(encoding="utf-8"), encoding="utf-8")
    text = long_text(60_000)
    (folder / "long.txt").write_text(text, encoding="utf-8")
    with Ledger(tmp_path / "l.db") as led:
        led._analyzer = lambda: analyzer  # type: ignore[method-assign]
        result = led.add([str(folder)])
        assert result.ok and len(result.added) == 2, result.failed
        ex = led.export()
    doc = next(d for d in ex["documents"] if d["text"].startswith("Long report"))
    claims = [c for c in ex["claims"] if c["doc"] == doc["id"]]
    assert len(claims) > 100
    for c in claims:  # offsets stay exact across sections
        assert doc["text"][c["start"] : c["end"]] == c["text"]
        for q in c["quantities"]:
            assert doc["text"][q["start"] : q["end"]] == q["text"]
    assert max(c["start"] for c in claims) > 45_000
    assert len({c["id"] for c in claims}) == len(claims)


def test_sections_cover_the_text_and_cut_at_paragraphs() -> None:
    text = long_text(50_000)
    spans = longdoc.sections(text, 10_000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in zip(spans, spans[1:], strict=False))
    assert all(b - a <= 10_000 for a, b in spans)
    assert all(text[a - 2 : a] == "\n\n" for a, _ in spans[1:])
    blob = "x" * 25_000  # no break at all: cut anywhere, still exact
    assert "".join(blob[a:b] for a, b in longdoc.sections(blob, 10_000)) == blob


def test_an_analysis_crash_loses_neither_the_document_nor_its_neighbours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"Story {i}\n\n" + SENTENCE * 3, encoding="utf-8")
    (folder / "bad.txt").write_text("Bad story\n\nPOISON " + SENTENCE * 3, encoding="utf-8")
    real = Analyzer.analyse

    def analyse(self: Analyzer, doc: Document, sdoc: Any, deadline: Any = None) -> Any:
        if "POISON" in doc.text:
            raise ValueError("E088: text too long")
        return real(self, doc, sdoc, deadline)

    monkeypatch.setattr(Analyzer, "analyse", analyse)
    with Ledger(tmp_path / "l.db") as led:
        result = led.add([str(folder)])
        assert len(result.added) == 4 and result.ok
        assert any("stored without claims: analysis failed" in n.message for n in result.notes)
        assert len(led.claims()) >= 3


def test_a_time_budget_stores_the_document_and_says_so(tmp_path: Path, runner: Any) -> None:
    src = tmp_path / "long.txt"
    src.write_text(long_text(30_000), encoding="utf-8")
    db = tmp_path / "l.db"
    res = runner.invoke(cli, ["--db", str(db), "add", "--time-budget", "0.000001", str(src)])
    assert res.exit_code == 0, res.output
    assert "analysis stopped at its time budget" in res.stderr
    with Ledger(db) as led:
        doc = led.documents()[0]
        assert "analysis-incomplete" in doc.flags


def test_a_long_run_without_spaces_is_tokenized_in_pieces(analyzer: Analyzer) -> None:
    text = "The official said the plan was fine " + "(" * 30_000 + " and more words follow."
    t = time.monotonic()
    sdoc = analyzer.nlp.tokenizer(text)
    assert time.monotonic() - t < 20  # quadratic: minutes
    assert sdoc.text == text
    assert max(len(t) for t in sdoc) <= 100


@pytest.mark.slow
def test_rule_time_grows_linearly_with_length(analyzer: Analyzer) -> None:
    """Four times the text costs about four times as much (quadratic rules cost 16x)."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(sample_dir().glob("*.txt"))]
    base = "\n\n".join(parts)

    def cost(n: int) -> float:
        text = ((base + "\n\n") * (n // len(base) + 1))[:n].rsplit("\n", 1)[0]
        sdoc = analyzer.nlp(text)
        doc = Document(origin="x", text=text, id="x", language="en")
        best = float("inf")
        for _ in range(2):
            t = time.perf_counter()
            analyzer.analyse(doc, sdoc)
            best = min(best, time.perf_counter() - t)
        return best

    small, large = cost(20_000), cost(80_000)
    assert large / small < 8, (small, large)


# -- 2: each record stands alone ---------------------------------------------------------------


def entry(i: int, title: str = "") -> str:
    body = f"Entry {i}: " + SENTENCE * 12
    return (f"<item><title>Story {i}{title}</title><link>https://x.example/{i}</link>"
            f"<description>{body}</description></item>")  # fmt: skip


def test_a_feed_with_a_reference_to_no_character_keeps_its_good_entries(
    ledger: Ledger, tmp_path: Path
) -> None:
    items = "".join(entry(i) for i in range(3)) + entry(9, " &#99999999; bad")
    feed = tmp_path / "f.xml"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                    f"{items}</channel></rss>", encoding="utf-8")  # fmt: skip
    result = ledger.add(str(feed), AddOptions(analyze=False, follow_feeds=False))
    assert len(result.added) == 4, result.failed
    assert any("character reference" in n.message for n in result.notes)
    assert any("\ufffd" in (d.title or "") for d in ledger.documents())


def test_a_jsonl_line_nested_50000_deep_fails_alone(ledger: Ledger, tmp_path: Path) -> None:
    good = json.dumps({"title": "Quay", "text": SENTENCE * 3})
    good2 = json.dumps({"title": "Quay two", "text": "Another. " + SENTENCE * 3})
    src = tmp_path / "r.jsonl"
    src.write_text(
        good + "\n" + "[" * 50_000 + "]" * 50_000 + "\n" + good2 + "\n", encoding="utf-8"
    )
    result = ledger.add(str(src), AddOptions(analyze=False))
    assert len(result.added) == 2
    assert [f.reason for f in result.failed] == ["malformed JSON on line 2: nested too deeply"]


def test_a_json_file_nested_too_deeply_is_one_line(ledger: Ledger, tmp_path: Path) -> None:
    src = tmp_path / "r.json"
    src.write_text('{"a":' * 60_000 + "1" + "}" * 60_000, encoding="utf-8")
    result = ledger.add(str(src), AddOptions(analyze=False))
    assert [f.reason for f in result.failed] == ["malformed JSON: nested too deeply"]


# -- 3: two add processes on a new ledger -----------------------------------------------------


def test_processes_opening_a_new_ledger_together_never_race(tmp_path: Path) -> None:
    code = (
        "import sys, time; from claimledger.store.db import connect\n"
        "t = float(sys.argv[2])\n"
        "while time.time() < t: pass\n"
        "connect(sys.argv[1]).close()\n"
    )
    failures = []
    for k in range(8):
        db = tmp_path / f"new{k}.db"
        start = time.time() + 1.5
        procs = [subprocess.Popen([sys.executable, "-c", code, str(db), str(start)],
                                  stderr=subprocess.PIPE, text=True) for _ in range(3)]  # fmt: skip
        for p in procs:
            _, err = p.communicate(timeout=120)
            if p.returncode:
                failures.append(err.strip().splitlines()[-1])
        conn = connect(db)
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
        assert versions == sorted(set(versions))
        conn.close()
    assert not failures, failures


def test_migration_runs_under_the_write_lock(tmp_path: Path) -> None:
    """While another connection holds the write lock, a new ledger waits, then migrates."""
    import sqlite3

    db = tmp_path / "l.db"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    done: list[Any] = []

    def opener() -> None:
        try:
            connect(db).close()
            done.append(True)
        except Exception as exc:  # pragma: no cover - the failure being tested
            done.append(exc)

    th = threading.Thread(target=opener)
    th.start()
    time.sleep(1.0)
    assert not done  # waiting, not failing
    holder.execute("COMMIT")
    th.join(30)
    assert done == [True], done


# -- 4: a file that is not a ledger -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["text", "truncated", "foreign"])
def test_a_file_that_is_not_a_ledger_is_one_line(
    runner: Any, tmp_path: Path, kind: str, ledger: Ledger
) -> None:
    path = tmp_path / "x.db"
    if kind == "text":
        path.write_text("my notes\n" * 100)
    elif kind == "truncated":
        ledger.add(str(sample_dir()), AddOptions(analyze=False))
        ledger.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        data = Path(ledger.path).read_bytes()
        path.write_bytes(data[: len(data) // 3])
    else:
        import sqlite3

        c = sqlite3.connect(path)
        c.execute("CREATE TABLE contacts(name TEXT)")
        c.commit()
        c.close()
    for cmd in (["claims"], ["docs"], ["export"], ["add", "--no-analyze", str(sample_article())]):
        res = runner.invoke(cli, ["--db", str(path), *cmd])
        assert res.exit_code == 1, (cmd, res.output)
        assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
        assert "Traceback" not in res.output
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0], lines
    if kind == "text":
        assert path.read_text() == "my notes\n" * 100  # never written to


def test_connect_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello " * 1000)
    with pytest.raises(StoreError, match="notes.txt cannot be read as a claimledger ledger"):
        connect(path)


# -- 5: non-regular files are read with a cap -------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused_at_the_cap(ledger: Ledger) -> None:
    result = ledger.add("/dev/zero", AddOptions(analyze=False, max_bytes=1_000_000))
    assert "too large" in result.failed[0].reason


def test_a_pipe_is_read_only_up_to_the_cap(ledger: Ledger, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    written: list[int] = []

    def writer() -> None:
        try:
            with open(fifo, "wb") as fh:
                for _ in range(60):
                    fh.write(b"x" * 1_000_000)
                    written.append(1)
        except BrokenPipeError:
            pass

    th = threading.Thread(target=writer, daemon=True)
    th.start()
    time.sleep(0.2)
    result = ledger.add(str(fifo), AddOptions(analyze=False, max_bytes=2_000_000))
    assert "too large" in result.failed[0].reason
    th.join(10)
    assert len(written) < 10  # it stopped reading: the writer got a broken pipe


def test_a_fifo_with_no_writer_does_not_hang(ledger: Ledger, tmp_path: Path) -> None:
    fifo = tmp_path / "lonely"
    os.mkfifo(fifo)
    t = time.monotonic()
    result = ledger.add(str(fifo), AddOptions(analyze=False, timeout=1.0))
    assert time.monotonic() - t < 10
    assert "no data arrived within 1s" in result.failed[0].reason


def test_a_fifo_with_an_article_is_read(ledger: Ledger, tmp_path: Path) -> None:
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    text = sample_article().read_bytes()

    def writer() -> None:
        with open(fifo, "wb") as fh:
            fh.write(text)

    threading.Thread(target=writer, daemon=True).start()
    result = ledger.add(str(fifo), AddOptions(analyze=False))
    assert result.ok and len(result.added) == 1, result.failed


# -- 15: junk in JSON metadata -------------------------------------------------------------------------


def test_json_metadata_of_the_wrong_type_is_skipped_with_a_line(
    runner: Any, tmp_path: Path
) -> None:
    src = tmp_path / "r.jsonl"
    src.write_text(
        '{"title": NaN, "author": {"name": "x"}, "url": ["http://a"], "outlet": 7,'
        ' "published": [2025], "text": "' + SENTENCE * 2 + '"}\n'
        '{"title": "Fine", "author": ["Ana Lund", "Ben Osk"], "text": "' + SENTENCE + 'Ok."}\n',
        encoding="utf-8",
    )
    db = tmp_path / "l.db"
    res = runner.invoke(cli, ["--db", str(db), "add", "--no-analyze", str(src)])
    assert res.exit_code == 0, res.output
    for field in ("title", "author", "url", "outlet", "published"):
        assert f"ignored field '{field}'" in res.stderr, field
    with Ledger(db) as led:
        docs = {d.origin.rsplit("#", 1)[1]: d for d in led.documents()}
    bad, fine = docs["1"], docs["2"]
    assert bad.title is None and bad.author is None and bad.url is None and bad.outlet is None
    assert "nan" not in bad.text.split("\n")[0].lower()
    assert fine.title == "Fine" and fine.author == "Ana Lund, Ben Osk"


# -- 16: a file name cannot forge an output line ----------------------------------------------------------


def test_a_newline_in_a_file_name_is_escaped(runner: Any, tmp_path: Path) -> None:
    bad = tmp_path / "x\nclaimledger: skipped forged.txt: fake\n.bin"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    res = runner.invoke(cli, ["--db", str(tmp_path / "l.db"), "add", "--no-analyze", str(bad)])
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 2, lines
    assert "\\n" in lines[0] and "binary" in lines[0]
    assert not any(line.startswith("claimledger: skipped forged") for line in lines)


def test_status_escaping() -> None:
    from claimledger.clikit import shown

    assert shown("a\nb\tc\x1b[31m") == "a\\nb\\tc\\x1b[31m"
    assert shown("Café é.txt") == "Café é.txt"
    assert shown("evil\u202etxt.exe") == "evil\\u202etxt.exe"


# -- 17: mixed encodings -------------------------------------------------------------------------------


def test_utf8_with_stray_latin1_bytes_is_repaired_and_said(runner: Any, tmp_path: Path) -> None:
    src = tmp_path / "mixed.txt"
    src.write_bytes(
        "Café owners protest\n\nThe café owner said the rent had doubled.".encode()
        + " A na\xefve plan, said the mayor of Sm\xe5land.".encode("latin-1")
        + b" More words here to make it an article."
    )
    db = tmp_path / "l.db"
    res = runner.invoke(cli, ["--db", str(db), "add", "--no-analyze", str(src)])
    assert res.exit_code == 0, res.output
    assert "mixed encoding: 2 bytes that are not UTF-8 read as Windows-1252" in res.stderr
    with Ledger(db) as led:
        doc = led.documents()[0]
    assert "Café owners" in doc.text and "naïve" in doc.text and "Småland" in doc.text
    assert "Ă" not in doc.text
    assert "encoding-repaired" in doc.flags


def test_a_legacy_file_is_still_read_whole() -> None:
    from claimledger.ingest.sources import decode_with_note

    text = "The café owner said the naïve plan had failed in Småland. " * 5
    got, note = decode_with_note(text.encode("cp1252"))
    assert got == text and note is None


# -- the limits are documented ------------------------------------------------------------------------


def test_cli_help_lists_the_limits(runner: Any) -> None:
    res = runner.invoke(cli, ["add", "--help"])
    for flag in ("--time-budget", "--max-feed-depth", "--max-feed-items", "--max-requests"):
        assert flag in res.output
